//! The scan field: a keyboard-wedge scanner types a reference or order number and Enter (or
//! Tab, the other suffix scanners are set to; a line feed never reaches the window). One
//! waiting order opens in the ship form with its first parcel's weight ready; an order bought
//! already has its stored label reprinted and is never bought again; when several orders
//! match they are listed, and a second scan of the same code picks the newest. With the field
//! empty, Enter opens the table's current row and the arrows, PageUp/PageDown and Home/End
//! move it.

use super::{QueueContext, QueueView};
use crate::engine::{CommandSheet, Print};
use crate::model::{ShipmentState, Text};
use crate::store::{QueueRow, format_local_time};
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, tr};

/// Rows PageUp and PageDown move the current row by.
const PAGE: isize = 20;

/// What is being scanned, and the orders a code matched when it matched several.
#[derive(Default)]
pub(super) struct ScanState {
    text: String,
    /// The code and its matches, newest first, while they are listed.
    matches: Option<(String, Vec<QueueRow>)>,
}

impl ScanState {
    /// Forgets the listed matches.
    pub(super) fn clear(&mut self) {
        self.matches = None;
    }
}

/// The scan field's id (the focus rests there).
pub(super) fn field_id() -> egui::Id {
    egui::Id::unique("queue-scan")
}

impl QueueView {
    /// The scan field, and the list of matches when a code matched several orders.
    pub(super) fn scan_ui(&mut self, ui: &mut egui::Ui, context: &QueueContext<'_>) {
        let language = context.language;
        let focused = ui.memory(|m| m.has_focus(field_id()));
        if focused && self.scan.text.is_empty() {
            // Taken before the field sees them: in an empty one-line field they do nothing.
            use egui::Key;
            let moves = [
                (Key::ArrowUp, -1),
                (Key::ArrowDown, 1),
                (Key::PageUp, -PAGE),
                (Key::PageDown, PAGE),
                (Key::Home, isize::MIN),
                (Key::End, isize::MAX),
            ];
            for (key, by) in moves {
                if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key)) {
                    self.move_current(by);
                }
            }
        }
        let mut scanned = None;
        ui.horizontal(|ui| {
            let label = ui.strong(tr(language, "Scan", "扫描"));
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.scan.text)
                        .id(field_id())
                        .event_filter(scan_filter(false))
                        .hint_text(tr(
                            language,
                            "reference or order number, then Enter",
                            "参考号或订单号，回车",
                        ))
                        .desired_width(320.0),
                )
                .labelled_by(label.id);
            // Scanners end a code with Enter or Tab (their suffix setting): once a code is typed,
            // Tab ends the scan instead of leaving the field. Set after the field took this
            // frame's typing, as the next frame's Tab is sorted by it.
            let typed = !self.scan.text.trim().is_empty();
            ui.memory_mut(|m| m.set_focus_lock_filter(field_id(), scan_filter(typed)));
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let tab = field.has_focus()
                && !self.scan.text.trim().is_empty()
                && ui.input(|i| i.key_pressed(egui::Key::Tab));
            if enter || tab {
                scanned = Some(std::mem::take(&mut self.scan.text));
            }
            let sheet = ui
                .small_button(tr(language, "Print command barcodes", "打印指令条码"))
                .on_hover_text(tr(
                    language,
                    "A sheet of barcodes to scan instead of pressing keys: Buy, Next, Reprint, Weigh, Cancel and each box (on the A4 printer)",
                    "用扫描代替按键的条码表：购买、下一单、重打、称重、取消及各箱型（用 A4 打印机打印）",
                ));
            if sheet.clicked() {
                context.commands.send(CommandSheet::default());
            }
        });
        match scanned {
            Some(code) if code.trim().is_empty() => {
                if let Some(reference) = self.current_reference() {
                    self.open(&reference, false, context.commands);
                }
                self.focus_scan();
            }
            Some(code) => {
                self.on_scan(code.trim(), context.commands);
                self.focus_scan();
            }
            None => {}
        }
        self.matches_ui(ui, language, context.commands);
    }

    /// What a scanned code does.
    fn on_scan(&mut self, code: &str, commands: &CommandSender) {
        // A second scan of a code whose matches are listed takes the newest.
        if let Some((listed, rows)) = self.scan.matches.take()
            && listed.eq_ignore_ascii_case(code)
            && let Some(newest) = rows.into_iter().next()
        {
            self.act_on(&newest, commands);
            return;
        }
        let Some(reader) = &self.reader else {
            return;
        };
        let found = reader.queue_matches(code);
        match found {
            Ok(rows) if rows.len() > 1 => {
                self.last = Some(Text::new(
                    format!(
                        "{} orders match {code}: scan it again for the newest, or open one below.",
                        rows.len()
                    ),
                    format!(
                        "有 {} 单与 {code} 匹配：再扫一次选最新的一单，或在下方打开其中一单。",
                        rows.len()
                    ),
                ));
                self.scan.matches = Some((code.to_owned(), rows));
            }
            Ok(rows) => match rows.into_iter().next() {
                Some(row) => self.act_on(&row, commands),
                None => self.not_queued(code, commands),
            },
            Err(error) => self.error = Some(super::unreadable(&error)),
        }
    }

    /// One order chosen by a scan: reprint it when bought, else open it to weigh and buy.
    fn act_on(&mut self, row: &QueueRow, commands: &CommandSender) {
        if row.is_bought() {
            self.reprint(&row.reference, commands);
        } else {
            self.last = None;
            self.open(&row.reference, true, commands);
        }
    }

    /// A code in no queued order: a shipment bought from the form under that reference is
    /// reprinted all the same (a scan never buys twice); anything else is said plainly.
    fn not_queued(&mut self, code: &str, commands: &CommandSender) {
        let shipped = self
            .reader
            .as_ref()
            .and_then(|r| r.shipment(code).ok().flatten())
            .filter(|s| s.state != ShipmentState::Failed);
        match shipped {
            Some(record) => self.reprint(&record.reference, commands),
            None => {
                self.last = Some(Text::new(
                    format!(
                        "No queued order or shipment has the reference or order number {code}."
                    ),
                    format!("没有参考号或订单号为 {code} 的待发订单或运单。"),
                ));
            }
        }
    }

    fn reprint(&mut self, reference: &str, commands: &CommandSender) {
        commands.send(Print::on_desk_printer(vec![reference.to_owned()]));
        self.last = Some(Text::new(
            format!(
                "{reference} is bought already: reprinting its label (it is not bought again)."
            ),
            format!("{reference} 已下单：重新打印面单（不会再次下单）。"),
        ));
    }

    /// The orders a code matched, newest first, each with Open.
    fn matches_ui(&mut self, ui: &mut egui::Ui, language: Language, commands: &CommandSender) {
        let Some((_, rows)) = &self.scan.matches else {
            return;
        };
        let mut chosen = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            for (n, row) in rows.iter().enumerate() {
                ui.horizontal(|ui| {
                    let state = match row.shipment {
                        Some((_, state)) if row.is_bought() => {
                            state.label().in_language(language.code()).to_owned()
                        }
                        _ => tr(language, "waiting", "待发货").to_owned(),
                    };
                    let newest = if n == 0 {
                        tr(language, "  (newest: scan again)", "  （最新：再扫一次）")
                    } else {
                        ""
                    };
                    ui.label(format!(
                        "{} · {} · {} · {} · {state}{newest}",
                        row.reference,
                        row.order_number,
                        row.recipient_name,
                        format_local_time(row.created_at, "%Y-%m-%d %H:%M"),
                    ));
                    let open = ui
                        .add(
                            egui::Button::new(tr(language, "Open", "打开"))
                                .sense(egui::Sense::CLICK),
                        )
                        .accessible_name(format!("Open {}", row.reference));
                    if open.clicked() {
                        chosen = Some(row.clone());
                    }
                });
            }
        });
        if let Some(row) = chosen {
            self.scan.clear();
            self.act_on(&row, commands);
        }
    }
}

/// What the scan field keeps for itself: the arrows always (they move the table's current row),
/// Tab while a code is typed (it ends the scan).
fn scan_filter(tab: bool) -> egui::EventFilter {
    egui::EventFilter {
        tab,
        horizontal_arrows: true,
        vertical_arrows: true,
        escape: false,
    }
}
