//! ECCANG end to end over real HTTP: create answers "number later" (track_status 2), the engine's
//! poller asks getTrackNumber until it comes, then getLabelUrl, and stores the label; cancelOrder
//! cancels it. (No secret in the database and a restart while polling: `every_forwarder`.)

use crate::common;

use std::time::Duration;

use shipdesk::engine::{Cancel, Engine, Ship};
use shipdesk::model::ShipmentState;
use shipdesk::sandbox::Sandbox;
use shipdesk::secrets::Keychain;

const ACCOUNT: &str = "ECCANG Test";

use crate::common::forwarders::eccang_order as order;

/// A sandbox on its own runtime, so it outlives the engines under test.
fn sandbox(number_after_polls: u32) -> (tokio::runtime::Runtime, Sandbox) {
    let (runtime, sandbox) = common::sandbox_on_own_runtime();
    sandbox.set_eccang_number_after_polls(number_after_polls);
    (runtime, sandbox)
}

/// An engine on `dir` with an ECCANG account pointing at `base_url`; the keychain is shared.
fn engine(
    dir: &std::path::Path,
    base_url: &str,
    keychain: &Keychain,
    first_pause: Duration,
) -> Engine {
    let engine = common::engine_in(dir, keychain, first_pause);
    common::forwarders::add_eccang_account(&engine, keychain, ACCOUNT, base_url);
    engine
}

#[test]
fn number_later_then_label_are_polled_until_stored() {
    let (_runtime, sandbox) = sandbox(2);
    let dir = tempfile::tempdir().expect("tmp");
    let keychain = Keychain::in_memory();
    let engine = engine(
        dir.path(),
        &sandbox.base_url(),
        &keychain,
        Duration::from_millis(100),
    );
    let report = engine
        .call(Ship::new(order("EC-0001"), ACCOUNT))
        .expect("sent");
    assert_eq!(
        report.state,
        ShipmentState::AwaitingNumber,
        "{:?}",
        report.message
    );
    assert!(report.tracking_number.is_none());

    common::wait_for_state(&engine, "EC-0001", ShipmentState::Created);
    let record = common::record(&engine, "EC-0001");
    let tracking = record.tracking_number.clone().expect("tracking number");
    assert_eq!(
        Some(&tracking),
        sandbox.orders().first().map(|o| &o.tracking_number)
    );
    let label = record.label.expect("label stored");
    common::assert_pdf_file(&label.path);
    assert_eq!(sandbox.orders().len(), 1);

    assert_eq!(
        common::states(&engine, record.id),
        [
            ShipmentState::Submitting,
            ShipmentState::AwaitingNumber,
            ShipmentState::AwaitingLabel,
            ShipmentState::Created
        ]
    );

    // Cancel at the forwarder: ECCANG's cancelOrder, for real.
    let cancelled = engine.call(Cancel::of("EC-0001")).expect("cancelled");
    assert_eq!(cancelled.state, ShipmentState::Cancelled);
    assert!(
        sandbox.orders()[0]
            .eccang
            .as_ref()
            .is_some_and(|e| e.cancelled_at.is_some())
    );
    assert_eq!(
        common::state_of(&engine, "EC-0001"),
        Some(ShipmentState::Cancelled)
    );
    // Nothing left to cancel.
    assert!(engine.call(Cancel::of("EC-0001")).is_err());
}

#[test]
fn a_forwarder_without_a_cancel_call_says_so() {
    let (engine, _dir) = common::engine(Keychain::in_memory());
    engine
        .call(Ship::new(common::order("WP-CANCEL"), "Sandbox"))
        .expect("shipped");
    let error = engine
        .call(Cancel::of("WP-CANCEL"))
        .expect_err("no cancel call");
    assert!(
        error.describe().en.contains("no cancel call"),
        "{:?}",
        error.describe()
    );
    assert_eq!(
        common::state_of(&engine, "WP-CANCEL"),
        Some(ShipmentState::Created)
    );
}
