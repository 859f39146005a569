//! The header: the screens, the language, and one line for each kind of thing that needs a
//! person (shipments whose outcome is unknown; failed orders holding the balance), then the
//! last notice.

use super::{Screen, ShipdeskApp};
use crate::engine::Reconcile;
use crate::model::ShipmentState;
use crate::ui::command::AppCommand;
use crate::ui::i18n::{Language, tr};

impl ShipdeskApp {
    pub(super) fn top_bar_ui(&mut self, ui: &mut egui::Ui) {
        let language = self.language;
        ui.horizontal(|ui| {
            ui.heading("shipdesk");
            ui.separator();
            for (screen, en, zh) in [
                (Screen::Ship, "Ship", "发货"),
                (Screen::History, "History", "历史"),
                (Screen::Accounts, "Accounts", "账号"),
            ] {
                if ui
                    .selectable_label(self.screen == screen, tr(language, en, zh))
                    .clicked()
                {
                    self.sender.app(AppCommand::Show(screen));
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.selectable_value(&mut self.language, Language::Zh, "中文");
                ui.selectable_value(&mut self.language, Language::En, "English");
            });
        });
        if !self.header.unsettled.is_empty() {
            self.unsettled_ui(ui);
        }
        if !self.header.refunds_due.is_empty() {
            self.refunds_due_ui(ui);
        }
        if let Some(notice) = &self.header.notice {
            ui.label(notice.in_language(language.code()));
        }
    }

    /// The header line for shipments whose outcome is unknown, with Reconcile.
    fn unsettled_ui(&mut self, ui: &mut egui::Ui) {
        let language = self.language;
        ui.horizontal(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "{} {}: {}",
                    self.header.unsettled.len(),
                    tr(
                        language,
                        "shipment(s) may or may not have been bought",
                        "票状态未知，可能已扣费"
                    ),
                    self.header.unsettled.join(", ")
                ),
            );
            if ui
                .add_enabled(
                    !self.header.reconciling,
                    egui::Button::new(tr(language, "Reconcile", "核对")),
                )
                .clicked()
            {
                self.header.reconciling = true;
                self.sender.send(Reconcile);
            }
            if self.header.reconciling {
                ui.spinner();
            }
        });
    }

    /// The header line for failed orders that hold the balance: they need a refund request,
    /// which History's detail pane makes; the link opens History on exactly those.
    fn refunds_due_ui(&mut self, ui: &mut egui::Ui) {
        let language = self.language;
        let due = &self.header.refunds_due;
        let shown: Vec<&str> = due.iter().take(5).map(String::as_str).collect();
        let more = due.len().saturating_sub(shown.len());
        let mut list = shown.join(", ");
        if more > 0 {
            list.push_str(&format!(" (+{more})"));
        }
        ui.horizontal(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "{} {}: {list}",
                    due.len(),
                    tr(
                        language,
                        "failed order(s) hold your balance until refunded",
                        "票下单失败，退款前余额仍被占用"
                    ),
                ),
            );
            if ui
                .button(tr(language, "Show in History", "在历史中查看"))
                .clicked()
            {
                self.sender
                    .app(AppCommand::ShowInHistory(ShipmentState::RefundDue));
            }
        });
    }
}
