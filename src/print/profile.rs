//! Printer profiles: how each printer at this desk is fed (stock, resolution, offsets, PDF or
//! raster), kept in `printers.json` in the data folder so the window and the command line share
//! them, and how a printer given by name or address is reached.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Offset, PrintError};
use crate::labels::LabelStock;

/// File name inside the data folder.
pub const FILE: &str = "printers.json";

/// What is sent to the printer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SendAs {
    /// The label PDF itself (laid out on the stock); the printer or CUPS renders it.
    #[default]
    Pdf,
    /// Dots decided here: the label rendered at the printer's resolution, black or white with a
    /// hard threshold (no dithering on barcodes), wrapped in a PDF every queue accepts. For
    /// printers whose own PDF rendering is poor (CJK fonts, thin bars).
    Raster,
}

/// How one printer is set up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrinterProfile {
    /// The printer: a CUPS queue name (`LABEL`) or an address (`ipp://host:631/ipp/print`).
    pub printer: String,
    /// The labels loaded.
    pub stock: LabelStock,
    /// Dots per inch (203 or 300): the raster's resolution.
    pub dpi: u16,
    /// Millimetres to move the print right (negative: left), for a printer that prints off-centre.
    pub offset_right_mm: f64,
    /// Millimetres to move the print down (negative: up).
    pub offset_down_mm: f64,
    /// PDF or raster.
    pub send_as: SendAs,
}

impl Default for PrinterProfile {
    fn default() -> Self {
        Self {
            printer: String::new(),
            stock: LabelStock::default(),
            dpi: 203,
            offset_right_mm: 0.0,
            offset_down_mm: 0.0,
            send_as: SendAs::default(),
        }
    }
}

impl PrinterProfile {
    /// The default profile for a printer.
    pub fn for_printer(printer: &str) -> Self {
        Self {
            printer: printer.trim().to_owned(),
            ..Self::default()
        }
    }

    /// The offsets as layout takes them.
    pub fn offset(&self) -> Offset {
        Offset {
            right_mm: self.offset_right_mm,
            down_mm: self.offset_down_mm,
        }
    }
}

/// Where a shipment's packing slip goes when its label is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlipsWithLabels {
    /// Not printed with the label (`shipdesk slip` still prints one when asked).
    #[default]
    Off,
    /// On the label stock, right after its label in the same job: a page of its own.
    AfterLabel,
    /// On the desk's A4 printer, several a page, in a job of their own after the labels'.
    A4,
}

/// The IPP media keyword of A4 paper.
pub const MEDIA_A4: &str = "iso_a4_210x297mm";

/// Every printer profile, and which printers this desk uses for each kind of paper.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Printers {
    /// The desk's label printer (auto-print and the window's Print go there); empty until set.
    pub desk: String,
    /// The desk's A4 printer (handover lists, packing slips on A4), a CUPS queue name or an
    /// address; empty until set, and then A4 documents have nowhere to go.
    pub a4: String,
    /// Whether and where packing slips are printed with labels.
    pub slips: SlipsWithLabels,
    /// One profile per printer.
    pub profiles: Vec<PrinterProfile>,
}

impl Printers {
    /// The saved profile of `printer`, or the default one.
    pub fn profile(&self, printer: &str) -> PrinterProfile {
        let printer = printer.trim();
        self.profiles
            .iter()
            .find(|p| p.printer == printer)
            .cloned()
            .unwrap_or_else(|| PrinterProfile::for_printer(printer))
    }

    /// The desk printer's profile, or `None` while none is set.
    pub fn desk_profile(&self) -> Option<PrinterProfile> {
        (!self.desk.trim().is_empty()).then(|| self.profile(&self.desk))
    }

    /// The A4 printer, or `None` while none is set.
    pub fn a4_printer(&self) -> Option<String> {
        let a4 = self.a4.trim();
        (!a4.is_empty()).then(|| a4.to_owned())
    }

    /// Adds or replaces `profile` (by printer).
    pub fn upsert(&mut self, profile: PrinterProfile) {
        match self
            .profiles
            .iter_mut()
            .find(|p| p.printer == profile.printer)
        {
            Some(existing) => *existing = profile,
            None => self.profiles.push(profile),
        }
    }

    /// Reads `printers.json` in `data_dir`; a missing or damaged file gives none.
    pub fn load(data_dir: &Path) -> Self {
        crate::settings_file::load(data_dir, FILE)
    }

    /// Writes `printers.json` in `data_dir` atomically (temporary file, then rename).
    pub fn save(&self, data_dir: &Path) -> std::io::Result<()> {
        crate::settings_file::save(self, data_dir, FILE)
    }
}

/// The CUPS server to ask: `CUPS_SERVER` when it is `host:port`, else `localhost:631`.
pub fn cups_server() -> String {
    std::env::var("CUPS_SERVER")
        .ok()
        .filter(|s| s.contains(':') && !s.starts_with('/'))
        .unwrap_or_else(|| "localhost:631".to_owned())
}

/// The IPP address of `printer`: an address as given, or the CUPS queue of that name (checked
/// with the CUPS server, so a typo is reported with the queues there are).
pub async fn printer_uri(printer: &str) -> Result<String, PrintError> {
    let printer = printer.trim();
    if printer.contains("://") {
        return Ok(printer.to_owned());
    }
    if printer.is_empty() || printer.contains(['/', ' ', '#']) {
        return Err(PrintError::BadAddress(printer.to_owned()));
    }
    let server = cups_server();
    let queues = super::cups_queues(&server).await?;
    if queues.iter().any(|q| q.name == printer) {
        Ok(format!("ipp://{server}/printers/{printer}"))
    } else {
        Err(PrintError::NoSuchQueue {
            queue: printer.to_owned(),
            known: queues.into_iter().map(|q| q.name).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printer_without_a_saved_profile_gets_the_defaults() {
        let mut printers = Printers::default();
        assert_eq!(printers.desk_profile(), None);
        printers.desk = "LABEL".to_owned();
        let mut profile = printers.desk_profile().unwrap_or_default();
        assert_eq!((profile.dpi, profile.stock), (203, LabelStock::In4x6));
        profile.dpi = 300;
        profile.send_as = SendAs::Raster;
        printers.upsert(profile.clone());
        printers.upsert(profile.clone());
        assert_eq!(printers.profiles.len(), 1);
        assert_eq!(printers.profile(" LABEL "), profile);
        let dir = tempfile::tempdir().expect("tmp");
        printers.save(dir.path()).expect("saved");
        assert_eq!(Printers::load(dir.path()), printers);
    }
}
