//! The answers to the services list, getOrder, modifyOrderWeight and interceptOrder. None of
//! their shapes is public (carriers.md §2.3 lists only their params), so each is read
//! leniently from the names ECCANG uses elsewhere: the services list as Western Post's
//! ECCANG-style getShippingMethod answers (`data[]: {code, name, name_cn}`) and feeTrail's
//! (`ServiceCode`, `ServiceEnName`, `ServiceCnName`); getOrder's fields under createOrder's and
//! feeTrail's names.

use serde_json::Value;

use super::*;
use crate::carriers::{ForwarderOrder, OfferedService, OrderField};

// ---------------------------------------------------------------------------------------------
// getShippingMethodInfo / getShippingMethod

/// Where a service's code, English and Chinese names are read, first found wins.
const CODE_KEYS: [&str; 6] = [
    "code",
    "shipping_method",
    "product_code",
    "ServiceCode",
    "sm_code",
    "method_code",
];
const NAME_EN_KEYS: [&str; 5] = ["name_en", "en_name", "ServiceEnName", "sm_name_en", "name"];
const NAME_ZH_KEYS: [&str; 5] = ["name_cn", "cn_name", "ServiceCnName", "sm_name", "name"];

/// The services in a getShippingMethodInfo / getShippingMethod answer, in its order, each
/// code once. Entries without a code are skipped; a success with no list at all is unreadable.
pub fn parse_shipping_methods(response_json: &str) -> Result<Vec<OfferedService>, CallFailure> {
    let answer = successful(response_json)?;
    let Some(Value::Array(list)) = answer.payload() else {
        return Err(missing(
            "list of services (data)",
            "渠道列表（data）",
            response_json,
        ));
    };
    let mut services: Vec<OfferedService> = Vec::new();
    for entry in list {
        let Some(object) = entry.as_object() else {
            continue;
        };
        let first = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| object.get(*k).and_then(value_text))
        };
        let Some(code) = first(&CODE_KEYS) else {
            continue;
        };
        if services.iter().any(|s| s.code == code) {
            continue;
        }
        let en = first(&NAME_EN_KEYS);
        let zh = first(&NAME_ZH_KEYS);
        // One name given: it stands in both languages, so the picker shows it either way.
        let (en, zh) = match (en, zh) {
            (Some(en), Some(zh)) => (en, zh),
            (Some(one), None) | (None, Some(one)) => (one.clone(), one),
            (None, None) => (String::new(), String::new()),
        };
        services.push(OfferedService {
            code,
            name: Text::new(en, zh),
        });
    }
    Ok(services)
}

impl EccangError {
    /// Whether the host refused the call itself (it has no such service, or it is not enabled
    /// for the account): `service[x]不存在或未开通`, `服务不存在`. Another name may work.
    pub fn says_no_such_service(&self) -> bool {
        let words = self.words().to_lowercase();
        let about_service = ["service", "服务", "接口"]
            .iter()
            .any(|w| words.contains(w));
        let missing = ["不存在", "未开通", "not exist", "not found", "no such"]
            .iter()
            .any(|w| words.contains(w));
        about_service && missing
    }
}

// ---------------------------------------------------------------------------------------------
// getOrder

/// getOrder's fields a supervisor looks for, in the order shown: the keys each is read from
/// (first found wins), and its name in both languages.
const ORDER_FIELDS: [(&[&str], &str, &str); 14] = [
    (&["order_status", "status", "Status"], "Status", "状态"),
    (&["order_code"], "ECCANG order code", "易仓运单号"),
    (&["reference_no"], "Reference", "参考号"),
    (
        &["shipping_method_no", "TrackingNumber", "tracking_number"],
        "Tracking number",
        "跟踪号",
    ),
    (&["shipping_method", "product_code"], "Service", "渠道"),
    (&["country_code"], "Country", "国家"),
    (
        &["order_weight", "weight"],
        "Declared weight (kg)",
        "预报重量（公斤）",
    ),
    (
        &["checkin_weight", "received_weight", "actual_weight"],
        "Weighed at the warehouse (kg)",
        "收货重量（公斤）",
    ),
    (
        &["charge_weight", "ChargeWeight", "settle_weight"],
        "Charged weight (kg)",
        "计费重量（公斤）",
    ),
    (&["freight_fee", "FreightFee"], "Freight fee", "运费"),
    (&["fuel_fee", "FuelFee"], "Fuel surcharge", "燃油附加费"),
    (&["other_fee", "OtherFee"], "Other fees", "其他费用"),
    (&["total_fee", "TotalFee"], "Total fee", "总费用"),
    (
        &["create_date", "created_at", "add_time"],
        "Created",
        "创建时间",
    ),
];

/// Status words ECCANG hosts use, in both languages. INFERENCE: no status table is public;
/// carriers.md §2.3 names forecast (预报) and received (收货) as the states an intercept is
/// taken in. A status not listed is shown as sent.
const STATUS_WORDS: [(&[&str], &str, &str); 7] = [
    (&["D", "draft", "草稿"], "Draft", "草稿"),
    (
        &["P", "forecast", "已预报", "预报"],
        "Forecast (not yet received)",
        "已预报",
    ),
    (
        &["V", "received", "已收货", "收货"],
        "Received at the warehouse",
        "已收货",
    ),
    (
        &["S", "shipped", "已出货", "已发货"],
        "Shipped out",
        "已出货",
    ),
    (
        &["H", "intercepted", "已拦截", "拦截"],
        "Intercepted (held)",
        "已拦截",
    ),
    (&["X", "cancelled", "已取消", "取消"], "Cancelled", "已取消"),
    (
        &["E", "abnormal", "问题件", "异常"],
        "Problem parcel",
        "问题件",
    ),
];

/// ECCANG's own view of an order in a getOrder answer: the known fields in words first, then
/// every other plain field under its own name (nothing is hidden, nothing is shown as JSON).
pub fn parse_get_order(response_json: &str) -> Result<ForwarderOrder, CallFailure> {
    let answer = successful(response_json)?;
    let mut fields = Vec::new();
    let mut used: Vec<&str> = Vec::new();
    for (keys, en, zh) in ORDER_FIELDS {
        let Some((key, value)) = keys
            .iter()
            .find_map(|k| answer.get(k).and_then(value_text).map(|v| (*k, v)))
        else {
            continue;
        };
        used.extend(keys.iter());
        let value = if en == "Status" {
            status_words(&value, answer.text(&["order_status_name", "status_name"]))
        } else {
            value
        };
        let _ = key;
        fields.push(OrderField {
            label: Text::new(en, zh),
            value,
        });
    }
    if fields.is_empty() {
        return Err(missing("order (data)", "订单信息（data）", response_json));
    }
    const NOT_SHOWN: [&str; 5] = ["ask", "message", "Error", "time_cost(s)", "nextPage"];
    used.extend(["order_status_name", "status_name"]);
    let order = match answer.payload() {
        Some(Value::Array(list)) => list.first().and_then(Value::as_object),
        Some(Value::Object(object)) => Some(object),
        _ => None,
    };
    if let Some(order) = order {
        for (key, value) in order {
            if used.contains(&key.as_str()) || NOT_SHOWN.contains(&key.as_str()) {
                continue;
            }
            if let Some(text) = value_text(value) {
                fields.push(OrderField {
                    label: Text::new(key.clone(), key.clone()),
                    value: text,
                });
            }
        }
    }
    Ok(ForwarderOrder { fields })
}

/// A status code in words ("Received at the warehouse (V)"), with the host's own name for it
/// when it sent one.
fn status_words(code: &str, own_name: Option<String>) -> String {
    let known = STATUS_WORDS
        .iter()
        .find(|(names, _, _)| names.iter().any(|n| n.eq_ignore_ascii_case(code.trim())));
    match (known, own_name) {
        (Some((_, en, zh)), _) => format!("{en} / {zh} ({code})"),
        (None, Some(name)) => format!("{name} ({code})"),
        (None, None) => code.to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// modifyOrderWeight, interceptOrder

/// ECCANG's words on accepting a call, `ask: Success` (its `message`, which may be empty).
pub fn parse_accepted(response_json: &str) -> Result<String, CallFailure> {
    successful(response_json).map(|answer| answer.message())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_are_read_from_either_shape_each_code_once() {
        // Western Post's ECCANG-style getShippingMethod example (carriers.md §1.2).
        let wp = r#"{"ask":"Success","message":"","data":[
            {"code":"US_FEDEX_SMART","name":"FedEx Smart","name_cn":"联邦小包","warehouse_code":"WPCHI"},
            {"code":"US_FEDEX_GROUND","name":"FedEx Ground","warehouse_code":"WPCHI"},
            {"code":"US_FEDEX_SMART","name":"again"},{"name":"no code"}]}"#;
        let services = parse_shipping_methods(wp).unwrap_or_default();
        assert_eq!(services.len(), 2);
        assert_eq!(services[0].name, Text::new("FedEx Smart", "联邦小包"));
        assert_eq!(services[1].name, Text::new("FedEx Ground", "FedEx Ground"));
        let fee_names = r#"{"ask":"Success","Data":[{"ServiceCode":"PK0001","ServiceEnName":"Post","ServiceCnName":"邮政小包"}]}"#;
        assert_eq!(
            parse_shipping_methods(fee_names).map(|s| s[0].line("zh")),
            Ok("PK0001  邮政小包".to_owned())
        );
        assert!(parse_shipping_methods(r#"{"ask":"Success"}"#).is_err());
    }

    #[test]
    fn a_missing_service_is_told_from_other_refusals() {
        let refused = |json: &str| match successful(json) {
            Err(CallFailure::Refused(error)) => error,
            other => panic!("{other:?}"),
        };
        let absent = refused(
            r#"{"ask":"Failure","message":"服务不存在","Error":{"errMessage":"service[getShippingMethodInfo]不存在或未开通","errCode":""}}"#,
        );
        assert!(absent.says_no_such_service());
        let order = refused(
            r#"{"ask":"Failure","message":"订单不存在","Error":{"errMessage":"订单[X]不存在"}}"#,
        );
        assert!(!order.says_no_such_service());
    }

    #[test]
    fn get_order_is_shown_in_words() {
        let json = r#"{"ask":"Success","message":"Success","data":{"order_code":"EC1SB","reference_no":"R1",
            "order_status":"V","shipping_method":"PK0001","order_weight":"0.175","charge_weight":"0.2",
            "total_fee":"23.50","consignee_name":"Anna","Volume":[{"length":"1"}]}}"#;
        let order = parse_get_order(json).unwrap_or_default();
        assert_eq!(
            order.value("Status"),
            Some("Received at the warehouse / 已收货 (V)")
        );
        assert_eq!(order.value("Charged weight (kg)"), Some("0.2"));
        assert_eq!(order.value("Total fee"), Some("23.50"));
        assert_eq!(order.value("consignee_name"), Some("Anna"));
        assert_eq!(order.value("Volume"), None);
        assert!(parse_get_order(r#"{"ask":"Success","data":{}}"#).is_err());
    }
}
