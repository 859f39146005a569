//! The tests that need nothing running: each forwarder's dialect against its seed's own examples,
//! History on a SQLite file, and the sandbox label read back with poppler and zbar (command-line
//! tools, no service). One test binary, so the crate is linked once for all of them.

// `pub`: each binary uses a different part of the shared helpers, and what is exported is not
// dead code.
pub mod common;

#[path = "offline/catalogue.rs"]
mod catalogue;
#[path = "offline/eccang_seed.rs"]
mod eccang_seed;
#[path = "offline/history.rs"]
mod history;
#[path = "offline/hostile_input.rs"]
mod hostile_input;
#[path = "offline/logssc_seed.rs"]
mod logssc_seed;
#[path = "offline/queue_import.rs"]
mod queue_import;
#[path = "offline/raster_vs_poppler.rs"]
mod raster_vs_poppler;
#[path = "offline/sandbox_label.rs"]
mod sandbox_label;
#[path = "offline/scale_hid.rs"]
mod scale_hid;
#[path = "offline/scale_reports.rs"]
mod scale_reports;
#[path = "offline/scale_serial.rs"]
mod scale_serial;
#[path = "offline/westernpost_seed.rs"]
mod westernpost_seed;
#[path = "offline/zyl_seed.rs"]
mod zyl_seed;
