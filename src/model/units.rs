use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// The unit a weight was typed or measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WeightUnit {
    /// Kilogram.
    #[serde(rename = "KG", alias = "kg")]
    Kg,
    /// Gram.
    #[serde(rename = "G", alias = "g")]
    G,
    /// Avoirdupois pound (exactly 0.45359237 kg).
    #[serde(rename = "LB", alias = "lb", alias = "LBS", alias = "lbs")]
    Lb,
    /// Avoirdupois ounce (1/16 lb).
    #[serde(rename = "OZ", alias = "oz")]
    Oz,
}

impl WeightUnit {
    /// Grams in one of this unit, exact by definition.
    fn grams(self) -> Decimal {
        match self {
            Self::Kg => Decimal::from(1000),
            Self::G => Decimal::ONE,
            Self::Lb => Decimal::new(45_359_237, 5),
            Self::Oz => Decimal::new(28_349_523_125, 9),
        }
    }

    /// Converts `value` from this unit into `to`. Exact where the decimal allows (28 digits);
    /// nothing is rounded here: rounding happens once, at the forwarder edge.
    pub fn convert(self, value: Decimal, to: Self) -> Decimal {
        if self == to {
            return value;
        }
        // Saturating: absurd input is refused by validation, never allowed to panic here.
        value
            .saturating_mul(self.grams())
            .checked_div(to.grams())
            .unwrap_or(Decimal::MAX)
    }

    /// The short name forwarders and people use.
    pub fn code(self) -> &'static str {
        match self {
            Self::Kg => "KG",
            Self::G => "G",
            Self::Lb => "LB",
            Self::Oz => "OZ",
        }
    }
}

/// The unit a length was typed or measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LengthUnit {
    /// Centimetre.
    #[serde(rename = "CM", alias = "cm")]
    Cm,
    /// Inch (exactly 2.54 cm).
    #[serde(rename = "IN", alias = "in")]
    In,
}

impl LengthUnit {
    fn millimetres(self) -> Decimal {
        match self {
            Self::Cm => Decimal::TEN,
            Self::In => Decimal::new(254, 1),
        }
    }

    /// Converts `value` from this unit into `to`, without rounding.
    pub fn convert(self, value: Decimal, to: Self) -> Decimal {
        if self == to {
            return value;
        }
        value
            .saturating_mul(self.millimetres())
            .checked_div(to.millimetres())
            .unwrap_or(Decimal::MAX)
    }

    /// The short name forwarders and people use.
    pub fn code(self) -> &'static str {
        match self {
            Self::Cm => "CM",
            Self::In => "IN",
        }
    }
}

/// Rounds a weight, length or amount for a forwarder that accepts `decimal_places`.
///
/// Rounds half away from zero, but a positive quantity never becomes zero: a 3 g letter sent
/// to a forwarder that takes kilograms with two decimals is declared as 0.01 kg, not 0.
pub fn round_never_zero(value: Decimal, decimal_places: u32) -> Decimal {
    let rounded =
        value.round_dp_with_strategy(decimal_places, RoundingStrategy::MidpointAwayFromZero);
    if value > Decimal::ZERO && rounded.is_zero() {
        Decimal::new(1, decimal_places)
    } else {
        rounded.normalize()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr as _;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn pounds_and_kilograms_convert_exactly() {
        assert_eq!(
            WeightUnit::Lb.convert(d("1"), WeightUnit::Kg),
            d("0.45359237")
        );
        assert_eq!(WeightUnit::Oz.convert(d("16"), WeightUnit::Lb), d("1"));
        assert_eq!(WeightUnit::G.convert(d("2500"), WeightUnit::Kg), d("2.5"));
        // There and back again loses nothing visible once rounded at the edge.
        let kg = WeightUnit::Lb.convert(d("22.04"), WeightUnit::Kg);
        assert_eq!(
            round_never_zero(WeightUnit::Kg.convert(kg, WeightUnit::Lb), 2),
            d("22.04")
        );
    }

    #[test]
    fn inches_and_centimetres_convert_exactly() {
        assert_eq!(LengthUnit::In.convert(d("39"), LengthUnit::Cm), d("99.06"));
        assert_eq!(LengthUnit::Cm.convert(d("2.54"), LengthUnit::In), d("1"));
    }

    #[test]
    fn rounding_never_reaches_zero() {
        assert_eq!(round_never_zero(d("0.003"), 2), d("0.01"));
        assert_eq!(round_never_zero(d("0.0049"), 3), d("0.005"));
        assert_eq!(round_never_zero(d("1.005"), 2), d("1.01"));
        assert_eq!(round_never_zero(d("0"), 2), d("0"));
    }
}
