//! Reconciling a lost create when the lookup by our reference says the forwarder has no such
//! order, for forwarders whose recorded create may simply go again
//! ([`crate::carriers::Forwarder::resends_after_no_such_order`], ECCANG):
//!
//! 1. the lookup's answer is kept, and the row says what happens next, before anything leaves;
//! 2. the recorded create goes again under the same reference, within the re-send bounds
//!    ([`super::resend`]), as [`Attempt::ResendAfterLookup`]: a refusal of it settles nothing;
//! 3. after a refusal the forwarder is asked once more, and only a second "no such order" makes
//!    the refusal a failure, nothing bought ([`outcome::after_refused_resend`]). A host whose
//!    words for "that reference already exists" are not recognised, or an order committed late
//!    between the lookup and the re-send, is thus never recorded as "nothing charged".

use super::lookup::{Looked, ask, record_decision};
use super::outcome::{self, Attempt};
use super::resend::{Resent, resend};
use crate::engine::Core;
use crate::engine::ShipReport;
use crate::engine::accounts::ResolvedAccount;
use crate::engine::error::ShipError;
use crate::model::{ShipmentState, Text, Transition};
use crate::store::{Outcome, ShipmentRecord};

/// Sends the recorded create of `record` again after the lookup `looked` said the forwarder has
/// no such order, and settles what that re-send's answer leaves open.
pub(super) async fn resend_after_no_such_order(
    core: &Core,
    record: &ShipmentRecord,
    resolved: &ResolvedAccount,
    looked: Looked,
) -> Result<ShipReport, ShipError> {
    let id = record.id;
    let name = resolved.account.forwarder.display_name();

    // 1. The lookup's answer, and what comes next, recorded before the re-send leaves.
    let note = Text::new(
        format!(
            "{} has no order under this reference: the recorded order is sent again under the same reference (never a new one).",
            name.en
        ),
        format!(
            "{}没有该参考号的订单：以同一参考号重新提交已记录的订单（不会换号）。",
            name.zh
        ),
    );
    let rec_note = note.clone();
    let audit = looked.audit;
    let applied = core
        .with_store(move |s| {
            s.record_outcome(
                id,
                Transition::Reconciled.from(),
                &Outcome {
                    state: ShipmentState::Unknown,
                    tracking_number: None,
                    forwarder_order_id: None,
                    message: Some(&rec_note),
                    response: audit,
                },
            )
        })
        .await?;
    let reference = record.reference.clone();
    let Some(now) = core.with_store(move |s| s.shipment(&reference)).await? else {
        return Err(ShipError::NoShipment(record.reference.clone()));
    };
    if !applied {
        // Settled meanwhile (its own late answer, another window): nothing to send.
        return Ok(ShipReport::from_record(now));
    }

    // 2. The recorded create, again, under the same reference and within bounds.
    let Resent { report, refused } =
        resend(core, &now, resolved, Attempt::ResendAfterLookup).await?;
    let Some(refusal) = refused.filter(|_| report.state == ShipmentState::Unknown) else {
        return Ok(report);
    };

    // 3. Refused: is the order there after all?
    let second = ask(core, &now, resolved).await?;
    let decision = outcome::after_refused_resend(
        &name,
        &refusal,
        second.answer.as_ref().map(Clone::clone),
        crate::carriers::forwarder(resolved.account.forwarder)
            .capabilities()
            .refund,
    );
    record_decision(
        core,
        &now,
        resolved,
        decision,
        second.audit,
        Transition::Reconciled,
    )
    .await
}
