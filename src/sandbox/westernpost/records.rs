//! What the sandbox's Western Post remembers: the openKeyId/secretKey pairs it accepts. Its
//! orders are plain [`crate::sandbox::SandboxOrder`]s: seed 000 gives an order nothing of its own.

use std::collections::HashMap;
use std::sync::Mutex;

use super::{DEMO_OPEN_KEY_ID, DEMO_SECRET_KEY};
use crate::sandbox::state::{SandboxForwarder, SandboxState, lock};

/// Western Post's accounts.
pub(crate) struct WesternPostState {
    /// openKeyId → secretKey.
    credentials: Mutex<HashMap<String, String>>,
}

impl Default for WesternPostState {
    /// Knows the demo pair from the start.
    fn default() -> Self {
        let state = Self {
            credentials: Mutex::default(),
        };
        state.add_credentials(DEMO_OPEN_KEY_ID, DEMO_SECRET_KEY);
        state
    }
}

impl WesternPostState {
    pub fn add_credentials(&self, open_key_id: &str, secret_key: &str) {
        lock(&self.credentials).insert(open_key_id.to_owned(), secret_key.to_owned());
    }

    pub fn secret_for(&self, open_key_id: &str) -> Option<String> {
        lock(&self.credentials).get(open_key_id).cloned()
    }
}

/// Commits a Western Post order under a fresh tracking number, unless the reference is taken.
pub(super) fn commit(
    state: &SandboxState,
    reference: &str,
    request: serde_json::Value,
) -> Option<String> {
    state
        .commit_as(SandboxForwarder::WesternPost, reference, request, |_| {})
        .map(|order| order.tracking_number)
}
