//! orderCommit's input rules, as seed 003's table states them: the required fields and their
//! types, `nationCode` US only, `lsoServiceType` GroundBasic only, and at least one box with a
//! positive weight and size. Values are read as a Java (Jackson) backend reads them: a `String`
//! field takes a number, a `Decimal` field takes numeric text; what each must hold is checked.

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::carriers::lenient::{value_decimal, value_text};

/// Why an order is refused, in Chinese as logssc's messages are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Invalid(pub String);

fn required_text(order: &Map<String, Value>, key: &str) -> Result<String, Invalid> {
    order
        .get(key)
        .and_then(value_text)
        .ok_or_else(|| Invalid(format!("{key}不能为空")))
}

fn positive(piece: &Map<String, Value>, key: &str, index: usize) -> Result<Decimal, Invalid> {
    let path = format!("orderDetails[{index}].{key}");
    let value = piece
        .get(key)
        .filter(|v| !v.is_null())
        .ok_or_else(|| Invalid(format!("{path}不能为空")))?;
    match value_decimal(value) {
        Some(number) if number > Decimal::ZERO => Ok(number),
        Some(_) => Err(Invalid(format!("{path}必须大于0"))),
        None => Err(Invalid(format!("{path}格式错误:必须为数字"))),
    }
}

/// Checks an order (token and appId already checked). Returns the total weight in LBS.
pub(super) fn check_order(order: &Map<String, Value>) -> Result<Decimal, Invalid> {
    for key in [
        "customerNumber",
        "province",
        "city",
        "receiver",
        "receiverPhone",
        "postcode",
        "address1",
        "receiveCompany",
    ] {
        required_text(order, key)?;
    }
    if required_text(order, "nationCode")? != "US" {
        return Err(Invalid("nationCode现仅支持US".to_owned()));
    }
    if required_text(order, "lsoServiceType")? != "GroundBasic" {
        return Err(Invalid("lsoServiceType现仅支持GroundBasic".to_owned()));
    }
    let top_reference = order.get("referenceNo1").and_then(value_text);
    let pieces = order
        .get("orderDetails")
        .and_then(Value::as_array)
        .filter(|pieces| !pieces.is_empty())
        .ok_or_else(|| Invalid("orderDetails不能为空".to_owned()))?;
    let mut total = Decimal::ZERO;
    for (index, piece) in pieces.iter().enumerate() {
        let Some(piece) = piece.as_object() else {
            return Err(Invalid(format!("orderDetails[{index}]格式错误:必须为对象")));
        };
        for key in ["boxHight", "boxLength", "boxWidth"] {
            positive(piece, key, index)?;
        }
        total += positive(piece, "packWeight", index)?;
        if piece.get("referenceNo1").and_then(value_text).is_none() && top_reference.is_none() {
            return Err(Invalid(format!(
                "orderDetails[{index}].referenceNo1不能为空"
            )));
        }
        if let Some(value) = piece.get("lsoDeclaredValue").filter(|v| !v.is_null())
            && value_decimal(value).is_none()
        {
            return Err(Invalid(format!(
                "orderDetails[{index}].lsoDeclaredValue格式错误:必须为数字"
            )));
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(change: impl FnOnce(&mut Map<String, Value>)) -> Result<Decimal, Invalid> {
        let mut order = serde_json::json!({
            "customerNumber": "C1", "province": "TX", "city": "Dallas", "receiver": "A",
            "receiverPhone": "1", "postcode": "75201", "address1": "1 Elm St",
            "receiveCompany": "A", "nationCode": "US", "lsoServiceType": "GroundBasic",
            "orderDetails": [{"boxHight": 1, "boxLength": "2", "boxWidth": 3, "packWeight": 4.5,
                              "referenceNo1": "R"}]
        });
        if let Some(map) = order.as_object_mut() {
            change(map);
        }
        check_order(order.as_object().unwrap_or(&Map::new()))
    }

    #[test]
    fn the_seeds_rules() {
        assert_eq!(order(|_| {}), Ok(Decimal::new(45, 1)));
        assert!(
            order(|o| {
                o.insert("nationCode".into(), "CA".into());
            })
            .is_err()
        );
        assert!(
            order(|o| {
                o.insert("lsoServiceType".into(), "Express".into());
            })
            .is_err()
        );
        assert!(
            order(|o| {
                o.remove("receiveCompany");
            })
            .is_err()
        );
        assert_eq!(
            order(|o| {
                o.insert(
                    "orderDetails".into(),
                    serde_json::json!([{"boxHight": "高"}]),
                );
            }),
            Err(Invalid(
                "orderDetails[0].boxHight格式错误:必须为数字".to_owned()
            ))
        );
    }
}
