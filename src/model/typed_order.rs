//! What the packer is typing, kept as text (a half-typed "12." is not a number yet), and its
//! conversion into a [`Shipment`] with a message at every field that is not right.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::numbers::{NumberError, Quantity, parse_exact, quoted};
use crate::model::text_rules::{clean_line, half_width};
use crate::model::{
    Address, CustomsItem, LengthUnit, Parcel, Shipment, ShipmentOptions, ValidationIssue,
    WeightUnit,
};

/// One parcel row as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParcelRow {
    pub length: String,
    pub width: String,
    pub height: String,
    pub dimension_unit: LengthUnit,
    pub weight: String,
    pub weight_unit: WeightUnit,
    pub box_number: String,
}

impl Default for ParcelRow {
    fn default() -> Self {
        Self {
            length: String::new(),
            width: String::new(),
            height: String::new(),
            dimension_unit: LengthUnit::Cm,
            weight: String::new(),
            weight_unit: WeightUnit::Kg,
            box_number: String::new(),
        }
    }
}

/// One customs line as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRow {
    pub name_en: String,
    pub name_zh: String,
    pub quantity: String,
    pub unit_value: String,
    pub currency: String,
    pub hs_code: String,
    pub sku: String,
    pub origin_country: String,
    pub box_number: String,
}

impl Default for ItemRow {
    fn default() -> Self {
        Self {
            name_en: String::new(),
            name_zh: String::new(),
            quantity: "1".to_owned(),
            unit_value: String::new(),
            currency: "USD".to_owned(),
            hs_code: String::new(),
            sku: String::new(),
            origin_country: "CN".to_owned(),
            box_number: String::new(),
        }
    }
}

/// The whole ship form; saved as the draft while it is typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TypedOrder {
    pub account: String,
    pub service_code: String,
    pub reference: String,
    pub sender: Address,
    pub recipient: Address,
    pub parcels: Vec<ParcelRow>,
    pub items: Vec<ItemRow>,
    pub insurance: bool,
    pub signature: bool,
    pub remark: String,
}

impl TypedOrder {
    /// A fresh form: one empty parcel, one empty item, a new reference.
    pub fn new(account: &str, sender: Address, reference: String) -> Self {
        Self {
            account: account.to_owned(),
            reference,
            sender,
            parcels: vec![ParcelRow::default()],
            items: vec![ItemRow::default()],
            ..Self::default()
        }
    }

    /// Every typed text with its path (`recipient.street1`, `parcels[0].weight`) and how it
    /// is cleaned. Item paths count the form's rows, as [`Self::to_shipment`]'s issues do.
    fn fields_mut(&mut self) -> Vec<(String, Typed, &mut String)> {
        let mut fields = vec![
            ("reference".to_owned(), Typed::Code, &mut self.reference),
            (
                "service_code".to_owned(),
                Typed::Code,
                &mut self.service_code,
            ),
            ("remark".to_owned(), Typed::Words, &mut self.remark),
        ];
        for (who, address) in [
            ("sender", &mut self.sender),
            ("recipient", &mut self.recipient),
        ] {
            let Address {
                name,
                company,
                phone,
                email,
                country_code,
                state,
                city,
                postcode,
                street1,
                street2,
                house_number,
                postcode_zone,
            } = address;
            for (field, typed, text) in [
                ("name", Typed::Words, name),
                ("company", Typed::Words, company),
                ("phone", Typed::Code, phone),
                ("email", Typed::Code, email),
                ("country_code", Typed::Code, country_code),
                ("state", Typed::Code, state),
                ("city", Typed::Words, city),
                ("postcode", Typed::Code, postcode),
                ("street1", Typed::Words, street1),
                ("street2", Typed::Words, street2),
                ("house_number", Typed::Code, house_number),
                ("postcode_zone", Typed::Code, postcode_zone),
            ] {
                fields.push((format!("{who}.{field}"), typed, text));
            }
        }
        for (i, row) in self.parcels.iter_mut().enumerate() {
            for (field, text) in [
                ("length", &mut row.length),
                ("width", &mut row.width),
                ("height", &mut row.height),
                ("weight", &mut row.weight),
                ("box_number", &mut row.box_number),
            ] {
                fields.push((format!("parcels[{i}].{field}"), Typed::Code, text));
            }
        }
        for (i, row) in self.items.iter_mut().enumerate() {
            for (field, typed, text) in [
                ("name_en", Typed::Words, &mut row.name_en),
                ("name_zh", Typed::Words, &mut row.name_zh),
                ("quantity", Typed::Code, &mut row.quantity),
                ("unit_value", Typed::Code, &mut row.unit_value),
                ("currency", Typed::Code, &mut row.currency),
                ("hs_code", Typed::Code, &mut row.hs_code),
                ("sku", Typed::Code, &mut row.sku),
                ("origin_country", Typed::Code, &mut row.origin_country),
                ("box_number", Typed::Code, &mut row.box_number),
            ] {
                fields.push((format!("items[{i}].{field}"), typed, text));
            }
        }
        fields
    }

    /// Cleans what pasting brings into the form, in place, and returns the paths it changed,
    /// so the window can say so ("cleaned line breaks in recipient.street1"): tabs and line
    /// breaks become one space (every field is one line), and in codes, numbers and phones
    /// full-width characters (`９００４８`) become ASCII. Other control characters (NUL, ESC)
    /// stay, for validation to refuse where the packer can see them.
    pub fn clean_pasted(&mut self) -> Vec<String> {
        let mut changed = Vec::new();
        for (path, typed, text) in self.fields_mut() {
            if let Some(cleaned) = typed.clean(text) {
                *text = cleaned;
                changed.push(path);
            }
        }
        changed
    }

    /// Takes a command barcode (`code`) out of whichever field it was scanned into; returns
    /// whether it was there.
    pub fn take_command(&mut self, code: &str) -> bool {
        let mut found = false;
        for (_, _, text) in self.fields_mut() {
            if text.contains(code) {
                *text = text.replace(code, "");
                found = true;
            }
        }
        found
    }

    /// The order, or the fields that could not be read as numbers. Pasted text is cleaned
    /// first, as [`Self::clean_pasted`] does (the form itself is left as typed).
    pub fn to_shipment(&self) -> Result<Shipment, Vec<ValidationIssue>> {
        let mut form = self.clone();
        form.clean_pasted();
        let (shipment, issues) = form.build();
        if issues.is_empty() {
            Ok(shipment)
        } else {
            Err(issues)
        }
    }

    /// The order from an already cleaned form, with the numbers that could not be read (as
    /// zero) or carry too many decimals.
    fn build(&self) -> (Shipment, Vec<ValidationIssue>) {
        let mut issues = Vec::new();
        let mut quantity_issues = Vec::new();
        let mut number = |field: String, text: &str, kind: Quantity| -> Decimal {
            let cleaned = text.trim().replace(',', ".");
            if cleaned.is_empty() {
                return Decimal::ZERO; // "required" is the validator's message, not a parse error.
            }
            // Exactly: what cannot be kept, or has more decimals than the field carries, is
            // said at the field, never rounded away.
            match parse_exact(&cleaned) {
                Ok(value) => {
                    issues.extend(kind.check_decimals(&field, value));
                    value
                }
                Err(NumberError::TooPrecise { .. }) => {
                    issues.push(kind.too_many_decimals(field));
                    Decimal::ZERO
                }
                Err(NumberError::TooLarge) => {
                    let shown = quoted(text.trim());
                    issues.push(ValidationIssue::new(
                        field,
                        format!("\"{shown}\" has more digits than a number can hold (29)"),
                        format!("“{shown}”位数过多（最多 29 位）"),
                    ));
                    Decimal::ZERO
                }
                Err(NumberError::NotANumber) => {
                    let shown = quoted(text.trim());
                    issues.push(ValidationIssue::new(
                        field,
                        format!("\"{shown}\" is not a number"),
                        format!("“{shown}”不是数字"),
                    ));
                    Decimal::ZERO
                }
            }
        };
        let parcels = self
            .parcels
            .iter()
            .enumerate()
            .map(|(i, row)| Parcel {
                length: number(
                    format!("parcels[{i}].length"),
                    &row.length,
                    Quantity::Length,
                ),
                width: number(format!("parcels[{i}].width"), &row.width, Quantity::Width),
                height: number(
                    format!("parcels[{i}].height"),
                    &row.height,
                    Quantity::Height,
                ),
                dimension_unit: row.dimension_unit,
                weight: number(
                    format!("parcels[{i}].weight"),
                    &row.weight,
                    Quantity::Weight,
                ),
                weight_unit: row.weight_unit,
                box_number: row.box_number.trim().to_owned(),
            })
            .collect();
        let items = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, row)| !row.is_blank())
            .map(|(i, row)| {
                let quantity = row.quantity.trim().parse::<u32>().unwrap_or_else(|_| {
                    quantity_issues.push(ValidationIssue::new(
                        format!("items[{i}].quantity"),
                        "Quantity must be a whole number",
                        "数量须为整数",
                    ));
                    0
                });
                CustomsItem {
                    name_en: row.name_en.trim().to_owned(),
                    name_zh: row.name_zh.trim().to_owned(),
                    quantity,
                    unit_value: number(
                        format!("items[{i}].unit_value"),
                        &row.unit_value,
                        Quantity::UnitValue,
                    ),
                    currency: row.currency.trim().to_uppercase(),
                    hs_code: row.hs_code.trim().to_owned(),
                    sku: row.sku.trim().to_owned(),
                    origin_country: row.origin_country.trim().to_uppercase(),
                    box_number: row.box_number.trim().to_owned(),
                }
            })
            .collect();
        let shipment = Shipment {
            reference: self.reference.trim().to_owned(),
            reference2: String::new(),
            reference3: String::new(),
            service_code: self.service_code.trim().to_owned(),
            sender: self.sender.clone(),
            recipient: self.recipient.clone(),
            parcels,
            items,
            declared_value: None,
            currency: String::new(),
            options: ShipmentOptions {
                insurance: self.insurance,
                signature: self.signature,
            },
            remark: self.remark.trim().to_owned(),
            forwarder_fields: Default::default(),
        };
        (shipment, issues)
    }

    /// The order with unreadable numbers taken as zero, so the other fields can still be checked.
    pub fn to_shipment_lenient(&self) -> Shipment {
        let mut form = self.clone();
        form.clean_pasted();
        let fix = |s: &mut String| {
            if parse_exact(&s.trim().replace(',', ".")).is_err() {
                s.clear();
            }
        };
        for row in &mut form.parcels {
            for value in [
                &mut row.length,
                &mut row.width,
                &mut row.height,
                &mut row.weight,
            ] {
                fix(value);
            }
        }
        for row in &mut form.items {
            fix(&mut row.unit_value);
            if row.quantity.trim().parse::<u32>().is_err() {
                row.quantity = "1".to_owned();
            }
        }
        // Numbers with too many decimals still parse, and stay: validation names them too.
        form.build().0
    }

    /// A form holding an earlier order (duplicate as new), under a new reference.
    pub fn from_shipment(shipment: &Shipment, account: &str, reference: String) -> Self {
        let text = |d: Decimal| d.normalize().to_string();
        Self {
            account: account.to_owned(),
            service_code: shipment.service_code.clone(),
            reference,
            sender: shipment.sender.clone(),
            recipient: shipment.recipient.clone(),
            parcels: shipment
                .parcels
                .iter()
                .map(|p| ParcelRow {
                    length: text(p.length),
                    width: text(p.width),
                    height: text(p.height),
                    dimension_unit: p.dimension_unit,
                    weight: text(p.weight),
                    weight_unit: p.weight_unit,
                    box_number: p.box_number.clone(),
                })
                .collect(),
            items: shipment
                .items
                .iter()
                .map(|i| ItemRow {
                    name_en: i.name_en.clone(),
                    name_zh: i.name_zh.clone(),
                    quantity: i.quantity.to_string(),
                    unit_value: text(i.unit_value),
                    currency: i.currency.clone(),
                    hs_code: i.hs_code.clone(),
                    sku: i.sku.clone(),
                    origin_country: i.origin_country.clone(),
                    box_number: i.box_number.clone(),
                })
                .collect(),
            insurance: shipment.options.insurance,
            signature: shipment.options.signature,
            remark: shipment.remark.clone(),
        }
    }
}

impl ItemRow {
    /// A row the packer has not started (skipped rather than reported).
    pub fn is_blank(&self) -> bool {
        self.name_en.trim().is_empty()
            && self.name_zh.trim().is_empty()
            && self.unit_value.trim().is_empty()
            && self.hs_code.trim().is_empty()
            && self.sku.trim().is_empty()
    }
}

/// How a typed field is cleaned of what pasting brings.
#[derive(Clone, Copy)]
enum Typed {
    /// Names, streets, descriptions: one line, otherwise as typed (a Japanese address may
    /// hold full-width characters on purpose).
    Words,
    /// Codes, numbers, phones, postcodes: one line, and full-width ASCII as ASCII (what an
    /// input method types for `９００４８`).
    Code,
}

impl Typed {
    /// The cleaned text, or `None` when nothing changes.
    fn clean(self, text: &str) -> Option<String> {
        let line = clean_line(text);
        let cleaned = match self {
            Self::Words => line,
            Self::Code => match half_width(&line) {
                std::borrow::Cow::Borrowed(_) => line,
                std::borrow::Cow::Owned(wide) => std::borrow::Cow::Owned(wide),
            },
        };
        (cleaned != text).then(|| cleaned.into_owned())
    }
}

/// A new reference: `SD-` + local date and time to the second + a counter, e.g. `SD-241124-153012-1`.
pub fn new_reference(counter: u32) -> String {
    format!(
        "SD-{}-{counter}",
        chrono::Local::now().format("%y%m%d-%H%M%S")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_exactly_and_bad_ones_are_tied_to_their_field() {
        let mut form = TypedOrder::new("Sandbox", Address::default(), "R1".to_owned());
        form.parcels[0] = ParcelRow {
            length: "10".to_owned(),
            width: "20,5".to_owned(),
            height: "abc".to_owned(),
            weight: "0.003".to_owned(),
            ..ParcelRow::default()
        };
        let issues = form.to_shipment().expect_err("height is not a number");
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].field, "parcels[0].height");
        form.parcels[0].height = "5".to_owned();
        let shipment = form.to_shipment().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(shipment.parcels[0].width.to_string(), "20.5");
        assert_eq!(shipment.parcels[0].weight.to_string(), "0.003");
        assert!(
            shipment.items.is_empty(),
            "the untouched item row is skipped"
        );
    }

    #[test]
    fn a_shipment_round_trips_through_the_form() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/examples/order-seed000.json"
        );
        let shipment: Shipment = std::fs::read_to_string(path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_else(|| panic!("{path}"));
        let form = TypedOrder::from_shipment(&shipment, "Sandbox", shipment.reference.clone());
        let back = form.to_shipment().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(back.parcels, shipment.parcels);
        assert_eq!(back.items[0].name_zh, "汽车音频线");
        assert_eq!(back.recipient, shipment.recipient);
    }

    /// A form that validates cleanly: seed 000's order as typed.
    fn seed_form() -> TypedOrder {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/examples/order-seed000.json"
        );
        let shipment = crate::model::read_order_file(std::path::Path::new(path))
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        TypedOrder::from_shipment(&shipment, "Sandbox", shipment.reference.clone())
    }

    fn issues_of(form: &TypedOrder) -> Vec<(String, String)> {
        form.to_shipment()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|i| (i.field, i.message.en))
            .collect()
    }

    #[test]
    fn numbers_with_more_decimals_than_the_field_carries_are_refused_not_rounded() {
        let forty = format!("1.{}1", "0".repeat(39));
        for (weight, issue) in [
            ("2.5", None),
            ("2.500", None),
            ("2,125", None),
            ("2.5001", Some("Weight has more than 3 decimals")),
            (forty.as_str(), Some("Weight has more than 3 decimals")),
            ("1e-40", Some("Weight has more than 3 decimals")),
        ] {
            let mut form = seed_form();
            form.parcels[0].weight = weight.to_owned();
            let expected: Vec<(String, String)> = issue
                .map(|m| ("parcels[0].weight".to_owned(), m.to_owned()))
                .into_iter()
                .collect();
            assert_eq!(issues_of(&form), expected, "{weight}");
        }
        let mut form = seed_form();
        form.parcels[0].length = "10.125".to_owned();
        form.items[0].unit_value = "0.0000001".to_owned();
        form.parcels[0].height = "9".repeat(40);
        let issues = form.to_shipment().err().unwrap_or_default();
        let zh: Vec<(&str, &str)> = issues
            .iter()
            .map(|i| (i.field.as_str(), i.message.zh.as_str()))
            .collect();
        assert!(
            zh.contains(&("parcels[0].length", "长最多 2 位小数")),
            "{zh:?}"
        );
        assert!(
            zh.contains(&("items[0].unit_value", "单价最多 6 位小数")),
            "{zh:?}"
        );
        assert!(
            issues.iter().any(|i| i.field == "parcels[0].height"
                && i.message
                    .en
                    .ends_with("has more digits than a number can hold (29)")),
            "{issues:?}"
        );
        // The window then checks everything else on the lenient order: nothing panics and
        // the too-precise value is still named there.
        let lenient = crate::model::validate_shipment(&form.to_shipment_lenient());
        assert!(lenient.iter().any(|i| i.field == "parcels[0].length"));
    }

    #[test]
    fn pasted_breaks_and_full_width_characters_are_cleaned_visibly() {
        let mut form = seed_form();
        form.recipient.street1 = "1215 Polk St\r\nSuite 3\n".to_owned();
        form.recipient.name = "Flynn\tRider".to_owned();
        form.recipient.postcode = "９００４８".to_owned();
        form.recipient.phone = "＋１ ３１０ ５５５ ０１４７".to_owned();
        form.parcels[0].weight = "２２．０４".to_owned();
        form.items[0].name_zh = "汽车\n音频线".to_owned();
        form.remark = "fragile\tkeep dry".to_owned();
        // Not pasted whitespace: stays, and validation refuses it where it can be seen.
        form.sender.name = "te\u{1b}st".to_owned();

        let shipment = form.to_shipment().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(shipment.recipient.street1, "1215 Polk St Suite 3");
        assert_eq!(shipment.recipient.postcode, "90048");
        assert_eq!(shipment.parcels[0].weight.to_string(), "22.04");
        assert_eq!(shipment.remark, "fragile keep dry");
        assert_eq!(
            form.recipient.postcode, "９００４８",
            "to_shipment leaves the form as typed"
        );
        let issues = crate::model::validate_shipment(&shipment);
        let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(fields, ["sender.name"], "{issues:?}");

        let changed = form.clean_pasted();
        assert_eq!(
            changed,
            [
                "remark",
                "recipient.name",
                "recipient.phone",
                "recipient.postcode",
                "recipient.street1",
                "parcels[0].weight",
                "items[0].name_zh",
            ]
        );
        assert_eq!(form.recipient.name, "Flynn Rider");
        assert_eq!(form.recipient.phone, "+1 310 555 0147");
        assert_eq!(form.items[0].name_zh, "汽车 音频线");
        assert_eq!(form.sender.name, "te\u{1b}st");
        assert!(
            form.clean_pasted().is_empty(),
            "cleaning twice changes nothing"
        );
        // Full-width text in a name is left alone (only codes and numbers are converted).
        form.recipient.company = "ＡＢＣ商店".to_owned();
        assert!(form.clean_pasted().is_empty());
    }

    #[test]
    fn odd_text_in_every_field_never_panics() {
        let long = "x\n".repeat(1 << 16);
        for value in [
            "",
            "\0",
            "\u{1b}[2J",
            "\u{200f}\u{202e}",
            "📦",
            "９００４８",
            long.as_str(),
            "\u{85}",
            "1e99999",
            "-",
        ] {
            let mut form = seed_form();
            for (_, _, text) in form.fields_mut() {
                *text = value.to_owned();
            }
            let _ = form.to_shipment();
            let _ = crate::model::validate_shipment(&form.to_shipment_lenient());
            let _ = form.clean_pasted();
        }
    }
}
