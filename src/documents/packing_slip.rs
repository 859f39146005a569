//! The packing slip (装箱单) of a shipment: what goes in the box, for the packer who fills it and
//! the customer who opens it. Its reference is printed as text and as a Code 128 barcode (the
//! queue's scan field takes it), then the recipient, every item (SKU, quantity, English and
//! Chinese names, box number) and the order's notes.
//!
//! Two papers: the label stock (one slip a page, the page exactly the stock, so it can follow
//! its label in the same job: a page of its own, never drawn onto the forwarder's label), or A4
//! with [`A4_SLOTS`] slips a page and cut lines between them. A slip with more items than fit
//! goes on over several parts ("part 2 / 3"), each with the reference and its barcode again.

use printpdf::{BuiltinFont, Op, PdfDocument};

use super::manifest::DocumentError;
use super::pdf::text::{BOLD, REGULAR, fill_rect, text_width};
use super::pdf::{A4_H, A4_W};
use super::pdf::{Cjk, code128, line};
use crate::labels::LabelStock;
use crate::store::{ShipmentRecord, format_local_time};

/// One item on a slip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlipItem {
    /// The shop's SKU (may be empty).
    pub sku: String,
    /// How many pieces.
    pub quantity: u32,
    /// The English name.
    pub name_en: String,
    /// The Chinese name (may be empty).
    pub name_zh: String,
    /// The box it is packed in (may be empty).
    pub box_number: String,
}

/// What one shipment's packing slip shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackingSlip {
    /// The shop's reference (also the barcode).
    pub reference: String,
    /// The tracking number, once known.
    pub tracking_number: String,
    /// The account it was shipped with.
    pub account: String,
    /// When it was recorded, local time.
    pub created: String,
    /// The recipient's address lines, name first.
    pub recipient: Vec<String>,
    /// The recipient's phone.
    pub phone: String,
    /// The items.
    pub items: Vec<SlipItem>,
    /// The order's notes (备注).
    pub notes: String,
}

impl PackingSlip {
    /// The slip of a stored shipment.
    pub fn of(record: &ShipmentRecord) -> Self {
        let order = &record.order;
        Self {
            reference: record.reference.clone(),
            tracking_number: record.tracking_number.clone().unwrap_or_default(),
            account: record.account.clone(),
            created: format_local_time(record.created_at, "%Y-%m-%d %H:%M"),
            recipient: order.recipient.lines(),
            phone: order.recipient.phone.trim().to_owned(),
            items: order
                .items
                .iter()
                .map(|i| SlipItem {
                    sku: i.sku.trim().to_owned(),
                    quantity: i.quantity,
                    name_en: i.name_en.trim().to_owned(),
                    name_zh: i.name_zh.trim().to_owned(),
                    box_number: i.box_number.trim().to_owned(),
                })
                .collect(),
            notes: order.remark.trim().to_owned(),
        }
    }

    /// All pieces of all items.
    pub fn pieces(&self) -> u64 {
        self.items.iter().map(|i| u64::from(i.quantity)).sum()
    }
}

/// Slips on one A4 page.
pub const A4_SLOTS: usize = 3;

/// The paper slips go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlipPaper {
    /// One slip a page of exactly this label stock.
    Label(LabelStock),
    /// [`A4_SLOTS`] slips an A4 page.
    A4,
}

/// How many parts (label pages, A4 slots) `slip` takes on `paper`.
pub fn parts(slip: &PackingSlip, paper: SlipPaper) -> usize {
    let (_, _, area) = geometry(paper);
    slip.items
        .len()
        .div_ceil(rows_per_part(area(0), paper))
        .max(1)
}

/// The page's width and height, its slots, and the area of each slot.
fn geometry(paper: SlipPaper) -> (f32, f32, impl Fn(usize) -> Area) {
    let (page_w, page_h, slots) = match paper {
        SlipPaper::Label(stock) => {
            let (w, h) = stock.size_pt();
            (w as f32, h as f32, 1)
        }
        SlipPaper::A4 => (A4_W, A4_H, A4_SLOTS),
    };
    let margin = match paper {
        SlipPaper::Label(_) => LABEL_MARGIN,
        SlipPaper::A4 => A4_MARGIN,
    };
    let slot_h = (page_h - 2.0 * margin) / slots as f32;
    let area = move |slot: usize| Area {
        x: margin,
        y: page_h - margin - (slot as f32 + 1.0) * slot_h,
        w: page_w - 2.0 * margin,
        h: slot_h,
    };
    (page_w, page_h, area)
}

/// The slips as one PDF on `paper`, in order.
pub fn pdf(slips: &[PackingSlip], paper: SlipPaper) -> Result<Vec<u8>, DocumentError> {
    let title = match slips {
        [one] => format!("Packing slip {}", one.reference),
        _ => format!("Packing slips ({})", slips.len()),
    };
    let mut doc = PdfDocument::new(&title);
    let cjk = Cjk::add_to(&mut doc);
    let (page_w, page_h, area) = geometry(paper);
    let slots = match paper {
        SlipPaper::Label(_) => 1,
        SlipPaper::A4 => A4_SLOTS,
    };
    let margin = area(0).x;
    // Every slip cut into parts that fit a slot; parts fill the slots in order.
    let rows = rows_per_part(area(0), paper);
    let parts: Vec<Part<'_>> = slips
        .iter()
        .flat_map(|slip| {
            let chunks: Vec<&[SlipItem]> = if slip.items.is_empty() {
                vec![&[]]
            } else {
                slip.items.chunks(rows).collect()
            };
            let of = chunks.len();
            chunks.into_iter().enumerate().map(move |(i, items)| Part {
                slip,
                items,
                number: i + 1,
                of,
            })
        })
        .collect();
    let mut pages = Vec::new();
    for page_parts in parts
        .chunks(slots)
        .chain(parts.is_empty().then_some(&[][..]))
    {
        let mut ops = Vec::new();
        for (slot, part) in page_parts.iter().enumerate() {
            let mut drawing = Drawing {
                cjk: cjk.as_ref(),
                ops: &mut ops,
                paper,
            };
            drawing.part(part, area(slot));
            // Cut lines between the slips of an A4 page.
            if paper == SlipPaper::A4 && slot + 1 < slots {
                let y = area(slot).y;
                let mut x = margin;
                while x < page_w - margin {
                    fill_rect(&mut ops, x, y, 6.0, 0.4);
                    x += 10.0;
                }
            }
        }
        pages.push(super::pdf::page(page_w, page_h, ops));
    }
    super::pdf::save(doc, pages).ok_or(DocumentError::EmptyPdf)
}

// Points.
const A4_MARGIN: f32 = 30.0;
const LABEL_MARGIN: f32 = 12.0;
/// The header's height: title, reference, barcode, recipient (on A4 the recipient stands
/// beside the barcode, so the header is lower).
const LABEL_HEADER_H: f32 = 200.0;
const A4_HEADER_H: f32 = 126.0;
/// An item's row: English name over Chinese name.
const ROW_H: f32 = 21.0;
/// Notes (up to three lines) and the footer.
const FOOTER_H: f32 = 52.0;
const BARCODE_H: f32 = 38.0;

/// How many item rows fit in one part on `paper`.
fn rows_per_part(area: Area, paper: SlipPaper) -> usize {
    let header = match paper {
        SlipPaper::Label(_) => LABEL_HEADER_H,
        SlipPaper::A4 => A4_HEADER_H,
    };
    // The table's own header row takes one row.
    (((area.h - header - FOOTER_H) / ROW_H) as usize)
        .saturating_sub(1)
        .max(1)
}

/// Where one part is drawn (PDF points, origin bottom left).
#[derive(Clone, Copy)]
struct Area {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

/// One slot's worth of a slip.
struct Part<'a> {
    slip: &'a PackingSlip,
    items: &'a [SlipItem],
    number: usize,
    of: usize,
}

struct Drawing<'a> {
    cjk: Option<&'a Cjk>,
    ops: &'a mut Vec<Op>,
    paper: SlipPaper,
}

impl Drawing<'_> {
    fn text(&mut self, font: BuiltinFont, size: f32, at: (f32, f32), max_w: f32, s: &str) {
        line(self.ops, self.cjk, font, size, at, max_w, s, (0.0, false));
    }

    fn width(&self, font: BuiltinFont, s: &str, size: f32) -> f32 {
        match self.cjk {
            Some(cjk) => cjk.width(font, s, size),
            None => text_width(s, font, size),
        }
    }

    fn part(&mut self, part: &Part<'_>, area: Area) {
        let slip = part.slip;
        let top = area.y + area.h;
        let mut title = "Packing slip 装箱单".to_owned();
        if part.of > 1 {
            title.push_str(&format!(
                "  ·  part {} / {} 第{}页",
                part.number, part.of, part.number
            ));
        }
        self.text(BOLD, 12.0, (area.x, top - 12.0), area.w, &title);
        self.text(BOLD, 13.0, (area.x, top - 28.0), area.w, &slip.reference);
        let (barcode_w, recipient_at) = match self.paper {
            SlipPaper::Label(_) => (area.w, (area.x, top - 96.0, area.w)),
            // On A4 the recipient stands to the right of the barcode.
            SlipPaper::A4 => (
                area.w * 0.5,
                (area.x + area.w * 0.55, top - 28.0, area.w * 0.45),
            ),
        };
        self.barcode((area.x, top - 34.0 - BARCODE_H), barcode_w, &slip.reference);
        let mut facts = Vec::new();
        if !slip.tracking_number.is_empty() {
            facts.push(format!("Tracking 跟踪号 {}", slip.tracking_number));
        }
        facts.push(format!("{} · {}", slip.account, slip.created));
        let facts_y = top - 34.0 - BARCODE_H - 11.0;
        self.text(
            REGULAR,
            8.0,
            (area.x, facts_y),
            barcode_w,
            &facts.join("  ·  "),
        );

        // The recipient.
        let (rx, ry, rw) = recipient_at;
        self.text(BOLD, 8.0, (rx, ry - 14.0), rw, "Ship to 收件人");
        let mut y = ry - 26.0;
        let header_h = match self.paper {
            SlipPaper::Label(_) => LABEL_HEADER_H,
            SlipPaper::A4 => A4_HEADER_H,
        };
        // As many lines as stand above the item table; the phone is kept, the address cut
        // with "..." if it must be (the forwarder's label carries the whole of it).
        let room = (((y - (top - header_h + 8.0)) / 11.0) as usize).max(1);
        let mut lines: Vec<String> = slip.recipient.clone();
        let phone = (!slip.phone.is_empty()).then(|| format!("Tel 电话 {}", slip.phone));
        let address_room = room - usize::from(phone.is_some() && room > 1);
        if lines.len() > address_room {
            lines.truncate(address_room);
            if let Some(last) = lines.last_mut() {
                last.push_str(" ...");
            }
        }
        lines.extend(phone);
        for (i, l) in lines.iter().enumerate() {
            let font = if i == 0 { BOLD } else { REGULAR };
            self.text(font, 9.0, (rx, y), rw, l);
            y -= 11.0;
        }

        // The items.
        let table_top = top - header_h;
        let columns = Columns::within(area);
        fill_rect(self.ops, area.x, table_top + 2.0, area.w, 0.8);
        let head_y = table_top - 10.0;
        self.text(BOLD, 7.5, (columns.sku, head_y), columns.sku_w, "SKU");
        self.text(BOLD, 7.5, (columns.qty, head_y), columns.qty_w, "Qty 数量");
        self.text(
            BOLD,
            7.5,
            (columns.name, head_y),
            columns.name_w,
            "Item 品名",
        );
        self.text(
            BOLD,
            7.5,
            (columns.box_no, head_y),
            columns.box_w,
            "Box 箱号",
        );
        fill_rect(self.ops, area.x, table_top - ROW_H + 4.0, area.w, 0.4);
        let mut y = table_top - ROW_H;
        for item in part.items {
            self.text(
                REGULAR,
                8.0,
                (columns.sku, y - 9.0),
                columns.sku_w,
                &item.sku,
            );
            let qty = item.quantity.to_string();
            let qty_x = columns.qty + columns.qty_w - 6.0 - self.width(BOLD, &qty, 9.0);
            self.text(
                BOLD,
                9.0,
                (qty_x.max(columns.qty), y - 9.0),
                columns.qty_w,
                &qty,
            );
            self.text(
                REGULAR,
                8.0,
                (columns.name, y - 9.0),
                columns.name_w,
                &item.name_en,
            );
            self.text(
                REGULAR,
                8.0,
                (columns.name, y - 18.0),
                columns.name_w,
                &item.name_zh,
            );
            self.text(
                REGULAR,
                8.0,
                (columns.box_no, y - 9.0),
                columns.box_w,
                &item.box_number,
            );
            y -= ROW_H;
            fill_rect(self.ops, area.x, y + 1.0, area.w, 0.3);
        }
        if part.number == part.of {
            let summary = format!(
                "{} items 种 / {} pieces 件",
                slip.items.len(),
                slip.pieces()
            );
            self.text(BOLD, 8.0, (area.x, y - 9.0), area.w, &summary);
        }

        // The notes, at the bottom of the part, and which part this is.
        let bottom = area.y + 4.0;
        if !slip.notes.is_empty() {
            let noted = format!("Notes 备注: {}", slip.notes);
            let (lines, cut) = self.wrap(REGULAR, 8.0, area.w, &noted, 3);
            let mut ny = bottom + 10.0 + 10.0 * lines.len() as f32;
            for (i, l) in lines.iter().enumerate() {
                // The last line of notes that go on says so with "...".
                let mark_cut = cut && i + 1 == lines.len();
                let at = (area.x, ny);
                line(
                    self.ops,
                    self.cjk,
                    REGULAR,
                    8.0,
                    at,
                    area.w,
                    l,
                    (0.0, mark_cut),
                );
                ny -= 10.0;
            }
        }
        let footer = format!("{}  ·  {} / {}", slip.reference, part.number, part.of);
        self.text(REGULAR, 6.5, (area.x, bottom), area.w, &footer);
    }

    /// `s` broken into at most `max` lines of `w` points, and whether some was left off.
    fn wrap(
        &self,
        font: BuiltinFont,
        size: f32,
        w: f32,
        s: &str,
        max: usize,
    ) -> (Vec<String>, bool) {
        let mut lines = vec![String::new()];
        for c in s.chars().map(|c| if c.is_control() { ' ' } else { c }) {
            let current = lines.last_mut().expect("one line at least");
            let mut wider = current.clone();
            wider.push(c);
            if self.width(font, &wider, size) <= w {
                *current = wider;
                continue;
            }
            // Break at the last space if there is one, else mid-word (Chinese has none).
            let carried = match current.rfind(' ') {
                Some(at) if at > 0 => {
                    let rest = current[at + 1..].to_owned();
                    current.truncate(at);
                    rest
                }
                _ => String::new(),
            };
            lines.push(format!("{carried}{c}"));
        }
        let cut = lines.len() > max;
        lines.truncate(max);
        (lines, cut)
    }

    /// The reference as a Code 128 barcode, its bars from `at` up within `w`; its modules whole
    /// printer dots (203 dpi on labels, 300 on A4) so every bar prints the same; nothing when it
    /// cannot be one or does not fit (the reference is printed as text above it anyway).
    fn barcode(&mut self, at: (f32, f32), w: f32, data: &str) {
        let dots = match self.paper {
            SlipPaper::Label(_) => code128::Dots::LABEL_203_DPI,
            SlipPaper::A4 => code128::Dots::A4_300_DPI,
        };
        code128::draw_fitted(self.ops, data, at, w, BARCODE_H, dots);
    }
}

/// Where the item table's columns start and how wide they are.
struct Columns {
    sku: f32,
    sku_w: f32,
    qty: f32,
    qty_w: f32,
    name: f32,
    name_w: f32,
    box_no: f32,
    box_w: f32,
}

impl Columns {
    fn within(area: Area) -> Self {
        let sku_w = area.w * 0.24;
        let qty_w = 40.0;
        let box_w = 38.0;
        let name_w = area.w - sku_w - qty_w - box_w - 6.0;
        Self {
            sku: area.x,
            sku_w: sku_w - 4.0,
            qty: area.x + sku_w,
            qty_w,
            name: area.x + sku_w + qty_w,
            name_w: name_w - 4.0,
            box_no: area.x + area.w - box_w,
            box_w,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slip(reference: &str, items: usize) -> PackingSlip {
        PackingSlip {
            reference: reference.to_owned(),
            tracking_number: "SBX1".to_owned(),
            account: "Sandbox".to_owned(),
            created: "2026-11-20 10:00".to_owned(),
            recipient: vec!["张伟".to_owned(), "Hollywood FL".to_owned()],
            phone: "131".to_owned(),
            items: (0..items)
                .map(|i| SlipItem {
                    sku: format!("SKU-{i}"),
                    quantity: 2,
                    name_en: "Cable".to_owned(),
                    name_zh: "线".to_owned(),
                    box_number: "1".to_owned(),
                })
                .collect(),
            notes: "fragile 易碎 ".repeat(40),
        }
    }

    fn pages(pdf: &[u8]) -> usize {
        lopdf::Document::load_mem(pdf)
            .map(|d| d.get_pages().len())
            .unwrap_or(0)
    }

    #[test]
    fn slips_take_a_label_page_each_or_share_an_a4_page_and_long_ones_go_on() {
        let label = SlipPaper::Label(LabelStock::In4x6);
        let short = [
            slip("A-1", 2),
            slip("A-2", 1),
            slip("A-3", 0),
            slip("A-4", 3),
        ];
        assert_eq!(pages(&pdf(&short, label).expect("pdf")), 4);
        assert_eq!(pages(&pdf(&short, SlipPaper::A4).expect("pdf")), 2);
        // Forty items do not fit one part: the slip goes on, never drops an item.
        let long = [slip("LONG-1", 40)];
        let per_label = rows_per_part(
            Area {
                x: 0.0,
                y: 0.0,
                w: 264.0,
                h: 408.0,
            },
            label,
        );
        assert!(per_label >= 5, "{per_label}");
        assert_eq!(
            pages(&pdf(&long, label).expect("pdf")),
            40usize.div_ceil(per_label)
        );
        assert_eq!(pages(&pdf(&[], SlipPaper::A4).expect("pdf")), 1);
    }
}
