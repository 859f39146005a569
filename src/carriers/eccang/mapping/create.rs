//! createOrder: a [`Shipment`] as the seed's paramsJson (Consignee, Shipper, Volume per
//! parcel, ItemArr matched to boxes), each number rounded once, here.

use rust_decimal::Decimal;
use serde::Serialize;

use super::*;
use crate::carriers::Account;
use crate::carriers::eccang::wire::{Consignee, CreateOrderParams, InvoiceItem, Shipper, Volume};
use crate::model::{
    Address, CustomsItem, LengthUnit, Parcel, Shipment, WeightUnit, round_never_zero,
};

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
pub(super) fn box_weight(parcel: &Parcel) -> Decimal {
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
pub(super) fn text(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

pub(super) fn field(shipment: &Shipment, name: &str) -> Option<String> {
    text(shipment.forwarder_field(name))
}

pub(super) fn item_field(shipment: &Shipment, index: usize, name: &str) -> Option<String> {
    text(shipment.forwarder_field(&format!("items[{index}].{name}")))
}

/// The JSON text of any params object (serialising plain structs of strings and numbers cannot fail).
pub fn params_json<T: Serialize>(params: &T) -> String {
    serde_json::to_string(params).unwrap_or_default()
}
