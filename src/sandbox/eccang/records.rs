//! What the sandbox's ECCANG remembers: the appToken/appKey pairs it accepts, when a new order
//! tells its tracking number, and each order's own record.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{DEMO_ECCANG_APP_KEY, DEMO_ECCANG_APP_TOKEN};
use crate::sandbox::state::lock;

/// The ECCANG side of an order: its waybill number, when its tracking number is told, and
/// whether it was cancelled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EccangRecord {
    /// ECCANG's own waybill number (`order_code`, 运单号).
    pub order_code: String,
    /// getTrackNumber calls still needed before the tracking number is told; 0 once it is.
    pub polls_left: u32,
    /// When it was committed (tracking events are dated from it).
    pub created_at: DateTime<Utc>,
    /// When cancelOrder cancelled it.
    pub cancelled_at: Option<DateTime<Utc>>,
}

/// ECCANG orders tell their tracking number on the second getTrackNumber call unless a test says
/// otherwise: one "not yet" exercises a client's polling without slowing anyone down.
const DEFAULT_ECCANG_NUMBER_AFTER_POLLS: u32 = 2;

/// ECCANG's accounts and knobs.
pub(crate) struct EccangState {
    /// appToken → appKey.
    credentials: Mutex<HashMap<String, String>>,
    number_after_polls: AtomicU32,
}

impl Default for EccangState {
    /// Knows the demo pair from the start.
    fn default() -> Self {
        let state = Self {
            credentials: Mutex::default(),
            number_after_polls: AtomicU32::new(DEFAULT_ECCANG_NUMBER_AFTER_POLLS),
        };
        state.add_credentials(DEMO_ECCANG_APP_TOKEN, DEMO_ECCANG_APP_KEY);
        state
    }
}

impl EccangState {
    /// Accepts another ECCANG appToken/appKey pair.
    pub fn add_credentials(&self, app_token: &str, app_key: &str) {
        lock(&self.credentials).insert(app_token.to_owned(), app_key.to_owned());
    }

    /// Whether this appToken/appKey pair is known (both must match).
    pub fn credentials_match(&self, app_token: &str, app_key: &str) -> bool {
        lock(&self.credentials)
            .get(app_token)
            .is_some_and(|known| known == app_key)
    }

    /// How many getTrackNumber calls later ECCANG orders committed from now on get their number.
    pub fn set_number_after_polls(&self, polls: u32) {
        self.number_after_polls.store(polls, Ordering::Relaxed);
    }

    /// See [`Self::set_number_after_polls`].
    pub fn number_after_polls(&self) -> u32 {
        self.number_after_polls.load(Ordering::Relaxed)
    }
}
