//! The form and the product catalogue: a SKU typed or scanned into an item completes that row's
//! blank fields from the catalogue (never what the packer typed), and "Save to catalogue" keeps
//! each row's declaration under its SKU for the next order.

use super::ShipView;
use super::items::ItemsAsked;
use crate::catalogue::{Fill, Product};
use crate::engine::{FindProducts, FoundProducts, SaveProducts};
use crate::ui::command::CommandSender;
use crate::ui::i18n::Language;

/// The last lookup asked for, and what the last answer filled.
#[derive(Clone, Debug, Default)]
pub struct CatalogueFill {
    generation: u64,
    /// The SKUs the last answer completed rows with.
    filled: Vec<String>,
}

impl CatalogueFill {
    /// Another order is in the form: its note (and a late answer for the last one) is not
    /// this order's.
    pub fn forget(&mut self) {
        self.generation += 1;
        self.filled.clear();
    }
}

impl ShipView {
    /// Does what the items table was asked.
    pub(super) fn on_items_asked(&mut self, asked: Option<ItemsAsked>, commands: &CommandSender) {
        match asked {
            Some(ItemsAsked::SkuEntered(i)) => {
                let Some(row) = self.form.items.get(i) else {
                    return;
                };
                self.catalogue.generation += 1;
                commands.send(FindProducts {
                    skus: vec![row.sku.trim().to_owned()],
                    limit: 1,
                    generation: self.catalogue.generation,
                    ..FindProducts::default()
                });
            }
            Some(ItemsAsked::SaveToCatalogue) => {
                let products = self
                    .form
                    .items
                    .iter()
                    .filter(|row| !row.sku.trim().is_empty())
                    .map(Product::from_item_row)
                    .collect();
                commands.send(SaveProducts(products));
            }
            None => {}
        }
    }

    /// The catalogue's answer to the last lookup: rows with its SKUs get their blanks filled.
    pub fn on_products_found(&mut self, found: FoundProducts) {
        if found.generation != self.catalogue.generation {
            return;
        }
        // A catalogue that cannot be read leaves the row as typed; saving or buying says more.
        let Ok(products) = found.products else {
            return;
        };
        let mut filled = Vec::new();
        for product in products {
            let sku = product.sku.trim();
            for row in &mut self.form.items {
                if row.sku.trim().eq_ignore_ascii_case(sku) && product.complete(row, Fill::Blanks) {
                    filled.push(sku.to_owned());
                }
            }
        }
        filled.dedup();
        // A lookup that filled nothing (the row was complete) leaves the last note standing.
        if !filled.is_empty() {
            self.catalogue.filled = filled;
        }
    }

    /// "Filled from the catalogue: TSH-001", under the items, until the next lookup.
    pub(super) fn catalogue_note_ui(&self, ui: &mut egui::Ui, language: Language) {
        if self.catalogue.filled.is_empty() {
            return;
        }
        let skus = self.catalogue.filled.join(", ");
        ui.weak(match language {
            Language::En => format!("Filled from the catalogue: {skus}"),
            Language::Zh => format!("已从商品库填写：{skus}"),
        });
    }
}
