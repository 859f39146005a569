use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::numbers::{Quantity, quoted};
use super::text_rules::has_forbidden;
use super::{Address, Shipment, Text, address_rules, countries, currencies};

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

// Longest text per field, in characters (not bytes: 元 is one character, three bytes). Sane
// bounds that no real address reaches and that keep a pasted megabyte out of every request;
// a forwarder with a smaller limit checks its own (see `carriers`).
/// A person's or a company's name.
const MAX_NAME_CHARS: usize = 100;
/// A street line.
const MAX_STREET_CHARS: usize = 200;
/// A city, state or province.
const MAX_PLACE_CHARS: usize = 100;
/// A postcode or postcode zone (the longest real ones are 10).
const MAX_POSTCODE_CHARS: usize = 20;
/// A phone number as typed, separators included (the digits are bounded apart).
const MAX_PHONE_CHARS: usize = 40;
/// An e-mail address (RFC 5321's path limit).
const MAX_EMAIL_CHARS: usize = 254;
/// A house or door number.
const MAX_HOUSE_NUMBER_CHARS: usize = 50;
/// An item's name, in either language.
const MAX_ITEM_NAME_CHARS: usize = 200;
/// A SKU.
const MAX_SKU_CHARS: usize = 100;
/// A box number (ECCANG's limit, the only one given).
const MAX_BOX_CHARS: usize = 50;
/// A service or channel code.
const MAX_SERVICE_CODE_CHARS: usize = 50;
/// The remark.
const MAX_REMARK_CHARS: usize = 500;
/// A forwarder-specific field's value.
const MAX_FORWARDER_FIELD_CHARS: usize = 200;
/// Digits of an HS code when one is given: from a 2-digit chapter to a 12-digit national
/// code. Not 4: seed 002's own example declares "213".
const HS_CODE_DIGITS: std::ops::RangeInclusive<usize> = 2..=12;

/// The most characters a text field may hold, by its path (`recipient.street1`,
/// `items[0].sku`, `remark`), for an input box's limit; `None` for a field that is not text.
pub fn max_chars(field: &str) -> Option<usize> {
    let leaf = field.rsplit('.').next().unwrap_or(field);
    if field.starts_with("forwarder_fields.") {
        return Some(MAX_FORWARDER_FIELD_CHARS);
    }
    Some(match leaf {
        "reference" | "reference2" | "reference3" => MAX_REFERENCE_CHARS,
        "service_code" => MAX_SERVICE_CODE_CHARS,
        "remark" => MAX_REMARK_CHARS,
        "name" | "company" => MAX_NAME_CHARS,
        "street1" | "street2" => MAX_STREET_CHARS,
        "city" | "state" => MAX_PLACE_CHARS,
        "postcode" | "postcode_zone" => MAX_POSTCODE_CHARS,
        "phone" => MAX_PHONE_CHARS,
        "email" => MAX_EMAIL_CHARS,
        "house_number" => MAX_HOUSE_NUMBER_CHARS,
        "name_en" | "name_zh" => MAX_ITEM_NAME_CHARS,
        "sku" => MAX_SKU_CHARS,
        "box_number" => MAX_BOX_CHARS,
        "hs_code" => *HS_CODE_DIGITS.end(),
        "country_code" | "origin_country" => 2,
        "currency" => 3,
        _ => return None,
    })
}

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
    } else if has_forbidden(&shipment.reference) {
        issues.push(ValidationIssue::new(
            "reference",
            "Reference number contains invisible control characters (check the scanner)",
            "参考号含有不可见控制字符（请检查扫码枪）",
        ));
    }
    for (field, value, en, zh) in [
        (
            "reference2",
            &shipment.reference2,
            "Reference 2",
            "参考号 2",
        ),
        (
            "reference3",
            &shipment.reference3,
            "Reference 3",
            "参考号 3",
        ),
    ] {
        check_text(
            &mut issues,
            field,
            value,
            &Text::new(en, zh),
            MAX_REFERENCE_CHARS,
        );
    }
    check_text(
        &mut issues,
        "service_code",
        &shipment.service_code,
        &Text::new("Service code", "服务渠道代码"),
        MAX_SERVICE_CODE_CHARS,
    );
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
        for (name, value, quantity) in [
            ("length", parcel.length, Quantity::Length),
            ("width", parcel.width, Quantity::Width),
            ("height", parcel.height, Quantity::Height),
            ("weight", parcel.weight, Quantity::Weight),
        ] {
            let Text { en, zh } = quantity.label();
            let max = if name == "weight" {
                MAX_WEIGHT
            } else {
                MAX_DIMENSION
            };
            let field = format!("parcels[{i}].{name}");
            if value <= Decimal::ZERO {
                issues.push(ValidationIssue::new(
                    field,
                    format!("{en} must be more than zero"),
                    format!("{zh}必须大于零"),
                ));
            } else if value > Decimal::from(max) {
                issues.push(ValidationIssue::new(
                    field,
                    format!("{en} {value} is too large (at most {max})"),
                    format!("{zh} {value} 过大（最多 {max}）"),
                ));
            } else if let Some(issue) = quantity.check_decimals(&field, value) {
                issues.push(issue);
            }
        }
        check_text(
            &mut issues,
            &format!("parcels[{i}].box_number"),
            &parcel.box_number,
            &Text::new("Box number", "箱号"),
            MAX_BOX_CHARS,
        );
    }
    for (i, item) in shipment.items.iter().enumerate() {
        issues.extend(super::customs_names::check_names(
            i,
            &item.name_en,
            &item.name_zh,
            &item.sku,
        ));
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
        let too_large = item.unit_value > Decimal::from(MAX_VALUE);
        if too_large {
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
        } else if !too_large
            && let Some(issue) = Quantity::UnitValue
                .check_decimals(&format!("items[{i}].unit_value"), item.unit_value)
        {
            issues.push(issue);
        }
        check_currency(&mut issues, &format!("items[{i}].currency"), &item.currency);
        check_item_text(&mut issues, i, item);
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
    if let Some(value) = shipment.declared_value
        && value >= Decimal::ZERO
        && value <= Decimal::from(MAX_VALUE)
        && let Some(issue) = Quantity::DeclaredValue.check_decimals("declared_value", value)
    {
        issues.push(issue);
    }
    // Optional: empty means the items' currency (`Shipment::effective_currency`).
    if !shipment.currency.trim().is_empty() {
        check_currency(&mut issues, "currency", &shipment.currency);
    }
    check_text(
        &mut issues,
        "remark",
        &shipment.remark,
        &Text::new("Remark", "备注"),
        MAX_REMARK_CHARS,
    );
    for (name, value) in &shipment.forwarder_fields {
        check_text(
            &mut issues,
            &format!("forwarder_fields.{name}"),
            value,
            &Text::new(
                format!("Forwarder field {name}"),
                format!("渠道字段 {name}"),
            ),
            MAX_FORWARDER_FIELD_CHARS,
        );
    }
    issues
}

/// Checks a text field's length and characters; says whether it passed (so that a more
/// specific rule runs only on text that is otherwise fine).
fn check_text(
    issues: &mut Vec<ValidationIssue>,
    field: &str,
    value: &str,
    label: &Text,
    max_chars: usize,
) -> bool {
    // Characters, not bytes; leading and trailing spaces are not sent.
    if value.trim().chars().count() > max_chars {
        issues.push(ValidationIssue::new(
            field,
            format!("{} is longer than {max_chars} characters", label.en),
            format!("{}超过 {max_chars} 个字符", label.zh),
        ));
        false
    } else if has_forbidden(value) {
        issues.push(ValidationIssue::new(
            field,
            format!(
                "{} contains invisible control characters (a line break, tab, NUL or similar)",
                label.en
            ),
            format!("{}含有不可见控制字符（换行、制表符、NUL 等）", label.zh),
        ));
        false
    } else {
        true
    }
}

/// An item's texts: names, HS code, SKU, origin, box.
fn check_item_text(issues: &mut Vec<ValidationIssue>, i: usize, item: &super::CustomsItem) {
    for (name, value, en, zh, max) in [
        (
            "name_en",
            &item.name_en,
            "English item name",
            "英文品名",
            MAX_ITEM_NAME_CHARS,
        ),
        (
            "name_zh",
            &item.name_zh,
            "Chinese item name",
            "中文品名",
            MAX_ITEM_NAME_CHARS,
        ),
        ("sku", &item.sku, "SKU", "SKU", MAX_SKU_CHARS),
        (
            "box_number",
            &item.box_number,
            "Box number",
            "箱号",
            MAX_BOX_CHARS,
        ),
    ] {
        check_text(
            issues,
            &format!("items[{i}].{name}"),
            value,
            &Text::new(en, zh),
            max,
        );
    }
    let field = format!("items[{i}].hs_code");
    let hs_code = item.hs_code.trim();
    let label = Text::new("HS code", "海关编码");
    if !hs_code.is_empty()
        && check_text(issues, &field, &item.hs_code, &label, *HS_CODE_DIGITS.end())
        && !(HS_CODE_DIGITS.contains(&hs_code.len()) && hs_code.bytes().all(|b| b.is_ascii_digit()))
    {
        let (min, max) = (HS_CODE_DIGITS.start(), HS_CODE_DIGITS.end());
        issues.push(ValidationIssue::new(
            field,
            format!("HS code must be {min} to {max} digits, without dots or spaces (e.g. 392690)"),
            format!("海关编码须为 {min} 到 {max} 位数字，不含点或空格（如 392690）"),
        ));
    }
    let origin = item.origin_country.trim();
    if !origin.is_empty() && countries::country(origin).is_none() {
        issues.push(ValidationIssue::new(
            format!("items[{i}].origin_country"),
            format!(
                "Country of origin \"{}\" is not an ISO 3166-1 country code (such as CN)",
                quoted(origin)
            ),
            format!(
                "原产国“{}”不是 ISO 3166-1 国家代码（如 CN）",
                quoted(origin)
            ),
        ));
    }
}

/// A currency must be an ISO 4217 code; a symbol or name (元, ￥, 美元) gets the code it means.
fn check_currency(issues: &mut Vec<ValidationIssue>, field: &str, currency: &str) {
    let typed = currency.trim();
    let is_three_letters =
        typed.chars().count() == 3 && typed.chars().all(|c| c.is_ascii_alphabetic());
    let suggestion = currencies::suggest_code(typed);
    if !is_three_letters {
        let (hint_en, hint_zh) = match suggestion {
            Some(code) => (
                format!("; for \"{}\" use {code}", quoted(typed)),
                format!("；“{}”请填 {code}", quoted(typed)),
            ),
            None => (String::new(), String::new()),
        };
        issues.push(ValidationIssue::new(
            field,
            format!("Currency must be a 3-letter code such as USD{hint_en}"),
            format!("币种须为三位代码，如 USD{hint_zh}"),
        ));
    } else if currencies::currency(typed).is_none() {
        let (en, zh) = match suggestion {
            Some(code) => (
                format!("Currency \"{typed}\" is not an ISO 4217 code; use {code}"),
                format!("币种“{typed}”不是 ISO 4217 代码，请填 {code}"),
            ),
            None => (
                format!(
                    "Currency \"{typed}\" is not an ISO 4217 currency code (such as USD, EUR, CNY)"
                ),
                format!("币种“{typed}”不是 ISO 4217 币种代码（如 USD、EUR、CNY）"),
            ),
        };
        issues.push(ValidationIssue::new(field, en, zh));
    }
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
    } else if is_alpha2 && countries::country(country).is_none() {
        issues.push(ValidationIssue::new(
            format!("{who}.country_code"),
            format!("{who_en} country \"{country}\" is not an ISO 3166-1 country code"),
            format!("{who_zh}国家“{country}”不是 ISO 3166-1 国家代码"),
        ));
    }
    // Shapes are checked only against a real country.
    let known_country = countries::country(country).map(|c| c.code);

    let mut text = |field: &str, value: &str, en: &str, zh: &str, max: usize| {
        check_text(
            issues,
            &format!("{who}.{field}"),
            value,
            &Text::new(format!("{who_en} {en}"), format!("{who_zh}{zh}")),
            max,
        ) && !value.trim().is_empty()
    };
    text("name", &address.name, "name", "姓名", MAX_NAME_CHARS);
    text(
        "company",
        &address.company,
        "company",
        "公司",
        MAX_NAME_CHARS,
    );
    text("email", &address.email, "e-mail", "邮箱", MAX_EMAIL_CHARS);
    text("city", &address.city, "city", "城市", MAX_PLACE_CHARS);
    text(
        "street1",
        &address.street1,
        "street address",
        "地址",
        MAX_STREET_CHARS,
    );
    text(
        "street2",
        &address.street2,
        "street address line 2",
        "地址 2",
        MAX_STREET_CHARS,
    );
    text(
        "house_number",
        &address.house_number,
        "house number",
        "门牌号",
        MAX_HOUSE_NUMBER_CHARS,
    );
    text(
        "postcode_zone",
        &address.postcode_zone,
        "postcode zone",
        "邮编分区",
        MAX_POSTCODE_CHARS,
    );
    let phone_ok = text("phone", &address.phone, "phone", "电话", MAX_PHONE_CHARS);
    let state_ok = text(
        "state",
        &address.state,
        "state / province",
        "州/省",
        MAX_PLACE_CHARS,
    );
    let postcode_ok = text(
        "postcode",
        &address.postcode,
        "postcode",
        "邮编",
        MAX_POSTCODE_CHARS,
    );

    if phone_ok && let Err(rule) = address_rules::check_phone(&address.phone) {
        issues.push(ValidationIssue::new(
            format!("{who}.phone"),
            format!("{who_en} phone {}", rule.en),
            format!("{who_zh}电话{}", rule.zh),
        ));
    }
    let Some(country) = known_country else {
        return;
    };
    if state_ok && let Err(rule) = address_rules::check_state(country, &address.state) {
        let typed = quoted(address.state.trim());
        issues.push(ValidationIssue::new(
            format!("{who}.state"),
            format!("{who_en} state / province \"{typed}\" is {}", rule.en),
            format!("{who_zh}州/省“{typed}”{}", rule.zh),
        ));
    }
    if postcode_ok && let Err(shape) = address_rules::check_postcode(country, &address.postcode) {
        let typed = quoted(address.postcode.trim());
        let full_width = address.postcode.chars().any(|c| ('０'..='９').contains(&c));
        let (hint_en, hint_zh) = if full_width {
            (" (type half-width digits 0-9)", "（请用半角数字 0-9）")
        } else {
            ("", "")
        };
        issues.push(ValidationIssue::new(
            format!("{who}.postcode"),
            format!(
                "{who_en} postcode \"{typed}\" does not fit: {}{hint_en}",
                shape.en
            ),
            format!("{who_zh}邮编“{typed}”格式不对：{}{hint_zh}", shape.zh),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_order;

    fn example(name: &str) -> Shipment {
        let path = format!("{}/assets/examples/{name}", env!("CARGO_MANIFEST_DIR"));
        crate::model::read_order_file(std::path::Path::new(&path))
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn seed() -> Shipment {
        example("order-seed000.json")
    }

    /// The issues' fields and English messages.
    fn said(shipment: &Shipment) -> Vec<(String, String)> {
        validate_shipment(shipment)
            .into_iter()
            .map(|i| (i.field, i.message.en))
            .collect()
    }

    /// The English message at `field`, if any.
    fn at(shipment: &Shipment, field: &str) -> Option<String> {
        said(shipment)
            .into_iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m)
    }

    #[test]
    fn the_forwarders_own_examples_pass() {
        for name in [
            "order-seed000.json",
            "order-seed001.json",
            "order-seed003.json",
        ] {
            assert_eq!(said(&example(name)), [], "{name}");
        }
        // Seed 002 (ZYL) as tests/zyl_seed.rs enters it: AU, NSW, 2007, hs "213".
        let zyl = parse_order(
            r#"{"reference": "AM3050803000", "service_code": "P12EXP",
            "sender": {"name": "zzz", "company": "zxc", "phone": "123456789", "email": "",
              "country_code": "CN", "state": "zcx", "city": "zxc", "postcode": "200120", "street1": "zxc"},
            "recipient": {"name": "Eva She", "company": "b803, 521 Harris street, Ultimo, Sydney, NSW, 2007",
              "phone": "123456789", "email": "", "country_code": "AU", "state": "NSW",
              "city": "Ultimo", "postcode": "2007", "street1": "zxc"},
            "parcels": [{"length": "3.0", "width": "1.0", "height": "2.0", "dimension_unit": "CM",
              "weight": "4.0", "weight_unit": "KG", "box_number": "test202408260001-1"}],
            "items": [{"name_en": "qwe", "name_zh": "中", "quantity": 12, "unit_value": "3",
              "currency": "USD", "hs_code": "213"}],
            "forwarder_fields": {"amazon_po": "213;213;", "clear": "DDU"}}"#,
        );
        assert_eq!(zyl.as_ref().map(said).ok(), Some(vec![]), "{:?}", zyl.err());
    }

    #[test]
    fn existing_messages_are_unchanged() {
        let mut order = seed();
        order.recipient.phone.clear();
        order.recipient.postcode = " ".to_owned();
        order.items[0].currency = "US".to_owned();
        order.sender.country_code = "USA".to_owned();
        order.parcels[0].weight = Decimal::ZERO;
        let issues = validate_shipment(&order);
        let find = |field: &str| {
            issues
                .iter()
                .find(|i| i.field == field)
                .map(|i| i.message.to_string())
        };
        assert_eq!(
            find("recipient.phone").as_deref(),
            Some("Recipient phone is required / 请填写收件人电话")
        );
        assert_eq!(
            find("recipient.postcode").as_deref(),
            Some("Recipient postcode is required / 请填写收件人邮编")
        );
        assert_eq!(
            find("items[0].currency").as_deref(),
            Some("Currency must be a 3-letter code such as USD / 币种须为三位代码，如 USD")
        );
        assert_eq!(
            find("sender.country_code").as_deref(),
            Some(
                "Sender country must be a 2-letter code such as US / 发件人国家须为两位代码，如 US"
            )
        );
        assert_eq!(
            find("parcels[0].weight").as_deref(),
            Some("Weight must be more than zero / 重量必须大于零")
        );
        // A required field that is empty gets that message only, not a shape complaint too.
        assert_eq!(
            issues
                .iter()
                .filter(|i| i.field == "recipient.postcode")
                .count(),
            1
        );
    }

    #[test]
    fn countries_must_be_iso_3166() {
        for (code, wrong) in [
            ("US", None),
            ("us", None),
            ("HK", None),
            (
                "ZZ",
                Some("Recipient country \"ZZ\" is not an ISO 3166-1 country code"),
            ),
            (
                "UK",
                Some("Recipient country \"UK\" is not an ISO 3166-1 country code"),
            ),
            (
                "元",
                Some("Recipient country must be a 2-letter code such as US"),
            ),
            (
                "ＵＳ",
                Some("Recipient country must be a 2-letter code such as US"),
            ),
        ] {
            let mut order = seed();
            order.recipient.country_code = code.to_owned();
            // Keep the shape rules out of it: HK and the made-up codes have no postcode shape.
            assert_eq!(
                at(&order, "recipient.country_code").as_deref(),
                wrong,
                "{code}"
            );
        }
        let mut order = seed();
        order.items[0].origin_country = "XX".to_owned();
        assert_eq!(
            at(&order, "items[0].origin_country").as_deref(),
            Some("Country of origin \"XX\" is not an ISO 3166-1 country code (such as CN)")
        );
    }

    #[test]
    fn postcodes_and_states_per_destination() {
        /// Country, state, postcode, then the postcode's and the state's message.
        type Row<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<&'a str>);
        let table: &[Row] = &[
            ("US", "FL", "90048-1234", None, None),
            (
                "US",
                "Florida",
                "9004",
                Some(
                    "Recipient postcode \"9004\" does not fit: US postcode is 5 digits, or 5+4 such as 90048-1234",
                ),
                None,
            ),
            (
                "US",
                "Flordia",
                "90048",
                None,
                Some(
                    "Recipient state / province \"Flordia\" is not a US state: use the 2-letter code such as CA, or the full name",
                ),
            ),
            (
                "US",
                "FL",
                "９００４８",
                Some(
                    "Recipient postcode \"９００４８\" does not fit: US postcode is 5 digits, or 5+4 such as 90048-1234 (type half-width digits 0-9)",
                ),
                None,
            ),
            ("CA", "ON", "K1A 0B1", None, None),
            (
                "CA",
                "FL",
                "K1A0B1",
                None,
                Some(
                    "Recipient state / province \"FL\" is not a Canadian province or territory: use the 2-letter code such as ON, or the full name",
                ),
            ),
            ("AU", "NSW", "2007", None, None),
            (
                "AU",
                "Victoria",
                "20070",
                Some(
                    "Recipient postcode \"20070\" does not fit: AU postcode is 4 digits, such as 2007",
                ),
                None,
            ),
            ("GB", "London", "SW1A 1AA", None, None),
            (
                "DE",
                "Berlin",
                "1011",
                Some(
                    "Recipient postcode \"1011\" does not fit: DE postcode is 5 digits, such as 10115",
                ),
                None,
            ),
            ("JP", "Tokyo", "100-0001", None, None),
            ("CN", "广东", "518000", None, None),
            ("NL", "Noord-Holland", "1012 AB", None, None),
            ("PL", "consignee province", "32020", None, None),
            ("HK", "Kowloon", "000000", None, None),
        ];
        for (country, state, postcode, postcode_message, state_message) in table {
            let mut order = seed();
            order.recipient.country_code = (*country).to_owned();
            order.recipient.state = (*state).to_owned();
            order.recipient.postcode = (*postcode).to_owned();
            assert_eq!(
                at(&order, "recipient.postcode").as_deref(),
                *postcode_message,
                "{country} {postcode}"
            );
            assert_eq!(
                at(&order, "recipient.state").as_deref(),
                *state_message,
                "{country} {state}"
            );
        }
        // The sender is held to the same rules.
        let mut order = seed();
        order.sender.postcode = "666".to_owned();
        assert!(
            at(&order, "sender.postcode").is_some_and(|m| m.starts_with("Sender postcode \"666\""))
        );
    }

    #[test]
    fn phones_are_digits() {
        for (phone, wrong) in [
            ("+1 (310) 555-0147", None),
            ("951218", None),
            (
                "12345",
                Some("Recipient phone has 5 digits; it needs 6 to 20"),
            ),
            (
                "ask at the door",
                Some(
                    "Recipient phone may contain only digits, spaces, dashes, dots, brackets and a leading +",
                ),
            ),
        ] {
            let mut order = seed();
            order.recipient.phone = phone.to_owned();
            assert_eq!(at(&order, "recipient.phone").as_deref(), wrong, "{phone}");
        }
    }

    #[test]
    fn currencies_must_be_iso_4217_counted_in_characters() {
        let mut order = seed();
        order.items[0].currency = "元".to_owned();
        let issue = validate_shipment(&order)
            .into_iter()
            .find(|i| i.field == "items[0].currency")
            .map(|i| i.message);
        assert_eq!(
            issue,
            Some(Text::new(
                "Currency must be a 3-letter code such as USD; for \"元\" use CNY",
                "币种须为三位代码，如 USD；“元”请填 CNY"
            ))
        );
        for (currency, wrong) in [
            ("USD", None),
            ("usd", None),
            ("JPY", None),
            (
                "RMB",
                Some("Currency \"RMB\" is not an ISO 4217 code; use CNY"),
            ),
            (
                "ABC",
                Some("Currency \"ABC\" is not an ISO 4217 currency code (such as USD, EUR, CNY)"),
            ),
            ("U$D", Some("Currency must be a 3-letter code such as USD")),
        ] {
            let mut order = seed();
            order.items[0].currency = currency.to_owned();
            order.currency = currency.to_owned();
            assert_eq!(
                at(&order, "items[0].currency").as_deref(),
                wrong,
                "{currency}"
            );
            assert_eq!(at(&order, "currency").as_deref(), wrong, "{currency}");
        }
        let mut order = seed();
        order.currency.clear();
        assert_eq!(at(&order, "currency"), None, "empty: the items' currency");
    }

    #[test]
    fn decimals_past_what_a_field_carries_are_errors() {
        let d = |t: &str| crate::model::numbers::parse_exact(t).unwrap_or_default();
        let mut order = seed();
        order.parcels[0].weight = d("2.500");
        order.parcels[0].length = d("10.50");
        order.items[0].unit_value = d("0.004");
        assert_eq!(said(&order), []);
        order.parcels[0].weight = d("2.5001");
        order.parcels[0].width = d("10.505");
        order.items[0].unit_value = d("0.0000001");
        order.declared_value = Some(d("7.1234567"));
        let issues = said(&order);
        for (field, message) in [
            ("parcels[0].weight", "Weight has more than 3 decimals"),
            ("parcels[0].width", "Width has more than 2 decimals"),
            ("items[0].unit_value", "Unit value has more than 6 decimals"),
            ("declared_value", "Declared value has more than 6 decimals"),
        ] {
            assert!(
                issues.contains(&(field.to_owned(), message.to_owned())),
                "{field}: {issues:?}"
            );
        }
        // A value already refused for its size is not refused again for its decimals.
        order.parcels[0].weight = d("100000.0001");
        assert_eq!(
            at(&order, "parcels[0].weight").as_deref(),
            Some("Weight 100000.0001 is too large (at most 100000)")
        );
    }

    #[test]
    fn control_characters_are_refused_in_every_text_field() {
        let bad = "A\u{1b}[2J B";
        type Setter = fn(&mut Shipment, &str);
        let fields: &[(&str, Setter)] = &[
            ("recipient.name", |o, v| o.recipient.name = v.to_owned()),
            ("recipient.company", |o, v| {
                o.recipient.company = v.to_owned()
            }),
            ("recipient.street1", |o, v| {
                o.recipient.street1 = v.to_owned()
            }),
            ("recipient.street2", |o, v| {
                o.recipient.street2 = v.to_owned()
            }),
            ("recipient.city", |o, v| o.recipient.city = v.to_owned()),
            ("recipient.state", |o, v| o.recipient.state = v.to_owned()),
            ("recipient.postcode", |o, v| {
                o.recipient.postcode = v.to_owned()
            }),
            ("recipient.phone", |o, v| o.recipient.phone = v.to_owned()),
            ("recipient.email", |o, v| o.recipient.email = v.to_owned()),
            ("recipient.house_number", |o, v| {
                o.recipient.house_number = v.to_owned()
            }),
            ("sender.name", |o, v| o.sender.name = v.to_owned()),
            ("sender.street1", |o, v| o.sender.street1 = v.to_owned()),
            ("items[0].name_en", |o, v| o.items[0].name_en = v.to_owned()),
            ("items[0].name_zh", |o, v| o.items[0].name_zh = v.to_owned()),
            ("items[0].sku", |o, v| o.items[0].sku = v.to_owned()),
            ("items[0].hs_code", |o, v| o.items[0].hs_code = v.to_owned()),
            ("parcels[0].box_number", |o, v| {
                o.parcels[0].box_number = v.to_owned()
            }),
            ("remark", |o, v| o.remark = v.to_owned()),
            ("reference2", |o, v| o.reference2 = v.to_owned()),
            ("service_code", |o, v| o.service_code = v.to_owned()),
            ("forwarder_fields.product_type", |o, v| {
                o.forwarder_fields
                    .insert("product_type".to_owned(), v.to_owned());
            }),
        ];
        for (field, set) in fields {
            for value in [bad, "Polk\nSt", "Polk\tSt", "nul\0", "x\u{202e}y", "\u{7f}"] {
                let mut order = seed();
                set(&mut order, value);
                let issues: Vec<_> = validate_shipment(&order)
                    .into_iter()
                    .filter(|i| i.field == *field)
                    .collect();
                assert_eq!(issues.len(), 1, "{field} {value:?}: {issues:?}");
                assert!(
                    issues[0]
                        .message
                        .en
                        .contains("invisible control characters"),
                    "{field}: {issues:?}"
                );
                assert!(
                    issues[0].message.zh.contains("不可见控制字符"),
                    "{field}: {issues:?}"
                );
            }
        }
        let mut order = seed();
        order.reference = "R1\r".to_owned();
        assert_eq!(
            at(&order, "reference").as_deref(),
            Some("Reference number contains invisible control characters (check the scanner)")
        );
        // What is not a control character stays: marks used by right-to-left scripts, emoji.
        let mut order = seed();
        order.recipient.name = "\u{200f}שלום 📦".to_owned();
        order.recipient.street2 = "2F\u{3000}Room 3".to_owned();
        assert_eq!(said(&order), []);
    }

    #[test]
    fn lengths_are_bounded_in_characters() {
        let mut order = seed();
        order.recipient.name = "名".repeat(100);
        order.remark = "x".repeat(500);
        assert_eq!(
            said(&order),
            [],
            "at the limit, in characters (名 is 3 bytes)"
        );
        order.recipient.name = "名".repeat(101);
        order.remark = "x".repeat(50 << 20);
        order.recipient.street1 = "s".repeat(201);
        order.items[0].name_en = "n".repeat(1 << 20);
        for (field, message) in [
            (
                "recipient.name",
                "Recipient name is longer than 100 characters",
            ),
            ("remark", "Remark is longer than 500 characters"),
            (
                "recipient.street1",
                "Recipient street address is longer than 200 characters",
            ),
            (
                "items[0].name_en",
                "English item name is longer than 200 characters",
            ),
        ] {
            assert_eq!(at(&order, field).as_deref(), Some(message), "{field}");
        }
        assert_eq!(max_chars("recipient.street1"), Some(200));
        assert_eq!(max_chars("items[3].sku"), Some(100));
        assert_eq!(max_chars("forwarder_fields.items[0].type"), Some(200));
        assert_eq!(max_chars("parcels[0].weight"), None);
    }

    #[test]
    fn hs_codes_are_digits() {
        for (hs, wrong) in [
            ("", false),
            ("392690", false),
            ("3506100090", false),
            ("213", false),
            ("3926.90", true),
            ("3926 90", true),
            ("1", true),
            ("1234567890123", true),
            ("abcdef", true),
        ] {
            let mut order = seed();
            order.items[0].hs_code = hs.to_owned();
            assert_eq!(at(&order, "items[0].hs_code").is_some(), wrong, "{hs:?}");
        }
    }

    #[test]
    fn odd_strings_in_every_field_never_panic() {
        let long = "x".repeat(1 << 20);
        let odd = [
            "",
            " ",
            "\0",
            "\u{1b}",
            "\u{200f}\u{202e}",
            "📦🚚",
            "９００４８",
            long.as_str(),
            "İ̇",
            "\u{feff}",
            "\u{85}",
        ];
        for value in odd {
            let mut order = seed();
            let item = &mut order.items[0];
            for text in [
                &mut item.currency,
                &mut item.hs_code,
                &mut item.origin_country,
            ] {
                *text = value.to_owned();
            }
            for text in [
                &mut order.reference,
                &mut order.reference2,
                &mut order.service_code,
                &mut order.remark,
                &mut order.currency,
            ] {
                *text = value.to_owned();
            }
            for address in [&mut order.sender, &mut order.recipient] {
                for text in [
                    &mut address.name,
                    &mut address.phone,
                    &mut address.country_code,
                    &mut address.state,
                    &mut address.city,
                    &mut address.postcode,
                    &mut address.street1,
                    &mut address.email,
                ] {
                    *text = value.to_owned();
                }
            }
            let issues = validate_shipment(&order);
            // Messages quote what was typed, but never a megabyte of it.
            assert!(
                issues.iter().all(|i| i.message.en.len() < 400),
                "{:?}",
                value.get(..10)
            );
        }
    }
}
