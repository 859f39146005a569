//! The small reads the window asks for while a packer types or a supervisor looks: History's
//! matching ids, the overview for the header and pickers, preset edits, a reference's use, the
//! address book's suggestions and a label drawn for the preview. Each runs off the UI thread.

use std::path::PathBuf;

use super::ShipError;
use super::core::{Core, lock};
use super::protocol::{FoundShipments, Overview, PresetEdit, RenderedLabel};
use crate::model::{Address, ShipmentState, Text};
use crate::store::{HistoryQuery, StoreError};

/// The ids matching a History query, newest first, with the totals by account.
pub(super) async fn find_shipments(
    core: &Core,
    query: HistoryQuery,
    generation: u64,
) -> FoundShipments {
    let found = core
        .with_store(move |s| {
            Ok((
                s.matching_ids(&query),
                s.totals(&query).unwrap_or_default(),
                s.day_picture(&query).unwrap_or_default(),
            ))
        })
        .await;
    match found {
        Ok((ids, totals, picture)) => FoundShipments {
            generation,
            ids,
            totals,
            picture,
        },
        Err(error) => FoundShipments {
            generation,
            ids: Err(error),
            totals: Vec::new(),
            picture: Default::default(),
        },
    }
}

/// Accounts, what needs a person, the desk's presets and its printers.
pub(super) async fn overview(core: &Core) -> Result<Overview, StoreError> {
    let mut overview = core
        .with_store(|s| {
            Ok(Overview {
                accounts: s.accounts()?,
                unsettled: s.unsettled()?.into_iter().map(|r| r.reference).collect(),
                refunds_due: s.refunds_due()?,
                sender_profiles: s.sender_profiles()?,
                parcel_presets: s.parcel_presets()?,
                printers: Default::default(),
                services: s.all_services_offered()?,
            })
        })
        .await?;
    overview.printers = lock(&core.printers).clone();
    Ok(overview)
}

/// Saves or removes a sender profile or parcel preset.
pub(super) async fn edit_presets(core: &Core, edit: PresetEdit) -> Result<(), StoreError> {
    core.with_store(move |s| match &edit {
        PresetEdit::SaveSender(profile) => s.save_sender_profile(profile),
        PresetEdit::DeleteSender(name) => s.delete_sender_profile(name),
        PresetEdit::SaveParcel(preset) => s.save_parcel_preset(preset),
        PresetEdit::DeleteParcel(name) => s.delete_parcel_preset(name),
    })
    .await
}

/// The shipment already using `reference` (its state and when it was recorded), or `None` when
/// the reference is free. A refused order is sent again under its own reference once fixed, so
/// a failed one leaves it free.
pub(super) async fn reference_use(core: &Core, reference: &str) -> Option<(ShipmentState, i64)> {
    let lookup = reference.trim().to_owned();
    match core.with_store(move |s| s.shipment(&lookup)).await {
        Ok(found) => found
            .filter(|r| r.state != ShipmentState::Failed)
            .map(|r| (r.state, r.created_at)),
        Err(error) => {
            // Only a hint: the engine still refuses a real duplicate when it is sent.
            tracing::warn!("cannot check a reference: {error:#}");
            None
        }
    }
}

/// Up to five earlier recipients whose name starts with `prefix` (none on error: suggestions are
/// a convenience).
pub(super) async fn recent_recipients(core: &Core, prefix: String) -> Vec<Address> {
    core.with_store(move |s| s.recent_recipients(&prefix, 5))
        .await
        .unwrap_or_default()
}

/// Reads a stored label and draws its pages at 144 dpi (at most eight) for the preview.
pub(super) async fn render_label(path: PathBuf) -> RenderedLabel {
    let file = path.clone();
    let pages = tokio::task::spawn_blocking(move || {
        let bytes = std::fs::read(&file).map_err(|e| {
            Text::new(
                format!("Cannot read the label file: {e}"),
                format!("无法读取面单文件：{e}"),
            )
        })?;
        let cannot_show =
            |e: &dyn std::fmt::Display| Text::new(e.to_string(), format!("无法显示面单：{e}"));
        let pdf = crate::labels::label_as_pdf(&bytes).map_err(|e| cannot_show(&e))?;
        crate::labels::rasterise_pdf(&pdf, 144.0, 8).map_err(|e| cannot_show(&e))
    })
    .await
    .unwrap_or_else(|_| Err(ShipError::Internal.describe()));
    RenderedLabel { path, pages }
}
