//! shipdesk: a desktop shipping workstation. Enter an order, buy the label from a freight
//! forwarder, keep and print it, find it again in milliseconds.
//!
//! See `ARCHITECTURE.md` in the shared folder for the shape and the invariants; each module's
//! doc comment says which concern it owns.

pub mod bench;
pub mod carriers;
pub mod cli;
pub mod engine;
pub mod fonts;
pub mod labels;
pub mod model;
pub mod print;
pub mod sandbox;
pub mod secrets;
pub mod store;
mod terminal;
pub mod ui;

/// `shipdesk --version`: the crate version and the git commit it was built from.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("SHIPDESK_GIT_COMMIT"),
    ")"
);
