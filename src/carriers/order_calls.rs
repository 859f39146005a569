//! What the calls beyond buying and tracking share between dialects: the services an account
//! may ship with (a picker instead of a typed channel code), the forwarder's own view of an
//! order (History's "Ask the forwarder"), and the answers to a re-weigh or an intercept.
//! Dialects that have such calls fill these in; the others keep the trait's defaults.

use serde::{Deserialize, Serialize};

use super::ForwarderError;
use crate::model::Text;

/// One service (channel, 渠道) an account may ship with, as the forwarder lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferedService {
    /// The code sent as the order's service (`shipping_method`).
    pub code: String,
    /// Its name: English and Chinese where the forwarder gives both, else the one it gives in
    /// both places.
    pub name: Text,
}

impl OfferedService {
    /// Whether what a packer typed finds this service: part of its code or of either name, in
    /// any case; an empty filter finds every service.
    pub fn matches(&self, typed: &str) -> bool {
        let typed = typed.trim().to_lowercase();
        typed.is_empty()
            || self.code.to_lowercase().contains(&typed)
            || self.name.en.to_lowercase().contains(&typed)
            || self.name.zh.to_lowercase().contains(&typed)
    }

    /// "CODE  name" in the language, for a list entry.
    pub fn line(&self, language: &str) -> String {
        let name = self.name.in_language(language).trim();
        if name.is_empty() {
            self.code.clone()
        } else {
            format!("{}  {name}", self.code)
        }
    }
}

/// What a forwarder answered to a services call.
#[derive(Clone, Debug, PartialEq)]
pub enum ServicesAnswer {
    /// The services, in the forwarder's order.
    Offered(Vec<OfferedService>),
    /// This host does not have this call (another name may work: the next request is tried).
    NoSuchCall(ForwarderError),
    /// Refused or unreadable.
    Failed(ForwarderError),
}

/// One field of the forwarder's own view of an order, named for people.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderField {
    /// What it is ("Status", "Charged weight (kg)").
    pub label: Text,
    /// Its value as the forwarder gave it (a status code is put in words where known).
    pub value: String,
}

/// The forwarder's own view of one order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwarderOrder {
    /// Its fields, the ones a supervisor looks for first.
    pub fields: Vec<OrderField>,
}

impl ForwarderOrder {
    /// The value of the field labelled `en` in English, if there is one.
    pub fn value(&self, en: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.label.en == en)
            .map(|f| f.value.as_str())
    }
}
