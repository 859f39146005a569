//! Packing slips (`shipdesk slip`) as a packer prints them, against the built-in sandbox, a real
//! SQLite file and the real PDF tools: on the label stock a slip is a 4x6 page of its own whose
//! text (Chinese included) poppler reads and whose reference zbar scans; on A4 several share a
//! page, and a slip with many items goes on over several parts without dropping one.

use std::path::Path;

use crate::common;
use crate::common::pdf::{barcodes, page_size_and_count, pdf_text};
use crate::common::run_shipdesk as shipdesk;
use crate::common::text;

/// Ships the seed order as `reference` with `items` extra items (SKU-1.., in box 2) and a
/// Chinese note; returns its tracking number.
pub(crate) fn ship_with_items(dir: &Path, reference: &str, items: usize) -> String {
    let mut order = common::seed_order_json();
    order["reference"] = serde_json::json!(reference);
    order["remark"] = serde_json::json!("Gift wrap 礼品包装，不放发票");
    order["recipient"]["name"] = serde_json::json!("张伟 Zhang Wei");
    order["items"][0]["box_number"] = serde_json::json!("1");
    for i in 1..=items {
        order["items"]
            .as_array_mut()
            .expect("items")
            .push(serde_json::json!({
                "name_en": format!("USB charger {i}"), "name_zh": "USB充电器", "quantity": 3,
                "unit_value": "5", "currency": "USD", "sku": format!("SKU-{i}"), "box_number": "2"
            }));
    }
    common::ship_on_sandbox(dir, &order)
}

#[test]
fn a_packing_slip_is_a_4x6_page_with_the_items_in_both_languages_and_a_reference_that_scans() {
    let dir = tempfile::tempdir().expect("tmp");
    let tracking = ship_with_items(dir.path(), "SLIP-0001", 1);
    let pdf = dir.path().join("slip.pdf");
    let out = shipdesk(
        dir.path(),
        &[
            "slip",
            "SLIP-0001",
            "--pdf",
            pdf.to_str().unwrap_or_default(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    assert_eq!(page_size_and_count(&pdf), ("288 x 432 pts".to_owned(), 1));
    let said = pdf_text(&pdf);
    for expected in [
        "Packing slip 装箱单",
        "SLIP-0001",
        &tracking,
        "张伟 Zhang Wei",
        "audi0001",
        "Car audio cable",
        "汽车音频线",
        "SKU-1",
        "USB charger 1",
        "USB充电器",
        "2 items 种 / 4 pieces 件",
        "礼品包装，不放发票",
    ] {
        assert!(
            said.contains(expected),
            "{expected:?} missing from:\n{said}"
        );
    }
    // The box numbers stand in the SKU's row.
    let row = said
        .lines()
        .find(|l| l.contains("SKU-1"))
        .expect("the item's row");
    assert!(row.trim_end().ends_with('2'), "{row}");
    // The queue's scan field takes the reference: the barcode holds exactly it.
    assert_eq!(barcodes(&pdf), ["SLIP-0001"]);

    // Unknown: nothing written, said in both languages.
    let missing = dir.path().join("none.pdf");
    let out = shipdesk(
        dir.path(),
        &[
            "slip",
            "NOPE-1",
            "--pdf",
            missing.to_str().unwrap_or_default(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("No shipment NOPE-1"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stderr).contains("没有运单 NOPE-1"));
    assert!(!missing.exists());
}

#[test]
fn on_a4_three_slips_share_a_page_and_a_long_slip_goes_on_without_dropping_an_item() {
    let dir = tempfile::tempdir().expect("tmp");
    let references = ["A4S-0001", "A4S-0002", "A4S-0003", "A4S-0004"];
    for reference in references {
        ship_with_items(dir.path(), reference, 1);
    }
    let pdf = dir.path().join("slips-a4.pdf");
    let mut args = vec!["slip"];
    args.extend(references);
    args.extend(["--a4", "--pdf", pdf.to_str().unwrap_or_default()]);
    let out = shipdesk(dir.path(), &args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        page_size_and_count(&pdf),
        ("595.28 x 841.89 pts (A4)".to_owned(), 2)
    );
    let mut scanned = barcodes(&pdf);
    scanned.sort();
    assert_eq!(scanned, references);

    // Twenty-five items: the 4x6 slip goes on over parts, each with the reference to scan.
    ship_with_items(dir.path(), "LONG-0001", 24);
    let long = dir.path().join("long.pdf");
    let out = shipdesk(
        dir.path(),
        &[
            "slip",
            "LONG-0001",
            "--pdf",
            long.to_str().unwrap_or_default(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (size, pages) = page_size_and_count(&long);
    assert_eq!(size, "288 x 432 pts");
    assert!(pages >= 3, "{pages} pages");
    let said = pdf_text(&long);
    for i in 1..=24 {
        assert!(
            said.contains(&format!("USB charger {i}\n"))
                || said.contains(&format!("USB charger {i} ")),
            "item {i} missing:\n{said}"
        );
    }
    assert!(said.contains(&format!("part {pages} / {pages}")), "{said}");
    assert_eq!(barcodes(&long).len(), pages);
}
