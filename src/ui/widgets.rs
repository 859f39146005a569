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

/// The id of the form field for a validation path (`recipient.name`, `parcels[0].weight`), so
/// the focus can be put there from anywhere (after a create, at the first field with a problem).
pub fn field_id(path: &str) -> egui::Id {
    egui::Id::unique(("field", path))
}

/// A label and a single-line text field tied to it (screen readers and tests find the field
/// by its label), with its validation message underneath. Use inside a two-column grid.
pub fn labelled_field(
    ui: &mut egui::Ui,
    label: &str,
    id: egui::Id,
    value: &mut String,
    message: Option<&str>,
    width: f32,
) -> egui::Response {
    hinted_field(ui, label, id, value, "", message, width)
}

/// A [`labelled_field`] that shows `hint` while it is empty (what an empty field stands for).
pub fn hinted_field(
    ui: &mut egui::Ui,
    label: &str,
    id: egui::Id,
    value: &mut String,
    hint: &str,
    message: Option<&str>,
    width: f32,
) -> egui::Response {
    let label = ui.label(label);
    let response = ui
        .vertical(|ui| {
            let response = ui
                .add(
                    egui::TextEdit::singleline(value)
                        .id(id)
                        .hint_text(hint.to_owned())
                        .desired_width(width),
                )
                .labelled_by(label.id);
            select_when_tabbed_into(ui, &response, value);
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
/// A problem tints it; the words are shown under the table ([`row_problems_ui`]).
pub fn cell_field(
    ui: &mut egui::Ui,
    id: egui::Id,
    accessible_name: String,
    value: &mut String,
    message: Option<&str>,
) -> egui::Response {
    let mut edit = egui::TextEdit::singleline(value)
        .id(id)
        .desired_width(f32::INFINITY);
    if message.is_some() {
        edit = edit.background_color(ui.visuals().error_fg_color.gamma_multiply(0.25));
    }
    let response = ui.add(edit).accessible_name(accessible_name);
    select_when_tabbed_into(ui, &response, value);
    response
}

/// The problems of a table's rows in words, one line each, under it: for every row and each
/// of `fields` (its path name, English and Chinese heading), the message at
/// `{table}[{row}].{field}`, as "Box 1 · Weight · …".
pub fn table_problems_ui(
    ui: &mut egui::Ui,
    language: Language,
    issues: &FieldIssues<'_>,
    (table, row_en, row_zh): (&str, &str, &str),
    rows: usize,
    fields: &[(&str, &str, &str)],
) {
    let row_name = if language == Language::Zh {
        row_zh
    } else {
        row_en
    };
    for row in 0..rows {
        for (field, en, zh) in fields {
            let path = format!("{table}[{row}].{field}");
            if let Some(message) = issues.message(&path, language) {
                let heading = if language == Language::Zh { zh } else { en };
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("{row_name} {} · {heading} · {message}", row + 1),
                );
            }
        }
    }
}

/// "Add …" under a table, pressed with the mouse or its `shortcut`. Returns whether a row is
/// to be added; the caller adds it and [`focus_field`]s its first field.
pub fn add_row_button(ui: &mut egui::Ui, label: &str, shortcut: &egui::KeyboardShortcut) -> bool {
    let pressed = ui.input_mut(|i| i.consume_shortcut(shortcut));
    let text = format!("{label}  ({})", ui.ctx().format_shortcut(shortcut));
    action_button(ui, text).clicked() || pressed
}

/// Puts the focus in the field at `path` (it may appear only on the next frame: egui keeps
/// such a request one frame).
pub fn focus_field(ui: &egui::Ui, path: &str) {
    let id = field_id(path);
    ui.memory_mut(|m| m.request_focus(id));
}

/// Entering a field with the keyboard selects what it holds, so typing replaces a prefilled
/// value ("1" becomes "2", not "12"); a click still puts the cursor where it points.
fn select_when_tabbed_into(ui: &egui::Ui, response: &egui::Response, text: &str) {
    let by_pointer = ui.input(|i| i.pointer.any_pressed() || i.pointer.any_down());
    if response.gained_focus() && !by_pointer && !text.is_empty() {
        let mut state = egui::TextEdit::load_state(ui.ctx(), response.id).unwrap_or_default();
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::select_all_str(text)));
        state.store(ui.ctx(), response.id);
    }
}

/// A button that is clicked (or pressed through its shortcut, which its text names) but is no
/// stop of the Tab walk: Tab goes from field to field, and Space never fires a button by accident.
pub fn action_button(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) -> egui::Response {
    ui.add(egui::Button::new(text).sense(egui::Sense::CLICK))
}

/// A small [`action_button`] (table rows).
pub fn small_action_button(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) -> egui::Response {
    ui.add(egui::Button::new(text).small().sense(egui::Sense::CLICK))
}

/// A field that should get the focus. It is asked for again each frame until the field has it
/// (the first frames of a new window, or a pass egui throws away, may drop a single request),
/// for a few frames at most, so a field that is not drawn never keeps pulling the focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FocusRequest {
    id: egui::Id,
    frames_left: u8,
}

impl FocusRequest {
    /// The focus to the field with this id.
    pub fn to(id: egui::Id) -> Self {
        Self {
            id,
            frames_left: 30,
        }
    }

    /// Asks for the focus this frame; returns the request while it still waits.
    pub fn apply(self, ui: &egui::Ui) -> Option<Self> {
        if self.frames_left == 0 || ui.memory(|m| m.has_focus(self.id)) {
            return None;
        }
        ui.memory_mut(|m| m.request_focus(self.id));
        Some(Self {
            frames_left: self.frames_left - 1,
            ..self
        })
    }
}
