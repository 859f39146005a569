//! logssc "Shipping Solution API", seed 003 (LSO orders at `syco-api.logssc.com`):
//! token → fee preview → asynchronous `orderCommit` → 返回单号和费用 polled (1024 = still working)
//! → 返回面单 polled (1115 = not ready) → 退款申请 when an order fails.
//!
//! The seed documents only `orderCommit` (its request, its answer and the callback bodies, which
//! equal 返回单号和费用's answers). The token, fee preview, 返回单号和费用, 返回面单 and refund calls
//! are named but not shown, so their paths are account settings ([`SETTING_FIELDS`]) and their
//! shapes documented defaults (README, "logssc"):
//! - every call is a JSON POST carrying `token` and `appId` first, then its own fields;
//! - token: `{appId, appSecret}` → `data` is the token (or `data.token`);
//! - fee preview: the commit body itself → `data` holds the fee (`totalFee`, `prepaidPrice`, …);
//! - 返回单号和费用: `{orderNumber, customerNumber}` → the callback bodies;
//! - 返回面单 and refund: `{orderNumber, customerNumber}` → `data` is a URL or base64 PDF / `code` 200.
//!
//! - `settings`: the paths and the sender profile, with their defaults.
//! - `wire`: the commit body exactly as the seed names it, and the `{code, data, err, msg}` reader.
//! - `mapping`: pure `Shipment -> orderCommit` (LBS/IN, one `orderDetails` entry per box), rules,
//!   and the body of the calls about one order.
//! - `auth`: token call, the credentials around a stored body (every call's POST), the audit
//!   copy without them.
//! - `answers`: each call's answer onto the shared outcomes.
//! - `forwarder`: [`Logssc`], the [`crate::carriers::Forwarder`] implementation.

mod answers;
mod auth;
mod forwarder;
mod mapping;
mod settings;
pub mod wire;

pub use answers::{
    code, looks_like_duplicate, parse_commit, parse_label, parse_preview, parse_refund,
    parse_result,
};
pub use auth::{
    APP_ID, APP_SECRET, SECRET_FIELDS, is_auth_error, parse_token, redact_body, token_request,
    with_credentials,
};
pub use forwarder::Logssc;
pub use mapping::{FIELDS, SERVICE_TYPE, build_order, order_json, query_body, validate};
pub use settings::{
    COMMIT_PATH, KNOWN_HOSTS, LABEL_PATH, PREVIEW_PATH, REFUND_PATH, RESULT_PATH, SENDER_NAME,
    SETTING_FIELDS, TOKEN_PATH,
};

use crate::carriers::{ForwarderDescriptor, ForwarderKind};

/// logssc, as the registry knows it.
pub const DESCRIPTOR: ForwarderDescriptor = ForwarderDescriptor {
    kind: ForwarderKind::Logssc,
    id: "logssc",
    // The seed names only its host (syco-api.logssc.com) and "Shipping Solution API".
    name_en: "logssc (LSO)",
    name_zh: "logssc（LSO）",
    secret_fields: &SECRET_FIELDS,
    known_hosts: &KNOWN_HOSTS,
    setting_fields: &SETTING_FIELDS,
    forwarder: &Logssc,
};
