use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Address, Shipment, Text};

/// One thing wrong with an order, tied to the field a person must fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationIssue {
    /// Path of the field, e.g. `recipient.postcode`, `parcels[0].weight`, `items[1].name_en`.
    pub field: String,
    /// What is wrong, in both languages.
    pub message: Text,
}

impl ValidationIssue {
    /// An issue on `field`.
    pub fn new(field: impl Into<String>, en: impl Into<String>, zh: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: Text::new(en, zh),
        }
    }
}

impl std::fmt::Display for ValidationIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Largest length, width or height accepted, in any unit (no parcel is 100 m long).
const MAX_DIMENSION: i64 = 10_000;
/// Largest weight accepted, in any unit.
const MAX_WEIGHT: i64 = 100_000;
/// Largest item value or declared value accepted.
const MAX_VALUE: i64 = 1_000_000_000;
/// Largest item quantity accepted.
const MAX_QUANTITY: u32 = 1_000_000;

/// Longest reference any of the supported forwarders accepts (ECCANG: 50).
const MAX_REFERENCE_CHARS: usize = 50;

/// Rules every forwarder shares. Each forwarder adds its own on top (see `carriers`).
pub fn validate_shipment(shipment: &Shipment) -> Vec<ValidationIssue> {
    let mut issues = Vec::new();
    let reference = shipment.reference.trim();
    if reference.is_empty() {
        issues.push(ValidationIssue::new(
            "reference",
            "Reference number is required",
            "请填写参考号",
        ));
    } else if reference.chars().count() > MAX_REFERENCE_CHARS {
        issues.push(ValidationIssue::new(
            "reference",
            format!("Reference number is longer than {MAX_REFERENCE_CHARS} characters"),
            format!("参考号超过 {MAX_REFERENCE_CHARS} 个字符"),
        ));
    } else if reference.chars().any(char::is_control) {
        issues.push(ValidationIssue::new(
            "reference",
            "Reference number contains invisible control characters (check the scanner)",
            "参考号含有不可见控制字符（请检查扫码枪）",
        ));
    }
    check_address(&mut issues, "sender", &shipment.sender);
    check_address(&mut issues, "recipient", &shipment.recipient);

    if shipment.parcels.is_empty() {
        issues.push(ValidationIssue::new(
            "parcels",
            "Add at least one parcel",
            "请至少添加一个包裹",
        ));
    }
    for (i, parcel) in shipment.parcels.iter().enumerate() {
        for (name, value, en, zh) in [
            ("length", parcel.length, "Length", "长"),
            ("width", parcel.width, "Width", "宽"),
            ("height", parcel.height, "Height", "高"),
            ("weight", parcel.weight, "Weight", "重量"),
        ] {
            let max = if name == "weight" {
                MAX_WEIGHT
            } else {
                MAX_DIMENSION
            };
            if value <= Decimal::ZERO {
                issues.push(ValidationIssue::new(
                    format!("parcels[{i}].{name}"),
                    format!("{en} must be more than zero"),
                    format!("{zh}必须大于零"),
                ));
            } else if value > Decimal::from(max) {
                issues.push(ValidationIssue::new(
                    format!("parcels[{i}].{name}"),
                    format!("{en} {value} is too large (at most {max})"),
                    format!("{zh} {value} 过大（最多 {max}）"),
                ));
            }
        }
    }
    for (i, item) in shipment.items.iter().enumerate() {
        if item.name_en.trim().is_empty() {
            issues.push(ValidationIssue::new(
                format!("items[{i}].name_en"),
                "English item name is required for customs",
                "请填写英文品名（报关用）",
            ));
        }
        if item.quantity > MAX_QUANTITY {
            issues.push(ValidationIssue::new(
                format!("items[{i}].quantity"),
                format!("Quantity is too large (at most {MAX_QUANTITY})"),
                format!("数量过大（最多 {MAX_QUANTITY}）"),
            ));
        }
        if item.unit_value > Decimal::from(MAX_VALUE) {
            issues.push(ValidationIssue::new(
                format!("items[{i}].unit_value"),
                format!("Unit value is too large (at most {MAX_VALUE})"),
                format!("单价过大（最多 {MAX_VALUE}）"),
            ));
        }
        if item.quantity == 0 {
            issues.push(ValidationIssue::new(
                format!("items[{i}].quantity"),
                "Quantity must be at least 1",
                "数量至少为 1",
            ));
        }
        if item.unit_value < Decimal::ZERO {
            issues.push(ValidationIssue::new(
                format!("items[{i}].unit_value"),
                "Unit value cannot be negative",
                "单价不能为负数",
            ));
        }
        if item.currency.trim().len() != 3 {
            issues.push(ValidationIssue::new(
                format!("items[{i}].currency"),
                "Currency must be a 3-letter code such as USD",
                "币种须为三位代码，如 USD",
            ));
        }
    }
    if let Some(value) = shipment.declared_value
        && value > Decimal::from(MAX_VALUE)
    {
        issues.push(ValidationIssue::new(
            "declared_value",
            format!("Declared value is too large (at most {MAX_VALUE})"),
            format!("申报价值过大（最多 {MAX_VALUE}）"),
        ));
    }
    if let Some(value) = shipment.declared_value
        && value < Decimal::ZERO
    {
        issues.push(ValidationIssue::new(
            "declared_value",
            "Declared value cannot be negative",
            "申报价值不能为负数",
        ));
    }
    issues
}

fn check_address(issues: &mut Vec<ValidationIssue>, who: &str, address: &Address) {
    let (who_en, who_zh) = if who == "sender" {
        ("Sender", "发件人")
    } else {
        ("Recipient", "收件人")
    };
    for (field, value, en, zh) in [
        ("name", &address.name, "name", "姓名"),
        ("phone", &address.phone, "phone", "电话"),
        ("country_code", &address.country_code, "country", "国家"),
        ("state", &address.state, "state / province", "州/省"),
        ("city", &address.city, "city", "城市"),
        ("postcode", &address.postcode, "postcode", "邮编"),
        ("street1", &address.street1, "street address", "地址"),
    ] {
        if value.trim().is_empty() {
            issues.push(ValidationIssue::new(
                format!("{who}.{field}"),
                format!("{who_en} {en} is required"),
                format!("请填写{who_zh}{zh}"),
            ));
        }
    }
    let country = address.country_code.trim();
    let is_alpha2 = country.len() == 2 && country.chars().all(|c| c.is_ascii_alphabetic());
    if !country.is_empty() && !is_alpha2 {
        issues.push(ValidationIssue::new(
            format!("{who}.country_code"),
            format!("{who_en} country must be a 2-letter code such as US"),
            format!("{who_zh}国家须为两位代码，如 US"),
        ));
    }
}
