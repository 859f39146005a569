//! The engine: a tokio runtime on its own threads that runs the shipment lifecycle.
//!
//! - `protocol`: the requests the window, the command line and the tests make, the [`Command`]
//!   that carries one in the background, and the [`Event`]s and reports that answer.
//! - `dispatch`: each request's work and its answer when interrupted, in one place.
//! - `handle`: [`Engine`]: start, [`Engine::send`] (background), [`Engine::call`] (wait).
//! - `core`: the shared state: store lock, keychain, HTTP client, printers, in-flight guard,
//!   named tasks, announcements to the window.
//! - `queries`: the small reads the window asks for (History ids, overview, presets, reference
//!   hints, address book, label preview).
//! - `lifecycle/`: a shipment's life: preflight (shared by ship and quote), the pure meaning of
//!   a forwarder's answer (`outcome`), ship, quote, reconcile, the poller, cancel, refund,
//!   tracking.
//! - `queue`: importing order files into the queue, listing it, saving the form's order to it.
//! - `accounts`, `account_warnings`, `session`, `http`, `label_fetch`, `printing`, `export`:
//!   accounts and their credentials, what an account may have but is warned about (plain
//!   http), session tokens, the one HTTP send (no move followed; a refused certificate named),
//!   keeping labels, printing (and the one auto-print rule), CSV export; `nonce`, the one way a
//!   signature's random key is drawn; `scale`: the desk scale's reader, whose every change is
//!   an [`Event::Scale`].
//! - `documents`: the desk's paper other than labels (packing slips, the handover list) made
//!   from the store and written to a file or printed on the printer for its paper.

mod account_warnings;
mod accounts;
mod catalogue;
mod close;
mod core;
mod dispatch;
mod documents;
mod error;
mod export;
mod handle;
mod http;
mod label_fetch;
mod lifecycle;
mod nonce;
mod printing;
mod protocol;
mod queries;
mod queue;
mod scale;
mod services;
mod session;

pub use self::core::{Core, EventCallback};
pub use account_warnings::account_warnings;
pub use accounts::{SANDBOX_ACCOUNT, SANDBOX_BASE_URL, check_account};
pub use close::why_it_needs_a_person;
pub use dispatch::Request;
pub use error::ShipError;
pub use handle::{Engine, EngineConfig, StartError};
pub use lifecycle::batch_print::follow_up_task;
pub use lifecycle::order_notes::intercepted_at;
pub use lifecycle::pacing::{
    LATER_LOOKS_FOR, MAX_RESENDS, ONCE_MORE_AFTER, PLACING_WINDOW, ReconcilePacing,
};
pub use nonce::nonce;
pub use protocol::*;
pub use queue::rows_text;
