use serde::{Deserialize, Serialize};

/// A sentence for people, in both interface languages (English and Chinese).
///
/// Messages are data so the UI can switch language at any time without asking the engine again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    /// English.
    pub en: String,
    /// Simplified Chinese.
    pub zh: String,
}

impl Text {
    /// Whether neither language says anything.
    pub fn is_empty(&self) -> bool {
        self.en.trim().is_empty() && self.zh.trim().is_empty()
    }

    /// A message given in both languages.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The text in the chosen language (`zh` for Chinese, anything else for English).
    pub fn in_language(&self, language: &str) -> &str {
        if language.starts_with("zh") && !self.zh.is_empty() {
            &self.zh
        } else {
            &self.en
        }
    }
}

impl std::fmt::Display for Text {
    /// English first, then Chinese: the command line serves both readers at once.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.zh.is_empty() || self.zh == self.en {
            write!(f, "{}", self.en)
        } else {
            write!(f, "{} / {}", self.en, self.zh)
        }
    }
}
