//! A batch's labels come out of the real IPP label printer (ippeveprinter) as ONE job, in the
//! order the packer picked (here by SKU), each label once; the labels that come later by
//! polling (logssc's 返回面单) come out as ONE follow-up job, in the same order. Pages are read
//! back from the printer's spool with poppler's pdftotext.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use shipdesk::engine::{BatchCause, BuyQueued, Engine, PreviewQueued, PrintOrder, SaveToQueue};
use shipdesk::model::{Shipment, TypedOrder};
use shipdesk::secrets::Keychain;

use crate::common;
use crate::common::printer::{LabelPrinter, files_with, need};

/// Queues `order` for `account` with `sku` on its first item.
fn queue(engine: &Engine, order: &Shipment, account: &str, sku: &str) {
    let mut form = TypedOrder::from_shipment(order, account, order.reference.clone());
    form.items[0].sku = sku.to_owned();
    engine
        .call(SaveToQueue {
            form,
            order_number: String::new(),
            replacing: None,
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

/// The spooled jobs' documents, oldest first.
fn jobs(printer: &LabelPrinter) -> Vec<PathBuf> {
    let mut files = files_with(&printer.spool(), "pdf");
    files.sort_by_key(|f| std::fs::metadata(f).and_then(|m| m.modified()).ok());
    files
}

/// Which of `references` each page of the spooled `pdf` shows, page by page.
fn pages(pdf: &Path, references: &[&str]) -> Vec<String> {
    need("pdftotext", "poppler-utils");
    crate::common::pdf::page_texts(pdf)
        .into_iter()
        .filter(|page| !page.trim().is_empty())
        .map(|page| {
            let found: Vec<&&str> = references.iter().filter(|r| page.contains(**r)).collect();
            assert_eq!(found.len(), 1, "one reference a page: {page}");
            found[0].to_string()
        })
        .collect()
}

fn wait_for(what: &str, deadline: Duration, done: impl Fn() -> bool) {
    let until = Instant::now() + deadline;
    while !done() {
        assert!(Instant::now() < until, "{what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_batch_prints_as_one_job_in_sku_order_and_late_labels_as_one_follow_up_job() {
    let printer = LabelPrinter::start();
    let (_runtime, sandbox) = common::sandbox_on_own_runtime();
    sandbox.set_logssc_number_after_polls(1);
    sandbox.set_logssc_label_after_polls(1);
    let dir = tempfile::tempdir().expect("tmp");
    let printers = serde_json::json!({ "desk": printer.uri() });
    std::fs::write(dir.path().join("printers.json"), printers.to_string()).expect("printers");
    let keychain = Keychain::in_memory();
    let engine = common::engine_in(dir.path(), &keychain, Duration::from_millis(50));
    common::forwarders::add_westernpost_account(&engine, &keychain, "WP Desk", &sandbox.base_url());
    common::forwarders::add_logssc_account(&engine, &keychain, "LSO Desk", &sandbox.base_url());
    for account in ["WP Desk", "LSO Desk"] {
        common::edit_account(&engine, account, |a| a.settings.auto_print = true);
    }
    // Queue order and SKU order differ: by SKU the Western Post labels come out 3, 1, 4, 2.
    for (reference, sku) in [
        ("WPB-1", "SKU-B"),
        ("WPB-2", "SKU-D"),
        ("WPB-3", "SKU-A"),
        ("WPB-4", "SKU-C"),
    ] {
        queue(&engine, &common::order(reference), "WP Desk", sku);
    }
    for (reference, sku) in [("LSB-1", "SKU-Z"), ("LSB-2", "SKU-X"), ("LSB-3", "SKU-Y")] {
        queue(
            &engine,
            &common::forwarders::logssc_order(reference),
            "LSO Desk",
            sku,
        );
    }
    let preview = engine
        .call(PreviewQueued {
            concurrency: 8,
            ..PreviewQueued::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let report = engine
        .call(BuyQueued {
            concurrency: 8,
            quotes: preview.quotes(),
            print_order: PrintOrder::Sku,
            ..BuyQueued::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        report
            .orders
            .iter()
            .all(|o| o.outcome.cause() == BatchCause::Bought),
        "{report:#?}"
    );

    // The labels in hand (Western Post answers with its label) went as one job, by SKU.
    let printed: Vec<&str> = report
        .printed
        .iter()
        .map(|p| p.reference.as_str())
        .collect();
    assert_eq!(printed, ["WPB-3", "WPB-1", "WPB-4", "WPB-2"], "{report:#?}");
    let job_ids: Vec<i32> = report
        .printed
        .iter()
        .map(|p| {
            p.result
                .as_ref()
                .map(|(job, _)| *job)
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    assert!(
        job_ids.iter().all(|j| *j == job_ids[0]),
        "one job: {job_ids:?}"
    );
    assert_eq!(report.labels_to_come, 3);
    let all = [
        "WPB-1", "WPB-2", "WPB-3", "WPB-4", "LSB-1", "LSB-2", "LSB-3",
    ];
    let first = jobs(&printer);
    assert_eq!(first.len(), 1, "one job for the batch: {first:?}");
    assert_eq!(pages(&first[0], &all), ["WPB-3", "WPB-1", "WPB-4", "WPB-2"]);

    // logssc's labels come by polling; they join one follow-up job, by SKU too. The job waits
    // under its name (what `queue buy --wait-secs` waits for), and is gone once it printed.
    let follow_up = shipdesk::engine::follow_up_task(report.batch_id);
    let waiting = |engine: &Engine| {
        engine
            .running_tasks()
            .iter()
            .any(|(name, _)| *name == follow_up)
    };
    assert!(waiting(&engine), "{:?}", engine.running_tasks());
    wait_for("the follow-up job", Duration::from_secs(30), || {
        jobs(&printer).len() >= 2
    });
    wait_for("the follow-up task to end", Duration::from_secs(10), || {
        !waiting(&engine)
    });
    std::thread::sleep(Duration::from_millis(500));
    let spooled = jobs(&printer);
    assert_eq!(
        spooled.len(),
        2,
        "one follow-up job, not one a label: {spooled:?}"
    );
    assert_eq!(pages(&spooled[1], &all), ["LSB-2", "LSB-3", "LSB-1"]);
    // Each label printed once, as History counts it.
    for reference in all {
        assert_eq!(
            common::record(&engine, reference).print_count,
            1,
            "{reference}"
        );
    }
}
