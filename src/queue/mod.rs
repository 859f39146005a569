//! The order queue's pure parts: reading order files ([`import`]), profiles that map a file's
//! columns to an order's fields ([`profile`]), grouping rows into orders and locating each
//! problem at its row and column ([`mapping`]), each profile's rules per destination country
//! ([`routing`]: the account, service and box a file leaves empty), and the ship form's rules
//! shared with the form ([`check_typed`]). The queue itself is a table in the store; the engine imports into it and
//! buys from it through the one ship path.

pub mod import;
pub mod mapping;
pub mod profile;
pub mod routing;
mod rules;

pub use mapping::{Defaults, Located, MappedOrder, map_orders};
pub use profile::Profile;
pub use routing::CountryRule;
pub use rules::check_typed;

use crate::carriers::Account;

/// What an import does with an order whose reference is already queued or shipped. Chosen at
/// import; nothing is ever queued twice silently.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnDuplicate {
    /// Leave the one there, queue nothing (the default: importing a file twice is harmless).
    #[default]
    Skip,
    /// Replace the queued order (never one already bought).
    Update,
    /// Queue it under a new reference (`R-2`).
    New,
}

impl OnDuplicate {
    /// From its name on the command line.
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "skip" => Some(Self::Skip),
            "update" => Some(Self::Update),
            "new" => Some(Self::New),
            _ => None,
        }
    }
}

/// The problems of one mapped order, at their rows and columns: the form's rules with the
/// account it names (an unknown account is a problem at `account`).
pub fn problems(order: &MappedOrder, table: &import::Table, accounts: &[Account]) -> Vec<Located> {
    let account = accounts
        .iter()
        .find(|a| a.name == order.form.account.trim());
    let issues = check_typed(&order.form, account).err().unwrap_or_default();
    order.locate(table, issues)
}
