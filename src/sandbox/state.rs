use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A way for the sandbox to misbehave on the next create request (Western Post's createOrder,
/// ECCANG's `createOrder` service or ZYL's orderByApi; other calls never take a fault from the
/// queue).
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

/// The logssc side of an order: its order number, whose it is, how far its asynchronous placing
/// has got, what it costs, and whether it failed or was refunded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LogsscRecord {
    /// logssc's `orderNumber`.
    pub order_number: String,
    /// The appId that committed it.
    pub app_id: String,
    /// 返回单号和费用 calls still answered 1024; 0 once placed.
    pub number_polls_left: u32,
    /// 返回面单 calls still answered 1115 once placed; 0 once the label is ready.
    pub label_polls_left: u32,
    /// Why placing fails (answered once the number polls are used up), if it does.
    pub failure: Option<String>,
    /// The fee charged (`prepaidPrice`), as previewed.
    pub fee: String,
    /// Set when the refund was accepted.
    pub refunded: bool,
}

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

/// Called with the reference of each create request as it arrives, before it is answered.
pub type ArrivalProbe = Arc<dyn Fn(&str) + Send + Sync>;

pub(super) struct SandboxState {
    pub base_url: String,
    probe: Mutex<Option<ArrivalProbe>>,
    credentials: Mutex<HashMap<String, String>>,
    eccang_credentials: Mutex<HashMap<String, String>>,
    eccang_number_after_polls: AtomicU32,
    zyl_accounts: Mutex<HashMap<String, ZylAccount>>,
    zyl_label_after_polls: AtomicU32,
    pub(super) logssc: super::logssc::LogsscState,
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
            eccang_credentials: Mutex::default(),
            eccang_number_after_polls: AtomicU32::new(DEFAULT_ECCANG_NUMBER_AFTER_POLLS),
            zyl_accounts: Mutex::default(),
            zyl_label_after_polls: AtomicU32::new(DEFAULT_ZYL_LABEL_AFTER_POLLS),
            probe: Mutex::default(),
            logssc: Default::default(),
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

    /// Accepts another ECCANG appToken/appKey pair.
    pub fn add_eccang_credentials(&self, app_token: &str, app_key: &str) {
        lock(&self.eccang_credentials).insert(app_token.to_owned(), app_key.to_owned());
    }

    /// Whether this appToken/appKey pair is known (both must match).
    pub fn eccang_credentials_match(&self, app_token: &str, app_key: &str) -> bool {
        lock(&self.eccang_credentials)
            .get(app_token)
            .is_some_and(|known| known == app_key)
    }

    /// How many getTrackNumber calls later ECCANG orders committed from now on get their number.
    pub fn set_eccang_number_after_polls(&self, polls: u32) {
        self.eccang_number_after_polls
            .store(polls, Ordering::Relaxed);
    }

    /// See [`Self::set_eccang_number_after_polls`].
    pub fn eccang_number_after_polls(&self) -> u32 {
        self.eccang_number_after_polls.load(Ordering::Relaxed)
    }

    /// Accepts another ZYL ile id, with its ile key and customer id.
    pub fn add_zyl_account(&self, ile_id: &str, sign: &str, user_id: &str) {
        lock(&self.zyl_accounts).insert(
            ile_id.to_owned(),
            ZylAccount {
                sign: sign.to_owned(),
                user_id: user_id.to_owned(),
            },
        );
    }

    /// The ZYL account of an ile id.
    pub fn zyl_account(&self, ile_id: &str) -> Option<ZylAccount> {
        lock(&self.zyl_accounts).get(ile_id).cloned()
    }

    /// Whether some ZYL account has this customer id.
    pub fn zyl_user_known(&self, user_id: &str) -> bool {
        lock(&self.zyl_accounts)
            .values()
            .any(|a| a.user_id == user_id)
    }

    /// How many label requests ZYL orders committed from now on answer "not drawn yet" first.
    pub fn set_zyl_label_after_polls(&self, polls: u32) {
        self.zyl_label_after_polls.store(polls, Ordering::Relaxed);
    }

    /// See [`Self::set_zyl_label_after_polls`].
    pub fn zyl_label_after_polls(&self) -> u32 {
        self.zyl_label_after_polls.load(Ordering::Relaxed)
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

    pub fn next_fault(&self) -> Option<Fault> {
        lock(&self.faults).pop_front()
    }

    pub fn orders(&self) -> Vec<SandboxOrder> {
        lock(&self.orders).clone()
    }

    /// Commits a Western Post order under a fresh tracking number, unless the reference is taken.
    pub fn commit(&self, reference: &str, request: serde_json::Value) -> Option<String> {
        self.commit_as(SandboxForwarder::WesternPost, reference, request, |_| {})
            .map(|order| order.tracking_number)
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

/// ZYL labels are "not drawn yet" (51005) on the first findOrderLabelByCode call unless a test
/// says otherwise, so a client's polling is exercised once.
pub(super) const DEFAULT_ZYL_LABEL_AFTER_POLLS: u32 = 1;

/// ECCANG orders tell their tracking number on the second getTrackNumber call unless a test says
/// otherwise: one "not yet" exercises a client's polling without slowing anyone down.
pub(super) const DEFAULT_ECCANG_NUMBER_AFTER_POLLS: u32 = 2;
