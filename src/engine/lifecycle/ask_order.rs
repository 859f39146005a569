//! Asking the forwarder for its own view of a recorded shipment (History's "Ask ECCANG"): its
//! status, weights, fees and numbers. The call and the answer go into the audit trail; nothing
//! about the shipment changes.

use serde_json::json;

use super::calls;
use crate::carriers::{self, ForwarderError, ForwarderOrder};
use crate::engine::Core;
use crate::engine::accounts::resolve;
use crate::engine::error::ShipError;
use crate::model::Text;
use crate::store::SentRequest;

/// The forwarder's view of `reference`.
pub(in crate::engine) async fn ask_order(
    core: &Core,
    reference: &str,
) -> Result<ForwarderOrder, ShipError> {
    let record = calls::recorded(core, reference).await?;
    // Only an order that reached the forwarder (or may have) is there to ask about.
    if !record.state.may_hold_money() && record.state != crate::model::ShipmentState::Cancelled {
        return Err(calls::wrong_state(
            reference,
            record.state,
            Text::new(
                "the forwarder has no order to show.",
                "物流商处没有该订单。",
            ),
        ));
    }
    let resolved = resolve(core, &record.account).await?;
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    let name = resolved.account.forwarder.display_name();
    let order = calls::order_numbers(&record);
    let request = calls::or_no_call(
        forwarder.order_request(&order, &resolved.account, &resolved.credentials),
        || {
            Text::new(
                format!(
                    "{} has no order lookup: see the order in its portal.",
                    name.en
                ),
                format!("{}不支持查询订单：请到其后台查看。", name.zh),
            )
        },
    )
    .map_err(ShipError::Prepare)?;
    let sent = SentRequest::call(&request, &forwarder.audit_body(&request));
    calls::record_call(core, record.id, sent).await?;
    let answer = calls::send(core, &request, &resolved.account).await?;
    let seen: Result<ForwarderOrder, ForwarderError> = forwarder.parse_order(&answer);
    let audit = json!({ "status": answer.status, "body": answer.body_text(), "call": "order" });
    let id = record.id;
    core.with_store(move |s| s.record_answer(id, &audit))
        .await?;
    seen.map_err(ShipError::Prepare)
}
