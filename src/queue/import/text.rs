//! Delimited text: the encoding found (byte-order mark, else UTF-8 if it is valid, else
//! GB18030, the superset of GBK that Chinese Excel writes), the delimiter sniffed from the
//! header line, and the rows split by the csv crate (RFC 4180 quoting, line breaks in quotes).

use encoding_rs::{Encoding, GB18030, UTF_8};

use super::{FileProblem, SourceRow, Table, into_table};

/// Delimiters tried, in the order a tie is decided.
const DELIMITERS: [(u8, &str); 4] = [
    (b'\t', "tab"),
    (b',', "comma"),
    (b';', "semicolon"),
    (b'|', "bar"),
];

/// Reads delimited text.
pub(super) fn read(bytes: &[u8], name: &str) -> Result<Table, FileProblem> {
    let (text, encoding) = decode(bytes)?;
    let (delimiter, delimiter_name) = sniff(&text, name);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // Where each line starts, to give every record the line a person sees it on (the csv
    // crate's own count is off around blank lines and CRLF).
    let newlines: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter_map(|(at, b)| (b == b'\n').then_some(at))
        .collect();
    let line_of = |byte: usize| {
        let start = text.as_bytes()[byte.min(text.len())..]
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .map_or(text.len(), |skip| byte + skip);
        1 + newlines.partition_point(|&at| at < start)
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| {
            let line = error.position().map(|p| p.line()).unwrap_or(0);
            FileProblem::new(
                format!("line {line} cannot be read as {delimiter_name}-separated text: {error}"),
                format!("第 {line} 行无法按分隔符读取：{error}"),
            )
        })?;
        let line = record
            .position()
            .map(|p| line_of(p.byte() as usize))
            .unwrap_or(0);
        let cells = record.iter().map(undo_formula_guard).collect();
        rows.push(SourceRow {
            line,
            cells,
            refused: Vec::new(),
        });
        if rows.len() > super::MAX_IMPORT_ROWS + 1 {
            // Counted, not read on: the limit's message says how many there are at least.
            break;
        }
    }
    let encoding_name = if encoding == GB18030 {
        "GB18030/GBK"
    } else {
        encoding.name()
    };
    let format = format!("CSV ({encoding_name}, {delimiter_name})");
    Ok(into_table(format, rows.into_iter()))
}

/// The text and the encoding it was in. Bytes that are neither UTF-8 nor GB18030 (a picture,
/// a zip, a PDF renamed .csv) are refused rather than shown as garbled addresses.
fn decode(bytes: &[u8]) -> Result<(String, &'static Encoding), FileProblem> {
    let not_text = || {
        FileProblem::new(
            "the file is not a spreadsheet: not CSV or TSV text (UTF-8, GBK/GB18030 or UTF-16) and not an Excel workbook",
            "文件不是表格：既不是 CSV/TSV 文本（UTF-8、GBK/GB18030 或 UTF-16），也不是 Excel 工作簿",
        )
    };
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, &bytes[bom..]),
        None if std::str::from_utf8(bytes).is_ok() => (UTF_8, bytes),
        None => (GB18030, bytes),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    // A text file holds no NUL; UTF-16 without its mark is all NULs between letters.
    if had_errors || text.contains('\0') {
        return Err(not_text());
    }
    Ok((text.into_owned(), encoding))
}

/// The delimiter: the one that splits the header line into the most columns (quoted parts
/// not counted); a `.tsv` or `.txt` file prefers tabs, and one-column text is comma-separated.
fn sniff(text: &str, name: &str) -> (u8, &'static str) {
    let header = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let count = |delimiter: u8| {
        let mut quoted = false;
        header
            .bytes()
            .filter(|&b| {
                if b == b'"' {
                    quoted = !quoted;
                }
                !quoted && b == delimiter
            })
            .count()
    };
    let lower = name.to_ascii_lowercase();
    let prefers_tab = lower.ends_with(".tsv") || lower.ends_with(".txt");
    let mut best = if prefers_tab {
        DELIMITERS[0]
    } else {
        DELIMITERS[1]
    };
    let mut best_count = count(best.0);
    for candidate in DELIMITERS {
        let n = count(candidate.0);
        if n > best_count {
            best = candidate;
            best_count = n;
        }
    }
    best
}

/// shipdesk's own export (and careful spreadsheets) put `'` before a text that Excel would run
/// as a formula (`'=HYPERLINK(…)`); read back, the text is what it was.
fn undo_formula_guard(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_owned(),
        _ => cell.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(table: &Table) -> Vec<Vec<&str>> {
        table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn encodings_are_told_apart_and_read() {
        let text = "姓名,城市\n张三,深圳\n";
        let (gbk, _, _) = GB18030.encode(text);
        for (bytes, format) in [
            (text.as_bytes().to_vec(), "CSV (UTF-8, comma)"),
            (
                [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
                "CSV (UTF-8, comma)",
            ),
            (gbk.into_owned(), "CSV (GB18030/GBK, comma)"),
        ] {
            let table = read(&bytes, "orders.csv").unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(table.headers, ["姓名", "城市"], "{format}");
            assert_eq!(cells(&table), [["张三", "深圳"]]);
            assert_eq!(table.format, format);
        }
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a\tb\n1\t2\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let table = read(&utf16, "x.txt").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(table.headers, ["a", "b"]);
        assert_eq!(table.format, "CSV (UTF-16LE, tab)");
    }

    #[test]
    fn the_delimiter_is_sniffed_from_the_header() {
        for (text, want) in [
            ("a,b,c\n1,2,3\n", "a b c"),
            ("a\tb\tc\n1\t2\t3\n", "a b c"),
            ("a;b;c\n1;2;3\n", "a b c"),
            ("\"x,y\";b;c\n1;2;3\n", "x,y b c"),
        ] {
            let table = read(text.as_bytes(), "f.csv").unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(table.headers.join(" "), want, "{text}");
            assert_eq!(cells(&table), [["1", "2", "3"]], "{text}");
        }
    }

    #[test]
    fn blank_lines_are_skipped_short_rows_padded_and_lines_kept() {
        let text = "a,b,c\n\n1,2\n,,\n\"multi\nline\",5,6\n4,5,6\n";
        let table = read(text.as_bytes(), "f.csv").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            cells(&table),
            [
                vec!["1", "2", ""],
                vec!["multi\nline", "5", "6"],
                vec!["4", "5", "6"]
            ]
        );
        let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 5, 7]);
    }

    #[test]
    fn binary_is_not_text_and_a_formula_guard_is_undone() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert!(read(png, "x.csv").is_err());
        let table = read(b"name\n'=cmd\n'plain\n", "f.csv").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cells(&table), [["=cmd"], ["'plain"]]);
    }
}
