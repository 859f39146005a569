use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse as _, Response};
use serde_json::{Value, json};

use super::checks::{check_authentication, check_fields};
use super::records;
use crate::sandbox::label_pdf::{LabelContent, render_label_pdf};
use crate::sandbox::misbehave;
use crate::sandbox::replies;
use crate::sandbox::state::SandboxState;

/// `POST /v1/open-api/createOrder`.
pub(super) async fn create_order(
    State(state): State<Arc<SandboxState>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let fault = state.next_fault();
    if let Some(response) = misbehave::before_commit(fault.as_ref(), auth_failure) {
        return response;
    }
    if let Err(response) = check_authentication(&state, uri.path(), &headers) {
        return *response;
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type
        .to_ascii_lowercase()
        .starts_with("application/json")
    {
        return envelope(500, "Content-Type必须为application/json", json!({}));
    }
    let request: Value = match serde_json::from_slice(&body) {
        Ok(value @ Value::Object(_)) => value,
        _ => return envelope(500, "请求参数格式错误", json!({})),
    };
    if let Err(message) = check_fields(&request) {
        return envelope(500, &message, json!({}));
    }
    let reference = text(&request, "referenceNo");
    state.probe(&reference);
    let Some(tracking_number) = records::commit(&state, &reference, request.clone()) else {
        return envelope(500, &format!("参考号[{reference}]已存在"), json!({}));
    };
    let token = format!(
        "{:x}{}",
        reference.len(),
        tracking_number.to_ascii_lowercase()
    );
    let label = LabelContent {
        forwarder: "Western Post (sandbox)".to_owned(),
        service_code: text(&request, "scCode"),
        tracking_number: tracking_number.clone(),
        reference: reference.clone(),
        sender_lines: address_lines(&request, "senderAddress", "osa"),
        recipient_lines: address_lines(&request, "recipientAddress", "ora"),
        weight_text: format!(
            "{} {}",
            request
                .get("ordersWeight")
                .map(Value::to_string)
                .unwrap_or_default(),
            text(&request, "weightUnit")
        ),
    };
    match render_label_pdf(&label) {
        Ok(pdf) => state.store_label(token.clone(), pdf),
        Err(error) => tracing::warn!("sandbox could not draw a label: {error}"),
    }
    let answer = json!({
        "code": 200,
        "success": true,
        "msg": "创建订单成功",
        "data": {
            "labelFile": format!("{}/api/wpglb-dms-orders/label/getLabel?encrypt={token}", state.base_url),
            "labelFormat": "pdf",
            "trackingNumber": tracking_number,
        },
        "error": "",
    });
    misbehave::json_after_commit(fault, answer.to_string(), || {
        envelope(500, "系统繁忙，请稍后再试", json!({}))
    })
    .await
}

/// `POST /v1/open-api/tracking`: signed like createOrder. Known numbers get a short history;
/// others get Western Post's public error answers ("跟踪号必填" when empty).
pub(super) async fn tracking(
    State(state): State<Arc<SandboxState>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(response) = check_authentication(&state, uri.path(), &headers) {
        return *response;
    }
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let number = text(&request, "trackingNumber");
    if number.trim().is_empty() {
        return envelope(500, "跟踪号必填", json!({}));
    }
    match state
        .orders()
        .into_iter()
        .find(|o| o.tracking_number == number)
    {
        Some(order) => envelope(
            200,
            "查询成功",
            json!({ "trackingNumber": order.tracking_number, "events": [{ "status": "CREATED", "description": "Label created" }] }),
        ),
        None => envelope(500, &format!("跟踪号[{number}]不存在"), json!({})),
    }
}

/// `GET /api/wpglb-dms-orders/label/getLabel?encrypt=TOKEN`.
pub(super) async fn get_label(
    State(state): State<Arc<SandboxState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    match query.get("encrypt").and_then(|token| state.label(token)) {
        Some(pdf) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/pdf")],
            pdf,
        )
            .into_response(),
        None => envelope(500, "面单不存在", json!({})),
    }
}

pub(super) fn text(value: &Value, key: &str) -> String {
    match value.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn address_lines(request: &Value, block: &str, prefix: &str) -> Vec<String> {
    let Some(address) = request.get(block) else {
        return Vec::new();
    };
    let field = |key: &str| text(address, &format!("{prefix}{key}"));
    let name = [field("Firstname"), field("Lastname")]
        .join(" ")
        .trim()
        .to_owned();
    let city = [field("City"), field("State"), field("Postcode")]
        .join(" ")
        .trim()
        .to_owned();
    [
        name,
        field("Company"),
        field("StreetAddress1"),
        city,
        field("CountryCode"),
    ]
    .into_iter()
    .filter(|line| !line.trim().is_empty())
    .collect()
}

pub(super) fn auth_failure() -> Response {
    let body = json!({ "code": 401, "success": false, "msg": "认证失败", "data": "", "error": "认证失败" });
    replies::json(body.to_string())
}

fn envelope(code: i64, msg: &str, data: Value) -> Response {
    let body =
        json!({ "code": code, "success": code == 200, "msg": msg, "data": data, "error": "" });
    replies::json(body.to_string())
}
