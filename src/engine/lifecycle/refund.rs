//! Asking the forwarder for a refund of an order that failed after commit or was cancelled
//! (logssc keeps the balance reserved until then). Performed once: the shipment moves to
//! `refunded` only when the forwarder accepts, only from the state it was in, and a refund
//! already on the wire in this process is not sent again.

use serde_json::json;

use super::calls;
use crate::carriers;
use crate::engine::Core;
use crate::engine::ShipReport;
use crate::engine::accounts::resolve;
use crate::engine::error::ShipError;
use crate::model::{ShipmentState, Text, Transition};
use crate::store::SentRequest;

/// Asks the forwarder to refund `reference`. The call and answer go into the audit trail.
pub(in crate::engine) async fn refund(
    core: &Core,
    reference: &str,
) -> Result<ShipReport, ShipError> {
    let record = calls::recorded(core, reference).await?;
    if !Transition::Refund.allowed_from(record.state) {
        return Err(calls::wrong_state(
            reference,
            record.state,
            Text::new("there is nothing to refund.", "无需退款。"),
        ));
    }
    if core.is_in_flight(record.id) {
        return Err(ShipError::AlreadyAsking(Text::new(
            format!("A refund of {reference} is being asked for already."),
            format!("{reference} 的退款申请正在提交中。"),
        )));
    }
    let _in_flight = core.in_flight(record.id);
    let resolved = resolve(core, &record.account).await?;
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    let order = calls::order_numbers(&record);
    let name = resolved.account.forwarder.display_name();
    let (request, answer) = crate::engine::session::exchange(
        core,
        &resolved,
        super::ship::timeout(&resolved.account),
        |credentials| {
            calls::or_no_call(
                forwarder.refund_request(&order, &resolved.account, credentials),
                || {
                    Text::new(
                        format!("{} has no refund call: ask for it in its portal.", name.en),
                        format!("{}不支持接口退款：请到其后台申请。", name.zh),
                    )
                },
            )
        },
    )
    .await?;
    let sent = SentRequest::call(&request, &forwarder.audit_body(&request));
    calls::record_call(core, record.id, sent).await?;
    let response = answer.map_err(|error| {
        ShipError::NoAnswer(Text::new(
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
    let refunded = verdict.is_ok();
    let audit =
        json!({ "call": "refund", "status": response.status, "body": response.body_text() });
    let (applied, report) = calls::settle(
        core,
        reference,
        record,
        (ShipmentState::Refunded, Transition::Refund),
        verdict,
        audit,
    )
    .await?;
    tracing::info!(reference, refunded, applied, "refund answered");
    report
}
