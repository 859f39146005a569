//! The catalogue and the pick list from the command line, as a desk uses them: a product list
//! saved by Chinese Excel (GBK, Chinese headers) imported with its bad row refused, listed back
//! as CSV and imported again unchanged; the day's orders imported and declared from it; then
//! the pick list of the queue, read with poppler and zbar (every SKU once in shelf order with
//! its total, every order's reference scannable) and printed on a real IPP A4 printer.

use crate::common::pdf::{barcodes, page_size_and_count, pdf_text};
use crate::common::printer::{LabelPrinter, files_with};
use crate::common::run_shipdesk as shipdesk;
use crate::common::{queue::orders_csv, text};

const PRODUCTS: &str = "SKU编码,英文申报名,中文申报名,海关编码,申报价值,币种,原产国,单件重量,库位\n\
TSH-001,Cotton T-shirt,纯棉T恤,6109100010,4.50,USD,CN,0.18,A-10-1\n\
MUG-02,Ceramic mug,陶瓷杯,6912000010,3.00,USD,CN,0.35,A-2-5\n\
CLO-1,衣服,衣服,6109,3,USD,CN,0.2,C-1\n\
-BLK-01,Black phone case,黑色手机壳,3926,2,USD,CN,0.05,B-2\n";

#[test]
fn the_pick_list_walks_the_shelves_once_and_every_order_on_it_scans() {
    let printer = LabelPrinter::a4();
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(PRODUCTS);
    assert!(!unmappable);
    let products = data.join("商品资料.csv");
    std::fs::write(&products, &gbk).expect("write");

    let out = shipdesk(
        data,
        &["catalogue", "import", products.to_str().unwrap_or_default()],
    );
    let said = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "a row was refused:\n{said}");
    assert!(said.contains("CSV (GB18030/GBK, comma)"), "{said}");
    assert!(said.contains("TSH-001                  added"), "{said}");
    assert!(
        said.contains("row 4, column B (英文申报名), name_en: The English item name has \"衣\", which is not English"),
        "{said}"
    );
    assert!(said.contains("4 rows: 3 saved, 1 not saved"), "{said}");

    // The catalogue's own CSV reads back as it was.
    let listed = shipdesk(data, &["catalogue", "list", "--csv"]);
    let csv = text(&listed.stdout);
    assert!(csv.starts_with("sku,name_en,name_zh,hs_code,unit_value,currency,origin_country,unit_weight_kg,bin_location\n"), "{csv}");
    assert!(
        csv.contains("TSH-001,Cotton T-shirt,纯棉T恤,6109100010,4.50,USD,CN,0.18,A-10-1"),
        "{csv}"
    );
    let back = data.join("catalogue.csv");
    std::fs::write(&back, &csv).expect("write");
    let again = shipdesk(
        data,
        &["catalogue", "import", back.to_str().unwrap_or_default()],
    );
    assert!(again.status.success(), "{}", text(&again.stdout));
    assert!(
        csv.contains("\n-BLK-01,Black phone case,"),
        "a SKU starting with - goes out as it is: {csv}"
    );
    assert!(text(&again.stdout).contains("3 rows: 3 saved, 0 not saved"));
    let search = text(&shipdesk(data, &["catalogue", "list", "陶瓷"]).stdout);
    assert!(
        search.contains("MUG-02") && !search.contains("TSH-001"),
        "{search}"
    );

    // Three orders (a tee, a mug, a tee), their items named as the shop lists them ("Car
    // audio cable"), declared from the catalogue.
    let mut orders = String::new();
    for (i, line) in orders_csv("PICK", 3, "Sandbox").lines().enumerate() {
        let sku = match i {
            0 => "item.sku",
            2 => "MUG-02",
            _ => "tsh-001",
        };
        orders.push_str(&format!("{line},{sku}\n"));
    }
    let file = data.join("orders.csv");
    std::fs::write(&file, orders).expect("write");
    let out = shipdesk(data, &["import", file.to_str().unwrap_or_default()]);
    let said = text(&out.stdout);
    assert!(out.status.success(), "{said}\n{}", text(&out.stderr));
    assert!(
        said.contains("(1 item declared from the catalogue / 1 个品名按商品库申报)"),
        "{said}"
    );

    let pdf = data.join("pick.pdf");
    let out = shipdesk(
        data,
        &[
            "picklist",
            "--queued",
            "--pdf",
            pdf.to_str().unwrap_or_default(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        page_size_and_count(&pdf),
        ("595.28 x 841.89 pts (A4)".to_owned(), 1)
    );
    let said = pdf_text(&pdf);
    assert!(said.contains("Pick list 拣货单"), "{said}");
    assert!(
        said.contains("3 orders 订单 | 2 SKUs | 3 pieces 件"),
        "{said}"
    );
    // A-2-5 before A-10-1: the shelves in the order people number them.
    let mug = said.find("A-2-5").expect("the mug's bin");
    let tee = said.find("A-10-1").expect("the tee's bin");
    assert!(mug < tee, "{said}");
    let tee_line = said
        .lines()
        .find(|l| l.contains("A-10-1"))
        .expect("tee line");
    assert!(
        tee_line.contains("TSH-001") && tee_line.contains("Cotton T-shirt"),
        "{tee_line}"
    );
    let counts: Vec<&str> = tee_line.split_whitespace().rev().take(2).collect();
    assert_eq!(counts, ["2", "2"], "two pieces in two orders: {tee_line}");
    // Each order names what goes in its box, in the catalogue's words.
    let mug_order = said
        .lines()
        .find(|l| l.contains("× MUG-02"))
        .expect("the mug's order line");
    assert!(
        mug_order.contains("1 × MUG-02") && mug_order.contains("Ceramic mug / 陶瓷杯"),
        "{mug_order}"
    );
    let mut scanned = barcodes(&pdf);
    scanned.sort();
    assert_eq!(scanned, ["PICK-0001", "PICK-0002", "PICK-0003"]);

    // Printed: with no A4 printer it says so; with one, the job arrives as A4.
    let out = shipdesk(data, &["picklist", "PICK-0001", "PICK-0003"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Nowhere to print the pick list of 2 orders"),
        "{}",
        text(&out.stderr)
    );
    shipdesk(data, &["printers", "--a4", &printer.uri()]);
    let out = shipdesk(data, &["picklist", "PICK-0001", "PICK-0003"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("pick list of 2 orders: 1 page(s)"),
        "{}",
        text(&out.stdout)
    );
    let jobs = files_with(&printer.spool(), "pdf");
    assert_eq!(jobs.len(), 1, "{jobs:?}");
    assert!(pdf_text(&jobs[0]).contains("2 orders 订单 | 1 SKU | 2 pieces 件"));

    // An unknown reference makes nothing.
    let out = shipdesk(
        data,
        &[
            "picklist",
            "NOPE-1",
            "--pdf",
            data.join("x.pdf").to_str().unwrap_or_default(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("No queued order or shipment NOPE-1"));
    assert!(!data.join("x.pdf").exists());
}
