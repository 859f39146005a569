//! What the window says, as a packer and a supervisor read it without hovering: every problem
//! in words at its field, summaries that go once fixed, notices that belong to their screen,
//! History's empty search, void labels, and a keychain that cannot be reached keeping what was
//! typed. Needs the loopback sandbox.

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shipdesk::engine::{Cancel, Ship};
use shipdesk::secrets::Keychain;
use shipdesk::ui::ShipdeskApp;

use crate::common;
use crate::harness::{fill_order_by_keyboard, harness, harness_with_keychain, settle, wait_for};

fn typed_into(harness: &mut Harness<'static, ShipdeskApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(Event::Text(text.to_owned()));
    harness.step();
}

#[test]
fn a_bad_number_is_said_in_words_and_the_summary_goes_once_everything_is_fixed() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    fill_order_by_keyboard(&mut harness, false);
    typed_into(&mut harness, "Weight 1", "abc");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    settle(&mut harness);
    // The reason is on screen, not in a tooltip, and the summary counts it.
    assert!(
        harness
            .query_by_label_contains("Box 1 · Weight ·")
            .is_some(),
        "the weight's problem in words"
    );
    assert!(
        harness
            .query_by_label_contains("Not sent: 1 field needs attention")
            .is_some()
    );
    typed_into(&mut harness, "Weight 1", "2.5");
    settle(&mut harness);
    assert!(
        harness.query_by_label_contains("Not sent:").is_none(),
        "gone once fixed"
    );
    assert!(
        harness
            .query_by_label_contains("Box 1 · Weight ·")
            .is_none()
    );
}

#[test]
fn the_used_reference_hint_does_not_outlive_a_new_order() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    harness
        .state()
        .engine()
        .call(Ship::new(
            common::order("HINT-1"),
            shipdesk::engine::SANDBOX_ACCOUNT,
        ))
        .expect("sent");
    typed_into(&mut harness, "Reference", "HINT-1");
    wait_for(&mut harness, "the hint", |h| {
        h.query_by_label_contains("Already used by a shipment")
            .is_some()
    });
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    settle(&mut harness);
    wait_for(&mut harness, "the hint to go", |h| {
        h.query_by_label_contains("Already used by a shipment")
            .is_none()
    });
}

#[test]
fn an_account_refusal_goes_as_the_form_is_fixed_and_an_unreachable_keychain_keeps_the_form() {
    let dir = tempfile::tempdir().expect("tmp");
    let unreachable = Keychain::unreachable("org.freedesktop.DBus.Error.ServiceUnknown");
    let mut harness = harness_with_keychain(dir.path(), unreachable);
    harness.get_by_label("Accounts").click_accesskit();
    settle(&mut harness);
    harness.get_by_label("Add account").click_accesskit();
    settle(&mut harness);
    // No name: refused; typing one takes the refusal away.
    harness.get_by_label("Save").click_accesskit();
    wait_for(&mut harness, "the refusal", |h| {
        h.query_by_label_contains("Give the account a name")
            .is_some()
    });
    typed_into(&mut harness, "Account name", "WP Desk");
    settle(&mut harness);
    assert!(
        harness
            .query_by_label_contains("Give the account a name")
            .is_none()
    );
    // With a keychain that cannot be reached: a sentence saying what to start, in words a
    // packer reads (not the D-Bus error), and the form as it was typed.
    typed_into(&mut harness, "Base URL", "https://dms.xiyou56.com");
    typed_into(&mut harness, "openKeyId", "key-id");
    typed_into(&mut harness, "secretKey", "the-secret");
    harness.get_by_label("Save").click_accesskit();
    wait_for(&mut harness, "the keychain's refusal", |h| {
        h.query_by_label_contains("The system keychain cannot be reached")
            .is_some()
    });
    assert!(harness.query_by_label_contains("ServiceUnknown").is_none());
    assert_eq!(
        harness
            .get_by_label("Account name")
            .value()
            .unwrap_or_default(),
        "WP Desk",
        "the form is kept"
    );
    assert!(
        harness.query_by_label("New account").is_some(),
        "still open"
    );
    // In Chinese too, without the English inside.
    harness.get_by_label("中文").click_accesskit();
    settle(&mut harness);
    assert!(
        harness
            .query_by_label_contains("无法连接系统钥匙串")
            .is_some(),
        "the Chinese sentence"
    );
    assert!(harness.query_by_label_contains("ServiceUnknown").is_none());
}

#[test]
fn history_says_when_nothing_matches_and_its_notices_stay_on_history() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    harness
        .state()
        .engine()
        .call(Ship::new(
            common::order("NOTE-1"),
            shipdesk::engine::SANDBOX_ACCOUNT,
        ))
        .expect("sent");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    settle(&mut harness);
    harness.event(Event::Text("nothing-like-this".to_owned()));
    wait_for(&mut harness, "the empty result", |h| {
        h.query_by_label_contains("No shipment matches this search.")
            .is_some()
    });
    typed_into(&mut harness, "Search", "NOTE-1");
    wait_for(&mut harness, "the row", |h| {
        h.query_by_label("NOTE-1").is_some()
    });
    // Export with no file dialog at all: the path is typed (the folder last used is offered).
    harness.get_by_label("Export CSV…").click_accesskit();
    settle(&mut harness);
    let file = dir.path().join("notes.csv");
    typed_into(&mut harness, "Export to", &file.display().to_string());
    harness.get_by_label("Save CSV").click_accesskit();
    wait_for(&mut harness, "the export notice", |h| {
        h.query_by_label_contains("Exported 1 shipment to")
            .is_some()
    });
    assert!(std::fs::read_to_string(&file).is_ok_and(|t| t.contains("NOTE-1")));
    // The notice is History's: not on the Ship screen, back on History.
    harness.get_by_label("Ship").click_accesskit();
    settle(&mut harness);
    assert!(
        harness
            .query_by_label_contains("Exported 1 shipment")
            .is_none()
    );
    harness.get_by_label("History  (Ctrl+F)").click_accesskit();
    settle(&mut harness);
    assert!(
        harness
            .query_by_label_contains("Exported 1 shipment")
            .is_some()
    );
}

#[test]
fn an_eccang_order_clears_the_form_like_any_other_and_its_cancelled_label_is_void() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    harness
        .state()
        .engine()
        .set_poll_interval(std::time::Duration::from_millis(50));
    // The built-in ECCANG sandbox account, picked in the form.
    harness.get_by_label("Account").click_accesskit();
    settle(&mut harness);
    harness
        .get_by_label_contains("Sandbox ECCANG")
        .click_accesskit();
    settle(&mut harness);
    fill_order_by_keyboard(&mut harness, false);
    // ECCANG declares what is in the box.
    typed_into(&mut harness, "Name (EN) 1", "Phone case");
    typed_into(&mut harness, "Unit value 1", "3.50");
    typed_into(&mut harness, "HS code 1", "392690");
    let reference = harness
        .get_by_label("Reference")
        .value()
        .unwrap_or_default();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    settle(&mut harness);
    assert!(
        harness.query_by_label_contains("Not sent").is_none(),
        "{:#?}",
        harness.root()
    );
    wait_for(&mut harness, "the result", |h| {
        h.query_by_label_contains(&format!("{reference}: "))
            .is_some()
    });
    assert_eq!(
        harness
            .get_all_by_label("Name")
            .next()
            .and_then(|n| n.value())
            .unwrap_or_default(),
        "",
        "the form is ready for the next order"
    );
    common::wait_for_state(
        harness.state().engine(),
        &reference,
        shipdesk::model::ShipmentState::Created,
    );
    harness
        .state()
        .engine()
        .call(Cancel::of(reference.clone()))
        .expect("cancelled");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    settle(&mut harness);
    harness.event(Event::Text(reference.clone()));
    wait_for(&mut harness, "the row", |h| {
        h.query_by_label(&reference).is_some()
    });
    harness.get_by_label(&reference).click();
    wait_for(&mut harness, "the VOID mark", |h| {
        h.query_by_label_contains("VOID: this shipment is cancelled or refunded")
            .is_some()
    });
    harness.get_by_label("Print").click_accesskit();
    settle(&mut harness);
    assert!(
        harness
            .query_by_label_contains("This label is void")
            .is_some(),
        "printing a void label asks first"
    );
}
