//! The Accounts screen: an account added in the window keeps its secret in the keychain (an
//! in-memory one here) and nowhere in the database, and Test connection gets the sandbox's
//! verdict for the right secret and the wrong one; an account on plain http is warned about
//! while typed and marked in the list, in both languages; the packer named at the desk is
//! recorded with what is bought and remembered. Needs the loopback sandbox.

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

#[test]
fn an_account_on_plain_http_is_warned_about_while_typed_and_marked_in_the_list() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    harness.get_by_label("Accounts").click_accesskit();
    settle(&mut harness);
    harness.get_by_label("Add account").click_accesskit();
    settle(&mut harness);
    let sentence = "This account's credentials and orders travel unencrypted (http://, not https://) to dms.qa.xiyou56.com";
    for (label, text) in [
        ("Account name", "Plain Desk"),
        ("Base URL", "http://dms.qa.xiyou56.com"),
    ] {
        harness.get_by_label(label).focus();
        harness.step();
        harness.event(egui::Event::Text(text.to_owned()));
        harness.step();
    }
    // Before Save: said while the address is typed.
    settle(&mut harness);
    assert!(
        harness.query_by_label_contains(sentence).is_some(),
        "the warning while typing"
    );
    for (label, text) in [
        ("openKeyId", shipdesk::sandbox::DEMO_OPEN_KEY_ID),
        ("secretKey", shipdesk::sandbox::DEMO_SECRET_KEY),
    ] {
        harness.get_by_label(label).focus();
        harness.step();
        harness.event(egui::Event::Text(text.to_owned()));
        harness.step();
    }
    harness.get_by_label("Save").click_accesskit();
    // Saved all the same (some forwarders speak only http), and marked in the list.
    wait_for(&mut harness, "the account to be saved", |h| {
        h.query_by_label_contains("Saved Plain Desk").is_some()
    });
    wait_for(&mut harness, "the mark", |h| {
        h.query_by_label("unencrypted http").is_some()
    });
    // Only the one account is marked: the built-in ones are not.
    assert_eq!(harness.query_all_by_label("unencrypted http").count(), 1);
    assert!(
        harness.query_by_label_contains(sentence).is_none(),
        "the form is closed"
    );
    harness.get_by_label("unencrypted http").hover();
    wait_for(&mut harness, "the sentence on hover", |h| {
        h.query_by_label_contains(sentence).is_some()
    });

    // In Chinese (kittest fails on a glyph the fonts lack, the mark's included).
    harness.get_by_label("中文").click();
    settle(&mut harness);
    assert!(harness.query_by_label("未加密 http").is_some());
    assert!(
        harness
            .query_by_label_contains("此账号的密钥和订单将以明文")
            .is_none()
    );
    harness.get_by_label("未加密 http").hover();
    wait_for(&mut harness, "the sentence in Chinese", |h| {
        h.query_by_label_contains("此账号的密钥和订单将以明文")
            .is_some()
    });
}

#[test]
fn the_packer_named_at_the_desk_is_recorded_with_what_is_bought_and_remembered() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    harness.get_by_label("Packer: nobody said").click();
    settle(&mut harness);
    assert!(harness.get_by_label("Packer").is_focused(), "ready to type");
    harness.event(egui::Event::Text("李伟".to_owned()));
    harness.step();
    harness.key_press(egui::Key::Enter);
    wait_for(&mut harness, "the notice", |h| {
        h.query_by_label_contains("recorded under 李伟").is_some()
    });
    harness.get_by_label("Packer: 李伟");
    let report = harness
        .state()
        .engine()
        .call(shipdesk::engine::Ship::new(
            crate::common::seed_order(),
            "Sandbox",
        ))
        .expect("shipped");
    let record = crate::common::record(harness.state().engine(), &report.reference);
    assert_eq!(record.operator, "李伟");

    // The next morning: the same desk, the same name, before anyone types it.
    let saved = dir.path().join("window.json");
    crate::harness::wait_until_saved(&saved, "李伟", "the operator not remembered");
    drop(harness);
    let harness = crate::harness::harness(dir.path());
    harness.get_by_label("Packer: 李伟");
    let mut order = crate::common::seed_order();
    order.reference = "OP-0002".to_owned();
    harness
        .state()
        .engine()
        .call(shipdesk::engine::Ship::new(order, "Sandbox"))
        .expect("shipped");
    assert_eq!(
        crate::common::record(harness.state().engine(), "OP-0002").operator,
        "李伟"
    );
    let _ = harness.get_by_label("Packer: 李伟").rect();
}
