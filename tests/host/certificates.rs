//! A certificate for another host name (issue 14, point 7), through the command line: the
//! server's issuer is a test CA this process trusts the standard way (`SSL_CERT_FILE`, which
//! the system's root store honours on Linux), because a certificate from an issuer nobody
//! trusts is refused as untrusted before its name is looked at. The packer reads that the
//! certificate is for another host name, not "check the network", and nothing gets through.

use std::process::Output;

use crate::common;
use crate::common::tls::{TlsServer, Wrong};

const ACCOUNT: &str = "TLS Other Name";

/// `shipdesk --data-dir DIR ARGS` with `stdin`, trusting only the CA in `ca_file` when given
/// (else the system's roots).
fn shipdesk(
    dir: &std::path::Path,
    args: &[&str],
    ca_file: Option<&std::path::Path>,
    stdin: &str,
) -> Output {
    common::run_shipdesk_with_input(dir, args, stdin, |command| {
        command.env_remove("SSL_CERT_DIR");
        match ca_file {
            Some(file) => command.env("SSL_CERT_FILE", file),
            None => command.env_remove("SSL_CERT_FILE"),
        };
    })
}

fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn a_certificate_for_another_host_name_is_named_as_such() {
    let server = TlsServer::start(Wrong::OtherName);
    let dir = tempfile::tempdir().expect("tmp");
    let ca_file = dir.path().join("test-ca.pem");
    std::fs::write(&ca_file, &server.ca_pem).expect("CA file");
    let secrets = format!(
        "open_key_id={}\nsecret_key={}\n",
        shipdesk::sandbox::DEMO_OPEN_KEY_ID,
        shipdesk::sandbox::DEMO_SECRET_KEY
    );
    let base_url = server.base_url();
    let added = shipdesk(
        dir.path(),
        &[
            "accounts",
            "add",
            "--name",
            ACCOUNT,
            "--forwarder",
            "westernpost",
            "--base-url",
            &base_url,
            "--service-code",
            "WP_GROUND",
        ],
        None,
        &secrets,
    );
    assert_eq!(added.status.code(), Some(0), "{}", said(&added));

    let order = common::seed_order_path();
    let ship = ["ship", order.as_str(), "--account", ACCOUNT];
    let trusted = shipdesk(dir.path(), &ship, Some(&ca_file), "");
    let words = said(&trusted);
    assert!(
        words
            .contains("the forwarder's server certificate is for another host name, not 127.0.0.1"),
        "{words}"
    );
    assert!(words.contains("证书属于其他主机名"), "{words}");
    assert!(!words.contains("check the network"), "{words}");
    assert_ne!(trusted.status.code(), Some(0), "{words}");

    // The same server with its issuer not trusted: refused as untrusted, before its name.
    let untrusted = shipdesk(dir.path(), &ship, None, "");
    assert!(
        said(&untrusted).contains("is not trusted (self-signed or unknown issuer)"),
        "{}",
        said(&untrusted)
    );
    assert_eq!(server.requests(), 0, "a request got through the handshake");
    assert!(server.connections() >= 2, "both reached the server");

    let removed = shipdesk(dir.path(), &["accounts", "remove", ACCOUNT], None, "");
    assert_eq!(removed.status.code(), Some(0), "{}", said(&removed));
}
