//! Printing for real: a 4x6 IPP Everywhere label printer (`ippeveprinter`, Debian package
//! cups-ipp-utils) started by the test, exactly as test-infra.md describes, receives the label.

use crate::common;

use std::io::Write as _;
use std::process::Command;
use std::time::Duration;

use crate::common::printer::{LabelPrinter, files_with, submit};

use shipdesk::engine::Ship;
use shipdesk::labels::MEDIA_4X6;
use shipdesk::sandbox::label_pdf::LabelContent;

/// The sandbox's label these tests print.
fn label() -> Vec<u8> {
    common::label::pdf(&LabelContent {
        reference: "PRINT-1".to_owned(),
        ..common::label::content("SBX5550001234")
    })
}

#[test]
fn a_4x6_label_prints_on_an_ipp_label_printer_at_full_size_on_4x6_media() {
    let printer = LabelPrinter::start();
    let job = submit(
        &printer.uri(),
        label(),
        "PRINT-1",
        MEDIA_4X6,
        Duration::from_secs(20),
    )
    .expect("printed");
    assert!(job.job_id > 0);
    writeln!(
        std::io::stderr(),
        "print submit to completed: {} ms",
        job.took.as_millis()
    )
    .ok();

    // What the printer received: the PDF itself, 288 x 432 pt, on 4x6 media.
    let pdfs = files_with(&printer.spool(), "pdf");
    assert_eq!(pdfs.len(), 1, "{pdfs:?}");
    let info = Command::new("pdfinfo")
        .arg(&pdfs[0])
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Page size:       288 x 432 pts"), "{info}");
    let envs = files_with(&printer.spool(), "env");
    let attributes = std::fs::read_to_string(envs.first().expect("job attributes")).expect("env");
    assert!(
        attributes.contains("IPP_MEDIA=na_index-4x6_4x6in"),
        "{attributes}"
    );
}

#[test]
fn an_unreachable_printer_says_so_plainly() {
    // Handed to no printer of this process, so none can start there meanwhile.
    let port = common::ports::free_port();
    let error = submit(
        &format!("ipp://127.0.0.1:{port}/ipp/print"),
        label(),
        "PRINT-2",
        MEDIA_4X6,
        Duration::from_secs(5),
    )
    .expect_err("nobody there");
    assert!(
        error.describe().en.contains("does not answer"),
        "{:?}",
        error.describe()
    );
    assert!(error.describe().zh.contains("打印机无响应"));
}

#[test]
fn shipdesk_print_prints_stored_labels_counts_them_and_never_asks_the_forwarder() {
    let printer = LabelPrinter::start();
    let data = tempfile::tempdir().expect("tmp");
    let shipdesk = |args: &[&str]| common::run_shipdesk(data.path(), args);
    let order = common::seed_order_path();
    assert!(
        shipdesk(&["ship", &order, "--account", "Sandbox"])
            .status
            .success()
    );
    // The sandbox that sold the label is gone with that process: a reprint must not need it.
    for expected in ["printed 1 time(s)", "printed 2 time(s)"] {
        let out = shipdesk(&["print", "lf-test-251205-003", "--printer", &printer.uri()]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains(expected), "{stdout}");
    }
    assert_eq!(files_with(&printer.spool(), "pdf").len(), 2);
    let history = shipdesk(&["history", "--json"]);
    let records: serde_json::Value = serde_json::from_slice(&history.stdout).expect("json");
    assert_eq!(records[0]["state"], "printed");
    assert_eq!(records[0]["print_count"], 2);
    // Unknown reference: exit 1 with a plain message.
    let out = shipdesk(&["print", "NOPE", "--printer", &printer.uri()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No shipment NOPE"));
}

#[test]
fn a_label_that_arrives_later_by_polling_is_auto_printed_once_and_the_window_hears_of_it() {
    use shipdesk::engine::Event;
    use shipdesk::model::ShipmentState;

    let printer = LabelPrinter::start();
    let (_runtime, sandbox) = common::sandbox_on_own_runtime();
    // ECCANG answers "number later": the number, then the label, come by polling.
    sandbox.set_eccang_number_after_polls(1);
    let dir = tempfile::tempdir().expect("tmp");
    let printers = serde_json::json!({ "desk": printer.uri() });
    std::fs::write(dir.path().join("printers.json"), printers.to_string()).expect("printers.json");
    let keychain = shipdesk::secrets::Keychain::in_memory();
    let mut engine = common::engine_in(dir.path(), &keychain, Duration::from_millis(50));
    let events = engine.take_events().expect("events");
    common::forwarders::add_eccang_account(&engine, &keychain, "EC Auto", &sandbox.base_url());
    common::edit_account(&engine, "EC Auto", |account| {
        account.settings.auto_print = true;
    });
    let order = common::forwarders::eccang_order("POLL-PRINT-1");
    let report = engine.call(Ship::new(order, "EC Auto")).expect("sent");
    assert_eq!(report.state, ShipmentState::AwaitingNumber);

    common::wait_for_state(&engine, "POLL-PRINT-1", ShipmentState::Printed);
    // The window also hears each state the poller settles; the print comes among them.
    let printed = loop {
        match events
            .recv_timeout(Duration::from_secs(10))
            .expect("the window hears of the print")
        {
            Event::Printed(reports) => break reports,
            Event::ShipmentChanged(report) => assert_eq!(report.reference, "POLL-PRINT-1"),
            // The desk scale's news (here: no scale plugged in) comes on the same stream.
            Event::Scale(_) => {}
            other => panic!("unexpected event {other:?}"),
        }
    };
    assert_eq!(printed.len(), 1);
    assert_eq!(printed[0].reference, "POLL-PRINT-1");
    assert!(printed[0].result.is_ok(), "{:?}", printed[0].result);
    // Polling has ended and nothing prints it again.
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(files_with(&printer.spool(), "pdf").len(), 1);
    assert_eq!(common::record(&engine, "POLL-PRINT-1").print_count, 1);
}

#[test]
fn a_job_the_printer_rejects_says_why_in_both_languages() {
    let printer = LabelPrinter::start();
    // The printer is loaded with 4x6 labels only; 10x10 cm is not among its media.
    let error = submit(
        &printer.uri(),
        label(),
        "PRINT-3",
        "om_100x100mm_100x100mm",
        Duration::from_secs(10),
    )
    .expect_err("rejected");
    // Plain words first, then the printer's own (what a technician searches for).
    let words = error.describe();
    assert!(
        words
            .en
            .starts_with("the printer refused the job: it does not take this label size"),
        "{words:?}"
    );
    assert!(words.en.contains("Unsupported media"), "{words:?}");
    assert!(
        words
            .zh
            .starts_with("打印机拒绝了该任务：打印机不支持该面单尺寸"),
        "{words:?}"
    );
    assert!(files_with(&printer.spool(), "pdf").is_empty());
}

#[test]
fn a_raster_profile_sends_the_label_as_black_and_white_dots_at_the_printers_dpi() {
    let printer = LabelPrinter::start();
    let data = tempfile::tempdir().expect("tmp");
    // The printer's profile, as the window saves it: raster at 203 dpi.
    let printers = serde_json::json!({
        "profiles": [{ "printer": printer.uri(), "dpi": 203, "send_as": "raster" }]
    });
    std::fs::write(data.path().join("printers.json"), printers.to_string()).expect("printers.json");
    let shipdesk = |args: &[&str]| common::run_shipdesk(data.path(), args);
    let order = common::seed_order_path();
    assert!(
        shipdesk(&["ship", &order, "--account", "Sandbox"])
            .status
            .success()
    );
    let out = shipdesk(&["print", "lf-test-251205-003", "--printer", &printer.uri()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // What arrived: one 4x6 page holding one 812 x 1218 image of 1-bit dots.
    let pdfs = files_with(&printer.spool(), "pdf");
    let images = Command::new("pdfimages")
        .arg("-list")
        .arg(&pdfs[0])
        .output()
        .expect("pdfimages");
    let images = String::from_utf8_lossy(&images.stdout);
    let row: Vec<&str> = images
        .lines()
        .nth(2)
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    // page num type width height color comp bpc
    assert_eq!(
        row.get(3..8),
        Some(&["812", "1218", "gray", "1", "1"][..]),
        "{images}"
    );
    let info = Command::new("pdfinfo")
        .arg(&pdfs[0])
        .output()
        .expect("pdfinfo");
    assert!(String::from_utf8_lossy(&info.stdout).contains("288 x 432 pts"));
    // The barcode still reads, from those dots.
    assert!(common::fixtures::barcodes_in(&pdfs[0]).contains("CODE-128:"));
}

#[test]
fn a_printer_out_of_labels_says_so_in_both_languages() {
    let printer = LabelPrinter::out_of_labels();
    let error = submit(
        &printer.uri(),
        label(),
        "PRINT-EMPTY",
        MEDIA_4X6,
        Duration::from_secs(20),
    )
    .expect_err("the job stops");
    let words = error.describe();
    writeln!(std::io::stderr(), "{} / {}", words.en, words.zh).ok();
    assert!(words.en.contains("out of labels"), "{}", words.en);
    assert!(
        words.zh.contains("面单纸") || words.zh.contains("缺纸"),
        "{}",
        words.zh
    );
    // The printer's own words follow, for whoever fixes it.
    assert!(words.en.contains("media-empty"), "{}", words.en);
}
