//! Western Post (西邮物流) DMS open-api, seed 000: signed JSON `createOrder`, one piece per waybill.
//!
//! - `wire`: the request and answer exactly as the seed names and types them.
//! - `mapping`: pure `Shipment -> request` and `answer -> outcome`.
//! - `signing`: the `x-lt-signature` HMAC-SHA256 scheme (carriers.md §1.2).

mod mapping;
pub mod signing;
pub mod wire;

pub use mapping::{
    CREATE_ORDER_PATH, FIELDS, build_create_order, parse_connection_test, parse_create_order,
};

use super::{
    Account, Capabilities, CreateOutcome, Credentials, Forwarder, ForwarderDescriptor,
    ForwarderError, ForwarderKind, Header, HttpMethod, WireRequest, WireResponse,
};
use crate::model::{Shipment, Text, ValidationIssue};

/// Western Post, as the registry knows it.
pub const DESCRIPTOR: ForwarderDescriptor = ForwarderDescriptor {
    kind: ForwarderKind::WesternPost,
    id: "westernpost",
    name_en: "Western Post",
    name_zh: "西邮物流",
    secret_fields: &SECRET_FIELDS,
    known_hosts: &KNOWN_HOSTS,
    setting_fields: &SETTING_FIELDS,
    forwarder: &WesternPost,
};

/// Western Post's dialect.
pub struct WesternPost;

impl Forwarder for WesternPost {
    fn kind(&self) -> ForwarderKind {
        ForwarderKind::WesternPost
    }

    fn capabilities(&self) -> Capabilities {
        // Only createOrder is documented (seed 000); label re-fetch, cancel and lookup are not public.
        Capabilities {
            create: true,
            ..Capabilities::default()
        }
    }

    fn validate(&self, shipment: &Shipment, account: &Account) -> Vec<ValidationIssue> {
        mapping::validate(shipment, account)
    }

    fn create_body(&self, shipment: &Shipment, account: &Account) -> Vec<u8> {
        let request = build_create_order(shipment, account);
        // Serialising plain structs of strings and numbers cannot fail.
        serde_json::to_vec(&request).unwrap_or_default()
    }

    fn create_request(
        &self,
        body: Vec<u8>,
        account: &Account,
        credentials: &Credentials,
        now_ms: i64,
        nonce: &str,
    ) -> Result<WireRequest, ForwarderError> {
        signed_post(
            CREATE_ORDER_PATH,
            "createOrder",
            body,
            account,
            credentials,
            now_ms,
            nonce,
        )
    }

    fn parse_create(&self, response: &WireResponse) -> CreateOutcome {
        parse_create_order(response)
    }

    fn connection_test_request(
        &self,
        account: &Account,
        credentials: &Credentials,
        now_ms: i64,
        nonce: &str,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        // A tracking query for a number that cannot exist: harmless, and signed like any call.
        let body = br#"{"trackingNumber":"SHIPDESK-CONNECTION-TEST"}"#.to_vec();
        Some(signed_post(
            TRACKING_PATH,
            "tracking",
            body,
            account,
            credentials,
            now_ms,
            nonce,
        ))
    }

    fn parse_connection_test(&self, response: &WireResponse) -> Result<Text, ForwarderError> {
        mapping::parse_connection_test(response)
    }
}

/// Path of the tracking call (public Western Post API page, carriers.md §1.2).
pub const TRACKING_PATH: &str = "/v1/open-api/tracking";

/// Western Post's QA and production hosts (carriers.md §1.2).
pub const KNOWN_HOSTS: [crate::carriers::KnownHost; 2] = [
    crate::carriers::KnownHost {
        label_en: "Test",
        label_zh: "测试",
        url: "http://dms.qa.xiyou56.com",
    },
    crate::carriers::KnownHost {
        label_en: "Production",
        label_zh: "正式",
        url: "https://dms.xiyou56.com",
    },
];

/// Keychain key of the access id (openKeyId).
pub const OPEN_KEY_ID: &str = "open_key_id";
/// Keychain key of the signing secret (secretKey).
pub const SECRET_KEY: &str = "secret_key";

/// The secrets a Western Post account needs.
pub const SECRET_FIELDS: [crate::carriers::SecretField; 2] = [
    crate::carriers::SecretField {
        key: OPEN_KEY_ID,
        label_en: "openKeyId",
        label_zh: "openKeyId（访问标识）",
    },
    crate::carriers::SecretField {
        key: SECRET_KEY,
        label_en: "secretKey",
        label_zh: "secretKey（签名密钥）",
    },
];

/// The path the signature covers, e.g. `/open-api/{service}`; empty means the request's own
/// path (`/v1/open-api/createOrder`). carriers.md §7.1: which one Western Post checks is open.
pub const SIGNED_PATH: crate::carriers::SettingField = crate::carriers::SettingField {
    key: "signed_path",
    label_en: "Signed path (empty: the request's own)",
    label_zh: "签名路径（留空：请求本身路径）",
    default: "",
    choices: &[],
};

/// Western Post's own account settings.
pub const SETTING_FIELDS: [crate::carriers::SettingField; 1] = [SIGNED_PATH];

/// A signed JSON POST to `path`: the x-lt-* headers of seed 000, signed for the account's
/// signed-path setting with `{service}` filled in.
fn signed_post(
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
    let signed = signing::signed_path(account.settings.field(&SIGNED_PATH), path, service);
    let signature = signing::sign(open_key_id, secret_key, &timestamp, &signed, nonce);
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
