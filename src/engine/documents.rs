//! The desk's paper other than labels, made from the store: packing slips (to a file, to the
//! label printer's stock, or to the A4 printer) and the handover list printed on the A4
//! printer. A document whose printer is not set says so before anything is sent.

use std::path::PathBuf;

use super::Core;
use super::core::lock;
use super::error::ShipError;
use super::protocol::{CommandSheet, DocumentPrinted, PickList, PrintSlips, WriteSlips};
use crate::documents::packing_slip::{self, PackingSlip, SlipPaper};
use crate::documents::pick_list;
use crate::model::{Text, TypedOrder};
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

/// The pick list of `request.references` (queued orders or shipments), written to its file
/// or printed on the A4 printer (see [`PickList`]).
pub(super) async fn pick_list(
    core: &Core,
    request: PickList,
) -> Result<Option<DocumentPrinted>, Text> {
    let n = request.references.len();
    let what = Text::new(
        match n {
            1 => "pick list of 1 order".to_owned(),
            n => format!("pick list of {n} orders"),
        },
        format!("{n} 个订单的拣货单"),
    );
    if request.references.is_empty() {
        return Err(Text::new(
            "Choose the orders to pick for first.",
            "请先选择要拣货的订单。",
        ));
    }
    // Where it goes is settled before anything is read or drawn.
    let printer = match request.path {
        Some(_) => None,
        None => Some(a4_printer(core, &what)?),
    };
    let wanted = request.references.clone();
    let forms = core
        .with_store(move |s| {
            wanted
                .iter()
                .map(|r| {
                    let queued = s.queued_order(r)?.map(|q| q.form);
                    let form = match queued {
                        Some(form) => Some(form),
                        None => s.shipment(r)?.map(|record| {
                            TypedOrder::from_shipment(
                                &record.order,
                                &record.account,
                                record.reference,
                            )
                        }),
                    };
                    Ok((r.clone(), form))
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .await
        .map_err(|e| ShipError::from(e).describe())?;
    let mut orders = Vec::with_capacity(forms.len());
    for (reference, form) in forms {
        let form = form.ok_or_else(|| {
            Text::new(
                format!("No queued order or shipment {reference}: nothing was made."),
                format!("没有待发货订单或运单 {reference}：未生成任何内容。"),
            )
        })?;
        orders.push(pick_order(reference, &form));
    }
    let entries = super::catalogue::entries_for_skus(
        core,
        orders
            .iter()
            .flat_map(|o| o.items.iter().map(|i| i.sku.clone()))
            .collect(),
    )
    .await?;
    let printed = crate::store::format_local_time(crate::store::now_ms(), "%Y-%m-%d %H:%M");
    let pdf = super::core::blocking(move || {
        let lines = pick_list::pick_lines(&orders, &entries);
        pick_list::pdf(&orders, &lines, &printed)
    })
    .await?
    .map_err(|e| {
        Text::new(
            format!("The pick list could not be made: {e}."),
            format!("无法生成拣货单：{e}。"),
        )
    })?;
    deliver(pdf, request.path, printer, &what).await
}

/// An A4 document written to `path`, else printed on `printer` (settled by the caller before
/// it drew anything).
async fn deliver(
    pdf: Vec<u8>,
    path: Option<PathBuf>,
    printer: Option<String>,
    what: &Text,
) -> Result<Option<DocumentPrinted>, Text> {
    match (path, printer) {
        (Some(path), _) => super::close::write_file(path, pdf).await.map(|_| None),
        (None, Some(printer)) => print_a4(&printer, pdf, what).await.map(Some),
        (None, None) => Err(ShipError::Internal.describe()),
    }
}

/// The sheet of command barcodes for this desk's boxes, written or printed on A4.
pub(super) async fn command_sheet(
    core: &Core,
    request: CommandSheet,
) -> Result<Option<DocumentPrinted>, Text> {
    let what = Text::new("sheet of command barcodes", "指令条码表");
    let printer = match request.path {
        Some(_) => None,
        None => Some(a4_printer(core, &what)?),
    };
    let saved = core
        .with_store(|s| s.parcel_presets())
        .await
        .map_err(|e| ShipError::from(e).describe())?;
    let boxes: Vec<(String, String)> = crate::model::box_codes(&saved)
        .into_iter()
        .map(|(code, preset)| {
            let unit = preset.dimension_unit.code().to_lowercase();
            let size = format!(
                "{} x {} x {} {unit}",
                preset.length.normalize(),
                preset.width.normalize(),
                preset.height.normalize()
            );
            let described = match code.starts_with('#') || !preset.name.contains(&code) {
                true => format!("{}, {size}", preset.name),
                false => size,
            };
            (code, described)
        })
        .collect();
    let pdf = super::core::blocking(move || {
        crate::documents::command_sheet::pdf(&crate::documents::command_sheet::entries(&boxes))
    })
    .await?
    .map_err(|e| {
        Text::new(
            format!("The command sheet could not be made: {e}."),
            format!("无法生成指令条码表：{e}。"),
        )
    })?;
    deliver(pdf, request.path, printer, &what).await
}

/// An order as the pick list shows it.
fn pick_order(reference: String, form: &TypedOrder) -> pick_list::PickOrder {
    let recipient = [
        form.recipient.name.trim(),
        form.recipient.country_code.trim(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    pick_list::PickOrder {
        reference,
        recipient,
        items: form
            .items
            .iter()
            .filter(|i| !(i.sku.trim().is_empty() && i.name_en.trim().is_empty()))
            .map(|i| pick_list::PickItem {
                sku: i.sku.trim().to_owned(),
                quantity: i.quantity.trim().parse().ok(),
                name_en: i.name_en.trim().to_owned(),
                name_zh: i.name_zh.trim().to_owned(),
            })
            .collect(),
    }
}
