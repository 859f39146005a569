//! The services list, getOrder, modifyOrderWeight and interceptOrder, with the rules
//! carriers.md §2.3 gives (their params; an intercept only in forecast or received status).
//! Their answer shapes are not public: each answers in ECCANG's envelope (`ask`, `message`,
//! `Error {errMessage, errCode}`, payload under `data`) with createOrder's and feeTrail's names.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::checks::INVALID_DATA;
use super::fee;
use super::handlers::{empty_number, failure, names, not_found, success, text};
use super::records::{EccangRecord, EccangStatus};
use crate::carriers::eccang::wire::{value_decimal, value_int};
use crate::sandbox::state::{SandboxOrder, SandboxState};

/// Longest `hold_on_remark` taken (INFERENCE, as shipdesk's dialect sends at most).
const MAX_REMARK_CHARS: usize = 200;

/// getShippingMethodInfo / getShippingMethod: every product on the sandbox's price list.
pub(super) fn shipping_methods() -> Value {
    success(json!({ "data": fee::shipping_methods() }))
}

/// getOrder by `reference_no` (any of the order's numbers, as `type` says).
pub(super) fn get_order(state: &SandboxState, params: &Value) -> Value {
    let number = text(params, "reference_no");
    if number.is_empty() {
        return empty_number("reference_no");
    }
    let kind = params.get("type").and_then(value_int);
    match state.update_order(|o| names(o, &number, kind), |o| o.clone()) {
        Some(order) => match order.eccang.as_ref() {
            Some(record) => success(json!({ "data": order_view(&order, record) })),
            None => not_found(state, &[number]),
        },
        None => not_found(state, &[number]),
    }
}

/// The order as getOrder shows it: its numbers, status, weights and (once weighed) fees.
fn order_view(order: &SandboxOrder, record: &EccangRecord) -> Value {
    let request = &order.request;
    let (code, name) = if record.cancelled_at.is_some() {
        ("X", "已取消")
    } else {
        record.status.code_and_name()
    };
    let declared = text(request, "order_weight");
    let weight = record.weight_kg.clone().unwrap_or_else(|| declared.clone());
    let mut view = json!({
        "order_code": record.order_code,
        "reference_no": order.reference,
        "shipping_method": text(request, "shipping_method"),
        "shipping_method_no": if record.polls_left == 0 { order.tracking_number.as_str() } else { "" },
        "country_code": text(request, "country_code"),
        "order_status": code,
        "order_status_name": name,
        "order_weight": weight,
        "create_date": record.created_at.format("%Y-%m-%d %H:%M:%S").to_string(),
    });
    // Weighed at the warehouse: the charged weight and the fees are known from then on.
    if record.status != EccangStatus::Forecast {
        let quote = fee::quote(&json!({
            "country_code": text(request, "country_code"),
            "weight": weight,
            "shipping_type_id": "W",
            "product_code": text(request, "shipping_method"),
        }))
        .ok()
        .and_then(|quotes| quotes.into_iter().next());
        view["checkin_weight"] = json!(weight);
        if let Some(quote) = quote {
            for (from, to) in [
                ("ChargeWeight", "charge_weight"),
                ("FreightFee", "freight_fee"),
                ("FuelFee", "fuel_fee"),
                ("TotalFee", "total_fee"),
            ] {
                if let Some(value) = quote.get(from) {
                    view[to] = value.clone();
                }
            }
            view["currency_code"] = json!("CNY");
        }
    }
    if let Some(remark) = &record.hold_remark {
        view["hold_on_remark"] = json!(remark);
    }
    view
}

/// modifyOrderWeight: `order_code`* and `weight`* (kg, more than 0, ≤ 3 decimals, as
/// createOrder's `order_weight`). Refused for a cancelled order or one that left the warehouse
/// (INFERENCE: its weight is settled by then).
pub(super) fn modify_order_weight(state: &SandboxState, params: &Value) -> Value {
    let order_code = text(params, "order_code");
    if order_code.is_empty() {
        return empty_number("order_code");
    }
    let weight = match params.get("weight").and_then(value_decimal) {
        None => return failure("修改重量失败", INVALID_DATA, "weight不能为空"),
        Some(w) if w <= Decimal::ZERO => {
            return failure("修改重量失败", INVALID_DATA, "weight必须大于0");
        }
        Some(w) if w.normalize().scale() > 3 => {
            return failure("修改重量失败", INVALID_DATA, "weight最多3位小数");
        }
        Some(w) => w.normalize(),
    };
    let changed = state.update_order(
        |o| names(o, &order_code, Some(1)),
        |order| match order.eccang.as_mut() {
            Some(record) if record.cancelled_at.is_some() => {
                Err(format!("订单[{order_code}]已取消,不允许修改重量"))
            }
            Some(record) if record.status == EccangStatus::Shipped => {
                Err(format!("订单[{order_code}]已出货,不允许修改重量"))
            }
            Some(record) => {
                record.weight_kg = Some(weight.to_string());
                Ok(())
            }
            None => Err(format!("订单[{order_code}]不存在")),
        },
    );
    match changed {
        None => not_found(state, &[order_code]),
        Some(Err(words)) => failure("修改重量失败", "", &words),
        Some(Ok(())) => {
            let mut answer = success(json!({ "order_code": order_code }));
            answer["message"] = json!("重量修改成功");
            answer
        }
    }
}

/// interceptOrder: `reference_no`* and `hold_on_remark`* (the reason; INFERENCE that it is
/// required: a hold without a reason leaves the warehouse guessing), `type` optional 1–3.
/// Taken only in forecast or received status (carriers.md §2.3).
pub(super) fn intercept_order(state: &SandboxState, params: &Value) -> Value {
    let number = text(params, "reference_no");
    if number.is_empty() {
        return empty_number("reference_no");
    }
    let remark = text(params, "hold_on_remark");
    if remark.is_empty() {
        return failure("拦截失败", INVALID_DATA, "hold_on_remark不能为空");
    }
    if remark.chars().count() > MAX_REMARK_CHARS {
        return failure(
            "拦截失败",
            INVALID_DATA,
            &format!("hold_on_remark不能超过{MAX_REMARK_CHARS}个字符"),
        );
    }
    let kind = match params.get("type") {
        None | Some(Value::Null) => None,
        Some(value) => match value_int(value) {
            Some(k @ 1..=3) => Some(k),
            _ => return failure("参数错误", INVALID_DATA, "type只能为1到3"),
        },
    };
    let held = state.update_order(
        |o| names(o, &number, kind),
        |order| match order.eccang.as_mut() {
            Some(record) if record.cancelled_at.is_some() => {
                Err(format!("订单[{number}]已取消,无需拦截"))
            }
            Some(record) => match record.status {
                EccangStatus::Forecast | EccangStatus::Received => {
                    record.status = EccangStatus::Intercepted;
                    record.hold_remark = Some(remark.clone());
                    Ok(())
                }
                other => {
                    let (_, name) = other.code_and_name();
                    Err(format!(
                        "订单[{number}]当前状态为{name},只有已预报或已收货的订单可以拦截"
                    ))
                }
            },
            None => Err(format!("订单[{number}]不存在")),
        },
    );
    match held {
        None => not_found(state, &[number]),
        Some(Err(words)) => failure("拦截失败", "", &words),
        Some(Ok(())) => {
            let mut answer = success(json!({ "reference_no": number }));
            answer["message"] = json!("拦截成功");
            answer
        }
    }
}
