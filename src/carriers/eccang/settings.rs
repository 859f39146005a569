//! ECCANG's account settings.

use crate::carriers::{AccountSettings, SettingChoice, SettingField};

/// Price every order with feeTrail and have the packer accept the fee before createOrder
/// ("feeTrail where the account enables it": not every forwarder on ECCANG opens the service).
pub const FEE_PREVIEW: SettingField = SettingField {
    key: "fee_preview",
    label_en: "Price before buying (feeTrail)",
    label_zh: "下单前试算运费（feeTrail）",
    default: "off",
    choices: &[
        SettingChoice {
            value: "off",
            label_en: "off: buy at once",
            label_zh: "关闭：直接下单",
        },
        SettingChoice {
            value: "on",
            label_en: "on: show the fee, then buy",
            label_zh: "开启：先显示运费再下单",
        },
    ],
};

/// ECCANG's own account settings.
pub const SETTING_FIELDS: [SettingField; 1] = [FEE_PREVIEW];

/// Whether the account previews fees before buying.
pub fn previews_fee(settings: &AccountSettings) -> bool {
    settings.field(&FEE_PREVIEW) == "on"
}
