//! Cancelling a bought shipment at the forwarder, where it has a cancel call.

use serde_json::json;

use super::calls;
use crate::carriers;
use crate::engine::Core;
use crate::engine::ShipReport;
use crate::engine::accounts::resolve;
use crate::engine::error::ShipError;
use crate::model::{ShipmentState, Text, Transition};
use crate::store::SentRequest;

/// Asks the forwarder to cancel `reference`. The call goes into the audit trail; the shipment
/// becomes `cancelled` only if the forwarder says so, and only from the state it was in.
pub(in crate::engine) async fn cancel(
    core: &Core,
    reference: &str,
) -> Result<ShipReport, ShipError> {
    let record = calls::recorded(core, reference).await?;
    if !Transition::Cancel.allowed_from(record.state) {
        return Err(calls::wrong_state(
            reference,
            record.state,
            Text::new("there is nothing to cancel.", "无需取消。"),
        ));
    }
    let resolved = resolve(core, &record.account).await?;
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    let name = resolved.account.forwarder.display_name();
    let request = calls::or_no_call(
        forwarder.cancel_request(reference, &resolved.account, &resolved.credentials),
        || {
            Text::new(
                format!(
                    "{} has no cancel call: cancel it in the forwarder's portal.",
                    name.en
                ),
                format!("{}不支持接口取消：请到其后台取消。", name.zh),
            )
        },
    )
    .map_err(ShipError::Prepare)?;
    let sent = SentRequest::call(&request, &forwarder.audit_body(&request));
    calls::record_call(core, record.id, sent).await?;
    let answer = calls::send(core, &request, &resolved.account).await?;
    let verdict = forwarder.parse_cancel(&answer);
    let audit = json!({ "status": answer.status, "body": answer.body_text(), "call": "cancel" });
    let (applied, report) = calls::settle(
        core,
        reference,
        record,
        (ShipmentState::Cancelled, Transition::Cancel),
        verdict,
        audit,
    )
    .await?;
    tracing::info!(reference, applied, "cancel answered");
    report
}
