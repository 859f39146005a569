//! Pure `Shipment -> createOrder` and Western Post's own rules. No I/O, no clock.

use rust_decimal::Decimal;

use super::wire::{CreateOrderRequest, WireAddress};
use crate::carriers::Account;
use crate::model::{Address, LengthUnit, Shipment, ValidationIssue, WeightUnit, round_never_zero};

/// The `forwarder_fields` Western Post understands, and the seed field each fills.
pub const FIELDS: [(&str, &str); 3] = [
    ("product_type", "ptCode"),
    ("real_customer", "realCustomers"),
    ("site_code", "siteCode"),
];

/// Decimals sent for dimensions and weight (the seed's example uses two).
const QUANTITY_DP: u32 = 2;
/// Decimals kept in the declared value (the seed's example has six).
const VALUE_DP: u32 = 6;

/// Western Post's own rules.
pub fn validate(shipment: &Shipment, account: &Account) -> Vec<ValidationIssue> {
    let mut issues = Vec::new();
    if shipment.parcels.len() > 1 {
        issues.push(ValidationIssue::new(
            "parcels",
            "Western Post takes one box per waybill (一票一件): ship each box as its own shipment",
            "西邮为一票一件：请把每个箱子分别下单",
        ));
    }
    if service_code(shipment, account).is_empty() {
        issues.push(ValidationIssue::new(
            "service_code",
            "Choose a Western Post service code (e.g. WP_GROUND)",
            "请选择西邮服务渠道编码（如 WP_GROUND）",
        ));
    }
    // Seed 000 has no currency field: declaredValue is read as US dollars (a US domestic service).
    if shipment.effective_declared_value().is_some() && shipment.effective_currency() != "USD" {
        issues.push(ValidationIssue::new(
            "currency",
            format!(
                "Western Post takes the declared value in USD; this order is in {}",
                shipment.effective_currency()
            ),
            format!(
                "西邮申报价值须为美元（USD），当前为 {}",
                shipment.effective_currency()
            ),
        ));
    }
    for name in shipment.forwarder_fields.keys() {
        if !FIELDS.iter().any(|(known, _)| known == name) {
            let known = FIELDS.map(|(k, _)| k).join(", ");
            issues.push(ValidationIssue::new(
                format!("forwarder_fields.{name}"),
                format!("Western Post has no field \"{name}\" (it knows: {known})"),
                format!("西邮没有字段“{name}”（可用：{known}）"),
            ));
        }
    }
    issues
}

fn service_code<'a>(shipment: &'a Shipment, account: &'a Account) -> &'a str {
    let own = shipment.service_code.trim();
    if own.is_empty() {
        account.settings.default_service_code.trim()
    } else {
        own
    }
}

/// The seed's createOrder body for a shipment. Units: Western Post takes IN or CM and LB or KG as
/// declared; grams and ounces are converted to KG and LB. Rounding happens here, once.
pub fn build_create_order(shipment: &Shipment, account: &Account) -> CreateOrderRequest {
    let (dimensions, size_unit, weight, weight_unit) = match shipment.parcels.first() {
        Some(parcel) => {
            let weight_unit = match parcel.weight_unit {
                WeightUnit::Kg | WeightUnit::G => WeightUnit::Kg,
                WeightUnit::Lb | WeightUnit::Oz => WeightUnit::Lb,
            };
            (
                parcel.dimensions_in(parcel.dimension_unit),
                parcel.dimension_unit,
                parcel.weight_in(weight_unit),
                weight_unit,
            )
        }
        None => (
            [Decimal::ZERO; 3],
            LengthUnit::Cm,
            Decimal::ZERO,
            WeightUnit::Kg,
        ),
    };
    let [length, width, height] = dimensions.map(|v| round_never_zero(v, QUANTITY_DP));
    CreateOrderRequest {
        ref2: shipment.reference2.clone(),
        ref3: shipment.reference3.clone(),
        reference_no: shipment.reference.trim().to_owned(),
        remark: shipment.remark.clone(),
        sc_code: service_code(shipment, account).to_owned(),
        insurance_flag: u8::from(shipment.options.insurance),
        pt_code: shipment.forwarder_field("product_type").to_owned(),
        real_customers: shipment.forwarder_field("real_customer").to_owned(),
        signature_flag: u8::from(shipment.options.signature),
        site_code: shipment.forwarder_field("site_code").to_owned(),
        orders_length: length,
        orders_width: width,
        orders_height: height,
        orders_weight: round_never_zero(weight, QUANTITY_DP),
        size_unit: size_unit.code().to_owned(),
        weight_unit: weight_unit.code().to_owned(),
        declared_value: shipment
            .effective_declared_value()
            .map(|v| round_never_zero(v, VALUE_DP).to_string()),
        recipient_address: wire_address(&shipment.recipient),
        sender_address: wire_address(&shipment.sender),
    }
}

fn wire_address(address: &Address) -> WireAddress {
    // Western Post splits first and last name; a packer types one name, which goes in first.
    let street = [address.street1.trim(), address.street2.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    WireAddress {
        city: address.city.trim().to_owned(),
        company: address.company.trim().to_owned(),
        country_code: address.country_code.trim().to_uppercase(),
        doorplate: address.house_number.trim().to_owned(),
        firstname: address.name.trim().to_owned(),
        lastname: String::new(),
        phone: address.phone.trim().to_owned(),
        postcode: address.postcode.trim().to_owned(),
        state: address.state.trim().to_owned(),
        street_address1: street,
        zipcode_zone: address.postcode_zone.trim().to_owned(),
    }
}
