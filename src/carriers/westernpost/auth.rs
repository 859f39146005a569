//! How Western Post requests are authenticated: the account's openKeyId/secretKey, and
//! `x-lt-signature`, the SHEIN open-platform scheme that seed 000's header table copies
//! (carriers.md §1.2): `randomKey + base64(hex(HMAC-SHA256(secretKey + randomKey,
//! openKeyId + "&" + timestamp + "&" + path)))`.

use base64::Engine as _;
use hmac::{KeyInit as _, Mac as _};

use super::settings::SIGNED_PATH;
use crate::carriers::{
    Account, Credentials, ForwarderError, Header, HttpMethod, SecretField, WireRequest,
};
use crate::model::Text;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Keychain key of the access id (openKeyId).
pub const OPEN_KEY_ID: &str = "open_key_id";
/// Keychain key of the signing secret (secretKey).
pub const SECRET_KEY: &str = "secret_key";

/// The secrets a Western Post account needs.
pub const SECRET_FIELDS: [SecretField; 2] = [
    SecretField::new(OPEN_KEY_ID, "openKeyId", "openKeyId（访问标识）"),
    SecretField::new(SECRET_KEY, "secretKey", "secretKey（签名密钥）"),
];

/// Length of the random key that prefixes the signature.
pub const RANDOM_KEY_LEN: usize = 5;

/// Signs one request. `timestamp_ms` is the exact text sent in `x-lt-timestamp`; `path` is the
/// path only (no host, no query); `random_key` is [`RANDOM_KEY_LEN`] fresh characters.
pub fn sign(
    open_key_id: &str,
    secret_key: &str,
    timestamp_ms: &str,
    path: &str,
    random_key: &str,
) -> String {
    let value = format!("{open_key_id}&{timestamp_ms}&{path}");
    let hex = hmac_hex(&format!("{secret_key}{random_key}"), &value);
    let encoded = base64::engine::general_purpose::STANDARD.encode(hex.as_bytes());
    format!("{random_key}{encoded}")
}

/// Checks a signature the way the forwarder does (the sandbox uses this).
pub fn verify(
    open_key_id: &str,
    secret_key: &str,
    timestamp_ms: &str,
    path: &str,
    signature: &str,
) -> bool {
    let Some(random_key) = signature.get(..RANDOM_KEY_LEN) else {
        return false;
    };
    let expected = sign(open_key_id, secret_key, timestamp_ms, path, random_key);
    crate::carriers::same_secret(&expected, signature)
}

/// The path to sign: the account's template with `{service}` filled in, or the request path.
pub fn signed_path(template: &str, request_path: &str, service: &str) -> String {
    let template = template.trim();
    if template.is_empty() {
        request_path.to_owned()
    } else {
        template.replace("{service}", service)
    }
}

fn hmac_hex(key: &str, value: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail; an empty MAC would fail verification anyway.
    let Ok(mut mac) = HmacSha256::new_from_slice(key.as_bytes()) else {
        return String::new();
    };
    mac.update(value.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A signed JSON POST to `path`: the x-lt-* headers of seed 000, signed for the account's
/// signed-path setting with `{service}` filled in.
pub(super) fn signed_post(
    path: &str,
    service: &str,
    body: Vec<u8>,
    account: &Account,
    credentials: &Credentials,
    now_ms: i64,
    nonce: &str,
) -> Result<WireRequest, ForwarderError> {
    let open_key_id = credentials.get(OPEN_KEY_ID);
    let secret_key = credentials.get(SECRET_KEY);
    if open_key_id.is_empty() || secret_key.is_empty() {
        return Err(ForwarderError {
            http_status: None,
            forwarder_code: None,
            forwarder_message: String::new(),
            explanation: Text::new(
                "This Western Post account has no openKeyId/secretKey in the keychain. Add them in Accounts.",
                "该西邮账号在钥匙串中没有 openKeyId/secretKey，请在“账号”中填写。",
            ),
            authentication: true,
        });
    }
    let timestamp = now_ms.to_string();
    let signed = signed_path(account.settings.field(&SIGNED_PATH), path, service);
    let signature = sign(open_key_id, secret_key, &timestamp, &signed, nonce);
    let header = |name: &str, value: String, sensitive: bool| Header {
        name: name.to_owned(),
        value,
        sensitive,
    };
    Ok(WireRequest {
        method: HttpMethod::Post,
        url: account.url(path),
        headers: vec![
            header(
                "Content-Type",
                "application/json;charset=UTF-8".to_owned(),
                false,
            ),
            header("x-lt-openKeyId", open_key_id.to_owned(), true),
            header("x-lt-timestamp", timestamp, false),
            header("x-lt-signature", signature, true),
        ],
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Known-answer vectors from carriers.md §1.2 (computed independently with Python's hmac).
    #[test]
    fn known_answer_for_the_request_path() {
        assert_eq!(
            sign(
                "OPENKEY123",
                "SECRET456",
                "1583398764000",
                "/v1/open-api/createOrder",
                "abcde"
            ),
            "abcdeYjdhZjEwYjA5Zjc4YTg1NGY1MTJjODRhOGFlM2E1ZDk1ZWI3MzBiZTRjNzI1ZjEwN2Y5MGU3Y2Y1YjMwMjA4OA=="
        );
    }

    #[test]
    fn known_answer_for_the_short_path() {
        assert_eq!(
            sign(
                "OPENKEY123",
                "SECRET456",
                "1583398764000",
                "/open-api/createOrder",
                "abcde"
            ),
            "abcdeNzJhOWI0NTRhYjU3MmFkMWFkNWY5YjA5YzBjZjBiMjY2Mzk5YzA2YWJkZjk3MTIwZDEzYTE4ODE1YTYxZWJlMQ=="
        );
    }

    #[test]
    fn verify_accepts_own_and_rejects_altered() {
        let sig = sign("K", "S", "1", "/v1/open-api/createOrder", "xY9z0");
        assert!(verify("K", "S", "1", "/v1/open-api/createOrder", &sig));
        assert!(!verify("K", "S", "2", "/v1/open-api/createOrder", &sig));
        assert!(!verify("K", "S", "1", "/open-api/createOrder", &sig));
        assert!(!verify("K", "S", "1", "/v1/open-api/createOrder", "abc"));
        assert!(!verify(
            "K",
            "S",
            "1",
            "/v1/open-api/createOrder",
            "日本語日本語"
        ));
    }

    #[test]
    fn signed_path_template() {
        assert_eq!(
            signed_path("", "/v1/open-api/createOrder", "createOrder"),
            "/v1/open-api/createOrder"
        );
        assert_eq!(
            signed_path("/open-api/{service}", "/v1/x", "createOrder"),
            "/open-api/createOrder"
        );
    }
}
