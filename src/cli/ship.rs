use std::path::Path;
use std::process::ExitCode;

use crate::engine::{Engine, ShipError};
use crate::model::{Shipment, ShipmentState};

/// `shipdesk ship ORDER.json --account NAME`.
pub fn run(engine: &Engine, order_path: &Path, account: &str) -> ExitCode {
    let text = match std::fs::read_to_string(order_path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("shipdesk: cannot read {}: {error}", order_path.display());
            return ExitCode::from(2);
        }
    };
    let shipment: Shipment = match serde_json::from_str(&text) {
        Ok(shipment) => shipment,
        Err(error) => {
            eprintln!(
                "shipdesk: {} is not a valid order / 订单文件格式错误 (line {}, column {}): {error}",
                order_path.display(),
                error.line(),
                error.column()
            );
            return ExitCode::from(2);
        }
    };
    match engine.block_on(engine.ship(shipment, account)) {
        Ok(report) => {
            let created = matches!(
                report.state,
                ShipmentState::Created | ShipmentState::Printed
            );
            if created {
                outln!("Created {} with {account}", report.reference);
                outln!(
                    "tracking number: {}",
                    report.tracking_number.as_deref().unwrap_or("")
                );
                match &report.label_path {
                    Some(path) => outln!("label: {}", path.display()),
                    None => outln!("label: not stored yet"),
                }
            } else {
                eprintln!("shipdesk: {} is {}", report.reference, report.state.label());
            }
            if let Some(message) = &report.message {
                eprintln!("{message}");
            }
            if created && report.label_path.is_some() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(ShipError::Invalid(issues)) => {
            eprintln!("shipdesk: the order was not sent; fix these fields:");
            for issue in issues {
                eprintln!("  {issue}");
            }
            ExitCode::from(2)
        }
        Err(error @ ShipError::NoAccount(_)) => {
            eprintln!("shipdesk: {error}");
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("shipdesk: {}", error.describe());
            ExitCode::from(1)
        }
    }
}

/// `shipdesk reconcile`.
pub fn reconcile(engine: &Engine) -> ExitCode {
    match engine.block_on(engine.reconcile()) {
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
