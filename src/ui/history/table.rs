//! The virtualised table: only the rows on screen are read; sortable headers; ticks for printing
//! several labels as one job.

use super::HistoryView;
use crate::engine::Print;
use crate::store::{HistorySort, SortKey, format_local_time};
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, tr};
use egui_extras::{Column, TableBuilder};

impl HistoryView {
    /// The ticked shipments: how many, print them as one job, or clear the ticks.
    pub(super) fn ticked_ui(
        &mut self,
        ui: &mut egui::Ui,
        language: Language,
        commands: &CommandSender,
    ) {
        // Always one line, so ticking the first shipment does not move the rows under the mouse.
        if self.ticked.is_empty() {
            ui.horizontal(|ui| {
                ui.add_enabled(
                    false,
                    egui::Button::new(tr(
                        language,
                        "Tick shipments to print their labels as one job",
                        "勾选运单可合并为一个任务打印面单",
                    )),
                );
            });
            return;
        }
        ui.horizontal(|ui| {
            let count = self.ticked.len();
            ui.label(match language {
                Language::Zh => format!("已选 {count} 票"),
                _ => format!("{count} selected"),
            });
            let print = match language {
                Language::Zh => format!("打印 {count} 张面单（一个任务）"),
                _ => format!(
                    "Print {} as one job",
                    crate::ui::i18n::count(count, "label", "labels")
                ),
            };
            if ui.button(print).clicked() {
                commands.send(Print::on_desk_printer(
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
    }

    /// The matching shipments, newest first unless a header says otherwise; only the rows on
    /// screen are read.
    pub(super) fn table_ui(&mut self, ui: &mut egui::Ui, language: Language) {
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
