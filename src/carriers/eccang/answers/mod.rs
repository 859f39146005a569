//! What ECCANG's answers mean, one file a call like `mapping`: `create` (createOrder's
//! outcomes: created, number later, duplicate, refused), `services` (getTrackNumber,
//! getLabelUrl, cancelOrder), `track` (getCargoTrack), `fee` (feeTrail), `order_calls` (the services list, getOrder, modifyOrderWeight,
//! interceptOrder). This file holds what
//! they share: ECCANG's refusals in its own words, unreadable answers, the "was the call
//! successful" check and the per-piece numbers. Pure: the JSON text inside `<response>` in.

use serde_json::Value;

use crate::carriers::ForwarderError;
use crate::carriers::eccang::wire::envelope::{self, EnvelopeError};
use crate::carriers::eccang::wire::{Answer, Ask, value_text};
use crate::model::Text;

mod create;
mod fee;
mod order_calls;
mod services;
mod track;

pub use create::*;
pub use fee::*;
pub use order_calls::*;
pub use services::*;
pub use track::*;

/// errCodes that mean the appToken/appKey were refused (a public ECCANG client's reading;
/// ECCANG publishes no error table).
pub const CREDENTIALS_CODES: [&str; 3] = ["50001", "50002", "50003"];

/// ECCANG's refusal, in its own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EccangError {
    /// Top-level `message` (e.g. `订单数据不合法`).
    pub message: String,
    /// `Error.errCode` (e.g. `50048`); absent or empty in some answers.
    pub code: Option<String>,
    /// `Error.errMessage` (or `cnMessage`).
    pub detail: Option<String>,
}

impl EccangError {
    fn from_answer(answer: &Answer) -> Self {
        let (code, detail) = answer.error().unwrap_or((None, None));
        Self {
            message: answer.message(),
            code,
            detail,
        }
    }

    /// The forwarder's words on one line: `message: detail` (without repeating itself).
    pub fn words(&self) -> String {
        match self.detail.as_deref() {
            Some(detail) if self.message.is_empty() || detail.contains(&self.message) => {
                detail.to_owned()
            }
            Some(detail) => format!("{}: {detail}", self.message),
            None => self.message.clone(),
        }
    }

    /// Refused credentials: errCode 50001-50003 (what a public ECCANG client treats as bad
    /// appToken/appKey; there is no public error table), or, INFERENCE, a message that names the
    /// app token or key, or authentication/authorisation.
    pub fn looks_like_authentication(&self) -> bool {
        if self
            .code
            .as_deref()
            .is_some_and(|code| CREDENTIALS_CODES.contains(&code.trim()))
        {
            return true;
        }
        let words = self.words().to_lowercase();
        [
            "apptoken",
            "appkey",
            "认证",
            "授权",
            "鉴权",
            "authenticat",
            "unauthori",
        ]
        .iter()
        .any(|w| words.contains(w))
    }

    /// INFERENCE (no public example): the message says the customer reference already exists or
    /// is repeated. A repeated child number or box number is not a duplicate order.
    pub fn looks_like_duplicate_reference(&self) -> bool {
        let words = self.words().to_lowercase();
        let about_reference = ["参考号", "参考单号", "客户单号", "reference"]
            .iter()
            .any(|w| words.contains(w));
        let repeated = ["已存在", "重复", "already exist", "duplicate", "exists"]
            .iter()
            .any(|w| words.contains(w));
        about_reference && repeated
    }

    /// Whether a lookup by reference (getTrackNumber) was refused because ECCANG has no such
    /// order. INFERENCE: neither the seed nor any public ECCANG text shows this answer; the words
    /// must say an order, a reference or a number does not exist or was not found (`订单不存在`,
    /// `单号[X]不存在`, `未找到订单`, `order not found`, …), and must not be about the
    /// credentials or the service (`service[x]不存在` is a host without the call, not a missing
    /// order). Anything else stays a problem: shipdesk re-sends an order only on this answer.
    pub fn says_no_such_order(&self) -> bool {
        if self.looks_like_authentication() {
            return false;
        }
        let words = self.words().to_lowercase();
        let about_order = ["订单", "单号", "参考号", "运单", "order", "reference"]
            .iter()
            .any(|w| words.contains(w));
        let about_service = ["service", "服务", "接口", "未开通"]
            .iter()
            .any(|w| words.contains(w));
        let missing = [
            "不存在",
            "未找到",
            "找不到",
            "没有找到",
            "查无",
            "not exist",
            "not found",
            "no such",
        ]
        .iter()
        .any(|w| words.contains(w));
        about_order && missing && !about_service
    }

    /// As the shared error type, with an explanation for people.
    pub fn to_forwarder_error(
        &self,
        http_status: Option<u16>,
        explanation: Text,
    ) -> ForwarderError {
        ForwarderError {
            http_status,
            forwarder_code: self.code.clone(),
            forwarder_message: self.words(),
            explanation,
            authentication: self.looks_like_authentication(),
        }
    }
}

/// An answer that could not be understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// HTTP status, when known.
    pub http_status: Option<u16>,
    /// What it means, for people.
    pub explanation: Text,
    /// What came, shortened (or the SOAP fault's own words).
    pub detail: String,
    /// The forwarder's own code (a SOAP `faultcode`), if any.
    pub code: Option<String>,
}

impl Problem {
    fn unreadable_json(json: &str) -> Self {
        Self {
            http_status: None,
            explanation: Text::new(
                "ECCANG's answer is not the JSON object it should be",
                "易仓应答不是应有的 JSON 对象",
            ),
            detail: envelope::excerpt(json),
            code: None,
        }
    }

    fn from_envelope(error: &EnvelopeError) -> Self {
        let forwarder = error.to_forwarder_error();
        Self {
            http_status: error.http_status,
            explanation: error.explanation(),
            detail: forwarder.forwarder_message,
            code: forwarder.forwarder_code,
        }
    }

    /// A shared error read back into a problem (e.g. a number refused by
    /// [`crate::carriers::checked_tracking_number`]).
    pub(crate) fn from_forwarder_error(error: ForwarderError) -> Self {
        Self {
            http_status: error.http_status,
            explanation: error.explanation,
            detail: error.forwarder_message,
            code: error.forwarder_code,
        }
    }

    /// As the shared error type.
    pub fn to_forwarder_error(&self) -> ForwarderError {
        ForwarderError {
            http_status: self.http_status,
            forwarder_code: self.code.clone(),
            forwarder_message: self.detail.clone(),
            explanation: self.explanation.clone(),
            authentication: self.http_status == Some(401),
        }
    }
}

/// `track_status` of a created order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrackStatus {
    /// 1: the tracking number is in this answer.
    Assigned,
    /// 2: it comes later: poll `getTrackNumber`.
    Later,
    /// 3: this service has no tracking number.
    NotNeeded,
    /// Absent or not a number.
    Unstated,
    /// A value the seed does not list.
    Other(i64),
}

impl TrackStatus {
    pub(super) fn from_code(code: Option<i64>) -> Self {
        match code {
            Some(1) => Self::Assigned,
            Some(2) => Self::Later,
            Some(3) => Self::NotNeeded,
            Some(other) => Self::Other(other),
            None => Self::Unstated,
        }
    }
}

/// One piece's own tracking number (`tracking_number_list`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PieceNumber {
    /// The box it belongs to, when the answer says.
    pub box_number: Option<String>,
    /// Its tracking number (子单跟踪号).
    pub tracking_number: String,
}

/// `tracking_number_list`, whose shape is not public (the table says "Object"): a list of
/// strings, a list of objects, or an object of box → number are all read.
pub(crate) fn piece_numbers(value: &Value) -> Vec<PieceNumber> {
    const NUMBER_KEYS: [&str; 5] = [
        "tracking_number",
        "child_tracking_number",
        "shipping_method_no",
        "child_number",
        "number",
    ];
    let from_object = |object: &serde_json::Map<String, Value>| {
        let number = NUMBER_KEYS
            .iter()
            .find_map(|k| object.get(*k).and_then(value_text))?;
        let box_number = ["box_number", "refer_number"]
            .iter()
            .find_map(|k| object.get(*k).and_then(value_text));
        Some(PieceNumber {
            box_number,
            tracking_number: number,
        })
    };
    match value {
        Value::Array(list) => list
            .iter()
            .filter_map(|v| match v {
                Value::Object(o) => from_object(o),
                other => value_text(other).map(|n| PieceNumber {
                    box_number: None,
                    tracking_number: n,
                }),
            })
            .collect(),
        Value::Object(map) => map
            .iter()
            .filter_map(|(key, v)| match v {
                Value::Object(o) => from_object(o).map(|mut p| {
                    p.box_number.get_or_insert_with(|| key.clone());
                    p
                }),
                other => value_text(other).map(|n| PieceNumber {
                    box_number: Some(key.clone()),
                    tracking_number: n,
                }),
            })
            .collect(),
        other => value_text(other)
            .map(|n| {
                vec![PieceNumber {
                    box_number: None,
                    tracking_number: n,
                }]
            })
            .unwrap_or_default(),
    }
}

/// Why a call other than createOrder gave nothing usable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallFailure {
    /// `ask: Failure`, in ECCANG's words.
    Refused(EccangError),
    /// No usable answer (SOAP fault, HTML page, not JSON, neither Success nor Failure, or a
    /// Success without what was asked for).
    Unreadable(Problem),
}

impl CallFailure {
    /// As the shared error type.
    pub fn to_forwarder_error(&self) -> ForwarderError {
        match self {
            Self::Refused(error) => error.to_forwarder_error(
                None,
                Text::new("ECCANG refused the request", "易仓拒绝了该请求"),
            ),
            Self::Unreadable(problem) => problem.to_forwarder_error(),
        }
    }
}

impl From<EnvelopeError> for CallFailure {
    fn from(error: EnvelopeError) -> Self {
        Self::Unreadable(Problem::from_envelope(&error))
    }
}

/// The answer of a non-create call: `Ok` on `ask: Success`.
pub(crate) fn successful(json: &str) -> Result<Answer, CallFailure> {
    let Some(answer) = Answer::parse(json) else {
        return Err(CallFailure::Unreadable(Problem::unreadable_json(json)));
    };
    match answer.ask() {
        Ask::Success => Ok(answer),
        Ask::Failure => Err(CallFailure::Refused(EccangError::from_answer(&answer))),
        Ask::Other(_) | Ask::Missing => Err(CallFailure::Unreadable(Problem {
            http_status: None,
            explanation: Text::new(
                "ECCANG's answer says neither Success nor Failure",
                "易仓应答既非 Success 也非 Failure",
            ),
            detail: envelope::excerpt(json),
            code: None,
        })),
    }
}

pub(crate) fn missing(what_en: &str, what_zh: &str, json: &str) -> CallFailure {
    CallFailure::Unreadable(Problem {
        http_status: None,
        explanation: Text::new(
            format!("ECCANG said Success but sent no {what_en}"),
            format!("易仓返回成功但没有{what_zh}"),
        ),
        detail: envelope::excerpt(json),
        code: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_words_do_not_repeat() {
        let error = EccangError {
            message: "订单数据不合法".to_owned(),
            code: Some("50048".to_owned()),
            detail: Some("收货人所在州参数长于最大长度".to_owned()),
        };
        assert_eq!(
            error.words(),
            "订单数据不合法: 收货人所在州参数长于最大长度"
        );
        let same = EccangError {
            message: "x".to_owned(),
            code: None,
            detail: Some("x".to_owned()),
        };
        assert_eq!(same.words(), "x");
        assert!(!error.looks_like_duplicate_reference());
        assert!(!error.looks_like_authentication());
    }

    #[test]
    fn duplicate_means_the_reference_not_a_child_number() {
        let says = |m: &str| EccangError {
            message: "Failure".to_owned(),
            code: None,
            detail: Some(m.to_owned()),
        };
        assert!(says("客户参考号[TEST0001]已存在").looks_like_duplicate_reference());
        assert!(says("Reference No. already exists").looks_like_duplicate_reference());
        assert!(!says("子单号TEST1234U001已存在").looks_like_duplicate_reference());
        assert!(says("appToken或appKey错误").looks_like_authentication());
    }

    #[test]
    fn credentials_codes_and_no_such_order() {
        let says = |code: Option<&str>, m: &str| EccangError {
            message: "Failure".to_owned(),
            code: code.map(str::to_owned),
            detail: Some(m.to_owned()),
        };
        for code in ["50001", "50002", "50003"] {
            assert!(says(Some(code), "x").looks_like_authentication(), "{code}");
        }
        assert!(!says(Some("50048"), "订单数据不合法").looks_like_authentication());
        assert!(says(None, "订单[TEST0001]不存在").says_no_such_order());
        assert!(says(Some(""), "Order not found").says_no_such_order());
        assert!(says(None, "未找到订单").says_no_such_order());
        assert!(!says(None, "service[getTrackNumber]不存在或未开通").says_no_such_order());
        assert!(!says(Some("50001"), "订单不存在").says_no_such_order());
        assert!(!says(None, "查询失败").says_no_such_order());
        assert!(!says(None, "系统繁忙,请稍后再试").says_no_such_order());
    }

    #[test]
    fn track_status_codes() {
        assert_eq!(TrackStatus::from_code(Some(2)), TrackStatus::Later);
        assert_eq!(TrackStatus::from_code(Some(9)), TrackStatus::Other(9));
        assert_eq!(TrackStatus::from_code(None), TrackStatus::Unstated);
    }

    #[test]
    fn piece_numbers_in_every_shape() {
        let list = serde_json::json!(["A1", "A2"]);
        assert_eq!(piece_numbers(&list).len(), 2);
        let objects = serde_json::json!([{"box_number": "U001", "tracking_number": "T1"}]);
        assert_eq!(
            piece_numbers(&objects),
            [PieceNumber {
                box_number: Some("U001".to_owned()),
                tracking_number: "T1".to_owned()
            }]
        );
        let map = serde_json::json!({"U002": "T2"});
        assert_eq!(
            piece_numbers(&map),
            [PieceNumber {
                box_number: Some("U002".to_owned()),
                tracking_number: "T2".to_owned()
            }]
        );
        assert!(piece_numbers(&serde_json::json!(null)).is_empty());
    }
}
