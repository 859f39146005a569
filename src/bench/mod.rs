//! Benchmarks that print figures: `shipdesk bench store --rows 1000000`, `shipdesk bench queue`.
//! Build with `--release`; debug builds are several times slower.

mod label;
mod queue;
mod queue_window;
#[cfg(target_os = "linux")]
mod scale;
mod store;
mod ui;
mod window;
mod xlsx;

use std::process::ExitCode;

use clap::Subcommand;

/// `shipdesk bench ...`
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Fill a scratch database with synthetic shipments and time History's queries.
    Store {
        /// How many shipments.
        #[arg(long, default_value_t = 1_000_000)]
        rows: u64,
        /// Folder for the scratch database (default: a new temporary folder, removed afterwards).
        #[arg(long)]
        dir: Option<std::path::PathBuf>,
    },
    /// Draw a 4x6 label at 203 dpi in the app and with pdftoppm, and compare.
    Label {
        /// Timings each.
        #[arg(long, default_value_t = 50)]
        runs: usize,
    },
    /// Time a USB scale's stable report to the weight drawn in the real window (Linux).
    Scale,
    /// Import a 10,000-row order file, and buy a batch of 1,000 against the sandbox answering
    /// each create after 100 ms.
    Queue {
        /// Rows in the order file imported.
        #[arg(long, default_value_t = 10_000)]
        rows: usize,
        /// Orders in the batch.
        #[arg(long, default_value_t = 1_000)]
        orders: usize,
        /// Orders on the wire at once.
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
        /// How long the sandbox takes to answer each create, in milliseconds.
        #[arg(long, default_value_t = 100)]
        delay_ms: u64,
    },
    /// Open the real window with 10,000 queued orders and time its frames while a batch of
    /// 1,000 buys against the built-in sandbox answering each create after 100 ms.
    QueueUi {
        /// Orders in the queue.
        #[arg(long, default_value_t = 10_000)]
        queued: usize,
        /// Orders in the batch.
        #[arg(long, default_value_t = 1_000)]
        batch: usize,
        /// How long the sandbox takes to answer each create, in milliseconds.
        #[arg(long, default_value_t = 100)]
        delay_ms: u64,
    },
    /// Open the real window over a history of synthetic shipments and time its frames.
    Ui {
        /// How many shipments in History.
        #[arg(long, default_value_t = 1_000_000)]
        rows: u64,
    },
}

/// Runs a benchmark and prints its figures.
pub fn run(command: &BenchCommand, started: std::time::Instant) -> ExitCode {
    match command {
        BenchCommand::Store { rows, dir } => store::run(*rows, dir.as_deref()),
        BenchCommand::Ui { rows } => ui::run(*rows, started),
        BenchCommand::QueueUi {
            queued,
            batch,
            delay_ms,
        } => queue_window::run(*queued, *batch, *delay_ms),
        BenchCommand::Label { runs } => label::run(*runs),
        #[cfg(target_os = "linux")]
        BenchCommand::Scale => scale::run(),
        #[cfg(not(target_os = "linux"))]
        BenchCommand::Scale => {
            eprintln!("bench scale: USB scales are read on Linux only for now");
            ExitCode::from(2)
        }
        BenchCommand::Queue {
            rows,
            orders,
            concurrency,
            delay_ms,
        } => queue::run(*rows, *orders, *concurrency, *delay_ms),
    }
}

/// Seed 000's order, the shipment every benchmark's orders are made from.
fn seed_order() -> Result<crate::model::Shipment, String> {
    crate::model::parse_order(include_str!("../../assets/examples/order-seed000.json"))
        .map_err(|e| e.to_string())
}

/// Percentile of sorted durations in milliseconds.
fn percentile(sorted_ms: &[f64], p: f64) -> f64 {
    if sorted_ms.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted_ms.len() - 1) as f64).round() as usize;
    sorted_ms[rank.min(sorted_ms.len() - 1)]
}
