//! The data report of a USB HID postal scale (HID Point-of-Sale usage page 0x8D, as Dymo,
//! Mettler, Fairbanks and Stamps.com scales send it), read without I/O:
//!
//! | byte | meaning |
//! |---|---|
//! | 0 | report id: 3 is a data report (others, such as 4 = status, are skipped) |
//! | 1 | status: 1 fault, 2 stable at zero, 3 in motion, 4 stable, 5 under zero, 6 over capacity, 7 needs calibration, 8 needs re-zeroing |
//! | 2 | unit: 1 mg, 2 g, 3 kg, 11 oz, 12 lb |
//! | 3 | a signed power-of-ten exponent (0xFF = 10⁻¹) |
//! | 4–5 | the weight, low byte first |
//!
//! `03 04 0B FF 34 19` is 6452 × 10⁻¹ oz = 645.2 oz, stable.

use rust_decimal::Decimal;

use super::reading::{Reading, ScaleStatus, ScaleWeight};
use crate::model::WeightUnit;

/// The report id of a scale's data report.
const DATA_REPORT: u8 = 3;

/// Why a report could not be read. A device sends what it sends: none of these panics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// Fewer than the six bytes of a data report.
    #[error("a {0}-byte report is too short for a scale's data report")]
    Short(usize),
    /// A status byte the HID tables do not define.
    #[error("unknown scale status {0}")]
    UnknownStatus(u8),
    /// A unit shipdesk does not weigh in (carats, taels, troy ounces...).
    #[error("the scale weighs in unit {0}, which is not g, kg, oz or lb")]
    UnknownUnit(u8),
    /// A power of ten no scale uses (its weight would not fit).
    #[error("exponent {0} is out of range")]
    Exponent(i8),
}

/// Reads one report: `Ok(None)` for a report that is not a data report (skipped), the reading
/// for a data report.
pub fn parse_report(report: &[u8]) -> Result<Option<Reading>, ReportError> {
    match report.first() {
        None => return Err(ReportError::Short(0)),
        Some(&id) if id != DATA_REPORT => return Ok(None),
        Some(_) => {}
    }
    let &[_, status, unit, exponent, low, high, ..] = report else {
        return Err(ReportError::Short(report.len()));
    };
    let status = match status {
        1 => ScaleStatus::Fault,
        2 => ScaleStatus::Zero,
        3 => ScaleStatus::Moving,
        4 => ScaleStatus::Stable,
        5 => ScaleStatus::UnderZero,
        6 => ScaleStatus::OverCapacity,
        7 | 8 => ScaleStatus::NeedsRezero,
        other => return Err(ReportError::UnknownStatus(other)),
    };
    let exponent = i8::from_le_bytes([exponent]);
    let raw = i64::from(u16::from_le_bytes([low, high]));
    // Milligrams are read as grams three places further down.
    let (unit, exponent) = match unit {
        1 => (WeightUnit::G, i32::from(exponent) - 3),
        2 => (WeightUnit::G, i32::from(exponent)),
        3 => (WeightUnit::Kg, i32::from(exponent)),
        11 => (WeightUnit::Oz, i32::from(exponent)),
        12 => (WeightUnit::Lb, i32::from(exponent)),
        other => return Err(ReportError::UnknownUnit(other)),
    };
    let out_of_range = ReportError::Exponent(i8::try_from(exponent).unwrap_or(i8::MIN));
    let (value, step) = if exponent <= 0 {
        let places = u32::try_from(-exponent).map_err(|_| out_of_range)?;
        if places > 20 {
            return Err(out_of_range);
        }
        (Decimal::new(raw, places), Decimal::new(1, places))
    } else {
        // 65535 x 10^9 still fits comfortably; no scale goes near it.
        let power = u32::try_from(exponent).map_err(|_| out_of_range)?;
        let factor = 10i64
            .checked_pow(power)
            .filter(|_| power <= 9)
            .ok_or(out_of_range)?;
        (Decimal::from(raw * factor), Decimal::from(factor))
    };
    // Under zero, the scale sends the weight's size: shown with its sign.
    let value = if status == ScaleStatus::UnderZero {
        -value
    } else {
        value
    };
    Ok(Some(Reading {
        status,
        weight: ScaleWeight { value, unit, step },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dymo_example_reads_645_point_2_ounces() {
        let reading = parse_report(&[0x03, 0x04, 0x0B, 0xFF, 0x34, 0x19])
            .ok()
            .flatten();
        assert_eq!(
            reading,
            Some(Reading {
                status: ScaleStatus::Stable,
                weight: ScaleWeight {
                    value: Decimal::new(6452, 1),
                    unit: WeightUnit::Oz,
                    step: Decimal::new(1, 1),
                },
            })
        );
    }

    #[test]
    fn other_reports_are_skipped_and_short_ones_refused() {
        assert_eq!(parse_report(&[0x04, 0x01, 0, 0, 0, 0]), Ok(None));
        assert_eq!(
            parse_report(&[0x03, 0x04, 0x0B]),
            Err(ReportError::Short(3))
        );
        assert_eq!(parse_report(&[]), Err(ReportError::Short(0)));
    }
}
