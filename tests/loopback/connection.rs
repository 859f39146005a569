//! "Test connection" for every forwarder, over real HTTP to the sandbox: the right secrets are
//! accepted in the forwarder's words, wrong ones refused in words a packer understands, and a
//! forwarder without a harmless call says so instead of pretending.

use crate::common;

use std::sync::mpsc::Receiver;
use std::time::Duration;

use shipdesk::carriers::{Account, AccountSettings, Credentials, ForwarderKind};
use shipdesk::engine::{Engine, Event, TestConnection};
use shipdesk::model::Text;
use shipdesk::sandbox::{self, Sandbox};
use shipdesk::secrets::Keychain;

/// Saves an account of `kind` at `base_url` with `secrets` in the keychain.
fn add(
    engine: &Engine,
    keychain: &Keychain,
    name: &str,
    (kind, base_url): (ForwarderKind, &str),
    secrets: &Credentials,
) {
    keychain.save(name, secrets).expect("keychain");
    let settings = match kind {
        ForwarderKind::Zyl => AccountSettings::default()
            .with(&shipdesk::carriers::zyl::USER_ID, sandbox::DEMO_ZYL_USER_ID),
        _ => AccountSettings::default(),
    };
    engine.with_store(|s| {
        s.save_account(&Account {
            name: name.to_owned(),
            forwarder: kind,
            base_url: base_url.to_owned(),
            settings,
            builtin_sandbox: false,
        })
        .expect("account")
    });
}

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
fn each_forwarder_accepts_the_right_secrets_and_refuses_wrong_ones_in_words() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = runtime.block_on(Sandbox::start(0)).expect("sandbox");
    let url = server.base_url();
    let keychain = Keychain::in_memory();
    let (mut engine, _dir) = common::engine(keychain.clone());
    let events = engine.take_events().expect("events");

    // The demo secrets, and the same with the signing secret (the second key) wrong.
    for (kind, secret_key) in [
        (
            ForwarderKind::WesternPost,
            shipdesk::carriers::westernpost::SECRET_KEY,
        ),
        (ForwarderKind::Eccang, shipdesk::carriers::eccang::APP_KEY),
        (
            ForwarderKind::Logssc,
            shipdesk::carriers::logssc::APP_SECRET,
        ),
    ] {
        let good = sandbox::demo_credentials(kind);
        let bad = good.with(secret_key, "not-the-secret");
        let right = format!("{} right", kind.id());
        let wrong = format!("{} wrong", kind.id());
        add(&engine, &keychain, &right, (kind, &url), &good);
        add(&engine, &keychain, &wrong, (kind, &url), &bad);
        let accepted = verdict(&engine, &events, &right);
        assert!(accepted.is_ok(), "{kind:?}: {accepted:?}");
        let refused = verdict(&engine, &events, &wrong).expect_err("wrong secrets refused");
        assert!(
            !refused.en.trim().is_empty() && !refused.zh.trim().is_empty(),
            "{kind:?}: {refused:?}"
        );
        // The forwarder's own words come with ours.
        assert!(refused.en.contains("said"), "{kind:?}: {refused:?}");
    }

    // ZYL has no harmless call: it says so rather than claiming success.
    let zyl = sandbox::demo_credentials(ForwarderKind::Zyl);
    add(&engine, &keychain, "zyl", (ForwarderKind::Zyl, &url), &zyl);
    let said = verdict(&engine, &events, "zyl").expect_err("no test call");
    assert!(said.en.contains("no harmless call"), "{said:?}");
}
