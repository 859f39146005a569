//! Each kind of paper to its printer, for real: labels (and packing slips right after them, in
//! the same job, on the label stock) to an IPP label printer, A4 documents (the handover list,
//! slips several a page) to an A4 printer behind a private CUPS queue. What arrived is checked
//! with poppler and zbar; a document with nowhere to go says so before anything prints.

use crate::common::text;
use std::path::Path;
use std::process::{Command, Output};

use crate::common::cups::PrivateCups;
use crate::common::pdf::{barcodes, page_size_and_count, pdf_text};
use crate::common::printer::{LabelPrinter, files_with};
use crate::packing_slip::ship_with_items;

/// `shipdesk` on `data`, asking `cups` for queues.
fn shipdesk(data: &Path, cups: Option<&PrivateCups>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shipdesk"));
    command.arg("--data-dir").arg(data).args(args);
    if let Some(cups) = cups {
        command.env("CUPS_SERVER", cups.server());
    }
    command.output().expect("run shipdesk")
}

/// The text of page `page` (from 1).
fn page_text(pdf: &Path, page: usize) -> String {
    crate::common::pdf::page_texts(pdf)
        .into_iter()
        .nth(page - 1)
        .unwrap_or_default()
}

fn only_job(printer: &LabelPrinter) -> std::path::PathBuf {
    let received = files_with(&printer.spool(), "pdf");
    assert_eq!(received.len(), 1, "{received:?}");
    received[0].clone()
}

#[test]
fn with_slips_after_labels_each_slip_follows_its_label_in_the_same_job_on_the_label_stock() {
    let printer = LabelPrinter::start();
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path();
    let first = ship_with_items(data, "PAIR-0001", 1);
    let second = ship_with_items(data, "PAIR-0002", 2);
    let set = shipdesk(
        data,
        None,
        &[
            "printers",
            "--label",
            &printer.uri(),
            "--slips",
            "after-label",
        ],
    );
    assert!(
        text(&set.stdout).contains("after-label"),
        "{}",
        text(&set.stdout)
    );

    let out = shipdesk(data, None, &["print", "PAIR-0001", "PAIR-0002"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // One job: label, its slip, label, its slip; every page exactly 4x6.
    let job = only_job(&printer);
    assert_eq!(page_size_and_count(&job), ("288 x 432 pts".to_owned(), 4));
    for (page, tracking) in [(1, &first), (3, &second)] {
        let label = page_text(&job, page);
        assert!(label.contains(tracking.as_str()), "page {page}:\n{label}");
        // The forwarder's label is left as it came: no slip drawn onto it.
        assert!(!label.contains("Packing slip"), "page {page}:\n{label}");
    }
    for (page, reference) in [(2, "PAIR-0001"), (4, "PAIR-0002")] {
        let slip = page_text(&job, page);
        assert!(slip.contains("Packing slip 装箱单"), "page {page}:\n{slip}");
        assert!(slip.contains(reference), "page {page}:\n{slip}");
        assert!(slip.contains("汽车音频线"), "page {page}:\n{slip}");
    }
    assert!(page_text(&job, 4).contains("USB charger 2"));
    // The slips' barcodes scan as the references; the labels' as their tracking numbers.
    let scanned = barcodes(&job);
    for expected in ["PAIR-0001", "PAIR-0002", first.as_str(), second.as_str()] {
        assert!(
            scanned.iter().any(|s| s == expected),
            "{expected} in {scanned:?}"
        );
    }
}

#[test]
fn a4_documents_go_to_the_a4_printer_and_with_none_set_nothing_prints() {
    let labels = LabelPrinter::start();
    let office = LabelPrinter::a4();
    let cups = PrivateCups::start();
    cups.add_ipp_everywhere_queue("OFFICE", &office.uri());
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path();
    let references = ["DOC-0001", "DOC-0002", "DOC-0003", "DOC-0004"];
    let tracking: Vec<String> = references
        .iter()
        .map(|r| ship_with_items(data, r, 1))
        .collect();
    let set = shipdesk(
        data,
        Some(&cups),
        &["printers", "--label", &labels.uri(), "--slips", "a4"],
    );
    assert!(set.status.code().is_some(), "{}", text(&set.stderr));

    // No A4 printer yet: each document says so, and nothing is printed or closed.
    let out = shipdesk(data, Some(&cups), &["print", "DOC-0001"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Nowhere to print the packing slip"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stderr).contains("A4 打印机"),
        "{}",
        text(&out.stderr)
    );
    let mut args = vec!["slip"];
    args.extend(references);
    args.push("--a4");
    let out = shipdesk(data, Some(&cups), &args);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Nowhere to print the 4 packing slips"),
        "{}",
        text(&out.stderr)
    );
    let close = [
        "close",
        "--account",
        "Sandbox",
        "--anyway",
        "--note",
        "driver 王师傅",
        "--print",
    ];
    let out = shipdesk(data, Some(&cups), &close);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("Nothing was closed or printed"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        text(&shipdesk(data, None, &["manifests"]).stdout).trim(),
        ""
    );
    assert!(
        files_with(&labels.spool(), "pdf").is_empty(),
        "a label printed"
    );
    assert!(files_with(&office.spool(), "pdf").is_empty());

    // The A4 printer set: a label prints on the label printer, its slip on A4.
    shipdesk(data, Some(&cups), &["printers", "--a4", "OFFICE"]);
    let out = shipdesk(data, Some(&cups), &["print", "DOC-0001"]);
    assert!(
        out.status.success(),
        "{}\n{}",
        text(&out.stderr),
        cups.log()
    );
    assert_eq!(page_size_and_count(&only_job(&labels)).1, 1);
    let slip = only_job(&office);
    assert_eq!(
        page_size_and_count(&slip),
        ("595.276 x 841.89 pts (A4)".to_owned(), 1)
    );
    assert!(pdf_text(&slip).contains("DOC-0001"));
    std::fs::remove_file(&slip).expect("clear the spool");

    // Four slips on A4: two pages; every reference scans.
    let out = shipdesk(data, Some(&cups), &args);
    assert!(
        out.status.success(),
        "{}\n{}",
        text(&out.stderr),
        cups.log()
    );
    let slips = only_job(&office);
    assert_eq!(page_size_and_count(&slips).1, 2);
    let mut scanned = barcodes(&slips);
    scanned.sort();
    assert_eq!(scanned, references);
    std::fs::remove_file(&slips).expect("clear the spool");

    // The day closes and its handover list prints on A4, Chinese included.
    let out = shipdesk(data, Some(&cups), &close);
    let said = text(&out.stdout);
    assert!(
        out.status.success(),
        "{said}\n{}\n{}",
        text(&out.stderr),
        cups.log()
    );
    assert!(said.contains("Printed the handover list Sandbox"), "{said}");
    assert!(said.contains("已打印交接单"), "{said}");
    let list = only_job(&office);
    let (size, pages) = page_size_and_count(&list);
    assert!(size.contains("(A4)"), "{size}");
    assert_eq!(pages, 1);
    let list_text = pdf_text(&list);
    assert!(list_text.contains("Handover list 交接单"), "{list_text}");
    assert!(list_text.contains("王师傅"), "{list_text}");
    for number in &tracking {
        assert!(
            list_text.contains(number.as_str()),
            "{number}:\n{list_text}"
        );
    }
    let attributes = std::fs::read_to_string(&files_with(&office.spool(), "env")[0]).expect("env");
    assert!(attributes.contains("iso_a4_210x297mm"), "{attributes}");
}
