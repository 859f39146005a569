//! The shipment lifecycle over real HTTP (the built-in sandbox on loopback) and a real SQLite file.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::{engine, order, set_sandbox_timeout};
use shipdesk::engine::{Event, Reconcile, SANDBOX_ACCOUNT, Ship, ShipError};
use shipdesk::model::ShipmentState;
use shipdesk::sandbox::Fault;
use shipdesk::secrets::Keychain;
use shipdesk::store::{EventKind, HistoryQuery, Store};

#[test]
fn create_then_label_stored_then_history_finds_it() {
    let (engine, dir) = engine(Keychain::in_memory());
    let report = engine
        .call(Ship::new(order("LC-0001"), SANDBOX_ACCOUNT))
        .expect("shipped");
    assert_eq!(report.state, ShipmentState::Created, "{:?}", report.message);
    let tracking = report.tracking_number.clone().expect("tracking number");
    assert!(tracking.starts_with("SBX"), "{tracking}");

    // The label is a real 4x6 PDF on disk, recorded with its sha256.
    let path = report.label_path.clone().expect("label stored");
    let bytes = std::fs::read(&path).expect("label file");
    assert!(bytes.starts_with(b"%PDF"));
    let record = engine
        .with_store(|s| s.shipment("LC-0001"))
        .expect("store")
        .expect("recorded");
    let label = record.label.clone().expect("label record");
    assert_eq!(label.sha256, shipdesk::labels::sha256_hex(&bytes));
    assert_eq!(label.size_bytes as usize, bytes.len());
    assert!(path.starts_with(dir.path()));

    // History finds it by tracking number, reference, phone and name prefix, from a fresh connection.
    let store = Store::open(&dir.path().join("shipdesk.sqlite3")).expect("open");
    for text in [tracking.as_str(), "LC-0001", "13122223333", "fly", "FLYNN"] {
        let found = store
            .search(&HistoryQuery {
                text: text.to_owned(),
                ..HistoryQuery::default()
            })
            .expect("search");
        assert_eq!(found.len(), 1, "search {text:?}");
        assert_eq!(found[0].reference, "LC-0001");
    }
    // The audit trail holds the exact body sent, with the credentials redacted.
    let events = store.events(record.id).expect("events");
    let request = events
        .iter()
        .find(|e| e.kind == EventKind::Request)
        .expect("request event");
    let sent = request.detail["body"].as_str().expect("body");
    let sent: serde_json::Value = serde_json::from_str(sent).expect("json body");
    assert_eq!(sent["referenceNo"], "LC-0001");
    let headers = request.detail["headers"].to_string();
    assert!(
        headers.contains("[redacted]") && !headers.contains(shipdesk::sandbox::DEMO_OPEN_KEY_ID),
        "{headers}"
    );
    assert!(events.iter().any(|e| e.kind == EventKind::Response));
    assert!(events.iter().any(|e| e.kind == EventKind::Label));
    assert_eq!(
        events.iter().filter_map(|e| e.state).collect::<Vec<_>>(),
        [ShipmentState::Submitting, ShipmentState::Created]
    );
}

#[test]
fn the_row_and_exact_request_are_written_before_the_request_leaves() {
    let (engine, dir) = engine(Keychain::in_memory());
    let sandbox = engine.builtin_sandbox().expect("sandbox");
    // At the moment the forwarder receives the request, look in the shop's database.
    let database = dir.path().join("shipdesk.sqlite3");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let probe_seen = seen.clone();
    sandbox.on_arrival(Arc::new(move |reference: &str| {
        let found = Store::open_reader(&database).ok().and_then(|store| {
            let record = store.shipment(reference).ok()??;
            let events = store.events(record.id).ok()?;
            let request = events.iter().find(|e| e.kind == EventKind::Request)?;
            Some((record.state, request.detail["body"].as_str()?.to_owned()))
        });
        probe_seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(found);
    }));
    let report = engine
        .call(Ship::new(order("WA-0001"), SANDBOX_ACCOUNT))
        .expect("shipped");
    assert_eq!(report.state, ShipmentState::Created);
    let seen = seen
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    assert_eq!(seen.len(), 1, "one request arrived");
    let (state, body) = seen[0]
        .clone()
        .expect("the row and its request were already in the database");
    assert_eq!(state, ShipmentState::Submitting);
    // The recorded body is exactly what arrived.
    let arrived = &sandbox.orders()[0].request;
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .as_ref(),
        Some(arrived)
    );
}

#[test]
fn a_late_answer_never_overwrites_a_settled_shipment() {
    let (engine, dir) = engine(Keychain::in_memory());
    let sandbox = engine.builtin_sandbox().expect("sandbox");
    // The first send's answer is held; meanwhile another process reconciles the same database.
    sandbox.inject(Fault::Slow { millis: 2500 });
    engine.send(Ship::new(order("LATE-1"), SANDBOX_ACCOUNT));
    std::thread::sleep(Duration::from_millis(500));
    let other = shipdesk::engine::Engine::start(
        shipdesk::engine::EngineConfig {
            data_dir: dir.path().to_owned(),
        },
        Keychain::in_memory(),
    )
    .expect("second engine");
    let reports = other.call(Reconcile).expect("reconciled");
    let report = reports
        .iter()
        .find(|r| r.reference == "LATE-1")
        .expect("listed");
    assert_eq!(
        report.after,
        ShipmentState::Submitting,
        "left to its own send: {report:?}"
    );
    std::thread::sleep(Duration::from_millis(3000));
    let record = engine
        .with_store(|s| s.shipment("LATE-1"))
        .expect("store")
        .expect("row");
    assert_eq!(record.state, ShipmentState::Created);
    assert_eq!(sandbox.orders().len(), 1, "bought once");
}

/// Ships `reference` with one fault injected and returns the recorded shipment.
fn ship_with_fault(
    fault: Fault,
    reference: &str,
    timeout_secs: u64,
) -> (shipdesk::store::ShipmentRecord, Vec<usize>) {
    let (engine, _dir) = engine(Keychain::in_memory());
    set_sandbox_timeout(&engine, timeout_secs);
    let sandbox = engine.builtin_sandbox().expect("sandbox");
    sandbox.inject(fault);
    let report = engine
        .call(Ship::new(order(reference), SANDBOX_ACCOUNT))
        .expect("recorded and sent");
    let record = engine
        .with_store(|s| s.shipment(reference))
        .expect("store")
        .expect("row kept");
    assert_eq!(report.state, record.state);
    // The typed order is kept whatever happened.
    assert_eq!(record.order, order(reference));
    let orders_at_sandbox = vec![
        sandbox
            .orders()
            .iter()
            .filter(|o| o.reference == reference)
            .count(),
    ];
    (record, orders_at_sandbox)
}

#[test]
fn slow_answer_ends_unknown_with_a_clear_message() {
    let (record, at_sandbox) = ship_with_fault(Fault::Slow { millis: 3000 }, "F-SLOW", 1);
    assert_eq!(record.state, ShipmentState::Unknown);
    let message = record.message.expect("message");
    assert!(message.en.contains("no answer within 1 s"), "{message:?}");
    assert!(message.en.contains("Reconcile"), "{message:?}");
    assert!(message.zh.contains("核对"), "{message:?}");
    assert_eq!(at_sandbox, [1]);
}

#[test]
fn html_502_page_ends_unknown_and_says_what_came_back() {
    let (record, at_sandbox) = ship_with_fault(Fault::Html502, "F-502", 30);
    assert_eq!(record.state, ShipmentState::Unknown);
    let message = record.message.expect("message");
    assert!(
        message.en.contains("HTTP 502") && message.en.contains("HTML page"),
        "{message:?}"
    );
    assert!(
        message.en.contains("502 Bad Gateway"),
        "the page's own words: {message:?}"
    );
    assert_eq!(at_sandbox, [0]);
}

#[test]
fn connection_reset_after_commit_ends_unknown() {
    let (record, at_sandbox) = ship_with_fault(Fault::ResetAfterCommit, "F-RESET", 30);
    assert_eq!(record.state, ShipmentState::Unknown);
    let message = record.message.expect("message");
    assert!(message.en.contains("connection broke"), "{message:?}");
    assert_eq!(at_sandbox, [1]);
}

#[test]
fn invalid_json_answer_ends_unknown() {
    let (record, at_sandbox) = ship_with_fault(Fault::InvalidJson, "F-JSON", 30);
    assert_eq!(record.state, ShipmentState::Unknown);
    let message = record.message.expect("message");
    assert!(message.en.contains("not valid JSON"), "{message:?}");
    assert_eq!(at_sandbox, [1]);
}

#[test]
fn authentication_failure_ends_failed_with_the_forwarders_message() {
    let (record, at_sandbox) = ship_with_fault(Fault::Unauthorized, "F-401", 30);
    assert_eq!(record.state, ShipmentState::Failed);
    let message = record.message.expect("message");
    assert!(message.zh.contains("认证失败"), "{message:?}");
    assert!(message.en.contains("Nothing was charged"), "{message:?}");
    assert_eq!(at_sandbox, [0]);
}

#[test]
fn reset_after_commit_then_reconcile_leaves_exactly_one_order() {
    let (engine, _dir) = engine(Keychain::in_memory());
    let sandbox = engine.builtin_sandbox().expect("sandbox");
    sandbox.inject(Fault::ResetAfterCommit);
    let report = engine
        .call(Ship::new(order("RC-0001"), SANDBOX_ACCOUNT))
        .expect("sent");
    assert_eq!(report.state, ShipmentState::Unknown);

    // Shipping the same reference again is refused: it must be reconciled, not re-bought.
    match engine.call(Ship::new(order("RC-0001"), SANDBOX_ACCOUNT)) {
        Err(ShipError::AlreadyRecorded { state, .. }) => assert_eq!(state, ShipmentState::Unknown),
        other => panic!("expected AlreadyRecorded, got {other:?}"),
    }

    let reports = engine.call(Reconcile).expect("reconciled");
    let report = reports
        .iter()
        .find(|r| r.reference == "RC-0001")
        .expect("reported");
    assert_eq!(report.after, ShipmentState::BoughtNoTracking);
    assert!(
        report
            .message
            .as_ref()
            .is_some_and(|m| m.en.contains("bought once, not twice"))
    );
    assert_eq!(
        sandbox
            .orders()
            .iter()
            .filter(|o| o.reference == "RC-0001")
            .count(),
        1
    );

    // Reconciling again changes nothing and sends nothing.
    let again = engine.call(Reconcile).expect("reconciled");
    assert!(again.iter().all(|r| r.reference != "RC-0001"), "{again:?}");
    assert_eq!(sandbox.orders().len(), 1);
}

#[test]
fn lost_request_then_reconcile_creates_it_once_with_its_label() {
    let (engine, _dir) = engine(Keychain::in_memory());
    let sandbox = engine.builtin_sandbox().expect("sandbox");
    sandbox.inject(Fault::Html502);
    let report = engine
        .call(Ship::new(order("RC-0002"), SANDBOX_ACCOUNT))
        .expect("sent");
    assert_eq!(report.state, ShipmentState::Unknown);
    assert!(sandbox.orders().is_empty());

    let reports = engine.call(Reconcile).expect("reconciled");
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert_eq!(reports[0].after, ShipmentState::Created);
    let record = engine
        .with_store(|s| s.shipment("RC-0002"))
        .expect("store")
        .expect("row");
    assert_eq!(
        record.tracking_number,
        Some(sandbox.orders()[0].tracking_number.clone())
    );
    assert!(record.label.is_some(), "label fetched during reconcile");
    assert_eq!(record.attempts, 2);
    assert_eq!(sandbox.orders().len(), 1);
}

#[test]
fn a_failed_shipment_is_retried_under_the_same_reference() {
    let (engine, _dir) = engine(Keychain::in_memory());
    let sandbox = engine.builtin_sandbox().expect("sandbox");
    sandbox.inject(Fault::Unauthorized);
    let first = engine
        .call(Ship::new(order("RT-0001"), SANDBOX_ACCOUNT))
        .expect("sent");
    assert_eq!(first.state, ShipmentState::Failed);
    let second = engine
        .call(Ship::new(order("RT-0001"), SANDBOX_ACCOUNT))
        .expect("sent");
    assert_eq!(second.state, ShipmentState::Created, "{:?}", second.message);
    let record = engine
        .with_store(|s| s.shipment("RT-0001"))
        .expect("store")
        .expect("row");
    assert_eq!(record.attempts, 2);
    assert_eq!(sandbox.orders().len(), 1);
    // A created shipment is never sent again.
    assert!(matches!(
        engine.call(Ship::new(order("RT-0001"), SANDBOX_ACCOUNT)),
        Err(ShipError::AlreadyRecorded {
            state: ShipmentState::Created,
            ..
        })
    ));
    assert_eq!(sandbox.orders().len(), 1);
}

#[test]
fn a_reference_used_elsewhere_fails_without_buying() {
    let (engine, _dir) = engine(Keychain::in_memory());
    let sandbox = engine.builtin_sandbox().expect("sandbox");
    // The reference is used at the forwarder but unknown here (as if made in its portal):
    // ship once, then forget it locally.
    let shipment = order("DUP-0001");
    engine
        .call(Ship::new(shipment.clone(), SANDBOX_ACCOUNT))
        .expect("first");
    engine.with_store(|s| {
        s.connection()
            .execute_batch("DELETE FROM events; DELETE FROM labels; DELETE FROM shipments;")
            .expect("forget locally");
    });
    let report = engine
        .call(Ship::new(shipment, SANDBOX_ACCOUNT))
        .expect("sent");
    assert_eq!(report.state, ShipmentState::Failed);
    let message = report.message.expect("message");
    assert!(
        message.zh.contains("已存在"),
        "the forwarder's own words: {message:?}"
    );
    assert!(message.en.contains("Nothing was bought now"), "{message:?}");
    assert_eq!(sandbox.orders().len(), 1);
}

#[test]
fn a_missing_required_field_is_shown_and_nothing_is_sent_or_recorded() {
    let (engine, _dir) = engine(Keychain::in_memory());
    let sandbox = engine.builtin_sandbox().expect("sandbox");
    let mut shipment = order("V-0001");
    shipment.recipient.postcode.clear();
    shipment.parcels[0].weight = rust_decimal::Decimal::ZERO;
    match engine.call(Ship::new(shipment, SANDBOX_ACCOUNT)) {
        Err(ShipError::Invalid(issues)) => {
            let postcode = issues
                .iter()
                .find(|i| i.field == "recipient.postcode")
                .expect("postcode issue");
            assert_eq!(postcode.message.en, "Recipient postcode is required");
            assert_eq!(postcode.message.zh, "请填写收件人邮编");
            assert!(issues.iter().any(|i| i.field == "parcels[0].weight"));
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(sandbox.orders().is_empty());
    assert!(
        engine
            .with_store(|s| s.shipment("V-0001"))
            .expect("store")
            .is_none()
    );
}

#[test]
fn the_gui_command_path_reports_through_events() {
    let (mut engine, _dir) = engine(Keychain::in_memory());
    let events = engine.take_events().expect("events");
    engine.send(Ship::new(order("EV-0001"), SANDBOX_ACCOUNT));
    // The desk scale's news (here: no scale plugged in) comes on the same stream: passed over.
    let answer = loop {
        match events
            .recv_timeout(Duration::from_secs(20))
            .expect("an event")
        {
            Event::Scale(_) => {}
            other => break other,
        }
    };
    match answer {
        Event::Shipped(Ok(report)) => assert_eq!(report.state, ShipmentState::Created),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn a_retry_that_meets_its_own_earlier_order_is_bought_once_not_failed() {
    let (engine, _dir) = engine(Keychain::in_memory());
    let sandbox = engine.builtin_sandbox().expect("sandbox");
    // The forwarder kept the order but answered with a refusal.
    sandbox.inject(Fault::RefuseAfterCommit);
    let first = engine
        .call(Ship::new(order("RA-1"), SANDBOX_ACCOUNT))
        .expect("sent");
    assert_eq!(first.state, ShipmentState::Failed);
    assert!(
        first
            .message
            .as_ref()
            .is_some_and(|m| m.zh.contains("系统繁忙"))
    );
    // The packer retries: "already exists" now proves the earlier send bought it.
    let retry = engine
        .call(Ship::new(order("RA-1"), SANDBOX_ACCOUNT))
        .expect("sent");
    assert_eq!(
        retry.state,
        ShipmentState::BoughtNoTracking,
        "{:?}",
        retry.message
    );
    assert_eq!(sandbox.orders().len(), 1);
}

#[test]
fn a_slow_send_is_listed_by_name_among_the_running_tasks_until_it_ends() {
    let (engine, _dir) = engine(Keychain::in_memory());
    let sandbox = engine.builtin_sandbox().expect("sandbox");
    sandbox.inject(Fault::Slow { millis: 1500 });
    engine.send(Ship::new(order("TASK-1"), SANDBOX_ACCOUNT));
    std::thread::sleep(Duration::from_millis(500));
    let running: Vec<String> = engine.running_tasks().into_iter().map(|t| t.0).collect();
    assert!(running.iter().any(|t| t == "ship TASK-1"), "{running:?}");
    assert!(running.iter().any(|t| t == "poller"), "{running:?}");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while engine.running_tasks().iter().any(|t| t.0 == "ship TASK-1") {
        assert!(std::time::Instant::now() < deadline, "the send never ended");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        crate::common::state_of(&engine, "TASK-1"),
        Some(ShipmentState::Created)
    );
}
