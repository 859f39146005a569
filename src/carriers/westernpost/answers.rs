//! What Western Post's answers mean: createOrder's envelope onto the shared outcomes, and the
//! connection test's. Pure.

use super::wire::{CreatedData, Envelope};
use crate::carriers::lenient::excerpt;
use crate::carriers::{Booking, CreateOutcome, ForwarderError, LabelSource, WireResponse};
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
        let label = data
            .label_file
            .filter(|url| !url.trim().is_empty())
            .map(|url| LabelSource::Url(url.trim().to_owned()));
        return CreateOutcome::Created(Booking {
            tracking_number: tracking.trim().to_owned(),
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

/// The connection test's answer: anything Western Post answers in its own envelope, other than
/// an authentication failure, proves the credentials and signature.
pub fn parse_connection_test(response: &WireResponse) -> Result<Text, ForwarderError> {
    let error = |explanation: Text, authentication: bool, code: Option<i64>, message: String| {
        ForwarderError {
            http_status: Some(response.status),
            forwarder_code: code.map(|c| c.to_string()),
            forwarder_message: message,
            explanation,
            authentication,
        }
    };
    let Ok(envelope) = serde_json::from_slice::<Envelope>(&response.body) else {
        return Err(error(
            Text::new(
                format!(
                    "The server at this address did not answer like Western Post (HTTP {}). Check the base URL.",
                    response.status
                ),
                format!(
                    "该地址的服务器应答不像西邮接口（HTTP {}），请检查接口地址。",
                    response.status
                ),
            ),
            false,
            None,
            excerpt(&response.body_text()),
        ));
    };
    let message = envelope.msg.clone().unwrap_or_default();
    if envelope.code == Some(401) || response.status == 401 {
        return Err(error(
            Text::new(
                "Western Post refused the credentials or the signature. Check the openKeyId and secretKey, the signed-path setting, and this computer's clock.",
                "西邮认证失败：请检查 openKeyId、secretKey、签名路径设置和本机时间。",
            ),
            true,
            envelope.code,
            message,
        ));
    }
    Ok(Text::new(
        format!(
            "Connected: Western Post accepted the credentials and the signature (it answered: {message})."
        ),
        format!("连接成功：西邮已接受密钥和签名（返回：{message}）。"),
    ))
}
