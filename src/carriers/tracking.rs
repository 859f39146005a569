//! Where a parcel is, as a forwarder reports it: the shared shape every dialect's tracking
//! answer is read into, so History shows ECCANG's getCargoTrack and ZYL's getOrdersTrack alike.

use serde::{Deserialize, Serialize};

use crate::model::Text;

/// A shipment's tracking as one forwarder answer told it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracking {
    /// The number the forwarder was asked about.
    pub number: String,
    /// The latest status in the forwarder's own words or code (`DELIVERED`, `DF`), if it gave one.
    pub status: String,
    /// Scans, newest first.
    pub events: Vec<TrackingEvent>,
    /// Why there are no scans, when there are none: shipdesk's words, or the forwarder's own
    /// ("Order information not found") in both slots.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub message: Text,
}

/// One scan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingEvent {
    /// When, as the forwarder wrote it (its own time zone; ECCANG and ZYL date in Beijing time).
    pub time: String,
    /// Where, when said.
    pub location: String,
    /// What happened, in English and Chinese (the same words twice when only one was sent).
    pub description: Text,
    /// The forwarder's status code for this scan, when it gives one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status: String,
}

impl Tracking {
    /// Orders the scans newest first. Forwarders list them either way; the times they send are
    /// `YYYY-MM-DD HH:MM:SS` text, which sorts as time does.
    pub fn newest_first(mut self) -> Self {
        self.events.sort_by(|a, b| b.time.cmp(&a.time));
        self
    }
}
