//! ZYL end to end over real HTTP: orderByApi answers with the numbers but no label, so the
//! shipment waits as "awaiting label"; the engine's poller asks findOrderLabelByCode by ZYL's own
//! order id (the sandbox says "not drawn yet" once), downloads the PDF and stores it; a restart
//! in the middle of polling resumes from SQLite; the credentials never reach the database.

use crate::common;

use std::time::Duration;

use shipdesk::carriers::zyl::AuthMode;
use shipdesk::engine::Engine;
use shipdesk::model::ShipmentState;
use shipdesk::sandbox::{DEMO_ZYL_ILE_ID, DEMO_ZYL_SIGN, Sandbox};
use shipdesk::secrets::Keychain;

const ACCOUNT: &str = "ZYL Test";

use crate::common::forwarders::zyl_order as order;

/// A sandbox on its own runtime, so it outlives the engines under test.
fn sandbox(label_after_polls: u32) -> (tokio::runtime::Runtime, Sandbox) {
    let (runtime, sandbox) = common::sandbox_on_own_runtime();
    sandbox.set_zyl_label_after_polls(label_after_polls);
    (runtime, sandbox)
}

/// An engine on `dir` with a ZYL account pointing at `base_url`; the keychain is shared.
fn engine(
    dir: &std::path::Path,
    base_url: &str,
    keychain: &Keychain,
    first_pause: Duration,
    auth: AuthMode,
) -> Engine {
    let engine = common::engine_in(dir, keychain, first_pause);
    common::forwarders::add_zyl_account(&engine, keychain, ACCOUNT, base_url, auth);
    engine
}

/// Ships one order and follows it until its label is stored; checks what was kept.
fn ships_and_stores_the_label(reference: &str, auth: AuthMode) {
    let (_runtime, sandbox) = sandbox(1);
    let dir = tempfile::tempdir().expect("tmp");
    let keychain = Keychain::in_memory();
    let engine = engine(
        dir.path(),
        &sandbox.base_url(),
        &keychain,
        Duration::from_millis(100),
        auth,
    );
    let report = engine
        .block_on(engine.ship(order(reference), ACCOUNT))
        .expect("sent");
    assert_eq!(
        report.state,
        ShipmentState::AwaitingLabel,
        "{:?}",
        report.message
    );
    let committed = sandbox.orders();
    assert_eq!(committed.len(), 1);
    assert_eq!(
        report.tracking_number.as_deref(),
        Some(committed[0].tracking_number.as_str()),
        "conCode is the tracking number"
    );

    common::wait_for_state(&engine, reference, ShipmentState::Created);
    let record = common::record(&engine, reference);
    let zyl = committed[0].zyl.clone().expect("zyl record");
    assert_eq!(
        record.forwarder_order_id.as_deref(),
        Some(zyl.order_id.as_str())
    );
    let label = record.label.clone().expect("label stored");
    common::assert_pdf_file(&label.path);
    assert_eq!(sandbox.orders().len(), 1, "bought once");

    // The audit trail never holds the credentials, although ZYL carries them in the body (and,
    // in the MD5 mode, the ile id in a header).
    let database = common::database_bytes(dir.path());
    for secret in [DEMO_ZYL_ILE_ID, DEMO_ZYL_SIGN] {
        assert!(!common::contains(&database, secret), "{secret} stored");
    }
    assert_eq!(
        common::states(&engine, record.id),
        [
            ShipmentState::Submitting,
            ShipmentState::AwaitingLabel,
            ShipmentState::Created
        ]
    );
}

#[test]
fn create_then_label_polled_and_stored_with_the_static_sign() {
    ships_and_stores_the_label("ZYL-0001", AuthMode::StaticSign);
}

#[test]
fn create_then_label_polled_and_stored_with_md5_headers() {
    ships_and_stores_the_label("ZYL-0002", AuthMode::Md5Header);
}

#[test]
fn a_restart_in_the_middle_of_polling_resumes_and_ends_right() {
    let (_runtime, sandbox) = sandbox(2);
    let dir = tempfile::tempdir().expect("tmp");
    let keychain = Keychain::in_memory();
    {
        // A slow first poll: the app closes while the label is still pending.
        let first = engine(
            dir.path(),
            &sandbox.base_url(),
            &keychain,
            Duration::from_secs(600),
            AuthMode::StaticSign,
        );
        let report = first
            .block_on(first.ship(order("ZYL-0003"), ACCOUNT))
            .expect("sent");
        assert_eq!(report.state, ShipmentState::AwaitingLabel);
    }
    let second = engine(
        dir.path(),
        &sandbox.base_url(),
        &keychain,
        Duration::from_millis(100),
        AuthMode::StaticSign,
    );
    common::wait_for_state(&second, "ZYL-0003", ShipmentState::Created);
    let record = common::record(&second, "ZYL-0003");
    assert!(record.label.is_some());
    assert_eq!(sandbox.orders().len(), 1, "bought once");
}
