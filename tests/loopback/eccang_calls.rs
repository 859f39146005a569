//! ECCANG's calls beyond buying (issue 14, point 12) over real HTTP against the sandbox, through
//! the engine as the window and the command line use it: the account's services listed and
//! kept in the SQLite file (so the picker works offline), getOrder in words, modifyOrderWeight
//! and interceptOrder with their results and refusals kept in the audit trail, the sandbox's
//! own rules for them, and the WSDL it serves.

use crate::common;

use std::time::Duration;

use rust_decimal::Decimal;
use shipdesk::carriers::eccang;
use shipdesk::engine::{AskOrder, Cancel, Engine, Intercept, Reweigh, Services, Ship, ShipError};
use shipdesk::model::ShipmentState;
use shipdesk::sandbox::{EccangStatus, Sandbox};
use shipdesk::secrets::Keychain;
use shipdesk::store::EventKind;

const ACCOUNT: &str = "ECCANG Calls";

fn setup() -> (
    tokio::runtime::Runtime,
    Sandbox,
    tempfile::TempDir,
    Keychain,
    Engine,
) {
    let (runtime, sandbox) = common::sandbox_on_own_runtime();
    sandbox.set_eccang_number_after_polls(0);
    let dir = tempfile::tempdir().expect("tmp");
    let keychain = Keychain::in_memory();
    let engine = common::engine_in(dir.path(), &keychain, Duration::from_millis(100));
    common::forwarders::add_eccang_account(&engine, &keychain, ACCOUNT, &sandbox.base_url());
    (runtime, sandbox, dir, keychain, engine)
}

/// A bought ECCANG shipment under `reference`, its label stored.
fn bought(engine: &Engine, reference: &str) {
    let mut order = common::forwarders::eccang_order(reference);
    // A service on the sandbox's price list, so its fees show once weighed.
    order.service_code = "PK0001".to_owned();
    engine.call(Ship::new(order, ACCOUNT)).expect("sent");
    common::wait_for_state(engine, reference, ShipmentState::Created);
}

/// The audit-trail answers of `call` for `reference`.
fn answers(engine: &Engine, reference: &str, call: &str) -> Vec<serde_json::Value> {
    let id = common::record(engine, reference).id;
    engine
        .with_store(|s| s.events(id))
        .expect("events")
        .into_iter()
        .filter(|e| e.kind == EventKind::Response)
        .filter(|e| e.detail.get("call").and_then(|c| c.as_str()) == Some(call))
        .map(|e| e.detail)
        .collect()
}

fn refusal(result: Result<impl std::fmt::Debug, ShipError>) -> String {
    match result {
        Err(error) => error.describe().en,
        Ok(answer) => panic!("expected a refusal, got {answer:?}"),
    }
}

#[test]
fn services_are_listed_kept_in_the_file_and_read_back_offline() {
    let (runtime, sandbox, dir, keychain, engine) = setup();
    let kept = engine.call(Services::kept(ACCOUNT)).expect("kept list");
    assert!(kept.services.is_empty() && kept.fetched_at.is_none());

    let listed = engine.call(Services::refreshed(ACCOUNT)).expect("listed");
    let codes: Vec<&str> = listed.services.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(codes, ["PK0001", "PK0002"]);
    assert_eq!(listed.services[0].name.en, "Sandbox Registered Post");
    assert_eq!(listed.services[0].name.zh, "沙盒挂号小包");
    assert!(listed.fetched_at.is_some());

    // The forwarder goes away and shipdesk restarts: the list is in the SQLite file.
    drop(engine);
    drop(sandbox);
    drop(runtime);
    let engine = common::engine_in(dir.path(), &keychain, Duration::from_millis(100));
    let offline = engine.call(Services::kept(ACCOUNT)).expect("offline list");
    assert_eq!(offline.services, listed.services);
    let overview = engine
        .call(shipdesk::engine::LoadOverview)
        .expect("overview");
    assert!(
        overview
            .services
            .iter()
            .any(|s| s.account == ACCOUNT && s.services.len() == 2)
    );
    // A refresh that cannot reach the forwarder says so and keeps the list.
    assert!(engine.call(Services::refreshed(ACCOUNT)).is_err());
    assert_eq!(
        engine.call(Services::kept(ACCOUNT)).expect("kept").services,
        listed.services
    );
    assert!(engine.call(Services::kept("No Such Account")).is_err());
}

#[test]
fn get_order_shows_status_weights_and_fees_in_words_and_is_kept_in_the_audit_trail() {
    let (_runtime, sandbox, _dir, _keychain, engine) = setup();
    bought(&engine, "EC-CALL-1");
    let order = engine
        .call(AskOrder("EC-CALL-1".to_owned()))
        .expect("order");
    let status = order.value("Status").unwrap_or_default();
    assert!(status.starts_with("Forecast"), "{status}");
    assert_eq!(order.value("Reference"), Some("EC-CALL-1"));
    assert_eq!(order.value("Service"), Some("PK0001"));
    let record = common::record(&engine, "EC-CALL-1");
    assert_eq!(
        order.value("ECCANG order code"),
        record.forwarder_order_id.as_deref()
    );
    assert_eq!(
        order.value("Tracking number"),
        record.tracking_number.as_deref()
    );

    // Weighed at the warehouse: the charged weight and the fee show.
    assert!(sandbox.set_eccang_order_status("EC-CALL-1", EccangStatus::Received));
    let order = engine
        .call(AskOrder("EC-CALL-1".to_owned()))
        .expect("order");
    assert!(
        order.value("Status").unwrap_or_default().contains("已收货"),
        "{order:?}"
    );
    assert!(order.value("Charged weight (kg)").is_some(), "{order:?}");
    assert!(order.value("Total fee").is_some(), "{order:?}");
    assert_eq!(answers(&engine, "EC-CALL-1", "order").len(), 2);
    assert_eq!(
        common::state_of(&engine, "EC-CALL-1"),
        Some(ShipmentState::Created)
    );

    // An order ECCANG does not have: its own words.
    let missing = refusal(engine.call(AskOrder("NOT-RECORDED".to_owned())));
    assert!(missing.contains("NOT-RECORDED"), "{missing}");
}

#[test]
fn a_new_weight_goes_to_eccang_and_its_verdict_is_kept() {
    let (_runtime, sandbox, _dir, _keychain, engine) = setup();
    bought(&engine, "EC-CALL-2");
    let report = engine
        .call(Reweigh {
            reference: "EC-CALL-2".to_owned(),
            weight_kg: Decimal::new(2500, 3),
        })
        .expect("taken");
    let words = report.message.expect("words");
    assert!(words.en.contains("重量修改成功"), "{words:?}");
    assert_eq!(report.state, ShipmentState::Created);
    let kept = sandbox
        .orders()
        .into_iter()
        .find(|o| o.reference == "EC-CALL-2")
        .and_then(|o| o.eccang)
        .and_then(|r| r.weight_kg);
    assert_eq!(kept.as_deref(), Some("2.5"));
    let order = engine
        .call(AskOrder("EC-CALL-2".to_owned()))
        .expect("order");
    assert_eq!(order.value("Declared weight (kg)"), Some("2.5"));
    let noted = answers(&engine, "EC-CALL-2", "reweigh");
    assert_eq!(noted.len(), 1);
    assert_eq!(noted[0]["accepted"], true);
    assert_eq!(noted[0]["weight_kg"], "2.5");
    assert_eq!(common::record(&engine, "EC-CALL-2").message, Some(words));

    // Once the parcel left, ECCANG refuses, in its own words, and that is kept too.
    sandbox.set_eccang_order_status("EC-CALL-2", EccangStatus::Shipped);
    let refused = refusal(engine.call(Reweigh {
        reference: "EC-CALL-2".to_owned(),
        weight_kg: Decimal::ONE,
    }));
    assert!(refused.contains("已出货"), "{refused}");
    let noted = answers(&engine, "EC-CALL-2", "reweigh");
    assert_eq!(noted.len(), 2);
    assert_eq!(noted[1]["accepted"], false);
}

#[test]
fn a_received_parcel_cannot_be_cancelled_but_is_intercepted_once() {
    let (_runtime, sandbox, _dir, _keychain, engine) = setup();
    bought(&engine, "EC-CALL-3");
    sandbox.set_eccang_order_status("EC-CALL-3", EccangStatus::Received);
    let cancel = refusal(engine.call(Cancel::of("EC-CALL-3")));
    assert!(cancel.contains("不允许取消"), "{cancel}");

    let report = engine
        .call(Intercept {
            reference: "EC-CALL-3".to_owned(),
            remark: "wrong address".to_owned(),
        })
        .expect("intercepted");
    assert!(
        report
            .message
            .as_ref()
            .is_some_and(|m| m.en.contains("拦截成功")),
        "{report:?}"
    );
    // Still bought: the parcel is held, not cancelled.
    assert_eq!(report.state, ShipmentState::Created);
    assert_eq!(
        common::state_of(&engine, "EC-CALL-3"),
        Some(ShipmentState::Created)
    );
    let record = sandbox
        .orders()
        .into_iter()
        .find(|o| o.reference == "EC-CALL-3")
        .and_then(|o| o.eccang)
        .expect("record");
    assert_eq!(record.status, EccangStatus::Intercepted);
    assert_eq!(record.hold_remark.as_deref(), Some("wrong address"));
    let noted = answers(&engine, "EC-CALL-3", "intercept");
    assert_eq!(noted.len(), 1);
    assert_eq!(noted[0]["accepted"], true);
    assert_eq!(noted[0]["remark"], "wrong address");

    // Held already: ECCANG takes an intercept only in forecast or received status.
    let again = refusal(engine.call(Intercept {
        reference: "EC-CALL-3".to_owned(),
        remark: "again".to_owned(),
    }));
    assert!(again.contains("只有已预报或已收货"), "{again}");
}

#[test]
fn a_shipped_parcel_is_refused_by_eccang_and_a_cancelled_one_is_never_asked() {
    let (_runtime, sandbox, _dir, _keychain, engine) = setup();
    bought(&engine, "EC-CALL-4");
    sandbox.set_eccang_order_status("EC-CALL-4", EccangStatus::Shipped);
    let shipped = refusal(engine.call(Intercept {
        reference: "EC-CALL-4".to_owned(),
        remark: String::new(),
    }));
    assert!(shipped.contains("已出货"), "{shipped}");
    assert_eq!(
        answers(&engine, "EC-CALL-4", "intercept")[0]["accepted"],
        false
    );

    bought(&engine, "EC-CALL-5");
    engine.call(Cancel::of("EC-CALL-5")).expect("cancelled");
    let calls_before = answers(&engine, "EC-CALL-5", "intercept").len();
    let cancelled = engine.call(Intercept {
        reference: "EC-CALL-5".to_owned(),
        remark: "x".to_owned(),
    });
    assert!(
        matches!(cancelled, Err(ShipError::WrongState { .. })),
        "{cancelled:?}"
    );
    assert_eq!(
        answers(&engine, "EC-CALL-5", "intercept").len(),
        calls_before
    );
}

#[test]
fn no_call_after_buying_puts_the_app_token_or_key_in_the_database_file() {
    let (_runtime, _sandbox, dir, _keychain, engine) = setup();
    bought(&engine, "EC-KEYS-1");
    engine
        .call(AskOrder("EC-KEYS-1".to_owned()))
        .expect("asked");
    engine
        .call(Reweigh {
            reference: "EC-KEYS-1".to_owned(),
            weight_kg: Decimal::new(125, 2),
        })
        .expect("re-weighed");
    engine
        .call(Intercept {
            reference: "EC-KEYS-1".to_owned(),
            remark: "customer moved".to_owned(),
        })
        .ok();
    bought(&engine, "EC-KEYS-2");
    engine.call(Cancel::of("EC-KEYS-2")).expect("cancelled");
    // ECCANG carries appToken and appKey in every request body; the audit trail keeps each
    // call with them removed, and nothing else of the request.
    let database = common::database_bytes(dir.path());
    assert!(common::contains(&database, "EC-KEYS-1"));
    for secret in
        shipdesk::sandbox::demo_credentials(shipdesk::carriers::ForwarderKind::Eccang).values()
    {
        assert!(!common::contains(&database, secret), "{secret} stored");
    }
}

// ---------------------------------------------------------------------------------------------
// The sandbox's own rules, driven by the dialect's requests

async fn call(sandbox: &Sandbox, service: &str, params: &str) -> String {
    let account = shipdesk::carriers::Account {
        name: "raw".to_owned(),
        forwarder: shipdesk::carriers::ForwarderKind::Eccang,
        base_url: sandbox.base_url(),
        settings: Default::default(),
        builtin_sandbox: false,
    };
    let credentials =
        shipdesk::sandbox::demo_credentials(shipdesk::carriers::ForwarderKind::Eccang);
    let request = eccang::call_request(&account, &credentials, service, params).expect("request");
    let answer = common::send_raw(&reqwest::Client::new(), request)
        .await
        .expect("answer");
    eccang::parse_response(&answer).expect("envelope")
}

#[test]
fn the_sandbox_checks_what_these_calls_require() {
    let (runtime, sandbox, _dir, _keychain, engine) = setup();
    bought(&engine, "EC-CALL-6");
    let order_code = common::record(&engine, "EC-CALL-6")
        .forwarder_order_id
        .expect("order code");
    let failed = |json: &str| {
        let answer = eccang::parse_accepted(json);
        assert!(answer.is_err(), "{json}");
        json.to_owned()
    };
    runtime.block_on(async {
        let no_remark = failed(
            &call(
                &sandbox,
                "interceptOrder",
                r#"{"reference_no":"EC-CALL-6"}"#,
            )
            .await,
        );
        assert!(no_remark.contains("hold_on_remark不能为空"), "{no_remark}");
        let no_reference =
            failed(&call(&sandbox, "interceptOrder", r#"{"hold_on_remark":"x"}"#).await);
        assert!(
            no_reference.contains("reference_no不能为空"),
            "{no_reference}"
        );
        let zero = failed(
            &call(
                &sandbox,
                "modifyOrderWeight",
                &format!(r#"{{"order_code":"{order_code}","weight":0}}"#),
            )
            .await,
        );
        assert!(zero.contains("weight必须大于0"), "{zero}");
        let too_fine = failed(
            &call(
                &sandbox,
                "modifyOrderWeight",
                &format!(r#"{{"order_code":"{order_code}","weight":"1.2345"}}"#),
            )
            .await,
        );
        assert!(too_fine.contains("最多3位小数"), "{too_fine}");
        let no_code = failed(&call(&sandbox, "modifyOrderWeight", r#"{"weight":1}"#).await);
        assert!(no_code.contains("order_code不能为空"), "{no_code}");
        // By ECCANG's waybill number only: our reference is not an order code.
        let by_reference = failed(
            &call(
                &sandbox,
                "modifyOrderWeight",
                r#"{"order_code":"EC-CALL-6","weight":1}"#,
            )
            .await,
        );
        assert!(by_reference.contains("不存在"), "{by_reference}");
        let list = call(&sandbox, "getShippingMethod", "{}").await;
        assert_eq!(
            eccang::parse_shipping_methods(&list).map(|s| s.len()),
            Ok(2)
        );
    });
}

#[test]
fn the_wsdl_is_a_wsdl_document_naming_call_service_and_this_endpoint() {
    let (runtime, sandbox) = common::sandbox_on_own_runtime();
    let url = format!("{}{}", sandbox.base_url(), eccang::WSDL_PATH);
    let (status, content_type, body) = runtime.block_on(async {
        let response = reqwest::get(&url).await.expect("answer");
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (status, content_type, response.text().await.expect("text"))
    });
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/xml"), "{content_type}");

    // Well-formed XML, read element by element: the root, the operation, its four parts and
    // the endpoint address.
    let mut reader = quick_xml::Reader::from_str(&body);
    let mut root = None;
    let mut operations = Vec::new();
    let mut elements = Vec::new();
    let mut addresses = Vec::new();
    let mut target_namespace = None;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e)) => {
                let local = e.local_name();
                let name: String = AsRef::<str>::as_ref(&local).to_owned();
                let attribute = |key: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| AsRef::<str>::as_ref(&a.key.local_name()) == key)
                        .map(|a| a.value.to_string())
                };
                if root.is_none() {
                    root = Some(name.clone());
                    target_namespace = attribute("targetNamespace");
                }
                match name.as_str() {
                    "operation" => operations.extend(attribute("name")),
                    "element" => elements.extend(attribute("name")),
                    "address" => addresses.extend(attribute("location")),
                    _ => {}
                }
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(error) => panic!("the WSDL is not well-formed XML: {error}\n{body}"),
        }
    }
    assert_eq!(root.as_deref(), Some("definitions"));
    assert_eq!(target_namespace.as_deref(), Some(eccang::NAMESPACE));
    assert!(operations.iter().all(|o| o == "callService") && !operations.is_empty());
    for part in [
        "callService",
        "paramsJson",
        "appToken",
        "appKey",
        "service",
        "response",
    ] {
        assert!(elements.iter().any(|e| e == part), "{part} in {elements:?}");
    }
    assert_eq!(
        addresses,
        [format!("{}{}", sandbox.base_url(), eccang::ENDPOINT_PATH)]
    );
}
