//! The tests that need the host's real parts: an IPP label printer (ippeveprinter) and a private
//! CUPS scheduler, the Secret Service (gnome-keyring under dbus-run-session, which
//! `scripts/test.sh` starts), the `shipdesk` command run as its own process, and its real
//! window under Xvfb typed into with xdotool. One test binary,
//! so the crate is linked once for all of them.

// `pub`: each binary uses a different part of the shared helpers, and what is exported is not
// dead code.
pub mod common;

#[path = "host/batch_print.rs"]
mod batch_print;
#[path = "host/certificates.rs"]
mod certificates;
#[path = "host/cli.rs"]
mod cli;
#[path = "host/close_day.rs"]
mod close_day;
#[path = "host/documents_print.rs"]
mod documents_print;
#[path = "host/keychain.rs"]
mod keychain;
#[path = "host/operator_cli.rs"]
mod operator_cli;
#[path = "host/packing_slip.rs"]
mod packing_slip;
#[path = "host/pick_list.rs"]
mod pick_list;
#[path = "host/png_label.rs"]
mod png_label;
#[path = "host/print.rs"]
mod print;
#[path = "host/print_cups.rs"]
mod print_cups;
#[path = "host/queue_fee_cli.rs"]
mod queue_fee_cli;
#[path = "host/queue_kill.rs"]
mod queue_kill;
#[path = "host/window_scan.rs"]
mod window_scan;
#[path = "host/window_typing.rs"]
mod window_typing;
