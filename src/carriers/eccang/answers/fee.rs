//! feeTrail's answer (运费试算): prices of the available services for a shipment.

use rust_decimal::Decimal;
use serde_json::Value;

use super::*;
use crate::carriers::eccang::wire::{value_decimal, value_text};

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
