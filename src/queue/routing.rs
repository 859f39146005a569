//! Rules instead of clicks: per import profile and destination country, the account, service
//! and box an order ships with when its file does not say, so a typical import is ready to buy
//! without touching each row (an ERP's 物流方案 rules). A country's own rule comes before the
//! rule for any country (`*`); what the file's cells say always wins.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::model::{ParcelPreset, Text, TypedOrder, box_for_code};

/// One rule: orders to `country` ship with this account, service and box.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CountryRule {
    /// ISO alpha-2 code of the destination, or `*` for any.
    pub country: String,
    /// The account ("" leaves it).
    pub account: String,
    /// The service code ("" leaves it).
    pub service_code: String,
    /// A box preset's name or code (`M`, `Box M`, a desk's own, `#2`; "" leaves it).
    pub box_name: String,
}

/// What a rule filled in one order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Routed {
    /// The rule's country (`US`, `*`), when one applied.
    pub by: Option<String>,
    /// A box the rule names that this desk does not have.
    pub unknown_box: Option<String>,
}

impl CountryRule {
    /// Reads `US: account=WP, service=WP_GROUND, box=M` (the command line's `--rule`).
    pub fn parse(text: &str) -> Result<Self, Text> {
        let wrong = |why: &str, zh: &str| {
            Text::new(
                format!(
                    "the rule \"{text}\" {why}; write it as COUNTRY: account=NAME, service=CODE, box=NAME (e.g. \"US: account=WP, box=M\", \"*\" for any country)"
                ),
                format!(
                    "规则“{text}”{zh}；格式为 国家: account=账号, service=渠道代码, box=箱型（如 “US: account=WP, box=M”，“*” 表示任何国家）"
                ),
            )
        };
        let (country, settings) = text
            .split_once(':')
            .ok_or_else(|| wrong("has no country before a colon", "缺少冒号前的国家"))?;
        let country = country.trim().to_ascii_uppercase();
        let known = country == "*" || crate::model::countries::country(&country).is_some();
        if !known {
            return Err(wrong(
                "names no ISO country code",
                "的国家不是 ISO 国家代码",
            ));
        }
        let mut rule = Self {
            country,
            ..Self::default()
        };
        for setting in settings.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (key, value) = setting
                .split_once('=')
                .ok_or_else(|| wrong("has a setting without =", "有缺少 = 的设置"))?;
            let value = value.trim().to_owned();
            match key.trim().to_ascii_lowercase().as_str() {
                "account" => rule.account = value,
                "service" | "service_code" => rule.service_code = value,
                "box" => rule.box_name = value,
                _ => {
                    return Err(wrong(
                        "has a setting other than account, service, box",
                        "含有 account、service、box 以外的设置",
                    ));
                }
            }
        }
        if rule.account.is_empty() && rule.service_code.is_empty() && rule.box_name.is_empty() {
            return Err(wrong("sets nothing", "未设置任何内容"));
        }
        Ok(rule)
    }

    fn is_for(&self, country: &str) -> bool {
        self.country.eq_ignore_ascii_case(country.trim())
    }
}

impl std::fmt::Display for CountryRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        for (key, value) in [
            ("account", &self.account),
            ("service", &self.service_code),
            ("box", &self.box_name),
        ] {
            if !value.is_empty() {
                parts.push(format!("{key}={value}"));
            }
        }
        write!(f, "{}: {}", self.country, parts.join(", "))
    }
}

/// Applies the first rule for `form`'s destination (its country's own, else `*`) to what the
/// file left empty: `from_file` holds the fields a cell filled (`account`, `service_code`,
/// `parcel.length`, …). `boxes` are the desk's own presets.
pub fn route(
    rules: &[CountryRule],
    form: &mut TypedOrder,
    from_file: &BTreeSet<String>,
    boxes: &[ParcelPreset],
) -> Routed {
    let country = form.recipient.country_code.trim().to_owned();
    let Some(rule) = rules
        .iter()
        .find(|r| !country.is_empty() && r.is_for(&country))
        .or_else(|| rules.iter().find(|r| r.country == "*"))
    else {
        return Routed::default();
    };
    let mut routed = Routed {
        by: Some(rule.country.clone()),
        unknown_box: None,
    };
    let said = |field: &str| from_file.contains(field);
    if !rule.account.is_empty() && !said("account") {
        form.account = rule.account.clone();
    }
    if !rule.service_code.is_empty() && !said("service_code") {
        form.service_code = rule.service_code.clone();
    }
    let sized = ["parcel.length", "parcel.width", "parcel.height"]
        .iter()
        .any(|f| said(f));
    if !rule.box_name.is_empty() && !sized {
        match (
            box_for_code(&rule.box_name, boxes),
            form.parcels.first_mut(),
        ) {
            (Some(preset), Some(parcel)) => preset.fill(parcel),
            (None, _) => routed.unknown_box = Some(rule.box_name.clone()),
            (Some(_), None) => {}
        }
    }
    routed
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::{CountryRule, route};
    use crate::model::{ParcelRow, TypedOrder};

    fn order_to(country: &str) -> TypedOrder {
        let mut form = TypedOrder {
            account: "Default".to_owned(),
            parcels: vec![ParcelRow::default()],
            ..TypedOrder::default()
        };
        form.recipient.country_code = country.to_owned();
        form.parcels[0].weight = "0.4".to_owned();
        form
    }

    #[test]
    fn a_rule_reads_as_it_is_written_and_a_wrong_one_says_how_to_write_it() {
        let rule =
            CountryRule::parse("us: account=WP, service=WP_GROUND, box=Box M").expect("reads");
        assert_eq!(
            rule.to_string(),
            "US: account=WP, service=WP_GROUND, box=Box M"
        );
        for wrong in ["US account=WP", "XX: account=WP", "US: colour=red", "US:"] {
            let why = CountryRule::parse(wrong).expect_err(wrong);
            assert!(why.en.contains("COUNTRY: account=NAME"), "{}", why.en);
            assert!(why.zh.contains("格式为"), "{}", why.zh);
        }
    }

    #[test]
    fn a_countrys_rule_comes_before_any_and_the_files_own_cells_win() {
        let rules = [
            CountryRule::parse("*: account=Other, box=S").expect("reads"),
            CountryRule::parse("US: account=WP, service=WP_GROUND, box=M").expect("reads"),
        ];
        let none = BTreeSet::new();
        let mut us = order_to("US");
        let routed = route(&rules, &mut us, &none, &[]);
        assert_eq!(routed.by.as_deref(), Some("US"));
        assert_eq!(
            (us.account.as_str(), us.service_code.as_str()),
            ("WP", "WP_GROUND")
        );
        let p = &us.parcels[0];
        assert_eq!(
            (p.length.as_str(), p.width.as_str(), p.height.as_str()),
            ("30", "25", "20")
        );
        assert_eq!(p.weight, "0.4", "a box's size, not the file's weight");

        let mut au = order_to("AU");
        route(&rules, &mut au, &none, &[]);
        assert_eq!(
            (au.account.as_str(), au.parcels[0].length.as_str()),
            ("Other", "20")
        );

        // The file named its account and box: they stay.
        let said: BTreeSet<String> = ["account", "parcel.length"].map(String::from).into();
        let mut own = order_to("US");
        own.account = "Mine".to_owned();
        own.parcels[0].length = "50".to_owned();
        route(&rules, &mut own, &said, &[]);
        assert_eq!(
            (own.account.as_str(), own.service_code.as_str()),
            ("Mine", "WP_GROUND")
        );
        assert_eq!(
            (
                own.parcels[0].length.as_str(),
                own.parcels[0].width.as_str()
            ),
            ("50", "")
        );

        // A box the desk does not have is said, not guessed.
        let odd = [CountryRule::parse("*: box=XL").expect("reads")];
        let mut form = order_to("DE");
        assert_eq!(
            route(&odd, &mut form, &none, &[]).unknown_box.as_deref(),
            Some("XL")
        );
    }
}
