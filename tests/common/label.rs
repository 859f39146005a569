//! The sandbox's own label as a test fixture: drawn by shipdesk's label renderer
//! (`render_label_pdf`) from the content a test gives, and, for the tools that read files
//! (poppler, zbar), written to a scratch folder.

use std::path::{Path, PathBuf};

use shipdesk::sandbox::label_pdf::{LabelContent, render_label_pdf};

/// Label content for `tracking_number`, everything else the renderer's defaults.
pub fn content(tracking_number: &str) -> LabelContent {
    LabelContent {
        tracking_number: tracking_number.to_owned(),
        ..LabelContent::default()
    }
}

/// The sandbox's 4x6 label PDF for `content`.
pub fn pdf(content: &LabelContent) -> Vec<u8> {
    render_label_pdf(content).expect("the sandbox label renders")
}

/// A label PDF on disk: `label.pdf` in a scratch folder that lives as long as this does.
pub struct LabelFile {
    /// The PDF, as written.
    pub pdf: Vec<u8>,
    dir: tempfile::TempDir,
}

impl LabelFile {
    /// Writes `pdf` to `label.pdf` in a new scratch folder.
    pub fn new(pdf: Vec<u8>) -> Self {
        let dir = tempfile::tempdir().expect("scratch folder");
        std::fs::write(dir.path().join("label.pdf"), &pdf).expect("write label.pdf");
        Self { pdf, dir }
    }

    /// The sandbox's label for `content`, on disk.
    pub fn of(content: &LabelContent) -> Self {
        Self::new(pdf(content))
    }

    /// Where the PDF is.
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("label.pdf")
    }

    /// The scratch folder, for files a test makes from the label (rasters, scans).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}
