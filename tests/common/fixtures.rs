//! Label PDFs as forwarders send them, drawn with printpdf (not with shipdesk's own code): a
//! 10x15 cm label in the corner of an A4 page, and a landscape 6x4 in label. Each has a border,
//! a Code 128 barcode (3 printer dots a module at 203 dpi) and a black square in its top-left
//! corner, so a test can see where the label went, how big it is and which way up.

use barcoders::sym::code128::Code128;
use printpdf::{
    Color, Greyscale, Op, PaintMode, PdfDocument, PdfPage, PdfSaveOptions, Pt, Rect, WindingOrder,
};

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;
/// One printer dot at 203 dpi, in points.
const DOT: f32 = 72.0 / 203.0;

/// A label drawn at (`x`, `y`) (bottom-left, points) with this size, onto `ops`.
fn draw_label(ops: &mut Vec<Op>, x: f32, y: f32, w: f32, h: f32, barcode: &str) {
    let line = 2.0;
    // The border, as four filled bars (inside the label's box).
    fill(ops, x, y, w, line);
    fill(ops, x, y + h - line, w, line);
    fill(ops, x, y, line, h);
    fill(ops, x + w - line, y, line, h);
    // The orientation mark: a 30 pt square in the top-left corner.
    fill(ops, x + 10.0, y + h - 40.0, 30.0, 30.0);
    // Code B; the symbol's modules at 3 dots each, centred across, low on the label.
    let modules = Code128::new(format!("Ɓ{barcode}"))
        .expect("code 128")
        .encode();
    let module = 3.0 * DOT;
    let left = x + (w - modules.len() as f32 * module) / 2.0;
    let mut i = 0;
    while i < modules.len() {
        let run = modules[i..]
            .iter()
            .take_while(|&&m| m == modules[i])
            .count();
        if modules[i] == 1 {
            fill(
                ops,
                left + i as f32 * module,
                y + 40.0,
                run as f32 * module,
                80.0,
            );
        }
        i += run;
    }
}

fn fill(ops: &mut Vec<Op>, x: f32, y: f32, w: f32, h: f32) {
    ops.push(Op::SetFillColor {
        col: Color::Greyscale(Greyscale {
            percent: 0.0,
            icc_profile: None,
        }),
    });
    ops.push(Op::DrawRectangle {
        rectangle: Rect {
            mode: Some(PaintMode::Fill),
            winding_order: Some(WindingOrder::NonZero),
            ..Rect::from_xywh(Pt(x), Pt(y), Pt(w), Pt(h))
        },
    });
}

fn one_page_pdf(width_pt: f32, height_pt: f32, ops: Vec<Op>) -> Vec<u8> {
    let mut page = PdfPage::new(
        printpdf::Mm(width_pt / PT_PER_MM),
        printpdf::Mm(height_pt / PT_PER_MM),
        ops,
    );
    let page_box = Rect::from_wh(Pt(width_pt), Pt(height_pt));
    page.media_box = page_box.clone();
    page.trim_box = page_box.clone();
    page.crop_box = page_box;
    let mut doc = PdfDocument::new("fixture");
    doc.with_pages(vec![page]);
    doc.save(&PdfSaveOptions::default(), &mut Vec::new())
}

/// The size of a 10x15 cm label, in points.
pub fn size_10x15() -> (f32, f32) {
    (100.0 * PT_PER_MM, 150.0 * PT_PER_MM)
}

/// An A4 page (595 x 842 pt) holding a 10x15 cm label 30 pt from its top-left corner.
pub fn a4_holding_a_10x15_label(barcode: &str) -> Vec<u8> {
    let (w, h) = size_10x15();
    let mut ops = Vec::new();
    draw_label(&mut ops, 30.0, 842.0 - 30.0 - h, w, h, barcode);
    one_page_pdf(595.0, 842.0, ops)
}

/// A landscape 6x4 in label page (432 x 288 pt).
pub fn landscape_6x4_label(barcode: &str) -> Vec<u8> {
    let mut ops = Vec::new();
    draw_label(&mut ops, 0.0, 0.0, 432.0, 288.0, barcode);
    one_page_pdf(432.0, 288.0, ops)
}

/// A grey image read from `pdftoppm -gray` output (PGM).
pub struct Grey {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// One byte a pixel, row by row.
    pub pixels: Vec<u8>,
}

impl Grey {
    /// Renders page 1 of `pdf` at `dpi` with poppler.
    pub fn of_pdf(pdf: &std::path::Path, dpi: u32) -> Self {
        let out = std::process::Command::new("pdftoppm")
            .args(["-gray", "-singlefile", "-r", &dpi.to_string()])
            .arg(pdf)
            .output()
            .expect("pdftoppm (poppler-utils)");
        assert!(out.status.success(), "pdftoppm failed");
        Self::parse_pgm(&out.stdout)
    }

    fn parse_pgm(bytes: &[u8]) -> Self {
        // "P5\n<w> <h>\n255\n" then the pixels.
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
        }
        assert_eq!(fields[0], "P5");
        let width = fields[1].parse().expect("width");
        let height = fields[2].parse().expect("height");
        Self {
            width,
            height,
            pixels: bytes[at + 1..].to_vec(),
        }
    }

    /// Whether the pixel is dark.
    pub fn dark(&self, x: usize, y: usize) -> bool {
        self.pixels[y * self.width + x] < 128
    }

    /// The dark pixels' bounds: (left, top, right, bottom), right and bottom exclusive.
    pub fn ink_bounds(&self) -> Option<(usize, usize, usize, usize)> {
        let mut bounds: Option<(usize, usize, usize, usize)> = None;
        for y in 0..self.height {
            for x in 0..self.width {
                if self.dark(x, y) {
                    let b = bounds.get_or_insert((x, y, x + 1, y + 1));
                    *b = (b.0.min(x), b.1.min(y), b.2.max(x + 1), b.3.max(y + 1));
                }
            }
        }
        bounds
    }
}

/// What zbar reads in page 1 of `pdf` rendered at 203 dpi (e.g. "CODE-128:SBX1").
pub fn barcodes_in(pdf: &std::path::Path) -> String {
    let dir = tempfile::tempdir().expect("tmp");
    let png = dir.path().join("page");
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-singlefile", "-r", "203"])
        .arg(pdf)
        .arg(&png)
        .status()
        .expect("pdftoppm");
    assert!(status.success());
    let out = std::process::Command::new("zbarimg")
        .arg("-q")
        .arg(png.with_extension("png"))
        .output()
        .expect("zbarimg (zbar-tools)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
