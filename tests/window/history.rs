//! The History screen: tracking asked of the forwarder and its scans shown, and the table sorted
//! by a header click. Needs the loopback sandbox.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shipdesk::engine::Ship;
use shipdesk::ui::ShipdeskApp;

use crate::common;
use crate::harness::{harness, wait_for, window_with_a_zyl_shipment};

#[test]
fn history_asks_the_forwarder_for_tracking_and_shows_the_scans() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = window_with_a_zyl_shipment(dir.path(), "ZT-UI-1");
    harness.get_by_label("History  (Ctrl+F)").click();
    wait_for(&mut harness, "the shipment in History", |h| {
        h.query_by_label("ZT-UI-1").is_some()
    });
    harness.get_by_label("ZT-UI-1").click();
    wait_for(&mut harness, "the tracking button", |h| {
        h.query_by_label("Refresh tracking").is_some()
    });
    harness.get_by_label("Refresh tracking").click_accesskit();
    wait_for(&mut harness, "the scans", |h| {
        h.query_by_label("Picked up").is_some()
    });
    harness.get_by_label("Order information received");
    // Kept: the scans are still there after the detail is read again from the database.
    let kept = harness.state().engine().with_store(|s| {
        let record = s.shipment("ZT-UI-1").expect("store").expect("recorded");
        s.events(record.id).expect("events")
    });
    assert!(
        kept.iter()
            .any(|e| e.kind == shipdesk::store::EventKind::Tracking)
    );
}

#[test]
fn a_history_header_click_sorts_the_table_by_that_column() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    {
        let engine = harness.state().engine();
        // Recorded in this order: newest first puts B-2 on top; by reference A-1 goes first.
        for reference in ["A-1", "B-2"] {
            engine
                .call(Ship::new(
                    common::order(reference),
                    shipdesk::engine::SANDBOX_ACCOUNT,
                ))
                .expect("sent");
        }
    }
    harness.get_by_label("History  (Ctrl+F)").click();
    wait_for(&mut harness, "both shipments", |h| {
        h.query_by_label("A-1").is_some() && h.query_by_label("B-2").is_some()
    });
    let above = |h: &Harness<'static, ShipdeskApp>, upper: &str, lower: &str| {
        h.get_by_label(upper).rect().top() < h.get_by_label(lower).rect().top()
    };
    assert!(above(&harness, "B-2", "A-1"), "newest first by default");
    harness.get_by_label("Sort by Reference").click_accesskit();
    wait_for(&mut harness, "A to Z by reference", |h| {
        above(h, "A-1", "B-2")
    });

    harness.get_by_label("Sort by Reference").click_accesskit();
    wait_for(&mut harness, "Z to A by reference", |h| {
        above(h, "B-2", "A-1")
    });
}

#[test]
fn the_day_is_closed_from_history_and_its_handover_list_saved() {
    use crate::harness::{harness, settle, wait_for};
    use egui_kittest::kittest::Queryable as _;

    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    harness
        .state()
        .engine()
        .call(shipdesk::engine::Ship::new(
            crate::common::order("EOD-WIN-1"),
            shipdesk::engine::SANDBOX_ACCOUNT,
        ))
        .expect("sent");
    harness.get_by_label("History  (Ctrl+F)").click_accesskit();
    settle(&mut harness);
    harness.get_by_label("Close the day…").click_accesskit();
    settle(&mut harness);
    harness.get_by_label("Close").click_accesskit();
    // The label was never printed: the close is held back and says why.
    wait_for(&mut harness, "what needs a person", |h| {
        h.query_by_label_contains("its label has not been printed")
            .is_some()
    });
    assert!(
        harness
            .query_by_label_contains("Not closed: these need a person first")
            .is_some()
    );
    harness.get_by_label("Note").focus();
    harness.step();
    harness.event(egui::Event::Text("printed from the portal".to_owned()));
    settle(&mut harness);
    harness.get_by_label("Close anyway").click_accesskit();
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    wait_for(&mut harness, "the manifest", |h| {
        h.query_by_label_contains(&format!("Closed: manifest {today} #1, 1 shipments"))
            .is_some()
    });
    let stem = dir.path().join("handover");
    harness.get_by_label("Save as").focus();
    harness.step();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.event(egui::Event::Text(stem.display().to_string()));
    settle(&mut harness);
    harness.get_by_label("Save PDF and CSV").click_accesskit();
    wait_for(&mut harness, "the saved files", |h| {
        h.query_by_label_contains("Saved ").is_some()
    });
    let pdf = std::fs::read(stem.with_extension("pdf")).expect("pdf");
    assert!(pdf.starts_with(b"%PDF"));
    let csv = std::fs::read_to_string(stem.with_extension("csv")).expect("csv");
    assert!(csv.contains("EOD-WIN-1"), "{csv}");

    // The shipment's detail says which manifest it went in.
    harness.get_by_label("EOD-WIN-1").click();
    wait_for(&mut harness, "the detail", |h| {
        h.query_by_label_contains(&format!("Handed over in manifest {today} #1"))
            .is_some()
    });
}

#[test]
fn the_close_the_day_bar_prints_the_handover_list_on_the_a4_printer_or_says_there_is_none() {
    use crate::common::printer::{LabelPrinter, files_with};
    use crate::harness::{harness, settle, wait_for};
    use egui_kittest::kittest::Queryable as _;

    let office = LabelPrinter::a4();
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    harness
        .state()
        .engine()
        .call(shipdesk::engine::Ship::new(
            crate::common::order("EOD-A4-1"),
            shipdesk::engine::SANDBOX_ACCOUNT,
        ))
        .expect("sent");
    harness.get_by_label("History  (Ctrl+F)").click_accesskit();
    settle(&mut harness);
    harness.get_by_label("Close the day…").click_accesskit();
    settle(&mut harness);
    harness
        .get_by_label("Print the handover list on A4")
        .click_accesskit();
    harness.get_by_label("Close").click_accesskit();
    wait_for(&mut harness, "what needs a person", |h| {
        h.query_by_label_contains("its label has not been printed")
            .is_some()
    });
    harness.get_by_label("Note").focus();
    harness.step();
    harness.event(egui::Event::Text("printed from the portal".to_owned()));
    settle(&mut harness);
    harness.get_by_label("Close anyway").click_accesskit();
    // No A4 printer yet: the bar says so, and nothing was sent.
    wait_for(&mut harness, "nowhere to print", |h| {
        h.query_by_label_contains("Nowhere to print the handover list")
            .is_some()
    });
    assert!(files_with(&office.spool(), "pdf").is_empty());

    // The A4 printer set under Printers: the same manifest prints there.
    crate::harness::set_a4_printer(&harness, office.uri());
    harness.get_by_label("Print on A4").click_accesskit();
    wait_for(&mut harness, "the printed list", |h| {
        h.query_by_label_contains("Printed the handover list Sandbox")
            .is_some()
    });
    let received = files_with(&office.spool(), "pdf");
    assert_eq!(received.len(), 1, "{received:?}");
    let (size, pages) = crate::common::pdf::page_size_and_count(&received[0]);
    assert!(size.contains("(A4)"), "{size}");
    assert_eq!(pages, 1);
}

#[test]
fn a_shipments_packing_slip_prints_from_its_detail_on_the_paper_the_desk_chose() {
    use crate::common::printer::{LabelPrinter, files_with};

    let labels = LabelPrinter::start();
    let office = LabelPrinter::a4();
    let dir = tempfile::tempdir().expect("tmp");
    // The desk's label printer, set before the window opens (slips: only when asked).
    let printers = shipdesk::print::Printers {
        desk: labels.uri(),
        ..Default::default()
    };
    std::fs::write(
        dir.path().join(shipdesk::print::profile::FILE),
        serde_json::to_string(&printers).expect("json"),
    )
    .expect("printers.json");
    let mut harness = harness(dir.path());
    harness
        .state()
        .engine()
        .call(Ship::new(
            common::order("SLIP-UI-1"),
            shipdesk::engine::SANDBOX_ACCOUNT,
        ))
        .expect("sent");
    harness.get_by_label("History  (Ctrl+F)").click();
    wait_for(&mut harness, "the shipment in History", |h| {
        h.query_by_label("SLIP-UI-1").is_some()
    });
    harness.get_by_label("SLIP-UI-1").click();
    wait_for(&mut harness, "the detail", |h| {
        h.query_by_label("Packing slip").is_some()
    });
    harness.get_by_label("Packing slip").click_accesskit();
    wait_for(&mut harness, "the printed slip", |h| {
        h.query_by_label_contains("Printed the packing slip (1 page, job")
            .is_some()
    });
    let slip = files_with(&labels.spool(), "pdf");
    assert_eq!(slip.len(), 1, "on the label stock: {slip:?}");
    assert_eq!(
        common::pdf::page_size_and_count(&slip[0]),
        ("288 x 432 pts".to_owned(), 1)
    );
    assert!(common::pdf::pdf_text(&slip[0]).contains("Packing slip 装箱单"));

    // The desk puts slips on A4, set in the window's Printers: the next one goes there.
    harness.get_by_label("Accounts").click();
    crate::harness::settle(&mut harness);
    harness.get_by_label("A4 printer address").focus();
    harness.step();
    harness.event(egui::Event::Text(office.uri()));
    harness.step();
    harness
        .get_by_label("On the A4 printer, 3 a page")
        .click_accesskit();
    crate::harness::settle(&mut harness);
    harness.get_by_label("History  (Ctrl+F)").click();
    wait_for(&mut harness, "the detail again", |h| {
        h.query_by_label("Packing slip").is_some()
    });
    harness.get_by_label("Packing slip").click_accesskit();
    wait_for(&mut harness, "the A4 slip", |h| {
        h.query_by_label_contains("Printed the packing slip")
            .is_some()
            && !files_with(&office.spool(), "pdf").is_empty()
    });
    let a4 = files_with(&office.spool(), "pdf");
    assert!(
        common::pdf::page_size_and_count(&a4[0]).0.contains("(A4)"),
        "{a4:?}"
    );
}
