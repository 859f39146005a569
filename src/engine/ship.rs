//! Shipping one order: validate, record (write-ahead), send, record the answer, keep the label.

use std::path::PathBuf;
use std::time::Duration;

use rand::distr::{Alphanumeric, SampleString as _};
use serde_json::json;

use super::accounts::{ResolvedAccount, resolve};
use super::http::{self, TransportError};
use super::{Core, label_fetch};
use crate::carriers::{self, Account, CreateOutcome, ForwarderError, WireRequest, WireResponse};
use crate::model::{Shipment, ShipmentState, Text, ValidationIssue};
use crate::secrets::SecretError;
use crate::store::{Outcome, StoreError};

/// Why a shipment could not even be sent. Nothing was bought in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum ShipError {
    /// The order has mistakes; each is tied to its field.
    #[error("the order has {} problem(s): {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<ValidationIssue>),
    /// No account by that name.
    #[error("there is no account named {0:?} (see `shipdesk accounts list`)")]
    NoAccount(String),
    /// The reference is already recorded in History.
    #[error("reference {reference:?} is already in History as {}; {}", state.label().en, hint(*state))]
    AlreadyRecorded {
        /// The reference.
        reference: String,
        /// Its current state.
        state: ShipmentState,
    },
    /// The account's credentials could not be read.
    #[error(transparent)]
    Credentials(#[from] SecretError),
    /// The forwarder's request could not be prepared.
    #[error("{}", .0.describe())]
    Prepare(ForwarderError),
    /// The local database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The built-in sandbox could not start.
    #[error("the built-in sandbox could not start: {0}")]
    Sandbox(String),
    /// The app is shutting down.
    #[error("interrupted: shipdesk is shutting down")]
    Interrupted,
}

fn hint(state: ShipmentState) -> &'static str {
    if state.needs_reconciling() {
        "run `shipdesk reconcile` to find out whether it was bought"
    } else {
        "use a new reference number"
    }
}

/// How a send ended, after the shipment was recorded.
#[derive(Clone, Debug)]
pub struct ShipReport {
    /// The reference.
    pub reference: String,
    /// Where it stands now.
    pub state: ShipmentState,
    /// The tracking number, if bought.
    pub tracking_number: Option<String>,
    /// The stored label file, if it arrived.
    pub label_path: Option<PathBuf>,
    /// What a person should know: the forwarder's refusal, a lost answer, a missing label.
    pub message: Option<Text>,
}

/// Ships one order. Every path after the write-ahead record leaves a row that says what is known.
pub(super) async fn ship(
    core: &Core,
    mut shipment: Shipment,
    account_name: &str,
) -> Result<ShipReport, ShipError> {
    shipment.reference = shipment.reference.trim().to_owned();
    let ResolvedAccount {
        account,
        credentials,
    } = resolve(core, account_name).await?;
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
    let request = fresh_request(&account, &credentials, body)?;
    let service_code = if shipment.service_code.trim().is_empty() {
        account.settings.default_service_code.clone()
    } else {
        shipment.service_code.trim().to_owned()
    };

    // Write ahead: the row and the exact request are committed before anything is sent.
    let (rec_shipment, rec_account, rec_request) =
        (shipment.clone(), account.clone(), request.clone());
    let id = core
        .with_store(move |s| {
            s.record_submission(&rec_shipment, &rec_account, &service_code, &rec_request)
        })
        .await
        .map_err(|error| match error {
            StoreError::DuplicateReference(reference) => ShipError::AlreadyRecorded {
                reference,
                state: ShipmentState::Submitting,
            },
            other => ShipError::Store(other),
        })?;
    tracing::info!(reference = %reference, account = %account.name, "sending create order");

    let answer = http::send(&core.http, &request, timeout(&account)).await;
    settle(core, id, &reference, &account, answer, Attempt::First).await
}

/// Whether this was the first send of a reference or a reconciliation re-send.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Attempt {
    First,
    Resend,
}

/// Records an answer, or its absence, and fetches the label when one was bought.
pub(super) async fn settle(
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
            let state = if error.may_have_arrived {
                ShipmentState::Unknown
            } else if attempt == Attempt::First {
                ShipmentState::Failed
            } else {
                // A re-send that could not connect tells nothing about the first send.
                ShipmentState::Unknown
            };
            let message = transport_message(&forwarder_name, &error, state);
            let audit = json!({ "error": error.message.en });
            (state, None, Some(message), audit)
        }
        Ok(response) => {
            let audit = response_audit(&response);
            let outcome = carriers::forwarder(account.forwarder).parse_create(&response);
            match outcome {
                CreateOutcome::Created(booking) => {
                    (ShipmentState::Created, Some(booking), None, audit)
                }
                CreateOutcome::Refused(error)
                    if attempt == Attempt::Resend && error.authentication =>
                {
                    // Refused credentials on a re-send say nothing about whether the first send bought it.
                    (ShipmentState::Unknown, None, Some(error.describe()), audit)
                }
                CreateOutcome::Refused(error) => {
                    (ShipmentState::Failed, None, Some(error.describe()), audit)
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
    let tracking_number = booking.as_ref().map(|b| b.tracking_number.clone());
    let forwarder_order_id = booking.as_ref().and_then(|b| b.forwarder_order_id.clone());
    let (rec_message, rec_tracking) = (message.clone(), tracking_number.clone());
    core.with_store(move |s| {
        s.record_outcome(
            id,
            &Outcome {
                state,
                tracking_number: rec_tracking.as_deref(),
                forwarder_order_id: forwarder_order_id.as_deref(),
                message: rec_message.as_ref(),
                response: audit,
            },
        )
    })
    .await?;
    tracing::info!(
        shipment = id,
        state = state.as_str(),
        "forwarder answer recorded"
    );

    let mut settled = ShipReport {
        reference: reference.to_owned(),
        state,
        tracking_number,
        label_path: None,
        message,
    };
    if let Some(source) = booking.and_then(|b| b.label) {
        match label_fetch::fetch_and_keep(core, id, &source).await {
            Ok(path) => settled.label_path = Some(path),
            Err(problem) => {
                core.with_store({
                    let problem = problem.clone();
                    move |s| s.record_message(id, &problem)
                })
                .await?;
                settled.message = Some(problem);
            }
        }
    }
    Ok(settled)
}

/// The request for a stored body, signed now.
pub(super) fn fresh_request(
    account: &Account,
    credentials: &carriers::Credentials,
    body: Vec<u8>,
) -> Result<WireRequest, ShipError> {
    let nonce = Alphanumeric.sample_string(&mut rand::rng(), 5);
    carriers::forwarder(account.forwarder)
        .create_request(body, account, credentials, crate::store::now_ms(), &nonce)
        .map_err(ShipError::Prepare)
}

pub(super) fn timeout(account: &Account) -> Duration {
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
        // We sent it before and lost the answer: this confirms our order exists, bought once.
        Attempt::Resend => (
            ShipmentState::BoughtNoTracking,
            Text::new(
                format!(
                    "{} confirms this order exists: it was bought once, not twice. Its tracking number was lost with the first answer and {} offers no lookup by reference: find it in the {} portal.",
                    forwarder.en, forwarder.en, forwarder.en
                ),
                format!(
                    "{}确认该订单已存在：只下单一次，未重复扣费。首次应答丢失导致缺少跟踪号，且该物流商不支持按参考号查询：请到{}后台查询。",
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
