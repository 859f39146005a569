//! feeTrail (运费试算): prices of the available services for a shipment.

use rust_decimal::Decimal;

use super::*;
use crate::carriers::eccang::wire::FeeTrailParams;
use crate::model::{LengthUnit, Shipment, round_never_zero};

/// `feeTrail` params for a shipment (ecwiki 812). `shipping_type_id` comes from the
/// `cargo_type` forwarder field when it is D, L or W, else W (package). Sizes go only with a
/// single box (INFERENCE: the multi-box `volume_list` shape is not public). `product_code`
/// asks about one service; `None` asks about all.
pub fn build_fee_trail(shipment: &Shipment, product_code: Option<&str>) -> FeeTrailParams {
    let shipping_type_id = field(shipment, "cargo_type")
        .map(|c| c.to_uppercase())
        .filter(|c| matches!(c.as_str(), "D" | "L" | "W"))
        .unwrap_or_else(|| "W".to_owned());
    let sizes = match shipment.parcels.as_slice() {
        [only] => only
            .dimensions_in(LengthUnit::Cm)
            .map(|v| Some(round_never_zero(v, SIZE_DP))),
        _ => [None; 3],
    };
    let [length, width, height] = sizes;
    FeeTrailParams {
        country_code: shipment.recipient.country_code.trim().to_uppercase(),
        weight: shipment
            .parcels
            .iter()
            .map(box_weight)
            .sum::<Decimal>()
            .normalize(),
        shipping_type_id,
        city: text(&shipment.recipient.city),
        postcode: text(&shipment.recipient.postcode),
        length,
        width,
        height,
        product_code: product_code.and_then(text),
    }
}
