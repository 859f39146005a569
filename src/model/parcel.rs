use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{LengthUnit, WeightUnit};

/// One box: its outside dimensions and its weight, each with the unit it was measured in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parcel {
    /// Length, in `dimension_unit`.
    #[serde(deserialize_with = "super::numbers::exact_decimal")]
    pub length: Decimal,
    /// Width, in `dimension_unit`.
    #[serde(deserialize_with = "super::numbers::exact_decimal")]
    pub width: Decimal,
    /// Height, in `dimension_unit`.
    #[serde(deserialize_with = "super::numbers::exact_decimal")]
    pub height: Decimal,
    /// The unit of the three dimensions.
    pub dimension_unit: LengthUnit,
    /// Gross weight, in `weight_unit`.
    #[serde(deserialize_with = "super::numbers::exact_decimal")]
    pub weight: Decimal,
    /// The unit of the weight.
    pub weight_unit: WeightUnit,
    /// Box id that customs items point at (箱号), e.g. `U001`. Empty means "the only box".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub box_number: String,
}

impl Parcel {
    /// The weight in another unit, unrounded.
    pub fn weight_in(&self, unit: WeightUnit) -> Decimal {
        self.weight_unit.convert(self.weight, unit)
    }

    /// Length, width and height in another unit, unrounded.
    pub fn dimensions_in(&self, unit: LengthUnit) -> [Decimal; 3] {
        [self.length, self.width, self.height].map(|v| self.dimension_unit.convert(v, unit))
    }
}
