//! ISO 3166-1 countries with their English and Chinese (Simplified) names: the only country
//! codes an order may carry, and what a country picker completes from.

/// One ISO 3166-1 country (or territory with its own code).
#[derive(Debug, PartialEq, Eq)]
pub struct Country {
    /// The alpha-2 code, upper case, e.g. `US`.
    pub code: &'static str,
    /// The English name people use (not always ISO's formal one: `South Korea`, not
    /// `Korea, Republic of`; the formal names are among the aliases).
    pub name_en: &'static str,
    /// The name as commonly written in mainland China, e.g. `美国`, `中国香港`.
    pub name_zh: &'static str,
    /// Other names people type (formal, former or short names, in either language).
    pub aliases: &'static [&'static str],
}

/// The country with this alpha-2 code, in any letter case; surrounding spaces are ignored.
pub fn country(code: &str) -> Option<&'static Country> {
    let code = code.trim();
    if code.len() != 2 {
        return None;
    }
    COUNTRIES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

/// Every country, ordered by code.
pub fn all() -> &'static [Country] {
    COUNTRIES
}

/// Countries for a completion list, best match first, at most `limit`.
///
/// Matches, in this order: the code itself; an English name (or alias) starting with the
/// text; any word of an English name or alias starting with the text; a Chinese name (or
/// alias) containing the text. Letter case and Latin accents are ignored (`aland` finds
/// `Åland Islands`). Empty text lists the countries in code order.
pub fn search(text: &str, limit: usize) -> Vec<&'static Country> {
    let query = fold(text.trim());
    if query.is_empty() {
        return COUNTRIES.iter().take(limit).collect();
    }
    // Rank 0 is the best; each country keeps its best rank only.
    let mut ranked: Vec<(u8, &'static Country)> = COUNTRIES
        .iter()
        .filter_map(|country| rank(country, &query).map(|r| (r, country)))
        .collect();
    // Stable: equal ranks stay in code order, so the list does not jump while typing.
    ranked.sort_by_key(|(r, _)| *r);
    ranked.into_iter().take(limit).map(|(_, c)| c).collect()
}

/// How well `country` matches `query` (already folded), or `None`.
fn rank(country: &Country, query: &str) -> Option<u8> {
    if country.code.eq_ignore_ascii_case(query) {
        return Some(0);
    }
    let english = std::iter::once(country.name_en).chain(country.aliases.iter().copied());
    let mut best: Option<u8> = None;
    let mut better = |r: u8| best = Some(best.map_or(r, |b| b.min(r)));
    for name in english {
        let name = fold(name);
        if name.starts_with(query) {
            better(1);
        } else if name
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word.starts_with(query))
        {
            better(2);
        } else if !query.is_ascii() && name.contains(query) {
            // Chinese aliases (阿联酋) sit among the aliases too.
            better(3);
        }
    }
    if country.name_zh.contains(query) {
        better(if country.name_zh.starts_with(query) {
            1
        } else {
            3
        });
    }
    best
}

/// Lower case without the Latin accents found in country names, so `Cote` finds `Côte`.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'À'..='Å' | 'à'..='å' => 'a',
            'Ç' | 'ç' => 'c',
            'È'..='Ë' | 'è'..='ë' => 'e',
            'Ì'..='Ï' | 'ì'..='ï' => 'i',
            'Ñ' | 'ñ' => 'n',
            'Ò'..='Ö' | 'ò'..='ö' => 'o',
            'Ù'..='Ü' | 'ù'..='ü' => 'u',
            'Ý' | 'ý' | 'ÿ' => 'y',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

macro_rules! countries {
    ($( $code:literal, $en:literal, $zh:literal, [$($alias:literal),*]; )*) => {
        &[$( Country { code: $code, name_en: $en, name_zh: $zh, aliases: &[$($alias),*] } ),*]
    };
}

/// The 249 officially assigned ISO 3166-1 alpha-2 codes (the standard as of 2024), by code.
static COUNTRIES: &[Country] = countries![
    "AD", "Andorra", "安道尔", [];
    "AE", "United Arab Emirates", "阿拉伯联合酋长国", ["UAE", "Emirates", "阿联酋"];
    "AF", "Afghanistan", "阿富汗", [];
    "AG", "Antigua and Barbuda", "安提瓜和巴布达", [];
    "AI", "Anguilla", "安圭拉", [];
    "AL", "Albania", "阿尔巴尼亚", [];
    "AM", "Armenia", "亚美尼亚", [];
    "AO", "Angola", "安哥拉", [];
    "AQ", "Antarctica", "南极洲", [];
    "AR", "Argentina", "阿根廷", [];
    "AS", "American Samoa", "美属萨摩亚", [];
    "AT", "Austria", "奥地利", [];
    "AU", "Australia", "澳大利亚", ["澳洲"];
    "AW", "Aruba", "阿鲁巴", [];
    "AX", "Åland Islands", "奥兰群岛", [];
    "AZ", "Azerbaijan", "阿塞拜疆", [];
    "BA", "Bosnia and Herzegovina", "波斯尼亚和黑塞哥维那", ["波黑"];
    "BB", "Barbados", "巴巴多斯", [];
    "BD", "Bangladesh", "孟加拉国", [];
    "BE", "Belgium", "比利时", [];
    "BF", "Burkina Faso", "布基纳法索", [];
    "BG", "Bulgaria", "保加利亚", [];
    "BH", "Bahrain", "巴林", [];
    "BI", "Burundi", "布隆迪", [];
    "BJ", "Benin", "贝宁", [];
    "BL", "Saint Barthélemy", "圣巴泰勒米", ["St Barts"];
    "BM", "Bermuda", "百慕大", [];
    "BN", "Brunei", "文莱", ["Brunei Darussalam"];
    "BO", "Bolivia", "玻利维亚", ["Plurinational State of Bolivia"];
    "BQ", "Caribbean Netherlands", "荷兰加勒比区", ["Bonaire, Sint Eustatius and Saba", "Bonaire", "博奈尔"];
    "BR", "Brazil", "巴西", [];
    "BS", "Bahamas", "巴哈马", [];
    "BT", "Bhutan", "不丹", [];
    "BV", "Bouvet Island", "布韦岛", [];
    "BW", "Botswana", "博茨瓦纳", [];
    "BY", "Belarus", "白俄罗斯", [];
    "BZ", "Belize", "伯利兹", [];
    "CA", "Canada", "加拿大", [];
    "CC", "Cocos (Keeling) Islands", "科科斯（基林）群岛", [];
    "CD", "Democratic Republic of the Congo", "刚果（金）", ["Congo, Democratic Republic of the", "DR Congo", "Congo-Kinshasa", "刚果民主共和国"];
    "CF", "Central African Republic", "中非", ["中非共和国"];
    "CG", "Republic of the Congo", "刚果（布）", ["Congo", "Congo-Brazzaville", "刚果共和国"];
    "CH", "Switzerland", "瑞士", [];
    "CI", "Côte d'Ivoire", "科特迪瓦", ["Ivory Coast"];
    "CK", "Cook Islands", "库克群岛", [];
    "CL", "Chile", "智利", [];
    "CM", "Cameroon", "喀麦隆", [];
    "CN", "China", "中国", ["People's Republic of China", "PRC", "Mainland China", "中国大陆", "中华人民共和国"];
    "CO", "Colombia", "哥伦比亚", [];
    "CR", "Costa Rica", "哥斯达黎加", [];
    "CU", "Cuba", "古巴", [];
    "CV", "Cabo Verde", "佛得角", ["Cape Verde"];
    "CW", "Curaçao", "库拉索", [];
    "CX", "Christmas Island", "圣诞岛", [];
    "CY", "Cyprus", "塞浦路斯", [];
    "CZ", "Czechia", "捷克", ["Czech Republic"];
    "DE", "Germany", "德国", ["Deutschland"];
    "DJ", "Djibouti", "吉布提", [];
    "DK", "Denmark", "丹麦", [];
    "DM", "Dominica", "多米尼克", [];
    "DO", "Dominican Republic", "多米尼加", ["多米尼加共和国"];
    "DZ", "Algeria", "阿尔及利亚", [];
    "EC", "Ecuador", "厄瓜多尔", [];
    "EE", "Estonia", "爱沙尼亚", [];
    "EG", "Egypt", "埃及", [];
    "EH", "Western Sahara", "西撒哈拉", [];
    "ER", "Eritrea", "厄立特里亚", [];
    "ES", "Spain", "西班牙", ["España"];
    "ET", "Ethiopia", "埃塞俄比亚", [];
    "FI", "Finland", "芬兰", [];
    "FJ", "Fiji", "斐济", [];
    "FK", "Falkland Islands (Malvinas)", "马尔维纳斯群岛（福克兰）", ["Malvinas", "福克兰群岛"];
    "FM", "Micronesia", "密克罗尼西亚联邦", ["Federated States of Micronesia"];
    "FO", "Faroe Islands", "法罗群岛", [];
    "FR", "France", "法国", [];
    "GA", "Gabon", "加蓬", [];
    "GB", "United Kingdom", "英国", ["UK", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland"];
    "GD", "Grenada", "格林纳达", [];
    "GE", "Georgia", "格鲁吉亚", [];
    "GF", "French Guiana", "法属圭亚那", [];
    "GG", "Guernsey", "根西", [];
    "GH", "Ghana", "加纳", [];
    "GI", "Gibraltar", "直布罗陀", [];
    "GL", "Greenland", "格陵兰", [];
    "GM", "Gambia", "冈比亚", [];
    "GN", "Guinea", "几内亚", [];
    "GP", "Guadeloupe", "瓜德罗普", [];
    "GQ", "Equatorial Guinea", "赤道几内亚", [];
    "GR", "Greece", "希腊", [];
    "GS", "South Georgia and the South Sandwich Islands", "南乔治亚岛和南桑威奇群岛", [];
    "GT", "Guatemala", "危地马拉", [];
    "GU", "Guam", "关岛", [];
    "GW", "Guinea-Bissau", "几内亚比绍", [];
    "GY", "Guyana", "圭亚那", [];
    "HK", "Hong Kong", "中国香港", ["Hong Kong SAR", "香港"];
    "HM", "Heard Island and McDonald Islands", "赫德岛和麦克唐纳群岛", [];
    "HN", "Honduras", "洪都拉斯", [];
    "HR", "Croatia", "克罗地亚", [];
    "HT", "Haiti", "海地", [];
    "HU", "Hungary", "匈牙利", [];
    "ID", "Indonesia", "印度尼西亚", ["印尼"];
    "IE", "Ireland", "爱尔兰", ["Eire"];
    "IL", "Israel", "以色列", [];
    "IM", "Isle of Man", "马恩岛", [];
    "IN", "India", "印度", [];
    "IO", "British Indian Ocean Territory", "英属印度洋领地", [];
    "IQ", "Iraq", "伊拉克", [];
    "IR", "Iran", "伊朗", ["Islamic Republic of Iran"];
    "IS", "Iceland", "冰岛", [];
    "IT", "Italy", "意大利", ["Italia"];
    "JE", "Jersey", "泽西", [];
    "JM", "Jamaica", "牙买加", [];
    "JO", "Jordan", "约旦", [];
    "JP", "Japan", "日本", [];
    "KE", "Kenya", "肯尼亚", [];
    "KG", "Kyrgyzstan", "吉尔吉斯斯坦", [];
    "KH", "Cambodia", "柬埔寨", [];
    "KI", "Kiribati", "基里巴斯", [];
    "KM", "Comoros", "科摩罗", [];
    "KN", "Saint Kitts and Nevis", "圣基茨和尼维斯", ["St Kitts and Nevis"];
    "KP", "North Korea", "朝鲜", ["Korea, Democratic People's Republic of", "DPRK"];
    "KR", "South Korea", "韩国", ["Korea, Republic of", "Korea"];
    "KW", "Kuwait", "科威特", [];
    "KY", "Cayman Islands", "开曼群岛", [];
    "KZ", "Kazakhstan", "哈萨克斯坦", [];
    "LA", "Laos", "老挝", ["Lao People's Democratic Republic"];
    "LB", "Lebanon", "黎巴嫩", [];
    "LC", "Saint Lucia", "圣卢西亚", ["St Lucia"];
    "LI", "Liechtenstein", "列支敦士登", [];
    "LK", "Sri Lanka", "斯里兰卡", [];
    "LR", "Liberia", "利比里亚", [];
    "LS", "Lesotho", "莱索托", [];
    "LT", "Lithuania", "立陶宛", [];
    "LU", "Luxembourg", "卢森堡", [];
    "LV", "Latvia", "拉脱维亚", [];
    "LY", "Libya", "利比亚", [];
    "MA", "Morocco", "摩洛哥", [];
    "MC", "Monaco", "摩纳哥", [];
    "MD", "Moldova", "摩尔多瓦", ["Republic of Moldova"];
    "ME", "Montenegro", "黑山", [];
    "MF", "Saint Martin (French part)", "法属圣马丁", ["St Martin"];
    "MG", "Madagascar", "马达加斯加", [];
    "MH", "Marshall Islands", "马绍尔群岛", [];
    "MK", "North Macedonia", "北马其顿", ["Macedonia"];
    "ML", "Mali", "马里", [];
    "MM", "Myanmar", "缅甸", ["Burma"];
    "MN", "Mongolia", "蒙古", ["蒙古国"];
    "MO", "Macao", "中国澳门", ["Macau", "Macao SAR", "澳门"];
    "MP", "Northern Mariana Islands", "北马里亚纳群岛", [];
    "MQ", "Martinique", "马提尼克", [];
    "MR", "Mauritania", "毛里塔尼亚", [];
    "MS", "Montserrat", "蒙特塞拉特", [];
    "MT", "Malta", "马耳他", [];
    "MU", "Mauritius", "毛里求斯", [];
    "MV", "Maldives", "马尔代夫", [];
    "MW", "Malawi", "马拉维", [];
    "MX", "Mexico", "墨西哥", ["México"];
    "MY", "Malaysia", "马来西亚", [];
    "MZ", "Mozambique", "莫桑比克", [];
    "NA", "Namibia", "纳米比亚", [];
    "NC", "New Caledonia", "新喀里多尼亚", [];
    "NE", "Niger", "尼日尔", [];
    "NF", "Norfolk Island", "诺福克岛", [];
    "NG", "Nigeria", "尼日利亚", [];
    "NI", "Nicaragua", "尼加拉瓜", [];
    "NL", "Netherlands", "荷兰", ["Holland", "The Netherlands", "Nederland"];
    "NO", "Norway", "挪威", [];
    "NP", "Nepal", "尼泊尔", [];
    "NR", "Nauru", "瑙鲁", [];
    "NU", "Niue", "纽埃", [];
    "NZ", "New Zealand", "新西兰", [];
    "OM", "Oman", "阿曼", [];
    "PA", "Panama", "巴拿马", [];
    "PE", "Peru", "秘鲁", [];
    "PF", "French Polynesia", "法属波利尼西亚", [];
    "PG", "Papua New Guinea", "巴布亚新几内亚", [];
    "PH", "Philippines", "菲律宾", [];
    "PK", "Pakistan", "巴基斯坦", [];
    "PL", "Poland", "波兰", ["Polska"];
    "PM", "Saint Pierre and Miquelon", "圣皮埃尔和密克隆", [];
    "PN", "Pitcairn", "皮特凯恩群岛", ["Pitcairn Islands"];
    "PR", "Puerto Rico", "波多黎各", [];
    "PS", "Palestine", "巴勒斯坦", ["State of Palestine"];
    "PT", "Portugal", "葡萄牙", [];
    "PW", "Palau", "帕劳", [];
    "PY", "Paraguay", "巴拉圭", [];
    "QA", "Qatar", "卡塔尔", [];
    "RE", "Réunion", "留尼汪", [];
    "RO", "Romania", "罗马尼亚", [];
    "RS", "Serbia", "塞尔维亚", [];
    "RU", "Russia", "俄罗斯", ["Russian Federation"];
    "RW", "Rwanda", "卢旺达", [];
    "SA", "Saudi Arabia", "沙特阿拉伯", ["沙特"];
    "SB", "Solomon Islands", "所罗门群岛", [];
    "SC", "Seychelles", "塞舌尔", [];
    "SD", "Sudan", "苏丹", [];
    "SE", "Sweden", "瑞典", [];
    "SG", "Singapore", "新加坡", [];
    "SH", "Saint Helena, Ascension and Tristan da Cunha", "圣赫勒拿、阿森松和特里斯坦-达库尼亚", ["St Helena"];
    "SI", "Slovenia", "斯洛文尼亚", [];
    "SJ", "Svalbard and Jan Mayen", "斯瓦尔巴和扬马延", [];
    "SK", "Slovakia", "斯洛伐克", [];
    "SL", "Sierra Leone", "塞拉利昂", [];
    "SM", "San Marino", "圣马力诺", [];
    "SN", "Senegal", "塞内加尔", [];
    "SO", "Somalia", "索马里", [];
    "SR", "Suriname", "苏里南", [];
    "SS", "South Sudan", "南苏丹", [];
    "ST", "Sao Tome and Principe", "圣多美和普林西比", [];
    "SV", "El Salvador", "萨尔瓦多", [];
    "SX", "Sint Maarten (Dutch part)", "荷属圣马丁", [];
    "SY", "Syria", "叙利亚", ["Syrian Arab Republic"];
    "SZ", "Eswatini", "斯威士兰", ["Swaziland", "埃斯瓦蒂尼"];
    "TC", "Turks and Caicos Islands", "特克斯和凯科斯群岛", [];
    "TD", "Chad", "乍得", [];
    "TF", "French Southern Territories", "法属南部领地", [];
    "TG", "Togo", "多哥", [];
    "TH", "Thailand", "泰国", [];
    "TJ", "Tajikistan", "塔吉克斯坦", [];
    "TK", "Tokelau", "托克劳", [];
    "TL", "Timor-Leste", "东帝汶", ["East Timor"];
    "TM", "Turkmenistan", "土库曼斯坦", [];
    "TN", "Tunisia", "突尼斯", [];
    "TO", "Tonga", "汤加", [];
    "TR", "Türkiye", "土耳其", ["Turkey"];
    "TT", "Trinidad and Tobago", "特立尼达和多巴哥", [];
    "TV", "Tuvalu", "图瓦卢", [];
    "TW", "Taiwan", "中国台湾", ["台湾"];
    "TZ", "Tanzania", "坦桑尼亚", ["United Republic of Tanzania"];
    "UA", "Ukraine", "乌克兰", [];
    "UG", "Uganda", "乌干达", [];
    "UM", "United States Minor Outlying Islands", "美国本土外小岛屿", [];
    "US", "United States", "美国", ["USA", "United States of America", "America"];
    "UY", "Uruguay", "乌拉圭", [];
    "UZ", "Uzbekistan", "乌兹别克斯坦", [];
    "VA", "Vatican City", "梵蒂冈", ["Holy See"];
    "VC", "Saint Vincent and the Grenadines", "圣文森特和格林纳丁斯", ["St Vincent"];
    "VE", "Venezuela", "委内瑞拉", ["Bolivarian Republic of Venezuela"];
    "VG", "British Virgin Islands", "英属维尔京群岛", ["Virgin Islands (British)"];
    "VI", "U.S. Virgin Islands", "美属维尔京群岛", ["Virgin Islands (U.S.)", "US Virgin Islands"];
    "VN", "Vietnam", "越南", ["Viet Nam"];
    "VU", "Vanuatu", "瓦努阿图", [];
    "WF", "Wallis and Futuna", "瓦利斯和富图纳", [];
    "WS", "Samoa", "萨摩亚", [];
    "YE", "Yemen", "也门", [];
    "YT", "Mayotte", "马约特", [];
    "ZA", "South Africa", "南非", [];
    "ZM", "Zambia", "赞比亚", [];
    "ZW", "Zimbabwe", "津巴布韦", [];
];

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(found: &[&Country]) -> Vec<&'static str> {
        found.iter().map(|c| c.code).collect()
    }

    #[test]
    fn the_table_is_the_whole_standard_in_code_order() {
        assert_eq!(COUNTRIES.len(), 249);
        assert!(COUNTRIES.windows(2).all(|w| w[0].code < w[1].code));
        for c in COUNTRIES {
            assert!(
                c.code.len() == 2 && c.code.chars().all(|ch| ch.is_ascii_uppercase()),
                "{}",
                c.code
            );
            assert!(!c.name_en.is_empty() && !c.name_zh.is_empty(), "{}", c.code);
            assert!(
                c.name_zh.chars().all(|ch| !ch.is_ascii_alphabetic()),
                "{}",
                c.code
            );
        }
    }

    #[test]
    fn codes_are_found_in_any_case_and_unassigned_ones_are_not() {
        let found = |code| country(code).map(|c| (c.name_en, c.name_zh));
        assert_eq!(found("US"), Some(("United States", "美国")));
        assert_eq!(found("gb"), Some(("United Kingdom", "英国")));
        assert_eq!(found(" De "), Some(("Germany", "德国")));
        assert_eq!(found("HK"), Some(("Hong Kong", "中国香港")));
        assert_eq!(found("TW"), Some(("Taiwan", "中国台湾")));
        assert_eq!(found("MO"), Some(("Macao", "中国澳门")));
        // Not assigned, user-assigned, exceptionally reserved, or not two letters.
        for code in [
            "ZZ", "XK", "UK", "EU", "EL", "", "U", "USA", "元", "ＵＳ", "U\0",
        ] {
            assert_eq!(country(code), None, "{code:?}");
        }
    }

    #[test]
    fn search_completes_codes_names_words_and_chinese() {
        assert_eq!(codes(&search("us", 3))[0], "US");
        assert_eq!(codes(&search("ger", 5)), ["DE"]);
        assert_eq!(codes(&search("Kingdom", 5)), ["GB"]);
        assert_eq!(codes(&search("korea", 5)), ["KP", "KR"]);
        assert_eq!(codes(&search("aland", 5)), ["AX"]);
        assert_eq!(codes(&search("cote", 5)), ["CI"]);
        assert_eq!(codes(&search("uk", 2))[0], "GB");
        assert_eq!(codes(&search("德", 5)), ["DE", "GP", "HM"]);
        assert_eq!(codes(&search("香港", 5)), ["HK"]);
        assert_eq!(codes(&search("中国", 9)), ["CN", "HK", "MO", "TW"]);
        assert_eq!(codes(&search("阿联酋", 5)), ["AE"]);
        assert_eq!(search("", 10).len(), 10);
        assert_eq!(search("united", 2).len(), 2);
        assert!(search("qqqq", 10).is_empty());
    }

    #[test]
    fn odd_text_never_panics() {
        let long = "a".repeat(1 << 20);
        for text in [
            "\0",
            "\u{1b}[31m",
            "\u{200f}\u{202e}",
            "📦",
            "９００４８",
            long.as_str(),
            "ǅ",
            "İ",
        ] {
            let _ = country(text);
            let _ = search(text, 5);
        }
        assert!(search("x", 0).is_empty());
    }
}
