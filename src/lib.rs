//! shipdesk: a desktop shipping workstation. Enter an order, buy the label from a freight
//! forwarder, keep and print it, find it again in milliseconds.
//!
//! # The rooms
//!
//! - [`model`]: the order and its rules: [`model::Shipment`], addresses, parcels, customs items,
//!   exact units and money, ISO countries and currencies, postcode/state/phone shapes, the
//!   validation every forwarder shares, and [`model::Transition`]: which state may follow which
//!   (and which states a re-weigh or an intercept may be asked from: they move no state).
//! - [`carriers`]: the forwarders' dialects, without I/O: the [`carriers::Forwarder`] trait
//!   (order → request, answer → outcome) and [`carriers::OrderCalls`] (the services list,
//!   the forwarder's view of an order, re-weigh, intercept: "no such call" unless a dialect has
//!   it; ECCANG does), accounts, and the registry of one
//!   `ForwarderDescriptor` per dialect. Every dialect folder has the same files: `mod.rs` (its
//!   doc and `DESCRIPTOR`), `settings`, `wire`, `mapping`, `answers`, `auth`, `forwarder`;
//!   adding a fifth forwarder is one folder and one registry line.
//! - [`engine`]: the tokio runtime that runs a shipment's life, and the only HTTP. `protocol`
//!   (each request a struct, [`engine::Command`], [`engine::Event`], the reports), `dispatch`
//!   (each request's work and its answer when interrupted), `handle` ([`engine::Engine`]:
//!   `send` in the background for the window, `call` and wait for the command line and tests),
//!   `core` (the shared state, named tasks), `queries` (the window's small reads), and
//!   `lifecycle/` (preflight, the pure meaning of an answer in `outcome`, ship, quote,
//!   reconcile, the poller, cancel, refund, tracking, `ask_order`, `order_notes` for re-weigh
//!   and intercept); accounts, `services` (an account's services list, kept or refreshed),
//!   sessions, label keeping, printing (where auto-print is decided, once, and slips follow
//!   their labels), export, `close` (end of day) and `documents` (slips and handover lists to
//!   a file or their printer) beside them.
//! - [`queue`]: orders waiting to be bought, the pure parts: reading order files (CSV/TSV in
//!   UTF-8, GB18030/GBK or UTF-16, and Excel workbooks), import profiles (Shopify, Amazon,
//!   shipdesk's own export, and saved ones) with their rules per destination country (the
//!   account, service and box a file leaves empty), rows grouped into orders with each problem
//!   at its row and column, and the ship form's rules ([`queue::check_typed`]) that the form
//!   uses too.
//!   The queue's table is in [`store`]; the engine imports into it, previews a batch's fees
//!   for one confirmation, and buys from it through the same write-ahead ship path as the form.
//! - [`catalogue`]: the product catalogue (SKU → customs declaration, unit weight, bin), the
//!   pure parts: an entry checked with the form's item rules, an item completed from it (an
//!   import takes the declaration, a typed item only fills its blanks), and reading one from a
//!   file. The table is in [`store`]; the engine declares imported items from it.
//! - [`store`]: one SQLite file: migrations, shipments and their audit trail (each naming the
//!   operator at the desk), labels, accounts (settings only), each account's services list,
//!   presets, the product catalogue, History's search (trigram full text), export and picture
//!   of the days, and the end of the day's manifests (a close is one transaction).
//! - [`documents`]: the desk's paper other than labels (the end-of-day handover list as A4 PDF
//!   and CSV, the packing slip of each shipment on the label stock or A4, the pick list of a
//!   batch, the sheet of command barcodes), and the PDF primitives they share with the
//!   sandbox's labels (builtin-font text cut to width, Chinese runs in the bundled font,
//!   Code 128 fitted to printer dots). The engine's `documents` writes or prints them.
//! - [`labels`]: label bytes: sniffed (PDF, PNG), stored, found on their page, rasterised for the
//!   preview; the label stocks.
//! - [`print`](mod@print): IPP printing (CUPS queues and network printers), laying labels out on the stock
//!   at 100%, raster for printers that want dots, printer profiles, and the desk's printer per
//!   kind of paper (label, A4) with where packing slips go.
//! - [`desk`]: the desk's hardware. `desk::scale`: USB HID postal scales (`/dev/hidrawN`, found
//!   through sysfs) and serial NCI / MT-SICS scales, parsed without I/O, read on a thread of
//!   their own; the one-box rule (a reading goes into one parcel only) and `scale.json`. The
//!   engine runs the reader and sends each change as [`engine::Event::Scale`].
//!   `desk::commands`: the command barcodes a packer scans instead of pressing keys (what each
//!   code says; the window's `ui::command_barcodes` takes them out of its input before any
//!   field sees them).
//! - [`secrets`]: the OS keychain; nothing secret is kept anywhere else.
//! - [`sandbox`]: loopback servers speaking all four dialects (one folder a forwarder, the same
//!   shape each) for the built-in accounts, demos and tests; ECCANG's also serves its WSDL.
//! - [`ui`]: the egui window: Ship (the form), Queue (待发货: scan to ship, import, batches),
//!   History, Accounts. Views draw and send commands through one
//!   `ui::command::CommandSender`; `ui::app` applies them, reads the engine's events (in
//!   eframe's `logic`, so a hidden window keeps up) and paces keystrokes so a scanner's burst
//!   never spills over a field boundary. History and the Queue scroll through huge tables by
//!   asking the engine for ids and reading only the rows on screen from a read-only connection.
//!   The ship form's service field lists the account's kept services
//!   (`ui::ship::service_picker`) and completes an item from the catalogue by its SKU
//!   (`ui::ship::catalogue_fill`); History's detail asks the forwarder, re-weighs and
//!   intercepts (`ui::history::forwarder_panel`). Scanned command barcodes are taken out of the
//!   input before any field sees them (`ui::command_barcodes`), and the packer at the desk is
//!   named under Accounts (`ui::operator`).
//! - [`cli`] and [`bench`](mod@bench): the command line (everything the window does, scriptable) and the
//!   benchmarks that print figures; `terminal` holds the line printer both use, and
//!   `settings_file` the desk's JSON settings files (printers, scale, window) every room reads.
//!
//! # How data flows
//!
//! ```text
//! ui --Command--> engine --write ahead--> store (SQLite)
//!                   |--request--> forwarder or sandbox --answer--> lifecycle::outcome --> store
//!                   |--label bytes--> labels --> store, print
//!                   '--Event (answers, the poller's news, auto-prints)--> ui
//! desk scale --reader thread--> engine --Event::Scale--> ui (F2 / auto-fill into a parcel)
//! cli --Engine::call(request)--> the same requests, waited for
//! ```
//!
//! A shipment is in SQLite with its exact request before the request leaves; a lost answer is
//! `unknown` and is reconciled, never sent again under a new reference; every change of state
//! is recorded only from a state its [`model::Transition`] allows. See `ARCHITECTURE.md` in the
//! shared folder for the invariants.

pub mod bench;
pub mod carriers;
pub mod catalogue;
pub mod cli;
pub mod desk;
pub mod documents;
pub mod engine;
pub mod fonts;
pub mod labels;
pub mod model;
pub mod print;
pub mod queue;
pub mod sandbox;
pub mod secrets;
mod settings_file;
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
