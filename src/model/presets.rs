//! What a desk reuses between orders: named sender addresses and named box sizes.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Address, LengthUnit, WeightUnit};

/// A named sender address (a shop with two warehouses keeps one each).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SenderProfile {
    /// What the packer picks it by.
    pub name: String,
    /// The address.
    pub address: Address,
}

/// A named box the desk packs into: outside dimensions, and its usual weight when it has one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParcelPreset {
    /// What the button says.
    pub name: String,
    /// Length, in `dimension_unit`.
    pub length: Decimal,
    /// Width, in `dimension_unit`.
    pub width: Decimal,
    /// Height, in `dimension_unit`.
    pub height: Decimal,
    /// The unit of the dimensions.
    pub dimension_unit: LengthUnit,
    /// The usual packed weight, if the box always weighs about the same (else the scale says).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Decimal>,
    /// The unit of the weight.
    pub weight_unit: WeightUnit,
}

/// The boxes every desk has: Box S, M and L (outside dimensions in cm), with their Chinese
/// names.
pub const BUILT_IN_BOXES: [(&str, &str, [u32; 3]); 3] = [
    ("Box S", "小箱", [20, 15, 10]),
    ("Box M", "中箱", [30, 25, 20]),
    ("Box L", "大箱", [45, 35, 30]),
];

impl ParcelPreset {
    /// Gives `row` this box's size (the weight only when the row has none: the scale's reading
    /// wins).
    pub fn fill(&self, row: &mut super::ParcelRow) {
        row.length = self.length.normalize().to_string();
        row.width = self.width.normalize().to_string();
        row.height = self.height.normalize().to_string();
        row.dimension_unit = self.dimension_unit;
        if let Some(weight) = self.weight
            && row.weight.trim().is_empty()
        {
            row.weight = weight.normalize().to_string();
            row.weight_unit = self.weight_unit;
        }
    }

    /// The built-in box named `en` in [`BUILT_IN_BOXES`] as a preset.
    pub fn built_in(en: &str, [length, width, height]: [u32; 3]) -> Self {
        Self {
            name: en.to_owned(),
            length: Decimal::from(length),
            width: Decimal::from(width),
            height: Decimal::from(height),
            dimension_unit: LengthUnit::Cm,
            weight: None,
            weight_unit: WeightUnit::Kg,
        }
    }
}

/// The longest box name a command barcode carries as it is; a longer one goes by its place.
pub const MAX_BOX_CODE_NAME: usize = 11;

/// Every box a command barcode can name, with the name its code carries: `S`, `M`, `L` for
/// the built-in ones, then the desk's own by name (a name a barcode cannot hold, such as a
/// Chinese or a long one, by its place in the desk's list: `#2`, which moves when a box is
/// added before it, so the sheet says to print it again). `saved` is in the desk's order (by
/// name).
pub fn box_codes(saved: &[ParcelPreset]) -> Vec<(String, ParcelPreset)> {
    let built_in = BUILT_IN_BOXES.iter().map(|(en, _, size)| {
        let code = en.trim_start_matches("Box ").to_owned();
        (code, ParcelPreset::built_in(en, *size))
    });
    let own = saved.iter().enumerate().map(|(i, preset)| {
        let name = preset.name.trim();
        // Printable ASCII, and short enough that its whole code prints at a width a scanner
        // reads on the sheet (`SHIPDESK-BOX-` and 11 characters).
        let fits = !name.is_empty()
            && name.len() <= MAX_BOX_CODE_NAME
            && name.chars().all(|c| c.is_ascii_graphic() || c == ' ');
        let code = if fits {
            name.to_owned()
        } else {
            format!("#{}", i + 1)
        };
        (code, preset.clone())
    });
    built_in.chain(own).collect()
}

/// The box a command barcode's name (`M`, `Carton 3`, `#2`) stands for, in any case.
pub fn box_for_code(code: &str, saved: &[ParcelPreset]) -> Option<ParcelPreset> {
    let code = code.trim();
    box_codes(saved)
        .into_iter()
        .find(|(name, preset)| {
            name.eq_ignore_ascii_case(code) || preset.name.trim().eq_ignore_ascii_case(code)
        })
        .map(|(_, preset)| preset)
}

#[cfg(test)]
mod tests {
    use super::{ParcelPreset, box_codes, box_for_code};

    #[test]
    fn every_box_has_a_code_a_barcode_can_hold() {
        let mut carton = ParcelPreset::built_in("Carton 3", [40, 30, 30]);
        let mut chinese = carton.clone();
        chinese.name = "小号纸箱".to_owned();
        carton.weight = None;
        let mut long = carton.clone();
        long.name = "Large mailer bag".to_owned();
        let saved = [carton.clone(), chinese.clone(), long];
        let codes: Vec<String> = box_codes(&saved).into_iter().map(|(c, _)| c).collect();
        assert_eq!(codes, ["S", "M", "L", "Carton 3", "#2", "#3"]);
        assert_eq!(
            box_for_code("m", &saved).map(|p| p.name),
            Some("Box M".to_owned())
        );
        assert_eq!(box_for_code("carton 3", &saved), Some(carton));
        assert_eq!(box_for_code("#2", &saved), Some(chinese));
        assert_eq!(box_for_code("XL", &saved), None);
    }
}
