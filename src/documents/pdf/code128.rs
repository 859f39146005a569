//! Code 128 barcodes as PDF bars: the symbol for printable ASCII (digit runs packed in code set C
//! where that is shorter, so long numbers still fit with wide modules), drawn one rectangle per
//! bar.

use barcoders::sym::code128::Code128;
use printpdf::Op;

use super::text::fill_rect;

/// Why a text cannot be a Code 128 barcode.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BarcodeError {
    /// Nothing (or only blanks) to encode.
    #[error("there is nothing to put in the barcode")]
    Empty,
    /// A character outside printable ASCII.
    #[error(
        "{character:?} cannot go into a Code 128 barcode (only printable ASCII characters can)"
    )]
    Unencodable {
        /// The first offending character.
        character: char,
    },
    /// The encoder refused the data (not expected after our own checks).
    #[error("the barcode encoder rejected the text: {0}")]
    Encoder(barcoders::error::Error),
}

/// The bar/space modules (1 = dark) of the Code 128 symbol for `data`.
pub fn modules(data: &str) -> Result<Vec<u8>, BarcodeError> {
    // All blanks would scan, but would print as no tracking number at all.
    if data.trim().is_empty() {
        return Err(BarcodeError::Empty);
    }
    // Printable ASCII only: control characters cannot be printed as text, and
    // barcoders reads several non-ASCII characters (À Ɓ Ć Ź ... ÷) as code-set
    // switches or function codes, which would silently change the barcode.
    if let Some(character) = data.chars().find(|c| !matches!(c, ' '..='~')) {
        return Err(BarcodeError::Unencodable { character });
    }
    let symbol = Code128::new(code128_input(data)).map_err(BarcodeError::Encoder)?;
    Ok(symbol.encode())
}

/// Spells `data` (printable ASCII) in barcoders' notation: code set B, with
/// runs of digits packed two per symbol in code set C where that makes the
/// symbol shorter, so long numbers still fit with wide modules.
pub fn code128_input(data: &str) -> String {
    const SET_B: char = 'Ɓ';
    const SET_C: char = 'Ć';
    let bytes = data.as_bytes();
    let mut out = String::with_capacity(data.len() + 4);
    let mut current = None;
    // Barcoders reads the first set character as the start code and every
    // later one as a switch, so a switch is only written on a change.
    let mut switch = |out: &mut String, set: char| {
        if current != Some(set) {
            out.push(set);
            current = Some(set);
        }
    };

    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let at_start = i == 0;
        let at_end = i + run == bytes.len();
        // Set C saves a symbol per two digits but costs a switch in (and one
        // out again if more text follows); below these lengths it is no gain.
        let worth_it = match (at_start, at_end) {
            (true, true) => run >= 2,
            (true, false) | (false, true) => run >= 4,
            (false, false) => run >= 6,
        };
        if run > 0 && worth_it {
            let mut digits = &data[i..i + run];
            if run % 2 == 1 {
                // Set C takes digit pairs: the odd one out goes in set B.
                switch(&mut out, SET_B);
                out.push_str(&digits[..1]);
                digits = &digits[1..];
            }
            switch(&mut out, SET_C);
            out.push_str(digits);
            i += run;
        } else {
            let n = run.max(1);
            switch(&mut out, SET_B);
            out.push_str(&data[i..i + n]);
            i += n;
        }
    }
    out
}

/// Draws `modules` as bars from (x, y) upwards, `module_w` points a module and `h` high:
/// one rectangle per bar (a run of dark modules), so there are no hairline seams.
pub fn draw(ops: &mut Vec<Op>, modules: &[u8], (x, y): (f32, f32), module_w: f32, h: f32) {
    let mut i = 0;
    while i < modules.len() {
        if modules[i] == 0 {
            i += 1;
            continue;
        }
        let run = modules[i..].iter().take_while(|&&m| m == 1).count();
        fill_rect(ops, x + i as f32 * module_w, y, run as f32 * module_w, h);
        i += run;
    }
}

/// How a barcode's module snaps to a printer's dots: `dot` points a dot, a module between
/// `min_dots` and `max_dots` whole dots (a fraction of a dot would print uneven bars).
#[derive(Clone, Copy, Debug)]
pub struct Dots {
    /// One printer dot, in points (72 / dpi).
    pub dot: f32,
    /// The narrowest module a scanner reads at this resolution.
    pub min_dots: f32,
    /// The widest module worth drawing.
    pub max_dots: f32,
}

impl Dots {
    /// An office printer at 300 dpi: modules of 3 to 6 dots (0.25 to 0.5 mm).
    pub const A4_300_DPI: Self = Self {
        dot: 72.0 / 300.0,
        min_dots: 3.0,
        max_dots: 6.0,
    };
    /// A thermal label printer at 203 dpi: modules of 2 to 6 dots.
    pub const LABEL_203_DPI: Self = Self {
        dot: 72.0 / 203.0,
        min_dots: 2.0,
        max_dots: 6.0,
    };
}

/// Draws `data` as a barcode at (x, y) within `max_w` points, `h` high, with ten quiet modules
/// each side; returns the width it took, or `None` when `data` cannot be one or does not fit
/// (callers print the text anyway).
pub fn draw_fitted(
    ops: &mut Vec<Op>,
    data: &str,
    (x, y): (f32, f32),
    max_w: f32,
    h: f32,
    dots: Dots,
) -> Option<f32> {
    let modules = modules(data).ok()?;
    let needed = (modules.len() + 20) as f32;
    let per_module = ((max_w / needed) / dots.dot).floor().min(dots.max_dots);
    if per_module < dots.min_dots {
        return None;
    }
    let module_w = per_module * dots.dot;
    draw(ops, &modules, (x + 10.0 * module_w, y), module_w, h);
    Some(needed * module_w)
}
