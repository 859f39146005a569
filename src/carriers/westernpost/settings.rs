//! Western Post's account settings: the path its signature covers, and the hosts it is known at.

use crate::carriers::{KnownHost, SettingField};

/// The path the signature covers, e.g. `/open-api/{service}`; empty means the request's own
/// path (`/v1/open-api/createOrder`). carriers.md §7.1: which one Western Post checks is open.
pub const SIGNED_PATH: SettingField = SettingField {
    key: "signed_path",
    label_en: "Signed path (empty: the request's own)",
    label_zh: "签名路径（留空：请求本身路径）",
    default: "",
    choices: &[],
};

/// Western Post's own account settings.
pub const SETTING_FIELDS: [SettingField; 1] = [SIGNED_PATH];

/// Western Post's QA and production hosts (carriers.md §1.2).
pub const KNOWN_HOSTS: [KnownHost; 2] = [
    KnownHost {
        label_en: "Test",
        label_zh: "测试",
        url: "http://dms.qa.xiyou56.com",
    },
    KnownHost {
        label_en: "Production",
        label_zh: "正式",
        url: "https://dms.xiyou56.com",
    },
];
