//! Label preview: PDF pages to pixels with hayro (pure Rust), for the window. Printing never uses
//! this; it sends the stored file itself.

use std::sync::Arc;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};

/// Longest side of a rendered page, in pixels (keeps a stray poster-sized page from eating memory).
const MAX_SIDE_PX: f32 = 4_000.0;

/// One rendered page.
#[derive(Clone)]
pub struct RasterPage {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Premultiplied RGBA, row by row.
    pub rgba: Arc<Vec<u8>>,
}

impl std::fmt::Debug for RasterPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RasterPage({}x{})", self.width, self.height)
    }
}

/// Why a label could not be shown.
#[derive(Debug, thiserror::Error)]
pub enum RasterError {
    /// Not a PDF shipdesk can read (damaged, encrypted, or not a PDF).
    #[error("the label file cannot be read as a PDF")]
    NotAPdf,
    /// The PDF has no pages.
    #[error("the label PDF has no pages")]
    NoPages,
    /// The renderer stopped on this file.
    #[error("the label could not be drawn (open it in the system viewer instead)")]
    Failed,
}

/// Renders up to `max_pages` pages at `dpi` (72 = one pixel per PDF point).
pub fn rasterise_pdf(
    bytes: &[u8],
    dpi: f32,
    max_pages: usize,
) -> Result<Vec<RasterPage>, RasterError> {
    let bytes = bytes.to_vec();
    // hayro forbids unsafe code, but a damaged file must never take the app down with it.
    std::panic::catch_unwind(move || rasterise(bytes, dpi, max_pages))
        .unwrap_or(Err(RasterError::Failed))
}

fn rasterise(bytes: Vec<u8>, dpi: f32, max_pages: usize) -> Result<Vec<RasterPage>, RasterError> {
    let pdf = Pdf::new(bytes).map_err(|_| RasterError::NotAPdf)?;
    let cache = RenderCache::new();
    let interpreter = InterpreterSettings::default();
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(RasterError::NoPages);
    }
    let mut out = Vec::new();
    for page in pages.iter().take(max_pages.max(1)) {
        let (width_pt, height_pt) = page.render_dimensions();
        let wanted = dpi.max(1.0) / 72.0;
        let largest = width_pt.max(height_pt).max(1.0);
        let scale = wanted.min(MAX_SIDE_PX / largest);
        let pixmap = render(
            page,
            &cache,
            &interpreter,
            &RenderSettings::default(),
            &PixmapSettings {
                x_scale: scale,
                y_scale: scale,
                bg_color: WHITE,
            },
        );
        out.push(RasterPage {
            width: usize::from(pixmap.width()),
            height: usize::from(pixmap.height()),
            rgba: Arc::new(pixmap.data_as_u8_slice().to_vec()),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sandbox_label_renders_at_203_dpi_as_812_by_1218() {
        let content = crate::sandbox::label_pdf::LabelContent {
            tracking_number: "SBX1234567890".to_owned(),
            ..Default::default()
        };
        let pdf = crate::sandbox::label_pdf::render_label_pdf(&content).unwrap_or_default();
        let pages = rasterise_pdf(&pdf, 203.0, 4).unwrap_or_default();
        assert_eq!(pages.len(), 1);
        assert_eq!((pages[0].width, pages[0].height), (812, 1218));
        // Not blank: the barcode and text put dark pixels on the white page.
        let dark = pages[0].rgba.chunks(4).filter(|p| p[0] < 64).count();
        assert!(dark > 10_000, "{dark} dark pixels");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(rasterise_pdf(b"not a pdf", 203.0, 1).is_err());
        assert!(rasterise_pdf(b"%PDF-1.7\n%%EOF", 203.0, 1).is_err());
    }
}
