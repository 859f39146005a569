//! Reading the order files people really have into a [`Table`] of text cells: CSV and TSV in
//! UTF-8 (with or without a byte-order mark), GB18030/GBK (what Chinese Excel saves) and
//! UTF-16 (Excel's "Unicode text"), and Excel workbooks (XLSX, and XLS/ODS through the same
//! reader). Pure: no database, no engine; every refusal is a [`FileProblem`] in both languages.
//!
//! `text` decodes and splits delimited text, `sheet` reads workbooks; this file holds what both
//! give back and the limits they keep.

mod sheet;
mod text;

use std::io::Read as _;
use std::path::Path;

use crate::model::Text;

/// The largest file imported. A day's orders from any shop fit in a few megabytes (10,000
/// Shopify rows are about 8 MB); a larger file is a mistake (a backup, a video) that should
/// not be read into memory at all.
pub const MAX_IMPORT_BYTES: u64 = 32 << 20;

/// The most data rows one file may hold: 100,000 orders is months of a busy desk; a million
/// rows is an export of something else, and is refused before anything is stored.
pub const MAX_IMPORT_ROWS: usize = 100_000;

/// A sheet as read: the header row and the data rows, every cell as text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// What the file turned out to be, for the report ("CSV, GB18030, comma").
    pub format: String,
    /// The header row's cells, trimmed.
    pub headers: Vec<String>,
    /// The data rows below the header, blank rows left out.
    pub rows: Vec<SourceRow>,
}

/// One data row of the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceRow {
    /// The row's number as the packer sees it: the line in a text file, the row in Excel.
    pub line: usize,
    /// The cells, as text, one a column of [`Table::headers`] (short rows are padded).
    pub cells: Vec<String>,
    /// Columns (0-based) whose cell could not be taken as a value (an Excel formula or error
    /// cell), with what to tell the packer; the cell itself is left empty.
    pub refused: Vec<(usize, Text)>,
}

impl Table {
    /// The column (0-based) whose header is `name`, compared trimmed and without case.
    pub fn column(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    }
}

/// Excel's name for a 0-based column: A, B, …, Z, AA, AB, …
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Why a file was not read at all (nothing of it is imported).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem(pub Text);

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.0.en, self.0.zh)
    }
}

impl std::error::Error for FileProblem {}

impl FileProblem {
    fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Self(Text::new(en, zh))
    }
}

/// Reads the file at `path` (size checked before reading).
pub fn read_file(path: &Path) -> Result<Table, FileProblem> {
    let cannot = |error: std::io::Error| {
        FileProblem::new(
            format!("cannot read {}: {error}", path.display()),
            format!("无法读取 {}：{error}", path.display()),
        )
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    if let Some(size) = file
        .metadata()
        .ok()
        .map(|m| m.len())
        .filter(|&s| s > MAX_IMPORT_BYTES)
    {
        return Err(too_large(Some(size)));
    }
    let mut bytes = Vec::new();
    file.take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    read_bytes(&bytes, name)
}

/// Reads a file's bytes; `name` (its file name) only breaks ties (a `.tsv` is tab-separated).
pub fn read_bytes(bytes: &[u8], name: &str) -> Result<Table, FileProblem> {
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(too_large(None));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FileProblem::new(
            "the file is empty: there are no orders in it",
            "文件是空的：没有订单",
        ));
    }
    let table = if sheet::is_workbook(bytes) {
        sheet::read(bytes)?
    } else {
        text::read(bytes, name)?
    };
    if table.rows.len() > MAX_IMPORT_ROWS {
        return Err(FileProblem::new(
            format!(
                "the file has {} rows; shipdesk imports at most {MAX_IMPORT_ROWS} at a time: split it and import the parts",
                table.rows.len()
            ),
            format!(
                "文件有 {} 行；一次最多导入 {MAX_IMPORT_ROWS} 行：请拆分后分别导入",
                table.rows.len()
            ),
        ));
    }
    if table.headers.iter().all(|h| h.is_empty()) {
        return Err(FileProblem::new(
            "the file has no header row (column names) in its first line",
            "文件第一行没有表头（列名）",
        ));
    }
    Ok(table)
}

fn too_large(bytes: Option<u64>) -> FileProblem {
    let mb = MAX_IMPORT_BYTES >> 20;
    let size = bytes
        .map(|b| format!(" ({:.1} MB)", b as f64 / 1_048_576.0))
        .unwrap_or_default();
    FileProblem::new(
        format!(
            "the file is too large{size}: an order file may have at most {mb} MB; split it, or check it is the right file"
        ),
        format!("文件过大{size}：订单文件最多 {mb} MB；请拆分，或确认选对了文件"),
    )
}

/// Takes a header row and the rows after it: the header is the first row with any text; rows
/// whose cells are all blank are left out; short rows are padded to the header's width.
fn into_table(format: String, rows: impl Iterator<Item = SourceRow>) -> Table {
    let mut rows =
        rows.filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()) || !r.refused.is_empty());
    let headers: Vec<String> = rows
        .next()
        .map(|r| r.cells.iter().map(|c| c.trim().to_owned()).collect())
        .unwrap_or_default();
    let width = headers.len();
    let rows = rows
        .map(|mut row| {
            if row.cells.len() < width {
                row.cells.resize(width, String::new());
            }
            row
        })
        .collect();
    Table {
        format,
        headers,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::column_letter;

    #[test]
    fn columns_are_named_as_excel_names_them() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
