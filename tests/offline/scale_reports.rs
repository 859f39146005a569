//! The USB scale's report parser against recorded reports: every status, every unit, negative
//! exponents, zero, motion, over capacity, and reports that are short or not data reports.

use rust_decimal::Decimal;
use shipdesk::desk::scale::{ReportError, ScaleStatus, parse_report};
use shipdesk::model::WeightUnit;

/// A data report's status, unit, value and step, as read.
fn read(report: &[u8]) -> (ScaleStatus, WeightUnit, Decimal, Decimal) {
    let reading = parse_report(report)
        .expect("a readable report")
        .expect("a data report");
    (
        reading.status,
        reading.weight.unit,
        reading.weight.value,
        reading.weight.step,
    )
}

/// A recorded report and what it reads as: status, unit, value and step.
type Recorded<'a> = (&'a [u8], (ScaleStatus, WeightUnit, &'a str, &'a str));

fn d(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

#[test]
fn recorded_reports_read_as_the_scale_showed_them() {
    use ScaleStatus::*;
    use WeightUnit::*;
    let recorded: &[Recorded] = &[
        // Dymo M25 in ounces, a parcel on it (the published example).
        (
            &[0x03, 0x04, 0x0B, 0xFF, 0x34, 0x19],
            (Stable, Oz, "645.2", "0.1"),
        ),
        // Dymo M10 in grams: 1250 g, exponent 0.
        (
            &[0x03, 0x04, 0x02, 0x00, 0xE2, 0x04],
            (Stable, G, "1250", "1"),
        ),
        // Kilograms with two decimals (10^-2): 12.34 kg.
        (
            &[0x03, 0x04, 0x03, 0xFE, 0xD2, 0x04],
            (Stable, Kg, "12.34", "0.01"),
        ),
        // Pounds, 10^-1: 3.5 lb, still moving.
        (
            &[0x03, 0x03, 0x0C, 0xFF, 0x23, 0x00],
            (Moving, Lb, "3.5", "0.1"),
        ),
        // Empty scale: stable at zero.
        (
            &[0x03, 0x02, 0x0B, 0xFF, 0x00, 0x00],
            (Zero, Oz, "0.0", "0.1"),
        ),
        // Under zero (after taring): the size with its sign.
        (
            &[0x03, 0x05, 0x02, 0x00, 0x0A, 0x00],
            (UnderZero, G, "-10", "1"),
        ),
        // Over capacity.
        (
            &[0x03, 0x06, 0x0C, 0xFF, 0x00, 0x00],
            (OverCapacity, Lb, "0.0", "0.1"),
        ),
        // Needs calibration, and needs re-zeroing.
        (
            &[0x03, 0x07, 0x02, 0x00, 0x00, 0x00],
            (NeedsRezero, G, "0", "1"),
        ),
        (
            &[0x03, 0x08, 0x02, 0x00, 0x00, 0x00],
            (NeedsRezero, G, "0", "1"),
        ),
        // Fault.
        (&[0x03, 0x01, 0x02, 0x00, 0x00, 0x00], (Fault, G, "0", "1")),
        // Milligrams are grams three places down: 1500 mg = 1.500 g.
        (
            &[0x03, 0x04, 0x01, 0x00, 0xDC, 0x05],
            (Stable, G, "1.500", "0.001"),
        ),
        // Longer reports (some vendors pad to 8 bytes) read the same.
        (
            &[0x03, 0x04, 0x0B, 0xFF, 0x34, 0x19, 0x00, 0x00],
            (Stable, Oz, "645.2", "0.1"),
        ),
    ];
    for (report, (status, unit, value, step)) in recorded {
        assert_eq!(
            read(report),
            (*status, *unit, d(value), d(step)),
            "report {report:02X?}"
        );
    }
}

#[test]
fn reports_that_are_not_data_or_cut_short_are_skipped() {
    // Report id 4 (status) and any other id: not a reading.
    assert_eq!(
        parse_report(&[0x04, 0x02, 0x0B, 0xFF, 0x00, 0x00]),
        Ok(None)
    );
    assert_eq!(
        parse_report(&[0x01, 0x04, 0x0B, 0xFF, 0x34, 0x19]),
        Ok(None)
    );
    assert_eq!(
        parse_report(&[0x03, 0x04, 0x0B, 0xFF, 0x34]),
        Err(ReportError::Short(5))
    );
    assert_eq!(parse_report(&[]), Err(ReportError::Short(0)));
    // A status or unit no scale table has, and an absurd exponent: refused, never a panic.
    assert_eq!(
        parse_report(&[0x03, 0x09, 0x02, 0x00, 0x00, 0x00]),
        Err(ReportError::UnknownStatus(9))
    );
    assert_eq!(
        parse_report(&[0x03, 0x04, 0x04, 0x00, 0x01, 0x00]),
        Err(ReportError::UnknownUnit(4))
    );
    assert!(parse_report(&[0x03, 0x04, 0x02, 0x80, 0x01, 0x00]).is_err());
    assert!(parse_report(&[0x03, 0x04, 0x02, 0x7F, 0xFF, 0xFF]).is_err());
}

#[test]
fn no_report_of_six_bytes_panics() {
    // Every status and unit byte, with exponents at both ends: each reads or is refused.
    for status in 0..=255u8 {
        for unit in [0u8, 1, 2, 3, 11, 12, 13, 255] {
            for exponent in [0x80u8, 0xEC, 0xFF, 0x00, 0x09, 0x0A, 0x7F] {
                let _ = parse_report(&[0x03, status, unit, exponent, 0xFF, 0xFF]);
            }
        }
    }
}
