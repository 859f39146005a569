//! History's "Close the day…" bar (end of day, 交接): pick the account and close; if something
//! needs a person first it is listed with why, and the day can be closed anyway with a note;
//! once closed, the handover list is saved as PDF and CSV where the supervisor says, or printed
//! on the desk's A4 printer (at once when asked; any earlier manifest reprinted the same way). The engine does the work; this only asks.

use std::path::PathBuf;

use crate::engine::{
    CloseDay, CloseOutcome, DocumentPrinted, ListManifests, PrintManifest, ShipError, WriteManifest,
};
use crate::model::Text;
use crate::store::{Manifest, ShipmentRecord};
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, tr};

/// The bar's state; closed (not drawn) until opened.
#[derive(Default)]
pub struct CloseDayPanel {
    open: bool,
    account: String,
    note: String,
    /// Set while a close is being asked for.
    closing: bool,
    /// What needs a person before the close, from the last try.
    waiting: Vec<ShipmentRecord>,
    /// The manifest just closed or picked for a reprint, and the file stem to save it as.
    manifest: Option<Manifest>,
    save_as: String,
    /// Earlier closes, newest first.
    manifests: Vec<Manifest>,
    /// What the last answer said.
    said: Option<Text>,
    /// Print the handover list on the A4 printer as soon as the day is closed.
    print_when_closed: bool,
}

impl CloseDayPanel {
    /// Opens the bar for `account` (the one History is filtered to, else the first).
    pub fn open(&mut self, account: &str, commands: &CommandSender) {
        self.open = true;
        if self.account.is_empty() {
            self.account = account.to_owned();
        }
        commands.send(ListManifests(None));
    }

    /// Whether the bar shows.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The engine's answer to a close; a closed day's handover list goes to the A4 printer
    /// at once when that was asked for (even if the bar was closed meanwhile).
    pub fn on_closed(&mut self, result: Result<CloseOutcome, ShipError>, commands: &CommandSender) {
        self.closing = false;
        match result {
            Ok(CloseOutcome::NeedsAPerson {
                waiting,
                note_needed,
            }) => {
                self.said = Some(if note_needed {
                    Text::new(
                        "Write why the day is closed anyway.",
                        "请填写强制关闭的原因。",
                    )
                } else {
                    Text::new(
                        "Not closed: these need a person first. See to them, or close anyway with a note (they stay for the next close).",
                        "未关闭：以下订单需要先处理。处理后再关闭，或填写备注强制关闭（它们留到下次交接）。",
                    )
                });
                self.waiting = waiting;
            }
            Ok(CloseOutcome::NothingToClose { waiting }) => {
                self.waiting = waiting;
                self.said = Some(Text::new(
                    "Nothing to close: nothing was bought with a label since this account's last close.",
                    "无需交接：该账户上次交接后没有已出面单的订单。",
                ));
            }
            Ok(CloseOutcome::Closed {
                manifest,
                left_open,
            }) => {
                self.said = Some(Text::new(
                    format!(
                        "Closed: manifest {}, {} shipments. Save the handover list for the driver to sign.",
                        manifest.name(),
                        manifest.shipments
                    ),
                    format!(
                        "已交接：批次 {}，共 {} 票。请保存交接单给司机签字。",
                        manifest.name(),
                        manifest.shipments
                    ),
                ));
                self.waiting = left_open;
                self.note.clear();
                if self.print_when_closed {
                    commands.send(PrintManifest(manifest.id));
                }
                self.pick(manifest.clone());
                self.manifests.insert(0, manifest);
            }
            Err(error) => self.said = Some(error.describe()),
        }
    }

    /// The engine's answer to writing a handover list.
    pub fn on_written(&mut self, result: Result<Vec<PathBuf>, Text>) {
        self.said = Some(match result {
            Ok(files) => {
                let list = files
                    .iter()
                    .map(|f| f.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                Text::new(format!("Saved {list}"), format!("已保存 {list}"))
            }
            Err(problem) => problem,
        });
    }

    /// The engine's answer to printing a handover list on the A4 printer.
    pub fn on_printed(&mut self, result: Result<DocumentPrinted, Text>) {
        self.said = Some(match result {
            Ok(printed) => super::printed_words(&printed),
            Err(problem) => problem,
        });
    }

    /// The engine's list of manifests.
    pub fn on_manifests(&mut self, result: Result<Vec<Manifest>, ShipError>) {
        match result {
            Ok(list) => self.manifests = list,
            Err(error) => self.said = Some(error.describe()),
        }
    }

    fn pick(&mut self, manifest: Manifest) {
        let folder = directories::UserDirs::new()
            .map(|d| d.home_dir().to_owned())
            .unwrap_or_default();
        let stem = format!(
            "handover-{}-{}-{}",
            manifest
                .account
                .replace(|c: char| !c.is_alphanumeric(), "_"),
            manifest.day,
            manifest.number
        );
        self.save_as = folder.join(stem).display().to_string();
        self.manifest = Some(manifest);
    }

    /// Draws the bar.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        language: Language,
        accounts: &[String],
        commands: &CommandSender,
    ) {
        if !self.open {
            return;
        }
        ui.group(|ui| {
            ui.horizontal_wrapped(|ui| {
                ui.strong(tr(language, "Close the day", "日终交接"));
                egui::ComboBox::from_id_salt("close-day-account")
                    .selected_text(self.account.clone())
                    .show_ui(ui, |ui| {
                        for name in accounts {
                            ui.selectable_value(&mut self.account, name.clone(), name);
                        }
                    });
                let close = egui::Button::new(tr(language, "Close", "关闭并交接"));
                if ui
                    .add_enabled(!self.closing && !self.account.is_empty(), close)
                    .clicked()
                {
                    self.closing = true;
                    self.manifest = None;
                    commands.send(CloseDay::of(&self.account));
                }
                ui.checkbox(
                    &mut self.print_when_closed,
                    tr(
                        language,
                        "Print the handover list on A4",
                        "关闭后在 A4 上打印交接单",
                    ),
                );
                if ui.button(tr(language, "Done", "完成")).clicked() {
                    self.open = false;
                }
            });
            if let Some(said) = &self.said {
                ui.label(said.in_language(language.code()));
            }
            if !self.waiting.is_empty() {
                self.waiting_ui(ui, language, commands);
            }
            if self.manifest.is_some() {
                self.save_ui(ui, language, commands);
            }
            self.manifests_ui(ui, language);
        });
    }

    fn waiting_ui(&mut self, ui: &mut egui::Ui, language: Language, commands: &CommandSender) {
        egui::ScrollArea::vertical()
            .id_salt("close-day-waiting")
            .max_height(120.0)
            .show(ui, |ui| {
                for record in &self.waiting {
                    let why = crate::engine::why_it_needs_a_person(record);
                    ui.label(format!(
                        "{}  {}: {}",
                        record.reference,
                        record.tracking_number.as_deref().unwrap_or("-"),
                        why.in_language(language.code())
                    ));
                }
            });
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(tr(language, "Note", "备注"));
            ui.add(egui::TextEdit::singleline(&mut self.note).desired_width(320.0))
                .labelled_by(label.id);
            let anyway = egui::Button::new(tr(language, "Close anyway", "强制关闭"));
            if ui
                .add_enabled(!self.closing && !self.note.trim().is_empty(), anyway)
                .clicked()
            {
                self.closing = true;
                commands.send(CloseDay::of(&self.account).anyway(&self.note));
            }
        });
    }

    fn save_ui(&mut self, ui: &mut egui::Ui, language: Language, commands: &CommandSender) {
        let Some(manifest) = &self.manifest else {
            return;
        };
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(tr(language, "Save as", "保存为"));
            ui.add(egui::TextEdit::singleline(&mut self.save_as).desired_width(380.0))
                .labelled_by(label.id);
            ui.label(".pdf / .csv");
            if ui
                .button(tr(language, "Save PDF and CSV", "保存 PDF 和 CSV"))
                .clicked()
            {
                let stem = PathBuf::from(self.save_as.trim());
                commands.send(WriteManifest {
                    id: manifest.id,
                    pdf: Some(stem.with_extension("pdf")),
                    csv: Some(stem.with_extension("csv")),
                });
            }
            // The engine says so, before anything is sent, when no A4 printer is set.
            if ui
                .button(tr(language, "Print on A4", "在 A4 上打印"))
                .clicked()
            {
                commands.send(PrintManifest(manifest.id));
            }
        });
    }

    fn manifests_ui(&mut self, ui: &mut egui::Ui, language: Language) {
        let ours: Vec<Manifest> = self
            .manifests
            .iter()
            .filter(|m| m.account == self.account)
            .take(10)
            .cloned()
            .collect();
        if ours.is_empty() {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(tr(language, "Earlier closes:", "以往交接："));
            for m in ours {
                let text = format!("{} ({})", m.name(), m.shipments);
                if ui
                    .button(text)
                    .on_hover_text(tr(language, "Save it again", "重新保存"))
                    .clicked()
                {
                    self.pick(m);
                }
            }
        });
    }
}
