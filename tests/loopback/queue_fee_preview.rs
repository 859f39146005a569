//! A batch of logssc orders (a forwarder that prices first) is previewed over real HTTP and
//! confirmed ONCE: each order's fee from logssc's 费用预览 and the total ("buy these 5 for
//! 115.95 USD"). An order whose fee moved between the preview and the buy (logssc's tariff
//! rose; the order itself was edited) is held, not bought; the rest are bought at exactly the
//! fee the packer accepted.

use rust_decimal::Decimal;
use shipdesk::engine::{
    BatchCause, BatchPreview, BuyQueued, Engine, PreviewQueued, PreviewedFee, SaveToQueue,
};
use shipdesk::model::{Money, TypedOrder};
use shipdesk::secrets::Keychain;

use crate::common;
use crate::common::forwarders::{add_logssc_account, logssc_order};

const ACCOUNT: &str = "logssc Batch";

/// Queues seed 003's order as `reference`, its first box `first_box_lb` pounds (replacing a
/// queued order of that reference).
fn queue(engine: &Engine, reference: &str, first_box_lb: &str) {
    let mut order = logssc_order(reference);
    order.parcels[0].weight = first_box_lb.parse().expect("weight");
    let form = TypedOrder::from_shipment(&order, ACCOUNT, reference.to_owned());
    engine
        .call(SaveToQueue {
            form,
            order_number: String::new(),
            replacing: Some(reference.to_owned()),
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

fn usd(cents: i64) -> Money {
    Money::new(Decimal::new(cents, 2), "USD")
}

fn fees(preview: &BatchPreview) -> Vec<(String, Money)> {
    preview
        .orders
        .iter()
        .map(|o| match &o.fee {
            PreviewedFee::Priced(quote) => (o.reference.clone(), quote.fee.clone()),
            other => panic!("{}: {other:?}", o.reference),
        })
        .collect()
}

fn preview(engine: &Engine, references: &[String]) -> BatchPreview {
    engine
        .call(PreviewQueued {
            references: references.to_vec(),
            concurrency: 4,
        })
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_batch_is_priced_and_confirmed_once_and_an_order_whose_fee_moved_is_held() {
    let (_runtime, sandbox) = common::sandbox_on_own_runtime();
    let keychain = Keychain::in_memory();
    let (engine, _dir) = common::engine(keychain.clone());
    add_logssc_account(&engine, &keychain, ACCOUNT, &sandbox.base_url());
    let references: Vec<String> = (1..=5).map(|i| format!("FEE-{i}")).collect();
    for reference in &references {
        queue(&engine, reference, "8.5");
    }

    // 8.5 + 3.25 lb: 8.50 + 1.25 × 11.75 = 23.19 USD each, previewed by logssc itself.
    let first = preview(&engine, &references);
    assert!(first.needs_confirmation());
    assert_eq!(
        fees(&first),
        references
            .iter()
            .map(|r| (r.clone(), usd(2319)))
            .collect::<Vec<_>>()
    );
    assert_eq!(first.totals(), [usd(11595)]);
    assert_eq!(first.confirmation().en, "buy these 5 for 115.95 USD");
    assert!(first.confirmation().zh.contains("115.95 USD"));
    assert!(sandbox.orders().is_empty(), "a preview buys nothing");

    // logssc's tariff rises by 1.50 before the packer's confirmation reaches it: every order
    // would cost 24.69 now, so none is bought at a price nobody accepted.
    sandbox.set_logssc_surcharge_cents(150);
    let held = engine
        .call(BuyQueued {
            references: references.clone(),
            concurrency: 4,
            quotes: first.quotes(),
            ..BuyQueued::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    for order in &held.orders {
        assert_eq!(order.outcome.cause(), BatchCause::Held, "{held:#?}");
        let why = order.outcome.detail().expect("why");
        assert!(why.en.contains("from 23.19 USD to 24.69 USD"), "{}", why.en);
        assert!(why.zh.contains("24.69 USD"), "{}", why.zh);
    }
    assert!(sandbox.orders().is_empty(), "nothing bought at a moved fee");

    // Priced again (24.69 each); then FEE-3 is edited (a heavier box) before the buy.
    let second = preview(&engine, &references);
    assert_eq!(second.confirmation().en, "buy these 5 for 123.45 USD");
    queue(&engine, "FEE-3", "9.5");
    let bought = engine
        .call(BuyQueued {
            references: references.clone(),
            concurrency: 4,
            quotes: second.quotes(),
            ..BuyQueued::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let by_cause: Vec<(BatchCause, Vec<&str>)> = bought
        .by_cause()
        .into_iter()
        .map(|(c, o)| (c, o.iter().map(|o| o.reference.as_str()).collect()))
        .collect();
    assert_eq!(
        by_cause,
        [
            (BatchCause::Bought, vec!["FEE-1", "FEE-2", "FEE-4", "FEE-5"]),
            (BatchCause::Held, vec!["FEE-3"]),
        ]
    );
    let mut at_logssc: Vec<String> = sandbox.orders().into_iter().map(|o| o.reference).collect();
    at_logssc.sort();
    assert_eq!(at_logssc, ["FEE-1", "FEE-2", "FEE-4", "FEE-5"]);
    // Each bought at the fee the packer accepted, as History shows it.
    for reference in ["FEE-1", "FEE-2", "FEE-4", "FEE-5"] {
        let record = common::record(&engine, reference);
        let quoted: Option<Decimal> = record.quoted_fee.as_deref().and_then(|f| f.parse().ok());
        assert_eq!(quoted, Some(Decimal::new(2469, 2)), "{reference}");
    }
    // The edited order is priced anew (12.75 lb + the surcharge: 25.94) and then bought.
    let third = preview(&engine, &["FEE-3".to_owned()]);
    assert_eq!(third.confirmation().en, "buy this 1 for 25.94 USD");
    let last = engine
        .call(BuyQueued {
            references: vec!["FEE-3".to_owned()],
            concurrency: 4,
            quotes: third.quotes(),
            ..BuyQueued::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        last.orders[0].outcome.cause(),
        BatchCause::Bought,
        "{last:#?}"
    );
    assert_eq!(sandbox.orders().len(), 5);
}
