//! Seed 003's own examples (logssc LSO下单) against the logssc dialect: the request example
//! produced from an equivalent order, the commit answer, and the two callback bodies read as
//! 返回单号和费用 answers (the seed says they are the same).

use crate::common;

use rust_decimal::Decimal;
use serde_json::Value;
use shipdesk::carriers::logssc::{self, Logssc};
use shipdesk::carriers::{
    Account, AccountSettings, CreateOutcome, Credentials, FollowUp, FollowUpAnswer, Forwarder,
    ForwarderKind, HttpMethod, SESSION_TOKEN, WireResponse,
};
use shipdesk::model::Money;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/logssc/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"))
}

fn answer(body: &str) -> WireResponse {
    WireResponse {
        status: 200,
        content_type: Some("application/json;charset=UTF-8".to_owned()),
        body: body.as_bytes().to_vec(),
    }
}

fn account() -> Account {
    Account {
        name: "logssc".to_owned(),
        forwarder: ForwarderKind::Logssc,
        base_url: "https://syco-api.logssc.com".to_owned(),
        settings: AccountSettings::default(),
        builtin_sandbox: false,
    }
}

fn credentials() -> Credentials {
    Credentials::from_pairs([
        (logssc::APP_ID, "SANDBOX-LOGSSC-APPID-0001"),
        (logssc::APP_SECRET, "not-in-the-body"),
        (SESSION_TOKEN, "LSOTOKEN-FROM-GETTOKEN"),
    ])
}

/// Top-level keys in the order they appear in a JSON object's text.
fn key_order(text: &str) -> Vec<String> {
    let Value::Object(map) = json(text) else {
        panic!("not an object");
    };
    let mut keys: Vec<(usize, String)> = map
        .keys()
        .map(|k| {
            let at = text.find(&format!("\"{k}\"")).unwrap_or(usize::MAX);
            (at, k.clone())
        })
        .collect();
    keys.sort();
    keys.into_iter().map(|(_, k)| k).collect()
}

#[test]
fn the_seeds_request_example_comes_from_the_equivalent_order() {
    let order = common::example_order("order-seed003.json");
    let account = account();
    assert!(
        shipdesk::carriers::validate_for(&order, &account).is_empty(),
        "{:?}",
        shipdesk::carriers::validate_for(&order, &account)
    );
    let body = Logssc.create_body(&order, &account);
    let request = Logssc
        .create_request(body.clone(), &account, &credentials(), 0, "")
        .expect("request");
    assert_eq!(request.method, HttpMethod::Post);
    assert_eq!(
        request.url, "https://syco-api.logssc.com/external-interface/lso/orderCommit",
        "the seed's address"
    );
    let sent = String::from_utf8(request.body.clone()).expect("utf-8");
    let expected = fixture("order_commit_request.json");
    assert_eq!(json(&sent), json(&expected), "{sent}");
    // The seed example's key order (token and appId travel first: they wrap the stored body).
    let without_credentials = |keys: Vec<String>| -> Vec<String> {
        keys.into_iter()
            .filter(|k| k != "token" && k != "appId")
            .collect()
    };
    assert_eq!(
        without_credentials(key_order(&sent)),
        without_credentials(key_order(&expected))
    );
    // Every key of the seed's own example is sent, except the callback `url`.
    let seed = json(&fixture("order_commit_request.seed.json"));
    let sent_json = json(&sent);
    let keys = |v: &Value| -> Vec<String> {
        v.as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    };
    let mut seed_keys = keys(&seed);
    seed_keys.retain(|k| k != "url");
    assert_eq!(keys(&sent_json), seed_keys);
    assert_eq!(
        keys(&sent_json["orderDetails"][0]),
        keys(&seed["orderDetails"][0])
    );
    // The appSecret only ever goes to the token call; the stored body holds no credential.
    assert!(!sent.contains("not-in-the-body"));
    let stored = String::from_utf8(body).expect("utf-8");
    assert!(!stored.contains("LSOTOKEN") && !stored.contains("APPID"));
    let audit = String::from_utf8(Logssc.audit_body(&request)).expect("utf-8");
    assert!(!audit.contains("LSOTOKEN") && !audit.contains("SANDBOX-LOGSSC-APPID"));
    assert!(audit.contains("\"customerNumber\":\"LSO-SEED-0001\""));
}

#[test]
fn metric_parcels_are_sent_in_inches_and_pounds() {
    let mut order = common::example_order("order-seed003.json");
    // 2 kg = 4.40924… lb; 40 cm = 15.748… in: rounded once, to two decimals.
    order.parcels[0].weight = Decimal::from(2);
    order.parcels[0].weight_unit = shipdesk::model::WeightUnit::Kg;
    order.parcels[0].length = Decimal::from(40);
    order.parcels[0].dimension_unit = shipdesk::model::LengthUnit::Cm;
    let body = json(&String::from_utf8(Logssc.create_body(&order, &account())).expect("utf-8"));
    assert_eq!(body["orderDetails"][0]["packWeight"].to_string(), "4.41");
    assert_eq!(body["orderDetails"][0]["boxLength"].to_string(), "15.75");
}

#[test]
fn the_commit_answer_gives_the_order_number_and_no_tracking_number_yet() {
    let outcome = Logssc.parse_create(&answer(&fixture("order_commit_answer.json")));
    assert_eq!(
        outcome,
        CreateOutcome::NumberLater {
            forwarder_order_id: Some("订单号".to_owned())
        }
    );
}

#[test]
fn the_success_callback_read_as_a_number_and_fee_answer() {
    // Verbatim: placeholders in every field. Its tracking number (`serviceNumber`) is the
    // placeholder "服务商主单号", which has no tracking number's shape: not kept, a problem to
    // ask about again (issue 14, point 9; it was kept before).
    let verbatim = Logssc.parse_follow_up(
        FollowUp::TrackingNumber,
        &answer(&fixture("callback_success.json")),
    );
    assert!(
        matches!(verbatim, FollowUpAnswer::Problem(_)),
        "{verbatim:?}"
    );

    // With a real number there: the tracking number is `serviceNumber`, the order number
    // `orderNumber`; "运费金额" is not an amount, so no fee is claimed from it.
    let numbered_body =
        fixture("callback_success.json").replace("\"服务商主单号\"", "\"1LS7AB0012345\"");
    let numbered = Logssc.parse_follow_up(FollowUp::TrackingNumber, &answer(&numbered_body));
    let FollowUpAnswer::Numbered(numbered) = numbered else {
        panic!("{numbered:?}");
    };
    assert_eq!(numbered.tracking_number, "1LS7AB0012345");
    assert_eq!(numbered.forwarder_order_id.as_deref(), Some("订单号"));
    assert_eq!(numbered.charged, None);

    // The same body with its fee placeholder filled in: what logssc charged, in USD.
    let filled = numbered_body.replace("\"运费金额\"", "\"23.75\"");
    let FollowUpAnswer::Numbered(numbered) =
        Logssc.parse_follow_up(FollowUp::TrackingNumber, &answer(&filled))
    else {
        panic!("not numbered");
    };
    assert_eq!(
        numbered.charged,
        Some(Money::new(Decimal::new(2375, 2), "USD"))
    );
}

#[test]
fn the_failure_callback_read_as_a_failed_order_whose_money_is_held() {
    let failed = Logssc.parse_follow_up(
        FollowUp::TrackingNumber,
        &answer(&fixture("callback_failure.json")),
    );
    let FollowUpAnswer::OrderFailed(error) = failed else {
        panic!("{failed:?}");
    };
    assert_eq!(error.forwarder_code.as_deref(), Some("1001"));
    // The forwarder's own words: msg and the detail.
    assert_eq!(
        error.forwarder_message,
        "下单失败 — 下单失败的具体错误信息描述"
    );
    assert!(
        error.describe().en.contains("refund"),
        "{:?}",
        error.describe()
    );
    assert!(error.describe().zh.contains("退款"));
}

#[test]
fn still_placing_is_1024_and_a_label_not_ready_is_1115() {
    assert_eq!(
        Logssc.parse_follow_up(
            FollowUp::TrackingNumber,
            &answer(r#"{"code":1024,"data":null,"err":"","msg":"下单未完成"}"#)
        ),
        FollowUpAnswer::NotYet
    );
    assert_eq!(
        Logssc.parse_follow_up(
            FollowUp::Label,
            &answer(r#"{"code":1115,"data":null,"err":"","msg":"标签正在下载，请稍候!"}"#)
        ),
        FollowUpAnswer::NotYet
    );
}
