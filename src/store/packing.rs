//! Compact storage for the order and audit-trail JSON: raw deflate with a preset dictionary.
//!
//! Most of a record is the same keys and boilerplate every time (`"recipientAddress"`,
//! `"application/json;charset=UTF-8"`...), so a dictionary of one typical shipment's records shrinks
//! a 1.2 KB request to ~0.1 KB. The first byte says how the rest is stored. A dictionary, once
//! shipped, never changes: a new one gets a new version byte and the old one stays readable.

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

/// Stored as is (UTF-8), for short texts where packing does not pay.
const RAW: u8 = 0;
/// Raw deflate with [`DICTIONARY_V1`].
const DEFLATE_V1: u8 = 1;

/// One Western Post sandbox shipment's order, request and answer records (values neutralised).
const DICTIONARY_V1: &[u8] = include_bytes!("../../assets/pack-dictionary-v1.txt");

/// Texts shorter than this are stored raw.
const PACK_FROM_BYTES: usize = 48;
/// Largest text a record may unpack to (a guard against a damaged file, not a real limit).
const MAX_UNPACKED_BYTES: usize = 64 * 1024 * 1024;

/// Packs a text for storage.
pub fn pack(text: &str) -> Vec<u8> {
    if text.len() >= PACK_FROM_BYTES
        && let Some(packed) = deflate(text.as_bytes())
        && packed.len() < text.len()
    {
        let mut out = Vec::with_capacity(packed.len() + 1);
        out.push(DEFLATE_V1);
        out.extend_from_slice(&packed);
        return out;
    }
    let mut out = Vec::with_capacity(text.len() + 1);
    out.push(RAW);
    out.extend_from_slice(text.as_bytes());
    out
}

/// Unpacks what [`pack`] wrote; `None` if the bytes are damaged.
pub fn unpack(bytes: &[u8]) -> Option<String> {
    match bytes.split_first() {
        Some((&RAW, rest)) => String::from_utf8(rest.to_vec()).ok(),
        Some((&DEFLATE_V1, rest)) => inflate(rest).and_then(|b| String::from_utf8(b).ok()),
        _ => None,
    }
}

fn deflate(input: &[u8]) -> Option<Vec<u8>> {
    let mut compress = Compress::new(Compression::best(), false);
    compress.set_dictionary(DICTIONARY_V1).ok()?;
    let mut out = Vec::with_capacity(input.len() / 2 + 64);
    loop {
        let consumed = compress.total_in() as usize;
        let status = compress
            .compress_vec(&input[consumed..], &mut out, FlushCompress::Finish)
            .ok()?;
        match status {
            Status::StreamEnd => return Some(out),
            Status::Ok | Status::BufError => out.reserve(out.capacity().max(256)),
        }
    }
}

fn inflate(input: &[u8]) -> Option<Vec<u8>> {
    let mut decompress = Decompress::new(false);
    decompress.set_dictionary(DICTIONARY_V1).ok()?;
    let mut out = Vec::with_capacity(input.len() * 4 + 64);
    loop {
        let consumed = decompress.total_in() as usize;
        let before = decompress.total_out();
        let status = decompress
            .decompress_vec(&input[consumed..], &mut out, FlushDecompress::Finish)
            .ok()?;
        match status {
            Status::StreamEnd => return Some(out),
            _ if out.len() >= MAX_UNPACKED_BYTES => return None,
            // No progress with input left means the stream is cut short.
            _ if decompress.total_out() == before && decompress.total_in() as usize == consumed => {
                if out.len() < out.capacity() {
                    return None;
                }
                out.reserve(out.capacity().max(256));
            }
            _ => out.reserve(out.capacity().max(256)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_short_long_and_unicode_text() {
        let long = format!(
            "{{\"name\":\"张伟\",\"street\":\"{}\"}}",
            "1215 Polk St, Hollywood, FL 33019 ".repeat(200)
        );
        for text in ["", "{}", "short", long.as_str()] {
            assert_eq!(unpack(&pack(text)).as_deref(), Some(text));
        }
    }

    #[test]
    fn typical_records_shrink_a_lot() {
        let text =
            String::from_utf8_lossy(DICTIONARY_V1).replace("lf-test-251205-003", "SHOP-99887766");
        let packed = pack(&text);
        assert_eq!(packed[0], DEFLATE_V1);
        assert!(
            packed.len() * 5 < text.len(),
            "{} -> {}",
            text.len(),
            packed.len()
        );
    }

    #[test]
    fn damaged_bytes_are_refused_not_panicked_on() {
        let packed = pack(
            &"{\"a\":\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"}".repeat(10),
        );
        assert!(unpack(&packed[..packed.len() / 2]).is_none());
        assert!(unpack(&[DEFLATE_V1, 0xff, 0xff, 0xff]).is_none());
        assert!(unpack(&[7, 1, 2]).is_none());
        assert!(unpack(&[]).is_none());
    }
}
