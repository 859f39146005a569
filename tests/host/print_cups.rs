//! Printing through a real, private CUPS scheduler: a queue in front of the 4x6 IPP Everywhere
//! label printer (ippeveprinter), and a Zebra ZPL queue whose output is written to a file. Labels
//! go through shipdesk's layout first: cut out of an A4 page, turned from landscape, never scaled.

use crate::common;

use std::io::Write as _;
use std::process::Command;
use std::time::Duration;

use crate::common::cups::PrivateCups;
use crate::common::fixtures::{Grey, a4_holding_a_10x15_label, barcodes_in, landscape_6x4_label};
use crate::common::label::LabelFile;
use crate::common::printer::{LabelPrinter, files_with, submit};

use shipdesk::labels::{LabelStock, MEDIA_4X6};
use shipdesk::print::{Offset, lay_out};

/// Prints `document` on 4x6 media through `uri`; the job must succeed.
fn print(uri: &str, document: Vec<u8>, job_name: &str) -> shipdesk::print::PrintedJob {
    submit(uri, document, job_name, MEDIA_4X6, Duration::from_secs(30))
        .unwrap_or_else(|e| panic!("{job_name} did not print: {e}"))
}

fn page_size(pdf: &std::path::Path) -> String {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("Page size:") || l.starts_with("Pages:"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A label printer behind a private cupsd queue named LABEL.
fn label_queue() -> (LabelPrinter, PrivateCups, String) {
    let printer = LabelPrinter::start();
    let cups = PrivateCups::start();
    cups.add_ipp_everywhere_queue("LABEL", &printer.uri());
    let uri = cups.queue_uri("LABEL");
    (printer, cups, uri)
}

#[test]
fn through_a_cups_queue_the_printer_receives_a_4x6_page_on_4x6_media() {
    let (printer, cups, uri) = label_queue();
    let label = common::label::pdf(&common::label::content("SBX5550009876"));
    let laid = lay_out(&[&label], LabelStock::In4x6, Offset::default()).expect("laid out");
    let job = print(&uri, laid.pdf, "CUPS-1");
    writeln!(
        std::io::stderr(),
        "print submit to completed through cupsd: {} ms",
        job.took.as_millis()
    )
    .ok();
    let pdfs = files_with(&printer.spool(), "pdf");
    assert_eq!(pdfs.len(), 1, "{pdfs:?}\n{}", cups.log());
    assert_eq!(page_size(&pdfs[0]), "Pages: 1; Page size: 288 x 432 pts");
    let attributes = std::fs::read_to_string(&files_with(&printer.spool(), "env")[0]).expect("env");
    // CUPS passes the media on as its size (media-col), 4 x 6 in in hundredths of a millimetre.
    let media = attributes
        .lines()
        .find(|l| l.starts_with("IPP_MEDIA_COL="))
        .unwrap_or_default();
    assert!(
        media.contains("media-size={x-dimension=10160 y-dimension=15240}"),
        "{attributes}"
    );
    assert!(barcodes_in(&pdfs[0]).contains("CODE-128:SBX5550009876"));
}

#[test]
fn an_a4_page_holding_a_10x15_label_prints_as_one_label_not_shrunk() {
    let (printer, _cups, uri) = label_queue();
    let original = LabelFile::new(a4_holding_a_10x15_label("A4LABEL10X15"));
    let laid = lay_out(&[&original.pdf], LabelStock::In4x6, Offset::default()).expect("laid out");
    print(&uri, laid.pdf, "A4-1");

    let received = files_with(&printer.spool(), "pdf");
    assert_eq!(received.len(), 1);
    assert_eq!(
        page_size(&received[0]),
        "Pages: 1; Page size: 288 x 432 pts"
    );
    // The same label, dot for dot: its drawn area at 203 dpi has the size it had on the A4 page
    // (10 x 15 cm is 799 x 1199 dots), and the barcode still reads.
    let size = |g: &Grey| {
        let (l, t, r, b) = g.ink_bounds().expect("something drawn");
        (r - l, b - t)
    };
    let before = size(&Grey::of_pdf(&original.path(), 203));
    let after = size(&Grey::of_pdf(&received[0], 203));
    let near = |a: usize, b: usize| a.abs_diff(b) <= 1;
    assert!(near(before.0, 799) && near(before.1, 1199), "{before:?}");
    assert!(
        near(after.0, before.0) && near(after.1, before.1),
        "{after:?} vs {before:?}"
    );
    assert!(barcodes_in(&received[0]).contains("CODE-128:A4LABEL10X15"));
}

/// Decodes a ZPL `~DG` graphic (ZPL II compression) into rows of dots (true = black).
fn zpl_graphic(zpl: &str) -> (Vec<Vec<bool>>, usize) {
    let start = zpl.find("~DGR:").expect("a ~DG graphic");
    let mut fields = zpl[start..].splitn(4, ',');
    let total: usize = fields.nth(1).and_then(|f| f.parse().ok()).expect("size");
    let per_row: usize = fields
        .next()
        .and_then(|f| f.parse().ok())
        .expect("bytes per row");
    let data = fields.next().expect("data");
    let width = per_row * 2;
    let (mut rows, mut row, mut count): (Vec<String>, String, usize) = (vec![], String::new(), 0);
    for c in data.chars() {
        if rows.len() == total / per_row {
            break;
        }
        match c {
            'G'..='Y' => count += c as usize - 'G' as usize + 1,
            'g'..='z' => count += 20 * (c as usize - 'g' as usize + 1),
            '0'..='9' | 'A'..='F' => {
                row.extend(std::iter::repeat_n(c, count.max(1)));
                count = 0;
            }
            ',' => row.extend(std::iter::repeat_n('0', width - row.len())),
            '!' => row.extend(std::iter::repeat_n('F', width - row.len())),
            ':' => row = rows.last().cloned().unwrap_or_default(),
            '\r' | '\n' => {}
            _ => break,
        }
        if row.len() >= width {
            rows.push(std::mem::take(&mut row));
        }
    }
    let dots = rows
        .iter()
        .map(|r| {
            r.chars()
                .flat_map(|n| {
                    let v = n.to_digit(16).unwrap_or(0);
                    (0..4).rev().map(move |bit| v >> bit & 1 == 1)
                })
                .collect()
        })
        .collect();
    (dots, width * 4)
}

#[test]
fn a_landscape_label_through_the_zpl_queue_is_812_dots_wide_at_203_dpi_and_turned() {
    let cups = PrivateCups::start();
    let output = cups.add_zpl_queue("ZPL");
    let label = landscape_6x4_label("LANDSCAPE64");
    let laid = lay_out(&[&label], LabelStock::In4x6, Offset::default()).expect("laid out");
    print(&cups.queue_uri("ZPL"), laid.pdf, "ZPL-1");

    let zpl =
        String::from_utf8_lossy(&std::fs::read(&output).expect("the queue's output")).into_owned();
    assert!(zpl.contains("^PW812"), "{}", &zpl[..zpl.len().min(200)]);
    let (dots, width) = zpl_graphic(&zpl);
    assert_eq!((width, dots.len()), (816, 1218), "4 x 6 in at 203 dpi");
    // Not shrunk: the border runs along the label's edges (within 2 dots of them).
    let black = |x: usize, y: usize| dots[y][x];
    let columns = |y: usize| (0..812).filter(|&x| black(x, y)).collect::<Vec<_>>();
    let middle = columns(609);
    assert!(middle.first().is_some_and(|&x| x <= 2), "{middle:?}");
    assert!(middle.last().is_some_and(|&x| x >= 809), "{middle:?}");
    assert!((0..3).any(|y| black(406, y)) && (1215..1218).any(|y| black(406, y)));
    // Turned a quarter clockwise: the mark that was top-left is now top-right (25 pt in from
    // the top and the right edge is 70 dots).
    assert!(black(812 - 70, 70), "the mark is not top-right");
    assert!(
        !black(70, 70) && !black(70, 1218 - 70),
        "the mark is also elsewhere"
    );
}

#[test]
fn a_landscape_label_arrives_as_a_portrait_4x6_page_whose_barcode_reads() {
    let (printer, _cups, uri) = label_queue();
    let label = landscape_6x4_label("TURNED64");
    let laid = lay_out(&[&label], LabelStock::In4x6, Offset::default()).expect("laid out");
    print(&uri, laid.pdf, "TURN-1");
    let received = files_with(&printer.spool(), "pdf");
    assert_eq!(
        page_size(&received[0]),
        "Pages: 1; Page size: 288 x 432 pts"
    );
    assert!(barcodes_in(&received[0]).contains("CODE-128:TURNED64"));
}

#[test]
fn shipdesk_print_several_references_by_queue_name_is_one_job_of_several_pages() {
    let (printer, cups, _uri) = label_queue();
    let data = tempfile::tempdir().expect("tmp");
    let shipdesk = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_shipdesk"))
            .arg("--data-dir")
            .arg(data.path())
            .args(args)
            .env("CUPS_SERVER", cups.server())
            .output()
            .expect("run shipdesk")
    };
    let seed = common::seed_order_path();
    let mut order: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&seed).expect("seed")).expect("json");
    let references = ["MULTI-1", "MULTI-2", "MULTI-3"];
    for reference in references {
        order["reference"] = reference.into();
        let file = data.path().join(format!("{reference}.json"));
        std::fs::write(&file, order.to_string()).expect("order");
        let out = shipdesk(&[
            "ship",
            file.to_str().expect("utf-8"),
            "--account",
            "Sandbox",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    let mut args = vec!["print"];
    args.extend(references);
    args.extend(["--printer", "LABEL"]);
    let out = shipdesk(&args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        cups.log()
    );
    assert!(stdout.contains("completed"), "{stdout}");
    // One job reached the printer, holding the three labels as three 4x6 pages.
    let received = files_with(&printer.spool(), "pdf");
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(
        page_size(&received[0]),
        "Pages: 3; Page size: 288 x 432 pts"
    );
    for reference in references {
        assert!(
            stdout.contains(&format!("{reference}: printed (job")),
            "{stdout}"
        );
    }

    // A queue name that does not exist: exit 1, and the queues there are.
    let out = shipdesk(&["print", "MULTI-1", "--printer", "LABLE"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no print queue named \"LABLE\" (queues: LABEL)"),
        "{stderr}"
    );
}
