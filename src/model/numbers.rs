//! Reading numbers exactly: text to [`Decimal`] without rounding, and how many decimals each
//! kind of number in an order may carry.
//!
//! `Decimal::from_str` rounds anything past 28 decimals, so a weight typed with 40 decimals
//! used to arrive as `1`. Here such a number is an error, never a silently different value.

use rust_decimal::Decimal;
use serde::Deserialize as _;

use super::{Text, ValidationIssue};

/// Why a text is not an exact number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number at all (`abc`, `1.2.3`, empty).
    NotANumber,
    /// More digits before the point than a decimal holds (29).
    TooLarge,
    /// More decimals than a decimal holds exactly (28), after dropping trailing zeros.
    TooPrecise {
        /// The decimals the text has.
        decimals: usize,
    },
}

/// The most decimals any number can carry exactly (rust_decimal's limit).
const MAX_SCALE: usize = Decimal::MAX_SCALE as usize;

/// A weight typed in kilograms, more than 0, a comma taken for the decimal point (as a
/// Chinese or European keyboard types it): the weight History's re-weigh and `shipdesk
/// reweigh` send the forwarder.
pub fn positive_kg(text: &str) -> Option<Decimal> {
    parse_exact(&text.trim().replace(',', "."))
        .ok()
        .filter(|kg| *kg > Decimal::ZERO)
}

/// Reads `text` as an exact decimal: an optional sign, digits with an optional `.`, and an
/// optional exponent (`1.5e3`, as JSON allows). Surrounding spaces are ignored. The scale
/// typed is kept (`2.50` stays 2.50) unless only trailing zeros go past what fits.
pub fn parse_exact(text: &str) -> Result<Decimal, NumberError> {
    let text = text.trim();
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Err(NumberError::NotANumber);
    }
    let exponent: i64 = match exponent {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !all_digits(digits) {
                return Err(NumberError::NotANumber);
            }
            // Past this the number is far out of range either way; no need to read it all.
            if digits.len() > 4 {
                return Err(if e.starts_with('-') {
                    NumberError::TooPrecise {
                        decimals: usize::MAX,
                    }
                } else {
                    NumberError::TooLarge
                });
            }
            e.parse().map_err(|_| NumberError::NotANumber)?
        }
    };
    // The digits without the point, and where the point goes: value = digits × 10^-scale.
    let mut digits: Vec<u8> = whole.bytes().chain(fraction.bytes()).collect();
    let mut scale = i64::try_from(fraction.len())
        .unwrap_or(i64::MAX)
        .saturating_sub(exponent);
    if scale < 0 {
        // 1.5e3: shift the point right by padding zeros (bounded: the exponent has ≤ 4 digits).
        digits.extend(std::iter::repeat_n(
            b'0',
            usize::try_from(-scale).unwrap_or(0),
        ));
        scale = 0;
    }
    let mut scale = usize::try_from(scale).unwrap_or(usize::MAX);
    let first = digits
        .iter()
        .position(|&d| d != b'0')
        .unwrap_or(digits.len());
    let mut significant = &digits[first..];
    // Trailing zeros after the point change nothing: drop them only where they do not fit.
    while scale > 0
        && significant.last() == Some(&b'0')
        && (scale > MAX_SCALE || significant.len() > 29)
    {
        significant = &significant[..significant.len() - 1];
        scale -= 1;
    }
    if significant.is_empty() {
        // Zero, however many zeros were typed.
        return Ok(Decimal::new(
            0,
            u32::try_from(scale.min(MAX_SCALE)).unwrap_or(0),
        ));
    }
    if scale > MAX_SCALE {
        // The loop above stopped at a digit that is not zero: every decimal counts.
        return Err(NumberError::TooPrecise { decimals: scale });
    }
    if significant.len() > 29 {
        return Err(NumberError::TooLarge);
    }
    let mut mantissa: i128 = 0;
    for &d in significant {
        mantissa = mantissa * 10 + i128::from(d - b'0');
    }
    if negative {
        mantissa = -mantissa;
    }
    // Scale ≤ 28 here; an error now means more than 96 bits of digits.
    Decimal::try_from_i128_with_scale(mantissa, u32::try_from(scale).unwrap_or(u32::MAX))
        .map_err(|_| NumberError::TooLarge)
}

/// The decimals a value really has: `2.50` has one, `3` none.
pub fn decimals(value: Decimal) -> u32 {
    value.normalize().scale()
}

/// The kinds of number in an order, each with the decimals it may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// A parcel's length.
    Length,
    /// A parcel's width.
    Width,
    /// A parcel's height.
    Height,
    /// A parcel's weight.
    Weight,
    /// An item's unit value.
    UnitValue,
    /// The shipment's declared value.
    DeclaredValue,
}

/// Decimals a money amount may carry. Not the currency's minor units: customs unit prices go
/// below a cent (0.004 USD a screw), and seed 000's own example declares "11111.000001" (six
/// decimals, which Western Post's mapping keeps). Six is the most any forwarder here carries.
pub const MAX_MONEY_DECIMALS: u32 = 6;

impl Quantity {
    /// The most decimals it may carry: grams for a weight in kg, 0.01 for a dimension
    /// (ECCANG: weights "最多3位小数"; no forwarder here takes finer sizes), money as above.
    pub fn max_decimals(self) -> u32 {
        match self {
            Self::Length | Self::Width | Self::Height => 2,
            Self::Weight => 3,
            Self::UnitValue | Self::DeclaredValue => MAX_MONEY_DECIMALS,
        }
    }

    /// Its name in both languages, as messages start ("Weight", "重量").
    pub fn label(self) -> Text {
        let (en, zh) = match self {
            Self::Length => ("Length", "长"),
            Self::Width => ("Width", "宽"),
            Self::Height => ("Height", "高"),
            Self::Weight => ("Weight", "重量"),
            Self::UnitValue => ("Unit value", "单价"),
            Self::DeclaredValue => ("Declared value", "申报价值"),
        };
        Text::new(en, zh)
    }

    /// "Weight has more than 3 decimals" at `field`.
    pub fn too_many_decimals(self, field: impl Into<String>) -> ValidationIssue {
        let label = self.label();
        let max = self.max_decimals();
        ValidationIssue::new(
            field,
            format!("{} has more than {max} decimals", label.en),
            format!("{}最多 {max} 位小数", label.zh),
        )
    }

    /// The issue for `value` at `field` if it has more decimals than this kind carries.
    pub fn check_decimals(self, field: &str, value: Decimal) -> Option<ValidationIssue> {
        (decimals(value) > self.max_decimals()).then(|| self.too_many_decimals(field))
    }
}

/// Text quoted in a message: escaped where invisible, cut short where long.
pub(crate) fn quoted(text: &str) -> String {
    const SHOWN: usize = 30;
    let mut shown: String = text
        .chars()
        .take(SHOWN)
        .flat_map(|c| {
            let visible = !c.is_control() && !super::text_rules::is_invisible(c);
            let escaped: Vec<char> = if visible {
                vec![c]
            } else {
                c.escape_unicode().collect()
            };
            escaped
        })
        .collect();
    if text.chars().nth(SHOWN).is_some() {
        shown.push('…');
    }
    shown
}

/// What [`parse_exact`] said, as the message an order file shows at the number's path.
fn refusal(text: &str, error: &NumberError) -> Text {
    let shown = quoted(text);
    match error {
        NumberError::NotANumber => Text::new(
            format!("expected a number, found the text \"{shown}\""),
            format!("应为数字，实际为文字“{shown}”"),
        ),
        NumberError::TooLarge => Text::new(
            format!("{shown} has more digits than a number can hold exactly (29)"),
            format!("{shown} 位数过多，无法精确保存（最多 29 位）"),
        ),
        NumberError::TooPrecise { .. } => Text::new(
            format!(
                "{shown} has more decimals than can be kept exactly ({MAX_SCALE}); it would be rounded"
            ),
            format!("{shown} 小数位数过多，无法精确保存（最多 {MAX_SCALE} 位），会被四舍五入"),
        ),
    }
}

/// Separates the two languages inside a serde error message, which can carry only one
/// string; `order_file` splits it again. Quoted input never holds it ([`quoted`] escapes
/// control characters).
pub(crate) const LANGUAGE_SEPARATOR: char = '\u{1f}';

fn serde_error<E: serde::de::Error>(text: &Text) -> E {
    E::custom(format!("{}{LANGUAGE_SEPARATOR}{}", text.en, text.zh))
}

/// The exact decimal in a JSON number or string, or the error to report at its path.
fn from_json<E: serde::de::Error>(value: serde_json::Value) -> Result<Decimal, E> {
    use serde::de::Unexpected;
    let text = match &value {
        // With serde_json's arbitrary_precision (enabled through rust_decimal's
        // `serde-with-arbitrary-precision`), a number keeps the exact text of the file.
        serde_json::Value::Number(number) => number.to_string(),
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Bool(b) => {
            return Err(E::invalid_type(Unexpected::Bool(*b), &"a number"));
        }
        serde_json::Value::Null => return Err(E::invalid_type(Unexpected::Unit, &"a number")),
        serde_json::Value::Array(_) => return Err(E::invalid_type(Unexpected::Seq, &"a number")),
        serde_json::Value::Object(_) => return Err(E::invalid_type(Unexpected::Map, &"a number")),
    };
    parse_exact(&text).map_err(|error| serde_error(&refusal(&text, &error)))
}

/// `#[serde(deserialize_with)]` for a decimal that must be read exactly (a number or a
/// string holding one).
pub(crate) fn exact_decimal<'de, D>(deserializer: D) -> Result<Decimal, D::Error>
where
    D: serde::Deserializer<'de>,
{
    from_json(serde_json::Value::deserialize(deserializer)?)
}

/// [`exact_decimal`] for an optional value (`null` or absent: none).
pub(crate) fn exact_decimal_option<'de, D>(deserializer: D) -> Result<Option<Decimal>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::Null => Ok(None),
        value => from_json(value).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr as _;

    #[test]
    fn a_typed_weight_in_kg_takes_a_comma_and_must_be_more_than_zero() {
        assert_eq!(positive_kg(" 1,25 "), Decimal::from_str("1.25").ok());
        assert_eq!(positive_kg("0.8"), Decimal::from_str("0.8").ok());
        for refused in ["0", "-1", "", "abc", "1.2.3"] {
            assert_eq!(positive_kg(refused), None, "{refused:?}");
        }
    }

    fn exact(text: &str) -> Result<String, NumberError> {
        parse_exact(text).map(|d| d.to_string())
    }

    #[test]
    fn numbers_are_read_exactly_with_their_scale() {
        for (text, read) in [
            ("22.04", "22.04"),
            ("2.50", "2.50"),
            (" 3 ", "3"),
            ("-0.5", "-0.5"),
            ("+7", "7"),
            (".5", "0.5"),
            ("5.", "5"),
            ("11111.000001", "11111.000001"),
            ("1.5e3", "1500"),
            ("25E-1", "2.5"),
            ("1e0", "1"),
            (
                "0.0000000000000000000000000001",
                "0.0000000000000000000000000001",
            ),
            (
                "79228162514264337593543950335",
                "79228162514264337593543950335",
            ),
            ("12345678901234567.89", "12345678901234567.89"),
        ] {
            assert_eq!(exact(text).as_deref(), Ok(read), "{text}");
        }
        // Trailing zeros past what fits change nothing, so they are not an error.
        let zeros = format!("1.{}", "0".repeat(40));
        assert_eq!(
            exact(&zeros).map(|d| d.trim_end_matches('0').to_owned()),
            Ok("1.".to_owned())
        );
    }

    #[test]
    fn what_would_be_rounded_or_is_not_a_number_is_an_error() {
        let forty = format!("1.{}1", "0".repeat(39));
        // The old reader rounded this to 1.
        assert_eq!(
            Decimal::from_str(&forty).map(|d| d.normalize().to_string()),
            Ok("1".to_owned())
        );
        assert_eq!(exact(&forty), Err(NumberError::TooPrecise { decimals: 40 }));
        assert_eq!(
            exact("0.12345678901234567890123456789"),
            Err(NumberError::TooPrecise { decimals: 29 })
        );
        assert_eq!(
            exact("79228162514264337593543950336"),
            Err(NumberError::TooLarge)
        );
        assert_eq!(exact("1e29"), Err(NumberError::TooLarge));
        assert_eq!(
            exact("0.1234567890123456789012345678900"),
            Err(NumberError::TooPrecise { decimals: 29 })
        );
        assert_eq!(
            exact(&format!("-0.{}", "0".repeat(40))).ok(),
            Some(format!("0.{}", "0".repeat(28)))
        );
        assert_eq!(exact("1e99999"), Err(NumberError::TooLarge));
        assert!(matches!(
            exact("1e-99999"),
            Err(NumberError::TooPrecise { .. })
        ));
        for text in [
            "", " ", "abc", "1.2.3", "1,5", "--1", "+-1", "1e", "e5", ".", "1_000", "NaN", "inf",
            "１２", "1 000", "0x10", "1e+", "\0", "1\u{1b}",
        ] {
            assert_eq!(exact(text), Err(NumberError::NotANumber), "{text:?}");
        }
    }

    #[test]
    fn decimals_and_their_limits() {
        assert_eq!(decimals(Decimal::new(250, 2)), 1);
        assert_eq!(decimals(Decimal::new(3, 0)), 0);
        let weight = |t| {
            parse_exact(t)
                .ok()
                .and_then(|d| Quantity::Weight.check_decimals("w", d))
        };
        assert_eq!(weight("1.234"), None);
        assert_eq!(weight("1.2340"), None);
        let issue = weight("1.2345").map(|i| (i.message.en, i.message.zh));
        assert_eq!(
            issue,
            Some((
                "Weight has more than 3 decimals".to_owned(),
                "重量最多 3 位小数".to_owned()
            ))
        );
        assert_eq!(Quantity::Length.max_decimals(), 2);
        assert_eq!(Quantity::UnitValue.max_decimals(), 6);
    }

    #[test]
    fn order_file_numbers_are_exact_at_their_path() {
        #[derive(serde::Deserialize)]
        struct Row {
            #[serde(deserialize_with = "exact_decimal")]
            value: Decimal,
            #[serde(default, deserialize_with = "exact_decimal_option")]
            maybe: Option<Decimal>,
        }
        let read =
            |json: &str| serde_json::from_str::<Row>(json).map(|r| (r.value.to_string(), r.maybe));
        assert_eq!(
            read(r#"{"value": 22.04}"#).ok(),
            Some(("22.04".to_owned(), None))
        );
        assert_eq!(
            read(r#"{"value": "2.50", "maybe": null}"#).ok(),
            Some(("2.50".to_owned(), None))
        );
        assert_eq!(
            read(r#"{"value": 1, "maybe": "7.00"}"#)
                .ok()
                .and_then(|r| r.1),
            Some(Decimal::new(700, 2))
        );
        let forty = format!(r#"{{"value": 1.{}1}}"#, "0".repeat(39));
        let error = read(&forty)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.contains("more decimals than can be kept exactly"),
            "{error}"
        );
        assert!(error.contains(LANGUAGE_SEPARATOR), "{error}");
        let error = read(r#"{"value": true}"#)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.starts_with("invalid type: boolean `true`, expected a number"),
            "{error}"
        );
    }

    #[test]
    fn quoted_text_is_short_and_visible() {
        assert_eq!(quoted("a\0b"), "a\\u{0}b");
        assert_eq!(quoted(&"x".repeat(100)), format!("{}…", "x".repeat(30)));
        assert_eq!(quoted("\u{202e}"), "\\u{202e}");
        assert!(!quoted("\u{1f}").contains(LANGUAGE_SEPARATOR));
    }
}
