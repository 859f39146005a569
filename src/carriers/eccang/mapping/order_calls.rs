//! The calls about a bought order beyond its label and tracking, and the services list:
//! getShippingMethodInfo / getShippingMethod, getOrder, modifyOrderWeight, interceptOrder
//! (carriers.md §2.3, from TuYunDa.php; their answers are not public).

use rust_decimal::Decimal;

use crate::carriers::eccang::wire::{
    GetOrderParams, InterceptParams, ModifyWeightParams, ShippingMethodParams,
};

/// Decimals of a corrected weight: ECCANG's 3 (seed: 最多3位小数).
const WEIGHT_DP: u32 = 3;
/// Longest `hold_on_remark` sent (INFERENCE: no limit is public; cancelShipment's `reason` on a
/// sister API takes 200).
pub const MAX_REMARK_CHARS: usize = 200;

/// getShippingMethodInfo's (and getShippingMethod's) params: none.
pub fn build_shipping_methods() -> ShippingMethodParams {
    ShippingMethodParams::default()
}

/// getOrder for our reference.
pub fn build_get_order(reference_no: &str) -> GetOrderParams {
    GetOrderParams {
        reference_no: reference_no.trim().to_owned(),
    }
}

/// modifyOrderWeight: ECCANG's waybill number and the weight in kg, rounded half-up to 3
/// decimals but never to zero (the smallest step instead).
pub fn build_modify_weight(order_code: &str, weight_kg: Decimal) -> ModifyWeightParams {
    let step = Decimal::new(1, WEIGHT_DP);
    let rounded = weight_kg
        .round_dp_with_strategy(
            WEIGHT_DP,
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        )
        .normalize();
    ModifyWeightParams {
        order_code: order_code.trim().to_owned(),
        weight: if rounded.is_zero() && weight_kg > Decimal::ZERO {
            step
        } else {
            rounded
        },
    }
}

/// interceptOrder for our reference, with the remark trimmed to [`MAX_REMARK_CHARS`].
pub fn build_intercept(reference_no: &str, remark: &str) -> InterceptParams {
    InterceptParams {
        reference_no: reference_no.trim().to_owned(),
        number_kind: None,
        hold_on_remark: remark.trim().chars().take(MAX_REMARK_CHARS).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::carriers::eccang::params_json;

    #[test]
    fn params_are_written_as_the_reference_names_them() {
        assert_eq!(params_json(&build_shipping_methods()), "{}");
        assert_eq!(
            params_json(&build_get_order(" TEST0001 ")),
            r#"{"reference_no":"TEST0001"}"#
        );
        assert_eq!(
            params_json(&build_modify_weight("EC1", Decimal::new(12345, 4))),
            r#"{"order_code":"EC1","weight":1.235}"#
        );
        assert_eq!(
            params_json(&build_modify_weight("EC1", Decimal::new(1, 4))),
            r#"{"order_code":"EC1","weight":0.001}"#
        );
        assert_eq!(
            params_json(&build_intercept("TEST0001", " wrong address ")),
            r#"{"reference_no":"TEST0001","hold_on_remark":"wrong address"}"#
        );
    }
}
