//! Label stocks: the sizes forwarders' labels come in and thermal printers are loaded with. A
//! fact about labels (finding the label on a page needs it), which printing reads too.

use serde::{Deserialize, Serialize};

/// PDF points per millimetre.
pub const PT_PER_MM: f64 = 72.0 / 25.4;

/// The IPP media keyword of 4x6 in label stock.
pub const MEDIA_4X6: &str = "na_index-4x6_4x6in";

/// A roll or fan-fold of labels of one size, portrait (width ≤ height).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LabelStock {
    /// 4 x 6 in (101.6 x 152.4 mm), the common shipping label.
    #[default]
    #[serde(rename = "4x6in")]
    In4x6,
    /// 10 x 15 cm, the metric shipping label.
    #[serde(rename = "10x15cm")]
    Cm10x15,
    /// 10 x 10 cm, used by some forwarders for small parcels.
    #[serde(rename = "10x10cm")]
    Cm10x10,
}

impl LabelStock {
    /// Every stock, smallest first.
    pub const ALL: [Self; 3] = [Self::Cm10x10, Self::Cm10x15, Self::In4x6];

    /// The IPP media keyword (PWG 5101.1 self-describing name).
    pub fn media_keyword(self) -> &'static str {
        match self {
            Self::In4x6 => MEDIA_4X6,
            Self::Cm10x15 => "om_100x150mm_100x150mm",
            Self::Cm10x10 => "om_100x100mm_100x100mm",
        }
    }

    /// The stock with this IPP media keyword.
    pub fn from_media_keyword(keyword: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.media_keyword() == keyword)
    }

    /// Width and height in PDF points (portrait).
    pub fn size_pt(self) -> (f64, f64) {
        match self {
            Self::In4x6 => (288.0, 432.0),
            Self::Cm10x15 => (100.0 * PT_PER_MM, 150.0 * PT_PER_MM),
            Self::Cm10x10 => (100.0 * PT_PER_MM, 100.0 * PT_PER_MM),
        }
    }

    /// The name a packer knows it by.
    pub fn name(self) -> &'static str {
        match self {
            Self::In4x6 => "4x6 in",
            Self::Cm10x15 => "10x15 cm",
            Self::Cm10x10 => "10x10 cm",
        }
    }

    /// Parses a name as typed on the command line ("4x6", "10x15", "10x10", or a media keyword).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().to_ascii_lowercase();
        Self::from_media_keyword(&text).or(match text.trim_end_matches(['i', 'n', 'c', 'm', ' ']) {
            "4x6" => Some(Self::In4x6),
            "10x15" => Some(Self::Cm10x15),
            "10x10" => Some(Self::Cm10x10),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_keywords_round_trip() {
        for stock in LabelStock::ALL {
            assert_eq!(
                LabelStock::from_media_keyword(stock.media_keyword()),
                Some(stock)
            );
            assert_eq!(LabelStock::parse(stock.name()), Some(stock));
        }
        assert_eq!(LabelStock::parse("10x15"), Some(LabelStock::Cm10x15));
        assert_eq!(LabelStock::parse("A4"), None);
        let (w, h) = LabelStock::Cm10x15.size_pt();
        assert_eq!((w.round(), h.round()), (283.0, 425.0));
    }
}
