use std::sync::mpsc::Receiver;

use crate::engine::{Command, Engine, Event, SANDBOX_ACCOUNT};
use crate::model::{Shipment, Text};
use crate::store::{HistoryQuery, ShipmentRecord};

/// Seed 000's example order, shipped by "Ship a sample order" under a fresh reference.
const SAMPLE_ORDER: &str = include_str!("../../assets/examples/order-seed000.json");

/// The app state of the first window.
pub struct ShipdeskApp {
    engine: Engine,
    events: Receiver<Event>,
    recent: Vec<ShipmentRecord>,
    unsettled: Vec<ShipmentRecord>,
    /// Commands in flight, for the spinner.
    in_flight: usize,
    status: Option<Text>,
}

impl ShipdeskApp {
    /// Wraps a started engine and its event receiver.
    pub fn new(engine: Engine, events: Receiver<Event>) -> Self {
        let mut app = Self {
            engine,
            events,
            recent: Vec::new(),
            unsettled: Vec::new(),
            in_flight: 0,
            status: None,
        };
        app.reload();
        app
    }

    fn reload(&mut self) {
        let query = HistoryQuery {
            limit: 200,
            ..HistoryQuery::default()
        };
        match self
            .engine
            .with_store(|s| Ok::<_, crate::store::StoreError>((s.search(&query)?, s.unsettled()?)))
        {
            Ok((recent, unsettled)) => {
                self.recent = recent;
                self.unsettled = unsettled;
            }
            Err(error) => self.status = Some(Text::new(error.to_string(), error.to_string())),
        }
    }

    fn drain_events(&mut self) {
        while let Ok(event) = self.events.try_recv() {
            self.in_flight = self.in_flight.saturating_sub(1);
            self.status = Some(match event {
                Event::Shipped(Ok(report)) => {
                    let mut en = format!("{}: {}", report.reference, report.state.label().en);
                    let mut zh = format!("{}：{}", report.reference, report.state.label().zh);
                    if let Some(tracking) = &report.tracking_number {
                        en.push_str(&format!(", tracking number {tracking}"));
                        zh.push_str(&format!("，跟踪号 {tracking}"));
                    }
                    if let Some(message) = &report.message {
                        en.push_str(&format!(". {}", message.en));
                        zh.push_str(&format!("。{}", message.zh));
                    }
                    Text::new(en, zh)
                }
                Event::Shipped(Err(error)) | Event::Reconciled(Err(error)) => {
                    Text::new(error.to_string(), error.to_string())
                }
                Event::Reconciled(Ok(reports)) => Text::new(
                    format!("Reconciled {} shipment(s)", reports.len()),
                    format!("已核对 {} 票", reports.len()),
                ),
            });
            self.reload();
        }
    }

    fn ship_sample(&mut self) {
        match serde_json::from_str::<Shipment>(SAMPLE_ORDER) {
            Ok(mut shipment) => {
                shipment.reference =
                    format!("DEMO-{}", chrono::Local::now().format("%Y%m%d-%H%M%S-%3f"));
                self.in_flight += 1;
                self.engine.send(Command::Ship {
                    shipment: Box::new(shipment),
                    account: SANDBOX_ACCOUNT.to_owned(),
                });
            }
            Err(error) => self.status = Some(Text::new(error.to_string(), error.to_string())),
        }
    }
}

impl eframe::App for ShipdeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.drain_events();
        egui::Panel::top("top").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("shipdesk");
                if ui.button("Ship a sample order (Sandbox) / 沙盒下单示例").clicked() {
                    self.ship_sample();
                }
                if ui.button("Reconcile / 核对").clicked() {
                    self.in_flight += 1;
                    self.engine.send(Command::Reconcile);
                }
                if self.in_flight > 0 {
                    ui.spinner();
                }
            });
            if let Some(status) = &self.status {
                ui.label(status.to_string());
            }
            if !self.unsettled.is_empty() {
                let references: Vec<&str> = self.unsettled.iter().map(|r| r.reference.as_str()).collect();
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "{} shipment(s) may or may not have been bought: {}. Press Reconcile to find out. / {} 票状态未知，请点击“核对”。",
                        references.len(),
                        references.join(", "),
                        references.len()
                    ),
                );
            }
        });
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("History / 历史");
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("history").striped(true).show(ui, |ui| {
                    for header in [
                        "Created",
                        "Reference",
                        "State",
                        "Tracking",
                        "Account",
                        "Recipient",
                        "Note",
                    ] {
                        ui.strong(header);
                    }
                    ui.end_row();
                    for r in &self.recent {
                        let created = crate::store::format_local_time(r.created_at, "%m-%d %H:%M");
                        ui.label(created);
                        ui.label(&r.reference);
                        ui.label(r.state.label().to_string());
                        ui.label(r.tracking_number.as_deref().unwrap_or("-"));
                        ui.label(&r.account);
                        ui.label(&r.recipient_name);
                        ui.label(r.message.as_ref().map(|m| m.en.as_str()).unwrap_or(""));
                        ui.end_row();
                    }
                });
            });
        });
    }
}
