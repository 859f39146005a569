//! The pick list (拣货单) of a batch or a selection: A4, first every SKU once with the total to
//! pick and its bin, sorted to walk the shelves once (bins in natural order: `A-2` before
//! `A-10`; SKUs without a bin last), then each order in packing order with its reference as a
//! Code 128 barcode (the queue's scan field takes it) and what goes in its box.

use std::cmp::Ordering;
use std::collections::HashMap;

use printpdf::{BuiltinFont, Op, PdfDocument};

use super::manifest::DocumentError;
use super::pdf::code128::{self, Dots};
use super::pdf::text::{BOLD, REGULAR, fill_rect};
use super::pdf::{A4_H, A4_W};
use super::pdf::{Cjk, line};
use crate::catalogue::Product;

/// One order to pick for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickOrder {
    /// Its reference (also the barcode).
    pub reference: String,
    /// Who it goes to: name and country, for telling orders apart at the bench.
    pub recipient: String,
    /// What goes in it.
    pub items: Vec<PickItem>,
}

/// One line of an order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickItem {
    /// The SKU (may be empty).
    pub sku: String,
    /// Pieces (`None`: the order's quantity does not read as a number; shown as "?").
    pub quantity: Option<u32>,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
}

/// One SKU to pick, all orders together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickLine {
    /// Where it is (from the catalogue; "" when unknown).
    pub bin: String,
    /// The SKU ("" for items without one, grouped by name).
    pub sku: String,
    /// English name (the catalogue's, else the first order's).
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// Pieces to pick in all.
    pub quantity: u64,
    /// Whether some order's quantity did not read (the total is then at least `quantity`).
    pub uncertain: bool,
    /// How many orders want it.
    pub orders: usize,
}

/// The SKUs of `orders` with their totals, in shelf order; `catalogue` is keyed by the SKU
/// in upper case.
pub fn pick_lines(orders: &[PickOrder], catalogue: &HashMap<String, Product>) -> Vec<PickLine> {
    let mut lines: Vec<PickLine> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for order in orders {
        let mut seen_in_order: Vec<usize> = Vec::new();
        for item in &order.items {
            let sku = item.sku.trim();
            let key = match sku.is_empty() {
                false => sku.to_uppercase(),
                true => format!("\u{0}{}", item.name_en.trim().to_lowercase()),
            };
            let index = *at.entry(key.clone()).or_insert_with(|| {
                let known = catalogue.get(&key);
                let pick = |ours: Option<&str>, theirs: &str| {
                    ours.map(str::trim)
                        .filter(|s| !s.is_empty())
                        .unwrap_or(theirs.trim())
                        .to_owned()
                };
                lines.push(PickLine {
                    bin: known
                        .map(|p| p.bin_location.trim().to_owned())
                        .unwrap_or_default(),
                    sku: pick(known.map(|p| p.sku.as_str()), sku),
                    name_en: pick(known.map(|p| p.name_en.as_str()), &item.name_en),
                    name_zh: pick(known.map(|p| p.name_zh.as_str()), &item.name_zh),
                    quantity: 0,
                    uncertain: false,
                    orders: 0,
                });
                lines.len() - 1
            });
            let line = &mut lines[index];
            match item.quantity {
                Some(n) => line.quantity += u64::from(n),
                None => line.uncertain = true,
            }
            if !seen_in_order.contains(&index) {
                seen_in_order.push(index);
                line.orders += 1;
            }
        }
    }
    lines.sort_by(|a, b| shelf_order(&a.bin, &b.bin).then_with(|| natural(&a.sku, &b.sku)));
    lines
}

/// Bins in natural order, an empty bin after every real one.
fn shelf_order(a: &str, b: &str) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => natural(a, b),
    }
}

/// `A-2` before `A-10`: runs of digits compared as numbers, the rest without case.
fn natural(a: &str, b: &str) -> Ordering {
    fn chunks(s: &str) -> Vec<(bool, String)> {
        let mut out: Vec<(bool, String)> = Vec::new();
        for c in s.chars() {
            let digit = c.is_ascii_digit();
            match out.last_mut() {
                Some((was_digit, run)) if *was_digit == digit => run.push(c),
                _ => out.push((digit, c.to_string())),
            }
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for ((da, ra), (db, rb)) in ca.iter().zip(cb.iter()) {
        let order = match (da, db) {
            (true, true) => {
                let (ta, tb) = (ra.trim_start_matches('0'), rb.trim_start_matches('0'));
                ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb))
            }
            _ => ra.to_lowercase().cmp(&rb.to_lowercase()),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    ca.len().cmp(&cb.len())
}

// A4 in points, origin bottom left.
const MARGIN: f32 = 36.0;
const CONTENT_W: f32 = A4_W - 2.0 * MARGIN;
const LINE_H: f32 = 24.0;
const ITEM_H: f32 = 11.0;
const BARCODE_H: f32 = 26.0;
/// The footer's band at the bottom of each page.
const FOOTER_H: f32 = 20.0;

/// The pick list of `orders` (with `lines` from [`pick_lines`]) as an A4 PDF; `printed` is
/// when, as the packer reads it.
pub fn pdf(
    orders: &[PickOrder],
    lines: &[PickLine],
    printed: &str,
) -> Result<Vec<u8>, DocumentError> {
    let mut doc = PdfDocument::new(&format!("Pick list ({} orders)", orders.len()));
    let cjk = Cjk::add_to(&mut doc);
    let mut pages = Pages {
        cjk: cjk.as_ref(),
        done: Vec::new(),
        ops: Vec::new(),
        y: A4_H - MARGIN,
    };
    let pieces: u64 = lines.iter().map(|l| l.quantity).sum();
    pages.text(BOLD, 16.0, MARGIN, CONTENT_W, "Pick list 拣货单");
    pages.y -= 18.0;
    let plural = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    let summary = format!(
        // ASCII separators: a Latin-1 "·" is measured at its widest and leaves a gap before
        // the Chinese that follows.
        "{} 订单 | {} | {pieces} pieces 件 | {printed}",
        plural(orders.len(), "order", "orders"),
        plural(lines.len(), "SKU", "SKUs"),
    );
    pages.text(REGULAR, 9.0, MARGIN, CONTENT_W, &summary);
    pages.y -= 22.0;

    // Every SKU once, in shelf order.
    let columns = [
        (MARGIN, 16.0),                      // tick box
        (MARGIN + 20.0, 70.0),               // bin
        (MARGIN + 94.0, 110.0),              // SKU
        (MARGIN + 208.0, CONTENT_W - 300.0), // names
        (A4_W - MARGIN - 88.0, 44.0),        // quantity
        (A4_W - MARGIN - 40.0, 40.0),        // orders
    ];
    let heads = [
        "",
        "Bin 库位",
        "SKU",
        "Item 品名",
        "Qty 数量",
        "Orders 单数",
    ];
    let head = |pages: &mut Pages<'_>| {
        for ((x, w), title) in columns.iter().zip(heads) {
            pages.at(BOLD, 8.0, *x, pages.y, *w, title);
        }
        fill_rect(&mut pages.ops, MARGIN, pages.y - 4.0, CONTENT_W, 0.8);
        pages.y -= 16.0;
    };
    head(&mut pages);
    for pick in lines {
        if pages.room() < LINE_H {
            pages.next_page();
            head(&mut pages);
        }
        let y = pages.y;
        // A box to tick when picked.
        stroke_box(&mut pages.ops, columns[0].0, y - 3.0, 10.0);
        let bin = if pick.bin.is_empty() {
            "—"
        } else {
            &pick.bin
        };
        pages.at(BOLD, 10.0, columns[1].0, y, columns[1].1, bin);
        let sku = if pick.sku.is_empty() {
            "—"
        } else {
            &pick.sku
        };
        pages.at(BOLD, 10.0, columns[2].0, y, columns[2].1, sku);
        pages.at(REGULAR, 9.0, columns[3].0, y, columns[3].1, &pick.name_en);
        pages.at(
            REGULAR,
            8.0,
            columns[3].0,
            y - 10.0,
            columns[3].1,
            &pick.name_zh,
        );
        let quantity = match pick.uncertain {
            true => format!("{}+?", pick.quantity),
            false => pick.quantity.to_string(),
        };
        pages.at(BOLD, 12.0, columns[4].0, y, columns[4].1, &quantity);
        pages.at(
            REGULAR,
            9.0,
            columns[5].0,
            y,
            columns[5].1,
            &pick.orders.to_string(),
        );
        fill_rect(&mut pages.ops, MARGIN, y - 14.0, CONTENT_W, 0.3);
        pages.y -= LINE_H;
    }

    // Then each order, in packing order.
    pages.y -= 14.0;
    if pages.room() < 60.0 {
        pages.next_page();
    }
    pages.text(BOLD, 12.0, MARGIN, CONTENT_W, "Orders 订单");
    pages.y -= 16.0;
    let barcode_w = 190.0;
    let list_x = MARGIN + barcode_w + 14.0;
    let list_w = CONTENT_W - barcode_w - 14.0;
    for order in orders {
        let height = (14.0 + order.items.len() as f32 * ITEM_H).max(BARCODE_H + 24.0) + 8.0;
        if pages.room() < height.min(pages.page_room()) {
            pages.next_page();
        }
        let top = pages.y;
        pages.at(BOLD, 11.0, MARGIN, top, barcode_w, &order.reference);
        code128::draw_fitted(
            &mut pages.ops,
            &order.reference,
            (MARGIN - 2.0, top - 8.0 - BARCODE_H),
            barcode_w,
            BARCODE_H,
            Dots::A4_300_DPI,
        );
        pages.at(BOLD, 9.0, list_x, top, list_w, &order.recipient);
        let mut y = top - 13.0;
        for item in &order.items {
            if y < MARGIN + FOOTER_H {
                pages.next_page();
                y = pages.y;
            }
            let quantity = item
                .quantity
                .map(|n| n.to_string())
                .unwrap_or_else(|| "?".to_owned());
            let sku = if item.sku.trim().is_empty() {
                "—"
            } else {
                item.sku.trim()
            };
            let name = [item.name_en.trim(), item.name_zh.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" / ");
            pages.at(
                REGULAR,
                9.0,
                list_x,
                y,
                list_w,
                &format!("{quantity} × {sku}   {name}"),
            );
            y -= ITEM_H;
        }
        pages.y = y.min(top - BARCODE_H - 20.0) - 6.0;
        fill_rect(&mut pages.ops, MARGIN, pages.y + 4.0, CONTENT_W, 0.3);
        pages.y -= 6.0;
    }
    let mut done = pages.finish();
    let count = done.len();
    let pages: Vec<_> = done
        .drain(..)
        .enumerate()
        .map(|(i, mut ops)| {
            let footer = format!(
                "Pick list 拣货单 · {printed} · page {} / {count} 第 {} 页",
                i + 1,
                i + 1
            );
            line(
                &mut ops,
                cjk.as_ref(),
                REGULAR,
                7.0,
                (MARGIN, MARGIN - 12.0),
                CONTENT_W,
                &footer,
                (0.3, false),
            );
            super::pdf::page(A4_W, A4_H, ops)
        })
        .collect();
    super::pdf::save(doc, pages).ok_or(DocumentError::EmptyPdf)
}

/// A square outline, `side` points, its bottom left at (x, y).
fn stroke_box(ops: &mut Vec<Op>, x: f32, y: f32, side: f32) {
    let t = 0.6;
    fill_rect(ops, x, y, side, t);
    fill_rect(ops, x, y + side - t, side, t);
    fill_rect(ops, x, y, t, side);
    fill_rect(ops, x + side - t, y, t, side);
}

/// The pages drawn so far and the cursor on the current one.
struct Pages<'a> {
    cjk: Option<&'a Cjk>,
    done: Vec<Vec<Op>>,
    ops: Vec<Op>,
    y: f32,
}

impl Pages<'_> {
    /// Text at the cursor's height.
    fn text(&mut self, font: BuiltinFont, size: f32, x: f32, max_w: f32, s: &str) {
        let y = self.y;
        self.at(font, size, x, y, max_w, s);
    }

    fn at(&mut self, font: BuiltinFont, size: f32, x: f32, y: f32, max_w: f32, s: &str) {
        line(
            &mut self.ops,
            self.cjk,
            font,
            size,
            (x, y),
            max_w,
            s,
            (0.0, false),
        );
    }

    /// Points left above the footer on this page.
    fn room(&self) -> f32 {
        self.y - MARGIN - FOOTER_H
    }

    /// Points a fresh page has.
    fn page_room(&self) -> f32 {
        A4_H - 2.0 * MARGIN - FOOTER_H
    }

    fn next_page(&mut self) {
        self.done.push(std::mem::take(&mut self.ops));
        self.y = A4_H - MARGIN;
    }

    fn finish(mut self) -> Vec<Vec<Op>> {
        self.done.push(self.ops);
        self.done
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::{PickItem, PickOrder, natural, pick_lines};
    use crate::catalogue::Product;

    fn order(reference: &str, items: &[(&str, Option<u32>)]) -> PickOrder {
        PickOrder {
            reference: reference.to_owned(),
            recipient: "Ann Lee, US".to_owned(),
            items: items
                .iter()
                .map(|(sku, quantity)| PickItem {
                    sku: (*sku).to_owned(),
                    quantity: *quantity,
                    name_en: format!("{sku} name"),
                    name_zh: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn skus_are_totalled_across_orders_and_sorted_to_walk_the_shelves_once() {
        let orders = [
            order("R1", &[("MUG-2", Some(1)), ("TSH-1", Some(2))]),
            order(
                "R2",
                &[("tsh-1", Some(3)), ("CASE", Some(1)), ("TSH-1", Some(1))],
            ),
            order("R3", &[("NOBIN", Some(4)), ("CASE", None)]),
        ];
        let bins: HashMap<String, Product> =
            [("TSH-1", "A-10-1"), ("MUG-2", "A-2-5"), ("CASE", "B-1")]
                .into_iter()
                .map(|(sku, bin)| {
                    let product = Product {
                        sku: sku.to_owned(),
                        name_en: format!("Catalogue {sku}"),
                        bin_location: bin.to_owned(),
                        ..Product::default()
                    };
                    (sku.to_owned(), product)
                })
                .collect();
        let lines = pick_lines(&orders, &bins);
        let shown: Vec<(&str, &str, u64, bool, usize)> = lines
            .iter()
            .map(|l| {
                (
                    l.bin.as_str(),
                    l.sku.as_str(),
                    l.quantity,
                    l.uncertain,
                    l.orders,
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("A-2-5", "MUG-2", 1, false, 1),
                ("A-10-1", "TSH-1", 6, false, 2),
                ("B-1", "CASE", 1, true, 2),
                ("", "NOBIN", 4, false, 1),
            ]
        );
        assert_eq!(lines[1].name_en, "Catalogue TSH-1");
        assert_eq!(lines[3].name_en, "NOBIN name");
    }

    #[test]
    fn bins_sort_as_people_number_them() {
        let mut bins = vec!["A-10", "a-2", "B-1", "A-02-3", "A-2"];
        bins.sort_by(|a, b| natural(a, b));
        assert_eq!(bins, ["a-2", "A-2", "A-02-3", "A-10", "B-1"]);
    }
}
