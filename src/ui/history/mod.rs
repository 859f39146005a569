//! The supervisor's screen: every shipment, newest first, searchable and filterable. The engine
//! finds the matching ids (all of them, in the background); the table shows only the rows on
//! screen, read by id from the window's own read-only connection, so a million rows scroll freely.

mod close_day;
mod day_chart;
mod detail;
mod filters;
mod forwarder_panel;
mod table;

use std::collections::HashMap;

use crate::carriers::Account;
use crate::engine::FindShipments;
use crate::model::ShipmentState;
use crate::store::{
    EventRecord, HistoryQuery, HistorySort, ShipmentRecord, ShipmentSummary, Store,
};
use crate::ui::command::{AppCommand, CommandSender};
use crate::ui::i18n::{Language, tr};
use filters::day_start_ms;

/// Rows read from the database at a time.
const FETCH_ROWS: usize = 100;
/// Summaries kept in memory before the cache is dropped and refilled.
const CACHE_ROWS: usize = 20_000;

/// History's state.
pub struct HistoryView {
    reader: Option<Store>,
    /// The search being edited.
    text: String,
    account: Option<String>,
    state: Option<ShipmentState>,
    /// The table's order (a header click changes it).
    sort: HistorySort,
    /// Date range as typed (YYYY-MM-DD, both days included).
    from_day: String,
    to_day: String,
    /// Count, weight and value by account for the current search.
    totals: Vec<crate::store::AccountTotals>,
    /// Shipments and fees per day and account for the range, and the last day's states.
    picture: crate::store::DayPicture,
    /// The search the ids belong to, and its generation.
    generation: u64,
    searching: bool,
    ids: Vec<i64>,
    cache: HashMap<i64, ShipmentSummary>,
    selected: Option<(ShipmentRecord, Vec<EventRecord>)>,
    /// The manifest the selected shipment was handed over in.
    selected_manifest: Option<crate::store::Manifest>,
    /// Why History cannot show what was asked, in both languages.
    error: Option<crate::model::Text>,
    /// Set when the query changed and a new search must be sent.
    dirty: bool,
    /// The shipment whose cancel is waiting for a second, confirming click.
    confirm_cancel: Option<String>,
    /// The shipment whose refund is waiting for a second, confirming click.
    confirm_refund: Option<String>,
    /// The void label (cancelled, refunded) whose print waits for a second, confirming click.
    confirm_void_print: Option<String>,
    /// The file an export is about to write, as typed (open while the export bar shows).
    export_path: Option<String>,
    /// The folder the last export went to (remembered between runs).
    export_folder: std::path::PathBuf,
    /// The selected shipment's label, drawn.
    pub preview: crate::ui::label_preview::LabelPreview,
    /// The selected shipment's tracking block.
    pub tracking: crate::ui::tracking::TrackingPanel,
    /// The selected shipment's forwarder block (ask the forwarder, re-weigh, intercept).
    pub forwarder: forwarder_panel::ForwarderPanel,
    /// A row to bring into view on the next frame (the UI benchmark jumps around with it).
    scroll_to: Option<usize>,
    /// Shipments ticked for printing together (id → reference), kept across searches.
    ticked: std::collections::BTreeMap<i64, String>,
    /// The end-of-day bar.
    pub close_day: close_day::CloseDayPanel,
    /// The desk prints packing slips on A4 (else on the label stock): where the detail's
    /// "Packing slip" goes.
    pub slips_on_a4: bool,
}

impl HistoryView {
    /// History over the database at `path` (read-only).
    pub fn new(path: &std::path::Path) -> Self {
        let (reader, error) = match Store::open_reader(path) {
            Ok(store) => (Some(store), None),
            Err(error) => (None, Some(unreadable(&error))),
        };
        Self {
            reader,
            text: String::new(),
            account: None,
            state: None,
            sort: HistorySort::default(),
            from_day: String::new(),
            to_day: String::new(),
            totals: Vec::new(),
            picture: Default::default(),
            generation: 0,
            searching: false,
            ids: Vec::new(),
            cache: HashMap::new(),
            selected: None,
            selected_manifest: None,
            error,
            dirty: true,
            confirm_cancel: None,
            confirm_refund: None,
            confirm_void_print: None,
            export_path: None,
            export_folder: std::path::PathBuf::new(),
            preview: Default::default(),
            tracking: Default::default(),
            forwarder: Default::default(),
            scroll_to: None,
            ticked: Default::default(),
            close_day: Default::default(),
            slips_on_a4: false,
        }
    }

    /// Shows only shipments in `state` (the header's "Show in History"), all text and dates
    /// cleared so none is hidden.
    pub fn show_state(&mut self, state: ShipmentState) {
        self.text.clear();
        self.account = None;
        self.from_day.clear();
        self.to_day.clear();
        self.state = Some(state);
        self.dirty = true;
    }

    /// The folder exports go to (remembered between runs); empty for the home folder.
    pub fn set_export_folder(&mut self, folder: std::path::PathBuf) {
        self.export_folder = folder;
    }

    /// The folder the last export went to.
    pub fn export_folder(&self) -> &std::path::Path {
        &self.export_folder
    }

    /// Where an export goes unless the supervisor types otherwise: the last folder (else the
    /// home folder), and a name with today's date and time.
    fn suggested_export_path(&self) -> String {
        let folder = if self.export_folder.as_os_str().is_empty() {
            directories::UserDirs::new()
                .map(|d| d.home_dir().to_owned())
                .unwrap_or_default()
        } else {
            self.export_folder.clone()
        };
        let name = format!(
            "shipments-{}.csv",
            chrono::Local::now().format("%Y%m%d-%H%M")
        );
        folder.join(name).display().to_string()
    }

    /// The export bar: the file it will write (typed, or chosen with the desktop's dialog where
    /// there is one), Save and Cancel. It needs no file-dialog portal.
    fn export_ui(&mut self, ui: &mut egui::Ui, language: Language, commands: &CommandSender) {
        let Some(mut path) = self.export_path.take() else {
            return;
        };
        let query = self.query();
        let mut close = false;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(tr(language, "Export to", "导出到"));
            let field = ui
                .add(egui::TextEdit::singleline(&mut path).desired_width(420.0))
                .labelled_by(label.id);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button(tr(language, "Save CSV", "保存 CSV")).clicked() || enter {
                let file = std::path::PathBuf::from(path.trim());
                if let Some(folder) = file.parent() {
                    self.export_folder = folder.to_owned();
                }
                commands.send(crate::engine::ExportCsv {
                    query: query.clone(),
                    path: file,
                });
                close = true;
            }
            if ui.button(tr(language, "Choose…", "选择…")).clicked() {
                commands.app(AppCommand::ExportCsv(query.clone()));
                close = true;
            }
            if ui.button(tr(language, "Cancel", "取消")).clicked() {
                close = true;
            }
        });
        if !close {
            self.export_path = Some(path);
        }
    }

    /// Ctrl+F: the focus into the search box.
    pub fn focus_search(&self, ctx: &egui::Context) {
        ctx.memory_mut(|m| m.request_focus(filters::search_field()));
    }

    /// Esc: closes the detail pane; returns whether one was open.
    pub fn close_detail(&mut self) -> bool {
        self.selected.take().is_some()
    }

    /// Asks for a fresh search (after a shipment changed), and re-reads the open detail.
    pub fn refresh(&mut self) {
        self.dirty = true;
        if let Some(id) = self.selected.as_ref().map(|(r, _)| r.id) {
            self.select(id);
        }
    }

    /// Sends the search if it changed.
    pub fn logic(&mut self, commands: &CommandSender) {
        if !self.dirty {
            return;
        }
        self.dirty = false;
        self.generation += 1;
        self.searching = true;
        commands.send(FindShipments {
            query: self.query(),
            generation: self.generation,
        });
    }

    /// The search as typed.
    fn query(&self) -> HistoryQuery {
        HistoryQuery {
            text: self.text.clone(),
            account: self.account.clone(),
            state: self.state,
            from_ms: day_start_ms(&self.from_day, 0),
            to_ms: day_start_ms(&self.to_day, 1),
            sort: self.sort,
            ..HistoryQuery::default()
        }
    }

    /// The engine's answer to a search.
    pub fn on_found(
        &mut self,
        generation: u64,
        ids: Result<Vec<i64>, crate::store::StoreError>,
        totals: Vec<crate::store::AccountTotals>,
        picture: crate::store::DayPicture,
    ) {
        if generation != self.generation {
            return; // An answer to a search the user has already replaced.
        }
        self.searching = false;
        match ids {
            Ok(ids) => {
                self.ids = ids;
                self.totals = totals;
                self.picture = picture;
                self.cache.clear();
                self.error = None;
            }
            Err(error) => self.error = Some(unreadable(&error)),
        }
    }

    /// How many shipments the current search matched.
    pub fn match_count(&self) -> usize {
        self.ids.len()
    }

    /// Brings `row` into view on the next frame.
    pub fn scroll_to_row(&mut self, row: usize) {
        self.scroll_to = Some(row);
    }

    fn summary(&mut self, row: usize) -> Option<&ShipmentSummary> {
        let id = *self.ids.get(row)?;
        if !self.cache.contains_key(&id) {
            if self.cache.len() > CACHE_ROWS {
                self.cache.clear();
            }
            let end = (row + FETCH_ROWS).min(self.ids.len());
            let batch = &self.ids[row..end];
            if let Some(reader) = &self.reader {
                match reader.summaries(batch) {
                    Ok(rows) => self.cache.extend(rows.into_iter().map(|s| (s.id, s))),
                    Err(error) => self.error = Some(unreadable(&error)),
                }
            }
        }
        self.cache.get(&id)
    }

    fn select(&mut self, id: i64) {
        let Some(reader) = &self.reader else {
            return;
        };
        let found = reader
            .reference_of(id)
            .and_then(|reference| reader.shipment(&reference))
            .and_then(|record| match record {
                Some(record) => Ok(Some((reader.events(record.id)?, record))),
                None => Ok(None),
            });
        // The manifest is a note on the side: a history from before closes existed has none.
        self.selected_manifest = reader.manifest_of(id).ok().flatten();
        match found {
            Ok(Some((events, record))) => self.selected = Some((record, events)),
            Ok(None) => self.selected = None,
            Err(error) => self.error = Some(unreadable(&error)),
        }
    }

    /// Draws the view.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        language: Language,
        accounts: &[Account],
        commands: &CommandSender,
    ) {
        // First, so the detail takes the right side and the table only what is left: it is
        // never drawn over the rows.
        if self.selected.is_some() {
            egui::Panel::right("history-detail")
                .resizable(true)
                .default_size(420.0)
                .size_range(300.0..=900.0)
                .show(ui, |ui| self.detail_ui(ui, language, commands));
        }
        ui.horizontal_wrapped(|ui| {
            self.filters_ui(ui, language, accounts);
            if ui
                .add_enabled(
                    !self.ids.is_empty(),
                    egui::Button::new(tr(language, "Export CSV…", "导出 CSV…")),
                )
                .clicked()
            {
                self.export_path = Some(self.suggested_export_path());
            }
            if ui
                .add_enabled(
                    !self.close_day.is_open() && !accounts.is_empty(),
                    egui::Button::new(tr(language, "Close the day…", "日终交接…")),
                )
                .clicked()
            {
                let account = self
                    .account
                    .clone()
                    .or_else(|| accounts.first().map(|a| a.name.clone()))
                    .unwrap_or_default();
                self.close_day.open(&account, commands);
            }
        });
        if let Some(error) = &self.error {
            ui.colored_label(
                ui.visuals().error_fg_color,
                error.in_language(language.code()),
            );
        }
        self.export_ui(ui, language, commands);
        let names: Vec<String> = accounts.iter().map(|a| a.name.clone()).collect();
        self.close_day.ui(ui, language, &names, commands);
        self.totals_ui(ui, language);
        day_chart::show(ui, language, &self.picture);
        if !self.searching && self.ids.is_empty() && self.error.is_none() {
            ui.label(tr(
                language,
                "No shipment matches this search.",
                "没有符合条件的运单。",
            ));
        }
        self.ticked_ui(ui, language, commands);
        egui::ScrollArea::horizontal()
            .id_salt("history-table-across")
            .show(ui, |ui| self.table_ui(ui, language));
    }
}

/// History's own words for a database that cannot be read, with the database's after them.
fn unreadable(error: &crate::store::StoreError) -> crate::model::Text {
    crate::model::Text::new(
        format!("History cannot be read from the local database right now ({error})."),
        format!("暂时无法从本地数据库读取历史记录（{error}）。"),
    )
}

/// "Printed the handover list … (1 page, job 7)." in both languages.
pub fn printed_words(printed: &crate::engine::DocumentPrinted) -> crate::model::Text {
    crate::model::Text::new(
        format!(
            "Printed the {} ({}, job {}).",
            printed.document.en,
            crate::ui::i18n::count(printed.pages, "page", "pages"),
            printed.job_id
        ),
        format!(
            "已打印{}（{} 页，任务 {}）。",
            printed.document.zh, printed.pages, printed.job_id
        ),
    )
}
