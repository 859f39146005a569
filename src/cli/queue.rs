//! `shipdesk import FILE` and `shipdesk queue …`: the order queue from the command line, with
//! the same report the window shows (each order, its rows, each problem at its row and column).

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};

use crate::engine::{
    BatchCause, BatchPreview, BatchReport, BuyQueued, Engine, ImportOrders, ImportReport,
    ListQueue, PreviewQueued, PreviewedFee, PrintOrder,
};
use crate::queue::OnDuplicate;
use crate::store::{QueueFilter, QueueWrite};
use crate::terminal::outln;

/// `shipdesk import` arguments.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The order file: CSV or TSV (UTF-8, GBK/GB18030, UTF-16) or an Excel workbook.
    pub file: std::path::PathBuf,
    /// Import profile (shopify, amazon-unshipped, shipdesk, or a saved one); default: the one
    /// the file's columns match.
    #[arg(long)]
    pub profile: Option<String>,
    /// Check and report only; nothing is queued.
    #[arg(long)]
    pub dry_run: bool,
    /// A reference already queued or shipped: skip it, update the queued one, or queue it
    /// under a new reference.
    #[arg(long, default_value = "skip", value_parser = ["skip", "update", "new"])]
    pub on_duplicate: String,
    /// Account for orders whose file names none.
    #[arg(long)]
    pub account: Option<String>,
    /// Sender profile for orders whose file has no sender (default: the desk's first).
    #[arg(long)]
    pub sender: Option<String>,
    /// A value for a field the file lacks, e.g. `--set parcel.length=30` (repeatable; a
    /// non-empty cell still wins). `--set help=` lists the fields.
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub constants: Vec<String>,
    /// For orders to a country, the account, service and box when the file leaves them empty,
    /// e.g. `--rule "US: account=WP, service=WP_GROUND, box=M"` (`*` for any country;
    /// repeatable; a country's own rule comes first). Kept with `--save-profile`.
    #[arg(long = "rule", value_name = "COUNTRY: account=A, service=S, box=B")]
    pub rules: Vec<String>,
    /// Keep the profile used, with the --set values and --rule rules, under this name
    /// (`--profile NAME` next time).
    #[arg(long)]
    pub save_profile: Option<String>,
}

/// `shipdesk queue` subcommands.
#[derive(Debug, Subcommand)]
pub enum QueueCommand {
    /// List the orders waiting to be bought (with --all, bought ones too).
    List {
        /// Bought orders too.
        #[arg(long)]
        all: bool,
    },
    /// Buy queued orders, each through the same exactly-once path as `shipdesk ship`; exit 0
    /// when every one is bought, 1 otherwise (the report groups them by cause), 3 when a
    /// price-first forwarder's fees were previewed but not accepted (nothing bought).
    Buy {
        /// References to buy (with none, --all or --resume is needed).
        references: Vec<String>,
        /// Every order ready to buy.
        #[arg(long, conflicts_with = "references")]
        all: bool,
        /// Resume a batch that was cut off (a crash, kill -9, a power cut): the one with this id,
        /// or with no id every such batch. What was on the wire is reconciled first.
        #[arg(long, num_args = 0..=1, default_missing_value = "0", conflicts_with_all = ["references", "all"])]
        resume: Option<i64>,
        /// Buy at the fees a price-first forwarder (logssc; ECCANG with fee preview) previews
        /// for the batch. Without it each fee and the total are printed and nothing is bought
        /// (exit 3). An order whose fee changes between the preview and its buy is held.
        #[arg(long)]
        accept_fee: bool,
        /// Orders on the wire at once overall (each account's own setting limits it further).
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
        /// The order the batch's labels print in, as one job (accounts that auto-print): as
        /// queued, by SKU, or by destination.
        #[arg(long, default_value = "queue", value_parser = ["queue", "sku", "destination"])]
        print_order: String,
        /// Wait up to this long for labels the forwarder sends later, so their follow-up job
        /// prints before the command ends (0: leave them to the next start, which prints each).
        #[arg(long, default_value_t = 0)]
        wait_secs: u64,
    },
}

/// `shipdesk import`: exit 0 when every order is queued ready to buy, 1 when some have
/// problems or were skipped as duplicates, 2 when the file could not be read at all.
pub fn import(engine: &Engine, args: &ImportArgs) -> ExitCode {
    let mut constants = std::collections::BTreeMap::new();
    for pair in &args.constants {
        let Some((field, value)) = pair.split_once('=') else {
            eprintln!(
                "shipdesk: --set takes FIELD=VALUE, e.g. --set parcel.length=30 (got \"{pair}\")"
            );
            return ExitCode::from(2);
        };
        constants.insert(field.trim().to_owned(), value.to_owned());
    }
    let mut rules = Vec::new();
    for text in &args.rules {
        match crate::queue::CountryRule::parse(text) {
            Ok(rule) => rules.push(rule),
            Err(why) => {
                eprintln!("shipdesk: {why}");
                return ExitCode::from(2);
            }
        }
    }
    let request = ImportOrders {
        path: args.file.clone(),
        profile: args.profile.clone(),
        on_duplicate: OnDuplicate::parse(&args.on_duplicate).unwrap_or_default(),
        account: args.account.clone(),
        sender: args.sender.clone(),
        dry_run: args.dry_run,
        constants,
        rules,
        save_profile_as: args.save_profile.clone(),
    };
    match engine.call(request) {
        Ok(report) => {
            print_report(&report);
            if report.with_problems() == 0 && report.skipped() == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(problem) => {
            eprintln!(
                "shipdesk: {} was not imported; nothing was queued: {problem}",
                display(&args.file)
            );
            ExitCode::from(2)
        }
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Each order on a line (its rows, reference, what happened), its problems under it, and the
/// counts at the end.
fn print_report(report: &ImportReport) {
    outln!(
        "{}: {}, profile {}",
        display(&report.file),
        report.format,
        report.profile
    );
    for order in &report.orders {
        let rows = crate::engine::rows_text(&order.lines);
        let what = match &order.write {
            QueueWrite::Queued(_) => "queued".to_owned(),
            QueueWrite::Updated(_) => "updated the queued order".to_owned(),
            QueueWrite::Renamed { from, to } => {
                format!("{from} was taken: queued as {to}")
            }
            QueueWrite::Skipped { why, .. } => format!("skipped: {why}"),
        };
        let state = match (order.is_queued(), order.problems.len()) {
            (false, _) => String::new(),
            (true, 0) => ", ready".to_owned(),
            (true, 1) => ", 1 problem / 1 个问题:".to_owned(),
            (true, n) => format!(", {n} problems / {n} 个问题:"),
        };
        let declared = match order.from_catalogue {
            0 => String::new(),
            1 => " (1 item declared from the catalogue / 1 个品名按商品库申报)".to_owned(),
            n => format!(" ({n} items declared from the catalogue / {n} 个品名按商品库申报)"),
        };
        outln!(
            "{rows:<12} {:<24} {what}{declared}{state}",
            order.reference()
        );
        if order.is_queued() {
            for problem in &order.problems {
                outln!("    {problem}");
            }
        }
    }
    let note = if report.dry_run {
        " (dry run: nothing was queued / 试运行：未加入队列)"
    } else {
        ""
    };
    outln!(
        "{} orders: {} ready, {} with problems, {} skipped{note}",
        report.orders.len(),
        report.ready(),
        report.with_problems(),
        report.skipped()
    );
}

/// `shipdesk queue …`.
pub fn run(engine: &Engine, command: &QueueCommand) -> ExitCode {
    match command {
        QueueCommand::List { all } => list(engine, *all),
        QueueCommand::Buy {
            references,
            all,
            resume,
            accept_fee,
            concurrency,
            print_order,
            wait_secs,
        } => buy(
            engine,
            references,
            (*all, *resume),
            *accept_fee,
            *concurrency,
            (
                PrintOrder::parse(print_order).unwrap_or_default(),
                Duration::from_secs(*wait_secs),
            ),
        ),
    }
}

fn list(engine: &Engine, all: bool) -> ExitCode {
    let filter = if all {
        QueueFilter::All
    } else {
        QueueFilter::Waiting
    };
    let listing = match engine.call(ListQueue(filter)) {
        Ok(listing) => listing,
        Err(error) => {
            eprintln!("shipdesk: {}", error.what_to_do());
            return ExitCode::from(crate::cli::STORAGE_FAILED);
        }
    };
    for batch in listing.batches.iter().filter(|b| b.is_interrupted()) {
        outln!(
            "batch {} was cut off (interrupted): {} of {} orders not sent yet; resume it with `shipdesk queue buy --resume {}` / 批次 {} 已中断：{} 单未发送，用 `shipdesk queue buy --resume {}` 继续",
            batch.id,
            batch.left,
            batch.total,
            batch.id,
            batch.id,
            batch.left,
            batch.id
        );
    }
    if listing.rows.is_empty() {
        outln!("The queue is empty. / 队列为空。");
        return ExitCode::SUCCESS;
    }
    outln!(
        "{:<24} {:<14} {:<16} {:<12} {:>3} {:>8}  recipient",
        "reference",
        "state",
        "account",
        "service",
        "pcs",
        "kg"
    );
    for row in &listing.rows {
        let state = match row.shipment {
            Some((_, state)) if row.is_bought() => state.label().en,
            Some(_) => "failed, retry".to_owned(),
            None if row.issue_count == 0 => "ready".to_owned(),
            None => format!("{} problems", row.issue_count),
        };
        outln!(
            "{:<24} {:<14} {:<16} {:<12} {:>3} {:>8}  {} ({})",
            row.reference,
            state,
            row.account,
            row.service_code,
            row.parcels,
            row.weight_kg,
            row.recipient_name,
            row.recipient_country
        );
    }
    let ready = listing.rows.iter().filter(|r| r.is_ready()).count();
    outln!("{} orders, {ready} ready to buy", listing.rows.len());
    ExitCode::SUCCESS
}

fn buy(
    engine: &Engine,
    references: &[String],
    (all, resume): (bool, Option<i64>),
    accept_fee: bool,
    concurrency: usize,
    (print_order, wait): (PrintOrder, Duration),
) -> ExitCode {
    if references.is_empty() && !all && resume.is_none() {
        eprintln!(
            "shipdesk: name the orders to buy, or --all, or --resume / 请指定订单，或用 --all、--resume"
        );
        return ExitCode::from(2);
    }
    let batches: Vec<Option<i64>> = match resume {
        None => vec![None],
        Some(id) if id > 0 => vec![Some(id)],
        Some(_) => {
            let open = engine.with_store(|s| s.open_batches()).unwrap_or_default();
            let cut_off: Vec<Option<i64>> = open
                .iter()
                .filter(|b| b.is_interrupted())
                .map(|b| Some(b.id))
                .collect();
            if cut_off.is_empty() {
                outln!("No batch was cut off: nothing to resume. / 没有中断的批次。");
                return ExitCode::SUCCESS;
            }
            cut_off
        }
    };
    // A new batch whose orders price first is previewed and confirmed ONCE: the fees and the
    // total are printed, and nothing is bought without --accept-fee (as `shipdesk ship`).
    let mut quotes = Vec::new();
    if resume.is_none() {
        let preview = match engine.call(PreviewQueued {
            references: references.to_vec(),
            concurrency,
        }) {
            Ok(preview) => preview,
            Err(problem) => {
                eprintln!(
                    "shipdesk: the fees could not be previewed; nothing was bought: {problem}"
                );
                return ExitCode::from(1);
            }
        };
        if preview.needs_confirmation() {
            print_preview(&preview);
            let confirmation = preview.confirmation();
            if !accept_fee {
                eprintln!(
                    "shipdesk: not bought: these forwarders' fees must be accepted first; run again with --accept-fee to {} / 未下单：须先确认费用，加 --accept-fee 重新运行即{}",
                    confirmation.en, confirmation.zh
                );
                return ExitCode::from(crate::cli::ship::FEE_NOT_ACCEPTED);
            }
            outln!(
                "accepted: {} / 已确认：{}",
                confirmation.en,
                confirmation.zh
            );
            quotes = preview.quotes();
        }
    }
    let mut code = ExitCode::SUCCESS;
    for batch in batches {
        let request = BuyQueued {
            references: references.to_vec(),
            resume: batch,
            concurrency,
            quotes: quotes.clone(),
            // A new batch buys at the fees just shown (an order with none is held); a resumed
            // one prices its remaining orders as it buys them.
            accept_fee: accept_fee && batch.is_some(),
            print_order,
        };
        match engine.call(request) {
            Ok(report) => {
                if !print_batch(&report) {
                    code = ExitCode::from(1);
                }
                if report.labels_to_come > 0 && !wait.is_zero() {
                    wait_for_follow_up(engine, &report, wait);
                }
            }
            Err(problem) => {
                eprintln!("shipdesk: the batch did not start: {problem}");
                return ExitCode::from(1);
            }
        }
    }
    code
}

/// Waits (at most `wait`) for the batch's follow-up job, then says how many of its bought
/// orders have their label printed now.
fn wait_for_follow_up(engine: &Engine, report: &BatchReport, wait: Duration) {
    let task = crate::engine::follow_up_task(report.batch_id);
    outln!(
        "waiting up to {} s for the {} label(s) still to come / 最多等待 {} 秒接收其余 {} 张面单",
        wait.as_secs(),
        report.labels_to_come,
        wait.as_secs(),
        report.labels_to_come
    );
    let started = std::time::Instant::now();
    while started.elapsed() < wait && engine.running_tasks().iter().any(|(name, _)| *name == task) {
        std::thread::sleep(Duration::from_millis(250));
    }
    let bought: Vec<&str> = report
        .orders
        .iter()
        .filter(|o| o.outcome.cause() == BatchCause::Bought)
        .map(|o| o.reference.as_str())
        .collect();
    let (printed, waiting) = engine.with_store(|s| {
        bought.iter().fold((0, 0), |(printed, waiting), r| {
            match s.shipment(r).ok().flatten() {
                Some(record) if record.print_count > 0 => (printed + 1, waiting),
                Some(record) if record.label.is_none() => (printed, waiting + 1),
                _ => (printed, waiting),
            }
        })
    });
    outln!(
        "{printed} label(s) of this batch printed, {waiting} still to come / 本批已打印 {printed} 张面单，{waiting} 张稍后到达"
    );
}

/// The batch's print job: how many labels in it, and any that did not print, with why.
fn print_printed(report: &BatchReport) {
    let jobs: std::collections::BTreeSet<i32> = report
        .printed
        .iter()
        .filter_map(|p| p.result.as_ref().ok().map(|(job, _)| *job))
        .collect();
    let printed = report.printed.iter().filter(|p| p.result.is_ok()).count();
    if printed > 0 {
        let jobs: Vec<String> = jobs.iter().map(i32::to_string).collect();
        outln!(
            "printed {printed} label(s) in one job (job {}) / 已打印 {printed} 张面单（一个任务）",
            jobs.join(", ")
        );
    }
    for failed in report.printed.iter().filter(|p| p.result.is_err()) {
        if let Err(problem) = &failed.result {
            outln!("  not printed: {}  {problem}", failed.reference);
        }
    }
    if report.labels_to_come > 0 {
        outln!(
            "{} label(s) still to come from the forwarder: they print as one more job when they arrive (or, if shipdesk stops first, each when the next start fetches it) / {} 张面单稍后到达，到达后合并打印",
            report.labels_to_come,
            report.labels_to_come
        );
    }
}

/// Each order's fee (or why it has none) and the total per currency.
fn print_preview(preview: &BatchPreview) {
    outln!("fee preview / 费用预览:");
    for order in &preview.orders {
        match &order.fee {
            PreviewedFee::Priced(quote) => {
                outln!(
                    "  {:<24} {:>14}  {}",
                    order.reference,
                    quote.fee.to_string(),
                    quote.account
                )
            }
            PreviewedFee::NotPriced => {
                outln!(
                    "  {:<24} {:>14}  no fee preview / 无需报价",
                    order.reference,
                    "-"
                )
            }
            PreviewedFee::Failed(why) => {
                outln!("  {:<24} {:>14}  no fee: {why}", order.reference, "-")
            }
        }
    }
    let totals: Vec<String> = preview.totals().iter().map(ToString::to_string).collect();
    outln!(
        "total / 合计: {} ({} orders priced / 单已报价)",
        if totals.is_empty() {
            "0.00".to_owned()
        } else {
            totals.join(" + ")
        },
        preview.quotes().len()
    );
}

/// The batch by cause, each cause with what to do and its orders; `true` when every order
/// is bought (now or before).
fn print_batch(report: &BatchReport) -> bool {
    let mut all_bought = true;
    outln!("batch {}:", report.batch_id);
    for (cause, orders) in report.by_cause() {
        all_bought &= matches!(cause, BatchCause::Bought | BatchCause::AlreadyBought);
        let what = cause.what_to_do();
        outln!("{} order(s) {} / {}", orders.len(), what.en, what.zh);
        for order in orders {
            match order.outcome.detail() {
                Some(detail) if detail.en == detail.zh => {
                    outln!("  {}  {}", order.reference, detail.en)
                }
                Some(detail) => outln!("  {}  {detail}", order.reference),
                None => outln!("  {}", order.reference),
            }
        }
    }
    if report.cancelled {
        outln!("The batch was cancelled. / 批次已取消。");
    }
    print_printed(report);
    all_bought
}
