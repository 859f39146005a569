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
    /// Orders the scans newest first by their time. Forwarders list them either way, and write
    /// times as `YYYY-MM-DD HH:MM:SS`, `YYYY/MM/DD HH:MM:SS` or epoch milliseconds; when any time
    /// is in none of these, the forwarder's own order is kept rather than guessed at.
    pub fn newest_first(mut self) -> Self {
        let times: Option<Vec<i64>> = self.events.iter().map(|e| sortable_time(&e.time)).collect();
        if let Some(times) = times {
            let mut keyed: Vec<(i64, TrackingEvent)> = times.into_iter().zip(self.events).collect();
            keyed.sort_by_key(|(time, _)| std::cmp::Reverse(*time));
            self.events = keyed.into_iter().map(|(_, event)| event).collect();
        }
        self
    }
}

/// A scan time as seconds (or milliseconds / 1000) since the epoch, in the forwarder's own
/// zone (all of one answer's scans share it, so their order is right).
fn sortable_time(text: &str) -> Option<i64> {
    let text = text.trim();
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        let number: i64 = text.parse().ok()?;
        // Epoch milliseconds (13 digits) or seconds.
        return Some(if text.len() > 11 {
            number / 1000
        } else {
            number
        });
    }
    [
        "%Y-%m-%d %H:%M:%S",
        "%Y/%m/%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|format| chrono::NaiveDateTime::parse_from_str(text, format).ok())
    .map(|time| time.and_utc().timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(time: &str) -> TrackingEvent {
        TrackingEvent {
            time: time.to_owned(),
            location: String::new(),
            description: Text::new(time, time),
            status: String::new(),
        }
    }

    fn order_of(times: &[&str]) -> Vec<String> {
        Tracking {
            events: times.iter().map(|t| scan(t)).collect(),
            ..Tracking::default()
        }
        .newest_first()
        .events
        .into_iter()
        .map(|e| e.time)
        .collect()
    }

    #[test]
    fn scans_are_ordered_by_time_not_by_text() {
        // Unpadded and slashed dates sort by when they happened.
        assert_eq!(
            order_of(&["2026/1/9 08:00:00", "2026/01/10 07:00:00"]),
            ["2026/01/10 07:00:00", "2026/1/9 08:00:00"]
        );
        assert_eq!(
            order_of(&["1764000000000", "1764003600000"]),
            ["1764003600000", "1764000000000"]
        );
        // A time in no known shape: the forwarder's own order stands.
        assert_eq!(order_of(&["yesterday", "today"]), ["yesterday", "today"]);
    }
}
