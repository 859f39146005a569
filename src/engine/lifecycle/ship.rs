//! Shipping one order: validate, record (write-ahead), send, record the answer, keep the label.

use std::time::Duration;

use rand::distr::{Alphanumeric, SampleString as _};
use serde_json::json;

use crate::carriers::{
    self, Account, Booking, CreateOutcome, FollowUp, ForwarderError, WireRequest, WireResponse,
};
use crate::engine::accounts::resolve;
use crate::engine::error::ShipError;
use crate::engine::http::{self, TransportError};
use crate::engine::session;
use crate::engine::{Core, label_fetch};
use crate::engine::{QuoteReport, ShipReport};
use crate::model::{Shipment, ShipmentState, Text};
use crate::store::{Outcome, QuotedFee, SentRequest, StoreError};

/// Ships one order. Every path after the write-ahead record leaves a row that says what is known.
/// An account that previews fees first ([`carriers::Forwarder::previews_fee`]) needs the
/// quote the packer accepted, for exactly this order and account.
pub(in crate::engine) async fn ship(
    core: &Core,
    mut shipment: Shipment,
    account_name: &str,
    quote: Option<QuoteReport>,
) -> Result<ShipReport, ShipError> {
    shipment.reference = shipment.reference.trim().to_owned();
    let resolved = resolve(core, account_name).await?;
    let account = resolved.account.clone();
    let issues = carriers::validate_for(&shipment, &account);
    if !issues.is_empty() {
        return Err(ShipError::Invalid(issues));
    }
    let reference = shipment.reference.clone();
    let lookup = reference.clone();
    if let Some(existing) = core.with_store(move |s| s.shipment(&lookup)).await?
        && existing.state != ShipmentState::Failed
    {
        return Err(ShipError::AlreadyRecorded {
            reference,
            state: existing.state,
        });
    }

    let forwarder = carriers::forwarder(account.forwarder);
    let body = forwarder.create_body(&shipment, &account);
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
    let sent = SentRequest::new(&request, &forwarder.audit_body(&request), &body);
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
            let sent = SentRequest::new(&request, &forwarder.audit_body(&request), &body);
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

/// Which send of a reference an answer belongs to: it changes what a duplicate or a refusal proves.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(in crate::engine) enum Attempt {
    /// The reference's first send.
    First,
    /// A new send after an earlier one was refused (the row was `failed`).
    Retry,
    /// Reconciliation re-sending after a lost answer (the row was `unknown` or `submitting`).
    Resend,
}

impl Attempt {
    /// The states an answer to this send may settle; anything else means another send got there first.
    fn expected_states(self) -> &'static [ShipmentState] {
        match self {
            Self::First | Self::Retry => &[ShipmentState::Submitting],
            Self::Resend => &[ShipmentState::Submitting, ShipmentState::Unknown],
        }
    }
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
    let forwarder_name = account.forwarder.display_name();
    let (state, booking, message, audit) = match answer {
        Err(error) => {
            // A connection that never opened sent nothing, but on a re-send it says nothing about the first send.
            let state = if error.may_have_arrived || attempt == Attempt::Resend {
                ShipmentState::Unknown
            } else {
                ShipmentState::Failed
            };
            let message = transport_message(&forwarder_name, &error, state);
            (
                state,
                None,
                Some(message),
                json!({ "error": error.message.en }),
            )
        }
        Ok(response) => {
            let audit = response_audit(&response);
            let forwarder = carriers::forwarder(account.forwarder);
            match forwarder.parse_create(&response) {
                CreateOutcome::Created(booking) => {
                    // No label in the answer, but the forwarder makes one on request: poll for it.
                    let state =
                        if booking.label.is_none() && forwarder.has_follow_up(FollowUp::Label) {
                            ShipmentState::AwaitingLabel
                        } else {
                            ShipmentState::Created
                        };
                    (state, Some(booking), None, audit)
                }
                CreateOutcome::NumberLater { forwarder_order_id } => {
                    let booking = Booking {
                        tracking_number: String::new(),
                        forwarder_order_id,
                        label: None,
                    };
                    (ShipmentState::AwaitingNumber, Some(booking), None, audit)
                }
                CreateOutcome::Refused(error) => (
                    refusal_state(&error, attempt),
                    None,
                    Some(error.describe()),
                    audit,
                ),
                CreateOutcome::DuplicateReference(error)
                    if attempt != Attempt::First
                        && forwarder.has_follow_up(FollowUp::TrackingNumber) =>
                {
                    // Our earlier send bought it, and this forwarder can look it up by reference.
                    let message = Text::new(
                        format!(
                            "{} confirms this order exists ({}): bought once, not twice; fetching its tracking number.",
                            forwarder_name.en, error.forwarder_message
                        ),
                        format!(
                            "{}确认该订单已存在（{}）：只下单一次；正在获取跟踪号。",
                            forwarder_name.zh, error.forwarder_message
                        ),
                    );
                    (ShipmentState::AwaitingNumber, None, Some(message), audit)
                }
                CreateOutcome::DuplicateReference(error) => {
                    let (state, message) = duplicate(&forwarder_name, &error, attempt);
                    (state, None, Some(message), audit)
                }
                CreateOutcome::Unreadable(error) => {
                    (ShipmentState::Unknown, None, Some(error.describe()), audit)
                }
            }
        }
    };
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
                attempt.expected_states(),
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

/// A refusal settles a first send or a retry (nothing was bought). On a re-send it settles only
/// when the forwarder itself refused the order for a reason of its own: refused credentials or a
/// gateway's page say nothing about whether the first send bought it.
fn refusal_state(error: &ForwarderError, attempt: Attempt) -> ShipmentState {
    let forwarders_own_refusal = error.forwarder_code.is_some() && !error.authentication;
    if attempt == Attempt::Resend && !forwarders_own_refusal {
        ShipmentState::Unknown
    } else {
        ShipmentState::Failed
    }
}

/// The request for a stored body, signed now.
pub(in crate::engine) fn fresh_request(
    account: &Account,
    credentials: &carriers::Credentials,
    body: Vec<u8>,
) -> Result<WireRequest, ShipError> {
    let nonce = Alphanumeric.sample_string(&mut rand::rng(), 5);
    carriers::forwarder(account.forwarder)
        .create_request(body, account, credentials, crate::store::now_ms(), &nonce)
        .map_err(ShipError::Prepare)
}

/// The account's answer time-out, within sane bounds.
pub(in crate::engine) fn timeout(account: &Account) -> Duration {
    Duration::from_secs(account.settings.timeout_secs.clamp(1, 600))
}

fn transport_message(forwarder: &Text, error: &TransportError, state: ShipmentState) -> Text {
    if state == ShipmentState::Unknown {
        Text::new(
            format!(
                "{}: {}. The order may or may not have been created. It will not be sent again under a new number: run Reconcile to find out.",
                forwarder.en, error.message.en
            ),
            format!(
                "{}：{}。无法确认是否已下单，不会换号重发：请运行“核对”确认。",
                forwarder.zh, error.message.zh
            ),
        )
    } else {
        Text::new(
            format!(
                "{}: {}. Nothing was sent, nothing was charged.",
                forwarder.en, error.message.en
            ),
            format!(
                "{}：{}。未发出请求，未扣费。",
                forwarder.zh, error.message.zh
            ),
        )
    }
}

fn duplicate(forwarder: &Text, error: &ForwarderError, attempt: Attempt) -> (ShipmentState, Text) {
    let own = error.forwarder_message.clone();
    match attempt {
        // Our first send under this reference: somebody else (another system, the portal) used it.
        Attempt::First => (
            ShipmentState::Failed,
            Text::new(
                format!(
                    "{} already has an order under this reference, made outside this send ({own}). Nothing was bought now: if it is yours, look it up in the {} portal; otherwise use a new reference.",
                    forwarder.en, forwarder.en
                ),
                format!(
                    "{}已有该参考号的订单（{own}），并非本次提交产生，本次未扣费：若是您的订单请到{}后台查询，否则请换一个参考号。",
                    forwarder.zh, forwarder.zh
                ),
            ),
        ),
        // We sent this reference before: the forwarder kept that order, bought once.
        Attempt::Retry | Attempt::Resend => (
            ShipmentState::BoughtNoTracking,
            Text::new(
                format!(
                    "{} confirms this order exists: it was bought once, not twice. Its tracking number was lost with an earlier answer and {} offers no lookup by reference: find it in the {} portal.",
                    forwarder.en, forwarder.en, forwarder.en
                ),
                format!(
                    "{}确认该订单已存在：只下单一次，未重复扣费。跟踪号随之前的应答丢失，且该物流商不支持按参考号查询：请到{}后台查询。",
                    forwarder.zh, forwarder.zh
                ),
            ),
        ),
    }
}

/// Audit detail of an answer: status, content type and the body, cut at 64 KiB.
fn response_audit(response: &WireResponse) -> serde_json::Value {
    let body = response.body_text();
    let body: String = body.chars().take(64 * 1024).collect();
    json!({ "status": response.status, "content_type": response.content_type, "body": body })
}
