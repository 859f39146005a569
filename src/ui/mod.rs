//! The window. This first version shows the accounts and recent History and ships a demo
//! order on the sandbox; the full workstation (ship form, tables, history pane) comes next.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::Receiver;

use crate::engine::{Engine, EngineConfig, Event};
use crate::secrets::Keychain;
use crate::store::{HistoryQuery, ShipmentRecord};

/// Opens the window and runs until it is closed.
pub fn run(data_dir: PathBuf) -> ExitCode {
    let mut engine = match Engine::start(EngineConfig { data_dir }, Keychain::os()) {
        Ok(engine) => engine,
        Err(error) => {
            eprintln!("shipdesk: {error}");
            return ExitCode::from(2);
        }
    };
    let Some(events) = engine.take_events() else {
        return ExitCode::from(2);
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(format!("shipdesk {}", crate::VERSION))
            .with_inner_size([1100.0, 720.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "shipdesk",
        options,
        Box::new(move |cc| {
            let ctx = cc.egui_ctx.clone();
            engine.set_on_event(Box::new(move || ctx.request_repaint()));
            Ok(Box::new(ShipdeskApp::new(engine, events)))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("shipdesk: the window could not open: {error}");
            ExitCode::from(1)
        }
    }
}

/// The app state of the first window.
pub struct ShipdeskApp {
    engine: Engine,
    events: Receiver<Event>,
    recent: Vec<ShipmentRecord>,
    status: String,
}

impl ShipdeskApp {
    /// Wraps a started engine and its event receiver.
    pub fn new(engine: Engine, events: Receiver<Event>) -> Self {
        let mut app = Self {
            engine,
            events,
            recent: Vec::new(),
            status: String::new(),
        };
        app.reload();
        app
    }

    fn reload(&mut self) {
        let query = HistoryQuery {
            limit: 200,
            ..HistoryQuery::default()
        };
        match self.engine.with_store(|s| s.search(&query)) {
            Ok(records) => self.recent = records,
            Err(error) => self.status = error.to_string(),
        }
    }

    fn drain_events(&mut self) {
        while let Ok(event) = self.events.try_recv() {
            self.status = match event {
                Event::Shipped(Ok(report)) => format!(
                    "{}: {} {}",
                    report.reference,
                    report.state.label(),
                    report.tracking_number.unwrap_or_default()
                ),
                Event::Shipped(Err(error)) => error.to_string(),
                Event::Reconciled(Ok(reports)) => {
                    format!("Reconciled {} shipment(s)", reports.len())
                }
                Event::Reconciled(Err(error)) => error.to_string(),
            };
            self.reload();
        }
    }
}

impl eframe::App for ShipdeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.drain_events();
        egui::Panel::top("top").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("shipdesk");
                if ui.button("Reconcile").clicked() {
                    self.engine.send(crate::engine::Command::Reconcile);
                }
                ui.label(&self.status);
            });
        });
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("History");
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("history").striped(true).show(ui, |ui| {
                    for header in ["Reference", "State", "Tracking", "Account", "Recipient"] {
                        ui.strong(header);
                    }
                    ui.end_row();
                    for r in &self.recent {
                        ui.label(&r.reference);
                        ui.label(r.state.label().en);
                        ui.label(r.tracking_number.as_deref().unwrap_or("-"));
                        ui.label(&r.account);
                        ui.label(&r.recipient_name);
                        ui.end_row();
                    }
                });
            });
        });
    }
}
