//! Following up bought shipments whose tracking number or label comes later: each is asked for
//! again with growing pauses until it arrives. Everything it needs is in the database, so polling
//! resumes by itself after the app restarts.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::json;

use super::Core;
use super::accounts::resolve;
use crate::carriers::{self, FollowUp, FollowUpAnswer, OrderNumbers};
use crate::model::{ShipmentState, Text};
use crate::store::{Outcome, ShipmentRecord, now_ms};

/// The longest pause between two polls of one shipment.
const MAX_PAUSE: Duration = Duration::from_secs(300);

/// Runs for the life of the engine.
pub(super) async fn run(core: Arc<Core>) {
    loop {
        let base = Duration::from_millis(core.poll_base_ms.load(Ordering::Relaxed));
        match core.with_store(|s| s.due_for_follow_up(now_ms())).await {
            Ok(due) => {
                for (record, polls) in due {
                    poll_one(&core, &record, polls, base).await;
                }
            }
            Err(error) => tracing::warn!("cannot read shipments to poll: {error:#}"),
        }
        tokio::time::sleep(base.min(Duration::from_secs(1))).await;
    }
}

/// The pause before the next poll: the base, doubled each time, at most five minutes.
fn pause(base: Duration, polls: i64) -> Duration {
    let doublings = u32::try_from(polls.clamp(0, 16)).unwrap_or(16);
    base.saturating_mul(2u32.saturating_pow(doublings))
        .min(MAX_PAUSE)
}

async fn poll_one(core: &Core, record: &ShipmentRecord, polls: i64, base: Duration) {
    let id = record.id;
    let later =
        now_ms().saturating_add(i64::try_from(pause(base, polls).as_millis()).unwrap_or(i64::MAX));
    let step = if record.state == ShipmentState::AwaitingNumber {
        FollowUp::TrackingNumber
    } else {
        FollowUp::Label
    };
    let answer = ask(core, record, step).await;
    // `None`: poll again at once (the next step); `Some(t)`: at time t.
    let (next_poll, reset) = match answer {
        Ok(FollowUpAnswer::TrackingNumber(tracking)) => {
            let forwarder =
                carriers::ForwarderKind::parse(&record.forwarder).map(carriers::forwarder);
            let next = if forwarder.is_some_and(|f| f.has_follow_up(FollowUp::Label)) {
                ShipmentState::AwaitingLabel
            } else {
                ShipmentState::Created
            };
            let audit = json!({ "follow_up": "tracking_number", "tracking_number": tracking });
            settle(
                core,
                id,
                ShipmentState::AwaitingNumber,
                next,
                Some(tracking),
                audit,
            )
            .await;
            (None, true)
        }
        Ok(FollowUpAnswer::Label(source)) => {
            match super::label_fetch::fetch_and_keep(core, id, &source).await {
                Ok(_) => {
                    let audit = json!({ "follow_up": "label" });
                    settle(
                        core,
                        id,
                        ShipmentState::AwaitingLabel,
                        ShipmentState::Created,
                        None,
                        audit,
                    )
                    .await;
                    super::printing::auto_print_arrived(core, &record.reference, &record.account)
                        .await;
                    (None, true)
                }
                Err(problem) => {
                    note(core, id, problem).await;
                    (Some(later), false)
                }
            }
        }
        Ok(FollowUpAnswer::NotYet) => (Some(later), false),
        Ok(FollowUpAnswer::Problem(error)) => {
            note(core, id, error.describe()).await;
            (Some(later), false)
        }
        Err(problem) => {
            note(core, id, problem).await;
            (Some(later), false)
        }
    };
    if let Err(error) = core
        .with_store(move |s| s.schedule_follow_up(id, next_poll, reset))
        .await
    {
        tracing::warn!(shipment = id, "cannot schedule the next poll: {error:#}");
    }
}

/// Makes the follow-up call; `Err` says why it could not be made or answered.
async fn ask(core: &Core, record: &ShipmentRecord, step: FollowUp) -> Result<FollowUpAnswer, Text> {
    let resolved = resolve(core, &record.account)
        .await
        .map_err(|e| e.describe())?;
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    let order = OrderNumbers {
        reference: &record.reference,
        tracking_number: record.tracking_number.as_deref(),
        forwarder_order_id: record.forwarder_order_id.as_deref(),
    };
    let request = forwarder
        .follow_up_request(
            step,
            &order,
            &resolved.account,
            &resolved.credentials,
            now_ms(),
        )
        .ok_or_else(|| {
            Text::new(
                "This forwarder cannot be asked again; see its portal.",
                "该物流商不支持再次查询，请到其后台查看。",
            )
        })?
        .map_err(|e| e.describe())?;
    let answer = super::http::send(
        &core.http,
        &request,
        super::ship::timeout(&resolved.account),
    )
    .await
    .map_err(|e| e.message)?;
    Ok(forwarder.parse_follow_up(step, &answer))
}

/// Moves `from` → `to` (only if still in `from`), recording a tracking number if one came.
async fn settle(
    core: &Core,
    id: i64,
    from: ShipmentState,
    to: ShipmentState,
    tracking: Option<String>,
    audit: serde_json::Value,
) {
    let recorded = core
        .with_store(move |s| {
            s.record_outcome(
                id,
                &[from],
                &Outcome {
                    state: to,
                    tracking_number: tracking.as_deref(),
                    forwarder_order_id: None,
                    message: None,
                    response: audit,
                },
            )
        })
        .await;
    if let Err(error) = recorded {
        tracing::error!(shipment = id, "cannot record a follow-up answer: {error:#}");
    }
}

async fn note(core: &Core, id: i64, message: Text) {
    if let Err(error) = core
        .with_store(move |s| s.record_message(id, &message))
        .await
    {
        tracing::warn!(shipment = id, "cannot record a note: {error:#}");
    }
}
