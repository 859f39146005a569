use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use serde::Serialize;
use serde_json::{Value, json};

use super::checks;
use super::records::ZylRecord;
use crate::carriers::zyl::wire::value_text;
use crate::carriers::zyl::{
    API_KEY_HEADER, AUTHORIZATION_HEADER, TIMESTAMP_HEADER, code, verify_md5,
};
use crate::sandbox::label_pdf::{LabelContent, address_lines, render_label_pdf};
use crate::sandbox::misbehave;
use crate::sandbox::replies;
use crate::sandbox::state::{SandboxForwarder, SandboxOrder, SandboxState};

/// How far the MD5 scheme's `TimeStamp` may be from the sandbox's clock. INFERENCE: the
/// overview gives no window; five minutes, like the Western Post gateway's.
const TIMESTAMP_WINDOW_MS: i64 = 5 * 60 * 1000;

/// `POST /oms/v1/Order/orderByApi`.
pub(super) async fn order_by_api(
    State(state): State<Arc<SandboxState>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let fault = state.next_fault();
    if let Some(response) = misbehave::before_commit(fault.as_ref(), unauthorized) {
        return response;
    }
    let Ok(Value::Object(request)) = serde_json::from_slice::<Value>(&body) else {
        return answer(
            code::INVALID_PARAMS,
            "订单参数校验异常:请求报文不是JSON对象",
            json!({}),
        );
    };
    let text = |key: &str| request.get(key).and_then(value_text).unwrap_or_default();
    let ile_id = text("ileId");
    let Some(account) = state
        .zyl
        .account(&ile_id)
        .filter(|account| account.sign == text("sign"))
    else {
        return unauthorized();
    };
    if !md5_headers_ok(&headers, uri.path(), &ile_id, &account.sign) {
        return unauthorized();
    }
    let user_id = text("userId");
    if !user_id.is_empty() && user_id != account.user_id {
        return answer(code::FORBIDDEN, "Forbidden", json!({}));
    }
    if text("method") != "create" {
        return invalid("method必须为create");
    }
    let data = request.get("data").cloned().unwrap_or(Value::Null);
    let packs = match checks::check_data(&data) {
        Ok(packs) => packs,
        Err(checks::Invalid(problem)) => return invalid(&problem),
    };
    let cust_ref = data
        .get("cust_ref")
        .and_then(value_text)
        .unwrap_or_default();
    state.probe(&cust_ref);
    // An order without cust_ref still needs a key of its own among the sandbox's orders.
    let key = if cust_ref.is_empty() {
        format!("(no cust_ref) {}", state.next_serial())
    } else {
        cust_ref.clone()
    };
    let label_polls = state.zyl.label_after_polls();
    let committed = state.commit_as(SandboxForwarder::Zyl, &key, data.clone(), |order| {
        order.zyl = Some(ZylRecord {
            order_id: order_id_for(&order.tracking_number),
            ref_code: ref_code_for(&order.tracking_number),
            user_id: account.user_id.clone(),
            label_polls_left: label_polls,
            created_at: chrono::Utc::now(),
            label_drawn_at: None,
        });
    });
    let Some(order) = committed else {
        // The words a client recognises a repeated reference by (单号 … 已存在).
        return invalid(&format!("客户单号[{cust_ref}]已存在"));
    };
    let created = created_body(&order, &data, &account.user_id, packs);
    let text = envelope_text(code::OK, "", created);
    misbehave::json_after_commit(fault, text, || {
        answer(code::SYSTEM_ERROR, "系统异常", json!({}))
    })
    .await
}

/// `GET /oms/v1/OrderLabel/findOrderLabelByCode/{orderCode}/{labelType}/{userId}`.
pub(super) async fn find_label(
    State(state): State<Arc<SandboxState>>,
    uri: Uri,
    headers: HeaderMap,
    Path((order_code, label_type, user_id)): Path<(String, String, String)>,
) -> Response {
    if !md5_headers_verify(&state, &headers, uri.path()) {
        return unauthorized();
    }
    if !matches!(label_type.as_str(), "1" | "2" | "3") {
        return invalid("labelType只能为1、2、3");
    }
    if !state.zyl.user_known(&user_id) {
        return answer(code::FORBIDDEN, "Forbidden", json!({}));
    }
    let found = state.update_order(
        |order| {
            names(order, &order_code) && order.zyl.as_ref().is_some_and(|z| z.user_id == user_id)
        },
        |order| {
            let record = order.zyl.as_mut()?;
            let ready = record.label_polls_left == 0;
            if ready && record.label_drawn_at.is_none() {
                record.label_drawn_at = Some(chrono::Utc::now());
            }
            record.label_polls_left = record.label_polls_left.saturating_sub(1);
            Some((ready, order.clone()))
        },
    );
    let Some(Some((ready, order))) = found else {
        return answer(
            code::SYSTEM_ERROR,
            &format!("订单[{order_code}]不存在"),
            json!({}),
        );
    };
    if !ready {
        return answer(code::LABEL_EMPTY, "面单地址为空", json!({}));
    }
    let token = order.tracking_number.to_ascii_lowercase();
    if state.label(&label_key(&token)).is_none() {
        match render_label_pdf(&label_content(&order)) {
            Ok(pdf) => state.store_label(label_key(&token), pdf),
            Err(error) => {
                return answer(
                    code::SYSTEM_ERROR,
                    &format!("面单生成失败:{error}"),
                    json!({}),
                );
            }
        }
    }
    let url = format!("{}/file/{token}.pdf", state.base_url);
    answer(code::OK, "", Value::from(url))
}

/// `GET /file/{token}.pdf`: a label findOrderLabelByCode pointed to.
pub(super) async fn label_file(
    State(state): State<Arc<SandboxState>>,
    Path(file): Path<String>,
) -> Response {
    replies::label_file(&state, &file, label_key)
}

/// Whether `number` is one of this ZYL order's own numbers.
pub(super) fn names(order: &SandboxOrder, number: &str) -> bool {
    order.forwarder == SandboxForwarder::Zyl
        && order.zyl.as_ref().is_some_and(|z| {
            z.order_id == number || z.ref_code == number || order.tracking_number == number
        })
}

/// The MD5 headers, when sent, must be complete, fresh and signed with this account's key
/// (carriers.md §3.2). Without them the static sign alone decides.
/// For the calls that carry no `ileId` in a body (label, tracking): the MD5 headers, when sent,
/// must verify for the account whose ile id they carry.
pub(super) fn md5_headers_verify(state: &SandboxState, headers: &HeaderMap, path: &str) -> bool {
    if !headers.contains_key(API_KEY_HEADER) {
        return true;
    }
    let api_key = header_text(headers, API_KEY_HEADER);
    state
        .zyl
        .account(&api_key)
        .is_some_and(|a| md5_headers_ok(headers, path, &api_key, &a.sign))
}

fn md5_headers_ok(headers: &HeaderMap, path: &str, ile_id: &str, sign: &str) -> bool {
    if !headers.contains_key(API_KEY_HEADER) {
        return true;
    }
    let fresh = header_text(headers, TIMESTAMP_HEADER)
        .parse::<i64>()
        .is_ok_and(|ts| (chrono::Utc::now().timestamp_millis() - ts).abs() <= TIMESTAMP_WINDOW_MS);
    header_text(headers, API_KEY_HEADER) == ile_id
        && fresh
        && verify_md5(
            path,
            ile_id,
            sign,
            &header_text(headers, AUTHORIZATION_HEADER),
        )
}

fn header_text(headers: &HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .trim()
        .to_owned()
}

// ---------------------------------------------------------------------------------------------
// Numbers and the created order

/// ZYL's order number: `ILS` + the digits of the sandbox tracking number + `D`, shaped like the
/// seed's `ILS20231012054224269000042D` and as unique as the number.
fn order_id_for(tracking_number: &str) -> String {
    format!("ILS{}D", digits(tracking_number))
}

/// ZYL's `refCode`, shaped like the seed's `QNHZ30008780`.
fn ref_code_for(tracking_number: &str) -> String {
    format!("QNHZ{}", digits(tracking_number))
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// Seed 002's success `body`, field for field and in its order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreatedBody {
    id: u64,
    order_id: String,
    con_code: String,
    ref_code: String,
    client_code: String,
    customer_id: String,
    customer_name: String,
    product_code: String,
    product_name: String,
    pre_weight: Value,
    pre_cbm: Value,
    post_code: String,
    pre_parcel_number: u32,
    item_value: Value,
    order_status: u8,
    order_way: u8,
    warehouse_code: String,
    hs_declaration_type: String,
}

fn created_body(order: &SandboxOrder, data: &Value, user_id: &str, packs: u32) -> Value {
    let text = |value: Option<&Value>| value.and_then(value_text).unwrap_or_default();
    let number = |value: Option<&Value>| {
        text(value)
            .parse::<f64>()
            .ok()
            .map_or(Value::Null, Value::from)
    };
    let item_value: f64 = data
        .get("items")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .map(|i| {
                    let price = text(i.get("price")).parse::<f64>().unwrap_or(0.0);
                    let qty = text(i.get("qty")).parse::<f64>().unwrap_or(0.0);
                    price * qty
                })
                .sum()
        })
        .unwrap_or(0.0);
    let (order_id, ref_code) = order
        .zyl
        .as_ref()
        .map(|z| (z.order_id.clone(), z.ref_code.clone()))
        .unwrap_or_default();
    let declaration = match data
        .get("customsDeclarationType")
        .and_then(value_text)
        .as_deref()
    {
        Some("1") => "一般贸易报关",
        _ => "买单报关",
    };
    let body = CreatedBody {
        id: digits(&order.tracking_number).parse().unwrap_or(0) % 1_000_000,
        order_id,
        con_code: order.tracking_number.clone(),
        ref_code,
        client_code: text(data.get("cust_ref")),
        customer_id: user_id.to_owned(),
        customer_name: "sandbox".to_owned(),
        product_code: text(data.get("chargecode")),
        product_name: "ZYL sandbox channel".to_owned(),
        pre_weight: number(data.get("weight")),
        pre_cbm: number(data.get("cbm")),
        post_code: text(data.get("consignee").and_then(|c| c.get("postcode"))),
        pre_parcel_number: packs,
        item_value: Value::from((item_value * 100.0).round() / 100.0),
        order_status: 1,
        order_way: 0,
        warehouse_code: "SB".to_owned(),
        hs_declaration_type: declaration.to_owned(),
    };
    serde_json::to_value(body).unwrap_or(Value::Null)
}

// ---------------------------------------------------------------------------------------------
// Label

/// Where a label is kept among the sandbox's labels (the other forwarders share the store).
fn label_key(token: &str) -> String {
    format!("zyl:{token}")
}

fn label_content(order: &SandboxOrder) -> LabelContent {
    let data = &order.request;
    let part = |block: &str, key: &str| {
        data.get(block)
            .and_then(|b| b.get(key))
            .and_then(value_text)
            .unwrap_or_default()
    };
    let place = |block: &str, city: &str| {
        [
            part(block, city),
            part(block, "state"),
            part(block, "postcode"),
        ]
        .join(" ")
    };
    LabelContent {
        forwarder: "ZYL ILE OMS (sandbox)".to_owned(),
        service_code: data
            .get("chargecode")
            .and_then(value_text)
            .unwrap_or_default(),
        tracking_number: order.tracking_number.clone(),
        reference: data
            .get("cust_ref")
            .and_then(value_text)
            .unwrap_or_default(),
        sender_lines: address_lines([
            part("shipper", "name"),
            part("shipper", "company"),
            part("shipper", "address"),
            place("shipper", "city"),
            part("shipper", "country"),
        ]),
        recipient_lines: address_lines([
            part("consignee", "name"),
            part("consignee", "company"),
            part("consignee", "address"),
            place("consignee", "suburb"),
        ]),
        weight_text: format!(
            "{} KG",
            data.get("weight").and_then(value_text).unwrap_or_default()
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Answers

/// `{body, code, msg}` in the seed's key order.
#[derive(Serialize)]
struct Envelope<'a> {
    body: Value,
    code: i64,
    msg: &'a str,
}

fn envelope_text(code: i64, msg: &str, body: Value) -> String {
    serde_json::to_string(&Envelope { body, code, msg }).unwrap_or_default()
}

fn answer(code: i64, msg: &str, body: Value) -> Response {
    replies::json(envelope_text(code, msg, body))
}

/// 订单参数校验异常 (51001), naming the field.
fn invalid(problem: &str) -> Response {
    answer(
        code::INVALID_PARAMS,
        &format!("订单参数校验异常:{problem}"),
        json!({}),
    )
}

pub(super) fn unauthorized() -> Response {
    answer(code::UNAUTHORIZED, "Unauthorized", json!({}))
}
