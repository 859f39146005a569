//! The end-of-day handover list (交接单) of one manifest, as the courier or the forwarder's
//! pickup driver signs it: an A4 PDF with every shipment (its tracking number also as a Code
//! 128 barcode the driver can scan), totals and signature lines, and the same rows as CSV.
//! Both are made from the stored manifest, so a reprint is the same paper.

use std::collections::BTreeMap;

use printpdf::{BuiltinFont, Op, PdfDocument};
use rust_decimal::Decimal;

use super::pdf::text::{BOLD, REGULAR, fill_rect, text_width};
use super::pdf::{A4_H, A4_W};
use super::pdf::{Cjk, code128, line};
use crate::store::{Manifest, ShipmentRecord, format_local_time};

/// One shipment on the handover list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandoverLine {
    /// The shop's reference.
    pub reference: String,
    /// The tracking number (empty when the forwarder gave none).
    pub tracking_number: String,
    /// The forwarder's service.
    pub service_code: String,
    /// The recipient's name.
    pub recipient: String,
    /// The destination country (ISO code).
    pub country: String,
    /// How many parcels.
    pub pieces: usize,
    /// The total weight in kg, as recorded.
    pub weight_kg: Decimal,
    /// The declared value and its currency.
    pub declared: Option<(Decimal, String)>,
    /// The fee accepted before buying, and its currency.
    pub fee_quoted: Option<(Decimal, String)>,
    /// The fee the forwarder charged, and its currency.
    pub fee_charged: Option<(Decimal, String)>,
}

impl HandoverLine {
    /// The line for a stored shipment; amounts that do not read as numbers are left out.
    pub fn of(record: &ShipmentRecord) -> Self {
        let amount = |value: &Option<String>, currency: &str| {
            value
                .as_deref()
                .and_then(|v| v.trim().parse::<Decimal>().ok())
                .map(|v| (v, currency.to_owned()))
        };
        let fee_currency = record.fee_currency.clone().unwrap_or_default();
        Self {
            reference: record.reference.clone(),
            tracking_number: record.tracking_number.clone().unwrap_or_default(),
            service_code: record.service_code.clone(),
            recipient: record.recipient_name.clone(),
            country: record.recipient_country.clone(),
            pieces: record.order.parcels.len().max(1),
            weight_kg: record.weight_kg.trim().parse().unwrap_or_default(),
            declared: amount(&record.declared_value, &record.currency),
            fee_quoted: amount(&record.quoted_fee, &fee_currency),
            fee_charged: amount(&record.charged_fee, &fee_currency),
        }
    }
}

/// A manifest with its lines and totals: what both the PDF and the CSV show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handover {
    /// The close.
    pub manifest: Manifest,
    /// Its shipments, in the order they were bought.
    pub lines: Vec<HandoverLine>,
}

/// Amounts summed per currency, in code order.
pub type Sums = BTreeMap<String, Decimal>;

impl Handover {
    /// The handover list of `manifest`, whose shipments are `records`.
    pub fn new(manifest: Manifest, records: &[ShipmentRecord]) -> Self {
        Self {
            manifest,
            lines: records.iter().map(HandoverLine::of).collect(),
        }
    }

    /// All parcels.
    pub fn pieces(&self) -> usize {
        self.lines.iter().map(|l| l.pieces).sum()
    }

    /// The total weight in kg.
    pub fn weight_kg(&self) -> Decimal {
        self.lines.iter().map(|l| l.weight_kg).sum()
    }

    /// Declared values per currency.
    pub fn declared(&self) -> Sums {
        sums(self.lines.iter().filter_map(|l| l.declared.as_ref()))
    }

    /// Fees quoted per currency.
    pub fn fees_quoted(&self) -> Sums {
        sums(self.lines.iter().filter_map(|l| l.fee_quoted.as_ref()))
    }

    /// Fees charged per currency.
    pub fn fees_charged(&self) -> Sums {
        sums(self.lines.iter().filter_map(|l| l.fee_charged.as_ref()))
    }

    /// The rows as CSV (a header row in both languages, one row a shipment, a totals row),
    /// every cell quoted as a spreadsheet needs and no cell read as a formula.
    pub fn csv(&self) -> String {
        let cell = crate::store::csv_cell;
        let mut out = String::new();
        let mut row = |cells: Vec<String>| {
            let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        };
        row(CSV_HEADER.iter().map(|h| (*h).to_owned()).collect());
        let money = |m: &Option<(Decimal, String)>| {
            m.as_ref()
                .map(|(v, _)| v.normalize().to_string())
                .unwrap_or_default()
        };
        let currency =
            |m: &Option<(Decimal, String)>| m.as_ref().map(|(_, c)| c.clone()).unwrap_or_default();
        for (i, l) in self.lines.iter().enumerate() {
            row(vec![
                self.manifest.name(),
                (i + 1).to_string(),
                l.reference.clone(),
                l.tracking_number.clone(),
                l.service_code.clone(),
                l.recipient.clone(),
                l.country.clone(),
                l.pieces.to_string(),
                kg(l.weight_kg),
                money(&l.declared),
                currency(&l.declared),
                money(&l.fee_quoted),
                money(&l.fee_charged),
                currency(&l.fee_charged).max(currency(&l.fee_quoted)),
            ]);
        }
        row(vec![
            self.manifest.name(),
            "total".to_owned(),
            format!("{} shipments", self.lines.len()),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            self.pieces().to_string(),
            kg(self.weight_kg()),
            sums_text(&self.declared()),
            String::new(),
            sums_text(&self.fees_quoted()),
            sums_text(&self.fees_charged()),
            String::new(),
        ]);
        out
    }

    /// The handover list as an A4 PDF: a header with the account, the manifest and when it was
    /// closed; a row a shipment with its tracking number as a barcode; totals; signature lines.
    pub fn pdf(&self) -> Result<Vec<u8>, DocumentError> {
        let mut doc = PdfDocument::new(&format!(
            "Handover list {} {}",
            self.manifest.account,
            self.manifest.name()
        ));
        let cjk = Cjk::add_to(&mut doc);
        let pages_total = self.lines.len().div_ceil(ROWS_PER_PAGE).max(1);
        let mut pages = Vec::with_capacity(pages_total);
        for page_no in 0..pages_total {
            let mut ops = Vec::new();
            let page = Page {
                cjk: cjk.as_ref(),
                ops: &mut ops,
            };
            self.draw_page(page, page_no, pages_total);
            pages.push(super::pdf::page(A4_W, A4_H, ops));
        }
        super::pdf::save(doc, pages).ok_or(DocumentError::EmptyPdf)
    }

    fn draw_page(&self, mut page: Page<'_>, page_no: usize, pages_total: usize) {
        let m = &self.manifest;
        let top = A4_H - MARGIN;
        page.line(
            BOLD,
            15.0,
            (MARGIN, top - 14.0),
            CONTENT_W,
            "Handover list 交接单",
        );
        page.line(
            BOLD,
            11.0,
            (MARGIN, top - 31.0),
            CONTENT_W,
            &format!("{}  ·  manifest {} 交接批次", m.account, m.name()),
        );
        let closed = format_local_time(m.closed_at, "%Y-%m-%d %H:%M");
        page.line(
            REGULAR,
            9.0,
            (MARGIN, top - 45.0),
            CONTENT_W,
            &format!(
                "Closed 关闭于 {closed}  ·  {} shipments 票  ·  {} pieces 件  ·  {} kg",
                self.lines.len(),
                self.pieces(),
                kg(self.weight_kg())
            ),
        );
        if !m.note.is_empty() {
            page.line(
                REGULAR,
                9.0,
                (MARGIN, top - 58.0),
                CONTENT_W,
                &format!("Note 备注: {}", m.note),
            );
        }
        let header_y = top - 80.0;
        for (column, (en, zh)) in COLUMNS.iter().zip(COLUMN_TITLES) {
            page.cell_text(BOLD, 7.5, column, header_y, en);
            page.cell_text(BOLD, 7.5, column, header_y - 9.0, zh);
        }
        fill_rect(page.ops, MARGIN, header_y - 14.0, CONTENT_W, 0.8);

        let first = page_no * ROWS_PER_PAGE;
        let rows = self
            .lines
            .iter()
            .enumerate()
            .skip(first)
            .take(ROWS_PER_PAGE);
        let mut y = header_y - 14.0;
        for (i, l) in rows {
            let baseline = y - 11.0;
            let [
                no,
                reference,
                tracking,
                recipient,
                pieces,
                weight,
                declared,
                fee,
            ] = COLUMNS;
            page.cell_text(REGULAR, 8.0, &no, baseline, &(i + 1).to_string());
            page.cell_text(REGULAR, 8.0, &reference, baseline, &l.reference);
            page.cell_text(BOLD, 8.0, &tracking, baseline, &l.tracking_number);
            page.barcode(&tracking, y - 40.0, &l.tracking_number);
            page.cell_text(REGULAR, 8.0, &recipient, baseline, &l.recipient);
            page.cell_text(
                REGULAR,
                7.0,
                &recipient,
                baseline - 10.0,
                &format!("{} · {}", l.country, l.service_code),
            );
            page.cell_text(REGULAR, 8.0, &pieces, baseline, &l.pieces.to_string());
            page.cell_text(REGULAR, 8.0, &weight, baseline, &kg(l.weight_kg));
            page.cell_text(REGULAR, 8.0, &declared, baseline, &amount(&l.declared));
            page.cell_text(REGULAR, 8.0, &fee, baseline, &amount(&l.fee_charged));
            if l.fee_quoted.is_some() && l.fee_quoted != l.fee_charged {
                page.cell_text(
                    REGULAR,
                    7.0,
                    &fee,
                    baseline - 10.0,
                    &format!("quoted {}", amount(&l.fee_quoted)),
                );
            }
            y -= ROW_H;
            fill_rect(page.ops, MARGIN, y, CONTENT_W, 0.3);
        }

        if page_no + 1 == pages_total {
            self.draw_totals_and_signatures(&mut page, y - 16.0);
        }
        let footer = format!(
            "{} {}  ·  page {} / {}",
            m.account,
            m.name(),
            page_no + 1,
            pages_total
        );
        page.line(REGULAR, 7.0, (MARGIN, MARGIN - 14.0), CONTENT_W, &footer);
    }

    fn draw_totals_and_signatures(&self, page: &mut Page<'_>, y: f32) {
        let totals = format!(
            "Total 合计: {} shipments 票 · {} pieces 件 · {} kg",
            self.lines.len(),
            self.pieces(),
            kg(self.weight_kg())
        );
        page.line(BOLD, 9.0, (MARGIN, y), CONTENT_W, &totals);
        let money_line = format!(
            "Declared 申报: {}  ·  Fees quoted 预估运费: {}  ·  Fees charged 实扣运费: {}",
            or_dash(sums_text(&self.declared())),
            or_dash(sums_text(&self.fees_quoted())),
            or_dash(sums_text(&self.fees_charged())),
        );
        page.line(REGULAR, 8.0, (MARGIN, y - 13.0), CONTENT_W, &money_line);
        let sign_y = (y - 60.0).max(MARGIN + 10.0);
        let half = CONTENT_W / 2.0;
        for (i, who) in ["Handed over by 交货人", "Received by 收货人 (driver 司机)"]
            .iter()
            .enumerate()
        {
            let x = MARGIN + i as f32 * half;
            fill_rect(page.ops, x, sign_y, half - 24.0, 0.6);
            page.line(REGULAR, 8.0, (x, sign_y - 10.0), half - 24.0, who);
            page.line(
                REGULAR,
                7.0,
                (x, sign_y - 20.0),
                half - 24.0,
                "Date and time 日期时间",
            );
        }
    }
}

/// Why a document could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DocumentError {
    /// The PDF writer produced no document.
    #[error("the PDF writer produced no output")]
    EmptyPdf,
}

// A4 in PDF points, origin at the bottom left.
const MARGIN: f32 = 36.0;
const CONTENT_W: f32 = A4_W - 2.0 * MARGIN;
const ROW_H: f32 = 46.0;
const ROWS_PER_PAGE: usize = 14;
/// The narrowest bar the barcode gets: 0.75 pt is 3 dots at 300 dpi (an office laser printer),
/// which a handheld scanner reads; a number that does not fit at that is printed as text only.
const MIN_MODULE: f32 = 0.75;
const MAX_MODULE: f32 = 1.2;
const BARCODE_H: f32 = 22.0;

const CSV_HEADER: [&str; 14] = [
    "manifest 交接批次",
    "no 序号",
    "reference 参考号",
    "tracking number 跟踪号",
    "service 渠道",
    "recipient 收件人",
    "country 国家",
    "pieces 件数",
    "weight kg 重量",
    "declared 申报价值",
    "declared currency 币种",
    "fee quoted 预估运费",
    "fee charged 实扣运费",
    "fee currency 运费币种",
];

/// A table column: where it starts, how wide it is, whether its numbers stand right.
#[derive(Clone, Copy)]
struct Column {
    x: f32,
    w: f32,
    right: bool,
}

const fn column(x: f32, w: f32, right: bool) -> Column {
    Column { x, w, right }
}

const COLUMNS: [Column; 8] = [
    column(MARGIN, 18.0, false),
    column(MARGIN + 20.0, 83.0, false),
    column(MARGIN + 105.0, 160.0, false),
    column(MARGIN + 267.0, 78.0, false),
    column(MARGIN + 347.0, 22.0, true),
    column(MARGIN + 371.0, 42.0, true),
    column(MARGIN + 415.0, 52.0, true),
    column(MARGIN + 469.0, CONTENT_W - 469.0, true),
];

const COLUMN_TITLES: [(&str, &str); 8] = [
    ("#", "序号"),
    ("Reference", "参考号"),
    ("Tracking number", "跟踪号"),
    ("Recipient", "收件人"),
    ("Pcs", "件数"),
    ("kg", "重量"),
    ("Declared", "申报"),
    ("Fee", "运费"),
];

/// One page being drawn, with the document's CJK font.
struct Page<'a> {
    cjk: Option<&'a Cjk>,
    ops: &'a mut Vec<Op>,
}

impl Page<'_> {
    fn line(&mut self, font: BuiltinFont, size: f32, at: (f32, f32), max_w: f32, s: &str) {
        line(self.ops, self.cjk, font, size, at, max_w, s, (0.0, false));
    }

    /// `s` in `column` on baseline `y`, cut to the column (numbers right-aligned).
    fn cell_text(&mut self, font: BuiltinFont, size: f32, column: &Column, y: f32, s: &str) {
        let width = match self.cjk {
            Some(cjk) => cjk.width(font, s, size),
            None => text_width(s, font, size),
        };
        let x = if column.right {
            column.x + (column.w - width).max(0.0)
        } else {
            column.x
        };
        self.line(font, size, (x, y), column.w, s);
    }

    /// The tracking number as a Code 128 barcode in `column`, its bars from `y` up; nothing
    /// when it cannot be one or does not fit (the number is printed above it as text anyway).
    fn barcode(&mut self, column: &Column, y: f32, number: &str) {
        let Ok(modules) = code128::modules(number) else {
            return;
        };
        // Ten quiet modules each side, inside the column.
        let needed = (modules.len() + 20) as f32;
        let module_w = (column.w / needed).min(MAX_MODULE);
        if module_w < MIN_MODULE {
            return;
        }
        code128::draw(
            self.ops,
            &modules,
            (column.x + 10.0 * module_w, y),
            module_w,
            BARCODE_H,
        );
    }
}

fn sums<'a>(amounts: impl Iterator<Item = &'a (Decimal, String)>) -> Sums {
    let mut sums = Sums::new();
    for (value, currency) in amounts {
        *sums.entry(currency.clone()).or_default() += *value;
    }
    sums
}

/// `12.50 USD + 80.00 CNY`.
fn sums_text(sums: &Sums) -> String {
    sums.iter()
        .map(|(currency, value)| format!("{} {currency}", value.round_dp(2)))
        .collect::<Vec<_>>()
        .join(" + ")
}

fn or_dash(s: String) -> String {
    if s.is_empty() { "-".to_owned() } else { s }
}

fn amount(m: &Option<(Decimal, String)>) -> String {
    m.as_ref()
        .map(|(v, c)| format!("{} {c}", v.round_dp(2)))
        .unwrap_or_default()
}

/// Kilograms to three decimals (grams), as scales and forwarders weigh.
fn kg(weight: Decimal) -> String {
    weight.round_dp(3).normalize().to_string()
}
