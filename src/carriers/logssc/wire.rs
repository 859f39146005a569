//! Seed 003's `orderCommit` body, field for field, and a lenient reader for logssc's answers.
//!
//! # How values are sent
//!
//! The seed's table types the sizes and weight `Decimal` and everything else `String`; its
//! example holds placeholders only (`"高"`), so it shows no number format. shipdesk sends the
//! Decimals as JSON numbers with their exact digits (`8.5`, `16`), and leaves optional text out
//! when empty. Keys follow the example's order; `token` and `appId` are not in this struct: they
//! are put around the stored body per send (`super::auth::with_credentials`), so what is
//! stored and looked at never holds them. `url` (the callback) is never sent: a desktop has no
//! address logssc could call, so shipdesk polls 返回单号和费用 instead.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::carriers::lenient::{value_int, value_text};

/// `orderCommit` without `token`/`appId` (the fee preview takes the same body).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OrderCommit {
    /// 客户单号: our reference.
    #[serde(rename = "customerNumber")]
    pub customer_number: String,
    /// LSO标签referenceNo1 for the whole order (each piece's own one wins).
    #[serde(rename = "referenceNo1", skip_serializing_if = "String::is_empty")]
    pub reference_no1: String,
    /// LSO标签referenceNo2 for the whole order.
    #[serde(rename = "referenceNo2", skip_serializing_if = "String::is_empty")]
    pub reference_no2: String,
    /// 收件人所在城市.
    pub city: String,
    /// 收件人所在州 (abbreviation).
    pub province: String,
    /// 收件人.
    pub receiver: String,
    /// 收件人电话.
    #[serde(rename = "receiverPhone")]
    pub receiver_phone: String,
    /// 收件邮编.
    pub postcode: String,
    /// 地址1.
    pub address1: String,
    /// 地址2.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub address2: String,
    /// 国家二字码 (US only).
    #[serde(rename = "nationCode")]
    pub nation_code: String,
    /// 收件公司.
    #[serde(rename = "receiveCompany")]
    pub receive_company: String,
    /// 系统发件人名称; empty: logssc's default sender.
    #[serde(rename = "systemSenderName", skip_serializing_if = "String::is_empty")]
    pub system_sender_name: String,
    /// 服务类型: only `GroundBasic`.
    #[serde(rename = "lsoServiceType")]
    pub lso_service_type: String,
    /// 货物明细: one entry per box.
    #[serde(rename = "orderDetails")]
    pub order_details: Vec<OrderDetail>,
}

/// One `orderDetails` box: LBS and IN (the seed's "boxHight" spelling kept).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OrderDetail {
    /// 高 (IN).
    #[serde(rename = "boxHight", serialize_with = "number")]
    pub box_height: Decimal,
    /// 长 (IN).
    #[serde(rename = "boxLength", serialize_with = "number")]
    pub box_length: Decimal,
    /// 宽 (IN).
    #[serde(rename = "boxWidth", serialize_with = "number")]
    pub box_width: Decimal,
    /// 货箱重量 (LBS).
    #[serde(rename = "packWeight", serialize_with = "number")]
    pub pack_weight: Decimal,
    /// LSO标签referenceNo1 (required per piece).
    #[serde(rename = "referenceNo1")]
    pub reference_no1: String,
    /// LSO标签referenceNo2.
    #[serde(rename = "referenceNo2", skip_serializing_if = "String::is_empty")]
    pub reference_no2: String,
    /// 申报价格 (USD).
    #[serde(
        rename = "lsoDeclaredValue",
        skip_serializing_if = "Option::is_none",
        serialize_with = "optional_number"
    )]
    pub lso_declared_value: Option<Decimal>,
}

/// A decimal as a JSON number with exactly its digits (`8.5`, `16`).
fn number<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    rust_decimal::serde::arbitrary_precision::serialize(&value.normalize(), serializer)
}

fn optional_number<S: Serializer>(
    value: &Option<Decimal>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => number(value, serializer),
        None => serializer.serialize_none(),
    }
}

// ---------------------------------------------------------------------------------------------
// Answers: `{code, data, err, msg}`

/// A logssc answer: `code` (an integer, or digits as text), `msg`, `err`, and `data`.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// Business code (200 success, 1024 still working, 1115 label not ready, …).
    pub code: Option<i64>,
    /// `msg`, trimmed.
    pub msg: String,
    /// `err`, trimmed (often empty).
    pub err: String,
    /// The payload, `Null` when absent.
    pub data: Value,
}

impl Answer {
    /// An answer body, or `None` unless it is a JSON object.
    pub fn parse(bytes: &[u8]) -> Option<Self> {
        let text = String::from_utf8_lossy(bytes);
        let text = text.trim_start_matches('\u{feff}').trim();
        let Ok(Value::Object(root)) = serde_json::from_str::<Value>(text) else {
            return None;
        };
        let text_of = |key: &str| root.get(key).and_then(value_text).unwrap_or_default();
        Some(Self {
            code: root.get("code").and_then(value_int),
            msg: text_of("msg"),
            err: text_of("err"),
            data: root.get("data").cloned().unwrap_or(Value::Null),
        })
    }

    /// The payload as an object, when it is one.
    pub fn data_object(&self) -> Option<&Map<String, Value>> {
        self.data.as_object()
    }

    /// The first of `keys` in the payload object that holds text or a number.
    pub fn data_text(&self, keys: &[&str]) -> Option<String> {
        let data = self.data_object()?;
        keys.iter()
            .find_map(|key| data.get(*key).and_then(value_text))
    }

    /// Everything logssc said, for a message: `msg`, `err` and `data.errorMessage` (the failure
    /// callback's detail), each once.
    pub fn words(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let detail = self.data_text(&["errorMessage", "errorMsg", "message"]);
        for part in [Some(self.msg.clone()), Some(self.err.clone()), detail]
            .into_iter()
            .flatten()
        {
            if !part.is_empty() && !parts.contains(&part) {
                parts.push(part);
            }
        }
        parts.join(" — ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_exact_json_numbers_and_empty_text_is_left_out() {
        let detail = OrderDetail {
            box_height: Decimal::new(100, 1),
            box_length: Decimal::from(16),
            box_width: Decimal::new(1225, 2),
            pack_weight: Decimal::new(850, 2),
            reference_no1: "B1".to_owned(),
            reference_no2: String::new(),
            lso_declared_value: None,
        };
        assert_eq!(
            serde_json::to_string(&detail).unwrap_or_default(),
            r#"{"boxHight":10,"boxLength":16,"boxWidth":12.25,"packWeight":8.5,"referenceNo1":"B1"}"#
        );
    }

    #[test]
    fn answers_are_read_leniently() {
        let answer = Answer::parse(
            "\u{feff}{\"code\":\"1001\",\"data\":{\"orderNumber\":\"O1\",\"errorMessage\":\"地址无LSO服务\"},\"err\":\"\",\"msg\":\"下单失败\"}"
                .as_bytes(),
        );
        let Some(answer) = answer else {
            panic!("parses");
        };
        assert_eq!(answer.code, Some(1001));
        assert_eq!(answer.data_text(&["orderNumber"]).as_deref(), Some("O1"));
        assert_eq!(answer.words(), "下单失败 — 地址无LSO服务");
        assert!(Answer::parse(b"<html>").is_none());
        assert!(Answer::parse(b"[]").is_none());
    }
}
