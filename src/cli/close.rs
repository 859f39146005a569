//! `shipdesk close` (end of day for one account: the handover list as PDF and CSV) and
//! `shipdesk manifests` (every close, and a reprint of one).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::engine::{
    CloseDay, CloseOutcome, Engine, ListManifests, PrintManifest, WriteManifest,
    why_it_needs_a_person,
};
use crate::model::Text;
use crate::store::{Manifest, ShipmentRecord, format_local_time};
use crate::terminal::outln;

/// `shipdesk close`.
#[derive(Debug, Args)]
pub struct CloseArgs {
    /// The account whose day is closed.
    #[arg(long)]
    pub account: String,
    /// Write the handover list (A4) here.
    #[arg(long)]
    pub pdf: Option<PathBuf>,
    /// Write the same rows as CSV here.
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// Close even though some shipments need a person (they stay for the next close); needs
    /// `--note` saying why.
    #[arg(long)]
    pub anyway: bool,
    /// A note kept with the manifest and printed on it (the driver's name, why closed anyway).
    #[arg(long, default_value = "")]
    pub note: String,
    /// Print the handover list on the desk's A4 printer (checked before anything is closed).
    #[arg(long)]
    pub print: bool,
}

/// `shipdesk manifests`.
#[derive(Debug, Args)]
pub struct ManifestsArgs {
    /// Only this account's.
    #[arg(long)]
    pub account: Option<String>,
    /// Reprint this manifest (its number in the list) to `--pdf` / `--csv`.
    #[arg(long)]
    pub id: Option<i64>,
    /// Where the reprinted handover list goes.
    #[arg(long)]
    pub pdf: Option<PathBuf>,
    /// Where the reprinted CSV goes.
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// Print it again on the desk's A4 printer.
    #[arg(long)]
    pub print: bool,
}

/// Exit 0 when closed (or nothing was there to close), 1 when something needs a person first
/// (listed; nothing closed) or a file could not be written.
pub fn close(engine: &Engine, args: &CloseArgs) -> ExitCode {
    // A handover list with nowhere to print is said before the day is closed.
    if args.print && engine.printers().a4_printer().is_none() {
        eprintln!("shipdesk: {}", nowhere_to_print());
        return ExitCode::from(2);
    }
    let request = if args.anyway {
        CloseDay::of(&args.account).anyway(&args.note)
    } else {
        CloseDay {
            note: args.note.clone(),
            ..CloseDay::of(&args.account)
        }
    };
    match engine.call(request) {
        Ok(CloseOutcome::NeedsAPerson {
            waiting,
            note_needed,
        }) => {
            list_waiting(&waiting);
            if note_needed {
                outln!(
                    "{}",
                    Text::new(
                        "Not closed: say why it is closed anyway with --note.",
                        "未关闭：强制关闭请用 --note 说明原因。",
                    )
                );
            } else {
                outln!(
                    "{}",
                    Text::new(
                        "Not closed: see to these first, or close anyway with --anyway --note \"why\" (they stay for the next close).",
                        "未关闭：请先处理以上订单，或用 --anyway --note \"原因\" 强制关闭（它们留到下次交接）。",
                    )
                );
            }
            ExitCode::from(1)
        }
        Ok(CloseOutcome::NothingToClose { waiting }) => {
            list_waiting(&waiting);
            outln!(
                "{}",
                Text::new(
                    format!(
                        "Nothing to close for {}: nothing was bought with a label since its last close.",
                        args.account
                    ),
                    format!("{} 无需交接：上次交接后没有已出面单的订单。", args.account),
                )
            );
            ExitCode::SUCCESS
        }
        Ok(CloseOutcome::Closed {
            manifest,
            left_open,
        }) => {
            outln!("{}", closed_line(&manifest));
            if !left_open.is_empty() {
                outln!(
                    "{}",
                    Text::new("Left for the next close:", "留到下次交接：")
                );
                list_waiting(&left_open);
            }
            let written = write(engine, manifest.id, args.pdf.clone(), args.csv.clone());
            if args.print {
                return print(engine, manifest.id);
            }
            written
        }
        Err(error) => {
            eprintln!("shipdesk: {error}");
            ExitCode::from(1)
        }
    }
}

/// Lists the manifests, or reprints one.
pub fn manifests(engine: &Engine, args: &ManifestsArgs) -> ExitCode {
    if let Some(id) = args.id {
        let written = write(engine, id, args.pdf.clone(), args.csv.clone());
        if args.print && written == ExitCode::SUCCESS {
            return print(engine, id);
        }
        return written;
    }
    match engine.call(ListManifests(args.account.clone())) {
        Ok(list) => {
            for m in list {
                outln!(
                    "{:>5}  {}  {}  {} shipments, closed {}{}",
                    m.id,
                    m.account,
                    m.name(),
                    m.shipments,
                    format_local_time(m.closed_at, "%Y-%m-%d %H:%M"),
                    if m.note.is_empty() {
                        String::new()
                    } else {
                        format!("  ({})", m.note)
                    }
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("shipdesk: {error}");
            ExitCode::from(1)
        }
    }
}

fn write(engine: &Engine, id: i64, pdf: Option<PathBuf>, csv: Option<PathBuf>) -> ExitCode {
    if pdf.is_none() && csv.is_none() {
        return ExitCode::SUCCESS;
    }
    match engine.call(WriteManifest { id, pdf, csv }) {
        Ok(files) => {
            for file in files {
                outln!("{}", file.display());
            }
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("shipdesk: {problem}");
            ExitCode::from(1)
        }
    }
}

fn nowhere_to_print() -> Text {
    Text::new(
        "Nowhere to print the handover list: set the A4 printer first (shipdesk printers --a4 NAME|URI, or Printers in the window). Nothing was closed or printed.",
        "交接单无处可打印：请先设置 A4 打印机（shipdesk printers --a4 队列名或地址，或在窗口的“打印机”中设置）。未关闭、未打印任何内容。",
    )
}

/// Prints manifest `id`'s handover list on the A4 printer; exit 1 if it did not print.
fn print(engine: &Engine, id: i64) -> ExitCode {
    match engine.call(PrintManifest(id)) {
        Ok(printed) => {
            outln!(
                "{}",
                Text::new(
                    format!(
                        "Printed the {}: {} page(s), job {} on {} completed.",
                        printed.document.en, printed.pages, printed.job_id, printed.printer
                    ),
                    format!(
                        "已打印{}：{} 页，任务 {}（{}）已完成。",
                        printed.document.zh, printed.pages, printed.job_id, printed.printer
                    ),
                )
            );
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("shipdesk: {problem}");
            ExitCode::from(1)
        }
    }
}

fn closed_line(m: &Manifest) -> Text {
    Text::new(
        format!(
            "Closed {}: manifest {} (id {}), {} shipments.",
            m.account,
            m.name(),
            m.id,
            m.shipments
        ),
        format!(
            "{} 已交接：批次 {}（编号 {}），共 {} 票。",
            m.account,
            m.name(),
            m.id,
            m.shipments
        ),
    )
}

fn list_waiting(waiting: &[ShipmentRecord]) {
    for record in waiting {
        let why = why_it_needs_a_person(record);
        outln!(
            "  {}  {}: {} / {}",
            record.reference,
            record.tracking_number.as_deref().unwrap_or("-"),
            why.en,
            why.zh
        );
    }
}
