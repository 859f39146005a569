//! A forwarder's https server whose certificate the engine's client refuses (issue 14, point 7),
//! with the default roots as they are: the packer reads that it is the certificate (expired, or
//! not trusted: self-signed), in both languages, not "check the network"; the request never got
//! through the handshake, so the shipment failed with nothing charged. (A certificate for
//! another host name needs its issuer trusted first: tests/host/certificates.rs.)

use std::sync::mpsc::Receiver;
use std::time::Duration;

use shipdesk::engine::{Engine, Event, Ship, TestConnection};
use shipdesk::model::{ShipmentState, Text};
use shipdesk::secrets::Keychain;

use crate::common;
use crate::common::forwarders::add_westernpost_account;
use crate::common::tls::{TlsServer, Wrong};

const ACCOUNT: &str = "TLS Forwarder";

/// Sends Test connection for `name` and waits for its verdict.
fn verdict(engine: &Engine, events: &Receiver<Event>, name: &str) -> Result<Text, Text> {
    engine.send(TestConnection(name.to_owned()));
    loop {
        match events
            .recv_timeout(Duration::from_secs(20))
            .expect("an answer")
        {
            Event::ConnectionTested(tested) if tested.account == name => return tested.verdict,
            _ => {}
        }
    }
}

#[test]
fn a_refused_certificate_is_named_and_nothing_is_sent() {
    for (wrong, en, zh) in [
        (
            Wrong::Expired,
            "the forwarder's server certificate has expired",
            "证书已过期",
        ),
        (
            Wrong::SelfSigned,
            "the forwarder's server certificate is not trusted (self-signed or unknown issuer)",
            "证书不受信任（自签名或签发机构未知）",
        ),
    ] {
        let server = TlsServer::start(wrong);
        let keychain = Keychain::in_memory();
        let (mut engine, _dir) = common::engine(keychain.clone());
        let events = engine.take_events().expect("events");
        add_westernpost_account(&engine, &keychain, ACCOUNT, &server.base_url());

        let report = engine
            .call(Ship::new(common::order("TLS-1"), ACCOUNT))
            .expect("answered");
        let message = report.message.expect("a message");
        assert!(message.en.contains(en), "{wrong:?}: {message:?}");
        assert!(message.zh.contains(zh), "{wrong:?}: {message:?}");
        assert!(
            !message.en.contains("check the network"),
            "{wrong:?}: {message:?}"
        );
        // Refused in the handshake: nothing went out, so nothing can have been bought.
        assert_eq!(report.state, ShipmentState::Failed, "{wrong:?}");
        assert!(message.en.contains("nothing was charged"), "{message:?}");
        assert!(
            server.connections() >= 1,
            "{wrong:?}: it reached the server"
        );
        assert_eq!(server.requests(), 0, "{wrong:?}: a request got through");

        // Test connection says the same.
        let tested = verdict(&engine, &events, ACCOUNT).expect_err("refused");
        assert!(tested.en.contains(en), "{wrong:?}: {tested:?}");
        assert_eq!(server.requests(), 0, "{wrong:?}");
    }
}
