//! The sandbox speaks ECCANG TOMS (seed 001) over real HTTP: driven by requests the ECCANG
//! dialect builds, its answers read by the dialect's own parsers. It must refuse what a TOMS
//! host would refuse, hand out the tracking number only after polling, serve a real PDF
//! label, and misbehave on request like the Western Post side does.

use crate::common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rust_decimal::Decimal;
use serde_json::{Value, json};
use shipdesk::carriers::eccang::{
    self, CallFailure, EccangCreateAnswer, EccangError, LabelOptions, NumberKind,
    TrackNumberAnswer, TrackStatus,
};
use shipdesk::carriers::{
    Account, AccountSettings, Credentials, ForwarderKind, WireRequest, WireResponse,
};
use shipdesk::model::{Shipment, Text};
use shipdesk::sandbox::{DEMO_ECCANG_APP_KEY, DEMO_ECCANG_APP_TOKEN, Fault, Sandbox};

// ---------------------------------------------------------------------------------------------
// Fixtures

/// Seed 001's request example as a packer would enter it (as in tests/offline/eccang_seed.rs).
fn seed_order() -> Shipment {
    common::example_order("order-seed001.json")
}

/// The seed order under another reference.
fn order(reference: &str) -> Shipment {
    let mut order = seed_order();
    order.reference = reference.to_owned();
    order
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/eccang/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

// ---------------------------------------------------------------------------------------------
// A client made of the dialect's parts

/// The dialect's requests, sent with reqwest; the answers as the engine would see them.
struct Client {
    http: reqwest::Client,
    account: Account,
    credentials: Credentials,
}

impl Client {
    /// The sandbox's demo account.
    fn new(sandbox: &Sandbox) -> Self {
        Self::with_credentials(sandbox, DEMO_ECCANG_APP_TOKEN, DEMO_ECCANG_APP_KEY)
    }

    fn with_credentials(sandbox: &Sandbox, app_token: &str, app_key: &str) -> Self {
        Self {
            http: reqwest::Client::new(),
            // ECCANG is not a ForwarderKind yet; the pure functions do not look at the kind.
            account: Account {
                name: "ECCANG sandbox".to_owned(),
                forwarder: ForwarderKind::WesternPost,
                base_url: sandbox.base_url(),
                settings: AccountSettings::default(),
                builtin_sandbox: true,
            },
            credentials: Credentials::from_pairs([
                (eccang::APP_TOKEN, app_token),
                (eccang::APP_KEY, app_key),
            ]),
        }
    }

    /// One `callService` over HTTP.
    async fn try_call(&self, service: &str, params_json: &str) -> reqwest::Result<WireResponse> {
        let request = eccang::call_request(&self.account, &self.credentials, service, params_json)
            .unwrap_or_else(|e| panic!("request: {:?}", e.describe()));
        self.send(request).await
    }

    async fn call(&self, service: &str, params_json: &str) -> WireResponse {
        self.try_call(service, params_json)
            .await
            .unwrap_or_else(|e| panic!("{service}: no answer: {e}"))
    }

    /// Any body, posted to the SOAP endpoint as a SOAP client would.
    async fn post_raw(&self, body: impl Into<String>) -> WireResponse {
        let mut request = eccang::call_request(&self.account, &self.credentials, "x", "{}")
            .unwrap_or_else(|e| panic!("request: {:?}", e.describe()));
        request.body = body.into().into_bytes();
        self.send(request)
            .await
            .unwrap_or_else(|e| panic!("no answer: {e}"))
    }

    async fn send(&self, request: WireRequest) -> reqwest::Result<WireResponse> {
        common::send_raw(&self.http, request).await
    }

    // The services, each built and parsed by the dialect.

    async fn create(&self, order: &Shipment) -> EccangCreateAnswer {
        self.create_params(&create_params(order, &self.account))
            .await
    }

    async fn create_params(&self, params: &Value) -> EccangCreateAnswer {
        let answer = self
            .call(eccang::service::CREATE_ORDER, &params.to_string())
            .await;
        eccang::parse_create_response(&answer)
    }

    async fn track_number(&self, reference: &str) -> Result<TrackNumberAnswer, CallFailure> {
        let params = eccang::params_json(&eccang::build_track_number(reference));
        let answer = self.call(eccang::service::GET_TRACK_NUMBER, &params).await;
        eccang::parse_response(&answer)
            .map_err(CallFailure::from)
            .and_then(|json| eccang::parse_track_number(&json))
    }

    async fn label_url(&self, reference: &str) -> Result<String, CallFailure> {
        let params =
            eccang::params_json(&eccang::build_label_url(reference, LabelOptions::default()));
        let answer = self.call(eccang::service::GET_LABEL_URL, &params).await;
        eccang::parse_response(&answer)
            .map_err(CallFailure::from)
            .and_then(|json| eccang::parse_label_url(&json))
    }

    async fn cancel(&self, reference: &str) -> Result<eccang::Cancelled, CallFailure> {
        let params = eccang::params_json(&eccang::build_cancel_order(reference, None));
        let answer = self.call(eccang::service::CANCEL_ORDER, &params).await;
        eccang::parse_response(&answer)
            .map_err(CallFailure::from)
            .and_then(|json| eccang::parse_cancel_order(&json))
    }

    async fn cargo_track(
        &self,
        code: &str,
        kind: NumberKind,
    ) -> Result<Vec<eccang::CargoTrack>, CallFailure> {
        let params = eccang::params_json(&eccang::build_cargo_track(&[code], Some(kind), true));
        let answer = self.call(eccang::service::GET_CARGO_TRACK, &params).await;
        eccang::parse_response(&answer)
            .map_err(CallFailure::from)
            .and_then(|json| eccang::parse_cargo_track(&json))
    }

    async fn fee_trail(&self, order: &Shipment) -> Result<Vec<eccang::Quote>, CallFailure> {
        let params = eccang::params_json(&eccang::build_fee_trail(order, None));
        let answer = self.call(eccang::service::FEE_TRAIL, &params).await;
        eccang::parse_response(&answer)
            .map_err(CallFailure::from)
            .and_then(|json| eccang::parse_fee_trail(&json))
    }
}

/// createOrder's paramsJson for an order, as a JSON value to edit.
fn create_params(order: &Shipment, account: &Account) -> Value {
    let params = eccang::params_json(&eccang::build_create_order(order, account));
    serde_json::from_str(&params).unwrap_or_else(|e| panic!("params: {e}"))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().unwrap_or_else(|e| panic!("runtime: {e}"))
}

async fn sandbox() -> Sandbox {
    Sandbox::start(0)
        .await
        .unwrap_or_else(|e| panic!("sandbox: {e}"))
}

fn refused(answer: EccangCreateAnswer) -> EccangError {
    match answer {
        EccangCreateAnswer::Refused(error) => error,
        other => panic!("expected Refused, got {other:?}"),
    }
}

fn refused_call<T: std::fmt::Debug>(result: Result<T, CallFailure>) -> EccangError {
    match result {
        Err(CallFailure::Refused(error)) => error,
        other => panic!("expected an ECCANG refusal, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn wrong_or_missing_credentials_are_an_authentication_refusal() {
    runtime().block_on(async {
        let sandbox = sandbox().await;
        let wrong_key = Client::with_credentials(&sandbox, DEMO_ECCANG_APP_TOKEN, "guess");
        let error = refused(wrong_key.create(&seed_order()).await);
        assert!(error.looks_like_authentication(), "{error:?}");
        let shared = error.to_forwarder_error(Some(200), Text::new("refused", "拒绝"));
        assert!(shared.authentication);
        // Every service checks, not only createOrder.
        let error = refused_call(wrong_key.track_number("TEST0001").await);
        assert!(error.looks_like_authentication(), "{error:?}");

        // No credentials at all (the dialect will not send that, so the envelope is built by hand).
        let client = Client::new(&sandbox);
        let params = create_params(&seed_order(), &client.account).to_string();
        let empty = eccang::build_envelope("createOrder", &params, "", "");
        let error = refused(eccang::parse_create_response(&client.post_raw(empty).await));
        assert!(error.looks_like_authentication(), "{error:?}");
        assert!(sandbox.orders().is_empty(), "nothing was committed");

        // A pair the sandbox was told to accept works like the demo pair.
        sandbox.add_eccang_credentials("shop-token-7", "shop-key-7");
        let shop = Client::with_credentials(&sandbox, "shop-token-7", "shop-key-7");
        let crossed = Client::with_credentials(&sandbox, "shop-token-7", DEMO_ECCANG_APP_KEY);
        assert!(refused(crossed.create(&seed_order()).await).looks_like_authentication());
        let created = shop.create(&seed_order()).await;
        assert!(
            matches!(created, EccangCreateAnswer::NumberLater(_)),
            "{created:?}"
        );

        // The Unauthorized fault refuses the next create whatever the credentials.
        sandbox.inject(Fault::Unauthorized);
        let error = refused(client.create(&order("TEST0002")).await);
        assert!(error.looks_like_authentication(), "{error:?}");
        assert_eq!(sandbox.orders().len(), 1);
    });
}

#[test]
fn missing_required_fields_are_refused_by_name() {
    runtime().block_on(async {
        let sandbox = sandbox().await;
        let client = Client::new(&sandbox);
        let seed = create_params(&seed_order(), &client.account);
        for key in [
            "reference_no",
            "shipping_method",
            "country_code",
            "order_weight",
            "order_pieces",
            "Consignee",
            "ItemArr",
        ] {
            let mut params = seed.clone();
            if let Some(object) = params.as_object_mut() {
                object.remove(key);
            }
            let error = refused(client.create_params(&params).await);
            let detail = error.detail.clone().unwrap_or_default();
            assert!(detail.contains(key), "{key}: {error:?}");
            assert_eq!(error.message, "订单数据不合法");
            let code = if key == "reference_no" {
                "50016"
            } else {
                "50048"
            };
            assert_eq!(error.code.as_deref(), Some(code), "{key}");
            assert!(!error.looks_like_authentication() && !error.looks_like_duplicate_reference());
        }

        // Pieces must match the boxes, and every item must name one of them.
        let mut pieces = seed.clone();
        pieces["order_pieces"] = json!(3);
        let error = refused(client.create_params(&pieces).await);
        assert!(
            error
                .words()
                .contains("order_pieces[3]与Volume箱数[2]不一致"),
            "{error:?}"
        );
        let mut stray = seed.clone();
        stray["ItemArr"][1]["box_number"] = json!("U009");
        let error = refused(client.create_params(&stray).await);
        assert!(
            error.words().contains("ItemArr[1].box_number[U009]"),
            "{error:?}"
        );

        // Seed 001's own envelope, verbatim but for the credentials: its example says one piece
        // but lists two boxes, and a TOMS host holding to the rules refuses it.
        let seed_envelope = fixture("create_order_envelope.xml")
            .replace("填自己的appToken", DEMO_ECCANG_APP_TOKEN)
            .replace("填自己的appKey", DEMO_ECCANG_APP_KEY);
        let answer = eccang::parse_create_response(&client.post_raw(seed_envelope).await);
        let error = refused(answer);
        assert!(
            error
                .words()
                .contains("order_pieces[1]与Volume箱数[2]不一致"),
            "{error:?}"
        );
        assert!(sandbox.orders().is_empty(), "nothing refused was committed");
    });
}

#[test]
fn an_order_gets_its_number_after_polling_then_a_pdf_label_then_is_cancelled() {
    runtime().block_on(async {
        let sandbox = sandbox().await;
        let client = Client::new(&sandbox);
        let arrived = Arc::new(Mutex::new(Vec::<String>::new()));
        let probe = arrived.clone();
        sandbox.on_arrival(Arc::new(move |reference: &str| {
            probe
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(reference.to_owned());
        }));

        // createOrder: bought, number later (track_status 2).
        let created = match client.create(&seed_order()).await {
            EccangCreateAnswer::NumberLater(created) => created,
            other => panic!("expected NumberLater, got {other:?}"),
        };
        assert_eq!(created.track_status, TrackStatus::Later);
        assert_eq!(created.tracking_number, None);
        assert_eq!(created.reference_no.as_deref(), Some("TEST0001"));
        let order_code = created.order_code.clone().unwrap_or_default();
        assert!(order_code.starts_with("EC"), "{order_code}");
        assert_eq!(
            *arrived
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
            ["TEST0001"]
        );
        let committed = sandbox.orders();
        assert_eq!(committed.len(), 1);
        assert_eq!(committed[0].request["reference_no"], "TEST0001");
        let tracking = committed[0].tracking_number.clone();

        // No label before the number.
        let error = refused_call(client.label_url("TEST0001").await);
        assert!(error.words().contains("跟踪号尚未生成"), "{error:?}");

        // The default: the second getTrackNumber tells the number, and it stays told.
        assert_eq!(
            client.track_number("TEST0001").await,
            Ok(TrackNumberAnswer::NotYet)
        );
        let assigned = Ok(TrackNumberAnswer::Assigned {
            tracking_number: tracking.clone(),
            piece_numbers: Vec::new(),
        });
        assert_eq!(client.track_number("TEST0001").await, assigned);
        assert_eq!(client.track_number(&order_code).await, assigned);
        assert!(
            refused_call(client.track_number("NO-SUCH-ORDER").await)
                .words()
                .contains("不存在")
        );

        // getLabelUrl: a link (its `&` came XML-escaped) to a real PDF.
        let url = client
            .label_url("TEST0001")
            .await
            .unwrap_or_else(|e| panic!("label url: {e:?}"));
        assert!(
            url.contains(".pdf?label_type=3&label_content_type=1"),
            "{url}"
        );
        let download = reqwest::get(&url)
            .await
            .unwrap_or_else(|e| panic!("label: {e}"));
        assert_eq!(download.status().as_u16(), 200);
        let pdf = download
            .bytes()
            .await
            .unwrap_or_else(|e| panic!("label bytes: {e}"));
        assert!(pdf.starts_with(b"%PDF"), "not a PDF");
        assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"), "PDF not complete");
        // The same link again: the same file.
        assert_eq!(client.label_url("TEST0001").await, Ok(url));

        // getCargoTrack by the tracking number: a short journey, newest first.
        let tracks = client
            .cargo_track(&tracking, NumberKind::Tracking)
            .await
            .unwrap_or_else(|e| panic!("track: {e:?}"));
        assert_eq!(tracks.len(), 1);
        assert_eq!(tracks[0].code, tracking);
        assert_eq!(tracks[0].country_code, "PL");
        let statuses: Vec<&str> = tracks[0].events.iter().map(|e| e.status.as_str()).collect();
        assert_eq!(statuses, ["DF", "AF", "IR"]);
        assert_eq!(tracks[0].status, "DF");
        assert_eq!(tracks[0].events[2].location, "SHENZHEN");
        assert_eq!(
            tracks[0].events[2].description,
            "Shipment information received"
        );

        // feeTrail: the same price every time, from the weight (2.5 kg).
        let quotes = client
            .fee_trail(&seed_order())
            .await
            .unwrap_or_else(|e| panic!("quote: {e:?}"));
        assert_eq!(client.fee_trail(&seed_order()).await, Ok(quotes.clone()));
        let post = quotes
            .iter()
            .find(|q| q.service_code == "PK0001")
            .unwrap_or_else(|| panic!("PK0001 in {quotes:?}"));
        assert_eq!(post.total_fee, Some(d("186.00")));
        assert_eq!(post.charge_weight, Some(d("2.5")));

        // The same reference again: a duplicate, not a new order, in seed 001's failure shape.
        let params = create_params(&seed_order(), &client.account).to_string();
        let again = client.call(eccang::service::CREATE_ORDER, &params).await;
        let json = eccang::parse_response(&again).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            json.starts_with(
                r#"{"ask":"Failure","message":"订单数据不合法","reference_no":"TEST0001","Error":{"errMessage":"客户参考号[TEST0001]已存在","errCode":"50048"},"time_cost(s)":""#
            ),
            "{json}"
        );
        match eccang::parse_create_order(&json) {
            EccangCreateAnswer::Duplicate(error) => {
                assert!(error.words().contains("TEST0001"), "{error:?}");
            }
            other => panic!("expected Duplicate, got {other:?}"),
        }
        assert_eq!(sandbox.orders().len(), 1);

        // cancelOrder: once; after it, no label.
        let cancelled = client
            .cancel("TEST0001")
            .await
            .unwrap_or_else(|e| panic!("cancel: {e:?}"));
        assert_eq!(cancelled.reference_no.as_deref(), Some("TEST0001"));
        assert!(
            refused_call(client.cancel("TEST0001").await)
                .words()
                .contains("已是取消状态")
        );
        assert!(
            refused_call(client.label_url("TEST0001").await)
                .words()
                .contains("已取消")
        );
        let record = sandbox.orders()[0].eccang.clone();
        assert!(record.is_some_and(|r| r.cancelled_at.is_some()));
        // A cancelled parcel never left.
        let tracks = client
            .cargo_track(&order_code, NumberKind::OrderCode)
            .await
            .unwrap_or_else(|e| panic!("track: {e:?}"));
        assert_eq!(tracks[0].events.len(), 1);
    });
}

#[test]
fn how_many_polls_a_number_takes_is_set_per_sandbox() {
    runtime().block_on(async {
        let sandbox = sandbox().await;
        let client = Client::new(&sandbox);
        // One poll: the first getTrackNumber tells it.
        sandbox.set_eccang_number_after_polls(1);
        assert!(matches!(
            client.create(&order("ONE-POLL")).await,
            EccangCreateAnswer::NumberLater(_)
        ));
        // Zero: createOrder tells it at once (track_status 1), and the label is there.
        sandbox.set_eccang_number_after_polls(0);
        let created = match client.create(&order("AT-ONCE")).await {
            EccangCreateAnswer::Created(created) => created,
            other => panic!("expected Created, got {other:?}"),
        };
        assert_eq!(created.track_status, TrackStatus::Assigned);
        let at_once = sandbox.orders()[1].tracking_number.clone();
        assert_eq!(created.tracking_number.as_deref(), Some(at_once.as_str()));
        assert!(client.label_url("AT-ONCE").await.is_ok());
        // The setting applies to orders committed after it: ONE-POLL still needs its one poll.
        let one_poll = sandbox.orders()[0].tracking_number.clone();
        assert_eq!(
            client.track_number("ONE-POLL").await,
            Ok(TrackNumberAnswer::Assigned {
                tracking_number: one_poll,
                piece_numbers: Vec::new()
            })
        );
    });
}

#[test]
fn get_track_number_takes_a_list_and_every_answer_shape_is_read() {
    use shipdesk::sandbox::EccangTrackNumberShape as Shape;
    runtime().block_on(async {
        let sandbox = sandbox().await;
        let client = Client::new(&sandbox);
        sandbox.set_eccang_number_after_polls(0);
        assert!(matches!(
            client.create(&order("SHAPE-1")).await,
            EccangCreateAnswer::Created(_)
        ));
        let tracking = sandbox.orders()[0].tracking_number.clone();

        // What the dialect sends: reference_no as a one-element list, as real clients do.
        let params = eccang::params_json(&eccang::build_track_number("SHAPE-1"));
        assert_eq!(params, r#"{"reference_no":["SHAPE-1"]}"#);
        // The sandbox takes the list and a plain text alike.
        for params in [params.as_str(), r#"{"reference_no":"SHAPE-1"}"#] {
            let answer = client.call(eccang::service::GET_TRACK_NUMBER, params).await;
            let json = eccang::parse_response(&answer).unwrap_or_else(|e| panic!("{e}"));
            assert!(json.contains(&tracking), "{params}: {json}");
        }

        // Each place real clients read the number from, read back by the dialect.
        for (shape, key) in [
            (Shape::DataList, r#""data":[{"#),
            (Shape::DatasWayBillNumber, r#""datas":[{"#),
            (Shape::TopLevel, r#""TrackingNumber""#),
            (Shape::DataObject, r#""Data":{"#),
        ] {
            sandbox.set_eccang_track_number_shape(shape);
            let answer = client
                .call(eccang::service::GET_TRACK_NUMBER, &params_for("SHAPE-1"))
                .await;
            let json = eccang::parse_response(&answer).unwrap_or_else(|e| panic!("{e}"));
            assert!(json.contains(key), "{shape:?}: {json}");
            assert_eq!(
                eccang::parse_track_number(&json),
                Ok(TrackNumberAnswer::Assigned {
                    tracking_number: tracking.clone(),
                    piece_numbers: Vec::new()
                }),
                "{shape:?}: {json}"
            );
        }
        // A number not told yet is "not yet" in every shape.
        sandbox.set_eccang_number_after_polls(5);
        assert!(matches!(
            client.create(&order("SHAPE-2")).await,
            EccangCreateAnswer::NumberLater(_)
        ));
        for shape in [
            Shape::DataList,
            Shape::DatasWayBillNumber,
            Shape::TopLevel,
            Shape::DataObject,
        ] {
            sandbox.set_eccang_track_number_shape(shape);
            assert_eq!(
                client.track_number("SHAPE-2").await,
                Ok(TrackNumberAnswer::NotYet),
                "{shape:?}"
            );
        }
    });
}

fn params_for(reference: &str) -> String {
    eccang::params_json(&eccang::build_track_number(reference))
}

#[test]
fn what_is_not_a_soap_call_gets_a_soap_fault() {
    runtime().block_on(async {
        let sandbox = sandbox().await;
        let client = Client::new(&sandbox);
        let params = create_params(&seed_order(), &client.account).to_string();
        for body in ["hello".to_owned(), params.clone(), String::new()] {
            let answer = client.post_raw(body.clone()).await;
            assert_eq!(answer.status, 500, "{body}");
            match eccang::parse_create_response(&answer) {
                EccangCreateAnswer::NotProcessed(problem) => {
                    assert_eq!(problem.code.as_deref(), Some("SOAP-ENV:Client"), "{body}");
                    assert_eq!(problem.detail, "Bad Request");
                }
                other => panic!("{body}: expected NotProcessed, got {other:?}"),
            }
        }
        // Another operation: a Server fault, which the other services read as an error too.
        let other_operation = eccang::build_envelope("createOrder", &params, "t", "k")
            .replace("callService>", "getOrders>");
        let answer = client.post_raw(other_operation).await;
        let failure = eccang::parse_response(&answer).map_err(CallFailure::from);
        match failure {
            Err(CallFailure::Unreadable(problem)) => {
                assert_eq!(problem.code.as_deref(), Some("SOAP-ENV:Server"));
                assert!(problem.detail.contains("getOrders"), "{problem:?}");
            }
            other => panic!("expected a fault, got {other:?}"),
        }
        // A service the host does not have is ECCANG's own refusal, not a fault.
        let unknown = client.call("getOrderz", "{}").await;
        let error = refused_call(
            eccang::parse_response(&unknown)
                .map_err(CallFailure::from)
                .and_then(|json| eccang::parse_cancel_order(&json)),
        );
        assert!(error.words().contains("getOrderz"), "{error:?}");
        assert!(sandbox.orders().is_empty());
    });
}

#[test]
fn faults_apply_to_the_next_create_order() {
    runtime().block_on(async {
        let sandbox = sandbox().await;
        let client = Client::new(&sandbox);

        // The connection breaks after the commit; polling does not use the fault up.
        sandbox.inject(Fault::ResetAfterCommit);
        assert!(client.track_number("TEST0001").await.is_err());
        let params = create_params(&seed_order(), &client.account).to_string();
        let broken = client.try_call("createOrder", &params).await;
        assert!(broken.is_err(), "{broken:?}");
        assert_eq!(sandbox.orders().len(), 1, "committed before the break");
        // Sending again finds the order: a duplicate, reconciled by reference.
        assert!(matches!(
            client.create(&seed_order()).await,
            EccangCreateAnswer::Duplicate(_)
        ));
        assert_eq!(
            client.track_number("TEST0001").await,
            Ok(TrackNumberAnswer::NotYet)
        );
        assert!(matches!(
            client.track_number("TEST0001").await,
            Ok(TrackNumberAnswer::Assigned { .. })
        ));

        // A <response> whose JSON is cut short: unreadable, yet committed.
        sandbox.inject(Fault::InvalidJson);
        let answer = client.create(&order("CUT-1")).await;
        assert!(
            matches!(answer, EccangCreateAnswer::Unreadable(_)),
            "{answer:?}"
        );
        assert_eq!(sandbox.orders().len(), 2);

        // A refusal after the commit: it reads as a plain refusal, and the order exists.
        sandbox.inject(Fault::RefuseAfterCommit);
        let error = refused(client.create(&order("REFUSED-1")).await);
        assert!(!error.looks_like_authentication() && !error.looks_like_duplicate_reference());
        assert_eq!(sandbox.orders().len(), 3);

        // A proxy's 502 page: nothing committed.
        sandbox.inject(Fault::Html502);
        match client.create(&order("GATEWAY-1")).await {
            EccangCreateAnswer::Unreadable(problem) => {
                assert_eq!(problem.http_status, Some(502));
            }
            other => panic!("expected Unreadable, got {other:?}"),
        }
        assert_eq!(sandbox.orders().len(), 3);

        // Slow: committed, answered late.
        sandbox.inject(Fault::Slow { millis: 300 });
        let started = Instant::now();
        let answer = client.create(&order("SLOW-1")).await;
        assert!(started.elapsed() >= Duration::from_millis(300));
        assert!(matches!(answer, EccangCreateAnswer::NumberLater(_)));
        assert_eq!(sandbox.orders().len(), 4);
    });
}
