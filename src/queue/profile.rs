//! Import profiles: which column of a file fills which field of an order, constants for the
//! fields a file does not have, and the column that groups several rows (one a line item) into
//! one order. Saved by name; three are built in: Shopify's orders export, Amazon's unshipped-
//! orders report, and shipdesk's own History export read back.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The fields a column or constant may fill, by the form's own paths. `parcel.*` fill the
/// order's one parcel; `item.*` fill one customs line per row.
pub const FIELDS: &[&str] = &[
    "reference",
    "order_number",
    "account",
    "service_code",
    "remark",
    "recipient.name",
    "recipient.company",
    "recipient.phone",
    "recipient.email",
    "recipient.country_code",
    "recipient.state",
    "recipient.city",
    "recipient.postcode",
    "recipient.street1",
    "recipient.street2",
    "recipient.house_number",
    "sender.name",
    "sender.company",
    "sender.phone",
    "sender.country_code",
    "sender.state",
    "sender.city",
    "sender.postcode",
    "sender.street1",
    "sender.street2",
    "parcel.weight",
    "parcel.weight_unit",
    "parcel.length",
    "parcel.width",
    "parcel.height",
    "parcel.dimension_unit",
    "item.name_en",
    "item.name_zh",
    "item.quantity",
    "item.unit_value",
    "item.currency",
    "item.hs_code",
    "item.sku",
    "item.origin_country",
];

/// How a file's columns become orders.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// What the packer picks it by.
    pub name: String,
    /// Field (one of [`FIELDS`]) → the header of the column that fills it.
    pub columns: BTreeMap<String, String>,
    /// Field → the value used when the file has no such column or the cell is empty.
    pub constants: BTreeMap<String, String>,
    /// The header of the column whose value is the same on every row of one order (the order
    /// number); empty: every row is an order of its own.
    pub group_by: String,
    /// Per destination country, the account, service and box for what the file leaves empty.
    pub rules: Vec<super::routing::CountryRule>,
}

impl Profile {
    /// A profile named `name` with `(field, column)` pairs.
    pub fn with_columns(name: &str, group_by: &str, columns: &[(&str, &str)]) -> Self {
        Self {
            name: name.to_owned(),
            columns: columns
                .iter()
                .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
                .collect(),
            constants: BTreeMap::new(),
            group_by: group_by.to_owned(),
            rules: Vec::new(),
        }
    }

    /// How many of this profile's columns a file's headers have (for telling files apart).
    pub fn matching_columns(&self, table: &super::import::Table) -> usize {
        self.columns
            .values()
            .filter(|c| table.column(c).is_some())
            .count()
    }
}

/// Name of the built-in profile for Shopify's "Export orders" CSV.
pub const SHOPIFY: &str = "shopify";
/// Name of the built-in profile for Amazon Seller Central's unshipped-orders report (tab-separated).
pub const AMAZON: &str = "amazon-unshipped";
/// Name of the built-in profile for shipdesk's own History export.
pub const SHIPDESK: &str = "shipdesk";

/// The built-in profiles.
pub fn builtin() -> Vec<Profile> {
    vec![shopify(), amazon(), shipdesk()]
}

/// Shopify's orders export: one row per line item, the order's `Name` (`#1001`) on every row,
/// the shipping address on the first.
fn shopify() -> Profile {
    let mut profile = Profile::with_columns(
        SHOPIFY,
        "Name",
        &[
            ("reference", "Name"),
            ("order_number", "Name"),
            ("recipient.name", "Shipping Name"),
            ("recipient.company", "Shipping Company"),
            ("recipient.phone", "Shipping Phone"),
            ("recipient.email", "Email"),
            ("recipient.street1", "Shipping Address1"),
            ("recipient.street2", "Shipping Address2"),
            ("recipient.city", "Shipping City"),
            ("recipient.postcode", "Shipping Zip"),
            ("recipient.state", "Shipping Province"),
            ("recipient.country_code", "Shipping Country"),
            ("remark", "Notes"),
            ("item.name_en", "Lineitem name"),
            ("item.quantity", "Lineitem quantity"),
            ("item.unit_value", "Lineitem price"),
            ("item.sku", "Lineitem sku"),
            ("item.currency", "Currency"),
        ],
    );
    profile
        .constants
        .insert("item.origin_country".to_owned(), "CN".to_owned());
    profile
}

/// Amazon's unshipped-orders report: tab-separated, one row per order item, `order-id` on each.
fn amazon() -> Profile {
    let mut profile = Profile::with_columns(
        AMAZON,
        "order-id",
        &[
            ("reference", "order-id"),
            ("order_number", "order-id"),
            ("recipient.name", "recipient-name"),
            ("recipient.phone", "ship-phone-number"),
            ("recipient.email", "buyer-email"),
            ("recipient.street1", "ship-address-1"),
            ("recipient.street2", "ship-address-2"),
            ("recipient.city", "ship-city"),
            ("recipient.state", "ship-state"),
            ("recipient.postcode", "ship-postal-code"),
            ("recipient.country_code", "ship-country"),
            ("item.name_en", "product-name"),
            ("item.quantity", "quantity-to-ship"),
            ("item.unit_value", "item-price"),
            ("item.currency", "currency"),
            ("item.sku", "sku"),
        ],
    );
    profile
        .constants
        .insert("item.origin_country".to_owned(), "CN".to_owned());
    profile
}

/// shipdesk's History export (`shipdesk history --csv`, the window's Export): one row a
/// shipment, read back to ship again.
fn shipdesk() -> Profile {
    Profile::with_columns(
        SHIPDESK,
        "",
        &[
            ("reference", "reference"),
            ("account", "account"),
            ("service_code", "service_code"),
            ("recipient.name", "recipient_name"),
            ("recipient.phone", "recipient_phone"),
            ("recipient.country_code", "recipient_country"),
            ("recipient.city", "recipient_city"),
            ("recipient.postcode", "recipient_postcode"),
            ("parcel.weight", "weight_kg"),
        ],
    )
}

/// The built-in or saved profile named `name` (built-ins first).
pub fn find<'a>(name: &str, saved: &'a [Profile]) -> Option<Profile> {
    builtin()
        .into_iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
        .or_else(|| {
            saved
                .iter()
                .find(|p: &&'a Profile| p.name.eq_ignore_ascii_case(name))
                .cloned()
        })
}

/// The profile whose columns a file has most of (at least three, and at least half of the
/// profile's): a Shopify export is recognised without being told.
pub fn recognise(table: &super::import::Table, saved: &[Profile]) -> Option<Profile> {
    builtin()
        .into_iter()
        .chain(saved.iter().cloned())
        .map(|p| (p.matching_columns(table), p))
        .filter(|(n, p)| *n >= 3 && *n * 2 >= p.columns.len())
        .max_by_key(|(n, _)| *n)
        .map(|(_, p)| p)
}

/// A profile that maps every column whose header is a field's own name (`recipient.name`,
/// `parcel.weight`, …): files written for shipdesk need no mapping at all.
pub fn by_field_names(table: &super::import::Table) -> Profile {
    let columns = FIELDS
        .iter()
        .filter_map(|f| table.column(f).map(|_| ((*f).to_owned(), (*f).to_owned())))
        .collect();
    let group_by = if table.column("order_number").is_some() {
        "order_number"
    } else {
        ""
    };
    Profile {
        name: "by field names".to_owned(),
        columns,
        constants: BTreeMap::new(),
        group_by: group_by.to_owned(),
        rules: Vec::new(),
    }
}
