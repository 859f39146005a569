//! ECCANG's account settings.

use super::mapping::LabelSize;
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

/// The label stock getLabelUrl asks for (`label_type`): 10x15 cm (≈ 4x6 in) unless the desk
/// prints another.
pub const LABEL_SIZE: SettingField = SettingField {
    key: "label_size",
    label_en: "Label size (getLabelUrl)",
    label_zh: "面单尺寸（getLabelUrl）",
    default: "10x15",
    choices: &[
        SettingChoice {
            value: "10x15",
            label_en: "10x15 cm (4x6 in stock)",
            label_zh: "10x15 厘米（4x6 英寸面单纸）",
        },
        SettingChoice {
            value: "10x10",
            label_en: "10x10 cm",
            label_zh: "10x10 厘米",
        },
        SettingChoice {
            value: "a4",
            label_en: "A4 (cut to the label when printed)",
            label_zh: "A4（打印时裁出面单）",
        },
    ],
};

/// None: ECCANG runs on each forwarder's own host (`<base_url>/default/svc/web-service`).
pub const KNOWN_HOSTS: [crate::carriers::KnownHost; 0] = [];

/// ECCANG's own account settings.
pub const SETTING_FIELDS: [SettingField; 2] = [FEE_PREVIEW, LABEL_SIZE];

/// The label size the account asks getLabelUrl for.
pub fn label_size(settings: &AccountSettings) -> LabelSize {
    match settings.field(&LABEL_SIZE) {
        "10x10" => LabelSize::TenByTen,
        "a4" => LabelSize::A4,
        _ => LabelSize::TenByFifteen,
    }
}

/// Whether the account previews fees before buying.
pub fn previews_fee(settings: &AccountSettings) -> bool {
    settings.field(&FEE_PREVIEW) == "on"
}
