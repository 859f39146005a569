//! A forwarder that sends its label as a base64 PNG image (the logssc sandbox can): the image
//! is kept as it came, previewed, and printed on the real IPP label printer as one 4x6 page whose
//! barcode still scans.

use crate::common;

use std::process::Command;
use std::time::Duration;

use crate::common::printer::{LabelPrinter, files_with};
use shipdesk::carriers::{Account, AccountSettings, ForwarderKind};
use shipdesk::engine::{Print, Quote, Ship};
use shipdesk::model::ShipmentState;
use shipdesk::print::PrinterProfile;
use shipdesk::secrets::Keychain;

#[test]
fn a_png_label_is_kept_previewed_and_printed_at_4x6_with_a_readable_barcode() {
    let printer = LabelPrinter::start();
    let (engine, _dir) = common::engine(Keychain::in_memory());
    engine.set_poll_interval(Duration::from_millis(50));
    let sandbox = engine.builtin_sandbox().expect("sandbox");
    sandbox.set_logssc_number_after_polls(0);
    sandbox.set_logssc_label_after_polls(0);
    sandbox.set_logssc_label_inline(true);
    sandbox.set_logssc_label_png(true);
    engine.with_store(|s| {
        s.save_account(&Account {
            name: "LSO".to_owned(),
            forwarder: ForwarderKind::Logssc,
            base_url: shipdesk::engine::SANDBOX_BASE_URL.to_owned(),
            settings: AccountSettings::default(),
            builtin_sandbox: false,
        })
        .expect("account")
    });
    let mut order = common::example_order("order-seed003.json");
    order.reference = "PNG-0001".to_owned();
    let quote = engine.call(Quote::new(order.clone(), "LSO")).expect("fee");
    engine
        .call(Ship::quoted(order, "LSO", Some(quote)))
        .expect("placed");
    common::wait_for_state(&engine, "PNG-0001", ShipmentState::Created);
    let record = engine
        .with_store(|s| s.shipment("PNG-0001"))
        .expect("store")
        .expect("recorded");
    let label = record.label.expect("label kept");
    assert_eq!(label.format, "png", "kept as it came");
    let tracking = record.tracking_number.expect("tracking number");

    // The preview draws it (as a 4x6 page at 72 dpi).
    let bytes = std::fs::read(&label.path).expect("label file");
    let pdf = shipdesk::labels::label_as_pdf(&bytes).expect("a page");
    let pages = shipdesk::labels::rasterise_pdf(&pdf, 72.0, 1).expect("drawn");
    assert_eq!((pages[0].width, pages[0].height), (288, 432));

    // Printed: one 288 x 432 pt page that still scans as the tracking number.
    let reports = engine.call(Print::on(
        vec!["PNG-0001".to_owned()],
        PrinterProfile {
            printer: printer.uri(),
            ..PrinterProfile::default()
        },
    ));
    assert!(reports[0].result.is_ok(), "{:?}", reports[0].result);
    let received = files_with(&printer.spool(), "pdf");
    assert_eq!(received.len(), 1);
    let info = Command::new("pdfinfo")
        .arg(&received[0])
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Page size:       288 x 432 pts"), "{info}");
    assert!(info.contains("Pages:           1"), "{info}");
    let read = common::fixtures::barcodes_in(&received[0]);
    assert!(
        read.contains(&tracking),
        "zbar read {read:?}, wanted {tracking}"
    );
}
