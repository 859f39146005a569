//! What a desk reuses between orders: named sender addresses and named box sizes.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Address, LengthUnit, WeightUnit};

/// A named sender address (a shop with two warehouses keeps one each).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SenderProfile {
    /// What the packer picks it by.
    pub name: String,
    /// The address.
    pub address: Address,
}

/// A named box the desk packs into: outside dimensions, and its usual weight when it has one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParcelPreset {
    /// What the button says.
    pub name: String,
    /// Length, in `dimension_unit`.
    pub length: Decimal,
    /// Width, in `dimension_unit`.
    pub width: Decimal,
    /// Height, in `dimension_unit`.
    pub height: Decimal,
    /// The unit of the dimensions.
    pub dimension_unit: LengthUnit,
    /// The usual packed weight, if the box always weighs about the same (else the scale says).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Decimal>,
    /// The unit of the weight.
    pub weight_unit: WeightUnit,
}
