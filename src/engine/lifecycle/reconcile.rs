//! Settling shipments whose answer was lost, without ever buying twice, and fetching labels
//! that did not arrive. A forwarder that is asked by reference is looked up ([`super::lookup`]),
//! and sent the recorded create again only when it has no such order and allows that (ECCANG:
//! [`super::resend_after_lookup`]); one that is not asked is sent the recorded create again,
//! within bounds ([`super::resend`]).

use std::collections::HashSet;

use crate::engine::{ReconcileAction, ReconcileReport};

use super::ship::timeout;
use crate::carriers::{self, CreateOutcome, FollowUpAnswer, WireResponse};
use crate::engine::Core;
use crate::engine::ShipReport;
use crate::engine::accounts::resolve;
use crate::engine::error::ShipError;
use crate::model::{ShipmentState, Text};
use crate::store::{ReconcilePace, ShipmentRecord};

/// How long past its time-out a `submitting` row is left to its own send before it is reconciled.
const STILL_SENDING_GRACE_MS: i64 = 15_000;

/// Settles every shipment left in `submitting` or `unknown`, then fetches missing labels.
///
/// A forwarder without lookup-by-reference (Western Post) is asked by re-sending the exact
/// recorded body under the same reference: it either creates the order now (the first send never
/// arrived) or answers "reference already exists", which proves the first send bought it. Each
/// shipment is visited once a run, and a re-send is claimed in the store before it goes, so a run
/// sends at most one create per shipment, and reconciles that overlap send it once in all.
pub(in crate::engine) async fn reconcile_all(
    core: &Core,
) -> Result<Vec<ReconcileReport>, ShipError> {
    reconcile_all_with_orphans(core, &HashSet::new()).await
}

/// [`reconcile_all`], where the shipments with references in `orphans` are known to have no
/// send waiting for its answer anywhere (the batch that sent them was cut off: its process is
/// gone), so they are settled at once instead of being left to a send that will never answer.
pub(in crate::engine) async fn reconcile_all_with_orphans(
    core: &Core,
    orphans: &HashSet<String>,
) -> Result<Vec<ReconcileReport>, ShipError> {
    let mut reports = Vec::new();
    for record in core.with_store(|s| s.unsettled()).await? {
        let (id, before) = (record.id, record.state);
        let paced_before = core.with_store(move |s| s.reconcile_pace(id)).await?;
        let orphaned = orphans.contains(&record.reference);
        let (after, tracking_number, message) = match reconcile_one(core, &record, orphaned).await {
            Ok(settled) => (settled.state, settled.tracking_number, settled.message),
            Err(error) => (before, None, Some(error.describe())),
        };
        let action = what_was_done(core, &record, &paced_before, after).await;
        reports.push(ReconcileReport {
            reference: record.reference.clone(),
            before,
            after,
            tracking_number,
            message,
            action,
        });
    }
    for record in core.with_store(|s| s.missing_labels()).await? {
        let id = record.id;
        let last_answer = core
            .with_store(move |s| s.events(id))
            .await?
            .into_iter()
            .rev()
            .find_map(|e| {
                let status = e.detail.get("status")?.as_u64()?;
                let body = e.detail.get("body")?.as_str()?.as_bytes().to_vec();
                Some(WireResponse {
                    status: u16::try_from(status).unwrap_or(0),
                    content_type: None,
                    body,
                })
            });
        let forwarder = carriers::ForwarderKind::parse(&record.forwarder).map(carriers::forwarder);
        let source = match (forwarder, last_answer) {
            (Some(forwarder), Some(answer)) => match forwarder.parse_create(&answer) {
                CreateOutcome::Created(booking) => booking.label,
                _ => None,
            },
            _ => None,
        };
        let message = match source {
            Some(source) => crate::engine::label_fetch::fetch_and_keep(core, id, &source)
                .await
                .err(),
            None => Some(Text::new(
                "The forwarder's answer holds no label link; fetch the label from its portal.",
                "物流商应答中没有面单链接，请到其后台下载面单。",
            )),
        };
        reports.push(ReconcileReport {
            reference: record.reference,
            before: record.state,
            after: record.state,
            tracking_number: record.tracking_number,
            message,
            action: ReconcileAction::Asked {
                looks_again_at: None,
            },
        });
    }
    Ok(reports)
}

async fn reconcile_one(
    core: &Core,
    record: &ShipmentRecord,
    orphaned: bool,
) -> Result<ShipReport, ShipError> {
    let (id, reference) = (record.id, record.reference.as_str());
    let resolved = resolve(core, &record.account).await?;
    // A send still waiting for its answer (here, or in another shipdesk on this database) must
    // not be raced: its own answer settles it.
    let waiting_ms = i64::try_from(timeout(&resolved.account).as_millis()).unwrap_or(i64::MAX);
    let may_be_waiting = !orphaned
        && record.state == ShipmentState::Submitting
        && crate::store::now_ms().saturating_sub(record.updated_at)
            < waiting_ms.saturating_add(STILL_SENDING_GRACE_MS);
    if core.is_in_flight(id) || may_be_waiting {
        return Ok(ShipReport {
            reference: reference.to_owned(),
            state: record.state,
            tracking_number: None,
            label_path: None,
            quoted_fee: None,
            message: Some(Text::new(
                "Still being sent: its own answer will settle it. Try again in a minute if it stays unknown.",
                "正在提交中：等待其应答。若一分钟后仍未知，请再核对。",
            )),
        });
    }
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    if forwarder.reconciles_by_lookup() {
        return reconcile_by_lookup(core, record, &resolved).await;
    }
    Ok(
        super::resend::resend(core, record, &resolved, super::outcome::Attempt::Resend)
            .await?
            .report,
    )
}

/// Settles a lost create by asking the forwarder for the order by our reference (logssc's
/// 返回单号和费用 by `customerNumber`), never by sending the create again; what its answer
/// means is [`outcome::after_lookup`](super::outcome::after_lookup).
async fn reconcile_by_lookup(
    core: &Core,
    record: &ShipmentRecord,
    resolved: &crate::engine::accounts::ResolvedAccount,
) -> Result<ShipReport, ShipError> {
    let looked = super::lookup::ask(core, record, resolved).await?;
    let no_such_order = matches!(looked.answer, Ok(FollowUpAnswer::NoSuchOrder(_)));
    if no_such_order
        && carriers::forwarder(resolved.account.forwarder).resends_after_no_such_order()
    {
        return super::resend_after_lookup::resend_after_no_such_order(
            core, record, resolved, looked,
        )
        .await;
    }
    super::lookup::settle(core, record, resolved, looked).await
}

/// What a reconcile did about `record`, from its pacing before and after (left alone, if that
/// cannot be read back).
async fn what_was_done(
    core: &Core,
    record: &ShipmentRecord,
    before: &ReconcilePace,
    state_after: ShipmentState,
) -> ReconcileAction {
    let id = record.id;
    let Ok(after) = core.with_store(move |s| s.reconcile_pace(id)).await else {
        return ReconcileAction::LeftAlone;
    };
    let may_resend = carriers::ForwarderKind::parse(&record.forwarder)
        .map(carriers::forwarder)
        .is_some_and(|f| !f.reconciles_by_lookup() || f.resends_after_no_such_order());
    super::pacing::action(
        before,
        &after,
        state_after,
        may_resend,
        crate::store::now_ms(),
    )
}
