//! The ship form's service field: a text field that, for an account whose services are kept
//! (ECCANG's list, refreshed in Accounts), lists the services matching what is typed, by code
//! or by name in either language, so a packer never has to know a channel code. Keyboard only:
//! type to filter, Down/Up to move through the list, Enter to take the highlighted service, Esc
//! to close the list. Nothing is forced: with no list, a stale one, or nothing highlighted,
//! what is typed is what is sent.

use crate::carriers::OfferedService;
use crate::ui::i18n::{Language, tr};
use crate::ui::widgets::field_id;

/// Services listed at most (the rest are found by typing more).
const MAX_SHOWN: usize = 12;

/// What the picker remembers between frames.
#[derive(Default)]
pub struct ServicePicker {
    /// The entry Down/Up moved to, among the matches.
    highlight: Option<usize>,
    /// The text the matches were made for (a change starts the highlight again).
    filtered_for: String,
    /// Closed by Esc or a choice until the text changes or the field is entered again.
    dismissed: bool,
    /// Where the list was drawn last frame: a pointer over it keeps it open after the field
    /// lost the focus to the press, so a click on an entry still lands.
    list_rect: Option<egui::Rect>,
}

impl ServicePicker {
    /// The label, the field and its validation message, in a two-column grid row, and the list
    /// of matching `services` under the field while it has the focus.
    #[allow(clippy::too_many_arguments)]
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        language: Language,
        value: &mut String,
        hint: &str,
        message: Option<&str>,
        services: &[OfferedService],
    ) {
        let id = field_id("service_code");
        let focused = ui.memory(|m| m.has_focus(id));
        if *value != self.filtered_for {
            self.filtered_for = value.clone();
            self.highlight = None;
            self.dismissed = false;
        }
        let matches: Vec<&OfferedService> = services
            .iter()
            .filter(|s| s.matches(value))
            .take(MAX_SHOWN)
            .collect();
        let pointer_on_list = self
            .list_rect
            .is_some_and(|rect| ui.rect_contains_pointer(rect));
        let open = !matches.is_empty() && !self.dismissed && (focused || pointer_on_list);
        if open && focused {
            self.keys(ui, value, &matches);
        }
        let label = ui.label(tr(language, "Service code", "渠道代码"));
        let response = ui
            .vertical(|ui| {
                let response = ui
                    .add(
                        egui::TextEdit::singleline(value)
                            .id(id)
                            .hint_text(hint.to_owned())
                            .desired_width(140.0),
                    )
                    .labelled_by(label.id);
                if let Some(message) = message {
                    ui.colored_label(ui.visuals().error_fg_color, message);
                }
                response
            })
            .inner;
        ui.end_row();
        if response.gained_focus() {
            self.dismissed = false;
        }
        // A choice made above changed the text: the list closes until more is typed.
        if *value != self.filtered_for {
            self.filtered_for = value.clone();
            self.list_rect = None;
            return;
        }
        if !open || self.dismissed {
            self.list_rect = None;
            return;
        }
        self.list_rect = Some(self.list_ui(ui, language, &response, value, &matches));
    }

    /// Down/Up move the highlight; Enter takes it (and is kept from the field, so the focus
    /// stays for Tab); Esc closes the list.
    fn keys(&mut self, ui: &egui::Ui, value: &mut String, matches: &[&OfferedService]) {
        use egui::{Key, Modifiers};
        let last = matches.len().saturating_sub(1);
        if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::ArrowDown)) {
            self.highlight = Some(self.highlight.map_or(0, |h| (h + 1).min(last)));
        }
        if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::ArrowUp)) {
            self.highlight = self.highlight.and_then(|h| h.checked_sub(1));
        }
        if let Some(chosen) = self.highlight.and_then(|h| matches.get(h))
            && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter))
        {
            *value = chosen.code.clone();
            self.choose();
        }
        if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.dismissed = true;
        }
    }

    fn choose(&mut self) {
        self.highlight = None;
        self.dismissed = true;
    }

    /// The matches in a box under the field; a click takes one too. Returns where it is.
    fn list_ui(
        &mut self,
        ui: &egui::Ui,
        language: Language,
        field: &egui::Response,
        value: &mut String,
        matches: &[&OfferedService],
    ) -> egui::Rect {
        let code = language.code();
        let area = egui::Area::new(field.id.with("services"))
            .order(egui::Order::Foreground)
            .fixed_pos(field.rect.left_bottom())
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_min_width(field.rect.width().max(260.0));
                    ui.weak(tr(
                        language,
                        "↓↑ choose, Enter takes it, Esc closes",
                        "↓↑ 选择，回车确定，Esc 关闭",
                    ));
                    for (index, service) in matches.iter().enumerate() {
                        let line = service.line(code);
                        let highlighted = self.highlight == Some(index);
                        let entry = ui.add(
                            egui::Button::selectable(highlighted, line).sense(egui::Sense::CLICK),
                        );
                        if entry.clicked() {
                            *value = service.code.clone();
                            self.choose();
                            ui.memory_mut(|m| m.request_focus(field.id));
                        }
                    }
                });
            });
        area.response.rect
    }
}
