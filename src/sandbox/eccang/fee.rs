//! feeTrail (运费试算): a made-up but deterministic price list, in the answer shape of ecwiki
//! 812 (`data[] {ServiceCode, ServiceCnName, ServiceEnName, FreightFee, …, TotalFee}`).
//!
//! Prices are first-weight + each further step, the way forwarders' tariffs are written, plus a
//! fuel surcharge in percent and a fixed registration fee; express goods pay for volume too
//! (length × width × height / divisor). Fees are CNY text with 2 decimals. Nothing here is a
//! real tariff.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::checks::{INVALID_DATA, Invalid};
use crate::carriers::eccang::wire::{value_decimal, value_text};

/// One product on the sandbox's price list.
struct Product {
    code: &'static str,
    name_en: &'static str,
    name_zh: &'static str,
    /// kg included in `first_fee`.
    first_weight: Decimal,
    first_fee: Decimal,
    /// Each further started step of this many kg costs `step_fee`.
    step_weight: Decimal,
    step_fee: Decimal,
    /// Per cent of the freight.
    fuel_percent: Decimal,
    registered_fee: Decimal,
    /// cm³ per kg for volumetric weight; `None`: weight alone counts.
    volume_divisor: Option<Decimal>,
    effectiveness: &'static str,
}

/// `mantissa × 10^-scale`, usable in a `const` (`Decimal::new` is not a `const fn`).
const fn d(mantissa: u32, scale: u32) -> Decimal {
    Decimal::from_parts(mantissa, 0, 0, false, scale)
}

/// PK0001 is seed 001's own shipping method, so the seed order can be priced.
const PRODUCTS: [Product; 2] = [
    Product {
        code: "PK0001",
        name_en: "Sandbox Registered Post",
        name_zh: "沙盒挂号小包",
        first_weight: d(1, 1),
        first_fee: d(1200, 2),
        step_weight: d(1, 1),
        step_fee: d(650, 2),
        fuel_percent: d(0, 0),
        registered_fee: d(1800, 2),
        volume_divisor: None,
        effectiveness: "10-20个工作日",
    },
    Product {
        code: "PK0002",
        name_en: "Sandbox Express",
        name_zh: "沙盒快递",
        first_weight: d(5, 1),
        first_fee: d(8500, 2),
        step_weight: d(5, 1),
        step_fee: d(2800, 2),
        fuel_percent: d(15, 0),
        registered_fee: d(0, 0),
        volume_divisor: Some(d(5000, 0)),
        effectiveness: "3-5个工作日",
    },
];

/// The price list as getShippingMethodInfo lists it: `{code, name, name_cn}` a product, the
/// names Western Post's ECCANG-style getShippingMethod uses (carriers.md §1.2).
pub(super) fn shipping_methods() -> Vec<Value> {
    PRODUCTS
        .iter()
        .map(|p| json!({ "code": p.code, "name": p.name_en, "name_cn": p.name_zh }))
        .collect()
}

/// The quotes for feeTrail's params (ecwiki 812: `weight`* kg, `shipping_type_id`* D/L/W,
/// `country_code` or `warehouse_code`, optional `length`/`width`/`height` cm and
/// `product_code`).
pub(super) fn quote(params: &Value) -> Result<Vec<Value>, Invalid> {
    let refuse = |detail: String| Invalid {
        code: INVALID_DATA,
        detail,
    };
    let text = |key: &str| params.get(key).and_then(value_text).unwrap_or_default();
    let weight = params
        .get("weight")
        .and_then(value_decimal)
        .filter(|w| *w > Decimal::ZERO)
        .ok_or_else(|| refuse("weight必须为大于0的数字".to_owned()))?;
    let kind = text("shipping_type_id").to_uppercase();
    if !matches!(kind.as_str(), "D" | "L" | "W") {
        return Err(refuse(format!("shipping_type_id[{kind}]只能为D/L/W")));
    }
    if text("country_code").is_empty() && text("warehouse_code").is_empty() {
        return Err(refuse("country_code不能为空".to_owned()));
    }
    let size = |key: &str| {
        params
            .get(key)
            .and_then(value_decimal)
            .filter(|v| *v > Decimal::ZERO)
    };
    let volume = match (size("length"), size("width"), size("height")) {
        (Some(l), Some(w), Some(h)) => Some(l * w * h),
        _ => None,
    };
    let wanted = text("product_code");
    let quotes: Vec<Value> = PRODUCTS
        .iter()
        .enumerate()
        .filter(|(_, p)| wanted.is_empty() || p.code.eq_ignore_ascii_case(&wanted))
        .map(|(sort, product)| price(product, sort + 1, weight, volume))
        .collect();
    if quotes.is_empty() {
        return Err(refuse(format!("运输方式[{wanted}]不存在")));
    }
    Ok(quotes)
}

fn price(product: &Product, sort: usize, weight: Decimal, volume: Option<Decimal>) -> Value {
    let volumetric = match (volume, product.volume_divisor) {
        (Some(volume), Some(divisor)) => volume / divisor,
        _ => Decimal::ZERO,
    };
    let by_volume = volumetric > weight;
    let counted = weight.max(volumetric);
    // Steps started beyond the first weight, each paid in full.
    let steps = ((counted - product.first_weight).max(Decimal::ZERO) / product.step_weight).ceil();
    let charge_weight = product.first_weight + steps * product.step_weight;
    let freight = product.first_fee + steps * product.step_fee;
    let fuel = (freight * product.fuel_percent / Decimal::ONE_HUNDRED).round_dp(2);
    let total = freight + fuel + product.registered_fee;
    json!({
        "ServiceCode": product.code,
        "ServiceCnName": product.name_zh,
        "ServiceEnName": product.name_en,
        "FreightFee": money(freight),
        "FuelFee": money(fuel),
        "RegisteredFee": money(product.registered_fee),
        "OtherFee": money(Decimal::ZERO),
        "TotalFee": money(total),
        "Effectiveness": product.effectiveness,
        "Traceability": "Y",
        "VolumeCharge": if by_volume { "Y" } else { "N" },
        "Remark": "sandbox tariff, not a real price",
        "ChargeWeight": fixed(charge_weight, 3),
        "ProductSort": sort,
        "ChargeWeightUnit": "KG",
        "Formula": format!(
            "{} + {} × {}",
            money(product.first_fee),
            money(product.step_fee),
            steps.normalize()
        ),
    })
}

/// Text with exactly `dp` decimals (`12.50`).
fn fixed(value: Decimal, dp: u32) -> String {
    let mut value = value.round_dp(dp);
    value.rescale(dp);
    value.to_string()
}

fn money(value: Decimal) -> String {
    fixed(value, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fee(quote: &Value, key: &str) -> String {
        quote[key].as_str().unwrap_or_default().to_owned()
    }

    #[test]
    fn the_seed_order_is_priced_by_weight_and_by_volume() {
        let params = json!({"weight": 2.5, "shipping_type_id": "W", "country_code": "PL"});
        let quotes = quote(&params).unwrap_or_default();
        assert_eq!(quotes.len(), 2);
        // PK0001: 12.00 + 24 further 0.1 kg steps × 6.50 = 168.00, + 18.00 registration.
        assert_eq!(fee(&quotes[0], "FreightFee"), "168.00");
        assert_eq!(fee(&quotes[0], "TotalFee"), "186.00");
        assert_eq!(fee(&quotes[0], "ChargeWeight"), "2.500");
        // PK0002: 85.00 + 4 × 28.00 = 197.00, fuel 15 % = 29.55.
        assert_eq!(fee(&quotes[1], "TotalFee"), "226.55");
        assert_eq!(fee(&quotes[1], "VolumeCharge"), "N");

        // 30 × 30 × 30 cm / 5000 = 5.4 kg beats 2.5 kg for express: 85 + 10 × 28 = 365.00.
        let bulky = json!({"weight": "2.5", "shipping_type_id": "w", "country_code": "PL",
            "length": 30, "width": 30, "height": 30, "product_code": "PK0002"});
        let quotes = quote(&bulky).unwrap_or_default();
        assert_eq!(quotes.len(), 1);
        assert_eq!(fee(&quotes[0], "FreightFee"), "365.00");
        assert_eq!(fee(&quotes[0], "ChargeWeight"), "5.500");
        assert_eq!(fee(&quotes[0], "VolumeCharge"), "Y");
        assert_eq!(quote(&bulky), quote(&bulky), "deterministic");
    }

    #[test]
    fn bad_params_are_refused() {
        for params in [
            json!({"shipping_type_id": "W", "country_code": "PL"}),
            json!({"weight": 0, "shipping_type_id": "W", "country_code": "PL"}),
            json!({"weight": 1, "shipping_type_id": "X", "country_code": "PL"}),
            json!({"weight": 1, "shipping_type_id": "W"}),
            json!({"weight": 1, "shipping_type_id": "W", "country_code": "PL", "product_code": "NOPE"}),
        ] {
            assert!(quote(&params).is_err(), "{params}");
        }
    }
}
