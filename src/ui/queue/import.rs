//! The import bar: a file (typed, or chosen with the desktop's dialog on a thread of its own),
//! the import profile (the one the file's columns match, or one picked), its rules per
//! destination country (`import_rules`), what to do with a reference already queued; then, per
//! order, what was queued and what has problems, at the file's row and column.

use super::{QueueContext, QueueView, problem_words};
use crate::engine::{ImportOrders, ImportReport, ImportedOrder};
use crate::model::Text;
use crate::queue::OnDuplicate;
use crate::store::QueueWrite;
use crate::ui::command::AppCommand;
use crate::ui::i18n::{Language, count, tr};

/// The import bar's state.
#[derive(Default)]
pub(super) struct ImportState {
    /// The file, as typed.
    path: String,
    /// A profile's name; `None`: the one the file's columns match.
    profile: Option<String>,
    on_duplicate: OnDuplicate,
    /// Profile names to pick from (the built-in ones, then those saved), read once.
    profiles: Option<Vec<String>>,
    /// An import is on its way.
    importing: bool,
    /// The last import's report, or why the file was not read.
    report: Option<Result<ImportReport, Text>>,
    /// The rules per destination country sent with the import, and the profile kept.
    rules: super::import_rules::RulesEditor,
}

impl QueueView {
    /// An import ended.
    pub fn on_imported(&mut self, result: Result<ImportReport, Text>) {
        self.import.importing = false;
        if let Ok(report) = &result {
            self.import.path = report.file.display().to_string();
        }
        if self.import.rules.keep_as().is_some() {
            // A profile was kept under that name: the list and its rules are read again.
            self.import.profiles = None;
            self.import.rules.saved();
        }
        self.import.report = Some(result);
        self.refresh();
    }

    /// Closes the last import's report.
    pub(super) fn close_import_report(&mut self) {
        self.import.report = None;
    }

    /// The import as chosen, or why it cannot go (a rule that does not read).
    fn import_request(&self, account: &str) -> Result<ImportOrders, Text> {
        let mut request = ImportOrders::file(self.import.path.trim());
        request.profile = self.import.profile.clone();
        request.on_duplicate = self.import.on_duplicate;
        request.account = (!account.is_empty()).then(|| account.to_owned());
        request.rules = self.import.rules.rules()?;
        request.save_profile_as = self.import.rules.keep_as();
        Ok(request)
    }

    /// The import bar and the last import's report.
    pub(super) fn import_ui(&mut self, ui: &mut egui::Ui, context: &QueueContext<'_>) {
        let language = context.language;
        if self.import.profiles.is_none() {
            let mut names: Vec<String> = crate::queue::profile::builtin()
                .into_iter()
                .map(|p| p.name)
                .collect();
            if let Some(reader) = &self.reader {
                // A profile list that cannot be read leaves the built-in ones.
                names.extend(
                    reader
                        .import_profiles()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|p| p.name),
                );
            }
            self.import.profiles = Some(names);
        }
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(tr(language, "Import orders from", "导入订单文件"));
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.import.path)
                        .hint_text(tr(
                            language,
                            "a CSV, TSV or XLSX file",
                            "CSV、TSV 或 XLSX 文件",
                        ))
                        .desired_width(300.0),
                )
                .labelled_by(label.id);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button(tr(language, "Choose…", "选择…")).clicked()
                && let Ok(request) = self.import_request(context.account)
            {
                context
                    .commands
                    .app(AppCommand::ChooseImportFile(Box::new(request)));
            }
            let profile_label = ui.label(tr(language, "Profile", "导入方案"));
            let auto = tr(language, "by its columns", "按列名识别");
            egui::ComboBox::from_id_salt("queue-import-profile")
                .selected_text(
                    self.import
                        .profile
                        .clone()
                        .unwrap_or_else(|| auto.to_owned()),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.import.profile, None, auto);
                    for name in self.import.profiles.iter().flatten() {
                        ui.selectable_value(&mut self.import.profile, Some(name.clone()), name);
                    }
                })
                .response
                .labelled_by(profile_label.id);
            self.import
                .rules
                .ui(ui, language, &self.import.profile, self.reader.as_ref());
            let duplicate_label = ui.label(tr(language, "If already queued", "已在队列中时"));
            egui::ComboBox::from_id_salt("queue-import-duplicates")
                .selected_text(duplicate_words(self.import.on_duplicate, language))
                .show_ui(ui, |ui| {
                    for choice in [OnDuplicate::Skip, OnDuplicate::Update, OnDuplicate::New] {
                        ui.selectable_value(
                            &mut self.import.on_duplicate,
                            choice,
                            duplicate_words(choice, language),
                        );
                    }
                })
                .response
                .labelled_by(duplicate_label.id);
            let can_import = !self.import.importing
                && !self.import.path.trim().is_empty()
                && self.import.rules.rules().is_ok();
            let import = ui
                .add_enabled(
                    can_import,
                    egui::Button::new(tr(language, "Import", "导入")),
                )
                .clicked();
            if (import || enter)
                && can_import
                && let Ok(request) = self.import_request(context.account)
            {
                self.import.importing = true;
                self.import.report = None;
                context.commands.send(request);
                // The next thing a packer does is scan.
                self.focus_scan();
            }
            if self.import.importing {
                ui.spinner();
            }
        });
        self.import.rules.panel_ui(ui, language);
        self.import_report_ui(ui, language);
    }

    fn import_report_ui(&mut self, ui: &mut egui::Ui, language: Language) {
        let Some(report) = &self.import.report else {
            return;
        };
        let mut close = false;
        egui::Frame::group(ui.style()).show(ui, |ui| match report {
            Err(why) => {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!(
                            "{} {}",
                            tr(language, "Nothing was imported:", "未导入任何订单："),
                            why.in_language(language.code())
                        ),
                    );
                    close = ui.button(tr(language, "Close", "关闭")).clicked();
                });
            }
            Ok(report) => {
                ui.horizontal_wrapped(|ui| {
                    ui.strong(summary(report, language));
                    close = ui.button(tr(language, "Close", "关闭")).clicked();
                });
                let rows = report.orders.len();
                let height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
                egui::ScrollArea::vertical()
                    .id_salt("queue-import-report")
                    .max_height(super::panel_height(ui, 150.0))
                    .show_rows(ui, height, rows, |ui, range| {
                        for order in &report.orders[range] {
                            order_line(ui, language, order);
                        }
                    });
            }
        });
        if close {
            self.import.report = None;
        }
    }
}

/// "orders.csv (CSV …, shopify): 3 queued ready, 1 with problems, 0 skipped".
fn summary(report: &ImportReport, language: Language) -> String {
    let file = report
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (ready, problems, skipped) = (report.ready(), report.with_problems(), report.skipped());
    match language {
        Language::Zh => format!(
            "{file}（{}，{}）：{ready} 单可下单，{problems} 单有问题，{skipped} 单跳过",
            report.format, report.profile
        ),
        Language::En => format!(
            "{file} ({}, {}): {} ready, {} with problems, {} skipped",
            report.format,
            report.profile,
            count(ready, "order", "orders"),
            problems,
            skipped
        ),
    }
}

/// One order of the report: its number and reference, what became of it, its first problem.
fn order_line(ui: &mut egui::Ui, language: Language, order: &ImportedOrder) {
    let what = match (&order.write, language) {
        (QueueWrite::Queued(_), Language::Zh) => "已加入队列".to_owned(),
        (QueueWrite::Queued(_), Language::En) => "queued".to_owned(),
        (QueueWrite::Updated(_), Language::Zh) => "已更新".to_owned(),
        (QueueWrite::Updated(_), Language::En) => "updated".to_owned(),
        (QueueWrite::Renamed { from, .. }, Language::Zh) => format!("{from} 已被占用，换号加入"),
        (QueueWrite::Renamed { from, .. }, Language::En) => {
            format!("queued under a new reference ({from} was taken)")
        }
        (QueueWrite::Skipped { why, .. }, _) => {
            format!(
                "{}: {}",
                tr(language, "skipped", "已跳过"),
                why.in_language(language.code())
            )
        }
    };
    let problems = match (order.problems.first(), language) {
        (None, _) => String::new(),
        (Some(first), Language::Zh) => format!(
            " · {} 个问题：{}",
            order.problems.len(),
            problem_words(first, language)
        ),
        (Some(first), Language::En) => format!(
            " · {}: {}",
            count(order.problems.len(), "problem", "problems"),
            problem_words(first, language)
        ),
    };
    let reference = order.reference();
    let text = if order.order_number.is_empty() || order.order_number == reference {
        format!("{reference} · {what}{problems}")
    } else {
        format!("{} → {reference} · {what}{problems}", order.order_number)
    };
    if order.problems.is_empty() {
        ui.label(text);
    } else {
        ui.colored_label(ui.visuals().error_fg_color, text);
    }
}

fn duplicate_words(choice: OnDuplicate, language: Language) -> &'static str {
    match choice {
        OnDuplicate::Skip => tr(language, "skip it", "跳过"),
        OnDuplicate::Update => tr(
            language,
            "replace it (not if bought)",
            "覆盖（已下单的不覆盖）",
        ),
        OnDuplicate::New => tr(language, "queue under a new reference", "换新参考号加入"),
    }
}
