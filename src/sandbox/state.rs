//! What the sandbox remembers across requests: the committed orders of every forwarder (each
//! with its own references), the label store, the arrival probe and the fault queue. Each
//! forwarder's own records and knobs are in its folder's `records.rs`, held here side by side.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

use super::Fault;
use super::eccang::{EccangRecord, EccangState};
use super::logssc::{LogsscRecord, LogsscState};
use super::westernpost::WesternPostState;
use super::zyl::{ZylRecord, ZylState};

/// Which forwarder's protocol committed an order. The sandbox plays several, and each keeps
/// its own references: the same reference at two forwarders is two orders, as in real life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SandboxForwarder {
    /// Western Post (seed 000).
    WesternPost,
    /// ECCANG TOMS (seed 001).
    Eccang,
    /// ZYL ILE OMS (seed 002).
    Zyl,
    /// logssc Shipping Solution API (seed 003).
    Logssc,
}

/// An order the sandbox has committed.
#[derive(Clone, Debug, Serialize)]
pub struct SandboxOrder {
    /// Whose protocol committed it.
    pub forwarder: SandboxForwarder,
    /// The shop's reference.
    pub reference: String,
    /// The tracking number issued (for ECCANG: reserved at once, told only when
    /// [`EccangRecord::polls_left`] reaches 0).
    pub tracking_number: String,
    /// The request body as received (for ECCANG: the parsed `paramsJson`).
    pub request: serde_json::Value,
    /// What only an ECCANG order has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eccang: Option<EccangRecord>,
    /// What only a ZYL order has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zyl: Option<ZylRecord>,
    /// What only a logssc order has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logssc: Option<LogsscRecord>,
}

/// Called with the reference of each create request as it arrives, before it is answered.
pub type ArrivalProbe = Arc<dyn Fn(&str) + Send + Sync>;

pub(super) struct SandboxState {
    pub base_url: String,
    probe: Mutex<Option<ArrivalProbe>>,
    pub(super) westernpost: WesternPostState,
    pub(super) eccang: EccangState,
    pub(super) zyl: ZylState,
    pub(super) logssc: LogsscState,
    faults: Mutex<VecDeque<Fault>>,
    /// Create requests received, whatever became of them.
    creates_received: AtomicU64,
    /// Every create without a fault of its own is answered this late (0: at once).
    create_delay_ms: AtomicU64,
    orders: Mutex<Vec<SandboxOrder>>,
    labels: Mutex<HashMap<String, Vec<u8>>>,
    next_number: AtomicU64,
}

/// A poisoned lock only means another request panicked mid-update; the data is still usable
/// for a test server.
pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl SandboxState {
    pub fn new(base_url: String) -> Self {
        Self {
            base_url,
            westernpost: WesternPostState::default(),
            eccang: EccangState::default(),
            zyl: ZylState::default(),
            logssc: LogsscState::default(),
            probe: Mutex::default(),
            faults: Mutex::default(),
            creates_received: AtomicU64::new(0),
            create_delay_ms: AtomicU64::new(0),
            orders: Mutex::default(),
            labels: Mutex::default(),
            // Seeded from the clock so numbers stay unique across runs of the app, as real ones are.
            next_number: AtomicU64::new(
                (chrono::Utc::now().timestamp_millis().unsigned_abs() / 10) % 9_000_000_000,
            ),
        }
    }

    /// A fresh serial number, unique for the life of the sandbox.
    pub fn next_serial(&self) -> u64 {
        self.next_number.fetch_add(1, Ordering::Relaxed)
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

    /// The fault for the create request that just arrived, if one is queued; when none, a slow
    /// answer if every create is to be slow. Every forwarder's create handler asks first thing,
    /// so this is also where create requests are counted.
    pub fn next_fault(&self) -> Option<Fault> {
        self.creates_received.fetch_add(1, Ordering::Relaxed);
        lock(&self.faults).pop_front().or_else(|| {
            let millis = self.create_delay_ms.load(Ordering::Relaxed);
            (millis > 0).then_some(Fault::Slow { millis })
        })
    }

    /// Every create without a fault of its own is answered `millis` late (0: at once).
    pub fn set_create_delay(&self, millis: u64) {
        self.create_delay_ms.store(millis, Ordering::Relaxed);
    }

    /// How many create requests arrived, answered or not.
    pub fn creates_received(&self) -> u64 {
        self.creates_received.load(Ordering::Relaxed)
    }

    pub fn orders(&self) -> Vec<SandboxOrder> {
        lock(&self.orders).clone()
    }

    /// Commits an order under a fresh tracking number, unless this forwarder already has the
    /// reference (checked and inserted under one lock, so two racing requests cannot both win).
    /// `complete` adds the forwarder's own part before the order is stored; the stored order is
    /// returned.
    pub fn commit_as(
        &self,
        forwarder: SandboxForwarder,
        reference: &str,
        request: serde_json::Value,
        complete: impl FnOnce(&mut SandboxOrder),
    ) -> Option<SandboxOrder> {
        let mut orders = lock(&self.orders);
        if orders
            .iter()
            .any(|o| o.forwarder == forwarder && o.reference == reference)
        {
            return None;
        }
        let n = self.next_number.fetch_add(1, Ordering::Relaxed);
        let mut order = SandboxOrder {
            forwarder,
            reference: reference.to_owned(),
            tracking_number: format!("SBX{:010}", 1_000_000_000 + n % 9_000_000_000),
            request,
            eccang: None,
            zyl: None,
            logssc: None,
        };
        complete(&mut order);
        orders.push(order.clone());
        Some(order)
    }

    /// Runs `change` on the first order `find` picks, under the orders lock, so a read and the
    /// write it leads to cannot interleave with another request's.
    pub fn update_order<R>(
        &self,
        find: impl Fn(&SandboxOrder) -> bool,
        change: impl FnOnce(&mut SandboxOrder) -> R,
    ) -> Option<R> {
        lock(&self.orders).iter_mut().find(|o| find(o)).map(change)
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
