//! Seed 002's endpoints and `orderByApi` request, field for field, the tracking request, and a
//! lenient reader for ZYL's answers.
//!
//! # How values are sent
//!
//! Seed 002's table types most fields `String`, a few `int` and the parcel sizes `BigDecimal`;
//! its example mostly agrees, except the second item, which sends `qty`/`price` as numbers and
//! `name_zh` instead of `nameZh`. shipdesk follows the table, as the first item does:
//! - `cbm`, `weight`, `packs`, `price`, `qty`: decimal **strings** (`"0.972064"`, `"12"`);
//! - `battery`, `customsDeclarationType`, `type`: JSON **integers**;
//! - `parcelWidth/Height/Length/Weight` (BigDecimal): JSON **numbers**, written from the exact
//!   decimal with at least one decimal place (`1.0`, `2.5`), as the example writes them;
//! - every address key is always sent, empty when there is nothing to say (`"email": ""`), as in
//!   the example; optional fields outside the addresses are left out when empty.
//!
//! Field order follows the seed's example; fields the example lacks (`fbaWarehouseCode`,
//! `dischargingPort`) follow in the table's order.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

pub use crate::carriers::lenient::{value_decimal, value_int, value_text};

// ---------------------------------------------------------------------------------------------
// Endpoints

/// Path of the create call (seed 002).
pub const CREATE_ORDER_PATH: &str = "/oms/v1/Order/orderByApi";
/// The label call's path, before its three segments.
pub const LABEL_PATH: &str = "/oms/v1/OrderLabel/findOrderLabelByCode";
/// Path of the tracking call.
pub const TRACK_PATH: &str = "/track/v1/front/getOrdersTrack";
/// Most numbers one call may ask about.
pub const MAX_NUMBERS: usize = 100;

// ---------------------------------------------------------------------------------------------
// Request

/// `data` of `orderByApi` (seed 002). Credentials and `method` wrap it (see `super::auth`), so
/// this object alone is what shipdesk stores and re-sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OrderData {
    /// 亚马逊PO编码, `;`-joined.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub amazon_po: String,
    /// 亚马逊编码, `;`-joined.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub amazon_shipment_ids: String,
    /// Total volume in m³ (a decimal string).
    #[serde(serialize_with = "decimal_text")]
    pub cbm: Decimal,
    /// 渠道编码 (service code).
    pub chargecode: String,
    /// Incoterm (`DDU`): in the seed's example, not in its table.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub clear: String,
    /// 0 no battery, 1 with battery, 2 battery only.
    pub battery: u8,
    /// 1 general trade, 2 买单报关 (ZYL's default).
    #[serde(rename = "customsDeclarationType")]
    pub customs_declaration_type: u8,
    /// 收件人.
    pub consignee: WireAddress,
    /// 收件人 again (optional in the table; the example repeats the consignee, and so does shipdesk).
    pub receiver: WireAddress,
    /// 下单客户单号: our reference.
    pub cust_ref: String,
    /// Declared goods.
    pub items: Vec<Item>,
    /// Number of boxes (a string); equals `parcelList`'s length.
    #[serde(serialize_with = "count_text")]
    pub packs: u32,
    /// 发件人.
    pub shipper: Shipper,
    /// "默认输入10": always 10.
    #[serde(rename = "type")]
    pub order_type: u32,
    /// Total kg (a decimal string): the sum of `parcelList[].parcelWeight`.
    #[serde(serialize_with = "decimal_text")]
    pub weight: Decimal,
    /// One entry per box.
    #[serde(rename = "parcelList")]
    pub parcel_list: Vec<ParcelEntry>,
    /// FBA warehouse code (required for FBA channels).
    #[serde(rename = "fbaWarehouseCode", skip_serializing_if = "String::is_empty")]
    pub fba_warehouse_code: String,
    /// 卸货港 SYD/MEL/BNE/PER (required for chargecodes starting with P9).
    #[serde(rename = "dischargingPort", skip_serializing_if = "String::is_empty")]
    pub discharging_port: String,
}

/// `consignee` and `receiver`, in the example's key order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WireAddress {
    pub address: String,
    pub company: String,
    pub email: String,
    pub name: String,
    pub phone: String,
    pub postcode: String,
    pub state: String,
    pub suburb: String,
}

/// `shipper`, in the example's key order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Shipper {
    pub postcode: String,
    pub email: String,
    pub country: String,
    pub company: String,
    pub name: String,
    pub state: String,
    pub city: String,
    pub address: String,
    pub phone: String,
}

/// One `items` line, in the example's key order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub hs: String,
    pub name: String,
    #[serde(rename = "nameZh")]
    pub name_zh: String,
    /// Unit price in USD (a decimal string).
    #[serde(serialize_with = "decimal_text")]
    pub price: Decimal,
    /// A count as a string.
    #[serde(serialize_with = "count_text")]
    pub qty: u32,
    #[serde(rename = "type", skip_serializing_if = "String::is_empty")]
    pub item_type: String,
    #[serde(rename = "fbaNumber", skip_serializing_if = "String::is_empty")]
    pub fba_number: String,
    #[serde(rename = "referenceId", skip_serializing_if = "String::is_empty")]
    pub reference_id: String,
}

/// One `parcelList` box: cm and kg as BigDecimal JSON numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParcelEntry {
    pub barcode: String,
    #[serde(rename = "parcelWidth", serialize_with = "big_decimal")]
    pub width: Decimal,
    #[serde(rename = "parcelHeight", serialize_with = "big_decimal")]
    pub height: Decimal,
    #[serde(rename = "parcelLength", serialize_with = "big_decimal")]
    pub length: Decimal,
    #[serde(rename = "parcelWeight", serialize_with = "big_decimal")]
    pub weight: Decimal,
}

/// A decimal as a JSON string (`"0.5"`, `"12"`).
fn decimal_text<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.normalize().to_string())
}

/// A count as a JSON string (`"2"`).
fn count_text<S: Serializer>(value: &u32, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.to_string())
}

/// A BigDecimal as a JSON number with its exact digits and at least one decimal (`1.0`, `2.25`).
fn big_decimal<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    let mut value = value.normalize();
    if value.scale() == 0 {
        value.rescale(1);
    }
    rust_decimal::serde::arbitrary_precision::serialize(&value, serializer)
}

/// The tracking request body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TrackRequest {
    /// Milliseconds since the epoch, as text (the table types it String).
    pub timestamp: String,
    /// A unique id for this request.
    #[serde(rename = "messageId")]
    pub message_id: String,
    /// conCode or refCode values.
    #[serde(rename = "trackingNos")]
    pub tracking_nos: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// Answers: `{body, code, msg}`, read leniently

/// A ZYL answer: `code` as an integer or a string, `msg` (or `message`), and the payload under
/// `body` (or `data`, the overview's general envelope): an object (create), a string (label
/// link), a list (tracking) or `{}` (failure).
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// Business code (200 success); `None` when absent or not a whole number.
    pub code: Option<i64>,
    /// `msg`, trimmed; often empty.
    pub msg: String,
    /// The payload, `Null` when absent.
    pub body: Value,
}

impl Answer {
    /// An answer body, or `None` unless it holds a JSON object. Trailing commas before `}` or
    /// `]` are forgiven: seed 002's own success example has one (see [`forgive_trailing_commas`]).
    pub fn parse(bytes: &[u8]) -> Option<Self> {
        let text = String::from_utf8_lossy(bytes);
        let text = text.trim_start_matches('\u{feff}').trim();
        let root = match serde_json::from_str::<Value>(text) {
            Ok(value) => value,
            Err(_) => serde_json::from_str::<Value>(&forgive_trailing_commas(text)).ok()?,
        };
        let Value::Object(root) = root else {
            return None;
        };
        Some(Self {
            code: ["code", "status"]
                .iter()
                .find_map(|k| root.get(*k).and_then(value_int)),
            msg: ["msg", "message"]
                .iter()
                .find_map(|k| root.get(*k).and_then(value_text))
                .unwrap_or_default(),
            body: ["body", "data"]
                .iter()
                .find_map(|k| root.get(*k).filter(|v| !v.is_null()))
                .cloned()
                .unwrap_or(Value::Null),
        })
    }

    /// The payload as an object, when it is one.
    pub fn body_object(&self) -> Option<&Map<String, Value>> {
        self.body.as_object()
    }

    /// The first of `keys` in the payload object that holds text or a number.
    pub fn body_text(&self, keys: &[&str]) -> Option<String> {
        let body = self.body_object()?;
        keys.iter()
            .find_map(|key| body.get(*key).and_then(value_text))
    }
}

/// `text` without the commas that directly precede `}` or `]` (whitespace between allowed),
/// outside strings. Valid JSON never has such a comma, so this changes only invalid text.
pub fn forgive_trailing_commas(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        if c == ',' {
            let next = chars[i + 1..].iter().find(|n| !n.is_whitespace());
            if matches!(next, Some('}' | ']')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_documented_rule() {
        let parcel = ParcelEntry {
            barcode: "B-1".to_owned(),
            width: Decimal::ONE,
            height: Decimal::new(250, 2),
            length: Decimal::new(99_06, 2),
            weight: Decimal::new(10, 0),
        };
        assert_eq!(
            serde_json::to_string(&parcel).unwrap_or_default(),
            r#"{"barcode":"B-1","parcelWidth":1.0,"parcelHeight":2.5,"parcelLength":99.06,"parcelWeight":10.0}"#
        );
        let item = Item {
            hs: String::new(),
            name: "x".to_owned(),
            name_zh: "中".to_owned(),
            price: Decimal::new(300, 2),
            qty: 12,
            item_type: String::new(),
            fba_number: String::new(),
            reference_id: String::new(),
        };
        assert_eq!(
            serde_json::to_string(&item).unwrap_or_default(),
            r#"{"name":"x","nameZh":"中","price":"3","qty":"12"}"#
        );
    }

    #[test]
    fn answers_are_read_leniently() {
        let string_code = Answer::parse(br#"{"msg":" ok ","code":"200","body":"https://x/1.pdf"}"#);
        assert_eq!(
            string_code,
            Some(Answer {
                code: Some(200),
                msg: "ok".to_owned(),
                body: Value::from("https://x/1.pdf"),
            })
        );
        let data = Answer::parse(
            "\u{feff}{\"code\":51001,\"message\":\"m\",\"data\":{\"a\":1}}".as_bytes(),
        );
        assert_eq!(
            data.as_ref().and_then(|a| a.body_text(&["a"])),
            Some("1".to_owned())
        );
        assert_eq!(data.map(|a| a.msg), Some("m".to_owned()));
        assert!(Answer::parse(b"[1]").is_none());
        assert!(Answer::parse(b"<html>").is_none());
    }

    #[test]
    fn trailing_commas_are_forgiven_outside_strings_only() {
        assert_eq!(
            forgive_trailing_commas("{\"a\": [1, 2, ],\n \"b\": \"x,}\",\n}"),
            "{\"a\": [1, 2 ],\n \"b\": \"x,}\"\n}"
        );
        assert_eq!(
            forgive_trailing_commas(r#"{"a":"\",]"}"#),
            r#"{"a":"\",]"}"#
        );
        assert_eq!(forgive_trailing_commas("[1,2]"), "[1,2]");
    }
}
