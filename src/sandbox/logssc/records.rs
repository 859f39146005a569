//! What the sandbox's logssc remembers besides the orders (accounts, tokens, previews, knobs),
//! and each order's own record.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};

use serde::Serialize;

use super::{DEMO_LOGSSC_APP_ID, DEMO_LOGSSC_APP_SECRET};
use crate::sandbox::state::{SandboxForwarder, SandboxState, lock};

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

/// 返回单号和费用 answers 1024 this many times unless a test says otherwise.
const DEFAULT_NUMBER_AFTER_POLLS: u32 = 2;
/// 返回面单 answers 1115 this many times unless a test says otherwise.
const DEFAULT_LABEL_AFTER_POLLS: u32 = 2;

/// What the sandbox's logssc remembers besides the orders.
pub(crate) struct LogsscState {
    /// appId → appSecret.
    pub(super) accounts: Mutex<HashMap<String, String>>,
    /// Issued token → appId.
    pub(super) tokens: Mutex<HashMap<String, String>>,
    /// How many tokens were ever issued.
    pub(super) tokens_issued: AtomicU32,
    /// Previewed orders not yet committed: (appId, order without credentials).
    pub(super) previews: Mutex<HashSet<(String, String)>>,
    pub(super) number_after_polls: AtomicU32,
    pub(super) label_after_polls: AtomicU32,
    pub(super) label_inline: AtomicBool,
    /// Inline labels as PNG images instead of PDFs.
    pub(super) label_png: AtomicBool,
    /// Failures for the next committed orders, oldest first.
    pub(super) failures: Mutex<VecDeque<String>>,
    /// How long orderCommit takes to place an order (and to answer), in milliseconds; 0: at once.
    pub(super) commit_delay_ms: AtomicU64,
    /// Added to every fee from now on, in cents (a tariff or surcharge change).
    pub(super) surcharge_cents: AtomicU64,
}

impl Default for LogsscState {
    /// Knows the demo account from the start.
    fn default() -> Self {
        let state = Self {
            accounts: Mutex::default(),
            tokens: Mutex::default(),
            tokens_issued: AtomicU32::new(0),
            previews: Mutex::default(),
            number_after_polls: AtomicU32::new(DEFAULT_NUMBER_AFTER_POLLS),
            label_after_polls: AtomicU32::new(DEFAULT_LABEL_AFTER_POLLS),
            label_inline: AtomicBool::new(false),
            label_png: AtomicBool::new(false),
            failures: Mutex::default(),
            commit_delay_ms: AtomicU64::new(0),
            surcharge_cents: AtomicU64::new(0),
        };
        state.add_account(DEMO_LOGSSC_APP_ID, DEMO_LOGSSC_APP_SECRET);
        state
    }
}

impl LogsscState {
    /// Accepts another appId/appSecret pair.
    pub fn add_account(&self, app_id: &str, app_secret: &str) {
        lock(&self.accounts).insert(app_id.to_owned(), app_secret.to_owned());
    }

    /// How many 1024s orders committed from now on answer before their numbers.
    pub fn set_number_after_polls(&self, polls: u32) {
        self.number_after_polls.store(polls, Ordering::Relaxed);
    }

    /// How many 1115s placed orders answer before their label.
    pub fn set_label_after_polls(&self, polls: u32) {
        self.label_after_polls.store(polls, Ordering::Relaxed);
    }

    /// Labels as base64 in the answer (`true`) or as a link (default).
    pub fn set_label_inline(&self, inline: bool) {
        self.label_inline.store(inline, Ordering::Relaxed);
    }

    /// Inline labels as base64 PNG images (some forwarders send images), not PDFs.
    pub fn set_label_png(&self, png: bool) {
        self.label_png.store(png, Ordering::Relaxed);
    }

    /// orderCommit places the order only after `millis` and answers then (0: at once).
    pub fn set_commit_delay(&self, millis: u64) {
        self.commit_delay_ms.store(millis, Ordering::Relaxed);
    }

    /// Every fee previewed or charged from now on is `cents` higher (0: the plain tariff).
    pub fn set_surcharge_cents(&self, cents: u64) {
        self.surcharge_cents.store(cents, Ordering::Relaxed);
    }

    /// The next committed order fails with `message` once its 1024s are used up.
    pub fn fail_next_order(&self, message: &str) {
        lock(&self.failures).push_back(message.to_owned());
    }

    /// Forgets every issued token (as a server does when they expire).
    pub fn expire_tokens(&self) {
        lock(&self.tokens).clear();
    }

    /// Marks `customer_number`'s order refunded, as a refund asked for in logssc's portal would.
    pub fn refund_in_portal(&self, orders: &SandboxState, customer_number: &str) {
        orders.update_order(
            |o| o.forwarder == SandboxForwarder::Logssc && o.reference == customer_number,
            |o| {
                if let Some(record) = o.logssc.as_mut() {
                    record.refunded = true;
                }
            },
        );
    }

    /// How many tokens were issued so far.
    pub fn tokens_issued(&self) -> u32 {
        self.tokens_issued.load(Ordering::Relaxed)
    }
}
