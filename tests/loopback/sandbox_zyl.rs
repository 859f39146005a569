//! The sandbox speaks ZYL ILE OMS (seed 002) over real HTTP: driven by requests the ZYL dialect
//! builds, its answers read by the dialect's own parsers. It must refuse what ZYL would refuse
//! (credentials, required fields and types, `parcelList` against `packs`, a repeated
//! reference), give the label by ZYL's own numbers after one "not drawn yet", serve a real PDF,
//! and misbehave on request like the other protocols.

use crate::common;

use serde_json::{Value, json};
use shipdesk::carriers::zyl::{self, AuthMode};
use shipdesk::carriers::{
    Account, AccountSettings, Booking, CreateOutcome, Credentials, FollowUp, FollowUpAnswer,
    Forwarder, ForwarderError, ForwarderKind, HttpMethod, LabelSource, OrderNumbers, WireRequest,
    WireResponse, forwarder,
};
use shipdesk::model::Shipment;
use shipdesk::sandbox::{
    DEMO_ZYL_ILE_ID, DEMO_ZYL_SIGN, DEMO_ZYL_USER_ID, Fault, Sandbox, SandboxForwarder,
};

// ---------------------------------------------------------------------------------------------
// Fixtures

/// An Australian order of two boxes, as a packer would enter it.
fn order(reference: &str) -> Shipment {
    let order = json!({
        "reference": reference,
        "service_code": "P12EXP",
        "sender": {
            "name": "Wang", "company": "Shenzhen Trading", "phone": "951218", "country_code": "CN",
            "state": "GuangDong", "city": "ShenZhen", "postcode": "518000", "street1": "Kengzi street"
        },
        "recipient": {
            "name": "Eva She", "phone": "123456789", "country_code": "AU", "state": "NSW",
            "city": "Ultimo", "postcode": "2007", "street1": "521 Harris street"
        },
        "parcels": [
            {"length": "30", "width": "20", "height": "10", "dimension_unit": "CM",
             "weight": "1.25", "weight_unit": "KG"},
            {"length": "30", "width": "20", "height": "10", "dimension_unit": "CM",
             "weight": "1.25", "weight_unit": "KG"}
        ],
        "items": [
            {"name_en": "Nail Gel Polish", "name_zh": "甲油胶", "quantity": 5, "unit_value": "0.54",
             "currency": "USD", "hs_code": "3506100090"}
        ]
    });
    serde_json::from_value(order).unwrap_or_else(|e| panic!("order: {e}"))
}

fn zyl() -> &'static dyn Forwarder {
    forwarder(ForwarderKind::Zyl)
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().unwrap_or_else(|e| panic!("runtime: {e}"))
}

async fn sandbox() -> Sandbox {
    Sandbox::start(0)
        .await
        .unwrap_or_else(|e| panic!("sandbox: {e}"))
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
        Self {
            http: reqwest::Client::new(),
            account: Account {
                name: "ZYL sandbox".to_owned(),
                forwarder: ForwarderKind::Zyl,
                base_url: sandbox.base_url(),
                settings: AccountSettings::default()
                    .with(&shipdesk::carriers::zyl::USER_ID, DEMO_ZYL_USER_ID),
                builtin_sandbox: false,
            },
            credentials: Credentials::from_pairs([
                (zyl::ILE_ID, DEMO_ZYL_ILE_ID),
                (zyl::SIGN, DEMO_ZYL_SIGN),
            ]),
        }
    }

    fn with_sign(mut self, sign: &str) -> Self {
        self.credentials =
            Credentials::from_pairs([(zyl::ILE_ID, DEMO_ZYL_ILE_ID), (zyl::SIGN, sign)]);
        self
    }

    fn with_auth(mut self, mode: AuthMode) -> Self {
        self.account
            .settings
            .set_field(&shipdesk::carriers::zyl::AUTH, mode.id());
        self
    }

    fn with_user(mut self, user_id: &str) -> Self {
        self.account
            .settings
            .set_field(&shipdesk::carriers::zyl::USER_ID, user_id);
        self
    }

    /// orderByApi for a `data` value, wrapped and authenticated by the dialect.
    fn create_request(&self, data: &Value) -> WireRequest {
        zyl()
            .create_request(
                data.to_string().into_bytes(),
                &self.account,
                &self.credentials,
                now_ms(),
                "nonce",
            )
            .unwrap_or_else(|e| panic!("request: {:?}", e.describe()))
    }

    async fn create_data(&self, data: &Value) -> CreateOutcome {
        let answer = self.send(self.create_request(data)).await;
        zyl().parse_create(&answer)
    }

    async fn create(&self, order: &Shipment) -> CreateOutcome {
        self.create_data(&data(order, &self.account)).await
    }

    async fn label(&self, order: &OrderNumbers<'_>) -> FollowUpAnswer {
        let request = zyl()
            .follow_up_request(
                FollowUp::Label,
                order,
                &self.account,
                &self.credentials,
                now_ms(),
            )
            .and_then(Result::ok)
            .unwrap_or_else(|| panic!("label request"));
        zyl().parse_follow_up(FollowUp::Label, &self.send(request).await)
    }

    async fn send(&self, request: WireRequest) -> WireResponse {
        self.try_send(request)
            .await
            .unwrap_or_else(|e| panic!("no answer: {e}"))
    }

    async fn try_send(&self, request: WireRequest) -> reqwest::Result<WireResponse> {
        common::send_raw(&self.http, request).await
    }

    async fn get(&self, url: &str) -> WireResponse {
        self.send(WireRequest {
            method: HttpMethod::Get,
            url: url.to_owned(),
            headers: Vec::new(),
            body: Vec::new(),
        })
        .await
    }
}

/// The `data` object the dialect builds for an order, as a JSON value to edit.
fn data(order: &Shipment, account: &Account) -> Value {
    serde_json::from_slice(&zyl().create_body(order, account))
        .unwrap_or_else(|e| panic!("data: {e}"))
}

fn created(outcome: CreateOutcome) -> Booking {
    match outcome {
        CreateOutcome::Created(booking) => booking,
        other => panic!("expected Created, got {other:?}"),
    }
}

fn refused(outcome: CreateOutcome) -> ForwarderError {
    match outcome {
        CreateOutcome::Refused(error) => error,
        other => panic!("expected Refused, got {other:?}"),
    }
}

fn numbers(reference: &str, booking: &Booking) -> (String, String, String) {
    (
        reference.to_owned(),
        booking.tracking_number.clone(),
        booking.forwarder_order_id.clone().unwrap_or_default(),
    )
}

// ---------------------------------------------------------------------------------------------
// Credentials

#[test]
fn wrong_credentials_or_user_are_an_authentication_refusal() {
    runtime().block_on(async {
        let sandbox = sandbox().await;
        let wrong = Client::new(&sandbox).with_sign("not-the-key");
        let error = refused(wrong.create(&order("ZA-1")).await);
        assert!(error.authentication, "{error:?}");
        assert_eq!(error.forwarder_code.as_deref(), Some("401"));
        let stranger = Client::new(&sandbox).with_user("99999");
        let error = refused(stranger.create(&order("ZA-2")).await);
        assert_eq!(error.forwarder_code.as_deref(), Some("403"));
        assert!(error.authentication);
        // The Unauthorized fault refuses the next create whatever the credentials.
        sandbox.inject(Fault::Unauthorized);
        let client = Client::new(&sandbox);
        assert!(refused(client.create(&order("ZA-3")).await).authentication);
        assert!(sandbox.orders().is_empty(), "nothing committed");
        created(client.create(&order("ZA-3")).await);
    });
}

#[test]
fn md5_headers_are_verified_when_sent() {
    runtime().block_on(async {
        let sandbox = sandbox().await;
        let client = Client::new(&sandbox).with_auth(AuthMode::Md5Header);
        let request = client.create_request(&data(&order("ZM-1"), &client.account));
        assert!(request.header("Authorization").is_some());
        let booking = created(zyl().parse_create(&client.send(request).await));
        // The label call is signed too, over its own path.
        let ids = numbers("ZM-1", &booking);
        let order_numbers = OrderNumbers {
            reference: &ids.0,
            tracking_number: Some(&ids.1),
            forwarder_order_id: Some(&ids.2),
        };
        assert_eq!(client.label(&order_numbers).await, FollowUpAnswer::NotYet);
        assert!(matches!(
            client.label(&order_numbers).await,
            FollowUpAnswer::Label(_)
        ));

        // A signature over another path, or a stale timestamp, is refused.
        let mut forged = client.create_request(&data(&order("ZM-2"), &client.account));
        for header in &mut forged.headers {
            if header.name == "Authorization" {
                header.value = zyl::md5_signature("/other", DEMO_ZYL_ILE_ID, DEMO_ZYL_SIGN);
            }
        }
        assert!(refused(zyl().parse_create(&client.send(forged).await)).authentication);
        let mut stale = client.create_request(&data(&order("ZM-2"), &client.account));
        for header in &mut stale.headers {
            if header.name == "TimeStamp" {
                header.value = (now_ms() - 3_600_000).to_string();
            }
        }
        assert!(refused(zyl().parse_create(&client.send(stale).await)).authentication);
        assert_eq!(sandbox.orders().len(), 1);
    });
}

// ---------------------------------------------------------------------------------------------
// The order's rules

#[test]
fn required_fields_and_types_are_checked_per_the_seed() {
    runtime().block_on(async {
        let sandbox = sandbox().await;
        let client = Client::new(&sandbox);
        let good = data(&order("ZR-1"), &client.account);
        let refusal = |outcome: CreateOutcome| {
            let error = refused(outcome);
            assert_eq!(error.forwarder_code.as_deref(), Some("51001"), "{error:?}");
            assert!(!error.authentication);
            error.forwarder_message
        };
        let mut without = good.clone();
        without.as_object_mut().map(|d| d.remove("chargecode"));
        assert!(refusal(client.create_data(&without).await).contains("data.chargecode不能为空"));
        let mut no_suburb = good.clone();
        no_suburb["consignee"]["suburb"] = json!("");
        assert!(refusal(client.create_data(&no_suburb).await).contains("data.consignee.suburb"));
        let mut battery = good.clone();
        battery["battery"] = json!("yes");
        assert!(refusal(client.create_data(&battery).await).contains("data.battery格式错误"));
        let mut packs = good.clone();
        packs["packs"] = json!("3");
        assert!(
            refusal(client.create_data(&packs).await).contains("parcelList数量(2)与packs(3)不一致")
        );
        let mut size = good.clone();
        size["parcelList"][1]["parcelHeight"] = json!("tall");
        assert!(refusal(client.create_data(&size).await).contains("parcelHeight格式错误"));
        let mut p9 = good.clone();
        p9["chargecode"] = json!("P9EXP");
        assert!(refusal(client.create_data(&p9).await).contains("dischargingPort"));
        p9["dischargingPort"] = json!("SYD");
        created(client.create_data(&p9).await);
        assert_eq!(
            sandbox.orders().len(),
            1,
            "only the complete order was committed"
        );
    });
}

#[test]
fn the_seeds_own_example_is_refused_for_its_packs_and_taken_once_they_agree() {
    runtime().block_on(async {
        let sandbox = sandbox().await;
        let client = Client::new(&sandbox);
        let path = format!(
            "{}/tests/fixtures/zyl/order_by_api_request.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        // The example lacks its final `}` (tests/offline/zyl_seed.rs).
        let seed: Value =
            serde_json::from_str(&format!("{text}}}")).unwrap_or_else(|e| panic!("seed: {e}"));
        let mut data = seed["data"].clone();
        let error = refused(client.create_data(&data).await);
        assert!(
            error.forwarder_message.contains("与packs(21)不一致"),
            "{error:?}"
        );
        // With packs agreeing, its mixed types (`name_zh`, numbers for qty/price) are accepted.
        data["packs"] = json!("2");
        let booking = created(client.create_data(&data).await);
        let orders = sandbox.orders();
        assert_eq!(orders.len(), 1);
        assert_eq!(orders[0].reference, "AM3050803000");
        assert_eq!(orders[0].tracking_number, booking.tracking_number);
    });
}

#[test]
fn a_repeated_reference_is_a_duplicate_and_is_bought_once() {
    runtime().block_on(async {
        let sandbox = sandbox().await;
        let client = Client::new(&sandbox);
        let booking = created(client.create(&order("ZD-1")).await);
        assert!(
            booking
                .forwarder_order_id
                .as_deref()
                .is_some_and(|id| id.starts_with("ILS"))
        );
        match client.create(&order("ZD-1")).await {
            CreateOutcome::DuplicateReference(error) => {
                assert!(error.forwarder_message.contains("ZD-1"), "{error:?}");
            }
            other => panic!("expected a duplicate, got {other:?}"),
        }
        let orders = sandbox.orders();
        assert_eq!(orders.len(), 1);
        assert_eq!(orders[0].forwarder, SandboxForwarder::Zyl);
        let record = orders[0]
            .zyl
            .clone()
            .unwrap_or_else(|| panic!("zyl record"));
        assert_eq!(record.user_id, DEMO_ZYL_USER_ID);
        assert_eq!(Some(record.order_id), booking.forwarder_order_id);
    });
}

// ---------------------------------------------------------------------------------------------
// The label

#[test]
fn the_label_comes_by_zyls_own_numbers_after_one_not_yet() {
    runtime().block_on(async {
        let sandbox = sandbox().await;
        let client = Client::new(&sandbox);
        let booking = created(client.create(&order("ZL-1")).await);
        let (reference, tracking, order_id) = numbers("ZL-1", &booking);

        // Our reference alone is not one of ZYL's numbers: the label page does not take it.
        let by_reference = client.label(&OrderNumbers::by_reference(&reference)).await;
        assert!(
            matches!(&by_reference, FollowUpAnswer::Problem(e) if e.forwarder_message.contains("不存在")),
            "{by_reference:?}"
        );
        let full = OrderNumbers {
            reference: &reference,
            tracking_number: Some(&tracking),
            forwarder_order_id: Some(&order_id),
        };
        assert_eq!(client.label(&full).await, FollowUpAnswer::NotYet, "51005 once");
        let FollowUpAnswer::Label(LabelSource::Url(url)) = client.label(&full).await else {
            panic!("label link");
        };
        let pdf = client.get(&url).await;
        assert_eq!(pdf.status, 200);
        assert_eq!(pdf.content_type.as_deref(), Some("application/pdf"));
        assert!(pdf.body.starts_with(b"%PDF"));
        // conCode (the tracking number) names the same label.
        let by_tracking = OrderNumbers {
            reference: &reference,
            tracking_number: Some(&tracking),
            forwarder_order_id: None,
        };
        assert_eq!(
            client.label(&by_tracking).await,
            FollowUpAnswer::Label(LabelSource::Url(url.clone()))
        );
        // Another customer's userId does not see it.
        let stranger = Client::new(&sandbox).with_user("99999");
        assert!(matches!(stranger.label(&full).await, FollowUpAnswer::Problem(_)));
        // An unknown file is a plain 404.
        assert_eq!(client.get(&format!("{}/file/nothing.pdf", sandbox.base_url())).await.status, 404);
    });
}

#[test]
fn label_type_is_checked_and_ready_at_once_when_set() {
    runtime().block_on(async {
        let sandbox = sandbox().await;
        sandbox.set_zyl_label_after_polls(0);
        let client = Client::new(&sandbox);
        let booking = created(client.create(&order("ZT-1")).await);
        let order_id = booking.forwarder_order_id.clone().unwrap_or_default();
        let url = format!(
            "{}{}",
            sandbox.base_url(),
            zyl::label_path(&order_id, zyl::LabelType::ShippingLabel, DEMO_ZYL_USER_ID)
        );
        let ready = zyl().parse_follow_up(FollowUp::Label, &client.get(&url).await);
        assert!(matches!(ready, FollowUpAnswer::Label(_)), "{ready:?}");
        let wrong_type = client.get(&url.replace("/2/", "/9/")).await;
        let answer: Value = serde_json::from_slice(&wrong_type.body).unwrap_or(Value::Null);
        assert_eq!(answer["code"], json!(51001));
        // Answers keep the seed's key order: body, code, msg.
        let text = String::from_utf8_lossy(&wrong_type.body).into_owned();
        assert!(
            text.starts_with("{\"body\":") && text.ends_with("\"}"),
            "{text}"
        );
    });
}

// ---------------------------------------------------------------------------------------------
// Faults

#[test]
fn faults_apply_to_the_next_order_by_api() {
    runtime().block_on(async {
        let sandbox = sandbox().await;
        let client = Client::new(&sandbox);

        sandbox.inject(Fault::ResetAfterCommit);
        let request = client.create_request(&data(&order("ZF-1"), &client.account));
        assert!(client.try_send(request).await.is_err(), "connection broken");
        assert_eq!(sandbox.orders().len(), 1, "but committed");

        sandbox.inject(Fault::InvalidJson);
        assert!(matches!(
            client.create(&order("ZF-2")).await,
            CreateOutcome::Unreadable(_)
        ));

        sandbox.inject(Fault::RefuseAfterCommit);
        let error = refused(client.create(&order("ZF-3")).await);
        assert_eq!(error.forwarder_code.as_deref(), Some("500"));

        sandbox.inject(Fault::Html502);
        match client.create(&order("ZF-4")).await {
            CreateOutcome::Unreadable(error) => assert_eq!(error.http_status, Some(502)),
            other => panic!("expected unreadable, got {other:?}"),
        }

        sandbox.inject(Fault::Slow { millis: 300 });
        let started = std::time::Instant::now();
        created(client.create(&order("ZF-5")).await);
        assert!(started.elapsed() >= std::time::Duration::from_millis(300));

        // ZF-1, ZF-2, ZF-3 and ZF-5 were committed; the 502 never reached the order service.
        let references: Vec<String> = sandbox.orders().into_iter().map(|o| o.reference).collect();
        assert_eq!(references, ["ZF-1", "ZF-2", "ZF-3", "ZF-5"]);
    });
}
