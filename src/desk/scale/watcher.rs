//! The scale's own thread: it runs the reader the settings name and reports each change of what
//! the scale says (not every poll: a scale that says the same thing wakes nobody). Device reads
//! block, so they never run on the window's thread or the engine's two async workers.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::reading::ScaleState;
use super::settings::{ScaleSettings, ScaleSource};

/// Hands each new state on, once: the same state twice in a row is said once.
pub(super) struct Reporter {
    last: Option<ScaleState>,
    publish: Box<dyn FnMut(ScaleState) + Send>,
}

impl Reporter {
    /// Says `state` unless it is what was said last.
    pub(super) fn state(&mut self, state: ScaleState) {
        if self.last.as_ref() != Some(&state) {
            self.last = Some(state.clone());
            (self.publish)(state);
        }
    }
}

/// Sleeps for `pause`, waking early when asked to stop.
pub(super) fn pause(stop: &AtomicBool, pause: Duration) {
    let until = Instant::now() + pause;
    while !stop.load(Ordering::Relaxed) {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return;
        }
        std::thread::sleep(left.min(Duration::from_millis(50)));
    }
}

/// A running scale reader; dropping it stops the thread (within about 100 ms).
pub struct ScaleWatcher {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl ScaleWatcher {
    /// Starts reading the scale `settings` name; `publish` hears each new state, on the
    /// scale's thread.
    pub fn start(
        settings: ScaleSettings,
        publish: impl FnMut(ScaleState) + Send + 'static,
    ) -> std::io::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let mut reporter = Reporter {
            last: None,
            publish: Box::new(publish),
        };
        let thread = std::thread::Builder::new()
            .name("shipdesk-scale".to_owned())
            .spawn(move || read(&settings, &stopping, &mut reporter))?;
        Ok(Self {
            stop,
            thread: Some(thread),
        })
    }
}

fn read(settings: &ScaleSettings, stop: &AtomicBool, reporter: &mut Reporter) {
    match settings.source {
        ScaleSource::Off => reporter.state(ScaleState::Off),
        #[cfg(target_os = "linux")]
        ScaleSource::Usb => super::hid_reader::run(&settings.usb, stop, reporter),
        #[cfg(not(target_os = "linux"))]
        ScaleSource::Usb => reporter.state(ScaleState::Trouble(super::trouble::usb_not_here())),
        ScaleSource::Serial => super::serial_reader::run(&settings.serial, stop, reporter),
    }
}

impl Drop for ScaleWatcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take()
            // Dropped from its own thread (the last owner let go in a callback): it ends by itself.
            && thread.thread().id() != std::thread::current().id()
        {
            thread.join().ok();
        }
    }
}
