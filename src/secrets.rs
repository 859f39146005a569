//! Account secrets in the OS keychain (Secret Service on Linux, Keychain on macOS, Credential
//! Manager on Windows). Nothing secret is written anywhere else: not SQLite, not config files,
//! not logs, not error text.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error as KeyringError};

use crate::carriers::Credentials;

/// The keychain "service" under which every shipdesk secret is filed.
const SERVICE: &str = "shipdesk";

/// The keychain could not do what was asked. Messages never contain secret material.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// No usable keychain on this computer (e.g. no Secret Service running, or it is locked).
    #[error(
        "the system keychain is not available ({0}); on Linux start a Secret Service such as gnome-keyring and unlock it"
    )]
    Unavailable(String),
    /// Nothing stored for this account.
    #[error("no credentials are stored in the keychain for account {0:?}")]
    NotFound(String),
    /// Stored, but not in the form shipdesk writes.
    #[error("the keychain entry for account {0:?} is damaged; enter the credentials again")]
    Damaged(String),
    /// Any other keychain failure.
    #[error("the system keychain refused: {0}")]
    Refused(String),
}

impl SecretError {
    /// What a packer reads, in both languages: what happened and what to start or do, without
    /// the keychain library's own words (those go to the log, for whoever fixes the desk).
    pub fn describe(&self) -> crate::model::Text {
        use crate::model::Text;
        tracing::warn!("keychain: {self}");
        match self {
            Self::Unavailable(_) => Text::new(
                "The system keychain cannot be reached, so the secrets were not saved. On Linux start and unlock a keychain (GNOME Keyring, or KWallet with its Secret Service), on macOS unlock Keychain, on Windows check Credential Manager; then save again. What you typed is kept.",
                "无法连接系统钥匙串，密钥未保存。Linux 请启动并解锁钥匙串（GNOME 钥匙串，或开启 Secret Service 的 KWallet），macOS 请解锁“钥匙串”，Windows 请检查“凭据管理器”，然后再保存。已填写的内容保留。",
            ),
            Self::NotFound(account) => Text::new(
                format!(
                    "No secrets are stored for account {account}: edit the account and type them again."
                ),
                format!("账号 {account} 没有已保存的密钥：请编辑该账号重新填写。"),
            ),
            Self::Damaged(account) => Text::new(
                format!(
                    "The stored secrets of account {account} are damaged: edit the account and type them again."
                ),
                format!("账号 {account} 保存的密钥已损坏：请编辑该账号重新填写。"),
            ),
            Self::Refused(_) => Text::new(
                "The system keychain refused to keep the secrets (it may be locked): unlock it and save again. What you typed is kept.",
                "系统钥匙串拒绝保存密钥（可能已锁定）：请解锁后再保存。已填写的内容保留。",
            ),
        }
    }
}

/// Where secrets are kept: the OS keychain, or an in-memory store for unit tests.
#[derive(Clone)]
pub struct Keychain {
    store: Result<Arc<CredentialStore>, String>,
}

impl Keychain {
    /// The platform's keychain. If it cannot be reached, every call says why (the app still runs:
    /// the built-in sandbox account needs no secrets).
    pub fn os() -> Self {
        let store = match keyring::Entry::store_status() {
            Ok(()) => keyring_core::get_default_store()
                .ok_or_else(|| "no credential store was set up".to_owned()),
            Err(error) => Err(describe_platform_error(error)),
        };
        Self { store }
    }

    /// A keychain that forgets everything when dropped. For tests only.
    pub fn in_memory() -> Self {
        let store = keyring_core::mock::Store::new()
            .map(|s| s as Arc<CredentialStore>)
            .map_err(|e| describe_platform_error(&e));
        Self { store }
    }

    /// A keychain that cannot be reached, as on a desktop with no Secret Service running: every
    /// call fails with `reason`. For tests of what the window says then.
    pub fn unreachable(reason: &str) -> Self {
        Self {
            store: Err(reason.to_owned()),
        }
    }

    /// Whether the keychain can be used, and if not, why.
    pub fn status(&self) -> Result<(), SecretError> {
        self.store
            .as_ref()
            .map(|_| ())
            .map_err(|reason| SecretError::Unavailable(reason.clone()))
    }

    /// Stores (or replaces) an account's credentials.
    pub fn save(&self, account: &str, credentials: &Credentials) -> Result<(), SecretError> {
        self.entry(account)?
            .set_password(&credentials.to_keychain_text())
            .map_err(|e| map_error(account, e))
    }

    /// Reads an account's credentials.
    pub fn load(&self, account: &str) -> Result<Credentials, SecretError> {
        let text = self
            .entry(account)?
            .get_password()
            .map_err(|e| map_error(account, e))?;
        Credentials::from_keychain_text(&text)
            .ok_or_else(|| SecretError::Damaged(account.to_owned()))
    }

    /// Removes an account's credentials; absent ones are not an error.
    pub fn delete(&self, account: &str) -> Result<(), SecretError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
            Err(e) => Err(map_error(account, e)),
        }
    }

    fn entry(&self, account: &str) -> Result<Entry, SecretError> {
        let store = self
            .store
            .as_ref()
            .map_err(|reason| SecretError::Unavailable(reason.clone()))?;
        Entry::new_in_store(store, SERVICE, &format!("account:{account}"))
            .map_err(|e| map_error(account, e))
    }
}

/// Turns a keychain error into ours without ever carrying the stored bytes along
/// (`BadEncoding` and `BadDataFormat` hold the secret itself).
fn map_error(account: &str, error: KeyringError) -> SecretError {
    match error {
        KeyringError::NoEntry => SecretError::NotFound(account.to_owned()),
        KeyringError::BadEncoding(_) | KeyringError::BadDataFormat(..) => {
            SecretError::Damaged(account.to_owned())
        }
        KeyringError::NoStorageAccess(e) => {
            SecretError::Unavailable(format!("locked or not permitted: {e}"))
        }
        KeyringError::PlatformFailure(e) => SecretError::Unavailable(e.to_string()),
        KeyringError::NoDefaultStore => {
            SecretError::Unavailable("no keychain on this system".to_owned())
        }
        other @ (KeyringError::TooLong(..)
        | KeyringError::Invalid(..)
        | KeyringError::BadStoreFormat(_)
        | KeyringError::NotSupportedByStore(_)) => SecretError::Refused(other.to_string()),
        _ => SecretError::Refused("unexpected keychain error".to_owned()),
    }
}

fn describe_platform_error(error: &KeyringError) -> String {
    match error {
        KeyringError::PlatformFailure(e) | KeyringError::NoStorageAccess(e) => e.to_string(),
        KeyringError::NoDefaultStore => "no keychain on this system".to_owned(),
        _ => "the keychain could not be opened".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_delete_in_memory() {
        let keychain = Keychain::in_memory();
        let creds = Credentials::from_pairs([("open_key_id", "K1"), ("secret_key", "S1")]);
        keychain.save("Main", &creds).ok();
        assert_eq!(keychain.load("Main").ok(), Some(creds));
        keychain.delete("Main").ok();
        assert!(matches!(
            keychain.load("Main"),
            Err(SecretError::NotFound(_))
        ));
    }

    #[test]
    fn debug_never_shows_values() {
        let creds = Credentials::from_pairs([("secret_key", "very-secret")]);
        assert!(!format!("{creds:?}").contains("very-secret"));
    }
}
