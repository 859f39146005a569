//! The real window over a fresh engine, for the benchmarks that measure it: the engine started
//! on the benchmark's data folder (no keychain), its events waking the window, and a driver
//! wrapping the app to feed it and time it.

use std::path::Path;
use std::process::ExitCode;

use eframe::App as _;

use crate::engine::{Engine, EngineConfig};
use crate::secrets::Keychain;
use crate::ui::{ShipdeskApp, install_cjk_fallback};

/// What a benchmark does with the app each frame; the app itself still takes in the engine's
/// answers (`logic`) and paces its input (`raw_input_hook`) as eframe would have it do.
pub(super) trait Driver: 'static {
    /// The app being driven.
    fn app(&mut self) -> &mut ShipdeskApp;

    /// One frame: drive the app, draw it (`self.app().ui(ui, frame)`), measure.
    fn frame(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame);
}

/// A [`Driver`] as eframe runs it.
struct Driven<D>(D);

impl<D: Driver> eframe::App for Driven<D> {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        self.0.app().logic(ctx, frame);
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        self.0.app().raw_input_hook(ctx, raw_input);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.0.frame(ui, frame);
    }
}

/// The frames a benchmark measures: the time in shipdesk's own `ui`, and the interval from one
/// frame's start to the next (painting included).
#[derive(Default)]
pub(super) struct FrameTimes {
    /// Milliseconds in shipdesk's code, a frame each.
    pub own: Vec<f64>,
    /// Milliseconds between frame starts.
    pub whole: Vec<f64>,
    last_start: Option<std::time::Instant>,
}

impl FrameTimes {
    /// Draws the app's frame, timing it when `measured`.
    pub fn draw(
        &mut self,
        app: &mut ShipdeskApp,
        ui: &mut egui::Ui,
        frame: &mut eframe::Frame,
        measured: bool,
    ) {
        let start = std::time::Instant::now();
        app.ui(ui, frame);
        if measured {
            self.own.push(start.elapsed().as_secs_f64() * 1000.0);
            if let Some(last) = self.last_start {
                self.whole
                    .push(start.duration_since(last).as_secs_f64() * 1000.0);
            }
        }
        self.last_start = Some(start);
    }

    /// Sorts both, for percentiles.
    pub fn sort(&mut self) {
        self.own.sort_by(f64::total_cmp);
        self.whole.sort_by(f64::total_cmp);
    }

    /// The two report lines (`while` says when the frames were measured).
    pub fn report(&self, while_: &str) -> [String; 2] {
        [
            format!(
                "shipdesk's own code per frame: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms over {} frames {while_} (target p95 <= 8 ms)",
                super::percentile(&self.own, 50.0),
                super::percentile(&self.own, 95.0),
                self.own.last().copied().unwrap_or(0.0),
                self.own.len()
            ),
            format!(
                "frame interval:                p50 {:.2} ms, p95 {:.2} ms (paced by vsync; painting included)",
                super::percentile(&self.whole, 50.0),
                super::percentile(&self.whole, 95.0)
            ),
        ]
    }
}

/// Opens the window titled `title` over an engine on `data_dir` and runs `driver(app)` until it
/// closes; `bench` names the benchmark in what it says when the window cannot open.
pub(super) fn run<D: Driver>(
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
            Ok(Box::new(Driven(driver(ShipdeskApp::new(
                engine, events, &data_dir,
            )))))
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
