//! The command line: the GUI by default; subcommands for scripting and batch use.

mod accounts;
mod catalogue;
mod close;
mod history;
mod order_calls;
mod paper;
mod print;
mod queue;
mod reconcile;
mod scale;
mod ship;
mod slip;
mod track;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::engine::{Engine, EngineConfig};
use crate::secrets::Keychain;
use crate::terminal::outln;

/// Exit code when the data folder or history cannot be used (disk full, read-only, damaged or
/// empty file); 2 stays for a bad order file or arguments.
pub const STORAGE_FAILED: u8 = 4;

/// shipdesk: enter an order, buy the label, print it, find it again.
#[derive(Debug, Parser)]
#[command(name = "shipdesk", version = crate::VERSION, about)]
pub struct Cli {
    /// Folder for the database, labels and log (default: the platform's data folder).
    #[arg(long, env = "SHIPDESK_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// Who is at the desk: recorded with every shipment bought and every audit event, shown
    /// in `shipdesk history`. Given before the command (`shipdesk --operator Li queue buy
    /// --all`), so that `history --operator NAME` can filter by who bought.
    #[arg(long, env = "SHIPDESK_OPERATOR")]
    pub operator: Option<String>,

    /// What to do; with none, the window opens.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Forwarder accounts (secrets go to the OS keychain).
    #[command(subcommand)]
    Accounts(accounts::AccountsCommand),
    /// Ship an order from a JSON file (format: README.md) and print the tracking number and label path.
    Ship {
        /// The order file.
        order: PathBuf,
        /// Account to ship with (`shipdesk accounts list`).
        #[arg(long)]
        account: String,
        /// Buy at the fee the forwarder previews (logssc shows the fee first; without this flag
        /// it is printed and nothing is bought, exit 3).
        #[arg(long)]
        accept_fee: bool,
        /// How long to wait for a number or label that comes later (asynchronous forwarders).
        #[arg(long, default_value_t = 120)]
        wait_secs: u64,
    },
    /// Import orders into the queue from a CSV, TSV or Excel file, with a report of every row.
    Import(queue::ImportArgs),
    /// The order queue: orders waiting to be bought.
    #[command(subcommand)]
    Queue(queue::QueueCommand),
    /// The product catalogue (商品库): what customs is told of each SKU, its weight and bin;
    /// imported orders take their items' declarations from it.
    #[command(subcommand)]
    Catalogue(catalogue::CatalogueCommand),
    /// The pick list (拣货单) of queued orders or shipments: every SKU once in shelf order with
    /// its total, then each order with its barcode; printed on the A4 printer, or `--pdf F`.
    Picklist(paper::PickListArgs),
    /// The sheet of command barcodes (Buy, Next, Reprint, Weigh, Cancel, one per box) a packer
    /// scans instead of pressing keys: printed on the A4 printer, or `--pdf F`.
    Barcodes(paper::BarcodesArgs),
    /// Ask the forwarder to refund an order that failed after it was placed, or was cancelled.
    Refund {
        /// The shipment's reference.
        reference: String,
    },
    /// List or search shipments.
    History(history::HistoryArgs),
    /// The forwarder's own view of a shipment (`--ask`: status, weights, fees, numbers).
    Order {
        /// The shipment's reference.
        reference: String,
        /// Ask the forwarder now (ECCANG's getOrder).
        #[arg(long)]
        ask: bool,
    },
    /// Tell the forwarder a bought parcel's corrected weight after re-weighing (ECCANG).
    Reweigh {
        /// The shipment's reference.
        reference: String,
        /// The new weight in kilograms.
        kg: String,
    },
    /// Ask the forwarder to stop (hold) a bought parcel once it can no longer be cancelled (ECCANG).
    Intercept {
        /// The shipment's reference.
        reference: String,
        /// Why it is stopped (sent to the forwarder).
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Settle shipments whose answer was lost, and fetch labels that did not arrive.
    Reconcile,
    /// Close an account's day: everything bought with a label since its last close goes into a
    /// manifest, the handover list the courier signs (PDF, CSV); exit 1 if something needs a
    /// person first (listed, nothing closed) unless `--anyway --note`.
    Close(close::CloseArgs),
    /// List every close (manifest), or reprint one with `--id N --pdf F [--csv F]`.
    Manifests(close::ManifestsArgs),
    /// Ask the forwarder where shipments are (scans newest first); exit 1 if any could not be asked.
    Track {
        /// References.
        #[arg(required = true)]
        references: Vec<String>,
        /// One JSON object a line.
        #[arg(long)]
        json: bool,
    },
    /// Packing slips of stored shipments: printed on the label stock (one a page), or with
    /// `--a4` on the A4 printer (several a page); `--pdf F` writes them instead.
    Slip(slip::SlipArgs),
    /// Print stored labels (never asks the forwarder again); exit 1 unless every job completed.
    Print(print::PrintArgs),
    /// List the CUPS print queues and this desk's printers; `--label`, `--a4` and `--slips` set
    /// them (as the window's Printers does).
    Printers(print::PrintersArgs),
    /// Print the desk scale's live readings (for setting a desk up); `--once` for one.
    Scale(scale::ScaleArgs),
    /// Run the built-in sandbox forwarder on its own (Western Post, ECCANG, ZYL and logssc).
    Sandbox {
        /// Loopback port to listen on.
        #[arg(long, default_value_t = 8700)]
        port: u16,
    },
    /// Benchmarks that print figures.
    #[command(subcommand)]
    Bench(crate::bench::BenchCommand),
}

/// The platform data folder, unless overridden.
pub fn data_dir(cli: &Cli) -> PathBuf {
    cli.data_dir.clone().unwrap_or_else(|| {
        directories::ProjectDirs::from("com", "shipdesk", "shipdesk")
            .map(|dirs| dirs.data_dir().to_owned())
            .unwrap_or_else(|| PathBuf::from("shipdesk-data"))
    })
}

/// Runs a subcommand (the caller opens the GUI when there is none).
/// `started` is when the process began (the UI benchmark measures from it).
pub fn run(cli: &Cli, command: &CliCommand, started: std::time::Instant) -> ExitCode {
    match command {
        CliCommand::Sandbox { port } => return run_sandbox(*port),
        CliCommand::Bench(bench) => return crate::bench::run(bench, started),
        CliCommand::Printers(args) => return print::printers(&data_dir(cli), args),
        CliCommand::Scale(args) => return scale::run(&data_dir(cli), args),
        _ => {}
    }
    let engine = match Engine::start(
        EngineConfig {
            data_dir: data_dir(cli),
        },
        Keychain::os(),
    ) {
        Ok(engine) => engine,
        Err(error) => return could_not_start(&error),
    };
    if let Some(operator) = &cli.operator
        && let Err(error) = engine.set_operator(operator)
    {
        eprintln!("shipdesk: {}", error.what_to_do());
        return ExitCode::from(STORAGE_FAILED);
    }
    let code = match command {
        CliCommand::Accounts(accounts) => accounts::run(&engine, accounts),
        CliCommand::Ship {
            order,
            account,
            accept_fee,
            wait_secs,
        } => ship::run(&engine, order, account, *accept_fee, *wait_secs),
        CliCommand::Refund { reference } => ship::refund(&engine, reference),
        CliCommand::Import(args) => queue::import(&engine, args),
        CliCommand::Queue(command) => queue::run(&engine, command),
        CliCommand::Catalogue(command) => catalogue::run(&engine, command),
        CliCommand::Picklist(args) => paper::pick_list(&engine, args),
        CliCommand::Barcodes(args) => paper::barcodes(&engine, args),
        CliCommand::History(args) => history::run(&engine, args),
        CliCommand::Order { reference, ask } => {
            if *ask {
                order_calls::ask_order(&engine, reference)
            } else {
                eprintln!(
                    "shipdesk: `shipdesk order REF --ask` asks the forwarder; `shipdesk history` shows what is recorded"
                );
                ExitCode::from(2)
            }
        }
        CliCommand::Reweigh { reference, kg } => order_calls::reweigh(&engine, reference, kg),
        CliCommand::Intercept { reference, reason } => {
            order_calls::intercept(&engine, reference, reason)
        }
        CliCommand::Reconcile => reconcile::run(&engine),
        CliCommand::Close(args) => close::close(&engine, args),
        CliCommand::Manifests(args) => close::manifests(&engine, args),
        CliCommand::Track { references, json } => track::run(&engine, references, *json),
        CliCommand::Print(args) => print::run(&engine, args),
        CliCommand::Slip(args) => slip::run(&engine, args),
        CliCommand::Printers(_) | CliCommand::Scale(_) => ExitCode::SUCCESS,
        CliCommand::Sandbox { .. } | CliCommand::Bench(_) => ExitCode::SUCCESS,
    };
    if !matches!(command, CliCommand::Reconcile) {
        list_unsettled(&engine);
    }
    code
}

/// The engine could not start: storage trouble has its own exit code and a sentence saying what
/// to do; anything else is a failure to run at all.
pub fn could_not_start(error: &crate::engine::StartError) -> ExitCode {
    use crate::engine::StartError;
    match error {
        StartError::Store(store) => {
            eprintln!("shipdesk: {}", store.what_to_do());
            ExitCode::from(STORAGE_FAILED)
        }
        StartError::DataDir { .. } => {
            eprintln!(
                "shipdesk: {error}: choose a folder shipdesk can write (--data-dir) or fix its permissions / 无法创建数据文件夹：请换一个可写的文件夹（--data-dir）或修改权限"
            );
            ExitCode::from(STORAGE_FAILED)
        }
        StartError::Runtime(_) => {
            eprintln!("shipdesk: {error}");
            ExitCode::from(1)
        }
    }
}

/// Start-up duty: shipments whose outcome is unknown are listed until reconciled.
fn list_unsettled(engine: &Engine) {
    let unsettled = engine.with_store(|s| s.unsettled()).unwrap_or_default();
    if unsettled.is_empty() {
        return;
    }
    eprintln!(
        "\n{} shipment(s) may or may not have been bought; run `shipdesk reconcile` to find out:",
        unsettled.len()
    );
    for record in unsettled {
        eprintln!(
            "  {}  ({}, {})",
            record.reference,
            record.account,
            record.state.label()
        );
    }
}

fn run_sandbox(port: u16) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("shipdesk sandbox: cannot start: {error}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(async {
        match crate::sandbox::Sandbox::start(port).await {
            Ok(sandbox) => {
                outln!("shipdesk sandbox listening on {}", sandbox.base_url());
                outln!(
                    "Western Post: openKeyId={} secretKey={}",
                    crate::sandbox::DEMO_OPEN_KEY_ID,
                    crate::sandbox::DEMO_SECRET_KEY
                );
                outln!(
                    "ECCANG: appToken={} appKey={} (SOAP at {}{})",
                    crate::sandbox::DEMO_ECCANG_APP_TOKEN,
                    crate::sandbox::DEMO_ECCANG_APP_KEY,
                    sandbox.base_url(),
                    crate::carriers::eccang::ENDPOINT_PATH
                );
                outln!(
                    "ZYL: ile_id={} sign={} (userId {})",
                    crate::sandbox::DEMO_ZYL_ILE_ID,
                    crate::sandbox::DEMO_ZYL_SIGN,
                    crate::sandbox::DEMO_ZYL_USER_ID
                );
                outln!(
                    "logssc: app_id={} app_secret={}",
                    crate::sandbox::DEMO_LOGSSC_APP_ID,
                    crate::sandbox::DEMO_LOGSSC_APP_SECRET
                );
                outln!("Stop with Ctrl+C.");
                tokio::signal::ctrl_c().await.ok();
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("shipdesk sandbox: cannot listen on 127.0.0.1:{port}: {error}");
                ExitCode::from(2)
            }
        }
    })
}
