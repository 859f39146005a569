//! What Western Post's answers mean: createOrder's envelope onto the shared outcomes, and the
//! connection test's. Pure.

use super::wire::{CreatedData, Envelope};
use crate::carriers::lenient::excerpt;
use crate::carriers::{
    Booking, CreateOutcome, ForwarderError, ForwarderKind, LabelSource, WireResponse,
    checked_tracking_number, credentials_refused, not_confirmed,
};
use crate::model::Text;

/// What Western Post's answer means.
pub fn parse_create_order(response: &WireResponse) -> CreateOutcome {
    let envelope = match serde_json::from_slice::<Envelope>(&response.body) {
        Ok(envelope) => envelope,
        Err(_) => return unreadable_or_refused(response),
    };
    let message = envelope.msg.clone().unwrap_or_default();
    let code = envelope
        .code
        .or((response.status != 200).then_some(i64::from(response.status)));
    let Some(code) = code else {
        // JSON, but not Western Post's envelope: nobody said yes or no, so it may have been bought.
        return CreateOutcome::Unreadable(ForwarderError {
            http_status: Some(response.status),
            forwarder_code: None,
            forwarder_message: excerpt(&response.body_text()),
            explanation: Text::new(
                "Western Post's answer has no result code. The order may or may not have been created: shipdesk will check before sending again.",
                "西邮应答中没有结果代码，无法确认是否已下单：再次提交前 shipdesk 会先核对。",
            ),
            authentication: false,
        });
    };
    let is_auth = code == 401 || response.status == 401;
    let error = |explanation: Text| ForwarderError {
        http_status: Some(response.status),
        forwarder_code: Some(code.to_string()),
        forwarder_message: message.clone(),
        explanation,
        authentication: is_auth,
    };

    if code == 200 && envelope.success != Some(false) {
        let data: CreatedData = serde_json::from_value(envelope.data.clone()).unwrap_or_default();
        let tracking = data.tracking_number.unwrap_or_default();
        if tracking.trim().is_empty() {
            return CreateOutcome::Unreadable(error(Text::new(
                "Western Post said the order was created but sent no tracking number. It may have been bought: shipdesk will check before sending again.",
                "西邮返回创建成功但没有跟踪号，可能已扣费：再次提交前 shipdesk 会先核对。",
            )));
        }
        let tracking = match checked_tracking_number(&tracking, Some(response.status)) {
            Ok(tracking) => tracking,
            Err(nonsense) => return CreateOutcome::Unreadable(nonsense),
        };
        let label = data
            .label_file
            .filter(|url| !url.trim().is_empty())
            .map(|url| LabelSource::Url(url.trim().to_owned()));
        return CreateOutcome::Created(Booking {
            tracking_number: tracking,
            forwarder_order_id: None,
            label,
        });
    }
    if is_auth {
        return CreateOutcome::Refused(error(Text::new(
            "Western Post did not accept this account's credentials or signature. Nothing was charged. Check the openKeyId and secretKey, the signed-path setting, and that this computer's clock is correct.",
            "西邮认证失败，未扣费。请检查 openKeyId、secretKey、签名路径设置，以及本机时间是否准确。",
        )));
    }
    if message.contains("已存在") || message.to_ascii_lowercase().contains("already exist") {
        return CreateOutcome::DuplicateReference(error(Text::new(
            "Western Post already has an order with this reference number.",
            "西邮已有使用该参考号的订单。",
        )));
    }
    CreateOutcome::Refused(error(Text::new(
        "Western Post refused the order. Nothing was charged: correct what it says and send again.",
        "西邮拒绝了该订单，未扣费：请按提示修改后重新提交。",
    )))
}

/// A body that is not the JSON envelope: a proxy page, a truncated answer, garbage.
fn unreadable_or_refused(response: &WireResponse) -> CreateOutcome {
    let what = if response.looks_like_html() {
        "an HTML page"
    } else if response.body.is_empty() {
        "an empty answer"
    } else {
        "an answer that is not valid JSON"
    };
    let error = |explanation: Text| ForwarderError {
        http_status: Some(response.status),
        forwarder_code: None,
        forwarder_message: excerpt(&response.body_text()),
        explanation,
        authentication: response.status == 401,
    };
    // A 4xx that is not Western Post's own envelope means the request never reached the order
    // service (wrong address, blocked): nothing can have been bought.
    if (400..500).contains(&response.status) {
        return CreateOutcome::Refused(error(Text::new(
            format!(
                "Western Post's server answered HTTP {} with {what}. Nothing was bought: check the account's base URL.",
                response.status
            ),
            format!(
                "西邮服务器返回 HTTP {}（{what}），未下单：请检查账号的接口地址。",
                response.status
            ),
        )));
    }
    CreateOutcome::Unreadable(error(Text::new(
        format!(
            "Western Post answered HTTP {} with {what}. The order may or may not have been created: shipdesk will check before sending again.",
            response.status
        ),
        format!(
            "西邮返回 HTTP {}（{what}），无法确认是否已下单：再次提交前 shipdesk 会先核对。",
            response.status
        ),
    )))
}

/// The connection test's answer (a signed tracking query for a number that cannot exist):
/// - `code` 200, or Western Post's refusal of that number ("跟踪号…不存在", "跟踪号必填", its
///   public error example), proves the signature was accepted: the query was looked at;
/// - `code` 401 (seed 000's 认证失败) or HTTP 401: the credentials or signature were refused;
/// - anything else (a busy server, another refusal, a page that is not Western Post's) is
///   "not confirmed", with its words. INFERENCE: only these refusals are known to come from
///   behind the signature check.
pub fn parse_connection_test(response: &WireResponse) -> Result<Text, ForwarderError> {
    let name = ForwarderKind::WesternPost.display_name();
    let error = |code: Option<i64>, message: String| ForwarderError {
        http_status: Some(response.status),
        forwarder_code: code.map(|c| c.to_string()),
        forwarder_message: message,
        explanation: Text::default(),
        authentication: false,
    };
    let Ok(envelope) = serde_json::from_slice::<Envelope>(&response.body) else {
        return Err(not_confirmed(
            &name,
            ForwarderError {
                explanation: Text::new(
                    format!(
                        "The server at this address did not answer like Western Post (HTTP {}). Check the base URL.",
                        response.status
                    ),
                    format!(
                        "该地址的服务器应答不像西邮接口（HTTP {}），请检查接口地址。",
                        response.status
                    ),
                ),
                ..error(None, excerpt(&response.body_text()))
            },
        ));
    };
    let message = envelope.msg.clone().unwrap_or_default();
    if envelope.code == Some(401) || response.status == 401 {
        return Err(credentials_refused(
            &name,
            error(envelope.code, message),
            "Check the openKeyId and secretKey, the signed-path setting, and this computer's clock.",
            "请检查 openKeyId、secretKey、签名路径设置和本机时间。",
        ));
    }
    let looked_at_the_number = message.contains("跟踪号")
        && ["不存在", "必填", "不能为空"]
            .iter()
            .any(|w| message.contains(w));
    if envelope.code == Some(200) || looked_at_the_number {
        return Ok(Text::new(
            format!(
                "Connected: Western Post accepted the credentials and the signature (it answered: {message})."
            ),
            format!("连接成功：西邮已接受密钥和签名（返回：{message}）。"),
        ));
    }
    Err(not_confirmed(&name, error(envelope.code, message)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> WireResponse {
        WireResponse::json(status, body)
    }

    #[test]
    fn the_connection_test_is_connected_refused_or_not_confirmed() {
        let connected = [
            r#"{"code":500,"success":false,"msg":"跟踪号[SHIPDESK-CONNECTION-TEST]不存在","data":{}}"#,
            r#"{"code":500,"success":false,"msg":"跟踪号必填","error":"跟踪号必填"}"#,
            r#"{"code":200,"success":true,"msg":"查询成功","data":{}}"#,
        ];
        for body in connected {
            let said = parse_connection_test(&answer(200, body));
            assert!(said.is_ok_and(|t| t.en.starts_with("Connected")), "{body}");
        }
        let refused = parse_connection_test(&answer(
            200,
            r#"{"code":401,"success":false,"msg":"认证失败","data":"","error":"认证失败"}"#,
        ))
        .expect_err("refused");
        assert!(refused.authentication);
        assert!(refused.describe().en.contains("refused the credentials"));
        for (status, body) in [
            (
                200,
                r#"{"code":500,"success":false,"msg":"系统繁忙，请稍后再试","data":{}}"#,
            ),
            (502, "<html><body>502 Bad Gateway</body></html>"),
        ] {
            let said = parse_connection_test(&answer(status, body)).expect_err("not ok");
            assert!(!said.authentication, "{body}");
            let words = said.describe();
            assert!(words.en.starts_with("Not confirmed"), "{words:?}");
            assert!(words.zh.starts_with("未能确认"), "{words:?}");
        }
        let busy = parse_connection_test(&answer(
            200,
            r#"{"code":500,"success":false,"msg":"系统繁忙，请稍后再试","data":{}}"#,
        ))
        .expect_err("not ok");
        assert!(
            busy.describe().en.contains("系统繁忙"),
            "the forwarder's words"
        );
    }

    #[test]
    fn a_created_order_with_a_nonsense_number_is_unreadable() {
        for number in ["&lol9;", "<b>1</b>", "LZ 1234"] {
            let body = serde_json::json!({"code":200,"success":true,"msg":"成功","data":{"trackingNumber":number,"labelFile":"http://x/l.pdf","labelFormat":"pdf"}});
            let outcome = parse_create_order(&answer(200, &body.to_string()));
            assert!(
                matches!(outcome, CreateOutcome::Unreadable(_)),
                "{number}: {outcome:?}"
            );
        }
    }
}
