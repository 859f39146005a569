use rusqlite::{OptionalExtension as _, params};

use super::{Doing as _, Store, StoreError, now_ms};
use crate::carriers::{Account, AccountSettings, ForwarderKind};

impl Store {
    /// Adds or replaces an account's settings.
    pub fn save_account(&self, account: &Account) -> Result<(), StoreError> {
        let settings = serde_json::to_string(&account.settings).unwrap_or_else(|_| "{}".to_owned());
        self.conn
            .execute(
                "INSERT INTO accounts (name, forwarder, base_url, settings_json, builtin_sandbox, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(name) DO UPDATE SET forwarder = ?2, base_url = ?3, settings_json = ?4, builtin_sandbox = ?5",
                params![
                    account.name,
                    account.forwarder.id(),
                    account.base_url,
                    settings,
                    account.builtin_sandbox,
                    now_ms()
                ],
            )
            .doing("saving an account")?;
        Ok(())
    }

    /// All accounts, sandbox first, then by name.
    pub fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT name, forwarder, base_url, settings_json, builtin_sandbox FROM accounts
                 ORDER BY builtin_sandbox DESC, name",
            )
            .doing("listing accounts")?;
        let rows = stmt
            .query_map([], account_from_row)
            .doing("listing accounts")?;
        let mut accounts = Vec::new();
        for row in rows {
            if let Some(account) = row.doing("reading an account")? {
                accounts.push(account);
            }
        }
        Ok(accounts)
    }

    /// One account by name.
    pub fn account(&self, name: &str) -> Result<Option<Account>, StoreError> {
        let found = self
            .conn
            .query_row(
                "SELECT name, forwarder, base_url, settings_json, builtin_sandbox FROM accounts WHERE name = ?1",
                [name],
                account_from_row,
            )
            .optional()
            .doing("reading an account")?;
        Ok(found.flatten())
    }

    /// Removes an account's settings (its shipments stay in History).
    pub fn delete_account(&self, name: &str) -> Result<bool, StoreError> {
        let n = self
            .conn
            .execute("DELETE FROM accounts WHERE name = ?1", [name])
            .doing("deleting an account")?;
        // Its services list goes with it: a new account of the same name lists its own.
        self.conn
            .execute("DELETE FROM services_offered WHERE account = ?1", [name])
            .doing("deleting an account's services")?;
        Ok(n > 0)
    }
}

/// A row, or `None` for a forwarder this build does not know (written by a newer shipdesk).
fn account_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Account>> {
    let forwarder: String = row.get(1)?;
    let Some(forwarder) = ForwarderKind::parse(&forwarder) else {
        return Ok(None);
    };
    let settings: String = row.get(3)?;
    Ok(Some(Account {
        name: row.get(0)?,
        forwarder,
        base_url: row.get(2)?,
        settings: serde_json::from_str::<AccountSettings>(&settings).unwrap_or_default(),
        builtin_sandbox: row.get(4)?,
    }))
}
