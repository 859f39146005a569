//! createOrder's answer: created, number later, duplicate, refused, or unreadable.

use super::*;
use crate::carriers::eccang::wire::envelope;
use crate::carriers::eccang::wire::{Answer, Ask};
use crate::carriers::{WireResponse, checked_tracking_number};
use crate::model::Text;

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
    // A number kept from here is printed, searched for and tracked by: nonsense (an entity
    // never expanded, markup, words) makes the whole answer unreadable, since it may have been
    // bought all the same.
    for number in [&order.tracking_number, &order.order_code]
        .into_iter()
        .flatten()
    {
        if let Err(error) = checked_tracking_number(number, None) {
            return EccangCreateAnswer::Unreadable(Problem::from_forwarder_error(error));
        }
    }
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
