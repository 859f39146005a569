//! Which scale the desk has, kept in `scale.json` in the data folder so the window, the engine
//! and `shipdesk scale` read the same one.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::hid_find::HidPaths;
use super::serial_protocol::SerialProtocol;

/// The file in the data folder.
pub const FILE: &str = "scale.json";

/// Where the weight comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScaleSource {
    /// No scale: weights are typed.
    Off,
    /// A USB HID postal scale, found by itself (Linux).
    #[default]
    Usb,
    /// A serial scale on the port in [`SerialSettings`].
    Serial,
}

/// A serial line's parity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Parity {
    /// No parity bit.
    None,
    /// Even parity (NCI's 7E1).
    #[default]
    Even,
    /// Odd parity (Fairbanks' 7O1).
    Odd,
}

impl Parity {
    /// `N`, `E` or `O`, as in 7E1.
    pub fn letter(self) -> char {
        match self {
            Self::None => 'N',
            Self::Even => 'E',
            Self::Odd => 'O',
        }
    }
}

/// A serial scale's port and line settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SerialSettings {
    /// `/dev/ttyUSB0`, `/dev/ttyS0`, `COM3`.
    pub port: String,
    /// 9600 for NCI and MT-SICS; WorldShip's NCI profile uses 4800.
    pub baud: u32,
    /// Even for NCI, none for MT-SICS.
    pub parity: Parity,
    /// 7 for NCI, 8 for MT-SICS.
    pub data_bits: u8,
    /// The scale's language.
    pub protocol: SerialProtocol,
}

impl Default for SerialSettings {
    fn default() -> Self {
        Self {
            port: String::new(),
            baud: 9600,
            parity: Parity::Even,
            data_bits: 7,
            protocol: SerialProtocol::Nci,
        }
    }
}

impl SerialSettings {
    /// The protocol's factory line settings on `port` (NCI 9600 7E1, MT-SICS 9600 8N1).
    pub fn for_protocol(protocol: SerialProtocol, port: &str) -> Self {
        let (parity, data_bits) = match protocol {
            SerialProtocol::Nci => (Parity::Even, 7),
            SerialProtocol::MtSics => (Parity::None, 8),
        };
        Self {
            port: port.to_owned(),
            baud: 9600,
            parity,
            data_bits,
            protocol,
        }
    }

    /// "9600 7E1", as the scale's manual writes it.
    pub fn line(&self) -> String {
        format!("{} {}{}1", self.baud, self.data_bits, self.parity.letter())
    }
}

/// The desk's scale settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScaleSettings {
    /// USB, serial or none.
    pub source: ScaleSource,
    /// Put a stable, non-zero reading into the focused parcel by itself while its weight is empty.
    pub auto_fill: bool,
    /// The serial scale (kept while the source is USB, so switching back loses nothing).
    pub serial: SerialSettings,
    /// Where USB scales are looked for (tests point these at a fake tree).
    pub usb: HidPaths,
}

impl ScaleSettings {
    /// Reads `scale.json` in `data_dir`; a missing or damaged file gives the defaults (USB).
    pub fn load(data_dir: &Path) -> Self {
        crate::settings_file::load(data_dir, FILE)
    }

    /// Writes `scale.json` in `data_dir` atomically (temporary file, then rename).
    pub fn save(&self, data_dir: &Path) -> std::io::Result<()> {
        crate::settings_file::save(self, data_dir, FILE)
    }
}
