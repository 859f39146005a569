//! A [`Table`] through a [`Profile`]: rows grouped into orders by the order-number column,
//! each order as typed ([`TypedOrder`], so a half-right cell stays as it was), with where each
//! field's text came from, so a problem is shown at its row and column.

use std::collections::{BTreeMap, HashMap};

use super::import::{SourceRow, Table, column_letter};
use super::profile::Profile;
use crate::model::{Address, ItemRow, LengthUnit, ParcelRow, Text, TypedOrder, WeightUnit};

/// One order read from a file.
#[derive(Clone, Debug)]
pub struct MappedOrder {
    /// The order as the file has it.
    pub form: TypedOrder,
    /// The shop's order number (what a packing slip's barcode holds), as in the file.
    pub order_number: String,
    /// The file's rows this order came from.
    pub lines: Vec<usize>,
    /// Cells that could not be read at all (formulas, Excel errors), where they are.
    pub cell_problems: Vec<Located>,
    /// Form path (`recipient.postcode`, `items[1].sku`) → the row and column it came from.
    sources: BTreeMap<String, (usize, usize)>,
}

/// A problem with where it is: the form's field, and the file's row and column when the
/// field's text came from the file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Located {
    /// The form's path, e.g. `recipient.postcode`.
    pub field: String,
    /// The file's row, when known.
    pub line: Option<usize>,
    /// The column as Excel names it and its header, e.g. `G (Shipping Zip)`.
    pub column: Option<String>,
    /// What is wrong, in both languages.
    pub message: Text,
}

impl std::fmt::Display for Located {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (en, zh) = (&self.message.en, &self.message.zh);
        match (self.line, &self.column) {
            (Some(line), Some(column)) => write!(
                f,
                "row {line}, column {column}, {}: {en} / 第 {line} 行 {column} 列：{zh}",
                self.field
            ),
            (Some(line), None) => {
                write!(
                    f,
                    "row {line}, {}: {en} / 第 {line} 行 {}：{zh}",
                    self.field, self.field
                )
            }
            _ => write!(f, "{}: {en} / {}：{zh}", self.field, self.field),
        }
    }
}

/// What an import starts every order from: the account and sender the desk uses when the file
/// names none, and the desk's boxes a profile's rule may name.
#[derive(Clone, Debug, Default)]
pub struct Defaults {
    /// Account name ("" when none was chosen: each order then asks for one).
    pub account: String,
    /// Sender address.
    pub sender: Address,
    /// The desk's own box presets (the built-in S/M/L are always there).
    pub boxes: Vec<crate::model::ParcelPreset>,
    /// Fields this import was given values for (`--set`): like a file's cells, a country rule
    /// leaves them (a saved profile's own constants give way to its rules).
    pub given: std::collections::BTreeSet<String>,
}

/// Groups and maps the rows of `table`.
pub fn map_orders(table: &Table, profile: &Profile, defaults: &Defaults) -> Vec<MappedOrder> {
    let columns: Vec<(&str, usize)> = profile
        .columns
        .iter()
        .filter_map(|(field, header)| table.column(header).map(|c| (field.as_str(), c)))
        .collect();
    let group_column = (!profile.group_by.trim().is_empty())
        .then(|| table.column(&profile.group_by))
        .flatten();
    // Rows with the same order number become one order, in the order each first appears.
    let mut groups: Vec<Vec<&SourceRow>> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let key = group_column
            .map(|c| row.cells.get(c).map(|v| v.trim()).unwrap_or(""))
            .filter(|k| !k.is_empty());
        match key {
            Some(key) => {
                let at = *by_key.entry(key.to_owned()).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                groups[at].push(row);
            }
            None => groups.push(vec![row]),
        }
    }
    groups
        .into_iter()
        .map(|rows| map_group(table, profile, defaults, &columns, &rows))
        .collect()
}

/// One order from its rows: order fields from the first row that has them, an item per row.
fn map_group(
    table: &Table,
    profile: &Profile,
    defaults: &Defaults,
    columns: &[(&str, usize)],
    rows: &[&SourceRow],
) -> MappedOrder {
    let mut form = TypedOrder {
        account: defaults.account.clone(),
        sender: defaults.sender.clone(),
        parcels: vec![ParcelRow::default()],
        ..TypedOrder::default()
    };
    let mut sources = BTreeMap::new();
    // The order's fields a cell of the file or this import's own values filled (a rule leaves
    // those alone).
    let mut from_file = defaults.given.clone();
    let mut cell_problems = Vec::new();
    let mut order_number = String::new();
    // Constants first: a column's non-empty cell overrides its constant.
    for (field, value) in &profile.constants {
        if !field.starts_with("item.") {
            set_order_field(&mut form, &mut order_number, field, value);
        }
    }
    for (field, column) in columns.iter().filter(|(f, _)| !f.starts_with("item.")) {
        if let Some((row, value)) = rows.iter().find_map(|r| {
            r.cells
                .get(*column)
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .map(|v| (r, v))
        }) {
            set_order_field(&mut form, &mut order_number, field, value);
            from_file.insert((*field).to_owned());
            sources.insert(form_path(field, 0), (row.line, *column));
        } else if let Some(row) = rows.first() {
            // Empty in the file: a "required" message belongs at this column of the first row.
            sources
                .entry(form_path(field, 0))
                .or_insert((row.line, *column));
        }
    }
    let item_columns: Vec<&(&str, usize)> = columns
        .iter()
        .filter(|(f, _)| f.starts_with("item."))
        .collect();
    let mut item_of_line: HashMap<usize, usize> = HashMap::new();
    for row in rows {
        let has_item = item_columns
            .iter()
            .any(|(_, c)| row.cells.get(*c).is_some_and(|v| !v.trim().is_empty()));
        if !has_item {
            continue;
        }
        let index = form.items.len();
        item_of_line.insert(row.line, index);
        let mut item = ItemRow::default();
        for (field, value) in &profile.constants {
            if let Some(name) = field.strip_prefix("item.") {
                set_item_field(&mut item, name, value);
            }
        }
        for (field, column) in &item_columns {
            let value = row.cells.get(*column).map(|v| v.trim()).unwrap_or("");
            if let Some(name) = field.strip_prefix("item.") {
                if !value.is_empty() {
                    set_item_field(&mut item, name, value);
                }
                sources.insert(format!("items[{index}].{name}"), (row.line, *column));
            }
        }
        form.items.push(item);
    }
    // Cells that held no value (formulas, errors) are problems at the field they would fill.
    for row in rows {
        for (column, message) in &row.refused {
            let field = columns
                .iter()
                .find(|(_, c)| c == column)
                .map(|(f, _)| (*f).to_owned());
            // A refused cell in a column no field reads is no one's problem.
            if let Some(field) = field {
                let field = match field.strip_prefix("item.") {
                    Some(name) => {
                        let index = item_of_line.get(&row.line).copied().unwrap_or(0);
                        format!("items[{index}].{name}")
                    }
                    None => form_path(&field, 0),
                };
                cell_problems.push(Located {
                    field,
                    line: Some(row.line),
                    column: Some(column_name(table, *column)),
                    message: message.clone(),
                });
            }
        }
    }
    let routed = super::routing::route(&profile.rules, &mut form, &from_file, &defaults.boxes);
    if let (Some(country), Some(name)) = (routed.by, routed.unknown_box) {
        cell_problems.push(Located {
            field: "parcels[0].length".to_owned(),
            line: rows.first().map(|r| r.line),
            column: None,
            message: Text::new(
                format!(
                    "The {} rule \"{country}\" names the box \"{name}\", which this desk does not have: add the box or change the rule",
                    profile.name
                ),
                format!(
                    "导入方案 {} 的规则“{country}”指定的箱型“{name}”本台没有：请添加该箱型或修改规则",
                    profile.name
                ),
            ),
        });
    }
    if order_number.is_empty() {
        order_number = form.reference.clone();
    }
    form.reference = clean_reference(&form.reference);
    MappedOrder {
        form,
        order_number,
        lines: rows.iter().map(|r| r.line).collect(),
        cell_problems,
        sources,
    }
}

impl MappedOrder {
    /// Puts `issues` (the form's rules' answer) at the rows and columns their fields came from.
    pub fn locate(
        &self,
        table: &Table,
        issues: Vec<crate::model::ValidationIssue>,
    ) -> Vec<Located> {
        let first = self.lines.first().copied();
        let mut located: Vec<Located> = issues
            .into_iter()
            .map(|issue| {
                let source = self.sources.get(&issue.field);
                Located {
                    line: source.map(|(line, _)| *line).or(first),
                    column: source.map(|(_, column)| column_name(table, *column)),
                    field: issue.field,
                    message: issue.message,
                }
            })
            .collect();
        located.extend(self.cell_problems.iter().cloned());
        located
    }
}

/// `G (Shipping Zip)`.
fn column_name(table: &Table, column: usize) -> String {
    let header = table.headers.get(column).map(String::as_str).unwrap_or("");
    format!("{} ({header})", column_letter(column))
}

/// The form's path for a profile field: `parcel.weight` → `parcels[0].weight`.
fn form_path(field: &str, _index: usize) -> String {
    match field.strip_prefix("parcel.") {
        Some(rest) => format!("parcels[0].{rest}"),
        None => field.to_owned(),
    }
}

/// A reference as forwarders take it: a shop's `#1001` is order number 1001.
fn clean_reference(reference: &str) -> String {
    reference.trim().trim_start_matches('#').trim().to_owned()
}

fn set_order_field(form: &mut TypedOrder, order_number: &mut String, field: &str, value: &str) {
    let value = value.to_owned();
    match field {
        "reference" => form.reference = value,
        "order_number" => *order_number = value,
        "account" => form.account = value,
        "service_code" => form.service_code = value,
        "remark" => form.remark = value,
        "parcel.weight" => form.parcels[0].weight = value,
        "parcel.length" => form.parcels[0].length = value,
        "parcel.width" => form.parcels[0].width = value,
        "parcel.height" => form.parcels[0].height = value,
        "parcel.weight_unit" => {
            if let Ok(unit) = serde_json::from_value::<WeightUnit>(value.trim().into()) {
                form.parcels[0].weight_unit = unit;
            }
        }
        "parcel.dimension_unit" => {
            if let Ok(unit) = serde_json::from_value::<LengthUnit>(value.trim().into()) {
                form.parcels[0].dimension_unit = unit;
            }
        }
        other => {
            if let Some((who, name)) = other.split_once('.') {
                let address = match who {
                    "recipient" => &mut form.recipient,
                    "sender" => &mut form.sender,
                    _ => return,
                };
                set_address_field(address, name, value);
            }
        }
    }
}

fn set_address_field(address: &mut Address, name: &str, value: String) {
    let slot = match name {
        "name" => &mut address.name,
        "company" => &mut address.company,
        "phone" => &mut address.phone,
        "email" => &mut address.email,
        "country_code" => &mut address.country_code,
        "state" => &mut address.state,
        "city" => &mut address.city,
        "postcode" => &mut address.postcode,
        "street1" => &mut address.street1,
        "street2" => &mut address.street2,
        "house_number" => &mut address.house_number,
        "postcode_zone" => &mut address.postcode_zone,
        _ => return,
    };
    *slot = value;
}

fn set_item_field(item: &mut ItemRow, name: &str, value: &str) {
    let slot = match name {
        "name_en" => &mut item.name_en,
        "name_zh" => &mut item.name_zh,
        "quantity" => &mut item.quantity,
        "unit_value" => &mut item.unit_value,
        "currency" => &mut item.currency,
        "hs_code" => &mut item.hs_code,
        "sku" => &mut item.sku,
        "origin_country" => &mut item.origin_country,
        _ => return,
    };
    *slot = value.to_owned();
}
