//! logssc's account settings. Only `orderCommit`'s path is in seed 003; the others are named in
//! its menu without paths, so each is a setting whose default follows the documented pattern
//! (`/external-interface/…`, "(通用)" calls under `common`). README lists them.

use crate::carriers::SettingField;

/// 商户获取token(通用). Default: an inference.
pub const TOKEN_PATH: SettingField = SettingField {
    key: "token_path",
    label_en: "Token path (商户获取token)",
    label_zh: "获取 token 路径",
    default: "/external-interface/common/getToken",
    choices: &[],
};
/// LSO费用预览. Default: an inference, a sibling of orderCommit.
pub const PREVIEW_PATH: SettingField = SettingField {
    key: "preview_path",
    label_en: "Fee preview path (LSO费用预览)",
    label_zh: "费用预览路径",
    default: "/external-interface/lso/orderPreview",
    choices: &[],
};
/// LSO下单: the seed's own path.
pub const COMMIT_PATH: SettingField = SettingField {
    key: "commit_path",
    label_en: "Order path (LSO下单)",
    label_zh: "下单路径",
    default: "/external-interface/lso/orderCommit",
    choices: &[],
};
/// 返回单号和费用(通用). Default: an inference.
pub const RESULT_PATH: SettingField = SettingField {
    key: "result_path",
    label_en: "Number and fee path (返回单号和费用)",
    label_zh: "返回单号和费用路径",
    default: "/external-interface/common/getOrderNumberAndFee",
    choices: &[],
};
/// 返回面单(通用). Default: an inference.
pub const LABEL_PATH: SettingField = SettingField {
    key: "label_path",
    label_en: "Label path (返回面单)",
    label_zh: "返回面单路径",
    default: "/external-interface/common/getLabel",
    choices: &[],
};
/// 退款申请(通用). Default: an inference.
pub const REFUND_PATH: SettingField = SettingField {
    key: "refund_path",
    label_en: "Refund path (退款申请)",
    label_zh: "退款申请路径",
    default: "/external-interface/common/refund",
    choices: &[],
};
/// `systemSenderName`: the named sender profile in the logssc portal; empty = its default.
pub const SENDER_NAME: SettingField = SettingField {
    key: "system_sender_name",
    label_en: "System sender (systemSenderName)",
    label_zh: "系统发件人（systemSenderName）",
    default: "",
    choices: &[],
};

/// The host of seed 003's orderCommit address.
pub const KNOWN_HOSTS: [crate::carriers::KnownHost; 1] = [crate::carriers::KnownHost {
    label_en: "Production",
    label_zh: "正式",
    url: "https://syco-api.logssc.com",
}];

/// Every logssc setting, in the order the window shows them.
pub const SETTING_FIELDS: [SettingField; 7] = [
    SENDER_NAME,
    TOKEN_PATH,
    PREVIEW_PATH,
    COMMIT_PATH,
    RESULT_PATH,
    LABEL_PATH,
    REFUND_PATH,
];
