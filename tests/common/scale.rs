//! Stand-ins for desk scales that use the host's real parts: a USB scale is a FIFO standing in
//! for `/dev/hidrawN` with a fake sysfs tree beside it (a keyboard too, which must not be taken
//! for a scale); a serial scale is a small program on the far end of a real pseudo-terminal
//! pair that answers NCI's `W<CR>` or MT-SICS's `SI` as it is told.

use std::fs::File;
use std::io::{Read as _, Write as _};
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use shipdesk::desk::scale::{
    HidPaths, ScaleSettings, ScaleSource, ScaleState, ScaleWatcher, SerialSettings,
};

/// A Dymo-like descriptor: Usage Page (Scales), Usage (Scale Device), Collection (Application).
const SCALE_DESCRIPTOR: &[u8] = &[0x05, 0x8D, 0x09, 0x01, 0xA1, 0x01, 0xC0];
/// A keyboard's: Usage Page (Generic Desktop), Usage (Keyboard).
const KEYBOARD_DESCRIPTOR: &[u8] = &[0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0xC0];

/// A USB scale made of a FIFO and a fake sysfs tree.
pub struct FakeHidScale {
    root: tempfile::TempDir,
    name: String,
    writer: Option<File>,
}

impl Default for FakeHidScale {
    fn default() -> Self {
        Self::new()
    }
}

impl FakeHidScale {
    /// A scale at `hidraw3` beside a keyboard at `hidraw0` (not plugged in until [`Self::plug`]).
    pub fn new() -> Self {
        let root = tempfile::tempdir().expect("temp dir");
        let scale = Self {
            root,
            name: "hidraw3".to_owned(),
            writer: None,
        };
        std::fs::create_dir_all(scale.paths().dev).expect("dev");
        let keyboard = scale.paths().sysfs.join("hidraw0/device");
        std::fs::create_dir_all(&keyboard).expect("sysfs");
        std::fs::write(keyboard.join("report_descriptor"), KEYBOARD_DESCRIPTOR).expect("desc");
        std::fs::write(scale.paths().dev.join("hidraw0"), b"").expect("keyboard node");
        scale
    }

    /// Where the reader looks.
    pub fn paths(&self) -> HidPaths {
        HidPaths {
            sysfs: self.root.path().join("sys/class/hidraw"),
            dev: self.root.path().join("dev"),
        }
    }

    /// Desk settings that read this scale.
    pub fn settings(&self) -> ScaleSettings {
        ScaleSettings {
            source: ScaleSource::Usb,
            usb: self.paths(),
            ..ScaleSettings::default()
        }
    }

    /// Writes these settings into a data folder, as the window's settings would.
    pub fn set_up_desk(&self, data_dir: &Path, auto_fill: bool) {
        let settings = ScaleSettings {
            auto_fill,
            ..self.settings()
        };
        settings.save(data_dir).expect("scale.json");
    }

    fn device(&self) -> PathBuf {
        self.paths().dev.join(&self.name)
    }

    /// Plugs the scale in (sysfs entry and device file) and waits until the reader has opened
    /// it (a FIFO's writer cannot open before its reader), up to 10 s.
    pub fn plug(&mut self) {
        self.plug_as(SCALE_DESCRIPTOR, "HID_ID=0003:00000B67:0000555E\n");
    }

    /// Plugs in a Dymo whose descriptor does not name the Scales page.
    pub fn plug_misreported_dymo(&mut self) {
        self.plug_as(KEYBOARD_DESCRIPTOR, "HID_ID=0003:00000922:00008003\n");
    }

    fn plug_as(&mut self, descriptor: &[u8], uevent: &str) {
        let entry = self.paths().sysfs.join(&self.name).join("device");
        std::fs::create_dir_all(&entry).expect("sysfs");
        std::fs::write(entry.join("report_descriptor"), descriptor).expect("descriptor");
        std::fs::write(entry.join("uevent"), uevent).expect("uevent");
        let made = std::process::Command::new("mkfifo")
            .arg(self.device())
            .status()
            .expect("mkfifo runs");
        assert!(made.success(), "mkfifo failed");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            // Without a reader, opening a FIFO to write without blocking fails (ENXIO).
            match File::options()
                .write(true)
                .custom_flags(libc::O_NONBLOCK)
                .open(self.device())
            {
                Ok(file) => {
                    self.writer = Some(file);
                    return;
                }
                Err(_) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                Err(error) => panic!("the reader never opened the scale: {error}"),
            }
        }
    }

    /// Sends one report, as the device would.
    ///
    /// A hidraw device hands over one report a read; a FIFO is a byte stream that would hand a
    /// reader several at once. So each report waits until the reader has taken it (the FIFO
    /// holds no unread byte, at most 2 s) before the next can follow.
    pub fn send(&mut self, report: &[u8]) {
        use std::os::fd::AsRawFd as _;
        let writer = self.writer.as_mut().expect("plugged in");
        writer.write_all(report).expect("report written");
        let deadline = Instant::now() + Duration::from_secs(2);
        loop {
            let mut unread: libc::c_int = 0;
            // SAFETY: FIONREAD writes one c_int through the pointer, which lives on this frame.
            let asked = unsafe { libc::ioctl(writer.as_raw_fd(), libc::FIONREAD, &mut unread) };
            if asked != 0 || unread == 0 || Instant::now() > deadline {
                return;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Pulls the plug: the device file and its sysfs entry go, then the reader's next read fails.
    pub fn unplug(&mut self) {
        std::fs::remove_dir_all(self.paths().sysfs.join(&self.name)).expect("sysfs entry");
        std::fs::remove_file(self.device()).expect("device file");
        self.writer = None;
    }
}

/// A scale watcher whose reports a test waits on.
pub struct Watched {
    _watcher: ScaleWatcher,
    states: mpsc::Receiver<ScaleState>,
    /// What was seen so far, oldest first.
    pub seen: Vec<ScaleState>,
}

impl Watched {
    /// Starts reading the scale `settings` name.
    pub fn start(settings: ScaleSettings) -> Self {
        let (tx, states) = mpsc::channel();
        let watcher = ScaleWatcher::start(settings, move |state| {
            tx.send(state).ok();
        })
        .expect("watcher starts");
        Self {
            _watcher: watcher,
            states,
            seen: Vec::new(),
        }
    }

    /// Waits (up to 10 s) for a state that `wanted` accepts and returns it.
    pub fn wait_for(&mut self, what: &str, wanted: impl Fn(&ScaleState) -> bool) -> ScaleState {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.states.recv_timeout(left) {
                Ok(state) => {
                    self.seen.push(state.clone());
                    if wanted(&state) {
                        return state;
                    }
                }
                Err(_) => panic!("timed out waiting for {what}; saw {:?}", self.seen),
            }
        }
    }
}

/// A serial scale on the far end of a pseudo-terminal: it answers every request it receives
/// with the bytes it was last told to (none: it stays silent).
pub struct FakeSerialScale {
    /// The port the reader opens (`/dev/pts/N`).
    pub port: String,
    answer: Arc<Mutex<Vec<u8>>>,
    requests: Arc<Mutex<Vec<Vec<u8>>>>,
    bauds: Arc<Mutex<Vec<u32>>>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FakeSerialScale {
    /// A scale that hears `request` (`b"W\r"`, `b"SI\r\n"`) as one request.
    pub fn new(request: &'static [u8]) -> Self {
        use serialport::SerialPort as _;
        let (mut master, slave) = serialport::TTYPort::pair().expect("pseudo-terminal pair");
        let port = slave.name().expect("slave name");
        let answer = Arc::new(Mutex::new(Vec::new()));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let bauds = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (a, r, l, s) = (
            answer.clone(),
            requests.clone(),
            bauds.clone(),
            stop.clone(),
        );
        let thread = std::thread::spawn(move || {
            master
                .set_timeout(Duration::from_millis(20))
                .expect("timeout");
            // The slave end is held open so the line stays up while the reader reopens it.
            let slave = slave;
            let mut heard = Vec::new();
            let mut chunk = [0u8; 64];
            while !s.load(Ordering::Relaxed) {
                if let Ok(n) = master.read(&mut chunk) {
                    heard.extend_from_slice(&chunk[..n]);
                }
                while let Some(at) = heard.windows(request.len()).position(|w| w == request) {
                    let asked: Vec<u8> = heard.drain(..at + request.len()).collect();
                    r.lock().expect("requests").push(asked);
                    // A pty's termios is one for both openers: read at the slave, it is what the
                    // reader set (the baud rate; Linux forces CS8 without parity on ptys).
                    l.lock()
                        .expect("bauds")
                        .push(slave.baud_rate().unwrap_or(0));
                    let answer = a.lock().expect("answer").clone();
                    if !answer.is_empty() {
                        master.write_all(&answer).ok();
                    }
                }
            }
        });
        Self {
            port,
            answer,
            requests,
            bauds,
            stop,
            thread: Some(thread),
        }
    }

    /// From now on, answer with `bytes` (empty: stay silent).
    pub fn answer(&self, bytes: &[u8]) {
        *self.answer.lock().expect("answer") = bytes.to_vec();
    }

    /// How many requests arrived.
    pub fn requests(&self) -> usize {
        self.requests.lock().expect("requests").len()
    }

    /// The baud rate the port was set to at the last request.
    pub fn last_baud(&self) -> Option<u32> {
        self.bauds.lock().expect("bauds").last().copied()
    }

    /// Desk settings for this port.
    pub fn settings(&self, serial: SerialSettings) -> ScaleSettings {
        ScaleSettings {
            source: ScaleSource::Serial,
            serial: SerialSettings {
                port: self.port.clone(),
                ..serial
            },
            ..ScaleSettings::default()
        }
    }
}

impl Drop for FakeSerialScale {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }
}
