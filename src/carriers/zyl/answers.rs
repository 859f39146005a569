//! What ZYL's answers mean, read leniently: `orderByApi`'s `{body, code, msg}` (seed 002 §3)
//! onto the shared outcomes, the label call's link, and getOrdersTrack's consignments. Pure.

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::wire::{Answer, value_decimal, value_int, value_text};
use crate::carriers::{
    Booking, CreateOutcome, FollowUpAnswer, ForwarderError, LabelSource, Tracking,
    TrackingEvent as SharedEvent, WireResponse, checked_tracking_number,
};
use crate::model::Text;

/// ZYL's status codes (seed 002 §3.1.1 and the label page).
pub mod code {
    /// 订单提交成功 / label found.
    pub const OK: i64 = 200;
    /// Created.
    pub const CREATED: i64 = 201;
    /// Unauthorized.
    pub const UNAUTHORIZED: i64 = 401;
    /// Forbidden.
    pub const FORBIDDEN: i64 = 403;
    /// Not Found.
    pub const NOT_FOUND: i64 = 404;
    /// 系统异常.
    pub const SYSTEM_ERROR: i64 = 500;
    /// 订单参数校验异常.
    pub const INVALID_PARAMS: i64 = 51001;
    /// 面单地址为空 (label page): the label is not drawn yet.
    pub const LABEL_EMPTY: i64 = 51005;
    /// 远程请求productCode失败.
    pub const PRODUCT_CODE_FAILED: i64 = 51006;
}

/// What a successful `orderByApi` gave back (seed 002 §3.2). Every field is read as text or a
/// number, whichever came.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreatedOrder {
    /// `id`: ZYL's row id.
    pub id: Option<String>,
    /// `orderId` (e.g. `ILS2023…`): ZYL's order number = `forwarder_order_id`.
    pub order_id: Option<String>,
    /// `conCode`: the consignment (tracking) number.
    pub con_code: Option<String>,
    /// `refCode`: a second number the label and tracking calls also accept.
    pub ref_code: Option<String>,
    /// `clientCode`: our `cust_ref` echoed.
    pub client_code: Option<String>,
    /// `customerId`.
    pub customer_id: Option<String>,
    /// `productCode`: the product the chargecode resolved to.
    pub product_code: Option<String>,
    /// `productName`.
    pub product_name: Option<String>,
    /// `preWeight` (kg).
    pub pre_weight: Option<Decimal>,
    /// `preCbm` (m³).
    pub pre_cbm: Option<Decimal>,
    /// `preParcelNumber`.
    pub pre_parcel_number: Option<i64>,
    /// `orderStatus`.
    pub order_status: Option<i64>,
    /// `warehouseCode`.
    pub warehouse_code: Option<String>,
    /// `hsDeclarationType` (e.g. 买单报关).
    pub hs_declaration_type: Option<String>,
}

impl CreatedOrder {
    /// Reads the success `body`.
    pub fn from_answer(answer: &Answer) -> Self {
        let text = |key: &str| answer.body_text(&[key]);
        let body = answer.body_object();
        let decimal = |key: &str| body.and_then(|b| b.get(key)).and_then(value_decimal);
        let int = |key: &str| body.and_then(|b| b.get(key)).and_then(value_int);
        Self {
            id: text("id"),
            order_id: text("orderId"),
            con_code: text("conCode"),
            ref_code: text("refCode"),
            client_code: text("clientCode"),
            customer_id: text("customerId"),
            product_code: text("productCode"),
            product_name: text("productName"),
            pre_weight: decimal("preWeight"),
            pre_cbm: decimal("preCbm"),
            pre_parcel_number: int("preParcelNumber"),
            order_status: int("orderStatus"),
            warehouse_code: text("warehouseCode"),
            hs_declaration_type: text("hsDeclarationType"),
        }
    }

    /// The number to track by: `conCode`, else `refCode`, else (a service without either)
    /// ZYL's `orderId`, which still names the parcel.
    pub fn tracking_number(&self) -> Option<&str> {
        self.con_code
            .as_deref()
            .or(self.ref_code.as_deref())
            .or(self.order_id.as_deref())
    }
}

/// What an `orderByApi` HTTP answer means for the user's money.
pub fn parse_create_order(response: &WireResponse) -> CreateOutcome {
    let Some(answer) = Answer::parse(&response.body) else {
        return not_an_answer(response);
    };
    let error = |code: Option<i64>, explanation: Text| ForwarderError {
        http_status: Some(response.status),
        forwarder_code: code.map(|c| c.to_string()),
        forwarder_message: answer.msg.clone(),
        explanation,
        authentication: matches!(code, Some(code::UNAUTHORIZED | code::FORBIDDEN))
            || matches!(response.status, 401 | 403),
    };
    let Some(status) = answer.code else {
        // JSON, but nobody said yes or no: it may have been bought.
        return CreateOutcome::Unreadable(error(
            None,
            Text::new(
                "ZYL's answer has no result code. The order may or may not have been created: shipdesk will check before sending again.",
                "ZYL 应答中没有结果代码，无法确认是否已下单：再次提交前 shipdesk 会先核对。",
            ),
        ));
    };
    match status {
        code::OK | code::CREATED => {
            let order = CreatedOrder::from_answer(&answer);
            let Some(tracking) = order.tracking_number().map(str::to_owned) else {
                return CreateOutcome::Unreadable(error(
                    Some(status),
                    Text::new(
                        "ZYL said the order was submitted but sent neither an order id nor a tracking number. It may have been bought: check before sending again.",
                        "ZYL 返回提交成功，但既没有订单号也没有跟踪号，可能已扣费：再次提交前请先核对。",
                    ),
                ));
            };
            let tracking = match checked_tracking_number(&tracking, Some(response.status)) {
                Ok(tracking) => tracking,
                Err(nonsense) => return CreateOutcome::Unreadable(nonsense),
            };
            CreateOutcome::Created(Booking {
                tracking_number: tracking,
                forwarder_order_id: order.order_id,
                // The label comes from a second call (findOrderLabelByCode).
                label: None,
            })
        }
        code::UNAUTHORIZED | code::FORBIDDEN => CreateOutcome::Refused(error(
            Some(status),
            Text::new(
                "ZYL did not accept this account's ileId/sign (or the MD5 header). Nothing was charged: check them, and the account's authentication mode, with ZYL.",
                "ZYL 未接受该账号的 ileId/sign（或 MD5 请求头），未扣费：请向 ZYL 核对密钥及账号的认证方式。",
            ),
        )),
        _ if looks_like_duplicate(&answer.msg) => CreateOutcome::DuplicateReference(error(
            Some(status),
            Text::new(
                "ZYL already has an order with this reference number (cust_ref).",
                "ZYL 已有使用该客户单号（cust_ref）的订单。",
            ),
        )),
        code::PRODUCT_CODE_FAILED => CreateOutcome::Refused(error(
            Some(status),
            Text::new(
                "ZYL could not resolve the channel (远程请求productCode失败). Nothing was charged: check the chargecode with ZYL IT and send again.",
                "ZYL 无法解析渠道（远程请求productCode失败），未扣费：请向 ZYL IT 核对渠道编码后重新提交。",
            ),
        )),
        code::SYSTEM_ERROR => CreateOutcome::Refused(error(
            Some(status),
            Text::new(
                "ZYL reported a system error (系统异常) and did not accept the order. Send again later; the same reference cannot be bought twice.",
                "ZYL 返回系统异常，未接受该订单：请稍后重新提交，同一参考号不会重复下单。",
            ),
        )),
        _ => CreateOutcome::Refused(error(
            Some(status),
            Text::new(
                "ZYL refused the order. Nothing was charged: correct what it says and send again.",
                "ZYL 拒绝了该订单，未扣费：请按提示修改后重新提交。",
            ),
        )),
    }
}

/// INFERENCE (no public example): the message says the customer reference already exists or is
/// repeated (the sandbox answers `客户单号[…]已存在`).
pub fn looks_like_duplicate(message: &str) -> bool {
    let words = message.to_lowercase();
    let about_reference = ["单号", "参考号", "cust_ref", "reference", "clientcode"]
        .iter()
        .any(|w| words.contains(w));
    let repeated = ["已存在", "重复", "already exist", "duplicate"]
        .iter()
        .any(|w| words.contains(w));
    about_reference && repeated
}

/// A body that is not ZYL's JSON envelope: a proxy page, a cut-off answer, nothing.
fn not_an_answer(response: &WireResponse) -> CreateOutcome {
    let what = if response.looks_like_html() {
        "an HTML page"
    } else if response.body.is_empty() {
        "an empty answer"
    } else {
        "an answer that is not ZYL's JSON"
    };
    let error = |explanation: Text| ForwarderError {
        http_status: Some(response.status),
        forwarder_code: None,
        forwarder_message: excerpt(&response.body_text()),
        explanation,
        authentication: matches!(response.status, 401 | 403),
    };
    // A 4xx that is not ZYL's own envelope never reached the order service: nothing was bought.
    if (400..500).contains(&response.status) {
        return CreateOutcome::Refused(error(Text::new(
            format!(
                "ZYL's server answered HTTP {} with {what}. Nothing was bought: check the account's base URL.",
                response.status
            ),
            format!(
                "ZYL 服务器返回 HTTP {}（{what}），未下单：请检查账号的接口地址。",
                response.status
            ),
        )));
    }
    CreateOutcome::Unreadable(error(Text::new(
        format!(
            "ZYL answered HTTP {} with {what}. The order may or may not have been created: shipdesk will check before sending again.",
            response.status
        ),
        format!(
            "ZYL 返回 HTTP {}（{what}），无法确认是否已下单：再次提交前 shipdesk 会先核对。",
            response.status
        ),
    )))
}

pub use crate::carriers::lenient::excerpt;

// ---------------------------------------------------------------------------------------------
// findOrderLabelByCode: `{body: "<PDF URL>", code: 200, msg}` (ZYL's label page, carriers.md
// §3.2); the PDF itself is then downloaded from that URL.

/// What a findOrderLabelByCode answer means: the PDF's URL, not yet (51005, or success with an
/// empty address), or a problem.
pub fn parse_label(response: &WireResponse) -> FollowUpAnswer {
    let Some(answer) = Answer::parse(&response.body) else {
        return FollowUpAnswer::Problem(problem(
            response,
            None,
            excerpt(&response.body_text()),
            Text::new(
                format!(
                    "ZYL's label address answered HTTP {} with something that is not ZYL's JSON",
                    response.status
                ),
                format!(
                    "ZYL 面单接口返回 HTTP {}，内容不是 ZYL 的 JSON",
                    response.status
                ),
            ),
        ));
    };
    let url = match &answer.body {
        serde_json::Value::Object(body) => ["url", "labelUrl", "label_url", "fileUrl"]
            .iter()
            .find_map(|k| body.get(*k).and_then(value_text)),
        other => value_text(other),
    };
    match (answer.code, url) {
        (Some(code::OK | code::CREATED), Some(url)) if is_link(&url) => {
            FollowUpAnswer::Label(LabelSource::Url(url))
        }
        (Some(code::OK | code::CREATED), Some(other)) => FollowUpAnswer::Problem(problem(
            response,
            answer.code,
            other,
            Text::new(
                "ZYL's label answer is not a link",
                "ZYL 返回的面单地址不是链接",
            ),
        )),
        (Some(code::OK | code::CREATED | code::LABEL_EMPTY), None) => FollowUpAnswer::NotYet,
        (Some(status @ (code::UNAUTHORIZED | code::FORBIDDEN)), _) => {
            let mut error = problem(
                response,
                Some(status),
                answer.msg.clone(),
                Text::new(
                    "ZYL refused the label request: check the account's userId and authentication mode",
                    "ZYL 拒绝了面单请求：请检查账号的 userId 和认证方式",
                ),
            );
            error.authentication = true;
            FollowUpAnswer::Problem(error)
        }
        (status, _) => FollowUpAnswer::Problem(problem(
            response,
            status,
            answer.msg.clone(),
            Text::new("ZYL could not give the label yet", "ZYL 暂时无法提供面单"),
        )),
    }
}

fn problem(
    response: &WireResponse,
    code: Option<i64>,
    message: String,
    explanation: Text,
) -> ForwarderError {
    ForwarderError {
        http_status: Some(response.status),
        forwarder_code: code.map(|c| c.to_string()),
        forwarder_message: message,
        explanation,
        authentication: matches!(response.status, 401 | 403),
    }
}

fn is_link(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

// ---------------------------------------------------------------------------------------------
// getOrdersTrack (ZYL's tracking page, carriers.md §3.2): `{msg, code: "200"|"500", body:
// [ILSBillEvent]}`, where each event is `{consignment, orderStatus, billTrackList[{deport, desc,
// descCn, date}]}`. The page's table names the orderStatus keys `service`, `despatchdepot`, …
// but its example writes `"Despatch Date"`, `"Status"`: keys are matched without case or spaces.

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

    fn answer(status: u16, body: &str) -> WireResponse {
        WireResponse::json(status, body)
    }

    #[test]
    fn numbers_fall_back_in_order() {
        let created = parse_create_order(&answer(
            200,
            r#"{"code":"200","msg":"","body":{"orderId":"ILS1","refCode":"REF1"}}"#,
        ));
        assert_eq!(
            created,
            CreateOutcome::Created(Booking {
                tracking_number: "REF1".to_owned(),
                forwarder_order_id: Some("ILS1".to_owned()),
                label: None,
            })
        );
        let bare = parse_create_order(&answer(200, r#"{"code":200,"body":{}}"#));
        assert!(matches!(bare, CreateOutcome::Unreadable(_)), "{bare:?}");
        // A number that cannot be one (an entity never expanded, markup) is not kept.
        for nonsense in ["&lol9;", "<i>1</i>", "R1"] {
            let body =
                serde_json::json!({"code": 200, "body": {"orderId": "ILS1", "conCode": nonsense}});
            let created = parse_create_order(&answer(200, &body.to_string()));
            assert!(
                matches!(created, CreateOutcome::Unreadable(_)),
                "{nonsense}: {created:?}"
            );
        }
    }

    #[test]
    fn refusals_by_code() {
        let auth = parse_create_order(&answer(
            200,
            r#"{"code":401,"msg":"Unauthorized","body":{}}"#,
        ));
        assert!(
            matches!(&auth, CreateOutcome::Refused(e) if e.authentication),
            "{auth:?}"
        );
        let duplicate = parse_create_order(&answer(
            200,
            r#"{"code":51001,"msg":"客户单号[A1]已存在","body":{}}"#,
        ));
        assert!(matches!(duplicate, CreateOutcome::DuplicateReference(_)));
        let html = parse_create_order(&WireResponse {
            status: 502,
            content_type: Some("text/html".to_owned()),
            body: b"<html>bad gateway</html>".to_vec(),
        });
        assert!(matches!(html, CreateOutcome::Unreadable(_)));
        let not_found = parse_create_order(&answer(404, "Not Found"));
        assert!(matches!(not_found, CreateOutcome::Refused(_)));
        let no_code = parse_create_order(&answer(200, r#"{"body":{"orderId":"X"}}"#));
        assert!(matches!(no_code, CreateOutcome::Unreadable(_)));
    }

    #[test]
    fn duplicate_words() {
        assert!(looks_like_duplicate("客户单号[A1]已存在"));
        assert!(looks_like_duplicate("cust_ref duplicate"));
        assert!(!looks_like_duplicate("包裹条码已存在"));
        assert!(!looks_like_duplicate(""));
    }

    #[test]
    fn label_answers() {
        assert_eq!(
            parse_label(&answer(
                200,
                r#"{"body":"https://file.xinzhtech.com/xxxxx.pdf","code":200,"msg":""}"#
            )),
            FollowUpAnswer::Label(LabelSource::Url(
                "https://file.xinzhtech.com/xxxxx.pdf".to_owned()
            ))
        );
        assert_eq!(
            parse_label(&answer(
                200,
                r#"{"body":{},"code":"51005","msg":"面单地址为空"}"#
            )),
            FollowUpAnswer::NotYet
        );
        assert_eq!(
            parse_label(&answer(200, r#"{"body":"","code":200,"msg":""}"#)),
            FollowUpAnswer::NotYet
        );
        let failed = parse_label(&answer(
            200,
            r#"{"body":{},"code":500,"msg":"System error"}"#,
        ));
        assert!(
            matches!(&failed, FollowUpAnswer::Problem(e) if e.forwarder_code.as_deref() == Some("500")),
            "{failed:?}"
        );
        let auth = parse_label(&answer(
            200,
            r#"{"body":{},"code":401,"msg":"Unauthorized"}"#,
        ));
        assert!(matches!(&auth, FollowUpAnswer::Problem(e) if e.authentication));
        let odd = parse_label(&answer(200, r#"{"body":"file.pdf","code":200}"#));
        assert!(matches!(odd, FollowUpAnswer::Problem(_)));
        let html = parse_label(&answer(502, "<html></html>"));
        assert!(matches!(html, FollowUpAnswer::Problem(_)));
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
