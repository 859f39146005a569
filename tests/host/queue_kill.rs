//! `kill -9` in the middle of a batch of 200, as the desk's power cut or a crash would: on the
//! next start the batch is listed as cut off, one command resumes it, and every order is bought
//! exactly once: the sandbox's orders and shipdesk's shipments are counted, no duplicate, no loss.
//! The batch runs in the real `shipdesk` binary; its account's secrets are in the real keychain.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use shipdesk::engine::{DeleteAccount, ImportOrders};
use shipdesk::secrets::Keychain;
use shipdesk::store::{HistoryQuery, QueueFilter};

use crate::common;

#[test]
fn kill_9_mid_batch_then_resume_buys_every_order_exactly_once() {
    const ORDERS: usize = 200;
    let (_runtime, sandbox) = common::sandbox_on_own_runtime();
    // A busy forwarder: each create is committed at once and answered 40 ms later, so the kill
    // lands with orders on the wire.
    sandbox.set_create_delay(Duration::from_millis(40));
    let dir = tempfile::tempdir().expect("tmp");
    let keychain = Keychain::os();
    let account = format!("WP kill {}", std::process::id());
    {
        let engine = common::engine_in(dir.path(), &keychain, Duration::from_secs(5));
        common::forwarders::add_westernpost_account(
            &engine,
            &keychain,
            &account,
            &sandbox.base_url(),
        );
        let file = dir.path().join("orders.csv");
        std::fs::write(&file, common::queue::orders_csv("K", ORDERS, &account)).expect("write");
        let imported = engine
            .call(ImportOrders::file(&file))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(imported.ready(), ORDERS);
    }

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_shipdesk"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["queue", "buy", "--all", "--concurrency", "4"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start the batch");
    let deadline = Instant::now() + Duration::from_secs(60);
    while sandbox.orders().len() < 40 && Instant::now() < deadline {
        if child.try_wait().ok().flatten().is_some() {
            let out = child.wait_with_output().expect("output");
            panic!(
                "the batch ended before it was killed: {}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("kill -9"); // SIGKILL: no clean-up runs
    child.wait().ok();
    let at_kill = sandbox.orders().len();
    assert!(
        (40..ORDERS).contains(&at_kill),
        "killed mid-batch: {at_kill}"
    );

    let listed = common::run_shipdesk(dir.path(), &["queue", "list"]);
    let listed_text = String::from_utf8_lossy(&listed.stdout).into_owned();
    assert!(
        listed_text.contains("was cut off (interrupted)") && listed_text.contains("--resume"),
        "{listed_text}\n{}",
        String::from_utf8_lossy(&listed.stderr)
    );

    let resumed = common::run_shipdesk(dir.path(), &["queue", "buy", "--resume"]);
    let resumed_text = String::from_utf8_lossy(&resumed.stdout).into_owned();
    assert!(
        resumed.status.success(),
        "{resumed_text}\n{}",
        String::from_utf8_lossy(&resumed.stderr)
    );

    let forwarder: Vec<String> = sandbox.orders().into_iter().map(|o| o.reference).collect();
    let unique: BTreeSet<&String> = forwarder.iter().collect();
    assert_eq!(unique.len(), forwarder.len(), "no order bought twice");
    assert_eq!(forwarder.len(), ORDERS, "no order lost");
    let engine = common::engine_in(dir.path(), &keychain, Duration::from_secs(5));
    let shipments = engine
        .with_store(|s| s.matching_ids(&HistoryQuery::default()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(shipments.len(), ORDERS, "one shipment per order");
    let rows = engine
        .with_store(|s| s.queue_rows(QueueFilter::All))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(rows.iter().all(|r| r.is_bought()), "{rows:#?}");
    let listed = common::run_shipdesk(dir.path(), &["queue", "list"]);
    assert!(!String::from_utf8_lossy(&listed.stdout).contains("cut off"));
    engine.call(DeleteAccount(account)).ok();
}
