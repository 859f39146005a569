//! The in-app label renderer (hayro) against poppler (`pdftoppm`) on a label with Chinese
//! addresses and a barcode, at the thermal printer's 203 dpi: the same picture dot for dot
//! (anti-aliasing aside), the Chinese really drawn (not boxes, not '?'), and the barcode still
//! scans from hayro's own raster.

use crate::common;

use std::process::Command;

use shipdesk::sandbox::label_pdf::LabelContent;

use crate::common::label::LabelFile;

const TRACKING: &str = "SBX8800012345";

/// A label with Chinese sender and recipient lines.
fn chinese_label() -> LabelContent {
    LabelContent {
        forwarder: "西邮物流 (sandbox)".to_owned(),
        service_code: "WP_GROUND".to_owned(),
        tracking_number: TRACKING.to_owned(),
        reference: "CN-LABEL-1".to_owned(),
        sender_lines: vec![
            "深圳市日出贸易有限公司 陈先生".to_owned(),
            "广东省深圳市南山区科技园南区 8 栋".to_owned(),
        ],
        recipient_lines: vec![
            "张伟".to_owned(),
            "1215 Polk St".to_owned(),
            "Hollywood FL 90048 US".to_owned(),
        ],
        weight_text: "2.5 KG".to_owned(),
    }
}

#[test]
fn hayro_draws_a_chinese_label_as_poppler_does_and_its_barcode_scans() {
    let label = LabelFile::of(&chinese_label());
    let (pdf, pdf_path) = (&label.pdf, label.path());

    // The Chinese is in the file as text, not as '?'.
    let text = Command::new("pdftotext")
        .arg(&pdf_path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("张伟") && text.contains("深圳市"), "{text}");
    assert!(!text.contains('?'), "{text}");

    // poppler's picture.
    let poppler = common::fixtures::Grey::of_pdf(&pdf_path, 203);
    let (pw, ph, poppler) = (poppler.width, poppler.height, poppler.pixels);

    // hayro's picture (premultiplied RGBA on an opaque page: red is the grey).
    let page = shipdesk::labels::rasterise_pdf(pdf, 203.0, 1)
        .expect("hayro")
        .remove(0);
    assert_eq!((page.width, page.height), (812, 1218));
    assert_eq!((pw, ph), (812, 1218));
    let hayro: Vec<u8> = page.rgba.chunks_exact(4).map(|p| p[0]).collect();

    // Anti-aliased edges fall either side of half-grey by a hair, so a dot counts as drawn
    // differently only if the other renderer has no dot of the same colour within one dot of it.
    let black = |dots: &[u8], x: usize, y: usize| dots[y * 812 + x] < 128;
    let near = |dots: &[u8], x: usize, y: usize, want: bool| {
        (y.saturating_sub(1)..=(y + 1).min(1217)).any(|ny| {
            (x.saturating_sub(1)..=(x + 1).min(811)).any(|nx| black(dots, nx, ny) == want)
        })
    };
    let mut differing = 0;
    for y in 0..1218 {
        for x in 0..812 {
            let (h, p) = (black(&hayro, x, y), black(&poppler, x, y));
            if h != p && (!near(&poppler, x, y, h) || !near(&hayro, x, y, p)) {
                differing += 1;
            }
        }
    }
    let mean_diff = hayro
        .iter()
        .zip(&poppler)
        .map(|(a, b)| f64::from(a.abs_diff(*b)))
        .sum::<f64>()
        / hayro.len() as f64;
    let ink = |dots: &[u8]| dots.iter().filter(|d| **d < 128).count();
    eprintln!(
        "hayro vs poppler at 203 dpi: {differing} of {} dots drawn differently beyond one dot ({:.3}%), mean difference {mean_diff:.2} of 255; ink {} vs {} dots",
        hayro.len(),
        100.0 * differing as f64 / hayro.len() as f64,
        ink(&hayro),
        ink(&poppler)
    );
    // Measured here: 0.15% of the dots, all on glyph edges; a wrong glyph, a missing line or a
    // shifted barcode would be thousands more.
    assert!(
        differing * 1000 < hayro.len() * 3,
        "more than 0.3% of the dots differ"
    );
    assert!(mean_diff < 4.0, "mean difference {mean_diff}");
    let (a, b) = (ink(&hayro) as f64, ink(&poppler) as f64);
    assert!((a - b).abs() / b < 0.02, "ink {a} vs {b}");
    // The Chinese lines are drawn: there is ink where the sender's first line sits (10 pt
    // below the FROM: heading, at 366 pt from the bottom).
    let row = ((432.0 - 366.0) / 72.0 * 203.0) as usize - 6;
    let strip = &hayro[row * 812..(row + 12) * 812];
    assert!(ink(strip) > 200, "no ink in the sender line");

    // zbar reads the barcode from hayro's own raster.
    let png_path = label.dir().join("hayro.png");
    let mut png_bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png_bytes, 812, 1218);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("png header");
        writer.write_image_data(&hayro).expect("png data");
    }
    std::fs::write(&png_path, png_bytes).expect("png");
    let scanned = Command::new("zbarimg")
        .arg("-q")
        .arg(&png_path)
        .output()
        .expect("zbarimg (zbar-tools)");
    let scanned = String::from_utf8_lossy(&scanned.stdout);
    assert!(
        scanned.contains(&format!("CODE-128:{TRACKING}")),
        "{scanned}"
    );
}
