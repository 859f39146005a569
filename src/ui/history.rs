//! The supervisor's screen: every shipment, newest first, searchable and filterable. The engine
//! finds the matching ids (all of them, in the background); the table shows only the rows on
//! screen, read by id from the window's own read-only connection, so a million rows scroll freely.

use std::collections::HashMap;

use egui_extras::{Column, TableBuilder};

use crate::carriers::Account;
use crate::engine::Command;
use crate::model::{Shipment, ShipmentState};
use crate::store::{
    EventRecord, HistoryQuery, HistorySort, ShipmentRecord, ShipmentSummary, SortKey, Store,
    format_local_time,
};
use crate::ui::i18n::{Language, tr};

/// Rows read from the database at a time.
const FETCH_ROWS: usize = 100;
/// Summaries kept in memory before the cache is dropped and refilled.
const CACHE_ROWS: usize = 20_000;

/// What History asks the app to do.
pub enum HistoryAction {
    /// Open this order in the ship form under a new reference.
    DuplicateAsNew(Box<Shipment>),
    /// Export what the filters match as CSV.
    Export(HistoryQuery),
    /// Cancel this shipment at the forwarder (confirmed by the supervisor).
    Cancel(String),
    /// Print (or reprint) these shipments' stored labels, as one job.
    Print(Vec<String>),
    /// Ask the forwarder where this shipment is.
    Track(String),
    /// Ask the forwarder to refund this failed or cancelled order (confirmed by the supervisor).
    Refund(String),
}

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
    /// The search the ids belong to, and its generation.
    generation: u64,
    searching: bool,
    ids: Vec<i64>,
    cache: HashMap<i64, ShipmentSummary>,
    selected: Option<(ShipmentRecord, Vec<EventRecord>)>,
    error: Option<String>,
    /// Set when the query changed and a new search must be sent.
    dirty: bool,
    /// The shipment whose cancel is waiting for a second, confirming click.
    confirm_cancel: Option<String>,
    /// The shipment whose refund is waiting for a second, confirming click.
    confirm_refund: Option<String>,
    /// The selected shipment's label, drawn.
    pub preview: crate::ui::label_preview::LabelPreview,
    /// The selected shipment's tracking block.
    pub tracking: crate::ui::tracking::TrackingPanel,
    /// Commands the detail pane asked for this frame (the label preview).
    pending_commands: Vec<Command>,
    /// A row to bring into view on the next frame (the UI benchmark jumps around with it).
    scroll_to: Option<usize>,
    /// Shipments ticked for printing together (id → reference), kept across searches.
    ticked: std::collections::BTreeMap<i64, String>,
}

impl HistoryView {
    /// History over the database at `path` (read-only).
    pub fn new(path: &std::path::Path) -> Self {
        let (reader, error) = match Store::open_reader(path) {
            Ok(store) => (Some(store), None),
            Err(error) => (None, Some(error.to_string())),
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
            generation: 0,
            searching: false,
            ids: Vec::new(),
            cache: HashMap::new(),
            selected: None,
            error,
            dirty: true,
            confirm_cancel: None,
            confirm_refund: None,
            preview: Default::default(),
            tracking: Default::default(),
            pending_commands: Vec::new(),
            scroll_to: None,
            ticked: Default::default(),
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

    /// Asks for a fresh search (after a shipment changed), and re-reads the open detail.
    pub fn refresh(&mut self) {
        self.dirty = true;
        if let Some(id) = self.selected.as_ref().map(|(r, _)| r.id) {
            self.select(id);
        }
    }

    /// Sends the search if it changed.
    pub fn logic(&mut self, commands: &mut Vec<Command>) {
        commands.append(&mut self.pending_commands);
        if !self.dirty {
            return;
        }
        self.dirty = false;
        self.generation += 1;
        self.searching = true;
        commands.push(Command::FindShipments {
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
    ) {
        if generation != self.generation {
            return; // An answer to a search the user has already replaced.
        }
        self.searching = false;
        match ids {
            Ok(ids) => {
                self.ids = ids;
                self.totals = totals;
                self.cache.clear();
                self.error = None;
            }
            Err(error) => self.error = Some(error.to_string()),
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
                    Err(error) => self.error = Some(error.to_string()),
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
        match found {
            Ok(Some((events, record))) => self.selected = Some((record, events)),
            Ok(None) => self.selected = None,
            Err(error) => self.error = Some(error.to_string()),
        }
    }

    /// Draws the view.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        language: Language,
        accounts: &[Account],
    ) -> Option<HistoryAction> {
        let mut action = None;
        ui.horizontal(|ui| {
            self.filters_ui(ui, language, accounts);
            if ui
                .add_enabled(
                    !self.ids.is_empty(),
                    egui::Button::new(tr(language, "Export CSV…", "导出 CSV…")),
                )
                .clicked()
            {
                action = Some(HistoryAction::Export(self.query()));
            }
        });
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        self.totals_ui(ui, language);
        if let Some(print) = self.ticked_ui(ui, language) {
            action = Some(print);
        }
        if self.selected.is_some() {
            egui::Panel::right("history-detail")
                .resizable(true)
                .default_size(420.0)
                .show(ui, |ui| action = self.detail_ui(ui, language));
        }
        self.table_ui(ui, language);
        action
    }

    fn filters_ui(&mut self, ui: &mut egui::Ui, language: Language, accounts: &[Account]) {
        ui.horizontal(|ui| {
            let label = ui.label(tr(language, "Search", "搜索"));
            let search = ui
                .add(
                    egui::TextEdit::singleline(&mut self.text)
                        .hint_text(tr(
                            language,
                            "tracking no., reference, phone or name",
                            "跟踪号、参考号、电话或姓名",
                        ))
                        .desired_width(280.0),
                )
                .labelled_by(label.id);
            if search.changed() {
                self.dirty = true;
            }
            let label = ui.label(tr(language, "Account", "账号"));
            let before = (self.account.clone(), self.state);
            egui::ComboBox::from_id_salt("history-account")
                .selected_text(
                    self.account
                        .clone()
                        .unwrap_or_else(|| tr(language, "All", "全部").to_owned()),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.account, None, tr(language, "All", "全部"));
                    for account in accounts {
                        ui.selectable_value(
                            &mut self.account,
                            Some(account.name.clone()),
                            &account.name,
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label(tr(language, "State", "状态"));
            egui::ComboBox::from_id_salt("history-state")
                .selected_text(
                    self.state
                        .map(|s| s.label().in_language(language.code()).to_owned())
                        .unwrap_or_else(|| tr(language, "All", "全部").to_owned()),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.state, None, tr(language, "All", "全部"));
                    for state in ShipmentState::ALL {
                        ui.selectable_value(
                            &mut self.state,
                            Some(state),
                            state.label().in_language(language.code()),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            if before != (self.account.clone(), self.state) {
                self.dirty = true;
            }
            for (en, zh, value) in [
                ("From", "从", &mut self.from_day),
                ("To", "到", &mut self.to_day),
            ] {
                let label = ui.label(tr(language, en, zh));
                let valid = value.trim().is_empty() || day_start_ms(value, 0).is_some();
                let mut edit = egui::TextEdit::singleline(value)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(90.0);
                if !valid {
                    edit = edit.text_color(ui.visuals().error_fg_color);
                }
                if ui.add(edit).labelled_by(label.id).changed() {
                    self.dirty = true;
                }
            }
            if self.searching {
                ui.spinner();
            }
            ui.label(format!(
                "{} {}",
                self.ids.len(),
                tr(language, "shipments", "票")
            ));
        });
    }

    /// The summary strip: count, weight and declared value by account for what is shown.
    fn totals_ui(&self, ui: &mut egui::Ui, language: Language) {
        if self.totals.is_empty() {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            for totals in &self.totals {
                let values: Vec<String> = totals
                    .declared
                    .iter()
                    .map(|(currency, value)| format!("{currency} {}", value.round_dp(2)))
                    .collect();
                ui.label(format!(
                    "{}: {} {} · {} kg · {}",
                    totals.account,
                    totals.shipments,
                    tr(language, "shipments", "票"),
                    totals.weight_kg.round_dp(2),
                    values.join(", ")
                ));
                ui.separator();
            }
        });
    }

    /// The ticked shipments: how many, print them as one job, or clear the ticks.
    fn ticked_ui(&mut self, ui: &mut egui::Ui, language: Language) -> Option<HistoryAction> {
        if self.ticked.is_empty() {
            return None;
        }
        let mut action = None;
        ui.horizontal(|ui| {
            let count = self.ticked.len();
            ui.label(match language {
                Language::Zh => format!("已选 {count} 票"),
                _ => format!("{count} selected"),
            });
            let print = match language {
                Language::Zh => format!("打印 {count} 张面单（一个任务）"),
                _ => format!("Print {count} labels as one job"),
            };
            if ui.button(print).clicked() {
                action = Some(HistoryAction::Print(
                    self.ticked.values().cloned().collect(),
                ));
            }
            if ui
                .button(tr(language, "Clear selection", "取消选择"))
                .clicked()
            {
                self.ticked.clear();
            }
        });
        action
    }

    fn table_ui(&mut self, ui: &mut egui::Ui, language: Language) {
        let headers: [(SortKey, &str, &str); 9] = [
            (SortKey::Created, "Created", "创建时间"),
            (SortKey::Reference, "Reference", "参考号"),
            (SortKey::State, "State", "状态"),
            (SortKey::Tracking, "Tracking", "跟踪号"),
            (SortKey::Account, "Account", "账号"),
            (SortKey::Recipient, "Recipient", "收件人"),
            (SortKey::Country, "Country", "国家"),
            (SortKey::Weight, "kg", "公斤"),
            (SortKey::Printed, "Printed", "打印次数"),
        ];
        let mut sort_by = None;
        let mut clicked = None;
        let selected_id = self.selected.as_ref().map(|(r, _)| r.id);
        let rows = self.ids.len();
        let mut table = TableBuilder::new(ui);
        if let Some(row) = self.scroll_to.take() {
            table = table.scroll_to_row(row, Some(egui::Align::Center));
        }
        table
            .id_salt("history-table")
            .striped(true)
            .sense(egui::Sense::click())
            .column(Column::exact(24.0))
            .column(Column::exact(110.0))
            .column(Column::initial(170.0).resizable(true))
            .column(Column::initial(150.0).resizable(true))
            .column(Column::initial(130.0).resizable(true))
            .column(Column::initial(90.0).resizable(true))
            .column(Column::initial(140.0).resizable(true))
            .column(Column::exact(56.0))
            .column(Column::initial(60.0).at_least(50.0))
            .column(Column::remainder().at_least(56.0))
            .header(22.0, |mut header| {
                header.col(|_| {}); // The tick column.
                for column in headers {
                    header.col(|ui| {
                        if sort_header(ui, language, column, self.sort) {
                            sort_by = Some(column.0);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, rows, |mut row| {
                    let index = row.index();
                    let Some(summary) = self.summary(index).cloned() else {
                        return;
                    };
                    row.set_selected(selected_id == Some(summary.id));
                    let weight = summary
                        .weight_kg
                        .parse::<rust_decimal::Decimal>()
                        .map(|w| w.round_dp(3).normalize().to_string())
                        .unwrap_or(summary.weight_kg.clone());
                    let mut ticked = self.ticked.contains_key(&summary.id);
                    row.col(|ui| {
                        let tick = ui.add(egui::Checkbox::without_text(&mut ticked));
                        let tick = tick.accessible_name(format!("Select {}", summary.reference));
                        if tick.changed() {
                            if ticked {
                                self.ticked.insert(summary.id, summary.reference.clone());
                            } else {
                                self.ticked.remove(&summary.id);
                            }
                        }
                    });
                    let cells = [
                        format_local_time(summary.created_at, "%Y-%m-%d %H:%M"),
                        summary.reference.clone(),
                        summary
                            .state
                            .label()
                            .in_language(language.code())
                            .to_owned(),
                        summary.tracking_number.clone().unwrap_or_default(),
                        summary.account.clone(),
                        summary.recipient_name.clone(),
                        summary.recipient_country.clone(),
                        weight,
                        summary.print_count.to_string(),
                    ];
                    for text in cells {
                        row.col(|ui| {
                            ui.add(egui::Label::new(text).truncate().selectable(false));
                        });
                    }
                    if row.response().clicked() {
                        clicked = Some(summary.id);
                    }
                });
            });
        if let Some(id) = clicked {
            self.select(id);
        }
        if let Some(key) = sort_by {
            self.sort = next_sort(self.sort, key);
            self.dirty = true;
        }
    }

    fn detail_ui(&mut self, ui: &mut egui::Ui, language: Language) -> Option<HistoryAction> {
        let (record, events) = self.selected.as_ref()?;
        let mut action = None;
        let mut close = false;
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(&record.reference);
                if ui
                    .small_button(tr(language, "Close", "关闭"))
                    .accessible_name("Close details")
                    .clicked()
                {
                    close = true;
                }
            });
            ui.label(record.state.label().in_language(language.code()));
            if record.state.may_hold_money()
                && record.state != ShipmentState::Created
                && record.state != ShipmentState::Printed
            {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    tr(
                        language,
                        "This shipment may hold your money.",
                        "此运单可能已扣费。",
                    ),
                );
            }
            if let Some(message) = &record.message {
                ui.label(message.in_language(language.code()));
            }
            egui::Grid::new("detail-fields")
                .num_columns(2)
                .show(ui, |ui| {
                    let currency = record.fee_currency.clone().unwrap_or_default();
                    let fee = |amount: &Option<String>| {
                        amount
                            .as_ref()
                            .map(|a| format!("{a} {currency}"))
                            .unwrap_or_default()
                    };
                    let rows: [(&str, &str, String); 11] = [
                        (
                            "Tracking",
                            "跟踪号",
                            record.tracking_number.clone().unwrap_or_default(),
                        ),
                        (
                            "Account",
                            "账号",
                            format!("{} ({})", record.account, record.forwarder),
                        ),
                        ("Service", "渠道", record.service_code.clone()),
                        (
                            "Recipient",
                            "收件人",
                            record.order.recipient.lines().join(", "),
                        ),
                        ("Sender", "发件人", record.order.sender.lines().join(", ")),
                        ("Weight (kg)", "重量（公斤）", record.weight_kg.clone()),
                        (
                            "Declared value",
                            "申报价值",
                            format!(
                                "{} {}",
                                record.declared_value.clone().unwrap_or_default(),
                                record.currency
                            ),
                        ),
                        ("Attempts", "提交次数", record.attempts.to_string()),
                        (
                            "Printed",
                            "打印次数",
                            printed_times(record.print_count, language),
                        ),
                        ("Quoted fee", "预览费用", fee(&record.quoted_fee)),
                        ("Charged fee", "实扣费用", fee(&record.charged_fee)),
                    ];
                    for (en, zh, value) in rows {
                        ui.label(tr(language, en, zh));
                        ui.add(egui::Label::new(value).wrap());
                        ui.end_row();
                    }
                });
            ui.horizontal(|ui| {
                if let Some(label) = &record.label {
                    if ui.button(tr(language, "Print", "打印")).clicked() {
                        action = Some(HistoryAction::Print(vec![record.reference.clone()]));
                    }
                    if ui.button(tr(language, "Open label", "打开面单")).clicked() {
                        super::ship::open_in_system_viewer(std::path::Path::new(&label.path));
                    }
                } else {
                    ui.label(tr(language, "No label stored", "未保存面单"));
                }
                if ui
                    .button(tr(language, "Duplicate as new", "复制为新运单"))
                    .clicked()
                {
                    action = Some(HistoryAction::DuplicateAsNew(Box::new(
                        record.order.clone(),
                    )));
                }
                let can_cancel = crate::carriers::ForwarderKind::parse(&record.forwarder)
                    .is_some_and(|k| crate::carriers::forwarder(k).capabilities().cancel)
                    && record.state.may_hold_money()
                    && !record.state.needs_reconciling();
                if can_cancel {
                    if self.confirm_cancel.as_deref() == Some(record.reference.as_str()) {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            tr(language, "Cancel at the forwarder?", "确定在物流商处取消？"),
                        );
                        if ui
                            .button(tr(language, "Yes, cancel it", "确定取消"))
                            .clicked()
                        {
                            action = Some(HistoryAction::Cancel(record.reference.clone()));
                            self.confirm_cancel = None;
                        }
                        if ui.button(tr(language, "No", "不取消")).clicked() {
                            self.confirm_cancel = None;
                        }
                    } else if ui
                        .button(tr(language, "Cancel shipment", "取消运单"))
                        .clicked()
                    {
                        self.confirm_cancel = Some(record.reference.clone());
                    }
                }
                let can_refund = crate::carriers::ForwarderKind::parse(&record.forwarder)
                    .is_some_and(|k| crate::carriers::forwarder(k).capabilities().refund)
                    && crate::engine::REFUNDABLE.contains(&record.state);
                if can_refund {
                    if self.confirm_refund.as_deref() == Some(record.reference.as_str()) {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            tr(
                                language,
                                "Ask the forwarder for the refund?",
                                "确定向物流商申请退款？",
                            ),
                        );
                        if ui
                            .button(tr(language, "Yes, request the refund", "确定申请退款"))
                            .clicked()
                        {
                            action = Some(HistoryAction::Refund(record.reference.clone()));
                            self.confirm_refund = None;
                        }
                        if ui.button(tr(language, "No", "不申请")).clicked() {
                            self.confirm_refund = None;
                        }
                    } else if ui
                        .button(tr(language, "Request refund", "申请退款"))
                        .clicked()
                    {
                        self.confirm_refund = Some(record.reference.clone());
                    }
                }
            });
            ui.separator();
            match &record.label {
                Some(label) => {
                    self.preview.show(
                        std::path::Path::new(&label.path),
                        &mut self.pending_commands,
                    );
                    self.preview.ui(ui, language);
                }
                None => self.preview.clear(),
            }
            ui.separator();
            if let Some(reference) = self.tracking.ui(ui, language, record, events) {
                action = Some(HistoryAction::Track(reference));
            }
            ui.separator();
            ui.strong(tr(language, "Timeline", "时间线"));
            for event in events {
                let when = format_local_time(event.at, "%m-%d %H:%M:%S");
                let what = match event.state {
                    Some(state) => state.label().in_language(language.code()).to_owned(),
                    None => format!("{:?}", event.kind),
                };
                egui::CollapsingHeader::new(format!("{when}  {what}"))
                    .id_salt(("event", event.at, format!("{:?}", event.kind)))
                    .show(ui, |ui| {
                        let text = serde_json::to_string_pretty(&event.detail).unwrap_or_default();
                        ui.add(
                            egui::Label::new(egui::RichText::new(text).monospace().small()).wrap(),
                        );
                    });
            }
        });
        if close {
            self.selected = None;
        }
        action
    }
}

/// A column header that sorts by its column when clicked, with an arrow on the current one.
fn sort_header(
    ui: &mut egui::Ui,
    language: Language,
    (key, en, zh): (SortKey, &'static str, &'static str),
    current: HistorySort,
) -> bool {
    let arrow = match (current.key == key, current.descending) {
        (false, _) => "",
        (true, true) => " ↓",
        (true, false) => " ↑",
    };
    let title = egui::RichText::new(format!("{}{arrow}", tr(language, en, zh))).strong();
    ui.add(egui::Button::new(title).frame(false))
        .on_hover_text(tr(language, "Click to sort", "点击排序"))
        .accessible_name(format!("Sort by {en}"))
        .clicked()
}

/// The order after clicking `key`'s header: the same column flips; a new one starts newest
/// first for dates, weights and print counts, A to Z for text.
fn next_sort(current: HistorySort, key: SortKey) -> HistorySort {
    if current.key == key {
        HistorySort {
            key,
            descending: !current.descending,
        }
    } else {
        HistorySort {
            key,
            descending: matches!(key, SortKey::Created | SortKey::Weight | SortKey::Printed),
        }
    }
}

/// "2 times" / "2 次", "not yet" / "未打印".
fn printed_times(count: i64, language: Language) -> String {
    match (count, language) {
        (0, _) => tr(language, "not yet", "未打印").to_owned(),
        (_, Language::Zh) => format!("{count} 次"),
        (1, _) => "once".to_owned(),
        (n, _) => format!("{n} times"),
    }
}

/// Local midnight of a typed day (`YYYY-MM-DD`) plus `days`, in ms; `None` if empty or not a date.
fn day_start_ms(typed: &str, days: i64) -> Option<i64> {
    let day = chrono::NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d").ok()?;
    let day = day.checked_add_signed(chrono::Duration::days(days))?;
    let midnight = day.and_hms_opt(0, 0, 0)?;
    midnight
        .and_local_timezone(chrono::Local)
        .earliest()
        .map(|t| t.timestamp_millis())
}
