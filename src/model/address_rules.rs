//! The shapes of postcodes, state codes and phone numbers for the common destinations, and
//! the sentence that says what was expected.
//!
//! Written by hand rather than with regular expressions: the shapes are short fixed templates
//! (`#####-####`), which a ten-line matcher reads as clearly as a regex, without a dependency.

use super::Text;

/// Template characters: `#` a digit, `@` a letter, `*` a letter or a digit; anything else
/// stands for itself (a space, a hyphen, `LV-`).
fn fits(template: &str, text: &str) -> bool {
    template.len() == text.len()
        && template.bytes().zip(text.bytes()).all(|(t, c)| match t {
            b'#' => c.is_ascii_digit(),
            b'@' => c.is_ascii_uppercase(),
            b'*' => c.is_ascii_uppercase() || c.is_ascii_digit(),
            literal => literal == c,
        })
}

/// One country's postcode shape.
struct PostcodeRule {
    country: &'static str,
    /// Accepted templates (see [`fits`]), against the upper-cased, trimmed text.
    templates: &'static [&'static str],
    /// The shape in words, finishing the sentence "… postcode is …".
    shape_en: &'static str,
    /// The same in Chinese, finishing "…邮编为…".
    shape_zh: &'static str,
}

/// Postcode shapes: the common destinations and the whole EU (national postal formats; the
/// separator is optional where people commonly leave it out).
static POSTCODES: &[PostcodeRule] = &[
    rule(
        "AT",
        &["####"],
        "4 digits, such as 1010",
        "4 位数字，如 1010",
    ),
    rule(
        "AU",
        &["####"],
        "4 digits, such as 2007",
        "4 位数字，如 2007",
    ),
    rule(
        "BE",
        &["####"],
        "4 digits, such as 1000",
        "4 位数字，如 1000",
    ),
    rule(
        "BG",
        &["####"],
        "4 digits, such as 1000",
        "4 位数字，如 1000",
    ),
    rule(
        "CA",
        &["@#@ #@#", "@#@#@#"],
        "letter digit letter, digit letter digit, such as K1A 0B1",
        "字母数字字母 数字字母数字，如 K1A 0B1",
    ),
    rule(
        "CN",
        &["######"],
        "6 digits, such as 518000",
        "6 位数字，如 518000",
    ),
    rule(
        "CY",
        &["####"],
        "4 digits, such as 1010",
        "4 位数字，如 1010",
    ),
    rule(
        "CZ",
        &["### ##", "#####"],
        "3+2 digits, such as 110 00",
        "3+2 位数字，如 110 00",
    ),
    rule(
        "DE",
        &["#####"],
        "5 digits, such as 10115",
        "5 位数字，如 10115",
    ),
    rule(
        "DK",
        &["####"],
        "4 digits, such as 1050",
        "4 位数字，如 1050",
    ),
    rule(
        "EE",
        &["#####"],
        "5 digits, such as 10111",
        "5 位数字，如 10111",
    ),
    rule(
        "ES",
        &["#####"],
        "5 digits, such as 28013",
        "5 位数字，如 28013",
    ),
    rule(
        "FI",
        &["#####"],
        "5 digits, such as 00100",
        "5 位数字，如 00100",
    ),
    rule(
        "FR",
        &["#####"],
        "5 digits, such as 75008",
        "5 位数字，如 75008",
    ),
    rule(
        "GB",
        &[
            "@# #@@", "@## #@@", "@@# #@@", "@@## #@@", "@#@ #@@", "@@#@ #@@", "@##@@", "@###@@",
            "@@##@@", "@@###@@", "@#@#@@", "@@#@#@@",
        ],
        "an outward and an inward code, such as SW1A 1AA or M1 1AE",
        "前后两段（外向码 + 内向码），如 SW1A 1AA 或 M1 1AE",
    ),
    rule(
        "GR",
        &["### ##", "#####"],
        "3+2 digits, such as 105 57",
        "3+2 位数字，如 105 57",
    ),
    rule(
        "HR",
        &["#####"],
        "5 digits, such as 10000",
        "5 位数字，如 10000",
    ),
    rule(
        "HU",
        &["####"],
        "4 digits, such as 1051",
        "4 位数字，如 1051",
    ),
    rule(
        "IE",
        &["@## ****", "@##****", "D6W ****", "D6W****"],
        "an Eircode: 3 + 4 characters, such as A65 F4E2",
        "Eircode：3 + 4 位字符，如 A65 F4E2",
    ),
    rule(
        "IT",
        &["#####"],
        "5 digits, such as 00184",
        "5 位数字，如 00184",
    ),
    rule(
        "JP",
        &["###-####", "#######"],
        "3+4 digits, such as 100-0001",
        "3+4 位数字，如 100-0001",
    ),
    rule(
        "LT",
        &["LT-#####", "#####"],
        "LT- and 5 digits, such as LT-01100",
        "LT- 加 5 位数字，如 LT-01100",
    ),
    rule(
        "LU",
        &["####", "L-####"],
        "4 digits, such as 1009",
        "4 位数字，如 1009",
    ),
    rule(
        "LV",
        &["LV-####", "####"],
        "LV- and 4 digits, such as LV-1050",
        "LV- 加 4 位数字，如 LV-1050",
    ),
    rule(
        "MT",
        &["@@@ ####", "@@@####"],
        "3 letters and 4 digits, such as VLT 1117",
        "3 个字母加 4 位数字，如 VLT 1117",
    ),
    rule(
        "NL",
        &["#### @@", "####@@"],
        "4 digits and 2 letters, such as 1012 AB",
        "4 位数字加 2 个字母，如 1012 AB",
    ),
    // The hyphen is often left out (seed 001's own example is 32020).
    rule(
        "PL",
        &["##-###", "#####"],
        "2+3 digits, such as 00-950",
        "2+3 位数字，如 00-950",
    ),
    rule(
        "PT",
        &["####-###"],
        "4+3 digits, such as 1000-001",
        "4+3 位数字，如 1000-001",
    ),
    rule(
        "RO",
        &["######"],
        "6 digits, such as 010011",
        "6 位数字，如 010011",
    ),
    rule(
        "SE",
        &["### ##", "#####"],
        "3+2 digits, such as 111 22",
        "3+2 位数字，如 111 22",
    ),
    rule(
        "SI",
        &["####", "SI-####"],
        "4 digits, such as 1000",
        "4 位数字，如 1000",
    ),
    rule(
        "SK",
        &["### ##", "#####"],
        "3+2 digits, such as 811 01",
        "3+2 位数字，如 811 01",
    ),
    rule(
        "US",
        &["#####", "#####-####"],
        "5 digits, or 5+4 such as 90048-1234",
        "5 位数字，或 5+4 位，如 90048-1234",
    ),
];

const fn rule(
    country: &'static str,
    templates: &'static [&'static str],
    shape_en: &'static str,
    shape_zh: &'static str,
) -> PostcodeRule {
    PostcodeRule {
        country,
        templates,
        shape_en,
        shape_zh,
    }
}

fn postcode_rule(country: &str) -> Option<&'static PostcodeRule> {
    let country = country.trim();
    POSTCODES
        .iter()
        .find(|r| r.country.eq_ignore_ascii_case(country))
}

/// What a postcode in `country` looks like ("US postcode is 5 digits, or 5+4 such as
/// 90048-1234"), or `None` where no shape is known.
pub fn postcode_shape(country: &str) -> Option<Text> {
    let rule = postcode_rule(country)?;
    let name_zh = super::countries::country(rule.country).map_or(rule.country, |c| c.name_zh);
    Some(Text::new(
        format!("{} postcode is {}", rule.country, rule.shape_en),
        format!("{name_zh}邮编为 {}", rule.shape_zh),
    ))
}

/// Whether `postcode` has `country`'s shape. `Err` says the expected shape. A country with no
/// known shape accepts anything (other rules still bound the text).
pub fn check_postcode(country: &str, postcode: &str) -> Result<(), Text> {
    let Some(rule) = postcode_rule(country) else {
        return Ok(());
    };
    let typed = postcode.trim().to_ascii_uppercase();
    if rule.templates.iter().any(|t| fits(t, &typed)) {
        Ok(())
    } else {
        Err(postcode_shape(rule.country).unwrap_or_default())
    }
}

/// A state, province or territory.
#[derive(Debug, PartialEq, Eq)]
pub struct Region {
    /// The postal abbreviation, e.g. `CA`, `ON`, `NSW`.
    pub code: &'static str,
    /// The full English name, e.g. `California`.
    pub name: &'static str,
}

const fn region(code: &'static str, name: &'static str) -> Region {
    Region { code, name }
}

/// The 50 states, DC, the territories and freely associated states USPS serves, and the
/// three military "states".
static US_STATES: &[Region] = &[
    region("AA", "Armed Forces Americas"),
    region("AE", "Armed Forces Europe"),
    region("AK", "Alaska"),
    region("AL", "Alabama"),
    region("AP", "Armed Forces Pacific"),
    region("AR", "Arkansas"),
    region("AS", "American Samoa"),
    region("AZ", "Arizona"),
    region("CA", "California"),
    region("CO", "Colorado"),
    region("CT", "Connecticut"),
    region("DC", "District of Columbia"),
    region("DE", "Delaware"),
    region("FL", "Florida"),
    region("FM", "Federated States of Micronesia"),
    region("GA", "Georgia"),
    region("GU", "Guam"),
    region("HI", "Hawaii"),
    region("IA", "Iowa"),
    region("ID", "Idaho"),
    region("IL", "Illinois"),
    region("IN", "Indiana"),
    region("KS", "Kansas"),
    region("KY", "Kentucky"),
    region("LA", "Louisiana"),
    region("MA", "Massachusetts"),
    region("MD", "Maryland"),
    region("ME", "Maine"),
    region("MH", "Marshall Islands"),
    region("MI", "Michigan"),
    region("MN", "Minnesota"),
    region("MO", "Missouri"),
    region("MP", "Northern Mariana Islands"),
    region("MS", "Mississippi"),
    region("MT", "Montana"),
    region("NC", "North Carolina"),
    region("ND", "North Dakota"),
    region("NE", "Nebraska"),
    region("NH", "New Hampshire"),
    region("NJ", "New Jersey"),
    region("NM", "New Mexico"),
    region("NV", "Nevada"),
    region("NY", "New York"),
    region("OH", "Ohio"),
    region("OK", "Oklahoma"),
    region("OR", "Oregon"),
    region("PA", "Pennsylvania"),
    region("PR", "Puerto Rico"),
    region("PW", "Palau"),
    region("RI", "Rhode Island"),
    region("SC", "South Carolina"),
    region("SD", "South Dakota"),
    region("TN", "Tennessee"),
    region("TX", "Texas"),
    region("UM", "U.S. Minor Outlying Islands"),
    region("UT", "Utah"),
    region("VA", "Virginia"),
    region("VI", "U.S. Virgin Islands"),
    region("VT", "Vermont"),
    region("WA", "Washington"),
    region("WI", "Wisconsin"),
    region("WV", "West Virginia"),
    region("WY", "Wyoming"),
];

/// The 10 provinces and 3 territories.
static CA_PROVINCES: &[Region] = &[
    region("AB", "Alberta"),
    region("BC", "British Columbia"),
    region("MB", "Manitoba"),
    region("NB", "New Brunswick"),
    region("NL", "Newfoundland and Labrador"),
    region("NS", "Nova Scotia"),
    region("NT", "Northwest Territories"),
    region("NU", "Nunavut"),
    region("ON", "Ontario"),
    region("PE", "Prince Edward Island"),
    region("QC", "Quebec"),
    region("SK", "Saskatchewan"),
    region("YT", "Yukon"),
];

/// The 6 states and 2 mainland territories.
static AU_STATES: &[Region] = &[
    region("ACT", "Australian Capital Territory"),
    region("NSW", "New South Wales"),
    region("NT", "Northern Territory"),
    region("QLD", "Queensland"),
    region("SA", "South Australia"),
    region("TAS", "Tasmania"),
    region("VIC", "Victoria"),
    region("WA", "Western Australia"),
];

/// The states or provinces of `country` that are checked (US, CA, AU), else an empty list.
pub fn regions(country: &str) -> &'static [Region] {
    match country.trim().to_ascii_uppercase().as_str() {
        "US" => US_STATES,
        "CA" => CA_PROVINCES,
        "AU" => AU_STATES,
        _ => &[],
    }
}

/// The region `state` names (its code or its full name, any case; `Québec` too), in a
/// country whose regions are known.
pub fn region_of(country: &str, state: &str) -> Option<&'static Region> {
    let code = state.trim();
    let name = words(state);
    if name.is_empty() {
        return None;
    }
    // Codes exactly (`N.S.W` is not `NSW`: forwarders want the code as is); names loosely.
    regions(country)
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code) || words(r.name) == name)
}

/// Lower case, accents off the one name that has them, single spaces, no dots: so `new  york`,
/// `US Virgin Islands` and `Quebec` match the listed names.
fn words(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| *c != '.')
        .map(|c| if c == 'é' || c == 'É' { 'e' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// Whether `state` is a state or province of `country` (code or full name). `Err` says what
/// is expected. Countries whose regions are not listed accept any text.
pub fn check_state(country: &str, state: &str) -> Result<(), Text> {
    let country = country.trim().to_ascii_uppercase();
    if regions(&country).is_empty() || region_of(&country, state).is_some() {
        return Ok(());
    }
    let (en, zh) = match country.as_str() {
        "US" => (
            "not a US state: use the 2-letter code such as CA, or the full name",
            "不是美国的州：请填两位代码（如 CA）或全称",
        ),
        "CA" => (
            "not a Canadian province or territory: use the 2-letter code such as ON, or the full name",
            "不是加拿大的省或地区：请填两位代码（如 ON）或全称",
        ),
        _ => (
            "not an Australian state or territory: use the code such as NSW, or the full name",
            "不是澳大利亚的州或领地：请填代码（如 NSW）或全称",
        ),
    };
    Err(Text::new(en, zh))
}

/// Fewest and most digits a phone number may have (a short local number to a full
/// international one with a long trunk prefix).
pub const PHONE_DIGITS: std::ops::RangeInclusive<usize> = 6..=20;

/// The digits of a phone number once the separators people type are removed (spaces, dashes,
/// dots, brackets, a leading `+`), or `None` if anything else is left.
pub fn phone_digits(phone: &str) -> Option<String> {
    let phone = phone.trim();
    let phone = phone.strip_prefix('+').unwrap_or(phone);
    let mut digits = String::new();
    for c in phone.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => return None,
        }
    }
    Some(digits)
}

/// Whether `phone` is digits (with the usual separators) and 6 to 20 of them. `Err` says
/// plainly what is wrong, finishing "Recipient phone …" / "收件人电话…".
pub fn check_phone(phone: &str) -> Result<(), Text> {
    let Some(digits) = phone_digits(phone) else {
        let full_width = phone.chars().any(|c| ('０'..='９').contains(&c));
        let hint = if full_width {
            (" (type half-width digits 0-9)", "（请用半角数字 0-9）")
        } else {
            ("", "")
        };
        return Err(Text::new(
            format!(
                "may contain only digits, spaces, dashes, dots, brackets and a leading +{}",
                hint.0
            ),
            format!("只能包含数字、空格、横线、点、括号和开头的 +{}", hint.1),
        ));
    };
    let count = digits.len();
    if PHONE_DIGITS.contains(&count) {
        return Ok(());
    }
    let (min, max) = (PHONE_DIGITS.start(), PHONE_DIGITS.end());
    Err(Text::new(
        format!("has {count} digits; it needs {min} to {max}"),
        format!("有 {count} 位数字，应为 {min} 到 {max} 位"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every listed country: postcodes it must accept and refuse.
    #[test]
    fn postcodes_per_country() {
        let table: &[(&str, &[&str], &[&str])] = &[
            (
                "US",
                &["90048", "90048-1234", " 10001 "],
                &[
                    "9004",
                    "900481",
                    "90048-12",
                    "90048 1234",
                    "ABCDE",
                    "９００４８",
                ],
            ),
            (
                "CA",
                &["K1A 0B1", "k1a0b1", "M5V 3L9"],
                &["K1A 0B", "K1A-0B1", "123 456", "KKA 0B1"],
            ),
            ("AU", &["2007", "0800"], &["200", "20070", "NSW 2007"]),
            (
                "GB",
                &[
                    "SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB",
                    "sw1a1aa",
                ],
                &["SW1A", "1AA SW1", "SW1A 1A", "SW1A  1AA", "12345"],
            ),
            ("DE", &["10115", "01067"], &["1011", "101150", "D-10115"]),
            ("FR", &["75008"], &["7500", "75 008"]),
            (
                "JP",
                &["100-0001", "1000001"],
                &["100 0001", "10-00001", "100-001"],
            ),
            ("CN", &["518000", "200120"], &["51800", "5180000"]),
            ("AT", &["1010"], &["10100"]),
            ("BE", &["1000"], &["100"]),
            ("BG", &["1000"], &["10000"]),
            ("HR", &["10000"], &["1000"]),
            ("CY", &["1010"], &["101"]),
            ("CZ", &["110 00", "11000"], &["110-00", "1100"]),
            ("DK", &["1050"], &["DK-1050x"]),
            ("EE", &["10111"], &["1011"]),
            ("FI", &["00100"], &["0010"]),
            ("GR", &["105 57", "10557"], &["1055"]),
            ("HU", &["1051"], &["10511"]),
            (
                "IE",
                &["A65 F4E2", "D02 X285", "D6W 1234", "a65f4e2"],
                &["A65", "A6 F4E2", "65A F4E2"],
            ),
            ("IT", &["00184"], &["0018"]),
            ("LV", &["LV-1050", "1050"], &["LV1050x", "LV-105"]),
            ("LT", &["LT-01100", "01100"], &["LT-0110", "LV-01100"]),
            ("LU", &["1009", "L-1009"], &["10090"]),
            ("MT", &["VLT 1117", "VLT1117"], &["VL 1117", "1117"]),
            ("NL", &["1012 AB", "1012ab"], &["1012", "AB 1012"]),
            ("PL", &["00-950", "32020"], &["00950-1", "0-950"]),
            ("PT", &["1000-001"], &["1000", "1000001"]),
            ("RO", &["010011"], &["01001"]),
            ("SK", &["811 01", "81101"], &["8110"]),
            ("SI", &["1000", "SI-1000"], &["100"]),
            ("ES", &["28013"], &["2801"]),
            ("SE", &["111 22", "11122"], &["1112"]),
        ];
        for (country, good, bad) in table {
            for postcode in *good {
                assert_eq!(
                    check_postcode(country, postcode),
                    Ok(()),
                    "{country} {postcode:?}"
                );
            }
            for postcode in *bad {
                assert!(
                    check_postcode(country, postcode).is_err(),
                    "{country} {postcode:?}"
                );
            }
        }
        // No shape known: anything goes (other rules still bound the text).
        assert_eq!(check_postcode("HK", "whatever"), Ok(()));
        assert_eq!(check_postcode("ZZ", ""), Ok(()));
    }

    #[test]
    fn the_message_names_the_expected_shape() {
        let message = check_postcode("US", "9004").expect_err("short");
        assert_eq!(
            message.en,
            "US postcode is 5 digits, or 5+4 such as 90048-1234"
        );
        assert_eq!(message.zh, "美国邮编为 5 位数字，或 5+4 位，如 90048-1234");
        assert_eq!(
            postcode_shape("gb").map(|t| t.zh),
            Some("英国邮编为 前后两段（外向码 + 内向码），如 SW1A 1AA 或 M1 1AE".to_owned())
        );
        assert_eq!(postcode_shape("HK"), None);
    }

    #[test]
    fn states_by_code_or_name() {
        assert_eq!(US_STATES.len(), 50 + 1 + 9 + 3);
        assert_eq!(CA_PROVINCES.len(), 13);
        assert_eq!(AU_STATES.len(), 8);
        let table: &[(&str, &[&str], &[&str])] = &[
            (
                "US",
                &[
                    "CA",
                    "fl",
                    "California",
                    "new  york",
                    "District of Columbia",
                    "DC",
                    "PR",
                    "AE",
                    "U.S. Virgin Islands",
                ],
                &["Calif", "XX", "ON", "加州", "Flordia", ""],
            ),
            (
                "CA",
                &["ON", "qc", "Québec", "Quebec", "British Columbia", "YT"],
                &["CA", "Ontario Province", "QUE"],
            ),
            (
                "AU",
                &["NSW", "vic", "Western Australia", "ACT", "Tas"],
                &["NS", "Sydney", "N.S.W"],
            ),
        ];
        for (country, good, bad) in table {
            for state in *good {
                assert_eq!(check_state(country, state), Ok(()), "{country} {state:?}");
            }
            for state in *bad {
                assert!(check_state(country, state).is_err(), "{country} {state:?}");
            }
        }
        assert_eq!(region_of("us", "texas").map(|r| r.code), Some("TX"));
        assert_eq!(check_state("CN", "广东"), Ok(()));
        assert_eq!(check_state("PL", "consignee province"), Ok(()));
    }

    #[test]
    fn phones_are_digits_with_common_separators() {
        for phone in [
            "13122223333",
            "+1 (310) 555-0147",
            "951218",
            "030.1234.5678",
            "+86 138 0013 8000",
        ] {
            assert_eq!(check_phone(phone), Ok(()), "{phone:?}");
        }
        let en = |phone| check_phone(phone).err().map(|t| t.en).unwrap_or_default();
        assert_eq!(en("12345"), "has 5 digits; it needs 6 to 20");
        assert_eq!(
            en("123456789012345678901"),
            "has 21 digits; it needs 6 to 20"
        );
        assert_eq!(en("---"), "has 0 digits; it needs 6 to 20");
        for phone in [
            "1312222333x",
            "+1+2345678",
            "131 2222\t3333",
            "138-0013-800０",
            "tel 1234567",
            "１３８００１３８０００",
        ] {
            assert!(
                en(phone).starts_with("may contain only digits"),
                "{phone:?}"
            );
        }
        assert!(en("１３８００１３８０００").ends_with("(type half-width digits 0-9)"));
        assert_eq!(
            phone_digits("+1 (310) 555-0147").as_deref(),
            Some("13105550147")
        );
    }

    #[test]
    fn odd_text_never_panics() {
        let long = "9".repeat(1 << 20);
        for text in [
            "",
            "\0",
            "\u{1b}",
            "\u{200f}90048",
            "📦",
            "９００４８",
            "ÅÅÅÅÅ",
            long.as_str(),
            "İ",
        ] {
            for country in ["US", "GB", "CA", "IE", "", "元", "\0"] {
                let _ = check_postcode(country, text);
                let _ = check_state(country, text);
            }
            let _ = check_phone(text);
        }
    }
}
