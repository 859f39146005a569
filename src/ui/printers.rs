//! The desk's printers, one per kind of paper, edited in the window: the label printer and its
//! profile (stock, resolution, offsets, PDF or raster), the A4 printer for documents (handover
//! lists, packing slips on A4), and whether packing slips print with labels and where. The engine keeps them (`printers.json`), so the command line and auto-print of
//! labels that arrive later use the same settings.

use crate::engine::{PrintTestLabel, SavePrinters};
use crate::labels::LabelStock;
use crate::model::Text;
use crate::print::{PrinterProfile, Printers, SendAs, SlipsWithLabels};
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, tr};

/// The printer settings' state.
pub struct PrintersView {
    printers: Printers,
    /// The desk printer's profile as shown (the printer field is edited as typed).
    editing: PrinterProfile,
    /// The last save failure, shown until the next save works.
    problem: Option<Text>,
}

impl PrintersView {
    /// Starts from the saved printers.
    pub fn new(printers: Printers) -> Self {
        let editing = printers
            .desk_profile()
            .unwrap_or_else(|| PrinterProfile::for_printer(""));
        Self {
            printers,
            editing,
            problem: None,
        }
    }

    /// Takes over the desk printer the window remembered before printer profiles existed.
    pub fn adopt_legacy(&mut self, uri: &str, media: &str, commands: &CommandSender) {
        if !self.printers.desk.is_empty() || uri.trim().is_empty() {
            return;
        }
        self.editing = PrinterProfile {
            stock: LabelStock::from_media_keyword(media).unwrap_or_default(),
            ..self.printers.profile(uri)
        };
        self.save(commands);
    }

    /// The engine's answer to a save.
    pub fn on_saved(&mut self, result: Result<(), Text>) {
        self.problem = result.err();
    }

    fn save(&mut self, commands: &CommandSender) {
        self.editing.printer = self.editing.printer.trim().to_owned();
        self.printers.desk = self.editing.printer.clone();
        self.printers.a4 = self.printers.a4.trim().to_owned();
        // Only settings that differ from the defaults are kept: typing an address letter by
        // letter leaves no profiles behind for "L", "LA", ...
        if self.editing != PrinterProfile::for_printer(&self.editing.printer) {
            self.printers.upsert(self.editing.clone());
        }
        commands.send(SavePrinters(self.printers.clone()));
    }

    /// Whether packing slips go to the A4 printer (else on the label stock).
    pub fn slips_on_a4(&self) -> bool {
        self.printers.slips == SlipsWithLabels::A4
    }

    /// Draws the section.
    pub fn ui(&mut self, ui: &mut egui::Ui, language: Language, commands: &CommandSender) {
        ui.heading(tr(language, "Label printer", "面单打印机"));
        let before = self.editing.clone();
        egui::Grid::new("printer")
            .num_columns(2)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                let label = ui.label(tr(language, "Printer address", "打印机地址"));
                let address = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.editing.printer)
                            .hint_text("LABEL  ·  ipp://localhost:631/printers/LABEL")
                            .desired_width(340.0),
                    )
                    .labelled_by(label.id);
                if address.changed() {
                    // Another printer: show its own saved settings.
                    let typed = self.editing.printer.clone();
                    self.editing = PrinterProfile {
                        printer: typed.clone(),
                        ..self.printers.profile(&typed)
                    };
                }
                ui.end_row();
                self.profile_ui(ui, language);
            });
        if self.editing != before {
            self.save(commands);
        }
        let printer_set = !self.editing.printer.trim().is_empty();
        if ui
            .add_enabled(
                printer_set,
                egui::Button::new(tr(language, "Print test label", "打印测试面单")),
            )
            .on_hover_text(tr(
                language,
                "A 4x6 page with a border at its edges and a barcode: check the stock, the offsets and that the barcode scans.",
                "一张带边框和条码的 4x6 测试面单：检查面单规格、偏移，以及条码能否扫出。",
            ))
            .clicked()
        {
            commands.send(PrintTestLabel {
                printer: Some(self.editing.clone()),
            });
        }
        if let Some(problem) = &self.problem {
            ui.colored_label(
                ui.visuals().error_fg_color,
                problem.in_language(language.code()),
            );
        }
        ui.weak(tr(
            language,
            "A CUPS queue by name (shipdesk printers lists them) or a network label printer as ipp://HOST:631/ipp/print. Labels print at 100%: an A4 page is cut to its label, a landscape label is turned.",
            "可填 CUPS 队列名称（shipdesk printers 可列出）或网络面单打印机地址 ipp://主机:631/ipp/print。面单按 100% 打印：A4 页面裁出面单，横向面单自动旋转。",
        ));
        ui.add_space(8.0);
        self.documents_ui(ui, language, commands);
    }

    /// The A4 printer and the packing slips' place.
    fn documents_ui(&mut self, ui: &mut egui::Ui, language: Language, commands: &CommandSender) {
        ui.heading(tr(language, "A4 printer (documents)", "A4 打印机（文档）"));
        let before = (self.printers.a4.clone(), self.printers.slips);
        egui::Grid::new("a4-printer")
            .num_columns(2)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                let label = ui.label(tr(language, "A4 printer address", "A4 打印机地址"));
                ui.add(
                    egui::TextEdit::singleline(&mut self.printers.a4)
                        .hint_text("OFFICE  ·  ipp://HOST:631/ipp/print")
                        .desired_width(340.0),
                )
                .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(tr(language, "Packing slips", "装箱单"));
                ui.vertical(|ui| {
                    let slips = &mut self.printers.slips;
                    ui.radio_value(
                        slips,
                        SlipsWithLabels::Off,
                        tr(language, "Not with labels", "不随面单打印"),
                    );
                    ui.radio_value(
                        slips,
                        SlipsWithLabels::AfterLabel,
                        tr(
                            language,
                            "After each label, on the label stock (same job)",
                            "每张面单之后，打在面单纸上（同一任务）",
                        ),
                    );
                    ui.radio_value(
                        slips,
                        SlipsWithLabels::A4,
                        tr(
                            language,
                            "On the A4 printer, 3 a page",
                            "打在 A4 打印机上，每页 3 张",
                        ),
                    );
                })
                .response
                .labelled_by(label.id);
                ui.end_row();
            });
        if (self.printers.a4.clone(), self.printers.slips) != before {
            // Only what is typed is kept; the label printer's field is saved as it stands.
            let a4 = self.printers.a4.trim().to_owned();
            let mut printers = self.printers.clone();
            printers.a4 = a4;
            commands.send(SavePrinters(printers));
        }
        if self.printers.a4.trim().is_empty() {
            let warning = if self.printers.slips == SlipsWithLabels::A4 {
                tr(
                    language,
                    "Packing slips on A4 have nowhere to go: set the A4 printer, or labels will not print either.",
                    "A4 装箱单无处可打印：请设置 A4 打印机，否则面单也不会打印。",
                )
            } else {
                tr(
                    language,
                    "No A4 printer: handover lists and A4 slips can be saved as PDF but not printed.",
                    "未设置 A4 打印机：交接单和 A4 装箱单只能保存为 PDF，无法打印。",
                )
            };
            ui.colored_label(ui.visuals().warn_fg_color, warning);
        }
    }

    fn profile_ui(&mut self, ui: &mut egui::Ui, language: Language) {
        let profile = &mut self.editing;
        let label = ui.label(tr(language, "Label stock", "面单规格"));
        egui::ComboBox::from_id_salt("printer-stock")
            .selected_text(profile.stock.name())
            .show_ui(ui, |ui| {
                for stock in LabelStock::ALL {
                    ui.selectable_value(&mut profile.stock, stock, stock.name());
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();

        let label = ui.label(tr(language, "Resolution", "分辨率"));
        egui::ComboBox::from_id_salt("printer-dpi")
            .selected_text(format!("{} dpi", profile.dpi))
            .show_ui(ui, |ui| {
                for dpi in [203, 300] {
                    ui.selectable_value(&mut profile.dpi, dpi, format!("{dpi} dpi"));
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();

        for (en, zh, value) in [
            (
                "Move right (mm)",
                "右移（毫米）",
                &mut profile.offset_right_mm,
            ),
            (
                "Move down (mm)",
                "下移（毫米）",
                &mut profile.offset_down_mm,
            ),
        ] {
            let label = ui.label(tr(language, en, zh));
            ui.add(
                egui::DragValue::new(value)
                    .range(-20.0..=20.0)
                    .speed(0.1)
                    .fixed_decimals(1),
            )
            .labelled_by(label.id);
            ui.end_row();
        }

        let label = ui.label(tr(language, "Send as", "发送方式"));
        ui.horizontal(|ui| {
            ui.radio_value(&mut profile.send_as, SendAs::Pdf, "PDF");
            ui.radio_value(
                &mut profile.send_as,
                SendAs::Raster,
                tr(language, "Raster (dots made here)", "点阵（本机生成）"),
            );
        })
        .response
        .labelled_by(label.id);
        ui.end_row();
    }
}
