//! Desk scales: USB HID postal scales (usage page 0x8D: Dymo, Mettler, Fairbanks, Stamps.com)
//! read from `/dev/hidrawN`, and serial scales speaking NCI / Avery Weigh-Tronix (`W<CR>`) or
//! Mettler Toledo MT-SICS (`SI`).
//!
//! - `reading`: what a scale says ([`Reading`], [`ScaleState`]) and its weight in a parcel's
//!   unit, exactly.
//! - `hid_report`: the pure parser of a HID scale's 6-byte data report.
//! - `hid_find`: which `/dev/hidrawN` is a scale (sysfs: the report descriptor's usage page,
//!   or Dymo's vendor id).
//! - `hid_reader` (Linux): the loop that reads the device, and finds it again after an unplug.
//! - `serial_protocol`: NCI and MT-SICS, pure: the command and the parse of the answer.
//! - `serial_reader`: the loop that asks a serial scale every 250 ms.
//! - `settings`: which scale the desk has (`scale.json` in the data folder).
//! - `watcher`: the thread that runs the reader the settings name and reports each change.
//! - `one_box`: the rule that a reading goes into one parcel only.

mod hid_find;
#[cfg(target_os = "linux")]
mod hid_reader;
mod hid_report;
mod one_box;
mod reading;
mod serial_protocol;
mod serial_reader;
mod settings;
mod trouble;
mod watcher;

pub use hid_find::{HidPaths, find_scales, is_scale_descriptor};
pub use hid_report::{ReportError, parse_report};
pub use one_box::{OneBox, Refusal, same_box};
pub use reading::{Reading, ScaleState, ScaleStatus, ScaleWeight};
pub use serial_protocol::{Garbled, SerialProtocol};
pub use settings::{Parity, ScaleSettings, ScaleSource, SerialSettings};
pub use watcher::ScaleWatcher;

/// How often a scale is asked (serial) or its device checked for news (USB): ShipWorks polls
/// USB scales every 250 ms.
pub const POLL_INTERVAL: std::time::Duration = std::time::Duration::from_millis(250);
