use std::path::Path;
use std::process::ExitCode;

use crate::engine::{Engine, Quote, Refund, Ship, ShipError, ShipReport};
use crate::model::ShipmentState;
use crate::terminal::outln;

/// Exit code when the forwarder previewed a fee that was not accepted (`--accept-fee`).
pub const FEE_NOT_ACCEPTED: u8 = 3;

/// `shipdesk ship ORDER.json --account NAME [--accept-fee] [--wait-secs N]`.
///
/// A forwarder that previews fees before every order (logssc) is asked for the fee first; the
/// fee is printed, and the order is bought only with `--accept-fee` (else exit 3, nothing
/// bought). An order whose numbers or label come later is followed for up to `wait_secs`.
pub fn run(
    engine: &Engine,
    order_path: &Path,
    account: &str,
    accept_fee: bool,
    wait_secs: u64,
) -> ExitCode {
    let shipment = match crate::model::read_order_file(order_path) {
        Ok(shipment) => shipment,
        Err(crate::model::OrderFileError::Read(error)) => {
            eprintln!("shipdesk: cannot read {}: {error}", order_path.display());
            return ExitCode::from(2);
        }
        Err(error) => {
            let position = error
                .position()
                .map(|(line, column)| format!(" (line {line}, column {column})"))
                .unwrap_or_default();
            eprintln!(
                "shipdesk: {} is not a valid order / 订单文件格式错误{position}: {error}",
                order_path.display(),
            );
            return ExitCode::from(2);
        }
    };
    let needs_quote = engine
        .with_store(|s| s.account(account))
        .ok()
        .flatten()
        .is_some_and(|a| crate::carriers::forwarder(a.forwarder).previews_fee(&a));
    let quote = if needs_quote {
        match engine.call(Quote::new(shipment.clone(), account)) {
            Ok(quote) => {
                outln!("fee: {} (fee preview for {})", quote.fee, quote.reference);
                if !accept_fee {
                    eprintln!(
                        "shipdesk: not bought: this forwarder's fee must be accepted first; run again with --accept-fee to buy at {} / 未下单：须先确认费用，加 --accept-fee 重新运行即按此费用下单",
                        quote.fee
                    );
                    return ExitCode::from(FEE_NOT_ACCEPTED);
                }
                Some(quote)
            }
            Err(error) => return refused(error),
        }
    } else {
        None
    };
    let report = match engine.call(Ship {
        shipment,
        account: account.to_owned(),
        quote,
    }) {
        Ok(report) => follow(engine, report, wait_secs),
        Err(error) => return refused(error),
    };
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
    print_fees(engine, &report.reference);
    if let Some(message) = &report.message {
        eprintln!("{message}");
    }
    if created && report.label_path.is_some() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Why nothing (or not all) was done, with the exit code scripts rely on.
fn refused(error: ShipError) -> ExitCode {
    match error {
        ShipError::Invalid(issues) => {
            eprintln!("shipdesk: the order was not sent; fix these fields:");
            for issue in issues {
                eprintln!("  {issue}");
            }
            ExitCode::from(2)
        }
        error @ ShipError::NoAccount(_) => {
            eprintln!("shipdesk: {error}");
            ExitCode::from(2)
        }
        ShipError::Unrecorded {
            reference,
            tracking_number,
            source,
        } => {
            // Bought: the number goes to standard output as for any bought shipment, whatever
            // the disk said, and the reason after it.
            outln!("tracking number: {tracking_number}");
            eprintln!(
                "shipdesk: BOUGHT {reference} ({tracking_number}), but it is not in History: {}",
                source.what_to_do()
            );
            ExitCode::from(super::STORAGE_FAILED)
        }
        ShipError::Store(error) => {
            eprintln!("shipdesk: {}", error.what_to_do());
            ExitCode::from(super::STORAGE_FAILED)
        }
        error => {
            eprintln!("shipdesk: {}", error.describe());
            ExitCode::from(1)
        }
    }
}

/// Waits (up to `wait_secs`) while the engine's poller fetches a late number or label, then
/// reports what the record says.
fn follow(engine: &Engine, report: ShipReport, wait_secs: u64) -> ShipReport {
    let waiting = |state: ShipmentState| {
        matches!(
            state,
            ShipmentState::AwaitingNumber | ShipmentState::AwaitingLabel
        )
    };
    if !waiting(report.state) || wait_secs == 0 {
        return report;
    }
    eprintln!(
        "shipdesk: {} is {}; waiting up to {wait_secs} s (it is also picked up again next time shipdesk runs)",
        report.reference,
        report.state.label()
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(wait_secs);
    loop {
        let record = engine
            .with_store(|s| s.shipment(&report.reference))
            .ok()
            .flatten();
        if let Some(record) = record
            && (!waiting(record.state) || std::time::Instant::now() >= deadline)
        {
            return ShipReport {
                reference: record.reference,
                state: record.state,
                tracking_number: record.tracking_number,
                label_path: record.label.map(|l| std::path::PathBuf::from(l.path)),
                message: record.message.or(report.message),
                quoted_fee: report.quoted_fee,
            };
        }
        if std::time::Instant::now() >= deadline {
            return report;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

/// The fee accepted before buying and the fee charged, when the forwarder gives them.
fn print_fees(engine: &Engine, reference: &str) {
    let Some(record) = engine.with_store(|s| s.shipment(reference)).ok().flatten() else {
        return;
    };
    let currency = record.fee_currency.unwrap_or_default();
    if let Some(quoted) = record.quoted_fee {
        outln!("quoted fee: {quoted} {currency}");
    }
    if let Some(charged) = record.charged_fee {
        outln!("charged fee: {charged} {currency}");
    }
}

/// `shipdesk refund REFERENCE`: asks the forwarder to refund a failed or cancelled order.
pub fn refund(engine: &Engine, reference: &str) -> ExitCode {
    match engine.call(Refund(reference.to_owned())) {
        Ok(report) => {
            outln!("{}: {}", report.reference, report.state.label());
            if let Some(message) = report.message {
                outln!("{message}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("shipdesk: {}", error.describe());
            ExitCode::from(1)
        }
    }
}
