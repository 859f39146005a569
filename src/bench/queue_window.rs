//! `shipdesk bench queue-ui`: the real window's own frame time while a batch buys in the
//! background and the queue holds 10,000 orders. The orders are imported into the data folder
//! first (the built-in sandbox account, so no keychain is needed); the window then shows the
//! Queue, a batch of 1,000 starts against the built-in sandbox answering each create after
//! 100 ms, and every frame jumps to rows it has not read while the batch's progress comes in.
//! Run it on a desktop or under Xvfb (`xvfb-run -a shipdesk bench queue-ui`); build with
//! --release.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::engine::{BuyQueued, Engine, EngineConfig, ImportOrders, SANDBOX_ACCOUNT};
use crate::secrets::Keychain;
use crate::terminal::outln;
use crate::ui::ShipdeskApp;

/// Frames measured while the batch runs.
const FRAMES: usize = 300;

/// Imports `queued` orders, then measures the window while a batch of `batch` buys.
pub fn run(queued: usize, batch: usize, delay_ms: u64) -> ExitCode {
    let scratch = match tempfile::TempDir::new() {
        Ok(dir) => dir,
        Err(error) => {
            eprintln!("bench queue-ui: cannot make a scratch folder: {error}");
            return ExitCode::from(2);
        }
    };
    eprintln!("bench queue-ui: importing {queued} orders…");
    if let Err(error) = import(scratch.path(), queued) {
        eprintln!("bench queue-ui: {error}");
        return ExitCode::from(1);
    }
    let code = super::window::run(
        "queue-ui",
        "shipdesk bench queue-ui",
        scratch.path(),
        move |app| Driver {
            app,
            queued,
            batch,
            delay: Duration::from_millis(delay_ms),
            started: None,
            times: Default::default(),
            reported: false,
        },
    );
    drop(scratch);
    code
}

/// The orders, imported by an engine of its own that is gone before the window opens.
fn import(dir: &std::path::Path, n: usize) -> Result<(), String> {
    let engine = Engine::start(
        EngineConfig {
            data_dir: dir.to_owned(),
        },
        Keychain::in_memory(),
    )
    .map_err(|e| e.to_string())?;
    let file = dir.join("orders.csv");
    let order = super::seed_order()?;
    std::fs::write(
        &file,
        super::queue::orders_csv(&order, "Q", n, SANDBOX_ACCOUNT),
    )
    .map_err(|e| e.to_string())?;
    let report = engine
        .call(ImportOrders::file(&file))
        .map_err(|e| e.to_string())?;
    if report.ready() != n {
        return Err(format!("{} of {n} orders imported ready", report.ready()));
    }
    Ok(())
}

/// Wraps the app, starts the batch, jumps through the queue, and measures.
struct Driver {
    app: ShipdeskApp,
    queued: usize,
    batch: usize,
    delay: Duration,
    /// When the batch was sent.
    started: Option<Instant>,
    /// The frames while the batch runs.
    times: super::window::FrameTimes,
    reported: bool,
}

impl super::window::Driver for Driver {
    fn app(&mut self) -> &mut ShipdeskApp {
        &mut self.app
    }

    fn frame(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let listed = self.app.show_queue_row(0);
        let measuring = self.started.is_some();
        if listed >= self.queued && self.started.is_none() {
            // The queue is on screen whole: the batch starts, the forwarder slow.
            if let Ok(sandbox) = self.app.engine().builtin_sandbox() {
                sandbox.set_create_delay(self.delay);
            }
            let references = (1..=self.batch).map(|i| format!("Q-{i:06}")).collect();
            self.app.engine().send(BuyQueued {
                references,
                concurrency: 8,
                ..BuyQueued::default()
            });
            self.started = Some(Instant::now());
        }
        if measuring {
            let row = (self.times.own.len() * 7_919 * 13) % self.queued.max(1);
            self.app.show_queue_row(row);
        }
        self.times.draw(&mut self.app, ui, frame, measuring);
        if self.times.own.len() >= FRAMES && !self.reported {
            self.reported = true;
            self.report();
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ui.ctx().request_repaint();
    }
}

impl Driver {
    fn report(&mut self) {
        self.times.sort();
        let running = self.started.map(|s| s.elapsed()).unwrap_or_default();
        let bought = self.app.engine().with_store(|s| {
            s.queue_rows(crate::store::QueueFilter::All)
                .map(|rows| rows.iter().filter(|r| r.is_bought()).count())
                .unwrap_or(0)
        });
        outln!(
            "shipdesk bench queue-ui: {} orders queued, a batch of {} buying (sandbox answers each create after {} ms)",
            self.queued,
            self.batch,
            self.delay.as_millis()
        );
        for line in self.times.report("while the batch ran") {
            outln!("{line}");
        }
        outln!(
            "the batch meanwhile: {bought} bought in {:.1} s",
            running.as_secs_f64()
        );
    }
}
