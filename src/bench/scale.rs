//! `shipdesk bench scale`: from a stable report arriving at the scale's device to the weight
//! drawn in the real window. A FIFO stands in for `/dev/hidraw0` (with a sysfs tree that names
//! it a scale); each report is written, and the time runs until a frame of the window has drawn
//! that very reading. The window is woken by the engine's event alone, as in use. Run it on a
//! desktop or under Xvfb (`xvfb-run -a shipdesk bench scale`); build with --release.

use std::fs::File;
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use eframe::App as _;
use std::time::{Duration, Instant};

use super::percentile;
use crate::desk::scale::{HidPaths, ScaleSettings, ScaleSource};
use crate::terminal::outln;
use crate::ui::ShipdeskApp;

/// Readings timed.
const SAMPLES: usize = 50;

/// Measures `SAMPLES` readings in the real window.
pub fn run() -> ExitCode {
    match prepare() {
        Ok((scratch, device)) => window(scratch, device),
        Err(error) => {
            eprintln!("bench scale: {error}");
            ExitCode::from(2)
        }
    }
}

/// A data folder whose scale settings point at a fake sysfs tree and a FIFO device.
fn prepare() -> std::io::Result<(tempfile::TempDir, PathBuf)> {
    let scratch = tempfile::TempDir::new()?;
    let paths = HidPaths {
        sysfs: scratch.path().join("sys"),
        dev: scratch.path().join("dev"),
    };
    let entry = paths.sysfs.join("hidraw0/device");
    std::fs::create_dir_all(&entry)?;
    std::fs::create_dir_all(&paths.dev)?;
    // Usage Page (Scales), Usage (Scale Device), Collection (Application), End Collection.
    std::fs::write(
        entry.join("report_descriptor"),
        [0x05, 0x8D, 0x09, 0x01, 0xA1, 0x01, 0xC0],
    )?;
    let device = paths.dev.join("hidraw0");
    let made = std::process::Command::new("mkfifo").arg(&device).status()?;
    if !made.success() {
        return Err(std::io::Error::other("mkfifo failed"));
    }
    ScaleSettings {
        source: ScaleSource::Usb,
        usb: paths,
        ..ScaleSettings::default()
    }
    .save(scratch.path())?;
    Ok((scratch, device))
}

fn window(scratch: tempfile::TempDir, device: PathBuf) -> ExitCode {
    let data_dir = scratch.path().to_owned();
    let code = super::window::run("scale", "shipdesk bench scale", &data_dir, move |app| {
        Driver {
            app,
            device,
            writer: None,
            sent: None,
            next_grams: 1000,
            latencies: Vec::new(),
            reported: false,
        }
    });
    drop(scratch);
    code
}

/// Wraps the app, feeds the scale, and times each reading to the frame that draws it.
struct Driver {
    app: ShipdeskApp,
    device: PathBuf,
    writer: Option<File>,
    /// When the report being waited for was written, and its grams.
    sent: Option<(Instant, u16)>,
    next_grams: u16,
    latencies: Vec<f64>,
    reported: bool,
}

impl super::window::Driver for Driver {
    fn app(&mut self) -> &mut ShipdeskApp {
        &mut self.app
    }

    fn frame(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.app.ui(ui, frame);
        if let Some((sent, grams)) = self.sent
            && self.app.shown_scale_grams() == Some(u32::from(grams))
        {
            self.latencies.push(sent.elapsed().as_secs_f64() * 1000.0);
            self.sent = None;
        }
        if self.latencies.len() >= SAMPLES {
            if !self.reported {
                self.reported = true;
                self.report();
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
            return;
        }
        if self.sent.is_none() {
            self.send_next();
            // Only a fallback: the engine's event is what wakes the window in time.
            ui.ctx().request_repaint_after(Duration::from_secs(1));
        }
    }
}

impl Driver {
    fn send_next(&mut self) {
        if self.writer.is_none() {
            self.writer = open_writer(&self.device);
        }
        let Some(writer) = self.writer.as_mut() else {
            return;
        };
        self.next_grams = if self.next_grams >= 9000 {
            1000
        } else {
            self.next_grams + 7
        };
        let [low, high] = self.next_grams.to_le_bytes();
        // Stable, grams, exponent 0.
        if writer
            .write_all(&[0x03, 0x04, 0x02, 0x00, low, high])
            .is_ok()
        {
            self.sent = Some((Instant::now(), self.next_grams));
        }
    }

    fn report(&mut self) {
        self.latencies.sort_by(f64::total_cmp);
        outln!(
            "shipdesk bench scale: stable report to weight drawn in the window: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms over {} readings (target < 100 ms)",
            percentile(&self.latencies, 50.0),
            percentile(&self.latencies, 95.0),
            self.latencies.last().copied().unwrap_or(0.0),
            self.latencies.len()
        );
    }
}

/// The FIFO's writing end, once the scale reader has opened its reading end.
fn open_writer(device: &Path) -> Option<File> {
    File::options()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(device)
        .ok()
}
