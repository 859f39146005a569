//! One forwarder-specific account setting in the account form, drawn from its descriptor: a
//! picker for a choice, a text field (its default as the hint) otherwise.

use crate::carriers::SettingField;
use crate::ui::i18n::Language;

/// Draws the label and the editor in a two-column grid row (the caller ends the row).
pub fn setting_field_ui(
    ui: &mut egui::Ui,
    language: Language,
    field: &SettingField,
    value: &mut String,
) {
    let zh = language == Language::Zh;
    let label = ui.label(if zh { field.label_zh } else { field.label_en });
    if field.choices.is_empty() {
        ui.add(
            egui::TextEdit::singleline(value)
                .hint_text(field.default)
                .desired_width(300.0),
        )
        .labelled_by(label.id);
        return;
    }
    let current = if value.trim().is_empty() {
        field.default.to_owned()
    } else {
        value.trim().to_owned()
    };
    let shown = field
        .choices
        .iter()
        .find(|c| c.value == current)
        .map_or(
            current.as_str(),
            |c| if zh { c.label_zh } else { c.label_en },
        )
        .to_owned();
    egui::ComboBox::from_id_salt(("account-setting", field.key))
        .selected_text(shown)
        .width(260.0)
        .show_ui(ui, |ui| {
            for choice in field.choices {
                let text = if zh { choice.label_zh } else { choice.label_en };
                if ui.selectable_label(current == choice.value, text).clicked() {
                    *value = choice.value.to_owned();
                }
            }
        })
        .response
        .labelled_by(label.id);
}
