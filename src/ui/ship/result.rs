//! The result of the last create: what happened in the packer's language, the tracking number
//! to copy, the label to open, print and see.

use super::{LastResult, ShipContext, ShipView};
use crate::engine::Print;
use crate::model::ShipmentState;
use crate::ui::i18n::{Language, tr};
use crate::ui::widgets::action_button;

/// Prints the result's label again (the shortcut is on the button).
pub const PRINT_LABEL: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::P);

/// How a result reads at a glance.
enum Standing {
    /// Bought, number and label here.
    Done,
    /// Bought; the number or label comes by itself.
    Waiting,
    /// It may hold money and needs a person (unknown, number missing, refund due).
    NeedsAPerson,
    /// Nothing was bought.
    NotBought,
}

impl Standing {
    fn of(state: ShipmentState) -> Self {
        match state {
            ShipmentState::Created | ShipmentState::Printed => Self::Done,
            ShipmentState::Submitting
            | ShipmentState::AwaitingNumber
            | ShipmentState::AwaitingLabel => Self::Waiting,
            ShipmentState::Unknown | ShipmentState::BoughtNoTracking | ShipmentState::RefundDue => {
                Self::NeedsAPerson
            }
            ShipmentState::Draft
            | ShipmentState::Failed
            | ShipmentState::Cancelled
            | ShipmentState::Refunded => Self::NotBought,
        }
    }
}

impl ShipView {
    pub(super) fn result_ui(&mut self, ui: &mut egui::Ui, language: Language) {
        let Some(result) = &self.last_result else {
            if self.pending_fee.is_none() {
                ui.weak(tr(
                    language,
                    "Each order's result and its label appear here.",
                    "每票的结果和面单显示在这里。",
                ));
            }
            return;
        };
        ui.add_space(6.0);
        egui::Frame::group(ui.style()).show(ui, |ui| match result {
            LastResult::NotSent(message) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    message.in_language(language.code()),
                );
            }
            LastResult::Sent(report) => {
                let line = format!(
                    "{}: {}",
                    report.reference,
                    report.state.label().in_language(language.code())
                );
                match Standing::of(report.state) {
                    Standing::Done => {
                        ui.colored_label(egui::Color32::from_rgb(80, 200, 120), line);
                    }
                    // Bought; the number or label is on its way: nothing for the packer to do.
                    Standing::Waiting => {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(line);
                        });
                    }
                    Standing::NeedsAPerson => {
                        ui.colored_label(ui.visuals().warn_fg_color, line);
                    }
                    Standing::NotBought => {
                        ui.colored_label(ui.visuals().error_fg_color, line);
                    }
                }
                if let Some(tracking) = &report.tracking_number {
                    ui.horizontal(|ui| {
                        ui.label(tr(language, "Tracking number:", "跟踪号："));
                        ui.strong(tracking);
                        if action_button(ui, tr(language, "Copy", "复制")).clicked() {
                            ui.ctx().copy_text(tracking.clone());
                        }
                    });
                }
                if let Some(path) = &report.label_path {
                    ui.horizontal(|ui| {
                        ui.label(tr(language, "Label:", "面单："));
                        // The file's name; the whole path on hover (a long path must not
                        // widen the panel over the form).
                        let name = path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        ui.add(egui::Label::new(egui::RichText::new(name).monospace()).truncate())
                            .on_hover_text(path.display().to_string());
                        if action_button(ui, tr(language, "Open label", "打开面单")).clicked() {
                            open_in_system_viewer(path);
                        }
                    });
                }
                if let Some(fee) = &report.quoted_fee {
                    ui.label(format!(
                        "{} {fee}",
                        tr(language, "Fee accepted:", "已确认费用：")
                    ));
                }
                if let Some(message) = &report.message {
                    ui.add(egui::Label::new(message.in_language(language.code())).wrap());
                }
            }
        });
    }

    /// Under a result with a stored label: the print button and the label, drawn.
    pub(super) fn label_actions_ui(&mut self, ui: &mut egui::Ui, context: &mut ShipContext<'_>) {
        let language = context.language;
        if let Some(LastResult::Sent(report)) = &self.last_result
            && let Some(path) = &report.label_path
        {
            let reference = report.reference.clone();
            let shortcut = ui.input_mut(|i| i.consume_shortcut(&PRINT_LABEL));
            let label = format!("{}  (Ctrl+P)", tr(language, "Print label", "打印面单"));
            if action_button(ui, label).clicked() || shortcut {
                context
                    .commands
                    .send(Print::on_desk_printer(vec![reference]));
            }
            self.preview.show(path, context.commands);
            self.preview.ui(ui, language, false);
        }
    }
}

/// Opens a file with the desktop's viewer, without waiting for it.
pub fn open_in_system_viewer(path: &std::path::Path) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(error) = std::process::Command::new(program).arg(path).spawn() {
        tracing::warn!("cannot open {}: {error}", path.display());
    }
}
