//! The customs items table: what is in the boxes, for the declaration.

use egui_extras::{Column, TableBuilder};

use super::typed_order::ItemRow;
use crate::ui::i18n::{Language, tr};
use crate::ui::widgets::{FieldIssues, cell_field};

/// Draws the table and its buttons.
pub fn items_table(
    ui: &mut egui::Ui,
    language: Language,
    rows: &mut Vec<ItemRow>,
    issues: &FieldIssues<'_>,
) {
    let mut remove = None;
    let columns: [(&str, &'static str, &'static str, f32); 9] = [
        ("name_en", "Name (EN)", "英文品名", 150.0),
        ("name_zh", "Name (中文)", "中文品名", 110.0),
        ("quantity", "Qty", "数量", 44.0),
        ("unit_value", "Unit value", "单价", 72.0),
        ("currency", "Currency", "币种", 56.0),
        ("hs_code", "HS code", "海关编码", 90.0),
        ("sku", "SKU", "SKU", 90.0),
        ("origin_country", "Origin", "原产地", 52.0),
        ("box_number", "Box", "箱号", 56.0),
    ];
    let mut table = TableBuilder::new(ui)
        .id_salt("items")
        .striped(true)
        .column(Column::exact(24.0));
    for (_, _, _, width) in columns {
        table = table.column(Column::initial(width).at_least(36.0).resizable(true));
    }
    table
        .column(Column::remainder().at_least(32.0))
        .header(20.0, |mut header| {
            header.col(|ui| {
                ui.strong("#");
            });
            for (_, en, zh, _) in columns {
                header.col(|ui| {
                    ui.strong(tr(language, en, zh));
                });
            }
            header.col(|_| {});
        })
        .body(|mut body| {
            for (i, row) in rows.iter_mut().enumerate() {
                let n = i + 1;
                body.row(26.0, |mut cells| {
                    cells.col(|ui| {
                        ui.label(n.to_string());
                    });
                    let values: [&mut String; 9] = [
                        &mut row.name_en,
                        &mut row.name_zh,
                        &mut row.quantity,
                        &mut row.unit_value,
                        &mut row.currency,
                        &mut row.hs_code,
                        &mut row.sku,
                        &mut row.origin_country,
                        &mut row.box_number,
                    ];
                    for ((field, en, zh, _), value) in columns.iter().zip(values) {
                        cells.col(|ui| {
                            let message = issues.message(&format!("items[{i}].{field}"), language);
                            cell_field(ui, format!("{} {n}", tr(language, en, zh)), value, message);
                        });
                    }
                    cells.col(|ui| {
                        if ui
                            .small_button(tr(language, "Remove", "删除"))
                            .on_hover_text(tr(language, "Remove this item", "删除此品名"))
                            .accessible_name(format!("Remove item {n}"))
                            .clicked()
                        {
                            remove = Some(i);
                        }
                    });
                });
            }
        });
    if let Some(i) = remove {
        rows.remove(i);
    }
    if ui.button(tr(language, "Add item", "添加品名")).clicked() {
        rows.push(ItemRow::default());
    }
}
