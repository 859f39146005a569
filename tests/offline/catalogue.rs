//! The product catalogue on a real SQLite file: an ERP's product export (XLSX written by
//! rust_xlsxwriter, English headers) imported with each bad row refused at its cell, then a
//! Shopify export whose SKUs the catalogue knows queued with the catalogue's declarations (a
//! shop's listing title is not what customs is told), and a vague name refused before any
//! forwarder sees it.

use shipdesk::catalogue::Product;
use shipdesk::engine::{
    FindProducts, ImportCatalogue, ImportOrders, SANDBOX_ACCOUNT, SaveProducts,
};
use shipdesk::queue::OnDuplicate;
use shipdesk::secrets::Keychain;
use shipdesk::store::ProductWrite;

use crate::common;
use crate::queue_import::{SHOPIFY_HEADER, desk_constants};

/// A product export as an ERP writes it: numbers as numbers, one row with a vague name and one
/// with a Chinese English name.
fn products_xlsx(path: &std::path::Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "SKU",
        "English name",
        "Chinese name",
        "HS code",
        "Declared value",
        "Currency",
        "Country of origin",
        "Weight (kg)",
        "Bin",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    let rows: [(&str, &str, &str, f64, f64, &str); 4] = [
        ("TSH-001", "Cotton T-shirt", "纯棉T恤", 4.5, 0.18, "A-10-1"),
        ("MUG-02", "Ceramic mug", "陶瓷杯", 3.0, 0.35, "A-2-5"),
        ("GIFT-9", "Gift", "礼品", 9.0, 0.2, "C-1"),
        ("CASE-7", "手机壳 phone case", "手机壳", 2.0, 0.05, "B-3"),
    ];
    for (r, (sku, en, zh, value, kg, bin)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *sku).expect("cell");
        sheet.write_string(r, 1, *en).expect("cell");
        sheet.write_string(r, 2, *zh).expect("cell");
        sheet.write_string(r, 3, "6109100010").expect("cell");
        sheet.write_number(r, 4, *value).expect("cell");
        sheet.write_string(r, 5, "USD").expect("cell");
        sheet.write_string(r, 6, "CN").expect("cell");
        sheet.write_number(r, 7, *kg).expect("cell");
        sheet.write_string(r, 8, *bin).expect("cell");
    }
    book.save(path).expect("save xlsx");
}

#[test]
fn a_catalogue_workbook_is_imported_with_each_bad_row_refused_at_its_cell() {
    let (engine, dir) = common::engine(Keychain::in_memory());
    let path = dir.path().join("商品资料.xlsx");
    products_xlsx(&path);

    let dry = engine
        .call(ImportCatalogue {
            path: path.clone(),
            dry_run: true,
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((dry.saved(), dry.refused()), (2, 2));
    let none = engine.call(FindProducts {
        limit: 10,
        ..FindProducts::default()
    });
    assert_eq!(
        none.products.expect("reads").len(),
        0,
        "a dry run saves nothing"
    );

    let report = engine
        .call(ImportCatalogue {
            path: path.clone(),
            dry_run: false,
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let writes: Vec<(&str, ProductWrite, usize)> = report
        .rows
        .iter()
        .map(|(row, write)| (row.product.sku.as_str(), *write, row.problems.len()))
        .collect();
    assert_eq!(
        writes,
        [
            ("TSH-001", ProductWrite::Added, 0),
            ("MUG-02", ProductWrite::Added, 0),
            ("GIFT-9", ProductWrite::NotSaved, 2),
            ("CASE-7", ProductWrite::NotSaved, 1),
        ]
    );
    let vague = report.rows[2].0.problems[0].to_string();
    assert!(
        vague.starts_with("row 4, column B (English name), name_en: \"Gift\" is too vague"),
        "{vague}"
    );
    assert!(vague.contains("模糊报关"), "{vague}");
    let odd = report.rows[3].0.problems[0].to_string();
    assert!(
        odd.contains("column B (English name)") && odd.contains("not English"),
        "{odd}"
    );
    // Numbers typed as numbers read as the shop typed them.
    let found = engine.call(FindProducts {
        skus: vec!["tsh-001".to_owned()],
        limit: 1,
        ..FindProducts::default()
    });
    let tee = &found.products.expect("reads")[0];
    assert_eq!(
        (
            tee.unit_value.as_str(),
            tee.unit_weight_kg.as_str(),
            tee.bin_location.as_str()
        ),
        ("4.5", "0.18", "A-10-1")
    );

    // Saving again updates; a typed entry with a problem is refused whole, in words.
    let again = engine
        .call(ImportCatalogue {
            path,
            dry_run: false,
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.rows[0].1, ProductWrite::Updated);
    let refused = engine
        .call(SaveProducts(vec![Product {
            sku: "PARTS-1".to_owned(),
            name_en: "parts".to_owned(),
            ..Product::default()
        }]))
        .expect_err("a vague name is refused");
    assert!(
        refused
            .en
            .starts_with("PARTS-1 was not saved to the catalogue: \"parts\" is too vague"),
        "{}",
        refused.en
    );
}

#[test]
fn imported_items_with_a_known_sku_are_declared_as_the_catalogue_says() {
    let (engine, dir) = common::engine(Keychain::in_memory());
    let catalogue = dir.path().join("products.xlsx");
    products_xlsx(&catalogue);
    engine
        .call(ImportCatalogue {
            path: catalogue,
            dry_run: false,
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let orders = [
        SHOPIFY_HEADER,
        "#2001,a@example.com,paid,USD,2,Summer Tee - Black / M,19.99,tsh-001,Ann Lee,1215 Polk St,,,Hollywood,90048,FL,US,13122223333,",
        "#2001,,,USD,1,Mug of the Month,12.00,MUG-02,,,,,,,,,,",
        "#2002,b@example.com,paid,USD,1,Gift,9.00,NEW-1,Rapunzel,1 Tower Rd,,,Corona,92879,CA,US,13122223334,",
    ]
    .join("\n");
    let path = dir.path().join("orders_export.csv");
    std::fs::write(&path, orders).expect("write");
    let report = engine
        .call(ImportOrders {
            on_duplicate: OnDuplicate::Skip,
            account: Some(SANDBOX_ACCOUNT.to_owned()),
            constants: desk_constants(),
            ..ImportOrders::file(&path)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let first = &report.orders[0];
    assert_eq!(first.from_catalogue, 2);
    assert!(first.problems.is_empty(), "{:?}", first.problems);
    let form = engine
        .with_store(|s| s.queued_order("2001"))
        .ok()
        .flatten()
        .expect("queued 2001")
        .form;
    let items: Vec<(&str, &str, &str, &str, &str)> = form
        .items
        .iter()
        .map(|i| {
            (
                i.name_en.as_str(),
                i.name_zh.as_str(),
                i.quantity.as_str(),
                i.unit_value.as_str(),
                i.hs_code.as_str(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            ("Cotton T-shirt", "纯棉T恤", "2", "4.5", "6109100010"),
            ("Ceramic mug", "陶瓷杯", "1", "3", "6109100010"),
        ]
    );
    // An unknown SKU keeps the file's words, and a vague one is a problem at its cell.
    let second = &report.orders[1];
    assert_eq!(second.from_catalogue, 0);
    let problems: Vec<String> = second.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(
            "row 4, column F (Lineitem name), items[0].name_en: \"Gift\" is too vague"
        ),
        "{problems:?}"
    );
}

#[test]
fn the_command_sheet_holds_a_barcode_for_every_command_and_box_and_each_scans_back_to_it() {
    use shipdesk::desk::commands::DeskCommand;
    use shipdesk::engine::{CommandSheet, EditPresets, PresetEdit};
    use shipdesk::model::ParcelPreset;

    let (engine, dir) = common::engine(Keychain::in_memory());
    for name in ["Carton 3", "小号纸箱"] {
        let mut preset = ParcelPreset::built_in(name, [40, 30, 30]);
        preset.name = name.to_owned();
        engine
            .call(EditPresets(PresetEdit::SaveParcel(preset)))
            .expect("saved");
    }
    let pdf = dir.path().join("commands.pdf");
    let made = engine
        .call(CommandSheet {
            path: Some(pdf.clone()),
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(made.is_none(), "written, not printed");
    assert_eq!(
        common::pdf::page_size_and_count(&pdf),
        ("595.28 x 841.89 pts (A4)".to_owned(), 1)
    );
    let mut scanned = common::pdf::barcodes(&pdf);
    scanned.sort();
    let mut expected: Vec<String> = [
        "BUY",
        "NEXT",
        "REPRINT",
        "WEIGH",
        "CANCEL",
        "BOX-S",
        "BOX-M",
        "BOX-L",
        "BOX-#2",
        "BOX-Carton 3",
    ]
    .iter()
    .map(|c| format!("SHIPDESK-{c}"))
    .collect();
    expected.sort();
    assert_eq!(scanned, expected);
    for code in &scanned {
        assert!(DeskCommand::parse(code).is_some(), "{code}");
    }
    let said = common::pdf::pdf_text(&pdf);
    for words in [
        "Buy and print",
        "购买并打印",
        "Box M (30 x 25 x 20 cm)",
        "小号纸箱",
        "重打上一张面单",
    ] {
        assert!(said.contains(words), "{words:?} missing from:\n{said}");
    }
}
