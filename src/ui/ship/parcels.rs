//! The parcels table: one row a box, with units per row, duplicate and remove. Tab walks the
//! fields of each box (length, width, height, unit, weight, unit, box number); the buttons are
//! clicked, or reached by their shortcuts, and are no Tab stops.

use egui_extras::{Column, TableBuilder};

use crate::model::ParcelRow;
use crate::model::{LengthUnit, WeightUnit};
use crate::ui::i18n::{Language, tr};
use crate::ui::widgets::{
    FieldIssues, add_row_button, cell_field, field_id, focus_field, small_action_button,
    table_problems_ui,
};

/// Adds a box (the shortcut is on the button).
pub const ADD_PARCEL: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::ALT, egui::Key::P);

/// Draws the table and its buttons.
pub fn parcels_table(
    ui: &mut egui::Ui,
    language: Language,
    rows: &mut Vec<ParcelRow>,
    issues: &FieldIssues<'_>,
) {
    let mut remove = None;
    let mut duplicate = None;
    TableBuilder::new(ui)
        .id_salt("parcels")
        .striped(true)
        .column(Column::exact(24.0))
        .columns(Column::initial(64.0).at_least(48.0), 3)
        .column(Column::exact(64.0))
        .column(Column::initial(72.0).at_least(48.0))
        .column(Column::exact(64.0))
        .column(Column::initial(64.0).at_least(40.0))
        .column(Column::remainder().at_least(120.0))
        .header(20.0, |mut header| {
            for (en, zh) in [
                ("#", "#"),
                ("Length", "长"),
                ("Width", "宽"),
                ("Height", "高"),
                ("Unit", "单位"),
                ("Weight", "重量"),
                ("Unit", "单位"),
                ("Box", "箱号"),
                ("", ""),
            ] {
                header.col(|ui| {
                    ui.strong(tr(language, en, zh));
                });
            }
        })
        .body(|mut body| {
            for (i, row) in rows.iter_mut().enumerate() {
                let n = i + 1;
                body.row(26.0, |mut cells| {
                    cells.col(|ui| {
                        ui.label(n.to_string());
                    });
                    for (field, en, zh, value) in [
                        ("length", "Length", "长", &mut row.length),
                        ("width", "Width", "宽", &mut row.width),
                        ("height", "Height", "高", &mut row.height),
                    ] {
                        cells.col(|ui| {
                            let path = format!("parcels[{i}].{field}");
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
                        unit_picker(
                            ui,
                            format!("dimension-unit-{i}"),
                            &mut row.dimension_unit,
                            &[(LengthUnit::Cm, "cm"), (LengthUnit::In, "in")],
                        );
                    });
                    cells.col(|ui| {
                        let path = format!("parcels[{i}].weight");
                        let message = issues.message(&path, language);
                        cell_field(
                            ui,
                            field_id(&path),
                            format!("{} {n}", tr(language, "Weight", "重量")),
                            &mut row.weight,
                            message,
                        );
                    });
                    cells.col(|ui| {
                        unit_picker(
                            ui,
                            format!("weight-unit-{i}"),
                            &mut row.weight_unit,
                            &[
                                (WeightUnit::Kg, "kg"),
                                (WeightUnit::G, "g"),
                                (WeightUnit::Lb, "lb"),
                                (WeightUnit::Oz, "oz"),
                            ],
                        );
                    });
                    cells.col(|ui| {
                        cell_field(
                            ui,
                            field_id(&format!("parcels[{i}].box_number")),
                            format!("{} {n}", tr(language, "Box", "箱号")),
                            &mut row.box_number,
                            None,
                        );
                    });
                    cells.col(|ui| {
                        ui.horizontal(|ui| {
                            if small_action_button(ui, tr(language, "Copy", "复制"))
                                .on_hover_text(tr(language, "Duplicate this box", "复制此箱"))
                                .accessible_name(format!("Duplicate parcel {n}"))
                                .clicked()
                            {
                                duplicate = Some(i);
                            }
                            if small_action_button(ui, tr(language, "Remove", "删除"))
                                .on_hover_text(tr(language, "Remove this box", "删除此箱"))
                                .accessible_name(format!("Remove parcel {n}"))
                                .clicked()
                            {
                                remove = Some(i);
                            }
                        });
                    });
                });
            }
        });
    if let Some(i) = duplicate
        && let Some(row) = rows.get(i).cloned()
    {
        rows.insert(i + 1, row);
    }
    if let Some(i) = remove
        && rows.len() > 1
    {
        rows.remove(i);
    }
    table_problems_ui(
        ui,
        language,
        issues,
        ("parcels", "Box", "箱"),
        rows.len(),
        &[
            ("length", "Length", "长"),
            ("width", "Width", "宽"),
            ("height", "Height", "高"),
            ("weight", "Weight", "重量"),
        ],
    );
    if add_row_button(ui, tr(language, "Add parcel", "添加包裹"), &ADD_PARCEL) {
        rows.push(ParcelRow::default());
        // The new box takes the focus, ready for its length.
        focus_field(ui, &format!("parcels[{}].length", rows.len() - 1));
    }
}

/// A small combo box choosing a unit, worked from the keyboard: Tab reaches it, typing a
/// unit's first letter picks it ("k" kg, "l" lb, "i" in), Enter opens the list and Enter again
/// closes it.
fn unit_picker<U: Copy + PartialEq>(
    ui: &mut egui::Ui,
    id: String,
    unit: &mut U,
    choices: &[(U, &str)],
) {
    let name = id.replace('-', " ");
    // The list's id as the combo box made it last frame: Enter closes it while it is open,
    // taken before the combo box sees the key (its own Enter would open it again).
    let remembered = egui::Id::unique(("unit-picker", id.as_str()));
    let last_popup: Option<egui::Id> = ui.data(|d| d.get_temp(remembered));
    if let Some(popup) = last_popup
        && egui::Popup::is_id_open(ui.ctx(), popup)
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
    {
        egui::Popup::close_id(ui.ctx(), popup);
    }
    let current = choices
        .iter()
        .find(|(u, _)| u == unit)
        .map(|(_, name)| *name)
        .unwrap_or("?");
    let response = egui::ComboBox::from_id_salt(&id)
        .selected_text(current)
        .width(52.0)
        .show_ui(ui, |ui| {
            for (choice, name) in choices {
                ui.selectable_value(unit, *choice, *name);
            }
        })
        .response
        .accessible_name(name);
    ui.data_mut(|d| d.insert_temp(remembered, response.id.with("popup")));
    if response.has_focus() {
        let typed: String = ui.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Text(text) => Some(text.to_lowercase()),
                    _ => None,
                })
                .collect()
        });
        if let Some(first) = typed.chars().next()
            && let Some((choice, _)) = choices.iter().find(|(_, n)| n.starts_with(first))
        {
            *unit = *choice;
        }
    }
}
