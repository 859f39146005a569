//! Closing an account's day (end of day, 交接): the check for what needs a person first, the
//! close itself (one transaction in the store), and the handover list written as PDF and CSV
//! from the stored manifest, so a reprint is the same paper.

use std::path::PathBuf;

use super::Core;
use super::error::ShipError;
use super::protocol::{CloseDay, CloseOutcome, WriteManifest};
use crate::documents::manifest::Handover;
use crate::model::{ShipmentState, Text};
use crate::store::{ShipmentRecord, now_ms};

/// Closes `request.account`'s day unless something needs a person first and the close is not
/// asked for anyway (then with a note saying why).
pub(super) async fn close_day(core: &Core, request: CloseDay) -> Result<CloseOutcome, ShipError> {
    let CloseDay {
        account,
        note,
        anyway,
    } = request;
    let name = account.clone();
    if core.with_store(move |s| s.account(&name)).await?.is_none() {
        return Err(ShipError::NoAccount(account));
    }
    let name = account.clone();
    let waiting = core
        .with_store(move |s| s.needing_a_person_before_close(&name))
        .await?;
    // Closing anyway needs a note saying why.
    let closes_anyway = anyway && !note.trim().is_empty();
    if !waiting.is_empty() && !closes_anyway {
        return Ok(CloseOutcome::NeedsAPerson {
            waiting,
            note_needed: anyway,
        });
    }
    let name = account.clone();
    match core
        .with_store(move |s| s.close_day(&name, &note, now_ms()))
        .await?
    {
        Some(manifest) => Ok(CloseOutcome::Closed {
            manifest,
            left_open: waiting,
        }),
        None => Ok(CloseOutcome::NothingToClose { waiting }),
    }
}

/// Writes manifest `request.id`'s handover list to the files asked for; returns them.
pub(super) async fn write_manifest(
    core: &Core,
    request: WriteManifest,
) -> Result<Vec<PathBuf>, Text> {
    let handover = read_handover(core, request.id).await?;
    let mut written = Vec::new();
    if let Some(path) = request.pdf {
        let pdf = handover_pdf(handover.clone()).await?;
        written.push(write_file(path, pdf).await?);
    }
    if let Some(path) = request.csv {
        written.push(write_file(path, handover.csv().into_bytes()).await?);
    }
    Ok(written)
}

/// The handover list as an A4 PDF, drawn off the async workers (the CJK font is large).
pub(super) async fn handover_pdf(handover: Handover) -> Result<Vec<u8>, Text> {
    super::core::blocking(move || handover.pdf())
        .await?
        .map_err(|e| {
            Text::new(
                format!("The handover list could not be made: {e}."),
                format!("无法生成交接单：{e}。"),
            )
        })
}

/// Writes `bytes` to `path` off the async workers; the path, or why not in words.
pub(super) async fn write_file(path: PathBuf, bytes: Vec<u8>) -> Result<PathBuf, Text> {
    super::core::blocking(move || {
        std::fs::write(&path, bytes)
            .map(|()| path.clone())
            .map_err(|e| {
                Text::new(
                    format!("Could not write {}: {e}.", path.display()),
                    format!("无法写入 {}：{e}。", path.display()),
                )
            })
    })
    .await?
}

/// Manifest `id`'s handover list as stored (the same paper on every reprint).
pub(super) async fn read_handover(core: &Core, id: i64) -> Result<Handover, Text> {
    let read = core
        .with_store(move |s| {
            let manifest = s.manifest(id)?;
            let shipments = s.manifest_shipments(id)?;
            Ok(manifest.map(|m| Handover::new(m, &shipments)))
        })
        .await
        .map_err(|e| ShipError::from(e).describe())?;
    read.ok_or_else(|| {
        Text::new(
            format!("There is no manifest {id}."),
            format!("没有编号为 {id} 的交接批次。"),
        )
    })
}

/// Why a shipment holds up the close, in a packer's words.
pub fn why_it_needs_a_person(record: &ShipmentRecord) -> Text {
    match record.state {
        ShipmentState::Created => Text::new("its label has not been printed", "面单尚未打印"),
        ShipmentState::Submitting | ShipmentState::Unknown => Text::new(
            "its outcome is unknown: run Reconcile",
            "结果未知：请运行“核对”",
        ),
        ShipmentState::AwaitingNumber => Text::new(
            "bought, its tracking number has not come yet",
            "已下单，跟踪号尚未返回",
        ),
        ShipmentState::AwaitingLabel => {
            Text::new("bought, its label has not come yet", "已下单，面单尚未返回")
        }
        ShipmentState::BoughtNoTracking => Text::new(
            "bought, but its tracking number was lost: find it in the forwarder's portal",
            "已下单但跟踪号丢失：请到物流商后台查询",
        ),
        ShipmentState::RefundDue => Text::new(
            "failed after it was placed: the forwarder holds the balance until a refund is asked for",
            "下单后失败：物流商冻结了余额，需申请退款",
        ),
        other => other.label(),
    }
}
