//! The virtualised table: only the rows on screen are read; a tick per order for a batch; the
//! current row (a click, or the arrows from the scan field) opens with Enter, any row with a
//! double click.

use super::{QueueContext, QueueView, problem_words};
use crate::store::QueueLine;
use crate::ui::i18n::{Language, tr};
use egui_extras::{Column, TableBuilder};

impl QueueView {
    /// Moves the current row by `by` rows, staying in the table (from the scan field, whose
    /// arrow and paging keys do nothing else); the first move starts at the top.
    pub(super) fn move_current(&mut self, by: isize) {
        let Some(last) = self.ids.len().checked_sub(1) else {
            return;
        };
        let row = match self.current {
            None if by == 1 => 0,
            None => by,
            Some(row) => (row as isize).saturating_add(by),
        };
        let row = row.clamp(0, last as isize) as usize;
        self.current = Some(row);
        self.scroll_to = Some(row);
    }

    /// Shows row `row` (the window benchmark jumps through the queue); returns how many rows
    /// the queue holds.
    pub fn scroll_to_row(&mut self, row: usize) -> usize {
        if !self.ids.is_empty() {
            self.scroll_to = Some(row.min(self.ids.len() - 1));
        }
        self.ids.len()
    }

    /// The current row's reference.
    pub(super) fn current_reference(&mut self) -> Option<String> {
        let row = self.current?;
        self.line(row).map(|l| l.row.reference.clone())
    }

    /// The rows, oldest first.
    pub(super) fn table_ui(&mut self, ui: &mut egui::Ui, context: &QueueContext<'_>) {
        let language = context.language;
        let headers: [(&str, &str); 9] = [
            ("Reference", "参考号"),
            ("Order no.", "订单号"),
            ("Account", "账号"),
            ("Service", "渠道"),
            ("Recipient", "收件人"),
            ("Country", "国家"),
            ("Parcels", "件数"),
            ("kg", "公斤"),
            ("Problems", "问题"),
        ];
        let rows = self.ids.len();
        let mut clicked = None;
        let mut opened = None;
        let mut table = TableBuilder::new(ui);
        if let Some(row) = self.scroll_to.take() {
            table = table.scroll_to_row(row, None);
        }
        table
            .id_salt("queue-table")
            .striped(true)
            .sense(egui::Sense::click())
            .column(Column::exact(24.0))
            .column(Column::initial(150.0).resizable(true))
            .column(Column::initial(90.0).resizable(true))
            .column(Column::initial(110.0).resizable(true))
            .column(Column::initial(90.0).resizable(true))
            .column(Column::initial(130.0).resizable(true))
            .column(Column::exact(56.0))
            .column(Column::exact(52.0))
            .column(Column::exact(60.0))
            .column(Column::remainder().at_least(200.0))
            .header(22.0, |mut header| {
                header.col(|_| {}); // The tick column.
                for (en, zh) in headers {
                    header.col(|ui| {
                        ui.strong(tr(language, en, zh));
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, rows, |mut row| {
                    let index = row.index();
                    let Some(line) = self.line(index).cloned() else {
                        return;
                    };
                    let queued = &line.row;
                    row.set_selected(self.current == Some(index));
                    let mut ticked = self.ticked.contains_key(&queued.id);
                    row.col(|ui| {
                        let tick = ui
                            .add(egui::Checkbox::without_text(&mut ticked))
                            .accessible_name(format!("Select {}", queued.reference));
                        if tick.changed() {
                            if ticked {
                                self.ticked.insert(queued.id, queued.reference.clone());
                            } else {
                                self.ticked.remove(&queued.id);
                            }
                        }
                    });
                    let cells = [
                        queued.reference.clone(),
                        // An order number that only repeats the reference says nothing.
                        if queued.order_number == queued.reference {
                            String::new()
                        } else {
                            queued.order_number.clone()
                        },
                        queued.account.clone(),
                        queued.service_code.clone(),
                        queued.recipient_name.clone(),
                        queued.recipient_country.clone(),
                        queued.parcels.to_string(),
                        queued.weight_kg.clone(),
                    ];
                    for text in cells {
                        row.col(|ui| {
                            ui.add(egui::Label::new(text).truncate().selectable(false));
                        });
                    }
                    row.col(|ui| state_cell(ui, language, &line));
                    let response = row.response();
                    if response.double_clicked() {
                        opened = Some(queued.reference.clone());
                    } else if response.clicked() {
                        clicked = Some(index);
                    }
                });
            });
        if let Some(index) = clicked {
            self.current = Some(index);
            self.focus_scan();
        }
        if let Some(reference) = opened {
            self.open(&reference, false, context.commands);
        }
    }
}

/// Ready, bought, or how many problems and the first in words (in red).
fn state_cell(ui: &mut egui::Ui, language: Language, line: &QueueLine) {
    let queued = &line.row;
    if let Some((_, state)) = queued.shipment {
        let text = state.label().in_language(language.code()).to_owned();
        ui.add(egui::Label::new(text).truncate().selectable(false));
        return;
    }
    if queued.issue_count == 0 {
        ui.add(egui::Label::new(tr(language, "Ready", "可下单")).selectable(false));
        return;
    }
    let n = queued.issue_count;
    let first = line
        .first_issue
        .as_ref()
        .map(|p| problem_words(p, language))
        .unwrap_or_default();
    let text = match language {
        Language::Zh => format!("{n} 个问题：{first}"),
        Language::En => format!(
            "{}: {first}",
            crate::ui::i18n::count(n as usize, "problem", "problems")
        ),
    };
    let color = ui.visuals().error_fg_color;
    ui.add(
        egui::Label::new(egui::RichText::new(text).color(color))
            .truncate()
            .selectable(false),
    );
}
