//! createOrder's input rules, as seed 001's tables state them, plus the two consistency rules
//! a TOMS host enforces between `Volume` and the rest (pieces = boxes, items go in known boxes).
//!
//! Required (the seed's `require`): `reference_no`, `shipping_method`, `country_code`,
//! `order_weight`, `order_pieces`, `Consignee`, `ItemArr`. Every field inside `Consignee`,
//! `Shipper`, `ItemArr` and `Volume` is `option` in the seed ("必填项以服务商要求为准": the
//! product decides); the sandbox plays a product that adds no requirement of its own, so inside
//! those objects only types, lengths and enumerations are checked.
//!
//! Numbers are read leniently, as ECCANG's PHP backend reads them: the seed itself sends
//! `"1"` and `5` for the same field.

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::carriers::eccang::wire::{value_decimal, value_int, value_text};

/// errCode for invalid order data: seed 001's own failure example (订单数据不合法, 50048).
pub(super) const INVALID_DATA: &str = "50048";
/// errCode for an empty number (ecwiki 2584: 50016 单号不能为空).
pub(super) const EMPTY_NUMBER: &str = "50016";

/// Weights in kg take at most 3 decimals (seed: 最多3位小数).
const WEIGHT_DP: u32 = 3;
/// reference_no, box_number and child_number: at most 50 characters (seed table, ectoms).
const MAX_NUMBER_CHARS: usize = 50;
/// The box items go in when nothing says otherwise (seed: 不填默认为U001).
const DEFAULT_BOX: &str = "U001";

/// Enumerated top-level fields and their values (seed table).
const ORDER_ENUMS: [(&str, &[&str]); 5] = [
    ("is_auto_audit", &["Y", "N"]),
    ("mail_cargo_type", &["1", "2", "3", "4", "5", "6", "7", "8"]),
    ("cargo_type", &["B", "C", "D", "L", "W"]),
    ("is_return", &["0", "1"]),
    ("is_COD", &["Y", "N"]),
];
/// Enumerated `ItemArr` fields and their values (seed table).
const ITEM_ENUMS: [(&str, &[&str]); 2] = [
    ("unit_code", &["MTR", "PCE", "SET"]),
    ("is_magnetoelectric", &["N", "E", "M", "Y"]),
];

/// Why an order is refused: ECCANG's `Error` object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Invalid {
    /// `errCode`.
    pub code: &'static str,
    /// `errMessage`, naming the field in the seed's style (`输入验证失败:…`).
    pub detail: String,
}

fn invalid(problem: impl std::fmt::Display) -> Invalid {
    Invalid {
        code: INVALID_DATA,
        detail: format!("输入验证失败:{problem}"),
    }
}

/// Checks createOrder's `paramsJson`.
pub(super) fn check_create(params: &Value) -> Result<(), Invalid> {
    let Some(order) = params.as_object() else {
        return Err(invalid("paramsJson必须为JSON对象"));
    };
    let reference = text(order, "reference_no");
    if reference.is_empty() {
        return Err(Invalid {
            code: EMPTY_NUMBER,
            detail: "输入验证失败:reference_no不能为空".to_owned(),
        });
    }
    check_number_text("reference_no", &reference, false)?;
    if text(order, "shipping_method").is_empty() {
        return Err(invalid("shipping_method不能为空"));
    }
    let country = text(order, "country_code");
    if country.is_empty() {
        return Err(invalid("country_code不能为空"));
    }
    if country.len() != 2 || !country.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(invalid(format!("country_code[{country}]必须为国家二字码")));
    }
    positive_decimal(order, "order_weight", "order_weight", Some(WEIGHT_DP), true)?;
    let pieces = positive_count(order, "order_pieces", "order_pieces", true)?;
    check_enums(order, "", &ORDER_ENUMS)?;
    required_object(order, "Consignee")?;
    if !matches!(
        order.get("Shipper"),
        None | Some(Value::Null | Value::Object(_))
    ) {
        return Err(invalid("Shipper必须为对象"));
    }
    let boxes = check_volumes(order, pieces.unwrap_or(0))?;
    check_items(order, &boxes)
}

/// `Volume`: the boxes, consistent with `order_pieces`. Returns the order's box numbers
/// (`U001` alone when there is no Volume, as the seed says).
fn check_volumes(order: &Map<String, Value>, pieces: i64) -> Result<Vec<String>, Invalid> {
    let list = match order.get("Volume") {
        None | Some(Value::Null) => return Ok(vec![DEFAULT_BOX.to_owned()]),
        // PHP clients send `[]` for "none".
        Some(Value::Array(list)) if list.is_empty() => return Ok(vec![DEFAULT_BOX.to_owned()]),
        Some(Value::Array(list)) => list,
        Some(_) => return Err(invalid("Volume必须为数组")),
    };
    let mut boxes: Vec<String> = Vec::with_capacity(list.len());
    let mut children: Vec<String> = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        let path = format!("Volume[{i}]");
        let Some(entry) = entry.as_object() else {
            return Err(invalid(format!("{path}必须为对象")));
        };
        // refer_number is box_number's other name (seed table).
        let own = [text(entry, "box_number"), text(entry, "refer_number")]
            .into_iter()
            .find(|b| !b.is_empty());
        let number = match own {
            Some(number) => number,
            None if list.len() == 1 => DEFAULT_BOX.to_owned(),
            None => return Err(invalid(format!("{path}.box_number不能为空"))),
        };
        check_number_text(&format!("{path}.box_number"), &number, true)?;
        if boxes.contains(&number) {
            return Err(invalid(format!(
                "{path}.box_number[{number}]在同一订单中重复"
            )));
        }
        let child = text(entry, "child_number");
        if !child.is_empty() {
            check_number_text(&format!("{path}.child_number"), &child, true)?;
            if children.contains(&child) {
                return Err(invalid(format!(
                    "{path}.child_number[{child}]在同一订单中重复"
                )));
            }
            children.push(child);
        }
        for key in ["length", "width", "height"] {
            positive_decimal(entry, key, &format!("{path}.{key}"), None, false)?;
        }
        positive_decimal(
            entry,
            "weight",
            &format!("{path}.weight"),
            Some(WEIGHT_DP),
            false,
        )?;
        boxes.push(number);
    }
    if i64::try_from(boxes.len()).ok() != Some(pieces) {
        return Err(invalid(format!(
            "order_pieces[{pieces}]与Volume箱数[{}]不一致",
            boxes.len()
        )));
    }
    Ok(boxes)
}

/// `ItemArr`: at least one customs line, each in one of the order's boxes.
fn check_items(order: &Map<String, Value>, boxes: &[String]) -> Result<(), Invalid> {
    let list = match order.get("ItemArr") {
        None | Some(Value::Null) => return Err(invalid("ItemArr不能为空")),
        Some(Value::Array(list)) if list.is_empty() => {
            return Err(invalid("ItemArr不能为空"));
        }
        Some(Value::Array(list)) => list,
        Some(_) => return Err(invalid("ItemArr必须为数组")),
    };
    for (i, entry) in list.iter().enumerate() {
        let path = format!("ItemArr[{i}]");
        let Some(item) = entry.as_object().filter(|o| !o.is_empty()) else {
            return Err(invalid(format!("{path}必须为非空对象")));
        };
        positive_count(
            item,
            "invoice_quantity",
            &format!("{path}.invoice_quantity"),
            false,
        )?;
        positive_decimal(
            item,
            "invoice_weight",
            &format!("{path}.invoice_weight"),
            Some(WEIGHT_DP),
            false,
        )?;
        if let Some(value) = present(item, "invoice_unitcharge")
            && value_decimal(value).is_none_or(|v| v < Decimal::ZERO)
        {
            return Err(invalid(format!(
                "{path}.invoice_unitcharge必须为不小于0的数字"
            )));
        }
        check_enums(item, &format!("{path}."), &ITEM_ENUMS)?;
        let number = Some(text(item, "box_number"))
            .filter(|b| !b.is_empty())
            .unwrap_or_else(|| DEFAULT_BOX.to_owned());
        if !boxes.contains(&number) {
            return Err(invalid(format!(
                "{path}.box_number[{number}]不在Volume的箱号中({})",
                boxes.join(",")
            )));
        }
    }
    Ok(())
}

/// Trimmed text of a string or number field; empty when absent.
fn text(object: &Map<String, Value>, key: &str) -> String {
    object.get(key).and_then(value_text).unwrap_or_default()
}

/// The field's value, unless absent, null or empty text.
fn present<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    object
        .get(key)
        .filter(|v| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()))
}

fn required_object(order: &Map<String, Value>, key: &str) -> Result<(), Invalid> {
    match order.get(key) {
        Some(Value::Object(object)) if !object.is_empty() => Ok(()),
        None | Some(Value::Null) | Some(Value::Object(_)) => Err(invalid(format!("{key}不能为空"))),
        Some(_) => Err(invalid(format!("{key}必须为对象"))),
    }
}

/// A number above zero with at most `max_dp` decimals; `Ok(None)` when optional and absent.
fn positive_decimal(
    object: &Map<String, Value>,
    key: &str,
    path: &str,
    max_dp: Option<u32>,
    required: bool,
) -> Result<Option<Decimal>, Invalid> {
    let Some(value) = present(object, key) else {
        return if required {
            Err(invalid(format!("{path}不能为空")))
        } else {
            Ok(None)
        };
    };
    let Some(number) = value_decimal(value) else {
        return Err(invalid(format!("{path}必须为数字")));
    };
    if number <= Decimal::ZERO {
        return Err(invalid(format!("{path}必须大于0")));
    }
    if let Some(max_dp) = max_dp
        && number.normalize().scale() > max_dp
    {
        return Err(invalid(format!("{path}最多{max_dp}位小数")));
    }
    Ok(Some(number))
}

/// A whole number above zero; `Ok(None)` when optional and absent.
fn positive_count(
    object: &Map<String, Value>,
    key: &str,
    path: &str,
    required: bool,
) -> Result<Option<i64>, Invalid> {
    let Some(value) = present(object, key) else {
        return if required {
            Err(invalid(format!("{path}不能为空")))
        } else {
            Ok(None)
        };
    };
    match value_int(value) {
        Some(count) if count > 0 => Ok(Some(count)),
        _ => Err(invalid(format!("{path}必须为正整数"))),
    }
}

/// A customer number, box number or child number: at most 50 characters; box and child
/// numbers also only letters and digits (seed table).
fn check_number_text(path: &str, number: &str, alphanumeric: bool) -> Result<(), Invalid> {
    if number.chars().count() > MAX_NUMBER_CHARS {
        return Err(invalid(format!("{path}长度不能超过{MAX_NUMBER_CHARS}")));
    }
    if alphanumeric && !number.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(invalid(format!("{path}[{number}]只能由字母和数字组成")));
    }
    Ok(())
}

fn check_enums(
    object: &Map<String, Value>,
    prefix: &str,
    enums: &[(&str, &[&str])],
) -> Result<(), Invalid> {
    for (key, allowed) in enums {
        if present(object, key).is_none() {
            continue;
        }
        let value = text(object, key).to_uppercase();
        if !allowed.contains(&value.as_str()) {
            return Err(invalid(format!(
                "{prefix}{key}[{value}]只能为{}",
                allowed.join("/")
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Seed 001's example, made consistent (two boxes, two pieces).
    fn order() -> Value {
        json!({
            "reference_no": "TEST0001", "shipping_method": "PK0001", "country_code": "PL",
            "order_weight": 2.5, "order_pieces": 2,
            "Consignee": {"consignee_name": "consignee name"},
            "Shipper": {"shipper_countrycode": "CN"},
            "ItemArr": [
                {"invoice_enname": "Nail Gel Polish", "invoice_quantity": "1", "box_number": "U001"},
                {"invoice_enname": "Nail Gel Polish", "invoice_quantity": 5, "box_number": "U002"}
            ],
            "Volume": [
                {"weight": "1.25", "box_number": "U001", "child_number": "TEST1234U001"},
                {"weight": "1.25", "box_number": "U002", "child_number": "TEST1234U002"}
            ]
        })
    }

    fn detail(params: &Value) -> String {
        check_create(params)
            .err()
            .map(|e| e.detail)
            .unwrap_or_default()
    }

    #[test]
    fn a_consistent_seed_order_passes() {
        assert_eq!(check_create(&order()), Ok(()));
        let mut no_volume = order();
        no_volume["Volume"] = json!([]);
        no_volume["ItemArr"][1]["box_number"] = json!("");
        assert_eq!(check_create(&no_volume), Ok(()));
    }

    #[test]
    fn each_required_field_is_named() {
        for key in [
            "reference_no",
            "shipping_method",
            "country_code",
            "order_weight",
            "order_pieces",
            "Consignee",
            "ItemArr",
        ] {
            let mut params = order();
            if let Some(o) = params.as_object_mut() {
                o.remove(key);
            }
            assert_eq!(detail(&params), format!("输入验证失败:{key}不能为空"));
        }
        let mut empty = order();
        empty["reference_no"] = json!(" ");
        assert_eq!(
            check_create(&empty).err().map(|e| e.code),
            Some(EMPTY_NUMBER)
        );
    }

    #[test]
    fn types_and_limits() {
        let cases = [
            ("order_weight", json!("heavy"), "order_weight必须为数字"),
            ("order_weight", json!(0.1755), "order_weight最多3位小数"),
            ("order_weight", json!(0), "order_weight必须大于0"),
            ("order_pieces", json!(1.5), "order_pieces必须为正整数"),
            (
                "country_code",
                json!("POL"),
                "country_code[POL]必须为国家二字码",
            ),
            ("cargo_type", json!("X"), "cargo_type[X]只能为B/C/D/L/W"),
            (
                "reference_no",
                json!("R".repeat(51)),
                "reference_no长度不能超过50",
            ),
            ("Consignee", json!("x"), "Consignee必须为对象"),
            ("ItemArr", json!({}), "ItemArr必须为数组"),
        ];
        for (key, value, want) in cases {
            let mut params = order();
            params[key] = value;
            assert_eq!(detail(&params), format!("输入验证失败:{want}"), "{key}");
        }
    }

    #[test]
    fn pieces_must_match_the_boxes_and_items_name_a_box() {
        // Seed 001's example as printed: one piece, two boxes.
        let mut seed = order();
        seed["order_pieces"] = json!(1);
        assert_eq!(
            detail(&seed),
            "输入验证失败:order_pieces[1]与Volume箱数[2]不一致"
        );
        let mut stray = order();
        stray["ItemArr"][1]["box_number"] = json!("U009");
        assert_eq!(
            detail(&stray),
            "输入验证失败:ItemArr[1].box_number[U009]不在Volume的箱号中(U001,U002)"
        );
        let mut twice = order();
        twice["Volume"][1]["box_number"] = json!("U001");
        assert!(detail(&twice).contains("Volume[1].box_number[U001]在同一订单中重复"));
        let mut bad = order();
        bad["Volume"][0]["box_number"] = json!("U-01");
        assert!(detail(&bad).contains("只能由字母和数字组成"));
        let mut no_box = order();
        no_box["ItemArr"][0]["box_number"] = json!(null);
        // An item without a box goes in U001, which exists.
        assert_eq!(check_create(&no_box), Ok(()));
    }
}
