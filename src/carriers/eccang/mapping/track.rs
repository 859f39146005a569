//! getCargoTrack: tracking events for numbers.

use super::*;
use crate::carriers::eccang::wire::CargoTrackParams;

/// `getCargoTrack` params. `lang` is `EN` for English, else `CN`.
pub fn build_cargo_track(
    codes: &[&str],
    kind: Option<NumberKind>,
    english: bool,
) -> CargoTrackParams {
    CargoTrackParams {
        codes: codes
            .iter()
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect(),
        number_kind: kind.map(|k| k as u8),
        lang: if english { "EN" } else { "CN" }.to_owned(),
    }
}
