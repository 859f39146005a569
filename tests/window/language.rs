//! Chinese and English: switching the language relabels the window and is remembered, and every
//! screen and picker draws in Chinese without a missing glyph. Needs the loopback sandbox for the
//! shipment whose tracking History shows.

use egui::Key;
use egui_kittest::kittest::Queryable as _;
use shipdesk::ui::Language;

use crate::harness::{harness, settle, wait_for, wait_until_saved, window_with_a_zyl_shipment};

#[test]
fn switching_language_changes_the_labels_and_is_remembered() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    assert!(harness.query_by_label("Recipient").is_some());
    harness.get_by_label("中文").click();
    settle(&mut harness);
    assert_eq!(harness.state().language(), Language::Zh);
    assert!(harness.query_by_label("收件人").is_some());
    assert!(harness.query_by_label("Recipient").is_none());
    assert!(harness.query_by_label_contains("创建运单").is_some());
    // Remembered for the next start.
    let saved = dir.path().join("window.json");
    wait_until_saved(&saved, "\"Zh\"", "language not saved");
    drop(harness);
    let harness = self::harness(dir.path());
    assert!(harness.query_by_label("收件人").is_some());
}

/// Every screen and picker drawn in Chinese: kittest fails on any glyph the fonts lack, so
/// this walks the places new words appear (account settings per forwarder and their choices,
/// History's detail pane with tracking, sender profiles, presets).
#[test]
fn every_screen_draws_in_chinese_without_a_missing_glyph() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = window_with_a_zyl_shipment(dir.path(), "ZH-1");
    harness.get_by_label("中文").click();
    settle(&mut harness);
    harness.get_by_label_contains("存为档案").click();
    settle(&mut harness);

    // History: the detail pane and the tracking block, in Chinese.
    harness.get_by_label("历史  (Ctrl+F)").click();
    wait_for(&mut harness, "the shipment", |h| {
        h.query_by_label("ZH-1").is_some()
    });
    harness.get_by_label("ZH-1").click();
    wait_for(&mut harness, "the tracking button", |h| {
        h.query_by_label("刷新轨迹").is_some()
    });
    harness.get_by_label("刷新轨迹").click_accesskit();
    wait_for(&mut harness, "the scans in Chinese", |h| {
        h.query_by_label("已揽收").is_some()
    });

    // Accounts: every forwarder's own settings, and each choice opened.
    // The top bar's tab (History's table and detail pane name a column the same).
    harness
        .get_all_by_label("账号")
        .next()
        .expect("the Accounts tab")
        .click_accesskit();
    settle(&mut harness);
    harness.get_by_label("添加账号").click_accesskit();
    settle(&mut harness);
    // A new account starts on Western Post, with its own setting.
    harness.get_by_label("签名路径（留空：请求本身路径）");
    for (forwarder, choice) in [
        ("易仓", Some("下单前试算运费（feeTrail）")),
        ("ZYL", Some("认证方式")),
        ("logssc（LSO）", None),
    ] {
        harness
            .get_by_role_and_label(egui::accesskit::Role::ComboBox, "物流商")
            .click_accesskit();
        settle(&mut harness);
        // The picker's option (an account may bear the same name; the open popup is drawn last).
        harness
            .get_all_by_label(forwarder)
            .last()
            .expect("the option")
            .click_accesskit();
        settle(&mut harness);
        if let Some(choice) = choice {
            harness
                .get_by_role_and_label(egui::accesskit::Role::ComboBox, choice)
                .click_accesskit();
            settle(&mut harness);
            harness.key_press(Key::Escape);
            settle(&mut harness);
        }
    }
    // logssc (the last picked) shows its paths.
    harness.get_by_label("获取 token 路径");
}
