//! Printing stored labels: the files are read from disk (a reprint never calls the forwarder),
//! laid out on the printer's stock at 100%, sent over IPP as ONE job however many shipments were
//! chosen, followed to completion, and counted. Auto-print is decided here, once, for labels
//! that come with the create answer and labels that arrive later by polling alike.

use std::sync::Arc;
use std::time::Duration;

use super::Core;
use super::core::lock;
use super::documents::{a4_printer, print_a4, slips_name, slips_pdf};
use super::protocol::PrintReport;
use crate::documents::packing_slip::{self, PackingSlip, SlipPaper};
use crate::model::Text;
use crate::print::{
    PrintRequest, PrinterProfile, Printers, SendAs, SlipsWithLabels, lay_out, lay_out_in_order,
    print_pdf,
};

/// How long a printer may take to finish one job (a long batch gets more, see [`job_timeout`]).
const PRINT_TIMEOUT: Duration = Duration::from_secs(60);

/// A label ready to go into the job.
struct Ready {
    reference: String,
    id: i64,
    pdf: Vec<u8>,
    /// Pages the label takes on the stock (a multi-piece label has one a parcel).
    pages: usize,
    /// Its packing slip, for desks that print one with the label.
    slip: Option<PackingSlip>,
}

/// Prints the stored labels of `references` in one job on `printer`, or on the desk's label
/// printer when none is given.
pub(super) async fn print(
    core: &Core,
    references: Vec<String>,
    printer: Option<PrinterProfile>,
) -> Vec<PrintReport> {
    match printer.or_else(|| core.desk_printer()) {
        Some(profile) => print_on(core, references, profile, false).await,
        None => {
            let problem = Text::new(
                "Set the label printer under Accounts first.",
                "请先在“账号”中设置面单打印机。",
            );
            every(references, problem)
        }
    }
}

/// The same problem reported for each reference.
fn every(references: Vec<String>, problem: Text) -> Vec<PrintReport> {
    references
        .into_iter()
        .map(|reference| PrintReport {
            reference,
            result: Err(problem.clone()),
        })
        .collect()
}

/// What a test label's print is reported under.
pub(super) const TEST_LABEL: &str = "Test label";

/// Prints a test label on `printer` (or the desk printer): a 4x6 page drawn like a sandbox
/// label, the printer's address in its lines, laid out on the stock like any label. Nothing is
/// recorded.
pub(super) async fn print_test_label(core: &Core, printer: Option<PrinterProfile>) -> PrintReport {
    let report = |result| PrintReport {
        reference: TEST_LABEL.to_owned(),
        result,
    };
    let Some(profile) = printer.or_else(|| core.desk_printer()) else {
        return report(Err(Text::new(
            "Set the label printer first.",
            "请先设置面单打印机。",
        )));
    };
    let content = crate::sandbox::label_pdf::LabelContent {
        forwarder: "shipdesk test label".to_owned(),
        service_code: format!("{} / {} dpi", profile.stock.media_keyword(), profile.dpi),
        tracking_number: "SHIPDESK-TEST".to_owned(),
        reference: TEST_LABEL.to_owned(),
        sender_lines: vec!["shipdesk".to_owned()],
        recipient_lines: vec![
            profile.printer.clone(),
            chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
        ],
        weight_text: String::new(),
    };
    let pdf = match crate::sandbox::label_pdf::render_label_pdf(&content) {
        Ok(pdf) => pdf,
        Err(error) => return report(Err(Text::new(error.to_string(), error.to_string()))),
    };
    let ready = [Ready {
        reference: TEST_LABEL.to_owned(),
        id: 0,
        pdf,
        pages: 1,
        slip: None,
    }];
    report(
        print_job(&ready, &profile, false)
            .await
            .map(|(_, job)| (job, 0)),
    )
}

/// Keeps the printer profiles and desk printer: in memory for every print from now on, and in
/// `printers.json` for the next start.
pub(super) async fn save_printers(core: &Core, printers: Printers) -> Result<(), Text> {
    *lock(&core.printers) = printers.clone();
    let dir = core.data_dir.clone();
    super::core::blocking(move || printers.save(&dir))
        .await?
        .map_err(|e| {
            Text::new(
                format!("Cannot save the printer settings: {e}"),
                format!("无法保存打印机设置：{e}"),
            )
        })
}

/// What a packing slip printed with labels is reported under.
pub(super) const PACKING_SLIPS: &str = "Packing slips";

/// Prints on `profile`'s printer in one job. With `only_unprinted` (auto-print), a label printed
/// before is skipped: never printed twice. The desk's packing slips go with them: on the stock
/// right after each label in the same job, or on the A4 printer (which must be set before
/// anything prints) in a job of their own after the labels'.
async fn print_on(
    core: &Core,
    references: Vec<String>,
    profile: PrinterProfile,
    only_unprinted: bool,
) -> Vec<PrintReport> {
    let slips = lock(&core.printers).slips;
    let slips_a4 = match slips {
        SlipsWithLabels::A4 => match a4_printer(core, &slips_name(references.len())) {
            Ok(printer) => Some(printer),
            Err(problem) => return every(references, problem),
        },
        _ => None,
    };
    let mut reports = Vec::new();
    let mut ready = Vec::new();
    for reference in references {
        match prepare(core, &reference, &profile, only_unprinted).await {
            Ok(label) => ready.push(label),
            Err(problem) => reports.push(PrintReport {
                reference,
                result: Err(problem),
            }),
        }
    }
    if ready.is_empty() {
        return reports;
    }
    let after_label = slips == SlipsWithLabels::AfterLabel;
    match print_job(&ready, &profile, after_label).await {
        Ok((printer_uri, job_id)) => {
            if let Some(a4) = slips_a4 {
                reports.extend(print_slips_on_a4(&ready, &a4).await);
            }
            for label in ready {
                let (id, printer) = (label.id, printer_uri.clone());
                let counted = core
                    .with_store(move |s| s.record_printed(id, &printer, job_id))
                    .await
                    .map(|count| (job_id, count))
                    .map_err(|e| Text::new(e.to_string(), format!("本地数据库出错：{e}")));
                reports.push(PrintReport {
                    reference: label.reference,
                    result: counted,
                });
            }
        }
        Err(problem) => reports.extend(ready.into_iter().map(|label| PrintReport {
            reference: label.reference,
            result: Err(problem.clone()),
        })),
    }
    reports
}

/// Reads one shipment's label and checks it fits the stock.
async fn prepare(
    core: &Core,
    reference: &str,
    profile: &PrinterProfile,
    only_unprinted: bool,
) -> Result<Ready, Text> {
    let lookup = reference.to_owned();
    let record = core
        .with_store(move |s| s.shipment(&lookup))
        .await
        .map_err(|e| Text::new(e.to_string(), format!("本地数据库出错：{e}")))?
        .ok_or_else(|| {
            Text::new(
                format!("No shipment {reference}."),
                format!("没有运单 {reference}。"),
            )
        })?;
    if only_unprinted && record.print_count > 0 {
        return Err(Text::new(
            format!("{reference} was printed before; auto-print skips it (use Print to reprint)."),
            format!("{reference} 已打印过，自动打印跳过（如需重打请点“打印”）。"),
        ));
    }
    let slip = PackingSlip::of(&record);
    let label = record.label.ok_or_else(|| {
        Text::new(
            format!("{reference} has no stored label yet."),
            format!("{reference} 尚未保存面单。"),
        )
    })?;
    let path = std::path::PathBuf::from(&label.path);
    let (stock, offset) = (profile.stock, profile.offset());
    let named = reference.to_owned();
    let pdf = super::core::blocking(move || {
        let bytes = std::fs::read(&path).map_err(|e| {
            Text::new(
                format!("Cannot read {named}'s label file: {e}"),
                format!("无法读取 {named} 的面单文件：{e}"),
            )
        })?;
        // An image label (PNG) goes onto a PDF page first, then the same way as any PDF.
        let pdf = crate::labels::label_as_pdf(&bytes)
            .map_err(|e| {
                Text::new(
                    format!("{named}: {e}"),
                    format!("{named}：面单图片无法读取（{e}）"),
                )
            })?
            .into_owned();
        // Laid out alone first, so a label that does not fit is reported against its shipment
        // and the others still print.
        let laid = lay_out(&[&pdf], stock, offset).map_err(|e| prefixed(&named, e.describe()))?;
        Ok((pdf, laid.pages))
    })
    .await??;
    let (pdf, pages) = pdf;
    Ok(Ready {
        reference: reference.to_owned(),
        id: record.id,
        pdf,
        pages,
        slip: Some(slip),
    })
}

/// The labels' packing slips as one A4 job; a report only when it did not print (the labels
/// did, and are counted as printed).
async fn print_slips_on_a4(labels: &[Ready], printer: &str) -> Option<PrintReport> {
    let slips: Vec<PackingSlip> = labels.iter().filter_map(|l| l.slip.clone()).collect();
    let what = slips_name(slips.len());
    let printed = match slips_pdf(slips, SlipPaper::A4).await {
        Ok(pdf) => print_a4(printer, pdf, &what).await,
        Err(problem) => Err(problem),
    };
    printed.err().map(|problem| PrintReport {
        reference: PACKING_SLIPS.to_owned(),
        result: Err(problem),
    })
}

/// Lays the labels out as one document (with `slips`, each label's packing slip on the stock
/// right after it), sends it as one job and waits for it; returns the printer's address and
/// the job id.
async fn print_job(
    labels: &[Ready],
    profile: &PrinterProfile,
    slips: bool,
) -> Result<(String, i32), Text> {
    let printer_uri = crate::print::printer_uri(&profile.printer)
        .await
        .map_err(|e| e.describe())?;
    let mut files: Vec<Vec<u8>> = labels.iter().map(|l| l.pdf.clone()).collect();
    let mut order = None;
    if slips {
        // All slips drawn as one document (the CJK font embedded once, not once a label),
        // then each slip's pages moved to just after its label's.
        let paper = SlipPaper::Label(profile.stock);
        let with_slips: Vec<(usize, usize)> = labels
            .iter()
            .map(|l| {
                (
                    l.pages,
                    l.slip.as_ref().map_or(0, |s| packing_slip::parts(s, paper)),
                )
            })
            .collect();
        let all: Vec<PackingSlip> = labels.iter().filter_map(|l| l.slip.clone()).collect();
        files.push(slips_pdf(all, paper).await?);
        order = Some(interleaved(&with_slips));
    }
    let job_profile = profile.clone();
    let document = super::core::blocking(move || {
        let slices: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
        let laid = lay_out_in_order(&slices, job_profile.stock, job_profile.offset(), order)?;
        match job_profile.send_as {
            SendAs::Pdf => Ok(laid.pdf),
            SendAs::Raster => crate::print::rasterise_for_printer(&laid.pdf, job_profile.dpi),
        }
    })
    .await?
    .map_err(|e| e.describe())?;
    let job_name = match labels {
        [one] => one.reference.clone(),
        [first, rest @ ..] => format!("{} +{} more", first.reference, rest.len()),
        [] => "shipdesk".to_owned(),
    };
    let job = print_pdf(
        PrintRequest {
            printer_uri: printer_uri.clone(),
            document,
            job_name,
            media: profile.stock.media_keyword().to_owned(),
        },
        job_timeout(labels.len()),
    )
    .await
    .map_err(|e| e.describe())?;
    Ok((printer_uri, job.job_id))
}

/// The page order that puts each label's slip pages right after its own pages, when every
/// label's pages come first and then every slip's: `counts` is (label pages, slip pages) a label.
fn interleaved(counts: &[(usize, usize)]) -> Vec<usize> {
    let label_pages: usize = counts.iter().map(|c| c.0).sum();
    let (mut label_at, mut slip_at) = (0, label_pages);
    let mut order = Vec::new();
    for &(label, slip) in counts {
        order.extend(label_at..label_at + label);
        order.extend(slip_at..slip_at + slip);
        label_at += label;
        slip_at += slip;
    }
    order
}

/// A minute, plus two seconds a label beyond the first (a thermal printer does a few a second).
fn job_timeout(labels: usize) -> Duration {
    PRINT_TIMEOUT + Duration::from_secs(2 * labels.saturating_sub(1) as u64)
}

fn prefixed(reference: &str, problem: Text) -> Text {
    Text::new(
        format!("{reference}: {}", problem.en),
        format!("{reference}：{}", problem.zh),
    )
}

/// The auto-print rule: a label that just arrived for an account that auto-prints goes to the
/// desk printer, once (a label printed before is skipped); the window hears how it went. A
/// label a running batch claimed goes into that batch's job instead (`lifecycle::batch_print`).
pub(super) async fn auto_print(core: &Core, reference: &str, account: &str) {
    if lock(&core.batch_labels).arrived(reference) {
        return;
    }
    let name = account.to_owned();
    let wanted = core
        .with_store(move |s| s.account(&name))
        .await
        .ok()
        .flatten()
        .is_some_and(|a| a.settings.auto_print);
    if !wanted {
        return;
    }
    print_labels(core, vec![reference.to_owned()]).await;
}

/// Prints labels that just arrived on the desk printer as ONE job, in the order given, each
/// once (a label printed before is skipped); the window hears how it went.
pub(super) async fn print_labels(core: &Core, references: Vec<String>) -> Vec<PrintReport> {
    let reports = match core.desk_printer() {
        Some(printer) => print_on(core, references, printer, true).await,
        None => {
            let what = match references.as_slice() {
                [one] => Text::new(format!("{one}'s label"), format!("{one} 的面单")),
                _ => Text::new(
                    format!("{} labels", references.len()),
                    format!("{} 张面单", references.len()),
                ),
            };
            let problem = Text::new(
                format!(
                    "{} arrived; auto-print is on, but no label printer is set under Accounts.",
                    what.en
                ),
                format!(
                    "{}已到；已开启自动打印，但未在“账号”中设置面单打印机。",
                    what.zh
                ),
            );
            every(references, problem)
        }
    };
    for report in &reports {
        if let Err(problem) = &report.result {
            tracing::warn!(reference = %report.reference, "auto-print: {}", problem.en);
        }
    }
    core.announce(super::Event::Printed(reports.clone()));
    reports
}

/// [`auto_print`] as work of its own, so the ship's answer reaches the packer without waiting
/// for the printer; the engine lets it finish before it stops.
pub(super) fn auto_print_in_background(core: &Arc<Core>, reference: &str, account: &str) {
    let (task_core, reference, account) = (core.clone(), reference.to_owned(), account.to_owned());
    core.spawn_background(format!("auto-print {reference}"), async move {
        auto_print(&task_core, &reference, &account).await
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_labels_slip_follows_it() {
        // Labels of 1, 2 and 1 pages (pages 0..4), slips of 1, 1 and 2 pages (4..8).
        assert_eq!(
            super::interleaved(&[(1, 1), (2, 1), (1, 2)]),
            [0, 4, 1, 2, 5, 3, 6, 7]
        );
    }
}
