use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

/// A way for the sandbox to misbehave on the next create request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "fault", rename_all = "snake_case")]
pub enum Fault {
    /// Commit the order, then answer only after this long.
    Slow {
        /// Delay before answering, in milliseconds.
        millis: u64,
    },
    /// A proxy's HTML "502 Bad Gateway" page; nothing is committed.
    Html502,
    /// Commit the order, then break the connection instead of answering.
    ResetAfterCommit,
    /// Commit the order, then answer with text that is not valid JSON.
    InvalidJson,
    /// Answer with the seed's authentication failure whatever the credentials.
    Unauthorized,
    /// Commit the order, then answer with a generic refusal (code 500, "系统繁忙"): a forwarder
    /// that says no after all.
    RefuseAfterCommit,
}

/// An order the sandbox has committed.
#[derive(Clone, Debug, Serialize)]
pub struct SandboxOrder {
    /// The shop's reference.
    pub reference: String,
    /// The tracking number issued.
    pub tracking_number: String,
    /// The request body as received.
    pub request: serde_json::Value,
}

/// Called with the reference of each create request as it arrives, before it is answered.
pub type ArrivalProbe = Arc<dyn Fn(&str) + Send + Sync>;

pub(super) struct SandboxState {
    pub base_url: String,
    probe: Mutex<Option<ArrivalProbe>>,
    credentials: Mutex<HashMap<String, String>>,
    faults: Mutex<VecDeque<Fault>>,
    orders: Mutex<Vec<SandboxOrder>>,
    labels: Mutex<HashMap<String, Vec<u8>>>,
    next_number: AtomicU64,
}

/// A poisoned lock only means another request panicked mid-update; the data is still usable
/// for a test server.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl SandboxState {
    pub fn new(base_url: String) -> Self {
        Self {
            base_url,
            credentials: Mutex::default(),
            probe: Mutex::default(),
            faults: Mutex::default(),
            orders: Mutex::default(),
            labels: Mutex::default(),
            // Seeded from the clock so numbers stay unique across runs of the app, as real ones are.
            next_number: AtomicU64::new(
                (chrono::Utc::now().timestamp_millis().unsigned_abs() / 10) % 9_000_000_000,
            ),
        }
    }

    pub fn add_credentials(&self, open_key_id: &str, secret_key: &str) {
        lock(&self.credentials).insert(open_key_id.to_owned(), secret_key.to_owned());
    }

    pub fn secret_for(&self, open_key_id: &str) -> Option<String> {
        lock(&self.credentials).get(open_key_id).cloned()
    }

    pub fn set_probe(&self, probe: ArrivalProbe) {
        *lock(&self.probe) = Some(probe);
    }

    pub fn probe(&self, reference: &str) {
        let probe = lock(&self.probe).clone();
        if let Some(probe) = probe {
            probe(reference);
        }
    }

    pub fn push_fault(&self, fault: Fault) {
        lock(&self.faults).push_back(fault);
    }

    pub fn next_fault(&self) -> Option<Fault> {
        lock(&self.faults).pop_front()
    }

    pub fn orders(&self) -> Vec<SandboxOrder> {
        lock(&self.orders).clone()
    }

    /// Commits an order under a fresh tracking number, unless the reference is taken
    /// (checked and inserted under one lock, so two racing requests cannot both win).
    pub fn commit(&self, reference: &str, request: serde_json::Value) -> Option<String> {
        let mut orders = lock(&self.orders);
        if orders.iter().any(|o| o.reference == reference) {
            return None;
        }
        let n = self.next_number.fetch_add(1, Ordering::Relaxed);
        let tracking_number = format!("SBX{:010}", 1_000_000_000 + n % 9_000_000_000);
        orders.push(SandboxOrder {
            reference: reference.to_owned(),
            tracking_number: tracking_number.clone(),
            request,
        });
        Some(tracking_number)
    }

    pub fn store_label(&self, token: String, pdf: Vec<u8>) {
        lock(&self.labels).insert(token, pdf);
    }

    pub fn label(&self, token: &str) -> Option<Vec<u8>> {
        lock(&self.labels).get(token).cloned()
    }
}

/// `POST /__sandbox/fault` with e.g. `{"fault": "slow", "millis": 3000}`.
pub(super) async fn inject_fault_http(
    State(state): State<Arc<SandboxState>>,
    Json(fault): Json<Fault>,
) -> StatusCode {
    state.push_fault(fault);
    StatusCode::NO_CONTENT
}

/// `GET /__sandbox/orders`: what the sandbox has committed.
pub(super) async fn orders_http(State(state): State<Arc<SandboxState>>) -> Json<Vec<SandboxOrder>> {
    Json(state.orders())
}
