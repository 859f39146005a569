//! Forwarders: each speaks its own dialect inside its own folder (wire types, pure mapping,
//! signing); this module holds what they share and the registry the engine looks them up in.
//!
//! Everything here is sans-IO: requests are built as [`WireRequest`] values and answers parsed
//! from [`WireResponse`] values, so the seed documents' own examples test them without a network.
//! The engine does the sending.

mod account;
pub mod eccang;
pub mod fields;
mod outcome;
mod tracking;
pub mod westernpost;
mod wire;
pub mod zyl;

pub use account::{Account, AccountSettings, Credentials, ForwarderKind, SecretField};
pub use outcome::{
    Booking, CreateOutcome, FollowUp, FollowUpAnswer, ForwarderError, LabelSource, OrderNumbers,
};
pub use tracking::{Tracking, TrackingEvent};
pub use wire::{Header, HttpMethod, WireRequest, WireResponse};

use crate::model::{Shipment, Text, ValidationIssue};

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
}

/// One forwarder's dialect. Implementations are pure: no I/O, no clock, no randomness of their own.
pub trait Forwarder: Sync {
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

    /// Whether the answer to the connection test accepted the credentials.
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
        Err(ForwarderError {
            http_status: None,
            forwarder_code: None,
            forwarder_message: String::new(),
            explanation: Text::new("This forwarder has no cancel call.", "该物流商不支持取消。"),
            authentication: false,
        })
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
        Err(ForwarderError {
            http_status: None,
            forwarder_code: None,
            forwarder_message: String::new(),
            explanation: Text::new(
                "This forwarder has no tracking call.",
                "该物流商不支持轨迹查询。",
            ),
            authentication: false,
        })
    }
}

/// The forwarder that speaks `kind`'s dialect.
pub fn forwarder(kind: ForwarderKind) -> &'static dyn Forwarder {
    match kind {
        ForwarderKind::WesternPost => &westernpost::WesternPost,
        ForwarderKind::Eccang => &eccang::Eccang,
        ForwarderKind::Zyl => &zyl::Zyl,
    }
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
