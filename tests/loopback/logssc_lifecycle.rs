//! logssc end to end over real HTTP and SQLite: the fee is previewed and accepted before the
//! asynchronous commit; the engine polls 返回单号和费用 (1024 with back-off, then the numbers and
//! the charged fee) and 返回面单 (1115, then the PDF), and stores the label; a failed order offers
//! the refund and performs it once; a refused token is fetched again once; a lost commit answer is
//! settled by asking, never by buying twice, and its "no such order" is proof only once logssc's
//! placing window has passed (the slow commit itself: `reconcile_bounds`). (No secret in the
//! database and a restart while polling: `every_forwarder`.)

use crate::common;

use std::time::Duration;

use crate::common::forwarders::{add_logssc_account, logssc_order as order};
use crate::common::{assert_pdf_file, record, states};
use rust_decimal::Decimal;
use shipdesk::engine::{
    Engine, Quote, QuoteReport, Reconcile, ReconcilePacing, Refund, Ship, ShipError, ShipReport,
};
use shipdesk::model::{Money, Shipment, ShipmentState};
use shipdesk::sandbox::{Fault, Sandbox};
use shipdesk::secrets::Keychain;

const ACCOUNT: &str = "logssc Test";

/// A sandbox on its own runtime that gives the numbers after `number_after` polls and the label
/// after `label_after`.
fn sandbox(number_after: u32, label_after: u32) -> (tokio::runtime::Runtime, Sandbox) {
    let (runtime, sandbox) = common::sandbox_on_own_runtime();
    sandbox.set_logssc_number_after_polls(number_after);
    sandbox.set_logssc_label_after_polls(label_after);
    (runtime, sandbox)
}

/// An engine on `dir` with a logssc account at `base_url`; the keychain is shared.
fn engine(
    dir: &std::path::Path,
    base_url: &str,
    keychain: &Keychain,
    first_pause: Duration,
) -> Engine {
    let engine = common::engine_in(dir, keychain, first_pause);
    add_logssc_account(&engine, keychain, ACCOUNT, base_url);
    engine
}

/// A sandbox and an engine on a fresh data folder with a logssc account there, polling every
/// 50 ms. Fields drop in order: the engine before its folder, the sandbox before its runtime.
struct Desk {
    engine: Engine,
    _dir: tempfile::TempDir,
    sandbox: Sandbox,
    _runtime: tokio::runtime::Runtime,
}

impl Desk {
    fn start(number_after: u32, label_after: u32) -> Self {
        let (runtime, sandbox) = sandbox(number_after, label_after);
        let dir = tempfile::tempdir().expect("tmp");
        let engine = engine(
            dir.path(),
            &sandbox.base_url(),
            &Keychain::in_memory(),
            Duration::from_millis(50),
        );
        Self {
            engine,
            _dir: dir,
            sandbox,
            _runtime: runtime,
        }
    }
}

/// Asks the fee for `order`; nothing is bought.
fn preview_fee(engine: &Engine, order: Shipment) -> QuoteReport {
    engine
        .call(Quote::new(order, ACCOUNT))
        .expect("fee previewed")
}

/// Ships `order` at the accepted `quote`; returns the report.
fn buy(engine: &Engine, order: Shipment, quote: QuoteReport) -> ShipReport {
    engine
        .call(Ship::quoted(order, ACCOUNT, Some(quote)))
        .expect("sent")
}

/// Previews the fee, accepts it and ships; returns the report.
fn quote_and_ship(engine: &Engine, order: Shipment) -> ShipReport {
    let quote = preview_fee(engine, order.clone());
    buy(engine, order, quote)
}

/// Whether the store holds no shipment `reference`.
fn not_recorded(engine: &Engine, reference: &str) -> bool {
    engine
        .with_store(|s| s.shipment(reference))
        .expect("store")
        .is_none()
}

#[test]
fn fee_then_commit_then_numbers_then_stored_label() {
    let Desk {
        engine, sandbox, ..
    } = &Desk::start(3, 2);

    // The fee first: 8.50 + 1.25 × 11.75 lb = 23.19 USD. Nothing is bought by asking.
    let quote = preview_fee(engine, order("LSO-0001"));
    assert_eq!(quote.fee, Money::new(Decimal::new(2319, 2), "USD"));
    assert!(sandbox.orders().is_empty(), "a preview buys nothing");
    assert!(not_recorded(engine, "LSO-0001"));

    let report = buy(engine, order("LSO-0001"), quote);
    assert_eq!(
        report.state,
        ShipmentState::AwaitingNumber,
        "{:?}",
        report.message
    );
    assert_eq!(report.tracking_number, None, "numbers come later");
    assert_eq!(
        report.quoted_fee,
        Some(Money::new(Decimal::new(2319, 2), "USD"))
    );

    common::wait_for_state(engine, "LSO-0001", ShipmentState::Created);
    let committed = sandbox.orders();
    assert_eq!(committed.len(), 1, "bought once");
    let logssc = committed[0].logssc.clone().expect("logssc record");
    let row = record(engine, "LSO-0001");
    assert_eq!(
        row.tracking_number.as_deref(),
        Some(committed[0].tracking_number.as_str())
    );
    assert_eq!(
        row.forwarder_order_id.as_deref(),
        Some(logssc.order_number.as_str())
    );
    assert_eq!(row.quoted_fee.as_deref(), Some("23.19"));
    assert_eq!(row.charged_fee.as_deref(), Some("23.19"));
    assert_eq!(row.fee_currency.as_deref(), Some("USD"));
    let label = row.label.clone().expect("label stored");
    assert_pdf_file(&label.path);
    assert_eq!(
        states(engine, row.id),
        [
            ShipmentState::Submitting,
            ShipmentState::AwaitingNumber,
            ShipmentState::AwaitingLabel,
            ShipmentState::Created
        ]
    );
    // One token served the preview, the commit and every poll.
    assert_eq!(sandbox.logssc_tokens_issued(), 1);
}

#[test]
fn a_label_given_as_base64_is_stored_too() {
    let Desk {
        engine, sandbox, ..
    } = &Desk::start(0, 1);
    sandbox.set_logssc_label_inline(true);
    quote_and_ship(engine, order("LSO-0002"));
    common::wait_for_state(engine, "LSO-0002", ShipmentState::Created);
    let label = record(engine, "LSO-0002").label.expect("label stored");
    assert_pdf_file(&label.path);
}

#[test]
fn nothing_is_bought_without_an_accepted_fee_for_this_very_order() {
    let Desk {
        engine, sandbox, ..
    } = &Desk::start(0, 0);
    let refused = engine.call(Ship::new(order("LSO-0003"), ACCOUNT));
    assert!(
        matches!(refused, Err(ShipError::QuoteNeeded { .. })),
        "{refused:?}"
    );
    // A fee previewed for the order, then the order changed: preview again.
    let quote = preview_fee(engine, order("LSO-0003"));
    let mut heavier = order("LSO-0003");
    heavier.parcels[0].weight = Decimal::from(30);
    let stale = engine.call(Ship::quoted(heavier, ACCOUNT, Some(quote)));
    assert!(matches!(stale, Err(ShipError::QuoteStale)), "{stale:?}");
    assert!(sandbox.orders().is_empty());
    assert!(not_recorded(engine, "LSO-0003"));
}

#[test]
fn a_failed_order_offers_the_refund_and_it_is_performed_once() {
    let Desk {
        engine, sandbox, ..
    } = &Desk::start(1, 0);
    sandbox.fail_next_logssc_order("收件地址不在LSO服务范围");
    quote_and_ship(engine, order("LSO-0005"));
    common::wait_for_state(engine, "LSO-0005", ShipmentState::RefundDue);
    let row = record(engine, "LSO-0005");
    let message = row.message.clone().expect("why");
    assert!(
        message.en.contains("收件地址不在LSO服务范围"),
        "{message:?}"
    );
    assert!(message.en.contains("refund"), "{message:?}");
    assert!(row.state.may_hold_money(), "shown as holding money");

    let refunded = engine.call(Refund::of("LSO-0005")).expect("refunded");
    assert_eq!(refunded.state, ShipmentState::Refunded);
    assert!(
        sandbox.orders()[0]
            .logssc
            .as_ref()
            .is_some_and(|r| r.refunded)
    );
    assert_eq!(record(engine, "LSO-0005").state, ShipmentState::Refunded);
    // Once: a second refund is not even sent.
    let again = engine.call(Refund::of("LSO-0005"));
    // Refused for what it is: the shipment is refunded already.
    assert!(
        matches!(
            again,
            Err(ShipError::WrongState {
                state: ShipmentState::Refunded,
                ..
            })
        ),
        "{again:?}"
    );
    let calls: Vec<_> = engine
        .with_store(|s| s.events(row.id))
        .expect("events")
        .into_iter()
        .filter(|e| e.detail.get("call").and_then(|c| c.as_str()) == Some("refund"))
        .collect();
    assert_eq!(calls.len(), 1, "one refund answer in the audit trail");
}

#[test]
fn a_refund_refused_shows_the_forwarders_own_words_and_stays_due() {
    let Desk {
        engine, sandbox, ..
    } = &Desk::start(0, 0);
    sandbox.fail_next_logssc_order("地址错误");
    quote_and_ship(engine, order("LSO-0006"));
    common::wait_for_state(engine, "LSO-0006", ShipmentState::RefundDue);
    // Refunded meanwhile in logssc's portal: logssc refuses a second refund, in its words.
    sandbox.refund_logssc_in_portal("LSO-0006");
    let refused = engine.call(Refund::of("LSO-0006"));
    let Err(ShipError::Prepare(error)) = refused else {
        panic!("{refused:?}");
    };
    assert_eq!(error.forwarder_message, "该订单已退款");
    assert!(error.describe().en.contains("该订单已退款"));
    let row = record(engine, "LSO-0006");
    assert_eq!(row.state, ShipmentState::RefundDue);
    assert!(row.message.is_some_and(|m| m.zh.contains("该订单已退款")));
}

#[test]
fn a_refused_token_is_fetched_again_once_and_the_order_bought_once() {
    let Desk {
        engine, sandbox, ..
    } = &Desk::start(0, 0);
    let quote = preview_fee(engine, order("LSO-0007"));
    sandbox.expire_logssc_tokens();
    let report = buy(engine, order("LSO-0007"), quote);
    assert_eq!(
        report.state,
        ShipmentState::AwaitingNumber,
        "{:?}",
        report.message
    );
    assert_eq!(sandbox.logssc_tokens_issued(), 2);
    assert_eq!(sandbox.orders().len(), 1);
    common::wait_for_state(engine, "LSO-0007", ShipmentState::Created);
}

#[test]
fn a_lost_commit_answer_is_settled_by_asking_by_customer_number() {
    let Desk {
        engine, sandbox, ..
    } = &Desk::start(0, 0);
    sandbox.inject(Fault::ResetAfterCommit);
    let report = quote_and_ship(engine, order("LSO-0008"));
    assert_eq!(report.state, ShipmentState::Unknown, "{:?}", report.message);
    let reports = engine.call(Reconcile).expect("reconciled");
    assert_eq!(
        reports[0].after,
        ShipmentState::AwaitingLabel,
        "{:?}",
        reports[0].message
    );
    common::wait_for_state(engine, "LSO-0008", ShipmentState::Created);
    assert_eq!(sandbox.orders().len(), 1, "bought once, not twice");
    assert_eq!(
        record(engine, "LSO-0008").charged_fee.as_deref(),
        Some("23.19")
    );
}

#[test]
fn a_commit_that_never_arrived_is_found_absent_and_can_be_shipped_again() {
    let Desk {
        engine, sandbox, ..
    } = &Desk::start(0, 0);
    // A proxy's 502 does not say whether logssc got the commit, so its "no such order" is not
    // proof until the placing window has passed (shortened here from 30 minutes).
    engine.set_reconcile_pacing(ReconcilePacing {
        placing_window: Duration::from_millis(500),
        ..ReconcilePacing::default()
    });
    sandbox.inject(Fault::Html502);
    let report = quote_and_ship(engine, order("LSO-0009"));
    assert_eq!(report.state, ShipmentState::Unknown);
    let reports = engine.call(Reconcile).expect("reconciled");
    assert_eq!(
        reports[0].after,
        ShipmentState::Unknown,
        "{:?}",
        reports[0].message
    );
    // shipdesk looks again by itself; once the window has passed, "no such order" settles it.
    common::wait_for_state(engine, "LSO-0009", ShipmentState::Failed);
    assert!(sandbox.orders().is_empty());
    // Shipped again under the same reference, with a fresh fee preview.
    let again = quote_and_ship(engine, order("LSO-0009"));
    assert_eq!(again.state, ShipmentState::AwaitingNumber);
    common::wait_for_state(engine, "LSO-0009", ShipmentState::Created);
    assert_eq!(sandbox.orders().len(), 1);
}
