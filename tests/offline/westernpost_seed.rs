//! Western Post against seed 000's own examples: the request we build and the answers we parse.

use shipdesk::carriers::{
    self, Account, AccountSettings, CreateOutcome, Credentials, ForwarderKind, LabelSource,
    WireResponse, westernpost::auth as signing,
};
use shipdesk::model::Shipment;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/westernpost/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

fn seed_order() -> Shipment {
    let path = format!(
        "{}/assets/examples/order-seed000.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn account() -> Account {
    Account {
        name: "WP".to_owned(),
        forwarder: ForwarderKind::WesternPost,
        base_url: "http://dms.qa.xiyou56.com/".to_owned(),
        settings: AccountSettings::default(),
        builtin_sandbox: false,
    }
}

fn answer(status: u16, body: &[u8]) -> WireResponse {
    WireResponse {
        status,
        content_type: Some("application/json".to_owned()),
        body: body.to_vec(),
    }
}

#[test]
fn seed_example_request_is_produced_from_an_equivalent_shipment() {
    let wp = carriers::forwarder(ForwarderKind::WesternPost);
    let body = wp.create_body(&seed_order(), &account());
    let ours: serde_json::Value = serde_json::from_slice(&body).expect("our body is JSON");
    let seed: serde_json::Value =
        serde_json::from_slice(&fixture("create_order_request")).expect("seed JSON");
    assert_eq!(ours, seed, "\nours: {ours:#}\nseed: {seed:#}");
}

#[test]
fn seed_order_passes_validation() {
    let issues = carriers::validate_for(&seed_order(), &account());
    assert!(issues.is_empty(), "{issues:?}");
}

/// A createOrder request for `{}`, signed with test keys at a fixed time and nonce.
fn signed_create_request() -> shipdesk::carriers::WireRequest {
    let wp = carriers::forwarder(ForwarderKind::WesternPost);
    let creds =
        Credentials::from_pairs([("open_key_id", "OPENKEY123"), ("secret_key", "SECRET456")]);
    wp.create_request(
        b"{}".to_vec(),
        &account(),
        &creds,
        1_583_398_764_000,
        "abcde",
    )
    .expect("request")
}

#[test]
fn request_carries_the_seed_headers_and_a_verifiable_signature() {
    let request = signed_create_request();
    assert_eq!(
        request.url,
        "http://dms.qa.xiyou56.com/v1/open-api/createOrder"
    );
    assert_eq!(
        request.header("Content-Type"),
        Some("application/json;charset=UTF-8")
    );
    assert_eq!(request.header("x-lt-openKeyId"), Some("OPENKEY123"));
    assert_eq!(request.header("x-lt-timestamp"), Some("1583398764000"));
    // carriers.md §1.2 known answer for the request path.
    assert_eq!(
        request.header("x-lt-signature"),
        Some(
            "abcdeYjdhZjEwYjA5Zjc4YTg1NGY1MTJjODRhOGFlM2E1ZDk1ZWI3MzBiZTRjNzI1ZjEwN2Y5MGU3Y2Y1YjMwMjA4OA=="
        )
    );
    // The audit copy hides the credentials.
    let redacted = format!("{:?}", request.redacted_headers());
    assert!(!redacted.contains("OPENKEY123"), "{redacted}");
    assert!(!redacted.contains("abcdeYjdh"), "{redacted}");
}

#[test]
fn signed_path_setting_changes_what_is_signed() {
    let wp = carriers::forwarder(ForwarderKind::WesternPost);
    let creds =
        Credentials::from_pairs([("open_key_id", "OPENKEY123"), ("secret_key", "SECRET456")]);
    let mut account = account();
    account.settings.set_field(
        &shipdesk::carriers::westernpost::SIGNED_PATH,
        "/open-api/{service}",
    );
    let request = wp
        .create_request(Vec::new(), &account, &creds, 1_583_398_764_000, "abcde")
        .expect("request");
    assert_eq!(
        request.header("x-lt-signature"),
        Some(
            "abcdeNzJhOWI0NTRhYjU3MmFkMWFkNWY5YjA5YzBjZjBiMjY2Mzk5YzA2YWJkZjk3MTIwZDEzYTE4ODE1YTYxZWJlMQ=="
        )
    );
    assert!(signing::verify(
        "OPENKEY123",
        "SECRET456",
        "1583398764000",
        "/open-api/createOrder",
        request.header("x-lt-signature").unwrap_or("")
    ));
}

#[test]
fn missing_credentials_are_refused_before_sending() {
    let wp = carriers::forwarder(ForwarderKind::WesternPost);
    let error = wp
        .create_request(Vec::new(), &account(), &Credentials::default(), 0, "abcde")
        .expect_err("no credentials");
    assert!(
        error.describe().en.contains("openKeyId"),
        "{:?}",
        error.describe()
    );
}

#[test]
fn seed_success_answer_gives_tracking_number_and_label_link() {
    let wp = carriers::forwarder(ForwarderKind::WesternPost);
    match wp.parse_create(&answer(200, &fixture("create_order_success"))) {
        CreateOutcome::Created(booking) => {
            assert_eq!(booking.tracking_number, "ZX10242450");
            assert_eq!(
                booking.label,
                Some(LabelSource::Url(
                    "http://dmsqa.xiyou56.com/api/wpglb-dms-orders/label/getLabel?encrypt=k7Gk1ROz2%2BKchy2oyy2vMAgRcFh%2FaRn1JIVOvIJuQZCrf3iRFr%2BFxh4%2BIKJWVRjv".to_owned()
                ))
            );
        }
        other => panic!("expected Created, got {other:?}"),
    }
}

#[test]
fn seed_duplicate_answer_is_recognised_with_the_forwarders_words() {
    let wp = carriers::forwarder(ForwarderKind::WesternPost);
    match wp.parse_create(&answer(200, &fixture("create_order_duplicate"))) {
        CreateOutcome::DuplicateReference(error) => {
            assert_eq!(error.forwarder_code.as_deref(), Some("500"));
            assert_eq!(error.forwarder_message, "参考号[lf-test-251205-004]已存在");
            assert!(
                error
                    .describe()
                    .zh
                    .contains("参考号[lf-test-251205-004]已存在")
            );
        }
        other => panic!("expected DuplicateReference, got {other:?}"),
    }
}

#[test]
fn seed_auth_answer_with_string_data_is_an_authentication_refusal() {
    let wp = carriers::forwarder(ForwarderKind::WesternPost);
    for status in [200, 401] {
        match wp.parse_create(&answer(status, &fixture("create_order_auth"))) {
            CreateOutcome::Refused(error) => {
                assert!(error.authentication);
                assert_eq!(error.forwarder_message, "认证失败");
                assert!(
                    error.describe().en.contains("clock"),
                    "{:?}",
                    error.describe()
                );
            }
            other => panic!("expected Refused, got {other:?}"),
        }
    }
}

#[test]
fn other_business_errors_are_refusals_with_the_message() {
    let wp = carriers::forwarder(ForwarderKind::WesternPost);
    // The error example on Western Post's public API page (carriers.md §1.2).
    let body = r#"{"code":500,"success":false,"msg":"跟踪号必填","error":"跟踪号必填"}"#.as_bytes();
    match wp.parse_create(&answer(200, body)) {
        CreateOutcome::Refused(error) => {
            assert!(!error.authentication);
            assert_eq!(error.forwarder_message, "跟踪号必填");
        }
        other => panic!("expected Refused, got {other:?}"),
    }
}

#[test]
fn html_gateway_page_is_unreadable_and_a_404_page_is_a_refusal() {
    let wp = carriers::forwarder(ForwarderKind::WesternPost);
    let page = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let mut response = answer(502, page);
    response.content_type = Some("text/html".to_owned());
    match wp.parse_create(&response) {
        CreateOutcome::Unreadable(error) => {
            assert!(error.describe().en.contains("HTTP 502"));
            assert!(error.describe().en.contains("HTML page"));
        }
        other => panic!("expected Unreadable, got {other:?}"),
    }
    response.status = 404;
    assert!(matches!(
        wp.parse_create(&response),
        CreateOutcome::Refused(_)
    ));
}

#[test]
fn success_without_tracking_number_or_cut_off_json_is_unreadable() {
    let wp = carriers::forwarder(ForwarderKind::WesternPost);
    let no_number = br#"{"code":200,"success":true,"msg":"ok","data":{},"error":""}"#;
    assert!(matches!(
        wp.parse_create(&answer(200, no_number)),
        CreateOutcome::Unreadable(_)
    ));
    let success = fixture("create_order_success");
    let cut = &success[..success.len() / 2];
    assert!(matches!(
        wp.parse_create(&answer(200, cut)),
        CreateOutcome::Unreadable(_)
    ));
    // A string code is accepted as well as a number.
    let string_code = br#"{"code":"200","success":true,"data":{"trackingNumber":"T0001"}}"#;
    assert!(matches!(
        wp.parse_create(&answer(200, string_code)),
        CreateOutcome::Created(_)
    ));
}

#[test]
fn grams_and_ounces_are_converted_and_tiny_values_never_round_to_zero() {
    let wp = carriers::forwarder(ForwarderKind::WesternPost);
    let mut order = seed_order();
    order.parcels[0].weight = "3".parse().unwrap_or_default();
    order.parcels[0].weight_unit = shipdesk::model::WeightUnit::G;
    let body: serde_json::Value =
        serde_json::from_slice(&wp.create_body(&order, &account())).expect("json");
    assert_eq!(body["weightUnit"], "KG");
    assert_eq!(body["ordersWeight"], serde_json::json!(0.01));
    order.parcels[0].weight = "8".parse().unwrap_or_default();
    order.parcels[0].weight_unit = shipdesk::model::WeightUnit::Oz;
    let body: serde_json::Value =
        serde_json::from_slice(&wp.create_body(&order, &account())).expect("json");
    assert_eq!(body["weightUnit"], "LB");
    assert_eq!(body["ordersWeight"], serde_json::json!(0.5));
}

#[test]
fn western_post_rules_are_checked_at_the_field() {
    let mut order = seed_order();
    order.parcels.push(order.parcels[0].clone());
    order.service_code.clear();
    order
        .forwarder_fields
        .insert("colour".to_owned(), "red".to_owned());
    order.recipient.postcode.clear();
    let fields: Vec<String> = carriers::validate_for(&order, &account())
        .into_iter()
        .map(|i| i.field)
        .collect();
    for expected in [
        "parcels",
        "service_code",
        "forwarder_fields.colour",
        "recipient.postcode",
    ] {
        assert!(
            fields.iter().any(|f| f == expected),
            "{expected} missing from {fields:?}"
        );
    }
}

#[test]
fn json_that_is_not_the_envelope_is_unreadable_not_a_refusal() {
    let wp = carriers::forwarder(ForwarderKind::WesternPost);
    // Nobody said yes or no: it may have been bought, so it must be reconciled.
    assert!(matches!(
        wp.parse_create(&answer(200, br#"{"result":"ok"}"#)),
        CreateOutcome::Unreadable(_)
    ));
}

#[test]
fn numbers_go_on_the_wire_with_exactly_their_decimal_digits() {
    let wp = carriers::forwarder(ForwarderKind::WesternPost);
    let mut order = seed_order();
    order.parcels[0].length = "12345678.91".parse().unwrap_or_default();
    order.parcels[0].weight = "0.1".parse().unwrap_or_default();
    let body = String::from_utf8(wp.create_body(&order, &account())).expect("utf-8");
    assert!(body.contains(r#""ordersLength":12345678.91,"#), "{body}");
    assert!(body.contains(r#""ordersWeight":0.1,"#), "{body}");
    assert!(body.contains(r#""ordersWidth":39,"#), "{body}");
}

#[test]
fn declared_value_must_be_in_us_dollars() {
    let mut order = seed_order();
    order.currency = "CNY".to_owned();
    let issues = carriers::validate_for(&order, &account());
    let currency = issues
        .iter()
        .find(|i| i.field == "currency")
        .expect("currency issue");
    assert!(currency.message.en.contains("USD") && currency.message.en.contains("CNY"));
}

#[test]
fn debug_output_of_a_request_hides_the_credentials() {
    let request = signed_create_request();
    let debug = format!("{request:?}");
    assert!(
        !debug.contains("OPENKEY123") && !debug.contains("abcdeYjdh"),
        "{debug}"
    );
    assert!(debug.contains("x-lt-timestamp: 1583398764000"), "{debug}");
}
