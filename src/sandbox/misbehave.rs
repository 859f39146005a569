//! The ways a forwarder's server misbehaves on purpose ([`Fault`]), shared by every
//! protocol the sandbox speaks, so a fault means the same on the wire whoever is asked.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse as _, Response};
use serde::{Deserialize, Serialize};

/// A way for the sandbox to misbehave on the next create request (Western Post's createOrder,
/// ECCANG's `createOrder` service or ZYL's orderByApi; other calls never take a fault from the
/// queue).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "fault", rename_all = "snake_case")]
pub enum Fault {
    /// Commit the order, then answer only after this long.
    Slow {
        /// Delay before answering, in milliseconds.
        millis: u64,
    },
    /// A proxy's HTML "502 Bad Gateway" page; nothing is committed.
    Html502,
    /// Commit the order, then break the connection instead of answering.
    ResetAfterCommit,
    /// Commit the order, then answer with text that is not valid JSON.
    InvalidJson,
    /// Answer with the seed's authentication failure whatever the credentials.
    Unauthorized,
    /// Commit the order, then answer with a generic refusal (code 500, "系统繁忙"): a forwarder
    /// that says no after all.
    RefuseAfterCommit,
}

/// How long a slow answer may be held at most, so a typo cannot hang a test run.
const MAX_SLOW: Duration = Duration::from_secs(120);

/// A proxy's HTML "502 Bad Gateway" page (what nginx sends when the application behind it is
/// down).
pub(super) fn bad_gateway() -> Response {
    let page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
    (
        StatusCode::BAD_GATEWAY,
        [(header::CONTENT_TYPE, "text/html")],
        page,
    )
        .into_response()
}

/// Headers go out, then the body stream fails at once: the server drops the connection with no
/// answer, after the order was committed.
pub(super) fn reset_connection(content_type: &'static str) -> Response {
    let broken = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "sandbox: connection reset after commit",
        ))
    });
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from_stream(broken))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// The first half of `text`, cut on a character boundary (answers hold Chinese text, and a cut
/// inside a character would panic).
pub(super) fn cut_short(text: &str) -> &str {
    &text[..text.floor_char_boundary(text.len() / 2)]
}

/// Waits `millis` (at most [`MAX_SLOW`]) before answering.
pub(super) async fn hold(millis: u64) {
    tokio::time::sleep(Duration::from_millis(millis).min(MAX_SLOW)).await;
}

/// The faults that answer before the order is even read: a proxy's 502 page, or `refusal` (the
/// forwarder's own "not authorised"). `None`: no such fault, go on.
pub(super) fn before_commit(
    fault: Option<&Fault>,
    refusal: impl FnOnce() -> Response,
) -> Option<Response> {
    match fault {
        Some(Fault::Html502) => Some(bad_gateway()),
        Some(Fault::Unauthorized) => Some(refusal()),
        _ => None,
    }
}

/// The JSON answer `text` for an order just bought, as a fault after commit bends it: held back,
/// cut short, lost with the connection, or replaced by `refusal` (the order is bought all the
/// same). Without such a fault, `text` as it is.
pub(super) async fn json_after_commit(
    fault: Option<Fault>,
    text: String,
    refusal: impl FnOnce() -> Response,
) -> Response {
    match fault {
        Some(Fault::Slow { millis }) => {
            hold(millis).await;
            super::replies::json(text)
        }
        Some(Fault::ResetAfterCommit) => reset_connection("application/json"),
        Some(Fault::RefuseAfterCommit) => refusal(),
        Some(Fault::InvalidJson) => super::replies::json(cut_short(&text).to_owned()),
        _ => super::replies::json(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_short_never_splits_a_character() {
        assert_eq!(cut_short("abcd"), "ab");
        // "创建" is 6 bytes; half is 3, a boundary. "a创" is 4 bytes; half is 2, inside "创".
        assert_eq!(cut_short("创建"), "创");
        assert_eq!(cut_short("a创"), "a");
        assert_eq!(cut_short(""), "");
    }
}
