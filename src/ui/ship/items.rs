//! The customs items table: what is in the boxes, for the declaration. Tab walks each item's
//! fields in the order of the columns; Remove is clicked, Add item and "Save to catalogue" have
//! their shortcuts. Leaving a SKU field says so, for the form to complete the row from the
//! catalogue.

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

/// Keeps the items with a SKU in the catalogue (the shortcut is on the button).
pub const SAVE_TO_CATALOGUE: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::ALT, egui::Key::K);

/// What the packer asked of the table this frame, for the form to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemsAsked {
    /// The SKU field of this row was left with a SKU in it: complete the row from the catalogue.
    SkuEntered(usize),
    /// Save every row with a SKU to the catalogue under it.
    SaveToCatalogue,
}

/// Draws the table and its buttons; says what was asked.
pub fn items_table(
    ui: &mut egui::Ui,
    language: Language,
    rows: &mut Vec<ItemRow>,
    issues: &FieldIssues<'_>,
) -> Option<ItemsAsked> {
    let mut asked = None;
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
                            let response = cell_field(
                                ui,
                                field_id(&path),
                                format!("{} {n}", tr(language, en, zh)),
                                value,
                                message,
                            );
                            if *field == "sku" && response.lost_focus() && !value.trim().is_empty()
                            {
                                asked = Some(ItemsAsked::SkuEntered(i));
                            }
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
    ui.horizontal(|ui| {
        if add_row_button(ui, tr(language, "Add item", "添加品名"), &ADD_ITEM) {
            rows.push(ItemRow::default());
            // The new item takes the focus, ready for its English name.
            focus_field(ui, &format!("items[{}].name_en", rows.len() - 1));
        }
        let with_sku = rows.iter().filter(|r| !r.sku.trim().is_empty()).count();
        let pressed = ui.input_mut(|i| i.consume_shortcut(&SAVE_TO_CATALOGUE));
        let text = format!(
            "{}  ({})",
            tr(language, "Save to catalogue", "存入商品库"),
            ui.ctx().format_shortcut(&SAVE_TO_CATALOGUE)
        );
        let save = ui
            .add_enabled(with_sku > 0, egui::Button::new(text))
            .on_hover_text(tr(
                language,
                "Keep each item's declaration under its SKU: the next order with that SKU is filled from it",
                "按 SKU 保存每个品名的申报信息：之后含此 SKU 的订单会自动填写",
            ))
            .on_disabled_hover_text(tr(
                language,
                "Type an item's SKU first",
                "请先填写 SKU",
            ));
        if (save.clicked() || pressed) && with_sku > 0 {
            asked = Some(ItemsAsked::SaveToCatalogue);
        }
    });
    asked
}
