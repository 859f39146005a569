//! The interface language. Every visible string is written in both languages at its use site
//! (`tr(lang, "Reference", "参考号")`) so a view reads top to bottom without a lookup table.

use serde::{Deserialize, Serialize};

/// Interface language, switchable at any time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Language {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Language {
    /// The code `Text::in_language` takes.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Zh => "zh",
        }
    }
}

/// Picks the string for the language.
pub fn tr(language: Language, en: &'static str, zh: &'static str) -> &'static str {
    match language {
        Language::En => en,
        Language::Zh => zh,
    }
}

/// "1 shipment" / "2 shipments": English counts with the noun's singular or plural (Chinese
/// nouns do not change: callers write the Chinese with the number themselves).
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "label", "labels"), "1 label");
        assert_eq!(count(0, "label", "labels"), "0 labels");
        assert_eq!(count(2, "field needs", "fields need"), "2 fields need");
    }
}
