//! Fees shown before buying (logssc on the built-in sandbox): Esc buys nothing and Enter buys at
//! the fee shown, a fee for an order since changed buys nothing, and a failed order that holds
//! the balance is named in the header and found in History.

use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use shipdesk::engine::{Quote, Ship};

use crate::common;
use crate::harness::{
    all_shipments, fill_order_by_keyboard, harness, sandbox_account_before_start, settle, wait_for,
};

#[test]
fn a_logssc_fee_is_shown_esc_buys_nothing_and_enter_buys_at_that_fee() {
    let dir = tempfile::tempdir().expect("tmp");
    // A returning user whose last account is a logssc account on the built-in sandbox.
    sandbox_account_before_start(
        dir.path(),
        "LSO Desk",
        shipdesk::carriers::ForwarderKind::Logssc,
        "",
        true,
    );
    let mut harness = harness(dir.path());
    harness
        .state()
        .engine()
        .set_poll_interval(Duration::from_millis(50));
    fill_order_by_keyboard(&mut harness, false);

    // Ctrl+Enter asks the fee; Esc declines it: nothing recorded, nothing bought.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    wait_for(&mut harness, "the fee", |h| {
        h.query_by_label_contains("Buy the label at this fee?")
            .is_some()
    });
    assert!(harness.query_by_label_contains("USD").is_some());
    harness.key_press(Key::Escape);
    settle(&mut harness);
    harness.get_by_label_contains("Not bought");
    assert!(all_shipments(&harness).is_empty());

    // Again, and Enter buys at the fee shown.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    wait_for(&mut harness, "the fee again", |h| {
        h.query_by_label_contains("Buy the label at this fee?")
            .is_some()
    });
    harness.key_press(Key::Enter);
    wait_for(&mut harness, "the committed order", |h| {
        h.query_by_label_contains("waiting for tracking number")
            .is_some()
    });
    harness.get_by_label_contains("Fee accepted:");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let records = all_shipments(&harness);
        if records.len() == 1 && records[0].state == shipdesk::model::ShipmentState::Created {
            let reference = records[0].reference.clone();
            let record = harness
                .state()
                .engine()
                .with_store(|s| s.shipment(&reference))
                .expect("store")
                .expect("row");
            assert!(record.label.is_some(), "label stored");
            assert!(record.quoted_fee.is_some());
            assert_eq!(record.quoted_fee, record.charged_fee);
            break;
        }
        assert!(Instant::now() < deadline, "not created: {records:?}");
        harness.step();
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_fee_shown_for_an_order_since_changed_buys_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    sandbox_account_before_start(
        dir.path(),
        "LSO Desk",
        shipdesk::carriers::ForwarderKind::Logssc,
        "",
        true,
    );
    let mut harness = harness(dir.path());
    fill_order_by_keyboard(&mut harness, false);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    wait_for(&mut harness, "the fee", |h| {
        h.query_by_label_contains("Buy the label at this fee?")
            .is_some()
    });
    // The packer corrects the weight while the fee is on screen, then presses Enter.
    harness.get_by_label("Weight 1").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("3.5".to_owned()));
    harness.step();
    harness.key_press(Key::Enter);
    settle(&mut harness);
    harness.get_by_label_contains("The order changed after its fee was shown");
    assert!(
        harness
            .query_by_label_contains("Buy the label at this fee?")
            .is_none()
    );
    assert!(
        all_shipments(&harness).is_empty(),
        "nothing was bought at the old fee"
    );
}

#[test]
fn a_failed_order_holding_the_balance_is_named_in_the_header_and_found_in_history() {
    let dir = tempfile::tempdir().expect("tmp");
    sandbox_account_before_start(
        dir.path(),
        "LSO Desk",
        shipdesk::carriers::ForwarderKind::Logssc,
        "",
        false,
    );
    let mut harness = harness(dir.path());
    {
        let engine = harness.state().engine();
        engine.set_poll_interval(Duration::from_millis(50));
        let sandbox = engine.builtin_sandbox().expect("sandbox");
        for reference in ["LSO-OK-1", "LSO-FAIL-1"] {
            let mut order = common::example_order("order-seed003.json");
            order.reference = reference.to_owned();
            let quote = engine
                .call(Quote::new(order.clone(), "LSO Desk"))
                .expect("fee");
            if reference == "LSO-FAIL-1" {
                sandbox.fail_next_logssc_order("收件地址不在LSO服务范围");
            }
            engine
                .call(Ship::quoted(order, "LSO Desk", Some(quote)))
                .expect("placed");
        }
    }
    // The poller finds the failure by itself; the header says so without being asked.
    wait_for(&mut harness, "the refund-due line", |h| {
        h.query_by_label_contains("1 failed order holds your balance until refunded: LSO-FAIL-1")
            .is_some()
    });
    harness.get_by_label("Show in History").click();
    wait_for(&mut harness, "History on the failed order alone", |h| {
        h.query_by_label("LSO-FAIL-1").is_some() && h.query_by_label("LSO-OK-1").is_none()
    });
}
