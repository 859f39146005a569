//! Printing from the window on a real IPP label printer (ippeveprinter, cups-ipp-utils):
//! auto-print of a new label and a reprint, History's ticked shipments as one job, and a printer
//! profile set up in the window (raster dots, checked with poppler's pdfimages).

use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use shipdesk::engine::{Engine, EngineConfig, Ship};
use shipdesk::secrets::Keychain;

use crate::common;
use crate::harness::{
    add_account_in_window, all_shipments, builtin_sandbox_url, fill_order_by_keyboard, harness,
    settle, wait_for,
};

#[test]
fn auto_print_sends_a_new_label_to_the_desk_printer_once_and_print_reprints() {
    let printer = common::printer::LabelPrinter::start();
    let dir = tempfile::tempdir().expect("tmp");
    // A returning user: the desk printer is set and the last account used was "WP Auto".
    let remembered = serde_json::json!({
        "last_account": "WP Auto",
        "printer": { "uri": printer.uri(), "media": "na_index-4x6_4x6in" }
    });
    std::fs::write(dir.path().join("window.json"), remembered.to_string()).expect("window.json");
    let mut harness = harness(dir.path());
    let base_url = builtin_sandbox_url(&harness);
    // Add the account with auto-print on, through the Accounts screen.
    add_account_in_window(
        &mut harness,
        "WP Auto",
        &base_url,
        shipdesk::sandbox::DEMO_SECRET_KEY,
        true,
    );

    harness.get_by_label("Ship").click_accesskit();
    settle(&mut harness);
    fill_order_by_keyboard(&mut harness, false);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    wait_for(&mut harness, "the automatic print", |h| {
        h.query_by_label_contains("printed (job").is_some()
    });
    let spool = printer.spool();
    assert_eq!(
        common::printer::files_with(&spool, "pdf").len(),
        1,
        "printed once, automatically"
    );
    let record = all_shipments(&harness).remove(0);
    assert_eq!(record.print_count, 1);
    assert_eq!(record.state, shipdesk::model::ShipmentState::Printed);

    // A reprint is the packer's choice, from the result panel.
    harness
        .get_by_label("Print label  (Ctrl+P)")
        .click_accesskit();
    wait_for(&mut harness, "the reprint", |h| {
        h.query_by_label_contains("2x").is_some()
    });
    assert_eq!(common::printer::files_with(&spool, "pdf").len(), 2);
}

#[test]
fn history_prints_ticked_shipments_as_one_job_and_shows_how_often_each_was_printed() {
    let printer = common::printer::LabelPrinter::start();
    let dir = tempfile::tempdir().expect("tmp");
    // Two shipments bought earlier, and the desk printer set (printers.json, as the window saves it).
    {
        let engine = Engine::start(
            EngineConfig {
                data_dir: dir.path().to_owned(),
            },
            Keychain::in_memory(),
        )
        .expect("engine");
        for reference in ["TICK-1", "TICK-2"] {
            let mut order = common::example_order("order-seed000.json");
            order.reference = reference.to_owned();
            engine
                .call(Ship::new(order, shipdesk::engine::SANDBOX_ACCOUNT))
                .expect("shipped");
        }
    }
    let printers = serde_json::json!({ "desk": printer.uri() });
    std::fs::write(dir.path().join("printers.json"), printers.to_string()).expect("printers.json");
    let mut harness = harness(dir.path());
    harness.get_by_label("History  (Ctrl+F)").click();
    wait_for(&mut harness, "both shipments listed", |h| {
        h.query_by_label("Select TICK-2").is_some() && h.query_by_label("Select TICK-1").is_some()
    });
    harness.get_by_label("Select TICK-1").click_accesskit();
    harness.step();
    harness.get_by_label("Select TICK-2").click_accesskit();
    settle(&mut harness);
    harness.get_by_label("2 selected");
    harness
        .get_by_label("Print 2 labels as one job")
        .click_accesskit();
    wait_for(&mut harness, "the job", |h| {
        h.query_by_label_contains("TICK-2: printed (job").is_some()
    });
    // One job, two 4x6 pages.
    let received = common::printer::files_with(&printer.spool(), "pdf");
    assert_eq!(received.len(), 1, "{received:?}");
    let info = std::process::Command::new("pdfinfo")
        .arg(&received[0])
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.lines()
            .any(|l| l.split_whitespace().eq(["Pages:", "2"])),
        "{info}"
    );

    // The table's "Printed" column and the detail pane say how often.
    wait_for(&mut harness, "the print count in the table", |h| {
        h.query_all_by_label("1").count() >= 2
    });
    harness.get_by_label("TICK-1").click();
    settle(&mut harness);
    harness.get_by_label("once");
}

#[test]
fn a_printer_set_up_in_the_window_prints_with_its_profile() {
    let printer = common::printer::LabelPrinter::start();
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    harness.get_by_label("Accounts").click_accesskit();
    settle(&mut harness);
    harness.get_by_label("Printer address").focus();
    harness.step();
    harness.event(egui::Event::Text(printer.uri()));
    harness.step();
    harness
        .get_by_label("Raster (dots made here)")
        .click_accesskit();
    settle(&mut harness);
    // Saved for the window, the command line and auto-print alike.
    let saved = dir.path().join(shipdesk::print::profile::FILE);
    let deadline = Instant::now() + Duration::from_secs(5);
    while !std::fs::read_to_string(&saved).is_ok_and(|t| t.contains("raster")) {
        assert!(Instant::now() < deadline, "printers.json not saved");
        std::thread::sleep(Duration::from_millis(20));
    }

    harness.get_by_label("Ship").click_accesskit();
    settle(&mut harness);
    fill_order_by_keyboard(&mut harness, false);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    wait_for(&mut harness, "the label", |h| {
        h.query_by_label("Print label  (Ctrl+P)").is_some()
    });
    harness
        .get_by_label("Print label  (Ctrl+P)")
        .click_accesskit();
    wait_for(&mut harness, "the print", |h| {
        h.query_by_label_contains("printed (job").is_some()
    });
    // What arrived is the raster the profile asked for: 812 x 1218 one-bit dots.
    let pdfs = common::printer::files_with(&printer.spool(), "pdf");
    assert_eq!(pdfs.len(), 1);
    let images = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&pdfs[0])
        .output()
        .expect("pdfimages");
    let images = String::from_utf8_lossy(&images.stdout);
    assert!(
        images.lines().nth(2).is_some_and(|row| {
            let cells: Vec<&str> = row.split_whitespace().collect();
            cells.get(3..8) == Some(&["812", "1218", "gray", "1", "1"][..])
        }),
        "{images}"
    );
}

#[test]
fn print_test_label_sends_a_4x6_page_whose_barcode_scans_to_the_desk_printer() {
    let printer = common::printer::LabelPrinter::start();
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    harness.get_by_label("Accounts").click_accesskit();
    settle(&mut harness);
    harness.get_by_label("Printer address").focus();
    harness.step();
    harness.event(egui::Event::Text(printer.uri()));
    harness.step();
    harness.get_by_label("Print test label").click_accesskit();
    wait_for(&mut harness, "the test print", |h| {
        h.query_by_label_contains("Test label: printed (job")
            .is_some()
    });
    let pdfs = common::printer::files_with(&printer.spool(), "pdf");
    assert_eq!(pdfs.len(), 1, "one page, one job");
    assert!(
        common::fixtures::barcodes_in(&pdfs[0]).contains("CODE-128:SHIPDESK-TEST"),
        "the test label's barcode scans"
    );
    // Nothing was recorded: a test label is no shipment.
    assert!(
        harness
            .state()
            .engine()
            .with_store(|s| s.search(&shipdesk::store::HistoryQuery::default()))
            .expect("store")
            .is_empty()
    );
}
