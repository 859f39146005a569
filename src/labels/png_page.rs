//! A PNG label as a one-page PDF, so it is previewed, laid out on the stock and printed by the
//! same path as every PDF label. Some forwarders send labels as images; an image has no
//! physical size, so the page takes the label stock its shape matches (2:3 is 4x6 in, square
//! is 10x10 cm) and otherwise the thermal printers' 203 dpi.

use std::borrow::Cow;
use std::io::Write as _;

use lopdf::{Document, Object, Stream, dictionary};

/// The largest image side accepted: four times a 300 dpi 4x6 label's long side.
const MAX_SIDE: u32 = 7200;
/// Points per inch.
const PT: f64 = 72.0;

/// Why a PNG could not become a page.
#[derive(Debug, thiserror::Error)]
pub enum PngPageError {
    /// Not a PNG the decoder accepts.
    #[error("the PNG label cannot be read ({0})")]
    Unreadable(String),
    /// Absurdly large (or empty).
    #[error("the PNG label is {0} x {1} pixels, which is not a label")]
    Size(u32, u32),
}

/// The label as a PDF: PDFs unchanged, a PNG drawn on a page of its stock's size.
pub fn label_as_pdf(bytes: &[u8]) -> Result<Cow<'_, [u8]>, PngPageError> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png_to_pdf(bytes).map(Cow::Owned)
    } else {
        Ok(Cow::Borrowed(bytes))
    }
}

/// One page, the image filling it, in grey (thermal labels are black and white).
pub fn png_to_pdf(png_bytes: &[u8]) -> Result<Vec<u8>, PngPageError> {
    let (width, height, grey) = decode_grey(png_bytes)?;
    let (page_w, page_h) = page_size(width, height);
    let mut compressed = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    compressed
        .write_all(&grey)
        .map_err(|e| PngPageError::Unreadable(e.to_string()))?;
    let compressed = compressed
        .finish()
        .map_err(|e| PngPageError::Unreadable(e.to_string()))?;

    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let image = Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => i64::from(width),
            "Height" => i64::from(height),
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
            "Filter" => "FlateDecode",
        },
        compressed,
    );
    let image_id = doc.add_object(image);
    let content = format!("q {page_w:.4} 0 0 {page_h:.4} 0 0 cm /Label Do Q");
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), Object::Real(page_w as f32), Object::Real(page_h as f32)],
        "Resources" => dictionary! { "XObject" => dictionary! { "Label" => image_id } },
        "Contents" => content_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut pdf = Vec::new();
    doc.save_to(&mut pdf)
        .map_err(|e| PngPageError::Unreadable(e.to_string()))?;
    Ok(pdf)
}

/// The page, in points, for an image of `width` x `height` pixels.
fn page_size(width: u32, height: u32) -> (f64, f64) {
    let (w, h) = (f64::from(width), f64::from(height));
    let close = |ratio: f64, wanted: f64| (ratio / wanted - 1.0).abs() < 0.03;
    let ratio = w / h;
    if close(ratio, 2.0 / 3.0) {
        (4.0 * PT, 6.0 * PT)
    } else if close(ratio, 3.0 / 2.0) {
        (6.0 * PT, 4.0 * PT)
    } else if close(ratio, 1.0) {
        let side = 100.0 / 25.4 * PT;
        (side, side)
    } else {
        (w / 203.0 * PT, h / 203.0 * PT)
    }
}

/// Width, height and one grey byte per pixel, transparency composited on white paper.
fn decode_grey(bytes: &[u8]) -> Result<(u32, u32, Vec<u8>), PngPageError> {
    let unreadable = |e: png::DecodingError| PngPageError::Unreadable(e.to_string());
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(unreadable)?;
    let (width, height) = (reader.info().width, reader.info().height);
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(PngPageError::Size(width, height));
    }
    let size = reader
        .output_buffer_size()
        .ok_or(PngPageError::Size(width, height))?;
    let mut buffer = vec![0; size];
    let frame = reader.next_frame(&mut buffer).map_err(unreadable)?;
    let pixels = &buffer[..frame.buffer_size()];
    let on_white = |value: u8, alpha: u8| {
        let (v, a) = (u32::from(value), u32::from(alpha));
        ((v * a + 255 * (255 - a)) / 255) as u8
    };
    // ITU-R BT.601 luma in integers.
    let luma = |r: u8, g: u8, b: u8| {
        ((299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b)) / 1000) as u8
    };
    let grey: Vec<u8> = match frame.color_type {
        png::ColorType::Grayscale => pixels.to_vec(),
        png::ColorType::GrayscaleAlpha => pixels
            .chunks_exact(2)
            .map(|p| on_white(p[0], p[1]))
            .collect(),
        png::ColorType::Rgb => pixels
            .chunks_exact(3)
            .map(|p| luma(p[0], p[1], p[2]))
            .collect(),
        png::ColorType::Rgba => pixels
            .chunks_exact(4)
            .map(|p| on_white(luma(p[0], p[1], p[2]), p[3]))
            .collect(),
        png::ColorType::Indexed => {
            return Err(PngPageError::Unreadable(
                "palette left unexpanded".to_owned(),
            ));
        }
    };
    if grey.len() != (width as usize) * (height as usize) {
        return Err(PngPageError::Unreadable(
            "pixel count does not match".to_owned(),
        ));
    }
    Ok((width, height, grey))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `width` x `height` grey PNG, black in its left half.
    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("header");
        let row: Vec<u8> = (0..width)
            .map(|x| if x < width / 2 { 0 } else { 255 })
            .collect();
        let data: Vec<u8> = (0..height).flat_map(|_| row.clone()).collect();
        writer.write_image_data(&data).expect("data");
        writer.finish().expect("finish");
        out
    }

    #[test]
    fn a_4x6_image_becomes_a_4x6_page_that_draws_it() {
        let pdf = png_to_pdf(&png(812, 1218)).expect("pdf");
        let pages = crate::labels::rasterise_pdf(&pdf, 72.0, 1).expect("renders");
        assert_eq!((pages[0].width, pages[0].height), (288, 432));
        // Left half black, right half white, as drawn.
        let at = |x: usize, y: usize| pages[0].rgba[(y * 288 + x) * 4];
        assert!(at(50, 200) < 40, "{}", at(50, 200));
        assert!(at(250, 200) > 215, "{}", at(250, 200));
    }

    #[test]
    fn shapes_pick_their_stock_and_odd_ones_take_203_dpi() {
        assert_eq!(page_size(1200, 1800), (288.0, 432.0));
        assert_eq!(page_size(1218, 812), (432.0, 288.0));
        let (w, h) = page_size(800, 800);
        assert!((w - 283.46).abs() < 0.01 && (h - w).abs() < 1e-9);
        assert_eq!(page_size(406, 203), (144.0, 72.0));
    }

    #[test]
    fn damaged_or_absurd_images_are_refused() {
        let mut cut = png(100, 150);
        cut.truncate(cut.len() / 2);
        assert!(png_to_pdf(&cut).is_err());
        assert!(matches!(
            png_to_pdf(&png(8000, 10)),
            Err(PngPageError::Size(8000, 10))
        ));
        // A PDF passes through untouched.
        assert!(matches!(label_as_pdf(b"%PDF-1.7"), Ok(Cow::Borrowed(_))));
    }
}
