//! The search box and filters above the table, and the totals strip for what they leave.

use super::HistoryView;
use crate::carriers::Account;
use crate::model::ShipmentState;
use crate::ui::i18n::{Language, tr};

/// "1 shipment", "3 shipments", "3 票".
pub(super) fn shipments(language: Language, n: usize) -> String {
    match language {
        Language::Zh => format!("{n} 票"),
        Language::En => crate::ui::i18n::count(n, "shipment", "shipments"),
    }
}

/// The search box's id (Ctrl+F puts the focus there).
pub(super) fn search_field() -> egui::Id {
    crate::ui::widgets::field_id("history.search")
}

impl HistoryView {
    /// The search box, state, account and day filters; a change searches again.
    pub(super) fn filters_ui(
        &mut self,
        ui: &mut egui::Ui,
        language: Language,
        accounts: &[Account],
    ) {
        // Wraps on a narrow window instead of running off it.
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(tr(language, "Search", "搜索"));
            let search = ui
                .add(
                    egui::TextEdit::singleline(&mut self.text)
                        .id(search_field())
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
            ui.label(shipments(language, self.ids.len()));
        });
    }

    /// The summary strip: count, weight and declared value by account for what is shown.
    pub(super) fn totals_ui(&self, ui: &mut egui::Ui, language: Language) {
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
                    "{}: {} · {} kg · {}",
                    totals.account,
                    shipments(language, usize::try_from(totals.shipments).unwrap_or(0)),
                    totals.weight_kg.round_dp(2),
                    values.join(", ")
                ));
                ui.separator();
            }
        });
    }
}

/// Local midnight of a typed day (`YYYY-MM-DD`) plus `days`, in ms; `None` if empty or not a date.
pub(super) fn day_start_ms(typed: &str, days: i64) -> Option<i64> {
    let day = chrono::NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d").ok()?;
    let day = day.checked_add_signed(chrono::Duration::days(days))?;
    let midnight = day.and_hms_opt(0, 0, 0)?;
    midnight
        .and_local_timezone(chrono::Local)
        .earliest()
        .map(|t| t.timestamp_millis())
}
