//! The sheet of command barcodes (指令条码): each command a packer can scan instead of
//! pressing a key (Buy, Next, Reprint, Weigh, Cancel, and one per box the desk has), its words
//! in both languages over a Code 128 barcode sized for an office printer's 300 dpi, two to a
//! row on A4.

use printpdf::PdfDocument;

use super::manifest::DocumentError;
use super::pdf::code128::{self, Dots};
use super::pdf::text::{BOLD, REGULAR, fill_rect};
use super::pdf::{A4_H, A4_W};
use super::pdf::{Cjk, line};
use crate::desk::commands::DeskCommand;

// A4 in points, origin bottom left.
const MARGIN: f32 = 40.0;
const HEADER_H: f32 = 64.0;
const CELL_H: f32 = 116.0;
const BARCODE_H: f32 = 48.0;
const COLUMNS: usize = 2;

/// One command on the sheet: its words and the command itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetEntry {
    /// What the barcode does, in English.
    pub en: String,
    /// And in Chinese.
    pub zh: String,
    /// The command.
    pub command: DeskCommand,
}

/// The fixed commands, then one entry per box (`boxes`: each code's name and its words).
pub fn entries(boxes: &[(String, String)]) -> Vec<SheetEntry> {
    let fixed = DeskCommand::FIXED.into_iter().map(|command| {
        let (en, zh) = command.words();
        SheetEntry { en, zh, command }
    });
    let boxes = boxes.iter().map(|(code, describe)| {
        let command = DeskCommand::Box(code.clone());
        let (en, zh) = command.words();
        SheetEntry {
            en: format!("{en} ({describe})"),
            zh,
            command,
        }
    });
    fixed.chain(boxes).collect()
}

/// The sheet as an A4 PDF.
pub fn pdf(entries: &[SheetEntry]) -> Result<Vec<u8>, DocumentError> {
    let mut doc = PdfDocument::new("Command barcodes");
    let cjk = Cjk::add_to(&mut doc);
    let cell_w = (A4_W - 2.0 * MARGIN) / COLUMNS as f32;
    let rows_per_page = ((A4_H - 2.0 * MARGIN - HEADER_H) / CELL_H) as usize;
    let per_page = (rows_per_page * COLUMNS).max(1);
    let chunks: Vec<&[SheetEntry]> = if entries.is_empty() {
        vec![&[]]
    } else {
        entries.chunks(per_page).collect()
    };
    let count = chunks.len();
    let mut pages = Vec::new();
    for (page, chunk) in chunks.into_iter().enumerate() {
        let mut ops = Vec::new();
        let top = A4_H - MARGIN;
        let title = format!("Command barcodes 指令条码  ({} / {count})", page + 1);
        line(
            &mut ops,
            cjk.as_ref(),
            BOLD,
            15.0,
            (MARGIN, top - 14.0),
            A4_W - 2.0 * MARGIN,
            &title,
            (0.0, false),
        );
        for (y, hint) in [
            (
                top - 30.0,
                "Scan one into any field; the scanner must end each code with Enter or Tab. Print the sheet again after changing the boxes.",
            ),
            (
                top - 42.0,
                "在任意输入框扫描即可；扫描枪须以回车或 Tab 结尾。修改箱型后请重新打印本表。",
            ),
        ] {
            line(
                &mut ops,
                cjk.as_ref(),
                REGULAR,
                8.5,
                (MARGIN, y),
                A4_W - 2.0 * MARGIN,
                hint,
                (0.0, false),
            );
        }
        for (i, entry) in chunk.iter().enumerate() {
            let (row, column) = (i / COLUMNS, i % COLUMNS);
            let x = MARGIN + column as f32 * cell_w;
            let y_top = top - HEADER_H - row as f32 * CELL_H;
            let w = cell_w - 16.0;
            let code = entry.command.code();
            line(
                &mut ops,
                cjk.as_ref(),
                BOLD,
                12.0,
                (x, y_top - 12.0),
                w,
                &entry.en,
                (0.0, false),
            );
            line(
                &mut ops,
                cjk.as_ref(),
                BOLD,
                11.0,
                (x, y_top - 27.0),
                w,
                &entry.zh,
                (0.0, false),
            );
            code128::draw_fitted(
                &mut ops,
                &code,
                (x - 4.0, y_top - 36.0 - BARCODE_H),
                w,
                BARCODE_H,
                Dots::A4_300_DPI,
            );
            line(
                &mut ops,
                cjk.as_ref(),
                REGULAR,
                7.5,
                (x, y_top - 47.0 - BARCODE_H),
                w,
                &code,
                (0.3, false),
            );
            fill_rect(&mut ops, x, y_top - CELL_H + 8.0, w, 0.3);
        }
        pages.push(super::pdf::page(A4_W, A4_H, ops));
    }
    super::pdf::save(doc, pages).ok_or(DocumentError::EmptyPdf)
}
