//! Printing for real: a 4x6 IPP Everywhere label printer (`ippeveprinter`, Debian package
//! cups-ipp-utils) started by the test, exactly as test-infra.md describes, receives the label.

mod common;

use std::io::Write as _;
use std::process::Command;
use std::time::Duration;

use common::printer::{LabelPrinter, files_with};

use shipdesk::print::{MEDIA_4X6, PrintRequest, print_pdf};
use shipdesk::sandbox::label_pdf::{LabelContent, render_label_pdf};

fn label() -> Vec<u8> {
    render_label_pdf(&LabelContent {
        tracking_number: "SBX5550001234".to_owned(),
        reference: "PRINT-1".to_owned(),
        ..LabelContent::default()
    })
    .expect("label")
}

#[test]
fn a_4x6_label_prints_on_an_ipp_label_printer_at_full_size_on_4x6_media() {
    let printer = LabelPrinter::start();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let job = runtime
        .block_on(print_pdf(
            PrintRequest {
                printer_uri: printer.uri(),
                document: label(),
                job_name: "PRINT-1".to_owned(),
                media: MEDIA_4X6.to_owned(),
            },
            Duration::from_secs(20),
        ))
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
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let error = runtime
        .block_on(print_pdf(
            PrintRequest {
                printer_uri: format!("ipp://127.0.0.1:{port}/ipp/print"),
                document: label(),
                job_name: "PRINT-2".to_owned(),
                media: MEDIA_4X6.to_owned(),
            },
            Duration::from_secs(5),
        ))
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
    let shipdesk = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_shipdesk"))
            .arg("--data-dir")
            .arg(data.path())
            .args(args)
            .output()
            .expect("run shipdesk")
    };
    let order = format!(
        "{}/assets/examples/order-seed000.json",
        env!("CARGO_MANIFEST_DIR")
    );
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
