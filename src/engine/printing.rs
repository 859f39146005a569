//! Printing stored labels: the file is read from disk (a reprint never calls the forwarder), sent
//! over IPP, followed to completion, and counted.

use std::time::Duration;

use super::Core;
use crate::model::Text;
use crate::print::{PrintRequest, print_pdf};

/// How long a printer may take to finish one label.
const PRINT_TIMEOUT: Duration = Duration::from_secs(60);

/// One shipment's print, as reported.
#[derive(Clone, Debug)]
pub struct PrintReport {
    /// The reference.
    pub reference: String,
    /// The printer's job id and the shipment's print count after it, or why not.
    pub result: Result<(i32, i64), Text>,
}

/// Prints each shipment's stored label on `printer_uri` with `media`, one job each. With
/// `only_unprinted` (auto-print), a label printed before is skipped: never printed twice.
pub(super) async fn print(
    core: &Core,
    references: Vec<String>,
    printer_uri: String,
    media: String,
    only_unprinted: bool,
) -> Vec<PrintReport> {
    let mut reports = Vec::new();
    for reference in references {
        let result = print_one(core, &reference, &printer_uri, &media, only_unprinted).await;
        reports.push(PrintReport { reference, result });
    }
    reports
}

async fn print_one(
    core: &Core,
    reference: &str,
    printer_uri: &str,
    media: &str,
    only_unprinted: bool,
) -> Result<(i32, i64), Text> {
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
    let label = record.label.ok_or_else(|| {
        Text::new(
            format!("{reference} has no stored label yet."),
            format!("{reference} 尚未保存面单。"),
        )
    })?;
    let path = std::path::PathBuf::from(&label.path);
    let document = tokio::task::spawn_blocking(move || std::fs::read(&path))
        .await
        .map_err(|_| Text::new("interrupted", "已中断"))?
        .map_err(|e| {
            Text::new(
                format!("Cannot read the label file: {e}"),
                format!("无法读取面单文件：{e}"),
            )
        })?;
    let job = print_pdf(
        PrintRequest {
            printer_uri: printer_uri.to_owned(),
            document,
            job_name: reference.to_owned(),
            media: media.to_owned(),
        },
        PRINT_TIMEOUT,
    )
    .await
    .map_err(|e| e.describe())?;
    let (id, printer, job_id) = (record.id, printer_uri.to_owned(), job.job_id);
    let count = core
        .with_store(move |s| s.record_printed(id, &printer, job_id))
        .await
        .map_err(|e| Text::new(e.to_string(), format!("本地数据库出错：{e}")))?;
    Ok((job.job_id, count))
}
