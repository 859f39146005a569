//! The preset buttons under the parcels table: the built-in Box S/M/L, the desk's own boxes
//! (stored in the database through the engine), and saving the first box as a new preset.

use std::str::FromStr as _;

use rust_decimal::Decimal;

use crate::engine::{EditPresets, PresetEdit};
use crate::model::ParcelRow;
use crate::model::{BUILT_IN_BOXES, ParcelPreset};
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, tr};
use crate::ui::widgets::action_button;

/// The name being typed for a new preset, while the packer is saving one.
#[derive(Default)]
pub struct PresetSaving {
    name: Option<String>,
    problem: Option<SaveProblem>,
}

/// Why a preset cannot be saved yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SaveProblem {
    /// No name typed.
    NoName,
    /// Box 1 lacks a dimension.
    NoBox,
}

/// Draws the preset row; a click fills a box, "Save box 1 as preset" stores one.
pub fn presets_ui(
    ui: &mut egui::Ui,
    language: Language,
    rows: &mut Vec<ParcelRow>,
    presets: &[ParcelPreset],
    saving: &mut PresetSaving,
    commands: &CommandSender,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(tr(language, "Presets:", "预设："));
        for (en, zh, size) in BUILT_IN_BOXES {
            let preset = ParcelPreset::built_in(en, size);
            let [l, w, h] = size;
            let button = action_button(ui, tr(language, en, zh))
                .on_hover_text(format!("{l} x {w} x {h} cm"));
            if button.clicked() {
                apply(rows, &preset);
            }
        }
        for preset in presets {
            let button =
                action_button(ui, preset.name.as_str()).on_hover_text(describe(preset, language));
            if button.clicked() {
                apply(rows, preset);
            }
            button.context_menu(|ui| {
                if ui
                    .button(tr(language, "Delete this preset", "删除此预设"))
                    .clicked()
                {
                    commands.send(EditPresets(PresetEdit::DeleteParcel(preset.name.clone())));
                    ui.close();
                }
            });
        }
        save_ui(ui, language, rows, saving, commands);
    });
}

/// "Save box 1 as preset…", then a name field and Save / Cancel.
fn save_ui(
    ui: &mut egui::Ui,
    language: Language,
    rows: &[ParcelRow],
    saving: &mut PresetSaving,
    commands: &CommandSender,
) {
    let Some(name) = &mut saving.name else {
        if action_button(
            ui,
            tr(language, "Save box 1 as preset…", "将第 1 箱存为预设…"),
        )
        .clicked()
        {
            saving.name = Some(String::new());
            saving.problem = None;
        }
        return;
    };
    let field = ui.add(
        egui::TextEdit::singleline(name)
            .hint_text(tr(language, "Preset name", "预设名称"))
            .desired_width(120.0),
    );
    let field = field.accessible_name("Preset name");
    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if ui.button(tr(language, "Save preset", "保存预设")).clicked() || enter {
        match rows.first().map(|row| preset_from_row(name, row)) {
            Some(Ok(preset)) => {
                commands.send(EditPresets(PresetEdit::SaveParcel(preset)));
                saving.name = None;
                saving.problem = None;
            }
            Some(Err(problem)) => saving.problem = Some(problem),
            None => saving.problem = Some(SaveProblem::NoBox),
        }
    }
    if ui.button(tr(language, "Cancel", "取消")).clicked() {
        saving.name = None;
        saving.problem = None;
    }
    if let Some(problem) = saving.problem {
        let message = match problem {
            SaveProblem::NoName => tr(language, "Give the preset a name.", "请填写预设名称。"),
            SaveProblem::NoBox => tr(
                language,
                "Box 1 needs its three dimensions first.",
                "请先填写第 1 箱的长宽高。",
            ),
        };
        ui.colored_label(ui.visuals().error_fg_color, message);
    }
}

/// A preset from a typed row: its dimensions (all needed) and its weight when typed.
fn preset_from_row(name: &str, row: &ParcelRow) -> Result<ParcelPreset, SaveProblem> {
    let name = name.trim();
    if name.is_empty() {
        return Err(SaveProblem::NoName);
    }
    let number = |text: &str| {
        Decimal::from_str(text.trim())
            .ok()
            .filter(|d| *d > Decimal::ZERO)
    };
    let (Some(length), Some(width), Some(height)) =
        (number(&row.length), number(&row.width), number(&row.height))
    else {
        return Err(SaveProblem::NoBox);
    };
    Ok(ParcelPreset {
        name: name.to_owned(),
        length,
        width,
        height,
        dimension_unit: row.dimension_unit,
        weight: number(&row.weight),
        weight_unit: row.weight_unit,
    })
}

/// Fills the last box whose dimensions are empty, or adds a box; the preset's weight only goes
/// into an empty weight (the scale's reading wins).
pub(super) fn apply(rows: &mut Vec<ParcelRow>, preset: &ParcelPreset) {
    let target = match rows.last_mut() {
        Some(row) if row.length.trim().is_empty() => row,
        _ => {
            rows.push(ParcelRow::default());
            let last = rows.len() - 1;
            &mut rows[last]
        }
    };
    preset.fill(target);
}

/// "30 x 20 x 10 cm, 1.2 kg" for the hover text.
fn describe(preset: &ParcelPreset, language: Language) -> String {
    let unit = preset.dimension_unit.code().to_lowercase();
    let mut text = format!(
        "{} x {} x {} {unit}",
        preset.length.normalize(),
        preset.width.normalize(),
        preset.height.normalize()
    );
    if let Some(weight) = preset.weight {
        text.push_str(&format!(
            ", {} {}",
            weight.normalize(),
            preset.weight_unit.code().to_lowercase()
        ));
    }
    text.push_str(tr(language, "  (right-click to delete)", "（右键删除）"));
    text
}
