//! The catalogue's requests' work: importing a file into it (read off the store's lock, each
//! row checked, the good ones saved in one transaction), saving typed entries, finding them,
//! and completing an import's items from it.

use std::collections::HashMap;

use super::core::{Core, blocking};
use super::protocol::{CatalogueReport, FindProducts, ImportCatalogue};
use crate::catalogue::{Fill, Product, complete_order, import::read_products};
use crate::model::{Text, TypedOrder};
use crate::store::ProductWrite;

/// Reads `request.path` and saves each row that has no problem (see [`ImportCatalogue`]).
pub(super) async fn import(core: &Core, request: ImportCatalogue) -> Result<CatalogueReport, Text> {
    let path = request.path.clone();
    let (format, rows) = blocking(move || {
        let table = crate::queue::import::read_file(&path).map_err(|problem| problem.0)?;
        read_products(&table).map(|rows| (table.format, rows))
    })
    .await??;
    let good: Vec<Product> = rows
        .iter()
        .filter(|row| row.problems.is_empty())
        .map(|row| row.product.clone())
        .collect();
    let writes = if request.dry_run || good.is_empty() {
        Vec::new()
    } else {
        core.with_store(move |s| s.save_products(&good))
            .await
            .map_err(|e| e.what_to_do())?
    };
    let mut writes = writes.into_iter();
    let rows = rows
        .into_iter()
        .map(|row| {
            let write = match row.problems.is_empty() {
                true => writes.next().unwrap_or(ProductWrite::NotSaved),
                false => ProductWrite::NotSaved,
            };
            (row, write)
        })
        .collect();
    Ok(CatalogueReport {
        file: request.path,
        format,
        dry_run: request.dry_run,
        rows,
    })
}

/// Saves `products`, or refuses them all with the first problem found.
pub(super) async fn save(core: &Core, products: Vec<Product>) -> Result<Vec<ProductWrite>, Text> {
    for product in &products {
        if let Some(problem) = product.problems().into_iter().next() {
            let sku = product.sku.trim();
            return Err(Text::new(
                format!(
                    "{sku} was not saved to the catalogue: {}",
                    problem.message.en
                ),
                format!("{sku} 未保存到商品库：{}", problem.message.zh),
            ));
        }
    }
    core.with_store(move |s| s.save_products(&products))
        .await
        .map_err(|e| e.what_to_do())
}

/// The entries `request` asks for.
pub(super) async fn find(core: &Core, request: FindProducts) -> Result<Vec<Product>, Text> {
    core.with_store(move |s| {
        if request.skus.is_empty() {
            return s.products(&request.search, request.limit.max(1));
        }
        let found = s.products_for(request.skus.iter().map(String::as_str))?;
        let mut products: Vec<Product> = found.into_values().collect();
        products.sort_by(|a, b| a.sku.cmp(&b.sku));
        Ok(products)
    })
    .await
    .map_err(|e| e.what_to_do())
}

/// The catalogue's entries for every SKU in `forms` (upper-cased SKU → entry).
pub(super) async fn entries_for(
    core: &Core,
    forms: impl Iterator<Item = &TypedOrder>,
) -> Result<HashMap<String, Product>, Text> {
    let skus = forms
        .flat_map(|form| form.items.iter().map(|i| i.sku.clone()))
        .collect();
    entries_for_skus(core, skus).await
}

/// The catalogue's entries for `skus` (upper-cased SKU → entry); empty when the catalogue is,
/// without a lookup per SKU.
pub(super) async fn entries_for_skus(
    core: &Core,
    skus: Vec<String>,
) -> Result<HashMap<String, Product>, Text> {
    core.with_store(move |s| {
        if skus.iter().all(|sku| sku.trim().is_empty()) || s.product_count()? == 0 {
            return Ok(HashMap::new());
        }
        s.products_for(skus.iter().map(String::as_str))
    })
    .await
    .map_err(|e| e.what_to_do())
}

/// Gives `form`'s items with a known SKU their catalogue declaration; returns how many.
pub(super) fn declare(form: &mut TypedOrder, entries: &HashMap<String, Product>) -> usize {
    if entries.is_empty() {
        return 0;
    }
    complete_order(form, Fill::Declaration, |sku| {
        entries.get(&sku.to_uppercase()).cloned()
    })
}
