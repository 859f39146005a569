//! The label: `GET /oms/v1/OrderLabel/findOrderLabelByCode/{orderCode}/{labelType}/{userId}`
//! answers `{body: "<PDF URL>", code: 200, msg}` (ZYL's label page, carriers.md §3.2); the PDF
//! itself is then downloaded from that URL.

use super::answers::{code, excerpt};
use super::auth::{AuthMode, auth_headers, ile_credentials, request_uri};
use super::wire::{Answer, value_text};
use crate::carriers::{
    Account, Credentials, FollowUpAnswer, ForwarderError, Header, HttpMethod, LabelSource,
    OrderNumbers, WireRequest, WireResponse,
};
use crate::model::Text;

/// The label call's path, before its three segments.
pub const LABEL_PATH: &str = "/oms/v1/OrderLabel/findOrderLabelByCode";

/// `labelType`: which document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LabelType {
    /// 1: warehouse receipt (入仓单).
    WarehouseReceipt = 1,
    /// 2: the shipping label: what shipdesk prints.
    #[default]
    ShippingLabel = 2,
    /// 3: proof of delivery.
    ProofOfDelivery = 3,
}

/// The number to ask by: the label page accepts ZYL's own numbers (orderId, conCode or refCode),
/// not our reference. ZYL's `orderId` first, then the tracking number (conCode); our reference
/// only when neither was recorded (ZYL may refuse it, and the answer will say so).
pub fn order_code<'a>(order: &OrderNumbers<'a>) -> &'a str {
    [order.forwarder_order_id, order.tracking_number]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|n| !n.is_empty())
        .unwrap_or(order.reference.trim())
}

/// `/oms/v1/OrderLabel/findOrderLabelByCode/{orderCode}/{labelType}/{userId}`, each segment
/// percent-encoded.
pub fn label_path(order_code: &str, label_type: LabelType, user_id: &str) -> String {
    format!(
        "{LABEL_PATH}/{}/{}/{}",
        segment(order_code.trim()),
        label_type as u8,
        segment(user_id.trim())
    )
}

/// The GET for an order's label. With the static sign it carries no credentials (the label page
/// documents none); with the MD5 scheme it carries the headers, signed over the path.
pub fn label_request(
    account: &Account,
    credentials: &Credentials,
    order_code: &str,
    label_type: LabelType,
    now_ms: i64,
) -> Result<WireRequest, ForwarderError> {
    let url = account.url(&label_path(
        order_code,
        label_type,
        super::user_id(&account.settings),
    ));
    let mut headers = vec![Header {
        name: "Accept".to_owned(),
        value: "application/json".to_owned(),
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
        method: HttpMethod::Get,
        url,
        headers,
        body: Vec::new(),
    })
}

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

/// A path segment, percent-encoded outside RFC 3986's unreserved characters.
fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(status: u16, body: &str) -> WireResponse {
        WireResponse {
            status,
            content_type: Some("application/json".to_owned()),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn paths() {
        assert_eq!(
            label_path("ILS1", LabelType::ShippingLabel, "1111"),
            "/oms/v1/OrderLabel/findOrderLabelByCode/ILS1/2/1111"
        );
        assert_eq!(
            label_path("a/b c", LabelType::ProofOfDelivery, "u"),
            "/oms/v1/OrderLabel/findOrderLabelByCode/a%2Fb%20c/3/u"
        );
    }

    #[test]
    fn order_code_prefers_zyls_own_numbers() {
        let mut order = OrderNumbers::by_reference("REF");
        assert_eq!(order_code(&order), "REF");
        order.tracking_number = Some("FIT1");
        assert_eq!(order_code(&order), "FIT1");
        order.forwarder_order_id = Some("ILS1");
        assert_eq!(order_code(&order), "ILS1");
        order.forwarder_order_id = Some(" ");
        assert_eq!(order_code(&order), "FIT1");
    }

    #[test]
    fn answers() {
        assert_eq!(
            parse_label(&json(
                200,
                r#"{"body":"https://file.xinzhtech.com/xxxxx.pdf","code":200,"msg":""}"#
            )),
            FollowUpAnswer::Label(LabelSource::Url(
                "https://file.xinzhtech.com/xxxxx.pdf".to_owned()
            ))
        );
        assert_eq!(
            parse_label(&json(
                200,
                r#"{"body":{},"code":"51005","msg":"面单地址为空"}"#
            )),
            FollowUpAnswer::NotYet
        );
        assert_eq!(
            parse_label(&json(200, r#"{"body":"","code":200,"msg":""}"#)),
            FollowUpAnswer::NotYet
        );
        let failed = parse_label(&json(200, r#"{"body":{},"code":500,"msg":"System error"}"#));
        assert!(
            matches!(&failed, FollowUpAnswer::Problem(e) if e.forwarder_code.as_deref() == Some("500")),
            "{failed:?}"
        );
        let auth = parse_label(&json(200, r#"{"body":{},"code":401,"msg":"Unauthorized"}"#));
        assert!(matches!(&auth, FollowUpAnswer::Problem(e) if e.authentication));
        let odd = parse_label(&json(200, r#"{"body":"file.pdf","code":200}"#));
        assert!(matches!(odd, FollowUpAnswer::Problem(_)));
        let html = parse_label(&json(502, "<html></html>"));
        assert!(matches!(html, FollowUpAnswer::Problem(_)));
    }
}
