//! What the sandbox's ZYL remembers: its accounts (ile id, ile key, customer id), how many
//! label calls a new order answers "not drawn yet", and each order's own record.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use serde::Serialize;

use super::{DEMO_ZYL_ILE_ID, DEMO_ZYL_SIGN, DEMO_ZYL_USER_ID};
use crate::sandbox::state::lock;

/// The ZYL side of an order: its own numbers (the tracking number is its `conCode`), whose it
/// is, and how many label requests still find the label not drawn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ZylRecord {
    /// `orderId` (ILS…).
    pub order_id: String,
    /// `refCode`.
    pub ref_code: String,
    /// The customer id (`userId`) the order belongs to.
    pub user_id: String,
    /// findOrderLabelByCode calls still answered 51005 (label address empty); 0 once drawn.
    pub label_polls_left: u32,
    /// When the order was committed (its tracking starts then).
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// When its label was first handed out (the parcel is picked up then).
    pub label_drawn_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A ZYL account the sandbox knows: its ile key and its customer id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZylAccount {
    /// `sign` (the ile key).
    pub sign: String,
    /// `userId`.
    pub user_id: String,
}

/// ZYL labels are "not drawn yet" (51005) on the first findOrderLabelByCode call unless a test
/// says otherwise, so a client's polling is exercised once.
const DEFAULT_ZYL_LABEL_AFTER_POLLS: u32 = 1;

/// ZYL's accounts and knobs.
pub(crate) struct ZylState {
    /// ile id → its account.
    accounts: Mutex<HashMap<String, ZylAccount>>,
    label_after_polls: AtomicU32,
}

impl Default for ZylState {
    /// Knows the demo account from the start.
    fn default() -> Self {
        let state = Self {
            accounts: Mutex::default(),
            label_after_polls: AtomicU32::new(DEFAULT_ZYL_LABEL_AFTER_POLLS),
        };
        state.add_account(DEMO_ZYL_ILE_ID, DEMO_ZYL_SIGN, DEMO_ZYL_USER_ID);
        state
    }
}

impl ZylState {
    /// Accepts another ZYL ile id, with its ile key and customer id.
    pub fn add_account(&self, ile_id: &str, sign: &str, user_id: &str) {
        lock(&self.accounts).insert(
            ile_id.to_owned(),
            ZylAccount {
                sign: sign.to_owned(),
                user_id: user_id.to_owned(),
            },
        );
    }

    /// The ZYL account of an ile id.
    pub fn account(&self, ile_id: &str) -> Option<ZylAccount> {
        lock(&self.accounts).get(ile_id).cloned()
    }

    /// Whether some ZYL account has this customer id.
    pub fn user_known(&self, user_id: &str) -> bool {
        lock(&self.accounts).values().any(|a| a.user_id == user_id)
    }

    /// How many label requests ZYL orders committed from now on answer "not drawn yet" first.
    pub fn set_label_after_polls(&self, polls: u32) {
        self.label_after_polls.store(polls, Ordering::Relaxed);
    }

    /// See [`Self::set_label_after_polls`].
    pub fn label_after_polls(&self) -> u32 {
        self.label_after_polls.load(Ordering::Relaxed)
    }
}
