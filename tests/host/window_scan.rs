//! The real window scanned into as a keyboard-wedge scanner does: under Xvfb (a 1366x768 X
//! server), F3 shows the Queue, `xdotool type --delay 2` types a queued order's reference and
//! the scanner's CR suffix into the scan field, the order opens with its weight ready, a box's
//! command barcode scanned into the weight field gives the parcel its size (and not a
//! character of the code lands anywhere), the weight typed and Enter buy it on the built-in
//! sandbox. The database then holds that one shipment, with the box and the typed weight, and
//! the other order still waits. Needs xvfb and xdotool.

use shipdesk::store::{DATABASE_FILE, HistoryQuery, QueueFilter, Store};

use crate::common;
use crate::common::printer::need;

#[test]
fn a_scanner_burst_into_the_real_windows_scan_field_opens_the_order_and_enter_buys_it() {
    need("xvfb-run", "xvfb");
    need("xdotool", "xdotool");
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("orders.csv");
    // As a shop exports them: no box size (the desk's box barcode gives it).
    let csv = common::queue::orders_csv("H", 2, shipdesk::engine::SANDBOX_ACCOUNT)
        .replace(",30,20,10,0.5,", ",,,,0.5,");
    std::fs::write(&file, csv).expect("write");
    let imported = common::run_shipdesk(dir.path(), &["import", &file.display().to_string()]);
    // Queued with their missing box size as a problem, which the box's barcode will fix.
    let report = String::from_utf8_lossy(&imported.stdout).into_owned();
    assert!(
        report.contains("2 orders: 0 ready, 2 with problems"),
        "{report}"
    );
    let log = crate::common::real_window::drive(
        dir.path(),
        r#"
        xdotool key F3
        sleep 0.5
        xdotool type --delay 2 "$SCAN"
        sleep 1
        xdotool type --delay 2 "$BOX"
        sleep 0.5
        xdotool type --delay 2 "$WEIGHT"
        # Until the buy is recorded (a loaded machine draws late), then a moment for the rest.
        for _ in $(seq 1 200); do
            "$BINARY" --data-dir "$DATA" history --search H-0002 2>/dev/null | grep -q H-0002 && break
            sleep 0.1
        done
        sleep 1
        "#,
        // The scanner's suffix is CR (what xdotool types as the Return key).
        &[
            ("SCAN", "H-0002\r"),
            ("BOX", "SHIPDESK-BOX-L\r"),
            ("WEIGHT", "1.75\r"),
        ],
    );
    let store = Store::open(&dir.path().join(DATABASE_FILE)).expect("store");
    let shipments = store.search(&HistoryQuery::default()).expect("history");
    let bought: Vec<(&str, &str)> = shipments
        .iter()
        .map(|s| (s.reference.as_str(), s.weight_kg.as_str()))
        .collect();
    assert_eq!(bought, [("H-0002", "1.75")], "{log}");
    assert_ne!(shipments[0].state, shipdesk::model::ShipmentState::Failed);
    let record = store
        .shipment("H-0002")
        .expect("read")
        .expect("the shipment");
    let parcels: Vec<String> = record
        .order
        .parcels
        .iter()
        .map(|p| format!("{} x {} x {}", p.length, p.width, p.height))
        .collect();
    assert_eq!(parcels, ["45 x 35 x 30"], "Box L's size, one parcel: {log}");
    let waiting: Vec<String> = store
        .queue_rows(QueueFilter::Waiting)
        .expect("queue")
        .into_iter()
        .map(|r| r.reference)
        .collect();
    assert_eq!(waiting, ["H-0001"]);
}
