//! Asking the forwarder for a refund of an order that failed after commit or was cancelled
//! (logssc keeps the balance reserved until then). Performed once: the shipment moves to
//! `refunded` only when the forwarder accepts, only from the state it was in, and a refund
//! already on the wire in this process is not sent again.

use serde_json::json;

use super::Core;
use super::accounts::resolve;
use super::error::ShipError;
use super::ship::ShipReport;
use crate::carriers::{self, ForwarderError, OrderNumbers};
use crate::model::{ShipmentState, Text};
use crate::store::{Outcome, SentRequest, StoreError};

/// States from which a refund is offered.
pub const REFUNDABLE: [ShipmentState; 2] = [ShipmentState::RefundDue, ShipmentState::Cancelled];

/// Asks the forwarder to refund `reference`. The call and answer go into the audit trail.
pub(super) async fn refund(core: &Core, reference: &str) -> Result<ShipReport, ShipError> {
    let lookup = reference.to_owned();
    let record = core
        .with_store(move |s| s.shipment(&lookup))
        .await?
        .ok_or_else(|| ShipError::Store(StoreError::NotFound(reference.to_owned())))?;
    if !REFUNDABLE.contains(&record.state) {
        return Err(ShipError::AccountInvalid(Text::new(
            format!(
                "{reference} is {}: there is nothing to refund.",
                record.state.label().en
            ),
            format!("{reference} 状态为{}：无需退款。", record.state.label().zh),
        )));
    }
    if core.is_in_flight(record.id) {
        return Err(ShipError::AccountInvalid(Text::new(
            format!("A refund of {reference} is being asked for already."),
            format!("{reference} 的退款申请正在提交中。"),
        )));
    }
    let _in_flight = core.in_flight(record.id);
    let resolved = resolve(core, &record.account).await?;
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    let order = OrderNumbers {
        reference: &record.reference,
        tracking_number: record.tracking_number.as_deref(),
        forwarder_order_id: record.forwarder_order_id.as_deref(),
    };
    let name = resolved.account.forwarder.display_name();
    let (request, answer) = super::session::exchange(
        core,
        &resolved,
        super::ship::timeout(&resolved.account),
        |credentials| {
            forwarder
                .refund_request(&order, &resolved.account, credentials)
                .unwrap_or_else(|| {
                    Err(ForwarderError {
                        http_status: None,
                        forwarder_code: None,
                        forwarder_message: String::new(),
                        explanation: Text::new(
                            format!("{} has no refund call: ask for it in its portal.", name.en),
                            format!("{}不支持接口退款：请到其后台申请。", name.zh),
                        ),
                        authentication: false,
                    })
                })
        },
    )
    .await?;
    let sent = SentRequest::new(&request, &forwarder.audit_body(&request), &[]);
    let id = record.id;
    core.with_store(move |s| s.record_call(id, &sent)).await?;
    let response = answer.map_err(|error| {
        ShipError::AccountInvalid(Text::new(
            format!(
                "The refund request got no answer ({}); it is not confirmed. Ask again: a refund is only recorded once the forwarder accepts it.",
                error.message.en
            ),
            format!(
                "退款申请没有应答（{}），未确认：请再申请一次，物流商受理后才会记为已退款。",
                error.message.zh
            ),
        ))
    })?;
    let verdict = forwarder.parse_refund(&response);
    let audit =
        json!({ "call": "refund", "status": response.status, "body": response.body_text() });
    let (state, message) = match &verdict {
        Ok(words) => (ShipmentState::Refunded, words.clone()),
        Err(error) => (record.state, error.describe()),
    };
    let from = record.state;
    let note = message.clone();
    let applied = core
        .with_store(move |s| {
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
    tracing::info!(
        reference,
        refunded = verdict.is_ok(),
        applied,
        "refund answered"
    );
    match verdict {
        Ok(_) => Ok(ShipReport {
            reference: reference.to_owned(),
            state,
            tracking_number: record.tracking_number,
            label_path: None,
            message: Some(message),
            quoted_fee: None,
        }),
        Err(error) => Err(ShipError::Prepare(error)),
    }
}
