//! What the window remembers between runs (language, last account, sender, the draft being
//! typed), written by a background thread so a frame never waits on the disk.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use serde::{Deserialize, Serialize};

use super::i18n::Language;
use super::ship::TypedOrder;
use crate::model::Address;

/// File name inside the data folder.
pub const FILE: &str = "window.json";

/// Remembered state.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Remembered {
    /// Interface language.
    pub language: Language,
    /// Account used last.
    pub last_account: String,
    /// Sender used last.
    pub sender: Address,
    /// The order being typed.
    pub draft: Option<TypedOrder>,
    /// The label printer as kept here before printer profiles (`printers.json`) existed: read
    /// once to move it over, never written again.
    #[serde(skip_serializing)]
    pub printer: Option<LegacyDeskPrinter>,
    /// Where the window was and how big, so it opens there again.
    pub window: Option<WindowPlace>,
    /// The folder History's last export went to.
    pub export_folder: PathBuf,
    /// Who was at the desk last (the operator; "" when nobody said).
    pub operator: String,
}

/// The window's place on the desktop, in points.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowPlace {
    /// Left edge of the whole window.
    pub x: f32,
    /// Top edge of the whole window.
    pub y: f32,
    /// Width of its inside.
    pub width: f32,
    /// Height of its inside.
    pub height: f32,
    /// Maximised (then the size is what it was before).
    pub maximized: bool,
}

impl WindowPlace {
    /// Where the window is now, when the platform says (a test harness has no window).
    pub fn of(viewport: &egui::ViewportInfo) -> Option<Self> {
        let inner = viewport.inner_rect?;
        let outer = viewport.outer_rect.unwrap_or(inner);
        Some(Self {
            x: outer.min.x,
            y: outer.min.y,
            width: inner.width(),
            height: inner.height(),
            maximized: viewport.maximized.unwrap_or(false),
        })
    }

    /// Whether it is worth opening at: a window shrunk to nothing or pushed far off every
    /// screen opens at the default place instead.
    pub fn is_usable(&self) -> bool {
        self.width >= 400.0
            && self.height >= 300.0
            && self.x > -self.width + 100.0
            && self.y > -50.0
            && self.x.is_finite()
            && self.y.is_finite()
    }
}

/// The label printer as window.json used to keep it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LegacyDeskPrinter {
    /// `ipp://...` of the printer or CUPS queue.
    pub uri: String,
    /// IPP media keyword of the loaded stock.
    pub media: String,
}

/// Reads the remembered state; a missing or damaged file gives the defaults.
pub fn load(data_dir: &Path) -> Remembered {
    crate::settings_file::load(data_dir, FILE)
}

/// Sends changed state to the writer thread.
pub struct Saver {
    tx: mpsc::Sender<String>,
    last: String,
}

impl Saver {
    /// Starts the writer thread for `data_dir/window.json`.
    pub fn start(data_dir: &Path) -> Self {
        let (tx, rx) = mpsc::channel::<String>();
        let path = data_dir.join(FILE);
        std::thread::Builder::new()
            .name("shipdesk-window-saver".to_owned())
            .spawn(move || write_loop(&path, &rx))
            .map_err(|e| tracing::warn!("cannot start the draft saver: {e}"))
            .ok();
        Self {
            tx,
            last: String::new(),
        }
    }

    /// Queues a write if anything changed since the last one (cheap to call every frame).
    pub fn save(&mut self, remembered: &Remembered) {
        let Ok(text) = serde_json::to_string(remembered) else {
            return;
        };
        if text != self.last {
            self.tx.send(text.clone()).ok();
            self.last = text;
        }
    }
}

fn write_loop(path: &PathBuf, rx: &mpsc::Receiver<String>) {
    while let Ok(mut text) = rx.recv() {
        // Only the newest state matters: skip what piled up while the disk was busy.
        while let Ok(newer) = rx.try_recv() {
            text = newer;
        }
        let tmp = path.with_extension("json.part");
        let written = std::fs::write(&tmp, &text).and_then(|()| std::fs::rename(&tmp, path));
        if let Err(error) = written {
            tracing::warn!("cannot save the draft: {error}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Remembered, WindowPlace};

    #[test]
    fn the_window_place_is_remembered_and_a_lost_one_is_not_used() {
        let place = WindowPlace {
            x: 120.0,
            y: 40.0,
            width: 1366.0,
            height: 740.0,
            maximized: false,
        };
        let remembered = Remembered {
            window: Some(place),
            ..Remembered::default()
        };
        let text = serde_json::to_string(&remembered).expect("json");
        let back: Remembered = serde_json::from_str(&text).expect("read back");
        assert_eq!(back.window, Some(place));
        assert!(place.is_usable());
        let shrunk = WindowPlace {
            width: 10.0,
            ..place
        };
        let off_screen = WindowPlace {
            x: -5000.0,
            ..place
        };
        assert!(!shrunk.is_usable() && !off_screen.is_usable());
        // A window.json from before the window was remembered still reads.
        let old: Remembered = serde_json::from_str(r#"{"language":"Zh"}"#).expect("old file");
        assert_eq!(old.window, None);
    }
}
