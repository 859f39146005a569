//! The window's frame around the screens: the top bar (the screens, the language) and the
//! status bar along the bottom, whose two lines are always there so that nothing above them
//! moves when they change: what needs a person (shipments whose outcome is unknown, failed
//! orders holding the balance) and the last notice of the screen on show.

use super::{Screen, ShipdeskApp};
use crate::engine::Reconcile;
use crate::model::ShipmentState;
use crate::ui::command::AppCommand;
use crate::ui::i18n::{Language, count, tr};

impl ShipdeskApp {
    /// The screens and the languages; none of them is a Tab stop (Ctrl+F, Ctrl+N and the mouse
    /// reach them), so Tab stays in the form.
    pub(super) fn top_bar_ui(&mut self, ui: &mut egui::Ui) {
        let language = self.language;
        ui.horizontal(|ui| {
            ui.heading("shipdesk");
            ui.separator();
            for (screen, en, zh) in [
                (Screen::Ship, "Ship", "发货"),
                (Screen::Queue, "Queue  (F3)", "待发货  (F3)"),
                (Screen::History, "History  (Ctrl+F)", "历史  (Ctrl+F)"),
                (Screen::Accounts, "Accounts", "账号"),
            ] {
                let tab = egui::Button::selectable(self.screen == screen, tr(language, en, zh))
                    .sense(egui::Sense::CLICK);
                if ui.add(tab).clicked() {
                    self.sender.app(AppCommand::Show(screen));
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                for (choice, name) in [(Language::Zh, "中文"), (Language::En, "English")] {
                    let button = egui::Button::selectable(self.language == choice, name)
                        .sense(egui::Sense::CLICK);
                    if ui.add(button).clicked() {
                        self.language = choice;
                    }
                }
                ui.separator();
                // Whose name the next label goes under; a click sets it (under Accounts).
                let who = match (self.operator.recorded(), language) {
                    ("", Language::En) => "Packer: nobody said".to_owned(),
                    ("", Language::Zh) => "操作员：未填写".to_owned(),
                    (name, Language::En) => format!("Packer: {name}"),
                    (name, Language::Zh) => format!("操作员：{name}"),
                };
                let button = egui::Button::new(who)
                    .frame(false)
                    .sense(egui::Sense::CLICK);
                if ui.add(button).clicked() {
                    self.sender.app(AppCommand::Show(Screen::Accounts));
                    self.operator.focus();
                }
            });
        });
    }

    /// The status bar: its two lines are drawn even when empty.
    pub(super) fn status_bar_ui(&mut self, ui: &mut egui::Ui) {
        let line = ui.text_style_height(&egui::TextStyle::Button) + 6.0;
        ui.allocate_ui(egui::vec2(ui.available_width(), line), |ui| {
            ui.set_min_height(line);
            ui.horizontal(|ui| {
                let mut any = false;
                if !self.header.unsettled.is_empty() {
                    self.unsettled_ui(ui);
                    any = true;
                }
                if !self.header.refunds_due.is_empty() {
                    if any {
                        ui.separator();
                    }
                    self.refunds_due_ui(ui);
                    any = true;
                }
                if !any {
                    ui.weak(tr(
                        self.language,
                        "Nothing needs a person.",
                        "没有需要处理的运单。",
                    ));
                }
            });
        });
        ui.allocate_ui(egui::vec2(ui.available_width(), line), |ui| {
            ui.set_min_height(line);
            match &self.header.notice {
                Some((screen, notice)) if *screen == self.screen => {
                    ui.label(notice.in_language(self.language.code()));
                }
                _ => {
                    ui.label("");
                }
            }
        });
    }

    /// Shipments whose outcome is unknown, with Reconcile.
    fn unsettled_ui(&mut self, ui: &mut egui::Ui) {
        let language = self.language;
        let unsettled = &self.header.unsettled;
        let what = match language {
            Language::Zh => format!("{} 票状态未知，可能已扣费", unsettled.len()),
            Language::En => format!(
                "{} may or may not have been bought",
                count(unsettled.len(), "shipment", "shipments")
            ),
        };
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{what}: {}", short_list(unsettled)),
        );
        let button = egui::Button::new(tr(language, "Reconcile", "核对")).sense(egui::Sense::CLICK);
        if ui.add_enabled(!self.header.reconciling, button).clicked() {
            self.header.reconciling = true;
            self.sender.send(Reconcile);
        }
        if self.header.reconciling {
            ui.spinner();
        }
    }

    /// Failed orders that hold the balance: they need a refund request, which History's detail
    /// pane makes; the link opens History on exactly those.
    fn refunds_due_ui(&mut self, ui: &mut egui::Ui) {
        let language = self.language;
        let due = &self.header.refunds_due;
        let what = match language {
            Language::Zh => format!("{} 票下单失败，退款前余额仍被占用", due.len()),
            Language::En => format!(
                "{} your balance until refunded",
                count(due.len(), "failed order holds", "failed orders hold")
            ),
        };
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{what}: {}", short_list(due)),
        );
        let button = egui::Button::new(tr(language, "Show in History", "在历史中查看"))
            .sense(egui::Sense::CLICK);
        if ui.add(button).clicked() {
            self.sender
                .app(AppCommand::ShowInHistory(ShipmentState::RefundDue));
        }
    }
}

/// The first five references, and how many more.
fn short_list(references: &[String]) -> String {
    let shown: Vec<&str> = references.iter().take(5).map(String::as_str).collect();
    let more = references.len().saturating_sub(shown.len());
    let mut list = shown.join(", ");
    if more > 0 {
        list.push_str(&format!(" (+{more})"));
    }
    list
}
