//! What is allowed about an account but worth a warning before it is saved and beside it in the
//! list: today, plain `http://` to a server that is not this computer. Some forwarders' hosts
//! speak only http (a test host, ZYL's), so it is said, never refused; [`super::check_account`]
//! keeps the refusals.

use std::net::IpAddr;

use crate::carriers::Account;
use crate::model::Text;

/// The warnings about `account`, each a sentence for people; empty when there is nothing to
/// say. Pure: the window calls it while the form is typed, the command line before it saves.
pub fn account_warnings(account: &Account) -> Vec<Text> {
    let mut warnings = Vec::new();
    if let Some(host) = unencrypted_host(account) {
        warnings.push(Text::new(
            format!(
                "This account's credentials and orders travel unencrypted (http://, not https://) to {host}: anyone on the network path can read them. Use https:// if the forwarder offers it."
            ),
            format!(
                "此账号的密钥和订单将以明文（http://，而非 https://）发送到 {host}，网络途中任何人都可读取。若物流商支持，请改用 https://。"
            ),
        ));
    }
    warnings
}

/// The host an `http://` account sends to in clear, unless it is this computer (loopback: a
/// local sandbox or proxy, where nothing crosses a network) or the built-in sandbox.
fn unencrypted_host(account: &Account) -> Option<String> {
    let base_url = account.base_url.trim();
    if account.builtin_sandbox || !base_url.starts_with("http://") {
        return None;
    }
    let Ok(url) = reqwest::Url::parse(base_url) else {
        // Not an address the engine could send to either; named as typed.
        return Some(base_url.trim_start_matches("http://").to_owned());
    };
    let host = url.host_str().unwrap_or_default().to_owned();
    // An IPv6 host comes in brackets (`[::1]`); a name is lower case already.
    let loopback = match host.trim_matches(['[', ']']).parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host == "localhost",
    };
    (!loopback).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::account_warnings;
    use crate::carriers::{Account, AccountSettings, ForwarderKind};

    fn account(base_url: &str) -> Account {
        Account {
            name: "Shop".to_owned(),
            forwarder: ForwarderKind::Eccang,
            base_url: base_url.to_owned(),
            settings: AccountSettings::default(),
            builtin_sandbox: false,
        }
    }

    #[test]
    fn plain_http_to_another_computer_is_warned_about_in_both_languages() {
        for (base_url, host) in [
            ("http://dms.qa.xiyou56.com", "dms.qa.xiyou56.com"),
            ("http://xinzhtech.com:8080/api", "xinzhtech.com"),
            ("http://192.168.1.20", "192.168.1.20"),
            ("http://128.0.0.1", "128.0.0.1"),
            ("http://localhost.example.com", "localhost.example.com"),
        ] {
            let warnings = account_warnings(&account(base_url));
            assert_eq!(warnings.len(), 1, "{base_url}");
            assert!(
                warnings[0].en.contains("travel unencrypted")
                    && warnings[0].en.contains(&format!("to {host}:")),
                "{base_url}: {:?}",
                warnings[0]
            );
            assert!(
                warnings[0].zh.contains("明文") && warnings[0].zh.contains(host),
                "{:?}",
                warnings[0]
            );
        }
    }

    #[test]
    fn https_this_computer_and_the_built_in_sandbox_are_not_warned_about() {
        for base_url in [
            "https://dms.xiyou56.com",
            "http://127.0.0.1:8700",
            "http://127.5.6.7",
            "http://localhost:8700",
            "http://LOCALHOST",
            "http://[::1]:8700",
            crate::engine::SANDBOX_BASE_URL,
        ] {
            assert!(
                account_warnings(&account(base_url)).is_empty(),
                "{base_url}"
            );
        }
        let builtin = Account {
            builtin_sandbox: true,
            ..account("http://sandbox.example")
        };
        assert!(account_warnings(&builtin).is_empty());
    }
}
