//! The serial scale protocols, without I/O: what to send, when an answer is complete, and what
//! it says.
//!
//! - **NCI / Avery Weigh-Tronix** (NCI 3835, 6720, Weigh-Tronix PC-820 and many postal scales):
//!   `W<CR>` is answered `<LF>0001.25lb<CR><LF>hhh<CR><ETX>`: the weight and unit, then status
//!   bytes whose low four bits are flags (byte 1: motion, at zero, RAM and EEPROM errors; byte
//!   2: under capacity, over capacity, ROM error, faulty calibration). 9600 7E1 by default.
//! - **Mettler Toledo MT-SICS**: `SI<CR><LF>` (send the weight now) is answered
//!   `S S     1.234 kg<CR><LF>` when stable, `S D ...` while moving, `S +` / `S -` over and under
//!   the range, `S I` busy, `ES` / `ET` / `EL` errors. 9600 8N1 by default.

use std::str::FromStr as _;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::reading::{Reading, ScaleStatus, ScaleWeight};
use crate::model::WeightUnit;

/// The end of an NCI answer.
const ETX: u8 = 0x03;

/// A serial scale's language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SerialProtocol {
    /// NCI / Avery Weigh-Tronix: `W<CR>`.
    #[default]
    Nci,
    /// Mettler Toledo MT-SICS: `SI`.
    MtSics,
}

/// An answer that says no weight shipdesk can read (noise on the line, a wrong baud rate or
/// protocol, or the scale's own error code).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unreadable scale answer: {0}")]
pub struct Garbled(pub String);

impl SerialProtocol {
    /// The request for one reading.
    pub fn command(self) -> &'static [u8] {
        match self {
            Self::Nci => b"W\r",
            Self::MtSics => b"SI\r\n",
        }
    }

    /// Its name as the settings and the command line show it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Nci => "NCI",
            Self::MtSics => "MT-SICS",
        }
    }

    /// How long the answer in `received` is, once it is complete.
    pub fn answer_end(self, received: &[u8]) -> Option<usize> {
        match self {
            Self::Nci => received
                .iter()
                .position(|&b| b & 0x7F == ETX)
                .map(|i| i + 1),
            Self::MtSics => received
                .windows(2)
                .position(|w| w == b"\r\n")
                .map(|i| i + 2),
        }
    }

    /// Reads a complete answer (parity bits, if the port passed them, are ignored).
    pub fn parse(self, answer: &[u8]) -> Result<Reading, Garbled> {
        let text: String = answer.iter().map(|&b| char::from(b & 0x7F)).collect();
        match self {
            Self::Nci => parse_nci(&text),
            Self::MtSics => parse_sics(&text),
        }
    }
}

fn garbled(text: &str) -> Garbled {
    Garbled(text.escape_debug().to_string())
}

fn parse_nci(text: &str) -> Result<Reading, Garbled> {
    let lines: Vec<&str> = text
        .split(['\r', '\n', char::from(ETX)])
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    // The status is the last line of two or three flag characters (0x30-0x3F); the weight the
    // line before it. Noise before the answer is passed over.
    let status_at = lines
        .iter()
        .rposition(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b & 0xF0 == 0x30))
        .ok_or_else(|| garbled(text))?;
    let flags: Vec<u8> = lines[status_at].bytes().map(|b| b & 0x0F).collect();
    let (first, second) = (flags[0], flags.get(1).copied().unwrap_or(0));
    let status = if first & 0b1100 != 0 || second & 0b0100 != 0 {
        ScaleStatus::Fault
    } else if second & 0b1000 != 0 {
        ScaleStatus::NeedsRezero
    } else if second & 0b0010 != 0 {
        ScaleStatus::OverCapacity
    } else if second & 0b0001 != 0 {
        ScaleStatus::UnderZero
    } else if first & 0b0001 != 0 {
        ScaleStatus::Moving
    } else if first & 0b0010 != 0 {
        ScaleStatus::Zero
    } else {
        ScaleStatus::Stable
    };
    let weight = status_at
        .checked_sub(1)
        .and_then(|i| lines.get(i))
        .and_then(|line| weight_and_unit(line));
    match (weight, status) {
        (Some(weight), _) => Ok(Reading { status, weight }),
        // Over and under the range, and some scales in motion, send dashes for the weight.
        (None, ScaleStatus::Stable | ScaleStatus::Zero) => Err(garbled(text)),
        (None, _) => Ok(Reading {
            status,
            weight: ScaleWeight::new(Decimal::ZERO, WeightUnit::Kg),
        }),
    }
}

fn parse_sics(text: &str) -> Result<Reading, Garbled> {
    // The last line is the answer (anything before it is noise from before the request).
    let line = text
        .split("\r\n")
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .last()
        .unwrap_or_default();
    let words: Vec<&str> = line.split_whitespace().collect();
    let status = match words.as_slice() {
        ["S", "S", ..] => ScaleStatus::Stable,
        ["S", "D", ..] => ScaleStatus::Moving,
        ["S", "+"] => ScaleStatus::OverCapacity,
        ["S", "-"] => ScaleStatus::UnderZero,
        _ => return Err(garbled(text)),
    };
    let weight = match words.as_slice() {
        [_, _, value, unit] => weight_and_unit(&format!("{value}{unit}")),
        _ => None,
    };
    let weight = match (weight, status) {
        (Some(weight), _) => weight,
        (None, ScaleStatus::OverCapacity | ScaleStatus::UnderZero) => {
            ScaleWeight::new(Decimal::ZERO, WeightUnit::Kg)
        }
        (None, _) => return Err(garbled(text)),
    };
    let status = match status {
        ScaleStatus::Stable if weight.value.is_zero() => ScaleStatus::Zero,
        ScaleStatus::Stable if weight.value.is_sign_negative() => ScaleStatus::UnderZero,
        other => other,
    };
    Ok(Reading { status, weight })
}

/// `0001.25lb`, ` 12.5 kg`, `-0.3g`: the number and the unit after it.
fn weight_and_unit(line: &str) -> Option<ScaleWeight> {
    let split = line.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = line.split_at(split);
    let number: String = number.chars().filter(|c| !c.is_whitespace()).collect();
    let value = Decimal::from_str(&number).ok()?;
    let unit = match unit.trim().to_ascii_lowercase().as_str() {
        "g" => WeightUnit::G,
        "kg" => WeightUnit::Kg,
        "oz" => WeightUnit::Oz,
        "lb" | "lbs" => WeightUnit::Lb,
        _ => return None,
    };
    Some(ScaleWeight::new(value, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nci_reads_the_weight_unit_and_flags() {
        let reading = SerialProtocol::Nci.parse(b"\n0001.25lb\r\n00\r\x03");
        assert_eq!(
            reading,
            Ok(Reading {
                status: ScaleStatus::Stable,
                weight: ScaleWeight::new(Decimal::new(125, 2), WeightUnit::Lb),
            })
        );
        let moving = SerialProtocol::Nci.parse(b"\n0001.25lb\r\n10\r\x03");
        assert_eq!(moving.map(|r| r.status), Ok(ScaleStatus::Moving));
        let over = SerialProtocol::Nci.parse(b"\n^^^^^^^lb\r\n02\r\x03");
        assert_eq!(over.map(|r| r.status), Ok(ScaleStatus::OverCapacity));
    }

    #[test]
    fn sics_reads_stable_moving_and_the_ends_of_the_range() {
        let stable = SerialProtocol::MtSics.parse(b"S S      1.234 kg\r\n");
        assert_eq!(
            stable,
            Ok(Reading {
                status: ScaleStatus::Stable,
                weight: ScaleWeight::new(Decimal::new(1234, 3), WeightUnit::Kg),
            })
        );
        let moving = SerialProtocol::MtSics.parse(b"S D      1.230 kg\r\n");
        assert_eq!(moving.map(|r| r.status), Ok(ScaleStatus::Moving));
        assert_eq!(
            SerialProtocol::MtSics.parse(b"S +\r\n").map(|r| r.status),
            Ok(ScaleStatus::OverCapacity)
        );
        assert!(SerialProtocol::MtSics.parse(b"ES\r\n").is_err());
        assert!(SerialProtocol::MtSics.parse(b"S I\r\n").is_err());
    }
}
