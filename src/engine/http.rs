//! The only place forwarder requests are sent. Bodies are capped, time-outs are per account, and
//! no move (HTTP 3xx) is followed: every forwarder request carries its credentials (in headers,
//! in the body, or as a signature over the order), so a followed move would hand them and the
//! signed order to whatever address the move names, and that server's answer would be taken for
//! the forwarder's (invariant 9). A move is said in words instead (`moved`), and a refused
//! connection says why (`failure`: the network, the address, or the server's certificate).
//!
//! Label links are the one exception, fetched by [`fetch_label`] with a client of their own
//! ([`label_client`]): a label often lives on a storage or CDN host the link moves to, and that
//! GET carries no header, no body and no credential of ours, so following it gives nothing away.

mod failure;
mod moved;
#[cfg(test)]
mod tests;

use std::time::Duration;

use crate::carriers::{HttpMethod, WireRequest, WireResponse};
use crate::model::Text;

/// Largest answer read from a forwarder; a longer one is an error (never silently cut short).
pub const MAX_RESPONSE_BYTES: usize = 8 * 1024 * 1024;

/// How many moves a label link may make before it is given up on.
pub const MAX_LABEL_MOVES: usize = 5;

/// How long a connection may take to open.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The request never got a complete answer, or got one that is not the forwarder's (a move).
#[derive(Debug)]
pub struct TransportError {
    /// For people.
    pub message: Text,
    /// Whether the request may have reached the forwarder (and so may have bought something).
    pub may_have_arrived: bool,
}

/// The client for forwarder requests: follows no move, ever.
pub(super) fn forwarder_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .user_agent(concat!("shipdesk/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(CONNECT_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
}

/// The client for label links ([`fetch_label`] only): follows up to [`MAX_LABEL_MOVES`] moves,
/// never from https to plain http (the label holds the customer's address), and sends no
/// Referer (the link it came from may hold a signed token).
pub(super) fn label_client() -> reqwest::Result<reqwest::Client> {
    let policy = reqwest::redirect::Policy::custom(|attempt| {
        let downgrade = attempt.url().scheme() != "https"
            && attempt.previous().iter().any(|url| url.scheme() == "https");
        if downgrade || attempt.previous().len() > MAX_LABEL_MOVES {
            // Handed back as the 3xx it is, and said in words by `fetch_label`.
            attempt.stop()
        } else {
            attempt.follow()
        }
    });
    reqwest::Client::builder()
        .user_agent(concat!("shipdesk/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(CONNECT_TIMEOUT)
        .redirect(policy)
        .referer(false)
        .build()
}

/// Sends a forwarder request (with [`forwarder_client`]) and reads the whole answer, within
/// `timeout`. A move is an error that names where it pointed; nothing is sent there.
pub async fn send(
    client: &reqwest::Client,
    request: &WireRequest,
    timeout: Duration,
) -> Result<WireResponse, TransportError> {
    let mut builder = match request.method {
        HttpMethod::Get => client.get(&request.url),
        HttpMethod::Post => client.post(&request.url),
    };
    for header in &request.headers {
        builder = builder.header(&header.name, &header.value);
    }
    if !request.body.is_empty() {
        builder = builder.body(request.body.clone());
    }
    match exchange(builder, timeout).await? {
        Exchanged::Answer(response) => Ok(response),
        Exchanged::Moved(moved) => Err(moved.forwarder_error()),
    }
}

/// Fetches a label link (with [`label_client`]): a GET with no header and no body, so no
/// credential can travel with it wherever its moves lead. A move it did not follow is an error.
pub async fn fetch_label(
    client: &reqwest::Client,
    url: &str,
    timeout: Duration,
) -> Result<WireResponse, TransportError> {
    match exchange(client.get(url), timeout).await? {
        Exchanged::Answer(response) => Ok(response),
        Exchanged::Moved(moved) => Err(moved.label_error()),
    }
}

/// What came back: an answer, or a move (whose body is not read).
enum Exchanged {
    Answer(WireResponse),
    Moved(moved::Move),
}

async fn exchange(
    builder: reqwest::RequestBuilder,
    timeout: Duration,
) -> Result<Exchanged, TransportError> {
    let exchange = async {
        let mut response = builder.send().await.map_err(|e| failure::describe(&e))?;
        if let Some(moved) = moved::Move::of(&response) {
            return Ok(Exchanged::Moved(moved));
        }
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| failure::describe(&e))? {
            if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
                return Err(TransportError {
                    message: Text::new(
                        format!(
                            "the answer is larger than {} MiB, so it was not read",
                            MAX_RESPONSE_BYTES >> 20
                        ),
                        format!("应答超过 {} MiB，未读取", MAX_RESPONSE_BYTES >> 20),
                    ),
                    may_have_arrived: true,
                });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Exchanged::Answer(WireResponse {
            status,
            content_type,
            body,
        }))
    };
    match tokio::time::timeout(timeout, exchange).await {
        Ok(result) => result,
        Err(_) => Err(TransportError {
            message: Text::new(
                format!("no answer within {} s", timeout.as_secs_f32()),
                format!("{} 秒内没有应答", timeout.as_secs_f32()),
            ),
            may_have_arrived: true,
        }),
    }
}
