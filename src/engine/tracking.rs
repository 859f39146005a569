//! Asking a forwarder where a bought parcel is. The answer is kept in the audit trail when it
//! changed, so History shows the last known scans even when the forwarder is unreachable.

use rand::distr::{Alphanumeric, SampleString as _};

use super::Core;
use super::accounts::resolve;
use super::error::ShipError;
use crate::carriers::{self, ForwarderError, OrderNumbers, Tracking};
use crate::model::Text;
use crate::store::StoreError;

/// The forwarder's tracking for `reference`, kept in the audit trail when it is new.
pub(super) async fn track(core: &Core, reference: &str) -> Result<Tracking, ShipError> {
    let lookup = reference.to_owned();
    let record = core
        .with_store(move |s| s.shipment(&lookup))
        .await?
        .ok_or_else(|| ShipError::Store(StoreError::NotFound(reference.to_owned())))?;
    if !record.state.may_hold_money() {
        return Err(ShipError::AccountInvalid(Text::new(
            format!(
                "{reference} is {}: there is no parcel to track.",
                record.state.label().en
            ),
            format!(
                "{reference} 状态为{}：没有可查询的包裹。",
                record.state.label().zh
            ),
        )));
    }
    let resolved = resolve(core, &record.account).await?;
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    let order = OrderNumbers {
        reference,
        tracking_number: record.tracking_number.as_deref(),
        forwarder_order_id: record.forwarder_order_id.as_deref(),
    };
    let nonce = Alphanumeric.sample_string(&mut rand::rng(), 16);
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
    let answer = super::http::send(
        &core.http,
        &request,
        super::ship::timeout(&resolved.account),
    )
    .await
    .map_err(|e| ShipError::AccountInvalid(e.message))?;
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
    ShipError::Prepare(ForwarderError {
        http_status: None,
        forwarder_code: None,
        forwarder_message: String::new(),
        explanation,
        authentication: false,
    })
}
