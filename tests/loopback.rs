//! The tests that talk HTTP to the sandbox forwarders on loopback: each protocol as the sandbox
//! speaks it, the engine's whole lifecycle per forwarder (create, polling, restart, reconcile,
//! cancel, refund), fee previews, Test connection and tracking; and what the engine does with
//! a hostile server's moves and with a server certificate it refuses. Needs no printer,
//! keychain or window. One test binary, so the crate is linked once for all of them.

// `pub`: each binary uses a different part of the shared helpers, and what is exported is not
// dead code.
pub mod common;

#[path = "loopback/certificates.rs"]
mod certificates;
#[path = "loopback/connection.rs"]
mod connection;
#[path = "loopback/eccang_calls.rs"]
mod eccang_calls;
#[path = "loopback/eccang_fee_preview.rs"]
mod eccang_fee_preview;
#[path = "loopback/eccang_lifecycle.rs"]
mod eccang_lifecycle;
#[path = "loopback/eccang_reconcile.rs"]
mod eccang_reconcile;
#[path = "loopback/every_forwarder.rs"]
mod every_forwarder;
#[path = "loopback/hostile_server.rs"]
mod hostile_server;
#[path = "loopback/lifecycle.rs"]
mod lifecycle;
#[path = "loopback/logssc_lifecycle.rs"]
mod logssc_lifecycle;
#[path = "loopback/queue_batch.rs"]
mod queue_batch;
#[path = "loopback/queue_fee_preview.rs"]
mod queue_fee_preview;
#[path = "loopback/reconcile_bounds.rs"]
mod reconcile_bounds;
#[path = "loopback/redirects.rs"]
mod redirects;
#[path = "loopback/sandbox_eccang.rs"]
mod sandbox_eccang;
#[path = "loopback/sandbox_logssc.rs"]
mod sandbox_logssc;
#[path = "loopback/sandbox_protocol.rs"]
mod sandbox_protocol;
#[path = "loopback/sandbox_zyl.rs"]
mod sandbox_zyl;
#[path = "loopback/tracking.rs"]
mod tracking;
#[path = "loopback/zyl_lifecycle.rs"]
mod zyl_lifecycle;
