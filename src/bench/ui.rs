//! `shipdesk bench ui --rows N`: the real window over a history of N shipments. Prints the time
//! from start to the first frame, the time spent in shipdesk's own frame code while History
//! jumps across all N rows (the worst case for a virtualised table: every frame reads rows it
//! has not seen), the whole frame including painting, and resident memory.
//! Run it on a desktop or under Xvfb (`xvfb-run -a shipdesk bench ui`); build with --release.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::store::Store;
use crate::terminal::outln;
use crate::ui::ShipdeskApp;

/// Frames measured while scrolling.
const SCROLL_FRAMES: usize = 300;

/// Measures the real window; `started` is when the process began.
pub fn run(rows: u64, started: Instant) -> ExitCode {
    let scratch = match tempfile::TempDir::new() {
        Ok(dir) => dir,
        Err(error) => {
            eprintln!("bench: cannot make a scratch folder: {error}");
            return ExitCode::from(2);
        }
    };
    let data_dir = scratch.path().to_owned();
    if rows > 0 {
        eprintln!("bench ui: filling {rows} shipments…");
        let filled = Store::open(&data_dir.join(crate::store::DATABASE_FILE))
            .map_err(|e| e.to_string())
            .and_then(|mut store| {
                let start_ms = crate::store::now_ms() - super::store::SPAN_MS;
                super::store::fill(&mut store, rows, start_ms).map_err(|e| e.to_string())
            });
        if let Err(error) = filled {
            eprintln!("bench: {error}");
            return ExitCode::from(1);
        }
    }
    // The clock for "start to first frame" starts here, as the app would start on a full history.
    let app_started = if rows > 0 { Instant::now() } else { started };
    let code = super::window::run("ui", "shipdesk bench ui", &data_dir, move |app| Driver {
        app,
        rows: rows as usize,
        started: app_started,
        first_frame: None,
        times: Default::default(),
        waited: 0,
        reported: false,
    });
    drop(scratch);
    code
}

/// Wraps the app, drives History, and measures.
struct Driver {
    app: ShipdeskApp,
    rows: usize,
    started: Instant,
    first_frame: Option<Duration>,
    /// The scrolling frames.
    times: super::window::FrameTimes,
    waited: usize,
    reported: bool,
}

impl super::window::Driver for Driver {
    fn app(&mut self) -> &mut ShipdeskApp {
        &mut self.app
    }

    fn frame(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if self.first_frame.is_none() {
            self.first_frame = Some(self.started.elapsed());
        }
        // Until the search has found every row, just let the app run.
        let found = self.app.show_history_row(0);
        let scrolling = found >= self.rows && self.rows > 0;
        if scrolling {
            // Jump by a large prime stride so every frame lands on rows never read before.
            let row = (self.times.own.len() * 7_919 * 13) % self.rows;
            self.app.show_history_row(row);
        } else {
            self.waited += 1;
        }
        self.times.draw(&mut self.app, ui, frame, scrolling);
        let done = self.times.own.len() >= SCROLL_FRAMES || (self.rows == 0 && self.waited > 10);
        if done && !self.reported {
            // The window closes a frame later; report once.
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
        let first = self.first_frame.unwrap_or_default().as_secs_f64() * 1000.0;
        let rss_mb = resident_memory_kb().map(|kb| kb as f64 / 1024.0);
        outln!("shipdesk bench ui: {} shipments in History", self.rows);
        outln!("start to first frame:          {first:.0} ms (target <= 500 ms)");
        for line in self.times.report("scrolling") {
            outln!("{line}");
        }
        match rss_mb {
            Some(mb) => outln!("resident memory:               {mb:.0} MB (target <= 200 MB)"),
            None => outln!("resident memory:               not available on this platform"),
        }
    }
}

/// VmRSS from /proc (Linux); `None` elsewhere.
fn resident_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kb| kb.parse().ok())
}
