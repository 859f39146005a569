//! What logssc's answers mean: `orderCommit` (seed 003), the fee preview, 返回单号和费用 (whose
//! answers equal the seed's callback bodies), 返回面单 and 退款申请.

use base64::Engine as _;
use rust_decimal::Decimal;
use serde_json::Value;

use super::wire::Answer;
pub(super) use crate::carriers::lenient::excerpt;
use crate::carriers::lenient::{value_decimal, value_text};
use crate::carriers::{
    CreateOutcome, FollowUpAnswer, ForwarderError, LabelSource, NumberedOrder, WireResponse,
    checked_tracking_number,
};
use crate::model::{Money, Text};

/// logssc's codes (seed 003).
pub mod code {
    /// 数据请求成功 / 订单下单已完成.
    pub const OK: i64 = 200;
    /// 返回单号和费用: the order is still being placed; ask again later.
    pub const PENDING: i64 = 1024;
    /// 返回面单: 标签正在下载，请稍候 (the label is not ready yet).
    pub const LABEL_NOT_READY: i64 = 1115;
    /// 下单失败 (the failure callback's code).
    pub const ORDER_FAILED: i64 = 1001;
}

/// The currency of logssc's fees when an answer names none: LSO is a US service.
const DEFAULT_CURRENCY: &str = "USD";

fn error(response: &WireResponse, answer: Option<&Answer>, explanation: Text) -> ForwarderError {
    ForwarderError {
        http_status: Some(response.status),
        forwarder_code: answer.and_then(|a| a.code).map(|c| c.to_string()),
        forwarder_message: answer
            .map(Answer::words)
            .unwrap_or_else(|| excerpt(&response.body_text())),
        explanation,
        authentication: super::auth::is_auth_error(response),
    }
}

/// A body that is not logssc's JSON: what to call it in a message.
fn what_came(response: &WireResponse) -> &'static str {
    if response.looks_like_html() {
        "an HTML page"
    } else if response.body.is_empty() {
        "an empty answer"
    } else {
        "an answer that is not logssc's JSON"
    }
}

/// An answer to `call` that is not logssc's JSON: "logssc's {call} answered HTTP {status} with
/// {what came}{then}", and likewise in Chinese.
fn unreadable(response: &WireResponse, call: Text, then: Text) -> ForwarderError {
    error(
        response,
        None,
        Text::new(
            format!(
                "logssc's {} answered HTTP {} with {}{}",
                call.en,
                response.status,
                what_came(response),
                then.en
            ),
            format!(
                "logssc {}返回 HTTP {}，内容无法识别{}",
                call.zh, response.status, then.zh
            ),
        ),
    )
}

/// What an `orderCommit` answer means. 200 with `data.orderNumber`: accepted, numbers later
/// (the order is placed asynchronously). A refusal here comes before the asynchronous placing,
/// so nothing is reserved (INFERENCE: the seed's "下单失败请及时调用退款" is read as the
/// asynchronous failure that 返回单号和费用 reports).
pub fn parse_commit(response: &WireResponse) -> CreateOutcome {
    let Some(answer) = Answer::parse(&response.body) else {
        let what = what_came(response);
        if (400..500).contains(&response.status) {
            return CreateOutcome::Refused(error(
                response,
                None,
                Text::new(
                    format!(
                        "logssc's server answered HTTP {} with {what}. Nothing was ordered: check the account's base URL and order path.",
                        response.status
                    ),
                    format!(
                        "logssc 服务器返回 HTTP {}（{what}），未下单：请检查账号的接口地址和下单路径。",
                        response.status
                    ),
                ),
            ));
        }
        return CreateOutcome::Unreadable(error(
            response,
            None,
            Text::new(
                format!(
                    "logssc answered HTTP {} with {what}. The order may or may not have been placed: shipdesk will ask logssc before doing anything else.",
                    response.status
                ),
                format!(
                    "logssc 返回 HTTP {}（{what}），无法确认是否已下单：shipdesk 会先向 logssc 查询。",
                    response.status
                ),
            ),
        ));
    };
    match answer.code {
        None => CreateOutcome::Unreadable(error(
            response,
            Some(&answer),
            Text::new(
                "logssc's answer has no result code. The order may or may not have been placed: shipdesk will ask logssc before doing anything else.",
                "logssc 应答中没有结果代码，无法确认是否已下单：shipdesk 会先向 logssc 查询。",
            ),
        )),
        Some(code::OK) => match answer.data_text(&["orderNumber"]) {
            Some(order_number) => CreateOutcome::NumberLater {
                forwarder_order_id: Some(order_number),
            },
            None => CreateOutcome::Unreadable(error(
                response,
                Some(&answer),
                Text::new(
                    "logssc accepted the order but sent no order number. It may be placed: shipdesk will ask logssc by the reference.",
                    "logssc 接受了订单但未返回订单号，可能已下单：shipdesk 会按客户单号查询。",
                ),
            )),
        },
        Some(_) if super::auth::is_auth_error(response) => CreateOutcome::Refused(error(
            response,
            Some(&answer),
            Text::new(
                "logssc did not accept this account's token or appId. Nothing was ordered: check appId/appSecret in Accounts.",
                "logssc 未接受该账号的 token 或 appId，未下单：请在“账号”中核对 appId/appSecret。",
            ),
        )),
        Some(_) if looks_like_duplicate(&answer.words()) => {
            CreateOutcome::DuplicateReference(error(
                response,
                Some(&answer),
                Text::new(
                    "logssc already has an order with this customer number.",
                    "logssc 已有使用该客户单号的订单。",
                ),
            ))
        }
        Some(_) => CreateOutcome::Refused(error(
            response,
            Some(&answer),
            Text::new(
                "logssc refused the order. Nothing was ordered: correct what it says, preview the fee again and send again.",
                "logssc 拒绝了该订单，未下单：请按提示修改，重新预览费用后再提交。",
            ),
        )),
    }
}

/// INFERENCE (no example): the message says the customer number already exists or is repeated.
pub fn looks_like_duplicate(message: &str) -> bool {
    let words = message.to_lowercase();
    let about_reference = ["客户单号", "单号", "customernumber", "reference"]
        .iter()
        .any(|w| words.contains(w));
    let repeated = ["已存在", "重复", "already exist", "duplicate"]
        .iter()
        .any(|w| words.contains(w));
    about_reference && repeated
}

/// The fee in a fee-preview answer. Documented default: `data` is the amount itself, or an
/// object holding it under `totalFee`, `totalPrice`, `prepaidPrice`, `fee`, `price` or
/// `amount`, with `currency` (USD when absent).
pub fn parse_preview(response: &WireResponse) -> Result<Money, ForwarderError> {
    let Some(answer) = Answer::parse(&response.body) else {
        return Err(unreadable(
            response,
            Text::new("fee preview", "费用预览"),
            Text::new(
                ": check the account's preview path",
                "：请检查账号的费用预览路径",
            ),
        ));
    };
    if answer.code != Some(code::OK) {
        return Err(error(
            response,
            Some(&answer),
            Text::new(
                "logssc gave no fee for this order, so nothing was ordered",
                "logssc 未给出该订单的费用，未下单",
            ),
        ));
    }
    let amount = match &answer.data {
        Value::Object(data) => [
            "totalFee",
            "totalPrice",
            "prepaidPrice",
            "fee",
            "price",
            "amount",
        ]
        .iter()
        .find_map(|k| data.get(*k).and_then(value_decimal)),
        other => value_decimal(other),
    };
    let currency = answer
        .data_text(&["currency", "currencyCode"])
        .unwrap_or_else(|| DEFAULT_CURRENCY.to_owned());
    match amount {
        Some(amount) if amount >= Decimal::ZERO => Ok(Money::new(amount, &currency)),
        _ => Err(error(
            response,
            Some(&answer),
            Text::new(
                "logssc's fee preview holds no fee shipdesk can read, so nothing was ordered",
                "logssc 费用预览中没有可识别的费用，未下单",
            ),
        )),
    }
}

/// What a 返回单号和费用 answer (or a callback body: they are the same) means: 1024 keep waiting;
/// 200 the numbers and the fee; any other code, the order failed and its balance is held until a
/// refund (seed 003). An auth refusal or an unreadable answer is a problem to ask again about,
/// and an answer saying the order does not exist (asked by our reference) means nothing was
/// placed.
pub fn parse_result(response: &WireResponse) -> FollowUpAnswer {
    let Some(answer) = Answer::parse(&response.body) else {
        return FollowUpAnswer::Problem(unreadable(
            response,
            Text::new("number-and-fee query", "返回单号和费用接口"),
            Text::new("", ""),
        ));
    };
    match answer.code {
        Some(code::PENDING) => FollowUpAnswer::NotYet,
        Some(code::OK) => numbered(response, &answer),
        None => FollowUpAnswer::Problem(error(
            response,
            Some(&answer),
            Text::new(
                "logssc's number-and-fee answer has no result code",
                "logssc 返回单号和费用应答中没有结果代码",
            ),
        )),
        Some(_) if super::auth::is_auth_error(response) => FollowUpAnswer::Problem(error(
            response,
            Some(&answer),
            Text::new(
                "logssc did not accept this account's token or appId",
                "logssc 未接受该账号的 token 或 appId",
            ),
        )),
        Some(_) if looks_like_not_found(&answer) => FollowUpAnswer::NoSuchOrder(error(
            response,
            Some(&answer),
            Text::new(
                "logssc has no order under this customer number: nothing was placed",
                "logssc 没有该客户单号的订单：未下单",
            ),
        )),
        Some(_) => FollowUpAnswer::OrderFailed(error(
            response,
            Some(&answer),
            Text::new(
                "logssc could not place the order. It keeps the balance reserved until a refund is requested: request the refund in History (or `shipdesk refund`).",
                "logssc 下单失败，在申请退款前会一直占用余额：请在“历史”中（或用 shipdesk refund）申请退款。",
            ),
        )),
    }
}

fn numbered(response: &WireResponse, answer: &Answer) -> FollowUpAnswer {
    let data = answer.data_object();
    let first_of = |list: &str| {
        data.and_then(|d| d.get(list))
            .and_then(Value::as_array)
            .and_then(|items| items.iter().find_map(value_text))
    };
    let first_detail = data
        .and_then(|d| d.get("details"))
        .and_then(Value::as_array)
        .and_then(|details| {
            details
                .iter()
                .find_map(|d| d.get("serviceNumber").and_then(value_text))
        });
    let tracking = answer
        .data_text(&["serviceNumber"])
        .or_else(|| first_of("masterServiceNumbers"))
        .or(first_detail);
    let Some(tracking_number) = tracking else {
        return FollowUpAnswer::Problem(error(
            response,
            Some(answer),
            Text::new(
                "logssc says the order is placed but sent no tracking number (serviceNumber)",
                "logssc 返回已下单，但没有跟踪号（serviceNumber）",
            ),
        ));
    };
    let tracking_number = match checked_tracking_number(&tracking_number, Some(response.status)) {
        Ok(number) => number,
        Err(nonsense) => return FollowUpAnswer::Problem(nonsense),
    };
    let charged = data
        .and_then(|d| d.get("prepaidPrice"))
        .and_then(value_decimal)
        .map(|amount| {
            let currency = answer
                .data_text(&["currency", "currencyCode"])
                .unwrap_or_else(|| DEFAULT_CURRENCY.to_owned());
            Money::new(amount, &currency)
        });
    FollowUpAnswer::Numbered(NumberedOrder {
        tracking_number,
        forwarder_order_id: answer.data_text(&["orderNumber"]),
        charged,
    })
}

/// INFERENCE (no example): a failure that names no order and says it does not exist.
fn looks_like_not_found(answer: &Answer) -> bool {
    if answer.data_text(&["orderNumber"]).is_some() {
        return false;
    }
    let words = answer.words().to_lowercase();
    ["不存在", "未找到", "查无", "not found", "not exist"]
        .iter()
        .any(|w| words.contains(w))
}

/// What a 返回面单 answer means: 1115 not ready; 200 with a link (downloaded by the engine) or
/// the base64 PDF itself, in `data` or `data.label`/`labelUrl`/`url`/`base64`/`pdf`.
pub fn parse_label(response: &WireResponse) -> FollowUpAnswer {
    let Some(answer) = Answer::parse(&response.body) else {
        return FollowUpAnswer::Problem(unreadable(
            response,
            Text::new("label address", "面单接口"),
            Text::new("", ""),
        ));
    };
    if answer.code == Some(code::LABEL_NOT_READY) {
        return FollowUpAnswer::NotYet;
    }
    if answer.code != Some(code::OK) {
        return FollowUpAnswer::Problem(error(
            response,
            Some(&answer),
            Text::new(
                "logssc could not give the label yet",
                "logssc 暂时无法提供面单",
            ),
        ));
    }
    let content = match &answer.data {
        Value::Object(_) => answer.data_text(&[
            "label",
            "labelUrl",
            "url",
            "labelBase64",
            "base64",
            "pdf",
            "file",
        ]),
        other => value_text(other),
    };
    let Some(content) = content else {
        return FollowUpAnswer::NotYet;
    };
    let lower = content.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return FollowUpAnswer::Label(LabelSource::Url(content));
    }
    match decode_base64(&content) {
        Some(bytes) => FollowUpAnswer::Label(LabelSource::Inline(bytes)),
        None => FollowUpAnswer::Problem(error(
            response,
            Some(&answer),
            Text::new(
                "logssc's label is neither a link nor base64",
                "logssc 返回的面单既不是链接也不是 base64",
            ),
        )),
    }
}

/// Standard base64 with or without a `data:…;base64,` prefix, line breaks allowed.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let payload = text.split_once(";base64,").map_or(text, |(_, rest)| rest);
    let compact: String = payload.split_whitespace().collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .ok()
        .filter(|bytes| !bytes.is_empty())
}

/// Whether logssc accepted a refund request; either way in its own words.
pub fn parse_refund(response: &WireResponse) -> Result<Text, ForwarderError> {
    let Some(answer) = Answer::parse(&response.body) else {
        return Err(unreadable(
            response,
            Text::new("refund address", "退款接口"),
            Text::new(": the refund is not confirmed", "：退款未确认"),
        ));
    };
    if answer.code == Some(code::OK) {
        let words = answer.words();
        let own = if words.is_empty() {
            String::new()
        } else {
            format!(" ({words})")
        };
        return Ok(Text::new(
            format!("logssc accepted the refund request{own}."),
            format!("logssc 已受理退款申请{own}。"),
        ));
    }
    Err(error(
        response,
        Some(&answer),
        Text::new("logssc refused the refund", "logssc 拒绝了退款申请"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(body: &str) -> WireResponse {
        WireResponse {
            status: 200,
            content_type: Some("application/json".to_owned()),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn unreadable_answers_name_the_call_in_both_languages() {
        let page = WireResponse {
            status: 502,
            content_type: Some("text/html".to_owned()),
            body: b"<html>502</html>".to_vec(),
        };
        let words = |error: ForwarderError| error.explanation;
        assert_eq!(
            words(parse_preview(&page).expect_err("unreadable")),
            Text::new(
                "logssc's fee preview answered HTTP 502 with an HTML page: check the account's preview path",
                "logssc 费用预览返回 HTTP 502，内容无法识别：请检查账号的费用预览路径",
            )
        );
        let FollowUpAnswer::Problem(result) = parse_result(&page) else {
            panic!("a problem");
        };
        assert_eq!(
            words(result),
            Text::new(
                "logssc's number-and-fee query answered HTTP 502 with an HTML page",
                "logssc 返回单号和费用接口返回 HTTP 502，内容无法识别",
            )
        );
        let FollowUpAnswer::Problem(label) = parse_label(&page) else {
            panic!("a problem");
        };
        assert_eq!(
            words(label),
            Text::new(
                "logssc's label address answered HTTP 502 with an HTML page",
                "logssc 面单接口返回 HTTP 502，内容无法识别",
            )
        );
        assert_eq!(
            words(parse_refund(&page).expect_err("unreadable")),
            Text::new(
                "logssc's refund address answered HTTP 502 with an HTML page: the refund is not confirmed",
                "logssc 退款接口返回 HTTP 502，内容无法识别：退款未确认",
            )
        );
    }

    #[test]
    fn preview_reads_the_fee_wherever_it_is() {
        let fee = parse_preview(&json(
            r#"{"code":200,"data":{"totalFee":"12.34"},"msg":""}"#,
        ));
        assert_eq!(fee.ok(), Some(Money::new(Decimal::new(1234, 2), "USD")));
        let bare = parse_preview(&json(r#"{"code":200,"data":9.5}"#));
        assert_eq!(bare.ok(), Some(Money::new(Decimal::new(95, 1), "USD")));
        let refused = parse_preview(&json(r#"{"code":1003,"msg":"该地区无LSO服务"}"#));
        assert!(matches!(refused, Err(e) if e.forwarder_message.contains("无LSO服务")));
        assert!(parse_preview(&json(r#"{"code":200,"data":{}}"#)).is_err());
    }

    #[test]
    fn result_codes() {
        assert_eq!(
            parse_result(&json(r#"{"code":1024,"msg":"下单处理中"}"#)),
            FollowUpAnswer::NotYet
        );
        let missing = parse_result(&json(r#"{"code":1002,"msg":"订单不存在"}"#));
        assert!(
            matches!(missing, FollowUpAnswer::NoSuchOrder(_)),
            "{missing:?}"
        );
        let failed = parse_result(&json(r#"{"code":1050,"msg":"下单失败"}"#));
        assert!(
            matches!(failed, FollowUpAnswer::OrderFailed(_)),
            "{failed:?}"
        );
        let auth = parse_result(&json(r#"{"code":401,"msg":"token失效"}"#));
        assert!(matches!(auth, FollowUpAnswer::Problem(e) if e.authentication));
    }

    #[test]
    fn a_placed_order_with_a_nonsense_number_is_a_problem() {
        let placed = |number: &str| {
            let body = serde_json::json!({"code": 200, "data": {"orderNumber": "O1", "serviceNumber": number}});
            parse_result(&json(&body.to_string()))
        };
        assert!(matches!(
            placed("1LSAB1234567"),
            FollowUpAnswer::Numbered(_)
        ));
        for nonsense in ["&lol9;", "<br>", "1LS 123"] {
            let said = placed(nonsense);
            assert!(
                matches!(said, FollowUpAnswer::Problem(_)),
                "{nonsense}: {said:?}"
            );
        }
    }

    #[test]
    fn labels_come_as_links_or_base64() {
        assert_eq!(
            parse_label(&json(r#"{"code":1115,"msg":"标签正在下载，请稍候!"}"#)),
            FollowUpAnswer::NotYet
        );
        assert_eq!(
            parse_label(&json(r#"{"code":200,"data":"https://x/l.pdf"}"#)),
            FollowUpAnswer::Label(LabelSource::Url("https://x/l.pdf".to_owned()))
        );
        assert_eq!(
            parse_label(&json(
                r#"{"code":200,"data":{"label":"data:application/pdf;base64,JVBERi0x\nLjQ="}}"#
            )),
            FollowUpAnswer::Label(LabelSource::Inline(b"%PDF-1.4".to_vec()))
        );
        assert!(matches!(
            parse_label(&json(r#"{"code":200,"data":"%%%"}"#)),
            FollowUpAnswer::Problem(_)
        ));
    }

    #[test]
    fn refund_in_its_own_words() {
        assert!(parse_refund(&json(r#"{"code":200,"msg":"退款成功"}"#)).is_ok());
        let refused = parse_refund(&json(r#"{"code":1009,"msg":"订单已退款"}"#));
        assert!(matches!(refused, Err(e) if e.forwarder_message == "订单已退款"));
    }
}
