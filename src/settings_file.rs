//! The desk's small JSON settings files in the data folder (`printers.json`, `scale.json`,
//! `window.json`): read with the defaults for a missing or damaged file, written atomically.

use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// `data_dir/name` read as `T`; a missing or damaged file gives `T::default()` (a desk that
/// never saved one starts from the defaults, and a half-written one is never trusted).
pub fn load<T: DeserializeOwned + Default>(data_dir: &Path, name: &str) -> T {
    std::fs::read_to_string(data_dir.join(name))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Writes `value` as `data_dir/name` atomically: a temporary file beside it, then a rename, so
/// a crash mid-write leaves the old file whole.
pub fn save<T: Serialize>(value: &T, data_dir: &Path, name: &str) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    let path = data_dir.join(name);
    let tmp = path.with_extension("json.part");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, &path)
}
