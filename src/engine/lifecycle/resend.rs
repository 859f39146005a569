//! Sending a lost create again, exactly as recorded and under the same reference, within
//! bounds: the first re-send goes at once, each later one only after its pause
//! ([`pacing::pause_after_resend`]), at most [`MAX_RESENDS`] in all; then the shipment stays
//! `unknown` and waits for a person, with the last answer in words. The re-send is claimed in
//! the store before it goes, so reconciles that overlap (the window's button and
//! `shipdesk reconcile` on the same data folder) send it once, not once each.

use super::outcome::Attempt;
use super::pacing::{self, MAX_RESENDS, ResendVerdict, after};
use super::ship::{fresh_request, settle, timeout};
use crate::carriers::{self, CreateOutcome, ForwarderError};
use crate::engine::Core;
use crate::engine::ShipReport;
use crate::engine::accounts::ResolvedAccount;
use crate::engine::error::ShipError;
use crate::model::{ShipmentState, Text};
use crate::store::{ResendClaim, SentRequest, ShipmentRecord, format_local_time, now_ms};

/// What a re-send came to.
pub(in crate::engine) struct Resent {
    /// The shipment after it (or, when nothing was sent, why not).
    pub report: ShipReport,
    /// The forwarder refused the order sent again, for a reason of the order's (not of the
    /// credentials): what it said.
    pub refused: Option<ForwarderError>,
}

/// Sends `record`'s recorded create again if its pacing allows, and records the answer as
/// `attempt`'s ([`Attempt::Resend`] or [`Attempt::ResendAfterLookup`]); else reports why not
/// (held until a time, or waiting for a person).
pub(in crate::engine) async fn resend(
    core: &Core,
    record: &ShipmentRecord,
    resolved: &ResolvedAccount,
    attempt: Attempt,
) -> Result<Resent, ShipError> {
    let not_sent = |report| Resent {
        report,
        refused: None,
    };
    let (id, reference) = (record.id, record.reference.as_str());
    let forwarder_name = resolved.account.forwarder.display_name();
    let pace = core.with_store(move |s| s.reconcile_pace(id)).await?;
    let now = now_ms();
    match pacing::resend_verdict(pace.resends, pace.next_resend_at, now) {
        ResendVerdict::Send => {}
        ResendVerdict::NotBefore(at) => {
            return Ok(not_sent(unchanged(record, held(pace.resends, at))));
        }
        ResendVerdict::WaitsForPerson => {
            // The reason was recorded when the cap was reached; History shows the same words.
            let message = record
                .message
                .clone()
                .unwrap_or_else(|| waits_for_person(&forwarder_name, pace.resends, None));
            return Ok(not_sent(unchanged(record, message)));
        }
    }
    let Some(body) = core
        .with_store(move |s| s.recorded_request_body(id))
        .await?
    else {
        // Recorded without a request (cannot happen with this build's write-ahead); leave it listed.
        return Ok(not_sent(unchanged(
            record,
            Text::new(
                "No recorded request to check with; look it up in the forwarder's portal.",
                "没有已记录的请求可供核对，请到物流商后台查询。",
            ),
        )));
    };
    let payload = body.into_bytes();
    let request = fresh_request(&resolved.account, &resolved.credentials, payload.clone())?;
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    let sent = SentRequest::create(&request, &forwarder.audit_body(&request), &payload);
    let nth = pace.resends.saturating_add(1);
    let claim = ResendClaim {
        seen_resends: pace.resends,
        max_resends: MAX_RESENDS,
        now,
        next_resend_at: after(
            now,
            pacing::pause_after_resend(&core.reconcile_pacing(), nth),
        ),
    };
    if !core
        .with_store(move |s| s.record_resend(id, &sent, &claim))
        .await?
    {
        // Another reconcile claimed it between our read and now: its send settles it.
        return Ok(not_sent(unchanged(
            record,
            Text::new(
                "Another reconcile is sending it again right now: its answer settles it.",
                "另一次核对正在重新提交：以其应答为准。",
            ),
        )));
    }
    let _in_flight = core.in_flight(id);
    tracing::info!(
        shipment = id,
        resend = nth,
        "sending a lost create again under its reference"
    );
    let answer = crate::engine::http::send(&core.http, &request, timeout(&resolved.account)).await;
    let refused =
        answer
            .as_ref()
            .ok()
            .and_then(|response| match forwarder.parse_create(response) {
                CreateOutcome::Refused(error) if !error.authentication => Some(error),
                _ => None,
            });
    let mut report = settle(core, id, reference, &resolved.account, answer, attempt).await?;
    if report.state == ShipmentState::Unknown && nth >= MAX_RESENDS {
        let message = waits_for_person(&forwarder_name, nth, report.message.as_ref());
        let note = message.clone();
        core.with_store(move |s| s.record_message(id, &note))
            .await?;
        report.message = Some(message);
    }
    Ok(Resent { report, refused })
}

/// A report that leaves the shipment as it is, saying why.
fn unchanged(record: &ShipmentRecord, message: Text) -> ShipReport {
    ShipReport {
        reference: record.reference.clone(),
        state: record.state,
        tracking_number: record.tracking_number.clone(),
        label_path: None,
        quoted_fee: None,
        message: Some(message),
    }
}

/// Not sent: a pause holds it until `at`.
fn held(resends: i64, at: i64) -> Text {
    let until = format_local_time(at, "%H:%M:%S");
    Text::new(
        format!(
            "Sent again {resends} of at most {MAX_RESENDS} times; not again before {until}, so a forwarder whose answers cannot be read is not sent the order over and over. Nothing is to be done now."
        ),
        format!(
            "已重新提交 {resends} 次（最多 {MAX_RESENDS} 次）；{until} 之前不再提交，以免向应答无法读取的物流商反复下单。现在无需任何操作。"
        ),
    )
}

/// Sent the most times allowed and still unknown: a person must look, with the last answer.
fn waits_for_person(forwarder: &Text, resends: i64, last: Option<&Text>) -> Text {
    let (last_en, last_zh) = match last {
        Some(last) => (last.en.as_str(), last.zh.as_str()),
        None => ("not recorded", "未记录"),
    };
    Text::new(
        format!(
            "Sent again {resends} times and no answer settled it (last answer: {last_en}). shipdesk will not send it again: a person must check this order in the {} portal (bought or not) before anything else is done.",
            forwarder.en
        ),
        format!(
            "已重新提交 {resends} 次，均无法确认结果（最后一次应答：{last_zh}）。shipdesk 不会再提交：请人工到{}后台核对该订单是否已下单，再做处理。",
            forwarder.zh
        ),
    )
}
