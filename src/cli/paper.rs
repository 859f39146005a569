//! The desk's A4 paper from the command line: `shipdesk picklist` (the pick list of queued
//! orders or shipments) and `shipdesk barcodes` (the sheet of command barcodes), each printed
//! on the A4 printer or written to a PDF.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::engine::{CommandSheet, DocumentPrinted, Engine, ListQueue, PickList};
use crate::model::Text;
use crate::store::QueueFilter;
use crate::terminal::outln;

/// `shipdesk picklist` arguments.
#[derive(Debug, Args)]
pub struct PickListArgs {
    /// References of queued orders or shipments, in packing order.
    #[arg(required_unless_present = "queued")]
    references: Vec<String>,
    /// Every order waiting in the queue, in queue order.
    #[arg(long, conflicts_with = "references")]
    queued: bool,
    /// Write it to this PDF file instead of printing it on the A4 printer.
    #[arg(long)]
    pdf: Option<PathBuf>,
}

/// `shipdesk barcodes` arguments.
#[derive(Debug, Args)]
pub struct BarcodesArgs {
    /// Write the sheet to this PDF file instead of printing it on the A4 printer.
    #[arg(long)]
    pdf: Option<PathBuf>,
}

/// `shipdesk picklist`: exit 0 when printed or written, 1 when not (said why).
pub fn pick_list(engine: &Engine, args: &PickListArgs) -> ExitCode {
    let references = if args.queued {
        match engine.call(ListQueue(QueueFilter::Waiting)) {
            Ok(listing) => listing.rows.into_iter().map(|r| r.reference).collect(),
            Err(error) => {
                eprintln!("shipdesk: {}", error.what_to_do());
                return ExitCode::from(1);
            }
        }
    } else {
        args.references.clone()
    };
    let made = engine.call(PickList {
        references,
        path: args.pdf.clone(),
    });
    said(made, args.pdf.as_ref())
}

/// `shipdesk barcodes`: exit 0 when printed or written, 1 when not (said why).
pub fn barcodes(engine: &Engine, args: &BarcodesArgs) -> ExitCode {
    let made = engine.call(CommandSheet {
        path: args.pdf.clone(),
    });
    said(made, args.pdf.as_ref())
}

/// The job or the file, or why not.
fn said(made: Result<Option<DocumentPrinted>, Text>, path: Option<&PathBuf>) -> ExitCode {
    match made {
        Ok(Some(printed)) => {
            outln!(
                "{}: {} page(s), job {} on {} completed / {}：{} 页，任务 {} 已在 {} 完成",
                printed.document.en,
                printed.pages,
                printed.job_id,
                printed.printer,
                printed.document.zh,
                printed.pages,
                printed.job_id,
                printed.printer
            );
            ExitCode::SUCCESS
        }
        Ok(None) => {
            if let Some(path) = path {
                outln!("{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("shipdesk: {problem}");
            ExitCode::from(1)
        }
    }
}
