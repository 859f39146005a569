//! The window, driven through egui_kittest (AccessKit) against the real engine, SQLite file and
//! loopback sandbox; a few tests print on a real IPP label printer (ippeveprinter). One test
//! binary, so the crate is linked once for all of them.

// `pub`: each binary uses a different part of the shared helpers, and what is exported is not
// dead code.
pub mod common;

#[path = "window/ui.rs"]
mod ui;
