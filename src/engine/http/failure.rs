//! A failed exchange in words: the connection never opened (the network, the address, or the
//! server's certificate), the request could not be built, or the connection broke on the way.

use std::error::Error;

use rustls::CertificateError;

use crate::engine::http::TransportError;
use crate::model::Text;

/// What a packer reads about `error`, and whether the request may have reached the forwarder.
pub(super) fn describe(error: &reqwest::Error) -> TransportError {
    // A certificate is checked in the handshake, before a byte of the request is sent: nothing
    // went out, so nothing can have been bought (and no credential left the machine).
    if let Some(tls) = tls_error(error) {
        let host = error
            .url()
            .and_then(|url| url.host_str())
            .unwrap_or("?")
            .to_owned();
        return TransportError {
            message: tls_message(tls, &host),
            may_have_arrived: tls_may_have_arrived(tls, error.is_connect()),
        };
    }
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

/// The rustls error somewhere in `error`'s chain. reqwest re-exports nothing of rustls, so the
/// chain is walked and each link tried as rustls' own type (the version reqwest uses, see
/// Cargo.toml). The TLS stream reports it as an `io::Error` inside another one, and an
/// `io::Error`'s `source()` skips its own payload, so the walk goes into the payload instead.
fn tls_error(error: &reqwest::Error) -> Option<&rustls::Error> {
    let mut link: Option<&(dyn Error + 'static)> = Some(error);
    while let Some(current) = link {
        if let Some(tls) = current.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        link = match current.downcast_ref::<std::io::Error>() {
            Some(io) => io.get_ref().map(|inner| inner as &(dyn Error + 'static)),
            None => current.source(),
        };
    }
    None
}

/// A certificate refusal is always in the handshake; another TLS failure counts as the
/// connection's failure it came with.
fn tls_may_have_arrived(tls: &rustls::Error, connecting: bool) -> bool {
    !matches!(tls, rustls::Error::InvalidCertificate(_)) && !connecting
}

/// Which of the certificate's faults a packer is told about; each has its own sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
    Expired,
    NotValidYet,
    Untrusted,
    OtherName,
    Revoked,
    OtherCertificate,
    Handshake,
}

fn fault(tls: &rustls::Error) -> Fault {
    let rustls::Error::InvalidCertificate(certificate) = tls else {
        return Fault::Handshake;
    };
    match certificate {
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => Fault::Expired,
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            Fault::NotValidYet
        }
        CertificateError::UnknownIssuer => Fault::Untrusted,
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            Fault::OtherName
        }
        CertificateError::Revoked => Fault::Revoked,
        _ => Fault::OtherCertificate,
    }
}

/// The day an expired certificate ran out, when rustls says (`2001-01-01`).
fn expiry_day(tls: &rustls::Error) -> Option<String> {
    let rustls::Error::InvalidCertificate(CertificateError::ExpiredContext { not_after, .. }) = tls
    else {
        return None;
    };
    let seconds = i64::try_from(not_after.as_secs()).ok()?;
    let day = chrono::DateTime::from_timestamp(seconds, 0)?;
    Some(day.format("%Y-%m-%d").to_string())
}

/// The sentence, what to do, then rustls' own words for whoever fixes it.
fn tls_message(tls: &rustls::Error, host: &str) -> Text {
    let (en, zh) = match fault(tls) {
        Fault::Expired => {
            let (on_en, on_zh) = expiry_day(tls)
                .map(|day| (format!(" (on {day})"), format!("（{day}）")))
                .unwrap_or_default();
            (
                format!(
                    "the forwarder's server certificate has expired{on_en}; check this computer's date and time, and if they are right, the forwarder must renew its certificate"
                ),
                format!(
                    "物流商服务器的证书已过期{on_zh}；请检查本机的日期和时间，若无误，需物流商更新证书"
                ),
            )
        }
        Fault::NotValidYet => (
            "the forwarder's server certificate is not valid yet; check this computer's date and time".to_owned(),
            "物流商服务器的证书尚未生效；请检查本机的日期和时间".to_owned(),
        ),
        Fault::Untrusted => (
            "the forwarder's server certificate is not trusted (self-signed or unknown issuer); check the account's base URL; a network that intercepts https, as some company proxies do, also causes this".to_owned(),
            "物流商服务器的证书不受信任（自签名或签发机构未知）；请检查账号的接口地址；拦截 https 的网络（如某些公司代理）也会导致此问题".to_owned(),
        ),
        Fault::OtherName => (
            format!(
                "the forwarder's server certificate is for another host name, not {host}; check the account's base URL: use the host name the forwarder gives"
            ),
            format!(
                "物流商服务器的证书属于其他主机名，而不是 {host}；请检查账号的接口地址：使用物流商提供的主机名"
            ),
        ),
        Fault::Revoked => (
            "the forwarder's server certificate has been revoked; ask the forwarder".to_owned(),
            "物流商服务器的证书已被吊销；请联系物流商".to_owned(),
        ),
        Fault::OtherCertificate => (
            "the forwarder's server certificate was refused; check the account's base URL, or ask the forwarder".to_owned(),
            "物流商服务器的证书被拒绝；请检查账号的接口地址，或联系物流商".to_owned(),
        ),
        Fault::Handshake => (
            "the secure connection (https) to the forwarder's server failed; check the account's base URL".to_owned(),
            "与物流商服务器的安全连接（https）失败；请检查账号的接口地址".to_owned(),
        ),
    };
    Text::new(format!("{en} (TLS: {tls})"), format!("{zh}（TLS：{tls}）"))
}

#[cfg(test)]
mod tests {
    use rustls::{CertificateError, Error};

    use super::{Fault, fault, tls_may_have_arrived, tls_message};

    #[test]
    fn each_certificate_fault_has_its_own_sentence_in_both_languages() {
        for (error, fault_is, en, zh) in [
            (
                Error::InvalidCertificate(CertificateError::Expired),
                Fault::Expired,
                "has expired",
                "已过期",
            ),
            (
                Error::InvalidCertificate(CertificateError::UnknownIssuer),
                Fault::Untrusted,
                "is not trusted (self-signed or unknown issuer)",
                "不受信任",
            ),
            (
                Error::InvalidCertificate(CertificateError::NotValidForName),
                Fault::OtherName,
                "is for another host name, not api.example",
                "属于其他主机名",
            ),
            (
                Error::InvalidCertificate(CertificateError::NotValidYet),
                Fault::NotValidYet,
                "not valid yet",
                "尚未生效",
            ),
            (
                Error::InvalidCertificate(CertificateError::BadSignature),
                Fault::OtherCertificate,
                "was refused",
                "被拒绝",
            ),
            (
                Error::General("x".to_owned()),
                Fault::Handshake,
                "secure connection",
                "安全连接",
            ),
        ] {
            assert_eq!(fault(&error), fault_is, "{error}");
            let message = tls_message(&error, "api.example");
            assert!(message.en.contains(en), "{message:?}");
            assert!(message.zh.contains(zh), "{message:?}");
            // The technical detail comes after the sentence.
            assert!(
                message.en.ends_with(&format!("(TLS: {error})")),
                "{message:?}"
            );
        }
    }

    #[test]
    fn an_expired_certificate_says_when_it_ran_out() {
        let expired = Error::InvalidCertificate(CertificateError::ExpiredContext {
            time: rustls::pki_types::UnixTime::since_unix_epoch(std::time::Duration::from_secs(
                1_800_000_000,
            )),
            not_after: rustls::pki_types::UnixTime::since_unix_epoch(
                std::time::Duration::from_secs(978_307_200),
            ),
        });
        let message = tls_message(&expired, "api.example");
        assert!(
            message.en.contains("has expired (on 2001-01-01);"),
            "{message:?}"
        );
        assert!(
            message.zh.contains("证书已过期（2001-01-01）"),
            "{message:?}"
        );
    }

    #[test]
    fn a_refused_certificate_sent_nothing() {
        let refused = Error::InvalidCertificate(CertificateError::Expired);
        assert!(!tls_may_have_arrived(&refused, false));
        assert!(!tls_may_have_arrived(&Error::General("x".into()), true));
        assert!(tls_may_have_arrived(&Error::General("x".into()), false));
    }
}
