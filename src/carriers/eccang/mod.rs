//! ECCANG (易仓) TOMS, seed 001: SOAP 1.1 `callService` with a JSON `paramsJson`, run by many
//! forwarders on their own hosts (`<base_url>/default/svc/web-service`).
//!
//! - `wire`: the paramsJson objects exactly as the seed names them, and a lenient reader for
//!   the answers (`ask`/`message`/`Error` object or `[]`, payload under `data` or `Data`,
//!   numbers as strings).
//! - `envelope`: the `callService` envelope (XML-escaped paramsJson, `appToken`, `appKey`,
//!   `service`), credential redaction for the audit trail, and reading `<response>` or a SOAP
//!   Fault out of the answer.
//! - `mapping`: pure `Shipment -> createOrder params`, ECCANG's validation rules, and typed
//!   results for createOrder, getTrackNumber, getLabelUrl, cancelOrder, getCargoTrack and feeTrail.
//!
//! Sans-IO like every dialect: no network, no clock. The [`crate::carriers::Forwarder`] trait is
//! not implemented here yet. Intended wiring:
//! - `create_body` = [`params_json`] of [`build_create_order`] (credentials are not in it);
//!   `create_request` = [`call_request`] with service `createOrder`. The request body holds
//!   `appToken`/`appKey`, so the audit copy must go through [`redact_credentials`].
//! - [`EccangCreateAnswer`] onto [`crate::carriers::CreateOutcome`]:
//!   `Created` → `Created(Booking { tracking_number, forwarder_order_id: order_code, label: None })`
//!   (track_status 3 has no tracking number: use `order_code`); the label comes from a second
//!   call, getLabelUrl. `NumberLater` has no shared counterpart: it needs an "awaiting number"
//!   outcome and state that polls getTrackNumber. `Refused` and `NotProcessed` → `Refused`;
//!   `Duplicate` → `DuplicateReference` (reconcile with getTrackNumber by reference);
//!   `Unreadable` → `Unreadable`.

pub mod envelope;
mod forwarder;
mod mapping;
pub mod wire;

pub use envelope::{
    APP_KEY, APP_TOKEN, ENDPOINT_PATH, EnvelopeError, EnvelopeErrorKind, NAMESPACE, SOAP_ACTION,
    build_envelope, call_request, element_text, parse_envelope, parse_response, redact_credentials,
};
pub use forwarder::Eccang;
pub use mapping::{
    CallFailure, Cancelled, CargoTrack, CreatedOrder, EccangCreateAnswer, EccangError, FIELDS,
    ITEM_FIELDS, LabelContent, LabelOptions, LabelSize, NumberKind, PieceNumber, Problem, Quote,
    TrackEvent, TrackNumberAnswer, TrackStatus, box_numbers, build_cancel_order, build_cargo_track,
    build_create_order, build_fee_trail, build_label_url, build_track_number, params_json,
    parse_cancel_order, parse_cargo_track, parse_create_order, parse_create_response,
    parse_fee_trail, parse_label_url, parse_track_number, service, service_code, validate,
};
