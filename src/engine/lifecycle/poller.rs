//! Following up bought shipments whose tracking number or label comes later: each is asked for
//! again with growing pauses until it arrives. It also runs reconciliation's looks that are due
//! (a lost logssc commit the forwarder may still be placing, an order settled failed looked up
//! once more: [`super::lookup`]); never a re-send. Everything it needs is in the database, so
//! polling resumes by itself after the app restarts.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::json;

use crate::carriers::{self, FollowUp, FollowUpAnswer, OrderNumbers};
use crate::engine::Core;
use crate::engine::accounts::resolve;
use crate::model::{ShipmentState, Text, Transition};
use crate::store::{Outcome, ShipmentRecord, now_ms};

/// The longest pause between two polls of one shipment.
const MAX_PAUSE: Duration = Duration::from_secs(300);

/// Runs for the life of the engine.
pub(in crate::engine) async fn run(core: Arc<Core>) {
    loop {
        let base = Duration::from_millis(core.poll_base_ms.load(Ordering::Relaxed));
        match core.with_store(|s| s.due_for_follow_up(now_ms())).await {
            Ok(due) => {
                for (record, polls) in due {
                    let name = format!("poll {}", record.reference);
                    core.named(name, poll_one(&core, &record, polls, base))
                        .await;
                }
            }
            Err(error) => tracing::warn!("cannot read shipments to poll: {error:#}"),
        }
        let forwarders = super::lookup::self_looking_forwarders();
        match core
            .with_store(move |s| s.due_for_look(now_ms(), &forwarders))
            .await
        {
            Ok(due) => {
                for record in due {
                    let name = format!("look again {}", record.reference);
                    core.named(name, super::lookup::look_again(&core, &record))
                        .await;
                }
            }
            Err(error) => tracing::warn!("cannot read shipments to look up: {error:#}"),
        }
        tokio::time::sleep(base.min(Duration::from_secs(1))).await;
    }
}

/// The pause before the next poll: the base, doubled each time, at most five minutes.
pub(in crate::engine) fn pause(base: Duration, polls: i64) -> Duration {
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
    let forwarder = carriers::ForwarderKind::parse(&record.forwarder).map(carriers::forwarder);
    let after_number = if forwarder.is_some_and(|f| f.has_follow_up(FollowUp::Label)) {
        ShipmentState::AwaitingLabel
    } else {
        ShipmentState::Created
    };
    let (answer, response) = match ask(core, record, step).await {
        Ok((answer, response)) => (Ok(answer), response),
        Err(problem) => (Err(problem), serde_json::Value::Null),
    };
    // `None`: poll again at once (the next step); `Some(t)`: at time t.
    let (next_poll, reset) = match answer {
        Ok(FollowUpAnswer::TrackingNumber(tracking)) => {
            let audit = json!({ "follow_up": "tracking_number", "tracking_number": tracking });
            settle(
                core,
                id,
                Transition::NumberArrived,
                Settled {
                    tracking: Some(tracking),
                    ..Settled::to(after_number)
                },
                audit,
            )
            .await;
            (None, true)
        }
        Ok(FollowUpAnswer::Numbered(order)) => {
            let audit = json!({
                "follow_up": "number_and_fee",
                "tracking_number": order.tracking_number,
                "charged": order.charged,
                "answer": response,
            });
            if let Some(fee) = order.charged.clone()
                && let Err(error) = core
                    .with_store(move |s| s.record_charged_fee(id, &fee))
                    .await
            {
                tracing::error!(shipment = id, "cannot record the charged fee: {error:#}");
            }
            settle(
                core,
                id,
                Transition::NumberArrived,
                Settled {
                    state: after_number,
                    tracking: Some(order.tracking_number),
                    forwarder_order_id: order.forwarder_order_id,
                    message: None,
                },
                audit,
            )
            .await;
            (None, true)
        }
        Ok(FollowUpAnswer::OrderFailed(error))
            if forwarder.is_some_and(|f| f.capabilities().refund) =>
        {
            // Failed after commit: the forwarder holds the balance until a refund is asked for.
            let audit = json!({ "follow_up": "order_failed", "answer": response });
            settle(
                core,
                id,
                Transition::NumberArrived,
                Settled {
                    message: Some(error.describe()),
                    ..Settled::to(ShipmentState::RefundDue)
                },
                audit,
            )
            .await;
            (None, true)
        }
        Ok(FollowUpAnswer::OrderFailed(error) | FollowUpAnswer::NoSuchOrder(error)) => {
            note(core, id, error.describe()).await;
            (Some(later), false)
        }
        Ok(FollowUpAnswer::Label(source)) => {
            match crate::engine::label_fetch::fetch_and_keep(core, id, &source).await {
                Ok(_) => {
                    let audit = json!({ "follow_up": "label" });
                    settle(
                        core,
                        id,
                        Transition::LabelArrived,
                        Settled::to(ShipmentState::Created),
                        audit,
                    )
                    .await;
                    crate::engine::printing::auto_print(core, &record.reference, &record.account)
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

/// Makes the follow-up call (with a fresh session token once, if the forwarder's was refused);
/// returns what the answer means and its audit detail, or why it could not be made or answered.
async fn ask(
    core: &Core,
    record: &ShipmentRecord,
    step: FollowUp,
) -> Result<(FollowUpAnswer, serde_json::Value), Text> {
    let resolved = resolve(core, &record.account)
        .await
        .map_err(|e| e.describe())?;
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    let order = OrderNumbers {
        reference: &record.reference,
        tracking_number: record.tracking_number.as_deref(),
        forwarder_order_id: record.forwarder_order_id.as_deref(),
    };
    if !forwarder.has_follow_up(step) {
        return Err(Text::new(
            "This forwarder cannot be asked again; see its portal.",
            "该物流商不支持再次查询，请到其后台查看。",
        ));
    }
    let (_, answer) = crate::engine::session::exchange(
        core,
        &resolved,
        super::ship::timeout(&resolved.account),
        |credentials| {
            forwarder
                .follow_up_request(step, &order, &resolved.account, credentials, now_ms())
                .unwrap_or_else(|| Err(no_follow_up()))
        },
    )
    .await
    .map_err(|e| e.describe())?;
    let answer = answer.map_err(|e| e.message)?;
    let audit = json!({ "status": answer.status, "body": answer.body_text().chars().take(64 * 1024).collect::<String>() });
    Ok((forwarder.parse_follow_up(step, &answer), audit))
}

fn no_follow_up() -> carriers::ForwarderError {
    carriers::ForwarderError::local(Text::new(
        "This forwarder cannot be asked again; see its portal.",
        "该物流商不支持再次查询，请到其后台查看。",
    ))
}

/// Where a follow-up answer moves a shipment.
struct Settled {
    state: ShipmentState,
    tracking: Option<String>,
    forwarder_order_id: Option<String>,
    message: Option<Text>,
}

impl Settled {
    /// To `state`, nothing else learnt.
    fn to(state: ShipmentState) -> Self {
        Self {
            state,
            tracking: None,
            forwarder_order_id: None,
            message: None,
        }
    }
}

/// Moves the shipment to `to.state` (only if still in a state `transition` starts from),
/// recording the numbers that came.
async fn settle(
    core: &Core,
    id: i64,
    transition: Transition,
    to: Settled,
    audit: serde_json::Value,
) {
    let recorded = core
        .with_store(move |s| {
            s.record_outcome(
                id,
                transition.from(),
                &Outcome {
                    state: to.state,
                    tracking_number: to.tracking.as_deref(),
                    forwarder_order_id: to.forwarder_order_id.as_deref(),
                    message: to.message.as_ref(),
                    response: audit,
                },
            )
        })
        .await;
    match recorded {
        // The window shows states, numbers, labels and what holds money: tell it, it did not ask.
        Ok(true) => announce_change(core, id).await,
        Ok(false) => {}
        Err(error) => {
            tracing::error!(shipment = id, "cannot record a follow-up answer: {error:#}")
        }
    }
}

/// Tells the window where a shipment stands now, as read back from the store.
pub(in crate::engine) async fn announce_change(core: &Core, id: i64) {
    let found = core
        .with_store(move |s| {
            let reference = s.reference_of(id)?;
            s.shipment(&reference)
        })
        .await;
    if let Ok(Some(record)) = found {
        core.announce(crate::engine::Event::ShipmentChanged(Box::new(
            crate::engine::ShipReport::from_record(record),
        )));
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
