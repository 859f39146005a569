//! Session tokens for forwarders that log in first (logssc): fetched on first need, kept in
//! memory per account for the life of the engine (never on disk: a token is as good as the
//! secret that got it), and fetched again once when an answer says it is no longer accepted;
//! the call is then made once more.

use std::time::Duration;

use super::Core;
use super::accounts::ResolvedAccount;
use super::error::ShipError;
use super::http::{self, TransportError};
use crate::carriers::{
    self, Credentials, ForwarderError, SESSION_TOKEN, WireRequest, WireResponse,
};
use crate::model::Text;

/// Whether the account's forwarder logs in first.
fn uses_session(resolved: &ResolvedAccount) -> bool {
    carriers::forwarder(resolved.account.forwarder)
        .session_request(&resolved.account, &resolved.credentials)
        .is_some()
}

/// The cache key: the same account name pointed at another server is another session.
fn key(resolved: &ResolvedAccount) -> String {
    format!(
        "{}\u{0}{}",
        resolved.account.name, resolved.account.base_url
    )
}

/// The account's credentials, with its session token when its forwarder logs in first: the
/// cached one, or a fresh one when there is none or `renew` is set.
pub(super) async fn credentials(
    core: &Core,
    resolved: &ResolvedAccount,
    renew: bool,
) -> Result<Credentials, ShipError> {
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    let Some(request) = forwarder.session_request(&resolved.account, &resolved.credentials) else {
        return Ok(resolved.credentials.clone());
    };
    let key = key(resolved);
    if !renew && let Some(token) = super::core::lock(&core.sessions).get(&key).cloned() {
        return Ok(resolved.credentials.with(SESSION_TOKEN, &token));
    }
    let request = request.map_err(ShipError::Prepare)?;
    let answer = http::send(
        &core.http,
        &request,
        super::lifecycle::ship::timeout(&resolved.account),
    )
    .await
    .map_err(|error| {
        ShipError::Prepare(ForwarderError::local(Text::new(
            format!(
                "Could not log in to get a token: {}. Nothing was sent.",
                error.message.en
            ),
            format!("无法登录获取 token：{}。未发出任何订单。", error.message.zh),
        )))
    })?;
    let token = forwarder
        .parse_session(&answer)
        .map_err(ShipError::Prepare)?;
    tracing::info!(account = %resolved.account.name, "session token fetched");
    super::core::lock(&core.sessions).insert(key, token.clone());
    Ok(resolved.credentials.with(SESSION_TOKEN, &token))
}

/// Whether `answer` says the session token was refused (so one fresh token and one more try).
pub(super) fn expired(
    resolved: &ResolvedAccount,
    answer: &Result<WireResponse, TransportError>,
) -> bool {
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    uses_session(resolved) && matches!(answer, Ok(response) if forwarder.session_expired(response))
}

/// Builds a request with the account's credentials (and token), sends it, and when the token is
/// refused, fetches a new one and sends the rebuilt request once more. Returns the request last
/// sent (for the audit trail) and its answer.
pub(super) async fn exchange(
    core: &Core,
    resolved: &ResolvedAccount,
    timeout: Duration,
    build: impl Fn(&Credentials) -> Result<WireRequest, ForwarderError>,
) -> Result<(WireRequest, Result<WireResponse, TransportError>), ShipError> {
    let cached = credentials(core, resolved, false).await?;
    let request = build(&cached).map_err(ShipError::Prepare)?;
    let answer = http::send(&core.http, &request, timeout).await;
    if !expired(resolved, &answer) {
        return Ok((request, answer));
    }
    tracing::info!(account = %resolved.account.name, "token refused; fetching a new one");
    let fresh = credentials(core, resolved, true).await?;
    let request = build(&fresh).map_err(ShipError::Prepare)?;
    let answer = http::send(&core.http, &request, timeout).await;
    Ok((request, answer))
}
