use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::Utc;
use serde_json::{Map, Value, json};

use super::checks::{self, EMPTY_NUMBER, INVALID_DATA};
use super::records::{EccangRecord, EccangStatus, TrackNumberShape};
use super::{fee, json_order, order_calls, soap, track};
use crate::carriers::eccang::service;
use crate::carriers::eccang::wire::{value_int, value_text};
use crate::sandbox::Fault;
use crate::sandbox::label_pdf::{LabelContent, address_lines, render_label_pdf};
use crate::sandbox::misbehave;
use crate::sandbox::replies;
use crate::sandbox::state::{SandboxForwarder, SandboxOrder, SandboxState};

/// `POST /default/svc/web-service`.
pub(super) async fn web_service(State(state): State<Arc<SandboxState>>, body: Bytes) -> Response {
    let started = Instant::now();
    let call = match soap::read_call(&body) {
        Ok(call) => call,
        Err(fault) => return fault.into_response(),
    };
    // Only a create request takes a fault, so a queued fault waits for it past any polling.
    let fault = if call.service == service::CREATE_ORDER {
        state.next_fault()
    } else {
        None
    };
    if fault == Some(Fault::Html502) {
        return misbehave::bad_gateway();
    }
    if fault == Some(Fault::Unauthorized)
        || !state
            .eccang
            .credentials_match(&call.app_token, &call.app_key)
    {
        return respond(started, authentication_failure());
    }
    let params = match read_params(&call.params_json) {
        Ok(params) => params,
        Err(answer) => return respond(started, answer),
    };
    let answer = match call.service.as_str() {
        service::CREATE_ORDER => return create_order(&state, params, fault, started).await,
        service::GET_TRACK_NUMBER => get_track_number(&state, &params),
        service::GET_LABEL_URL => get_label_url(&state, &params),
        service::CANCEL_ORDER => cancel_order(&state, &params),
        service::GET_CARGO_TRACK => get_cargo_track(&state, &params),
        service::GET_SHIPPING_METHOD_INFO | service::GET_SHIPPING_METHOD => {
            order_calls::shipping_methods()
        }
        service::GET_ORDER => order_calls::get_order(&state, &params),
        service::MODIFY_ORDER_WEIGHT => order_calls::modify_order_weight(&state, &params),
        service::INTERCEPT_ORDER => order_calls::intercept_order(&state, &params),
        service::FEE_TRAIL => match fee::quote(&params) {
            Ok(quotes) => success(json!({ "data": quotes })),
            Err(invalid) => failure("运费试算失败", invalid.code, &invalid.detail),
        },
        "" => failure("service不能为空", "", "service不能为空"),
        other => failure("服务不存在", "", &format!("service[{other}]不存在或未开通")),
    };
    respond(started, answer)
}

/// `GET /PDF/<token>.pdf`: a label getLabelUrl pointed to. The query (label size and
/// contents, echoed in the link) does not change the file: the sandbox draws one 4x6 label.
pub(super) async fn label(
    State(state): State<Arc<SandboxState>>,
    Path(file): Path<String>,
) -> Response {
    replies::label_file(&state, &file, label_key)
}

// ---------------------------------------------------------------------------------------------
// Answers

/// The JSON answer, timed as ECCANG times it, in the SOAP answer envelope.
fn respond(started: Instant, answer: Value) -> Response {
    soap::answer(&json_order::to_text(&timed(started, answer)))
}

/// Adds `time_cost(s)`: seconds as text, as in seed 001's answers.
fn timed(started: Instant, mut answer: Value) -> Value {
    if let Some(object) = answer.as_object_mut() {
        let seconds = started.elapsed().as_secs_f64();
        object.insert("time_cost(s)".to_owned(), json!(format!("{seconds:.10}")));
    }
    answer
}

/// `ask: Success` with the service's fields.
pub(super) fn success(fields: Value) -> Value {
    let mut answer = Map::new();
    answer.insert("ask".to_owned(), json!("Success"));
    answer.insert("message".to_owned(), json!("Success"));
    if let Value::Object(fields) = fields {
        answer.extend(fields);
    }
    Value::Object(answer)
}

/// `ask: Failure` with ECCANG's `Error` object. `code` may be empty: real answers sometimes
/// carry only `errMessage` (carriers.md §2.2).
pub(super) fn failure(message: &str, code: &str, detail: &str) -> Value {
    json!({
        "ask": "Failure",
        "message": message,
        "Error": { "errMessage": detail, "errCode": code },
    })
}

/// A failure about one order, echoing its reference as seed 001's failure example does.
pub(super) fn order_failure(message: &str, code: &str, detail: &str, reference: &str) -> Value {
    let mut answer = failure(message, code, detail);
    answer["reference_no"] = json!(reference);
    answer
}

/// Wrong or missing appToken/appKey. No public ECCANG answer shows this case; the words name
/// the appToken/appKey and 认证 (authentication), which is what a client (shipdesk's dialect
/// among them) can tell an authentication refusal by.
fn authentication_failure() -> Value {
    failure("认证失败", "", "appToken或appKey不正确,认证失败")
}

/// `paramsJson` as a JSON object; empty text is an empty object (services without params).
fn read_params(text: &str) -> Result<Value, Value> {
    if text.trim().is_empty() {
        return Ok(Value::Object(Map::new()));
    }
    match serde_json::from_str::<Value>(text.trim()) {
        Ok(params @ Value::Object(_)) => Ok(params),
        _ => Err(failure("参数格式错误", "", "paramsJson不是合法的JSON对象")),
    }
}

// ---------------------------------------------------------------------------------------------
// createOrder

async fn create_order(
    state: &SandboxState,
    params: Value,
    fault: Option<Fault>,
    started: Instant,
) -> Response {
    let reference = text(&params, "reference_no");
    if let Err(invalid) = checks::check_create(&params) {
        let answer = order_failure("订单数据不合法", invalid.code, &invalid.detail, &reference);
        return respond(started, answer);
    }
    state.probe(&reference);
    if let Some(words) = state.eccang.take_refusal() {
        let answer = order_failure("订单数据不合法", INVALID_DATA, &words, &reference);
        return respond(started, answer);
    }
    let repeated = state
        .orders()
        .iter()
        .any(|o| o.forwarder == SandboxForwarder::Eccang && o.reference == reference);
    if !repeated && state.eccang.hold_back(&reference, &params) {
        // A slow commit: the client hears nothing now; the order lands after its next look.
        return misbehave::reset_connection("text/xml; charset=utf-8");
    }
    let Some(order) = commit(state, &reference, params) else {
        // Unless told otherwise, the words a client recognises a repeated reference by
        // (参考号 … 已存在).
        let detail = state.eccang.duplicate_words(&reference);
        let answer = order_failure("订单数据不合法", INVALID_DATA, &detail, &reference);
        return respond(started, answer);
    };
    let mut answer = success(number_fields(&order));
    answer["sender_info_status"] = json!(0);
    answer["ODA"] = json!("");
    answer["agent_number"] = json!("");
    answer["system_number"] = json!("");
    match fault {
        Some(Fault::Slow { millis }) => {
            misbehave::hold(millis).await;
            respond(started, answer)
        }
        Some(Fault::ResetAfterCommit) => misbehave::reset_connection("text/xml; charset=utf-8"),
        Some(Fault::RefuseAfterCommit) => {
            let busy = "系统繁忙,请稍后再试";
            respond(started, order_failure(busy, "", busy, &reference))
        }
        Some(Fault::InvalidJson) => {
            let text = json_order::to_text(&timed(started, answer));
            soap::answer(misbehave::cut_short(&text))
        }
        _ => respond(started, answer),
    }
}

/// Commits an ECCANG order under `reference`, unless it has one already.
fn commit(state: &SandboxState, reference: &str, params: Value) -> Option<SandboxOrder> {
    let polls = state.eccang.number_after_polls();
    state.commit_as(SandboxForwarder::Eccang, reference, params, |order| {
        order.eccang = Some(EccangRecord {
            order_code: order_code_for(&order.tracking_number),
            polls_left: polls,
            created_at: Utc::now(),
            cancelled_at: None,
            status: Default::default(),
            weight_kg: None,
            hold_remark: None,
        });
    })
}

/// ECCANG's waybill number for an order: `EC` + the digits of its sandbox tracking number, so
/// it is as unique as the number is.
fn order_code_for(tracking_number: &str) -> String {
    let digits: String = tracking_number
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    format!("EC{digits}SB")
}

/// What createOrder and getTrackNumber say about an order's numbers: `shipping_method_no` is
/// empty and `track_status` 2 until the number is told, then the number and 1.
fn number_fields(order: &SandboxOrder) -> Value {
    let (order_code, told) = match &order.eccang {
        Some(record) => (record.order_code.as_str(), record.polls_left == 0),
        None => ("", true),
    };
    json!({
        "reference_no": order.reference,
        "shipping_method_no": if told { order.tracking_number.as_str() } else { "" },
        "order_code": order_code,
        "track_status": if told { 1 } else { 2 },
    })
}

// ---------------------------------------------------------------------------------------------
// Finding an order

/// Whether `number` names this ECCANG order, as `type` says (1 order_code, 2 reference,
/// 3 tracking number; absent: any). A tracking number not yet told names nothing.
pub(super) fn names(order: &SandboxOrder, number: &str, kind: Option<i64>) -> bool {
    let Some(record) = order.eccang.as_ref() else {
        return false;
    };
    if order.forwarder != SandboxForwarder::Eccang {
        return false;
    }
    let by_code = record.order_code == number;
    let by_reference = order.reference == number;
    let by_tracking = record.polls_left == 0 && order.tracking_number == number;
    match kind {
        Some(1) => by_code,
        Some(2) => by_reference,
        Some(3) => by_tracking,
        _ => by_code || by_reference || by_tracking,
    }
}

/// The numbers a call asks about: one text, or a list of them (real clients send
/// getTrackNumber's `reference_no` as a one-element list; shipdesk does too).
fn numbers(params: &Value, key: &str) -> Vec<String> {
    match params.get(key) {
        Some(Value::Array(list)) => list.iter().filter_map(value_text).collect(),
        Some(one) => value_text(one).into_iter().collect(),
        None => Vec::new(),
    }
}

pub(super) fn not_found(state: &SandboxState, numbers: &[String]) -> Value {
    failure(
        "订单不存在",
        "",
        &state.eccang.not_found_words(&numbers.join(",")),
    )
}

pub(super) fn empty_number(key: &str) -> Value {
    failure("单号不能为空", EMPTY_NUMBER, &format!("{key}不能为空"))
}

// ---------------------------------------------------------------------------------------------
// getTrackNumber, getLabelUrl, cancelOrder, getCargoTrack

/// Each call counts as one poll of each order it names; the poll that brings `polls_left` to 0
/// tells the number. `reference_no` may be one text or a list (what real clients send). The
/// answer puts each order's numbers where [`TrackNumberShape`] says (INFERENCE: the real shape
/// is not public; these are the places real clients read). An order held back by a slow commit
/// lands once this call has answered.
fn get_track_number(state: &SandboxState, params: &Value) -> Value {
    let answer = track_number_answer(state, params);
    if let Some((reference, held)) = state.eccang.take_held_back() {
        commit(state, &reference, held);
    }
    answer
}

fn track_number_answer(state: &SandboxState, params: &Value) -> Value {
    let asked = numbers(params, "reference_no");
    if asked.is_empty() {
        return empty_number("reference_no");
    }
    let kind = params.get("type").and_then(value_int);
    let shape = state.eccang.track_number_shape();
    let found: Vec<Value> = asked
        .iter()
        .filter_map(|number| {
            state.update_order(
                |order| names(order, number, kind),
                |order| {
                    if let Some(record) = order.eccang.as_mut() {
                        record.polls_left = record.polls_left.saturating_sub(1);
                    }
                    track_number_fields(order, shape)
                },
            )
        })
        .collect();
    if found.is_empty() {
        return not_found(state, &asked);
    }
    success(match shape {
        TrackNumberShape::DataList => json!({ "data": found }),
        TrackNumberShape::DatasWayBillNumber => json!({ "datas": found }),
        TrackNumberShape::DataObject => json!({ "Data": found.first() }),
        TrackNumberShape::TopLevel => found.into_iter().next().unwrap_or(Value::Null),
    })
}

/// One order's numbers in getTrackNumber's answer: the number under the shape's name, empty
/// and `track_status` 2 until it is told.
fn track_number_fields(order: &SandboxOrder, shape: TrackNumberShape) -> Value {
    let mut fields = number_fields(order);
    let told = fields["shipping_method_no"].clone();
    let name = match shape {
        TrackNumberShape::DataList | TrackNumberShape::TopLevel => "TrackingNumber",
        TrackNumberShape::DatasWayBillNumber => "WayBillNumber",
        TrackNumberShape::DataObject => return fields,
    };
    if let Some(object) = fields.as_object_mut() {
        object.remove("shipping_method_no");
        object.insert(name.to_owned(), told);
    }
    fields
}

/// `url` of the order's label, drawn on first request. `label_type` 1–3 and
/// `label_content_type` 1–7 are checked (ectoms) but all give the same 4x6 (≈ 10×15 cm) label.
fn get_label_url(state: &SandboxState, params: &Value) -> Value {
    let number = text(params, "reference_no");
    if number.is_empty() {
        return empty_number("reference_no");
    }
    let label_type = match option_in(params, "label_type", 1, 1..=3) {
        Ok(value) => value,
        Err(answer) => return answer,
    };
    let content = match option_in(params, "label_content_type", 4, 1..=7) {
        Ok(value) => value,
        Err(answer) => return answer,
    };
    let kind = params.get("type").and_then(value_int);
    let Some(order) = state.update_order(|o| names(o, &number, kind), |o| o.clone()) else {
        return not_found(state, &[number]);
    };
    let Some(record) = order.eccang.as_ref() else {
        return not_found(state, &[number]);
    };
    if record.cancelled_at.is_some() {
        let detail = format!("订单[{}]已取消,无法获取标签", order.reference);
        return failure("获取标签失败", "", &detail);
    }
    if record.polls_left > 0 {
        let detail = format!("订单[{}]跟踪号尚未生成,请稍后再获取标签", order.reference);
        return failure("获取标签失败", "", &detail);
    }
    let token = record.order_code.to_ascii_lowercase();
    if state.label(&label_key(&token)).is_none() {
        match render_label_pdf(&label_content(&order)) {
            Ok(pdf) => state.store_label(label_key(&token), pdf),
            Err(error) => return failure("获取标签失败", "", &format!("标签生成失败:{error}")),
        }
    }
    // The `&` arrives XML-escaped inside <response>, as real label links do (carriers.md §2.2).
    let url = format!(
        "{}/PDF/{token}.pdf?label_type={label_type}&label_content_type={content}",
        state.base_url
    );
    success(json!({ "url": url }))
}

/// Where a label is kept among the sandbox's labels (Western Post's share the store).
fn label_key(token: &str) -> String {
    format!("eccang:{token}")
}

fn label_content(order: &SandboxOrder) -> LabelContent {
    let request = &order.request;
    let part = |block: &str, key: &str| {
        request
            .get(block)
            .and_then(|b| b.get(key))
            .and_then(value_text)
            .unwrap_or_default()
    };
    let place = |block: &str, prefix: &str| {
        [
            part(block, &format!("{prefix}_city")),
            part(block, &format!("{prefix}_province")),
            part(block, &format!("{prefix}_postcode")),
        ]
        .join(" ")
    };
    LabelContent {
        forwarder: "ECCANG TOMS (sandbox)".to_owned(),
        service_code: text(request, "shipping_method"),
        tracking_number: order.tracking_number.clone(),
        reference: order.reference.clone(),
        sender_lines: address_lines([
            part("Shipper", "shipper_name"),
            part("Shipper", "shipper_company"),
            part("Shipper", "shipper_street"),
            place("Shipper", "shipper"),
            part("Shipper", "shipper_countrycode"),
        ]),
        recipient_lines: address_lines([
            part("Consignee", "consignee_name"),
            part("Consignee", "consignee_company"),
            part("Consignee", "consignee_street"),
            part("Consignee", "consignee_street2"),
            place("Consignee", "consignee"),
            text(request, "country_code"),
        ]),
        weight_text: format!("{} KG", text(request, "order_weight")),
    }
}

/// Cancels an order once; answer `{reference_no, type}` echoed (ectoms).
fn cancel_order(state: &SandboxState, params: &Value) -> Value {
    let number = text(params, "reference_no");
    if number.is_empty() {
        return empty_number("reference_no");
    }
    let kind = params.get("type").and_then(value_int);
    let cancelled = state.update_order(
        |o| names(o, &number, kind),
        |order| match order.eccang.as_mut() {
            Some(record) if record.cancelled_at.is_some() => {
                Err(format!("订单[{number}]已是取消状态"))
            }
            // INFERENCE: a parcel at the warehouse or beyond is no longer cancelled but
            // intercepted (carriers.md §2.3: interceptOrder is for forecast/received parcels).
            Some(record) if record.status != EccangStatus::Forecast => {
                let (_, name) = record.status.code_and_name();
                Err(format!(
                    "订单[{number}]当前状态为{name},不允许取消,请使用拦截"
                ))
            }
            Some(record) => {
                record.cancelled_at = Some(Utc::now());
                Ok(())
            }
            None => Err(format!("订单[{number}]不存在")),
        },
    );
    match cancelled {
        None => not_found(state, &[number]),
        Some(Err(words)) => failure("取消订单失败", "", &words),
        Some(Ok(())) => {
            let mut answer = success(json!({ "reference_no": number }));
            if let Some(kind) = params.get("type").filter(|t| !t.is_null()) {
                answer["type"] = kind.clone();
            }
            answer
        }
    }
}

/// `Data[]`: one entry per known code; unknown codes are left out, and none known is a failure.
fn get_cargo_track(state: &SandboxState, params: &Value) -> Value {
    let codes = numbers(params, "codes");
    if codes.is_empty() {
        return empty_number("codes");
    }
    let kind = params.get("type").and_then(value_int);
    let english = text(params, "lang").eq_ignore_ascii_case("EN");
    let now = Utc::now();
    let data: Vec<Value> = codes
        .iter()
        .filter_map(|code| {
            let order = state.update_order(|o| names(o, code, kind), |o| o.clone())?;
            let record = order.eccang.as_ref()?;
            Some(track::cargo_track(&order, record, code, english, now))
        })
        .collect();
    if data.is_empty() {
        return failure(
            "没有轨迹信息",
            "",
            &format!("[{}]没有轨迹信息", codes.join(",")),
        );
    }
    success(json!({ "Data": data }))
}

// ---------------------------------------------------------------------------------------------
// Reading params

/// Trimmed text of a string or number field; empty when absent.
pub(super) fn text(params: &Value, key: &str) -> String {
    params.get(key).and_then(value_text).unwrap_or_default()
}

/// An optional whole-number option within `allowed`, `default` when absent.
fn option_in(
    params: &Value,
    key: &str,
    default: i64,
    allowed: std::ops::RangeInclusive<i64>,
) -> Result<i64, Value> {
    match params.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(value) => match value_int(value) {
            Some(n) if allowed.contains(&n) => Ok(n),
            _ => Err(failure(
                "参数错误",
                INVALID_DATA,
                &format!("{key}只能为{}到{}", allowed.start(), allowed.end()),
            )),
        },
    }
}
