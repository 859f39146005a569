//! The follow-up services: getTrackNumber, getLabelUrl and cancelOrder, and which number
//! kind each request names.

use crate::carriers::eccang::wire::{CancelOrderParams, LabelUrlParams, TrackNumberParams};

/// Which kind of number `reference_no` / `codes` is (`type`). From getCargoTrack's page
/// (1 waybill, 2 customer order no., 3 tracking no.); INFERENCE that getLabelUrl's and
/// cancelOrder's `type` 1/2/3 mean the same (carriers.md §7.3 lists it as open).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    /// ECCANG's `order_code` (运单号).
    OrderCode = 1,
    /// The customer reference (`reference_no`).
    Reference = 2,
    /// The carrier tracking number.
    Tracking = 3,
}

// ---------------------------------------------------------------------------------------------
// getTrackNumber

/// `getTrackNumber` params for an order (its reference or order code): a one-element list.
pub fn build_track_number(reference_no: &str) -> TrackNumberParams {
    TrackNumberParams {
        reference_no: vec![reference_no.trim().to_owned()],
    }
}

// ---------------------------------------------------------------------------------------------
// getLabelUrl

/// `label_type`: the label stock for system-drawn labels (carriers' own labels ignore it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LabelSize {
    /// 1: 10×10 cm.
    TenByTen = 1,
    /// 2: A4.
    A4 = 2,
    /// 3: 10×15 cm (≈ 4×6 in thermal): shipdesk's default.
    #[default]
    TenByFifteen = 3,
}

/// `label_content_type`: what the PDF holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LabelContent {
    /// 1: the label only: shipdesk's default (carriers.md §2.4; ECCANG's own default is 4).
    #[default]
    Label = 1,
    /// 2: customs form (报关单).
    CustomsForm = 2,
    /// 3: picking list (配货单).
    PickingList = 3,
    /// 4: label + customs form.
    LabelAndCustoms = 4,
    /// 5: label + picking list.
    LabelAndPicking = 5,
    /// 6: all three.
    All = 6,
}

/// How to ask for a label.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LabelOptions {
    /// Stock size.
    pub size: LabelSize,
    /// Contents.
    pub content: LabelContent,
    /// What kind of number is given; `None` leaves `type` out.
    pub number_kind: Option<NumberKind>,
}

/// `getLabelUrl` params.
pub fn build_label_url(reference_no: &str, options: LabelOptions) -> LabelUrlParams {
    LabelUrlParams {
        reference_no: reference_no.trim().to_owned(),
        number_kind: options.number_kind.map(|k| k as u8),
        label_type: options.size as u8,
        label_content_type: options.content as u8,
    }
}

// ---------------------------------------------------------------------------------------------
// cancelOrder

/// `cancelOrder` params.
pub fn build_cancel_order(reference_no: &str, kind: Option<NumberKind>) -> CancelOrderParams {
    CancelOrderParams {
        reference_no: reference_no.trim().to_owned(),
        number_kind: kind.map(|k| k as u8),
    }
}
