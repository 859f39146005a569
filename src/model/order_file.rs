//! Reading an order file (`shipdesk ship ORDER.json`, later import): bounded in size, every
//! number exact, and a problem named by its field path (`parcels[0].weight`) in both
//! languages, with the line and column where reading stopped.

use std::io::Read as _;
use std::path::Path;

use super::numbers::{LANGUAGE_SEPARATOR, quoted};
use super::{Shipment, Text};

/// The largest order file read: one order is a few kilobytes; a 50 MB remark is a mistake
/// that should not reach memory, let alone a forwarder.
pub const MAX_ORDER_FILE_BYTES: u64 = 1 << 20;

/// Why an order file was not read.
#[derive(Debug)]
pub enum OrderFileError {
    /// The file could not be opened or read.
    Read(std::io::Error),
    /// Larger than [`MAX_ORDER_FILE_BYTES`]; `bytes` when its size is known.
    TooLarge {
        /// The file's size, when the file system says it.
        bytes: Option<u64>,
    },
    /// Not UTF-8 text.
    NotText,
    /// Not an order: the JSON is broken, or a field has the wrong type or an inexact number.
    Invalid {
        /// Path of the field, e.g. `parcels[0].weight`; empty for the file as a whole.
        field: String,
        /// Line (1-based) where reading stopped; 0 when unknown.
        line: usize,
        /// Column (1-based) where reading stopped; 0 when unknown.
        column: usize,
        /// What is wrong there.
        message: Text,
    },
}

impl OrderFileError {
    /// Where reading stopped, as (line, column), when known.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            Self::Invalid { line, column, .. } if *line > 0 => Some((*line, *column)),
            _ => None,
        }
    }

    /// The field the problem is at, or "".
    pub fn field(&self) -> &str {
        match self {
            Self::Invalid { field, .. } => field,
            _ => "",
        }
    }

    /// What is wrong, in both languages (without the field path).
    pub fn message(&self) -> Text {
        let limit = MAX_ORDER_FILE_BYTES;
        match self {
            Self::Read(error) => Text::new(
                format!("cannot read the file: {error}"),
                format!("无法读取文件：{error}"),
            ),
            Self::TooLarge { bytes } => {
                let size = bytes.map(|b| format!(" ({b} bytes)")).unwrap_or_default();
                let size_zh = bytes.map(|b| format!("（{b} 字节）")).unwrap_or_default();
                Text::new(
                    format!(
                        "the file is larger than 1 MiB{size}; an order file may have at most {limit} bytes"
                    ),
                    format!("文件超过 1 MiB{size_zh}；订单文件最多 {limit} 字节"),
                )
            }
            Self::NotText => Text::new("the file is not UTF-8 text", "文件不是 UTF-8 文本"),
            Self::Invalid { message, .. } => message.clone(),
        }
    }
}

impl std::fmt::Display for OrderFileError {
    /// `parcels[0].weight: expected a number, found the text "abc" / parcels[0].weight：应为数字，实际为文字“abc”`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Text { en, zh } = self.message();
        match self.field() {
            "" => write!(f, "{en} / {zh}"),
            field => write!(f, "{field}: {en} / {field}：{zh}"),
        }
    }
}

impl std::error::Error for OrderFileError {}

/// Reads and parses the order file at `path` (see [`parse_order`]), refusing a file over
/// [`MAX_ORDER_FILE_BYTES`] before reading it.
pub fn read_order_file(path: &Path) -> Result<Shipment, OrderFileError> {
    let file = std::fs::File::open(path).map_err(OrderFileError::Read)?;
    let size = file.metadata().map(|m| m.len()).ok();
    if let Some(bytes) = size.filter(|&b| b > MAX_ORDER_FILE_BYTES) {
        return Err(OrderFileError::TooLarge { bytes: Some(bytes) });
    }
    // A pipe or a growing file has no trustworthy size: read one byte past the limit at most.
    let mut bytes = Vec::new();
    file.take(MAX_ORDER_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(OrderFileError::Read)?;
    if bytes.len() as u64 > MAX_ORDER_FILE_BYTES {
        return Err(OrderFileError::TooLarge { bytes: None });
    }
    let text = String::from_utf8(bytes).map_err(|_| OrderFileError::NotText)?;
    parse_order(&text)
}

/// Parses an order's JSON text (README "Order JSON"). Numbers, as JSON numbers or strings,
/// are read exactly: one with more digits than a decimal holds is an error at its path,
/// never rounded. A leading byte-order mark (Windows Notepad) is skipped.
pub fn parse_order(text: &str) -> Result<Shipment, OrderFileError> {
    if text.len() as u64 > MAX_ORDER_FILE_BYTES {
        return Err(OrderFileError::TooLarge {
            bytes: Some(text.len() as u64),
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    // serde would also read an order from a list (`["R1", ...]`, fields by position): refuse
    // anything but an object up front, so a stray array is not half-read as an order.
    let start = text.trim_start();
    if !start.is_empty() && !start.starts_with('{') {
        let offset = text.len() - start.len();
        let line = 1 + text[..offset].matches('\n').count();
        let column = 1 + offset - text[..offset].rfind('\n').map_or(0, |at| at + 1);
        return Err(OrderFileError::Invalid {
            field: String::new(),
            line,
            column,
            message: Text::new("expected one order, an object {…}", "应为一个订单对象 {…}"),
        });
    }
    let shipment: Shipment = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| invalid(field_path(error.path()), error.inner()))?;
    // Anything after the order (a second object, stray text) is an error too, as in
    // `serde_json::from_str`.
    deserializer
        .end()
        .map_err(|error| invalid(String::new(), &error))?;
    Ok(shipment)
}

/// `parcels[0].weight`: the path without the segments serde could not name (at the end of
/// a truncated file), and "" for the whole order.
fn field_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&quoted(key));
            }
            Segment::Unknown => {}
        }
    }
    out
}

/// The error at `path`, translated.
fn invalid(path: String, error: &serde_json::Error) -> OrderFileError {
    let mut field = path;
    let full = error.to_string();
    // serde_json appends " at line L column C"; the position is reported apart.
    let message = match full.rfind(" at line ") {
        Some(at) if error.line() > 0 => &full[..at],
        _ => full.as_str(),
    };
    let message = match error.classify() {
        serde_json::error::Category::Data => data_message(message, &mut field),
        serde_json::error::Category::Io => Text::new(
            format!("cannot read the file: {message}"),
            format!("无法读取文件：{message}"),
        ),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => Text::new(
            format!("not valid JSON: {message}"),
            format!("不是有效的 JSON：{message}"),
        ),
    };
    OrderFileError::Invalid {
        field,
        line: error.line(),
        column: error.column(),
        message,
    }
}

/// serde's messages ("invalid type: …, expected …", "missing field `x`") in both languages.
/// Missing and duplicate fields move the path onto the field itself.
fn data_message(message: &str, field: &mut String) -> Text {
    if let Some((en, zh)) = message.split_once(LANGUAGE_SEPARATOR) {
        return Text::new(en, zh);
    }
    let child = |field: &mut String, name: &str| {
        if field.is_empty() {
            *field = name.to_owned();
        } else {
            *field = format!("{field}.{name}");
        }
    };
    if let Some(name) = backticked(message, "missing field `") {
        child(field, name);
        return Text::new("is required but missing", "缺少此必填字段");
    }
    if let Some(name) = backticked(message, "duplicate field `") {
        child(field, name);
        return Text::new("appears twice", "重复出现");
    }
    if let Some(variant) = backticked(message, "unknown variant `") {
        let choices = message
            .split_once(", expected one of ")
            .map_or("", |(_, choices)| choices);
        let variant = quoted(variant);
        return Text::new(
            format!("unknown value \"{variant}\": expected one of {choices}"),
            format!("未知取值“{variant}”，应为以下之一：{choices}"),
        );
    }
    let found_expected = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.rsplit_once(", expected "));
    if let Some((found, expected)) = found_expected {
        let (found_en, found_zh) = found_words(found);
        let (expected_en, expected_zh) = expected_words(expected);
        return Text::new(
            format!("expected {expected_en}, found {found_en}"),
            format!("应为{expected_zh}，实际为{found_zh}"),
        );
    }
    Text::new(message, format!("格式错误：{message}"))
}

/// The name between `prefix` and the next backtick.
fn backticked<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?;
    rest.split_once('`').map(|(name, _)| name)
}

/// serde's description of what the file had (`integer \`5\``, `string "abc"`, `map`).
fn found_words(found: &str) -> (String, String) {
    let ticked = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .map(|rest| quoted(rest.trim_matches('`')))
    };
    if let Some(number) = ticked("integer ").or_else(|| ticked("floating point ")) {
        return (format!("the number {number}"), format!("数字 {number}"));
    }
    if let Some(value) = ticked("boolean ") {
        return (value.clone(), value);
    }
    if let Some(text) = found.strip_prefix("string ") {
        // Debug-quoted by serde: drop the quotes, keep the escapes (they show invisibles).
        let text = quoted(
            text.strip_prefix('"')
                .unwrap_or(text)
                .strip_suffix('"')
                .unwrap_or(text),
        );
        return (format!("the text \"{text}\""), format!("文字“{text}”"));
    }
    let (en, zh) = match found {
        "number" => ("a number", "数字"),
        "null" => ("null", "空值 null"),
        "map" => ("an object {…}", "对象 {…}"),
        "sequence" => ("a list […]", "列表 […]"),
        other => return (quoted(other), quoted(other)),
    };
    (en.to_owned(), zh.to_owned())
}

/// serde's description of what the field takes (`u32`, `struct Address`, `a boolean`).
fn expected_words(expected: &str) -> (String, String) {
    let (en, zh) = match expected {
        "a number" | "f32" | "f64" => ("a number", "数字"),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
            ("a whole number", "整数")
        }
        "a boolean" => ("true or false", "true 或 false"),
        "a string" => ("text in quotes", "带引号的文字"),
        "a sequence" => ("a list […]", "列表 […]"),
        "a map" => ("an object {…}", "对象 {…}"),
        other if other.starts_with("struct ") => ("an object {…}", "对象 {…}"),
        other if other.starts_with("enum ") || other == "variant identifier" => {
            ("one of the listed values", "所列取值之一")
        }
        other => return (other.to_owned(), other.to_owned()),
    };
    (en.to_owned(), zh.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> serde_json::Value {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/examples/order-seed000.json"
        );
        std::fs::read_to_string(path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// The seed order with `edit` applied, parsed.
    fn parse_edited(edit: impl FnOnce(&mut serde_json::Value)) -> Result<Shipment, OrderFileError> {
        let mut order = seed();
        edit(&mut order);
        parse_order(&order.to_string())
    }

    fn said(result: Result<Shipment, OrderFileError>) -> String {
        result.err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn the_example_orders_read_exactly() {
        for name in [
            "order-seed000.json",
            "order-seed001.json",
            "order-seed003.json",
        ] {
            let path = format!("{}/assets/examples/{name}", env!("CARGO_MANIFEST_DIR"));
            let order = read_order_file(Path::new(&path)).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!order.parcels.is_empty());
        }
        let order = parse_order(&seed().to_string()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(order.parcels[0].weight.to_string(), "22.04");
        assert_eq!(
            order.declared_value.map(|d| d.to_string()).as_deref(),
            Some("11111.000001")
        );
        let bom = format!("\u{feff}{}", seed());
        assert!(parse_order(&bom).is_ok());
    }

    #[test]
    fn a_type_error_names_the_field_path_in_both_languages() {
        let message = said(parse_edited(|o| o["parcels"][0]["weight"] = "abc".into()));
        assert_eq!(
            message,
            "parcels[0].weight: expected a number, found the text \"abc\" / parcels[0].weight：应为数字，实际为文字“abc”"
        );
        let message = said(parse_edited(|o| o["items"][0]["quantity"] = "two".into()));
        assert!(
            message
                .starts_with("items[0].quantity: expected a whole number, found the text \"two\""),
            "{message}"
        );
        assert!(message.contains("items[0].quantity：应为整数"), "{message}");
        let message = said(parse_edited(|o| o["items"][0]["quantity"] = (-1).into()));
        assert!(
            message.starts_with("items[0].quantity: expected a whole number, found the number -1"),
            "{message}"
        );
        let message = said(parse_edited(|o| o["sender"] = 5.into()));
        assert!(
            message.starts_with("sender: expected an object {…}, found the number 5"),
            "{message}"
        );
        let message = said(parse_edited(|o| o["parcels"] = "none".into()));
        assert!(
            message.starts_with("parcels: expected a list […], found the text \"none\""),
            "{message}"
        );
        let message = said(parse_edited(|o| o["options"]["insurance"] = "yes".into()));
        assert!(
            message.starts_with("options.insurance: expected true or false"),
            "{message}"
        );
        let message = said(parse_edited(|o| o["recipient"]["name"] = 7.into()));
        assert!(
            message.starts_with("recipient.name: expected text in quotes, found the number 7"),
            "{message}"
        );
        let message = said(parse_edited(|o| {
            o["parcels"][0]["weight_unit"] = "KGS".into()
        }));
        assert!(
            message
                .starts_with("parcels[0].weight_unit: unknown value \"KGS\": expected one of `KG`"),
            "{message}"
        );
        assert!(message.contains("未知取值“KGS”"), "{message}");
        let message = said(parse_edited(|o| {
            o["parcels"][0]["weight"] = serde_json::Value::Null
        }));
        assert!(
            message.starts_with("parcels[0].weight: expected a number, found null"),
            "{message}"
        );
    }

    #[test]
    fn missing_fields_and_broken_json_say_where() {
        let message = said(parse_edited(|o| {
            o.as_object_mut().map(|m| m.remove("reference"));
        }));
        assert_eq!(
            message,
            "reference: is required but missing / reference：缺少此必填字段"
        );
        let message = said(parse_edited(|o| {
            o["parcels"][0].as_object_mut().map(|m| m.remove("weight"));
        }));
        assert!(
            message.starts_with("parcels[0].weight: is required but missing"),
            "{message}"
        );

        let broken = parse_order("{\n  \"reference\": \"X\",\n  \"sender\": 5\n}\n");
        assert_eq!(
            broken.as_ref().err().and_then(OrderFileError::position),
            Some((3, 13))
        );
        let broken = parse_order("{\n  \"reference\": \"X\",\n");
        let error = broken.err();
        assert!(
            error
                .as_ref()
                .map(|e| e.to_string())
                .unwrap_or_default()
                .starts_with("not valid JSON: EOF")
        );
        assert_eq!(error.and_then(|e| e.position().map(|p| p.0)), Some(3));
        for (text, position) in [("[1]", (1, 1)), ("\n  5", (2, 3)), ("null", (1, 1))] {
            let error = parse_order(text).err();
            let at = error.as_ref().and_then(OrderFileError::position);
            assert_eq!(at, Some(position), "{text:?}");
            let said = error.map(|e| e.to_string()).unwrap_or_default();
            assert_eq!(
                said,
                "expected one order, an object {…} / 应为一个订单对象 {…}"
            );
        }
        let trailing = format!("{} {{}}", seed());
        assert!(said(parse_order(&trailing)).contains("trailing characters"));
    }

    #[test]
    fn numbers_that_cannot_be_kept_exactly_are_refused_at_their_path() {
        let forty = format!("1.{}1", "0".repeat(39));
        let text = seed()
            .to_string()
            .replace("\"weight\":22.04", &format!("\"weight\":{forty}"));
        assert!(text.contains(&forty), "the seed's weight is a JSON number");
        let message = said(parse_order(&text));
        assert!(message.starts_with("parcels[0].weight: 1.000"), "{message}");
        assert!(
            message.contains("more decimals than can be kept exactly (28)"),
            "{message}"
        );
        assert!(message.contains("parcels[0].weight：1.000"), "{message}");
        // As a string too, and in the item and the declared value.
        let message = said(parse_edited(|o| {
            o["items"][0]["unit_value"] = forty.clone().into()
        }));
        assert!(message.starts_with("items[0].unit_value: "), "{message}");
        let message = said(parse_edited(|o| o["declared_value"] = "1e40".into()));
        assert!(
            message.starts_with("declared_value: 1e40 has more digits"),
            "{message}"
        );
        // Exact ones keep their scale.
        let order = parse_edited(|o| o["items"][0]["unit_value"] = "3.50".into());
        assert_eq!(
            order
                .ok()
                .map(|o| o.items[0].unit_value.to_string())
                .as_deref(),
            Some("3.50")
        );
    }

    #[test]
    fn a_big_file_is_refused_before_parsing() {
        let dir = tempfile::tempdir().ok();
        let Some(dir) = dir else { return };
        let path = dir.path().join("big.json");
        let remark = "x".repeat(2 << 20);
        let written = std::fs::write(&path, format!("{{\"remark\": \"{remark}\"}}"));
        assert!(written.is_ok());
        let error = read_order_file(&path).err();
        assert!(
            matches!(error, Some(OrderFileError::TooLarge { bytes: Some(b) }) if b > MAX_ORDER_FILE_BYTES)
        );
        let said = error.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            said.starts_with("the file is larger than 1 MiB ("),
            "{said}"
        );
        assert!(matches!(
            parse_order(&remark),
            Err(OrderFileError::TooLarge { .. })
        ));

        let binary = dir.path().join("binary.json");
        assert!(std::fs::write(&binary, [0xff, 0xfe, 0x00]).is_ok());
        assert!(matches!(
            read_order_file(&binary),
            Err(OrderFileError::NotText)
        ));
        assert!(matches!(
            read_order_file(&dir.path().join("none.json")),
            Err(OrderFileError::Read(_))
        ));
    }

    #[test]
    fn odd_input_never_panics() {
        let long = "\"".repeat(1000);
        let deep = "[".repeat(10_000);
        for text in [
            "",
            "null",
            "[]",
            "{}",
            "\0",
            "\u{1b}",
            "{\"reference\": \"\u{202e}\"}",
            "📦",
            long.as_str(),
            deep.as_str(),
            "{\"parcels\": [{\"weight\": 1e99999}]}",
            "{\"reference\": 1e400}",
        ] {
            let _ = parse_order(text).map_err(|e| e.to_string());
        }
    }
}
