use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Address, CustomsItem, Parcel, WeightUnit};

/// Extra services asked for on a shipment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShipmentOptions {
    /// Buy the forwarder's insurance.
    pub insurance: bool,
    /// Ask for a signature on delivery.
    pub signature: bool,
}

/// One order to ship: the unit a packer creates, the forwarder buys, and History lists.
///
/// This is also the order JSON format of `shipdesk ship` (README.md documents it; read it with
/// [`super::parse_order`], which names the field of any problem). Its numbers are read exactly:
/// one that a decimal cannot hold without rounding is refused, not rounded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shipment {
    /// The shop's own unique reference (客户参考号); forwarders reject a repeated one.
    pub reference: String,
    /// Second and third references printed or kept by some forwarders (e.g. SKU list, marketplace order).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference2: String,
    /// See `reference2`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference3: String,
    /// The forwarder's service / channel code (渠道), e.g. `WP_GROUND`. Empty: the account's default.
    #[serde(default)]
    pub service_code: String,
    /// Who sends it.
    pub sender: Address,
    /// Who receives it.
    pub recipient: Address,
    /// The boxes; most forwarders take one, some take several (multi-piece).
    pub parcels: Vec<Parcel>,
    /// Customs declaration lines.
    #[serde(default)]
    pub items: Vec<CustomsItem>,
    /// Declared value of the whole shipment; when absent, the items' total is used.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::numbers::exact_decimal_option"
    )]
    pub declared_value: Option<Decimal>,
    /// Currency of `declared_value` (ISO 4217). Empty: the items' currency, else USD.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub currency: String,
    /// Extra services.
    #[serde(default)]
    pub options: ShipmentOptions,
    /// Free-text note for the forwarder (备注).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub remark: String,
    /// Fields only one forwarder understands, by the names README.md lists for that forwarder
    /// (e.g. Western Post's `product_type`). Unknown names are refused at validation.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub forwarder_fields: BTreeMap<String, String>,
}

impl Shipment {
    /// Sum of all parcels' weights, in `unit`, unrounded.
    pub fn total_weight(&self, unit: WeightUnit) -> Decimal {
        self.parcels.iter().fold(Decimal::ZERO, |sum, p| {
            sum.saturating_add(p.weight_in(unit))
        })
    }

    /// The declared value: the typed one, else the items' total.
    pub fn effective_declared_value(&self) -> Option<Decimal> {
        self.declared_value.or_else(|| {
            (!self.items.is_empty()).then(|| {
                self.items
                    .iter()
                    .fold(Decimal::ZERO, |sum, i| sum.saturating_add(i.total_value()))
            })
        })
    }

    /// The currency of the declared value.
    pub fn effective_currency(&self) -> String {
        if !self.currency.trim().is_empty() {
            return self.currency.trim().to_uppercase();
        }
        self.items
            .first()
            .map(|i| i.currency.trim().to_uppercase())
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| "USD".to_owned())
    }

    /// A forwarder-specific field, or "" when absent.
    pub fn forwarder_field(&self, name: &str) -> &str {
        self.forwarder_fields
            .get(name)
            .map(String::as_str)
            .unwrap_or("")
    }
}
