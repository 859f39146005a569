//! The desk scale's settings: USB (found by itself), serial (port, baud rate, parity, data
//! bits, protocol) or none, and whether an empty weight is filled by itself. Saved by the
//! engine (`scale.json`), which then reads the scale named.

use crate::desk::scale::{Parity, ScaleSettings, ScaleSource, SerialProtocol, SerialSettings};
use crate::engine::SaveScale;
use crate::model::Text;
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, tr};

/// The scale settings as edited.
pub struct ScaleSettingsView {
    editing: ScaleSettings,
    /// The baud rate as typed.
    baud: String,
    problem: Option<Text>,
}

impl ScaleSettingsView {
    /// Starts from the saved settings.
    pub fn new(settings: ScaleSettings) -> Self {
        Self {
            baud: settings.serial.baud.to_string(),
            editing: settings,
            problem: None,
        }
    }

    /// Whether an empty weight is filled by itself.
    pub fn auto_fill(&self) -> bool {
        self.editing.auto_fill
    }

    /// The engine's answer to a save.
    pub fn on_saved(&mut self, result: Result<(), Text>) {
        self.problem = result.err();
    }

    /// Draws the settings; a change is saved at once (the engine then reads the scale named).
    pub fn ui(&mut self, ui: &mut egui::Ui, language: Language, commands: &CommandSender) {
        ui.heading(tr(language, "Desk scale", "电子秤"));
        let before = self.editing.clone();
        ui.horizontal(|ui| {
            for (source, en, zh) in [
                (ScaleSource::Usb, "USB scale", "USB 电子秤"),
                (ScaleSource::Serial, "Serial scale", "串口电子秤"),
                (ScaleSource::Off, "No scale", "不使用电子秤"),
            ] {
                ui.radio_value(&mut self.editing.source, source, tr(language, en, zh));
            }
        });
        if self.editing.source == ScaleSource::Serial {
            self.serial_ui(ui, language);
        }
        ui.checkbox(
            &mut self.editing.auto_fill,
            tr(
                language,
                "Fill an empty weight from the scale once the reading is stable",
                "读数稳定后自动填入空白重量",
            ),
        );
        if let Some(problem) = &self.problem {
            ui.colored_label(
                ui.visuals().error_fg_color,
                problem.in_language(language.code()),
            );
        }
        if self.editing != before {
            commands.send(SaveScale(self.editing.clone()));
        }
    }

    fn serial_ui(&mut self, ui: &mut egui::Ui, language: Language) {
        egui::Grid::new("scale-serial")
            .num_columns(2)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                let label = ui.label(tr(language, "Protocol", "协议"));
                let protocol = self.editing.serial.protocol;
                egui::ComboBox::from_id_salt("scale-protocol")
                    .selected_text(protocol.name())
                    .show_ui(ui, |ui| {
                        for choice in [SerialProtocol::Nci, SerialProtocol::MtSics] {
                            ui.selectable_value(
                                &mut self.editing.serial.protocol,
                                choice,
                                choice.name(),
                            );
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                if self.editing.serial.protocol != protocol {
                    // The new protocol's factory line (NCI 7E1, MT-SICS 8N1) on the same port.
                    let port = self.editing.serial.port.clone();
                    self.editing.serial =
                        SerialSettings::for_protocol(self.editing.serial.protocol, &port);
                    self.baud = self.editing.serial.baud.to_string();
                }
                let label = ui.label(tr(language, "Serial port", "串口"));
                ui.add(
                    egui::TextEdit::singleline(&mut self.editing.serial.port)
                        .hint_text("/dev/ttyUSB0  ·  COM3")
                        .desired_width(200.0),
                )
                .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(tr(language, "Baud rate", "波特率"));
                ui.add(egui::TextEdit::singleline(&mut self.baud).desired_width(80.0))
                    .labelled_by(label.id);
                ui.end_row();
                if let Ok(baud) = self.baud.trim().parse::<u32>()
                    && baud > 0
                {
                    self.editing.serial.baud = baud;
                }
                let label = ui.label(tr(language, "Parity", "校验"));
                ui.horizontal(|ui| {
                    for (parity, en, zh) in [
                        (Parity::None, "None", "无"),
                        (Parity::Even, "Even", "偶"),
                        (Parity::Odd, "Odd", "奇"),
                    ] {
                        ui.radio_value(
                            &mut self.editing.serial.parity,
                            parity,
                            tr(language, en, zh),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(tr(language, "Data bits", "数据位"));
                ui.horizontal(|ui| {
                    ui.radio_value(&mut self.editing.serial.data_bits, 7, "7");
                    ui.radio_value(&mut self.editing.serial.data_bits, 8, "8");
                })
                .response
                .labelled_by(label.id);
                ui.end_row();
            });
    }
}
