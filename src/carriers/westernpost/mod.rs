//! Western Post (西邮物流) DMS open-api, seed 000: signed JSON `createOrder`, one piece per waybill.
//!
//! - `settings`: the signed-path setting and the known hosts.
//! - `wire`: the endpoints, request and answer exactly as the seed names and types them.
//! - `mapping`: pure `Shipment -> createOrder`, Western Post's own rules.
//! - `answers`: createOrder's and the connection test's answers onto the shared outcomes.
//! - `auth`: the keychain keys and the `x-lt-signature` HMAC-SHA256 scheme (carriers.md §1.2).
//! - `forwarder`: [`WesternPost`], the [`crate::carriers::Forwarder`] built from the above.

mod answers;
pub mod auth;
mod forwarder;
mod mapping;
mod settings;
pub mod wire;

pub use answers::{parse_connection_test, parse_create_order};
pub use auth::{OPEN_KEY_ID, SECRET_FIELDS, SECRET_KEY};
pub use forwarder::WesternPost;
pub use mapping::{FIELDS, build_create_order};
pub use settings::{KNOWN_HOSTS, SETTING_FIELDS, SIGNED_PATH};
pub use wire::{CREATE_ORDER_PATH, TRACKING_PATH};

use crate::carriers::{ForwarderDescriptor, ForwarderKind};

/// Western Post, as the registry knows it.
pub const DESCRIPTOR: ForwarderDescriptor = ForwarderDescriptor {
    kind: ForwarderKind::WesternPost,
    id: "westernpost",
    name_en: "Western Post",
    name_zh: "西邮物流",
    secret_fields: &SECRET_FIELDS,
    known_hosts: &KNOWN_HOSTS,
    setting_fields: &SETTING_FIELDS,
    forwarder: &WesternPost,
};
