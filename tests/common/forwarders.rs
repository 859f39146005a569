//! Accounts and orders for the sandbox's forwarders, shared by the tests that ship with them.

use shipdesk::carriers::zyl::AuthMode;
use shipdesk::carriers::{Account, AccountSettings, ForwarderKind};
use shipdesk::engine::Engine;
use shipdesk::model::Shipment;
use shipdesk::sandbox::{DEMO_ZYL_USER_ID, demo_credentials};
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

/// Adds a Western Post account `name` at `base_url` with the sandbox's demo key pair in `keychain`
/// (the built-in Sandbox account needs none; this one reads its secrets as a real one does).
pub fn add_westernpost_account(engine: &Engine, keychain: &Keychain, name: &str, base_url: &str) {
    add_demo_account(
        engine,
        keychain,
        (name, ForwarderKind::WesternPost, base_url),
        settings("WP_GROUND"),
    );
}

/// Adds an ECCANG account `name` at `base_url` with the sandbox's demo keys in `keychain`.
pub fn add_eccang_account(engine: &Engine, keychain: &Keychain, name: &str, base_url: &str) {
    add_demo_account(
        engine,
        keychain,
        (name, ForwarderKind::Eccang, base_url),
        settings("PK0001"),
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
    let settings = settings("P12EXP")
        .with(&shipdesk::carriers::zyl::USER_ID, DEMO_ZYL_USER_ID)
        .with(&shipdesk::carriers::zyl::AUTH, auth.id());
    add_demo_account(
        engine,
        keychain,
        (name, ForwarderKind::Zyl, base_url),
        settings,
    );
}

/// Adds a logssc account `name` at `base_url` with the sandbox's demo appId and secret.
pub fn add_logssc_account(engine: &Engine, keychain: &Keychain, name: &str, base_url: &str) {
    add_demo_account(
        engine,
        keychain,
        (name, ForwarderKind::Logssc, base_url),
        settings("GroundBasic"),
    );
}

/// Settings with `service_code` as the default service.
fn settings(service_code: &str) -> AccountSettings {
    AccountSettings {
        default_service_code: service_code.to_owned(),
        ..AccountSettings::default()
    }
}

/// An account `name` of `kind` at `base_url`, its secrets the sandbox's demo ones for `kind`.
fn add_demo_account(
    engine: &Engine,
    keychain: &Keychain,
    (name, kind, base_url): (&str, ForwarderKind, &str),
    settings: AccountSettings,
) {
    keychain
        .save(name, &demo_credentials(kind))
        .expect("keychain");
    let account = Account {
        name: name.to_owned(),
        forwarder: kind,
        base_url: base_url.to_owned(),
        settings,
        builtin_sandbox: false,
    };
    engine.with_store(|s| s.save_account(&account).expect("account"));
}
