//! Shipping one order: validate, record (write-ahead), send, record the answer, keep the label.

use std::time::Duration;

use serde_json::json;

use super::outcome::{self, Attempt, CreateDecision, FollowUps};
use super::preflight::{Checked, preflight};
use crate::carriers::{self, Account, FollowUp, WireRequest, WireResponse};
use crate::engine::error::ShipError;
use crate::engine::http::{self, TransportError};
use crate::engine::session;
use crate::engine::{Core, label_fetch};
use crate::engine::{QuoteReport, ShipReport};
use crate::model::{Shipment, ShipmentState};
use crate::store::{Outcome, QuotedFee, SentRequest, StoreError};

/// Ships one order. Every path after the write-ahead record leaves a row that says what is known.
/// An account that previews fees first ([`carriers::Forwarder::previews_fee`]) needs the
/// quote the packer accepted, for exactly this order and account.
pub(in crate::engine) async fn ship(
    core: &Core,
    shipment: Shipment,
    account_name: &str,
    quote: Option<QuoteReport>,
) -> Result<ShipReport, ShipError> {
    let Checked {
        shipment,
        resolved,
        body,
    } = preflight(core, shipment, account_name).await?;
    let account = resolved.account.clone();
    let reference = shipment.reference.clone();
    let forwarder = carriers::forwarder(account.forwarder);
    if forwarder.previews_fee(&account) {
        match &quote {
            None => {
                return Err(ShipError::QuoteNeeded {
                    forwarder: account.forwarder.display_name().en,
                });
            }
            Some(quote)
                if quote.account != account.name
                    || quote.reference != shipment.reference
                    || quote.body_sha256 != crate::labels::sha256_hex(&body) =>
            {
                return Err(ShipError::QuoteStale);
            }
            Some(quote)
                if crate::store::now_ms().saturating_sub(quote.quoted_at_ms)
                    > crate::engine::QUOTE_MAX_AGE_MS =>
            {
                return Err(ShipError::QuoteExpired);
            }
            Some(_) => {}
        }
    }
    // A forwarder that logs in first gets its token before anything is recorded.
    let credentials = session::credentials(core, &resolved, false).await?;
    let request = fresh_request(&account, &credentials, body.clone())?;
    let sent = SentRequest::create(&request, &forwarder.audit_body(&request), &body);
    let service_code = if shipment.service_code.trim().is_empty() {
        account.settings.default_service_code.clone()
    } else {
        shipment.service_code.trim().to_owned()
    };

    // Write ahead: the row and the exact request are committed before anything is sent.
    let (rec_shipment, rec_account) = (shipment.clone(), account.clone());
    let rec_quote = quote.clone();
    let submission = core
        .with_store(move |s| {
            let quoted = rec_quote.as_ref().map(|q| QuotedFee {
                fee: &q.fee,
                detail: &q.audit,
            });
            s.record_submission(
                &rec_shipment,
                &rec_account,
                &service_code,
                &sent,
                quoted.as_ref(),
            )
        })
        .await
        .map_err(|error| match error {
            StoreError::DuplicateReference(reference) => ShipError::AlreadyRecorded {
                reference,
                state: ShipmentState::Submitting,
            },
            other => ShipError::Store(other),
        })?;
    let _in_flight = core.in_flight(submission.id);
    tracing::info!(reference = %reference, account = %account.name, attempt = submission.attempts, "sending create order");

    let mut answer = http::send(&core.http, &request, timeout(&account)).await;
    if session::expired(&resolved, &answer) {
        // The token was refused, so nothing was looked at: once more with a fresh token, the
        // same body, recorded before it goes.
        if let Ok(credentials) = session::credentials(core, &resolved, true).await
            && let Ok(request) = fresh_request(&account, &credentials, body.clone())
        {
            let sent = SentRequest::create(&request, &forwarder.audit_body(&request), &body);
            let id = submission.id;
            core.with_store(move |s| s.record_call(id, &sent)).await?;
            answer = http::send(&core.http, &request, timeout(&account)).await;
        }
    }
    let attempt = if submission.attempts > 1 {
        Attempt::Retry
    } else {
        Attempt::First
    };
    let mut report = settle(core, submission.id, &reference, &account, answer, attempt).await?;
    report.quoted_fee = quote.map(|q| q.fee);
    Ok(report)
}

/// Records an answer, or its absence, and fetches the label when one was bought.
pub(in crate::engine) async fn settle(
    core: &Core,
    id: i64,
    reference: &str,
    account: &Account,
    answer: Result<WireResponse, TransportError>,
    attempt: Attempt,
) -> Result<ShipReport, ShipError> {
    let forwarder = carriers::forwarder(account.forwarder);
    let audit = match &answer {
        Ok(response) => response_audit(response),
        Err(error) => json!({ "error": error.message.en }),
    };
    let follow_ups = FollowUps {
        label: forwarder.has_follow_up(FollowUp::Label),
        tracking_number: forwarder.has_follow_up(FollowUp::TrackingNumber),
    };
    let CreateDecision {
        state,
        booking,
        message,
    } = outcome::after_create(
        &account.forwarder.display_name(),
        answer.as_ref().map(|r| forwarder.parse_create(r)),
        attempt,
        follow_ups,
    );
    let tracking_number = booking
        .as_ref()
        .map(|b| b.tracking_number.clone())
        .filter(|t| !t.trim().is_empty());
    let forwarder_order_id = booking.as_ref().and_then(|b| b.forwarder_order_id.clone());
    let (rec_message, rec_tracking) = (message.clone(), tracking_number.clone());
    let recorded = core
        .with_store(move |s| {
            s.record_outcome(
                id,
                attempt.transition().from(),
                &Outcome {
                    state,
                    tracking_number: rec_tracking.as_deref(),
                    forwarder_order_id: forwarder_order_id.as_deref(),
                    message: rec_message.as_ref(),
                    response: audit,
                },
            )
        })
        .await;
    let applied = match (recorded, &tracking_number) {
        (Ok(applied), _) => applied,
        (Err(source), Some(tracking_number)) => {
            // Never lose a bought number: it goes to the log and to the person, in the error itself.
            tracing::error!(reference, tracking_number = %tracking_number, "bought but not recorded: {source:#}");
            return Err(ShipError::Unrecorded {
                reference: reference.to_owned(),
                tracking_number: tracking_number.clone(),
                source: Box::new(source),
            });
        }
        (Err(source), None) => return Err(ShipError::Store(source)),
    };
    if !applied {
        return settled_elsewhere(core, id, reference).await;
    }
    tracing::info!(
        shipment = id,
        state = state.as_str(),
        "forwarder answer recorded"
    );

    let mut report = ShipReport {
        reference: reference.to_owned(),
        state,
        tracking_number,
        label_path: None,
        message,
        quoted_fee: None,
    };
    if let Some(source) = booking.and_then(|b| b.label) {
        match label_fetch::fetch_and_keep(core, id, &source).await {
            Ok(path) => report.label_path = Some(path),
            Err(problem) => {
                let note = problem.clone();
                core.with_store(move |s| s.record_message(id, &note))
                    .await?;
                report.message = Some(problem);
            }
        }
    }
    Ok(report)
}

/// Another send (a reconcile, another window) settled the shipment while this answer was on its
/// way: report what the record says now; the late answer is kept in the audit trail.
async fn settled_elsewhere(core: &Core, id: i64, reference: &str) -> Result<ShipReport, ShipError> {
    let lookup = reference.to_owned();
    let record = core
        .with_store(move |s| s.shipment(&lookup))
        .await?
        .ok_or_else(|| ShipError::NoShipment(reference.to_owned()))?;
    tracing::info!(
        shipment = id,
        state = record.state.as_str(),
        "a late answer left the settled state alone"
    );
    Ok(ShipReport::from_record(record))
}

/// The request for a stored body, signed now.
pub(in crate::engine) fn fresh_request(
    account: &Account,
    credentials: &carriers::Credentials,
    body: Vec<u8>,
) -> Result<WireRequest, ShipError> {
    let nonce = crate::engine::nonce();
    carriers::forwarder(account.forwarder)
        .create_request(body, account, credentials, crate::store::now_ms(), &nonce)
        .map_err(ShipError::Prepare)
}

/// The account's answer time-out, within sane bounds.
pub(in crate::engine) fn timeout(account: &Account) -> Duration {
    Duration::from_secs(account.settings.timeout_secs.clamp(1, 600))
}

/// Audit detail of an answer: status, content type and the body, cut at 64 KiB.
fn response_audit(response: &WireResponse) -> serde_json::Value {
    let body = response.body_text();
    let body: String = body.chars().take(64 * 1024).collect();
    json!({ "status": response.status, "content_type": response.content_type, "body": body })
}
