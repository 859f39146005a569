//! Asking a forwarder where a bought parcel is. The answer is kept in the audit trail when it
//! changed, so History shows the last known scans even when the forwarder is unreachable.

use super::calls;
use crate::carriers::{self, ForwarderError, Tracking};
use crate::engine::Core;
use crate::engine::accounts::resolve;
use crate::engine::error::ShipError;
use crate::model::Text;

/// The forwarder's tracking for `reference`, kept in the audit trail when it is new.
pub(in crate::engine) async fn track(core: &Core, reference: &str) -> Result<Tracking, ShipError> {
    let record = calls::recorded(core, reference).await?;
    if !record.state.may_hold_money() {
        return Err(calls::wrong_state(
            reference,
            record.state,
            Text::new("there is no parcel to track.", "没有可查询的包裹。"),
        ));
    }
    let resolved = resolve(core, &record.account).await?;
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    let order = calls::order_numbers(&record);
    let nonce = crate::engine::nonce();
    let request = forwarder
        .track_request(
            &order,
            &resolved.account,
            &resolved.credentials,
            crate::store::now_ms(),
            &nonce,
        )
        .ok_or_else(|| no_tracking_call(&resolved.account, record.tracking_number.is_none()))?
        .map_err(ShipError::Prepare)?;
    let answer = calls::send(core, &request, &resolved.account).await?;
    let tracking = forwarder.parse_track(&answer).map_err(ShipError::Prepare)?;
    let id = record.id;
    let kept = tracking.clone();
    core.with_store(move |s| s.record_tracking(id, &kept))
        .await?;
    Ok(tracking)
}

/// Why nothing could be asked: the forwarder has no tracking call, or needs a number not known yet.
fn no_tracking_call(account: &carriers::Account, number_missing: bool) -> ShipError {
    let name = account.forwarder.display_name();
    let explanation =
        if number_missing && carriers::forwarder(account.forwarder).capabilities().track {
            Text::new(
                "There is no tracking number yet to ask about.",
                "尚无跟踪号，无法查询轨迹。",
            )
        } else {
            Text::new(
                format!(
                    "{} has no tracking call: look it up in the forwarder's portal.",
                    name.en
                ),
                format!("{}不支持接口查询轨迹：请到其后台查看。", name.zh),
            )
        };
    ShipError::Prepare(ForwarderError::local(explanation))
}
