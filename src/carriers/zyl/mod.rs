//! ZYL ILE OMS, seed 002: JSON `POST /oms/v1/Order/orderByApi` with `ileId`/`sign`/`userId`,
//! `method: "create"` and a `data` object; the label by `GET findOrderLabelByCode`, whose `body`
//! is the PDF's URL; tracking by `POST getOrdersTrack` (carriers.md §3).
//!
//! - `wire`: `data` exactly as the seed names and types it, and a lenient reader for answers
//!   (`code` as an integer or a string, payload under `body` or `data`, a trailing comma forgiven).
//! - `mapping`: pure `Shipment -> data` (cbm from the parcels, one `parcelList` entry per box),
//!   ZYL's validation rules.
//! - `auth`: the static `sign` (default) and the MD5 header scheme, the body around `data`, and
//!   the audit copy without `ileId`/`sign`.
//! - `answers`: the create answer onto [`crate::carriers::CreateOutcome`].
//! - `label`: the label GET and its answer. `track`: getOrdersTrack (pure; not wired yet).
//! - `forwarder`: the [`crate::carriers::Forwarder`] implementation.

mod answers;
pub mod auth;
mod forwarder;
mod label;
mod mapping;
mod settings;
mod track;
pub mod wire;

pub use answers::{CreatedOrder, code, looks_like_duplicate, parse_create_order};
pub use auth::{
    API_KEY_HEADER, AUTHORIZATION_HEADER, AuthMode, ILE_ID, IleCredentials, SIGN, TIMESTAMP_HEADER,
    auth_headers, ile_credentials, md5_signature, order_body, redact_body, request_uri, verify_md5,
};
pub use forwarder::{CREATE_ORDER_PATH, Zyl};
pub use label::{LABEL_PATH, LabelType, label_path, label_request, order_code, parse_label};
pub use mapping::{
    CBM_DP, DISCHARGING_PORTS, FIELDS, ITEM_FIELDS, ORDER_TYPE, barcodes, build_order_data, cbm,
    data_json, service_code, validate,
};
pub use settings::{AUTH, KNOWN_HOSTS, SETTING_FIELDS, USER_ID, auth_mode, user_id};

use crate::carriers::{ForwarderDescriptor, ForwarderKind};

/// ZYL, as the registry knows it.
pub const DESCRIPTOR: ForwarderDescriptor = ForwarderDescriptor {
    kind: ForwarderKind::Zyl,
    id: "zyl",
    name_en: "ZYL",
    // No Chinese trade name is documented (seed 002 and its site say only "ZYL").
    name_zh: "ZYL",
    secret_fields: &auth::SECRET_FIELDS,
    known_hosts: &KNOWN_HOSTS,
    setting_fields: &SETTING_FIELDS,
    forwarder: &Zyl,
};
pub use track::{
    Consignment, MAX_NUMBERS, OrderStatus, TRACK_PATH, TrackEvent, TrackRequest, build_track,
    parse_track, track_request,
};
