//! What a scale says: a weight with its unit and resolution, whether it is stable, and the
//! scale's state as the window shows it.

use rust_decimal::Decimal;

use crate::model::{Text, WeightUnit, round_never_zero};

/// What the scale says about the weight on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScaleStatus {
    /// Settled: the weight can be used.
    Stable,
    /// Still moving: wait.
    Moving,
    /// Stable at zero: nothing on the scale.
    Zero,
    /// Below zero (taken off after taring, or zeroed with something on it).
    UnderZero,
    /// More than the scale can weigh.
    OverCapacity,
    /// The scale asks to be calibrated or zeroed again.
    NeedsRezero,
    /// The scale reports a fault.
    Fault,
}

/// A weight as a scale gave it: the value, its unit and the scale's step (0.1 for a Dymo in
/// ounces), so a conversion never claims more precision than the scale had.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScaleWeight {
    /// The value, in `unit` (negative only below zero).
    pub value: Decimal,
    /// The unit the scale weighs in.
    pub unit: WeightUnit,
    /// The smallest change the scale shows, in `unit` (a power of ten).
    pub step: Decimal,
}

/// Ounces below which a weight counts as nothing on the scale (ShipWorks: 0.05 oz).
const NOTHING_OZ: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

impl ScaleWeight {
    /// A weight with the step its decimals show (`1.234` kg: 0.001 kg).
    pub fn new(value: Decimal, unit: WeightUnit) -> Self {
        Self {
            value,
            unit,
            step: Decimal::new(1, value.scale()),
        }
    }

    /// The weight in the parcel's `unit`, exactly converted (28 digits) and then rounded once,
    /// half away from zero, to as many decimals as the scale's step needs in that unit: 0.1 oz
    /// is 2.83 g, so grams get none; 1 g is 0.0022 lb, so pounds get three. Never more than the
    /// three decimals a weight field takes, and a weight on the scale never rounds to zero.
    pub fn in_unit(&self, unit: WeightUnit) -> Decimal {
        if unit == self.unit {
            return self.value.normalize();
        }
        let exact = self.unit.convert(self.value, unit);
        let step = self.unit.convert(self.step, unit).abs();
        let mut decimals = 0;
        while decimals < 3 && step * Decimal::from(10u32.pow(decimals)) < Decimal::ONE {
            decimals += 1;
        }
        round_never_zero(exact, decimals)
    }

    /// Whether this is so little that nothing is on the scale (under 0.05 oz, as ShipWorks).
    pub fn is_nothing(&self) -> bool {
        self.unit.convert(self.value, WeightUnit::Oz).abs() < NOTHING_OZ
    }

    /// "1.234 kg".
    pub fn shown(&self) -> String {
        format!("{} {}", self.value, self.unit.code().to_lowercase())
    }
}

/// One reading: the weight and what the scale says about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    /// Stable, moving, zero, over...
    pub status: ScaleStatus,
    /// The weight shown.
    pub weight: ScaleWeight,
}

impl Reading {
    /// The weight, if it may go into a parcel: stable and more than nothing.
    pub fn usable(&self) -> Option<ScaleWeight> {
        (self.status == ScaleStatus::Stable
            && !self.weight.is_nothing()
            && self.weight.value > Decimal::ZERO)
            .then_some(self.weight)
    }

    /// Whether the scale is empty (stable at zero, or a few hundredths of an ounce).
    pub fn is_empty_scale(&self) -> bool {
        self.status == ScaleStatus::Zero
            || (self.status == ScaleStatus::Stable && self.weight.is_nothing())
    }
}

/// The desk's scale, as the window shows it beside the parcel's weight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScaleState {
    /// No scale is set up in the settings.
    Off,
    /// None found (USB) or none set (serial): the weight is typed.
    NoScale,
    /// Found, and no reading yet.
    Waiting,
    /// The last reading.
    Reading(Reading),
    /// The scale is there but cannot be read: one sentence saying what to do.
    Trouble(Text),
}

impl ScaleState {
    /// The reading, if there is one.
    pub fn reading(&self) -> Option<&Reading> {
        match self {
            Self::Reading(reading) => Some(reading),
            _ => None,
        }
    }

    /// What the window shows beside the parcel's weight, in both languages.
    pub fn describe(&self) -> Text {
        match self {
            Self::Off => Text::new("No scale set up", "未设置电子秤"),
            Self::NoScale => Text::new("No scale", "未连接电子秤"),
            Self::Waiting => Text::new(
                "Scale found, waiting for a reading",
                "已找到电子秤，等待读数",
            ),
            Self::Trouble(text) => text.clone(),
            Self::Reading(reading) => {
                let weight = reading.weight.shown();
                let (en, zh) = match reading.status {
                    ScaleStatus::Stable if reading.is_empty_scale() => ("zero", "零"),
                    ScaleStatus::Stable => ("stable", "稳定"),
                    ScaleStatus::Moving => ("moving", "不稳定"),
                    ScaleStatus::Zero => ("zero", "零"),
                    ScaleStatus::UnderZero => ("below zero: zero the scale", "低于零：请将秤归零"),
                    ScaleStatus::OverCapacity => ("over capacity", "超出量程"),
                    ScaleStatus::NeedsRezero => (
                        "needs zeroing: press its zero key",
                        "需要归零：请按秤的归零键",
                    ),
                    ScaleStatus::Fault => ("the scale reports a fault", "电子秤报告故障"),
                };
                Text::new(format!("{weight}, {en}"), format!("{weight}，{zh}"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr as _;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    fn w(value: &str, unit: WeightUnit) -> ScaleWeight {
        ScaleWeight::new(d(value), unit)
    }

    #[test]
    fn conversions_keep_the_scales_precision_and_no_more() {
        // 645.2 oz = 18291.42... g; the scale's 0.1 oz is 2.8 g: whole grams.
        assert_eq!(
            w("645.2", WeightUnit::Oz).in_unit(WeightUnit::G),
            d("18291")
        );
        assert_eq!(
            w("645.2", WeightUnit::Oz).in_unit(WeightUnit::Kg),
            d("18.291")
        );
        assert_eq!(
            w("645.2", WeightUnit::Oz).in_unit(WeightUnit::Lb),
            d("40.325")
        );
        assert_eq!(w("1.234", WeightUnit::Kg).in_unit(WeightUnit::G), d("1234"));
        assert_eq!(w("1250", WeightUnit::G).in_unit(WeightUnit::Kg), d("1.25"));
        // 16.0 oz is exactly a pound.
        assert_eq!(w("16.0", WeightUnit::Oz).in_unit(WeightUnit::Lb), d("1"));
        assert_eq!(w("2.5", WeightUnit::Lb).in_unit(WeightUnit::Oz), d("40"));
        // The same unit is the scale's own figure.
        assert_eq!(
            w("1.230", WeightUnit::Kg).in_unit(WeightUnit::Kg),
            d("1.23")
        );
        // A letter on a gram scale into kilograms is never zero.
        assert_eq!(w("0.4", WeightUnit::G).in_unit(WeightUnit::Kg), d("0.001"));
    }

    #[test]
    fn a_few_hundredths_of_an_ounce_is_nothing() {
        assert!(w("0.04", WeightUnit::Oz).is_nothing());
        assert!(w("1", WeightUnit::G).is_nothing());
        assert!(!w("2", WeightUnit::G).is_nothing());
        assert!(!w("0.1", WeightUnit::Oz).is_nothing());
    }
}
