//! The sandbox forwarder's shipping label: a one-page 4x6 inch PDF that looks
//! like a thermal carrier label and carries the tracking number as a Code 128
//! barcode that real scanners read.
//!
//! Latin text uses the builtin PDF fonts; a line they cannot draw (Chinese addresses, a
//! Chinese forwarder name) is drawn with the bundled Noto Sans SC ([`crate::documents::pdf`]),
//! embedded only in labels that need it. Every line is cut to fit the label.

use printpdf::{BuiltinFont, Op, PdfDocument, PdfPage, PdfSaveOptions, Pt, Rect};

use crate::documents::pdf::code128::{self, BarcodeError};
use crate::documents::pdf::text::{
    BOLD, REGULAR, fill_rect, fit_text, shown_lines, text, text_width,
};
use crate::documents::pdf::{Cjk, cjk, line};

/// What the sandbox prints on a label.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelContent {
    /// Name of the forwarder, printed in the top band, e.g. "Western Post (sandbox)".
    pub forwarder: String,
    /// The forwarder's service code, e.g. "WP_GROUND".
    pub service_code: String,
    /// The tracking number, e.g. "SBX1000000001"; printable ASCII only,
    /// because it is encoded in the barcode exactly as given.
    pub tracking_number: String,
    /// The shop's order reference.
    pub reference: String,
    /// Sender address, one entry per printed line.
    pub sender_lines: Vec<String>,
    /// Recipient address, one entry per printed line.
    pub recipient_lines: Vec<String>,
    /// The parcel weight as it should read, e.g. "22.04 LB".
    pub weight_text: String,
}

/// Why a label could not be rendered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LabelRenderError {
    /// There is no tracking number to put in the barcode.
    #[error("cannot print a label without a tracking number")]
    EmptyTrackingNumber,
    /// The tracking number has a character the label's barcode cannot carry.
    #[error(
        "the tracking number contains {character:?}, which cannot go into the label's \
         Code 128 barcode (only printable ASCII characters can)"
    )]
    UnencodableCharacter {
        /// The first offending character.
        character: char,
    },
    /// The barcode would be too wide to print so that scanners can read it.
    #[error(
        "the tracking number {tracking_number:?} is too long for a 4-inch label: its barcode \
         needs {modules} modules, more than fit at 2 printer dots per module"
    )]
    BarcodeTooWide {
        /// The tracking number that did not fit.
        tracking_number: String,
        /// Modules the barcode needs, quiet zones included.
        modules: usize,
    },
    /// The barcode library refused the data (not expected after our own checks).
    #[error("the barcode encoder rejected the tracking number: {0}")]
    Barcode(barcoders::error::Error),
    /// The PDF writer produced no document.
    #[error("the PDF writer produced no output for the label")]
    EmptyPdf,
}

// Page geometry, in PDF points (1/72 in), origin at the bottom left.
const PAGE_W: f32 = 288.0;
const PAGE_H: f32 = 432.0;
const MARGIN: f32 = 12.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;

// The label is meant for 203 dpi thermal printers, so the barcode is laid out
// on that printer's dot grid: whole dots per module keep every bar the same
// width when printed (and when rasterised at 203 dpi).
const DOT: f32 = 72.0 / 203.0;
const MIN_DOTS_PER_MODULE: usize = 2;
const MAX_DOTS_PER_MODULE: usize = 4;
const QUIET_MODULES: usize = 10;
const BARCODE_H: f32 = 72.0;

const MAX_SENDER_LINES: usize = 4;
const MAX_RECIPIENT_LINES: usize = 5;

/// Address lines as a label prints them: white space folded to single spaces, empty lines left
/// out (an order leaves many optional fields blank).
pub(crate) fn address_lines(lines: impl IntoIterator<Item = String>) -> Vec<String> {
    lines
        .into_iter()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect()
}

/// Renders a one-page 4x6 in (288 x 432 pt) PDF.
///
/// Text the builtin fonts cannot draw (e.g. Chinese) is drawn with the bundled CJK font
/// (characters it lacks as '?'), and lines too long for the label are shortened with "...".
/// The tracking number must be non-empty printable ASCII that fits a scannable barcode,
/// otherwise an error is returned.
pub fn render_label_pdf(content: &LabelContent) -> Result<Vec<u8>, LabelRenderError> {
    let modules = barcode_modules(&content.tracking_number)?;

    let title = format!("Shipping label {}", content.tracking_number);
    let mut doc = PdfDocument::new(&title);
    // The bundled font goes in only when a line needs it (it adds its glyphs to the file).
    let wants_cjk = std::iter::once(&content.forwarder)
        .chain(&content.sender_lines)
        .chain(&content.recipient_lines)
        .any(|line| cjk::needs_cjk(line));
    let cjk = if wants_cjk {
        Cjk::add_to(&mut doc)
    } else {
        None
    };
    let mut ops = Vec::new();
    draw_header(&mut ops, content, cjk.as_ref());
    draw_addresses(&mut ops, content, cjk.as_ref());
    draw_barcode(&mut ops, &modules, &content.tracking_number)?;
    draw_footer(&mut ops, content);

    // PdfPage::new takes millimetres; setting the boxes in points keeps the
    // MediaBox exactly 288 x 432 instead of a rounded mm conversion.
    let mut page = PdfPage::new(printpdf::Mm(101.6), printpdf::Mm(152.4), ops);
    let page_box = Rect::from_wh(Pt(PAGE_W), Pt(PAGE_H));
    page.media_box = page_box.clone();
    page.trim_box = page_box.clone();
    page.crop_box = page_box;

    doc.with_pages(vec![page]);
    // Warnings are about unusual ops or fonts; this page uses neither (the CJK font is parsed
    // and checked once, in `cjk::face`).
    let bytes = doc.save(&PdfSaveOptions::default(), &mut Vec::new());
    // printpdf swallows write errors and would hand back an empty buffer.
    if !bytes.starts_with(b"%PDF") {
        return Err(LabelRenderError::EmptyPdf);
    }
    Ok(bytes)
}

fn draw_header(ops: &mut Vec<Op>, content: &LabelContent, cjk: Option<&Cjk>) {
    let band_h = 32.0;
    let band_y = PAGE_H - MARGIN - band_h;
    fill_rect(ops, MARGIN, band_y, CONTENT_W, band_h);

    // The service code is short and matters to sorting, so it gets its width
    // first (up to 40% of the band) and the forwarder name takes the rest.
    let baseline = band_y + 11.0;
    let pad = 8.0;
    let code = fit_text(
        &content.service_code,
        BOLD,
        13.0,
        CONTENT_W * 0.4 - pad,
        false,
    );
    let code_w = text_width(&code, BOLD, 13.0);
    let code_x = PAGE_W - MARGIN - pad - code_w;
    let name_w = code_x - (MARGIN + pad) - pad;
    line(
        ops,
        cjk,
        BOLD,
        13.0,
        (MARGIN + pad, baseline),
        name_w,
        &content.forwarder,
        (1.0, false),
    );
    text(ops, BOLD, 13.0, code_x, baseline, &code, 1.0);
}

fn draw_addresses(ops: &mut Vec<Op>, content: &LabelContent, cjk: Option<&Cjk>) {
    let x = MARGIN + 2.0;
    let w = CONTENT_W - 4.0;

    text(ops, BOLD, 7.0, x, 376.0, "FROM:", 0.0);
    let sender = shown_lines(&content.sender_lines, MAX_SENDER_LINES);
    for (i, (s, cut)) in sender.iter().enumerate() {
        let y = 366.0 - 10.0 * i as f32;
        line(ops, cjk, REGULAR, 8.0, (x, y), w, s, (0.0, *cut));
    }

    fill_rect(ops, MARGIN, 327.0, CONTENT_W, 0.75);

    text(ops, BOLD, 8.0, x, 314.0, "SHIP TO:", 0.0);
    // Indented so the address stands out from its heading.
    let recipient = shown_lines(&content.recipient_lines, MAX_RECIPIENT_LINES);
    for (i, (s, cut)) in recipient.iter().enumerate() {
        let y = 297.0 - 16.0 * i as f32;
        line(ops, cjk, BOLD, 13.0, (x + 8.0, y), w - 8.0, s, (0.0, *cut));
    }

    fill_rect(ops, MARGIN, 214.0, CONTENT_W, 3.0);
}

fn draw_barcode(
    ops: &mut Vec<Op>,
    modules: &[u8],
    tracking_number: &str,
) -> Result<(), LabelRenderError> {
    // The widest module that still fits with its quiet zones inside the
    // margins; wider modules scan more reliably on cheap thermal printers.
    let total_modules = modules.len() + 2 * QUIET_MODULES;
    let available_dots = (CONTENT_W / DOT).floor() as usize;
    let dots_per_module = (MIN_DOTS_PER_MODULE..=MAX_DOTS_PER_MODULE)
        .rev()
        .find(|k| total_modules * k <= available_dots)
        .ok_or_else(|| LabelRenderError::BarcodeTooWide {
            tracking_number: tracking_number.to_owned(),
            modules: total_modules,
        })?;

    // Start on a whole dot so bars stay on the printer's dot grid.
    let page_dots = (PAGE_W / DOT).round() as usize;
    let bars_dots = modules.len() * dots_per_module;
    let left_dot = page_dots.saturating_sub(bars_dots) / 2;
    let bottom = 128.0;

    let x = left_dot as f32 * DOT;
    code128::draw(
        ops,
        modules,
        (x, bottom),
        dots_per_module as f32 * DOT,
        BARCODE_H,
    );

    // The human-readable number: as large as fits, never cut if avoidable.
    let mut size = 18.0;
    while size > 8.0 && text_width(tracking_number, BOLD, size) > CONTENT_W {
        size -= 1.0;
    }
    let shown = fit_text(tracking_number, BOLD, size, CONTENT_W, false);
    text_centered(ops, BOLD, size, bottom - 22.0, &shown);
    Ok(())
}

fn draw_footer(ops: &mut Vec<Op>, content: &LabelContent) {
    fill_rect(ops, MARGIN, 88.0, CONTENT_W, 0.75);

    let x = MARGIN + 2.0;
    let weight_w = 100.0;
    let weight = fit_text(&content.weight_text, BOLD, 14.0, weight_w, false);
    let weight_x = PAGE_W - MARGIN - 2.0 - text_width(&weight, BOLD, 14.0);
    let label_x = PAGE_W - MARGIN - 2.0 - text_width("WEIGHT", BOLD, 7.0);
    text(ops, BOLD, 7.0, label_x, 76.0, "WEIGHT", 0.0);
    text(ops, BOLD, 14.0, weight_x, 59.0, &weight, 0.0);

    let reference_w = CONTENT_W - 4.0 - weight_w - 12.0;
    let reference = fit_text(&content.reference, REGULAR, 10.0, reference_w, false);
    text(ops, BOLD, 7.0, x, 76.0, "REFERENCE", 0.0);
    text(ops, REGULAR, 10.0, x, 59.0, &reference, 0.0);

    fill_rect(ops, MARGIN, 28.0, CONTENT_W, 0.75);
    text_centered(
        ops,
        REGULAR,
        7.0,
        16.0,
        "SANDBOX LABEL - NOT VALID FOR SHIPPING",
    );
}

/// The bar/space modules (1 = dark) of the Code 128 symbol for `tracking`.
fn barcode_modules(tracking: &str) -> Result<Vec<u8>, LabelRenderError> {
    code128::modules(tracking).map_err(|error| match error {
        BarcodeError::Empty => LabelRenderError::EmptyTrackingNumber,
        BarcodeError::Unencodable { character } => {
            LabelRenderError::UnencodableCharacter { character }
        }
        BarcodeError::Encoder(error) => LabelRenderError::Barcode(error),
    })
}

fn text_centered(ops: &mut Vec<Op>, font: BuiltinFont, size: f32, y: f32, s: &str) {
    let x = (PAGE_W - text_width(s, font, size)) / 2.0;
    text(ops, font, size, x, y, s, 0.0);
}

/// The same label as a 203 dpi PNG (812 x 1218 dots, grey), as forwarders that send image
/// labels do: drawn from the PDF, so both carry the same barcode.
pub fn render_label_png(content: &LabelContent) -> Result<Vec<u8>, String> {
    let pdf = render_label_pdf(content).map_err(|e| e.to_string())?;
    let page = crate::labels::rasterise_pdf(&pdf, 203.0, 1)
        .map_err(|e| e.to_string())?
        .into_iter()
        .next()
        .ok_or("the label has no page")?;
    // Premultiplied RGBA on an opaque page: the red channel is the grey level.
    let grey: Vec<u8> = page.rgba.chunks_exact(4).map(|p| p[0]).collect();
    let (width, height) = (
        u32::try_from(page.width).map_err(|e| e.to_string())?,
        u32::try_from(page.height).map_err(|e| e.to_string())?,
    );
    let mut png_bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut png_bytes, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(&grey).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(png_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::pdf::code128::code128_input;
    use crate::documents::pdf::text::sanitize;

    fn sample(tracking: &str) -> LabelContent {
        LabelContent {
            forwarder: "Western Post (sandbox)".into(),
            service_code: "WP_GROUND".into(),
            tracking_number: tracking.into(),
            reference: "ORDER-1042".into(),
            sender_lines: vec!["Shipdesk Demo Shop".into(), "1 Market St".into()],
            recipient_lines: vec![
                "Li Wei 李伟".into(),
                "88 Jianguo Rd, 北京市朝阳区".into(),
                "Beijing 100022".into(),
                "CHINA".into(),
            ],
            weight_text: "22.04 LB".into(),
        }
    }

    /// The four numbers of the page's /MediaBox array.
    fn media_box(pdf: &[u8]) -> Vec<f32> {
        let key = b"/MediaBox";
        let Some(start) = pdf.windows(key.len()).position(|w| w == key) else {
            return Vec::new();
        };
        let rest = &pdf[start + key.len()..];
        let end = rest.iter().position(|&b| b == b']').unwrap_or(rest.len());
        String::from_utf8_lossy(&rest[..end])
            .trim_matches(|c: char| c == '[' || c.is_whitespace())
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect()
    }

    #[test]
    fn renders_a_4x6_pdf() {
        let pdf = render_label_pdf(&sample("SBX1000000001")).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        assert_eq!(media_box(&pdf), vec![0.0, 0.0, 288.0, 432.0]);
    }

    #[test]
    fn chinese_long_and_empty_text_does_not_panic() {
        let mut content = sample("1Z999AA10123456784");
        content.forwarder = "顺丰速运 ".repeat(40);
        content.service_code = "特快".repeat(30);
        content.reference = "参考".repeat(100);
        content.weight_text = String::new();
        content.sender_lines = vec![String::new(); 20];
        content.recipient_lines = vec!["W".repeat(500), "\t\n\u{0}".into(), "😀".into()];
        let pdf = render_label_pdf(&content).unwrap();
        assert!(pdf.starts_with(b"%PDF"));

        let empty = LabelContent {
            tracking_number: "X".into(),
            ..LabelContent::default()
        };
        assert!(render_label_pdf(&empty).is_ok());

        for odd in [
            "\u{FEFF}",
            "\u{202E}rtl",
            "e\u{301}",
            "𝕏",
            "\r\n",
            "(\\)%",
            " ",
        ] {
            let content = LabelContent {
                forwarder: odd.into(),
                service_code: odd.into(),
                tracking_number: "SBX1".into(),
                reference: odd.into(),
                sender_lines: vec![odd.into()],
                recipient_lines: vec![odd.into(); 9],
                weight_text: odd.into(),
            };
            assert!(render_label_pdf(&content).is_ok(), "{odd:?}");
        }
    }

    #[test]
    fn long_numeric_tracking_still_fits() {
        // 48 digits pack into 24 set-C symbols: 2-dot modules, smaller text.
        let digits = "123456789012".repeat(4);
        let result = render_label_pdf(&sample(&digits));
        assert!(result.is_ok(), "{result:?}");
    }

    #[test]
    fn rejects_tracking_numbers_code128_cannot_carry() {
        assert_eq!(
            render_label_pdf(&sample("")),
            Err(LabelRenderError::EmptyTrackingNumber)
        );
        assert_eq!(
            render_label_pdf(&sample("   ")),
            Err(LabelRenderError::EmptyTrackingNumber)
        );
        for (bad, c) in [
            ("SBX10é", 'é'),
            ("ƁSBX", 'Ɓ'),
            ("SB\nX", '\n'),
            ("号码", '号'),
        ] {
            assert_eq!(
                render_label_pdf(&sample(bad)),
                Err(LabelRenderError::UnencodableCharacter { character: c })
            );
        }
        let too_long = "A".repeat(80);
        assert!(matches!(
            render_label_pdf(&sample(&too_long)),
            Err(LabelRenderError::BarcodeTooWide { .. })
        ));
    }

    #[test]
    fn errors_read_like_sentences() {
        let err = render_label_pdf(&sample("SBX\u{7f}")).unwrap_err();
        assert!(err.to_string().contains("printable ASCII"), "{err}");
    }

    #[test]
    fn digit_runs_use_code_set_c_only_when_shorter() {
        assert_eq!(code128_input("SBX1000000001"), "ƁSBXĆ1000000001");
        assert_eq!(code128_input("1Z999AA10123456784"), "Ɓ1Z999AA1Ć0123456784");
        assert_eq!(code128_input("123456"), "Ć123456");
        assert_eq!(code128_input("12345"), "Ɓ1Ć2345");
        assert_eq!(code128_input("AB1234CD"), "ƁAB1234CD");
        assert_eq!(code128_input("AB123456CD"), "ƁABĆ123456ƁCD");
        assert_eq!(code128_input("7"), "Ɓ7");
        assert_eq!(code128_input("a b-c"), "Ɓa b-c");
    }

    #[test]
    fn text_is_made_drawable_and_cut_to_width() {
        assert_eq!(sanitize("北京 Straße\t€"), "?? Straße €");
        let cut = fit_text(&"W".repeat(100), BOLD, 13.0, 100.0, false);
        assert!(cut.ends_with("..."));
        assert!(text_width(&cut, BOLD, 13.0) <= 100.0);
        assert_eq!(fit_text("short", REGULAR, 8.0, 100.0, false), "short");
        let lines: Vec<String> = (1..=6).map(|i| format!("line {i}")).collect();
        let shown: Vec<String> = shown_lines(&lines, 4)
            .into_iter()
            .map(|(line, cut)| fit_text(line, REGULAR, 8.0, 200.0, cut))
            .collect();
        assert_eq!(shown, ["line 1", "line 2", "line 3", "line 4..."]);
    }
}
