//! ZYL end to end over real HTTP: orderByApi answers with the numbers but no label, so the
//! shipment waits as "awaiting label"; the engine's poller asks findOrderLabelByCode by ZYL's own
//! order id (the sandbox says "not drawn yet" once), downloads the PDF and stores it, in both sign
//! modes. (No secret in the database and a restart while polling: `every_forwarder`.)

use crate::common;

use std::time::Duration;

use shipdesk::carriers::zyl::AuthMode;
use shipdesk::engine::{Engine, Ship};
use shipdesk::model::ShipmentState;
use shipdesk::sandbox::Sandbox;
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
        .call(Ship::new(order(reference), ACCOUNT))
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
