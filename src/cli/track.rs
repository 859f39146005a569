//! `shipdesk track REF...`: where each parcel is, as its forwarder says now.

use std::process::ExitCode;

use crate::engine::{Engine, Track};
use crate::terminal::outln;

/// Asks each shipment's forwarder and prints the scans, newest first (or JSON with `json`).
/// Exit 1 if any could not be asked.
pub fn run(engine: &Engine, references: &[String], json: bool) -> ExitCode {
    let mut failed = false;
    for reference in references {
        match engine.call(Track::of(reference.clone())) {
            Ok(tracking) if json => {
                let line = serde_json::json!({ "reference": reference, "tracking": tracking });
                outln!("{line}");
            }
            Ok(tracking) => {
                let status = if tracking.status.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", tracking.status)
                };
                outln!("{reference} {}{status}", tracking.number);
                if tracking.events.is_empty() {
                    let said = if tracking.message.is_empty() {
                        "no scans yet / 暂无轨迹"
                    } else {
                        tracking.message.en.as_str()
                    };
                    outln!("  {said}");
                }
                for event in &tracking.events {
                    outln!(
                        "  {}  {}  {}",
                        event.time,
                        event.location,
                        event.description.en
                    );
                }
            }
            Err(error) => {
                failed = true;
                eprintln!("shipdesk: {reference}: {}", error.describe());
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
