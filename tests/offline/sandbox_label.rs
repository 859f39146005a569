//! End-to-end check of the sandbox label: the PDF is really 4x6 inches and its
//! barcode really scans. Uses poppler-utils (`pdfinfo`, `pdftoppm`) and
//! zbar-tools (`zbarimg`); CI installs them, and a missing tool fails the test
//! with the package to install rather than silently skipping the check.

use std::path::Path;
use std::process::{Command, Output};

use shipdesk::sandbox::label_pdf::LabelContent;

use crate::common::label::LabelFile;

/// Runs `tool` and returns its output, failing the test if it is not installed.
fn run(tool: &str, apt_package: &str, args: &[&Path]) -> Output {
    match Command::new(tool).args(args).output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{tool}` is not installed; this test needs it: sudo apt-get install {apt_package}"
        ),
        Err(e) => panic!("could not run `{tool}`: {e}"),
    }
}

fn content(tracking_number: &str) -> LabelContent {
    LabelContent {
        forwarder: "Western Post (sandbox)".into(),
        service_code: "WP_GROUND".into(),
        tracking_number: tracking_number.into(),
        reference: "ORDER-1042".into(),
        sender_lines: vec![
            "Shipdesk Demo Shop".into(),
            "1 Market Street".into(),
            "San Francisco CA 94105".into(),
        ],
        recipient_lines: vec![
            "Li Wei 李伟".into(),
            "北京市朝阳区建国路88号".into(),
            "Beijing 100022".into(),
            "CHINA".into(),
        ],
        weight_text: "22.04 LB".into(),
    }
}

/// Renders the label, checks its page size and returns what zbarimg decodes.
fn render_and_scan(tracking_number: &str) -> String {
    let label = LabelFile::of(&content(tracking_number));
    let pdf_path = label.path();
    let png_base = label.dir().join("label");
    let png_path = label.dir().join("label.png");

    let info = run("pdfinfo", "poppler-utils", &[&pdf_path]);
    let info_text = String::from_utf8_lossy(&info.stdout);
    assert!(info.status.success(), "pdfinfo failed: {info:?}");
    assert!(
        info_text
            .lines()
            .any(|l| l.starts_with("Page size:") && l.ends_with(" 288 x 432 pts")),
        "expected a 288 x 432 pt page, pdfinfo said:\n{info_text}"
    );

    // 203 dpi is the thermal printers' resolution the barcode is laid out for.
    let raster = run(
        "pdftoppm",
        "poppler-utils",
        &[
            Path::new("-r"),
            Path::new("203"),
            Path::new("-png"),
            Path::new("-singlefile"),
            &pdf_path,
            &png_base,
        ],
    );
    assert!(raster.status.success(), "pdftoppm failed: {raster:?}");

    let scan = run(
        "zbarimg",
        "zbar-tools",
        &[Path::new("-q"), Path::new("--raw"), &png_path],
    );
    assert!(
        scan.status.success(),
        "zbarimg found no barcode in the label: {scan:?}"
    );
    String::from_utf8_lossy(&scan.stdout)
        .trim_end_matches(['\r', '\n'])
        .to_owned()
}

#[test]
fn sandbox_tracking_number_scans() {
    assert_eq!(render_and_scan("SBX1000000001"), "SBX1000000001");
}

#[test]
fn long_mixed_tracking_number_scans() {
    assert_eq!(render_and_scan("1Z999AA10123456784"), "1Z999AA10123456784");
}

#[test]
fn punctuation_and_lowercase_scan() {
    assert_eq!(render_and_scan("sbx-42/a b.C"), "sbx-42/a b.C");
}
