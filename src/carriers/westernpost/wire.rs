//! Seed 000's endpoints, request and answer, field for field.

use rust_decimal::Decimal;
use serde::ser::SerializeMap as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Path of the create call, relative to the account's base URL.
pub const CREATE_ORDER_PATH: &str = "/v1/open-api/createOrder";

/// Path of the tracking call (public Western Post API page, carriers.md §1.2).
pub const TRACKING_PATH: &str = "/v1/open-api/tracking";

/// `POST v1/open-api/createOrder` body (一票一件). Field order follows the seed's example.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateOrderRequest {
    pub ref2: String,
    pub ref3: String,
    pub reference_no: String,
    pub remark: String,
    pub sc_code: String,
    pub insurance_flag: u8,
    pub pt_code: String,
    pub real_customers: String,
    pub signature_flag: u8,
    pub site_code: String,
    #[serde(serialize_with = "json_number")]
    pub orders_length: Decimal,
    #[serde(serialize_with = "json_number")]
    pub orders_width: Decimal,
    #[serde(serialize_with = "json_number")]
    pub orders_height: Decimal,
    #[serde(serialize_with = "json_number")]
    pub orders_weight: Decimal,
    pub size_unit: String,
    pub weight_unit: String,
    /// Sent as a decimal string, as the seed's example does (`"11111.000001"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_value: Option<String>,
    #[serde(serialize_with = "recipient_block")]
    pub recipient_address: WireAddress,
    #[serde(serialize_with = "sender_block")]
    pub sender_address: WireAddress,
}

/// An address block; the recipient's keys carry the `ora` prefix, the sender's `osa`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WireAddress {
    pub city: String,
    pub company: String,
    pub country_code: String,
    pub doorplate: String,
    pub firstname: String,
    pub lastname: String,
    pub phone: String,
    pub postcode: String,
    pub state: String,
    pub street_address1: String,
    pub zipcode_zone: String,
}

impl WireAddress {
    /// Key suffixes and values, in the seed's (alphabetical) order.
    fn entries(&self) -> [(&'static str, &str); 11] {
        [
            ("City", &self.city),
            ("Company", &self.company),
            ("CountryCode", &self.country_code),
            ("Doorplate", &self.doorplate),
            ("Firstname", &self.firstname),
            ("Lastname", &self.lastname),
            ("Phone", &self.phone),
            ("Postcode", &self.postcode),
            ("State", &self.state),
            ("StreetAddress1", &self.street_address1),
            ("ZipcodeZone", &self.zipcode_zone),
        ]
    }

    fn serialize_with_prefix<S: Serializer>(
        &self,
        prefix: &str,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let entries = self.entries();
        let mut map = serializer.serialize_map(Some(entries.len()))?;
        for (suffix, value) in entries {
            map.serialize_entry(&format!("{prefix}{suffix}"), value)?;
        }
        map.end()
    }
}

/// Required address keys (without prefix), per the seed's tables.
pub const REQUIRED_ADDRESS_KEYS: [&str; 7] = [
    "CountryCode",
    "State",
    "City",
    "Postcode",
    "StreetAddress1",
    "Firstname",
    "Phone",
];

fn recipient_block<S: Serializer>(address: &WireAddress, serializer: S) -> Result<S::Ok, S::Error> {
    address.serialize_with_prefix("ora", serializer)
}

fn sender_block<S: Serializer>(address: &WireAddress, serializer: S) -> Result<S::Ok, S::Error> {
    address.serialize_with_prefix("osa", serializer)
}

/// A BigDecimal field as a JSON number with exactly the decimal's digits: whole numbers as
/// integers (`39`), others as their decimal text (`22.04`), never through a float.
fn json_number<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    let value = value.normalize();
    if value.fract().is_zero()
        && let Ok(whole) = i64::try_from(value)
    {
        return serializer.serialize_i64(whole);
    }
    rust_decimal::serde::arbitrary_precision::serialize(&value, serializer)
}

/// The answer envelope `{code, success, msg, data, error}`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Envelope {
    /// Business code: 200 success, 500 refusal (e.g. duplicate reference), 401 authentication.
    #[serde(deserialize_with = "lenient_code")]
    pub code: Option<i64>,
    pub success: Option<bool>,
    pub msg: Option<String>,
    /// An object on success, `{}` on refusal and `""` on authentication failure.
    pub data: serde_json::Value,
    /// `""`, `null` or a message.
    pub error: serde_json::Value,
}

/// `data` of a successful create.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CreatedData {
    pub tracking_number: Option<String>,
    pub label_file: Option<String>,
    pub label_format: Option<String>,
}

/// Accepts `200`, `"200"` or nothing.
fn lenient_code<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(match value {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}
