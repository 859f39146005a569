//! The desk's paper other than labels, made from the store: packing slips (to a file, to the
//! label printer's stock, or to the A4 printer) and the handover list printed on the A4
//! printer. A document whose printer is not set says so before anything is sent.

use std::path::PathBuf;

use super::Core;
use super::core::lock;
use super::error::ShipError;
use super::protocol::{DocumentPrinted, PrintSlips, WriteSlips};
use crate::documents::packing_slip::{self, PackingSlip, SlipPaper};
use crate::model::Text;
use crate::print::{MEDIA_A4, PrintRequest, SendAs, lay_out, print_pdf};

/// How long an office printer may take to finish one document job.
const JOB_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// The slips of `references`, in order; the first unknown reference is named.
pub(super) async fn slips(core: &Core, references: &[String]) -> Result<Vec<PackingSlip>, Text> {
    if references.is_empty() {
        return Err(Text::new(
            "Name at least one shipment for its packing slip.",
            "请至少指定一个运单来打印装箱单。",
        ));
    }
    let wanted = references.to_vec();
    let records = core
        .with_store(move |s| {
            wanted
                .iter()
                .map(|r| s.shipment(r).map(|found| (r.clone(), found)))
                .collect::<Result<Vec<_>, _>>()
        })
        .await
        .map_err(|e| ShipError::from(e).describe())?;
    records
        .into_iter()
        .map(|(reference, found)| {
            found.map(|record| PackingSlip::of(&record)).ok_or_else(|| {
                Text::new(
                    format!("No shipment {reference}."),
                    format!("没有运单 {reference}。"),
                )
            })
        })
        .collect()
}

/// Draws `slips` on `paper` (off the engine's async workers: the CJK font is large).
pub(super) async fn slips_pdf(slips: Vec<PackingSlip>, paper: SlipPaper) -> Result<Vec<u8>, Text> {
    super::core::blocking(move || packing_slip::pdf(&slips, paper))
        .await?
        .map_err(|e| {
            Text::new(
                format!("The packing slips could not be made: {e}."),
                format!("无法生成装箱单：{e}。"),
            )
        })
}

/// Writes the slips of `request.references` to `request.path`.
pub(super) async fn write_slips(core: &Core, request: WriteSlips) -> Result<PathBuf, Text> {
    let slips = slips(core, &request.references).await?;
    let pdf = slips_pdf(slips, request.paper).await?;
    super::close::write_file(request.path, pdf).await
}

/// The desk's A4 printer, or the sentence saying `document` has nowhere to go.
pub(super) fn a4_printer(core: &Core, document: &Text) -> Result<String, Text> {
    lock(&core.printers).a4_printer().ok_or_else(|| {
        Text::new(
            format!(
                "Nowhere to print the {}: set the A4 printer under Printers first. Nothing was printed.",
                document.en
            ),
            format!(
                "{}无处可打印：请先在“打印机”中设置 A4 打印机。未打印任何内容。",
                document.zh
            ),
        )
    })
}

/// Prints the slips: on A4 to the A4 printer, else on the label printer's stock.
pub(super) async fn print_slips(core: &Core, request: PrintSlips) -> Result<DocumentPrinted, Text> {
    let what = slips_name(request.references.len());
    // Where they go is settled before anything is read or drawn.
    let on_label_stock = if request.a4 {
        None
    } else {
        Some(core.desk_printer().ok_or_else(|| {
            Text::new(
                format!(
                    "Nowhere to print the {}: set the label printer under Printers first. Nothing was printed.",
                    what.en
                ),
                format!("{}无处可打印：请先设置面单打印机。未打印任何内容。", what.zh),
            )
        })?)
    };
    let Some(profile) = on_label_stock else {
        let printer = a4_printer(core, &what)?;
        let slips = slips(core, &request.references).await?;
        let pdf = slips_pdf(slips, SlipPaper::A4).await?;
        return print_a4(&printer, pdf, &what).await;
    };
    let slips = slips(core, &request.references).await?;
    let pdf = slips_pdf(slips, SlipPaper::Label(profile.stock)).await?;
    let (stock, offset, dpi, send_as) = (
        profile.stock,
        profile.offset(),
        profile.dpi,
        profile.send_as,
    );
    let document = super::core::blocking(move || {
        let laid = lay_out(&[&pdf], stock, offset)?;
        match send_as {
            SendAs::Pdf => Ok(laid.pdf),
            SendAs::Raster => crate::print::rasterise_for_printer(&laid.pdf, dpi),
        }
    })
    .await?
    .map_err(|e| e.describe())?;
    send(&profile.printer, document, &what, stock.media_keyword()).await
}

/// Prints manifest `id`'s handover list on the A4 printer.
pub(super) async fn print_manifest(core: &Core, id: i64) -> Result<DocumentPrinted, Text> {
    let generic = Text::new("handover list", "交接单");
    let printer = a4_printer(core, &generic)?;
    let handover = super::close::read_handover(core, id).await?;
    let what = Text::new(
        format!(
            "handover list {} {}",
            handover.manifest.account,
            handover.manifest.name()
        ),
        format!(
            "交接单 {} {}",
            handover.manifest.account,
            handover.manifest.name()
        ),
    );
    let pdf = super::close::handover_pdf(handover).await?;
    print_a4(&printer, pdf, &what).await
}

/// "3 packing slips".
pub(super) fn slips_name(count: usize) -> Text {
    if count == 1 {
        Text::new("packing slip", "装箱单")
    } else {
        Text::new(
            format!("{count} packing slips"),
            format!("{count} 张装箱单"),
        )
    }
}

/// Sends an A4 PDF as it is (its pages are A4 already) to `printer`.
pub(super) async fn print_a4(
    printer: &str,
    pdf: Vec<u8>,
    what: &Text,
) -> Result<DocumentPrinted, Text> {
    send(printer, pdf, what, MEDIA_A4).await
}

async fn send(
    printer: &str,
    document: Vec<u8>,
    what: &Text,
    media: &str,
) -> Result<DocumentPrinted, Text> {
    let in_words = |problem: Text| {
        Text::new(
            format!("The {} did not print: {}", what.en, problem.en),
            format!("{}未打印：{}", what.zh, problem.zh),
        )
    };
    let printer_uri = crate::print::printer_uri(printer)
        .await
        .map_err(|e| in_words(e.describe()))?;
    // Parsing a multi-megabyte PDF only to count its pages: off the async workers too.
    let counted = document.clone();
    let pages = super::core::blocking(move || {
        lopdf::Document::load_mem(&counted)
            .map(|d| d.get_pages().len())
            .unwrap_or(0)
    })
    .await
    .unwrap_or(0);
    let job = print_pdf(
        PrintRequest {
            printer_uri: printer_uri.clone(),
            document,
            job_name: what.en.clone(),
            media: media.to_owned(),
        },
        JOB_TIMEOUT,
    )
    .await
    .map_err(|e| in_words(e.describe()))?;
    Ok(DocumentPrinted {
        document: what.clone(),
        printer: printer_uri,
        job_id: job.job_id,
        pages,
    })
}
