//! ZYL ILE OMS, as seed 002 and carriers.md §3 describe it:
//! - `POST /oms/v1/Order/orderByApi`: `ileId` + `sign` must be a known pair (and the MD5
//!   headers must verify when they are sent), `userId` when sent must be that account's,
//!   `method` must be `create`, `data` must pass seed 002's rules ([`checks`]), and `cust_ref`
//!   must be new. The answer is seed 002's success body, in its key order.
//! - `GET /oms/v1/OrderLabel/findOrderLabelByCode/{orderCode}/{labelType}/{userId}`: by ZYL's
//!   own numbers only (orderId, conCode or refCode, as the label page says; not `cust_ref`), for
//!   the order's own userId. The first call(s) answer 51005 "label address empty" (see
//!   [`Sandbox::set_zyl_label_after_polls`]); then `body` is a link to a real PDF.
//! - `GET /file/{token}.pdf`: that PDF.
//!
//! Every answer is `{body, code, msg}` with HTTP 200, as ZYL's pages show; faults from the queue
//! apply to orderByApi only.
//!
//! Files: `handlers` (orderByApi, the label calls), `checks` (seed 002's rules), `records` (its
//! accounts, knobs and order records), `track` (getOrdersTrack).

mod checks;
mod handlers;
mod records;
mod track;

pub use records::ZylRecord;
pub(crate) use records::ZylState;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};

use super::Sandbox;
use super::state::SandboxState;
use crate::carriers::{Credentials, ForwarderKind};

/// The sandbox's own ZYL ile id. Public on purpose, like the other demo credentials.
pub const DEMO_ZYL_ILE_ID: &str = "SANDBOX-ZYL-ILE-0001";
/// The ile key (`sign`) of [`DEMO_ZYL_ILE_ID`].
pub const DEMO_ZYL_SIGN: &str = "sandbox-zyl-ile-key";
/// The customer id (`userId`) of [`DEMO_ZYL_ILE_ID`]: an account setting, not a secret.
pub const DEMO_ZYL_USER_ID: &str = "10001";

/// What the sandbox plays of this forwarder.
pub(super) const DIALECT: super::Dialect = super::Dialect {
    kind: ForwarderKind::Zyl,
    routes,
    demo_credentials,
    demo_account,
};

/// The built-in account that ships on this sandbox: its name and a service it accepts.
fn demo_account() -> (&'static str, crate::carriers::AccountSettings) {
    let settings = crate::carriers::AccountSettings {
        default_service_code: "P12EXP".to_owned(),
        ..crate::carriers::AccountSettings::default()
    }
    .with(&crate::carriers::zyl::USER_ID, DEMO_ZYL_USER_ID);
    ("Sandbox ZYL", settings)
}

/// The demo credentials, under the dialect's own secret keys.
fn demo_credentials() -> Credentials {
    use crate::carriers::zyl::{ILE_ID, SIGN};
    Credentials::from_pairs([(ILE_ID, DEMO_ZYL_ILE_ID), (SIGN, DEMO_ZYL_SIGN)])
}

/// This forwarder's paths.
fn routes() -> Router<Arc<SandboxState>> {
    use handlers as h;
    Router::new()
        .route(
            crate::carriers::zyl::CREATE_ORDER_PATH,
            post(h::order_by_api),
        )
        .route(
            "/oms/v1/OrderLabel/findOrderLabelByCode/{order_code}/{label_type}/{user_id}",
            get(h::find_label),
        )
        .route("/file/{file}", get(h::label_file))
        .route(crate::carriers::zyl::TRACK_PATH, post(track::orders_track))
}

/// ZYL's knobs.
impl Sandbox {
    /// Accepts another ZYL ile id with its ile key (`sign`) and customer id (`userId`).
    pub fn add_zyl_account(&self, ile_id: &str, sign: &str, user_id: &str) {
        self.state.zyl.add_account(ile_id, sign, user_id);
    }

    /// How many findOrderLabelByCode calls a ZYL order committed from now on answers 51005
    /// ("label address empty") before its label link: 1 unless set; 0 gives it at once.
    pub fn set_zyl_label_after_polls(&self, polls: u32) {
        self.state.zyl.set_label_after_polls(polls);
    }
}
