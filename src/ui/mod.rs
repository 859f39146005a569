//! The window. This first version lists History, ships a sample order on the built-in sandbox
//! (so a new user sees the whole lifecycle with no account), and lists shipments whose outcome
//! is unknown. The full workstation (ship form, tables, detail pane) replaces it next.

mod app;
mod fonts;

pub use app::ShipdeskApp;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::engine::{Engine, EngineConfig};
use crate::secrets::Keychain;

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
            fonts::install_cjk_fallback(&cc.egui_ctx);
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
