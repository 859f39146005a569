//! The product catalogue's table: one row a SKU (compared without case).

use std::collections::HashMap;

use rusqlite::{OptionalExtension as _, params};

use super::{Doing as _, Store, StoreError, now_ms};
use crate::catalogue::Product;

/// What saving an entry did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductWrite {
    /// A SKU the catalogue did not have.
    Added,
    /// The SKU's entry was replaced.
    Updated,
    /// It had problems and was not saved (or it was a dry run).
    NotSaved,
}

const COLUMNS: &str = "sku, name_en, name_zh, hs_code, unit_value, currency, origin_country, \
                       unit_weight_kg, bin_location";

fn product(row: &rusqlite::Row<'_>) -> rusqlite::Result<Product> {
    Ok(Product {
        sku: row.get(0)?,
        name_en: row.get(1)?,
        name_zh: row.get(2)?,
        hs_code: row.get(3)?,
        unit_value: row.get(4)?,
        currency: row.get(5)?,
        origin_country: row.get(6)?,
        unit_weight_kg: row.get(7)?,
        bin_location: row.get(8)?,
    })
}

impl Store {
    /// Adds or replaces entries by SKU, all in one transaction; says for each what it did.
    /// A blank unit weight or bin leaves the one already kept. The caller has checked them
    /// ([`Product::problems`]).
    pub fn save_products(&mut self, products: &[Product]) -> Result<Vec<ProductWrite>, StoreError> {
        let now = now_ms();
        let tx = self.conn.transaction().doing("starting a transaction")?;
        let mut writes = Vec::with_capacity(products.len());
        {
            let mut known = tx
                .prepare_cached("SELECT 1 FROM catalogue WHERE sku = ?1")
                .doing("reading the catalogue")?;
            let mut save = tx
                .prepare_cached(&format!(
                    // The SKU keeps the case it was first saved in; a blank weight or bin (an
                    // item saved from the form has neither) keeps the one known.
                    "INSERT INTO catalogue ({COLUMNS}, updated_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
                     ON CONFLICT (sku) DO UPDATE SET name_en = excluded.name_en, \
                     name_zh = excluded.name_zh, hs_code = excluded.hs_code, \
                     unit_value = excluded.unit_value, currency = excluded.currency, \
                     origin_country = excluded.origin_country, \
                     unit_weight_kg = CASE WHEN excluded.unit_weight_kg = '' \
                         THEN catalogue.unit_weight_kg ELSE excluded.unit_weight_kg END, \
                     bin_location = CASE WHEN excluded.bin_location = '' \
                         THEN catalogue.bin_location ELSE excluded.bin_location END, \
                     updated_at = excluded.updated_at"
                ))
                .doing("saving to the catalogue")?;
            for p in products {
                let sku = p.sku.trim();
                let existed = known.exists([sku]).doing("reading the catalogue")?;
                save.execute(params![
                    sku,
                    p.name_en,
                    p.name_zh,
                    p.hs_code,
                    p.unit_value,
                    p.currency,
                    p.origin_country,
                    p.unit_weight_kg,
                    p.bin_location,
                    now
                ])
                .doing("saving to the catalogue")?;
                writes.push(if existed {
                    ProductWrite::Updated
                } else {
                    ProductWrite::Added
                });
            }
        }
        tx.commit().doing("saving to the catalogue")?;
        Ok(writes)
    }

    /// The entry for `sku`, in any case.
    pub fn product(&self, sku: &str) -> Result<Option<Product>, StoreError> {
        self.conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM catalogue WHERE sku = ?1"))
            .doing("reading the catalogue")?
            .query_row([sku.trim()], product)
            .optional()
            .doing("reading the catalogue")
    }

    /// The entries for `skus`, keyed by the SKU in upper case (unknown ones are absent).
    pub fn products_for<'a>(
        &self,
        skus: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashMap<String, Product>, StoreError> {
        let mut found = HashMap::new();
        for sku in skus {
            let key = sku.trim().to_uppercase();
            if key.is_empty() || found.contains_key(&key) {
                continue;
            }
            if let Some(p) = self.product(sku)? {
                found.insert(key, p);
            }
        }
        Ok(found)
    }

    /// Entries whose SKU or either name holds `search` (all when empty), by SKU, at most
    /// `limit`.
    pub fn products(&self, search: &str, limit: usize) -> Result<Vec<Product>, StoreError> {
        let pattern = format!(
            "%{}%",
            search
                .trim()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM catalogue \
                 WHERE sku LIKE ?1 ESCAPE '\\' OR name_en LIKE ?1 ESCAPE '\\' \
                    OR name_zh LIKE ?1 ESCAPE '\\' \
                 ORDER BY sku LIMIT ?2"
            ))
            .doing("reading the catalogue")?;
        let rows = stmt
            // SQLite reads a negative LIMIT as none.
            .query_map(
                params![pattern, i64::try_from(limit).unwrap_or(-1)],
                product,
            )
            .doing("reading the catalogue")?;
        rows.collect::<Result<_, _>>()
            .doing("reading the catalogue")
    }

    /// How many SKUs the catalogue holds.
    pub fn product_count(&self) -> Result<u64, StoreError> {
        let count: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM catalogue", [], |r| r.get(0))
            .doing("counting the catalogue")?;
        Ok(count.max(0) as u64)
    }

    /// Removes `sku`'s entry; returns whether there was one.
    pub fn remove_product(&self, sku: &str) -> Result<bool, StoreError> {
        let removed = self
            .conn
            .execute("DELETE FROM catalogue WHERE sku = ?1", [sku.trim()])
            .doing("removing from the catalogue")?;
        Ok(removed > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::ProductWrite;
    use crate::catalogue::Product;
    use crate::store::Store;

    #[test]
    fn a_sku_is_one_entry_in_any_case_and_is_found_by_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("s.sqlite3")).expect("opens");
        let tee = Product {
            sku: "TSH-001".to_owned(),
            name_en: "Cotton T-shirt".to_owned(),
            name_zh: "纯棉T恤".to_owned(),
            ..Product::default()
        };
        assert_eq!(
            store
                .save_products(std::slice::from_ref(&tee))
                .expect("saves"),
            [ProductWrite::Added]
        );
        let again = Product {
            sku: "tsh-001".to_owned(),
            bin_location: "A-1".to_owned(),
            unit_weight_kg: "0.18".to_owned(),
            ..tee.clone()
        };
        assert_eq!(
            store.save_products(&[again]).expect("saves"),
            [ProductWrite::Updated]
        );
        assert_eq!(store.product_count().expect("counts"), 1);
        let found = store.products_for(["Tsh-001", "nope"]).expect("reads");
        assert_eq!(found.len(), 1);
        assert_eq!(found["TSH-001"].bin_location, "A-1");
        assert_eq!(found["TSH-001"].sku, "TSH-001", "the first case stays");
        // Saved again from the form (no weight, no bin): the weight and bin stay.
        let typed = Product {
            name_en: "Organic cotton T-shirt".to_owned(),
            ..tee.clone()
        };
        store.save_products(&[typed]).expect("saves");
        let kept = store.product("TSH-001").expect("reads").expect("there");
        assert_eq!(
            (
                kept.name_en.as_str(),
                kept.unit_weight_kg.as_str(),
                kept.bin_location.as_str()
            ),
            ("Organic cotton T-shirt", "0.18", "A-1")
        );
        assert_eq!(store.products("T恤", 10).expect("searches").len(), 1);
        assert_eq!(store.products("100%", 10).expect("searches").len(), 0);
        assert!(store.remove_product("TSH-001").expect("removes"));
        assert!(store.product("tsh-001").expect("reads").is_none());
    }
}
