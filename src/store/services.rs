//! The services (channels) each account may ship with, as its forwarder last listed them: kept
//! so the ship form's picker works offline and at once, refreshed only when asked.

use rusqlite::params;
use serde::Serialize;

use super::{Doing as _, Store, StoreError, now_ms};
use crate::carriers::OfferedService;
use crate::model::Text;

/// An account's kept services list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ServicesOffered {
    /// The account.
    pub account: String,
    /// Its services, in the forwarder's order.
    pub services: Vec<OfferedService>,
    /// When the forwarder listed them (ms since the epoch); `None`: never asked.
    pub fetched_at: Option<i64>,
}

impl Store {
    /// The services kept for `account` (empty, `fetched_at` `None`, when never listed).
    pub fn services_offered(&self, account: &str) -> Result<ServicesOffered, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT code, name_en, name_zh, fetched_at FROM services_offered
                 WHERE account = ?1 ORDER BY position",
            )
            .doing("reading the services list")?;
        let rows = stmt
            .query_map([account], |row| {
                Ok((
                    OfferedService {
                        code: row.get(0)?,
                        name: Text::new(row.get::<_, String>(1)?, row.get::<_, String>(2)?),
                    },
                    row.get::<_, i64>(3)?,
                ))
            })
            .doing("reading the services list")?;
        let mut offered = ServicesOffered {
            account: account.to_owned(),
            ..ServicesOffered::default()
        };
        for row in rows {
            let (service, fetched_at) = row.doing("reading the services list")?;
            offered.fetched_at = Some(fetched_at);
            offered.services.push(service);
        }
        Ok(offered)
    }

    /// Every account's kept services, by account name.
    pub fn all_services_offered(&self) -> Result<Vec<ServicesOffered>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT account FROM services_offered ORDER BY account")
            .doing("reading the services lists")?;
        let names = stmt
            .query_map([], |row| row.get::<_, String>(0))
            .doing("reading the services lists")?
            .collect::<Result<Vec<_>, _>>()
            .doing("reading the services lists")?;
        names
            .iter()
            .map(|name| self.services_offered(name))
            .collect()
    }

    /// Replaces `account`'s kept list with what its forwarder just listed, in one transaction
    /// (a reader never sees half a list). An empty answer keeps the old list: a host that
    /// answered "no services" for a moment must not leave the packer with nothing to pick.
    pub fn replace_services_offered(
        &mut self,
        account: &str,
        services: &[OfferedService],
    ) -> Result<(), StoreError> {
        if services.is_empty() {
            return Ok(());
        }
        let now = now_ms();
        let tx = self.conn.transaction().doing("starting a transaction")?;
        tx.execute("DELETE FROM services_offered WHERE account = ?1", [account])
            .doing("replacing the services list")?;
        for (position, service) in services.iter().enumerate() {
            tx.execute(
                "INSERT OR IGNORE INTO services_offered
                     (account, code, name_en, name_zh, position, fetched_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    account,
                    service.code,
                    service.name.en,
                    service.name.zh,
                    position as i64,
                    now
                ],
            )
            .doing("replacing the services list")?;
        }
        tx.commit().doing("saving the services list")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_kept_in_order_replaced_whole_and_never_by_nothing() {
        let dir = tempfile::tempdir().ok();
        let Some(path) = dir.as_ref().map(|d| d.path().join("s.sqlite3")) else {
            return;
        };
        let Ok(mut store) = Store::open(&path) else {
            panic!("opens");
        };
        let service = |code: &str| OfferedService {
            code: code.to_owned(),
            name: Text::new(format!("{code} en"), format!("{code} 中")),
        };
        assert_eq!(
            store.services_offered("A").ok().and_then(|s| s.fetched_at),
            None
        );
        store
            .replace_services_offered("A", &[service("Z1"), service("A1")])
            .ok();
        store.replace_services_offered("A", &[]).ok();
        let kept = store.services_offered("A").unwrap_or_default();
        assert_eq!(kept.services, vec![service("Z1"), service("A1")]);
        assert!(kept.fetched_at.is_some());
        store.replace_services_offered("A", &[service("B2")]).ok();
        let kept = store.services_offered("A").unwrap_or_default();
        assert_eq!(kept.services, vec![service("B2")]);
        assert_eq!(store.all_services_offered().map(|a| a.len()).ok(), Some(1));
    }
}
