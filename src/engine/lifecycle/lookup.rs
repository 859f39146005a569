//! Looking a lost create up by our reference (logssc's 返回单号和费用 by `customerNumber`) and
//! recording what that means ([`outcome::after_lookup`]), and looking again by itself: while the
//! forwarder may still be placing the order (back-off), and once more after an order was settled
//! failed by a lookup. The poller runs the looks that are due ([`look_again`]); when is kept in
//! the store, so it resumes after a restart.

use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::json;

use super::outcome::{self, Look, LookupDecision, NextLook};
use super::pacing::{LATER_LOOKS_FOR, after};
use super::ship::timeout;
use crate::carriers::{self, FollowUp, FollowUpAnswer, ForwarderKind, OrderNumbers};
use crate::engine::Core;
use crate::engine::ShipReport;
use crate::engine::accounts::{ResolvedAccount, resolve};
use crate::engine::error::ShipError;
use crate::engine::http::TransportError;
use crate::model::{ShipmentState, Transition};
use crate::store::{Outcome, ReconcilePace, SentRequest, ShipmentRecord, now_ms};

/// A lookup's answer as the forwarder's dialect read it (`Err`: none arrived), and its audit
/// detail.
pub(in crate::engine) struct Looked {
    /// What the forwarder said.
    pub answer: Result<FollowUpAnswer, TransportError>,
    /// The call, its status and body (or the transport error), for the audit trail.
    pub audit: serde_json::Value,
}

/// Whether shipdesk looks orders of `kind` up again by itself: a forwarder that is asked by
/// reference and whose "no such order" is answered by waiting, not by sending again (logssc).
pub(in crate::engine) fn looks_again_by_itself(kind: ForwarderKind) -> bool {
    let forwarder = carriers::forwarder(kind);
    forwarder.reconciles_by_lookup() && !forwarder.resends_after_no_such_order()
}

/// The ids of the forwarders shipdesk looks up again by itself.
pub(in crate::engine) fn self_looking_forwarders() -> Vec<&'static str> {
    ForwarderKind::ALL
        .into_iter()
        .filter(|kind| looks_again_by_itself(*kind))
        .map(ForwarderKind::id)
        .collect()
}

/// Asks the forwarder for the order by our reference (with a fresh session token once, if the
/// forwarder's was refused); the request goes into the audit trail.
pub(in crate::engine) async fn ask(
    core: &Core,
    record: &ShipmentRecord,
    resolved: &ResolvedAccount,
) -> Result<Looked, ShipError> {
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
                    now_ms(),
                )
                .unwrap_or_else(|| Err(outcome::not_askable()))
        },
    )
    .await?;
    let id = record.id;
    let sent = SentRequest::call(&request, &forwarder.audit_body(&request));
    core.with_store(move |s| s.record_call(id, &sent)).await?;
    let audit = match &answer {
        Ok(response) => {
            json!({ "call": "reconcile_lookup", "status": response.status, "body": response.body_text() })
        }
        Err(error) => json!({ "call": "reconcile_lookup", "error": error.message.en }),
    };
    Ok(Looked {
        answer: answer.map(|r| forwarder.parse_follow_up(FollowUp::TrackingNumber, &r)),
        audit,
    })
}

/// Records what a lookup's answer means for `record` and when shipdesk looks again. A
/// shipment in `failed` gets the look once more: only finding the order moves it
/// ([`Transition::FoundLater`]); any other shipment is being settled ([`Transition::Reconciled`]),
/// and a "no such order" within the placing window after its create was sent is not proof.
pub(in crate::engine) async fn settle(
    core: &Core,
    record: &ShipmentRecord,
    resolved: &ResolvedAccount,
    looked: Looked,
) -> Result<ShipReport, ShipError> {
    let id = record.id;
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    let pace = core.with_store(move |s| s.reconcile_pace(id)).await?;
    let pacing = core.reconcile_pacing();
    let now = now_ms();
    let (look, transition) = if record.state == ShipmentState::Failed {
        (Look::OnceMore, Transition::FoundLater)
    } else {
        // The placing window is for forwarders that place orders after answering (logssc),
        // which shipdesk therefore looks up again by itself; the others answer a create with
        // the order made or not.
        let ends = after(pace.create_sent_at, pacing.placing_window);
        let placing_until =
            (looks_again_by_itself(resolved.account.forwarder) && now < ends).then_some(ends);
        (Look::Settling { placing_until }, Transition::Reconciled)
    };
    let decision = outcome::after_lookup(
        &resolved.account.forwarder.display_name(),
        looked.answer.as_ref().map(Clone::clone),
        forwarder.capabilities().refund,
        look,
    );
    record_decision(core, record, resolved, decision, looked.audit, transition).await
}

/// Records `decision`, what a lookup's answer (whose audit copy is `audit`) means for
/// `record`, as `transition` when it changes the state, and when shipdesk looks again.
pub(in crate::engine) async fn record_decision(
    core: &Core,
    record: &ShipmentRecord,
    resolved: &ResolvedAccount,
    decision: LookupDecision,
    audit: serde_json::Value,
    transition: Transition,
) -> Result<ShipReport, ShipError> {
    let id = record.id;
    let pace = core.with_store(move |s| s.reconcile_pace(id)).await?;
    let now = now_ms();
    let LookupDecision {
        state,
        tracking_number: tracking,
        forwarder_order_id: order_id,
        charged,
        message,
        next_look,
    } = decision;
    let rec_message = message.clone();
    let applied = if state == record.state {
        // Still unknown, or still failed: a note, not a new state every few seconds.
        core.with_store(move |s| s.record_look(id, state, &audit, &rec_message))
            .await?
    } else {
        if let Some(fee) = charged {
            core.with_store(move |s| s.record_charged_fee(id, &fee))
                .await?;
        }
        let (rec_tracking, rec_order) = (tracking.clone(), order_id);
        core.with_store(move |s| {
            s.record_outcome(
                id,
                transition.from(),
                &Outcome {
                    state,
                    tracking_number: rec_tracking.as_deref(),
                    forwarder_order_id: rec_order.as_deref(),
                    message: Some(&rec_message),
                    response: audit,
                },
            )
        })
        .await?
    };
    if applied {
        // Only forwarders that are waited for are looked up by the poller; the others are
        // reconciled when a person asks.
        let next = if looks_again_by_itself(resolved.account.forwarder) {
            next_look_at(core, &pace, next_look, now)
        } else {
            None
        };
        core.with_store(move |s| s.schedule_look(id, state, next))
            .await?;
    }
    Ok(ShipReport {
        reference: record.reference.clone(),
        state: if applied { state } else { record.state },
        tracking_number: tracking,
        label_path: None,
        message: Some(message),
        quoted_fee: None,
    })
}

/// When shipdesk looks again by itself: soon with back-off (the poller's pauses: its first
/// pause, doubled each look, at most five minutes) while the forwarder may still be placing
/// the order; [`ONCE_MORE_AFTER`](super::pacing::ONCE_MORE_AFTER) later for a look once more,
/// until [`LATER_LOOKS_FOR`] after the create was sent.
fn next_look_at(core: &Core, pace: &ReconcilePace, next: NextLook, now: i64) -> Option<i64> {
    match next {
        NextLook::Never => None,
        NextLook::BackOff => {
            let base = Duration::from_millis(core.poll_base_ms.load(Ordering::Relaxed));
            Some(after(
                now,
                super::poller::pause(base, pace.lookups.saturating_add(1)),
            ))
        }
        NextLook::OnceMore => {
            let at = after(now, core.reconcile_pacing().once_more_after);
            (at <= after(pace.create_sent_at, LATER_LOOKS_FOR)).then_some(at)
        }
    }
}

/// Looks up a shipment whose next look is due (the poller calls it): a lookup and its meaning,
/// never a re-send. A look that cannot even be made (no account, no keychain entry) is tried
/// again later, not at once in a loop.
pub(in crate::engine) async fn look_again(core: &Core, record: &ShipmentRecord) {
    let id = record.id;
    if core.is_in_flight(id) {
        return;
    }
    let looked = async {
        let resolved = resolve(core, &record.account).await?;
        let looked = ask(core, record, &resolved).await?;
        settle(core, record, &resolved, looked).await
    }
    .await;
    match looked {
        Ok(report) if report.state != record.state => {
            super::poller::announce_change(core, id).await;
        }
        Ok(_) => {}
        Err(error) => {
            tracing::warn!(shipment = id, "cannot look the order up again: {error:#}");
            let state = record.state;
            let later = async {
                let pace = core.with_store(move |s| s.reconcile_pace(id)).await?;
                let next = next_look_at(core, &pace, NextLook::BackOff, now_ms())
                    .filter(|at| *at <= after(pace.create_sent_at, LATER_LOOKS_FOR));
                core.with_store(move |s| s.schedule_look(id, state, next))
                    .await
            };
            if let Err(error) = later.await {
                tracing::warn!(shipment = id, "cannot schedule the next look: {error:#}");
            }
        }
    }
}
