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
    /// Where the parcel is (forecast until a test moves it on).
    pub status: EccangStatus,
    /// The weight modifyOrderWeight set (kg, as sent); `None`: createOrder's `order_weight`.
    pub weight_kg: Option<String>,
    /// interceptOrder's `hold_on_remark`, once intercepted.
    pub hold_remark: Option<String>,
}

/// Where an ECCANG parcel is. INFERENCE: no status table is public; carriers.md §2.3 says an
/// intercept is taken only in forecast (预报) or received (收货) status, so the sandbox plays
/// those, the parcel leaving, and the hold. The one-letter codes are the sandbox's own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EccangStatus {
    /// 已预报: forecast, not yet at the warehouse (createOrder's default, `is_auto_audit` Y).
    #[default]
    Forecast,
    /// 已收货: received and weighed at the forwarder's warehouse.
    Received,
    /// 已出货: handed on to the carrier; it can no longer be stopped.
    Shipped,
    /// 已拦截: held by interceptOrder.
    Intercepted,
}

impl EccangStatus {
    /// getOrder's `order_status` code and `order_status_name`.
    pub fn code_and_name(self) -> (&'static str, &'static str) {
        match self {
            Self::Forecast => ("P", "已预报"),
            Self::Received => ("V", "已收货"),
            Self::Shipped => ("S", "已出货"),
            Self::Intercepted => ("H", "已拦截"),
        }
    }
}

/// ECCANG orders tell their tracking number on the second getTrackNumber call unless a test says
/// otherwise: one "not yet" exercises a client's polling without slowing anyone down.
const DEFAULT_ECCANG_NUMBER_AFTER_POLLS: u32 = 2;

/// Where getTrackNumber's answer carries the number. Its real shape is not public
/// (carriers.md §2.3); these are the places real clients read it from, so a client can be held
/// to each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TrackNumberShape {
    /// `data: [{reference_no, order_code, TrackingNumber, track_status}]` (the default).
    #[default]
    DataList,
    /// `datas: [{reference_no, order_code, WayBillNumber, track_status}]`.
    DatasWayBillNumber,
    /// `{reference_no, order_code, TrackingNumber, track_status}` beside `ask`, no payload.
    TopLevel,
    /// `Data: {reference_no, order_code, shipping_method_no, track_status}`: one object, in
    /// createOrder's own names.
    DataObject,
}

/// An order whose commit is held back: the next createOrder loses its answer (the connection
/// breaks before any answer) and commits only after the next getTrackNumber has answered, as a
/// slow host's commit would land after a client's first look.
#[derive(Clone, Debug, Default)]
pub(crate) enum LateCommit {
    /// Nothing held back.
    #[default]
    Off,
    /// The next createOrder is held back.
    Armed,
    /// This reference and its params commit after the next getTrackNumber.
    Pending {
        /// The order's reference.
        reference: String,
        /// Its paramsJson.
        params: serde_json::Value,
    },
}

/// ECCANG's accounts and knobs.
pub(crate) struct EccangState {
    /// appToken → appKey.
    credentials: Mutex<HashMap<String, String>>,
    number_after_polls: AtomicU32,
    track_number_shape: Mutex<TrackNumberShape>,
    /// createOrder's refusal of a repeated reference, `{reference}` filled in; `None`: the
    /// words a client recognises (客户参考号[…]已存在).
    duplicate_words: Mutex<Option<String>>,
    /// getTrackNumber's refusal of a reference it does not have, `{reference}` filled in;
    /// `None`: 订单[…]不存在.
    not_found_words: Mutex<Option<String>>,
    late_commit: Mutex<LateCommit>,
    /// The next createOrder is refused (errCode 50048) in these words, nothing committed.
    refuse_next: Mutex<Option<String>>,
}

impl Default for EccangState {
    /// Knows the demo pair from the start.
    fn default() -> Self {
        let state = Self {
            credentials: Mutex::default(),
            number_after_polls: AtomicU32::new(DEFAULT_ECCANG_NUMBER_AFTER_POLLS),
            track_number_shape: Mutex::default(),
            duplicate_words: Mutex::default(),
            not_found_words: Mutex::default(),
            late_commit: Mutex::default(),
            refuse_next: Mutex::default(),
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

    /// Where getTrackNumber answers put the number from now on.
    pub fn set_track_number_shape(&self, shape: TrackNumberShape) {
        *lock(&self.track_number_shape) = shape;
    }

    /// See [`Self::set_track_number_shape`].
    pub fn track_number_shape(&self) -> TrackNumberShape {
        *lock(&self.track_number_shape)
    }

    /// How a repeated reference is refused (`None`: the recognised words).
    pub fn set_duplicate_words(&self, words: Option<String>) {
        *lock(&self.duplicate_words) = words;
    }

    /// The refusal of repeated `reference`.
    pub fn duplicate_words(&self, reference: &str) -> String {
        lock(&self.duplicate_words).as_deref().map_or_else(
            || format!("客户参考号[{reference}]已存在"),
            |words| words.replace("{reference}", reference),
        )
    }

    /// How an unknown reference is refused by getTrackNumber (`None`: 订单[…]不存在).
    pub fn set_not_found_words(&self, words: Option<String>) {
        *lock(&self.not_found_words) = words;
    }

    /// The refusal of unknown `numbers`.
    pub fn not_found_words(&self, numbers: &str) -> String {
        lock(&self.not_found_words).as_deref().map_or_else(
            || format!("订单[{numbers}]不存在"),
            |words| words.replace("{reference}", numbers),
        )
    }

    /// Holds back the next createOrder's commit (see [`LateCommit`]).
    pub fn arm_late_commit(&self) {
        *lock(&self.late_commit) = LateCommit::Armed;
    }

    /// For a createOrder: whether it is the one held back (then its order is kept aside).
    pub fn hold_back(&self, reference: &str, params: &serde_json::Value) -> bool {
        let mut late = lock(&self.late_commit);
        if !matches!(*late, LateCommit::Armed) {
            return false;
        }
        *late = LateCommit::Pending {
            reference: reference.to_owned(),
            params: params.clone(),
        };
        true
    }

    /// The order held back, once: for getTrackNumber to commit after it answered.
    pub fn take_held_back(&self) -> Option<(String, serde_json::Value)> {
        let mut late = lock(&self.late_commit);
        match std::mem::take(&mut *late) {
            LateCommit::Pending { reference, params } => Some((reference, params)),
            other => {
                *late = other;
                None
            }
        }
    }

    /// Refuses the next createOrder in `words` (errCode 50048), committing nothing.
    pub fn refuse_next_order(&self, words: &str) {
        *lock(&self.refuse_next) = Some(words.to_owned());
    }

    /// The refusal of this createOrder, once.
    pub fn take_refusal(&self) -> Option<String> {
        lock(&self.refuse_next).take()
    }
}
