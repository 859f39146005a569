//! ECCANG (易仓) TOMS, seed 001: SOAP 1.1 `callService` with a JSON `paramsJson`, run by many
//! forwarders on their own hosts (`<base_url>/default/svc/web-service`).
//!
//! - `settings`: the fee-preview and label-size settings (no known hosts: each forwarder has its
//!   own).
//! - `wire`: the paramsJson objects exactly as the seed names them, and a lenient reader for
//!   the answers (`ask`/`message`/`Error` object or `[]`, payload under `data`, `Data` or `datas`,
//!   numbers as strings); `wire::envelope`: the `callService` envelope (XML-escaped
//!   paramsJson, `service`) and reading `<response>` or a SOAP Fault out of the answer.
//! - `mapping`: pure `Shipment -> paramsJson`, one file a call: `create`, `validation` (ECCANG's
//!   own rules), `services` (getTrackNumber, getLabelUrl, cancelOrder), `track`
//!   (getCargoTrack), `fee` (feeTrail).
//! - `answers`: each call's answer, by the same files, and ECCANG's refusals in its own words.
//! - `auth`: `appToken`/`appKey` into the envelope of a call, and out of its audit copy.
//! - `forwarder`: [`Eccang`], the [`crate::carriers::Forwarder`] built from the above: create
//!   with `track_status` 2 waiting for a polled number, label by getLabelUrl, cancel, tracking;
//!   `order_calls`: its [`crate::carriers::OrderCalls`]: the services list
//!   (getShippingMethodInfo, else getShippingMethod), getOrder, modifyOrderWeight,
//!   interceptOrder.
//!
//! Sans-IO like every dialect: no network, no clock.

mod answers;
mod auth;
mod forwarder;
mod mapping;
mod order_calls;
mod settings;
pub mod wire;

pub use answers::{
    CREDENTIALS_CODES, CallFailure, Cancelled, CargoTrack, CreatedOrder, EccangCreateAnswer,
    EccangError, PieceNumber, Problem, Quote, TrackEvent, TrackNumberAnswer, TrackStatus,
    parse_accepted, parse_cancel_order, parse_cargo_track, parse_create_order,
    parse_create_response, parse_fee_trail, parse_get_order, parse_label_url,
    parse_shipping_methods, parse_track_number,
};
pub use auth::{APP_KEY, APP_TOKEN, SECRET_FIELDS, call_request, redact_credentials};
pub use forwarder::Eccang;
pub use mapping::{
    FIELDS, ITEM_FIELDS, LabelContent, LabelOptions, LabelSize, MAX_REMARK_CHARS, NumberKind,
    box_numbers, build_cancel_order, build_cargo_track, build_create_order, build_fee_trail,
    build_get_order, build_intercept, build_label_url, build_modify_weight, build_shipping_methods,
    build_track_number, params_json, service, service_code, validate,
};
pub use settings::{
    FEE_PREVIEW, KNOWN_HOSTS, LABEL_SIZE, SETTING_FIELDS, label_size, previews_fee,
};
pub use wire::envelope::{
    ENDPOINT_PATH, EnvelopeError, EnvelopeErrorKind, NAMESPACE, SOAP_ACTION, WSDL_PATH,
    build_envelope, element_text, parse_envelope, parse_response,
};

use crate::carriers::{ForwarderDescriptor, ForwarderKind};

/// ECCANG, as the registry knows it.
pub const DESCRIPTOR: ForwarderDescriptor = ForwarderDescriptor {
    kind: ForwarderKind::Eccang,
    id: "eccang",
    name_en: "ECCANG",
    name_zh: "易仓",
    secret_fields: &SECRET_FIELDS,
    known_hosts: &KNOWN_HOSTS,
    setting_fields: &SETTING_FIELDS,
    forwarder: &Eccang,
};
