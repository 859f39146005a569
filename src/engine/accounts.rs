//! Resolving an account name to what a call needs: settings, a reachable base URL, credentials.

use super::Core;
use super::error::ShipError;
use crate::carriers::{Account, AccountSettings, Credentials, ForwarderKind};
use crate::sandbox::{DEMO_OPEN_KEY_ID, DEMO_SECRET_KEY, Sandbox};
use crate::store::{Store, StoreError};

/// Name of the account that is there out of the box.
pub const SANDBOX_ACCOUNT: &str = "Sandbox";
/// Stored base URL of the built-in sandbox; resolved to the running server's address at call time.
pub const SANDBOX_BASE_URL: &str = "builtin:sandbox";

/// Creates the sandbox account if it is missing, so a new user can ship without any setup.
pub(super) fn ensure_sandbox_account(store: &Store) -> Result<(), StoreError> {
    if store.account(SANDBOX_ACCOUNT)?.is_some() {
        return Ok(());
    }
    store.save_account(&Account {
        name: SANDBOX_ACCOUNT.to_owned(),
        forwarder: ForwarderKind::WesternPost,
        base_url: SANDBOX_BASE_URL.to_owned(),
        settings: AccountSettings {
            default_service_code: "WP_GROUND".to_owned(),
            ..AccountSettings::default()
        },
        builtin_sandbox: true,
    })
}

/// An account ready for a call.
pub(super) struct ResolvedAccount {
    pub account: Account,
    pub credentials: Credentials,
}

/// Looks up the account, points it at the running sandbox if it is the built-in one, and reads
/// its credentials from the keychain (the sandbox's public demo pair needs none).
pub(super) async fn resolve(core: &Core, name: &str) -> Result<ResolvedAccount, ShipError> {
    let lookup = name.to_owned();
    let mut account = core
        .with_store(move |store| store.account(&lookup))
        .await?
        .ok_or_else(|| ShipError::NoAccount(name.to_owned()))?;
    if account.builtin_sandbox || account.base_url == SANDBOX_BASE_URL {
        let sandbox = core
            .sandbox
            .get_or_try_init(|| Sandbox::start(0))
            .await
            .map_err(|e| ShipError::Sandbox(e.to_string()))?;
        account.base_url = sandbox.base_url();
        let credentials = Credentials::from_pairs([
            ("open_key_id", DEMO_OPEN_KEY_ID),
            ("secret_key", DEMO_SECRET_KEY),
        ]);
        return Ok(ResolvedAccount {
            account,
            credentials,
        });
    }
    let keychain = core.keychain.clone();
    let account_name = account.name.clone();
    let credentials = tokio::task::spawn_blocking(move || keychain.load(&account_name))
        .await
        .map_err(|_| ShipError::Interrupted)??;
    Ok(ResolvedAccount {
        account,
        credentials,
    })
}
