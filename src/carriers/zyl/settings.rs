//! ZYL's account settings: the customer id every order and label address carries, and how
//! requests are authenticated (seed 002 and carriers.md §3).

use super::auth::AuthMode;
use crate::carriers::{AccountSettings, SettingChoice, SettingField};

/// `userId` (下单客户ID): not a secret, but required; the label address contains it.
pub const USER_ID: SettingField = SettingField {
    key: "user_id",
    label_en: "userId (customer id)",
    label_zh: "userId（下单客户ID）",
    default: "",
    choices: &[],
};

/// The authentication mode: the static `sign` in the body (seed 002) or the MD5 header scheme.
pub const AUTH: SettingField = SettingField {
    key: "zyl_auth",
    label_en: "Authentication",
    label_zh: "认证方式",
    default: "static_sign",
    choices: &[
        SettingChoice {
            value: "static_sign",
            label_en: "sign in the body (default)",
            label_zh: "报文内 sign（默认）",
        },
        SettingChoice {
            value: "md5_header",
            label_en: "MD5 Authorization header as well",
            label_zh: "另加 MD5 Authorization 头",
        },
    ],
};

/// The host ZYL's API overview page names (carriers.md §3.2).
pub const KNOWN_HOSTS: [crate::carriers::KnownHost; 1] = [crate::carriers::KnownHost {
    label_en: "Production",
    label_zh: "正式",
    url: "http://xinzhtech.com",
}];

/// ZYL's own account settings.
pub const SETTING_FIELDS: [SettingField; 2] = [USER_ID, AUTH];

/// The account's customer id.
pub fn user_id(settings: &AccountSettings) -> &str {
    settings.field(&USER_ID)
}

/// The account's authentication mode (an unknown stored value reads as the default).
pub fn auth_mode(settings: &AccountSettings) -> AuthMode {
    AuthMode::parse(settings.field(&AUTH)).unwrap_or_default()
}
