//! The customs descriptions Chinese forwarders refuse most (店小秘's 申报 failure causes): an
//! English name with characters that are not English, a name too generic for customs to
//! classify (模糊报关: "gift", "cloth", "parts", 衣服), and an English name that is only the SKU
//! (加打SKU). Checked with every order's other rules, so the packer hears it before the
//! forwarder refuses it.

use super::ValidationIssue;
use super::text_rules::is_forbidden;

/// English names customs cannot classify: one of these alone (in any case, with or without a
/// plural "s") says nothing of what the thing is.
const GENERIC_EN: &[&str] = &[
    "accessories",
    "accessory",
    "apparel",
    "article",
    "bag",
    "box",
    "cloth",
    "clothes",
    "clothing",
    "commodity",
    "commodities",
    "daily necessities",
    "electronic",
    "electronics",
    "garment",
    "general merchandise",
    "gift",
    "goods",
    "item",
    "merchandise",
    "misc",
    "miscellaneous",
    "other",
    "others",
    "package",
    "part",
    "parcel",
    "present",
    "product",
    "sample",
    "spare part",
    "stuff",
    "thing",
];

/// Chinese names as vague as the English ones (衣服 cloth, 箱包 box/bag, 配件 parts).
const GENERIC_ZH: &[&str] = &[
    "衣服",
    "服装",
    "箱包",
    "配件",
    "零件",
    "礼物",
    "礼品",
    "样品",
    "货物",
    "商品",
    "产品",
    "其他",
    "杂物",
    "日用品",
    "电子产品",
    "包裹",
];

/// The problems of item `index`'s names; `name_en` empty is reported by the shared rules.
pub fn check_names(index: usize, name_en: &str, name_zh: &str, sku: &str) -> Vec<ValidationIssue> {
    let mut issues = Vec::new();
    let field = format!("items[{index}].name_en");
    let en = name_en.trim();
    if !en.is_empty() {
        // Control and invisible characters are the shared text rules' to report.
        if let Some(odd) = en.chars().find(|c| !is_english(*c) && !is_forbidden(*c)) {
            issues.push(ValidationIssue::new(
                field.clone(),
                format!(
                    "The English item name has \"{odd}\", which is not English: customs needs the name in English letters"
                ),
                format!("英文品名含有非英文字符“{odd}”：报关需用英文填写"),
            ));
        } else if is_generic_en(en) {
            issues.push(ValidationIssue::new(
                field.clone(),
                format!(
                    "\"{en}\" is too vague for customs: say what it is and what it is made of (e.g. \"cotton T-shirt\")"
                ),
                format!("“{en}”属模糊报关：请写明是什么、什么材质（如 \"cotton T-shirt\"）"),
            ));
        } else if !sku.trim().is_empty() && en.eq_ignore_ascii_case(sku.trim()) {
            issues.push(ValidationIssue::new(
                field,
                "The English item name is the SKU: customs needs what the thing is",
                "英文品名填的是 SKU：报关需写明物品名称",
            ));
        }
    }
    let zh = name_zh.trim();
    if GENERIC_ZH.contains(&zh) {
        issues.push(ValidationIssue::new(
            format!("items[{index}].name_zh"),
            format!("\"{zh}\" is too vague for customs: say what it is and what it is made of"),
            format!("“{zh}”属模糊报关：请写明是什么、什么材质（如“纯棉T恤”）"),
        ));
    }
    issues
}

/// Letters, digits, spaces and the punctuation English descriptions use; a Chinese or
/// full-width character is not.
fn is_english(c: char) -> bool {
    c.is_ascii_graphic() || c == ' '
}

/// Whether the whole name is one of [`GENERIC_EN`] (a plural "s" and punctuation around it
/// aside).
fn is_generic_en(name: &str) -> bool {
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let joined = words.join(" ");
    let singular = joined.strip_suffix('s').unwrap_or(&joined);
    GENERIC_EN.contains(&joined.as_str()) || GENERIC_EN.contains(&singular)
}

#[cfg(test)]
mod tests {
    use super::check_names;

    fn said(en: &str, zh: &str, sku: &str) -> Vec<String> {
        check_names(0, en, zh, sku)
            .into_iter()
            .map(|i| format!("{}: {}", i.field, i.message.en))
            .collect()
    }

    #[test]
    fn vague_names_are_refused_in_either_language() {
        for vague in [
            "gift",
            "Gifts",
            "CLOTH",
            "clothes",
            "Parts",
            "spare parts",
            "goods.",
            "Accessories",
        ] {
            let issues = said(vague, "", "");
            assert_eq!(issues.len(), 1, "{vague}: {issues:?}");
            assert!(issues[0].contains("too vague"), "{issues:?}");
        }
        for vague in ["衣服", "配件", " 礼品 "] {
            let issues = said("Cotton T-shirt", vague, "");
            assert_eq!(issues.len(), 1, "{vague}: {issues:?}");
            assert!(issues[0].starts_with("items[0].name_zh"), "{issues:?}");
        }
    }

    #[test]
    fn a_real_description_passes_even_with_a_vague_word_in_it() {
        for fine in [
            "Cotton T-shirt",
            "Bicycle brake parts",
            "Gift box of green tea",
            "USB charger 5V/2A",
            "qwe",
        ] {
            assert!(said(fine, "纯棉T恤", "SKU-1").is_empty(), "{fine}");
        }
    }

    #[test]
    fn an_english_name_with_chinese_or_full_width_characters_is_refused() {
        for odd in ["T恤 cotton", "Phone case（black）", "Café mug"] {
            let issues = said(odd, "", "");
            assert_eq!(issues.len(), 1, "{odd}: {issues:?}");
            assert!(issues[0].contains("not English"), "{issues:?}");
        }
    }

    #[test]
    fn the_sku_as_the_english_name_is_refused() {
        let issues = said("tsh-001-BLK", "", "TSH-001-blk");
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert!(issues[0].contains("is the SKU"), "{issues:?}");
        assert!(said("tsh-001-BLK", "", "").is_empty());
    }
}
