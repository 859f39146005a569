//! Buying the queue as a batch against the sandbox over real HTTP: every order bought exactly
//! once (the forwarder's orders and shipdesk's shipments counted), refusals and lost answers
//! grouped by cause with what to do, "retry these" buying the refused ones, and a second
//! batch over the same orders buying nothing again.

use std::collections::BTreeSet;

use shipdesk::engine::{BatchCause, BatchReport, BuyQueued, ImportOrders, Reconcile};
use shipdesk::model::ShipmentState;
use shipdesk::sandbox::Fault;
use shipdesk::secrets::Keychain;
use shipdesk::store::{HistoryQuery, QueueFilter};

use crate::common;

fn causes(report: &BatchReport) -> Vec<(BatchCause, usize)> {
    report
        .by_cause()
        .into_iter()
        .map(|(cause, orders)| (cause, orders.len()))
        .collect()
}

fn refs(report: &BatchReport, cause: BatchCause) -> Vec<String> {
    report
        .by_cause()
        .into_iter()
        .filter(|(c, _)| *c == cause)
        .flat_map(|(_, orders)| orders.into_iter().map(|o| o.reference.clone()))
        .collect()
}

#[test]
fn a_batch_buys_each_order_once_and_groups_what_went_wrong() {
    let (_runtime, sandbox) = common::sandbox_on_own_runtime();
    let keychain = Keychain::in_memory();
    let (engine, dir) = common::engine(keychain.clone());
    common::forwarders::add_westernpost_account(&engine, &keychain, "WP", &sandbox.base_url());
    let file = dir.path().join("orders.csv");
    std::fs::write(&file, common::queue::orders_csv("B", 24, "WP")).expect("write");
    let imported = engine
        .call(ImportOrders::file(&file))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.ready(), 24, "{imported:#?}");

    // Two creates are refused (the forwarder's own "not authorised"), one is committed and
    // its answer lost (the connection reset).
    sandbox.inject(Fault::Unauthorized);
    sandbox.inject(Fault::Unauthorized);
    sandbox.inject(Fault::ResetAfterCommit);
    let report = engine
        .call(BuyQueued {
            concurrency: 8,
            ..BuyQueued::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let lost = refs(&report, BatchCause::Lost);
    let not_bought: Vec<String> = report
        .orders
        .iter()
        .filter(|o| !matches!(o.outcome.cause(), BatchCause::Bought | BatchCause::Lost))
        .map(|o| o.reference.clone())
        .collect();
    assert_eq!(lost.len(), 1, "{:?}", causes(&report));
    assert_eq!(not_bought.len(), 2, "{:?}", causes(&report));
    assert_eq!(
        refs(&report, BatchCause::Refused),
        not_bought,
        "{report:#?}"
    );
    assert_eq!(refs(&report, BatchCause::Bought).len(), 21);
    for (cause, _) in report.by_cause() {
        assert!(!cause.what_to_do().zh.is_empty());
    }

    // The lost one is settled by asking the forwarder, never by sending it again.
    engine.call(Reconcile).unwrap_or_else(|e| panic!("{e}"));
    // Retry these: the two that were not bought.
    let retry = engine
        .call(BuyQueued {
            references: not_bought.clone(),
            concurrency: 8,
            ..BuyQueued::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(causes(&retry), [(BatchCause::Bought, 2)]);

    // Everything again: nothing is bought twice.
    let again = engine
        .call(BuyQueued {
            references: (1..=24).map(|i| format!("B-{i:04}")).collect(),
            concurrency: 8,
            ..BuyQueued::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(causes(&again), [(BatchCause::AlreadyBought, 24)]);

    let forwarder: Vec<String> = sandbox.orders().into_iter().map(|o| o.reference).collect();
    let unique: BTreeSet<&String> = forwarder.iter().collect();
    assert_eq!(forwarder.len(), 24, "the forwarder holds each order once");
    assert_eq!(unique.len(), 24);
    let shipments = engine
        .with_store(|s| s.matching_ids(&HistoryQuery::default()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(shipments.len(), 24);
    let rows = engine
        .with_store(|s| s.queue_rows(QueueFilter::All))
        .unwrap_or_else(|e| panic!("{e}"));
    // Each queued order is linked to the shipment it became; the lost one was settled by
    // asking the forwarder (bought, its number to come), every other one is created.
    assert!(rows.iter().all(|r| r.is_bought()), "{rows:#?}");
    let created = rows
        .iter()
        .filter(|r| matches!(r.shipment, Some((_, ShipmentState::Created))))
        .count();
    assert_eq!(created, 23, "{rows:#?}");
    assert!(
        engine
            .with_store(|s| s.queue_rows(QueueFilter::Waiting))
            .unwrap_or_default()
            .is_empty()
    );
}
