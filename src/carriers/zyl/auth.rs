//! How ZYL requests are authenticated, and keeping the credentials out of the audit trail.
//!
//! Two modes, chosen per account (carriers.md §3.3):
//! - [`AuthMode::StaticSign`] (default): seed 002's body fields `ileId` + `sign` ("ile key"),
//!   sent verbatim. The label GET carries no credentials at all (its page documents none).
//! - [`AuthMode::Md5Header`]: the overview page's headers on every call: `ApiKey`,
//!   `Authorization = md5_hex(RequestURI + "|" + ApiKey + "|" + SecretKey)` and `TimeStamp` (ms).
//!   INFERENCE: `ApiKey` is the ile id and `SecretKey` the ile key (the page names neither);
//!   the hex is lower-case (the page does not say). The create body still carries `ileId`/`sign`,
//!   because seed 002 marks them required: a server that checks either way is satisfied.

use md5::{Digest as _, Md5};
use serde::{Deserialize, Serialize};

use crate::carriers::{
    Account, Credentials, ForwarderError, Header, HttpMethod, SecretField, WireRequest,
};
use crate::model::Text;

/// Key of the ile id in [`Credentials`].
pub const ILE_ID: &str = "ile_id";
/// Key of the ile key (`sign`) in [`Credentials`].
pub const SIGN: &str = "sign";

/// The secrets a ZYL account needs.
pub const SECRET_FIELDS: [SecretField; 2] = [
    SecretField::new(ILE_ID, "ileId", "ileId（ILE 账号）"),
    SecretField::new(SIGN, "sign (ile key)", "sign（ile key 密钥）"),
];

/// Header names of the MD5 scheme (overview page).
pub const API_KEY_HEADER: &str = "ApiKey";
/// See [`API_KEY_HEADER`].
pub const AUTHORIZATION_HEADER: &str = "Authorization";
/// See [`API_KEY_HEADER`].
pub const TIMESTAMP_HEADER: &str = "TimeStamp";

/// How an account's requests prove who sends them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthMode {
    /// `ileId` + `sign` in the create body, verbatim (seed 002).
    #[default]
    StaticSign,
    /// The MD5 `Authorization` header scheme on every call, besides the body fields.
    Md5Header,
}

impl AuthMode {
    /// Every mode, for pickers.
    pub const ALL: [Self; 2] = [Self::StaticSign, Self::Md5Header];

    /// Stable id, as stored and typed on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Self::StaticSign => "static_sign",
            Self::Md5Header => "md5_header",
        }
    }

    /// Parses an id.
    pub fn parse(id: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|m| m.id().eq_ignore_ascii_case(id.trim()))
    }

    /// Name shown to people.
    pub fn display_name(self) -> Text {
        match self {
            Self::StaticSign => Text::new("sign in the body (default)", "报文内 sign（默认）"),
            Self::Md5Header => Text::new("MD5 Authorization header", "MD5 Authorization 请求头"),
        }
    }
}

/// The ile id and ile key of an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IleCredentials<'a> {
    /// `ileId`.
    pub ile_id: &'a str,
    /// `sign` (the ile key).
    pub sign: &'a str,
}

/// The account's ile id and key, or why the request cannot be made.
pub fn ile_credentials(credentials: &Credentials) -> Result<IleCredentials<'_>, ForwarderError> {
    let ile_id = credentials.get(ILE_ID).trim();
    let sign = credentials.get(SIGN).trim();
    if ile_id.is_empty() || sign.is_empty() {
        return Err(ForwarderError {
            http_status: None,
            forwarder_code: None,
            forwarder_message: String::new(),
            explanation: Text::new(
                "This ZYL account has no ileId/sign in the keychain. Add them in Accounts.",
                "该 ZYL 账号在钥匙串中没有 ileId/sign，请在“账号”中填写。",
            ),
            authentication: true,
        });
    }
    Ok(IleCredentials { ile_id, sign })
}

/// `md5_hex(request_uri + "|" + api_key + "|" + secret_key)`, lower-case. `request_uri` is the
/// path only (no host, no query).
pub fn md5_signature(request_uri: &str, api_key: &str, secret_key: &str) -> String {
    let digest = Md5::digest(format!("{request_uri}|{api_key}|{secret_key}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks an MD5 signature the way the forwarder would (the sandbox uses this). The case of the
/// hex is not documented, so either is accepted.
pub fn verify_md5(request_uri: &str, api_key: &str, secret_key: &str, signature: &str) -> bool {
    let expected = md5_signature(request_uri, api_key, secret_key);
    let signature = signature.trim().to_ascii_lowercase();
    crate::carriers::same_secret(&expected, &signature)
}

/// The path of a URL (what the MD5 scheme signs): no scheme, host or query.
pub fn request_uri(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme
        .find('/')
        .map_or("/", |start| &after_scheme[start..]);
    path.split(['?', '#']).next().unwrap_or("/").to_owned()
}

/// The headers `mode` adds to a call of `request_uri` at `now_ms` (none for the static sign).
pub fn auth_headers(
    mode: AuthMode,
    credentials: IleCredentials<'_>,
    request_uri: &str,
    now_ms: i64,
) -> Vec<Header> {
    match mode {
        AuthMode::StaticSign => Vec::new(),
        AuthMode::Md5Header => vec![
            Header {
                name: API_KEY_HEADER.to_owned(),
                value: credentials.ile_id.to_owned(),
                sensitive: true,
            },
            Header {
                name: AUTHORIZATION_HEADER.to_owned(),
                value: md5_signature(request_uri, credentials.ile_id, credentials.sign),
                sensitive: true,
            },
            Header {
                name: TIMESTAMP_HEADER.to_owned(),
                value: now_ms.to_string(),
                sensitive: false,
            },
        ],
    }
}

/// A call whose body carries no credentials (the label GET, getOrdersTrack): `method` to `url`
/// with `header`, and the MD5 headers, signed over the path, when the account uses them (with
/// the static sign these calls carry no credentials at all: their pages document none).
pub fn call_request(
    account: &Account,
    credentials: &Credentials,
    method: HttpMethod,
    url: String,
    header: Header,
    body: Vec<u8>,
    now_ms: i64,
) -> Result<WireRequest, ForwarderError> {
    let mut headers = vec![header];
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
        method,
        url,
        headers,
        body,
    })
}

/// The whole `orderByApi` body around a stored `data` text, in the seed example's key order
/// (`ileId`, `sign`, `method`, `userId`, `data`). `data_json` goes in verbatim, so a re-sent
/// order is byte for byte the one first sent; `userId` is left out when empty (optional).
pub fn order_body(credentials: IleCredentials<'_>, user_id: &str, data_json: &str) -> String {
    let quote = |text: &str| serde_json::Value::from(text).to_string();
    let user = user_id.trim();
    let user = if user.is_empty() {
        String::new()
    } else {
        format!(",\"userId\":{}", quote(user))
    };
    format!(
        "{{\"ileId\":{},\"sign\":{},\"method\":\"create\"{user},\"data\":{}}}",
        quote(credentials.ile_id),
        quote(credentials.sign),
        data_json.trim()
    )
}

/// What the audit trail keeps of an `orderByApi` body: `ileId` and `sign` replaced by
/// `[redacted]`, everything else as sent. A body that cannot be read is replaced whole, so a
/// credential never leaks through an unexpected shape.
pub fn redact_body(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    let Ok(serde_json::Value::Object(root)) = serde_json::from_str::<serde_json::Value>(&text)
    else {
        return b"[redacted: unreadable body]".to_vec();
    };
    let mut out = text.into_owned();
    for key in ["ileId", "sign"] {
        let Some(value) = root.get(key) else {
            continue;
        };
        // The body's own text for the pair, as order_body writes it (and JSON would): the top
        // level pair comes first in the text, before `data`.
        let pair = format!("{}:{value}", serde_json::Value::from(key));
        let redacted = format!("{}:\"[redacted]\"", serde_json::Value::from(key));
        if out.contains(&pair) {
            out = out.replacen(&pair, &redacted, 1);
        } else {
            return b"[redacted: unexpected body layout]".to_vec();
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEMO: IleCredentials<'static> = IleCredentials {
        ile_id: "ILE-DEMO-001",
        sign: "ile-demo-key",
    };

    #[test]
    fn md5_known_answer() {
        // Computed independently: printf '%s' '/oms/v1/Order/orderByApi|ILE-DEMO-001|ile-demo-key' | md5sum
        assert_eq!(
            md5_signature("/oms/v1/Order/orderByApi", "ILE-DEMO-001", "ile-demo-key"),
            "45778cb88a57d49d32de0b1b109a4373"
        );
        assert_eq!(
            md5_signature(
                "/oms/v1/OrderLabel/findOrderLabelByCode/ILS20231012054224269000042D/2/1111",
                "ILE-DEMO-001",
                "ile-demo-key"
            ),
            "efa6d6f336960d9d71f0faa0fae24b35"
        );
        assert!(verify_md5(
            "/oms/v1/Order/orderByApi",
            "ILE-DEMO-001",
            "ile-demo-key",
            "45778CB88A57D49D32DE0B1B109A4373"
        ));
        assert!(!verify_md5(
            "/x",
            "ILE-DEMO-001",
            "ile-demo-key",
            "45778cb8"
        ));
    }

    #[test]
    fn request_uris() {
        assert_eq!(request_uri("http://h:1/p/q?x=1"), "/p/q");
        assert_eq!(request_uri("https://h"), "/");
    }

    #[test]
    fn headers_per_mode() {
        assert!(auth_headers(AuthMode::StaticSign, DEMO, "/p", 1).is_empty());
        let headers = auth_headers(AuthMode::Md5Header, DEMO, "/oms/v1/Order/orderByApi", 1_700);
        let names: Vec<_> = headers.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(names, ["ApiKey", "Authorization", "TimeStamp"]);
        assert_eq!(headers[1].value, "45778cb88a57d49d32de0b1b109a4373");
        assert_eq!(headers[2].value, "1700");
        assert!(headers[0].sensitive && headers[1].sensitive && !headers[2].sensitive);
    }

    #[test]
    fn body_wraps_data_verbatim_and_redacts() {
        let body = order_body(DEMO, "1111", r#"{"cust_ref":"sign"}"#);
        assert_eq!(
            body,
            r#"{"ileId":"ILE-DEMO-001","sign":"ile-demo-key","method":"create","userId":"1111","data":{"cust_ref":"sign"}}"#
        );
        let audit = String::from_utf8(redact_body(body.as_bytes())).unwrap_or_default();
        assert_eq!(
            audit,
            r#"{"ileId":"[redacted]","sign":"[redacted]","method":"create","userId":"1111","data":{"cust_ref":"sign"}}"#
        );
        assert!(!order_body(DEMO, " ", "{}").contains("userId"));
        let quoted = IleCredentials {
            ile_id: "a\"b",
            sign: "c\\d",
        };
        let audit = redact_body(order_body(quoted, "", "{}").as_bytes());
        assert!(!String::from_utf8_lossy(&audit).contains("c\\\\d"));
        assert_eq!(redact_body(b"not json"), b"[redacted: unreadable body]");
    }

    #[test]
    fn modes_parse() {
        assert_eq!(AuthMode::parse("MD5_HEADER"), Some(AuthMode::Md5Header));
        assert_eq!(AuthMode::parse("static_sign"), Some(AuthMode::StaticSign));
        assert_eq!(AuthMode::parse("hmac"), None);
        assert_eq!(AuthMode::default(), AuthMode::StaticSign);
    }
}
