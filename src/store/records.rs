use serde::Serialize;

use crate::model::{Shipment, ShipmentState, Text};

/// A shipment as History shows it.
#[derive(Clone, Debug, Serialize)]
pub struct ShipmentRecord {
    /// Row id.
    pub id: i64,
    /// The shop's reference number.
    pub reference: String,
    /// Account name it was shipped with.
    pub account: String,
    /// Forwarder id (`westernpost`).
    pub forwarder: String,
    /// Service code sent.
    pub service_code: String,
    /// Lifecycle state.
    pub state: ShipmentState,
    /// Tracking number, once known.
    pub tracking_number: Option<String>,
    /// The forwarder's own order id, if it gave one.
    pub forwarder_order_id: Option<String>,
    /// Recipient's name.
    pub recipient_name: String,
    /// Recipient's phone.
    pub recipient_phone: String,
    /// Recipient's country code.
    pub recipient_country: String,
    /// Total weight in kilograms, as exact decimal text.
    pub weight_kg: String,
    /// Declared value as exact decimal text.
    pub declared_value: Option<String>,
    /// Currency of the declared value.
    pub currency: String,
    /// How many times the create request was sent.
    pub attempts: i64,
    /// How many times the label was printed.
    pub print_count: i64,
    /// The latest problem or notice for a person.
    pub message: Option<Text>,
    /// The order exactly as typed.
    pub order: Shipment,
    /// When it was first recorded (ms since epoch).
    pub created_at: i64,
    /// Last change (ms since epoch).
    pub updated_at: i64,
    /// The stored label, if any.
    pub label: Option<LabelRecord>,
    /// The fee the packer accepted at the fee preview, before buying (exact decimal text).
    pub quoted_fee: Option<String>,
    /// The fee the forwarder reported charging once the order was placed (exact decimal text).
    pub charged_fee: Option<String>,
    /// Currency of both fees.
    pub fee_currency: Option<String>,
    /// Who was at the desk when it was bought ('' when nobody said).
    pub operator: String,
}

/// A label kept on disk.
#[derive(Clone, Debug, Serialize)]
pub struct LabelRecord {
    /// `pdf` or `png`.
    pub format: String,
    /// Hex sha256 of the bytes.
    pub sha256: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// Path of the file.
    pub path: String,
}

/// What kind of thing an audit-trail entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The state changed.
    State,
    /// A request went to the forwarder (headers redacted).
    Request,
    /// An answer came back, or did not.
    Response,
    /// A label was stored.
    Label,
    /// The label was printed.
    Print,
    /// The forwarder's tracking, when it changed since the last look.
    Tracking,
}

impl EventKind {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::State => "state",
            Self::Request => "request",
            Self::Response => "response",
            Self::Label => "label",
            Self::Print => "print",
            Self::Tracking => "tracking",
        }
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<Self> {
        [
            Self::State,
            Self::Request,
            Self::Response,
            Self::Label,
            Self::Print,
            Self::Tracking,
        ]
        .into_iter()
        .find(|k| k.as_str() == name)
    }
}

/// One entry of a shipment's audit trail.
#[derive(Clone, Debug, Serialize)]
pub struct EventRecord {
    /// When (ms since epoch).
    pub at: i64,
    /// What kind.
    pub kind: EventKind,
    /// The state after it, for state changes.
    pub state: Option<ShipmentState>,
    /// JSON detail: request URL/headers/body, response status/body, message.
    pub detail: serde_json::Value,
}

/// A request as the audit trail keeps it: credentials removed from headers and body, and, when
/// the body itself carried credentials, the credential-free payload a reconciliation re-sends.
#[derive(Clone, Debug, Serialize)]
pub struct SentRequest {
    /// `GET` or `POST`.
    pub method: String,
    /// Full URL.
    pub url: String,
    /// Headers, sensitive values replaced.
    pub headers: Vec<(String, String)>,
    /// The body as sent, credentials removed.
    pub body: String,
    /// The forwarder payload inside the body (e.g. ECCANG's paramsJson), when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<String>,
    /// This is a create (the first send or one again), the request a reconciliation re-sends;
    /// lookups, label calls and cancels recorded later are not.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub create: bool,
}

impl SentRequest {
    /// The audit copy of `request`; `audit_body` is its body with credentials removed and
    /// `payload` what `create_body` produced.
    pub fn new(request: &crate::carriers::WireRequest, audit_body: &[u8], payload: &[u8]) -> Self {
        let body = String::from_utf8_lossy(audit_body).into_owned();
        let payload = String::from_utf8_lossy(payload).into_owned();
        Self {
            method: format!("{:?}", request.method).to_uppercase(),
            url: request.url.clone(),
            headers: request.redacted_headers(),
            payload: (payload != body).then_some(payload),
            body,
            create: false,
        }
    }

    /// The audit copy of a call other than a create (a lookup, a cancel, a refund, the
    /// forwarder's view of an order): only its body with credentials removed is kept. Nothing
    /// re-sends these, so there is no payload to keep, and the raw body of a forwarder that
    /// puts its keys in the body (ECCANG) never reaches the database.
    pub fn call(request: &crate::carriers::WireRequest, audit_body: &[u8]) -> Self {
        Self {
            payload: None,
            ..Self::new(request, audit_body, audit_body)
        }
    }

    /// The audit copy of a create `request` (see [`SentRequest::new`]), marked as the one a
    /// reconciliation may send again.
    pub fn create(
        request: &crate::carriers::WireRequest,
        audit_body: &[u8],
        payload: &[u8],
    ) -> Self {
        Self {
            create: true,
            ..Self::new(request, audit_body, payload)
        }
    }
}
