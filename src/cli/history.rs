use std::process::ExitCode;

use clap::Args;

use crate::engine::{Engine, ExportCsv};
use crate::model::ShipmentState;
use crate::store::HistoryQuery;
use crate::terminal::outln;

/// `shipdesk history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Tracking number, reference, phone (exact) or the start of a recipient's name.
    #[arg(long, default_value = "")]
    search: String,
    /// Only this account.
    #[arg(long)]
    account: Option<String>,
    /// Only what this operator bought (any case).
    #[arg(long)]
    operator: Option<String>,
    /// Only this state (created, failed, unknown, ...).
    #[arg(long)]
    state: Option<String>,
    /// How many rows at most.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Print JSON (every field, the order as typed) instead of a table.
    #[arg(long)]
    json: bool,
    /// Write every matching shipment (not just --limit) to this CSV file instead.
    #[arg(long, value_name = "FILE")]
    csv: Option<std::path::PathBuf>,
}

pub fn run(engine: &Engine, args: &HistoryArgs) -> ExitCode {
    let state = match args.state.as_deref().map(|s| (s, ShipmentState::parse(s))) {
        Some((name, None)) => {
            let known: Vec<_> = ShipmentState::ALL.iter().map(|s| s.as_str()).collect();
            eprintln!(
                "shipdesk: unknown state {name:?}; known: {}",
                known.join(", ")
            );
            return ExitCode::from(2);
        }
        Some((_, state)) => state,
        None => None,
    };
    let query = HistoryQuery {
        text: args.search.clone(),
        account: args.account.clone(),
        operator: args.operator.clone(),
        state,
        limit: args.limit.max(1),
        ..HistoryQuery::default()
    };
    if let Some(path) = &args.csv {
        return match engine.call(ExportCsv {
            query,
            path: path.clone(),
        }) {
            Ok((path, rows)) => {
                outln!("Wrote {rows} shipment(s) to {}", path.display());
                ExitCode::SUCCESS
            }
            Err(problem) => {
                eprintln!("shipdesk: {problem}");
                ExitCode::from(1)
            }
        };
    }
    let records = match engine.with_store(|s| {
        let mut records = s.search(&query)?;
        for record in &mut records {
            record.label = s.latest_label(record.id)?;
        }
        Ok::<_, crate::store::StoreError>(records)
    }) {
        Ok(records) => records,
        Err(error) => {
            eprintln!("shipdesk: {}", error.what_to_do());
            return ExitCode::from(super::STORAGE_FAILED);
        }
    };
    if args.json {
        match serde_json::to_string_pretty(&records) {
            Ok(text) => outln!("{text}"),
            Err(error) => {
                eprintln!("shipdesk: {error}");
                return ExitCode::from(1);
            }
        }
        return ExitCode::SUCCESS;
    }
    outln!(
        "{:<17} {:<24} {:<34} {:<16} {:<12} {:<12} {:<20} {:>8}",
        "CREATED",
        "REFERENCE",
        "STATE",
        "TRACKING",
        "ACCOUNT",
        "OPERATOR",
        "RECIPIENT",
        "KG"
    );
    for r in &records {
        let created = crate::store::format_local_time(r.created_at, "%Y-%m-%d %H:%M");
        outln!(
            "{:<17} {:<24} {:<34} {:<16} {:<12} {:<12} {:<20} {:>8}",
            created,
            r.reference,
            r.state.label().en,
            r.tracking_number.as_deref().unwrap_or("-"),
            r.account,
            if r.operator.is_empty() {
                "-"
            } else {
                &r.operator
            },
            r.recipient_name,
            r.weight_kg
        );
    }
    if records.is_empty() {
        outln!("(no shipments match)");
    }
    ExitCode::SUCCESS
}
