//! Reading forwarders' JSON leniently: Chinese forwarders' Java backends send the same field as a
//! number in one answer and as text in the next (`"code": 200` / `"code": "200"`), so every
//! dialect reads scalars through these (and quotes unreadable bodies with [`excerpt`]).

use rust_decimal::Decimal;
use serde_json::Value;

/// A string (trimmed, non-empty) or a number, as text.
pub fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A whole number given as a number or as text (`200`, `"200"`, `200.0`).
pub fn value_int(value: &Value) -> Option<i64> {
    let text = value_text(value)?;
    text.parse::<i64>().ok().or_else(|| {
        text.parse::<Decimal>()
            .ok()
            .filter(|d| d.fract().is_zero())
            .and_then(|d| i64::try_from(d).ok())
    })
}

/// A decimal given as a number or as text (`0.22`, `"0.22"`).
pub fn value_decimal(value: &Value) -> Option<Decimal> {
    let text = value_text(value)?;
    text.parse::<Decimal>()
        .ok()
        .or_else(|| Decimal::from_scientific(&text).ok())
}

/// The first 200 characters of a body, on one line, for a message.
pub fn excerpt(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cut: String = flat.chars().take(200).collect();
    if flat.chars().count() > 200 {
        cut.push('…');
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_scalars() {
        assert_eq!(value_int(&Value::from("200")), Some(200));
        assert_eq!(value_int(&serde_json::json!(200.0)), Some(200));
        assert_eq!(value_int(&Value::from("2a")), None);
        assert_eq!(
            value_decimal(&serde_json::json!(0.22)),
            Some(Decimal::new(22, 2))
        );
        assert_eq!(value_text(&Value::from(" ")), None);
    }
}
