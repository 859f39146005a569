//! `POST /track/v1/front/getOrdersTrack`: ZYL's tracking page (carriers.md §3.2). The body is
//! `{timestamp, messageId, trackingNos[]}` with at most 100 of ZYL's own numbers (conCode or
//! refCode); the MD5 headers, when sent, must verify. The answer is `{msg, code: "200", body:
//! [ILSBillEvent]}` (the code a string, as the page shows), one entry per number asked.
//!
//! The script: "order received" when committed; "picked up" when its label was first handed
//! out. Both times are fixed once reached, so asking again reports the same scans. Times are
//! Sydney's (UTC+10), as ZYL's Australian consignments are dated.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use chrono::{DateTime, Duration, FixedOffset, Utc};
use serde_json::{Value, json};

use super::handlers::{md5_headers_verify, names, unauthorized};
use crate::carriers::zyl::MAX_NUMBERS;
use crate::sandbox::replies;
use crate::sandbox::state::{SandboxOrder, SandboxState};

/// Sydney standard time.
const SYDNEY: FixedOffset = match FixedOffset::east_opt(10 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+10 is a valid offset"),
};

/// `POST /track/v1/front/getOrdersTrack`.
pub(in crate::sandbox) async fn orders_track(
    State(state): State<Arc<SandboxState>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !md5_headers_verify(&state, &headers, uri.path()) {
        return unauthorized();
    }
    let numbers: Vec<String> = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|request| request.get("trackingNos").cloned())
        .and_then(|list| serde_json::from_value(list).ok())
        .unwrap_or_default();
    if numbers.is_empty() {
        return reply("500", "trackingNos cannot be empty", json!([]));
    }
    if numbers.len() > MAX_NUMBERS {
        return reply("500", "trackingNos: at most 100 numbers", json!([]));
    }
    let now = Utc::now();
    let events: Vec<Value> = numbers
        .iter()
        .map(
            |number| match state.update_order(|o| names(o, number), |o| o.clone()) {
                Some(order) => consignment(&order, number, now),
                None => json!({
                    "consignment": number,
                    "msg": "Order information not found",
                    "billTrackList": [],
                }),
            },
        )
        .collect();
    reply("200", "success", Value::Array(events))
}

/// One ILSBillEvent, keyed as the page's example writes them.
fn consignment(order: &SandboxOrder, number: &str, now: DateTime<Utc>) -> Value {
    let Some(record) = order.zyl.as_ref() else {
        return json!({ "consignment": number, "billTrackList": [] });
    };
    let at = |minutes: i64| {
        (record.created_at + Duration::minutes(minutes))
            .min(now)
            .with_timezone(&SYDNEY)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    };
    let mut scans = vec![json!({
        "deport": "SYDNEY",
        "desc": "Order information received",
        "descCn": "已收到订单信息",
        "date": at(0),
    })];
    // Picked up once its label was handed out, dated then: asking again gives the same scans.
    if let Some(drawn) = record.label_drawn_at {
        scans.push(json!({
            "deport": "SYDNEY",
            "desc": "Picked up",
            "descCn": "已揽收",
            "date": drawn.min(now).with_timezone(&SYDNEY).format("%Y-%m-%d %H:%M:%S").to_string(),
        }));
    }
    let status = if scans.len() > 1 {
        "PICKED UP"
    } else {
        "CREATED"
    };
    // The page's example lists the newest scan first.
    scans.reverse();
    json!({
        "consignment": number,
        "orderStatus": {
            "Service": "ZYL",
            "Despatch Depot": "SYDNEY",
            "Despatch Date": at(0),
            "Delivery Depot": "SYDNEY",
            "Last Scan": scans.first().and_then(|s| s.get("date")).cloned().unwrap_or_default(),
            "Status": status,
        },
        "billTrackList": scans,
    })
}

/// `{msg, code, body}` with the code as a string, as the tracking page shows it.
fn reply(code: &str, msg: &str, body: Value) -> Response {
    replies::json(json!({ "msg": msg, "code": code, "body": body }).to_string())
}
