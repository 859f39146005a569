//! Pure `Shipment -> orderCommit`, and logssc's own validation rules. No I/O, no clock.
//!
//! - `customerNumber` and the order's `referenceNo1` = our reference; `referenceNo2` = `reference2`;
//! - one `orderDetails` entry per parcel, in IN and LBS with two decimals (rounded once, never to
//!   zero); each piece's `referenceNo1` = its box number, else our reference;
//! - `lsoDeclaredValue` per piece: the items packed in that box (by `box_number`); a single-box
//!   order takes the whole declared value; otherwise left out (it is optional);
//! - recipient → `receiver`, `receiverPhone`, `address1` (house number and street), `address2`,
//!   `city`, `province`, `postcode`, `nationCode`; `receiveCompany` (required) = the company, else
//!   the recipient's name (a home address has none);
//! - the sender is not sent: logssc ships from a sender profile kept in its portal
//!   (`systemSenderName`, the account setting or `forwarder_fields.system_sender_name`).

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::settings::SENDER_NAME;
use super::wire::{OrderCommit, OrderDetail};
use crate::carriers::fields::KnownFields;
use crate::carriers::{Account, OrderNumbers};
use crate::model::{LengthUnit, Shipment, Text, ValidationIssue, WeightUnit, round_never_zero};

/// The only service logssc offers for LSO ("现系统中仅支持GroundBasic").
pub const SERVICE_TYPE: &str = "GroundBasic";

/// Shipment-level `forwarder_fields` logssc understands, and the seed field each fills.
pub const FIELDS: [(&str, &str); 1] = [(
    "system_sender_name",
    "systemSenderName (sender profile; default: the account's)",
)];

/// Decimals sent for inches, pounds and dollars (INFERENCE: the seed gives none).
const DP: u32 = 2;

/// The service asked for: the shipment's, else the account's default, else GroundBasic.
fn service(shipment: &Shipment, account: &Account) -> String {
    [
        shipment.service_code.trim(),
        account.settings.default_service_code.trim(),
    ]
    .into_iter()
    .find(|s| !s.is_empty())
    .unwrap_or(SERVICE_TYPE)
    .to_owned()
}

/// Seed 003's `orderCommit` for a shipment, without `token`/`appId`.
pub fn build_order(shipment: &Shipment, account: &Account) -> OrderCommit {
    let reference = shipment.reference.trim();
    let reference2 = shipment.reference2.trim();
    let recipient = &shipment.recipient;
    let single = shipment.parcels.len() == 1;
    let order_details = shipment
        .parcels
        .iter()
        .map(|parcel| {
            let [length, width, height] = parcel
                .dimensions_in(LengthUnit::In)
                .map(|v| round_never_zero(v, DP));
            let box_number = parcel.box_number.trim();
            let in_box: Vec<_> = shipment
                .items
                .iter()
                .filter(|i| !box_number.is_empty() && i.box_number.trim() == box_number)
                .collect();
            let declared = if !in_box.is_empty() {
                Some(in_box.iter().map(|i| i.total_value()).sum::<Decimal>())
            } else if single {
                shipment.effective_declared_value()
            } else {
                None
            };
            OrderDetail {
                box_height: height,
                box_length: length,
                box_width: width,
                pack_weight: round_never_zero(parcel.weight_in(WeightUnit::Lb), DP),
                reference_no1: if box_number.is_empty() {
                    reference.to_owned()
                } else {
                    box_number.to_owned()
                },
                reference_no2: reference2.to_owned(),
                lso_declared_value: declared
                    .filter(|v| *v > Decimal::ZERO)
                    .map(|v| round_never_zero(v, DP)),
            }
        })
        .collect();
    let address1 = [recipient.house_number.trim(), recipient.street1.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let company = match recipient.company.trim() {
        "" => recipient.name.trim(),
        company => company,
    };
    let sender_name = match shipment.forwarder_field("system_sender_name").trim() {
        "" => account.settings.field(&SENDER_NAME).to_owned(),
        own => own.to_owned(),
    };
    let service = service(shipment, account);
    OrderCommit {
        customer_number: reference.to_owned(),
        reference_no1: reference.to_owned(),
        reference_no2: reference2.to_owned(),
        city: recipient.city.trim().to_owned(),
        province: recipient.state.trim().to_uppercase(),
        receiver: recipient.name.trim().to_owned(),
        receiver_phone: recipient.phone.trim().to_owned(),
        postcode: recipient.postcode.trim().to_owned(),
        address1,
        address2: recipient.street2.trim().to_owned(),
        nation_code: recipient.country_code.trim().to_uppercase(),
        receive_company: company.to_owned(),
        system_sender_name: sender_name,
        lso_service_type: if service.eq_ignore_ascii_case(SERVICE_TYPE) {
            SERVICE_TYPE.to_owned()
        } else {
            service
        },
        order_details,
    }
}

/// The body's JSON text (serialising plain structs of strings and numbers cannot fail).
pub fn order_json(order: &OrderCommit) -> String {
    serde_json::to_string(order).unwrap_or_default()
}

/// logssc's own rules, on top of [`crate::model::validate_shipment`] (which already asks for
/// the recipient's name, phone, street, city, state and postcode).
pub fn validate(shipment: &Shipment, account: &Account) -> Vec<ValidationIssue> {
    let mut issues = Vec::new();
    let country = shipment.recipient.country_code.trim().to_uppercase();
    if !country.is_empty() && country != "US" {
        issues.push(ValidationIssue::new(
            "recipient.country_code",
            format!("logssc (LSO) delivers in the US only (nationCode 现限 US); this recipient is in {country}"),
            format!("logssc（LSO）仅限美国收件（nationCode 现限 US），当前为 {country}"),
        ));
    }
    let state = shipment.recipient.state.trim();
    let abbreviation = state.len() == 2 && state.chars().all(|c| c.is_ascii_alphabetic());
    if !state.is_empty() && !abbreviation {
        issues.push(ValidationIssue::new(
            "recipient.state",
            "logssc wants the state's two-letter abbreviation (e.g. TX)",
            "logssc 要求填写州的两位缩写（如 TX）",
        ));
    }
    let service = service(shipment, account);
    if !service.eq_ignore_ascii_case(SERVICE_TYPE) {
        issues.push(ValidationIssue::new(
            "service_code",
            format!("logssc offers only {SERVICE_TYPE} for LSO; \"{service}\" is not available"),
            format!("logssc 的 LSO 仅支持 {SERVICE_TYPE}，不支持“{service}”"),
        ));
    }
    let declares = shipment.declared_value.is_some() || !shipment.items.is_empty();
    let currency = shipment.effective_currency();
    if declares && currency != "USD" {
        issues.push(ValidationIssue::new(
            "currency",
            format!("logssc takes declared values in USD; this order is in {currency}"),
            format!("logssc 申报价格须为美元（USD），当前为 {currency}"),
        ));
    }
    let known = KnownFields {
        forwarder: Text::new("logssc", "logssc "),
        order: &FIELDS,
        item: &[],
    };
    for key in shipment.forwarder_fields.keys() {
        known.classify(key, shipment.items.len(), &mut issues);
    }
    issues
}

/// The body of the calls about one order (返回单号和费用, 返回面单, 退款申请), without credentials:
/// `orderNumber` when known, and always `customerNumber` (documented default: logssc finds the
/// order by either; our reference is all there is when the commit answer was lost).
pub fn query_body(order: &OrderNumbers<'_>) -> String {
    let mut body = Map::new();
    if let Some(number) = order
        .forwarder_order_id
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        body.insert("orderNumber".to_owned(), Value::from(number));
    }
    body.insert(
        "customerNumber".to_owned(),
        Value::from(order.reference.trim()),
    );
    Value::Object(body).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::carriers::{AccountSettings, ForwarderKind};
    use crate::model::{Address, CustomsItem, Parcel};

    fn account() -> Account {
        Account {
            name: "L".to_owned(),
            forwarder: ForwarderKind::Logssc,
            base_url: "http://x".to_owned(),
            settings: AccountSettings::default(),
            builtin_sandbox: false,
        }
    }

    fn shipment() -> Shipment {
        let address = Address {
            name: "Ann".to_owned(),
            phone: "1".to_owned(),
            country_code: "us".to_owned(),
            state: "tx".to_owned(),
            city: "Austin".to_owned(),
            postcode: "73301".to_owned(),
            street1: "Main St".to_owned(),
            house_number: "5".to_owned(),
            ..Address::default()
        };
        Shipment {
            reference: "R1".to_owned(),
            reference2: String::new(),
            reference3: String::new(),
            service_code: String::new(),
            sender: address.clone(),
            recipient: address,
            parcels: vec![Parcel {
                length: Decimal::from(30),
                width: Decimal::from(20),
                height: Decimal::from(10),
                dimension_unit: LengthUnit::Cm,
                weight: Decimal::new(22, 1),
                weight_unit: WeightUnit::Kg,
                box_number: String::new(),
            }],
            items: vec![CustomsItem {
                name_en: "Mug".to_owned(),
                name_zh: String::new(),
                quantity: 2,
                unit_value: Decimal::new(450, 2),
                currency: "USD".to_owned(),
                hs_code: String::new(),
                sku: String::new(),
                origin_country: String::new(),
                box_number: String::new(),
            }],
            declared_value: None,
            currency: String::new(),
            options: Default::default(),
            remark: String::new(),
            forwarder_fields: Default::default(),
        }
    }

    #[test]
    fn metric_boxes_become_inches_and_pounds_rounded_once() {
        let order = build_order(&shipment(), &account());
        let piece = &order.order_details[0];
        // 30 cm = 11.811… in; 2.2 kg = 4.8501… lb.
        assert_eq!(piece.box_length, Decimal::new(1181, 2));
        assert_eq!(piece.box_height, Decimal::new(394, 2));
        assert_eq!(piece.pack_weight, Decimal::new(485, 2));
        assert_eq!(piece.reference_no1, "R1");
        assert_eq!(piece.lso_declared_value, Some(Decimal::from(9)));
        assert_eq!(order.address1, "5 Main St");
        assert_eq!(order.receive_company, "Ann", "no company: the name");
        assert_eq!(
            (order.province.as_str(), order.nation_code.as_str()),
            ("TX", "US")
        );
        assert_eq!(order.lso_service_type, "GroundBasic");
    }

    #[test]
    fn rules() {
        assert!(validate(&shipment(), &account()).is_empty());
        let mut abroad = shipment();
        abroad.recipient.country_code = "CA".to_owned();
        abroad.service_code = "Express".to_owned();
        abroad
            .forwarder_fields
            .insert("colour".to_owned(), "red".to_owned());
        let fields: Vec<String> = validate(&abroad, &account())
            .into_iter()
            .map(|i| i.field)
            .collect();
        assert_eq!(
            fields,
            [
                "recipient.country_code",
                "service_code",
                "forwarder_fields.colour"
            ]
        );
    }
}
