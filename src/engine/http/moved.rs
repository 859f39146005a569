//! A move (HTTP 3xx) in words. It is never the forwarder's verdict: it says the address answered
//! with another address, and nothing was sent there.

use crate::engine::http::{MAX_LABEL_MOVES, TransportError};
use crate::model::Text;

/// The longest stretch of a moved-to address shown (a hostile server may send a long one).
const SHOWN_CHARS: usize = 120;

/// A 3xx answer: its status and where it pointed, as shown to people.
pub(super) struct Move {
    status: u16,
    /// `scheme://host:port/path` of the Location, resolved against the request's address;
    /// `None` when there was none or it is not an address.
    location: Option<String>,
}

impl Move {
    /// The move `response` is, if it is one.
    pub(super) fn of(response: &reqwest::Response) -> Option<Self> {
        if !response.status().is_redirection() {
            return None;
        }
        let location = response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| response.url().join(value.trim()).ok())
            .map(|url| shown(&url));
        Some(Self {
            status: response.status().as_u16(),
            location,
        })
    }

    /// A forwarder request's move. `may_have_arrived` is true: a move from a proxy in front of
    /// the forwarder means the order never reached it, but a server may also take a POST and
    /// answer "see the result there" (302, 303), and nothing in the answer tells the two apart.
    /// Where money may be at stake the shipment is `unknown` and reconciled, never `failed`.
    pub(super) fn forwarder_error(&self) -> TransportError {
        let status = self.status;
        let message = match &self.location {
            Some(to) => Text::new(
                format!(
                    "the forwarder moved: its address answered with a move to {to} (HTTP {status}); nothing was sent there; check the account's base URL"
                ),
                format!(
                    "物流商地址已变更：接口地址返回转向 {to}（HTTP {status}），未向该地址发送任何内容；请检查账号的接口地址"
                ),
            ),
            None => Text::new(
                format!(
                    "the forwarder moved: its address answered with a move (HTTP {status}) to no usable address; nothing was sent elsewhere; check the account's base URL"
                ),
                format!(
                    "物流商地址已变更：接口地址返回转向（HTTP {status}），但没有可用的新地址，未向别处发送任何内容；请检查账号的接口地址"
                ),
            ),
        };
        TransportError {
            message,
            may_have_arrived: true,
        }
    }

    /// A label link's move that [`super::label_client`] did not follow.
    pub(super) fn label_error(&self) -> TransportError {
        let status = self.status;
        let to = self.location.as_deref().unwrap_or("?");
        TransportError {
            message: Text::new(
                format!(
                    "the label link moved to {to} (HTTP {status}) and was not followed (it led from https to plain http, or past {MAX_LABEL_MOVES} moves)"
                ),
                format!(
                    "面单链接转向 {to}（HTTP {status}），未跟随（由 https 转向不加密的 http，或转向超过 {MAX_LABEL_MOVES} 次）"
                ),
            ),
            may_have_arrived: true,
        }
    }
}

/// `scheme://host:port/path`: no user, password, query or fragment, which may carry a token
/// (the server's, or one of ours it echoed) that must not reach the screen or History.
fn shown(url: &reqwest::Url) -> String {
    let origin = url.origin();
    if !origin.is_tuple() {
        // Not a web address (`file:`, `data:`): its scheme says enough.
        return format!("{}:…", url.scheme());
    }
    let mut shown = format!("{}{}", origin.ascii_serialization(), url.path());
    if shown.chars().count() > SHOWN_CHARS {
        shown = shown.chars().take(SHOWN_CHARS).collect::<String>() + "…";
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn a_moved_to_address_is_shown_without_its_user_query_or_fragment() {
        let url = |text: &str| reqwest::Url::parse(text).expect("url");
        assert_eq!(
            shown(&url(
                "https://user:pw@new.example:8443/api/v2?appKey=SECRET#part"
            )),
            "https://new.example:8443/api/v2"
        );
        assert_eq!(shown(&url("http://127.0.0.1:9/x")), "http://127.0.0.1:9/x");
        assert_eq!(shown(&url("data:text/plain,appKey=SECRET")), "data:…");
        let long = format!("https://h.example/{}", "a".repeat(500));
        assert_eq!(shown(&url(&long)).chars().count(), super::SHOWN_CHARS + 1);
    }
}
