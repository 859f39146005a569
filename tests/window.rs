//! The window, driven through egui_kittest (AccessKit) as a packer and a supervisor would,
//! against the real engine, SQLite file and loopback sandbox; the printing tests print on a real
//! IPP label printer (ippeveprinter). One test binary, so the crate is linked once for all of them.

// `pub`: each binary uses a different part of the shared helpers, and what is exported is not
// dead code.
pub mod common;

#[path = "window/harness.rs"]
mod harness;

#[path = "window/accounts.rs"]
mod accounts;
#[path = "window/day_picture.rs"]
mod day_picture;
#[path = "window/eccang_calls.rs"]
mod eccang_calls;
#[path = "window/fees.rs"]
mod fees;
#[path = "window/history.rs"]
mod history;
#[path = "window/keyboard.rs"]
mod keyboard;
#[path = "window/language.rs"]
mod language;
#[path = "window/layout.rs"]
mod layout;
#[path = "window/messages.rs"]
mod messages;
#[path = "window/order_form.rs"]
mod order_form;
#[path = "window/printing.rs"]
mod printing;
#[path = "window/queue.rs"]
mod queue;
#[path = "window/reference.rs"]
mod reference;
#[path = "window/scale.rs"]
mod scale;
#[path = "window/shipping.rs"]
mod shipping;
