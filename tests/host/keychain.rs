//! Secrets through a real Secret Service (gnome-keyring under dbus-run-session; `scripts/test.sh`
//! starts one). A secret must reach the keychain and nowhere else: not the database, not the log,
//! not the terminal.

use crate::common;

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

use shipdesk::sandbox::Sandbox;
use shipdesk::secrets::Keychain;

const OPEN_KEY_ID: &str = "WPKEY-7f3a91e2d4";
const SECRET_KEY: &str = "WPSECRET-c0ffee51d2b7a9";

fn require_secret_service() {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        panic!(
            "this test needs a running Secret Service; run the suite with `bash scripts/test.sh`, \
             which starts gnome-keyring under dbus-run-session"
        );
    }
    if let Err(error) = Keychain::os().status() {
        panic!("the Secret Service is not usable: {error}");
    }
}

fn shipdesk(data_dir: &std::path::Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shipdesk"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("SHIPDESK_LOG", "debug")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run shipdesk");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("stdin");
    }
    child.wait_with_output().expect("wait")
}

/// `shipdesk accounts add` for a Western Post account at `base_url`, secrets on standard input.
fn add_account(data_dir: &std::path::Path, name: &str, base_url: &str, secret_key: &str) -> Output {
    shipdesk(
        data_dir,
        &[
            "accounts",
            "add",
            "--name",
            name,
            "--forwarder",
            "westernpost",
            "--base-url",
            base_url,
            "--service-code",
            "WP_GROUND",
        ],
        &format!("open_key_id={OPEN_KEY_ID}\nsecret_key={secret_key}\n"),
    )
}

#[test]
fn os_keychain_round_trip() {
    require_secret_service();
    let keychain = Keychain::os();
    let creds =
        shipdesk::carriers::Credentials::from_pairs([("open_key_id", "a"), ("secret_key", "b")]);
    keychain.save("round-trip-test", &creds).expect("save");
    assert_eq!(keychain.load("round-trip-test").expect("load"), creds);
    keychain.delete("round-trip-test").expect("delete");
    assert!(keychain.load("round-trip-test").is_err());
}

#[test]
fn account_secrets_go_to_the_keychain_and_nowhere_else() {
    require_secret_service();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let sandbox = runtime.block_on(Sandbox::start(0)).expect("sandbox");
    sandbox.add_credentials(OPEN_KEY_ID, SECRET_KEY);
    let dir = tempfile::tempdir().expect("tmp");
    let name = format!("WP Main {}", std::process::id());

    let mut transcript = Vec::new();
    let added = add_account(dir.path(), &name, &sandbox.base_url(), SECRET_KEY);
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    transcript.push(added);

    let order = format!(
        "{}/assets/examples/order-seed000.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let shipped = shipdesk(dir.path(), &["ship", &order, "--account", &name], "");
    assert!(
        shipped.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&shipped.stdout),
        String::from_utf8_lossy(&shipped.stderr)
    );
    assert_eq!(
        sandbox.orders().len(),
        1,
        "signed with the keychain's secret and accepted"
    );
    transcript.push(shipped);
    transcript.push(shipdesk(dir.path(), &["history", "--json"], ""));
    transcript.push(shipdesk(dir.path(), &["accounts", "list"], ""));

    // The secrets are in the keychain...
    let stored = Keychain::os().load(&name).expect("in the keychain");
    assert_eq!(stored.get("secret_key"), SECRET_KEY);

    // ...and nowhere else.
    let database = common::database_bytes(dir.path());
    let log = std::fs::read(dir.path().join("shipdesk.log")).expect("log written");
    assert!(!log.is_empty());
    for secret in [OPEN_KEY_ID, SECRET_KEY] {
        assert!(
            !common::contains(&database, secret),
            "{secret} found in the database"
        );
        assert!(!common::contains(&log, secret), "{secret} found in the log");
        for out in &transcript {
            assert!(!common::contains(&out.stdout, secret), "{secret} printed");
            assert!(!common::contains(&out.stderr, secret), "{secret} printed");
        }
    }

    // A wrong secret is refused with the forwarder's own words, and nothing is bought.
    let wrong = add_account(dir.path(), &name, &sandbox.base_url(), "not-the-secret");
    assert!(wrong.status.success());
    let mut other = common::seed_order();
    other.reference = "KC-WRONG".to_owned();
    let other_path = dir.path().join("other.json");
    std::fs::write(&other_path, serde_json::to_string(&other).expect("json")).expect("write");
    let refused = shipdesk(
        dir.path(),
        &[
            "ship",
            other_path.to_str().unwrap_or_default(),
            "--account",
            &name,
        ],
        "",
    );
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("认证失败") && stderr.contains("Failed (not charged)"),
        "{stderr}"
    );
    assert_eq!(sandbox.orders().len(), 1);

    let removed = shipdesk(dir.path(), &["accounts", "remove", &name], "");
    assert!(removed.status.success());
    assert!(
        Keychain::os().load(&name).is_err(),
        "keychain entry removed with the account"
    );
}

#[test]
fn secrets_are_never_read_from_arguments() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = shipdesk(
        dir.path(),
        &[
            "accounts",
            "add",
            "--name",
            "X",
            "--forwarder",
            "westernpost",
            "--base-url",
            "http://127.0.0.1:9",
            "--secret-key",
            "s",
        ],
        "",
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "clap rejects an unknown --secret-key"
    );
    let out = shipdesk(
        dir.path(),
        &[
            "accounts",
            "add",
            "--name",
            "X",
            "--forwarder",
            "westernpost",
            "--base-url",
            "http://127.0.0.1:9",
        ],
        "open_key_id=only-this\n",
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("lacks secret_key"), "{stderr}");
    assert!(!stderr.contains("only-this"), "{stderr}");
}

/// `shipdesk accounts add --forwarder logssc` with its secrets on standard input and a setting;
/// `shipdesk ship` shows the fee and buys nothing without `--accept-fee` (exit 3), buys with it
/// and waits for the number and label; a failed order is refunded with `shipdesk refund`.
#[test]
fn logssc_from_the_command_line_fee_accepted_then_bought_and_refunded() {
    require_secret_service();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let sandbox = runtime.block_on(Sandbox::start(0)).expect("sandbox");
    sandbox.set_logssc_number_after_polls(1);
    sandbox.set_logssc_label_after_polls(1);
    let dir = tempfile::tempdir().expect("tmp");
    let name = format!("LSO Main {}", std::process::id());
    let secrets = format!(
        "app_id={}\napp_secret={}\n",
        shipdesk::sandbox::DEMO_LOGSSC_APP_ID,
        shipdesk::sandbox::DEMO_LOGSSC_APP_SECRET
    );
    let added = shipdesk(
        dir.path(),
        &[
            "accounts",
            "add",
            "--name",
            &name,
            "--forwarder",
            "logssc",
            "--base-url",
            &sandbox.base_url(),
            "--setting",
            "system_sender_name=DFW-WAREHOUSE",
        ],
        &secrets,
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let unknown = shipdesk(
        dir.path(),
        &[
            "accounts",
            "add",
            "--name",
            "x",
            "--forwarder",
            "logssc",
            "--base-url",
            "http://127.0.0.1:1",
            "--setting",
            "colour=red",
        ],
        &secrets,
    );
    assert_eq!(
        unknown.status.code(),
        Some(2),
        "an unknown setting is refused"
    );

    let order = format!(
        "{}/assets/examples/order-seed003.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let asked = shipdesk(dir.path(), &["ship", &order, "--account", &name], "");
    let stdout = String::from_utf8_lossy(&asked.stdout).into_owned();
    assert_eq!(asked.status.code(), Some(3), "{stdout}");
    assert!(stdout.contains("fee: 23.19 USD"), "{stdout}");
    assert!(
        sandbox.orders().is_empty(),
        "nothing bought without --accept-fee"
    );

    let bought = shipdesk(
        dir.path(),
        &["ship", &order, "--account", &name, "--accept-fee"],
        "",
    );
    let stdout = String::from_utf8_lossy(&bought.stdout).into_owned();
    assert!(
        bought.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&bought.stderr)
    );
    let tracking = stdout
        .lines()
        .find_map(|l| l.strip_prefix("tracking number: "))
        .expect("tracking line");
    assert_eq!(tracking, sandbox.orders()[0].tracking_number);
    let label = stdout
        .lines()
        .find_map(|l| l.strip_prefix("label: "))
        .expect("label line");
    assert!(std::fs::read(label).expect("label").starts_with(b"%PDF"));
    assert!(stdout.contains("quoted fee: 23.19 USD"), "{stdout}");
    assert!(stdout.contains("charged fee: 23.19 USD"), "{stdout}");
    assert_eq!(
        sandbox.orders()[0].request["systemSenderName"],
        "DFW-WAREHOUSE",
        "the account's setting is sent"
    );

    // A failed order: the CLI says the refund is due; `shipdesk refund` performs it.
    sandbox.fail_next_logssc_order("地址无LSO服务");
    let failing = dir.path().join("failing.json");
    let mut text: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&order).expect("order")).expect("json");
    text["reference"] = "LSO-CLI-FAIL".into();
    std::fs::write(&failing, text.to_string()).expect("write");
    let failed = shipdesk(
        dir.path(),
        &[
            "ship",
            failing.to_str().unwrap_or(""),
            "--account",
            &name,
            "--accept-fee",
        ],
        "",
    );
    let stderr = String::from_utf8_lossy(&failed.stderr).into_owned();
    assert_eq!(failed.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("refund due"), "{stderr}");
    assert!(stderr.contains("地址无LSO服务"), "{stderr}");
    let refunded = shipdesk(dir.path(), &["refund", "LSO-CLI-FAIL"], "");
    assert!(
        refunded.status.success(),
        "{}",
        String::from_utf8_lossy(&refunded.stderr)
    );
    assert!(String::from_utf8_lossy(&refunded.stdout).contains("Refunded"));
    let again = shipdesk(dir.path(), &["refund", "LSO-CLI-FAIL"], "");
    assert_eq!(again.status.code(), Some(1), "refunded once");

    // The secrets are in the keychain only.
    let database = common::database_bytes(dir.path());
    assert!(!common::contains(
        &database,
        shipdesk::sandbox::DEMO_LOGSSC_APP_SECRET
    ));
    assert!(!common::contains(
        &database,
        shipdesk::sandbox::DEMO_LOGSSC_APP_ID
    ));
    shipdesk(dir.path(), &["accounts", "remove", &name], "");
}
