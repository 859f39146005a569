use std::process::ExitCode;

use clap::Args;

use crate::engine::{Engine, Print};
use crate::labels::LabelStock;
use crate::print::SlipsWithLabels;
use crate::terminal::outln;

/// `shipdesk print REF... --printer NAME|URI`.
#[derive(Debug, Args)]
pub struct PrintArgs {
    /// References of the shipments whose stored labels to print (all in one job).
    #[arg(required = true)]
    references: Vec<String>,
    /// A CUPS queue name (see `shipdesk printers`) or a printer address such as
    /// ipp://HOST:631/ipp/print. Its saved profile (stock, offsets, PDF or raster) is used.
    /// Default: the desk printer set in the window.
    #[arg(long)]
    printer: Option<String>,
    /// The label stock loaded, instead of the profile's: 4x6, 10x15, 10x10 (or an IPP media keyword).
    #[arg(long, alias = "media")]
    stock: Option<String>,
}

/// Prints and says, per shipment, whether the job completed; exit 1 if any did not.
pub fn run(engine: &Engine, args: &PrintArgs) -> ExitCode {
    let printers = engine.printers();
    let mut profile = match &args.printer {
        Some(printer) => printers.profile(printer),
        None => match printers.desk_profile() {
            Some(profile) => profile,
            None => {
                eprintln!(
                    "shipdesk: no printer given and no desk printer set: use --printer NAME|URI (shipdesk printers lists the queues)"
                );
                return ExitCode::from(2);
            }
        },
    };
    if let Some(stock) = &args.stock {
        match LabelStock::parse(stock) {
            Some(stock) => profile.stock = stock,
            None => {
                eprintln!("shipdesk: unknown label stock {stock:?}: use 4x6, 10x15 or 10x10");
                return ExitCode::from(2);
            }
        }
    }
    let printer = profile.printer.clone();
    let reports = engine.call(Print {
        references: args.references.clone(),
        printer: Some(profile),
    });
    let mut failed = false;
    let mut jobs = std::collections::BTreeSet::new();
    for report in reports {
        match report.result {
            Ok((job, count)) => {
                jobs.insert(job);
                outln!(
                    "{}: printed (job {job}, printed {count} time(s))",
                    report.reference
                )
            }
            Err(problem) => {
                failed = true;
                eprintln!("shipdesk: {}: {problem}", report.reference);
            }
        }
    }
    if let Some(job) = jobs.first() {
        outln!("job {job} on {printer} completed");
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `shipdesk printers [--label P] [--a4 P] [--slips off|after-label|a4]`.
#[derive(Debug, Args)]
pub struct PrintersArgs {
    /// Set the desk's label printer (a CUPS queue name or ipp://HOST:PORT/PATH; "" unsets it).
    #[arg(long)]
    label: Option<String>,
    /// Set the desk's A4 printer for documents (handover lists, slips on A4; "" unsets it).
    #[arg(long)]
    a4: Option<String>,
    /// Packing slips with labels: off, after-label (same job, on the label stock) or a4.
    #[arg(long, value_parser = ["off", "after-label", "a4"])]
    slips: Option<String>,
}

/// `shipdesk printers`: sets what was asked, then the saved printers and the CUPS queues
/// (server from CUPS_SERVER when it is host:port).
pub fn printers(data_dir: &std::path::Path, args: &PrintersArgs) -> ExitCode {
    if args.label.is_some() || args.a4.is_some() || args.slips.is_some() {
        let mut printers = crate::print::Printers::load(data_dir);
        if let Some(label) = &args.label {
            printers.desk = label.trim().to_owned();
        }
        if let Some(a4) = &args.a4 {
            printers.a4 = a4.trim().to_owned();
        }
        printers.slips = match args.slips.as_deref() {
            Some("after-label") => SlipsWithLabels::AfterLabel,
            Some("a4") => SlipsWithLabels::A4,
            Some(_) => SlipsWithLabels::Off,
            None => printers.slips,
        };
        if let Err(error) = std::fs::create_dir_all(data_dir).and_then(|_| printers.save(data_dir))
        {
            eprintln!(
                "shipdesk: cannot save the printer settings: {error} / 无法保存打印机设置：{error}"
            );
            return ExitCode::from(1);
        }
    }
    saved_printers(data_dir);
    let server = crate::print::cups_server();
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

/// The printers set up in the window (`printers.json`), each with its profile, the desk's first.
fn saved_printers(data_dir: &std::path::Path) {
    let printers = crate::print::Printers::load(data_dir);
    let mut names: Vec<String> = printers
        .profiles
        .iter()
        .map(|p| p.printer.clone())
        .collect();
    if !printers.desk.is_empty() && !names.contains(&printers.desk) {
        names.insert(0, printers.desk.clone());
    }
    names.sort_by_key(|name| *name != printers.desk);
    if let Some(a4) = printers.a4_printer() {
        outln!("A4 PRINTER (documents)  {a4}");
    }
    outln!(
        "PACKING SLIPS WITH LABELS  {}",
        match printers.slips {
            SlipsWithLabels::Off => "off",
            SlipsWithLabels::AfterLabel => "after-label",
            SlipsWithLabels::A4 => "a4",
        }
    );
    if names.is_empty() {
        return;
    }
    outln!(
        "{:<40} {:<8} {:<8} {:<14} {:<6} DESK",
        "SAVED PRINTER",
        "STOCK",
        "DPI",
        "OFFSET (MM)",
        "SEND"
    );
    for name in names {
        let profile = printers.profile(&name);
        outln!(
            "{:<40} {:<8} {:<8} {:<14} {:<6} {}",
            profile.printer,
            profile.stock.name(),
            profile.dpi,
            format!(
                "{:+.1} {:+.1}",
                profile.offset_right_mm, profile.offset_down_mm
            ),
            match profile.send_as {
                crate::print::SendAs::Pdf => "pdf",
                crate::print::SendAs::Raster => "raster",
            },
            if profile.printer == printers.desk {
                "yes"
            } else {
                ""
            }
        );
    }
    outln!("");
}
