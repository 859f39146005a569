//! The raster way to send a label: each laid-out page rendered here at the printer's resolution,
//! every dot black or white by a hard threshold (dithered barcodes do not scan), and wrapped in a
//! PDF of the same page size. A PDF, because every CUPS queue and IPP Everywhere printer takes
//! one; the printer then only places dots that are already decided.

use lopdf::{Document, Object, Stream, dictionary};

use super::LayoutError;
use crate::labels::rasterise_pdf;

/// A pixel darker than this (0-255) prints black.
const THRESHOLD: u32 = 128;

/// `laid_out` (pages of exactly the stock's size, see [`super::lay_out`]) as 1-bit images at
/// `dpi`.
pub fn rasterise_for_printer(laid_out: &[u8], dpi: u16) -> Result<Vec<u8>, LayoutError> {
    let dpi = dpi.clamp(100, 600);
    let pages = rasterise_pdf(laid_out, f32::from(dpi), usize::MAX)
        .map_err(|e| LayoutError::Unreadable(e.to_string()))?;
    let mut out = Document::with_version("1.7");
    let pages_id = out.new_object_id();
    let mut kids = Vec::new();
    for page in pages {
        let row_bytes = page.width.div_ceil(8);
        // DeviceGray at 1 bit: 0 is black, 1 is white; rows are padded to whole bytes.
        let mut bits = vec![0xFF_u8; row_bytes * page.height];
        for (i, pixel) in page.rgba.chunks_exact(4).enumerate() {
            let (x, y) = (i % page.width, i / page.width);
            let luma =
                (u32::from(pixel[0]) * 299 + u32::from(pixel[1]) * 587 + u32::from(pixel[2]) * 114)
                    / 1000;
            if luma < THRESHOLD {
                bits[y * row_bytes + x / 8] &= !(0x80 >> (x % 8));
            }
        }
        let mut image = Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Image",
                "Width" => page.width as i64,
                "Height" => page.height as i64,
                "ColorSpace" => "DeviceGray",
                "BitsPerComponent" => 1,
                // Drawn dot for dot: no smoothing when the printer scales it to its own grid.
                "Interpolate" => false,
            },
            bits,
        );
        image.compress().ok();
        let image_id = out.add_object(image);
        let width_pt = page.width as f64 * 72.0 / f64::from(dpi);
        let height_pt = page.height as f64 * 72.0 / f64::from(dpi);
        let content = format!("q {width_pt:.4} 0 0 {height_pt:.4} 0 0 cm /Dots Do Q");
        let content_id = out.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        let page = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(width_pt as f32), Object::Real(height_pt as f32)],
            "Resources" => dictionary! { "XObject" => dictionary! { "Dots" => image_id } },
            "Contents" => content_id,
        };
        kids.push(Object::Reference(out.add_object(page)));
    }
    let count = kids.len() as i64;
    out.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = out.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    out.trailer.set("Root", catalog);
    let mut pdf = Vec::new();
    out.save_to(&mut pdf)
        .map_err(|e| LayoutError::Unreadable(e.to_string()))?;
    Ok(pdf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::LabelStock;
    use crate::print::{Offset, lay_out};

    #[test]
    fn a_4x6_label_becomes_an_812_by_1218_dot_page_of_the_same_size() {
        let content = crate::sandbox::label_pdf::LabelContent {
            tracking_number: "SBX1234567890".to_owned(),
            ..Default::default()
        };
        let label = crate::sandbox::label_pdf::render_label_pdf(&content).unwrap_or_default();
        let laid = lay_out(&[&label], LabelStock::In4x6, Offset::default()).expect("laid out");
        let raster = rasterise_for_printer(&laid.pdf, 203).expect("rasterised");
        let boxes = crate::labels::page_box::label_boxes(&raster).expect("readable");
        assert_eq!(boxes.len(), 1);
        let (w, h) = boxes[0].seen_size();
        assert!(
            (w - 288.0).abs() < 0.01 && (h - 432.0).abs() < 0.01,
            "{w} x {h}"
        );
        // Only black and white: rendered back at 203 dpi, no grey is left.
        let pages = rasterise_pdf(&raster, 203.0, 1).expect("renders");
        assert_eq!((pages[0].width, pages[0].height), (812, 1218));
        let grey = pages[0]
            .rgba
            .chunks(4)
            .filter(|p| p[0] > 40 && p[0] < 215)
            .count();
        assert!(grey < 100, "{grey} grey pixels");
    }
}
