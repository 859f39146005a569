//! `Shipment::forwarder_fields`: the keys a forwarder understands, for the whole order
//! (`reference_id`) or for one customs item (`items[N].invoice_weight`), checked the same way
//! for every forwarder.

use crate::model::{Text, ValidationIssue};

/// What a known `forwarder_fields` key names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKey<'a> {
    /// A field of the whole order.
    Order(&'a str),
    /// A field of customs item `index` (counted from 0).
    Item {
        /// Which item.
        index: usize,
        /// The field.
        name: &'a str,
    },
}

impl<'a> FieldKey<'a> {
    /// The field's name, without the item index.
    pub fn name(self) -> &'a str {
        match self {
            Self::Order(name) | Self::Item { name, .. } => name,
        }
    }
}

/// Splits `items[N].name` into `(N, name)`.
pub fn parse_item_key(key: &str) -> Option<(usize, &str)> {
    let rest = key.strip_prefix("items[")?;
    let (index, name) = rest.split_once("].")?;
    Some((index.parse().ok()?, name))
}

/// The fields one forwarder knows, with its name for the messages.
pub struct KnownFields<'a> {
    /// The forwarder, as people call it.
    pub forwarder: Text,
    /// Order fields, `(our key, wire name)`.
    pub order: &'a [(&'a str, &'a str)],
    /// Item fields, `(our key, wire name)`.
    pub item: &'a [(&'a str, &'a str)],
}

impl KnownFields<'_> {
    /// Classifies `key` for an order with `item_count` items. An unknown field, or an item that
    /// does not exist, becomes an issue at `forwarder_fields.<key>` and `None`.
    pub fn classify<'k>(
        &self,
        key: &'k str,
        item_count: usize,
        issues: &mut Vec<ValidationIssue>,
    ) -> Option<FieldKey<'k>> {
        let path = format!("forwarder_fields.{key}");
        let (en, zh) = (&self.forwarder.en, &self.forwarder.zh);
        match parse_item_key(key) {
            Some((index, name)) if self.item.iter().any(|(k, _)| *k == name) => {
                if index < item_count {
                    return Some(FieldKey::Item { index, name });
                }
                issues.push(ValidationIssue::new(
                    path,
                    format!("There is no item {index} (items count from 0)"),
                    format!("没有第 {index} 条品名（从 0 开始计数）"),
                ));
                None
            }
            Some(_) => {
                let known = self
                    .item
                    .iter()
                    .map(|(k, _)| *k)
                    .collect::<Vec<_>>()
                    .join(", ");
                issues.push(ValidationIssue::new(
                    path,
                    format!("{en} items have no field \"{key}\" (known: {known})"),
                    format!("{zh}品名没有字段“{key}”（可用：{known}）"),
                ));
                None
            }
            None if self.order.iter().any(|(k, _)| *k == key) => Some(FieldKey::Order(key)),
            None => {
                let known = self
                    .order
                    .iter()
                    .map(|(k, _)| *k)
                    .collect::<Vec<_>>()
                    .join(", ");
                issues.push(ValidationIssue::new(
                    path,
                    format!("{en} has no field \"{key}\" (it knows: {known}, and items[N].<name>)"),
                    format!("{zh}没有字段“{key}”（可用：{known}，以及 items[N].<名称>）"),
                ));
                None
            }
        }
    }
}

/// A field whose value must be one of `allowed` (compared in upper case; empty is allowed).
pub fn check_allowed(issues: &mut Vec<ValidationIssue>, key: &str, value: &str, allowed: &[&str]) {
    let value = value.trim().to_uppercase();
    if !value.is_empty() && !allowed.contains(&value.as_str()) {
        let allowed = allowed.join("/");
        issues.push(ValidationIssue::new(
            format!("forwarder_fields.{key}"),
            format!("\"{value}\" is not one of {allowed}"),
            format!("“{value}”不是 {allowed} 之一"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: KnownFields<'static> = KnownFields {
        forwarder: Text {
            en: String::new(),
            zh: String::new(),
        },
        order: &[("reference_id", "reference_id")],
        item: &[("invoice_weight", "invoice_weight")],
    };

    #[test]
    fn item_keys_parse() {
        assert_eq!(
            parse_item_key("items[0].invoice_weight"),
            Some((0, "invoice_weight"))
        );
        assert_eq!(parse_item_key("items[12].x"), Some((12, "x")));
        assert_eq!(parse_item_key("items[a].x"), None);
        assert_eq!(parse_item_key("reference_id"), None);
    }

    #[test]
    fn keys_are_classified_and_the_unknown_ones_reported_at_the_field() {
        let mut issues = Vec::new();
        assert_eq!(
            KNOWN.classify("reference_id", 1, &mut issues),
            Some(FieldKey::Order("reference_id"))
        );
        assert_eq!(
            KNOWN.classify("items[0].invoice_weight", 1, &mut issues),
            Some(FieldKey::Item {
                index: 0,
                name: "invoice_weight"
            })
        );
        assert!(issues.is_empty());
        assert_eq!(
            KNOWN.classify("items[1].invoice_weight", 1, &mut issues),
            None
        );
        assert_eq!(KNOWN.classify("items[0].colour", 1, &mut issues), None);
        assert_eq!(KNOWN.classify("colour", 1, &mut issues), None);
        let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "forwarder_fields.items[1].invoice_weight",
                "forwarder_fields.items[0].colour",
                "forwarder_fields.colour"
            ]
        );
        check_allowed(&mut issues, "cargo_type", "w", &["W", "D"]);
        check_allowed(&mut issues, "cargo_type", "X", &["W", "D"]);
        assert_eq!(issues.len(), 4);
    }
}
