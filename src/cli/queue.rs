//! `shipdesk import FILE` and `shipdesk queue …`: the order queue from the command line, with
//! the same report the window shows (each order, its rows, each problem at its row and column).

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use crate::engine::{Engine, ImportOrders, ImportReport, ListQueue};
use crate::queue::OnDuplicate;
use crate::store::{QueueFilter, QueueWrite};
use crate::terminal::outln;

/// `shipdesk import` arguments.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The order file: CSV or TSV (UTF-8, GBK/GB18030, UTF-16) or an Excel workbook.
    pub file: std::path::PathBuf,
    /// Import profile (shopify, amazon-unshipped, shipdesk, or a saved one); default: the one
    /// the file's columns match.
    #[arg(long)]
    pub profile: Option<String>,
    /// Check and report only; nothing is queued.
    #[arg(long)]
    pub dry_run: bool,
    /// A reference already queued or shipped: skip it, update the queued one, or queue it
    /// under a new reference.
    #[arg(long, default_value = "skip", value_parser = ["skip", "update", "new"])]
    pub on_duplicate: String,
    /// Account for orders whose file names none.
    #[arg(long)]
    pub account: Option<String>,
    /// Sender profile for orders whose file has no sender (default: the desk's first).
    #[arg(long)]
    pub sender: Option<String>,
    /// A value for a field the file lacks, e.g. `--set parcel.length=30` (repeatable; a
    /// non-empty cell still wins). `--set help=` lists the fields.
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub constants: Vec<String>,
    /// Keep the profile used, with the --set values, under this name (`--profile NAME` next time).
    #[arg(long)]
    pub save_profile: Option<String>,
}

/// `shipdesk queue` subcommands.
#[derive(Debug, Subcommand)]
pub enum QueueCommand {
    /// List the orders waiting to be bought (with --all, bought ones too).
    List {
        /// Bought orders too.
        #[arg(long)]
        all: bool,
    },
}

/// `shipdesk import`: exit 0 when every order is queued ready to buy, 1 when some have
/// problems or were skipped as duplicates, 2 when the file could not be read at all.
pub fn import(engine: &Engine, args: &ImportArgs) -> ExitCode {
    let mut constants = std::collections::BTreeMap::new();
    for pair in &args.constants {
        let Some((field, value)) = pair.split_once('=') else {
            eprintln!(
                "shipdesk: --set takes FIELD=VALUE, e.g. --set parcel.length=30 (got \"{pair}\")"
            );
            return ExitCode::from(2);
        };
        constants.insert(field.trim().to_owned(), value.to_owned());
    }
    let request = ImportOrders {
        path: args.file.clone(),
        profile: args.profile.clone(),
        on_duplicate: OnDuplicate::parse(&args.on_duplicate).unwrap_or_default(),
        account: args.account.clone(),
        sender: args.sender.clone(),
        dry_run: args.dry_run,
        constants,
        save_profile_as: args.save_profile.clone(),
    };
    match engine.call(request) {
        Ok(report) => {
            print_report(&report);
            if report.with_problems() == 0 && report.skipped() == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(problem) => {
            eprintln!(
                "shipdesk: {} was not imported; nothing was queued: {problem}",
                display(&args.file)
            );
            ExitCode::from(2)
        }
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Each order on a line (its rows, reference, what happened), its problems under it, and the
/// counts at the end.
fn print_report(report: &ImportReport) {
    outln!(
        "{}: {}, profile {}",
        display(&report.file),
        report.format,
        report.profile
    );
    for order in &report.orders {
        let rows = crate::engine::rows_text(&order.lines);
        let what = match &order.write {
            QueueWrite::Queued(_) => "queued".to_owned(),
            QueueWrite::Updated(_) => "updated the queued order".to_owned(),
            QueueWrite::Renamed { from, to } => {
                format!("{from} was taken: queued as {to}")
            }
            QueueWrite::Skipped { why, .. } => format!("skipped: {why}"),
        };
        let state = match (order.is_queued(), order.problems.len()) {
            (false, _) => String::new(),
            (true, 0) => ", ready".to_owned(),
            (true, 1) => ", 1 problem / 1 个问题:".to_owned(),
            (true, n) => format!(", {n} problems / {n} 个问题:"),
        };
        outln!("{rows:<12} {:<24} {what}{state}", order.reference());
        if order.is_queued() {
            for problem in &order.problems {
                outln!("    {problem}");
            }
        }
    }
    let note = if report.dry_run {
        " (dry run: nothing was queued / 试运行：未加入队列)"
    } else {
        ""
    };
    outln!(
        "{} orders: {} ready, {} with problems, {} skipped{note}",
        report.orders.len(),
        report.ready(),
        report.with_problems(),
        report.skipped()
    );
}

/// `shipdesk queue …`.
pub fn run(engine: &Engine, command: &QueueCommand) -> ExitCode {
    match command {
        QueueCommand::List { all } => list(engine, *all),
    }
}

fn list(engine: &Engine, all: bool) -> ExitCode {
    let filter = if all {
        QueueFilter::All
    } else {
        QueueFilter::Waiting
    };
    let listing = match engine.call(ListQueue(filter)) {
        Ok(listing) => listing,
        Err(error) => {
            eprintln!("shipdesk: {}", error.what_to_do());
            return ExitCode::from(crate::cli::STORAGE_FAILED);
        }
    };
    if listing.rows.is_empty() {
        outln!("The queue is empty. / 队列为空。");
        return ExitCode::SUCCESS;
    }
    outln!(
        "{:<24} {:<14} {:<16} {:<12} {:>3} {:>8}  recipient",
        "reference",
        "state",
        "account",
        "service",
        "pcs",
        "kg"
    );
    for row in &listing.rows {
        let state = match row.shipment {
            Some((_, state)) if row.is_bought() => state.label().en,
            Some(_) => "failed, retry".to_owned(),
            None if row.issue_count == 0 => "ready".to_owned(),
            None => format!("{} problems", row.issue_count),
        };
        outln!(
            "{:<24} {:<14} {:<16} {:<12} {:>3} {:>8}  {} ({})",
            row.reference,
            state,
            row.account,
            row.service_code,
            row.parcels,
            row.weight_kg,
            row.recipient_name,
            row.recipient_country
        );
    }
    let ready = listing.rows.iter().filter(|r| r.is_ready()).count();
    outln!("{} orders, {ready} ready to buy", listing.rows.len());
    ExitCode::SUCCESS
}
