//! Shared by the integration tests: an engine on a fresh data folder, and the seed order.

#![allow(dead_code)] // Each test binary uses a different part of this.

pub mod cups;
pub mod fixtures;
pub mod forwarders;
pub mod printer;

use shipdesk::carriers::Account;
use shipdesk::engine::{Engine, EngineConfig, SANDBOX_ACCOUNT};
use shipdesk::model::Shipment;
use shipdesk::secrets::Keychain;

/// An engine on its own temporary data folder (kept alive by the returned guard).
pub fn engine(keychain: Keychain) -> (Engine, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = Engine::start(
        EngineConfig {
            data_dir: dir.path().to_owned(),
        },
        keychain,
    )
    .expect("engine starts");
    (engine, dir)
}

/// An example order from `assets/examples/` (the seeds' request examples as a packer enters them).
pub fn example_order(file: &str) -> Shipment {
    let path = format!("{}/assets/examples/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Seed 000's example order (Western Post).
pub fn seed_order() -> Shipment {
    example_order("order-seed000.json")
}

/// Seed 000's example order as JSON, for tests that edit fields before writing a file.
pub fn seed_order_json() -> serde_json::Value {
    serde_json::to_value(seed_order()).unwrap_or_else(|e| panic!("seed order: {e}"))
}

/// The seed order under another reference.
pub fn order(reference: &str) -> Shipment {
    let mut order = seed_order();
    order.reference = reference.to_owned();
    order
}

/// Changes the built-in sandbox account's answer time-out.
pub fn set_sandbox_timeout(engine: &Engine, secs: u64) {
    engine.with_store(|s| {
        let mut account: Account = s
            .account(SANDBOX_ACCOUNT)
            .expect("store")
            .expect("sandbox account");
        account.settings.timeout_secs = secs;
        s.save_account(&account).expect("save");
    });
}

/// All bytes of the database and its WAL, to search for leaked secrets.
pub fn database_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for name in [
        "shipdesk.sqlite3",
        "shipdesk.sqlite3-wal",
        "shipdesk.sqlite3-shm",
    ] {
        if let Ok(mut b) = std::fs::read(dir.join(name)) {
            bytes.append(&mut b);
        }
    }
    bytes
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// A shipment's state, if it is recorded.
pub fn state_of(engine: &Engine, reference: &str) -> Option<shipdesk::model::ShipmentState> {
    engine
        .with_store(|s| s.shipment(reference))
        .ok()
        .flatten()
        .map(|r| r.state)
}

/// Waits (up to 30 s) until the engine's poller has moved a shipment to `wanted`.
pub fn wait_for_state(engine: &Engine, reference: &str, wanted: shipdesk::model::ShipmentState) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while state_of(engine, reference) != Some(wanted) {
        assert!(
            std::time::Instant::now() < deadline,
            "{reference} stayed {:?}, wanted {wanted:?}",
            state_of(engine, reference)
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
