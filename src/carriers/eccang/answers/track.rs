//! getCargoTrack's answer: tracking events for numbers.

use serde_json::Value;

use super::*;
use crate::carriers::eccang::wire::value_text;

/// One tracking event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrackEvent {
    /// `Occur_date` as sent (Beijing time unless a `Time_zone` says otherwise).
    pub time: String,
    /// `track_area`.
    pub location: String,
    /// `Comment`.
    pub description: String,
    /// `Status` code (IR, AF, DF, NO, …).
    pub status: String,
}

/// The tracking of one number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CargoTrack {
    /// `Code`: the number asked about.
    pub code: String,
    /// `Country_code`.
    pub country_code: String,
    /// `Status`: latest status code.
    pub status: String,
    /// `Time_zone` (getCargoTrackPdd), when sent.
    pub time_zone: Option<String>,
    /// `Detail`, as sent (ECCANG lists newest first).
    pub events: Vec<TrackEvent>,
}

/// A getCargoTrack answer: `Data[] {Code, Country_code, Status, Detail[] {Occur_date, Status,
/// Comment, track_area}}` (hh-exp page, carriers.md §2.3); `data` is read as well.
pub fn parse_cargo_track(response_json: &str) -> Result<Vec<CargoTrack>, CallFailure> {
    let answer = successful(response_json)?;
    let list = match answer.payload() {
        Some(Value::Array(list)) => list.as_slice(),
        Some(one @ Value::Object(_)) => std::slice::from_ref(one),
        _ => &[],
    };
    let get = |value: &Value, keys: &[&str]| {
        keys.iter()
            .find_map(|k| value.get(*k).and_then(value_text))
            .unwrap_or_default()
    };
    Ok(list
        .iter()
        .map(|entry| CargoTrack {
            code: get(entry, &["Code", "code"]),
            country_code: get(entry, &["Country_code", "country_code"]),
            status: get(entry, &["Status", "status"]),
            time_zone: Some(get(entry, &["Time_zone", "time_zone"])).filter(|z| !z.is_empty()),
            events: entry
                .get("Detail")
                .or_else(|| entry.get("detail"))
                .and_then(Value::as_array)
                .map(|details| {
                    details
                        .iter()
                        .map(|d| TrackEvent {
                            time: get(d, &["Occur_date", "occur_date"]),
                            location: get(d, &["track_area", "Track_area"]),
                            description: get(d, &["Comment", "comment"]),
                            status: get(d, &["Status", "status"]),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect())
}
