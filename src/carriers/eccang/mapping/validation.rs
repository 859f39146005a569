//! ECCANG's own rules on top of the shared ones: box numbers, known forwarder fields and
//! their allowed values, item weights.

use rust_decimal::Decimal;

use super::*;
use crate::carriers::Account;
use crate::carriers::fields::{KnownFields, check_allowed};
use crate::model::{Shipment, Text, ValidationIssue};

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

pub(super) fn check_item_weight(issues: &mut Vec<ValidationIssue>, path: &str, value: &str) {
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
