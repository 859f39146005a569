//! What a tracking number looks like, checked before one from a forwarder's answer is kept.
//!
//! Every dialect reads its tracking numbers out of text a server sent, and a server can send
//! anything there: an entity it never expanded (`&lol9;`), an HTML fragment, a sentence. Such a
//! "number" would be printed on a label, searched for in History and handed to the carrier, so
//! it is refused where the answer is read: a create answer with one is unreadable (the order may
//! or may not exist), a follow-up answer with one is a problem to ask about again.

use crate::carriers::ForwarderError;
use crate::model::Text;

/// The shortest tracking number kept. Real ones are longer (UPS 18, China Post 13, DHL 10);
/// 4 leaves room for a forwarder's own short codes.
pub const MIN_TRACKING_NUMBER_CHARS: usize = 4;
/// The longest tracking number kept (USPS IMpb numbers run to 34).
pub const MAX_TRACKING_NUMBER_CHARS: usize = 40;

/// Whether `number` has a tracking number's shape: 4 to 40 ASCII letters, digits, `-`, `_` or
/// `.`; no spaces, no markup, no entities.
pub fn is_tracking_number(number: &str) -> bool {
    (MIN_TRACKING_NUMBER_CHARS..=MAX_TRACKING_NUMBER_CHARS).contains(&number.len())
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// `number` (trimmed) when it has a tracking number's shape, else why it is not kept, with what
/// came quoted as the forwarder's words (cut short: it may be anything).
pub fn checked_tracking_number(
    number: &str,
    http_status: Option<u16>,
) -> Result<String, ForwarderError> {
    let trimmed = number.trim();
    if is_tracking_number(trimmed) {
        return Ok(trimmed.to_owned());
    }
    let shown: String = trimmed.chars().take(60).collect();
    Err(ForwarderError {
        http_status,
        forwarder_code: None,
        forwarder_message: format!("{shown:?}"),
        explanation: Text::new(
            format!(
                "The forwarder's answer holds a tracking number that cannot be one ({MIN_TRACKING_NUMBER_CHARS}-{MAX_TRACKING_NUMBER_CHARS} letters, digits, - _ or .), so it is not kept. The order may or may not exist: check before shipping again"
            ),
            format!(
                "物流商应答中的跟踪号不像跟踪号（应为 {MIN_TRACKING_NUMBER_CHARS}-{MAX_TRACKING_NUMBER_CHARS} 位字母、数字或 - _ .），未保存。无法确认订单是否存在：再次发货前请先核对"
            ),
        ),
        authentication: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_numbers_pass_and_nonsense_does_not() {
        for good in [
            "LZ251182095CN",
            "1Z999AA10123456784",
            "SBX1000000001",
            "EC20188041602884YQ",
            "9400-1000.0000_0000",
            "ABCD",
        ] {
            assert!(is_tracking_number(good), "{good}");
        }
        for bad in [
            "&lol9;",
            "LZ 2511",
            "<b>LZ1</b>",
            "ABC",
            "",
            "跟踪号123456",
            "LZ1\n",
            &"9".repeat(41),
        ] {
            assert!(!is_tracking_number(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_refused_number_is_quoted_in_the_error() {
        assert_eq!(
            checked_tracking_number(" LZ251182095CN ", None).as_deref(),
            Ok("LZ251182095CN")
        );
        let error = checked_tracking_number("&lol9;", Some(200)).expect_err("refused");
        assert_eq!(error.forwarder_message, "\"&lol9;\"");
        assert!(error.describe().en.contains("cannot be one"), "{error:?}");
        assert!(!error.authentication);
    }
}
