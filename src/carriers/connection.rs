//! What "Test connection" may say about an answer, shared by every dialect's
//! [`crate::carriers::Forwarder::parse_connection_test`]: the credentials were accepted (the
//! dialect's own `Ok` words), they were refused ([`credentials_refused`]), or neither was said
//! clearly ([`not_confirmed`]). An answer a dialect does not recognise never reads "Connected".

use crate::carriers::ForwarderError;
use crate::model::Text;

/// How a "not confirmed" verdict starts, in English (the engine and tests look for it).
pub const NOT_CONFIRMED_EN: &str = "Not confirmed";
/// How a "not confirmed" verdict starts, in Chinese.
pub const NOT_CONFIRMED_ZH: &str = "未能确认";

/// The forwarder refused the credentials: `check_en`/`check_zh` say what to check. The
/// forwarder's own code and words stay in `error`.
pub fn credentials_refused(
    forwarder: &Text,
    mut error: ForwarderError,
    check_en: &str,
    check_zh: &str,
) -> ForwarderError {
    error.explanation = Text::new(
        format!("{} refused the credentials. {check_en}", forwarder.en),
        format!("{}拒绝了密钥。{check_zh}", forwarder.zh),
    );
    error.authentication = true;
    error
}

/// The answer neither accepted nor refused the credentials (a busy server, a page from
/// something else, a refusal the dialect does not know): "not confirmed", with what the
/// forwarder said after it. `error` keeps the forwarder's code and words; its explanation, when
/// it has one, follows ours.
pub fn not_confirmed(forwarder: &Text, mut error: ForwarderError) -> ForwarderError {
    if error.explanation.en.starts_with(NOT_CONFIRMED_EN) {
        return error;
    }
    let join = |ours: String, theirs: &str, stop: &str| {
        if theirs.trim().is_empty() {
            ours
        } else {
            format!("{ours}{stop}{theirs}")
        }
    };
    error.explanation = Text::new(
        join(
            format!(
                "{NOT_CONFIRMED_EN}: nothing {} sent accepted or refused the credentials",
                forwarder.en
            ),
            &error.explanation.en,
            ". ",
        ),
        join(
            format!("{NOT_CONFIRMED_ZH}：{}未表明接受或拒绝密钥", forwarder.zh),
            &error.explanation.zh,
            "。",
        ),
    );
    error.authentication = false;
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    fn busy() -> ForwarderError {
        ForwarderError {
            http_status: Some(200),
            forwarder_code: Some("500".to_owned()),
            forwarder_message: "系统繁忙".to_owned(),
            explanation: Text::default(),
            authentication: false,
        }
    }

    #[test]
    fn not_confirmed_carries_the_forwarders_words_once() {
        let name = Text::new("ECCANG", "易仓");
        let said = not_confirmed(&name, busy()).describe();
        assert!(
            said.en.starts_with("Not confirmed: nothing ECCANG sent"),
            "{said:?}"
        );
        assert!(
            said.en.ends_with("(forwarder said: 500 系统繁忙)"),
            "{said:?}"
        );
        assert!(said.zh.starts_with("未能确认"), "{said:?}");
        let twice = not_confirmed(&name, not_confirmed(&name, busy()));
        assert_eq!(twice.describe(), said);
    }

    #[test]
    fn refused_credentials_say_so_and_are_marked() {
        let refused = credentials_refused(
            &Text::new("ECCANG", "易仓"),
            busy(),
            "Check them.",
            "请核对。",
        );
        assert!(refused.authentication);
        assert!(refused.describe().en.contains("refused the credentials"));
        assert!(refused.describe().en.contains("系统繁忙"));
    }
}
