//! Who is at the desk: `--operator` (or `SHIPDESK_OPERATOR`) is recorded with each shipment the
//! real binary buys and with every audit event it writes, shown in `shipdesk history` and
//! filtered by `history --operator`.

use crate::common;
use crate::common::text;

#[test]
fn each_shipment_and_audit_event_names_who_bought_it_and_history_filters_by_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let first = common::seed_order_path();
    let mut second = common::seed_order_json();
    second["reference"] = "OP-SECOND-1".into();
    let second_path = dir.path().join("second.json");
    std::fs::write(&second_path, second.to_string()).expect("order");

    let by_flag = common::run_shipdesk(
        dir.path(),
        &[
            "--operator",
            "Li Wei",
            "ship",
            &first,
            "--account",
            "Sandbox",
        ],
    );
    assert!(by_flag.status.success(), "{}", text(&by_flag.stderr));
    let by_env = common::run_shipdesk_with_input(
        dir.path(),
        &[
            "ship",
            second_path.to_str().expect("path"),
            "--account",
            "Sandbox",
        ],
        "",
        |command| {
            command.env("SHIPDESK_OPERATOR", "王芳");
        },
    );
    assert!(by_env.status.success(), "{}", text(&by_env.stderr));

    // The table shows who bought each.
    let table = common::run_shipdesk(dir.path(), &["history"]);
    let table = text(&table.stdout);
    assert!(table.contains("OPERATOR"), "{table}");
    let line = |reference: &str| {
        table
            .lines()
            .find(|l| l.contains(reference))
            .unwrap_or_else(|| panic!("{reference} in {table}"))
            .to_owned()
    };
    assert!(line("lf-test-251205-003").contains("Li Wei"), "{table}");
    assert!(line("OP-SECOND-1").contains("王芳"), "{table}");

    // Filtered by operator (any case), as JSON too.
    let li = common::run_shipdesk(dir.path(), &["history", "--operator", "li wei", "--json"]);
    let li: serde_json::Value = serde_json::from_slice(&li.stdout).expect("json");
    assert_eq!(li.as_array().map(Vec::len), Some(1), "{li}");
    assert_eq!(li[0]["reference"], "lf-test-251205-003");
    assert_eq!(li[0]["operator"], "Li Wei");
    let wang = common::run_shipdesk(dir.path(), &["history", "--operator", "王芳", "--json"]);
    let wang: serde_json::Value = serde_json::from_slice(&wang.stdout).expect("json");
    assert_eq!(wang.as_array().map(Vec::len), Some(1), "{wang}");
    assert_eq!(wang[0]["reference"], "OP-SECOND-1");

    // Every audit event of each shipment names its operator.
    let db = rusqlite::Connection::open(dir.path().join(shipdesk::store::DATABASE_FILE))
        .expect("database");
    let mut read = db
        .prepare(
            "SELECT s.reference, e.operator, COUNT(*) FROM events e
             JOIN shipments s ON s.id = e.shipment_id GROUP BY s.reference, e.operator
             ORDER BY s.reference",
        )
        .expect("query");
    let rows: Vec<(String, String, i64)> = read
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .map(|r| r.expect("row"))
        .collect();
    let operators: Vec<(&str, &str)> = rows
        .iter()
        .map(|(reference, operator, _)| (reference.as_str(), operator.as_str()))
        .collect();
    assert_eq!(
        operators,
        [("OP-SECOND-1", "王芳"), ("lf-test-251205-003", "Li Wei")],
        "{rows:?}"
    );
    assert!(rows.iter().all(|(_, _, events)| *events >= 2), "{rows:?}");
}
