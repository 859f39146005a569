//! A reading goes into one parcel only. Once a weight is used, the next parcel waits until the
//! scale is emptied (returns to zero) or settles on a different weight, so a box's weight is
//! never carried to the next box (ShipHero); a few hundredths of an ounce count as an empty
//! scale and a change under 0.1 oz as the same weight (ShipWorks). Pure: the window feeds it
//! every state the scale reports, in order, so a pass through zero is never missed.

use rust_decimal::Decimal;

use super::reading::{ScaleState, ScaleStatus, ScaleWeight};
use crate::model::{Text, WeightUnit};

/// Ounces within which two weights are the same box (ShipWorks never overwrites below 0.1 oz).
const SAME_BOX_OZ: Decimal = Decimal::from_parts(1, 0, 0, false, 1);

/// Why the scale's weight cannot be used now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No scale, or it cannot be read.
    NoReading,
    /// The weight is still moving.
    Moving,
    /// Nothing on the scale.
    Empty,
    /// Over capacity, below zero, needs zeroing or a fault.
    Unusable,
    /// This weight already went into a parcel: put the next box on.
    AlreadyUsed,
}

impl Refusal {
    /// What the window says, in both languages.
    pub fn describe(self) -> Text {
        match self {
            Self::NoReading => Text::new(
                "No weight from the scale: type it.",
                "电子秤没有读数：请手动输入重量。",
            ),
            Self::Moving => Text::new(
                "The scale is still moving: wait until it settles.",
                "电子秤读数不稳定：请等待稳定。",
            ),
            Self::Empty => Text::new(
                "Nothing on the scale: put the parcel on it.",
                "秤上没有包裹：请放上包裹。",
            ),
            Self::Unusable => Text::new(
                "The scale's reading cannot be used: see beside the weight.",
                "电子秤读数无法使用：请看重量旁的提示。",
            ),
            Self::AlreadyUsed => Text::new(
                "This weight went into the last parcel: put the next one on the scale.",
                "该重量已用于上一个包裹：请把下一个包裹放上秤。",
            ),
        }
    }
}

/// Which weight was used last, until the scale moves on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OneBox {
    used: Option<ScaleWeight>,
}

impl OneBox {
    /// Takes in what the scale says now: an empty scale or another settled weight frees it.
    pub fn observe(&mut self, state: &ScaleState) {
        let Some(used) = self.used else {
            return;
        };
        match state.reading() {
            Some(reading) if reading.is_empty_scale() => self.used = None,
            Some(reading)
                if reading.status == ScaleStatus::Stable && !same_box(&reading.weight, &used) =>
            {
                self.used = None
            }
            _ => {}
        }
    }

    /// The weight that may go into a parcel now, without using it.
    pub fn available(&self, state: &ScaleState) -> Result<ScaleWeight, Refusal> {
        let reading = state.reading().ok_or(Refusal::NoReading)?;
        if reading.is_empty_scale() {
            return Err(Refusal::Empty);
        }
        match reading.status {
            ScaleStatus::Moving => return Err(Refusal::Moving),
            ScaleStatus::Stable => {}
            _ => return Err(Refusal::Unusable),
        }
        let weight = reading.usable().ok_or(Refusal::Unusable)?;
        if self.used.is_some() {
            return Err(Refusal::AlreadyUsed);
        }
        Ok(weight)
    }

    /// Uses the weight for one parcel: the next one waits for the scale to move on.
    pub fn take(&mut self, state: &ScaleState) -> Result<ScaleWeight, Refusal> {
        let weight = self.available(state)?;
        self.used = Some(weight);
        Ok(weight)
    }
}

/// Whether two weights differ by less than 0.1 oz.
pub fn same_box(a: &ScaleWeight, b: &ScaleWeight) -> bool {
    let a = a.unit.convert(a.value, WeightUnit::Oz);
    let b = b.unit.convert(b.value, WeightUnit::Oz);
    (a - b).abs() < SAME_BOX_OZ
}

#[cfg(test)]
mod tests {
    use super::super::reading::Reading;
    use super::*;

    fn state(status: ScaleStatus, grams: i64) -> ScaleState {
        ScaleState::Reading(Reading {
            status,
            weight: ScaleWeight::new(Decimal::from(grams), WeightUnit::G),
        })
    }

    #[test]
    fn a_weight_goes_into_one_parcel_until_the_scale_moves_on() {
        let mut one_box = OneBox::default();
        let box_a = state(ScaleStatus::Stable, 1200);
        assert!(one_box.take(&box_a).is_ok());
        assert_eq!(one_box.take(&box_a), Err(Refusal::AlreadyUsed));
        // Lifted and put back (moving, then the same weight): still the same box.
        one_box.observe(&state(ScaleStatus::Moving, 600));
        one_box.observe(&state(ScaleStatus::Stable, 1201));
        assert_eq!(
            one_box.take(&state(ScaleStatus::Stable, 1201)),
            Err(Refusal::AlreadyUsed)
        );
        // Emptied: the next box may be weighed, even at the same weight.
        one_box.observe(&state(ScaleStatus::Zero, 0));
        assert!(one_box.take(&box_a).is_ok());
        // Swapped for a box of another weight without emptying the scale.
        one_box.observe(&state(ScaleStatus::Stable, 800));
        assert!(one_box.take(&state(ScaleStatus::Stable, 800)).is_ok());
    }

    #[test]
    fn moving_empty_and_over_capacity_are_refused() {
        let mut one_box = OneBox::default();
        assert_eq!(
            one_box.take(&state(ScaleStatus::Moving, 900)),
            Err(Refusal::Moving)
        );
        assert_eq!(
            one_box.take(&state(ScaleStatus::Stable, 1)),
            Err(Refusal::Empty)
        );
        assert_eq!(
            one_box.take(&state(ScaleStatus::OverCapacity, 0)),
            Err(Refusal::Unusable)
        );
        assert_eq!(
            one_box.take(&state(ScaleStatus::OverCapacity, 90_000)),
            Err(Refusal::Unusable)
        );
        assert_eq!(one_box.take(&ScaleState::NoScale), Err(Refusal::NoReading));
    }
}
