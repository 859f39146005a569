//! The follow-up services' answers: getTrackNumber, getLabelUrl and cancelOrder.

use super::*;

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

/// A getTrackNumber answer. INFERENCE: its shape is not public (carriers.md §2.3); the number is
/// looked for under createOrder's name `shipping_method_no` and a few usual others, at the top
/// level or in `data`/`Data` (an object or the first element of a list).
pub fn parse_track_number(response_json: &str) -> Result<TrackNumberAnswer, CallFailure> {
    let answer = successful(response_json)?;
    let number = answer.text(&[
        "shipping_method_no",
        "tracking_number",
        "track_number",
        "TrackingNumber",
        "trackingNumber",
    ]);
    Ok(match number {
        Some(tracking_number) => TrackNumberAnswer::Assigned {
            tracking_number,
            piece_numbers: answer
                .get("tracking_number_list")
                .map(piece_numbers)
                .unwrap_or_default(),
        },
        None => TrackNumberAnswer::NotYet,
    })
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
