//! orderByApi's input rules, as seed 002's table states them: required fields, their types,
//! the enumerations, `dischargingPort` for P9 channels, and `parcelList.len() == packs`.
//!
//! Values are read as a Java (Jackson) backend reads them: a `String` field takes a number and
//! an `int` field takes numeric text. The seed's own example needs that leniency: its second
//! item sends `qty`/`price` as numbers and names the Chinese name `name_zh` (accepted here as
//! `nameZh`'s other spelling). What each field must hold is still checked.

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::carriers::zyl::DISCHARGING_PORTS;
use crate::carriers::zyl::wire::{value_decimal, value_int, value_text};

/// Why an order is refused: the field, in the overview's wording (`… cannot be empty`,
/// `… format error`), in Chinese as ZYL's messages are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Invalid(pub String);

fn empty(path: &str) -> Invalid {
    Invalid(format!("{path}不能为空"))
}

fn format_error(path: &str, why: &str) -> Invalid {
    Invalid(format!("{path}格式错误:{why}"))
}

/// Checks `data`. Returns the number of boxes (`packs`).
pub(super) fn check_data(data: &Value) -> Result<u32, Invalid> {
    let Some(data) = data.as_object() else {
        return Err(empty("data"));
    };
    positive_decimal(data, "cbm", "data.cbm")?;
    let battery = required_int(data, "battery", "data.battery")?;
    if !(0..=2).contains(&battery) {
        return Err(format_error("data.battery", "只能为0、1、2"));
    }
    let chargecode = required_text(data, "chargecode", "data.chargecode")?;
    if let Some(kind) = data.get("customsDeclarationType").filter(|v| !v.is_null())
        && !matches!(value_int(kind), Some(1 | 2))
    {
        return Err(format_error("data.customsDeclarationType", "只能为1或2"));
    }
    let consignee = object(data, "consignee", "data.consignee")?;
    for key in ["address", "name", "phone", "postcode", "state", "suburb"] {
        required_text(consignee, key, &format!("data.consignee.{key}"))?;
    }
    if let Some(receiver) = data.get("receiver").filter(|v| !v.is_null())
        && !receiver.is_object()
    {
        return Err(format_error("data.receiver", "必须为对象"));
    }
    check_items(data)?;
    let packs = required_int(data, "packs", "data.packs")?;
    let packs = u32::try_from(packs)
        .ok()
        .filter(|p| *p > 0)
        .ok_or_else(|| format_error("data.packs", "必须为正整数"))?;
    let shipper = object(data, "shipper", "data.shipper")?;
    // email is required in the table, but the seed's own example sends "": only its presence
    // as text is checked.
    for key in [
        "address", "city", "company", "country", "name", "phone", "postcode", "state",
    ] {
        required_text(shipper, key, &format!("data.shipper.{key}"))?;
    }
    required_int(data, "type", "data.type")?;
    positive_decimal(data, "weight", "data.weight")?;
    if chargecode.to_uppercase().starts_with("P9") {
        let port = required_text(data, "dischargingPort", "data.dischargingPort")?;
        if !DISCHARGING_PORTS.contains(&port.to_uppercase().as_str()) {
            return Err(format_error(
                "data.dischargingPort",
                &DISCHARGING_PORTS.join("、"),
            ));
        }
    }
    check_parcels(data, packs)?;
    Ok(packs)
}

fn check_items(data: &Map<String, Value>) -> Result<(), Invalid> {
    let items = match data.get("items") {
        Some(Value::Array(items)) if !items.is_empty() => items,
        Some(Value::Array(_)) | None | Some(Value::Null) => return Err(empty("data.items")),
        Some(_) => return Err(format_error("data.items", "必须为数组")),
    };
    for (i, item) in items.iter().enumerate() {
        let path = format!("data.items[{i}]");
        let Some(item) = item.as_object() else {
            return Err(format_error(&path, "必须为对象"));
        };
        required_text(item, "name", &format!("{path}.name"))?;
        if ["nameZh", "name_zh"]
            .iter()
            .all(|k| item.get(*k).and_then(value_text).is_none())
        {
            return Err(empty(&format!("{path}.nameZh")));
        }
        let price = required_text(item, "price", &format!("{path}.price"))?;
        if price.parse::<Decimal>().map_or(true, |p| p < Decimal::ZERO) {
            return Err(format_error(&format!("{path}.price"), "必须为数字"));
        }
        let qty = required_int(item, "qty", &format!("{path}.qty"))?;
        if qty <= 0 {
            return Err(format_error(&format!("{path}.qty"), "必须为正整数"));
        }
    }
    Ok(())
}

/// `parcelList` is optional; when sent it has exactly `packs` boxes, each with a unique barcode
/// and sizes and weight above zero.
fn check_parcels(data: &Map<String, Value>, packs: u32) -> Result<(), Invalid> {
    let list = match data.get("parcelList") {
        None | Some(Value::Null) => return Ok(()),
        Some(Value::Array(list)) => list,
        Some(_) => return Err(format_error("data.parcelList", "必须为数组")),
    };
    if list.len() != packs as usize {
        return Err(Invalid(format!(
            "parcelList数量({})与packs({packs})不一致",
            list.len()
        )));
    }
    let mut barcodes: Vec<String> = Vec::with_capacity(list.len());
    for (i, parcel) in list.iter().enumerate() {
        let path = format!("data.parcelList[{i}]");
        let Some(parcel) = parcel.as_object() else {
            return Err(format_error(&path, "必须为对象"));
        };
        let barcode = required_text(parcel, "barcode", &format!("{path}.barcode"))?;
        if barcodes.contains(&barcode) {
            return Err(Invalid(format!("{path}.barcode[{barcode}]重复")));
        }
        barcodes.push(barcode);
        for key in [
            "parcelWidth",
            "parcelHeight",
            "parcelLength",
            "parcelWeight",
        ] {
            positive_decimal(parcel, key, &format!("{path}.{key}"))?;
        }
    }
    Ok(())
}

fn object<'a>(
    data: &'a Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<&'a Map<String, Value>, Invalid> {
    match data.get(key) {
        Some(Value::Object(object)) => Ok(object),
        None | Some(Value::Null) => Err(empty(path)),
        Some(_) => Err(format_error(path, "必须为对象")),
    }
}

fn required_text(data: &Map<String, Value>, key: &str, path: &str) -> Result<String, Invalid> {
    match data.get(key) {
        Some(Value::Object(_) | Value::Array(_) | Value::Bool(_)) => {
            Err(format_error(path, "必须为字符串"))
        }
        Some(value) => value_text(value).ok_or_else(|| empty(path)),
        None => Err(empty(path)),
    }
}

fn required_int(data: &Map<String, Value>, key: &str, path: &str) -> Result<i64, Invalid> {
    match data.get(key) {
        None | Some(Value::Null) => Err(empty(path)),
        Some(Value::String(s)) if s.trim().is_empty() => Err(empty(path)),
        Some(value) => value_int(value).ok_or_else(|| format_error(path, "必须为整数")),
    }
}

fn positive_decimal(data: &Map<String, Value>, key: &str, path: &str) -> Result<Decimal, Invalid> {
    match data.get(key) {
        None | Some(Value::Null) => Err(empty(path)),
        Some(Value::String(s)) if s.trim().is_empty() => Err(empty(path)),
        Some(value) => match value_decimal(value) {
            Some(number) if number > Decimal::ZERO => Ok(number),
            Some(_) => Err(format_error(path, "必须大于0")),
            None => Err(format_error(path, "必须为数字")),
        },
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn data() -> Value {
        json!({
            "cbm": "0.000012", "chargecode": "P12EXP", "battery": 0, "customsDeclarationType": 2,
            "consignee": {"address": "a", "name": "n", "phone": "1", "postcode": "2007",
                          "state": "NSW", "suburb": "Ultimo", "email": ""},
            "items": [{"name": "x", "nameZh": "中", "price": "3", "qty": "12"},
                      {"name": "y", "name_zh": "重试", "price": 4, "qty": 12}],
            "packs": "2",
            "shipper": {"address": "a", "city": "c", "company": "co", "country": "CN", "email": "",
                        "name": "n", "phone": "1", "postcode": "200120", "state": "s"},
            "type": 10, "weight": "8",
            "parcelList": [
                {"barcode": "b-1", "parcelWidth": 1.0, "parcelHeight": 2.0, "parcelLength": 3.0, "parcelWeight": 4.0},
                {"barcode": "b-2", "parcelWidth": 1.0, "parcelHeight": 2.0, "parcelLength": 3.0, "parcelWeight": 4.0}
            ]
        })
    }

    fn with(path: &[&str], value: Value) -> Value {
        let mut data = data();
        let mut target = &mut data;
        for key in &path[..path.len() - 1] {
            target = &mut target[*key];
        }
        target[path[path.len() - 1]] = value;
        data
    }

    #[test]
    fn a_complete_order_passes_with_the_seeds_mixed_types() {
        assert_eq!(check_data(&data()), Ok(2));
    }

    #[test]
    fn each_rule_names_its_field() {
        let refused = |data: Value| check_data(&data).err().map(|e| e.0).unwrap_or_default();
        assert!(refused(with(&["cbm"], json!(""))).contains("data.cbm不能为空"));
        assert!(refused(with(&["battery"], json!(3))).contains("data.battery"));
        assert!(
            refused(with(&["packs"], json!("3"))).contains("parcelList数量(2)与packs(3)不一致")
        );
        assert!(
            refused(with(&["consignee", "suburb"], json!(""))).contains("data.consignee.suburb")
        );
        assert!(
            refused(with(&["shipper", "company"], Value::Null)).contains("data.shipper.company")
        );
        assert!(refused(with(&["type"], json!("ten"))).contains("data.type"));
        assert!(refused(with(&["weight"], json!("0"))).contains("data.weight"));
        assert!(refused(with(&["chargecode"], json!("P9X"))).contains("data.dischargingPort"));
        assert!(
            refused(with(&["customsDeclarationType"], json!(3))).contains("customsDeclarationType")
        );
        let mut no_name_zh = data();
        no_name_zh["items"][1]
            .as_object_mut()
            .map(|item| item.remove("name_zh"));
        assert!(refused(no_name_zh).contains("data.items[1].nameZh"));
        let mut same_barcode = data();
        same_barcode["parcelList"][1]["barcode"] = json!("b-1");
        assert!(refused(same_barcode).contains("重复"));
        assert!(refused(with(&["consignee"], json!("x"))).contains("data.consignee格式错误"));
    }

    #[test]
    fn parcel_list_is_optional_and_p9_takes_a_port() {
        let mut no_list = data();
        no_list.as_object_mut().map(|d| d.remove("parcelList"));
        assert_eq!(check_data(&no_list), Ok(2));
        let mut p9 = with(&["chargecode"], json!("P9EXP"));
        p9["dischargingPort"] = json!("mel");
        assert_eq!(check_data(&p9), Ok(2));
    }
}
