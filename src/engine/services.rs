//! The services (channels) an account may ship with: read from the local list at once, or
//! asked of the forwarder (refresh) and kept, so the ship form's picker works offline.

use super::Core;
use super::accounts::resolve;
use super::error::ShipError;
use crate::carriers::{self, ForwarderError, ServicesAnswer};
use crate::model::Text;
use crate::store::ServicesOffered;

/// `account`'s services: the kept list, or (with `refresh`) the forwarder's list now, kept in
/// place of the old one. A refresh that fails leaves the kept list as it was.
pub(super) async fn services(
    core: &Core,
    account: &str,
    refresh: bool,
) -> Result<ServicesOffered, ShipError> {
    if refresh {
        let listed = ask(core, account).await?;
        let name = account.to_owned();
        core.with_store(move |s| s.replace_services_offered(&name, &listed))
            .await?;
    } else {
        // Refused for an account that is not there, as a refresh would be.
        let name = account.to_owned();
        core.with_store(move |s| s.account(&name))
            .await?
            .ok_or_else(|| ShipError::NoAccount(account.to_owned()))?;
    }
    let name = account.to_owned();
    Ok(core.with_store(move |s| s.services_offered(&name)).await?)
}

/// The forwarder's list: each of its services calls in turn until one answers (a host without
/// the first name is asked by the next).
async fn ask(core: &Core, account: &str) -> Result<Vec<carriers::OfferedService>, ShipError> {
    let resolved = resolve(core, account).await?;
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    let requests = forwarder.services_requests(&resolved.account, &resolved.credentials);
    let mut last = None;
    for request in requests {
        let request = request.map_err(ShipError::Prepare)?;
        let answer = super::lifecycle::calls::send(core, &request, &resolved.account).await?;
        match forwarder.parse_services(&answer) {
            ServicesAnswer::Offered(services) if services.is_empty() => {
                return Err(ShipError::Prepare(ForwarderError {
                    http_status: Some(answer.status),
                    forwarder_code: None,
                    forwarder_message: answer.body_text().chars().take(300).collect(),
                    explanation: Text::new(
                        "The forwarder listed no services for this account; the list kept before is unchanged. Type the service code by hand.",
                        "物流商未列出此账号的任何渠道，原有列表保持不变。请手动输入渠道代码。",
                    ),
                    authentication: false,
                }));
            }
            ServicesAnswer::Offered(services) => return Ok(services),
            ServicesAnswer::NoSuchCall(error) => last = Some(error),
            ServicesAnswer::Failed(error) => return Err(ShipError::Prepare(error)),
        }
    }
    let name = resolved.account.forwarder.display_name();
    Err(ShipError::Prepare(last.unwrap_or_else(|| {
        ForwarderError::local(Text::new(
            format!(
                "{} has no services list: type the service code by hand.",
                name.en
            ),
            format!("{}不提供渠道列表：请手动输入渠道代码。", name.zh),
        ))
    })))
}
