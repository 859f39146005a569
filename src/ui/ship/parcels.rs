//! The parcels table: one row a box, with units per row, duplicate and remove.

use egui_extras::{Column, TableBuilder};

use super::typed_order::ParcelRow;
use crate::model::{LengthUnit, WeightUnit};
use crate::ui::i18n::{Language, tr};
use crate::ui::widgets::{FieldIssues, cell_field};

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
                            let message =
                                issues.message(&format!("parcels[{i}].{field}"), language);
                            cell_field(ui, format!("{} {n}", tr(language, en, zh)), value, message);
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
                        let message = issues.message(&format!("parcels[{i}].weight"), language);
                        cell_field(
                            ui,
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
                            format!("{} {n}", tr(language, "Box", "箱号")),
                            &mut row.box_number,
                            None,
                        );
                    });
                    cells.col(|ui| {
                        ui.horizontal(|ui| {
                            if ui
                                .small_button(tr(language, "Copy", "复制"))
                                .on_hover_text(tr(language, "Duplicate this box", "复制此箱"))
                                .accessible_name(format!("Duplicate parcel {n}"))
                                .clicked()
                            {
                                duplicate = Some(i);
                            }
                            if ui
                                .small_button(tr(language, "Remove", "删除"))
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
    ui.horizontal(|ui| {
        if ui.button(tr(language, "Add parcel", "添加包裹")).clicked() {
            rows.push(ParcelRow::default());
        }
    });
}

/// A small combo box choosing a unit.
fn unit_picker<U: Copy + PartialEq>(
    ui: &mut egui::Ui,
    id: String,
    unit: &mut U,
    choices: &[(U, &str)],
) {
    let name = id.replace('-', " ");
    let current = choices
        .iter()
        .find(|(u, _)| u == unit)
        .map(|(_, name)| *name)
        .unwrap_or("?");
    egui::ComboBox::from_id_salt(id)
        .selected_text(current)
        .width(52.0)
        .show_ui(ui, |ui| {
            for (choice, name) in choices {
                ui.selectable_value(unit, *choice, *name);
            }
        })
        .response
        .accessible_name(name);
}
