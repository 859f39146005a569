//! What the packer is typing, kept as text (a half-typed "12." is not a number yet), and its
//! conversion into a [`Shipment`] with a message at every field that is not right.

use std::str::FromStr as _;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{
    Address, CustomsItem, LengthUnit, Parcel, Shipment, ShipmentOptions, ValidationIssue,
    WeightUnit,
};

/// One parcel row as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParcelRow {
    pub length: String,
    pub width: String,
    pub height: String,
    pub dimension_unit: LengthUnit,
    pub weight: String,
    pub weight_unit: WeightUnit,
    pub box_number: String,
}

impl Default for ParcelRow {
    fn default() -> Self {
        Self {
            length: String::new(),
            width: String::new(),
            height: String::new(),
            dimension_unit: LengthUnit::Cm,
            weight: String::new(),
            weight_unit: WeightUnit::Kg,
            box_number: String::new(),
        }
    }
}

/// One customs line as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRow {
    pub name_en: String,
    pub name_zh: String,
    pub quantity: String,
    pub unit_value: String,
    pub currency: String,
    pub hs_code: String,
    pub sku: String,
    pub origin_country: String,
    pub box_number: String,
}

impl Default for ItemRow {
    fn default() -> Self {
        Self {
            name_en: String::new(),
            name_zh: String::new(),
            quantity: "1".to_owned(),
            unit_value: String::new(),
            currency: "USD".to_owned(),
            hs_code: String::new(),
            sku: String::new(),
            origin_country: "CN".to_owned(),
            box_number: String::new(),
        }
    }
}

/// The whole ship form; saved as the draft while it is typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TypedOrder {
    pub account: String,
    pub service_code: String,
    pub reference: String,
    pub sender: Address,
    pub recipient: Address,
    pub parcels: Vec<ParcelRow>,
    pub items: Vec<ItemRow>,
    pub insurance: bool,
    pub signature: bool,
    pub remark: String,
}

impl TypedOrder {
    /// A fresh form: one empty parcel, one empty item, a new reference.
    pub fn new(account: &str, sender: Address, reference: String) -> Self {
        Self {
            account: account.to_owned(),
            reference,
            sender,
            parcels: vec![ParcelRow::default()],
            items: vec![ItemRow::default()],
            ..Self::default()
        }
    }

    /// The order, or the fields that could not be read as numbers.
    pub fn to_shipment(&self) -> Result<Shipment, Vec<ValidationIssue>> {
        let mut issues = Vec::new();
        let mut quantity_issues = Vec::new();
        let mut number = |field: String, text: &str| -> Decimal {
            let cleaned = text.trim().replace(',', ".");
            if cleaned.is_empty() {
                return Decimal::ZERO; // "required" is the validator's message, not a parse error.
            }
            Decimal::from_str(&cleaned).unwrap_or_else(|_| {
                issues.push(ValidationIssue::new(
                    field,
                    format!("\"{}\" is not a number", text.trim()),
                    format!("“{}”不是数字", text.trim()),
                ));
                Decimal::ZERO
            })
        };
        let parcels = self
            .parcels
            .iter()
            .enumerate()
            .map(|(i, row)| Parcel {
                length: number(format!("parcels[{i}].length"), &row.length),
                width: number(format!("parcels[{i}].width"), &row.width),
                height: number(format!("parcels[{i}].height"), &row.height),
                dimension_unit: row.dimension_unit,
                weight: number(format!("parcels[{i}].weight"), &row.weight),
                weight_unit: row.weight_unit,
                box_number: row.box_number.trim().to_owned(),
            })
            .collect();
        let items = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, row)| !row.is_blank())
            .map(|(i, row)| {
                let quantity = row.quantity.trim().parse::<u32>().unwrap_or_else(|_| {
                    quantity_issues.push(ValidationIssue::new(
                        format!("items[{i}].quantity"),
                        "Quantity must be a whole number",
                        "数量须为整数",
                    ));
                    0
                });
                CustomsItem {
                    name_en: row.name_en.trim().to_owned(),
                    name_zh: row.name_zh.trim().to_owned(),
                    quantity,
                    unit_value: number(format!("items[{i}].unit_value"), &row.unit_value),
                    currency: row.currency.trim().to_uppercase(),
                    hs_code: row.hs_code.trim().to_owned(),
                    sku: row.sku.trim().to_owned(),
                    origin_country: row.origin_country.trim().to_uppercase(),
                    box_number: row.box_number.trim().to_owned(),
                }
            })
            .collect();
        let shipment = Shipment {
            reference: self.reference.trim().to_owned(),
            reference2: String::new(),
            reference3: String::new(),
            service_code: self.service_code.trim().to_owned(),
            sender: self.sender.clone(),
            recipient: self.recipient.clone(),
            parcels,
            items,
            declared_value: None,
            currency: String::new(),
            options: ShipmentOptions {
                insurance: self.insurance,
                signature: self.signature,
            },
            remark: self.remark.trim().to_owned(),
            forwarder_fields: Default::default(),
        };
        if issues.is_empty() {
            Ok(shipment)
        } else {
            Err(issues)
        }
    }

    /// The order with unreadable numbers taken as zero, so the other fields can still be checked.
    pub fn to_shipment_lenient(&self) -> Shipment {
        let mut form = self.clone();
        let fix = |s: &mut String| {
            if rust_decimal::Decimal::from_str(s.trim()).is_err() {
                s.clear();
            }
        };
        for row in &mut form.parcels {
            for value in [
                &mut row.length,
                &mut row.width,
                &mut row.height,
                &mut row.weight,
            ] {
                fix(value);
            }
        }
        for row in &mut form.items {
            fix(&mut row.unit_value);
            if row.quantity.trim().parse::<u32>().is_err() {
                row.quantity = "1".to_owned();
            }
        }
        form.to_shipment().unwrap_or_else(|_| Shipment {
            reference: form.reference.clone(),
            reference2: String::new(),
            reference3: String::new(),
            service_code: String::new(),
            sender: form.sender.clone(),
            recipient: form.recipient.clone(),
            parcels: Vec::new(),
            items: Vec::new(),
            declared_value: None,
            currency: String::new(),
            options: ShipmentOptions::default(),
            remark: String::new(),
            forwarder_fields: Default::default(),
        })
    }

    /// A form holding an earlier order (duplicate as new), under a new reference.
    pub fn from_shipment(shipment: &Shipment, account: &str, reference: String) -> Self {
        let text = |d: Decimal| d.normalize().to_string();
        Self {
            account: account.to_owned(),
            service_code: shipment.service_code.clone(),
            reference,
            sender: shipment.sender.clone(),
            recipient: shipment.recipient.clone(),
            parcels: shipment
                .parcels
                .iter()
                .map(|p| ParcelRow {
                    length: text(p.length),
                    width: text(p.width),
                    height: text(p.height),
                    dimension_unit: p.dimension_unit,
                    weight: text(p.weight),
                    weight_unit: p.weight_unit,
                    box_number: p.box_number.clone(),
                })
                .collect(),
            items: shipment
                .items
                .iter()
                .map(|i| ItemRow {
                    name_en: i.name_en.clone(),
                    name_zh: i.name_zh.clone(),
                    quantity: i.quantity.to_string(),
                    unit_value: text(i.unit_value),
                    currency: i.currency.clone(),
                    hs_code: i.hs_code.clone(),
                    sku: i.sku.clone(),
                    origin_country: i.origin_country.clone(),
                    box_number: i.box_number.clone(),
                })
                .collect(),
            insurance: shipment.options.insurance,
            signature: shipment.options.signature,
            remark: shipment.remark.clone(),
        }
    }
}

impl ItemRow {
    /// A row the packer has not started (skipped rather than reported).
    pub fn is_blank(&self) -> bool {
        self.name_en.trim().is_empty()
            && self.name_zh.trim().is_empty()
            && self.unit_value.trim().is_empty()
            && self.hs_code.trim().is_empty()
            && self.sku.trim().is_empty()
    }
}

/// A new reference: `SD-` + local date and time to the second + a counter, e.g. `SD-241124-153012-1`.
pub fn new_reference(counter: u32) -> String {
    format!(
        "SD-{}-{counter}",
        chrono::Local::now().format("%y%m%d-%H%M%S")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_exactly_and_bad_ones_are_tied_to_their_field() {
        let mut form = TypedOrder::new("Sandbox", Address::default(), "R1".to_owned());
        form.parcels[0] = ParcelRow {
            length: "10".to_owned(),
            width: "20,5".to_owned(),
            height: "abc".to_owned(),
            weight: "0.003".to_owned(),
            ..ParcelRow::default()
        };
        let issues = form.to_shipment().expect_err("height is not a number");
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].field, "parcels[0].height");
        form.parcels[0].height = "5".to_owned();
        let shipment = form.to_shipment().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(shipment.parcels[0].width.to_string(), "20.5");
        assert_eq!(shipment.parcels[0].weight.to_string(), "0.003");
        assert!(
            shipment.items.is_empty(),
            "the untouched item row is skipped"
        );
    }

    #[test]
    fn a_shipment_round_trips_through_the_form() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/examples/order-seed000.json"
        );
        let shipment: Shipment = std::fs::read_to_string(path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_else(|| panic!("{path}"));
        let form = TypedOrder::from_shipment(&shipment, "Sandbox", shipment.reference.clone());
        let back = form.to_shipment().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(back.parcels, shipment.parcels);
        assert_eq!(back.items[0].name_zh, "汽车音频线");
        assert_eq!(back.recipient, shipment.recipient);
    }
}
