//! Shipping from the Ship screen: keyboard only from an empty form to a created shipment found
//! in History, a missing field shown at the field with nothing sent, and a number and label that
//! come later by polling filling the result panel by themselves. Needs the loopback sandbox.

use std::time::Duration;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

use crate::harness::{
    all_shipments, fill_order_by_keyboard, harness, sandbox_account_before_start, settle, wait_for,
};

#[test]
fn keyboard_only_from_an_empty_form_to_a_created_shipment_then_found_in_history() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    fill_order_by_keyboard(&mut harness, false);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    wait_for(&mut harness, "the tracking number", |h| {
        h.query_by_label_contains("SBX").is_some()
    });

    // Recorded for real: one created shipment, label stored.
    let records = all_shipments(&harness);
    assert_eq!(records.len(), 1);
    let tracking = records[0].tracking_number.clone().expect("tracking number");
    // The window shows the number the forwarder gave, and the label drawn as it will print.
    harness.get_by_label(&tracking);
    wait_for(&mut harness, "the label preview", |h| {
        h.query_by_label("Label preview page 1").is_some()
    });
    assert_eq!(records[0].order.recipient.name, "Flynn Rider");
    assert_eq!(records[0].order.parcels[0].weight.to_string(), "2.5");
    let reference = records[0].reference.clone();

    // The form is ready for the next order: a new reference, the sender kept.
    let new_reference = harness
        .get_by_label("Reference")
        .value()
        .unwrap_or_default();
    assert_ne!(new_reference, reference);

    // History finds it by its tracking number.
    harness.get_by_label("History  (Ctrl+F)").click();
    settle(&mut harness);
    harness.get_by_label("Search").focus();
    harness.step();
    harness.event(egui::Event::Text(tracking.clone()));
    wait_for(&mut harness, "the shipment in History", |h| {
        h.query_by_label(&reference).is_some()
    });
}

#[test]
fn a_missing_required_field_shows_its_message_and_sends_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    fill_order_by_keyboard(&mut harness, true);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    settle(&mut harness);
    harness.get_by_label("Recipient postcode is required");
    harness.get_by_label_contains("Not sent");
    let records = all_shipments(&harness);
    assert!(records.is_empty(), "nothing recorded, nothing sent");
    // Fixing the field clears its message.
    let postcode = harness
        .get_all_by_label("Postcode")
        .next()
        .expect("recipient postcode");
    postcode.focus();
    harness.step();
    harness.event(egui::Event::Text("90048".to_owned()));
    settle(&mut harness);
    assert!(
        harness
            .query_by_label("Recipient postcode is required")
            .is_none()
    );
}

#[test]
fn a_number_and_label_that_come_later_appear_in_the_result_panel_by_themselves() {
    let dir = tempfile::tempdir().expect("tmp");
    sandbox_account_before_start(
        dir.path(),
        "EC Desk",
        shipdesk::carriers::ForwarderKind::Eccang,
        "PK0001",
        true,
    );
    let mut harness = harness(dir.path());
    {
        let engine = harness.state().engine();
        engine.set_poll_interval(Duration::from_millis(100));
        let sandbox = engine.builtin_sandbox().expect("sandbox");
        sandbox.set_eccang_number_after_polls(2);
    }
    fill_order_by_keyboard(&mut harness, false);
    // ECCANG also wants what is inside: one customs line.
    for (cell, text) in [("Name (EN) 1", "Phone case"), ("Unit value 1", "5")] {
        harness.get_by_label(cell).focus();
        harness.step();
        harness.event(egui::Event::Text(text.to_owned()));
        harness.step();
    }
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    // ECCANG answers "number later": the panel says so, then fills in without a click.
    wait_for(&mut harness, "awaiting the number", |h| {
        h.query_by_label_contains("waiting for tracking number")
            .is_some()
    });
    wait_for(&mut harness, "the tracking number", |h| {
        h.query_by_label("Tracking number:").is_some()
    });
    wait_for(&mut harness, "the label preview", |h| {
        h.query_by_label("Label preview page 1").is_some()
    });
}
