use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ForwarderKind;

/// A publicly known API address of a forwarder ("Test", "Production").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownHost {
    /// English name.
    pub label_en: &'static str,
    /// Chinese name.
    pub label_zh: &'static str,
    /// The base URL.
    pub url: &'static str,
}

/// One forwarder-specific account setting (not a secret).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SettingField {
    /// Key in [`AccountSettings::fields`] and on the command line (`--setting key=value`).
    pub key: &'static str,
    /// English label.
    pub label_en: &'static str,
    /// Chinese label.
    pub label_zh: &'static str,
    /// The value used while the account leaves it empty.
    pub default: &'static str,
    /// The values it may take, when it is a choice; empty for free text.
    pub choices: &'static [SettingChoice],
}

/// One value a choice setting may take, and how it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SettingChoice {
    /// Stored value (and what `--setting key=value` takes).
    pub value: &'static str,
    /// English label.
    pub label_en: &'static str,
    /// Chinese label.
    pub label_zh: &'static str,
}

impl SettingField {
    /// Whether `value` may be stored: any text, or one of the choices.
    pub fn accepts(&self, value: &str) -> bool {
        self.choices.is_empty()
            || value.trim().is_empty()
            || self.choices.iter().any(|c| c.value == value.trim())
    }
}

/// Key under which the engine hands a forwarder's session token to its calls, besides the
/// account's secrets. Never stored: it lives in memory for the life of the engine.
pub const SESSION_TOKEN: &str = "session_token";

/// One secret an account needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecretField {
    /// Key in [`Credentials`] and on standard input (`key=value`).
    pub key: &'static str,
    /// English label.
    pub label_en: &'static str,
    /// Chinese label.
    pub label_zh: &'static str,
}

impl SecretField {
    /// A secret under `key`, labelled in English and Chinese (for the dialects' tables).
    pub const fn new(key: &'static str, label_en: &'static str, label_zh: &'static str) -> Self {
        Self {
            key,
            label_en,
            label_zh,
        }
    }
}

/// Settings of a forwarder account: everything but secrets, safe to store in SQLite.
/// Forwarder-specific ones live in `fields`, described by [`ForwarderKind::setting_fields`], so
/// the window and the command line need no code of their own per forwarder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, from = "StoredSettings")]
pub struct AccountSettings {
    /// Service code used when an order gives none.
    pub default_service_code: String,
    /// Print the label on the desk's label printer as soon as it arrives (once per label).
    pub auto_print: bool,
    /// How long to wait for a forwarder's answer before calling it lost.
    pub timeout_secs: u64,
    /// How many orders of a batch go to this account at once (under the batch's overall cap).
    pub concurrency: u32,
    /// The forwarder's own settings, by [`ForwarderKind::setting_fields`] key; a key left out
    /// (or empty) means that field's default.
    pub fields: BTreeMap<String, String>,
}

/// Orders of a batch sent to one account at once, unless its settings say otherwise: what the
/// forwarders' gateways take without throttling a shop.
pub const DEFAULT_CONCURRENCY: u32 = 4;
/// The most orders sent to one account at once.
pub const MAX_CONCURRENCY: u32 = 32;

impl Default for AccountSettings {
    fn default() -> Self {
        Self {
            default_service_code: String::new(),
            auto_print: false,
            timeout_secs: 30,
            concurrency: DEFAULT_CONCURRENCY,
            fields: BTreeMap::new(),
        }
    }
}

/// Settings as stored, including the named fields earlier versions kept for Western Post
/// (`signed_path`) and ZYL (`user_id`, `zyl_auth`): read once and moved into `fields`.
#[derive(Deserialize)]
#[serde(default)]
struct StoredSettings {
    default_service_code: String,
    auto_print: bool,
    timeout_secs: u64,
    concurrency: u32,
    fields: BTreeMap<String, String>,
    signed_path: String,
    user_id: String,
    zyl_auth: String,
}

impl Default for StoredSettings {
    fn default() -> Self {
        let current = AccountSettings::default();
        Self {
            default_service_code: current.default_service_code,
            auto_print: current.auto_print,
            timeout_secs: current.timeout_secs,
            concurrency: current.concurrency,
            fields: current.fields,
            signed_path: String::new(),
            user_id: String::new(),
            zyl_auth: String::new(),
        }
    }
}

impl From<StoredSettings> for AccountSettings {
    fn from(stored: StoredSettings) -> Self {
        let mut fields = stored.fields;
        for (key, old) in [
            (super::westernpost::SIGNED_PATH.key, stored.signed_path),
            (super::zyl::USER_ID.key, stored.user_id),
            (super::zyl::AUTH.key, stored.zyl_auth),
        ] {
            if !old.trim().is_empty() {
                fields.entry(key.to_owned()).or_insert(old);
            }
        }
        Self {
            default_service_code: stored.default_service_code,
            auto_print: stored.auto_print,
            timeout_secs: stored.timeout_secs,
            concurrency: stored.concurrency.clamp(1, MAX_CONCURRENCY),
            fields,
        }
    }
}

impl AccountSettings {
    /// These settings with `field` set to `value` (building an account in code and tests).
    pub fn with(mut self, field: &SettingField, value: &str) -> Self {
        self.set_field(field, value);
        self
    }

    /// Sets a forwarder-specific setting (empty removes it, so the default applies).
    pub fn set_field(&mut self, field: &SettingField, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            self.fields.remove(field.key);
        } else {
            self.fields.insert(field.key.to_owned(), value.to_owned());
        }
    }

    /// A forwarder-specific setting: the stored value, else `field`'s default.
    pub fn field(&self, field: &SettingField) -> &str {
        self.fields
            .get(field.key)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .unwrap_or(field.default)
    }
}

/// A forwarder account the shop ships with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// The shop's name for it, unique.
    pub name: String,
    /// Which forwarder.
    pub forwarder: ForwarderKind,
    /// Where the forwarder's API lives (scheme, host, optional prefix), e.g. `https://dms.xiyou56.com`.
    pub base_url: String,
    /// Everything else.
    pub settings: AccountSettings,
    /// The built-in sandbox account: its demo credentials are public and live in code.
    pub builtin_sandbox: bool,
}

impl Account {
    /// `base_url` + `path`, with exactly one slash between.
    pub fn url(&self, path: &str) -> String {
        format!(
            "{}/{}",
            self.base_url.trim_end_matches('/'),
            path.trim_start_matches('/')
        )
    }
}

/// An account's secrets, by [`SecretField::key`]. Never printed: `Debug` shows only the keys.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Credentials(BTreeMap<String, String>);

impl Credentials {
    /// From key/value pairs.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        Self(
            pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }

    /// One secret, or "" when absent.
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map(String::as_str).unwrap_or("")
    }

    /// These credentials with one more value (e.g. the session token).
    pub fn with(&self, key: &str, value: &str) -> Credentials {
        let mut more = self.0.clone();
        more.insert(key.to_owned(), value.to_owned());
        Self(more)
    }

    /// All values, for checking that none leaked somewhere.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.0.values().map(String::as_str)
    }

    /// The keys present.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// These credentials with `newer`'s values taking precedence.
    pub fn merged_with(&self, newer: &Credentials) -> Credentials {
        let mut merged = self.0.clone();
        merged.extend(newer.0.iter().map(|(k, v)| (k.clone(), v.clone())));
        Self(merged)
    }

    /// Serialises for the keychain (the only place it is written).
    pub fn to_keychain_text(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }

    /// Parses what [`Self::to_keychain_text`] wrote.
    pub fn from_keychain_text(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok().map(Self)
    }

    /// Parses `key=value` lines (standard input of `accounts add`); blank lines and `#` comments skipped.
    pub fn parse_lines(text: &str) -> Result<Self, String> {
        let mut map = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                // Never echo the line: it may be a secret typed without its key.
                return Err(format!("line {} is not in the form key=value", n + 1));
            };
            map.insert(key.trim().to_owned(), value.trim().to_owned());
        }
        Ok(Self(map))
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.0.keys()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_stored_by_earlier_versions_move_into_fields() {
        let stored = r#"{"default_service_code":"P12EXP","auto_print":true,"timeout_secs":20,
            "signed_path":"/open-api/{service}","user_id":"1111","zyl_auth":"md5_header"}"#;
        let settings: AccountSettings = serde_json::from_str(stored).expect("reads");
        assert_eq!(settings.default_service_code, "P12EXP");
        assert!(settings.auto_print);
        assert_eq!(settings.timeout_secs, 20);
        assert_eq!(
            settings.field(&crate::carriers::westernpost::SIGNED_PATH),
            "/open-api/{service}"
        );
        assert_eq!(crate::carriers::zyl::user_id(&settings), "1111");
        assert_eq!(
            crate::carriers::zyl::auth_mode(&settings),
            crate::carriers::zyl::AuthMode::Md5Header
        );
        // Written back, only the current shape remains, and it reads the same.
        let written = serde_json::to_string(&settings).expect("writes");
        let top: serde_json::Value = serde_json::from_str(&written).expect("json");
        for old in ["signed_path", "user_id", "zyl_auth"] {
            assert!(top.get(old).is_none(), "{written}");
        }
        let again: AccountSettings = serde_json::from_str(&written).expect("reads again");
        assert_eq!(again, settings);
    }

    #[test]
    fn a_choice_accepts_only_its_values_and_empty_means_the_default() {
        let field = crate::carriers::eccang::FEE_PREVIEW;
        assert!(field.accepts("on") && field.accepts(" off ") && field.accepts(""));
        assert!(!field.accepts("yes"));
        let settings = AccountSettings::default();
        assert_eq!(settings.field(&field), "off");
        assert!(crate::carriers::eccang::previews_fee(
            &settings.with(&field, "on")
        ));
        // Free text takes anything.
        assert!(crate::carriers::zyl::USER_ID.accepts("10001"));
    }
}
