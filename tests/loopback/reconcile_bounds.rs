//! Reconciliation within bounds (issue 14), over real HTTP and SQLite against the sandbox:
//! - a logssc commit slower than the account's time-out is still being placed when reconcile
//!   asks at once: its "no such order" is not proof, the shipment stays unknown and is looked
//!   up again until the order is found and bought once;
//! - an order settled failed by a lookup (after the window) that appears afterwards is found on
//!   the look once more;
//! - a Western Post create whose every answer is unreadable is sent again with back-off and at
//!   most `MAX_RESENDS` times, then waits for a person with the reason shown;
//! - reconciles that overlap (the window's button while `shipdesk reconcile` runs on the same
//!   data folder) send a lost create again once, not once each.

use crate::common;

use std::time::Duration;

use crate::common::forwarders::{add_logssc_account, add_westernpost_account, logssc_order};
use crate::common::{record, states};
use shipdesk::engine::{
    Engine, MAX_RESENDS, Quote, Reconcile, ReconcileAction, ReconcilePacing, ReconcileReport, Ship,
    ShipReport,
};
use shipdesk::model::{Shipment, ShipmentState};
use shipdesk::sandbox::{Fault, Sandbox};
use shipdesk::secrets::Keychain;

const LOGSSC: &str = "logssc Slow";
const WESTERN_POST: &str = "Western Post Junk";

/// A sandbox and an engine on a fresh data folder, polling every 50 ms, with a logssc and a
/// Western Post account at the sandbox whose answer time-out is `timeout_secs`. Fields drop in
/// order: the engines before their folder, the sandbox before its runtime.
struct Desk {
    engine: Engine,
    keychain: Keychain,
    dir: tempfile::TempDir,
    sandbox: Sandbox,
    _runtime: tokio::runtime::Runtime,
}

impl Desk {
    fn start(timeout_secs: u64) -> Self {
        let (runtime, sandbox) = common::sandbox_on_own_runtime();
        let dir = tempfile::tempdir().expect("tmp");
        let keychain = Keychain::in_memory();
        let engine = common::engine_in(dir.path(), &keychain, Duration::from_millis(50));
        add_logssc_account(&engine, &keychain, LOGSSC, &sandbox.base_url());
        add_westernpost_account(&engine, &keychain, WESTERN_POST, &sandbox.base_url());
        for account in [LOGSSC, WESTERN_POST] {
            common::edit_account(&engine, account, |a| a.settings.timeout_secs = timeout_secs);
        }
        Self {
            engine,
            keychain,
            dir,
            sandbox,
            _runtime: runtime,
        }
    }

    /// Previews the fee of a logssc order, accepts it and ships.
    fn ship_logssc(&self, order: Shipment) -> ShipReport {
        let quote = self
            .engine
            .call(Quote::new(order.clone(), LOGSSC))
            .expect("fee previewed");
        self.engine
            .call(Ship::quoted(order, LOGSSC, Some(quote)))
            .expect("sent")
    }

    /// Ships a Western Post order.
    fn ship_western_post(&self, reference: &str) -> ShipReport {
        self.engine
            .call(Ship::new(common::order(reference), WESTERN_POST))
            .expect("sent")
    }

    /// Runs a reconcile and returns its report on `reference`.
    fn reconcile(&self, reference: &str) -> ReconcileReport {
        reconcile_on(&self.engine, reference)
    }
}

/// Runs a reconcile on `engine` and returns its report on `reference`.
fn reconcile_on(engine: &Engine, reference: &str) -> ReconcileReport {
    let reports = engine.call(Reconcile).expect("reconciled");
    reports
        .into_iter()
        .find(|r| r.reference == reference)
        .unwrap_or_else(|| panic!("{reference} not reported"))
}

/// When each create request of shipment `id` was recorded (the first send and every re-send).
fn creates_sent_at(engine: &Engine, id: i64) -> Vec<i64> {
    engine
        .with_store(|s| s.events(id))
        .expect("events")
        .into_iter()
        .filter(|e| e.kind == shipdesk::store::EventKind::Request)
        .map(|e| e.at)
        .collect()
}

#[test]
fn a_logssc_commit_slower_than_the_time_out_is_found_later_and_bought_once() {
    let desk = Desk::start(1);
    // logssc places the order 3 s after the commit arrived; the account waits 1 s.
    desk.sandbox.set_logssc_commit_delay(3_000);
    let report = desk.ship_logssc(logssc_order("SLOW-0001"));
    assert_eq!(report.state, ShipmentState::Unknown, "{:?}", report.message);

    // Asked at once, logssc (still placing) knows no such order: that is not proof.
    let reconciled = desk.reconcile("SLOW-0001");
    assert_eq!(
        reconciled.after,
        ShipmentState::Unknown,
        "{:?}",
        reconciled.message
    );
    let message = reconciled.message.expect("explained");
    assert!(
        message.en.contains("does not know this order yet")
            && message.en.contains("nothing is to be done now"),
        "{message:?}"
    );
    assert!(message.zh.contains("无需任何操作"), "{message:?}");
    assert!(
        matches!(
            reconciled.action,
            ReconcileAction::Asked {
                looks_again_at: Some(_)
            }
        ),
        "{:?}",
        reconciled.action
    );
    assert_eq!(
        record(&desk.engine, "SLOW-0001").state,
        ShipmentState::Unknown
    );
    assert!(desk.sandbox.orders().is_empty(), "not placed yet");

    // Nobody presses anything: shipdesk looks again with back-off and finds it.
    common::wait_for_state(&desk.engine, "SLOW-0001", ShipmentState::Created);
    assert_eq!(desk.sandbox.orders().len(), 1, "bought once");
    assert_eq!(desk.sandbox.creates_received(), 1, "committed once");
    let row = record(&desk.engine, "SLOW-0001");
    assert_eq!(
        row.tracking_number.as_deref(),
        Some(desk.sandbox.orders()[0].tracking_number.as_str())
    );
    assert_eq!(row.charged_fee.as_deref(), Some("23.19"));
    assert!(
        !states(&desk.engine, row.id).contains(&ShipmentState::Failed),
        "never shown as failed: {:?}",
        states(&desk.engine, row.id)
    );
}

#[test]
fn an_order_settled_failed_by_lookup_that_appears_afterwards_is_found_on_the_look_once_more() {
    let desk = Desk::start(1);
    // A window so short it is over when reconcile asks; the look once more 2.5 s later.
    desk.engine.set_reconcile_pacing(ReconcilePacing {
        placing_window: Duration::from_millis(200),
        once_more_after: Duration::from_millis(2_500),
        ..ReconcilePacing::default()
    });
    desk.sandbox.set_logssc_commit_delay(2_500);
    let report = desk.ship_logssc(logssc_order("SLOW-0002"));
    assert_eq!(report.state, ShipmentState::Unknown, "{:?}", report.message);
    let reconciled = desk.reconcile("SLOW-0002");
    assert_eq!(
        reconciled.after,
        ShipmentState::Failed,
        "{:?}",
        reconciled.message
    );
    assert!(desk.sandbox.orders().is_empty());

    // logssc places it after all; the look once more finds it and shows it as bought.
    common::wait_for_state(&desk.engine, "SLOW-0002", ShipmentState::Created);
    assert_eq!(desk.sandbox.orders().len(), 1, "bought once");
    let row = record(&desk.engine, "SLOW-0002");
    assert_eq!(row.charged_fee.as_deref(), Some("23.19"));
    let path = states(&desk.engine, row.id);
    let failed = path.iter().position(|s| *s == ShipmentState::Failed);
    let found = path
        .iter()
        .position(|s| *s == ShipmentState::AwaitingNumber);
    assert!(
        matches!((failed, found), (Some(f), Some(n)) if f < n),
        "failed, then found: {path:?}"
    );
}

#[test]
fn ten_reconciles_in_a_row_send_a_lost_create_again_once() {
    let desk = Desk::start(30);
    for _ in 0..20 {
        desk.sandbox.inject(Fault::Html502);
    }
    let report = desk.ship_western_post("JUNK-0001");
    assert_eq!(report.state, ShipmentState::Unknown, "{:?}", report.message);
    assert_eq!(desk.sandbox.creates_received(), 1);

    let reports: Vec<ReconcileReport> = (0..10).map(|_| desk.reconcile("JUNK-0001")).collect();
    // The first re-send goes at once; the back-off holds the rest (the next is a minute away).
    assert_eq!(desk.sandbox.creates_received(), 2, "{reports:#?}");
    assert!(reports.iter().all(|r| r.after == ShipmentState::Unknown));
    assert_eq!(reports[0].action, ReconcileAction::SentAgain { nth: 1 });
    for report in &reports[1..] {
        assert!(
            matches!(report.action, ReconcileAction::HeldUntil { .. }),
            "{report:?}"
        );
    }
}

#[test]
fn re_sends_back_off_and_stop_at_the_cap_then_wait_for_a_person_with_the_reason() {
    let desk = Desk::start(30);
    // Pauses of 10 ms, 50 ms, 300 ms and 1.2 s between the re-sends.
    let pacing = ReconcilePacing {
        first_resend_pause: Duration::from_millis(10),
        ..ReconcilePacing::default()
    };
    desk.engine.set_reconcile_pacing(pacing);
    for _ in 0..40 {
        desk.sandbox.inject(Fault::Html502);
    }
    desk.ship_western_post("JUNK-0002");
    let sent = || desk.sandbox.creates_received();
    let first_send = 1;
    for _ in 0..10 {
        desk.reconcile("JUNK-0002");
        assert!(sent() <= first_send + MAX_RESENDS as u64, "capped");
        std::thread::sleep(Duration::from_millis(700));
    }
    assert_eq!(sent(), first_send + MAX_RESENDS as u64);
    // With back-off between: each re-send waited at least its pause after the one before.
    let id = record(&desk.engine, "JUNK-0002").id;
    let at = creates_sent_at(&desk.engine, id);
    assert_eq!(at.len(), 1 + MAX_RESENDS as usize, "{at:?}");
    for (n, pair) in at[1..].windows(2).enumerate() {
        let pause = [10, 50, 300, 1_200][n];
        assert!(pair[1] - pair[0] >= pause, "re-send {} after {at:?}", n + 2);
    }

    // Now it waits for a person: more reconciles send nothing, and say why.
    for _ in 0..10 {
        let report = desk.reconcile("JUNK-0002");
        assert_eq!(report.after, ShipmentState::Unknown);
        assert_eq!(report.action, ReconcileAction::WaitsForPerson);
    }
    assert_eq!(sent(), first_send + MAX_RESENDS as u64, "nothing more sent");
    let row = record(&desk.engine, "JUNK-0002");
    assert_eq!(row.state, ShipmentState::Unknown, "still listed as unknown");
    let message = row.message.expect("the reason is shown");
    assert!(
        message.en.contains("portal") && message.en.contains("HTTP 502"),
        "{message:?}"
    );
    assert!(message.zh.contains("后台"), "{message:?}");
    assert!(desk.sandbox.orders().is_empty(), "nothing was bought");
}

#[test]
fn reconciles_that_overlap_send_a_lost_create_again_once() {
    let desk = Desk::start(30);
    desk.sandbox.inject(Fault::Html502);
    desk.ship_western_post("JUNK-0003");
    // The re-send is placed and its answer held 1.5 s; while it is on the wire a second
    // shipdesk on the same data folder reconciles too.
    desk.sandbox.inject(Fault::Slow { millis: 1_500 });
    desk.engine.send(Reconcile);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while desk.sandbox.creates_received() < 2 {
        assert!(std::time::Instant::now() < deadline, "never sent again");
        std::thread::sleep(Duration::from_millis(20));
    }
    let other = common::engine_in(desk.dir.path(), &desk.keychain, Duration::from_millis(50));
    let report = reconcile_on(&other, "JUNK-0003");
    assert_eq!(report.after, ShipmentState::Unknown, "{report:?}");
    assert!(
        matches!(report.action, ReconcileAction::HeldUntil { .. }),
        "{report:?}"
    );
    assert_eq!(
        desk.sandbox.creates_received(),
        2,
        "sent again once, not twice"
    );
    common::wait_for_state(&desk.engine, "JUNK-0003", ShipmentState::Created);
    assert_eq!(desk.sandbox.orders().len(), 1, "bought once");
}
