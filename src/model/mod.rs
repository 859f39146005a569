//! The shipping domain: what a packer types in, independent of any forwarder's dialect.
//! [`TypedOrder`] is an order as typed (text, half-typed numbers and all): the ship form's
//! and the queue's; it becomes a [`Shipment`] with a message at every field that is wrong.

mod address;
pub mod address_rules;
pub mod countries;
pub mod currencies;
mod customs;
pub mod customs_names;
mod money;
pub mod numbers;
mod order_file;
mod parcel;
mod presets;
mod shipment;
mod state;
mod text;
pub mod text_rules;
mod typed_order;
mod units;
mod validation;

pub use address::Address;
pub use customs::CustomsItem;
pub use money::Money;
pub use order_file::{MAX_ORDER_FILE_BYTES, OrderFileError, parse_order, read_order_file};
pub use parcel::Parcel;
pub use presets::{BUILT_IN_BOXES, ParcelPreset, SenderProfile, box_codes, box_for_code};
pub use shipment::{Shipment, ShipmentOptions};
pub use state::{ShipmentState, Transition};
pub use text::Text;
pub use typed_order::{ItemRow, ParcelRow, TypedOrder, new_reference};
pub use units::{LengthUnit, WeightUnit, round_never_zero};
pub use validation::{ValidationIssue, max_chars, validate_shipment};
