//! The Queue screen (待发货): the orders not bought yet, with what is wrong with each, in a
//! table that scrolls through ten thousand of them (the engine finds the ids; only the rows on
//! screen are read, by id, from the window's own read-only connection, as History does). The
//! focus rests in the scan field: a scanned reference or order number opens its order in the
//! ship form with the weight ready (or reprints it when it is bought already). Orders are
//! imported from a file, opened to be fixed, and bought in batches with a progress bar.
//!
//! - `scan.rs`: the scan field and what a scan does.
//! - `table.rs`: the virtualised table, its ticks and the current row.
//! - `batch.rs`: buying selected or all ready orders, progress, Pause and Cancel, outcomes
//!   grouped by cause with "Retry these", and batches cut off by a crash with "Resume".
//! - `fees.rs`: the fees of orders a price-first forwarder holds, seen before they are bought.
//! - `import.rs`: the import bar (file, profile, duplicates) and its per-order report.

mod batch;
mod fees;
mod import;
mod import_rules;
mod scan;
mod table;

use std::collections::{BTreeMap, HashMap};

use crate::engine::{FindQueued, FoundQueued};
use crate::model::Text;
use crate::store::{BatchRow, QueueFilter, QueueLine, Store, StoreError};
use crate::ui::command::{AppCommand, CommandSender};
use crate::ui::i18n::{Language, tr};
use crate::ui::widgets::FocusRequest;

/// Rows read from the database at a time.
const FETCH_ROWS: usize = 100;
/// Rows kept in memory before the cache is dropped and refilled.
const CACHE_ROWS: usize = 20_000;

/// What the Queue screen needs from the app for one frame.
pub struct QueueContext<'a> {
    /// Interface language.
    pub language: Language,
    /// The account the ship form is on: imported orders without one get it.
    pub account: &'a str,
    /// Commands, sent after the frame.
    pub commands: &'a CommandSender,
}

/// The Queue screen's state.
pub struct QueueView {
    reader: Option<Store>,
    /// Waiting orders only, or bought ones too.
    filter: QueueFilter,
    generation: u64,
    searching: bool,
    /// Set when the rows may have changed and must be found again.
    dirty: bool,
    ids: Vec<i64>,
    cache: HashMap<i64, QueueLine>,
    /// Batches running, paused or cut off, as last read.
    batches: Vec<BatchRow>,
    /// Orders ticked for a batch (id → reference), kept across refreshes.
    ticked: BTreeMap<i64, String>,
    /// The row the keyboard is on (Enter opens it, the arrows move it).
    current: Option<usize>,
    /// A row to bring into view on the next frame.
    scroll_to: Option<usize>,
    /// Why the queue cannot be shown, in both languages.
    error: Option<Text>,
    scan: scan::ScanState,
    import: import::ImportState,
    batch: batch::BatchState,
    fees: fees::FeeState,
    focus: Option<FocusRequest>,
    /// What became of the last order opened by a scan or bought from the form, in words.
    last: Option<Text>,
    /// The reference bought from the ship form whose answer `last` waits for.
    buying: Option<String>,
}

impl QueueView {
    /// The queue over the database at `path` (read-only).
    pub fn new(path: &std::path::Path) -> Self {
        let (reader, error) = match Store::open_reader(path) {
            Ok(store) => (Some(store), None),
            Err(error) => (None, Some(unreadable(&error))),
        };
        Self {
            reader,
            filter: QueueFilter::Waiting,
            generation: 0,
            searching: false,
            dirty: true,
            ids: Vec::new(),
            cache: HashMap::new(),
            batches: Vec::new(),
            ticked: BTreeMap::new(),
            current: None,
            scroll_to: None,
            error,
            scan: Default::default(),
            import: Default::default(),
            batch: Default::default(),
            fees: Default::default(),
            focus: Some(FocusRequest::to(scan::field_id())),
            last: None,
            buying: None,
        }
    }

    /// The rows may have changed (an import, a buy, a save): find them again.
    pub fn refresh(&mut self) {
        self.dirty = true;
    }

    /// The focus back into the scan field (on showing the screen, after a buy, Esc).
    pub fn focus_scan(&mut self) {
        self.focus = Some(FocusRequest::to(scan::field_id()));
    }

    /// Sends the request for the rows if they may have changed (only while the screen is on
    /// show: opening it refreshes anyway).
    pub fn logic(&mut self, commands: &CommandSender) {
        if !self.dirty {
            return;
        }
        self.dirty = false;
        self.generation += 1;
        self.searching = true;
        commands.send(FindQueued {
            filter: self.filter,
            generation: self.generation,
        });
    }

    /// The engine's answer: the rows' ids and the open batches.
    pub fn on_found(&mut self, found: FoundQueued) {
        if found.generation != self.generation {
            return; // An answer the screen has already replaced.
        }
        self.searching = false;
        match found.ids {
            Ok(ids) => {
                self.ids = ids;
                self.cache.clear();
                self.batches = found.batches;
                self.error = None;
                if self.current.is_some_and(|row| row >= self.ids.len()) {
                    self.current = self.ids.len().checked_sub(1);
                }
            }
            Err(error) => self.error = Some(unreadable(&error)),
        }
    }

    /// An order the ship form sent to be bought: the screen says how it went when it is answered.
    pub fn on_bought_from_form(&mut self, reference: String) {
        self.last = Some(Text::new(
            format!("Buying {reference}…"),
            format!("正在下单 {reference}…"),
        ));
        self.buying = Some(reference);
        self.focus_scan();
    }

    /// A ship ended: if it is the order bought from the form after a scan, say how.
    pub fn on_shipped(
        &mut self,
        result: &Result<crate::engine::ShipReport, crate::engine::ShipError>,
    ) {
        let Some(reference) = self.buying.take() else {
            return;
        };
        self.last = Some(match result {
            Ok(report) if report.state == crate::model::ShipmentState::Failed => Text::new(
                format!(
                    "{reference}: not bought. {} It is back in the ship form to fix.",
                    report.message.as_ref().map_or("", |m| m.en.as_str())
                ),
                format!(
                    "{reference}：未下单。{}已退回发货表单，可修改后重试。",
                    report.message.as_ref().map_or("", |m| m.zh.as_str())
                ),
            ),
            Ok(report) => {
                let number = report.tracking_number.clone().unwrap_or_default();
                Text::new(
                    format!("{reference}: bought ({}) {number}", report.state.label().en),
                    format!("{reference}：已下单（{}）{number}", report.state.label().zh),
                )
            }
            Err(error) => {
                let why = error.describe();
                Text::new(
                    format!("{reference}: not bought: {}", why.en),
                    format!("{reference}：未下单：{}", why.zh),
                )
            }
        });
        self.refresh();
    }

    /// The row at `index`, read with its page from the database when it is not in memory.
    fn line(&mut self, index: usize) -> Option<&QueueLine> {
        let id = *self.ids.get(index)?;
        if !self.cache.contains_key(&id) {
            if self.cache.len() > CACHE_ROWS {
                self.cache.clear();
            }
            let end = (index + FETCH_ROWS).min(self.ids.len());
            if let Some(reader) = &self.reader {
                match reader.queue_page(&self.ids[index..end]) {
                    Ok(lines) => self.cache.extend(lines.into_iter().map(|l| (l.row.id, l))),
                    Err(error) => self.error = Some(unreadable(&error)),
                }
            }
        }
        self.cache.get(&id)
    }

    /// Opens a queued order in the ship form (to fix or complete it; after a scan, with the
    /// weight ready).
    fn open(&mut self, reference: &str, scanned: bool, commands: &CommandSender) {
        let Some(reader) = &self.reader else {
            return;
        };
        match reader.queued_order(reference) {
            // Bought since it was listed (or listed with the bought ones): nothing to fix or buy.
            Ok(Some(order)) if order.row.is_bought() => {
                let state = order
                    .row
                    .shipment
                    .map(|(_, s)| s.label())
                    .unwrap_or_default();
                self.last = Some(Text::new(
                    format!(
                        "{reference} is bought already ({}): find it in History.",
                        state.en
                    ),
                    format!("{reference} 已下单（{}）：可在历史中查看。", state.zh),
                ));
            }
            Ok(Some(order)) => commands.app(AppCommand::OpenQueued {
                order: Box::new(order),
                scanned,
            }),
            Ok(None) => {
                self.last = Some(Text::new(
                    format!("{reference} is no longer in the queue."),
                    format!("{reference} 已不在队列中。"),
                ));
                self.refresh();
            }
            Err(error) => self.error = Some(unreadable(&error)),
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, context: &QueueContext<'_>) {
        let language = context.language;
        self.shortcuts(ui, context.commands);
        self.scan_ui(ui, context);
        // Always one line, empty or not, so nothing below moves when a scan says something.
        let last = self.last.as_ref().map(|t| t.in_language(language.code()));
        ui.label(last.unwrap_or(" "));
        self.import_ui(ui, context);
        self.batch_ui(ui, context);
        if let Some(error) = &self.error {
            ui.colored_label(
                ui.visuals().error_fg_color,
                error.in_language(language.code()),
            );
        }
        ui.horizontal(|ui| {
            let mut all = self.filter == QueueFilter::All;
            if ui
                .checkbox(
                    &mut all,
                    tr(language, "Show bought orders too", "同时显示已下单"),
                )
                .changed()
            {
                self.filter = if all {
                    QueueFilter::All
                } else {
                    QueueFilter::Waiting
                };
                self.refresh();
            }
            ui.label(match language {
                Language::Zh => format!("共 {} 单", self.ids.len()),
                Language::En => crate::ui::i18n::count(self.ids.len(), "order", "orders"),
            });
        });
        if !self.searching && self.ids.is_empty() && self.error.is_none() {
            ui.label(tr(
                language,
                "The queue is empty: import a file, or \"Save to queue\" from the ship form.",
                "队列为空：可导入文件，或在发货表单中点“存入队列”。",
            ));
        }
        egui::ScrollArea::horizontal()
            .id_salt("queue-table-across")
            .show(ui, |ui| self.table_ui(ui, context));
        // Last: the focus rests in the scan field whenever nothing else holds it.
        self.focus = self.focus.and_then(|request| request.apply(ui));
        if self.focus.is_none() && ui.memory(|m| m.focused().is_none()) {
            ui.memory_mut(|m| m.request_focus(scan::field_id()));
        }
    }

    /// Esc clears a list of matches; Ctrl+R resumes a batch cut off by a crash.
    fn shortcuts(&mut self, ui: &egui::Ui, commands: &CommandSender) {
        let (escape, resume) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
                i.consume_key(egui::Modifiers::COMMAND, egui::Key::R),
            )
        });
        if escape {
            self.scan.clear();
            self.focus_scan();
        }
        if resume {
            self.resume_cut_off(commands);
        }
    }
}

/// How tall a report's list may grow: `most`, or less on a short window, so the table under
/// the reports keeps rows enough to use (a 768-pixel laptop with every report open).
fn panel_height(ui: &egui::Ui, most: f32) -> f32 {
    most.min(ui.available_height() * 0.18).max(40.0)
}

/// The Queue screen's words for a database that cannot be read, with the database's after them.
fn unreadable(error: &StoreError) -> Text {
    Text::new(
        format!("The queue cannot be read from the local database right now ({error})."),
        format!("暂时无法从本地数据库读取队列（{error}）。"),
    )
}

/// A problem in words, with where it is in the file when it came from one.
fn problem_words(problem: &crate::queue::Located, language: Language) -> String {
    let message = problem.message.in_language(language.code());
    match (language, problem.line, &problem.column) {
        (Language::Zh, Some(line), Some(column)) => format!("第 {line} 行 {column} 列：{message}"),
        (Language::Zh, Some(line), None) => format!("第 {line} 行 {}：{message}", problem.field),
        (Language::En, Some(line), Some(column)) => {
            format!("row {line}, column {column}: {message}")
        }
        (Language::En, Some(line), None) => format!("row {line}, {}: {message}", problem.field),
        (Language::Zh, None, _) => format!("{}：{message}", problem.field),
        (Language::En, None, _) => format!("{}: {message}", problem.field),
    }
}
