//! The only place forwarder requests are sent. Bodies are capped and time-outs are per account.

use std::time::Duration;

use crate::carriers::{HttpMethod, WireRequest, WireResponse};
use crate::model::Text;

/// Largest answer read from a forwarder; a longer one is an error (never silently cut short).
pub const MAX_RESPONSE_BYTES: usize = 8 * 1024 * 1024;

/// The request never got a complete answer.
#[derive(Debug)]
pub struct TransportError {
    /// For people.
    pub message: Text,
    /// Whether the request may have reached the forwarder (and so may have bought something).
    pub may_have_arrived: bool,
}

/// Sends a request and reads the whole answer, within `timeout`.
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
    let exchange = async {
        let mut response = builder.send().await.map_err(|e| describe(&e))?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| describe(&e))? {
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
        Ok(WireResponse {
            status,
            content_type,
            body,
        })
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

fn describe(error: &reqwest::Error) -> TransportError {
    // Connection refused or DNS failure happen before anything is sent: nothing can be bought.
    if error.is_connect() {
        return TransportError {
            message: Text::new(
                "could not connect to the forwarder's server (check the network and the account's base URL)",
                "无法连接物流商服务器（请检查网络和账号接口地址）",
            ),
            may_have_arrived: false,
        };
    }
    if error.is_builder() {
        return TransportError {
            message: Text::new(
                "the request could not be built: check the account's base URL, and that its credentials have no unusual characters",
                "无法生成请求：请检查账号的接口地址，以及密钥中是否有特殊字符",
            ),
            may_have_arrived: false,
        };
    }
    let detail = std::error::Error::source(error)
        .map(|s| s.to_string())
        .unwrap_or_else(|| "connection broken".to_owned());
    TransportError {
        message: Text::new(
            format!("the connection broke before the answer arrived ({detail})"),
            format!("应答到达前连接中断（{detail}）"),
        ),
        may_have_arrived: true,
    }
}
