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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    std::fs::read_to_string(data_dir.join(FILE))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
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
