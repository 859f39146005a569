//! Resolving an account name to what a call needs: settings, a reachable base URL, credentials.

use super::Core;
use super::error::ShipError;
use crate::carriers::{Account, Credentials};
use crate::model::Text;
use crate::sandbox::Sandbox;
use crate::store::{Store, StoreError};

/// Name of the account that is there out of the box.
pub const SANDBOX_ACCOUNT: &str = "Sandbox";
/// Stored base URL of the built-in sandbox; resolved to the running server's address at call time.
pub const SANDBOX_BASE_URL: &str = "builtin:sandbox";

/// Creates the built-in sandbox accounts that are missing (one a forwarder: "Sandbox" for
/// Western Post, then "Sandbox ECCANG", "Sandbox ZYL", "Sandbox logssc"), so a new user can
/// ship with every forwarder without any setup. An account the user made under such a name is
/// left as it is.
pub(super) fn ensure_sandbox_accounts(store: &Store) -> Result<(), StoreError> {
    for (name, forwarder, settings) in crate::sandbox::demo_accounts() {
        if store.account(name)?.is_some() {
            continue;
        }
        store.save_account(&Account {
            name: name.to_owned(),
            forwarder,
            base_url: SANDBOX_BASE_URL.to_owned(),
            settings,
            builtin_sandbox: true,
        })?;
    }
    Ok(())
}

/// An account ready for a call.
pub(super) struct ResolvedAccount {
    pub account: Account,
    pub credentials: Credentials,
}

/// Looks up the account, points it at the running sandbox if it is the built-in one (or an
/// account whose base URL is `builtin:sandbox`), and reads its credentials from the keychain
/// (the sandbox's public demo credentials for its forwarder need none).
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
        let credentials = crate::sandbox::demo_credentials(account.forwarder);
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

/// The rules an account's own settings must meet before it is saved, from the window or the
/// command line alike: a name, an http(s) base URL, and only settings its forwarder has, each
/// with a value it accepts. Nothing here needs the store or the keychain.
pub fn check_account(account: &Account) -> Result<(), ShipError> {
    let invalid = |en: String, zh: String| Err(ShipError::AccountInvalid(Text::new(en, zh)));
    if account.name.trim().is_empty() {
        return invalid("Give the account a name.".into(), "请填写账号名称。".into());
    }
    if !(account.base_url.starts_with("http://") || account.base_url.starts_with("https://")) {
        return invalid(
            "The base URL must start with http:// or https://.".into(),
            "接口地址须以 http:// 或 https:// 开头。".into(),
        );
    }
    let kind = account.forwarder;
    let known = kind.setting_fields();
    for (key, value) in &account.settings.fields {
        let Some(field) = known.iter().find(|f| f.key == key) else {
            let names: Vec<&str> = known.iter().map(|f| f.key).collect();
            return if names.is_empty() {
                invalid(
                    format!("{} has no settings of its own (--setting {key})", kind.id()),
                    format!("{}没有自己的设置项（{key}）", kind.display_name().zh),
                )
            } else {
                invalid(
                    format!(
                        "{} has no setting {key:?}; known: {}",
                        kind.id(),
                        names.join(", ")
                    ),
                    format!(
                        "{}没有设置项 {key:?}；可用：{}",
                        kind.display_name().zh,
                        names.join("、")
                    ),
                )
            };
        };
        if !field.accepts(value) {
            let allowed: Vec<&str> = field.choices.iter().map(|c| c.value).collect();
            return invalid(
                format!(
                    "{key} must be one of {} (not {:?})",
                    allowed.join(", "),
                    value.trim()
                ),
                format!(
                    "{key} 只能是 {}（不是 {:?}）",
                    allowed.join("、"),
                    value.trim()
                ),
            );
        }
    }
    Ok(())
}

/// Saves an account's settings, and its secrets to the keychain when given (a new account must
/// have them; editing may keep the stored ones). The keychain call runs on a blocking thread.
pub(super) async fn save_account(
    core: &Core,
    account: Account,
    credentials: Option<Credentials>,
) -> Result<String, ShipError> {
    check_account(&account)?;
    let name = account.name.trim().to_owned();
    let lookup = name.clone();
    let existing = core.with_store(move |s| s.account(&lookup)).await?;
    if existing.as_ref().is_some_and(|a| a.builtin_sandbox) {
        return Err(ShipError::AccountInvalid(Text::new(
            "The built-in Sandbox account cannot be changed; add a new account instead.",
            "内置沙盒账号不能修改，请新建账号。",
        )));
    }
    match credentials {
        Some(typed) => {
            // Editing: secrets left blank keep their stored values.
            let credentials = if existing.is_some() {
                let keychain = core.keychain.clone();
                let stored_name = name.clone();
                let stored = tokio::task::spawn_blocking(move || keychain.load(&stored_name))
                    .await
                    .map_err(|_| ShipError::Interrupted)?
                    .unwrap_or_default();
                stored.merged_with(&typed)
            } else {
                typed
            };
            let missing: Vec<&'static str> = account
                .forwarder
                .secret_fields()
                .iter()
                .filter(|f| credentials.get(f.key).is_empty())
                .map(|f| f.key)
                .collect();
            if !missing.is_empty() {
                return Err(ShipError::MissingSecrets {
                    forwarder: account.forwarder,
                    missing,
                });
            }
            let keychain = core.keychain.clone();
            let keychain_name = name.clone();
            tokio::task::spawn_blocking(move || keychain.save(&keychain_name, &credentials))
                .await
                .map_err(|_| ShipError::Interrupted)??;
        }
        None if existing.is_none() => {
            return Err(ShipError::AccountInvalid(Text::new(
                "A new account needs its secrets.",
                "新账号需要填写密钥。",
            )));
        }
        None => {}
    }
    let account = Account {
        name: name.clone(),
        base_url: account.base_url.trim_end_matches('/').to_owned(),
        builtin_sandbox: false,
        ..account
    };
    core.with_store(move |s| s.save_account(&account)).await?;
    Ok(name)
}

/// Removes an account and its keychain entry; History keeps its shipments. The built-in
/// sandbox account stays.
pub(super) async fn delete_account(core: &Core, name: String) -> Result<String, ShipError> {
    let lookup = name.clone();
    let existing = core.with_store(move |s| s.account(&lookup)).await?;
    match existing {
        None => return Err(ShipError::NoAccount(name)),
        Some(account) if account.builtin_sandbox || account.name == SANDBOX_ACCOUNT => {
            return Err(ShipError::AccountInvalid(Text::new(
                "The built-in Sandbox account stays.",
                "内置沙盒账号不能删除。",
            )));
        }
        Some(_) => {}
    }
    let lookup = name.clone();
    core.with_store(move |s| s.delete_account(&lookup)).await?;
    let keychain = core.keychain.clone();
    let keychain_name = name.clone();
    tokio::task::spawn_blocking(move || keychain.delete(&keychain_name))
        .await
        .map_err(|_| ShipError::Interrupted)??;
    Ok(name)
}

/// "Test connection": one harmless signed call; says plainly whether the forwarder accepted the
/// credentials and signature, with its own words. Only an answer its dialect recognises as an
/// acceptance reads "Connected"; a recognised refusal says the credentials were refused; any
/// other answer, or none, reads "Not confirmed" with what was said.
pub(super) async fn test_connection(core: &Core, name: &str) -> Result<Text, Text> {
    let resolved = resolve(core, name).await.map_err(|e| e.describe())?;
    let forwarder = crate::carriers::forwarder(resolved.account.forwarder);
    let nonce = super::nonce();
    let Some(request) = forwarder.connection_test_request(
        &resolved.account,
        &resolved.credentials,
        crate::store::now_ms(),
        &nonce,
    ) else {
        return Err(Text::new(
            "This forwarder has no harmless call to test with; ship a test order on its test server instead.",
            "该物流商没有可用于测试的接口，请在其测试环境下一票测试单。",
        ));
    };
    let request = request.map_err(|e| e.describe())?;
    let forwarder_name = resolved.account.forwarder.display_name();
    let answer = super::http::send(
        &core.http,
        &request,
        super::lifecycle::ship::timeout(&resolved.account),
    )
    .await
    .map_err(|e| {
        crate::carriers::not_confirmed(
            &forwarder_name,
            crate::carriers::ForwarderError::local(e.message),
        )
        .describe()
    })?;
    forwarder
        .parse_connection_test(&answer)
        .map_err(|error| {
            // Whatever a dialect says that is not a refusal of the credentials is, at most,
            // not confirmed.
            if error.authentication {
                error
            } else {
                crate::carriers::not_confirmed(&forwarder_name, error)
            }
        })
        .map_err(|e| e.describe())
}
