//! Accounts and orders for the ECCANG, ZYL and logssc sandboxes, shared by the tests that ship with them.

use shipdesk::carriers::logssc::{APP_ID, APP_SECRET};
use shipdesk::carriers::zyl::AuthMode;
use shipdesk::carriers::{Account, AccountSettings, Credentials, ForwarderKind};
use shipdesk::engine::Engine;
use shipdesk::model::Shipment;
use shipdesk::sandbox::{
    DEMO_ECCANG_APP_KEY, DEMO_ECCANG_APP_TOKEN, DEMO_LOGSSC_APP_ID, DEMO_LOGSSC_APP_SECRET,
    DEMO_ZYL_ILE_ID, DEMO_ZYL_SIGN, DEMO_ZYL_USER_ID,
};
use shipdesk::secrets::Keychain;

/// Seed 000's example order without its Western Post-only fields (an ECCANG order).
pub fn eccang_order(reference: &str) -> Shipment {
    let mut order = super::order(reference);
    order.forwarder_fields.clear();
    order
}

/// The same order on a ZYL channel.
pub fn zyl_order(reference: &str) -> Shipment {
    let mut order = eccang_order(reference);
    order.service_code = "P12EXP".to_owned();
    order
}

/// Seed 003's example order (a logssc order) under another reference.
pub fn logssc_order(reference: &str) -> Shipment {
    let mut order = super::example_order("order-seed003.json");
    order.reference = reference.to_owned();
    order
}

/// Adds an ECCANG account `name` at `base_url` with the sandbox's demo keys in `keychain`.
pub fn add_eccang_account(engine: &Engine, keychain: &Keychain, name: &str, base_url: &str) {
    keychain
        .save(
            name,
            &Credentials::from_pairs([
                ("app_token", DEMO_ECCANG_APP_TOKEN),
                ("app_key", DEMO_ECCANG_APP_KEY),
            ]),
        )
        .expect("keychain");
    save(
        engine,
        Account {
            name: name.to_owned(),
            forwarder: ForwarderKind::Eccang,
            base_url: base_url.to_owned(),
            settings: AccountSettings {
                default_service_code: "PK0001".to_owned(),
                ..AccountSettings::default()
            },
            builtin_sandbox: false,
        },
    );
}

/// Adds a ZYL account `name` at `base_url` with the sandbox's demo ile key, in `auth` mode.
pub fn add_zyl_account(
    engine: &Engine,
    keychain: &Keychain,
    name: &str,
    base_url: &str,
    auth: AuthMode,
) {
    keychain
        .save(
            name,
            &Credentials::from_pairs([("ile_id", DEMO_ZYL_ILE_ID), ("sign", DEMO_ZYL_SIGN)]),
        )
        .expect("keychain");
    save(
        engine,
        Account {
            name: name.to_owned(),
            forwarder: ForwarderKind::Zyl,
            base_url: base_url.to_owned(),
            settings: AccountSettings {
                default_service_code: "P12EXP".to_owned(),
                ..AccountSettings::default()
            }
            .with(&shipdesk::carriers::zyl::USER_ID, DEMO_ZYL_USER_ID)
            .with(&shipdesk::carriers::zyl::AUTH, auth.id()),
            builtin_sandbox: false,
        },
    );
}

/// Adds a logssc account `name` at `base_url` with the sandbox's demo appId and secret.
pub fn add_logssc_account(engine: &Engine, keychain: &Keychain, name: &str, base_url: &str) {
    keychain
        .save(
            name,
            &Credentials::from_pairs([
                (APP_ID, DEMO_LOGSSC_APP_ID),
                (APP_SECRET, DEMO_LOGSSC_APP_SECRET),
            ]),
        )
        .expect("keychain");
    save(
        engine,
        Account {
            name: name.to_owned(),
            forwarder: ForwarderKind::Logssc,
            base_url: base_url.to_owned(),
            settings: AccountSettings {
                default_service_code: "GroundBasic".to_owned(),
                ..AccountSettings::default()
            },
            builtin_sandbox: false,
        },
    );
}

fn save(engine: &Engine, account: Account) {
    engine.with_store(|s| s.save_account(&account).expect("account"));
}
