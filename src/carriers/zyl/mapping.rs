//! Pure `Shipment -> orderByApi data`, and ZYL's own validation rules. No I/O, no clock.

use rust_decimal::Decimal;

use super::wire::{
    Item, LABEL_PATH, MAX_NUMBERS, OrderData, ParcelEntry, Shipper, TrackRequest, WireAddress,
};
use crate::carriers::fields::{FieldKey, KnownFields, check_allowed};
use crate::carriers::{Account, OrderNumbers};
use crate::model::{
    Address, CustomsItem, LengthUnit, Parcel, Shipment, ValidationIssue, WeightUnit,
    round_never_zero,
};

/// Shipment-level `forwarder_fields` ZYL understands, and the seed field each fills.
pub const FIELDS: [(&str, &str); 7] = [
    (
        "battery",
        "battery (0 none, 1 with battery, 2 battery only; default 0)",
    ),
    (
        "customs_declaration_type",
        "customsDeclarationType (1 general trade, 2 买单报关; default 2)",
    ),
    ("amazon_po", "amazon_po (`;`-joined)"),
    ("amazon_shipment_ids", "amazon_shipment_ids (`;`-joined)"),
    ("fba_warehouse_code", "fbaWarehouseCode (FBA channels)"),
    (
        "discharging_port",
        "dischargingPort (SYD/MEL/BNE/PER; chargecodes starting P9)",
    ),
    ("clear", "clear (incoterm, e.g. DDU)"),
];

/// Per-item `forwarder_fields`, written `items[N].<name>` (N counts from 0).
pub const ITEM_FIELDS: [(&str, &str); 3] = [
    ("type", "items[].type"),
    ("fba_number", "items[].fbaNumber"),
    ("reference_id", "items[].referenceId"),
];

/// Decimals sent for kilograms (INFERENCE: the seed gives no limit; grams are enough).
const WEIGHT_DP: u32 = 3;
/// Decimals sent for centimetres and US dollars.
const SIZE_DP: u32 = 2;
/// Decimals of `cbm`: one cubic centimetre (0.000001 m³), so no real box rounds away.
pub const CBM_DP: u32 = 6;
/// `type`: "默认输入10".
pub const ORDER_TYPE: u32 = 10;
/// customsDeclarationType when none is given: 2, ZYL's documented default.
const DEFAULT_DECLARATION_TYPE: u8 = 2;
/// Ports a P9 chargecode needs one of.
pub const DISCHARGING_PORTS: [&str; 4] = ["SYD", "MEL", "BNE", "PER"];

/// Allowed values of the enumerated forwarder fields.
const ENUMS: [(&str, &[&str]); 3] = [
    ("battery", &["0", "1", "2"]),
    ("customs_declaration_type", &["1", "2"]),
    ("discharging_port", &DISCHARGING_PORTS),
];

/// The chargecode: the shipment's service code, else the account's default.
pub fn service_code<'a>(shipment: &'a Shipment, account: &'a Account) -> &'a str {
    let own = shipment.service_code.trim();
    if own.is_empty() {
        account.settings.default_service_code.trim()
    } else {
        own
    }
}

/// Total volume in m³, from the parcels' exact sizes, rounded once to [`CBM_DP`] decimals and
/// never to zero.
pub fn cbm(parcels: &[Parcel]) -> Decimal {
    let cubic_cm = parcels.iter().fold(Decimal::ZERO, |sum, parcel| {
        let [l, w, h] = parcel.dimensions_in(LengthUnit::Cm);
        sum.saturating_add(l.saturating_mul(w).saturating_mul(h))
    });
    let cubic_m = cubic_cm
        .checked_div(Decimal::from(1_000_000))
        .unwrap_or(Decimal::MAX);
    round_never_zero(cubic_m, CBM_DP)
}

/// Each parcel's `barcode`: its own box number, else `<reference>-<n>` (n from 1), the pattern
/// of the seed's example (`test202408260001-1`).
pub fn barcodes(reference: &str, parcels: &[Parcel]) -> Vec<String> {
    parcels
        .iter()
        .enumerate()
        .map(|(i, parcel)| match parcel.box_number.trim() {
            "" => format!("{}-{}", reference.trim(), i + 1),
            own => own.to_owned(),
        })
        .collect()
}

/// Seed 002's `data` for a shipment. kg, cm, m³ and USD; rounding happens here, once.
///
/// - one `parcelList` entry per parcel; `packs` = their count;
/// - `weight` = the sum of the entries' rounded weights (so the two agree exactly);
/// - `cbm` = the parcels' exact volume ([`cbm`]);
/// - recipient → `consignee` and `receiver`, sender → `shipper`; `cust_ref` = our reference.
pub fn build_order_data(shipment: &Shipment, account: &Account) -> OrderData {
    let reference = shipment.reference.trim();
    let parcel_list: Vec<ParcelEntry> = shipment
        .parcels
        .iter()
        .zip(barcodes(reference, &shipment.parcels))
        .map(|(parcel, barcode)| {
            let [length, width, height] = parcel
                .dimensions_in(LengthUnit::Cm)
                .map(|v| round_never_zero(v, SIZE_DP));
            ParcelEntry {
                barcode,
                width,
                height,
                length,
                weight: round_never_zero(parcel.weight_in(WeightUnit::Kg), WEIGHT_DP),
            }
        })
        .collect();
    let weight = parcel_list
        .iter()
        .map(|p| p.weight)
        .sum::<Decimal>()
        .normalize();
    let consignee = wire_address(&shipment.recipient);
    OrderData {
        amazon_po: field(shipment, "amazon_po"),
        amazon_shipment_ids: field(shipment, "amazon_shipment_ids"),
        cbm: cbm(&shipment.parcels),
        chargecode: service_code(shipment, account).to_owned(),
        clear: field(shipment, "clear").to_uppercase(),
        battery: field(shipment, "battery").parse().unwrap_or(0),
        customs_declaration_type: field(shipment, "customs_declaration_type")
            .parse()
            .unwrap_or(DEFAULT_DECLARATION_TYPE),
        receiver: consignee.clone(),
        consignee,
        cust_ref: reference.to_owned(),
        items: shipment
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| wire_item(shipment, i, item))
            .collect(),
        packs: u32::try_from(parcel_list.len()).unwrap_or(u32::MAX),
        shipper: shipper(&shipment.sender),
        order_type: ORDER_TYPE,
        weight,
        parcel_list,
        fba_warehouse_code: field(shipment, "fba_warehouse_code"),
        discharging_port: field(shipment, "discharging_port").to_uppercase(),
    }
}

/// The `data` object's JSON text (serialising plain structs of strings and numbers cannot fail).
pub fn data_json(data: &OrderData) -> String {
    serde_json::to_string(data).unwrap_or_default()
}

/// Street lines on one line: ZYL has a single `address` field.
fn street(address: &Address) -> String {
    [
        address.house_number.trim(),
        address.street1.trim(),
        address.street2.trim(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

fn wire_address(a: &Address) -> WireAddress {
    WireAddress {
        address: street(a),
        company: a.company.trim().to_owned(),
        email: a.email.trim().to_owned(),
        name: a.name.trim().to_owned(),
        phone: a.phone.trim().to_owned(),
        postcode: a.postcode.trim().to_owned(),
        state: a.state.trim().to_owned(),
        suburb: a.city.trim().to_owned(),
    }
}

fn shipper(a: &Address) -> Shipper {
    Shipper {
        postcode: a.postcode.trim().to_owned(),
        email: a.email.trim().to_owned(),
        country: a.country_code.trim().to_uppercase(),
        company: a.company.trim().to_owned(),
        name: a.name.trim().to_owned(),
        state: a.state.trim().to_owned(),
        city: a.city.trim().to_owned(),
        address: street(a),
        phone: a.phone.trim().to_owned(),
    }
}

fn wire_item(shipment: &Shipment, index: usize, item: &CustomsItem) -> Item {
    let own = |name: &str| field(shipment, &format!("items[{index}].{name}"));
    Item {
        hs: item.hs_code.trim().to_owned(),
        name: item.name_en.trim().to_owned(),
        name_zh: item.name_zh.trim().to_owned(),
        price: round_never_zero(item.unit_value, SIZE_DP),
        qty: item.quantity,
        item_type: own("type"),
        fba_number: own("fba_number"),
        reference_id: own("reference_id"),
    }
}

fn field(shipment: &Shipment, name: &str) -> String {
    shipment.forwarder_field(name).trim().to_owned()
}

// ---------------------------------------------------------------------------------------------
// Validation

/// ZYL's own rules, on top of [`crate::model::validate_shipment`] (which already asks for both
/// addresses' name, phone, street, city, state and postcode).
pub fn validate(shipment: &Shipment, account: &Account) -> Vec<ValidationIssue> {
    let mut issues = Vec::new();
    let chargecode = service_code(shipment, account);
    if chargecode.is_empty() {
        issues.push(ValidationIssue::new(
            "service_code",
            "Choose a ZYL channel code (chargecode, e.g. P12EXP; ask ZYL IT)",
            "请选择 ZYL 渠道编码（chargecode，如 P12EXP，向 ZYL IT 获取）",
        ));
    }
    if super::user_id(&account.settings).trim().is_empty() {
        // Optional for the order itself, but the label address needs it: without it a bought
        // order's label could never be fetched.
        issues.push(ValidationIssue::new(
            "account.user_id",
            "This ZYL account has no userId (下单客户ID): it is needed to fetch labels. Set it in Accounts.",
            "该 ZYL 账号未填写 userId（下单客户ID），获取面单需要它：请在“账号”中填写。",
        ));
    }
    if shipment.sender.company.trim().is_empty() {
        issues.push(ValidationIssue::new(
            "sender.company",
            "ZYL requires the sender's company (shipper.company)",
            "ZYL 要求填写发件人公司（shipper.company）",
        ));
    }
    if shipment.items.is_empty() {
        issues.push(ValidationIssue::new(
            "items",
            "ZYL needs at least one declared item (items is required)",
            "ZYL 至少需要一条物品信息（items 必填）",
        ));
    }
    for (i, item) in shipment.items.iter().enumerate() {
        if item.name_zh.trim().is_empty() {
            issues.push(ValidationIssue::new(
                format!("items[{i}].name_zh"),
                "ZYL requires each item's Chinese name (nameZh)",
                "ZYL 要求填写每条物品的中文名称（nameZh）",
            ));
        }
        let currency = item.currency.trim().to_uppercase();
        if currency != "USD" {
            issues.push(ValidationIssue::new(
                format!("items[{i}].currency"),
                format!("ZYL takes item prices in USD; this item is in {currency}"),
                format!("ZYL 物品单价须为美元（USD），当前为 {currency}"),
            ));
        }
    }
    check_barcodes(&mut issues, shipment);
    if chargecode.to_uppercase().starts_with("P9") && field(shipment, "discharging_port").is_empty()
    {
        let ports = DISCHARGING_PORTS.join("/");
        issues.push(ValidationIssue::new(
            "forwarder_fields.discharging_port",
            format!("ZYL channels starting with P9 need a discharging port ({ports})"),
            format!("P9 开头的 ZYL 渠道须填写卸货港（{ports}）"),
        ));
    }
    check_fields(&mut issues, shipment);
    issues
}

fn check_barcodes(issues: &mut Vec<ValidationIssue>, shipment: &Shipment) {
    let codes = barcodes(&shipment.reference, &shipment.parcels);
    for (i, code) in codes.iter().enumerate() {
        if codes[..i].contains(code) {
            issues.push(ValidationIssue::new(
                format!("parcels[{i}].box_number"),
                format!("Parcel barcode \"{code}\" is used twice in this order"),
                format!("包裹条码“{code}”在同一订单中重复"),
            ));
        }
    }
}

fn check_fields(issues: &mut Vec<ValidationIssue>, shipment: &Shipment) {
    let known = KnownFields {
        forwarder: crate::model::Text::new("ZYL", "ZYL "),
        order: &FIELDS,
        item: &ITEM_FIELDS,
    };
    for (key, value) in &shipment.forwarder_fields {
        if let Some(FieldKey::Order(name)) = known.classify(key, shipment.items.len(), issues)
            && let Some((_, allowed)) = ENUMS.iter().find(|(k, _)| *k == name)
        {
            check_allowed(issues, key, value, allowed);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The label and tracking calls

/// `labelType`: which document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LabelType {
    /// 1: warehouse receipt (入仓单).
    WarehouseReceipt = 1,
    /// 2: the shipping label: what shipdesk prints.
    #[default]
    ShippingLabel = 2,
    /// 3: proof of delivery.
    ProofOfDelivery = 3,
}

/// The number to ask by: the label page accepts ZYL's own numbers (orderId, conCode or refCode),
/// not our reference. ZYL's `orderId` first, then the tracking number (conCode); our reference
/// only when neither was recorded (ZYL may refuse it, and the answer will say so).
pub fn order_code<'a>(order: &OrderNumbers<'a>) -> &'a str {
    [order.forwarder_order_id, order.tracking_number]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|n| !n.is_empty())
        .unwrap_or(order.reference.trim())
}

/// `/oms/v1/OrderLabel/findOrderLabelByCode/{orderCode}/{labelType}/{userId}`, each segment
/// percent-encoded.
pub fn label_path(order_code: &str, label_type: LabelType, user_id: &str) -> String {
    format!(
        "{LABEL_PATH}/{}/{}/{}",
        segment(order_code.trim()),
        label_type as u8,
        segment(user_id.trim())
    )
}

/// A path segment, percent-encoded outside RFC 3986's unreserved characters.
fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The body for `numbers` (blank ones dropped, at most [`MAX_NUMBERS`] kept).
pub fn build_track(numbers: &[&str], now_ms: i64, message_id: &str) -> TrackRequest {
    TrackRequest {
        timestamp: now_ms.to_string(),
        message_id: message_id.to_owned(),
        tracking_nos: numbers
            .iter()
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .take(MAX_NUMBERS)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parcel(l: i64, w: i64, h: i64, unit: LengthUnit) -> Parcel {
        Parcel {
            length: Decimal::from(l),
            width: Decimal::from(w),
            height: Decimal::from(h),
            dimension_unit: unit,
            weight: Decimal::ONE,
            weight_unit: WeightUnit::Kg,
            box_number: String::new(),
        }
    }

    #[test]
    fn cbm_is_exact_rounded_once_and_never_zero() {
        // 99.06³ cm³ = 972,064.249416 cm³: 0.972064 m³ after one rounding.
        assert_eq!(
            cbm(&[parcel(39, 39, 39, LengthUnit::In)]),
            Decimal::new(972_064, 6)
        );
        // Two 1×2×3 cm boxes: 12 cm³, exactly 0.000012 m³.
        let small = parcel(3, 1, 2, LengthUnit::Cm);
        assert_eq!(cbm(&[small.clone(), small]), Decimal::new(12, 6));
        // 0.4 cm³ would round to 0 m³: it still declares some volume.
        let mut tiny = parcel(1, 1, 1, LengthUnit::Cm);
        tiny.height = Decimal::new(4, 1);
        assert_eq!(cbm(&[tiny]), Decimal::new(1, 6));
        // Summed before rounding: three boxes of 0.3 cm³ are 0.9 cm³, not 3 × 0.000001 m³.
        let mut sliver = parcel(1, 1, 1, LengthUnit::Cm);
        sliver.height = Decimal::new(3, 1);
        assert_eq!(
            cbm(&[sliver.clone(), sliver.clone(), sliver]),
            Decimal::new(1, 6)
        );
    }

    #[test]
    fn barcodes_are_own_or_reference_and_position() {
        let mut boxed = parcel(1, 1, 1, LengthUnit::Cm);
        boxed.box_number = " B7 ".to_owned();
        let plain = parcel(1, 1, 1, LengthUnit::Cm);
        assert_eq!(
            barcodes(" R1 ", &[plain.clone(), boxed, plain]),
            ["R1-1", "B7", "R1-3"]
        );
    }

    #[test]
    fn paths() {
        assert_eq!(
            label_path("ILS1", LabelType::ShippingLabel, "1111"),
            "/oms/v1/OrderLabel/findOrderLabelByCode/ILS1/2/1111"
        );
        assert_eq!(
            label_path("a/b c", LabelType::ProofOfDelivery, "u"),
            "/oms/v1/OrderLabel/findOrderLabelByCode/a%2Fb%20c/3/u"
        );
    }

    #[test]
    fn order_code_prefers_zyls_own_numbers() {
        let mut order = OrderNumbers::by_reference("REF");
        assert_eq!(order_code(&order), "REF");
        order.tracking_number = Some("FIT1");
        assert_eq!(order_code(&order), "FIT1");
        order.forwarder_order_id = Some("ILS1");
        assert_eq!(order_code(&order), "ILS1");
        order.forwarder_order_id = Some(" ");
        assert_eq!(order_code(&order), "FIT1");
    }

    #[test]
    fn request_body() {
        let body = build_track(
            &[" SYD1 ", "", "R2"],
            1_503_560_234_000,
            "38311971988180992",
        );
        assert_eq!(
            serde_json::to_string(&body).unwrap_or_default(),
            r#"{"timestamp":"1503560234000","messageId":"38311971988180992","trackingNos":["SYD1","R2"]}"#
        );
        let many: Vec<String> = (0..150).map(|n| n.to_string()).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(build_track(&many, 0, "m").tracking_nos.len(), MAX_NUMBERS);
    }
}
