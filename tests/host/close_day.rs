//! The end of the day (`shipdesk close`, `shipdesk manifests`) as a supervisor runs it, against
//! the built-in sandbox, a real SQLite file and the real PDF tools: what needs a person holds
//! the close back; a close hands over what was bought in a numbered manifest; its handover list
//! is an A4 PDF whose text (Chinese included) poppler reads and whose barcodes zbar scans, with
//! totals that match the shipments; a reprint is the same; a close killed midway leaves no
//! manifest or a whole one.

use crate::common;

use std::path::Path;

use crate::common::pdf::{barcodes, page_size_and_count, pdf_text};
use crate::common::run_shipdesk as shipdesk;
use crate::common::text;

/// Ships the seed order as `reference` on the built-in sandbox; returns its tracking number.
pub(crate) fn ship(dir: &Path, reference: &str) -> String {
    let mut order = common::seed_order_json();
    order["reference"] = serde_json::json!(reference);
    common::ship_on_sandbox(dir, &order)
}

#[test]
fn the_day_closes_into_a_handover_list_the_driver_can_sign_and_scan() {
    let dir = tempfile::tempdir().expect("tmp");
    let references = ["EOD-0001", "EOD-0002", "EOD-0003"];
    let tracking: Vec<String> = references.iter().map(|r| ship(dir.path(), r)).collect();

    // The labels were never printed: the close says so and closes nothing.
    let held = shipdesk(dir.path(), &["close", "--account", "Sandbox"]);
    let said = text(&held.stdout);
    assert_eq!(held.status.code(), Some(1), "{said}");
    for reference in references {
        assert!(said.contains(reference), "{said}");
    }
    assert!(said.contains("its label has not been printed"), "{said}");
    assert!(said.contains("面单尚未打印"), "{said}");
    let none = shipdesk(dir.path(), &["manifests"]);
    assert_eq!(text(&none.stdout).trim(), "", "nothing was closed");

    // Closing anyway wants a reason.
    let no_note = shipdesk(dir.path(), &["close", "--account", "Sandbox", "--anyway"]);
    assert_eq!(no_note.status.code(), Some(1));
    assert!(
        text(&no_note.stdout).contains("--note"),
        "{}",
        text(&no_note.stdout)
    );

    let pdf = dir.path().join("handover.pdf");
    let csv = dir.path().join("handover.csv");
    let closed = shipdesk(
        dir.path(),
        &[
            "close",
            "--account",
            "Sandbox",
            "--anyway",
            "--note",
            "labels printed from the portal; driver 王师傅",
            "--pdf",
            pdf.to_str().unwrap_or_default(),
            "--csv",
            csv.to_str().unwrap_or_default(),
        ],
    );
    let said = text(&closed.stdout);
    assert!(closed.status.success(), "{said}\n{}", text(&closed.stderr));
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    assert!(said.contains(&format!("manifest {today} #1")), "{said}");
    assert!(said.contains("3 shipments"), "{said}");

    // The paper: A4, both languages, every shipment, the note, the totals.
    let (size, pages) = page_size_and_count(&pdf);
    assert!(size.starts_with("595.28 x 841.89"), "{size}");
    assert_eq!(pages, 1);
    let words = pdf_text(&pdf);
    for expected in [
        "Handover list",
        "交接单",
        "王师傅",
        "Total",
        "合计",
        "3 shipments",
    ] {
        assert!(words.contains(expected), "{expected} in:\n{words}");
    }
    for (reference, number) in references.iter().zip(&tracking) {
        assert!(words.contains(reference), "{reference} in:\n{words}");
        assert!(words.contains(number.as_str()), "{number} in:\n{words}");
    }
    // The driver scans each parcel's number off the list.
    let mut scanned = barcodes(&pdf);
    scanned.sort();
    let mut expected = tracking.clone();
    expected.sort();
    assert_eq!(scanned, expected);

    // The CSV: a header, a row a shipment, and totals that match the shipments in the store.
    let rows = std::fs::read_to_string(&csv).expect("csv");
    let lines: Vec<&str> = rows.lines().collect();
    assert_eq!(lines.len(), 5, "{rows}");
    assert!(lines[0].contains("tracking number 跟踪号"), "{rows}");
    let history = shipdesk(dir.path(), &["history", "--json"]);
    let records: serde_json::Value = serde_json::from_slice(&history.stdout).expect("json");
    let records = records.as_array().expect("list");
    let weight: rust_decimal::Decimal = records
        .iter()
        .filter_map(|r| {
            r["weight_kg"]
                .as_str()?
                .parse::<rust_decimal::Decimal>()
                .ok()
        })
        .sum();
    let pieces: usize = records
        .iter()
        .map(|r| r["order"]["parcels"].as_array().map_or(1, Vec::len))
        .sum();
    let total = lines[4];
    assert!(total.contains("3 shipments"), "{total}");
    assert!(total.contains(&format!(",{pieces},")), "{total}");
    assert!(
        total.contains(&weight.round_dp(3).normalize().to_string()),
        "{total} vs {weight}"
    );

    // Nothing new: nothing to close. A new shipment goes into #2, not #1 again.
    let again = shipdesk(dir.path(), &["close", "--account", "Sandbox"]);
    assert!(again.status.success());
    assert!(
        text(&again.stdout).contains("Nothing to close"),
        "{}",
        text(&again.stdout)
    );
    ship(dir.path(), "EOD-0004");
    let second = shipdesk(
        dir.path(),
        &[
            "close",
            "--account",
            "Sandbox",
            "--anyway",
            "--note",
            "late parcel",
        ],
    );
    assert!(second.status.success(), "{}", text(&second.stdout));
    assert!(text(&second.stdout).contains(&format!("manifest {today} #2")));
    assert!(text(&second.stdout).contains("1 shipments"));

    // Every close is kept and reprints the same rows.
    let listed = text(&shipdesk(dir.path(), &["manifests", "--account", "Sandbox"]).stdout);
    assert!(
        listed.contains(&format!("{today} #1  3 shipments")),
        "{listed}"
    );
    assert!(
        listed.contains(&format!("{today} #2  1 shipments")),
        "{listed}"
    );
    let first_id = listed
        .lines()
        .find(|l| l.contains("#1"))
        .and_then(|l| l.split_whitespace().next())
        .expect("id")
        .to_owned();
    let reprint = dir.path().join("again.csv");
    let out = shipdesk(
        dir.path(),
        &[
            "manifests",
            "--id",
            &first_id,
            "--csv",
            reprint.to_str().unwrap_or_default(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&reprint).expect("reprint"), rows);
}

#[test]
fn a_close_killed_midway_leaves_no_manifest_or_a_whole_one() {
    let dir = tempfile::tempdir().expect("tmp");
    ship(dir.path(), "KILL-00001");
    // A busy day: the one shipment copied to 30,000 (same account, label stored).
    let db = dir.path().join("shipdesk.sqlite3");
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_xinfo('shipments') WHERE hidden = 0")
            .expect("columns")
            .query_map([], |row| row.get(0))
            .expect("columns")
            .filter_map(Result::ok)
            .filter(|c: &String| c != "id" && c != "reference" && c != "tracking_number")
            .collect();
        let list = columns.join(", ");
        conn.execute_batch(&format!(
            "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
             INSERT INTO shipments (reference, tracking_number, {list})
             SELECT printf('KILL-%05d', i), printf('SBXK%08d', i), {list}
             FROM n, (SELECT * FROM shipments WHERE reference = 'KILL-00001')"
        ))
        .expect("copies");
    }
    let check = |round: usize| {
        let conn = rusqlite::Connection::open(&db).expect("open");
        let mut manifests = conn
            .prepare(
                "SELECT m.id, m.shipments, (SELECT COUNT(*) FROM shipments s WHERE s.manifest_id = m.id)
                 FROM manifests m",
            )
            .expect("manifests");
        let rows: Vec<(i64, i64, i64)> = manifests
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("manifests")
            .filter_map(Result::ok)
            .collect();
        for (id, said, held) in &rows {
            assert_eq!(said, held, "round {round}: manifest {id} is whole");
            assert!(*held > 0, "round {round}: manifest {id} is not empty");
        }
        let in_none: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM shipments WHERE manifest_id IS NULL",
                [],
                |r| r.get(0),
            )
            .expect("open");
        let in_some: i64 = rows.iter().map(|r| r.2).sum();
        assert_eq!(in_none + in_some, 30_000, "round {round}: none lost");
        rows.len()
    };
    // Kill the close at different moments; whatever was cut short left nothing behind.
    let mut closed = 0;
    for (round, after_ms) in [5u64, 20, 40, 60, 90, 130, 200].into_iter().enumerate() {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_shipdesk"))
            .arg("--data-dir")
            .arg(dir.path())
            .args([
                "close",
                "--account",
                "Sandbox",
                "--anyway",
                "--note",
                "kill test",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("close");
        std::thread::sleep(std::time::Duration::from_millis(after_ms));
        child.kill().ok();
        child.wait().ok();
        closed = check(round);
        if closed > 0 {
            break;
        }
    }
    // Whether or not one got through, a close now runs to the end, once.
    let out = shipdesk(
        dir.path(),
        &[
            "close",
            "--account",
            "Sandbox",
            "--anyway",
            "--note",
            "after",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stdout));
    let after = check(99);
    if closed == 0 {
        assert_eq!(after, 1);
        assert!(
            text(&out.stdout).contains("30000 shipments"),
            "{}",
            text(&out.stdout)
        );
    } else {
        assert!(text(&out.stdout).contains("Nothing to close"));
    }
}
