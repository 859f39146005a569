//! Small building blocks shared by the views.

use crate::model::ValidationIssue;

use super::i18n::Language;

/// The validation messages of a form, looked up by field path (`recipient.postcode`).
#[derive(Default)]
pub struct FieldIssues<'a> {
    issues: &'a [ValidationIssue],
    shown: bool,
}

impl<'a> FieldIssues<'a> {
    /// `shown` is false until the packer first tries to create: no red before typing starts.
    pub fn new(issues: &'a [ValidationIssue], shown: bool) -> Self {
        Self { issues, shown }
    }

    /// The message for a field, in the language, if it should be shown.
    pub fn message(&self, field: &str, language: Language) -> Option<&'a str> {
        if !self.shown {
            return None;
        }
        self.issues
            .iter()
            .find(|i| i.field == field)
            .map(|i| i.message.in_language(language.code()))
    }
}

/// A label and a single-line text field tied to it (screen readers and tests find the field
/// by its label), with its validation message underneath. Use inside a two-column grid.
pub fn labelled_field(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut String,
    message: Option<&str>,
    width: f32,
) -> egui::Response {
    let label = ui.label(label);
    let response = ui
        .vertical(|ui| {
            let response = ui
                .add(egui::TextEdit::singleline(value).desired_width(width))
                .labelled_by(label.id);
            if let Some(message) = message {
                ui.colored_label(ui.visuals().error_fg_color, message);
            }
            response
        })
        .inner;
    ui.end_row();
    response
}

/// A compact text cell for a table row, named for accessibility (`Weight 1`, `Name (EN) 2`).
pub fn cell_field(
    ui: &mut egui::Ui,
    accessible_name: String,
    value: &mut String,
    message: Option<&str>,
) -> egui::Response {
    let mut edit = egui::TextEdit::singleline(value).desired_width(f32::INFINITY);
    if message.is_some() {
        edit = edit.background_color(ui.visuals().error_fg_color.gamma_multiply(0.25));
    }
    let response = ui.add(edit).accessible_name(accessible_name);
    match message {
        Some(message) => response.on_hover_text(message),
        None => response,
    }
}
