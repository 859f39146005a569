//! The product catalogue (商品库): SKU → what customs is told of it (English and Chinese names,
//! HS code, unit value and currency, origin), its unit weight and where it sits on the shelves.
//! Pure: the catalogue is a table in the store; [`import`] reads one from a file people have.
//!
//! Imported orders take an item's declaration from the catalogue when its SKU is known (the
//! shop's title in a Shopify or Amazon export is a sales title, not a customs description);
//! a typed item only has its blank fields filled. Products are checked with the ship form's
//! own item rules, so a catalogue never holds a name the forwarder would refuse.

pub mod import;

use serde::{Deserialize, Serialize};

use crate::model::{ItemRow, TypedOrder, ValidationIssue, numbers::positive_kg};

/// One SKU's entry, as typed or imported (text, as the form keeps it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Product {
    /// The shop's SKU (compared without case).
    pub sku: String,
    /// English customs description.
    pub name_en: String,
    /// Chinese customs description (中文申报名).
    pub name_zh: String,
    /// Harmonised System code (海关编码).
    pub hs_code: String,
    /// Declared value of one piece ("" when the order gives it).
    pub unit_value: String,
    /// ISO 4217 currency of `unit_value`.
    pub currency: String,
    /// Country of origin, ISO alpha-2.
    pub origin_country: String,
    /// Weight of one piece in kilograms ("" when unknown).
    pub unit_weight_kg: String,
    /// Where it is picked from (库位), e.g. `A-03-2`; pick lists walk the shelves by it.
    pub bin_location: String,
}

/// Whose word counts when an item and its catalogue entry both have a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fill {
    /// The catalogue's declaration replaces the item's (an imported order: a shop's listing
    /// title is not a customs description).
    Declaration,
    /// Only blank fields are filled (an item the packer typed).
    Blanks,
}

impl Product {
    /// The product as an item row (quantity 1), as the form shows it.
    pub fn to_item_row(&self) -> ItemRow {
        let mut row = ItemRow {
            name_en: String::new(),
            unit_value: String::new(),
            ..ItemRow::default()
        };
        row.sku = self.sku.clone();
        self.complete(&mut row, Fill::Declaration);
        row
    }

    /// The catalogue entry for an item the packer typed ("save to catalogue").
    pub fn from_item_row(row: &ItemRow) -> Self {
        Self {
            sku: row.sku.trim().to_owned(),
            name_en: row.name_en.trim().to_owned(),
            name_zh: row.name_zh.trim().to_owned(),
            hs_code: row.hs_code.trim().to_owned(),
            unit_value: row.unit_value.trim().to_owned(),
            currency: row.currency.trim().to_owned(),
            origin_country: row.origin_country.trim().to_owned(),
            unit_weight_kg: String::new(),
            bin_location: String::new(),
        }
    }

    /// Completes `row` (an item with this product's SKU); returns whether anything changed.
    /// A value and its currency go together; the quantity, SKU and box are the order's.
    pub fn complete(&self, row: &mut ItemRow, fill: Fill) -> bool {
        let before = row.clone();
        let take = |field: &mut String, ours: &str| {
            let ours = ours.trim();
            if !ours.is_empty() && (fill == Fill::Declaration || field.trim().is_empty()) {
                *field = ours.to_owned();
            }
        };
        // A row holding nothing but its SKU takes the whole entry, origin included (the
        // form's default origin and currency were never a choice).
        let fresh = [&row.name_en, &row.name_zh, &row.unit_value]
            .iter()
            .all(|f| f.trim().is_empty());
        take(&mut row.name_en, &self.name_en);
        take(&mut row.name_zh, &self.name_zh);
        take(&mut row.hs_code, &self.hs_code);
        let value_taken = !self.unit_value.trim().is_empty()
            && (fill == Fill::Declaration || row.unit_value.trim().is_empty());
        if value_taken {
            row.unit_value = self.unit_value.trim().to_owned();
            if !self.currency.trim().is_empty() {
                row.currency = self.currency.trim().to_owned();
            }
        }
        let origin = self.origin_country.trim();
        if !origin.is_empty()
            && (fill == Fill::Declaration || fresh || row.origin_country.trim().is_empty())
        {
            row.origin_country = origin.to_owned();
        }
        *row != before
    }

    /// The kilograms of one piece, when known.
    pub fn unit_weight(&self) -> Option<rust_decimal::Decimal> {
        positive_kg(&self.unit_weight_kg)
    }

    /// What is wrong with this entry, by the ship form's own item rules (field names without
    /// the `items[0].` of an order: `name_en`, `unit_value`, …), plus the SKU and weight.
    pub fn problems(&self) -> Vec<ValidationIssue> {
        let mut problems = Vec::new();
        if self.sku.trim().is_empty() {
            problems.push(ValidationIssue::new(
                "sku",
                "A catalogue entry needs its SKU",
                "商品库条目须填写 SKU",
            ));
        }
        let mut row = self.to_item_row();
        let value_given = !self.unit_value.trim().is_empty();
        if !value_given {
            // A value left to the order is not this entry's problem; any number checks the rest.
            row.unit_value = "1".to_owned();
        }
        let form = TypedOrder {
            items: vec![row],
            ..TypedOrder::default()
        };
        let issues = crate::queue::check_typed(&form, None)
            .err()
            .unwrap_or_default();
        problems.extend(issues.into_iter().filter_map(|mut issue| {
            let field = issue.field.strip_prefix("items[0].")?.to_owned();
            issue.field = field;
            Some(issue)
        }));
        if value_given && self.currency.trim().is_empty() {
            // A value and its currency go together: one without would take an order's.
            problems.push(ValidationIssue::new(
                "currency",
                format!(
                    "The declared value {} needs its currency (USD, EUR, CNY…)",
                    self.unit_value.trim()
                ),
                format!(
                    "申报价值 {} 须注明币种（USD、EUR、CNY…）",
                    self.unit_value.trim()
                ),
            ));
        }
        if !self.unit_weight_kg.trim().is_empty() && self.unit_weight().is_none() {
            problems.push(ValidationIssue::new(
                "unit_weight_kg",
                format!(
                    "Unit weight \"{}\" is not a weight in kilograms",
                    self.unit_weight_kg.trim()
                ),
                format!("单件重量“{}”不是以千克计的重量", self.unit_weight_kg.trim()),
            ));
        }
        problems
    }
}

/// Completes every item of `form` whose SKU `lookup` knows; returns how many items changed.
pub fn complete_order(
    form: &mut TypedOrder,
    fill: Fill,
    lookup: impl Fn(&str) -> Option<Product>,
) -> usize {
    let mut changed = 0;
    for row in &mut form.items {
        let sku = row.sku.trim();
        if sku.is_empty() {
            continue;
        }
        if let Some(product) = lookup(sku)
            && product.complete(row, fill)
        {
            changed += 1;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::{Fill, Product};
    use crate::model::ItemRow;

    fn tee() -> Product {
        Product {
            sku: "TSH-001".to_owned(),
            name_en: "Cotton T-shirt".to_owned(),
            name_zh: "纯棉T恤".to_owned(),
            hs_code: "6109100010".to_owned(),
            unit_value: "4.50".to_owned(),
            currency: "EUR".to_owned(),
            origin_country: "VN".to_owned(),
            unit_weight_kg: "0.18".to_owned(),
            bin_location: "A-03-2".to_owned(),
        }
    }

    #[test]
    fn an_imported_item_takes_the_catalogues_declaration_and_keeps_its_quantity() {
        let mut row = ItemRow {
            name_en: "Summer Tee - Black / M (bestseller!)".to_owned(),
            quantity: "3".to_owned(),
            unit_value: "19.99".to_owned(),
            currency: "USD".to_owned(),
            sku: "tsh-001".to_owned(),
            ..ItemRow::default()
        };
        assert!(tee().complete(&mut row, Fill::Declaration));
        assert_eq!(row.name_en, "Cotton T-shirt");
        assert_eq!(row.name_zh, "纯棉T恤");
        assert_eq!(row.hs_code, "6109100010");
        assert_eq!(
            (row.unit_value.as_str(), row.currency.as_str()),
            ("4.50", "EUR")
        );
        assert_eq!(row.origin_country, "VN");
        assert_eq!((row.quantity.as_str(), row.sku.as_str()), ("3", "tsh-001"));
    }

    #[test]
    fn a_typed_item_keeps_what_the_packer_typed() {
        let mut row = ItemRow {
            name_en: "Black cotton tee".to_owned(),
            unit_value: "3".to_owned(),
            sku: "TSH-001".to_owned(),
            ..ItemRow::default()
        };
        assert!(tee().complete(&mut row, Fill::Blanks));
        assert_eq!(row.name_en, "Black cotton tee");
        assert_eq!(
            (row.unit_value.as_str(), row.currency.as_str()),
            ("3", "USD")
        );
        assert_eq!(row.name_zh, "纯棉T恤");
        assert_eq!(
            row.origin_country, "CN",
            "the packer's row had a name: origin is theirs"
        );
        // A row with only its SKU takes the whole entry, the form's default origin aside.
        let mut bare = ItemRow {
            sku: "TSH-001".to_owned(),
            ..ItemRow::default()
        };
        assert!(tee().complete(&mut bare, Fill::Blanks));
        assert_eq!(bare, {
            let mut whole = tee().to_item_row();
            whole.quantity = "1".to_owned();
            whole
        });
        assert!(
            !tee().complete(&mut bare, Fill::Blanks),
            "nothing left to fill"
        );
    }

    #[test]
    fn an_entry_is_checked_with_the_forms_item_rules() {
        assert!(tee().problems().is_empty(), "{:?}", tee().problems());
        let no_value = Product {
            unit_value: String::new(),
            ..tee()
        };
        assert!(
            no_value.problems().is_empty(),
            "the order may give the value"
        );
        let bad = Product {
            sku: " ".to_owned(),
            name_en: "Gift".to_owned(),
            hs_code: "61.09".to_owned(),
            currency: "EURO".to_owned(),
            unit_weight_kg: "heavy".to_owned(),
            ..tee()
        };
        let fields: Vec<String> = bad.problems().into_iter().map(|p| p.field).collect();
        for field in ["sku", "name_en", "hs_code", "currency", "unit_weight_kg"] {
            assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
        }
        // A value with no currency would take an order's: it is refused, in both languages.
        let no_currency = Product {
            currency: String::new(),
            ..tee()
        };
        let said = no_currency.problems();
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].field, "currency");
        assert!(said[0].message.zh.contains("币种"), "{said:?}");
    }
}
