//! ECCANG (易仓) TOMS, as seed 001 and carriers.md §2 describe it: one SOAP 1.1 endpoint,
//! `POST /default/svc/web-service`, whose `callService` carries `service`, `appToken`, `appKey`
//! and a JSON `paramsJson`; the answer is JSON text inside `<response>`.
//!
//! Services: `createOrder` (seed 001's rules, [`checks`]), `getTrackNumber`, `getLabelUrl`,
//! `cancelOrder`, `getCargoTrack` ([`track`]), `feeTrail` ([`fee`]), and ([`order_calls`])
//! `getShippingMethodInfo` / `getShippingMethod` (its price list), `getOrder`,
//! `modifyOrderWeight` and `interceptOrder` (only in forecast or received status; a parcel
//! moves on by [`Sandbox::set_eccang_order_status`]). cancelOrder is refused once the parcel
//! is received (then it is intercepted instead). `GET /default/svc/wsdl` serves the WSDL of
//! `callService` with this server's own address ([`wsdl`]), for WSDL-mode SOAP clients.
//!
//! The tracking number comes later, as `track_status` 2 promises: createOrder reserves it, and
//! the N-th getTrackNumber call for the order tells it (N from
//! [`Sandbox::set_eccang_number_after_polls`], 2 unless set; 0 tells it at once with
//! `track_status` 1). getTrackNumber takes `reference_no` as a text or a list, and puts the
//! number where [`Sandbox::set_eccang_track_number_shape`] says (the places real clients read
//! it); a reference it does not have is 订单[…]不存在. getLabelUrl works only once the number
//! is told. Labels are downloaded from `GET /PDF/<file>.pdf`, the path shape of a real TOMS
//! host's label links.
//!
//! For reconciliation tests it can word a repeated reference or an unknown one otherwise
//! ([`Sandbox::set_eccang_duplicate_words`], [`Sandbox::set_eccang_not_found_words`]) and hold
//! an order's commit back until after the client's first look
//! ([`Sandbox::commit_next_eccang_order_late`]), and refuse an order for real
//! ([`Sandbox::refuse_next_eccang_order`]).
//!
//! Every refusal is ECCANG's own `ask: Failure` answer with `Error {errMessage, errCode}`; a
//! body that is not a `callService` envelope gets a SOAP Fault ([`soap`]). Faults from the
//! queue apply to `createOrder` only.
//!
//! Files: `handlers` (the `callService` services), `checks` (createOrder's rules), `records`
//! (its accounts, knobs and order records), and by concern `soap` (the envelope), `json_order`
//! (answers in the key order ECCANG writes), `track` (getCargoTrack's script), `fee` (feeTrail).

mod checks;
mod fee;
mod handlers;
mod json_order;
mod order_calls;
mod records;
mod soap;
mod track;
mod wsdl;

pub(crate) use records::EccangState;
pub use records::{EccangRecord, EccangStatus, TrackNumberShape};

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};

use super::Sandbox;
use super::state::SandboxState;
use crate::carriers::{Credentials, ForwarderKind};

/// The sandbox's own ECCANG appToken. Public on purpose, like the Western Post demo pair.
pub const DEMO_ECCANG_APP_TOKEN: &str = "SANDBOX-ECCANG-APPTOKEN-0001";
/// See [`DEMO_ECCANG_APP_TOKEN`].
pub const DEMO_ECCANG_APP_KEY: &str = "sandbox-eccang-demo-appkey";

/// What the sandbox plays of this forwarder.
pub(super) const DIALECT: super::Dialect = super::Dialect {
    kind: ForwarderKind::Eccang,
    routes,
    demo_credentials,
    demo_account,
};

/// The built-in account that ships on this sandbox: its name and a service it accepts.
fn demo_account() -> (&'static str, crate::carriers::AccountSettings) {
    let settings = crate::carriers::AccountSettings {
        default_service_code: "PK0001".to_owned(),
        ..crate::carriers::AccountSettings::default()
    };
    ("Sandbox ECCANG", settings)
}

/// The demo credentials, under the dialect's own secret keys.
fn demo_credentials() -> Credentials {
    use crate::carriers::eccang::{APP_KEY, APP_TOKEN};
    Credentials::from_pairs([
        (APP_TOKEN, DEMO_ECCANG_APP_TOKEN),
        (APP_KEY, DEMO_ECCANG_APP_KEY),
    ])
}

/// This forwarder's paths.
fn routes() -> Router<Arc<SandboxState>> {
    use handlers as h;
    Router::new()
        .route(crate::carriers::eccang::ENDPOINT_PATH, post(h::web_service))
        .route("/PDF/{file}", get(h::label))
        .route(crate::carriers::eccang::WSDL_PATH, get(wsdl::wsdl))
}

/// ECCANG's knobs.
impl Sandbox {
    /// Accepts another ECCANG appToken/appKey pair (besides [`DEMO_ECCANG_APP_TOKEN`] /
    /// [`DEMO_ECCANG_APP_KEY`]).
    pub fn add_eccang_credentials(&self, app_token: &str, app_key: &str) {
        self.state.eccang.add_credentials(app_token, app_key);
    }

    /// How many getTrackNumber calls it takes an ECCANG order committed from now on to get its
    /// tracking number: the `polls`-th call tells it (2 unless set). 0: createOrder tells it at
    /// once (`track_status` 1); otherwise createOrder answers `track_status` 2 (number later).
    pub fn set_eccang_number_after_polls(&self, polls: u32) {
        self.state.eccang.set_number_after_polls(polls);
    }

    /// Where ECCANG's getTrackNumber answers put the number from now on.
    pub fn set_eccang_track_number_shape(&self, shape: TrackNumberShape) {
        self.state.eccang.set_track_number_shape(shape);
    }

    /// ECCANG's words for a repeated reference, `{reference}` filled in (`None`: the words a
    /// client recognises, 客户参考号[…]已存在); the errCode stays 50048.
    pub fn set_eccang_duplicate_words(&self, words: Option<&str>) {
        self.state
            .eccang
            .set_duplicate_words(words.map(str::to_owned));
    }

    /// ECCANG's getTrackNumber words for a reference it does not have, `{reference}` filled in
    /// (`None`: 订单[…]不存在).
    pub fn set_eccang_not_found_words(&self, words: Option<&str>) {
        self.state
            .eccang
            .set_not_found_words(words.map(str::to_owned));
    }

    /// The next ECCANG createOrder loses its answer (the connection breaks before any is sent)
    /// and its order is committed only after the next getTrackNumber has answered: a slow
    /// commit that a client's first lookup cannot see.
    pub fn commit_next_eccang_order_late(&self) {
        self.state.eccang.arm_late_commit();
    }

    /// Moves the ECCANG order under `reference` to `status` (a parcel received at the
    /// warehouse, handed on, …); returns whether there is such an order.
    pub fn set_eccang_order_status(&self, reference: &str, status: EccangStatus) -> bool {
        self.state
            .update_order(
                |o| o.reference == reference && o.eccang.is_some(),
                |o| {
                    if let Some(record) = o.eccang.as_mut() {
                        record.status = status;
                    }
                },
            )
            .is_some()
    }

    /// The next ECCANG createOrder is refused in `words` (errCode 50048, 订单数据不合法) and
    /// nothing is committed: a real refusal of the order.
    pub fn refuse_next_eccang_order(&self, words: &str) {
        self.state.eccang.refuse_next_order(words);
    }
}
