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
