//! History's tracking block: the last scans the forwarder reported (kept in the audit trail) and
//! a button that asks again. The asking is the engine's; this only draws and sends the command.

use crate::carriers::{ForwarderKind, Tracking};
use crate::model::Text;
use crate::store::{EventKind, EventRecord, ShipmentRecord, format_local_time};
use crate::ui::i18n::{Language, tr};

/// What the block remembers between frames.
#[derive(Default)]
pub struct TrackingPanel {
    /// The reference being asked about.
    asking: Option<String>,
    /// The last failure to ask, for the shipment it was about.
    problem: Option<(String, Text)>,
}

impl TrackingPanel {
    /// The engine answered for `reference`: stop waiting, and keep a failure to show it.
    pub fn on_tracked(&mut self, reference: &str, problem: Option<Text>) {
        if self.asking.as_deref() == Some(reference) {
            self.asking = None;
        }
        self.problem = problem.map(|p| (reference.to_owned(), p));
    }

    /// Draws the block; returns the reference to ask about when the button is pressed.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        language: Language,
        record: &ShipmentRecord,
        events: &[EventRecord],
    ) -> Option<String> {
        let trackable = ForwarderKind::parse(&record.forwarder)
            .is_some_and(|k| crate::carriers::forwarder(k).capabilities().track)
            && record.state.may_hold_money();
        let last = last_tracking(events);
        if !trackable && last.is_none() {
            return None;
        }
        let mut ask = None;
        ui.horizontal(|ui| {
            ui.strong(tr(language, "Tracking", "轨迹"));
            if let Some((at, _)) = &last {
                ui.weak(format!(
                    "{} {}",
                    tr(language, "as of", "更新于"),
                    format_local_time(*at, "%m-%d %H:%M")
                ));
            }
            if self.asking.as_deref() == Some(record.reference.as_str()) {
                ui.spinner();
            } else if trackable
                && ui
                    .small_button(tr(language, "Refresh tracking", "刷新轨迹"))
                    .clicked()
            {
                self.asking = Some(record.reference.clone());
                self.problem = None;
                ask = Some(record.reference.clone());
            }
        });
        if let Some((reference, problem)) = &self.problem
            && reference == &record.reference
        {
            ui.colored_label(
                ui.visuals().error_fg_color,
                problem.in_language(language.code()),
            );
        }
        if let Some((_, tracking)) = last {
            scans_ui(ui, language, &tracking);
        }
        ask
    }
}

/// The scans, newest first, or what the forwarder said when it has none.
fn scans_ui(ui: &mut egui::Ui, language: Language, tracking: &Tracking) {
    if !tracking.status.is_empty() {
        ui.label(format!(
            "{} {}",
            tr(language, "Status:", "状态："),
            tracking.status
        ));
    }
    if tracking.events.is_empty() {
        let said = if tracking.message.is_empty() {
            tr(language, "No scans yet.", "暂无轨迹。").to_owned()
        } else {
            tracking.message.in_language(language.code()).to_owned()
        };
        ui.weak(said);
        return;
    }
    egui::Grid::new("tracking-scans")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for event in &tracking.events {
                ui.monospace(&event.time);
                ui.label(&event.location);
                ui.add(egui::Label::new(event.description.in_language(language.code())).wrap());
                ui.end_row();
            }
        });
}

/// The newest tracking kept in the audit trail, and when it was kept.
fn last_tracking(events: &[EventRecord]) -> Option<(i64, Tracking)> {
    events
        .iter()
        .rev()
        .filter(|e| e.kind == EventKind::Tracking)
        .find_map(|e| {
            serde_json::from_value(e.detail.clone())
                .ok()
                .map(|t| (e.at, t))
        })
}
