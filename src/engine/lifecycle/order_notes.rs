//! Calls on a bought parcel that move no state but must be remembered: a corrected weight
//! (after re-weighing) and an intercept (stop the parcel, 拦截). Each is offered only from the
//! states its [`Transition`] allows, goes into the audit trail before it is sent, and its
//! verdict (taken or refused, in the forwarder's words) is kept as a note in the audit trail
//! and as the shipment's message.

use rust_decimal::Decimal;
use serde_json::json;

use super::calls;
use crate::carriers::{self, ForwarderError};
use crate::engine::Core;
use crate::engine::ShipReport;
use crate::engine::accounts::resolve;
use crate::engine::error::ShipError;
use crate::model::{Text, Transition};
use crate::store::SentRequest;

/// Tells the forwarder `reference` weighs `weight_kg` now.
pub(in crate::engine) async fn reweigh(
    core: &Core,
    reference: &str,
    weight_kg: Decimal,
) -> Result<ShipReport, ShipError> {
    if weight_kg <= Decimal::ZERO {
        return Err(ShipError::Prepare(ForwarderError::local(Text::new(
            "The new weight must be more than 0 kg.",
            "新重量必须大于 0 公斤。",
        ))));
    }
    let call = NoteCall {
        transition: Transition::Reweigh,
        audit_name: "reweigh",
        detail: json!({ "weight_kg": weight_kg.normalize().to_string() }),
        wrong_state: Text::new(
            "only a bought parcel that is not cancelled can be re-weighed.",
            "只有已下单且未取消的包裹才能修改重量。",
        ),
        no_call: |name: &Text| {
            Text::new(
                format!(
                    "{} has no weight change call: change it in its portal.",
                    name.en
                ),
                format!("{}不支持接口修改重量：请到其后台修改。", name.zh),
            )
        },
    };
    note_call(
        core,
        reference,
        call,
        |forwarder, order, account, credentials| {
            forwarder.reweigh_request(order, weight_kg, account, credentials)
        },
        |forwarder, answer| forwarder.parse_reweigh(answer),
    )
    .await
}

/// Asks the forwarder to stop (hold) `reference`, saying why in `remark`.
pub(in crate::engine) async fn intercept(
    core: &Core,
    reference: &str,
    remark: &str,
) -> Result<ShipReport, ShipError> {
    let remark = if remark.trim().is_empty() {
        // ECCANG's hold needs a reason; a supervisor who gave none still gets the hold.
        "Hold requested from shipdesk / shipdesk 申请拦截"
    } else {
        remark.trim()
    };
    let call = NoteCall {
        transition: Transition::Intercept,
        audit_name: INTERCEPT_CALL,
        detail: json!({ "remark": remark }),
        wrong_state: Text::new(
            "only a bought parcel that is not cancelled can be intercepted.",
            "只有已下单且未取消的包裹才能拦截。",
        ),
        no_call: |name: &Text| {
            Text::new(
                format!(
                    "{} has no intercept call: ask the forwarder to hold the parcel.",
                    name.en
                ),
                format!("{}不支持接口拦截：请联系物流商拦截包裹。", name.zh),
            )
        },
    };
    note_call(
        core,
        reference,
        call,
        |forwarder, order, account, credentials| {
            forwarder.intercept_request(order, remark, account, credentials)
        },
        |forwarder, answer| forwarder.parse_intercept(answer),
    )
    .await
}

/// The `call` name an intercept's answer is recorded under.
const INTERCEPT_CALL: &str = "intercept";

/// When an intercept the forwarder took was recorded in `events` (a shipment's audit trail),
/// if one was: History shows it and offers no second one.
pub fn intercepted_at(events: &[crate::store::EventRecord]) -> Option<i64> {
    events
        .iter()
        .filter(|e| e.kind == crate::store::EventKind::Response)
        .find(|e| {
            e.detail.get("call").and_then(|c| c.as_str()) == Some(INTERCEPT_CALL)
                && e.detail.get("accepted").and_then(|a| a.as_bool()) == Some(true)
        })
        .map(|e| e.at)
}

/// What a noted call is.
struct NoteCall {
    transition: Transition,
    /// The `call` name in the audit trail ([`intercepted_at`] reads an intercept's back).
    audit_name: &'static str,
    /// What was asked, for the audit trail.
    detail: serde_json::Value,
    wrong_state: Text,
    no_call: fn(&Text) -> Text,
}

async fn note_call(
    core: &Core,
    reference: &str,
    call: NoteCall,
    build: impl Fn(
        &'static dyn carriers::Forwarder,
        &carriers::OrderNumbers<'_>,
        &carriers::Account,
        &carriers::Credentials,
    ) -> Option<Result<carriers::WireRequest, ForwarderError>>,
    parse: impl Fn(
        &'static dyn carriers::Forwarder,
        &carriers::WireResponse,
    ) -> Result<Text, ForwarderError>,
) -> Result<ShipReport, ShipError> {
    let record = calls::recorded(core, reference).await?;
    if !call.transition.allowed_from(record.state) {
        return Err(calls::wrong_state(
            reference,
            record.state,
            call.wrong_state,
        ));
    }
    let resolved = resolve(core, &record.account).await?;
    let forwarder = carriers::forwarder(resolved.account.forwarder);
    let name = resolved.account.forwarder.display_name();
    let order = calls::order_numbers(&record);
    let request = calls::or_no_call(
        build(forwarder, &order, &resolved.account, &resolved.credentials),
        || (call.no_call)(&name),
    )
    .map_err(ShipError::Prepare)?;
    let sent = SentRequest::call(&request, &forwarder.audit_body(&request));
    calls::record_call(core, record.id, sent).await?;
    let answer = calls::send(core, &request, &resolved.account).await?;
    let verdict = parse(forwarder, &answer);
    let note = match &verdict {
        Ok(words) => words.clone(),
        Err(error) => error.describe(),
    };
    let mut audit = json!({
        "status": answer.status,
        "body": answer.body_text(),
        "call": call.audit_name,
        "accepted": verdict.is_ok(),
        "note": note,
    });
    if let (Some(audit), Some(detail)) = (audit.as_object_mut(), call.detail.as_object()) {
        audit.extend(detail.clone());
    }
    let (id, expected) = (record.id, call.transition.from());
    let kept = note.clone();
    let applied = core
        .with_store(move |s| s.record_note(id, expected, &kept, &audit))
        .await?;
    tracing::info!(reference, applied, call = call.audit_name, "answered");
    match verdict {
        Ok(words) => Ok(ShipReport {
            reference: reference.to_owned(),
            state: record.state,
            tracking_number: record.tracking_number,
            label_path: None,
            message: Some(words),
            quoted_fee: None,
        }),
        Err(error) => Err(ShipError::Prepare(error)),
    }
}
