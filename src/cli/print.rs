use std::process::ExitCode;

use clap::Args;

use crate::engine::Engine;

/// `shipdesk print REF... --printer URI`.
#[derive(Debug, Args)]
pub struct PrintArgs {
    /// References of the shipments whose stored labels to print.
    #[arg(required = true)]
    references: Vec<String>,
    /// Printer or CUPS queue address, e.g. ipp://localhost:631/printers/LABEL.
    #[arg(long)]
    printer: String,
    /// IPP media keyword of the label stock.
    #[arg(long, default_value = crate::print::MEDIA_4X6)]
    media: String,
}

/// Prints and says, per shipment, whether the job completed; exit 1 if any did not.
pub fn run(engine: &Engine, args: &PrintArgs) -> ExitCode {
    let reports = engine.block_on(engine.print(
        args.references.clone(),
        args.printer.clone(),
        args.media.clone(),
    ));
    let mut failed = false;
    for report in reports {
        match report.result {
            Ok((job, count)) => outln!(
                "{}: printed (job {job}, printed {count} time(s))",
                report.reference
            ),
            Err(problem) => {
                failed = true;
                eprintln!("shipdesk: {}: {problem}", report.reference);
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `shipdesk printers`: the CUPS queues (server from CUPS_SERVER when it is host:port).
pub fn printers() -> ExitCode {
    let server = std::env::var("CUPS_SERVER")
        .ok()
        .filter(|s| s.contains(':') && !s.starts_with('/'))
        .unwrap_or_else(|| "localhost:631".to_owned());
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("shipdesk: {error}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(crate::print::cups_queues(&server)) {
        Ok(queues) if queues.is_empty() => {
            outln!(
                "The CUPS server at {server} has no print queues. A printer can also be given by address: --printer ipp://HOST:PORT/ipp/print"
            );
            ExitCode::SUCCESS
        }
        Ok(queues) => {
            outln!("{:<20} {:<12} URI", "QUEUE", "STATE");
            for queue in queues {
                outln!("{:<20} {:<12} {}", queue.name, queue.state, queue.uri);
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!(
                "shipdesk: no CUPS server at {server}: {error}. Give a printer by address with --printer ipp://HOST:PORT/PATH."
            );
            ExitCode::from(1)
        }
    }
}
