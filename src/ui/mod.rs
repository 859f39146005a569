//! The window: a Ship screen and the Queue (scan to ship, batches) for packers, History for
//! supervisors, Accounts. Views draw and send commands through one `command::CommandSender`;
//! the engine does the work and answers with events (see `app/`).

mod account_services;
mod accounts;
mod app;
mod command;
pub mod command_barcodes;
mod fonts;
mod history;
mod i18n;
mod keystroke_pacer;
mod label_preview;
mod operator;
mod persist;
mod printers;
mod queue;
mod scale_settings;
mod setting_field;
mod ship;
#[cfg(test)]
mod test_events;
mod tracking;
mod widgets;

pub use app::{Screen, ShipdeskApp};
pub use fonts::install_cjk_fallback;
pub use i18n::Language;
pub use ship::WEIGH_BARCODE;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::engine::{Engine, EngineConfig};
use crate::secrets::Keychain;

/// Opens the window and runs until it is closed.
pub fn run(data_dir: PathBuf) -> ExitCode {
    let mut engine = match Engine::start(
        EngineConfig {
            data_dir: data_dir.clone(),
        },
        Keychain::os(),
    ) {
        Ok(engine) => engine,
        Err(error) => return crate::cli::could_not_start(&error),
    };
    let Some(events) = engine.take_events() else {
        return ExitCode::from(2);
    };
    let viewport = egui::ViewportBuilder::default()
        .with_title(format!("shipdesk {}", crate::VERSION))
        .with_min_inner_size([800.0, 500.0]);
    // Where it was last time; the first time, the whole screen (a desk tool is not a dialog).
    let viewport = match persist::load(&data_dir).window.filter(|w| w.is_usable()) {
        Some(place) => viewport
            .with_position([place.x, place.y])
            .with_inner_size([place.width, place.height])
            .with_maximized(place.maximized),
        // Where no window manager maximises (a bare X server), this size still fits a laptop.
        None => viewport
            .with_inner_size([1280.0, 720.0])
            .with_maximized(true),
    };
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let result = eframe::run_native(
        "shipdesk",
        options,
        Box::new(move |cc| {
            install_cjk_fallback(&cc.egui_ctx);
            let ctx = cc.egui_ctx.clone();
            engine.set_on_event(Box::new(move || ctx.request_repaint()));
            Ok(Box::new(ShipdeskApp::new(engine, events, &data_dir)))
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
