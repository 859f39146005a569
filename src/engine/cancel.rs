//! Cancelling a bought shipment at the forwarder, where it has a cancel call.

use serde_json::json;

use super::Core;
use super::accounts::resolve;
use super::error::ShipError;
use super::ship::ShipReport;
use crate::carriers::{self, ForwarderError};
use crate::model::{ShipmentState, Text};
use crate::store::{Outcome, SentRequest, StoreError};

/// States from which a cancel makes sense: the shipment is (or may be) bought and not cancelled.
const CANCELLABLE: [ShipmentState; 5] = [
    ShipmentState::AwaitingNumber,
    ShipmentState::AwaitingLabel,
    ShipmentState::Created,
    ShipmentState::Printed,
    ShipmentState::BoughtNoTracking,
];

/// Asks the forwarder to cancel `reference`. The call goes into the audit trail; the shipment
/// becomes `cancelled` only if the forwarder says so, and only from the state it was in.
pub(super) async fn cancel(core: &Core, reference: &str) -> Result<ShipReport, ShipError> {
    let lookup = reference.to_owned();
    let record = core
        .with_store(move |s| s.shipment(&lookup))
        .await?
        .ok_or_else(|| ShipError::Store(StoreError::NotFound(reference.to_owned())))?;
    if !CANCELLABLE.contains(&record.state) {
        return Err(ShipError::AccountInvalid(Text::new(
            format!(
                "{reference} is {}: there is nothing to cancel.",
                record.state.label().en
            ),
            format!("{reference} 状态为{}：无需取消。", record.state.label().zh),
        )));
    }
    let resolved = resolve(core, &record.account).await?;
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    let request = forwarder
        .cancel_request(reference, &resolved.account, &resolved.credentials)
        .ok_or_else(|| {
            ShipError::Prepare(ForwarderError {
                http_status: None,
                forwarder_code: None,
                forwarder_message: String::new(),
                explanation: Text::new(
                    format!(
                        "{} has no cancel call: cancel it in the forwarder's portal.",
                        resolved.account.forwarder.display_name().en
                    ),
                    format!(
                        "{}不支持接口取消：请到其后台取消。",
                        resolved.account.forwarder.display_name().zh
                    ),
                ),
                authentication: false,
            })
        })?
        .map_err(ShipError::Prepare)?;
    let sent = SentRequest::new(&request, &forwarder.audit_body(&request), &request.body);
    let id = record.id;
    core.with_store(move |s| s.record_call(id, &sent)).await?;
    let answer = super::http::send(
        &core.http,
        &request,
        super::ship::timeout(&resolved.account),
    )
    .await
    .map_err(|e| ShipError::AccountInvalid(e.message))?;
    let verdict = forwarder.parse_cancel(&answer);
    let audit = json!({ "status": answer.status, "body": answer.body_text(), "call": "cancel" });
    let (state, message) = match &verdict {
        Ok(words) => (ShipmentState::Cancelled, words.clone()),
        Err(error) => (record.state, error.describe()),
    };
    let from = record.state;
    let note = message.clone();
    core.with_store(move |s| {
        s.record_outcome(
            id,
            &[from],
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
    match verdict {
        Ok(_) => Ok(ShipReport {
            reference: reference.to_owned(),
            state,
            tracking_number: record.tracking_number,
            label_path: None,
            quoted_fee: None,
            message: Some(message),
        }),
        Err(error) => Err(ShipError::Prepare(error)),
    }
}
