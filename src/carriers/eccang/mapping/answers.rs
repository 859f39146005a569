//! Reading answers: ECCANG's refusals in its own words, createOrder's outcomes (created,
//! number later, duplicate, refused), and the shared "was the call successful" check.

use serde_json::Value;

use crate::carriers::eccang::envelope::{self, EnvelopeError};
use crate::carriers::eccang::wire::{Answer, Ask, value_text};
use crate::carriers::{ForwarderError, WireResponse};
use crate::model::Text;

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

    /// INFERENCE (no public error table): the message names the app token or key, or
    /// authentication/authorisation.
    pub fn looks_like_authentication(&self) -> bool {
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

/// What a successful createOrder gave back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreatedOrder {
    /// `reference_no` (the table's typo `refrence_no` is read too).
    pub reference_no: Option<String>,
    /// `order_code`: ECCANG's waybill number (运单号) = `forwarder_order_id`.
    pub order_code: Option<String>,
    /// `shipping_method_no`: the carrier tracking number (服务商单号).
    pub tracking_number: Option<String>,
    /// `track_status`.
    pub track_status: TrackStatus,
    /// `tracking_number_list`: per-piece numbers.
    pub piece_numbers: Vec<PieceNumber>,
    /// `agent_number` (转单号).
    pub agent_number: Option<String>,
    /// `system_number` (third-party system number).
    pub system_number: Option<String>,
    /// `sender_info_status` = 1: ECCANG must still assign a sender address.
    pub sender_address_pending: bool,
    /// `message`.
    pub message: String,
}

/// What a createOrder answer means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EccangCreateAnswer {
    /// Bought, with its tracking number (`track_status` 1), or bought on a service without one
    /// (`track_status` 3: `tracking_number` may be `None`; `order_code` identifies it).
    Created(CreatedOrder),
    /// Bought, number later (`track_status` 2, or a success without a number but with an
    /// `order_code`): poll `getTrackNumber`.
    NumberLater(CreatedOrder),
    /// `ask: Failure`: not bought; fix and send again.
    Refused(EccangError),
    /// `ask: Failure` because the reference already exists: an order may exist; reconcile.
    Duplicate(EccangError),
    /// The call never reached the order service (SOAP `Client` fault, HTTP 4xx page): not bought.
    NotProcessed(Problem),
    /// Cannot be understood: it may or may not have been bought.
    Unreadable(Problem),
}

/// A createOrder answer (the JSON text inside `<response>`).
pub fn parse_create_order(response_json: &str) -> EccangCreateAnswer {
    let Some(answer) = Answer::parse(response_json) else {
        return EccangCreateAnswer::Unreadable(Problem::unreadable_json(response_json));
    };
    match answer.ask() {
        Ask::Success => {}
        Ask::Failure => {
            let error = EccangError::from_answer(&answer);
            return if error.looks_like_duplicate_reference() {
                EccangCreateAnswer::Duplicate(error)
            } else {
                EccangCreateAnswer::Refused(error)
            };
        }
        Ask::Other(_) | Ask::Missing => {
            return EccangCreateAnswer::Unreadable(Problem {
                http_status: None,
                explanation: Text::new(
                    "ECCANG's answer says neither Success nor Failure: the order may or may not have been created",
                    "易仓应答既非 Success 也非 Failure：无法确认是否已下单",
                ),
                detail: envelope::excerpt(response_json),
                code: None,
            });
        }
    }
    let order = CreatedOrder {
        reference_no: answer.text(&["reference_no", "refrence_no"]),
        order_code: answer.text(&["order_code"]),
        tracking_number: answer.text(&["shipping_method_no"]),
        track_status: TrackStatus::from_code(answer.int(&["track_status"])),
        piece_numbers: answer
            .get("tracking_number_list")
            .map(piece_numbers)
            .unwrap_or_default(),
        agent_number: answer.text(&["agent_number"]),
        system_number: answer.text(&["system_number"]),
        sender_address_pending: answer.int(&["sender_info_status"]) == Some(1),
        message: answer.message(),
    };
    match (
        order.track_status,
        &order.tracking_number,
        &order.order_code,
    ) {
        (_, None, None) => EccangCreateAnswer::Unreadable(Problem {
            http_status: None,
            explanation: Text::new(
                "ECCANG said Success but sent neither a tracking number nor an order code. It may have been bought: check before sending again.",
                "易仓返回成功，但既没有跟踪号也没有运单号，可能已扣费：再次提交前请先核对。",
            ),
            detail: envelope::excerpt(response_json),
            code: None,
        }),
        (TrackStatus::Later, _, _) => EccangCreateAnswer::NumberLater(order),
        (TrackStatus::NotNeeded, _, _) | (_, Some(_), _) => EccangCreateAnswer::Created(order),
        (_, None, Some(_)) => EccangCreateAnswer::NumberLater(order),
    }
}

/// A createOrder HTTP answer: the SOAP envelope, then its JSON.
pub fn parse_create_response(response: &WireResponse) -> EccangCreateAnswer {
    match envelope::parse_response(response) {
        Ok(json) => parse_create_order(&json),
        Err(error) if error.certainly_not_processed() => {
            EccangCreateAnswer::NotProcessed(Problem::from_envelope(&error))
        }
        Err(error) => EccangCreateAnswer::Unreadable(Problem::from_envelope(&error)),
    }
}

/// `tracking_number_list`, whose shape is not public (the table says "Object"): a list of
/// strings, a list of objects, or an object of box → number are all read.
pub(super) fn piece_numbers(value: &Value) -> Vec<PieceNumber> {
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
pub(super) fn successful(json: &str) -> Result<Answer, CallFailure> {
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

pub(super) fn missing(what_en: &str, what_zh: &str, json: &str) -> CallFailure {
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
