//! logssc's Shipping Solution API (seed 003), with shipdesk's documented defaults for what the
//! seed names but does not show (README, "logssc"):
//! - `POST /external-interface/common/getToken` `{appId, appSecret}` → a token; every other call
//!   must carry a token this sandbox issued for its `appId` (else code 401 "token失效").
//! - `POST /external-interface/lso/orderPreview`: the order's fee (8.50 + 1.25 per pound, plus
//!   a surcharge when told: `set_logssc_surcharge_cents`);
//!   remembered per appId and exact order.
//! - `POST /external-interface/lso/orderCommit`: seed 003's rules ([`checks`]); a fee preview
//!   of the same order must come first (each preview allows one commit); `customerNumber` must be
//!   new. Answers the seed's success body: an `orderNumber` and no tracking number. A commit
//!   can be made slow (`set_logssc_commit_delay`): the order is placed, and answered, only after
//!   the delay.
//! - `POST /external-interface/common/getOrderNumberAndFee` by `orderNumber` or `customerNumber`:
//!   1024 a set number of times, then the seed's success callback body (numbers and
//!   `prepaidPrice`), or its failure body (1001) for an order told to fail.
//! - `POST /external-interface/common/getLabel`: 1115 a set number of times, then a link to a real
//!   4x6 PDF (or the PDF as base64, when asked to).
//! - `POST /external-interface/common/refund`: accepted once for a failed order.
//!
//! Faults from the queue apply to orderCommit only.
//!
//! Files: `handlers` (the calls), `checks` (seed 003's rules), `records` (accounts, tokens,
//! previews, knobs and order records).

mod checks;
mod handlers;
mod records;

pub use records::LogsscRecord;
pub(crate) use records::LogsscState;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};

use super::Sandbox;
use super::state::SandboxState;
use crate::carriers::{Credentials, ForwarderKind};

/// The sandbox's own logssc appId (merchant APP-KEY). Public on purpose, like the others.
pub const DEMO_LOGSSC_APP_ID: &str = "SANDBOX-LOGSSC-APPID-0001";
/// The appSecret that gets [`DEMO_LOGSSC_APP_ID`] its token.
pub const DEMO_LOGSSC_APP_SECRET: &str = "sandbox-logssc-app-secret";

/// What the sandbox plays of this forwarder.
pub(super) const DIALECT: super::Dialect = super::Dialect {
    kind: ForwarderKind::Logssc,
    routes,
    demo_credentials,
    demo_account,
};

/// The built-in account that ships on this sandbox: its name and a service it accepts.
fn demo_account() -> (&'static str, crate::carriers::AccountSettings) {
    let settings = crate::carriers::AccountSettings {
        default_service_code: "GroundBasic".to_owned(),
        ..crate::carriers::AccountSettings::default()
    };
    ("Sandbox logssc", settings)
}

/// The demo credentials, under the dialect's own secret keys.
fn demo_credentials() -> Credentials {
    use crate::carriers::logssc::{APP_ID, APP_SECRET};
    Credentials::from_pairs([
        (APP_ID, DEMO_LOGSSC_APP_ID),
        (APP_SECRET, DEMO_LOGSSC_APP_SECRET),
    ])
}

/// This forwarder's paths.
fn routes() -> Router<Arc<SandboxState>> {
    use crate::carriers::logssc as l;
    use handlers as h;
    Router::new()
        .route(l::TOKEN_PATH.default, post(h::get_token))
        .route(l::PREVIEW_PATH.default, post(h::order_preview))
        .route(l::COMMIT_PATH.default, post(h::order_commit))
        .route(l::RESULT_PATH.default, post(h::order_result))
        .route(l::LABEL_PATH.default, post(h::get_label))
        .route(l::REFUND_PATH.default, post(h::refund))
        .route("/logssc/label/{file}", get(h::label_file))
}

/// logssc's knobs.
impl Sandbox {
    /// Accepts another logssc appId/appSecret pair.
    pub fn add_logssc_account(&self, app_id: &str, app_secret: &str) {
        self.state.logssc.add_account(app_id, app_secret);
    }

    /// How many times 返回单号和费用 answers 1024 ("still placing") for orders committed from
    /// now on before their numbers (2 unless set).
    pub fn set_logssc_number_after_polls(&self, polls: u32) {
        self.state.logssc.set_number_after_polls(polls);
    }

    /// How many times 返回面单 answers 1115 ("label not ready") for placed orders (2 unless set).
    pub fn set_logssc_label_after_polls(&self, polls: u32) {
        self.state.logssc.set_label_after_polls(polls);
    }

    /// Labels as base64 in the answer (`true`) or as a link to the PDF (the default).
    pub fn set_logssc_label_inline(&self, inline: bool) {
        self.state.logssc.set_label_inline(inline);
    }

    /// Inline labels as PNG images instead of PDFs.
    pub fn set_logssc_label_png(&self, png: bool) {
        self.state.logssc.set_label_png(png);
    }

    /// A slow commit, as logssc's asynchronous placing can be: orderCommit places the order only
    /// `millis` after it arrived and answers only then, so a caller whose time-out is shorter
    /// loses the answer, and 返回单号和费用 says "no such order" (1003) until the order is placed.
    /// 0 (the default): at once. Held at most two minutes.
    pub fn set_logssc_commit_delay(&self, millis: u64) {
        self.state.logssc.set_commit_delay(millis);
    }

    /// logssc's tariff changes: every fee previewed or charged from now on is `cents` higher
    /// (what a fuel surcharge does between a batch's preview and its buy).
    pub fn set_logssc_surcharge_cents(&self, cents: u64) {
        self.state.logssc.set_surcharge_cents(cents);
    }

    /// The next committed logssc order fails with this message (code 1001) once placed.
    pub fn fail_next_logssc_order(&self, message: &str) {
        self.state.logssc.fail_next_order(message);
    }

    /// Forgets every logssc token issued (they "expire").
    pub fn expire_logssc_tokens(&self) {
        self.state.logssc.expire_tokens();
    }

    /// Marks a logssc order refunded, as a refund asked for in logssc's own portal would.
    pub fn refund_logssc_in_portal(&self, customer_number: &str) {
        self.state
            .logssc
            .refund_in_portal(&self.state, customer_number);
    }

    /// How many logssc tokens were issued.
    pub fn logssc_tokens_issued(&self) -> u32 {
        self.state.logssc.tokens_issued()
    }
}
