//! What the actions on a recorded shipment (cancel, refund, tracking) share with each other and
//! with the fee preview and the session login: finding the shipment, refusing it in a state that
//! does not allow the action, building the forwarder's request or saying it has no such call,
//! keeping the call in the audit trail, sending it with the account's time-out, and recording the
//! forwarder's verdict. Each action keeps its own rules in its own file.

use crate::carriers::{Account, ForwarderError, OrderNumbers, WireRequest, WireResponse};
use crate::engine::Core;
use crate::engine::ShipReport;
use crate::engine::error::ShipError;
use crate::model::{ShipmentState, Text, Transition};
use crate::store::{Outcome, SentRequest, ShipmentRecord};

/// The recorded shipment `reference`, or `NotFound`.
pub(in crate::engine) async fn recorded(
    core: &Core,
    reference: &str,
) -> Result<ShipmentRecord, ShipError> {
    let lookup = reference.to_owned();
    core.with_store(move |s| s.shipment(&lookup))
        .await?
        .ok_or_else(|| ShipError::NoShipment(reference.to_owned()))
}

/// The refusal of an action on `reference` in `state`: "{reference} is {state}: {why}".
pub(in crate::engine) fn wrong_state(
    reference: &str,
    state: ShipmentState,
    why: Text,
) -> ShipError {
    ShipError::WrongState {
        reference: reference.to_owned(),
        state,
        why,
    }
}

/// The numbers a forwarder may know a recorded shipment by.
pub(in crate::engine) fn order_numbers(record: &ShipmentRecord) -> OrderNumbers<'_> {
    OrderNumbers {
        reference: &record.reference,
        tracking_number: record.tracking_number.as_deref(),
        forwarder_order_id: record.forwarder_order_id.as_deref(),
    }
}

/// The request a forwarder built, or, when it has no such call (`None`), an error saying so in
/// `explanation`.
pub(in crate::engine) fn or_no_call(
    built: Option<Result<WireRequest, ForwarderError>>,
    explanation: impl FnOnce() -> Text,
) -> Result<WireRequest, ForwarderError> {
    built.unwrap_or_else(|| Err(ForwarderError::local(explanation())))
}

/// Keeps the call sent for shipment `id` in its audit trail (before the answer is known).
pub(in crate::engine) async fn record_call(
    core: &Core,
    id: i64,
    sent: SentRequest,
) -> Result<(), ShipError> {
    core.with_store(move |s| s.record_call(id, &sent)).await?;
    Ok(())
}

/// Sends `request` with the account's time-out; no answer is an error in the transport's words.
pub(in crate::engine) async fn send(
    core: &Core,
    request: &WireRequest,
    account: &Account,
) -> Result<WireResponse, ShipError> {
    crate::engine::http::send(&core.http, request, super::ship::timeout(account))
        .await
        .map_err(|e| ShipError::NoAnswer(e.message))
}

/// Records the forwarder's verdict on an action that moves `record` to `done` when accepted; a
/// refusal leaves it where it was, with the forwarder's words. An accepted action applies from
/// any state its transition allows (the poller may have moved the shipment on meanwhile, and a
/// cancel the forwarder accepted must not be lost to that); a refusal changes a state only if
/// it is still the one the action started from. Returns whether it applied, and the report or
/// the refusal.
pub(in crate::engine) async fn settle(
    core: &Core,
    reference: &str,
    record: ShipmentRecord,
    (done, transition): (ShipmentState, Transition),
    verdict: Result<Text, ForwarderError>,
    audit: serde_json::Value,
) -> Result<(bool, Result<ShipReport, ShipError>), ShipError> {
    let (state, message) = match &verdict {
        Ok(words) => (done, words.clone()),
        Err(error) => (record.state, error.describe()),
    };
    let (id, from) = (record.id, record.state);
    let expected: Vec<ShipmentState> = if verdict.is_ok() {
        transition.from().to_vec()
    } else {
        vec![from]
    };
    let note = message.clone();
    let applied = core
        .with_store(move |s| {
            s.record_outcome(
                id,
                &expected,
                &Outcome {
                    state,
                    tracking_number: None,
                    forwarder_order_id: None,
                    message: Some(&note),
                    response: audit,
                },
            )
        })
        .await?;
    let report = match verdict {
        Ok(_) => Ok(ShipReport {
            reference: reference.to_owned(),
            state,
            tracking_number: record.tracking_number,
            label_path: None,
            message: Some(message),
            quoted_fee: None,
        }),
        Err(error) => Err(ShipError::Prepare(error)),
    };
    Ok((applied, report))
}
