//! How ECCANG requests are authenticated: the account's `appToken` and `appKey` travel inside
//! every `callService` envelope (seed 001), so the audit copy of a body has them redacted.

use super::wire::envelope::{ENDPOINT_PATH, SOAP_ACTION, build_envelope};
use crate::carriers::{
    Account, Credentials, ForwarderError, Header, HttpMethod, SecretField, WireRequest,
};
use crate::model::Text;

/// Keys of the account's secrets in [`Credentials`].
pub const APP_TOKEN: &str = "app_token";
/// See [`APP_TOKEN`].
pub const APP_KEY: &str = "app_key";

/// The secrets an ECCANG account needs.
pub const SECRET_FIELDS: [SecretField; 2] = [
    SecretField::new(APP_TOKEN, "appToken", "appToken（应用令牌）"),
    SecretField::new(APP_KEY, "appKey", "appKey（应用密钥）"),
];

/// The HTTP request for one call: POST to [`ENDPOINT_PATH`] on the account's host.
///
/// The credentials travel in the body, so `body` must be passed through [`redact_credentials`]
/// before it is stored or logged.
pub fn call_request(
    account: &Account,
    credentials: &Credentials,
    service: &str,
    params_json: &str,
) -> Result<WireRequest, ForwarderError> {
    let app_token = credentials.get(APP_TOKEN).trim();
    let app_key = credentials.get(APP_KEY).trim();
    if app_token.is_empty() || app_key.is_empty() {
        return Err(ForwarderError {
            http_status: None,
            forwarder_code: None,
            forwarder_message: String::new(),
            explanation: Text::new(
                "This ECCANG account has no appToken/appKey in the keychain. Add them in Accounts.",
                "该易仓账号在钥匙串中没有 appToken/appKey，请在“账号”中填写。",
            ),
            authentication: true,
        });
    }
    let header = |name: &str, value: &str| Header {
        name: name.to_owned(),
        value: value.to_owned(),
        sensitive: false,
    };
    Ok(WireRequest {
        method: HttpMethod::Post,
        url: account.url(ENDPOINT_PATH),
        headers: vec![
            header("Content-Type", "text/xml; charset=utf-8"),
            header("SOAPAction", SOAP_ACTION),
        ],
        body: build_envelope(service, params_json, app_token, app_key).into_bytes(),
    })
}

/// The envelope with the texts of `appToken` and `appKey` replaced by `[redacted]`, for the
/// audit trail and logs.
pub fn redact_credentials(envelope: &str) -> String {
    let mut out = envelope.to_owned();
    for name in ["appToken", "appKey"] {
        let open = format!("<{name}>");
        let close = format!("</{name}>");
        let mut from = 0;
        while let Some(start) = out[from..].find(&open).map(|i| from + i + open.len()) {
            let Some(end) = out[start..].find(&close).map(|i| start + i) else {
                out.truncate(start);
                out.push_str("[redacted]");
                break;
            };
            out.replace_range(start..end, "[redacted]");
            from = start + "[redacted]".len() + close.len();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_hides_both_secrets_only() {
        let envelope = build_envelope("createOrder", "{\"a\":1}", "TOKEN-1", "KEY&2");
        let redacted = redact_credentials(&envelope);
        assert!(!redacted.contains("TOKEN-1"), "{redacted}");
        assert!(!redacted.contains("KEY"), "{redacted}");
        assert!(redacted.contains("<appToken>[redacted]</appToken>"));
        assert!(redacted.contains("<appKey>[redacted]</appKey>"));
        assert!(redacted.contains("<paramsJson>{\"a\":1}</paramsJson>"));
        assert!(redacted.contains("<service>createOrder</service>"));
    }
}
