//! Pure mapping: `Shipment -> paramsJson` for each service, one file a call: `create`
//! (createOrder), `validation` (ECCANG's own rules), `services` (getTrackNumber, getLabelUrl,
//! cancelOrder), `track` (getCargoTrack), `fee` (feeTrail), `order_calls` (the
//! services list, getOrder, modifyOrderWeight, interceptOrder). Their answers are in `answers`, by
//! the same calls. No I/O, no clock.

/// Service names (`<service>`).
pub mod service {
    /// Create an order (seed 001).
    pub const CREATE_ORDER: &str = "createOrder";
    /// A tracking number that came later (`track_status` 2).
    pub const GET_TRACK_NUMBER: &str = "getTrackNumber";
    /// The label's download link.
    pub const GET_LABEL_URL: &str = "getLabelUrl";
    /// Cancel an order.
    pub const CANCEL_ORDER: &str = "cancelOrder";
    /// Tracking events.
    pub const GET_CARGO_TRACK: &str = "getCargoTrack";
    /// Price a shipment (运费试算).
    pub const FEE_TRAIL: &str = "feeTrail";
    /// The services (channels) the account may use, on TMS hosts (TuYunDa.php).
    pub const GET_SHIPPING_METHOD_INFO: &str = "getShippingMethodInfo";
    /// The same list under the name other ECCANG hosts use (Western Post's older API).
    pub const GET_SHIPPING_METHOD: &str = "getShippingMethod";
    /// ECCANG's own view of an order.
    pub const GET_ORDER: &str = "getOrder";
    /// Correct a bought order's weight after re-weighing.
    pub const MODIFY_ORDER_WEIGHT: &str = "modifyOrderWeight";
    /// Stop (hold) a parcel: only in forecast or received status.
    pub const INTERCEPT_ORDER: &str = "interceptOrder";
}

/// Shipment-level `forwarder_fields` ECCANG understands, and where each goes.
pub const FIELDS: [(&str, &str); 24] = [
    ("is_auto_audit", "is_auto_audit (Y forecast / N draft)"),
    ("extra_service", "extra_service"),
    ("mail_cargo_type", "mail_cargo_type (1-8)"),
    ("cargo_type", "cargo_type (B/C/D/L/W)"),
    ("is_return", "is_return (0/1)"),
    ("reference_id", "reference_id"),
    ("shipment_id", "shipment_id"),
    ("poa_number", "POANumber"),
    ("warehouse_code", "warehouse_code"),
    ("seller_id", "seller_id"),
    ("buyer_id", "buyer_id"),
    ("platform", "platform"),
    ("platform_number", "platform_number"),
    ("ioss", "ioss"),
    ("customs_declaration_type", "customs_declaration_type"),
    ("customs_clearance_type", "customs_clearance_type"),
    ("consignee_mobile", "Consignee.consignee_mobile"),
    ("consignee_taxno", "Consignee.consignee_taxno"),
    (
        "consignee_taxno_type",
        "Consignee.consignee_taxno_type (1-4)",
    ),
    ("consignee_eori", "Consignee.consignee_eori"),
    ("shipper_mobile", "Shipper.shipper_mobile"),
    ("shipper_tax_number", "Shipper.shipper_tax_number"),
    ("shipper_eori", "Shipper.shipper_eori"),
    (
        "child_number_prefix",
        "Volume[].child_number = prefix + box number",
    ),
];

/// Per-item `forwarder_fields`, written `items[N].<name>` (N counts from 0, as in validation
/// paths), and the `ItemArr` field each fills. The model has no item weight or brand.
pub const ITEM_FIELDS: [(&str, &str); 6] = [
    (
        "invoice_weight",
        "invoice_weight (kg per piece, ≤ 3 decimals)",
    ),
    ("invoice_brand", "invoice_brand"),
    ("unit_code", "unit_code (MTR/PCE/SET)"),
    ("material", "material"),
    ("material_enture", "material_enture"),
    ("is_magnetoelectric", "is_magnetoelectric (N/E/M/Y)"),
];

/// Decimals ECCANG takes for weights (seed: 最多3位小数).
const WEIGHT_DP: u32 = 3;
/// Decimals sent for centimetres and money (INFERENCE: the seed gives no limit; its examples have ≤ 2).
const SIZE_DP: u32 = 2;
/// Longest reference_no, box_number and child_number (seed table, ectoms).
const MAX_NUMBER_CHARS: usize = 50;

/// Allowed values of the enumerated forwarder fields.
const ENUMS: [(&str, &[&str]); 7] = [
    ("is_auto_audit", &["Y", "N"]),
    ("mail_cargo_type", &["1", "2", "3", "4", "5", "6", "7", "8"]),
    ("cargo_type", &["B", "C", "D", "L", "W"]),
    ("is_return", &["0", "1"]),
    ("consignee_taxno_type", &["1", "2", "3", "4"]),
    ("unit_code", &["MTR", "PCE", "SET"]),
    ("is_magnetoelectric", &["N", "E", "M", "Y"]),
];

mod create;
mod fee;
mod order_calls;
mod services;
mod track;
mod validation;

pub use create::*;
pub use fee::*;
pub use order_calls::*;
pub use services::*;
pub use track::*;
pub use validation::*;

/// Helpers the services share (not part of the dialect's surface).
use create::{box_weight, field, text};

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::validation::check_item_weight;
    use super::*;
    use crate::model::{LengthUnit, Parcel, WeightUnit};

    fn parcel(box_number: &str) -> Parcel {
        Parcel {
            length: Decimal::ONE,
            width: Decimal::ONE,
            height: Decimal::ONE,
            dimension_unit: LengthUnit::Cm,
            weight: Decimal::ONE,
            weight_unit: WeightUnit::Kg,
            box_number: box_number.to_owned(),
        }
    }

    #[test]
    fn box_numbers_are_own_or_the_next_free_u_number() {
        let boxes = box_numbers(&[parcel(""), parcel("U001"), parcel(" "), parcel("B7")]);
        assert_eq!(boxes, ["U002", "U001", "U003", "B7"]);
        assert_eq!(box_numbers(&[parcel("")]), ["U001"]);
        assert!(box_numbers(&[]).is_empty());
    }

    #[test]
    fn label_defaults_to_ten_by_fifteen_label_only() {
        let params = build_label_url(" EC1 ", LabelOptions::default());
        assert_eq!(
            params_json(&params),
            r#"{"reference_no":"EC1","label_type":3,"label_content_type":1}"#
        );
        let a4 = build_label_url(
            "EC1",
            LabelOptions {
                size: LabelSize::A4,
                content: LabelContent::All,
                number_kind: Some(NumberKind::OrderCode),
            },
        );
        assert_eq!(
            params_json(&a4),
            r#"{"reference_no":"EC1","type":1,"label_type":2,"label_content_type":6}"#
        );
    }

    #[test]
    fn item_weight_decimals() {
        let mut issues = Vec::new();
        check_item_weight(&mut issues, "p", "0.033");
        check_item_weight(&mut issues, "p", "0.0300");
        assert!(issues.is_empty(), "{issues:?}");
        check_item_weight(&mut issues, "p", "0.0333");
        check_item_weight(&mut issues, "p", "0");
        check_item_weight(&mut issues, "p", "heavy");
        assert_eq!(issues.len(), 3);
    }
}
