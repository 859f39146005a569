use serde::{Deserialize, Serialize};

/// A postal address with the person to hand the parcel to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    /// The person's full name as it should appear on the label.
    pub name: String,
    /// Company, if any.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub company: String,
    /// Phone number; most forwarders require one for delivery.
    pub phone: String,
    /// E-mail, if any.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// ISO 3166-1 alpha-2 country code, e.g. `US`.
    pub country_code: String,
    /// State, province or region (`FL`, `NSW`, `广东`).
    pub state: String,
    /// City or suburb.
    pub city: String,
    /// Postcode / ZIP.
    pub postcode: String,
    /// First street line.
    pub street1: String,
    /// Second street line, if any.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub street2: String,
    /// House or door number when the forwarder wants it apart from the street (门牌号).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub house_number: String,
    /// Postcode zone (邮编分区), used by some US forwarders for zone pricing.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub postcode_zone: String,
}

impl Address {
    /// The address as lines for a label or a list, skipping empty parts.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for part in [&self.name, &self.company, &self.street1, &self.street2] {
            if !part.trim().is_empty() {
                lines.push(part.trim().to_owned());
            }
        }
        let city_line = [self.city.trim(), self.state.trim(), self.postcode.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !city_line.is_empty() {
            lines.push(city_line);
        }
        if !self.country_code.trim().is_empty() {
            lines.push(self.country_code.trim().to_uppercase());
        }
        lines
    }
}
