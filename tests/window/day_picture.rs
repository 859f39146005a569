//! History's picture of the days: shipments made in the test show in the chart's legend per
//! account, and today's counts by state match what the store holds.

use egui_kittest::kittest::Queryable as _;
use shipdesk::engine::Ship;

use crate::common;
use crate::harness::{settle, wait_for, window_with_a_zyl_shipment};

#[test]
fn history_pictures_the_days_shipments_per_account_and_todays_states() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = window_with_a_zyl_shipment(dir.path(), "PIC-ZYL-1");
    {
        let engine = harness.state().engine();
        for reference in ["PIC-1", "PIC-2"] {
            engine
                .call(Ship::new(
                    common::order(reference),
                    shipdesk::engine::SANDBOX_ACCOUNT,
                ))
                .expect("sent");
        }
    }
    harness.get_by_label("History  (Ctrl+F)").click();
    settle(&mut harness);
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    wait_for(&mut harness, "the picture of the days", |h| {
        h.query_by_label_contains(&format!("{today} by state: 3 shipments"))
            .is_some()
    });
    harness.get_by_label("Shipments per day");
    // The picture leaves the table its room: the rows are still there.
    wait_for(&mut harness, "the rows below the picture", |h| {
        h.query_by_label("PIC-1").is_some() && h.query_by_label("PIC-2").is_some()
    });
    // The legend: each account's count for the range (the chart's colours beside them).
    assert!(
        harness
            .query_by_label_contains("Sandbox — 2 shipments")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("ZYL — 1 shipment")
            .is_some()
    );
    // Today's states, as the store has them.
    let mut by_state = std::collections::BTreeMap::<String, usize>::new();
    for reference in ["PIC-ZYL-1", "PIC-1", "PIC-2"] {
        let state = common::record(harness.state().engine(), reference).state;
        *by_state.entry(state.label().en).or_default() += 1;
    }
    for (label, n) in by_state {
        let shown = format!("{label}: {n}");
        assert!(
            harness.query_by_label(&shown).is_some(),
            "{shown:?} is not shown"
        );
    }
}
