//! ZYL ILE OMS, seed 002: JSON `POST /oms/v1/Order/orderByApi` with `ileId`/`sign`/`userId`,
//! `method: "create"` and a `data` object; the label by `GET findOrderLabelByCode`, whose `body`
//! is the PDF's URL; tracking by `POST getOrdersTrack` (carriers.md §3).
//!
//! - `settings`: the customer id (`userId`), the authentication mode, the known host.
//! - `wire`: the endpoints, `data` and the tracking body exactly as the seed names and types
//!   them, and a lenient reader for answers (`code` as an integer or a string, payload under
//!   `body` or `data`, a trailing comma forgiven).
//! - `mapping`: pure `Shipment -> data` (cbm from the parcels, one `parcelList` entry per box),
//!   ZYL's validation rules, the label path and the tracking body.
//! - `answers`: the create answer onto [`crate::carriers::CreateOutcome`], the label call's
//!   answer, getOrdersTrack's consignments.
//! - `auth`: the static `sign` (default) and the MD5 header scheme, the body around `data`, the
//!   audit copy without `ileId`/`sign`, and the one place a request gets its MD5 headers.
//! - `forwarder`: [`Zyl`], the [`crate::carriers::Forwarder`] implementation, and the label and
//!   tracking requests it sends.

mod answers;
pub mod auth;
mod forwarder;
mod mapping;
mod settings;
pub mod wire;

pub use answers::{
    Consignment, CreatedOrder, OrderStatus, TrackEvent, code, looks_like_duplicate,
    parse_create_order, parse_label, parse_track,
};
pub use auth::{
    API_KEY_HEADER, AUTHORIZATION_HEADER, AuthMode, ILE_ID, IleCredentials, SECRET_FIELDS, SIGN,
    TIMESTAMP_HEADER, auth_headers, call_request, ile_credentials, md5_signature, order_body,
    redact_body, request_uri, verify_md5,
};
pub use forwarder::{Zyl, label_request, track_request};
pub use mapping::{
    CBM_DP, DISCHARGING_PORTS, FIELDS, ITEM_FIELDS, LabelType, ORDER_TYPE, barcodes,
    build_order_data, build_track, cbm, data_json, label_path, order_code, service_code, validate,
};
pub use settings::{AUTH, KNOWN_HOSTS, SETTING_FIELDS, USER_ID, auth_mode, user_id};
pub use wire::{CREATE_ORDER_PATH, LABEL_PATH, MAX_NUMBERS, TRACK_PATH, TrackRequest};

use crate::carriers::{ForwarderDescriptor, ForwarderKind};

/// ZYL, as the registry knows it.
pub const DESCRIPTOR: ForwarderDescriptor = ForwarderDescriptor {
    kind: ForwarderKind::Zyl,
    id: "zyl",
    name_en: "ZYL",
    // No Chinese trade name is documented (seed 002 and its site say only "ZYL").
    name_zh: "ZYL",
    secret_fields: &SECRET_FIELDS,
    known_hosts: &KNOWN_HOSTS,
    setting_fields: &SETTING_FIELDS,
    forwarder: &Zyl,
};
