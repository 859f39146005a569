//! The Accounts screen: an account added in the window keeps its secret in the keychain (an
//! in-memory one here) and nowhere in the database, and Test connection gets the sandbox's
//! verdict for the right secret and the wrong one. Needs the loopback sandbox.

use egui_kittest::kittest::Queryable as _;

use crate::harness::{add_account_in_window, builtin_sandbox_url, harness, settle, wait_for};

#[test]
fn an_account_added_in_the_window_keeps_its_secret_in_the_keychain_and_tests_its_connection() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    // A Western Post account pointing at the built-in sandbox server, with the sandbox's demo pair.
    let base_url = builtin_sandbox_url(&harness);
    add_account_in_window(
        &mut harness,
        "WP Desk",
        &base_url,
        shipdesk::sandbox::DEMO_SECRET_KEY,
        false,
    );

    // The secret is in the keychain, and nowhere in the database.
    let stored = harness
        .state()
        .engine()
        .keychain()
        .load("WP Desk")
        .expect("in the keychain");
    assert_eq!(stored.get("secret_key"), shipdesk::sandbox::DEMO_SECRET_KEY);
    let mut database = Vec::new();
    for name in ["shipdesk.sqlite3", "shipdesk.sqlite3-wal"] {
        database.extend(std::fs::read(dir.path().join(name)).unwrap_or_default());
    }
    let secret = shipdesk::sandbox::DEMO_SECRET_KEY.as_bytes();
    assert!(!database.windows(secret.len()).any(|w| w == secret));

    // Test connection: the sandbox checks the signature for real.
    // After the four built-in sandbox accounts (one a forwarder), sorted by name.
    wait_for(&mut harness, "the account in the list", |h| {
        h.query_all_by_label("Test connection").count() == 5
    });
    harness
        .get_all_by_label("Test connection")
        .last()
        .expect("the new account")
        .click_accesskit();
    wait_for(&mut harness, "the verdict", |h| {
        h.query_by_label_contains("Connected").is_some()
    });

    // A wrong secret is refused, in the forwarder's words.
    harness.get_by_label("Edit").click_accesskit();
    settle(&mut harness);
    assert!(
        harness.query_by_label("Edit account").is_some(),
        "edit form open"
    );
    harness.get_by_label("secretKey").focus();
    harness.step();
    harness.event(egui::Event::Text("not-the-secret".to_owned()));
    harness.step();
    harness.get_by_label("Save").click_accesskit();
    wait_for(&mut harness, "the account to be saved", |h| {
        h.query_by_label_contains("Saved WP Desk").is_some()
    });
    harness
        .get_all_by_label("Test connection")
        .last()
        .expect("second account")
        .click_accesskit();
    wait_for(&mut harness, "the refusal", |h| {
        h.query_by_label_contains("认证失败").is_some()
            || h.query_by_label_contains("refused the credentials")
                .is_some()
    });
}
