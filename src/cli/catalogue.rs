//! `shipdesk catalogue …`: the product catalogue from the command line (import with a report
//! of every row, list or search, as CSV the import reads back).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use crate::catalogue::import::{csv_header, csv_row};
use crate::engine::{Engine, FindProducts, ImportCatalogue};
use crate::store::ProductWrite;
use crate::terminal::outln;

/// `shipdesk catalogue` subcommands.
#[derive(Debug, Subcommand)]
pub enum CatalogueCommand {
    /// Add or update entries from a CSV, TSV or Excel file (headers in English or Chinese:
    /// sku/SKU编码, name_en/英文申报名, name_zh/中文申报名, hs_code/海关编码, unit_value/申报价值,
    /// currency/币种, origin_country/原产国, unit_weight_kg/单件重量, bin_location/库位); exit 0
    /// when every row is saved, 1 when some are not (each problem at its row and column), 2 when
    /// the file could not be read.
    Import {
        /// The file.
        file: PathBuf,
        /// Check and report only; nothing is saved.
        #[arg(long)]
        dry_run: bool,
    },
    /// List entries whose SKU or names hold SEARCH (all with none), by SKU; with --csv, every
    /// entry that matches.
    List {
        /// Text in a SKU or a name.
        #[arg(default_value = "")]
        search: String,
        /// As CSV (the catalogue's own columns; `catalogue import` reads it back).
        #[arg(long)]
        csv: bool,
        /// At most this many.
        #[arg(long, default_value_t = 1000)]
        limit: usize,
    },
}

/// `shipdesk catalogue …`.
pub fn run(engine: &Engine, command: &CatalogueCommand) -> ExitCode {
    match command {
        CatalogueCommand::Import { file, dry_run } => import(engine, file, *dry_run),
        CatalogueCommand::List { search, csv, limit } => list(engine, search, *csv, *limit),
    }
}

fn import(engine: &Engine, file: &std::path::Path, dry_run: bool) -> ExitCode {
    let report = match engine.call(ImportCatalogue {
        path: file.to_owned(),
        dry_run,
    }) {
        Ok(report) => report,
        Err(problem) => {
            eprintln!(
                "shipdesk: {} was not imported; the catalogue is unchanged: {problem}",
                file.display()
            );
            return ExitCode::from(2);
        }
    };
    outln!("{}: {}", file.display(), report.format);
    for (row, write) in &report.rows {
        let what = match (write, row.problems.len()) {
            (_, n) if n > 0 => format!("not saved, {n} problem(s) / 未保存，{n} 个问题:"),
            (ProductWrite::Added, _) => "added / 已添加".to_owned(),
            (ProductWrite::Updated, _) => "updated / 已更新".to_owned(),
            (ProductWrite::NotSaved, _) => "would be saved / 可保存".to_owned(),
        };
        outln!("row {:<6} {:<24} {what}", row.line, row.product.sku);
        for problem in &row.problems {
            outln!("    {problem}");
        }
    }
    let note = if dry_run {
        " (dry run: nothing was saved / 试运行：未保存)"
    } else {
        ""
    };
    let (rows, saved, refused) = (report.rows.len(), report.saved(), report.refused());
    outln!(
        "{rows} rows: {saved} saved, {refused} not saved / 共 {rows} 行：保存 {saved} 行，未保存 {refused} 行{note}"
    );
    if report.refused() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn list(engine: &Engine, search: &str, csv: bool, limit: usize) -> ExitCode {
    // The CSV is the whole catalogue (it is read back whole); the listing stops at `limit`.
    let found = engine.call(FindProducts {
        search: search.to_owned(),
        limit: if csv { usize::MAX } else { limit },
        ..FindProducts::default()
    });
    let products = match found.products {
        Ok(products) => products,
        Err(problem) => {
            eprintln!("shipdesk: {problem}");
            return ExitCode::from(1);
        }
    };
    if csv {
        // Plain CSV quoting: the file is read back by `catalogue import`, and a SKU such as
        // `-BLK-01` must come back as it went out.
        let mut writer = csv::Writer::from_writer(Vec::new());
        let mut rows = vec![csv_header().iter().map(|h| (*h).to_owned()).collect()];
        rows.extend(products.iter().map(csv_row));
        for row in rows {
            if let Err(error) = writer.write_record(&row) {
                eprintln!("shipdesk: {error}");
                return ExitCode::from(1);
            }
        }
        let bytes = writer.into_inner().unwrap_or_default();
        outln!("{}", String::from_utf8_lossy(&bytes).trim_end());
        return ExitCode::SUCCESS;
    }
    if products.is_empty() {
        outln!("No catalogue entries. / 商品库中没有条目。");
        return ExitCode::SUCCESS;
    }
    for p in &products {
        let value = [p.unit_value.as_str(), p.currency.as_str()].join(" ");
        outln!(
            "{:<20} {:<10} {:<12} {:>12} {:<3} {:>7} {} / {}",
            p.sku,
            p.bin_location,
            p.hs_code,
            value.trim(),
            p.origin_country,
            p.unit_weight_kg,
            p.name_en,
            p.name_zh
        );
    }
    outln!("{} entries / 共 {} 条", products.len(), products.len());
    ExitCode::SUCCESS
}
