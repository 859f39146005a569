//! Where the label is on each page of a label PDF. Forwarders send dedicated label pages (4x6 in,
//! 10x15 cm, 10x10 cm), but also a label drawn in a corner of an A4 or Letter page. For a page of a
//! known label size the label is the page; otherwise it is the drawn content's bounding box (the
//! page is rendered with hayro at 72 dpi), widened to the nearest known label size around it.

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::hayro_syntax::page::Rotation;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};

use super::{LabelStock, RasterError};

/// How far (in points, ~1.4 mm) a page may differ from a label size and still be that label.
const PAGE_TOLERANCE_PT: f64 = 4.0;
/// How much drawn content may exceed a label size (anti-aliasing, a border's line width).
const INK_TOLERANCE_PT: f64 = 3.0;
/// A pixel darker than this (0-255, any channel) counts as drawn.
const INK_THRESHOLD: u8 = 192;
/// Pages looked at in one file (a forwarder's multi-piece label has a page per parcel).
const MAX_PAGES: usize = 64;

/// A rectangle in a page's own coordinates (PDF points, y up).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left.
    pub x0: f64,
    /// Bottom.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Top.
    pub y1: f64,
}

impl Rect {
    /// Width in points.
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }
    /// Height in points.
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
}

/// How the label's box was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoundBy {
    /// The page is the label.
    PageSize,
    /// The label was found by its drawn content on a larger page.
    Ink,
}

/// One page's label.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelBox {
    /// The label's rectangle in the page's own coordinates.
    pub rect: Rect,
    /// The page's own `/Rotate`, degrees clockwise (0, 90, 180 or 270).
    pub page_rotation: u16,
    /// How it was found.
    pub found_by: FoundBy,
}

impl LabelBox {
    /// Width and height as the label is seen (after the page's own rotation).
    pub fn seen_size(&self) -> (f64, f64) {
        let (w, h) = (self.rect.width(), self.rect.height());
        if self.page_rotation % 180 == 90 {
            (h, w)
        } else {
            (w, h)
        }
    }
}

/// The label on each page of `pdf`.
pub fn label_boxes(pdf: &[u8]) -> Result<Vec<LabelBox>, RasterError> {
    let bytes = pdf.to_vec();
    // hayro forbids unsafe code, but a damaged file must never take the app down with it.
    std::panic::catch_unwind(move || find(bytes)).unwrap_or(Err(RasterError::Failed))
}

fn find(bytes: Vec<u8>) -> Result<Vec<LabelBox>, RasterError> {
    let pdf = Pdf::new(bytes).map_err(|_| RasterError::NotAPdf)?;
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(RasterError::NoPages);
    }
    let cache = RenderCache::new();
    let interpreter = InterpreterSettings::default();
    let mut boxes = Vec::new();
    for page in pages.iter().take(MAX_PAGES) {
        let crop = page.intersected_crop_box();
        let crop = Rect {
            x0: crop.x0,
            y0: crop.y0,
            x1: crop.x1,
            y1: crop.y1,
        };
        let page_rotation = match page.rotation() {
            Rotation::None => 0,
            Rotation::Horizontal => 90,
            Rotation::Flipped => 180,
            Rotation::FlippedHorizontal => 270,
        };
        if known_size(crop.width(), crop.height(), PAGE_TOLERANCE_PT).is_some() {
            boxes.push(LabelBox {
                rect: crop,
                page_rotation,
                found_by: FoundBy::PageSize,
            });
            continue;
        }
        let pixmap = render(
            page,
            &cache,
            &interpreter,
            &RenderSettings::default(),
            &PixmapSettings {
                x_scale: 1.0,
                y_scale: 1.0,
                bg_color: WHITE,
            },
        );
        let ink = ink_bounds(usize::from(pixmap.width()), pixmap.data_as_u8_slice());
        let rect = match ink {
            // A blank page: print it as it is.
            None => crop,
            Some(seen) => {
                let ink = to_page_space(seen, crop, page_rotation);
                widen_to_label(ink, crop)
            }
        };
        boxes.push(LabelBox {
            rect,
            page_rotation,
            found_by: FoundBy::Ink,
        });
    }
    Ok(boxes)
}

/// The known label size within `tolerance` of `width` x `height` (either orientation).
fn known_size(width: f64, height: f64, tolerance: f64) -> Option<LabelStock> {
    LabelStock::ALL.into_iter().find(|stock| {
        let (w, h) = stock.size_pt();
        let near = |a: f64, b: f64| (a - b).abs() <= tolerance;
        (near(width, w) && near(height, h)) || (near(width, h) && near(height, w))
    })
}

/// The drawn pixels' bounds as seen (left, top, right, bottom; pixels = points at 72 dpi).
fn ink_bounds(width: usize, rgba: &[u8]) -> Option<(f64, f64, f64, f64)> {
    if width == 0 {
        return None;
    }
    let (mut left, mut top, mut right, mut bottom) = (usize::MAX, usize::MAX, 0, 0);
    for (i, pixel) in rgba.chunks_exact(4).enumerate() {
        if pixel[..3].iter().any(|&c| c < INK_THRESHOLD) {
            let (x, y) = (i % width, i / width);
            left = left.min(x);
            right = right.max(x + 1);
            top = top.min(y);
            bottom = bottom.max(y + 1);
        }
    }
    (left != usize::MAX).then_some((left as f64, top as f64, right as f64, bottom as f64))
}

/// A rectangle as seen (from the top-left, y down, after the page's rotation) in page space.
fn to_page_space(seen: (f64, f64, f64, f64), crop: Rect, rotation: u16) -> Rect {
    let (u0, v0, u1, v1) = seen;
    // Where a seen point (u from the left, v from the top) lies on the page.
    let point = |u: f64, v: f64| match rotation {
        90 => (crop.x0 + v, crop.y0 + u),
        180 => (crop.x1 - u, crop.y0 + v),
        270 => (crop.x1 - v, crop.y1 - u),
        _ => (crop.x0 + u, crop.y1 - v),
    };
    let (a, b) = (point(u0, v0), point(u1, v1));
    Rect {
        x0: a.0.min(b.0),
        y0: a.1.min(b.1),
        x1: a.0.max(b.0),
        y1: a.1.max(b.1),
    }
}

/// The known label size nearest the drawn area that holds it, centred on it and kept on the page;
/// the drawn area itself when no label size holds it.
fn widen_to_label(ink: Rect, page: Rect) -> Rect {
    let (iw, ih) = (ink.width(), ink.height());
    let best = LabelStock::ALL
        .into_iter()
        .flat_map(|stock| {
            let (w, h) = stock.size_pt();
            [(w, h), (h, w)]
        })
        .filter(|&(w, h)| iw <= w + INK_TOLERANCE_PT && ih <= h + INK_TOLERANCE_PT)
        .min_by(|a, b| {
            let area = |(w, h): (f64, f64)| (w * h - iw * ih).abs();
            area(*a).total_cmp(&area(*b))
        });
    let Some((w, h)) = best else {
        return ink;
    };
    let fit = |lo: f64, hi: f64, size: f64, page_lo: f64, page_hi: f64| {
        let centre = (lo + hi) / 2.0;
        let start = (centre - size / 2.0).min(page_hi - size).max(page_lo);
        (start, start + size)
    };
    let (x0, x1) = fit(ink.x0, ink.x1, w, page.x0, page.x1);
    let (y0, y1) = fit(ink.y0, ink.y1, h, page.y0, page.y1);
    Rect { x0, y0, x1, y1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_pages_are_their_own_box() {
        let content = crate::sandbox::label_pdf::LabelContent {
            tracking_number: "SBX1234567890".to_owned(),
            ..Default::default()
        };
        let pdf = crate::sandbox::label_pdf::render_label_pdf(&content).unwrap_or_default();
        let boxes = label_boxes(&pdf).unwrap_or_default();
        assert_eq!(boxes.len(), 1);
        assert_eq!(boxes[0].found_by, FoundBy::PageSize);
        assert_eq!(boxes[0].seen_size(), (288.0, 432.0));
    }

    #[test]
    fn drawn_area_widens_to_the_nearest_label_size_on_the_page() {
        let a4 = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 595.0,
            y1: 842.0,
        };
        // A 10x15 cm border drawn 20 pt from the top-left corner, measured one pixel wide.
        let (w, h) = LabelStock::Cm10x15.size_pt();
        let ink = Rect {
            x0: 20.0,
            y0: 842.0 - 20.0 - h - 1.0,
            x1: 20.0 + w + 1.0,
            y1: 822.0,
        };
        let label = widen_to_label(ink, a4);
        assert!((label.width() - w).abs() < 0.01 && (label.height() - h).abs() < 0.01);
        // Text only, in the corner: the smallest label around it, kept on the page.
        let text = Rect {
            x0: 0.0,
            y0: 800.0,
            x1: 200.0,
            y1: 842.0,
        };
        let label = widen_to_label(text, a4);
        assert_eq!(
            known_size(label.width(), label.height(), 0.1),
            Some(LabelStock::Cm10x10)
        );
        assert!(label.x0 >= 0.0 && label.y1 <= 842.0);
    }

    #[test]
    fn seen_pixels_map_back_to_the_page_under_each_rotation() {
        let page = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 100.0,
            y1: 200.0,
        };
        // The seen top-left 10x20 corner.
        let top_left = (0.0, 0.0, 10.0, 20.0);
        let at = |r| to_page_space(top_left, page, r);
        assert_eq!(
            at(0),
            Rect {
                x0: 0.0,
                y0: 180.0,
                x1: 10.0,
                y1: 200.0
            }
        );
        // Turned clockwise, the page's bottom-left corner is seen at the top-left.
        assert_eq!(
            at(90),
            Rect {
                x0: 0.0,
                y0: 0.0,
                x1: 20.0,
                y1: 10.0
            }
        );
        assert_eq!(
            at(180),
            Rect {
                x0: 90.0,
                y0: 0.0,
                x1: 100.0,
                y1: 20.0
            }
        );
        assert_eq!(
            at(270),
            Rect {
                x0: 80.0,
                y0: 190.0,
                x1: 100.0,
                y1: 200.0
            }
        );
    }
}
