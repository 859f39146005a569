//! Puts labels on the printer's stock at 100%: one label per page of exactly the stock's size,
//! each label cut out of its page (see [`crate::labels::page_box`]), a landscape label turned to
//! portrait, centred, moved by the printer's offsets, and never scaled. Several label files become
//! one PDF, so several shipments print as one job.
//!
//! Each source page becomes a form XObject (its content and resources, clipped to the label's
//! box) drawn on a new page with a rotation and translation only, so the printer and CUPS receive
//! a page that needs no fitting.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};

use crate::labels::page_box::{LabelBox, label_boxes};
use crate::labels::{LabelStock, PT_PER_MM};
use crate::model::Text;

/// Labels larger than the stock by more than this (points, ~2 mm) are refused instead of cut.
const OVERSIZE_TOLERANCE_PT: f64 = 6.0;
/// A page's content larger than this when decompressed is refused (a damaged or hostile file).
const MAX_CONTENT_BYTES: usize = 64 << 20;

/// Where the printer puts the label relative to where it should be, corrected by moving it back.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Offset {
    /// Millimetres to the right.
    pub right_mm: f64,
    /// Millimetres down.
    pub down_mm: f64,
}

/// The labels laid out on the stock.
#[derive(Clone, Debug)]
pub struct LaidOut {
    /// One PDF, one page per label.
    pub pdf: Vec<u8>,
    /// Pages in it.
    pub pages: usize,
}

/// Why labels could not be put on the stock.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    /// The file is not a PDF that can be read.
    #[error("the label file cannot be read as a PDF ({0})")]
    Unreadable(String),
    /// The label is larger than the stock; printing it would cut it.
    #[error(
        "the label is {label_w:.0} x {label_h:.0} mm but the printer's stock is {stock}: load the right labels or change the printer's stock"
    )]
    TooBig {
        /// Label width in mm.
        label_w: f64,
        /// Label height in mm.
        label_h: f64,
        /// The stock's name.
        stock: &'static str,
    },
}

impl LayoutError {
    /// Both languages, for the window.
    pub fn describe(&self) -> Text {
        let zh = match self {
            Self::Unreadable(_) => "面单文件无法作为 PDF 读取".to_owned(),
            Self::TooBig {
                label_w,
                label_h,
                stock,
            } => format!(
                "面单为 {label_w:.0} x {label_h:.0} 毫米，打印机纸张为 {stock}：请装入正确的面单纸或修改打印机纸张设置"
            ),
        };
        Text::new(self.to_string(), zh)
    }
}

/// Lays out every page of every PDF in `labels` on `stock`, in order.
pub fn lay_out(
    labels: &[&[u8]],
    stock: LabelStock,
    offset: Offset,
) -> Result<LaidOut, LayoutError> {
    lay_out_in_order(labels, stock, offset, None)
}

/// [`lay_out`], with the laid-out pages then put in `order` (indices into every page of every
/// PDF, in turn): a packing slip drawn with the others in one document goes right after its own
/// label. An `order` that is not one of each page is ignored.
pub fn lay_out_in_order(
    labels: &[&[u8]],
    stock: LabelStock,
    offset: Offset,
    order: Option<Vec<usize>>,
) -> Result<LaidOut, LayoutError> {
    let labels: Vec<Vec<u8>> = labels.iter().map(|l| l.to_vec()).collect();
    // lopdf can panic on some damaged files; a bad label must not take the app down.
    std::panic::catch_unwind(move || lay_out_all(&labels, stock, offset, order)).unwrap_or_else(
        |_| {
            Err(LayoutError::Unreadable(
                "the PDF reader stopped on it".to_owned(),
            ))
        },
    )
}

fn lay_out_all(
    labels: &[Vec<u8>],
    stock: LabelStock,
    offset: Offset,
    order: Option<Vec<usize>>,
) -> Result<LaidOut, LayoutError> {
    let mut out = Document::with_version("1.7");
    let pages_id = out.new_object_id();
    let mut kids = Vec::new();
    for label in labels {
        let boxes = label_boxes(label).map_err(|e| LayoutError::Unreadable(e.to_string()))?;
        let mut source =
            Document::load_mem(label).map_err(|e| LayoutError::Unreadable(e.to_string()))?;
        source.renumber_objects_with(out.max_id + 1);
        let pages: Vec<ObjectId> = source.get_pages().into_values().collect();
        // The forms, built while the source's objects are still its own.
        let mut forms = Vec::new();
        for (page_id, label_box) in pages.iter().zip(&boxes) {
            forms.push((form_of(&source, *page_id, label_box)?, *label_box));
        }
        out.max_id = out.max_id.max(source.max_id);
        out.objects.append(&mut source.objects);
        for (form, label_box) in forms {
            let form_id = out.add_object(form);
            let matrix = placement(&label_box, stock, offset)?;
            let content = format!(
                "q {} cm /Label Do Q",
                matrix.map(|v| format!("{v:.4}")).join(" ")
            );
            let mut content = Stream::new(Dictionary::new(), content.into_bytes());
            content.compress().ok();
            let content_id = out.add_object(content);
            let (width, height) = stock.size_pt();
            let page = dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "MediaBox" => vec![0.into(), 0.into(), Object::Real(width as f32), Object::Real(height as f32)],
                "Resources" => dictionary! { "XObject" => dictionary! { "Label" => form_id } },
                "Contents" => content_id,
            };
            kids.push(Object::Reference(out.add_object(page)));
        }
    }
    let count = kids.len();
    if let Some(order) = order {
        let mut sorted = order.clone();
        sorted.sort_unstable();
        if sorted.into_iter().eq(0..count) {
            kids = order.into_iter().map(|i| kids[i].clone()).collect();
        }
    }
    out.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count as i64,
        }),
    );
    let catalog = out.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    out.trailer.set("Root", catalog);
    // The sources' own catalogs, page trees and pages are no longer referenced.
    out.prune_objects();
    let mut pdf = Vec::new();
    out.save_to(&mut pdf)
        .map_err(|e| LayoutError::Unreadable(e.to_string()))?;
    Ok(LaidOut { pdf, pages: count })
}

/// The page's content as a form clipped to the label's box, with the page's resources.
fn form_of(doc: &Document, page_id: ObjectId, label: &LabelBox) -> Result<Stream, LayoutError> {
    let content = doc
        .get_page_content_with_limit(page_id, MAX_CONTENT_BYTES)
        .map_err(|e| LayoutError::Unreadable(e.to_string()))?;
    let r = label.rect;
    let mut dict = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Form",
        "BBox" => vec![r.x0, r.y0, r.x1, r.y1].into_iter().map(|v| Object::Real(v as f32)).collect::<Vec<_>>(),
    };
    if let Some(resources) = inherited(doc, page_id, b"Resources") {
        dict.set("Resources", resources);
    }
    let mut form = Stream::new(dict, content);
    form.compress().ok();
    Ok(form)
}

/// A page attribute, from the page or the nearest page-tree node above it that has it.
fn inherited(doc: &Document, page_id: ObjectId, key: &[u8]) -> Option<Object> {
    let mut node = doc.get_dictionary(page_id).ok()?;
    // A page tree is shallow; the bound stops a cycle in a damaged file.
    for _ in 0..32 {
        if let Ok(value) = node.get(key) {
            return Some(value.clone());
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// The transform `[a b c d e f]` that puts the label's box on the stock: turned (the page's own
/// rotation, plus a quarter turn for a landscape label on portrait stock), centred, offset.
fn placement(label: &LabelBox, stock: LabelStock, offset: Offset) -> Result<[f64; 6], LayoutError> {
    let (stock_w, stock_h) = stock.size_pt();
    let (seen_w, seen_h) = label.seen_size();
    let landscape_on_portrait = seen_w > seen_h + 1.0 && stock_h > stock_w + 1.0;
    let turn = (label.page_rotation + if landscape_on_portrait { 90 } else { 0 }) % 360;
    let r = label.rect;
    let (w, h) = (r.width(), r.height());
    // Clockwise turns of the box [0,w]x[0,h], landing in [0,w']x[0,h'].
    let ([a, b, c, d, e, f], placed_w, placed_h) = match turn {
        90 => ([0.0, -1.0, 1.0, 0.0, 0.0, w], h, w),
        180 => ([-1.0, 0.0, 0.0, -1.0, w, h], w, h),
        270 => ([0.0, 1.0, -1.0, 0.0, h, 0.0], h, w),
        _ => ([1.0, 0.0, 0.0, 1.0, 0.0, 0.0], w, h),
    };
    if placed_w > stock_w + OVERSIZE_TOLERANCE_PT || placed_h > stock_h + OVERSIZE_TOLERANCE_PT {
        let mm = |pt: f64| pt / PT_PER_MM;
        return Err(LayoutError::TooBig {
            label_w: mm(placed_w),
            label_h: mm(placed_h),
            stock: stock.name(),
        });
    }
    // Move the box's corner to the origin first, then centre on the stock and apply the offset
    // (down on paper is -y in PDF).
    let dx = (stock_w - placed_w) / 2.0 + offset.right_mm * PT_PER_MM;
    let dy = (stock_h - placed_h) / 2.0 - offset.down_mm * PT_PER_MM;
    let e = e - a * r.x0 - c * r.y0 + dx;
    let f = f - b * r.x0 - d * r.y0 + dy;
    Ok([a, b, c, d, e, f])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::page_box::{FoundBy, Rect};

    fn label(rect: Rect, page_rotation: u16) -> LabelBox {
        LabelBox {
            rect,
            page_rotation,
            found_by: FoundBy::PageSize,
        }
    }

    fn apply(m: [f64; 6], (x, y): (f64, f64)) -> (f64, f64) {
        (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
    }

    #[test]
    fn a_4x6_page_lands_on_4x6_stock_unchanged() {
        let page = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 288.0,
            y1: 432.0,
        };
        let m = placement(&label(page, 0), LabelStock::In4x6, Offset::default());
        assert_eq!(m.ok(), Some([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]));
    }

    #[test]
    fn a_landscape_label_is_turned_a_quarter_clockwise_at_full_size() {
        let page = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 432.0,
            y1: 288.0,
        };
        let m =
            placement(&label(page, 0), LabelStock::In4x6, Offset::default()).unwrap_or_default();
        // The label's top-left corner becomes the top-right; its bottom-left the top-left.
        assert_eq!(apply(m, (0.0, 288.0)), (288.0, 432.0));
        assert_eq!(apply(m, (0.0, 0.0)), (0.0, 432.0));
        assert_eq!(apply(m, (432.0, 0.0)), (0.0, 0.0));
        // No scaling: a rotation has unit determinant.
        assert_eq!(m[0] * m[3] - m[1] * m[2], 1.0);
    }

    #[test]
    fn a_label_in_an_a4_corner_is_moved_to_the_stock_and_centred() {
        let (w, h) = LabelStock::Cm10x15.size_pt();
        let corner = Rect {
            x0: 20.0,
            y0: 842.0 - 20.0 - h,
            x1: 20.0 + w,
            y1: 822.0,
        };
        let m =
            placement(&label(corner, 0), LabelStock::In4x6, Offset::default()).unwrap_or_default();
        let (x, y) = apply(m, (corner.x0, corner.y0));
        assert!((x - (288.0 - w) / 2.0).abs() < 1e-9 && (y - (432.0 - h) / 2.0).abs() < 1e-9);
        assert_eq!((m[0], m[3]), (1.0, 1.0));
        // Offsets move it: 1 mm right, 2 mm down.
        let moved = placement(
            &label(corner, 0),
            LabelStock::In4x6,
            Offset {
                right_mm: 1.0,
                down_mm: 2.0,
            },
        )
        .unwrap_or_default();
        assert!((moved[4] - m[4] - 72.0 / 25.4).abs() < 1e-9);
        assert!((moved[5] - m[5] + 144.0 / 25.4).abs() < 1e-9);
    }

    #[test]
    fn a_label_larger_than_the_stock_is_refused_not_cut_or_shrunk() {
        let page = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 288.0,
            y1: 432.0,
        };
        let error = placement(&label(page, 0), LabelStock::Cm10x10, Offset::default())
            .expect_err("too big");
        assert!(error.describe().en.contains("102 x 152 mm"), "{error}");
        assert!(error.describe().zh.contains("10x10 cm"));
    }

    #[test]
    fn several_label_files_become_one_pdf_with_a_page_each() {
        let content = crate::sandbox::label_pdf::LabelContent {
            tracking_number: "SBX1234567890".to_owned(),
            ..Default::default()
        };
        let one = crate::sandbox::label_pdf::render_label_pdf(&content).unwrap_or_default();
        let laid =
            lay_out(&[&one, &one, &one], LabelStock::In4x6, Offset::default()).expect("laid out");
        assert_eq!(laid.pages, 3);
        let boxes = label_boxes(&laid.pdf).expect("readable");
        assert_eq!(boxes.len(), 3);
        assert!(boxes.iter().all(|b| b.seen_size() == (288.0, 432.0)));
        assert!(lay_out(&[b"not a pdf"], LabelStock::In4x6, Offset::default()).is_err());
    }
}
