//! Buying queued orders in a batch. Each order goes through the one ship path ([`Ship`](crate::engine::Ship)'s own
//! work, as the form's: preflight, write-ahead, send, settle), so a batch
//! buys exactly as the form does and never twice: an order whose reference already has a
//! shipment is not sent again, and a batch cut off by a crash is resumed after reconciling
//! what was on the wire.
//!
//! Its labels are printed as one job at the end, and those that arrive later as one follow-up
//! job (`batch_print`), not one auto-print an order.
//!
//! Orders run at most `concurrency` at once overall, and at most each account's own setting
//! at once per account. Pause and cancel stop new orders from starting; those on the wire
//! finish.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use super::batch_gates::{BatchGates, accounts_by_name};
use super::batch_print::Bought;
use crate::carriers;
use crate::engine::dispatch::Request as _;
use crate::engine::{
    BatchOrder, BatchOutcome, BatchProgress, BatchReport, BuyQueued, Core, Event, Quote,
    QuoteReport, ShipError,
};
use crate::model::{ShipmentState, Text};

/// What a batch is told to do between orders.
#[derive(Debug, Default)]
pub(in crate::engine) struct BatchControl(AtomicU8);

const GO: u8 = 0;
const PAUSE: u8 = 1;
const CANCEL: u8 = 2;

impl BatchControl {
    /// Pause (`Some(true)`), go on (`Some(false)`) or cancel (`None`).
    pub(in crate::engine) fn set(&self, pause: Option<bool>) {
        let value = match pause {
            Some(true) => PAUSE,
            Some(false) => GO,
            None => CANCEL,
        };
        // A cancelled batch stays cancelled.
        let _ = self
            .0
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |now| {
                (now != CANCEL).then_some(value)
            });
    }

    /// Waits while paused; `false` once cancelled.
    async fn may_start(&self) -> bool {
        loop {
            match self.0.load(Ordering::SeqCst) {
                GO => return true,
                CANCEL => return false,
                _ => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
            }
        }
    }
}

/// Buys the batch (see [`BuyQueued`]).
pub(in crate::engine) async fn buy(
    core: &Arc<Core>,
    request: BuyQueued,
) -> Result<BatchReport, Text> {
    let store_error = |e: crate::store::StoreError| e.what_to_do();
    let cap = request.concurrency.clamp(1, 64);
    let (batch_id, references) = match request.resume {
        Some(id) => {
            // What was on the wire when the batch was cut off is settled first (asked of the
            // forwarder by reference), so nothing it holds is sent again. Its sends died with
            // its process: they are settled now, not left to answers that will never come
            // (an order killed between its write-ahead and its send would otherwise stay
            // "submitting" and never be bought).
            let orphans: std::collections::HashSet<String> = core
                .with_store(move |s| s.batch_sends_cut_off(id))
                .await
                .map_err(store_error)?
                .into_iter()
                .collect();
            if let Err(error) = super::reconcile::reconcile_all_with_orphans(core, &orphans).await {
                tracing::warn!("reconcile before resuming batch {id}: {error}");
            }
            let refs = core
                .with_store(move |s| s.resume_batch(id))
                .await
                .map_err(store_error)?;
            (id, refs)
        }
        None => {
            let refs = if request.references.is_empty() {
                core.with_store(|s| s.ready_references())
                    .await
                    .map_err(store_error)?
            } else {
                request.references.clone()
            };
            let members = refs.clone();
            let id = core
                .with_store(move |s| s.start_batch(&members, cap as u32))
                .await
                .map_err(store_error)?;
            (id, refs)
        }
    };
    let control = Arc::new(BatchControl::default());
    core.batch_control(batch_id, Some(control.clone()));
    let accounts = accounts_by_name(core).await.map_err(store_error)?;
    let mut gates = BatchGates::new(cap);
    let quotes: HashMap<String, QuoteReport> = request
        .quotes
        .into_iter()
        .map(|q| (q.reference.clone(), q))
        .collect();
    let quotes = Arc::new(quotes);
    let total = references.len();
    let progress = Arc::new(std::sync::Mutex::new(BatchProgress {
        batch_id,
        total,
        ..BatchProgress::default()
    }));
    // Said at once (not after the first order ends), so the window can show the batch and
    // offer Pause and Cancel while its first orders are on the wire.
    core.announce(Event::BatchProgress(
        crate::engine::core::lock(&progress).clone(),
    ));
    let mut tasks = Vec::with_capacity(total);
    let mut claimed = Vec::new();
    for reference in references {
        let account_name = core
            .with_store({
                let r = reference.clone();
                move |s| {
                    Ok(s.queued_order(&r)?
                        .map(|o| o.form.account.trim().to_owned()))
                }
            })
            .await
            .map_err(store_error)?
            .unwrap_or_default();
        // Its label is printed by the batch, in the batch's one job (the auto-print rule,
        // applied to the batch as a whole).
        if accounts
            .get(&account_name)
            .is_some_and(|a| a.settings.auto_print)
        {
            crate::engine::core::lock(&core.batch_labels).claim(batch_id, &reference);
            claimed.push(reference.clone());
        }
        let (account_gate, global) = gates.for_account(&account_name, &accounts);
        let (core, control, quotes, progress) = (
            core.clone(),
            control.clone(),
            quotes.clone(),
            progress.clone(),
        );
        let accept_fee = request.accept_fee;
        tasks.push(tokio::spawn(async move {
            let outcome = match (account_gate.acquire().await, global.acquire().await) {
                (Ok(_account), Ok(_global)) if control.may_start().await => {
                    // Said as it goes on the wire too, so "waiting" is true between the ends.
                    let snapshot = {
                        let mut p = crate::engine::core::lock(&progress);
                        p.waiting += 1;
                        p.clone()
                    };
                    core.announce(Event::BatchProgress(snapshot));
                    let outcome =
                        buy_one(&core, &reference, quotes.get(&reference), accept_fee).await;
                    crate::engine::core::lock(&progress).waiting -= 1;
                    outcome
                }
                _ => BatchOutcome::NotStarted,
            };
            let snapshot = {
                let mut p = crate::engine::core::lock(&progress);
                p.count(&outcome);
                p.clone()
            };
            core.announce(Event::BatchProgress(snapshot));
            BatchOrder { reference, outcome }
        }));
    }
    let mut orders = Vec::with_capacity(total);
    for task in tasks {
        match task.await {
            Ok(order) => orders.push(order),
            Err(_) => orders.push(BatchOrder {
                reference: String::new(),
                outcome: BatchOutcome::Error(ShipError::Internal.describe()),
            }),
        }
    }
    let cancelled = orders
        .iter()
        .any(|o| matches!(o.outcome, BatchOutcome::NotStarted));
    let state = if cancelled { "cancelled" } else { "finished" };
    core.batch_control(batch_id, None);
    let bought: Vec<Bought> = orders
        .iter()
        .filter(|o| claimed.contains(&o.reference))
        .filter_map(|o| match &o.outcome {
            BatchOutcome::Bought(report) => Some(Bought {
                reference: o.reference.clone(),
                label_now: report.label_path.is_some(),
            }),
            _ => None,
        })
        .collect();
    let (printed, labels_to_come) =
        super::batch_print::print_batch(core, batch_id, claimed, bought, request.print_order).await;
    core.with_store(move |s| s.set_batch_state(batch_id, state))
        .await
        .map_err(store_error)?;
    Ok(BatchReport {
        batch_id,
        orders,
        cancelled,
        printed,
        labels_to_come,
    })
}

/// One order of the batch: checked with the form's rules, priced when its forwarder prices
/// first (an accepted fee is checked against the forwarder's price now), then bought through
/// the ship path.
async fn buy_one(
    core: &Arc<Core>,
    reference: &str,
    accepted: Option<&QuoteReport>,
    accept_fee: bool,
) -> BatchOutcome {
    let lookup = reference.to_owned();
    let queued = match core.with_store(move |s| s.queued_order(&lookup)).await {
        Ok(Some(queued)) => queued,
        Ok(None) => {
            return BatchOutcome::Error(Text::new("no longer in the queue", "已不在队列中"));
        }
        Err(error) => return BatchOutcome::Error(error.what_to_do()),
    };
    if let Some((_, state)) = queued.row.shipment
        && state != ShipmentState::Failed
    {
        return BatchOutcome::AlreadyBought(state);
    }
    let lookup = queued.form.account.trim().to_owned();
    let account = core
        .with_store(move |s| s.account(&lookup))
        .await
        .ok()
        .flatten();
    let shipment = match crate::queue::check_typed(&queued.form, account.as_ref()) {
        Ok(shipment) => shipment,
        Err(issues) => return BatchOutcome::Invalid(issues),
    };
    let account_name = queued.form.account.trim().to_owned();
    let previews_fee = account
        .as_ref()
        .is_some_and(|a| carriers::forwarder(a.forwarder).previews_fee(a));
    let quote = match (previews_fee, accepted) {
        (false, _) => None,
        (true, Some(accepted)) => {
            match still_good(core, &shipment, &account_name, accepted).await {
                Ok(()) => Some(accepted.clone()),
                Err(held) => return held,
            }
        }
        (true, None) if accept_fee => {
            match Quote::new(shipment.clone(), account_name.clone())
                .run(core.clone())
                .await
            {
                Ok(quote) => Some(quote),
                Err(error) => return BatchOutcome::Error(error.describe()),
            }
        }
        (true, None) => {
            return BatchOutcome::Held(Text::new(
                "this forwarder prices first: preview the batch's fees and accept them",
                "该货代须先报价：请预览本批费用并确认",
            ));
        }
    };
    // The ship itself, without its auto-print: the batch prints its labels as one job.
    let result = super::ship::ship(core, shipment, &account_name, quote).await;
    let link = reference.to_owned();
    core.with_store(move |s| s.link_queued(&link)).await.ok();
    match result {
        Ok(report) => match report.state {
            ShipmentState::Failed => BatchOutcome::Refused(report),
            state if state.needs_reconciling() => BatchOutcome::Lost(report),
            _ => BatchOutcome::Bought(report),
        },
        Err(ShipError::QuoteStale | ShipError::QuoteExpired) => BatchOutcome::Held(Text::new(
            "its fee changed or expired since it was accepted: preview it again",
            "确认后费用已变或已过期：请重新预览",
        )),
        Err(ShipError::AlreadyRecorded { state, .. }) => BatchOutcome::AlreadyBought(state),
        Err(ShipError::Invalid(issues)) => BatchOutcome::Invalid(issues),
        Err(error) => BatchOutcome::Error(error.describe()),
    }
}

/// Whether the fee the packer accepted for this order still holds: not too old, and what the
/// forwarder asks now, for exactly this order. logssc's preview reserves nothing, so a tariff or
/// surcharge change between the batch's confirmation and its buy would otherwise be bought at a
/// price nobody agreed to; such an order is held with both fees, not bought.
async fn still_good(
    core: &Core,
    shipment: &crate::model::Shipment,
    account_name: &str,
    accepted: &QuoteReport,
) -> Result<(), BatchOutcome> {
    if crate::store::now_ms().saturating_sub(accepted.quoted_at_ms)
        > crate::engine::QUOTE_MAX_AGE_MS
    {
        return Err(BatchOutcome::Held(Text::new(
            "its accepted fee expired: preview the batch again",
            "已确认的费用已过期：请重新预览本批",
        )));
    }
    let now = super::quote::quote(core, shipment.clone(), account_name)
        .await
        .map_err(|error| BatchOutcome::Error(error.describe()))?;
    if now.body_sha256 != accepted.body_sha256 {
        return Err(BatchOutcome::Held(Text::new(
            "the order changed since its fee was accepted: preview it again",
            "确认费用后订单已修改：请重新预览",
        )));
    }
    if now.fee != accepted.fee {
        return Err(BatchOutcome::Held(Text::new(
            format!(
                "its fee changed from {} to {} since it was accepted: preview it again",
                accepted.fee, now.fee
            ),
            format!(
                "确认后费用已由 {} 变为 {}：请重新预览",
                accepted.fee, now.fee
            ),
        )));
    }
    Ok(())
}
