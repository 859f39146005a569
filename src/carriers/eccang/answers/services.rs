//! The follow-up services' answers: getTrackNumber, getLabelUrl and cancelOrder.

use super::*;
use crate::carriers::checked_tracking_number;

// ---------------------------------------------------------------------------------------------
// getTrackNumber

/// What getTrackNumber said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrackNumberAnswer {
    /// The number is there.
    Assigned {
        /// The carrier tracking number.
        tracking_number: String,
        /// Per-piece numbers, when sent.
        piece_numbers: Vec<PieceNumber>,
    },
    /// Success, but no number yet: ask again later.
    NotYet,
}

/// Where getTrackNumber's number is read, first found wins. Its answer shape is not public
/// (carriers.md §2.3); real clients read `TrackingNumber`, falling back to `WayBillNumber`, at
/// the top level or in `data` / `datas` (an object or a list's first entry); createOrder's own
/// `shipping_method_no` and the usual spellings are read too. INFERENCE: `WayBillNumber` is the
/// carrier's waybill number on hosts that send no `TrackingNumber`, so it is read last.
const TRACK_NUMBER_KEYS: [&str; 6] = [
    "TrackingNumber",
    "shipping_method_no",
    "tracking_number",
    "track_number",
    "trackingNumber",
    "WayBillNumber",
];

/// A getTrackNumber answer: the number (checked for a tracking number's shape), or "not yet"
/// when the order is there without one.
pub fn parse_track_number(response_json: &str) -> Result<TrackNumberAnswer, CallFailure> {
    let answer = successful(response_json)?;
    let Some(number) = answer.text(&TRACK_NUMBER_KEYS) else {
        return Ok(TrackNumberAnswer::NotYet);
    };
    let tracking_number = checked_tracking_number(&number, None)
        .map_err(|error| CallFailure::Unreadable(Problem::from_forwarder_error(error)))?;
    Ok(TrackNumberAnswer::Assigned {
        tracking_number,
        piece_numbers: answer
            .get("tracking_number_list")
            .map(piece_numbers)
            .unwrap_or_default(),
    })
}

/// ECCANG's waybill number (`order_code`) in a successful getTrackNumber answer, when it names
/// one with a sane shape.
pub fn track_number_order_code(response_json: &str) -> Option<String> {
    let answer = successful(response_json).ok()?;
    answer
        .text(&["order_code"])
        .filter(|code| crate::carriers::is_tracking_number(code))
}

// ---------------------------------------------------------------------------------------------
// getLabelUrl

/// A getLabelUrl answer: the top-level `url` (also looked for in `data`/`Data`). Entities such as
/// `&amp;` are already resolved by the envelope reader.
pub fn parse_label_url(response_json: &str) -> Result<String, CallFailure> {
    let answer = successful(response_json)?;
    answer
        .text(&["url", "label_url"])
        .ok_or_else(|| missing("label link (url)", "面单链接（url）", response_json))
}

// ---------------------------------------------------------------------------------------------
// cancelOrder

/// What cancelOrder confirmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cancelled {
    /// The number echoed back.
    pub reference_no: Option<String>,
    /// ECCANG's message.
    pub message: String,
}

/// A cancelOrder answer `{ask, message, reference_no, type}`.
pub fn parse_cancel_order(response_json: &str) -> Result<Cancelled, CallFailure> {
    let answer = successful(response_json)?;
    Ok(Cancelled {
        reference_no: answer.text(&["reference_no"]),
        message: answer.message(),
    })
}
