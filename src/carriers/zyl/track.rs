//! Tracking: `POST /track/v1/front/getOrdersTrack` (ZYL's tracking page, carriers.md §3.2).
//! Pure builders and parsers; [`super::Zyl`] wires them into the shared [`Tracking`] shape.
//!
//! Request `{timestamp, messageId, trackingNos[]}` (conCode or refCode, at most 100). Answer
//! `{msg, code: "200"|"500", body: [ILSBillEvent]}`, where each event is `{consignment,
//! orderStatus, billTrackList[{deport, desc, descCn, date}]}`. The page's table names the
//! orderStatus keys `service`, `despatchdepot`, … but its example writes `"Despatch Date"`,
//! `"Status"`: keys are matched without case or spaces.

use serde::Serialize;
use serde_json::{Map, Value};

use super::answers::excerpt;
use super::auth::{AuthMode, auth_headers, ile_credentials, request_uri};
use super::wire::{Answer, value_text};
use crate::carriers::{
    Account, Credentials, ForwarderError, Header, HttpMethod, Tracking,
    TrackingEvent as SharedEvent, WireRequest, WireResponse,
};
use crate::model::Text;

/// Path of the tracking call.
pub const TRACK_PATH: &str = "/track/v1/front/getOrdersTrack";
/// Most numbers one call may ask about.
pub const MAX_NUMBERS: usize = 100;

/// The tracking request body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TrackRequest {
    /// Milliseconds since the epoch, as text (the table types it String).
    pub timestamp: String,
    /// A unique id for this request.
    #[serde(rename = "messageId")]
    pub message_id: String,
    /// conCode or refCode values.
    #[serde(rename = "trackingNos")]
    pub tracking_nos: Vec<String>,
}

/// The body for `numbers` (blank ones dropped, at most [`MAX_NUMBERS`] kept).
pub fn build_track(numbers: &[&str], now_ms: i64, message_id: &str) -> TrackRequest {
    TrackRequest {
        timestamp: now_ms.to_string(),
        message_id: message_id.to_owned(),
        tracking_nos: numbers
            .iter()
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .take(MAX_NUMBERS)
            .collect(),
    }
}

/// The POST for a tracking body, with the MD5 headers when the account uses them.
pub fn track_request(
    account: &Account,
    credentials: &Credentials,
    body: &TrackRequest,
    now_ms: i64,
) -> Result<WireRequest, ForwarderError> {
    let url = account.url(TRACK_PATH);
    let mut headers = vec![Header {
        name: "Content-Type".to_owned(),
        value: "application/json;charset=UTF-8".to_owned(),
        sensitive: false,
    }];
    if super::auth_mode(&account.settings) == AuthMode::Md5Header {
        let ile = ile_credentials(credentials)?;
        headers.extend(auth_headers(
            AuthMode::Md5Header,
            ile,
            &request_uri(&url),
            now_ms,
        ));
    }
    Ok(WireRequest {
        method: HttpMethod::Post,
        url,
        headers,
        // Serialising plain strings cannot fail.
        body: serde_json::to_vec(body).unwrap_or_default(),
    })
}

/// A shipment's state at the carrier (`orderStatus`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderStatus {
    /// Service provider.
    pub service: String,
    /// Dispatch depot.
    pub despatch_depot: String,
    /// Dispatch date, as sent.
    pub despatch_date: String,
    /// Latest location.
    pub delivery_depot: String,
    /// Time of the latest event, as sent.
    pub last_scan: String,
    /// Status (e.g. `DELIVERED`).
    pub status: String,
}

/// One `billTrackList` event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrackEvent {
    /// `date`, as sent.
    pub time: String,
    /// `deport`: where the parcel was.
    pub location: String,
    /// `desc` (English).
    pub description: String,
    /// `descCn` (Chinese).
    pub description_zh: String,
}

/// The tracking of one number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consignment {
    /// `consignment`: the number asked about.
    pub number: String,
    /// `orderStatus`; `None` when ZYL knows nothing of the number.
    pub status: Option<OrderStatus>,
    /// `billTrackList`, as sent.
    pub events: Vec<TrackEvent>,
    /// A per-number message (e.g. "Order information not found").
    pub message: String,
}

/// A getOrdersTrack answer: every consignment, or why there are none.
pub fn parse_track(response: &WireResponse) -> Result<Vec<Consignment>, ForwarderError> {
    let error = |code: Option<i64>, message: String, explanation: Text| ForwarderError {
        http_status: Some(response.status),
        forwarder_code: code.map(|c| c.to_string()),
        forwarder_message: message,
        explanation,
        authentication: matches!(code, Some(401 | 403)) || matches!(response.status, 401 | 403),
    };
    let Some(answer) = Answer::parse(&response.body) else {
        return Err(error(
            None,
            excerpt(&response.body_text()),
            Text::new(
                "ZYL's tracking answer is not ZYL's JSON",
                "ZYL 轨迹应答不是 ZYL 的 JSON",
            ),
        ));
    };
    if answer.code != Some(200) {
        return Err(error(
            answer.code,
            answer.msg.clone(),
            Text::new("ZYL refused the tracking query", "ZYL 拒绝了轨迹查询"),
        ));
    }
    let list = match &answer.body {
        Value::Array(list) => list.as_slice(),
        one @ Value::Object(_) => std::slice::from_ref(one),
        _ => &[],
    };
    Ok(list
        .iter()
        .filter_map(Value::as_object)
        .map(consignment)
        .collect())
}

fn consignment(entry: &Map<String, Value>) -> Consignment {
    Consignment {
        number: loose(entry, "consignment"),
        status: find(entry, "orderStatus")
            .and_then(Value::as_object)
            .map(|s| OrderStatus {
                service: loose(s, "service"),
                despatch_depot: loose(s, "despatchdepot"),
                despatch_date: loose(s, "despatchdate"),
                delivery_depot: loose(s, "deliverydepot"),
                last_scan: loose(s, "lastscan"),
                status: loose(s, "status"),
            }),
        events: find(entry, "billTrackList")
            .and_then(Value::as_array)
            .map(|events| {
                events
                    .iter()
                    .filter_map(Value::as_object)
                    .map(|e| TrackEvent {
                        time: loose(e, "date"),
                        location: loose(e, "deport"),
                        description: loose(e, "desc"),
                        description_zh: loose(e, "descCn"),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        message: loose(entry, "msg"),
    }
}

/// A key without regard to case or spaces (`"Despatch Date"` = `despatchdate`).
fn find<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    let wanted = squash(key);
    object
        .iter()
        .find(|(k, _)| squash(k) == wanted)
        .map(|(_, v)| v)
}

fn squash(key: &str) -> String {
    key.chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Text of a string or number field (dates may come as epoch numbers), else "".
fn loose(object: &Map<String, Value>, key: &str) -> String {
    find(object, key).and_then(value_text).unwrap_or_default()
}

/// The first consignment of an answer in the shared shape (the engine asks about one number).
pub fn to_tracking(consignments: Vec<Consignment>) -> Tracking {
    let Some(first) = consignments.into_iter().next() else {
        return Tracking {
            message: Text::new(
                "ZYL has no tracking for this number yet.",
                "ZYL 暂无该单号的轨迹。",
            ),
            ..Tracking::default()
        };
    };
    Tracking {
        number: first.number,
        status: first.status.map(|s| s.status).unwrap_or_default(),
        events: first
            .events
            .into_iter()
            .map(|event| {
                // Either language stands in for a missing other.
                let (en, zh) = (event.description, event.description_zh);
                let english = if en.trim().is_empty() { zh.clone() } else { en };
                let chinese = if zh.trim().is_empty() {
                    english.clone()
                } else {
                    zh
                };
                SharedEvent {
                    time: event.time,
                    location: event.location,
                    description: Text::new(english, chinese),
                    status: String::new(),
                }
            })
            .collect(),
        // ZYL's own words, the same in both languages.
        message: Text::new(first.message.clone(), first.message),
    }
    .newest_first()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_body() {
        let body = build_track(
            &[" SYD1 ", "", "R2"],
            1_503_560_234_000,
            "38311971988180992",
        );
        assert_eq!(
            serde_json::to_string(&body).unwrap_or_default(),
            r#"{"timestamp":"1503560234000","messageId":"38311971988180992","trackingNos":["SYD1","R2"]}"#
        );
        let many: Vec<String> = (0..150).map(|n| n.to_string()).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(build_track(&many, 0, "m").tracking_nos.len(), MAX_NUMBERS);
    }

    #[test]
    fn example_keys_with_spaces_and_capitals_are_read() {
        let response = WireResponse {
            status: 200,
            content_type: None,
            body: r#"{"msg":"","code":"200","body":[
                {"consignment":"SYD10002991340","orderStatus":{"Service":"Air","Despatch Depot":null,
                 "Despatch Date":"","Status":"DELIVERED","Lastscan":"2025-02-14 10:10:35"},
                 "billTrackList":[{"deport":"SYD","desc":"Delivered","descCn":"已签收","date":"2025-02-14 10:10:35"}]},
                {"consignment":"3676E4038434","orderStatus":null,"msg":"Order information not found"}]}"#
                .as_bytes()
                .to_vec(),
        };
        let Ok(list) = parse_track(&response) else {
            panic!("parses");
        };
        assert_eq!(list.len(), 2);
        let first = &list[0];
        assert_eq!(first.number, "SYD10002991340");
        let status = first.status.clone().unwrap_or_default();
        assert_eq!(
            (status.service.as_str(), status.status.as_str()),
            ("Air", "DELIVERED")
        );
        assert_eq!(status.last_scan, "2025-02-14 10:10:35");
        assert_eq!(first.events[0].description_zh, "已签收");
        assert_eq!(list[1].status, None);
        assert_eq!(list[1].message, "Order information not found");
    }

    #[test]
    fn refusal() {
        let response = WireResponse {
            status: 200,
            content_type: None,
            body: br#"{"msg":"request error","code":"500","body":[]}"#.to_vec(),
        };
        let refused = parse_track(&response);
        assert!(matches!(refused, Err(e) if e.forwarder_code.as_deref() == Some("500")));
    }
}
