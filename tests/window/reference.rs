//! The reference field against History: a reference already bought is flagged while it is typed
//! (a scanner's) and not sent; one the forwarder refused is free to send again. Needs the
//! loopback sandbox.

use std::time::Duration;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use shipdesk::engine::Ship;

use crate::common;
use crate::harness::{
    all_shipments, fill_order_by_keyboard, harness, wait_for, window_with_a_zyl_shipment,
};

#[test]
fn a_reference_already_in_history_is_flagged_while_typed_and_not_sent() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    {
        let engine = harness.state().engine();
        engine
            .call(Ship::new(
                common::order("SCAN-0042"),
                shipdesk::engine::SANDBOX_ACCOUNT,
            ))
            .expect("sent");
    }
    fill_order_by_keyboard(&mut harness, false);
    // A scanner types the parcel's reference into the field.
    harness.get_by_label("Reference").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("SCAN-0042".to_owned()));
    wait_for(&mut harness, "the already-used hint", |h| {
        h.query_by_label_contains("Already used by a shipment")
            .is_some()
    });
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    // Refused at its field, in words, and counted in the live summary.
    wait_for(&mut harness, "the refusal", |h| {
        h.query_by_label_contains("Already in History (Created): use a new reference")
            .is_some()
            && h.query_by_label_contains("Not sent: 1 field needs attention")
                .is_some()
    });
    let recorded = all_shipments(&harness).len();
    assert_eq!(recorded, 1, "nothing new was sent");
    harness.get_by_label("Use a new reference").click();
    wait_for(&mut harness, "the hint to clear", |h| {
        h.query_by_label_contains("Already used by a shipment")
            .is_none()
    });
    let reference = harness
        .get_by_label("Reference")
        .value()
        .unwrap_or_default();
    assert!(reference.starts_with("SD-"), "{reference}");
}

#[test]
fn a_refused_order_can_be_sent_again_under_its_own_reference() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = window_with_a_zyl_shipment(dir.path(), "ZT-OK");
    {
        let engine = harness.state().engine();
        common::edit_account(engine, "ZYL", |account| {
            account
                .settings
                .set_field(&shipdesk::carriers::zyl::USER_ID, "99999");
        });
        engine
            .call(Ship::new(
                common::forwarders::zyl_order("ZT-REFUSED"),
                "ZYL",
            ))
            .expect("answered");
        assert_eq!(
            common::state_of(engine, "ZT-REFUSED"),
            Some(shipdesk::model::ShipmentState::Failed)
        );
    }
    // A bought reference is flagged; a refused one is free to send again once fixed.
    harness.get_by_label("Reference").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("ZT-OK".to_owned()));
    wait_for(&mut harness, "the hint for a bought reference", |h| {
        h.query_by_label_contains("Already used by a shipment")
            .is_some()
    });
    harness.get_by_label("Reference").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("ZT-REFUSED".to_owned()));
    for _ in 0..20 {
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        harness
            .query_by_label_contains("Already used by a shipment")
            .is_none()
    );
}
