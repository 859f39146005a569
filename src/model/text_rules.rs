//! Which characters an order's text may hold, and the cleaning the window applies to pasted
//! text before the rules see it.

use std::borrow::Cow;

/// Invisible characters that reorder or hide text: bidirectional embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069; they can make a label read differently from what
/// was typed), the byte-order mark, and the line and paragraph separators. Left alone:
/// the left-to-right and right-to-left marks and the zero-width joiners, which Arabic,
/// Hebrew, Persian and emoji text legitimately use.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{2028}' | '\u{2029}'
    )
}

/// A character no order text may hold: a control character (NUL, ESC, tab, line breaks,
/// DEL, C1) or one of [`is_invisible`]'s.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || is_invisible(c)
}

/// Whether `text` holds a [`is_forbidden`] character.
pub fn has_forbidden(text: &str) -> bool {
    text.chars().any(is_forbidden)
}

/// A line break or tab: what pasting from a spreadsheet or an e-mail brings into a
/// single-line field.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Pasted text made single-line: each run of whitespace holding a tab or a line break
/// becomes one space, or nothing at either end. Other whitespace, and every other character
/// (NUL, ESC...), is left for the rules to refuse, so nothing disappears unseen.
pub fn clean_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_break) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let mut run_breaks = false;
    for c in text.chars() {
        if c.is_whitespace() {
            run.push(c);
            run_breaks |= is_break(c);
            continue;
        }
        if run_breaks {
            if !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push_str(&run);
        }
        run.clear();
        run_breaks = false;
        out.push(c);
    }
    if !run_breaks {
        out.push_str(&run);
    }
    Cow::Owned(out)
}

/// Full-width ASCII (`９００４８`, `ＵＳ`, `＋８６`) and the ideographic space as plain ASCII:
/// what a Chinese or Japanese input method types into a code, number or phone field.
pub fn half_width(text: &str) -> Cow<'_, str> {
    let wide = |c: char| ('\u{FF01}'..='\u{FF5E}').contains(&c) || c == '\u{3000}';
    if !text.chars().any(wide) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{3000}' => ' ',
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_breaks_become_one_space() {
        for (pasted, cleaned) in [
            ("1215 Polk St\nSuite 3", "1215 Polk St Suite 3"),
            ("1215 Polk St \r\n  Suite 3", "1215 Polk St Suite 3"),
            ("Flynn\tRider", "Flynn Rider"),
            ("\tFlynn Rider\n", "Flynn Rider"),
            ("\n\n", ""),
            ("a\u{2028}b", "a b"),
            ("two  spaces", "two  spaces"),
            (" kept ", " kept "),
            ("nul\0stays", "nul\0stays"),
            ("esc\u{1b}\tstays", "esc\u{1b} stays"),
            ("广东省\n深圳市", "广东省 深圳市"),
        ] {
            assert_eq!(clean_line(pasted), cleaned, "{pasted:?}");
        }
        assert!(matches!(clean_line("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn full_width_becomes_ascii() {
        assert_eq!(half_width("９００４８"), "90048");
        assert_eq!(half_width("ＵＳ"), "US");
        assert_eq!(half_width("＋８６　１３８"), "+86 138");
        assert_eq!(half_width("２．５"), "2.5");
        assert_eq!(half_width("广东"), "广东");
        assert!(matches!(half_width("90048"), Cow::Borrowed(_)));
    }

    #[test]
    fn what_is_forbidden() {
        for c in [
            '\0', '\u{1b}', '\t', '\n', '\r', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}',
            '\u{feff}', '\u{2028}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in [
            'a', ' ', '\u{a0}', '\u{3000}', '中', '📦', '\u{200f}', '\u{200e}', '\u{200d}', 'é',
        ] {
            assert!(!is_forbidden(c), "{c:?}");
        }
    }

    #[test]
    fn a_megabyte_is_fine() {
        let big = "ab\n".repeat(350_000);
        assert_eq!(clean_line(&big).len(), big.len() - 1);
        assert_eq!(half_width(&"９".repeat(300_000)).len(), 300_000);
    }
}
