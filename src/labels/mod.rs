//! Label bytes: recognise what arrived and keep it on disk at once (forwarders' links expire).

pub mod page_box;
mod png_page;
mod raster;
mod stock;

pub use png_page::{PngPageError, label_as_pdf, png_to_pdf};
pub use raster::{RasterError, RasterPage, rasterise_pdf};
pub use stock::{LabelStock, MEDIA_4X6, PT_PER_MM};

use std::path::{Path, PathBuf};

use sha2::Digest as _;

/// A label file format shipdesk can keep and show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelFormat {
    /// PDF document.
    Pdf,
    /// PNG image.
    Png,
}

impl LabelFormat {
    /// File extension and stored name.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Png => "png",
        }
    }
}

/// What the bytes are, judged by their content (forwarders mislabel content types), including
/// base64 text of a PDF or PNG, which some forwarders send instead of the file.
pub fn sniff(bytes: &[u8]) -> Option<(LabelFormat, Vec<u8>)> {
    if let Some(format) = sniff_raw(bytes) {
        return Some((format, bytes.to_vec()));
    }
    use base64::Engine as _;
    let text: Vec<u8> = bytes
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let text = text
        .strip_prefix(b"data:application/pdf;base64,")
        .or_else(|| text.strip_prefix(b"data:image/png;base64,"))
        .unwrap_or(&text);
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(text)
        .ok()?;
    sniff_raw(&decoded).map(|format| (format, decoded))
}

fn sniff_raw(bytes: &[u8]) -> Option<LabelFormat> {
    // A PDF header may follow a little junk (some servers prepend a BOM or whitespace), and a
    // complete PDF ends with %%EOF (perhaps followed by a newline); a PNG ends with its IEND chunk.
    // A download cut short is refused rather than stored as a label that will not print.
    let head = &bytes[..bytes.len().min(1024)];
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if head.windows(5).any(|w| w == b"%PDF-") && tail.windows(5).any(|w| w == b"%%EOF") {
        Some(LabelFormat::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && tail.ends_with(b"IEND\xaeB`\x82") {
        Some(LabelFormat::Png)
    } else {
        None
    }
}

/// Hex sha256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes a label under `labels_dir` as `<reference>-<sha8>.<ext>`, atomically (temp file, then
/// rename), and returns its path.
pub fn save(
    labels_dir: &Path,
    reference: &str,
    bytes: &[u8],
    format: LabelFormat,
) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(labels_dir)?;
    let safe: String = reference
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let sha = sha256_hex(bytes);
    let name = format!("{safe}-{}.{}", &sha[..8], format.extension());
    let path = labels_dir.join(name);
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_pdf_png_and_base64() {
        assert_eq!(
            sniff(b"%PDF-1.7\n...\n%%EOF\n").map(|s| s.0),
            Some(LabelFormat::Pdf)
        );
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\nrest\0\0\0\0IEND\xaeB`\x82").map(|s| s.0),
            Some(LabelFormat::Png)
        );
        // "%PDF-1.4\n%%EOF" in base64, with a line break as some forwarders send it.
        let (format, bytes) =
            sniff(b"JVBERi0x\nLjQKJSVFT0Y=").unwrap_or((LabelFormat::Png, vec![]));
        assert_eq!(format, LabelFormat::Pdf);
        assert_eq!(bytes, b"%PDF-1.4\n%%EOF");
        // Cut short: no end marker.
        assert_eq!(sniff(b"%PDF-1.7\n1 0 obj"), None);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), None);
        assert_eq!(sniff(b"<html>502</html>"), None);
        assert_eq!(sniff(b""), None);
    }
}
