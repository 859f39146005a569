//! Whether the typed reference is already in History, asked as it changes, with a way to a new
//! one.

use super::ShipView;
use crate::engine::CheckReference;
use crate::model::{ShipmentState, Text};
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, tr};

impl ShipView {
    /// History's answer about a reference (answers about an older one are ignored).
    pub fn on_reference_checked(&mut self, reference: &str, used: Option<(ShipmentState, i64)>) {
        if reference == self.reference_checked {
            self.reference_used = used;
        }
    }

    /// Asks History about the reference whenever it changed (a scanner types it in a burst; each
    /// lookup is one index probe).
    pub(super) fn check_reference(&mut self, commands: &CommandSender) {
        let typed = self.form.reference.trim();
        if typed != self.reference_checked {
            self.reference_checked = typed.to_owned();
            self.reference_used = None;
            if !typed.is_empty() {
                commands.send(CheckReference(typed.to_owned()));
            }
        }
    }

    /// The hint under the reference when History already has it, with a way out.
    pub(super) fn reference_used_ui(&mut self, ui: &mut egui::Ui, language: Language) {
        let Some((state, at)) = self.reference_used else {
            return;
        };
        let when = crate::store::format_local_time(at, "%Y-%m-%d %H:%M");
        let label = state.label();
        let text = Text::new(
            format!("Already used by a shipment of {when} ({}).", label.en),
            format!("该参考号已被 {when} 的运单使用（{}）。", label.zh),
        );
        let mut fresh = false;
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                text.in_language(language.code()),
            );
            let link = egui::RichText::new(tr(language, "Use a new reference", "换一个新参考号"))
                .underline();
            fresh = ui
                .add(egui::Label::new(link).sense(egui::Sense::CLICK))
                .clicked();
        });
        if fresh {
            self.form.reference = self.next_reference();
        }
    }
}
