//! The command line as a script would use it: exit codes and printed results.

use crate::common;
use crate::common::text;

use crate::common::run_shipdesk as shipdesk;

/// `shipdesk ship FILE --account ACCOUNT` on `data_dir`.
fn ship_file(
    data_dir: &std::path::Path,
    file: &std::path::Path,
    account: &str,
) -> std::process::Output {
    shipdesk(
        data_dir,
        &[
            "ship",
            file.to_str().unwrap_or_default(),
            "--account",
            account,
        ],
    )
}

#[test]
fn version_names_the_commit() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = shipdesk(dir.path(), &["--version"]);
    assert!(out.status.success());
    let version = text(&out.stdout);
    assert!(
        version.starts_with(&format!("shipdesk {} (", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
}

#[test]
fn ship_on_the_sandbox_out_of_the_box_prints_tracking_and_label() {
    let dir = tempfile::tempdir().expect("tmp");
    let order = common::seed_order_path();
    let listed = shipdesk(dir.path(), &["accounts", "list"]);
    assert!(
        text(&listed.stdout).contains("Sandbox"),
        "{}",
        text(&listed.stdout)
    );

    let out = shipdesk(dir.path(), &["ship", &order, "--account", "Sandbox"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    let tracking = stdout
        .lines()
        .find_map(|l| l.strip_prefix("tracking number: "))
        .expect("tracking line");
    assert!(tracking.starts_with("SBX"), "{stdout}");
    let label = stdout
        .lines()
        .find_map(|l| l.strip_prefix("label: "))
        .expect("label line");
    assert!(
        std::fs::read(label)
            .expect("label file")
            .starts_with(b"%PDF")
    );

    // The same reference again is refused, naming its state, and nothing is bought.
    let again = shipdesk(dir.path(), &["ship", &order, "--account", "Sandbox"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("already in History as Created"),
        "{}",
        text(&again.stderr)
    );

    let history = shipdesk(dir.path(), &["history", "--json", "--search", tracking]);
    let records: serde_json::Value = serde_json::from_slice(&history.stdout).expect("json");
    assert_eq!(records[0]["reference"], "lf-test-251205-003");
    assert_eq!(records[0]["state"], "created");
    assert_eq!(records[0]["order"]["items"][0]["name_zh"], "汽车音频线");

    let reconcile = shipdesk(dir.path(), &["reconcile"]);
    assert!(reconcile.status.success());
    assert!(text(&reconcile.stdout).contains("Nothing to reconcile"));
}

#[test]
fn absurd_numbers_are_refused_at_the_field_not_a_crash() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut order: serde_json::Value = common::seed_order_json();
    order["items"][0]["unit_value"] = "79228162514264337593543950".into();
    order["items"][0]["quantity"] = 4000.into();
    order["declared_value"] = serde_json::Value::Null;
    order["parcels"][0]["length"] = "12345678901234567.89".into();
    let path = dir.path().join("absurd.json");
    std::fs::write(&path, order.to_string()).expect("write");
    let out = ship_file(dir.path(), &path, "Sandbox");
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("items[0].unit_value: Unit value is too large"),
        "{stderr}"
    );
    assert!(
        stderr.contains("parcels[0].length: Length 12345678901234567.89 is too large"),
        "{stderr}"
    );
}

#[test]
fn a_bad_order_file_says_where_and_what() {
    let dir = tempfile::tempdir().expect("tmp");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\n  \"reference\": \"X\",\n  \"sender\": 5\n}\n").expect("write");
    let out = ship_file(dir.path(), &broken, "Sandbox");
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("line 3"), "{stderr}");

    let mut order: serde_json::Value = common::seed_order_json();
    order["recipient"]["phone"] = "".into();
    let invalid = dir.path().join("invalid.json");
    std::fs::write(&invalid, order.to_string()).expect("write");
    let out = ship_file(dir.path(), &invalid, "Sandbox");
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("recipient.phone: Recipient phone is required / 请填写收件人电话"),
        "{stderr}"
    );

    let out = ship_file(dir.path(), &invalid, "Nope");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no account named \"Nope\""));
}

#[test]
fn history_exports_every_match_as_csv_for_spreadsheets() {
    let dir = tempfile::tempdir().expect("tmp");
    let base: serde_json::Value = common::seed_order_json();
    for (reference, name) in [("CSV-1", "=HYPERLINK(\"http://x\")"), ("CSV-2", "王, 小明")] {
        let mut order = base.clone();
        order["reference"] = reference.into();
        order["recipient"]["name"] = name.into();
        let path = dir.path().join(format!("{reference}.json"));
        std::fs::write(&path, order.to_string()).expect("write");
        let out = ship_file(dir.path(), &path, "Sandbox");
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let csv = dir.path().join("out.csv");
    let out = shipdesk(
        dir.path(),
        &["history", "--csv", csv.to_str().unwrap_or_default()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Wrote 2 shipment(s)"));
    let written = std::fs::read_to_string(&csv).expect("csv");
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(lines.len(), 3, "{written}");
    assert!(lines[0].starts_with("created,reference,state,tracking_number"));
    // Newest first; a comma is quoted; a formula is defused with a leading quote.
    assert!(
        lines[1].contains(",CSV-2,created,SBX") && lines[1].contains("\"王, 小明\""),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
        "{}",
        lines[2]
    );
}

#[test]
fn an_account_setting_is_checked_against_its_forwarder_before_anything_is_saved() {
    let dir = tempfile::tempdir().expect("tmp");
    let add = |forwarder: &str, extra: &[&str]| {
        let mut args = vec![
            "accounts",
            "add",
            "--name",
            "X",
            "--forwarder",
            forwarder,
            "--base-url",
            "http://127.0.0.1:1",
        ];
        args.extend_from_slice(extra);
        shipdesk(dir.path(), &args)
    };
    let wrong_choice = add("eccang", &["--setting", "fee_preview=maybe"]);
    assert_eq!(wrong_choice.status.code(), Some(2));
    assert!(
        text(&wrong_choice.stderr).contains("fee_preview must be one of off, on"),
        "{}",
        text(&wrong_choice.stderr)
    );
    let not_its_own = add("westernpost", &["--user-id", "1111"]);
    assert_eq!(not_its_own.status.code(), Some(2));
    assert!(
        text(&not_its_own.stderr).contains("westernpost has no setting \"user_id\""),
        "{}",
        text(&not_its_own.stderr)
    );
    let listed = shipdesk(dir.path(), &["accounts", "list"]);
    assert!(!text(&listed.stdout).contains("X "), "nothing was saved");
}

#[test]
fn printers_lists_the_printers_set_up_in_the_window_even_without_cups() {
    let dir = tempfile::tempdir().expect("tmp");
    let saved = serde_json::json!({
        "desk": "ipp://127.0.0.1:8631/ipp/print",
        "profiles": [{ "printer": "ipp://127.0.0.1:8631/ipp/print", "stock": "10x15cm", "dpi": 300,
                       "offset_right_mm": 1.5, "send_as": "raster" }]
    });
    std::fs::write(dir.path().join("printers.json"), saved.to_string()).expect("printers.json");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shipdesk"))
        .arg("--data-dir")
        .arg(dir.path())
        .arg("printers")
        // No CUPS server here: the saved printers still show, and the exit says CUPS is missing.
        .env("CUPS_SERVER", "127.0.0.1:9")
        .output()
        .expect("run");
    let stdout = text(&out.stdout);
    let row = stdout
        .lines()
        .find(|l| l.starts_with("ipp://127.0.0.1:8631/ipp/print"))
        .unwrap_or_else(|| panic!("{stdout}"));
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        cells[1..],
        ["10x15", "cm", "300", "+1.5", "+0.0", "raster", "yes"],
        "{row}"
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
}

#[test]
fn the_command_line_obeys_the_windows_account_rules_and_keeps_the_built_in_accounts() {
    let dir = tempfile::tempdir().expect("tmp");
    for builtin in ["Sandbox", "Sandbox ZYL"] {
        let out = shipdesk(dir.path(), &["accounts", "remove", builtin]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
        assert!(
            text(&out.stderr).contains("The built-in Sandbox account stays"),
            "{}",
            text(&out.stderr)
        );
    }
    let unknown = shipdesk(dir.path(), &["accounts", "remove", "Nobody"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        text(&unknown.stderr).contains("there is no account named \"Nobody\""),
        "{}",
        text(&unknown.stderr)
    );
    let listed = text(&shipdesk(dir.path(), &["accounts", "list"]).stdout);
    for builtin in [
        "Sandbox ",
        "Sandbox ECCANG",
        "Sandbox ZYL",
        "Sandbox logssc",
    ] {
        assert!(
            listed.contains(builtin),
            "{builtin} is still there: {listed}"
        );
    }
}

#[test]
fn an_empty_or_damaged_history_is_never_replaced_and_says_what_to_do() {
    for (what, bytes) in [
        ("empty", Vec::new()),
        (
            "damaged",
            b"this is not a database, it was overwritten".repeat(200),
        ),
    ] {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("shipdesk.sqlite3");
        std::fs::write(&file, &bytes).expect("history file");
        let out = shipdesk(dir.path(), &["history"]);
        assert_eq!(out.status.code(), Some(4), "{what}: {}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains("The history file is damaged or empty"),
            "{what}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).contains("历史记录文件已损坏或为空"),
            "{what}: both languages"
        );
        assert_eq!(
            std::fs::read(&file).expect("still there"),
            bytes,
            "{what}: the file is left as it was"
        );
    }
}

#[test]
fn an_account_on_plain_http_is_saved_with_a_warning_and_marked_in_the_list() {
    let dir = tempfile::tempdir().expect("tmp");
    let add = |name: &str, base_url: &str| {
        common::run_shipdesk_with_input(
            dir.path(),
            &[
                "accounts",
                "add",
                "--name",
                name,
                "--forwarder",
                "eccang",
                "--base-url",
                base_url,
            ],
            "app_token=demo-token\napp_key=demo-key\n",
            |_| {},
        )
    };
    // ECCANG sends its appToken and appKey in the body: in clear over http.
    let plain = add("CLI Plain HTTP", "http://ec.example.com/default/svc");
    let stderr = text(&plain.stderr);
    assert_eq!(plain.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: This account's credentials and orders travel unencrypted (http://, not https://) to ec.example.com"),
        "{stderr}"
    );
    assert!(stderr.contains("明文"), "{stderr}");
    assert!(text(&plain.stdout).contains("Saved account \"CLI Plain HTTP\""));

    // On this computer nothing crosses a network: no warning.
    let local = add("CLI Loopback HTTP", "http://127.0.0.1:8700");
    assert_eq!(local.status.code(), Some(0), "{}", text(&local.stderr));
    assert!(
        !text(&local.stderr).contains("warning"),
        "{}",
        text(&local.stderr)
    );

    let listed = text(&shipdesk(dir.path(), &["accounts", "list"]).stdout);
    let row = |name: &str| {
        listed
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name} listed: {listed}"))
            .to_owned()
    };
    assert!(
        row("CLI Plain HTTP").ends_with("(unencrypted http)"),
        "{listed}"
    );
    assert!(
        !row("CLI Loopback HTTP").contains("unencrypted"),
        "{listed}"
    );
    for name in ["CLI Plain HTTP", "CLI Loopback HTTP"] {
        let removed = shipdesk(dir.path(), &["accounts", "remove", name]);
        assert_eq!(removed.status.code(), Some(0), "{}", text(&removed.stderr));
    }
}
