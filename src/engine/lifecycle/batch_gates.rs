//! The bounds every batch keeps, buying or pricing: at most so many orders on the wire at once
//! overall, and at most each account's own concurrency setting to one account (a forwarder is
//! asked no harder for prices than for orders).

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::carriers::{self, Account};
use crate::engine::Core;
use crate::store::StoreError;

/// The accounts by name, for the gates and for each order's account.
pub(in crate::engine) async fn accounts_by_name(
    core: &Core,
) -> Result<HashMap<String, Account>, StoreError> {
    Ok(core
        .with_store(|s| s.accounts())
        .await?
        .into_iter()
        .map(|a| (a.name.clone(), a))
        .collect())
}

/// The overall gate and one gate per account, made as the batch meets each account.
pub(in crate::engine) struct BatchGates {
    overall: Arc<Semaphore>,
    per_account: HashMap<String, Arc<Semaphore>>,
}

impl BatchGates {
    /// At most `overall` orders at once in all.
    pub(in crate::engine) fn new(overall: usize) -> Self {
        Self {
            overall: Arc::new(Semaphore::new(overall)),
            per_account: HashMap::new(),
        }
    }

    /// The gates an order of `account` passes, its account's first: `(account, overall)`.
    pub(in crate::engine) fn for_account(
        &mut self,
        account: &str,
        accounts: &HashMap<String, Account>,
    ) -> (Arc<Semaphore>, Arc<Semaphore>) {
        let limit = accounts
            .get(account)
            .map_or(carriers::DEFAULT_CONCURRENCY, |a| a.settings.concurrency)
            .clamp(1, carriers::MAX_CONCURRENCY) as usize;
        let gate = self
            .per_account
            .entry(account.to_owned())
            .or_insert_with(|| Arc::new(Semaphore::new(limit)))
            .clone();
        (gate, self.overall.clone())
    }
}
