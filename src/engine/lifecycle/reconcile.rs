//! Settling shipments whose answer was lost, without ever buying twice, and fetching labels
//! that did not arrive.

use crate::engine::ReconcileReport;
use serde_json::json;

use super::outcome::{self, Attempt, LookupDecision};
use super::ship::{fresh_request, settle, timeout};
use crate::carriers::{self, CreateOutcome, FollowUp, OrderNumbers, WireResponse};
use crate::engine::Core;
use crate::engine::ShipReport;
use crate::engine::accounts::resolve;
use crate::engine::error::ShipError;
use crate::model::{ShipmentState, Text, Transition};
use crate::store::{Outcome, SentRequest, ShipmentRecord};

/// How long past its time-out a `submitting` row is left to its own send before it is reconciled.
const STILL_SENDING_GRACE_MS: i64 = 15_000;

/// Settles every shipment left in `submitting` or `unknown`, then fetches missing labels.
///
/// A forwarder without lookup-by-reference (Western Post) is asked by re-sending the exact
/// recorded body under the same reference: it either creates the order now (the first send never
/// arrived) or answers "reference already exists", which proves the first send bought it.
pub(in crate::engine) async fn reconcile_all(
    core: &Core,
) -> Result<Vec<ReconcileReport>, ShipError> {
    let mut reports = Vec::new();
    for record in core.with_store(|s| s.unsettled()).await? {
        let before = record.state;
        let report = match reconcile_one(core, &record).await {
            Ok(settled) => ReconcileReport {
                reference: record.reference.clone(),
                before,
                after: settled.state,
                tracking_number: settled.tracking_number,
                message: settled.message,
            },
            Err(error) => ReconcileReport {
                reference: record.reference.clone(),
                before,
                after: before,
                tracking_number: None,
                message: Some(Text::new(error.to_string(), error.to_string())),
            },
        };
        reports.push(report);
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
        });
    }
    Ok(reports)
}

async fn reconcile_one(core: &Core, record: &ShipmentRecord) -> Result<ShipReport, ShipError> {
    let (id, reference) = (record.id, record.reference.as_str());
    let resolved = resolve(core, &record.account).await?;
    // A send still waiting for its answer (here, or in another shipdesk on this database) must
    // not be raced: its own answer settles it.
    let waiting_ms = i64::try_from(timeout(&resolved.account).as_millis()).unwrap_or(i64::MAX);
    let may_be_waiting = record.state == ShipmentState::Submitting
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
    let Some(body) = core
        .with_store(move |s| s.recorded_request_body(id))
        .await?
    else {
        // Recorded without a request (cannot happen with this build's write-ahead); leave it listed.
        return Ok(ShipReport {
            reference: reference.to_owned(),
            state: ShipmentState::Unknown,
            tracking_number: None,
            label_path: None,
            quoted_fee: None,
            message: Some(Text::new(
                "No recorded request to check with; look it up in the forwarder's portal.",
                "没有已记录的请求可供核对，请到物流商后台查询。",
            )),
        });
    };
    let payload = body.into_bytes();
    let request = fresh_request(&resolved.account, &resolved.credentials, payload.clone())?;
    let sent = SentRequest::new(&request, &forwarder.audit_body(&request), &payload);
    core.with_store(move |s| s.record_resend(id, &sent)).await?;
    let answer = crate::engine::http::send(&core.http, &request, timeout(&resolved.account)).await;
    settle(
        core,
        id,
        reference,
        &resolved.account,
        answer,
        Attempt::Resend,
    )
    .await
}

/// Settles a lost create by asking the forwarder for the order by our reference (logssc's
/// 返回单号和费用 by `customerNumber`), never by sending the create again; what its answer
/// means is [`outcome::after_lookup`].
async fn reconcile_by_lookup(
    core: &Core,
    record: &ShipmentRecord,
    resolved: &crate::engine::accounts::ResolvedAccount,
) -> Result<ShipReport, ShipError> {
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    let order = OrderNumbers {
        reference: &record.reference,
        tracking_number: record.tracking_number.as_deref(),
        forwarder_order_id: record.forwarder_order_id.as_deref(),
    };
    let (request, answer) = crate::engine::session::exchange(
        core,
        resolved,
        timeout(&resolved.account),
        |credentials| {
            forwarder
                .follow_up_request(
                    FollowUp::TrackingNumber,
                    &order,
                    &resolved.account,
                    credentials,
                    crate::store::now_ms(),
                )
                .unwrap_or_else(|| Err(outcome::not_askable()))
        },
    )
    .await?;
    let id = record.id;
    let sent = SentRequest::new(&request, &forwarder.audit_body(&request), &[]);
    core.with_store(move |s| s.record_call(id, &sent)).await?;
    let name = resolved.account.forwarder.display_name();
    let audit = match &answer {
        Ok(response) => {
            json!({ "call": "reconcile_lookup", "status": response.status, "body": response.body_text() })
        }
        Err(error) => json!({ "call": "reconcile_lookup", "error": error.message.en }),
    };
    let LookupDecision {
        state,
        tracking_number: tracking,
        forwarder_order_id: order_id,
        charged,
        message,
    } = outcome::after_lookup(
        &name,
        answer
            .as_ref()
            .map(|r| forwarder.parse_follow_up(FollowUp::TrackingNumber, r)),
        forwarder.capabilities().refund,
    );
    if let Some(fee) = charged {
        core.with_store(move |s| s.record_charged_fee(id, &fee))
            .await?;
    }
    let (rec_tracking, rec_order, rec_message) = (tracking.clone(), order_id, message.clone());
    let applied = core
        .with_store(move |s| {
            s.record_outcome(
                id,
                Transition::Reconciled.from(),
                &Outcome {
                    state,
                    tracking_number: rec_tracking.as_deref(),
                    forwarder_order_id: rec_order.as_deref(),
                    message: Some(&rec_message),
                    response: audit,
                },
            )
        })
        .await?;
    Ok(ShipReport {
        reference: record.reference.clone(),
        state: if applied { state } else { record.state },
        tracking_number: tracking,
        label_path: None,
        message: Some(message),
        quoted_fee: None,
    })
}
