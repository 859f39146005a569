//! A failed exchange in words: the connection never opened (the network or the address), the
//! request could not be built, or the connection broke on the way.

use crate::engine::http::TransportError;
use crate::model::Text;

/// What a packer reads about `error`, and whether the request may have reached the forwarder.
pub(super) fn describe(error: &reqwest::Error) -> TransportError {
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
