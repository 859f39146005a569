//! What ship and quote check before anything is sent or recorded: the reference trimmed, the
//! account found (and its credentials read), the order valid for that forwarder, the reference
//! not already used in History, and the exact body the forwarder will be sent.

use crate::carriers;
use crate::engine::Core;
use crate::engine::accounts::{ResolvedAccount, resolve};
use crate::engine::error::ShipError;
use crate::model::{Shipment, ShipmentState};

/// An order that passed the checks, ready to be priced or sent.
pub(in crate::engine) struct Checked {
    /// The order, its reference trimmed.
    pub shipment: Shipment,
    /// The account, pointed at its server, with its credentials.
    pub resolved: ResolvedAccount,
    /// The create body the forwarder is sent (and a fee preview prices).
    pub body: Vec<u8>,
}

/// Checks `shipment` for `account_name`; nothing is sent or recorded.
pub(in crate::engine) async fn preflight(
    core: &Core,
    mut shipment: Shipment,
    account_name: &str,
) -> Result<Checked, ShipError> {
    shipment.reference = shipment.reference.trim().to_owned();
    let resolved = resolve(core, account_name).await?;
    let issues = carriers::validate_for(&shipment, &resolved.account);
    if !issues.is_empty() {
        return Err(ShipError::Invalid(issues));
    }
    let lookup = shipment.reference.clone();
    // A refused order is sent again under its own reference once fixed.
    if let Some(existing) = core.with_store(move |s| s.shipment(&lookup)).await?
        && existing.state != ShipmentState::Failed
    {
        return Err(ShipError::AlreadyRecorded {
            reference: shipment.reference,
            state: existing.state,
        });
    }
    let body =
        carriers::forwarder(resolved.account.forwarder).create_body(&shipment, &resolved.account);
    Ok(Checked {
        shipment,
        resolved,
        body,
    })
}
