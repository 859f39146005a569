//! The command line's forwarder calls beyond buying: `shipdesk accounts services NAME
//! [--refresh]`, `shipdesk order REF --ask`, `shipdesk reweigh REF KG` and `shipdesk intercept
//! REF [--reason TEXT]`. Each prints the forwarder's answer in words (both languages), or its
//! refusal on stderr with exit 1.

use std::process::ExitCode;

use crate::engine::{AskOrder, Engine, Intercept, Reweigh, Services, ShipError, ShipReport};
use crate::store::format_local_time;
use crate::terminal::outln;

/// `shipdesk accounts services NAME [--refresh]`: one `CODE<TAB>English<TAB>中文` line a
/// service, from the kept list (offline) or, with `--refresh`, asked of the forwarder now.
pub fn services(engine: &Engine, account: &str, refresh: bool) -> ExitCode {
    let request = if refresh {
        Services::refreshed(account)
    } else {
        Services::kept(account)
    };
    match engine.call(request) {
        Ok(offered) => {
            for service in &offered.services {
                outln!("{}\t{}\t{}", service.code, service.name.en, service.name.zh);
            }
            match offered.fetched_at {
                Some(at) => eprintln!(
                    "{} services, as of {} / 共 {} 个渠道",
                    offered.services.len(),
                    format_local_time(at, "%Y-%m-%d %H:%M"),
                    offered.services.len()
                ),
                None => eprintln!(
                    "No services list kept for {account} yet: run with --refresh / 尚无渠道列表：请加 --refresh"
                ),
            }
            ExitCode::SUCCESS
        }
        Err(error) => failed(&error),
    }
}

/// `shipdesk order REF --ask`: the forwarder's own view of the order, one field a line.
pub fn ask_order(engine: &Engine, reference: &str) -> ExitCode {
    match engine.call(AskOrder(reference.to_owned())) {
        Ok(order) => {
            for field in &order.fields {
                let label = if field.label.en == field.label.zh {
                    field.label.en.clone()
                } else {
                    format!("{} / {}", field.label.en, field.label.zh)
                };
                outln!("{label}: {}", field.value);
            }
            ExitCode::SUCCESS
        }
        Err(error) => failed(&error),
    }
}

/// `shipdesk reweigh REF KG`.
pub fn reweigh(engine: &Engine, reference: &str, weight: &str) -> ExitCode {
    let Some(weight_kg) = crate::model::numbers::positive_kg(weight) else {
        eprintln!(
            "shipdesk: {weight:?} is not a weight in kilograms more than 0 (e.g. 1.25) / 重量须为大于 0 的公斤数"
        );
        return ExitCode::from(2);
    };
    noted(engine.call(Reweigh {
        reference: reference.to_owned(),
        weight_kg,
    }))
}

/// `shipdesk intercept REF [--reason TEXT]`.
pub fn intercept(engine: &Engine, reference: &str, reason: &str) -> ExitCode {
    noted(engine.call(Intercept {
        reference: reference.to_owned(),
        remark: reason.to_owned(),
    }))
}

fn noted(result: Result<ShipReport, ShipError>) -> ExitCode {
    match result {
        Ok(report) => {
            outln!("{}: {}", report.reference, report.state.label());
            if let Some(message) = report.message {
                outln!("{message}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => failed(&error),
    }
}

fn failed(error: &ShipError) -> ExitCode {
    eprintln!("shipdesk: {}", error.describe());
    ExitCode::from(1)
}
