//! `shipdesk slip REF... [--pdf F] [--a4]`: the packing slips of stored shipments, written to a
//! PDF file or printed (on the label printer's stock, or with `--a4` on the A4 printer).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::documents::packing_slip::SlipPaper;
use crate::engine::{Engine, PrintSlips, WriteSlips};
use crate::terminal::outln;

/// `shipdesk slip`.
#[derive(Debug, Args)]
pub struct SlipArgs {
    /// References of the shipments (their slips in this order, in one file or job).
    #[arg(required = true)]
    references: Vec<String>,
    /// Write the slips to this PDF file instead of printing them.
    #[arg(long)]
    pdf: Option<PathBuf>,
    /// On A4, several slips a page (printed on the desk's A4 printer); default: the label
    /// stock, one slip a page.
    #[arg(long)]
    a4: bool,
}

/// Exit 0 when written or printed, 1 when not (said why, in both languages).
pub fn run(engine: &Engine, args: &SlipArgs) -> ExitCode {
    let references = args.references.clone();
    let result = match &args.pdf {
        Some(path) => {
            let paper = if args.a4 {
                SlipPaper::A4
            } else {
                // The label printer's stock when one is set, else 4x6.
                SlipPaper::Label(
                    engine
                        .printers()
                        .desk_profile()
                        .map(|p| p.stock)
                        .unwrap_or_default(),
                )
            };
            engine
                .call(WriteSlips {
                    references,
                    path: path.clone(),
                    paper,
                })
                .map(|path| path.display().to_string())
        }
        None => engine
            .call(PrintSlips {
                references,
                a4: args.a4,
            })
            .map(|printed| {
                format!(
                    "{}: {} page(s), job {} on {} completed",
                    printed.document.en, printed.pages, printed.job_id, printed.printer
                )
            }),
    };
    match result {
        Ok(said) => {
            outln!("{said}");
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("shipdesk: {problem}");
            ExitCode::from(1)
        }
    }
}
