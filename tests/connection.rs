//! "Test connection" for every forwarder, over real HTTP to the sandbox: the right secrets are
//! accepted in the forwarder's words, wrong ones refused in words a packer understands, and a
//! forwarder without a harmless call says so instead of pretending.

mod common;

use std::sync::mpsc::Receiver;
use std::time::Duration;

use shipdesk::carriers::{Account, AccountSettings, Credentials, ForwarderKind};
use shipdesk::engine::{Command, Engine, Event};
use shipdesk::model::Text;
use shipdesk::sandbox::{self, Sandbox};
use shipdesk::secrets::Keychain;

/// Two secrets, as `key=value` pairs.
type Secrets = [(&'static str, &'static str); 2];

/// Saves an account of `kind` at `base_url` with `secrets` in the keychain.
fn add(
    engine: &Engine,
    keychain: &Keychain,
    name: &str,
    kind: ForwarderKind,
    base_url: &str,
    secrets: &[(&str, &str)],
) {
    keychain
        .save(name, &Credentials::from_pairs(secrets.iter().copied()))
        .expect("keychain");
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
    engine.send(Command::TestConnection(name.to_owned()));
    loop {
        match events
            .recv_timeout(Duration::from_secs(20))
            .expect("an answer")
        {
            Event::ConnectionTested { account, verdict } if account == name => return verdict,
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

    let cases: [(ForwarderKind, Secrets, Secrets); 3] = [
        (
            ForwarderKind::WesternPost,
            [
                ("open_key_id", sandbox::DEMO_OPEN_KEY_ID),
                ("secret_key", sandbox::DEMO_SECRET_KEY),
            ],
            [
                ("open_key_id", sandbox::DEMO_OPEN_KEY_ID),
                ("secret_key", "not-the-key"),
            ],
        ),
        (
            ForwarderKind::Eccang,
            [
                ("app_token", sandbox::DEMO_ECCANG_APP_TOKEN),
                ("app_key", sandbox::DEMO_ECCANG_APP_KEY),
            ],
            [
                ("app_token", sandbox::DEMO_ECCANG_APP_TOKEN),
                ("app_key", "not-the-key"),
            ],
        ),
        (
            ForwarderKind::Logssc,
            [
                (
                    shipdesk::carriers::logssc::APP_ID,
                    sandbox::DEMO_LOGSSC_APP_ID,
                ),
                (
                    shipdesk::carriers::logssc::APP_SECRET,
                    sandbox::DEMO_LOGSSC_APP_SECRET,
                ),
            ],
            [
                (
                    shipdesk::carriers::logssc::APP_ID,
                    sandbox::DEMO_LOGSSC_APP_ID,
                ),
                (shipdesk::carriers::logssc::APP_SECRET, "not-the-secret"),
            ],
        ),
    ];
    for (kind, good, bad) in cases {
        let right = format!("{} right", kind.id());
        let wrong = format!("{} wrong", kind.id());
        add(&engine, &keychain, &right, kind, &url, &good);
        add(&engine, &keychain, &wrong, kind, &url, &bad);
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
    add(
        &engine,
        &keychain,
        "zyl",
        ForwarderKind::Zyl,
        &url,
        &[
            ("ile_id", sandbox::DEMO_ZYL_ILE_ID),
            ("sign", sandbox::DEMO_ZYL_SIGN),
        ],
    );
    let said = verdict(&engine, &events, "zyl").expect_err("no test call");
    assert!(said.en.contains("no harmless call"), "{said:?}");
}
