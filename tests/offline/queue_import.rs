//! Importing the order files shops really have into the queue, on a real SQLite file: Shopify's
//! CSV in UTF-8 (with a byte-order mark) and in GBK as Chinese Excel saves it, an Excel workbook
//! written by rust_xlsxwriter, duplicates by the policy chosen, and malformed files refused
//! with a clear message and nothing queued.

use std::collections::BTreeMap;

use shipdesk::engine::{
    Engine, FindQueued, ImportOrders, ImportReport, ListQueue, SANDBOX_ACCOUNT,
};
use shipdesk::queue::OnDuplicate;
use shipdesk::secrets::Keychain;
use shipdesk::store::{QueueFilter, QueueRow, QueueWrite};

use crate::common;

pub(crate) const SHOPIFY_HEADER: &str = "Name,Email,Financial Status,Currency,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Shipping Name,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes";

/// Three orders as Shopify exports them: #1001 has two line items (two rows), #1003's postcode
/// is wrong.
fn shopify_csv() -> String {
    [
        SHOPIFY_HEADER,
        "#1001,a@example.com,paid,USD,1,Car audio cable,12.50,audi0001,张伟,1215 Polk St,,,Hollywood,90048,FL,US,13122223333,",
        "#1001,,,USD,2,Phone case,3.00,case01,,,,,,,,,,",
        "",
        "#1002,b@example.com,paid,USD,1,Lamp,20.00,lamp1,Rapunzel,1 Tower Rd,,,Corona,92879,CA,US,13122223334,fragile",
        "#1003,c@example.com,paid,USD,1,Mug,5.00,mug1,Eugene,2 Bridge Rd,,,Corona,ABCDE,CA,US,13122223335,",
    ]
    .join("\r\n")
}

/// What the desk sets for every order of a file that has no sender and no box: seed 000's
/// sender and a box with its weight.
pub(crate) fn desk_constants() -> BTreeMap<String, String> {
    let sender = common::seed_order().sender;
    [
        ("sender.name", sender.name),
        ("sender.phone", sender.phone),
        ("sender.country_code", sender.country_code),
        ("sender.state", sender.state),
        ("sender.city", sender.city),
        ("sender.postcode", sender.postcode),
        ("sender.street1", sender.street1),
        ("parcel.length", "30".to_owned()),
        ("parcel.width", "20".to_owned()),
        ("parcel.height", "10".to_owned()),
        ("parcel.weight", "0.5".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

fn import(engine: &Engine, path: &std::path::Path, on_duplicate: OnDuplicate) -> ImportReport {
    try_import(engine, path, on_duplicate).unwrap_or_else(|e| panic!("{e}"))
}

fn try_import(
    engine: &Engine,
    path: &std::path::Path,
    on_duplicate: OnDuplicate,
) -> Result<ImportReport, shipdesk::model::Text> {
    engine.call(ImportOrders {
        on_duplicate,
        account: Some(SANDBOX_ACCOUNT.to_owned()),
        constants: desk_constants(),
        ..ImportOrders::file(path)
    })
}

fn queue(engine: &Engine) -> Vec<QueueRow> {
    engine
        .call(ListQueue(QueueFilter::All))
        .unwrap_or_else(|e| panic!("{e}"))
        .rows
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write file");
    path
}

/// The Shopify file's orders, whatever encoding it came in: rows grouped, the bad postcode at
/// its row and column in both languages, the bad order queued with it, never dropped.
fn assert_shopify_imported(engine: &Engine, report: &ImportReport) {
    let by_ref: Vec<(&str, &[usize], usize)> = report
        .orders
        .iter()
        .map(|o| (o.reference(), o.lines.as_slice(), o.problems.len()))
        .collect();
    assert_eq!(
        by_ref,
        [
            ("1001", &[2, 3][..], 0),
            ("1002", &[5][..], 0),
            ("1003", &[6][..], 1)
        ],
        "{report:#?}"
    );
    assert_eq!(report.profile, "shopify", "recognised by its columns");
    let problem = &report.orders[2].problems[0];
    assert_eq!(problem.field, "recipient.postcode");
    assert_eq!(problem.line, Some(6));
    assert_eq!(problem.column.as_deref(), Some("N (Shipping Zip)"));
    assert!(problem.message.en.contains("\"ABCDE\""), "{problem}");
    assert!(problem.message.zh.contains("邮编"), "{problem}");

    let rows = queue(engine);
    assert_eq!(rows.len(), 3, "the order with a problem is queued too");
    let first = &rows[0];
    assert_eq!(first.recipient_name, "张伟");
    assert_eq!(first.order_number, "#1001");
    assert_eq!(first.account, SANDBOX_ACCOUNT);
    assert_eq!((first.parcels, first.weight_kg.as_str()), (1, "0.5"));
    assert!(first.is_ready());
    assert!(!rows[2].is_ready());
    assert_eq!(rows[2].issue_count, 1);
    let form = engine
        .with_store(|s| s.queued_order("1001"))
        .ok()
        .flatten()
        .expect("queued 1001")
        .form;
    let items: Vec<(&str, &str)> = form
        .items
        .iter()
        .map(|i| (i.name_en.as_str(), i.quantity.as_str()))
        .collect();
    assert_eq!(items, [("Car audio cable", "1"), ("Phone case", "2")]);
}

#[test]
fn a_shopify_export_in_utf8_with_a_bom_is_queued_with_each_problem_at_its_cell() {
    let (engine, dir) = common::engine(Keychain::in_memory());
    let bytes = [b"\xEF\xBB\xBF".as_slice(), shopify_csv().as_bytes()].concat();
    let path = write(dir.path(), "orders_export.csv", &bytes);
    let report = import(&engine, &path, OnDuplicate::Skip);
    assert_eq!(report.format, "CSV (UTF-8, comma)");
    assert_shopify_imported(&engine, &report);
}

#[test]
fn a_shopify_export_saved_by_chinese_excel_in_gbk_reads_the_same() {
    let (engine, dir) = common::engine(Keychain::in_memory());
    let text = shopify_csv();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err(), "really not UTF-8");
    let path = write(dir.path(), "订单.csv", &gbk);
    let report = import(&engine, &path, OnDuplicate::Skip);
    assert_eq!(report.format, "CSV (GB18030/GBK, comma)");
    assert_shopify_imported(&engine, &report);
}

#[test]
fn duplicates_follow_the_choice_made_at_import_and_are_never_queued_twice() {
    let (engine, dir) = common::engine(Keychain::in_memory());
    let path = write(dir.path(), "orders.csv", shopify_csv().as_bytes());
    import(&engine, &path, OnDuplicate::Skip);

    let again = import(&engine, &path, OnDuplicate::Skip);
    assert_eq!(again.skipped(), 3);
    assert!(again.orders.iter().all(|o| matches!(
        &o.write,
        QueueWrite::Skipped { why, .. } if why.en == "already in the queue"
    )));
    assert_eq!(queue(&engine).len(), 3);

    // Update: the queued order takes the file's new text.
    let fixed = shopify_csv().replace("ABCDE", "92879");
    let fixed_path = write(dir.path(), "fixed.csv", fixed.as_bytes());
    let updated = import(&engine, &fixed_path, OnDuplicate::Update);
    assert!(
        updated
            .orders
            .iter()
            .all(|o| matches!(o.write, QueueWrite::Updated(_)))
    );
    let rows = queue(&engine);
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(QueueRow::is_ready), "{rows:#?}");

    // New: each under a fresh reference.
    let renamed = import(&engine, &path, OnDuplicate::New);
    let tos: Vec<&str> = renamed.orders.iter().map(|o| o.reference()).collect();
    assert_eq!(tos, ["1001-2", "1002-2", "1003-2"]);
    assert_eq!(queue(&engine).len(), 6);

    // A dry run says what would happen and keeps nothing.
    let dry = engine
        .call(ImportOrders {
            dry_run: true,
            on_duplicate: OnDuplicate::New,
            ..ImportOrders::file(&path)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dry.orders[0].reference(), "1001-3");
    assert_eq!(queue(&engine).len(), 6);
}

#[test]
fn an_excel_workbook_is_read_as_shown_and_a_formula_cell_is_refused_at_its_cell() {
    let (engine, dir) = common::engine(Keychain::in_memory());
    let path = dir.path().join("amazon.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "order-id",
        "recipient-name",
        "ship-address-1",
        "ship-city",
        "ship-state",
        "ship-postal-code",
        "ship-country",
        "ship-phone-number",
        "product-name",
        "quantity-to-ship",
        "item-price",
        "currency",
        "sku",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    let rows: [(&str, &str, f64, f64); 3] = [
        ("114-1", "Flynn", 90048.0, 12.5),
        ("114-2", "李娜", 92879.0, 3.25),
        ("114-3", "Eugene", 92879.0, 7.0),
    ];
    for (r, (id, name, zip, price)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *id).expect("cell");
        sheet.write_string(r, 1, *name).expect("cell");
        sheet.write_string(r, 2, "1215 Polk St").expect("cell");
        sheet.write_string(r, 3, "Hollywood").expect("cell");
        sheet.write_string(r, 4, "FL").expect("cell");
        // Excel keeps a typed postcode as a number: it must read as 90048, not 90048.0.
        sheet.write_number(r, 5, *zip).expect("cell");
        sheet.write_string(r, 6, "US").expect("cell");
        sheet.write_number(r, 7, 13122223333.0).expect("cell");
        sheet.write_string(r, 8, "Lamp").expect("cell");
        sheet.write_number(r, 9, 1.0).expect("cell");
        sheet.write_number(r, 10, *price).expect("cell");
        sheet.write_string(r, 11, "USD").expect("cell");
        sheet.write_string(r, 12, "lamp1").expect("cell");
    }
    // A price worked out by a formula: its saved result is not trusted.
    sheet
        .write_formula(
            3,
            10,
            rust_xlsxwriter::Formula::new("=K2*2").set_result("25"),
        )
        .expect("formula");
    book.save(&path).expect("save xlsx");

    let report = import(&engine, &path, OnDuplicate::Skip);
    assert!(
        report.format.starts_with("Excel workbook"),
        "{}",
        report.format
    );
    assert_eq!(report.profile, "amazon-unshipped");
    assert_eq!(report.orders.len(), 3);
    assert_eq!(report.ready(), 2, "{report:#?}");
    let problem = report.orders[2]
        .problems
        .iter()
        .find(|p| p.field == "items[0].unit_value" && p.message.en.contains("formula"))
        .unwrap_or_else(|| panic!("{report:#?}"));
    assert_eq!(problem.line, Some(4));
    assert_eq!(problem.column.as_deref(), Some("K (item-price)"));
    assert!(problem.message.zh.contains("公式"));
    let form = engine
        .with_store(|s| s.queued_order("114-2"))
        .ok()
        .flatten()
        .expect("queued")
        .form;
    assert_eq!(form.recipient.postcode, "92879");
    assert_eq!(form.recipient.phone, "13122223333");
    assert_eq!(form.items[0].unit_value, "3.25");
    assert_eq!(form.recipient.name, "李娜");
}

#[test]
fn malformed_files_get_a_clear_message_and_queue_nothing() {
    let (engine, dir) = common::engine(Keychain::in_memory());
    // A real workbook cut short, as a download that did not finish.
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .write_string(0, 0, "order-id")
        .expect("cell");
    let whole = book.save_to_buffer().expect("xlsx");
    let million = {
        let mut text = String::from("reference,recipient.name\n");
        for n in 0..1_000_000 {
            text.push_str(&format!("R{n},x\n"));
        }
        text
    };
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "label.csv",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec(),
            "not a spreadsheet",
            "不是表格",
        ),
        (
            "cut.xlsx",
            whole[..whole.len() / 2].to_vec(),
            "damaged or incomplete",
            "已损坏或不完整",
        ),
        ("empty.csv", b"\r\n\r\n".to_vec(), "empty", "空"),
        ("big.csv", vec![b'a'; 50 * 1024 * 1024], "too large", "过大"),
        (
            "million.csv",
            million.into_bytes(),
            "at most 100000",
            "最多导入 100000",
        ),
        (
            "notes.csv",
            "just some words\nnothing else\n".as_bytes().to_vec(),
            "does not know these columns",
            "无法识别",
        ),
    ];
    for (name, bytes, en, zh) in cases {
        let path = write(dir.path(), name, &bytes);
        let problem = match try_import(&engine, &path, OnDuplicate::Skip) {
            Err(problem) => problem,
            Ok(report) => panic!("{name} was imported: {report:#?}"),
        };
        assert!(problem.en.contains(en), "{name}: {}", problem.en);
        assert!(problem.zh.contains(zh), "{name}: {}", problem.zh);
        assert!(queue(&engine).is_empty(), "{name} queued something");
    }
}

#[test]
fn the_queue_screen_reads_ids_from_the_engine_and_each_page_with_its_first_problem() {
    let (engine, dir) = common::engine(Keychain::in_memory());
    let path = write(dir.path(), "orders_export.csv", shopify_csv().as_bytes());
    import(&engine, &path, OnDuplicate::Skip);
    let found = engine.call(FindQueued {
        filter: QueueFilter::Waiting,
        generation: 7,
    });
    assert_eq!(
        found.generation, 7,
        "echoed, so a replaced answer is ignored"
    );
    let ids = found.ids.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids.len(), 3);
    assert!(found.batches.is_empty());
    // One page, read by id from a read-only connection as the window reads it.
    let reader = shipdesk::store::Store::open_reader(engine.database_path()).expect("reader");
    let mut page = reader.queue_page(&ids[1..]).expect("page");
    page.sort_by_key(|l| l.row.id);
    let numbers: Vec<&str> = page.iter().map(|l| l.row.order_number.as_str()).collect();
    assert_eq!(numbers, ["#1002", "#1003"]);
    assert_eq!(page[0].first_issue, None);
    let problem = page[1].first_issue.as_ref().expect("#1003's postcode");
    assert_eq!(page[1].row.issue_count, 1);
    assert_eq!(problem.field, "recipient.postcode");
    assert_eq!(problem.line, Some(6));
    assert!(reader.queue_page(&[]).expect("empty").is_empty());
}

#[test]
fn a_profiles_country_rules_ready_an_import_without_touching_a_row_and_are_kept_with_it() {
    let (engine, dir) = common::engine(Keychain::in_memory());
    let file = [
        SHOPIFY_HEADER,
        "#3001,a@example.com,paid,USD,1,Car audio cable,12.50,audi0001,Ann Lee,1215 Polk St,,,Hollywood,90048,FL,US,13122223333,",
        "#3002,b@example.com,paid,USD,1,Phone case,3.00,case01,Bruce Ng,1 George St,,,Sydney,2000,NSW,AU,0412345678,",
    ]
    .join("\n");
    let path = write(dir.path(), "orders_export.csv", file.as_bytes());
    // The desk's sender and weight, but no box: the rules give it.
    let mut constants = desk_constants();
    for dimension in ["parcel.length", "parcel.width", "parcel.height"] {
        constants.remove(dimension);
    }
    let rules = [
        "*: account=Nowhere, box=L",
        "US: account=Sandbox, service=WP_GROUND, box=M",
    ]
    .map(|r| shipdesk::queue::CountryRule::parse(r).unwrap_or_else(|e| panic!("{e}")));
    let report = engine
        .call(ImportOrders {
            constants: constants.clone(),
            rules: rules.to_vec(),
            save_profile_as: Some("shop-us".to_owned()),
            ..ImportOrders::file(&path)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let form = |reference: &str| {
        engine
            .with_store(|s| s.queued_order(reference))
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("queued {reference}"))
            .form
    };
    let us = form("3001");
    assert_eq!(
        (us.account.as_str(), us.service_code.as_str()),
        (SANDBOX_ACCOUNT, "WP_GROUND")
    );
    let box_size = |f: &shipdesk::model::TypedOrder| {
        let p = &f.parcels[0];
        format!("{} x {} x {}, {}", p.length, p.width, p.height, p.weight)
    };
    assert_eq!(box_size(&us), "30 x 25 x 20, 0.5");
    assert!(
        report.orders[0].problems.is_empty(),
        "{:?}",
        report.orders[0].problems
    );
    // Any other country: the "*" rule (its account unknown here, so that is its problem).
    let au = form("3002");
    assert_eq!(
        (au.account.as_str(), box_size(&au).as_str()),
        ("Nowhere", "45 x 35 x 30, 0.5")
    );
    assert!(
        report.orders[1]
            .problems
            .iter()
            .any(|p| p.field == "account"),
        "{:?}",
        report.orders[1].problems
    );

    // Kept with the profile: the next file with it needs no rules typed.
    let next = path.with_file_name("next.csv");
    std::fs::write(&next, file.replace("#300", "#400")).expect("write");
    engine
        .call(ImportOrders {
            profile: Some("shop-us".to_owned()),
            constants,
            ..ImportOrders::file(&next)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(box_size(&form("4001")), "30 x 25 x 20, 0.5");
    assert_eq!(form("4001").account, SANDBOX_ACCOUNT);
}

#[test]
fn a_value_given_for_this_import_beats_a_rule_and_a_countrys_new_rule_replaces_its_old_one() {
    let (engine, dir) = common::engine(Keychain::in_memory());
    let file = [
        SHOPIFY_HEADER,
        "#5001,a@example.com,paid,USD,1,Car audio cable,12.50,audi0001,Ann Lee,1215 Polk St,,,Hollywood,90048,FL,US,13122223333,",
    ]
    .join("\n");
    let path = write(dir.path(), "orders_export.csv", file.as_bytes());
    let rule = |r: &str| shipdesk::queue::CountryRule::parse(r).unwrap_or_else(|e| panic!("{e}"));
    let mut constants = desk_constants();
    constants.insert("service_code".to_owned(), "EXPRESS".to_owned());
    engine
        .call(ImportOrders {
            account: Some(SANDBOX_ACCOUNT.to_owned()),
            constants,
            rules: vec![rule("US: service=ECONOMY, box=M")],
            save_profile_as: Some("shop".to_owned()),
            ..ImportOrders::file(&path)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let form = engine
        .with_store(|s| s.queued_order("5001"))
        .ok()
        .flatten()
        .expect("queued")
        .form;
    assert_eq!(form.service_code, "EXPRESS", "--set for this import wins");
    assert_eq!(
        form.parcels[0].length, "30",
        "--set parcel.length wins over the rule's box"
    );

    // The same country's rule again: it replaces the saved one, never piles up.
    engine
        .call(ImportOrders {
            profile: Some("shop".to_owned()),
            rules: vec![rule("US: service=PRIORITY")],
            save_profile_as: Some("shop".to_owned()),
            dry_run: true,
            ..ImportOrders::file(&path)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let saved = engine
        .with_store(|s| s.import_profiles())
        .expect("profiles");
    let rules: Vec<String> = saved
        .iter()
        .find(|p| p.name == "shop")
        .expect("saved")
        .rules
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(rules, ["US: service=PRIORITY"]);
}
