//! The fee preview: what the forwarder will charge for an order, asked before anything is
//! bought. The packer accepts it (or not); the ship that follows carries the accepted quote and
//! is refused if the order changed since.

use crate::engine::QuoteReport;
use serde_json::json;

use super::calls;
use super::preflight::{Checked, preflight};
use crate::carriers::{self, ForwarderError};
use crate::engine::Core;
use crate::engine::error::ShipError;
use crate::model::{Shipment, Text};
use crate::store::SentRequest;

/// Validates the order and asks the forwarder's fee preview. Nothing is recorded: nothing is
/// bought until the packer accepts the fee and ships with this quote.
pub(in crate::engine) async fn quote(
    core: &Core,
    shipment: Shipment,
    account_name: &str,
) -> Result<QuoteReport, ShipError> {
    let Checked {
        shipment,
        resolved,
        body,
    } = preflight(core, shipment, account_name).await?;
    let account = &resolved.account;
    let forwarder = carriers::forwarder(account.forwarder);
    let name = account.forwarder.display_name();
    let no_preview = || {
        Text::new(
            format!("{} has no fee preview.", name.en),
            format!("{}不支持费用预览。", name.zh),
        )
    };
    let (request, answer) = crate::engine::session::exchange(
        core,
        &resolved,
        super::ship::timeout(account),
        |credentials| {
            calls::or_no_call(
                forwarder.quote_request(&shipment, &body, account, credentials),
                no_preview,
            )
        },
    )
    .await?;
    let response = answer.map_err(|error| {
        ShipError::Prepare(ForwarderError::local(Text::new(
            format!(
                "The fee preview got no answer: {}. Nothing was bought.",
                error.message.en
            ),
            format!("费用预览没有应答：{}。未下单。", error.message.zh),
        )))
    })?;
    let fee = forwarder
        .parse_quote(&shipment, account, &response)
        .map_err(ShipError::Prepare)?;
    let sent = SentRequest::new(&request, &forwarder.audit_body(&request), &body);
    let audit = json!({
        "call": "fee_preview",
        "request": sent,
        "response": {
            "status": response.status,
            "body": response.body_text().chars().take(64 * 1024).collect::<String>(),
        },
        "fee": fee,
    });
    tracing::info!(reference = %shipment.reference, fee = %fee, "fee previewed");
    Ok(QuoteReport {
        reference: shipment.reference,
        account: account.name.clone(),
        fee,
        body_sha256: crate::labels::sha256_hex(&body),
        audit,
        quoted_at_ms: crate::store::now_ms(),
    })
}
