//! The real window over a fresh engine, for the benchmarks that measure it: the engine started
//! on the benchmark's data folder (no keychain), its events waking the window, and a driver
//! wrapping the app to feed it and time it.

use std::path::Path;
use std::process::ExitCode;

use crate::engine::{Engine, EngineConfig};
use crate::secrets::Keychain;
use crate::ui::{ShipdeskApp, install_cjk_fallback};

/// Opens the window titled `title` over an engine on `data_dir` and runs `driver(app)` until it
/// closes; `bench` names the benchmark in what it says when the window cannot open.
pub(super) fn run<D: eframe::App + 'static>(
    bench: &str,
    title: &str,
    data_dir: &Path,
    driver: impl FnOnce(ShipdeskApp) -> D + 'static,
) -> ExitCode {
    let mut engine = match Engine::start(
        EngineConfig {
            data_dir: data_dir.to_owned(),
        },
        Keychain::in_memory(),
    ) {
        Ok(engine) => engine,
        Err(error) => {
            eprintln!("bench {bench}: {error}");
            return ExitCode::from(1);
        }
    };
    let Some(events) = engine.take_events() else {
        return ExitCode::from(1);
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_inner_size([1200.0, 820.0]),
        ..Default::default()
    };
    let data_dir = data_dir.to_owned();
    let result = eframe::run_native(
        &format!("shipdesk-bench-{bench}"),
        options,
        Box::new(move |cc| {
            install_cjk_fallback(&cc.egui_ctx);
            let ctx = cc.egui_ctx.clone();
            engine.set_on_event(Box::new(move || ctx.request_repaint()));
            Ok(Box::new(driver(ShipdeskApp::new(
                engine, events, &data_dir,
            ))))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bench {bench}: the window could not open: {error}");
            ExitCode::from(1)
        }
    }
}
