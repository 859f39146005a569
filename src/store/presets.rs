//! Sender profiles and parcel presets: small named JSON records, one table, kept by kind.

use rusqlite::params;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Doing as _, Store, StoreError, now_ms};
use crate::model::{ParcelPreset, SenderProfile};

const SENDER: &str = "sender";
const PARCEL: &str = "parcel";
const IMPORT_PROFILE: &str = "import_profile";

impl Store {
    /// Every sender profile, by name.
    pub fn sender_profiles(&self) -> Result<Vec<SenderProfile>, StoreError> {
        self.presets(SENDER)
    }

    /// Adds or replaces a sender profile (by name).
    pub fn save_sender_profile(&self, profile: &SenderProfile) -> Result<(), StoreError> {
        self.save_preset(SENDER, &profile.name, profile)
    }

    /// Removes a sender profile; removing one that is not there is not an error.
    pub fn delete_sender_profile(&self, name: &str) -> Result<(), StoreError> {
        self.delete_preset(SENDER, name)
    }

    /// Every user-defined parcel preset, by name.
    pub fn parcel_presets(&self) -> Result<Vec<ParcelPreset>, StoreError> {
        self.presets(PARCEL)
    }

    /// Adds or replaces a parcel preset (by name).
    pub fn save_parcel_preset(&self, preset: &ParcelPreset) -> Result<(), StoreError> {
        self.save_preset(PARCEL, &preset.name, preset)
    }

    /// Removes a parcel preset.
    pub fn delete_parcel_preset(&self, name: &str) -> Result<(), StoreError> {
        self.delete_preset(PARCEL, name)
    }

    /// Every saved import profile (the built-in ones are not stored), by name.
    pub fn import_profiles(&self) -> Result<Vec<crate::queue::Profile>, StoreError> {
        self.presets(IMPORT_PROFILE)
    }

    /// Adds or replaces an import profile (by name).
    pub fn save_import_profile(&self, profile: &crate::queue::Profile) -> Result<(), StoreError> {
        self.save_preset(IMPORT_PROFILE, &profile.name, profile)
    }

    fn presets<T: DeserializeOwned>(&self, kind: &str) -> Result<Vec<T>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT body_json FROM presets WHERE kind = ?1 ORDER BY name")
            .doing("reading presets")?;
        let rows = stmt
            .query_map([kind], |row| row.get::<_, String>(0))
            .doing("reading presets")?;
        let mut presets = Vec::new();
        for row in rows {
            // A record a later version wrote differently is skipped, not fatal.
            if let Ok(preset) = serde_json::from_str(&row.doing("reading presets")?) {
                presets.push(preset);
            }
        }
        Ok(presets)
    }

    fn save_preset<T: Serialize>(
        &self,
        kind: &str,
        name: &str,
        preset: &T,
    ) -> Result<(), StoreError> {
        let body = serde_json::to_string(preset).unwrap_or_else(|_| "{}".to_owned());
        self.conn
            .execute(
                "INSERT INTO presets (kind, name, body_json, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(kind, name) DO UPDATE SET body_json = ?3, updated_at = ?4",
                params![kind, name, body, now_ms()],
            )
            .doing("saving a preset")?;
        Ok(())
    }

    fn delete_preset(&self, kind: &str, name: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "DELETE FROM presets WHERE kind = ?1 AND name = ?2",
                params![kind, name],
            )
            .doing("removing a preset")?;
        Ok(())
    }
}
