//! The sandbox's logssc over real HTTP, driven by the logssc dialect: it checks what seed 003
//! requires (a valid token, the required fields, US and GroundBasic only, a fee preview of the
//! same order before the commit, a new customer number), answers 1024 and 1115 a set number of
//! times before the numbers and the label, and fails orders on demand.

use crate::common;

use shipdesk::carriers::logssc::{self, APP_ID, APP_SECRET, Logssc};
use shipdesk::carriers::{
    Account, AccountSettings, CreateOutcome, Credentials, FollowUp, FollowUpAnswer, Forwarder,
    ForwarderKind, HttpMethod, LabelSource, OrderNumbers, SESSION_TOKEN, WireRequest, WireResponse,
};
use shipdesk::model::Shipment;
use shipdesk::sandbox::{DEMO_LOGSSC_APP_ID, DEMO_LOGSSC_APP_SECRET, Sandbox};

struct Wire {
    runtime: tokio::runtime::Runtime,
    sandbox: Sandbox,
    client: reqwest::Client,
}

impl Wire {
    fn start() -> Self {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        let sandbox = runtime.block_on(Sandbox::start(0)).expect("sandbox");
        Self {
            runtime,
            sandbox,
            client: reqwest::Client::new(),
        }
    }

    fn account(&self) -> Account {
        Account {
            name: "L".to_owned(),
            forwarder: ForwarderKind::Logssc,
            base_url: self.sandbox.base_url(),
            settings: AccountSettings::default(),
            builtin_sandbox: false,
        }
    }

    fn send(&self, request: &WireRequest) -> WireResponse {
        assert_eq!(request.method, HttpMethod::Post);
        self.runtime.block_on(async {
            let mut builder = self.client.post(&request.url).body(request.body.clone());
            for header in &request.headers {
                builder = builder.header(&header.name, &header.value);
            }
            let response = builder.send().await.expect("answer");
            WireResponse {
                status: response.status().as_u16(),
                content_type: None,
                body: response.bytes().await.expect("body").to_vec(),
            }
        })
    }

    /// The demo account's credentials with a fresh token.
    fn credentials(&self) -> Credentials {
        let credentials = Credentials::from_pairs([
            (APP_ID, DEMO_LOGSSC_APP_ID),
            (APP_SECRET, DEMO_LOGSSC_APP_SECRET),
        ]);
        let request = logssc::token_request(&self.account(), &credentials).expect("request");
        let token = logssc::parse_token(&self.send(&request)).expect("token");
        credentials.with(SESSION_TOKEN, &token)
    }

    fn preview(&self, order: &Shipment, credentials: &Credentials) -> WireResponse {
        let body = Logssc.create_body(order, &self.account());
        let request = Logssc
            .quote_request(order, &body, &self.account(), credentials)
            .expect("has a preview")
            .expect("request");
        self.send(&request)
    }

    fn commit(&self, order: &Shipment, credentials: &Credentials) -> CreateOutcome {
        let body = Logssc.create_body(order, &self.account());
        let request = Logssc
            .create_request(body, &self.account(), credentials, 0, "")
            .expect("request");
        Logssc.parse_create(&self.send(&request))
    }

    fn ask(&self, step: FollowUp, order_number: &str, credentials: &Credentials) -> FollowUpAnswer {
        let order = OrderNumbers {
            reference: "",
            tracking_number: None,
            forwarder_order_id: Some(order_number),
        };
        let request = Logssc
            .follow_up_request(step, &order, &self.account(), credentials, 0)
            .expect("has it")
            .expect("request");
        Logssc.parse_follow_up(step, &self.send(&request))
    }
}

fn order(reference: &str) -> Shipment {
    let mut order = common::example_order("order-seed003.json");
    order.reference = reference.to_owned();
    order
}

fn refusal(outcome: &CreateOutcome) -> String {
    match outcome {
        CreateOutcome::Refused(e) | CreateOutcome::DuplicateReference(e) => {
            e.forwarder_message.clone()
        }
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn a_token_is_needed_and_a_wrong_secret_gets_none() {
    let wire = Wire::start();
    let wrong = Credentials::from_pairs([(APP_ID, DEMO_LOGSSC_APP_ID), (APP_SECRET, "nope")]);
    let request = logssc::token_request(&wire.account(), &wrong).expect("request");
    let refused = logssc::parse_token(&wire.send(&request));
    assert!(matches!(refused, Err(e) if e.forwarder_message.contains("appSecret错误")));
    let forged = Credentials::from_pairs([(APP_ID, DEMO_LOGSSC_APP_ID), (SESSION_TOKEN, "forged")]);
    let answer = wire.preview(&order("SB-L-1"), &forged);
    assert!(logssc::is_auth_error(&answer), "{}", answer.body_text());
}

#[test]
fn the_commit_needs_a_preview_of_the_same_order_first() {
    let wire = Wire::start();
    let credentials = wire.credentials();
    let first = wire.commit(&order("SB-L-2"), &credentials);
    assert!(refusal(&first).contains("费用预览"), "{first:?}");
    // A preview of another order does not count.
    let mut other = order("SB-L-2");
    other.parcels[0].weight = rust_decimal::Decimal::from(20);
    wire.preview(&other, &credentials);
    assert!(refusal(&wire.commit(&order("SB-L-2"), &credentials)).contains("费用预览"));
    let priced = order("SB-L-2");
    let fee = Logssc.parse_quote(
        &priced,
        &wire.account(),
        &wire.preview(&priced, &credentials),
    );
    assert_eq!(fee.expect("fee").to_string(), "23.19 USD");
    assert!(matches!(
        wire.commit(&order("SB-L-2"), &credentials),
        CreateOutcome::NumberLater {
            forwarder_order_id: Some(_)
        }
    ));
    // The same customer number again: refused as a duplicate.
    wire.preview(&order("SB-L-2"), &credentials);
    let again = wire.commit(&order("SB-L-2"), &credentials);
    assert!(
        matches!(again, CreateOutcome::DuplicateReference(_)),
        "{again:?}"
    );
    assert_eq!(wire.sandbox.orders().len(), 1);
}

#[test]
fn us_and_groundbasic_only_and_required_fields_checked() {
    let wire = Wire::start();
    let credentials = wire.credentials();
    // The dialect itself refuses these before sending; the sandbox refuses them too.
    let mut abroad = order("SB-L-3");
    abroad.recipient.country_code = "CA".to_owned();
    let answer = wire.preview(&abroad, &credentials);
    assert!(
        answer.body_text().contains("nationCode现仅支持US"),
        "{}",
        answer.body_text()
    );
    let mut express = order("SB-L-3");
    express.service_code = "Express".to_owned();
    let answer = wire.preview(&express, &credentials);
    assert!(answer.body_text().contains("GroundBasic"));
    let mut no_city = order("SB-L-3");
    no_city.recipient.city.clear();
    assert!(
        wire.preview(&no_city, &credentials)
            .body_text()
            .contains("city不能为空")
    );
}

#[test]
fn numbers_after_several_1024s_and_the_label_after_several_1115s() {
    let wire = Wire::start();
    wire.sandbox.set_logssc_number_after_polls(3);
    wire.sandbox.set_logssc_label_after_polls(2);
    let credentials = wire.credentials();
    wire.preview(&order("SB-L-4"), &credentials);
    let CreateOutcome::NumberLater {
        forwarder_order_id: Some(number),
    } = wire.commit(&order("SB-L-4"), &credentials)
    else {
        panic!("not committed");
    };
    // The label is not ready while the order is being placed.
    assert_eq!(
        wire.ask(FollowUp::Label, &number, &credentials),
        FollowUpAnswer::NotYet
    );
    for _ in 0..3 {
        assert_eq!(
            wire.ask(FollowUp::TrackingNumber, &number, &credentials),
            FollowUpAnswer::NotYet
        );
    }
    let FollowUpAnswer::Numbered(numbered) =
        wire.ask(FollowUp::TrackingNumber, &number, &credentials)
    else {
        panic!("not numbered");
    };
    assert_eq!(
        numbered.tracking_number,
        wire.sandbox.orders()[0].tracking_number
    );
    assert_eq!(
        numbered.charged.map(|m| m.to_string()).as_deref(),
        Some("23.19 USD")
    );
    for _ in 0..2 {
        assert_eq!(
            wire.ask(FollowUp::Label, &number, &credentials),
            FollowUpAnswer::NotYet
        );
    }
    let FollowUpAnswer::Label(LabelSource::Url(url)) =
        wire.ask(FollowUp::Label, &number, &credentials)
    else {
        panic!("no label link");
    };
    let pdf = wire.runtime.block_on(async {
        reqwest::get(&url)
            .await
            .expect("get")
            .bytes()
            .await
            .expect("bytes")
    });
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn a_failure_on_demand_is_answered_with_the_seeds_failure_body_and_refunded_once() {
    let wire = Wire::start();
    wire.sandbox.set_logssc_number_after_polls(0);
    wire.sandbox.fail_next_logssc_order("邮编不在服务范围");
    let credentials = wire.credentials();
    wire.preview(&order("SB-L-5"), &credentials);
    let CreateOutcome::NumberLater {
        forwarder_order_id: Some(number),
    } = wire.commit(&order("SB-L-5"), &credentials)
    else {
        panic!("not committed");
    };
    let failed = wire.ask(FollowUp::TrackingNumber, &number, &credentials);
    assert!(
        matches!(&failed, FollowUpAnswer::OrderFailed(e) if e.forwarder_code.as_deref() == Some("1001") && e.forwarder_message.contains("邮编不在服务范围")),
        "{failed:?}"
    );
    let order_numbers = OrderNumbers {
        reference: "SB-L-5",
        tracking_number: None,
        forwarder_order_id: Some(&number),
    };
    let refund = |wire: &Wire| {
        let request = Logssc
            .refund_request(&order_numbers, &wire.account(), &credentials)
            .expect("has refund")
            .expect("request");
        Logssc.parse_refund(&wire.send(&request))
    };
    assert!(refund(&wire).is_ok());
    assert!(matches!(refund(&wire), Err(e) if e.forwarder_message == "该订单已退款"));
}

#[test]
fn a_slow_commit_places_the_order_after_its_delay_even_when_the_caller_gave_up() {
    let wire = Wire::start();
    wire.sandbox.set_logssc_number_after_polls(0);
    wire.sandbox.set_logssc_commit_delay(1_000);
    let credentials = wire.credentials();
    wire.preview(&order("SB-L-SLOW"), &credentials);
    let body = Logssc.create_body(&order("SB-L-SLOW"), &wire.account());
    let request = Logssc
        .create_request(body, &wire.account(), &credentials, 0, "")
        .expect("request");
    // The caller's time-out is shorter than the commit: it hangs up without an answer.
    let gave_up = wire.runtime.block_on(async {
        wire.client
            .post(&request.url)
            .body(request.body.clone())
            .timeout(std::time::Duration::from_millis(200))
            .send()
            .await
    });
    assert!(gave_up.is_err(), "{gave_up:?}");
    let by_reference = |wire: &Wire| {
        let order = OrderNumbers {
            reference: "SB-L-SLOW",
            tracking_number: None,
            forwarder_order_id: None,
        };
        let request = Logssc
            .follow_up_request(
                FollowUp::TrackingNumber,
                &order,
                &wire.account(),
                &credentials,
                0,
            )
            .expect("has it")
            .expect("request");
        Logssc.parse_follow_up(FollowUp::TrackingNumber, &wire.send(&request))
    };
    // Still being placed: logssc knows no such order yet.
    assert!(
        matches!(by_reference(&wire), FollowUpAnswer::NoSuchOrder(_)),
        "{:?}",
        by_reference(&wire)
    );
    assert!(wire.sandbox.orders().is_empty());
    std::thread::sleep(std::time::Duration::from_millis(1_300));
    assert!(
        matches!(by_reference(&wire), FollowUpAnswer::Numbered(_)),
        "placed after the delay"
    );
    assert_eq!(wire.sandbox.orders().len(), 1);
    assert_eq!(wire.sandbox.creates_received(), 1);
}
