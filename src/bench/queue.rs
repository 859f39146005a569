//! The order queue's figures: importing a 10,000-row order file (read, mapped, checked with the
//! form's rules, stored in one transaction), and buying a batch of 1,000 orders against the
//! sandbox told to answer each create after 100 ms, at concurrency 8 (the forwarder alone
//! bounds it at 1,000 / 8 × 100 ms = 12.5 s). A second batch with no delay shows what the
//! engine itself costs an order (write-ahead, send, settle, label kept; the sandbox shares the
//! machine).
//!
//! CSV only: the one XLSX writer in the tree (rust_xlsxwriter) is a dev-dependency, and the
//! workbook path differs from CSV only in the reader (calamine), which the import tests cover.

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::carriers::{Account, AccountSettings, ForwarderKind};
use crate::engine::{BatchCause, BuyQueued, Engine, EngineConfig, ImportOrders};
use crate::model::Shipment;
use crate::sandbox::{Sandbox, demo_credentials};
use crate::secrets::Keychain;
use crate::terminal::outln;

const ACCOUNT: &str = "WP bench";

/// `shipdesk bench queue`.
pub fn run(rows: usize, orders: usize, concurrency: usize, delay_ms: u64) -> ExitCode {
    match bench(rows, orders, concurrency, delay_ms) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bench: {error}");
            ExitCode::from(1)
        }
    }
}

fn bench(rows: usize, orders: usize, concurrency: usize, delay_ms: u64) -> Result<(), String> {
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    let sandbox = runtime
        .block_on(Sandbox::start(0))
        .map_err(|e| format!("the sandbox did not start: {e}"))?;
    let order = super::seed_order()?;

    // 1. Import.
    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
    let engine = desk(scratch.path(), &sandbox, concurrency)?;
    let file = scratch.path().join("orders.csv");
    std::fs::write(&file, orders_csv(&order, "IMP", rows, ACCOUNT)).map_err(|e| e.to_string())?;
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    let started = Instant::now();
    let report = engine
        .call(ImportOrders::file(&file))
        .map_err(|e| e.to_string())?;
    let import = started.elapsed();
    if report.ready() != rows {
        return Err(format!("{} of {rows} rows imported ready", report.ready()));
    }
    outln!(
        "import: {rows} rows ({:.1} MB CSV) read, mapped, checked and queued in {:.0} ms ({:.0} rows/s; target at most 1000 ms)",
        size as f64 / 1e6,
        ms(import),
        rows as f64 / import.as_secs_f64()
    );
    // The same orders as an Excel workbook.
    let workbook = scratch.path().join("orders.xlsx");
    super::xlsx::write_csv_as_xlsx(&orders_csv(&order, "XLS", rows, ACCOUNT), &workbook)?;
    let workbook_size = std::fs::metadata(&workbook).map(|m| m.len()).unwrap_or(0);
    let started = Instant::now();
    let report = engine
        .call(ImportOrders::file(&workbook))
        .map_err(|e| e.to_string())?;
    let from_xlsx = started.elapsed();
    if report.ready() != rows {
        return Err(format!(
            "{} of {rows} workbook rows imported ready",
            report.ready()
        ));
    }
    outln!(
        "import: {rows} rows as XLSX ({:.1} MB) read, mapped, checked and queued in {:.0} ms (target at most 1000 ms)",
        workbook_size as f64 / 1e6,
        ms(from_xlsx)
    );

    // The same file's size again, every SKU known to the catalogue: each item is declared
    // from it before it is checked.
    let products: Vec<crate::catalogue::Product> = (0..97)
        .map(|i| crate::catalogue::Product {
            sku: format!("SKU-{i}"),
            name_en: "Car audio cable".to_owned(),
            name_zh: "汽车音频线".to_owned(),
            hs_code: "8544429000".to_owned(),
            unit_value: "9.5".to_owned(),
            currency: "USD".to_owned(),
            origin_country: "CN".to_owned(),
            unit_weight_kg: "0.12".to_owned(),
            bin_location: format!("A-{i}"),
        })
        .collect();
    engine
        .with_store(|s| s.save_products(&products))
        .map_err(|e| e.what_to_do().to_string())?;
    std::fs::write(&file, orders_csv(&order, "CAT", rows, ACCOUNT)).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let report = engine
        .call(ImportOrders::file(&file))
        .map_err(|e| e.to_string())?;
    let declared = started.elapsed();
    let from_catalogue: usize = report.orders.iter().map(|o| o.from_catalogue).sum();
    outln!(
        "import with the catalogue: {rows} rows, {from_catalogue} items declared from it, in {:.0} ms (target at most 1000 ms)",
        ms(declared)
    );
    drop(engine);

    // 2. A batch against a forwarder that takes `delay_ms` a create.
    let bound = Duration::from_millis(delay_ms) * orders.div_ceil(concurrency.max(1)) as u32;
    sandbox.set_create_delay(Duration::from_millis(delay_ms));
    let slow = batch(&sandbox, &order, "SLOW", orders, concurrency)?;
    let overhead = slow.saturating_sub(bound);
    outln!(
        "batch: {orders} orders, concurrency {concurrency}, each create answered after {delay_ms} ms: {:.2} s (bound {:.2} s; {:.3}x; target within 1.2x)",
        slow.as_secs_f64(),
        bound.as_secs_f64(),
        slow.as_secs_f64() / bound.as_secs_f64().max(1e-9)
    );
    let round = ms(overhead) / orders.div_ceil(concurrency.max(1)) as f64;
    outln!(
        "        beyond the forwarder's time: {round:.1} ms a round of {concurrency} orders ({:.2} ms an order)",
        round / concurrency.max(1) as f64
    );
    sandbox.set_create_delay(Duration::ZERO);
    let fast = batch(&sandbox, &order, "FAST", orders, concurrency)?;
    outln!(
        "engine: the same batch with no delay: {:.2} s, {:.2} ms an order (wall, {concurrency} at once; the sandbox runs on the same cores)",
        fast.as_secs_f64(),
        ms(fast) / orders as f64
    );
    drop(sandbox);
    drop(runtime);
    Ok(())
}

/// Imports `orders` orders into a fresh desk and buys them all as one batch; the time of the buy.
fn batch(
    sandbox: &Sandbox,
    order: &Shipment,
    prefix: &str,
    orders: usize,
    concurrency: usize,
) -> Result<Duration, String> {
    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
    let engine = desk(scratch.path(), sandbox, concurrency)?;
    let file = scratch.path().join("orders.csv");
    std::fs::write(&file, orders_csv(order, prefix, orders, ACCOUNT)).map_err(|e| e.to_string())?;
    engine
        .call(ImportOrders::file(&file))
        .map_err(|e| e.to_string())?;
    let started = Instant::now();
    let report = engine
        .call(BuyQueued {
            concurrency,
            ..BuyQueued::default()
        })
        .map_err(|e| e.to_string())?;
    let elapsed = started.elapsed();
    let bought = report
        .orders
        .iter()
        .filter(|o| o.outcome.cause() == BatchCause::Bought)
        .count();
    if bought != orders {
        return Err(format!("{bought} of {orders} bought"));
    }
    Ok(elapsed)
}

/// An engine on `dir` with a Western Post account on the sandbox that takes `concurrency`
/// orders at once (so the batch's own bound is the one measured).
fn desk(dir: &Path, sandbox: &Sandbox, concurrency: usize) -> Result<Engine, String> {
    let keychain = Keychain::in_memory();
    keychain
        .save(ACCOUNT, &demo_credentials(ForwarderKind::WesternPost))
        .map_err(|e| e.to_string())?;
    let engine = Engine::start(
        EngineConfig {
            data_dir: dir.to_owned(),
        },
        keychain,
    )
    .map_err(|e| e.to_string())?;
    let account = Account {
        name: ACCOUNT.to_owned(),
        forwarder: ForwarderKind::WesternPost,
        base_url: sandbox.base_url(),
        settings: AccountSettings {
            default_service_code: "WP_GROUND".to_owned(),
            concurrency: u32::try_from(concurrency).unwrap_or(u32::MAX),
            ..AccountSettings::default()
        },
        builtin_sandbox: false,
    };
    engine
        .with_store(|s| s.save_account(&account))
        .map_err(|e| e.what_to_do().to_string())?;
    Ok(engine)
}

/// `n` orders like `order` as a CSV whose headers are the form's field names, one row each,
/// references `{prefix}-000001`….
pub(super) fn orders_csv(order: &Shipment, prefix: &str, n: usize, account: &str) -> String {
    let (s, r) = (&order.sender, &order.recipient);
    let quote = |t: &str| format!("\"{}\"", t.replace('"', "\"\""));
    let mut text = String::from(
        "reference,account,sender.name,sender.phone,sender.country_code,sender.state,sender.city,sender.postcode,sender.street1,\
         recipient.name,recipient.phone,recipient.country_code,recipient.state,recipient.city,recipient.postcode,recipient.street1,\
         parcel.length,parcel.width,parcel.height,parcel.weight,item.name_en,item.name_zh,item.quantity,item.unit_value,item.currency,item.sku\n",
    );
    let sender = [
        &s.name,
        &s.phone,
        &s.country_code,
        &s.state,
        &s.city,
        &s.postcode,
        &s.street1,
    ]
    .map(|f| quote(f))
    .join(",");
    let recipient = [
        &r.name,
        &r.phone,
        &r.country_code,
        &r.state,
        &r.city,
        &r.postcode,
        &r.street1,
    ]
    .map(|f| quote(f))
    .join(",");
    for i in 1..=n {
        text.push_str(&format!(
            "{prefix}-{i:06},{account},{sender},{recipient},30,20,10,0.5,Car audio cable,汽车音频线,1,12.5,USD,SKU-{}\n",
            i % 97
        ));
    }
    text
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
