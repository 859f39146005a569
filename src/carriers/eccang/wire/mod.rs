//! Seed 001's `paramsJson` objects and the lenient reading of ECCANG's answers.
//!
//! # How numbers are sent
//!
//! Seed 001's request example mixes JSON numbers and strings. shipdesk follows the example's
//! dominant pattern, one rule per level:
//! - **top-level** numeric fields (`order_weight`, `order_pieces`, `insurance_value`, and the
//!   feeTrail weight and sizes) are JSON **numbers**, as in the example (`0.175`, `1`) and as the
//!   table types them (float / int). They are written from the exact decimal (serde_json's
//!   `arbitrary_precision`), so `2.5` goes out as `2.5`, never `2.4999…`;
//! - inside **`ItemArr` and `Volume`** every number is a **decimal string** (`"0.59"`, `"10"`,
//!   `"1.25"`), as every value there in the example is, except one: the second item's
//!   `"invoice_quantity": 5`. shipdesk sends `"5"`, like the first item's `"1"`; ECCANG's PHP
//!   backend reads both (the example itself sends both in one order).
//!
//! Decimals are normalised (`10`, not `10.00`), weights carry at most 3 decimals (the seed's
//! limit), sizes and money at most 2.
//!
//! Field order follows the seed's example; fields the example lacks follow in the table's order.
//! Optional fields with nothing to say are left out, as the example leaves them out.

pub mod envelope;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

pub use crate::carriers::lenient::{value_decimal, value_text};

// ---------------------------------------------------------------------------------------------
// createOrder

/// `createOrder` paramsJson (seed 001).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CreateOrderParams {
    /// 客户参考号, ≤ 50 characters.
    pub reference_no: String,
    /// 配送方式 (service code), e.g. `PK0001`.
    pub shipping_method: String,
    /// Recipient's country, ISO alpha-2.
    pub country_code: String,
    /// Total kg, ≤ 3 decimals; a JSON number.
    #[serde(serialize_with = "json_number")]
    pub order_weight: Decimal,
    /// 外包装件数: how many boxes; a JSON number.
    pub order_pieces: u32,
    /// FBA reference_id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<String>,
    /// FBA shipment_id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipment_id: Option<String>,
    /// FBA POANumber.
    #[serde(rename = "POANumber", skip_serializing_if = "Option::is_none")]
    pub poa_number: Option<String>,
    /// FBA warehouse code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warehouse_code: Option<String>,
    /// `Y` forecast (预报, ECCANG's default) or `N` draft (草稿).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_auto_audit: Option<String>,
    /// Extra service codes, `;`-separated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra_service: Option<String>,
    /// Insured amount; a JSON number.
    #[serde(
        serialize_with = "json_number_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub insurance_value: Option<Decimal>,
    /// 申报类型 1–8 (4 Other is ECCANG's default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mail_cargo_type: Option<String>,
    /// Return when undeliverable: 1 yes, 0 no; a JSON number (the table types it int).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_return: Option<u8>,
    /// 货物类型 B/C/D/L/W (W package is ECCANG's default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cargo_type: Option<String>,
    /// Seller id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seller_id: Option<String>,
    /// Buyer id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buyer_id: Option<String>,
    /// Marketplace (`amazon`, `ebay`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// Marketplace order number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_number: Option<String>,
    /// EU IOSS number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ioss: Option<String>,
    /// 报关方式 (values from getBasicData).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customs_declaration_type: Option<String>,
    /// 清关方式 (values from getBasicData).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customs_clearance_type: Option<String>,
    /// 收件人.
    #[serde(rename = "Consignee")]
    pub consignee: Consignee,
    /// 发件人 (ECCANG uses the account's sender when absent; shipdesk always sends it).
    #[serde(rename = "Shipper")]
    pub shipper: Shipper,
    /// 海关申报信息.
    #[serde(rename = "ItemArr")]
    pub items: Vec<InvoiceItem>,
    /// 材积: one entry per box.
    #[serde(rename = "Volume", skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<Volume>,
}

/// `Consignee`, in the seed example's order, then the table's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Consignee {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_street: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_street2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_telephone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_postcode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_province: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_company: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_mobile: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_doorplate: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_taxno: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_taxno_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_eori: Option<String>,
}

/// `Shipper`, in the seed example's order, then the table's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Shipper {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipper_countrycode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipper_province: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipper_city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipper_street: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipper_postcode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipper_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipper_telephone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipper_mobile: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipper_company: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipper_street2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipper_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipper_doorplate: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipper_tax_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipper_eori: Option<String>,
}

/// One `ItemArr` line, in the seed example's order, then the table's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InvoiceItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice_cnname: Option<String>,
    pub invoice_enname: String,
    /// Declared weight of one piece, kg, ≤ 3 decimals (a decimal string).
    #[serde(
        serialize_with = "decimal_text_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub invoice_weight: Option<Decimal>,
    /// A decimal string (see the module comment).
    #[serde(serialize_with = "count_text")]
    pub invoice_quantity: u32,
    /// Value of one piece (a decimal string).
    #[serde(serialize_with = "decimal_text")]
    pub invoice_unitcharge: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hs_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice_brand: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// The `Volume` box this line is packed in.
    pub box_number: String,
    /// MTR / PCE / SET; ECCANG's default PCE when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_code: Option<String>,
    /// ECCANG's default USD when absent (shipdesk leaves USD out, as the seed example does).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice_currencycode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_of_origin: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub material: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub material_enture: Option<String>,
    /// N / E (battery) / M (magnet) / Y (both).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_magnetoelectric: Option<String>,
}

/// One `Volume` box (cm, kg; decimal strings).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Volume {
    #[serde(serialize_with = "decimal_text")]
    pub length: Decimal,
    #[serde(serialize_with = "decimal_text")]
    pub width: Decimal,
    #[serde(serialize_with = "decimal_text")]
    pub height: Decimal,
    #[serde(serialize_with = "decimal_text")]
    pub weight: Decimal,
    /// Letters and digits, ≤ 50, unique within the order.
    pub box_number: String,
    /// 子单号: letters and digits, ≤ 50, unique in ECCANG's whole system.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_number: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Other services (carriers.md §2.3; the seed documents only createOrder)

/// `getTrackNumber` paramsJson: `reference_no` as a list, as every public client found sends it
/// (carriers.md §2.3's TuYunDa sample, and others); shipdesk asks for one order at a time, so
/// the list holds one number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TrackNumberParams {
    pub reference_no: Vec<String>,
}

/// `getLabelUrl` paramsJson (ectoms page, carriers.md §2.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LabelUrlParams {
    /// Customer reference, waybill (order_code) or tracking number.
    pub reference_no: String,
    /// Which kind of number `reference_no` is (1/2/3); left out when not said.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub number_kind: Option<u8>,
    /// 1 = 10×10 cm, 2 = A4, 3 = 10×15 cm.
    pub label_type: u8,
    /// 1 label, 2 customs form, 3 picking list, 4 label+customs, 5 label+picking, 6 all three.
    pub label_content_type: u8,
}

/// `cancelOrder` paramsJson (ectoms page, carriers.md §2.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CancelOrderParams {
    pub reference_no: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub number_kind: Option<u8>,
}

/// `getCargoTrack` paramsJson (hh-exp page, carriers.md §2.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CargoTrackParams {
    /// ≤ 50 per call.
    pub codes: Vec<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub number_kind: Option<u8>,
    /// `EN` or `CN`.
    pub lang: String,
}

/// `feeTrail` paramsJson (ecwiki 812, carriers.md §2.3). Top-level numbers are JSON numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FeeTrailParams {
    pub country_code: String,
    /// kg.
    #[serde(serialize_with = "json_number")]
    pub weight: Decimal,
    /// D document, L letter, W package.
    pub shipping_type_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    /// cm; sent only for a single box (the multi-box `volume_list` shape is not public).
    #[serde(
        serialize_with = "json_number_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub length: Option<Decimal>,
    #[serde(
        serialize_with = "json_number_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub width: Option<Decimal>,
    #[serde(
        serialize_with = "json_number_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub height: Option<Decimal>,
    /// One service only; absent: every service the account may use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_code: Option<String>,
}

/// `getShippingMethodInfo` / `getShippingMethod` paramsJson: empty (TuYunDa.php sends
/// nothing; carriers.md §2.3). Written as `{}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ShippingMethodParams {}

/// `getOrder` paramsJson: `reference_no` (TuYunDa.php, carriers.md §2.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GetOrderParams {
    pub reference_no: String,
}

/// `modifyOrderWeight` paramsJson: ECCANG's waybill number and the new weight in kg, a JSON
/// number like createOrder's `order_weight` (TuYunDa.php, carriers.md §2.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ModifyWeightParams {
    pub order_code: String,
    #[serde(serialize_with = "json_number")]
    pub weight: Decimal,
}

/// `interceptOrder` paramsJson (TuYunDa.php, carriers.md §2.3): the order, and why it is held
/// (`hold_on_remark`). `type` is left out: its meaning for this call is not public, and a
/// guess could ask for something other than a hold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InterceptParams {
    pub reference_no: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub number_kind: Option<u8>,
    pub hold_on_remark: String,
}

// ---------------------------------------------------------------------------------------------
// Number formats

/// A decimal as a JSON number with its exact digits (`2.5`, `10`).
fn json_number<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    rust_decimal::serde::arbitrary_precision::serialize(&value.normalize(), serializer)
}

fn json_number_option<S: Serializer>(
    value: &Option<Decimal>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => json_number(value, serializer),
        None => serializer.serialize_none(),
    }
}

/// A decimal as a JSON string (`"0.59"`, `"10"`).
fn decimal_text<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.normalize().to_string())
}

fn decimal_text_option<S: Serializer>(
    value: &Option<Decimal>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => decimal_text(value, serializer),
        None => serializer.serialize_none(),
    }
}

/// A count as a JSON string (`"5"`).
fn count_text<S: Serializer>(value: &u32, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.to_string())
}

// ---------------------------------------------------------------------------------------------
// Answers: `{ask, message, Error, data|Data, …}`, read leniently (carriers.md §2.2, §2.4)

/// `ask`: the answer's verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ask {
    /// `"Success"`.
    Success,
    /// `"Failure"`.
    Failure,
    /// Something else (kept as sent).
    Other(String),
    /// No `ask` at all.
    Missing,
}

/// An answer's JSON object, with lenient accessors: numbers may come as strings and strings as
/// numbers, `Error` may be an object or `[]`, the payload may sit under `data` or `Data`.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    root: Map<String, Value>,
}

impl Answer {
    /// The JSON text inside `<response>`; `None` unless it is a JSON object.
    pub fn parse(json: &str) -> Option<Self> {
        let json = json.trim_start_matches('\u{feff}').trim();
        match serde_json::from_str::<Value>(json).ok()? {
            Value::Object(root) => Some(Self { root }),
            _ => None,
        }
    }

    /// `ask`, case-insensitively.
    pub fn ask(&self) -> Ask {
        match self.root.get("ask").and_then(value_text) {
            None => Ask::Missing,
            Some(ask) if ask.eq_ignore_ascii_case("success") => Ask::Success,
            Some(ask) if ask.eq_ignore_ascii_case("failure") => Ask::Failure,
            Some(ask) => Ask::Other(ask),
        }
    }

    /// `message` (or `cnMessage` / `enMessage`, which some deployments send instead).
    pub fn message(&self) -> String {
        ["message", "cnMessage", "enMessage"]
            .into_iter()
            .find_map(|key| self.root.get(key).and_then(value_text))
            .unwrap_or_default()
    }

    /// `Error` (or `error`) as `(errCode, errMessage)`; `None` when absent, `[]`, `{}`, or empty.
    /// An array of error objects gives its first.
    pub fn error(&self) -> Option<(Option<String>, Option<String>)> {
        let error = self.root.get("Error").or_else(|| self.root.get("error"))?;
        let error = match error {
            Value::Array(list) => list.iter().find(|v| v.is_object())?,
            Value::String(text) if !text.trim().is_empty() => {
                return Some((None, Some(text.trim().to_owned())));
            }
            other => other,
        };
        let error = error.as_object()?;
        let code = ["errCode", "err_code", "code"]
            .into_iter()
            .find_map(|key| error.get(key).and_then(value_text));
        let message = [
            "errMessage",
            "err_message",
            "cnMessage",
            "enMessage",
            "message",
        ]
        .into_iter()
        .find_map(|key| error.get(key).and_then(value_text));
        (code.is_some() || message.is_some()).then_some((code, message))
    }

    /// The payload under `data`, `Data` or `datas` (some hosts' getTrackNumber), unless null or
    /// empty.
    pub fn payload(&self) -> Option<&Value> {
        ["data", "Data", "datas"]
            .into_iter()
            .filter_map(|key| self.root.get(key))
            .find(|v| !is_empty_value(v))
    }

    /// A field at the top level, else in the payload (its first element when it is a list).
    pub fn get(&self, key: &str) -> Option<&Value> {
        let own = self.root.get(key).filter(|v| !is_empty_value(v));
        own.or_else(|| {
            let payload = match self.payload()? {
                Value::Array(list) => list.first()?,
                other => other,
            };
            payload.get(key).filter(|v| !is_empty_value(v))
        })
    }

    /// The first of `keys` that holds text (or a number), trimmed.
    pub fn text(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|key| self.get(key).and_then(value_text))
    }

    /// The first of `keys` that holds a whole number (or its text).
    pub fn int(&self, keys: &[&str]) -> Option<i64> {
        keys.iter()
            .find_map(|key| self.get(key).and_then(value_int))
    }
}

/// `null`, `""`, `[]` or `{}`.
fn is_empty_value(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// A whole number given as a number or as text. Stricter than [`crate::carriers::lenient::value_int`]
/// on purpose: ECCANG's `ask`-level integers are read as written (`"200.0"` is not 200), as they
/// always were.
pub fn value_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| n.to_string().parse().ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_documented_rule() {
        let item = InvoiceItem {
            invoice_cnname: None,
            invoice_enname: "x".to_owned(),
            invoice_weight: Some(Decimal::new(330, 4)),
            invoice_quantity: 5,
            invoice_unitcharge: Decimal::new(5900, 4),
            hs_code: None,
            invoice_brand: None,
            sku: None,
            box_number: "U001".to_owned(),
            unit_code: None,
            invoice_currencycode: None,
            country_of_origin: None,
            material: None,
            material_enture: None,
            is_magnetoelectric: None,
        };
        let text = serde_json::to_string(&item).unwrap_or_default();
        assert_eq!(
            text,
            r#"{"invoice_enname":"x","invoice_weight":"0.033","invoice_quantity":"5","invoice_unitcharge":"0.59","box_number":"U001"}"#
        );
        let quote = FeeTrailParams {
            country_code: "PL".to_owned(),
            weight: Decimal::new(2500, 3),
            shipping_type_id: "W".to_owned(),
            city: None,
            postcode: None,
            length: Some(Decimal::new(100, 1)),
            width: None,
            height: None,
            product_code: None,
        };
        assert_eq!(
            serde_json::to_string(&quote).unwrap_or_default(),
            r#"{"country_code":"PL","weight":2.5,"shipping_type_id":"W","length":10}"#
        );
    }

    #[test]
    fn answers_are_read_leniently() {
        let answer = Answer::parse(
            r#"{"ask":"success","message":"","cnMessage":"成功","Error":[],"Data":[{"n":"7","f":1.50}]}"#,
        );
        let Some(answer) = answer else {
            panic!("parses");
        };
        assert_eq!(answer.ask(), Ask::Success);
        assert_eq!(answer.message(), "成功");
        assert_eq!(answer.error(), None);
        assert_eq!(answer.int(&["n"]), Some(7));
        assert_eq!(answer.text(&["f"]), Some("1.50".to_owned()));
        assert!(Answer::parse("[1]").is_none());
        assert!(Answer::parse("\u{feff} {\"ask\":1}").is_some());

        let failure = Answer::parse(
            r#"{"ask":"Failure","Error":{"errCode":50016,"errMessage":"单号不能为空"}}"#,
        );
        assert_eq!(
            failure.map(|a| a.error()),
            Some(Some((
                Some("50016".to_owned()),
                Some("单号不能为空".to_owned())
            )))
        );
        let code_only =
            Answer::parse(r#"{"ask":"Failure","Error":{"errCode":"","errMessage":"x"}}"#);
        assert_eq!(
            code_only.map(|a| a.error()),
            Some(Some((None, Some("x".to_owned()))))
        );
    }

    #[test]
    fn lenient_scalars() {
        assert_eq!(value_int(&Value::from("2")), Some(2));
        assert_eq!(value_int(&Value::from(3)), Some(3));
        assert_eq!(value_int(&Value::from("two")), None);
        assert_eq!(
            value_decimal(&Value::from("12.50")),
            Some(Decimal::new(1250, 2))
        );
        assert_eq!(
            value_decimal(&serde_json::json!(1.5)),
            Some(Decimal::new(15, 1))
        );
        assert_eq!(value_text(&Value::from("  ")), None);
        assert_eq!(value_text(&Value::Bool(true)), None);
    }
}
