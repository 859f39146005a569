//! The forwarders shipdesk speaks, as data. Each dialect's folder describes itself in one
//! [`ForwarderDescriptor`] (`carriers::<forwarder>::DESCRIPTOR`: its names, secrets, hosts,
//! settings and its [`Forwarder`]), and [`REGISTRY`] lists them. [`ForwarderKind`]'s methods and
//! [`super::forwarder`] read the registry, so no code outside a dialect's folder names one
//! forwarder's facts. Adding a forwarder: its folder, its line here, and its stable id in
//! [`ForwarderKind`].

use serde::{Deserialize, Serialize};

use super::{Forwarder, KnownHost, SecretField, SettingField};
use super::{eccang, logssc, westernpost, zyl};
use crate::model::Text;

/// The forwarders shipdesk speaks: the stable id of each, as stored in the database. Every
/// fact about one lives in its [`ForwarderDescriptor`], found through [`REGISTRY`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ForwarderKind {
    /// Western Post (西邮物流) DMS open-api, seed 000.
    #[serde(rename = "westernpost")]
    WesternPost,
    /// ECCANG (易仓) TOMS SOAP, seed 001, on the forwarder's own host.
    #[serde(rename = "eccang")]
    Eccang,
    /// ZYL ILE OMS JSON API, seed 002.
    #[serde(rename = "zyl")]
    Zyl,
    /// logssc Shipping Solution API (LSO orders), seed 003.
    #[serde(rename = "logssc")]
    Logssc,
}

/// What one forwarder is, as data: everything the window, the command line and the engine need
/// to know about it without code of their own per forwarder.
#[derive(Clone, Copy)]
pub struct ForwarderDescriptor {
    /// Which forwarder (the registry lists them in this enum's order).
    pub kind: ForwarderKind,
    /// Stable id used on the command line and in the database (the kind's serde name).
    pub id: &'static str,
    /// Name shown to people, in English.
    pub name_en: &'static str,
    /// Name shown to people, in Chinese.
    pub name_zh: &'static str,
    /// The secrets an account needs, all kept in the OS keychain.
    pub secret_fields: &'static [SecretField],
    /// API addresses publicly known, for one-click filling (carriers.md).
    pub known_hosts: &'static [KnownHost],
    /// The forwarder's own account settings beyond the common ones.
    pub setting_fields: &'static [SettingField],
    /// The dialect itself.
    pub forwarder: &'static dyn Forwarder,
}

/// Every forwarder, in [`ForwarderKind`]'s order (checked when compiling).
pub const REGISTRY: [&ForwarderDescriptor; 4] = [
    &westernpost::DESCRIPTOR,
    &eccang::DESCRIPTOR,
    &zyl::DESCRIPTOR,
    &logssc::DESCRIPTOR,
];

// The registry is indexed by kind: entry `i` must describe the kind whose discriminant is `i`.
const _: () = {
    let mut i = 0;
    while i < REGISTRY.len() {
        assert!(
            REGISTRY[i].kind as usize == i,
            "REGISTRY must list the forwarders in ForwarderKind's order"
        );
        i += 1;
    }
};

/// The kinds of [`REGISTRY`], in order.
const fn registered_kinds() -> [ForwarderKind; REGISTRY.len()] {
    let mut kinds = [ForwarderKind::WesternPost; REGISTRY.len()];
    let mut i = 0;
    while i < REGISTRY.len() {
        kinds[i] = REGISTRY[i].kind;
        i += 1;
    }
    kinds
}

impl ForwarderKind {
    /// Every forwarder, for pickers.
    pub const ALL: [Self; REGISTRY.len()] = registered_kinds();

    /// This forwarder's descriptor.
    pub fn descriptor(self) -> &'static ForwarderDescriptor {
        REGISTRY[self as usize]
    }

    /// Stable id used on the command line and in the database.
    pub fn id(self) -> &'static str {
        self.descriptor().id
    }

    /// Parses an id.
    pub fn parse(id: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.id().eq_ignore_ascii_case(id.trim()))
    }

    /// Name shown to people.
    pub fn display_name(self) -> Text {
        let descriptor = self.descriptor();
        Text::new(descriptor.name_en, descriptor.name_zh)
    }

    /// The secrets an account of this forwarder needs, all kept in the OS keychain.
    pub fn secret_fields(self) -> &'static [SecretField] {
        self.descriptor().secret_fields
    }

    /// API addresses publicly known for this forwarder, for one-click filling (carriers.md);
    /// ECCANG runs on each forwarder's own host, so it has none.
    pub fn known_hosts(self) -> &'static [KnownHost] {
        self.descriptor().known_hosts
    }

    /// The forwarder's own settings beyond the common ones, kept in
    /// [`super::AccountSettings::fields`]; the window and `accounts add --setting key=value`
    /// show them by this list, so they need no code of their own per forwarder.
    pub fn setting_fields(self) -> &'static [SettingField] {
        self.descriptor().setting_fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_descriptor_is_its_forwarders_and_its_id_is_the_stored_name() {
        assert_eq!(ForwarderKind::ALL.len(), REGISTRY.len());
        for descriptor in REGISTRY {
            let kind = descriptor.kind;
            assert_eq!(descriptor.forwarder.kind(), kind, "{}", descriptor.id);
            let stored = serde_json::to_string(&kind).unwrap_or_default();
            assert_eq!(stored, format!("\"{}\"", descriptor.id));
            assert_eq!(
                ForwarderKind::parse(&descriptor.id.to_uppercase()),
                Some(kind)
            );
        }
    }
}
