//! What a PDF says to the real poppler and zbar tools: its text (Chinese included), the
//! barcodes on every page, its page size and count.

use std::path::Path;

use super::text;

/// `pdftotext -layout` of `pdf`.
pub fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

/// The text of each page of `pdf`, in order (pdftotext ends each page with a form feed).
pub fn page_texts(pdf: &Path) -> Vec<String> {
    let mut pages: Vec<String> = pdf_text(pdf).split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|last| last.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Every barcode zbar reads on every page of `pdf` rendered at 300 dpi (an office printer).
pub fn barcodes(pdf: &Path) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tmp");
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "300"])
        .arg(pdf)
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm");
    assert!(status.success());
    let mut found = Vec::new();
    let mut pages: Vec<_> = std::fs::read_dir(dir.path())
        .expect("pages")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    pages.sort();
    for page in pages {
        let out = std::process::Command::new("zbarimg")
            .arg("-q")
            .arg(&page)
            .output()
            .expect("zbarimg (zbar-tools)");
        found.extend(
            text(&out.stdout)
                .lines()
                .filter_map(|l| l.strip_prefix("CODE-128:"))
                .map(str::to_owned),
        );
    }
    found
}

/// `pdfinfo`'s "Page size" and "Pages" lines.
pub fn page_size_and_count(pdf: &Path) -> (String, usize) {
    let out = std::process::Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo");
    let info = text(&out.stdout);
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap_or_default()
        .trim()
        .to_owned();
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or(0);
    (size, pages)
}
