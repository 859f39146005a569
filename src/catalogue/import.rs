//! A catalogue from a file (CSV/TSV in any encoding the order import reads, or a workbook):
//! columns recognised by their header in English or Chinese (an ERP's 商品资料 export, or
//! shipdesk's own `catalogue --csv` read back), each row checked, each problem at its row and
//! column.

use crate::model::Text;
use crate::queue::Located;
use crate::queue::import::{Table, column_letter};

use super::Product;

/// Each field with the headers that name it (compared trimmed and without case). The first
/// is shipdesk's own export's.
const HEADERS: &[(&str, &[&str])] = &[
    (
        "sku",
        &[
            "sku",
            "Variant SKU",
            "seller-sku",
            "SKU编码",
            "产品SKU",
            "商品SKU",
        ],
    ),
    (
        "name_en",
        &[
            "name_en",
            "English name",
            "Customs description",
            "英文申报名",
            "英文品名",
            "申报英文名",
        ],
    ),
    (
        "name_zh",
        &[
            "name_zh",
            "Chinese name",
            "中文申报名",
            "中文品名",
            "申报中文名",
        ],
    ),
    (
        "hs_code",
        &[
            "hs_code",
            "HS code",
            "HS",
            "Harmonized code",
            "海关编码",
            "HS编码",
        ],
    ),
    (
        "unit_value",
        &["unit_value", "Declared value", "申报价值", "申报单价"],
    ),
    ("currency", &["currency", "币种", "申报币种"]),
    (
        "origin_country",
        &["origin_country", "Country of origin", "Origin", "原产国"],
    ),
    (
        "unit_weight_kg",
        &[
            "unit_weight_kg",
            "Weight (kg)",
            "Unit weight",
            "单件重量",
            "重量(kg)",
        ],
    ),
    (
        "bin_location",
        &[
            "bin_location",
            "Bin",
            "Bin location",
            "Location",
            "库位",
            "货位",
        ],
    ),
];

/// One row of the file: the entry it holds and what is wrong with it (nothing: it is saved).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductRow {
    /// The file's row.
    pub line: usize,
    /// The entry as the row has it.
    pub product: Product,
    /// Its problems at their row and column; a row with any is not saved.
    pub problems: Vec<Located>,
}

/// The rows of `table` as catalogue entries; a file without a SKU column is refused whole.
pub fn read_products(table: &Table) -> Result<Vec<ProductRow>, Text> {
    let columns: Vec<(&str, usize)> = HEADERS
        .iter()
        .filter_map(|(field, names)| {
            names
                .iter()
                .find_map(|name| table.column(name))
                .map(|column| (*field, column))
        })
        .collect();
    if !columns.iter().any(|(field, _)| *field == "sku") {
        let headers = table.headers.iter().take(8).cloned().collect::<Vec<_>>();
        let headers = headers.join(", ");
        return Err(Text::new(
            format!(
                "this file has no SKU column ({headers}…): a catalogue needs one, headed \"sku\" or \"SKU编码\""
            ),
            format!("文件中没有 SKU 列（{headers}…）：商品库须有一列，表头为“sku”或“SKU编码”"),
        ));
    }
    let header_of = |column: usize| {
        let header = table.headers.get(column).map(String::as_str).unwrap_or("");
        format!("{} ({header})", column_letter(column))
    };
    Ok(table
        .rows
        .iter()
        .map(|row| {
            let mut product = Product::default();
            for (field, column) in &columns {
                let value = row.cells.get(*column).map(|v| v.trim()).unwrap_or("");
                *field_mut(&mut product, field) = value.to_owned();
            }
            let column_of = |field: &str| {
                columns
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, c)| header_of(*c))
            };
            let mut problems: Vec<Located> = product
                .problems()
                .into_iter()
                .map(|issue| Located {
                    column: column_of(&issue.field),
                    line: Some(row.line),
                    field: issue.field,
                    message: issue.message,
                })
                .collect();
            problems.extend(row.refused.iter().map(|(column, message)| {
                Located {
                    field: columns
                        .iter()
                        .find(|(_, c)| c == column)
                        .map(|(f, _)| (*f).to_owned())
                        .unwrap_or_default(),
                    line: Some(row.line),
                    column: Some(header_of(*column)),
                    message: message.clone(),
                }
            }));
            ProductRow {
                line: row.line,
                product,
                problems,
            }
        })
        .collect())
}

/// The header row of shipdesk's own catalogue CSV, in [`csv_row`]'s order.
pub fn csv_header() -> Vec<&'static str> {
    HEADERS.iter().map(|(field, _)| *field).collect()
}

/// A product as a row of shipdesk's own catalogue CSV.
pub fn csv_row(product: &Product) -> Vec<String> {
    let mut product = product.clone();
    HEADERS
        .iter()
        .map(|(field, _)| field_mut(&mut product, field).clone())
        .collect()
}

fn field_mut<'a>(product: &'a mut Product, field: &str) -> &'a mut String {
    match field {
        "name_en" => &mut product.name_en,
        "name_zh" => &mut product.name_zh,
        "hs_code" => &mut product.hs_code,
        "unit_value" => &mut product.unit_value,
        "currency" => &mut product.currency,
        "origin_country" => &mut product.origin_country,
        "unit_weight_kg" => &mut product.unit_weight_kg,
        "bin_location" => &mut product.bin_location,
        _ => &mut product.sku,
    }
}

#[cfg(test)]
mod tests {
    use super::read_products;
    use crate::queue::import::read_bytes;

    #[test]
    fn an_erp_export_in_chinese_headers_reads_with_each_problem_at_its_cell() {
        let file = "SKU编码,英文申报名,中文申报名,海关编码,申报价值,币种,原产国,单件重量,库位\n\
                    TSH-001,Cotton T-shirt,纯棉T恤,6109100010,4.50,USD,CN,0.18,A-03-2\n\
                    MUG-02,Gift,礼品,6912,3,USD,CN,0.35,B-01-1\n\
                    CASE-9,Phone case,手机壳,3926,abc,USD,CN,x,C-2\n";
        let table = read_bytes(file.as_bytes(), "products.csv").expect("reads");
        let rows = read_products(&table).expect("has a SKU column");
        assert_eq!(rows.len(), 3);
        assert!(rows[0].problems.is_empty(), "{:?}", rows[0].problems);
        assert_eq!(rows[0].product.bin_location, "A-03-2");
        let mug: Vec<String> = rows[1].problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(mug.len(), 2, "{mug:?}");
        assert!(
            mug[0].starts_with("row 3, column B (英文申报名), name_en"),
            "{mug:?}"
        );
        assert!(
            mug[1].starts_with("row 3, column C (中文申报名), name_zh"),
            "{mug:?}"
        );
        let case: Vec<&str> = rows[2].problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(case, ["unit_value", "unit_weight_kg"]);
    }

    #[test]
    fn a_file_without_a_sku_column_is_refused_whole() {
        let table = read_bytes(b"name,price\nTee,3\n", "x.csv").expect("reads");
        let refused = read_products(&table).expect_err("no SKU column");
        assert!(refused.en.contains("no SKU column"), "{}", refused.en);
    }

    #[test]
    fn the_catalogues_own_csv_reads_back_as_it_was_written() {
        let product = crate::catalogue::Product {
            sku: "TSH-001".to_owned(),
            name_en: "Cotton T-shirt".to_owned(),
            name_zh: "纯棉T恤".to_owned(),
            unit_weight_kg: "0.18".to_owned(),
            bin_location: "A-03-2".to_owned(),
            ..Default::default()
        };
        let file = format!(
            "{}\n{}\n",
            super::csv_header().join(","),
            super::csv_row(&product).join(",")
        );
        let table = read_bytes(file.as_bytes(), "catalogue.csv").expect("reads");
        let rows = read_products(&table).expect("reads");
        assert_eq!(rows[0].product, product);
    }
}
