use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use base64::Engine as _;
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::checks;
use super::records::LogsscRecord;
use crate::carriers::lenient::value_text;
use crate::sandbox::label_pdf::{LabelContent, address_lines, render_label_pdf};
use crate::sandbox::misbehave;
use crate::sandbox::replies;
use crate::sandbox::state::{SandboxForwarder, SandboxOrder, SandboxState, lock};

// ---------------------------------------------------------------------------------------------
// Handlers

/// `POST …/getToken`.
pub(super) async fn get_token(State(state): State<Arc<SandboxState>>, body: Bytes) -> Response {
    let Some(request) = object(&body) else {
        return answer(400, "请求报文不是JSON对象", Value::Null);
    };
    let text = |key: &str| request.get(key).and_then(value_text).unwrap_or_default();
    let app_id = text("appId");
    let known = lock(&state.logssc.accounts)
        .get(&app_id)
        .is_some_and(|secret| *secret == text("appSecret"));
    if !known {
        return answer(401, "appId或appSecret错误", Value::Null);
    }
    let n = state.logssc.tokens_issued.fetch_add(1, Ordering::Relaxed);
    let token = format!("LSOTOKEN-{:08x}{:04}", state.next_serial(), n);
    lock(&state.logssc.tokens).insert(token.clone(), app_id);
    answer(200, "数据请求成功!", json!({ "token": token }))
}

/// `POST …/orderPreview`.
pub(super) async fn order_preview(State(state): State<Arc<SandboxState>>, body: Bytes) -> Response {
    let (app_id, order) = match authorised(&state, &body) {
        Ok(found) => found,
        Err(refusal) => return refusal,
    };
    let pounds = match checks::check_order(&order) {
        Ok(pounds) => pounds,
        Err(checks::Invalid(problem)) => return answer(1003, &problem, Value::Null),
    };
    lock(&state.logssc.previews).insert((app_id, canonical(&order)));
    answer(
        200,
        "数据请求成功!",
        json!({ "totalFee": fee(&state, pounds).to_string(), "currency": "USD" }),
    )
}

/// `POST …/orderCommit`.
pub(super) async fn order_commit(State(state): State<Arc<SandboxState>>, body: Bytes) -> Response {
    let fault = state.next_fault();
    if let Some(response) =
        misbehave::before_commit(fault.as_ref(), || answer(401, "token失效", Value::Null))
    {
        return response;
    }
    let (app_id, order) = match authorised(&state, &body) {
        Ok(found) => found,
        Err(refusal) => return refusal,
    };
    let pounds = match checks::check_order(&order) {
        Ok(pounds) => pounds,
        Err(checks::Invalid(problem)) => return answer(1003, &problem, Value::Null),
    };
    let customer_number = order
        .get("customerNumber")
        .and_then(value_text)
        .unwrap_or_default();
    state.probe(&customer_number);
    let preview = (app_id.clone(), canonical(&order));
    if !lock(&state.logssc.previews).contains(&preview) {
        return answer(1005, "请先调用LSO费用预览获取价格再下单", Value::Null);
    }
    let delay = state.logssc.commit_delay_ms.load(Ordering::Relaxed);
    let placed = if delay == 0 {
        place(&state, &app_id, order, pounds, &customer_number, &preview)
    } else {
        // A slow commit: logssc places the order only after `delay`, whether or not the caller
        // is still waiting for the answer (its own task, so a client that gives up does not stop
        // it), and until then 返回单号和费用 knows no such order.
        let (state, app_id) = (state.clone(), app_id.clone());
        let number = customer_number.clone();
        let task = tokio::spawn(async move {
            misbehave::hold(delay).await;
            place(&state, &app_id, order, pounds, &number, &preview)
        });
        match task.await {
            Ok(placed) => placed,
            Err(_) => return answer(500, "系统繁忙", Value::Null),
        }
    };
    let order = match placed {
        Ok(order) => order,
        Err(refusal) => return refusal,
    };
    let text = envelope(200, "数据请求成功!", committed_body(&order));
    misbehave::json_after_commit(fault, text, || answer(500, "系统繁忙", Value::Null)).await
}

/// Places a checked, previewed order (its preview is used up) or refuses a repeated
/// `customerNumber`.
#[allow(clippy::result_large_err)]
fn place(
    state: &SandboxState,
    app_id: &str,
    order: Map<String, Value>,
    pounds: Decimal,
    customer_number: &str,
    preview: &(String, String),
) -> Result<SandboxOrder, Response> {
    let numbers = state.logssc.number_after_polls.load(Ordering::Relaxed);
    let labels = state.logssc.label_after_polls.load(Ordering::Relaxed);
    let failure = lock(&state.logssc.failures).pop_front();
    let request = Value::Object(order);
    let committed = state.commit_as(
        SandboxForwarder::Logssc,
        customer_number,
        request,
        |order| {
            order.tracking_number = format!("LSO{}", &order.tracking_number[3..]);
            order.logssc = Some(LogsscRecord {
                order_number: format!("SYCO{}", digits(&order.tracking_number)),
                app_id: app_id.to_owned(),
                number_polls_left: numbers,
                label_polls_left: labels,
                failure,
                fee: fee(state, pounds).to_string(),
                refunded: false,
            });
        },
    );
    let Some(order) = committed else {
        return Err(answer(
            1002,
            &format!("客户单号[{customer_number}]已存在"),
            Value::Null,
        ));
    };
    // Each preview allows one commit.
    lock(&state.logssc.previews).remove(preview);
    Ok(order)
}

/// `POST …/getOrderNumberAndFee`.
pub(super) async fn order_result(State(state): State<Arc<SandboxState>>, body: Bytes) -> Response {
    let found = with_asked_order(&state, &body, |order| {
        let record = order.logssc.as_mut()?;
        let pending = record.number_polls_left > 0;
        record.number_polls_left = record.number_polls_left.saturating_sub(1);
        Some((pending, order.clone()))
    });
    let (pending, order) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return no_such_order(),
        Err(refusal) => return refusal,
    };
    if pending {
        return answer(1024, "订单下单未完成，请稍后再试", Value::Null);
    }
    let Some(record) = &order.logssc else {
        return no_such_order();
    };
    if let Some(problem) = &record.failure {
        // The seed's failure callback body.
        return answer(
            1001,
            "下单失败",
            json!({ "orderNumber": record.order_number, "errorMessage": problem }),
        );
    }
    answer(200, "订单下单已完成!", placed_body(&order, record))
}

/// `POST …/getLabel`.
pub(super) async fn get_label(State(state): State<Arc<SandboxState>>, body: Bytes) -> Response {
    let found = with_asked_order(&state, &body, |order| {
        let record = order.logssc.as_mut()?;
        let placed = record.number_polls_left == 0 && record.failure.is_none();
        let ready = placed && record.label_polls_left == 0;
        if placed {
            record.label_polls_left = record.label_polls_left.saturating_sub(1);
        }
        Some((placed, ready, order.clone()))
    });
    let (placed, ready, order) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return no_such_order(),
        Err(refusal) => return refusal,
    };
    if order.logssc.as_ref().is_some_and(|r| r.failure.is_some()) {
        return answer(1006, "订单下单失败，无面单", Value::Null);
    }
    if !placed || !ready {
        return answer(1115, "标签正在下载，请稍候!", Value::Null);
    }
    let token = order.tracking_number.to_ascii_lowercase();
    let key = label_key(&token);
    if state.label(&key).is_none() {
        match render_label_pdf(&label_content(&order)) {
            Ok(pdf) => state.store_label(key.clone(), pdf),
            Err(error) => return answer(500, &format!("面单生成失败:{error}"), Value::Null),
        }
    }
    if state.logssc.label_inline.load(Ordering::Relaxed) {
        let bytes = if state.logssc.label_png.load(Ordering::Relaxed) {
            match crate::sandbox::label_pdf::render_label_png(&label_content(&order)) {
                Ok(png) => png,
                Err(error) => return answer(500, &format!("面单生成失败:{error}"), Value::Null),
            }
        } else {
            state.label(&key).unwrap_or_default()
        };
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        return answer(200, "数据请求成功!", json!({ "label": encoded }));
    }
    let url = format!("{}/logssc/label/{token}.pdf", state.base_url);
    answer(200, "数据请求成功!", Value::from(url))
}

/// `GET /logssc/label/{token}.pdf`.
pub(super) async fn label_file(
    State(state): State<Arc<SandboxState>>,
    Path(file): Path<String>,
) -> Response {
    replies::label_file(&state, &file, label_key)
}

/// `POST …/refund`.
pub(super) async fn refund(State(state): State<Arc<SandboxState>>, body: Bytes) -> Response {
    let verdict = with_asked_order(&state, &body, |order| {
        let record = order.logssc.as_mut()?;
        Some(if record.refunded {
            Err((1008, "该订单已退款"))
        } else if record.failure.is_none() {
            Err((1007, "订单已下单成功，不可退款"))
        } else {
            record.refunded = true;
            Ok(())
        })
    });
    match verdict {
        Ok(Some(Ok(()))) => answer(200, "退款申请成功", Value::Null),
        Ok(Some(Err((code, message)))) => answer(code, message, Value::Null),
        Ok(None) => no_such_order(),
        Err(refusal) => refusal,
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// The body as an object, its token checked; returns the token's appId and the body without
/// `token`/`appId`.
#[allow(clippy::result_large_err)]
fn authorised(state: &SandboxState, body: &[u8]) -> Result<(String, Map<String, Value>), Response> {
    let Some(mut request) = object(body) else {
        return Err(answer(400, "请求报文不是JSON对象", Value::Null));
    };
    let token = request.remove("token").as_ref().and_then(value_text);
    let app_id = request.remove("appId").as_ref().and_then(value_text);
    let owner = token.and_then(|t| lock(&state.logssc.tokens).get(&t).cloned());
    match (owner, app_id) {
        (Some(owner), Some(app_id)) if owner == app_id => Ok((app_id, request)),
        (Some(_), _) => Err(answer(403, "appId与token不匹配", Value::Null)),
        (None, _) => Err(answer(401, "token失效，请重新获取", Value::Null)),
    }
}

/// For the calls about one order (numbers, label, refund): checks the token, finds the appId's
/// order the body names and applies `change` to it. `Ok(None)`: no such order (or `change`
/// found nothing); `Err`: the refusal to send.
#[allow(clippy::result_large_err)]
fn with_asked_order<R>(
    state: &SandboxState,
    body: &[u8],
    change: impl FnOnce(&mut SandboxOrder) -> Option<R>,
) -> Result<Option<R>, Response> {
    let (app_id, query) = authorised(state, body)?;
    Ok(state
        .update_order(|order| asks_for(order, &app_id, &query), change)
        .flatten())
}

/// 1003 订单不存在: no order of this appId by that number.
fn no_such_order() -> Response {
    answer(1003, "订单不存在", Value::Null)
}

fn object(body: &[u8]) -> Option<Map<String, Value>> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// An order's identity for the preview check: its fields, sorted (credentials removed).
fn canonical(order: &Map<String, Value>) -> String {
    Value::Object(order.clone()).to_string()
}

/// Whether a query (`orderNumber` or `customerNumber`) names this appId's logssc order.
fn asks_for(order: &SandboxOrder, app_id: &str, query: &Map<String, Value>) -> bool {
    let Some(record) = order.logssc.as_ref() else {
        return false;
    };
    if order.forwarder != SandboxForwarder::Logssc || record.app_id != app_id {
        return false;
    }
    match query.get("orderNumber").and_then(value_text) {
        Some(number) => number == record.order_number,
        None => query
            .get("customerNumber")
            .and_then(value_text)
            .is_some_and(|c| c == order.reference),
    }
}

/// The fee: 8.50 plus 1.25 a pound, to the cent, plus the surcharge the sandbox was told of.
fn fee(state: &SandboxState, pounds: Decimal) -> Decimal {
    let surcharge = state.logssc.surcharge_cents.load(Ordering::Relaxed);
    let surcharge = Decimal::new(i64::try_from(surcharge).unwrap_or(i64::MAX), 2);
    (Decimal::new(850, 2) + Decimal::new(125, 2) * pounds).round_dp(2) + surcharge
}

/// Where the sandbox keeps a logssc label, by the token its link carries.
fn label_key(token: &str) -> String {
    format!("logssc:{token}")
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// Seed 003's commit answer: the order number and the boxes with their 子单号.
fn committed_body(order: &SandboxOrder) -> Value {
    let number = order
        .logssc
        .as_ref()
        .map(|r| r.order_number.clone())
        .unwrap_or_default();
    let details: Vec<Value> = pieces(order)
        .iter()
        .enumerate()
        .map(|(i, piece)| {
            json!({
                "packWeight": piece.get("packWeight"),
                "boxLength": piece.get("boxLength"),
                "boxWidth": piece.get("boxWidth"),
                "boxHight": piece.get("boxHight"),
                "referenceNo1": piece.get("referenceNo1"),
                "referenceNo2": piece.get("referenceNo2"),
                "detailNumber": format!("{number}-{}", i + 1),
            })
        })
        .collect();
    json!({ "orderNumber": number, "orderDetails": details })
}

fn pieces(order: &SandboxOrder) -> Vec<Map<String, Value>> {
    order
        .request
        .get("orderDetails")
        .and_then(Value::as_array)
        .map(|pieces| {
            pieces
                .iter()
                .filter_map(|p| p.as_object().cloned())
                .collect()
        })
        .unwrap_or_default()
}

/// Seed 003's success callback body (= 返回单号和费用's answer).
fn placed_body(order: &SandboxOrder, record: &LogsscRecord) -> Value {
    let text = |key: &str| {
        order
            .request
            .get(key)
            .and_then(value_text)
            .unwrap_or_default()
    };
    let pieces = pieces(order);
    let pounds: Decimal = pieces
        .iter()
        .filter_map(|p| {
            p.get("packWeight")
                .and_then(crate::carriers::lenient::value_decimal)
        })
        .sum();
    let details: Vec<Value> = pieces
        .iter()
        .enumerate()
        .map(|(i, piece)| {
            json!({
                "boxHight": piece.get("boxHight"),
                "boxLength": piece.get("boxLength"),
                "boxWidth": piece.get("boxWidth"),
                "serviceNumber": format!("{}{}", order.tracking_number, if i == 0 { String::new() } else { format!("-{i}") }),
                "masterServiceNumber": order.tracking_number,
                "referenceNo1": piece.get("referenceNo1"),
                "referenceNo2": piece.get("referenceNo2"),
                "packWeight": piece.get("packWeight"),
            })
        })
        .collect();
    let kg = (pounds * Decimal::new(45_359_237, 8)).round_dp(2);
    json!({
        "serviceNumber": order.tracking_number,
        "orderNumber": record.order_number,
        "customerNumber": order.reference,
        "prepaidPrice": record.fee,
        "averagePrice": "",
        "status": "已下单",
        "piece": pieces.len().to_string(),
        "weight": pounds.to_string(),
        "nationName": "美国",
        "province": text("province"),
        "city": text("city"),
        "postcode": text("postcode"),
        "address1": text("address1"),
        "address2": text("address2"),
        "address3": "",
        "closeWeightAll": pounds.to_string(),
        "averageFee": "",
        "commission": "0",
        "totalWeightlbs": pounds.to_string(),
        "totalWeightkg": kg.to_string(),
        "masterServiceNumbers": [order.tracking_number],
        "details": details,
    })
}

fn label_content(order: &SandboxOrder) -> LabelContent {
    let text = |key: &str| {
        order
            .request
            .get(key)
            .and_then(value_text)
            .unwrap_or_default()
    };
    let pounds: Decimal = pieces(order)
        .iter()
        .filter_map(|p| {
            p.get("packWeight")
                .and_then(crate::carriers::lenient::value_decimal)
        })
        .sum();
    let recipient = address_lines([
        text("receiver"),
        text("receiveCompany"),
        text("address1"),
        text("address2"),
        format!("{} {} {}", text("city"), text("province"), text("postcode")),
    ]);
    let sender = match text("systemSenderName") {
        name if name.is_empty() => "logssc default sender".to_owned(),
        name => name,
    };
    LabelContent {
        forwarder: "logssc LSO (sandbox)".to_owned(),
        service_code: text("lsoServiceType"),
        tracking_number: order.tracking_number.clone(),
        reference: order.reference.clone(),
        sender_lines: vec![sender],
        recipient_lines: recipient,
        weight_text: format!("{pounds} LBS"),
    }
}

/// `{code, data, err, msg}` in the seed's key order.
fn envelope(code: i64, msg: &str, data: Value) -> String {
    let mut out = Map::new();
    out.insert("code".to_owned(), Value::from(code));
    out.insert("data".to_owned(), data);
    out.insert("err".to_owned(), Value::from(""));
    out.insert("msg".to_owned(), Value::from(msg));
    Value::Object(out).to_string()
}

fn answer(code: i64, msg: &str, data: Value) -> Response {
    replies::json(envelope(code, msg, data))
}
