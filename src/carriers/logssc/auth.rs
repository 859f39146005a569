//! logssc's token: `商户获取token(通用)` is named but not shown in seed 003, so its shape is a
//! documented default: `POST <token_path>` with `{"appId", "appSecret"}`, answered
//! `{code: 200, data: "<token>"}` (or `data.token`). Every other call carries `token` and `appId`
//! in its body (the seed's orderCommit does). The token is never stored (the engine keeps it in
//! memory), and the audit copy of every body has `token`, `appId` and `appSecret` removed.

use serde_json::Value;

use super::answers::{code, excerpt};
use super::settings::TOKEN_PATH;
use super::wire::Answer;
use crate::carriers::{
    Account, Credentials, ForwarderError, Header, HttpMethod, SESSION_TOKEN, SecretField,
    SettingField, WireRequest, WireResponse,
};
use crate::model::Text;

/// Key of the merchant APP-KEY (`appId`) in [`Credentials`].
pub const APP_ID: &str = "app_id";
/// Key of the secret the token call takes (`appSecret`) in [`Credentials`].
pub const APP_SECRET: &str = "app_secret";

/// The secrets a logssc account needs.
pub const SECRET_FIELDS: [SecretField; 2] = [
    SecretField::new(APP_ID, "appId (merchant APP-KEY)", "appId（商户APP-KEY）"),
    SecretField::new(
        APP_SECRET,
        "appSecret (for the token)",
        "appSecret（获取token用）",
    ),
];

/// Body keys that carry credentials, removed from every audit copy.
const SECRET_KEYS: [&str; 3] = ["token", "appId", "appSecret"];

fn missing(what: &str) -> ForwarderError {
    ForwarderError {
        http_status: None,
        forwarder_code: None,
        forwarder_message: String::new(),
        explanation: Text::new(
            format!("This logssc account has no {what}: add it in Accounts."),
            format!("该 logssc 账号缺少 {what}：请在“账号”中填写。"),
        ),
        authentication: false,
    }
}

/// A JSON POST to `path` on the account's host.
fn post(account: &Account, path: &str, body: String) -> WireRequest {
    WireRequest {
        method: HttpMethod::Post,
        url: account.url(path),
        headers: vec![Header {
            name: "Content-Type".to_owned(),
            value: "application/json;charset=UTF-8".to_owned(),
            sensitive: false,
        }],
        body: body.into_bytes(),
    }
}

/// A credentialed POST of `body` to the account's `path` setting.
pub(super) fn call(
    account: &Account,
    credentials: &Credentials,
    path: &SettingField,
    body: &[u8],
) -> Result<WireRequest, ForwarderError> {
    let body = with_credentials(credentials, body)?;
    Ok(post(account, account.settings.field(path), body))
}

/// The token call.
pub fn token_request(
    account: &Account,
    credentials: &Credentials,
) -> Result<WireRequest, ForwarderError> {
    let app_id = credentials.get(APP_ID).trim();
    let secret = credentials.get(APP_SECRET).trim();
    if app_id.is_empty() {
        return Err(missing("appId"));
    }
    if secret.is_empty() {
        return Err(missing("appSecret"));
    }
    let body = serde_json::json!({ "appId": app_id, "appSecret": secret }).to_string();
    Ok(post(account, account.settings.field(&TOKEN_PATH), body))
}

/// The token in a token answer, or why there is none.
pub fn parse_token(response: &WireResponse) -> Result<String, ForwarderError> {
    let Some(answer) = Answer::parse(&response.body) else {
        return Err(ForwarderError {
            http_status: Some(response.status),
            forwarder_code: None,
            forwarder_message: excerpt(&response.body_text()),
            explanation: Text::new(
                format!(
                    "logssc's token address answered HTTP {} with something that is not logssc's JSON: check the account's base URL and token path",
                    response.status
                ),
                format!(
                    "logssc 获取 token 接口返回 HTTP {}，内容不是 logssc 的 JSON：请检查接口地址和 token 路径",
                    response.status
                ),
            ),
            authentication: matches!(response.status, 401 | 403),
        });
    };
    let token = match &answer.data {
        Value::Object(_) => answer.data_text(&["token", "accessToken", "access_token"]),
        other => crate::carriers::lenient::value_text(other),
    };
    match (answer.code, token) {
        (Some(code::OK), Some(token)) => Ok(token),
        (status, _) => Err(ForwarderError {
            http_status: Some(response.status),
            forwarder_code: status.map(|c| c.to_string()),
            forwarder_message: answer.words(),
            explanation: Text::new(
                "logssc did not give a token for this appId/appSecret: check them in Accounts",
                "logssc 未为该 appId/appSecret 发放 token：请在“账号”中核对",
            ),
            authentication: true,
        }),
    }
}

/// `body` (a stored JSON object without credentials) with `token` and `appId` put first, the
/// rest byte for byte as stored, so a re-sent body is the one first recorded.
pub fn with_credentials(credentials: &Credentials, body: &[u8]) -> Result<String, ForwarderError> {
    let app_id = credentials.get(APP_ID).trim();
    if app_id.is_empty() {
        return Err(missing("appId"));
    }
    let token = credentials.get(SESSION_TOKEN).trim();
    if token.is_empty() {
        return Err(missing("token"));
    }
    let text = String::from_utf8_lossy(body);
    let rest = text.trim().strip_prefix('{').unwrap_or("}").trim_start();
    let comma = if rest.starts_with('}') { "" } else { "," };
    Ok(format!(
        "{{\"token\":{},\"appId\":{}{comma}{rest}",
        Value::from(token),
        Value::from(app_id)
    ))
}

/// What the audit trail keeps of a logssc body: `token`, `appId` and `appSecret` replaced by
/// `[redacted]`, everything else as sent. A body that cannot be read is replaced whole, so a
/// credential never leaks through an unexpected shape.
pub fn redact_body(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    let Ok(Value::Object(root)) = serde_json::from_str::<Value>(&text) else {
        return b"[redacted: unreadable body]".to_vec();
    };
    let mut out = text.into_owned();
    for key in SECRET_KEYS {
        let Some(value) = root.get(key) else {
            continue;
        };
        let pair = format!("{}:{value}", Value::from(key));
        if !out.contains(&pair) {
            return b"[redacted: unexpected body layout]".to_vec();
        }
        out = out.replacen(&pair, &format!("{}:\"[redacted]\"", Value::from(key)), 1);
    }
    out.into_bytes()
}

/// Whether an answer says the token (or appId) was not accepted. Seed 003 gives no code for it;
/// documented default: HTTP 401/403, `code` 401/403, or a message about the token being
/// invalid or expired (`token失效`, `token已过期`, `token无效`, …).
pub fn is_auth_error(response: &WireResponse) -> bool {
    if matches!(response.status, 401 | 403) {
        return true;
    }
    let Some(answer) = Answer::parse(&response.body) else {
        return false;
    };
    if matches!(answer.code, Some(401 | 403)) {
        return true;
    }
    if answer.code == Some(code::OK) {
        return false;
    }
    let words = answer.words().to_lowercase();
    words.contains("token")
        && ["失效", "过期", "无效", "错误", "invalid", "expired"]
            .iter()
            .any(|w| words.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds() -> Credentials {
        Credentials::from_pairs([(APP_ID, "APP1"), (APP_SECRET, "S1"), (SESSION_TOKEN, "T1")])
    }

    #[test]
    fn credentials_go_first_and_the_rest_stays_as_stored() {
        let body = with_credentials(&creds(), br#"{"customerNumber":"C1","city":"X"}"#);
        assert_eq!(
            body.ok().as_deref(),
            Some(r#"{"token":"T1","appId":"APP1","customerNumber":"C1","city":"X"}"#)
        );
        let empty = with_credentials(&creds(), b"{}");
        assert_eq!(
            empty.ok().as_deref(),
            Some(r#"{"token":"T1","appId":"APP1"}"#)
        );
        let no_token = with_credentials(&Credentials::from_pairs([(APP_ID, "A")]), b"{}");
        assert!(no_token.is_err());
    }

    #[test]
    fn the_audit_copy_has_no_credentials() {
        let body = with_credentials(&creds(), br#"{"customerNumber":"C1"}"#).unwrap_or_default();
        let redacted = String::from_utf8(redact_body(body.as_bytes())).unwrap_or_default();
        assert_eq!(
            redacted,
            r#"{"token":"[redacted]","appId":"[redacted]","customerNumber":"C1"}"#
        );
        assert_eq!(redact_body(b"not json"), b"[redacted: unreadable body]");
    }

    #[test]
    fn auth_errors() {
        let json = |status: u16, body: &str| WireResponse {
            status,
            content_type: None,
            body: body.as_bytes().to_vec(),
        };
        assert!(is_auth_error(&json(401, "")));
        assert!(is_auth_error(&json(200, r#"{"code":401,"msg":"x"}"#)));
        assert!(is_auth_error(&json(
            200,
            r#"{"code":1002,"msg":"token已失效"}"#
        )));
        assert!(!is_auth_error(&json(
            200,
            r#"{"code":1024,"msg":"下单未完成"}"#
        )));
        assert!(!is_auth_error(&json(
            200,
            r#"{"code":200,"msg":"token ok"}"#
        )));
    }
}
