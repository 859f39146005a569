//! Shared by the integration tests: an engine on a fresh data folder, and the seed order.

pub mod cups;
pub mod fixtures;
pub mod forwarders;
pub mod label;
pub mod pdf;
pub mod ports;
pub mod printer;
pub mod queue;
pub mod real_window;
pub mod scale;
pub mod tls;

use shipdesk::carriers::Account;
use shipdesk::engine::{Engine, EngineConfig, SANDBOX_ACCOUNT};
use shipdesk::model::{Shipment, ShipmentState};
use shipdesk::sandbox::Sandbox;
use shipdesk::secrets::Keychain;
use shipdesk::store::ShipmentRecord;

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

/// An engine on `dir`, which the caller keeps, so that a second engine can open the same data
/// folder as after a restart; the poller's first pause is `first_pause`.
pub fn engine_in(
    dir: &std::path::Path,
    keychain: &Keychain,
    first_pause: std::time::Duration,
) -> Engine {
    let engine = Engine::start(
        EngineConfig {
            data_dir: dir.to_owned(),
        },
        keychain.clone(),
    )
    .expect("engine");
    engine.set_poll_interval(first_pause);
    engine
}

/// A sandbox on its own runtime, so it outlives the engines under test (keep the runtime alive
/// as long as the sandbox is used).
pub fn sandbox_on_own_runtime() -> (tokio::runtime::Runtime, Sandbox) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let sandbox = runtime.block_on(Sandbox::start(0)).expect("sandbox");
    (runtime, sandbox)
}

/// An example order from `assets/examples/` (the seeds' request examples as a packer enters them).
pub fn example_order(file: &str) -> Shipment {
    let path = format!("{}/assets/examples/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The path of seed 000's example order file, as a packer passes it to `shipdesk ship`.
pub fn seed_order_path() -> String {
    format!(
        "{}/assets/examples/order-seed000.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Runs the `shipdesk` binary on `data_dir` with `args` and waits for it.
pub fn run_shipdesk(data_dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_shipdesk"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("run shipdesk")
}

/// Runs the `shipdesk` binary on `data_dir` with `args` and `input` on its standard input (the
/// secrets `accounts add` reads), `adjust` applied first (its environment), and waits for it.
pub fn run_shipdesk_with_input(
    data_dir: &std::path::Path,
    args: &[&str],
    input: &str,
    adjust: impl FnOnce(&mut std::process::Command),
) -> std::process::Output {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_shipdesk"));
    command
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    adjust(&mut command);
    let mut child = command.spawn().expect("run shipdesk");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).expect("write stdin");
    }
    child.wait_with_output().expect("wait for shipdesk")
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

/// Changes account `name` in the store with `edit`.
pub fn edit_account(engine: &Engine, name: &str, edit: impl FnOnce(&mut Account)) {
    engine.with_store(|s| {
        let mut account: Account = s.account(name).expect("store").expect("account");
        edit(&mut account);
        s.save_account(&account).expect("save");
    });
}

/// Changes the built-in sandbox account's answer time-out.
pub fn set_sandbox_timeout(engine: &Engine, secs: u64) {
    edit_account(engine, SANDBOX_ACCOUNT, |account| {
        account.settings.timeout_secs = secs;
    });
}

/// All bytes of the database and its WAL, to search for leaked secrets, followed by every
/// shipment's order and audit trail unpacked: a long audit entry is stored deflated, so the raw
/// bytes alone would hide a secret inside it.
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
    let store = shipdesk::store::Store::open_reader(&dir.join("shipdesk.sqlite3"))
        .unwrap_or_else(|e| panic!("the database reads: {e}"));
    let ids = store
        .matching_ids(&shipdesk::store::HistoryQuery::default())
        .unwrap_or_else(|e| panic!("{e}"));
    for id in ids {
        for event in store.events(id).unwrap_or_else(|e| panic!("{e}")) {
            bytes.extend_from_slice(event.detail.to_string().as_bytes());
        }
        if let Ok(reference) = store.reference_of(id)
            && let Ok(Some(record)) = store.shipment(&reference)
        {
            bytes.extend_from_slice(
                serde_json::to_string(&record.order)
                    .unwrap_or_default()
                    .as_bytes(),
            );
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

/// A shipment's stored record, which must be there.
pub fn record(engine: &Engine, reference: &str) -> ShipmentRecord {
    engine
        .with_store(|s| s.shipment(reference))
        .expect("store")
        .expect("row")
}

/// The states a shipment's events moved it through, in order.
pub fn states(engine: &Engine, id: i64) -> Vec<ShipmentState> {
    engine
        .with_store(|s| s.events(id))
        .expect("events")
        .into_iter()
        .filter_map(|e| e.state)
        .collect()
}

/// Asserts that the file at `path` holds a PDF.
pub fn assert_pdf_file(path: impl AsRef<std::path::Path>) {
    assert!(std::fs::read(path).expect("file").starts_with(b"%PDF"));
}

/// A shipment's state, if it is recorded.
pub fn state_of(engine: &Engine, reference: &str) -> Option<ShipmentState> {
    engine
        .with_store(|s| s.shipment(reference))
        .ok()
        .flatten()
        .map(|r| r.state)
}

/// Waits (up to 30 s) until the engine's poller has moved a shipment to `wanted`.
pub fn wait_for_state(engine: &Engine, reference: &str, wanted: ShipmentState) {
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

/// Sends `request` as it is with `http` and reads the whole answer: what a client on the wire
/// sends and gets, without the engine's limits and time-outs.
pub async fn send_raw(
    http: &reqwest::Client,
    request: shipdesk::carriers::WireRequest,
) -> reqwest::Result<shipdesk::carriers::WireResponse> {
    let mut builder = match request.method {
        shipdesk::carriers::HttpMethod::Post => http.post(&request.url),
        shipdesk::carriers::HttpMethod::Get => http.get(&request.url),
    };
    for header in &request.headers {
        builder = builder.header(&header.name, &header.value);
    }
    let response = builder.body(request.body).send().await?;
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.bytes().await?.to_vec();
    Ok(shipdesk::carriers::WireResponse {
        status,
        content_type,
        body,
    })
}

/// A command's output as text (lossily, as a person would read it).
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Ships `order` (an order file's JSON) with `shipdesk ship` on the built-in sandbox in
/// `data_dir`, checks it was bought, and returns its tracking number.
pub fn ship_on_sandbox(data_dir: &std::path::Path, order: &serde_json::Value) -> String {
    let reference = order["reference"].as_str().unwrap_or("order");
    let file = data_dir.join(format!("{reference}.json"));
    std::fs::write(&file, order.to_string()).expect("order file");
    let out = run_shipdesk(
        data_dir,
        &[
            "ship",
            file.to_str().unwrap_or_default(),
            "--account",
            "Sandbox",
        ],
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("tracking number: "))
        .expect("tracking line")
        .to_owned()
}
