//! Drawing on PDF pages, shared by everything shipdesk renders: the sandbox's labels and the
//! desk's documents (the end-of-day handover list). Latin text uses the builtin Helvetica;
//! a line it cannot draw (Chinese) goes in the bundled Noto Sans SC ([`cjk`]), run by run.

pub mod cjk;
pub mod code128;
pub mod text;

use printpdf::{
    BuiltinFont, FontId, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, Rect,
};

use text::{fit_text, text, text_with};

/// A4's width in PDF points.
pub const A4_W: f32 = 595.28;
/// A4's height in PDF points.
pub const A4_H: f32 = 841.89;

/// The bundled CJK font as added to one document.
pub struct Cjk {
    id: FontId,
    font: &'static printpdf::ParsedFont,
}

impl Cjk {
    /// Adds the bundled font to `doc`; `None` when it cannot be parsed (text then shows '?').
    pub fn add_to(doc: &mut PdfDocument) -> Option<Self> {
        let font = cjk::face()?;
        Some(Self {
            id: doc.add_font(font),
            font,
        })
    }

    /// The width of the mixed text `s` at `size`, Latin runs in `font`.
    pub fn width(&self, font: BuiltinFont, s: &str, size: f32) -> f32 {
        cjk::width(self.font, font, s, size)
    }
}

/// One line fitted to `max_w` and drawn at (x, y): with the builtin `font` when it can show
/// the line, else with the bundled CJK font at the same size.
#[allow(clippy::too_many_arguments)]
pub fn line(
    ops: &mut Vec<Op>,
    cjk: Option<&Cjk>,
    font: BuiltinFont,
    size: f32,
    (x, y): (f32, f32),
    max_w: f32,
    s: &str,
    (grey, mark_cut): (f32, bool),
) {
    let Some(cjk) = cjk.filter(|_| cjk::needs_cjk(s)) else {
        let fitted = fit_text(s, font, size, max_w, mark_cut);
        text(ops, font, size, x, y, &fitted, grey);
        return;
    };
    // Latin runs in the builtin font, the rest in the bundled one, side by side.
    let fitted = cjk::fit(cjk.font, font, s, size, max_w, mark_cut);
    let mut at = x;
    for (is_cjk, run) in cjk::runs(&fitted) {
        let handle = if is_cjk {
            PdfFontHandle::External(cjk.id.clone())
        } else {
            PdfFontHandle::Builtin(font)
        };
        text_with(ops, handle, size, at, y, &run, grey);
        at += cjk::width(cjk.font, font, &run, size);
    }
}

/// A page exactly `width` x `height` points: its media, trim and crop boxes set in points, so
/// the printer and poppler read the size the stock has, not a rounded millimetre conversion.
pub fn page(width: f32, height: f32, ops: Vec<Op>) -> PdfPage {
    const PT_PER_MM: f32 = 72.0 / 25.4;
    let mut page = PdfPage::new(
        printpdf::Mm(width / PT_PER_MM),
        printpdf::Mm(height / PT_PER_MM),
        ops,
    );
    let page_box = Rect::from_wh(Pt(width), Pt(height));
    page.media_box = page_box.clone();
    page.trim_box = page_box.clone();
    page.crop_box = page_box;
    page
}

/// `doc` with `pages` as PDF bytes; `None` when the writer produced no document (printpdf
/// swallows write errors and would hand back an empty buffer).
pub fn save(mut doc: PdfDocument, pages: Vec<PdfPage>) -> Option<Vec<u8>> {
    doc.with_pages(pages);
    let bytes = doc.save(&PdfSaveOptions::default(), &mut Vec::new());
    bytes.starts_with(b"%PDF").then_some(bytes)
}
