//! Excel workbooks (XLSX, and XLS/ODS through the same reader): the first sheet with any data,
//! every cell as the text Excel shows. A formula is not a value shipdesk can trust (its saved
//! result may be stale or missing), so its cell is refused with what to do, as is an error
//! cell (`#N/A`); the rest of the row is still read.

use std::io::Cursor;

use calamine::{Data, Reader as _};

use super::{FileProblem, SourceRow, Table, into_table};
use crate::model::Text;

/// Whether the bytes are a workbook: a zip (XLSX, ODS) or an OLE file (old XLS).
pub(super) fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Reads the first sheet that has cells.
pub(super) fn read(bytes: &[u8]) -> Result<Table, FileProblem> {
    let damaged = |error: &dyn std::fmt::Display| {
        FileProblem::new(
            format!(
                "the Excel file is damaged or incomplete (was it still being copied or downloaded?): {error}"
            ),
            format!("Excel 文件已损坏或不完整（是否尚未复制或下载完？）：{error}"),
        )
    };
    let mut workbook =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let names = workbook.sheet_names();
    for name in names {
        let range = workbook.worksheet_range(&name).map_err(|e| damaged(&e))?;
        if range.is_empty() {
            continue;
        }
        // Formulas by position; a reader that cannot list them (old XLS) has none to refuse.
        let formulas = workbook.worksheet_formula(&name).ok();
        let (start_row, start_col) = range.start().unwrap_or((0, 0));
        let width = range.width();
        let rows = range.rows().enumerate().map(|(r, cells)| {
            let row = start_row as usize + r;
            let mut refused = Vec::new();
            let cells = cells
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    let col = start_col as usize + c;
                    let formula = formulas
                        .as_ref()
                        .and_then(|f| f.get_value((row as u32, col as u32)))
                        .filter(|f| !f.is_empty());
                    if let Some(formula) = formula {
                        refused.push((c, formula_refused(formula)));
                        return String::new();
                    }
                    match cell {
                        Data::Error(error) => {
                            refused.push((c, error_refused(&error.to_string())));
                            String::new()
                        }
                        other => cell_text(other),
                    }
                })
                .collect::<Vec<_>>();
            debug_assert!(cells.len() == width);
            SourceRow {
                line: row + 1,
                cells,
                refused,
            }
        });
        let format = format!("Excel workbook (sheet \"{name}\")");
        return Ok(into_table(format, rows));
    }
    Err(FileProblem::new(
        "the Excel file has no sheet with any cells",
        "Excel 文件中没有含数据的工作表",
    ))
}

/// A cell as the text a person reads in it. Whole numbers have no `.0` (a phone number or
/// postcode typed as a number); other numbers print as short as they round-trip (22.04).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => e.to_string(),
    }
}

fn formula_refused(formula: &str) -> Text {
    let shown: String = formula.chars().take(40).collect();
    Text::new(
        format!(
            "holds a formula (={shown}); shipdesk reads values only: in Excel copy the column and Paste Special → Values, then import again"
        ),
        format!(
            "含公式（={shown}）；shipdesk 只读取数值：请在 Excel 中复制该列并“选择性粘贴 → 数值”后重新导入"
        ),
    )
}

fn error_refused(error: &str) -> Text {
    Text::new(
        format!("holds an Excel error ({error}) instead of a value"),
        format!("单元格是 Excel 错误值（{error}），不是数据"),
    )
}
