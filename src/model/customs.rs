use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One line of the customs declaration (申报品名).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomsItem {
    /// English description, as customs at the destination reads it.
    pub name_en: String,
    /// Chinese description (中文品名), for export declaration.
    #[serde(default)]
    pub name_zh: String,
    /// How many pieces.
    pub quantity: u32,
    /// Value of one piece, in `currency`.
    #[serde(deserialize_with = "super::numbers::exact_decimal")]
    pub unit_value: Decimal,
    /// ISO 4217 currency of `unit_value`, e.g. `USD`.
    pub currency: String,
    /// Harmonised System code (海关编码), if known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hs_code: String,
    /// The shop's SKU.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sku: String,
    /// Country of origin, ISO alpha-2 (usually `CN`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub origin_country: String,
    /// The box (parcel `box_number`) this item is packed in.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub box_number: String,
}

impl CustomsItem {
    /// Quantity times unit value.
    pub fn total_value(&self) -> Decimal {
        self.unit_value.saturating_mul(Decimal::from(self.quantity))
    }
}
