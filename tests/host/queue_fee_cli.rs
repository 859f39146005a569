//! `shipdesk queue buy` on the built-in logssc sandbox (a forwarder that prices first), run as
//! its own process: without `--accept-fee` it prints each order's fee and the batch's total
//! and buys nothing (exit 3, as `shipdesk ship`); with it, the batch is bought at those fees.

use std::time::Duration;

use shipdesk::engine::SaveToQueue;
use shipdesk::model::TypedOrder;
use shipdesk::secrets::Keychain;
use shipdesk::store::HistoryQuery;

use crate::common;
use crate::common::text;

const ACCOUNT: &str = "Sandbox logssc";

#[test]
fn queue_buy_previews_the_fees_and_total_and_buys_only_once_accepted() {
    let dir = tempfile::tempdir().expect("tmp");
    {
        let engine = common::engine_in(dir.path(), &Keychain::in_memory(), Duration::from_secs(5));
        for i in 1..=3 {
            let reference = format!("CLI-FEE-{i}");
            let order = common::forwarders::logssc_order(&reference);
            engine
                .call(SaveToQueue {
                    form: TypedOrder::from_shipment(&order, ACCOUNT, reference),
                    order_number: String::new(),
                    replacing: None,
                })
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }

    let shown = common::run_shipdesk(dir.path(), &["queue", "buy", "--all"]);
    let (stdout, stderr) = (text(&shown.stdout), text(&shown.stderr));
    assert_eq!(shown.status.code(), Some(3), "{stdout}\n{stderr}");
    for i in 1..=3 {
        assert!(
            stdout
                .lines()
                .any(|l| l.contains(&format!("CLI-FEE-{i}")) && l.contains("23.19 USD")),
            "{stdout}"
        );
    }
    assert!(stdout.contains("total / 合计: 69.57 USD"), "{stdout}");
    assert!(
        stderr.contains("--accept-fee to buy these 3 for 69.57 USD"),
        "{stderr}"
    );
    assert!(stderr.contains("未下单"), "{stderr}");
    let engine = common::engine_in(dir.path(), &Keychain::in_memory(), Duration::from_secs(5));
    let shipments = engine
        .with_store(|s| s.matching_ids(&HistoryQuery::default()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(shipments.is_empty(), "nothing bought without --accept-fee");
    drop(engine);

    let bought = common::run_shipdesk(dir.path(), &["queue", "buy", "--all", "--accept-fee"]);
    let stdout = text(&bought.stdout);
    assert!(
        bought.status.success(),
        "{stdout}\n{}",
        text(&bought.stderr)
    );
    assert!(
        stdout.contains("accepted: buy these 3 for 69.57 USD"),
        "{stdout}"
    );
    assert!(stdout.contains("3 order(s) bought"), "{stdout}");
    let engine = common::engine_in(dir.path(), &Keychain::in_memory(), Duration::from_secs(5));
    for i in 1..=3 {
        let record = common::record(&engine, &format!("CLI-FEE-{i}"));
        assert_eq!(record.quoted_fee.as_deref(), Some("23.19"), "{record:?}");
    }
}
