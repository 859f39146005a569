//! Who is at the desk (the operator): typed once and remembered, recorded by the engine with
//! every shipment bought and every audit event from then on, and shown in the top bar so a
//! packer taking over the desk sees whose name the next label goes under.

use crate::engine::SetOperator;
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, tr};

/// The operator's name as typed, and the one the engine records.
#[derive(Debug, Default)]
pub struct OperatorView {
    typed: String,
    recorded: String,
    /// The top bar's name was clicked: the field takes the focus when next drawn.
    focus: bool,
}

impl OperatorView {
    /// Starts with the remembered name (the engine was told it at start).
    pub fn new(remembered: &str) -> Self {
        Self {
            typed: remembered.to_owned(),
            recorded: remembered.trim().to_owned(),
            focus: false,
        }
    }

    /// The next packer is taking over: the field gets the focus.
    pub fn focus(&mut self) {
        self.focus = true;
    }

    /// The name recorded with what is bought now ("" when nobody said).
    pub fn recorded(&self) -> &str {
        &self.recorded
    }

    /// The field and its Use button (Enter too).
    pub fn ui(&mut self, ui: &mut egui::Ui, language: Language, commands: &CommandSender) {
        ui.heading(tr(language, "Who is at this desk", "当前操作员"));
        ui.horizontal(|ui| {
            let label = ui.label(tr(language, "Packer", "操作员"));
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.typed)
                        .hint_text(tr(language, "your name", "您的名字"))
                        .desired_width(180.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus) {
                field.request_focus();
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let changed = self.typed.trim() != self.recorded;
            let take = ui
                .add_enabled(changed, egui::Button::new(tr(language, "Use", "使用")))
                .clicked();
            if (enter || take) && changed {
                self.recorded = self.typed.trim().to_owned();
                commands.send(SetOperator(self.recorded.clone()));
            }
        });
        ui.weak(tr(
            language,
            "Recorded with every shipment bought and every change from now on; History filters by it.",
            "从现在起记录在每票下单和每项操作中；可在历史中按操作员筛选。",
        ));
    }
}
