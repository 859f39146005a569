//! Text, rules and bars on PDF pages with printpdf's builtin Helvetica: widths from the standard
//! metrics (so lines are cut exactly, never overflow), text made drawable (WinAnsi only; see
//! [`super::cjk`] for the rest), and filled rectangles.

use printpdf::{
    BuiltinFont, Color, Greyscale, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, TextItem,
    WindingOrder,
};

/// The regular builtin font.
pub const REGULAR: BuiltinFont = BuiltinFont::Helvetica;
/// The bold builtin font.
pub const BOLD: BuiltinFont = BuiltinFont::HelveticaBold;

/// Advance widths (1/1000 em) of ASCII 32..=126 in Helvetica and
/// Helvetica-Bold, from the standard AFM metrics (as in URW Nimbus Sans).
const HELVETICA_WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const HELVETICA_BOLD_WIDTHS: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];
/// No non-ASCII WinAnsi glyph in either font is wider than this, so using it
/// for all of them may cut a line a little early but never lets one overflow.
const WIDEST_NON_ASCII: u16 = 1000;

/// Whether the builtin fonts can show `c`: their WinAnsi encoding is Latin-1
/// (without the C1 controls) plus these typographic characters in 0x80..0x9F.
pub fn is_win_ansi(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A0}'..='\u{FF}') || "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".contains(c)
}

/// `s` with every character the builtin fonts cannot show replaced: control
/// characters (tabs, stray newlines) by a space, anything else by '?'.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            c if is_win_ansi(c) => c,
            c if c.is_control() => ' ',
            _ => '?',
        })
        .collect()
}

/// The advance width of `c` in `font` at `size` points.
pub fn char_width(c: char, font: BuiltinFont, size: f32) -> f32 {
    let table = if font == BOLD {
        &HELVETICA_BOLD_WIDTHS
    } else {
        &HELVETICA_WIDTHS
    };
    let units = (c as usize)
        .checked_sub(32)
        .and_then(|i| table.get(i))
        .copied()
        .unwrap_or(WIDEST_NON_ASCII);
    f32::from(units) * size / 1000.0
}

/// The width of `s` in `font` at `size` points.
pub fn text_width(s: &str, font: BuiltinFont, size: f32) -> f32 {
    s.chars().map(|c| char_width(c, font, size)).sum()
}

/// `s` made drawable and cut with "..." to at most `max_w` points; with
/// `mark_cut` the "..." is added even if it fits (to flag dropped lines).
pub fn fit_text(s: &str, font: BuiltinFont, size: f32, max_w: f32, mark_cut: bool) -> String {
    cut_to_width(&sanitize(s), max_w, mark_cut, |c| char_width(c, font, size))
}

/// Drawable text cut with "..." to at most `max_w` points, each character `width_of` wide;
/// with `mark_cut` the "..." is added even if it fits.
pub fn cut_to_width(
    clean: &str,
    max_w: f32,
    mark_cut: bool,
    width_of: impl Fn(char) -> f32,
) -> String {
    let total: f32 = clean.chars().map(&width_of).sum();
    if !mark_cut && total <= max_w {
        return clean.to_owned();
    }
    let budget = max_w - "...".chars().map(&width_of).sum::<f32>();
    let mut out = String::new();
    let mut used = 0.0;
    for c in clean.chars() {
        used += width_of(c);
        if used > budget {
            break;
        }
        out.push(c);
    }
    // Don't leave "Main St ..." with a dangling space before the dots.
    let mut out = out.trim_end().to_owned();
    out.push_str("...");
    out
}

/// At most `max` lines, each with whether it must end in "..." (lines were dropped after it),
/// so nobody mistakes a shortened address for a complete one.
pub fn shown_lines(lines: &[String], max: usize) -> Vec<(&str, bool)> {
    lines
        .iter()
        .take(max)
        .enumerate()
        .map(|(i, line)| (line.as_str(), i + 1 == max && lines.len() > max))
        .collect()
}

/// One line of text with its baseline starting at (x, y); `grey` 0 is black.
pub fn text(ops: &mut Vec<Op>, font: BuiltinFont, size: f32, x: f32, y: f32, s: &str, grey: f32) {
    text_with(ops, PdfFontHandle::Builtin(font), size, x, y, s, grey);
}

/// [`text`] in any font.
pub fn text_with(
    ops: &mut Vec<Op>,
    font: PdfFontHandle,
    size: f32,
    x: f32,
    y: f32,
    s: &str,
    grey: f32,
) {
    if s.is_empty() {
        return;
    }
    // Each line gets its own text section because SetTextCursor is written
    // as a relative `Td`: only right after BT does it place text absolutely.
    ops.extend([
        Op::StartTextSection,
        Op::SetFillColor {
            col: grey_color(grey),
        },
        Op::SetFont {
            font,
            size: Pt(size),
        },
        Op::SetTextCursor {
            pos: Point { x: Pt(x), y: Pt(y) },
        },
        Op::ShowText {
            items: vec![TextItem::Text(s.to_owned())],
        },
        Op::EndTextSection,
    ]);
}

/// A black filled rectangle: rules, the top band and barcode bars.
pub fn fill_rect(ops: &mut Vec<Op>, x: f32, y: f32, w: f32, h: f32) {
    ops.push(Op::SetFillColor {
        col: grey_color(0.0),
    });
    ops.push(Op::DrawRectangle {
        rectangle: Rect {
            // Without an explicit mode printpdf ends the path unpainted.
            mode: Some(PaintMode::Fill),
            winding_order: Some(WindingOrder::NonZero),
            ..Rect::from_xywh(Pt(x), Pt(y), Pt(w), Pt(h))
        },
    });
}

/// A grey level: 0.0 is black, 1.0 white.
pub fn grey_color(grey: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: grey,
        icc_profile: None,
    })
}
