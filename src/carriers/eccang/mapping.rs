//! Pure mapping: `Shipment -> paramsJson` for each service, and each service's answer -> a typed
//! result. No I/O, no clock.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use super::envelope::{self, EnvelopeError};
use super::wire::{
    Answer, Ask, CancelOrderParams, CargoTrackParams, Consignee, CreateOrderParams, FeeTrailParams,
    InvoiceItem, LabelUrlParams, Shipper, TrackNumberParams, Volume, value_decimal, value_text,
};
use crate::carriers::fields::{KnownFields, check_allowed};
use crate::carriers::{Account, ForwarderError, WireResponse};
use crate::model::{
    Address, CustomsItem, LengthUnit, Parcel, Shipment, Text, ValidationIssue, WeightUnit,
    round_never_zero,
};

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

// ---------------------------------------------------------------------------------------------
// createOrder

/// The service code: the shipment's, else the account's default.
pub fn service_code<'a>(shipment: &'a Shipment, account: &'a Account) -> &'a str {
    let own = shipment.service_code.trim();
    if own.is_empty() {
        account.settings.default_service_code.trim()
    } else {
        own
    }
}

/// The box number of each parcel, in order: its own, else the next free `U001`, `U002`, …
/// (ECCANG's own default for a single box is `U001`).
pub fn box_numbers(parcels: &[Parcel]) -> Vec<String> {
    let own: Vec<&str> = parcels.iter().map(|p| p.box_number.trim()).collect();
    let mut next = 1u32;
    own.iter()
        .map(|number| {
            if !number.is_empty() {
                return (*number).to_owned();
            }
            loop {
                let candidate = format!("U{next:03}");
                next += 1;
                if !own.contains(&candidate.as_str()) {
                    return candidate;
                }
            }
        })
        .collect()
}

/// The box an item goes in: its own when it names one, else the first box.
fn item_box(item: &CustomsItem, boxes: &[String]) -> String {
    let own = item.box_number.trim();
    if own.is_empty() {
        boxes.first().cloned().unwrap_or_else(|| "U001".to_owned())
    } else {
        own.to_owned()
    }
}

/// Seed 001's createOrder params for a shipment. kg and cm; rounding happens here, once.
///
/// - one `Volume` per parcel, with its box number ([`box_numbers`]);
/// - `order_pieces` = number of parcels; `order_weight` = the sum of the boxes' rounded weights
///   (so it equals the sum of `Volume[].weight` exactly);
/// - items go in the box they name, or the first box;
/// - recipient → `Consignee`, sender → `Shipper`, `country_code` = the recipient's.
pub fn build_create_order(shipment: &Shipment, account: &Account) -> CreateOrderParams {
    let boxes = box_numbers(&shipment.parcels);
    let prefix = field(shipment, "child_number_prefix");
    let volumes: Vec<Volume> = shipment
        .parcels
        .iter()
        .zip(&boxes)
        .map(|(parcel, box_number)| {
            let [length, width, height] = parcel
                .dimensions_in(LengthUnit::Cm)
                .map(|v| round_never_zero(v, SIZE_DP));
            Volume {
                length,
                width,
                height,
                weight: box_weight(parcel),
                box_number: box_number.clone(),
                child_number: prefix.as_ref().map(|p| format!("{p}{box_number}")),
            }
        })
        .collect();
    let order_weight = volumes
        .iter()
        .map(|v| v.weight)
        .sum::<Decimal>()
        .normalize();
    let items = shipment
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| invoice_item(shipment, i, item, &boxes))
        .collect();
    CreateOrderParams {
        reference_no: shipment.reference.trim().to_owned(),
        shipping_method: service_code(shipment, account).to_owned(),
        country_code: shipment.recipient.country_code.trim().to_uppercase(),
        order_weight,
        order_pieces: u32::try_from(shipment.parcels.len()).unwrap_or(u32::MAX),
        reference_id: field(shipment, "reference_id"),
        shipment_id: field(shipment, "shipment_id"),
        poa_number: field(shipment, "poa_number"),
        warehouse_code: field(shipment, "warehouse_code"),
        is_auto_audit: field(shipment, "is_auto_audit").map(|v| v.to_uppercase()),
        extra_service: field(shipment, "extra_service"),
        // INFERENCE: insuring means insuring the declared value (the seed gives no rule).
        insurance_value: shipment
            .options
            .insurance
            .then(|| shipment.effective_declared_value())
            .flatten()
            .map(|v| round_never_zero(v, SIZE_DP)),
        mail_cargo_type: field(shipment, "mail_cargo_type"),
        is_return: field(shipment, "is_return").and_then(|v| v.parse().ok()),
        cargo_type: field(shipment, "cargo_type").map(|v| v.to_uppercase()),
        seller_id: field(shipment, "seller_id"),
        buyer_id: field(shipment, "buyer_id"),
        platform: field(shipment, "platform"),
        platform_number: field(shipment, "platform_number"),
        ioss: field(shipment, "ioss"),
        customs_declaration_type: field(shipment, "customs_declaration_type"),
        customs_clearance_type: field(shipment, "customs_clearance_type"),
        consignee: consignee(shipment),
        shipper: shipper(shipment),
        items,
        volumes,
    }
}

/// A parcel's weight in kg, rounded for ECCANG (never to zero).
fn box_weight(parcel: &Parcel) -> Decimal {
    round_never_zero(parcel.weight_in(WeightUnit::Kg), WEIGHT_DP)
}

fn invoice_item(
    shipment: &Shipment,
    index: usize,
    item: &CustomsItem,
    boxes: &[String],
) -> InvoiceItem {
    let own = |name: &str| item_field(shipment, index, name);
    let currency = item.currency.trim().to_uppercase();
    InvoiceItem {
        invoice_cnname: text(&item.name_zh),
        invoice_enname: item.name_en.trim().to_owned(),
        invoice_weight: own("invoice_weight")
            .and_then(|w| w.parse::<Decimal>().ok())
            .map(|w| round_never_zero(w, WEIGHT_DP)),
        invoice_quantity: item.quantity,
        invoice_unitcharge: round_never_zero(item.unit_value, SIZE_DP),
        hs_code: text(&item.hs_code),
        invoice_brand: own("invoice_brand"),
        sku: text(&item.sku),
        box_number: item_box(item, boxes),
        unit_code: own("unit_code").map(|v| v.to_uppercase()),
        // USD is ECCANG's default; the seed example leaves it out, and so does shipdesk.
        invoice_currencycode: (!currency.is_empty() && currency != "USD").then_some(currency),
        country_of_origin: text(&item.origin_country).map(|c| c.to_uppercase()),
        material: own("material"),
        material_enture: own("material_enture"),
        is_magnetoelectric: own("is_magnetoelectric").map(|v| v.to_uppercase()),
    }
}

fn consignee(shipment: &Shipment) -> Consignee {
    let a: &Address = &shipment.recipient;
    Consignee {
        consignee_street: text(&a.street1),
        consignee_street2: text(&a.street2),
        consignee_name: text(&a.name),
        consignee_telephone: text(&a.phone),
        consignee_postcode: text(&a.postcode),
        consignee_province: text(&a.state),
        consignee_city: text(&a.city),
        consignee_company: text(&a.company),
        consignee_mobile: field(shipment, "consignee_mobile"),
        consignee_email: text(&a.email),
        consignee_doorplate: text(&a.house_number),
        consignee_taxno: field(shipment, "consignee_taxno"),
        consignee_taxno_type: field(shipment, "consignee_taxno_type"),
        consignee_eori: field(shipment, "consignee_eori"),
    }
}

fn shipper(shipment: &Shipment) -> Shipper {
    let a: &Address = &shipment.sender;
    Shipper {
        shipper_countrycode: text(&a.country_code).map(|c| c.to_uppercase()),
        shipper_province: text(&a.state),
        shipper_city: text(&a.city),
        shipper_street: text(&a.street1),
        shipper_postcode: text(&a.postcode),
        shipper_name: text(&a.name),
        shipper_telephone: text(&a.phone),
        shipper_mobile: field(shipment, "shipper_mobile"),
        shipper_company: text(&a.company),
        shipper_street2: text(&a.street2),
        shipper_email: text(&a.email),
        shipper_doorplate: text(&a.house_number),
        shipper_tax_number: field(shipment, "shipper_tax_number"),
        shipper_eori: field(shipment, "shipper_eori"),
    }
}

/// Trimmed text, or `None` when empty.
fn text(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

fn field(shipment: &Shipment, name: &str) -> Option<String> {
    text(shipment.forwarder_field(name))
}

fn item_field(shipment: &Shipment, index: usize, name: &str) -> Option<String> {
    text(shipment.forwarder_field(&format!("items[{index}].{name}")))
}

/// The JSON text of any params object (serialising plain structs of strings and numbers cannot fail).
pub fn params_json<T: Serialize>(params: &T) -> String {
    serde_json::to_string(params).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Validation

/// ECCANG's own rules, on top of [`crate::model::validate_shipment`].
pub fn validate(shipment: &Shipment, account: &Account) -> Vec<ValidationIssue> {
    let mut issues = Vec::new();
    if service_code(shipment, account).is_empty() {
        issues.push(ValidationIssue::new(
            "service_code",
            "Choose an ECCANG shipping method code (运输方式, e.g. PK0001)",
            "请选择易仓运输方式代码（如 PK0001）",
        ));
    }
    let reference = shipment.reference.trim();
    if reference.chars().count() > MAX_NUMBER_CHARS {
        issues.push(ValidationIssue::new(
            "reference",
            format!("ECCANG takes a reference of at most {MAX_NUMBER_CHARS} characters"),
            format!("易仓客户参考号最多 {MAX_NUMBER_CHARS} 个字符"),
        ));
    }
    // The seed table requires the Consignee object and country_code but marks every consignee
    // field optional ("必填项以服务商要求为准"): the shared rules (name, phone, street, city,
    // state, postcode, country) already ask for more, so nothing is repeated here.
    if shipment.items.is_empty() {
        issues.push(ValidationIssue::new(
            "items",
            "ECCANG needs at least one customs line (ItemArr is required)",
            "易仓至少需要一条申报信息（ItemArr 必填）",
        ));
    }
    check_boxes(&mut issues, shipment);
    check_fields(&mut issues, shipment);
    issues
}

fn is_box_text(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric())
}

fn check_boxes(issues: &mut Vec<ValidationIssue>, shipment: &Shipment) {
    let boxes = box_numbers(&shipment.parcels);
    for (i, number) in boxes.iter().enumerate() {
        let path = format!("parcels[{i}].box_number");
        if !is_box_text(number) || number.chars().count() > MAX_NUMBER_CHARS {
            issues.push(ValidationIssue::new(
                path.clone(),
                format!("ECCANG box numbers are letters and digits only, at most {MAX_NUMBER_CHARS} (\"{number}\")"),
                format!("易仓箱号只能由字母和数字组成，最多 {MAX_NUMBER_CHARS} 位（“{number}”）"),
            ));
        }
        if boxes[..i].contains(number) {
            issues.push(ValidationIssue::new(
                path,
                format!("Box number \"{number}\" is used twice in this order"),
                format!("箱号“{number}”在同一订单中重复"),
            ));
        }
    }
    if let Some(prefix) = field(shipment, "child_number_prefix") {
        let longest = boxes.iter().map(|b| b.chars().count()).max().unwrap_or(0);
        if !is_box_text(&prefix) || prefix.chars().count() + longest > MAX_NUMBER_CHARS {
            issues.push(ValidationIssue::new(
                "forwarder_fields.child_number_prefix",
                format!("Piece numbers (prefix + box number) must be letters and digits, at most {MAX_NUMBER_CHARS}"),
                format!("子单号（前缀 + 箱号）只能由字母和数字组成，最多 {MAX_NUMBER_CHARS} 位"),
            ));
        }
    }
    for (i, item) in shipment.items.iter().enumerate() {
        let own = item.box_number.trim();
        if !own.is_empty() && !boxes.iter().any(|b| b == own) {
            let known = boxes.join(", ");
            issues.push(ValidationIssue::new(
                format!("items[{i}].box_number"),
                format!("Box \"{own}\" is not one of this order's parcels ({known})"),
                format!("箱号“{own}”不是本订单的包裹（{known}）"),
            ));
        }
    }
}

fn check_fields(issues: &mut Vec<ValidationIssue>, shipment: &Shipment) {
    let known = KnownFields {
        forwarder: Text::new("ECCANG", "易仓"),
        order: &FIELDS,
        item: &ITEM_FIELDS,
    };
    for (key, value) in &shipment.forwarder_fields {
        let Some(field) = known.classify(key, shipment.items.len(), issues) else {
            continue;
        };
        if field.name() == "invoice_weight" {
            check_item_weight(issues, &format!("forwarder_fields.{key}"), value);
        }
        if let Some((_, allowed)) = ENUMS.iter().find(|(k, _)| *k == field.name()) {
            check_allowed(issues, key, value, allowed);
        }
    }
}

fn check_item_weight(issues: &mut Vec<ValidationIssue>, path: &str, value: &str) {
    match value.trim().parse::<Decimal>() {
        Ok(weight) if weight > Decimal::ZERO && weight.normalize().scale() <= WEIGHT_DP => {}
        Ok(weight) if weight > Decimal::ZERO => issues.push(ValidationIssue::new(
            path,
            format!("ECCANG takes item weights in kg with at most {WEIGHT_DP} decimals"),
            format!("易仓申报重量单位为 KG，最多 {WEIGHT_DP} 位小数"),
        )),
        _ => issues.push(ValidationIssue::new(
            path,
            "Item weight must be a number of kg above zero, e.g. 0.033",
            "申报重量须为大于零的 KG 数，如 0.033",
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// Answers

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
    fn from_code(code: Option<i64>) -> Self {
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
fn piece_numbers(value: &Value) -> Vec<PieceNumber> {
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
fn successful(json: &str) -> Result<Answer, CallFailure> {
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

fn missing(what_en: &str, what_zh: &str, json: &str) -> CallFailure {
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

// ---------------------------------------------------------------------------------------------
// Which number a request names

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

/// `getTrackNumber` params for an order (its reference or order code).
pub fn build_track_number(reference_no: &str) -> TrackNumberParams {
    TrackNumberParams {
        reference_no: reference_no.trim().to_owned(),
    }
}

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

/// `cancelOrder` params.
pub fn build_cancel_order(reference_no: &str, kind: Option<NumberKind>) -> CancelOrderParams {
    CancelOrderParams {
        reference_no: reference_no.trim().to_owned(),
        number_kind: kind.map(|k| k as u8),
    }
}

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

// ---------------------------------------------------------------------------------------------
// getCargoTrack

/// `getCargoTrack` params. `lang` is `EN` for English, else `CN`.
pub fn build_cargo_track(
    codes: &[&str],
    kind: Option<NumberKind>,
    english: bool,
) -> CargoTrackParams {
    CargoTrackParams {
        codes: codes
            .iter()
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect(),
        number_kind: kind.map(|k| k as u8),
        lang: if english { "EN" } else { "CN" }.to_owned(),
    }
}

/// One tracking event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrackEvent {
    /// `Occur_date` as sent (Beijing time unless a `Time_zone` says otherwise).
    pub time: String,
    /// `track_area`.
    pub location: String,
    /// `Comment`.
    pub description: String,
    /// `Status` code (IR, AF, DF, NO, …).
    pub status: String,
}

/// The tracking of one number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CargoTrack {
    /// `Code`: the number asked about.
    pub code: String,
    /// `Country_code`.
    pub country_code: String,
    /// `Status`: latest status code.
    pub status: String,
    /// `Time_zone` (getCargoTrackPdd), when sent.
    pub time_zone: Option<String>,
    /// `Detail`, as sent (ECCANG lists newest first).
    pub events: Vec<TrackEvent>,
}

/// A getCargoTrack answer: `Data[] {Code, Country_code, Status, Detail[] {Occur_date, Status,
/// Comment, track_area}}` (hh-exp page, carriers.md §2.3); `data` is read as well.
pub fn parse_cargo_track(response_json: &str) -> Result<Vec<CargoTrack>, CallFailure> {
    let answer = successful(response_json)?;
    let list = match answer.payload() {
        Some(Value::Array(list)) => list.as_slice(),
        Some(one @ Value::Object(_)) => std::slice::from_ref(one),
        _ => &[],
    };
    let get = |value: &Value, keys: &[&str]| {
        keys.iter()
            .find_map(|k| value.get(*k).and_then(value_text))
            .unwrap_or_default()
    };
    Ok(list
        .iter()
        .map(|entry| CargoTrack {
            code: get(entry, &["Code", "code"]),
            country_code: get(entry, &["Country_code", "country_code"]),
            status: get(entry, &["Status", "status"]),
            time_zone: Some(get(entry, &["Time_zone", "time_zone"])).filter(|z| !z.is_empty()),
            events: entry
                .get("Detail")
                .or_else(|| entry.get("detail"))
                .and_then(Value::as_array)
                .map(|details| {
                    details
                        .iter()
                        .map(|d| TrackEvent {
                            time: get(d, &["Occur_date", "occur_date"]),
                            location: get(d, &["track_area", "Track_area"]),
                            description: get(d, &["Comment", "comment"]),
                            status: get(d, &["Status", "status"]),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect())
}

// ---------------------------------------------------------------------------------------------
// feeTrail

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

/// One service's price.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// `ServiceCode`: the code to send as `shipping_method`.
    pub service_code: String,
    /// `ServiceEnName`.
    pub name_en: String,
    /// `ServiceCnName`.
    pub name_zh: String,
    /// `TotalFee`. INFERENCE: in the account's settlement currency (usually CNY); not stated.
    pub total_fee: Option<Decimal>,
    /// `FreightFee`.
    pub freight_fee: Option<Decimal>,
    /// `FuelFee`.
    pub fuel_fee: Option<Decimal>,
    /// `RegisteredFee`.
    pub registered_fee: Option<Decimal>,
    /// `OtherFee`.
    pub other_fee: Option<Decimal>,
    /// `ChargeWeight`.
    pub charge_weight: Option<Decimal>,
    /// `ChargeWeightUnit`.
    pub charge_weight_unit: String,
    /// `Effectiveness` (transit time, free text).
    pub effectiveness: String,
    /// `Remark`.
    pub remark: String,
}

/// A feeTrail answer `data[] {ServiceCode, ServiceCnName, ServiceEnName, FreightFee, FuelFee,
/// RegisteredFee, OtherFee, TotalFee, Effectiveness, ChargeWeight, ChargeWeightUnit, Remark, …}`
/// (ecwiki 812); `Data` is read as well. Fees may be numbers or strings.
pub fn parse_fee_trail(response_json: &str) -> Result<Vec<Quote>, CallFailure> {
    let answer = successful(response_json)?;
    let list = match answer.payload() {
        Some(Value::Array(list)) => list.as_slice(),
        Some(one @ Value::Object(_)) => std::slice::from_ref(one),
        _ => &[],
    };
    let text_of = |v: &Value, k: &str| v.get(k).and_then(value_text).unwrap_or_default();
    let fee = |v: &Value, k: &str| v.get(k).and_then(value_decimal);
    Ok(list
        .iter()
        .map(|q| Quote {
            service_code: text_of(q, "ServiceCode"),
            name_en: text_of(q, "ServiceEnName"),
            name_zh: text_of(q, "ServiceCnName"),
            total_fee: fee(q, "TotalFee"),
            freight_fee: fee(q, "FreightFee"),
            fuel_fee: fee(q, "FuelFee"),
            registered_fee: fee(q, "RegisteredFee"),
            other_fee: fee(q, "OtherFee"),
            charge_weight: fee(q, "ChargeWeight"),
            charge_weight_unit: text_of(q, "ChargeWeightUnit"),
            effectiveness: text_of(q, "Effectiveness"),
            remark: text_of(q, "Remark"),
        })
        .filter(|q| !q.service_code.is_empty())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

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
