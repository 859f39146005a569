//! The customs items table: what is in the boxes, for the declaration. Tab walks each item's
//! fields in the order of the columns; Remove is clicked, Add item has its shortcut.

use egui_extras::{Column, TableBuilder};

use crate::model::ItemRow;
use crate::ui::i18n::{Language, tr};
use crate::ui::widgets::{
    FieldIssues, add_row_button, cell_field, field_id, focus_field, small_action_button,
    table_problems_ui,
};

/// Adds an item (the shortcut is on the button).
pub const ADD_ITEM: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::ALT, egui::Key::I);

/// Draws the table and its buttons.
pub fn items_table(
    ui: &mut egui::Ui,
    language: Language,
    rows: &mut Vec<ItemRow>,
    issues: &FieldIssues<'_>,
) {
    let mut remove = None;
    let columns: [(&str, &'static str, &'static str, f32); 9] = [
        ("name_en", "Name (EN)", "英文品名", 130.0),
        ("name_zh", "Name (中文)", "中文品名", 100.0),
        ("quantity", "Qty", "数量", 40.0),
        ("unit_value", "Unit value", "单价", 64.0),
        ("currency", "Currency", "币种", 60.0),
        ("hs_code", "HS code", "海关编码", 76.0),
        ("sku", "SKU", "SKU", 76.0),
        ("origin_country", "Origin", "原产地", 48.0),
        ("box_number", "Box", "箱号", 44.0),
    ];
    let mut table = TableBuilder::new(ui)
        .id_salt("items")
        .striped(true)
        .column(Column::exact(24.0));
    for (_, _, _, width) in columns {
        // Not resizable: a resize handle is an invisible Tab stop after the last row.
        table = table.column(Column::initial(width).at_least(36.0));
    }
    table
        .column(Column::remainder().at_least(64.0))
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
                            let path = format!("items[{i}].{field}");
                            let message = issues.message(&path, language);
                            cell_field(
                                ui,
                                field_id(&path),
                                format!("{} {n}", tr(language, en, zh)),
                                value,
                                message,
                            );
                        });
                    }
                    cells.col(|ui| {
                        if small_action_button(ui, tr(language, "Remove", "删除"))
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
    let headings: Vec<(&str, &str, &str)> = columns
        .iter()
        .map(|(field, en, zh, _)| (*field, *en, *zh))
        .collect();
    table_problems_ui(
        ui,
        language,
        issues,
        ("items", "Item", "品名"),
        rows.len(),
        &headings,
    );
    if add_row_button(ui, tr(language, "Add item", "添加品名"), &ADD_ITEM) {
        rows.push(ItemRow::default());
        // The new item takes the focus, ready for its English name.
        focus_field(ui, &format!("items[{}].name_en", rows.len() - 1));
    }
}
