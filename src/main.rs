//! `shipdesk`: the window by default, subcommands for scripting.

use std::process::ExitCode;

use clap::Parser as _;
use shipdesk::cli::{self, Cli};

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let cli = Cli::parse();
    let data_dir = cli::data_dir(&cli);
    init_logging(&data_dir);
    match &cli.command {
        Some(command) => cli::run(&cli, command, started),
        None => shipdesk::ui::run(data_dir),
    }
}

/// Logs go to `shipdesk.log` in the data folder (never to the terminal, which scripts parse).
/// Secrets never reach a log: requests are logged by reference and account name only.
fn init_logging(data_dir: &std::path::Path) {
    if std::fs::create_dir_all(data_dir).is_err() {
        return;
    }
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data_dir.join("shipdesk.log"))
    else {
        return;
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("SHIPDESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .init();
}
