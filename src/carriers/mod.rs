//! Forwarders: what they share (the [`Forwarder`] trait, accounts, outcomes, tracking, the wire
//! request and answer), the [`REGISTRY`] of their descriptors, and one folder per dialect.
//!
//! Everything here is sans-IO: requests are built as [`WireRequest`] values and answers parsed
//! from [`WireResponse`] values, so the seed documents' own examples test them without a network.
//! The engine does the sending.
//!
//! # Layout
//!
//! Every dialect (`westernpost/`, `eccang/`, `zyl/`, `logssc/`) has the same files:
//! - `mod.rs`: what the forwarder is (its doc), its public names, and one
//!   `pub const DESCRIPTOR: ForwarderDescriptor` (id, names, secret fields, known hosts, setting
//!   fields, the [`Forwarder`] object) that [`REGISTRY`] lists;
//! - `settings`: its account settings and known hosts;
//! - `wire`: its endpoints and the request and answer shapes exactly as its seed names them;
//! - `mapping`: pure `Shipment -> request` and its own validation rules;
//! - `answers`: what each answer means, onto the shared outcomes;
//! - `auth`: its secrets, how a request proves who sends it, and the audit copy without them;
//! - `forwarder`: the [`Forwarder`] implementation built from the above.
//!
//! A file too big for one concern becomes a folder by call with the same name (ECCANG's
//! `wire/`, `mapping/`, `answers/`). Shared here: `account` (accounts, settings, credentials),
//! `registry` ([`ForwarderKind`], [`ForwarderDescriptor`], [`REGISTRY`]), `outcome`, `tracking`,
//! `tracking_number` (the shape a tracking number must have before an answer's is kept),
//! `connection` (what Test connection may say: accepted, credentials refused, not confirmed),
//! `wire`, `fields` (forwarder-specific order fields) and `lenient` (reading loose JSON).
//! Adding a forwarder: its folder, its line in [`REGISTRY`] and its stable id in
//! [`ForwarderKind`].

mod account;
mod connection;
pub mod eccang;
pub mod fields;
pub mod lenient;
pub mod logssc;
mod order_calls;
mod outcome;
mod registry;
mod same_secret;
mod tracking;
mod tracking_number;
pub mod westernpost;
mod wire;
pub mod zyl;

pub use account::{
    Account, AccountSettings, Credentials, DEFAULT_CONCURRENCY, KnownHost, MAX_CONCURRENCY,
    SESSION_TOKEN, SecretField, SettingChoice, SettingField,
};
pub use connection::{NOT_CONFIRMED_EN, NOT_CONFIRMED_ZH, credentials_refused, not_confirmed};
pub use order_calls::{ForwarderOrder, OfferedService, OrderField, ServicesAnswer};
pub use outcome::{
    Booking, CreateOutcome, FollowUp, FollowUpAnswer, ForwarderError, LabelSource, NumberedOrder,
    OrderNumbers,
};
pub use registry::{ForwarderDescriptor, ForwarderKind, REGISTRY};
pub use same_secret::same_secret;
pub use tracking::{Tracking, TrackingEvent};
pub use tracking_number::{
    MAX_TRACKING_NUMBER_CHARS, MIN_TRACKING_NUMBER_CHARS, checked_tracking_number,
    is_tracking_number,
};
pub use wire::{Header, HttpMethod, WireRequest, WireResponse};

use crate::model::{Money, Shipment, Text, ValidationIssue};

/// What a forwarder can do, as the UI and README show it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Capabilities {
    /// Create an order and get a tracking number.
    pub create: bool,
    /// Price a shipment before buying.
    pub quote: bool,
    /// Fetch the label again later.
    pub label_refetch: bool,
    /// Tracking events.
    pub track: bool,
    /// Cancel or refund.
    pub cancel: bool,
    /// Several boxes under one waybill.
    pub multi_piece: bool,
    /// Look an order up by our reference (used to reconcile a lost answer).
    pub lookup_by_reference: bool,
    /// The forwarder requires a fee preview before every order, and the packer accepts the fee
    /// before anything is bought (logssc).
    pub quote_required: bool,
    /// A refund can be asked for an order that failed after commit or was cancelled (logssc 退款申请).
    pub refund: bool,
    /// The account's services can be listed (the ship form's service picker).
    pub services_list: bool,
    /// The forwarder's own view of an order can be asked (History's detail).
    pub order_view: bool,
    /// A bought order's weight can be corrected after re-weighing.
    pub reweigh: bool,
    /// A bought parcel can be stopped (intercepted, 拦截) once cancelling is no longer allowed.
    pub intercept: bool,
}

/// One forwarder's dialect. Implementations are pure: no I/O, no clock, no randomness of their own.
pub trait Forwarder: OrderCalls + Sync {
    /// Which forwarder this is.
    fn kind(&self) -> ForwarderKind;

    /// What it can do.
    fn capabilities(&self) -> Capabilities;

    /// This forwarder's own rules on top of [`crate::model::validate_shipment`].
    fn validate(&self, shipment: &Shipment, account: &Account) -> Vec<ValidationIssue>;

    /// The exact create-order body, which is stored before it is sent and re-sent unchanged
    /// when a lost answer is reconciled.
    fn create_body(&self, shipment: &Shipment, account: &Account) -> Vec<u8>;

    /// The create-order request for a body, with authentication made for `now_ms`.
    /// `nonce` is fresh randomness for forwarders whose signature wants some.
    fn create_request(
        &self,
        body: Vec<u8>,
        account: &Account,
        credentials: &Credentials,
        now_ms: i64,
        nonce: &str,
    ) -> Result<WireRequest, ForwarderError>;

    /// What the forwarder's answer to a create means.
    fn parse_create(&self, response: &WireResponse) -> CreateOutcome;

    /// A harmless signed call that proves the credentials ("Test connection"), if the
    /// forwarder has one.
    fn connection_test_request(
        &self,
        account: &Account,
        credentials: &Credentials,
        now_ms: i64,
        nonce: &str,
    ) -> Option<Result<WireRequest, ForwarderError>>;

    /// Whether the answer to the connection test accepted the credentials: `Ok` only for an
    /// answer that proves them; `Err` marked `authentication` when they were refused
    /// ([`credentials_refused`]); any other answer is [`not_confirmed`], never `Ok`.
    fn parse_connection_test(&self, response: &WireResponse) -> Result<Text, ForwarderError>;

    /// The request body as the audit trail keeps it: credentials carried in the body are removed.
    fn audit_body(&self, request: &WireRequest) -> Vec<u8> {
        request.body.clone()
    }

    /// The cancel call for a bought shipment, if the forwarder has one.
    fn cancel_request(
        &self,
        _reference: &str,
        _account: &Account,
        _credentials: &Credentials,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        None
    }

    /// Whether the forwarder cancelled it (its own words either way).
    fn parse_cancel(&self, response: &WireResponse) -> Result<Text, ForwarderError> {
        let _ = response;
        Err(ForwarderError::local(Text::new(
            "This forwarder has no cancel call.",
            "该物流商不支持取消。",
        )))
    }

    /// The call that logs in and gets a session token, for forwarders whose other calls carry
    /// one (logssc). The engine keeps the token in memory per account and hands it to the other
    /// calls in [`Credentials`] under [`SESSION_TOKEN`].
    fn session_request(
        &self,
        _account: &Account,
        _credentials: &Credentials,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        None
    }

    /// The token in the answer to [`Self::session_request`].
    fn parse_session(&self, response: &WireResponse) -> Result<String, ForwarderError> {
        Err(ForwarderError {
            http_status: Some(response.status),
            forwarder_code: None,
            forwarder_message: String::new(),
            explanation: Text::new(
                "This forwarder has no login call.",
                "该物流商没有登录接口。",
            ),
            authentication: false,
        })
    }

    /// Whether an answer says the session token is no longer accepted (so a new one is fetched
    /// and the call made once more).
    fn session_expired(&self, _response: &WireResponse) -> bool {
        false
    }

    /// Whether `account` must preview the fee and have it accepted before every order: always
    /// where the forwarder requires it (logssc), by the account's choice where it offers it
    /// (ECCANG's feeTrail).
    fn previews_fee(&self, account: &Account) -> bool {
        let _ = account;
        self.capabilities().quote_required
    }

    /// The fee preview for an order (`body` is its create body), if the forwarder has one.
    fn quote_request(
        &self,
        _shipment: &Shipment,
        _body: &[u8],
        _account: &Account,
        _credentials: &Credentials,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        None
    }

    /// The fee in a fee-preview answer for `shipment`, or the forwarder's refusal.
    fn parse_quote(
        &self,
        shipment: &Shipment,
        account: &Account,
        response: &WireResponse,
    ) -> Result<Money, ForwarderError> {
        let _ = (shipment, account);
        Err(ForwarderError {
            http_status: Some(response.status),
            forwarder_code: None,
            forwarder_message: String::new(),
            explanation: Text::new(
                "This forwarder has no fee preview.",
                "该物流商不支持费用预览。",
            ),
            authentication: false,
        })
    }

    /// The refund request for an order that failed after commit or was cancelled, if the
    /// forwarder has one.
    fn refund_request(
        &self,
        _order: &OrderNumbers<'_>,
        _account: &Account,
        _credentials: &Credentials,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        None
    }

    /// Whether the forwarder accepted the refund (its own words either way).
    fn parse_refund(&self, response: &WireResponse) -> Result<Text, ForwarderError> {
        Err(ForwarderError {
            http_status: Some(response.status),
            forwarder_code: None,
            forwarder_message: String::new(),
            explanation: Text::new(
                "This forwarder has no refund call.",
                "该物流商不支持退款申请。",
            ),
            authentication: false,
        })
    }

    /// Whether a lost create answer is settled by asking for the order by our reference (the
    /// [`FollowUp::TrackingNumber`] call) instead of re-sending the create. For forwarders whose
    /// create cannot simply be re-sent (logssc wants a fresh fee preview before every commit).
    fn reconciles_by_lookup(&self) -> bool {
        false
    }

    /// For a forwarder that reconciles by lookup: whether the recorded create may be sent again
    /// (under the same reference) once the lookup says the forwarder has no such order. ECCANG:
    /// yes (a lookup first, a re-send only when nothing is there); logssc: no (a commit needs a
    /// fresh fee preview, so the packer ships again).
    fn resends_after_no_such_order(&self) -> bool {
        false
    }

    /// Whether this forwarder answers follow-up calls for `step` (so the engine polls).
    fn has_follow_up(&self, _step: FollowUp) -> bool {
        false
    }

    /// A follow-up call about a bought order, if this forwarder has one for `step`. `order`
    /// holds every number the order is known by (each forwarder picks the one its API takes);
    /// `now_ms` is for forwarders whose authentication is time-stamped.
    fn follow_up_request(
        &self,
        _step: FollowUp,
        _order: &OrderNumbers<'_>,
        _account: &Account,
        _credentials: &Credentials,
        _now_ms: i64,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        None
    }

    /// What the answer to a follow-up call means.
    fn parse_follow_up(&self, step: FollowUp, response: &WireResponse) -> FollowUpAnswer {
        let _ = (step, response);
        FollowUpAnswer::NotYet
    }

    /// The tracking query for a bought order, if the forwarder has one (each picks the number
    /// its API takes from `order`).
    fn track_request(
        &self,
        _order: &OrderNumbers<'_>,
        _account: &Account,
        _credentials: &Credentials,
        _now_ms: i64,
        _nonce: &str,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        None
    }

    /// The tracking in an answer to [`Forwarder::track_request`], scans newest first.
    fn parse_track(&self, response: &WireResponse) -> Result<Tracking, ForwarderError> {
        let _ = response;
        Err(ForwarderError::local(Text::new(
            "This forwarder has no tracking call.",
            "该物流商不支持轨迹查询。",
        )))
    }
}

/// The calls beyond buying and tracking (see `order_calls`); each defaults to "no such call".
pub trait OrderCalls {
    /// The requests that list the account's services, in the order to try them: a host that
    /// answers one with [`ServicesAnswer::NoSuchCall`] is asked the next.
    fn services_requests(
        &self,
        _account: &Account,
        _credentials: &Credentials,
    ) -> Vec<Result<WireRequest, ForwarderError>> {
        Vec::new()
    }

    /// What an answer to one of [`Self::services_requests`] says.
    fn parse_services(&self, response: &WireResponse) -> ServicesAnswer {
        let _ = response;
        ServicesAnswer::NoSuchCall(ForwarderError::local(Text::new(
            "This forwarder has no services list.",
            "该物流商不支持查询渠道列表。",
        )))
    }

    /// The call asking for the forwarder's own view of an order, if it has one.
    fn order_request(
        &self,
        _order: &OrderNumbers<'_>,
        _account: &Account,
        _credentials: &Credentials,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        None
    }

    /// The order in an answer to [`Self::order_request`], or the forwarder's refusal.
    fn parse_order(&self, response: &WireResponse) -> Result<ForwarderOrder, ForwarderError> {
        let _ = response;
        Err(no_such_call())
    }

    /// The call correcting a bought order's weight (kilograms), if the forwarder has one.
    fn reweigh_request(
        &self,
        _order: &OrderNumbers<'_>,
        _weight_kg: rust_decimal::Decimal,
        _account: &Account,
        _credentials: &Credentials,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        None
    }

    /// Whether the forwarder took the new weight (its own words either way).
    fn parse_reweigh(&self, response: &WireResponse) -> Result<Text, ForwarderError> {
        let _ = response;
        Err(no_such_call())
    }

    /// The call stopping a bought parcel (intercept, 拦截) with a remark, if it has one.
    fn intercept_request(
        &self,
        _order: &OrderNumbers<'_>,
        _remark: &str,
        _account: &Account,
        _credentials: &Credentials,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        None
    }

    /// Whether the forwarder took the intercept (its own words either way).
    fn parse_intercept(&self, response: &WireResponse) -> Result<Text, ForwarderError> {
        let _ = response;
        Err(no_such_call())
    }

    /// When the forwarder takes an intercept, as the confirmation tells the packer.
    fn intercept_rule(&self) -> Text {
        Text::new(
            "the forwarder decides whether the parcel can still be stopped",
            "能否拦截由物流商决定",
        )
    }
}

/// A call this forwarder does not have.
fn no_such_call() -> ForwarderError {
    ForwarderError::local(Text::new(
        "This forwarder has no such call.",
        "该物流商不支持此操作。",
    ))
}

/// The forwarder that speaks `kind`'s dialect.
pub fn forwarder(kind: ForwarderKind) -> &'static dyn Forwarder {
    kind.descriptor().forwarder
}

/// The shared rules plus the forwarder's own, in one list.
pub fn validate_for(shipment: &Shipment, account: &Account) -> Vec<ValidationIssue> {
    let mut issues = crate::model::validate_shipment(shipment);
    for issue in forwarder(account.forwarder).validate(shipment, account) {
        // A forwarder may restate a shared rule (ECCANG's reference length): say it once.
        if !issues
            .iter()
            .any(|i| i.field == issue.field && i.message == issue.message)
        {
            issues.push(issue);
        }
    }
    issues
}
