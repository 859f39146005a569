//! Chinese (and any other non-Latin) text on shipdesk's PDFs (the sandbox's labels, the desk's documents), drawn with the bundled Noto
//! Sans SC: forwarders' real labels print the addresses as the shop typed them, so the sandbox's
//! must too (and the preview and printer paths are tested on them). Characters the font lacks
//! still show as '?'; widths come from the font itself, so lines are cut exactly.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use printpdf::BuiltinFont;

use super::text::is_win_ansi;

/// The bundled font, parsed once; `None` if it cannot be (then text falls back to '?').
pub fn face() -> Option<&'static ParsedFont> {
    static FACE: OnceLock<Option<ParsedFont>> = OnceLock::new();
    FACE.get_or_init(|| ParsedFont::from_bytes(crate::fonts::NOTO_SANS_SC, 0, &mut Vec::new()))
        .as_ref()
}

/// Whether the builtin fonts cannot draw `s` (so the bundled one should).
pub fn needs_cjk(s: &str) -> bool {
    s.chars().any(|c| !is_win_ansi(c) && !c.is_control())
}

/// `c` as it will be drawn: Latin-1 by the builtin font, anything else by the bundled one if
/// it has the glyph, a space for control characters, else '?'.
fn drawable(font: &ParsedFont, c: char) -> char {
    if c.is_control() {
        ' '
    } else if is_win_ansi(c) || font.lookup_glyph_index(u32::from(c)).is_some() {
        c
    } else {
        '?'
    }
}

/// Whether `c` is drawn by the bundled font (the builtin one cannot).
fn is_cjk(c: char) -> bool {
    !is_win_ansi(c)
}

fn char_width(font: &ParsedFont, builtin: BuiltinFont, c: char, size: f32) -> f32 {
    if !is_cjk(c) {
        return super::text::char_width(c, builtin, size);
    }
    let units = font
        .lookup_glyph_index(u32::from(c))
        .and_then(|gid| font.get_glyph_width(gid))
        .unwrap_or(font.units_per_em);
    f32::from(units) * size / f32::from(font.units_per_em.max(1))
}

/// The mixed text's width in points at `size`.
pub fn width(font: &ParsedFont, builtin: BuiltinFont, s: &str, size: f32) -> f32 {
    s.chars().map(|c| char_width(font, builtin, c, size)).sum()
}

/// `s` made drawable and cut with "..." to at most `max_w` points; with `mark_cut` the "..."
/// is added even if it fits (to flag dropped lines).
pub fn fit(
    font: &ParsedFont,
    builtin: BuiltinFont,
    s: &str,
    size: f32,
    max_w: f32,
    mark_cut: bool,
) -> String {
    let clean: String = s.chars().map(|c| drawable(font, c)).collect();
    super::text::cut_to_width(&clean, max_w, mark_cut, |c| {
        char_width(font, builtin, c, size)
    })
}

/// The text cut into runs each drawn by one font: `(true, "张伟")` by the bundled one,
/// `(false, " 8 ")` by the builtin one.
pub fn runs(s: &str) -> Vec<(bool, String)> {
    let mut runs: Vec<(bool, String)> = Vec::new();
    for c in s.chars() {
        match runs.last_mut() {
            Some((cjk, run)) if *cjk == is_cjk(c) => run.push(c),
            _ => runs.push((is_cjk(c), c.to_string())),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_measured_by_the_font_and_cut_to_fit() {
        let font = face().expect("the bundled font parses");
        let builtin = BuiltinFont::Helvetica;
        assert!(needs_cjk("张伟") && !needs_cjk("Flynn Rider"));
        // Square CJK glyphs are one em wide; Latin keeps Helvetica's widths.
        assert!((width(font, builtin, "张伟", 10.0) - 20.0).abs() < 0.5);
        assert!((width(font, builtin, "8", 10.0) - 5.56).abs() < 0.01);
        let long = "广东省深圳市南山区科技园南区一号楼";
        let cut = fit(font, builtin, long, 10.0, 60.0, false);
        assert!(cut.ends_with("..."), "{cut}");
        assert!(width(font, builtin, &cut, 10.0) <= 60.0, "{cut}");
        // Outside GB2312 (a rare character): drawn as '?', never as an empty box.
        assert_eq!(fit(font, builtin, "𠀀", 10.0, 100.0, false), "?");
        // Mixed lines go out in runs, one font each.
        assert_eq!(
            runs("南区 8 栋"),
            [
                (true, "南区".to_owned()),
                (false, " 8 ".to_owned()),
                (true, "栋".to_owned())
            ]
        );
    }
}
