//! `shipdesk reconcile`: settles shipments whose answer was lost and fetches missing labels,
//! printing per shipment where it stands and what was done: looked up, sent again, held back
//! until a time, or waiting for a person.

use std::process::ExitCode;

use crate::engine::{Engine, MAX_RESENDS, Reconcile, ReconcileAction};
use crate::model::Text;
use crate::store::format_local_time;
use crate::terminal::outln;

/// `shipdesk reconcile`. Exit 1 when anything is left unsettled or has a message to read.
pub fn run(engine: &Engine) -> ExitCode {
    match engine.call(Reconcile) {
        Ok(reports) if reports.is_empty() => {
            outln!(
                "Nothing to reconcile: every shipment's outcome is known and every label is stored."
            );
            ExitCode::SUCCESS
        }
        Ok(reports) => {
            let mut unresolved = false;
            for report in reports {
                let tracking = report.tracking_number.as_deref().unwrap_or("-");
                outln!(
                    "{}: {} -> {} (tracking {tracking})",
                    report.reference,
                    report.before.label(),
                    report.after.label()
                );
                if let Some(done) = action_line(report.action) {
                    outln!("  {done}");
                }
                if let Some(message) = report.message {
                    outln!("  {message}");
                    unresolved = true;
                }
                unresolved |= report.after.needs_reconciling();
            }
            if unresolved {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => {
            eprintln!("shipdesk: {error}");
            ExitCode::from(1)
        }
    }
}

/// What was done, in both languages (nothing to say when nothing was done).
fn action_line(action: ReconcileAction) -> Option<Text> {
    let time = |ms| format_local_time(ms, "%H:%M:%S");
    Some(match action {
        ReconcileAction::Asked {
            looks_again_at: Some(at),
        } => Text::new(
            format!("Looked up; shipdesk looks again by itself at {}.", time(at)),
            format!("已查询；shipdesk 将于 {} 自动再查。", time(at)),
        ),
        ReconcileAction::Asked {
            looks_again_at: None,
        } => Text::new("Looked up.", "已查询。"),
        ReconcileAction::SentAgain { nth } => Text::new(
            format!("Sent again ({nth} of at most {MAX_RESENDS})."),
            format!("已重新提交（第 {nth} 次，最多 {MAX_RESENDS} 次）。"),
        ),
        ReconcileAction::HeldUntil { until } => Text::new(
            format!("Not sent again: held until {} (back-off).", time(until)),
            format!("未重新提交：{} 之前暂缓（退避）。", time(until)),
        ),
        ReconcileAction::WaitsForPerson => Text::new(
            format!(
                "Not sent again: sent {MAX_RESENDS} times already; waits for a person to check it in the forwarder's portal."
            ),
            format!("未重新提交：已提交 {MAX_RESENDS} 次；需人工到物流商后台核对。"),
        ),
        ReconcileAction::LeftAlone => return None,
    })
}
