//! The result of the last create: what happened in the packer's language, the tracking number
//! to copy, the label to open, print and see.

use super::{LastResult, ShipContext, ShipView};
use crate::engine::Print;
use crate::model::ShipmentState;
use crate::ui::i18n::{Language, tr};

impl ShipView {
    pub(super) fn result_ui(&mut self, ui: &mut egui::Ui, language: Language) {
        let Some(result) = &self.last_result else {
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
                let good = matches!(
                    report.state,
                    ShipmentState::Created | ShipmentState::Printed
                );
                let colour = if good {
                    egui::Color32::from_rgb(80, 200, 120)
                } else {
                    ui.visuals().error_fg_color
                };
                ui.colored_label(
                    colour,
                    format!(
                        "{}: {}",
                        report.reference,
                        report.state.label().in_language(language.code())
                    ),
                );
                if let Some(tracking) = &report.tracking_number {
                    ui.horizontal(|ui| {
                        ui.label(tr(language, "Tracking number:", "跟踪号："));
                        ui.strong(tracking);
                        if ui.button(tr(language, "Copy", "复制")).clicked() {
                            ui.ctx().copy_text(tracking.clone());
                        }
                    });
                }
                if let Some(path) = &report.label_path {
                    ui.horizontal(|ui| {
                        ui.label(tr(language, "Label:", "面单："));
                        ui.monospace(path.display().to_string());
                        if ui.button(tr(language, "Open label", "打开面单")).clicked() {
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
                    ui.label(message.in_language(language.code()));
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
            if ui.button(tr(language, "Print label", "打印面单")).clicked() {
                context
                    .commands
                    .send(Print::on_desk_printer(vec![reference]));
            }
            self.preview.show(path, context.commands);
            self.preview.ui(ui, language);
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
