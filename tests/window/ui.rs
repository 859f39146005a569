//! The window, driven through egui_kittest (AccessKit) as a packer and a supervisor would:
//! keyboard first, against the real engine, SQLite file and loopback sandbox. kittest also panics
//! on any glyph the fonts lack, so every Chinese label here proves it renders.

use crate::common;

use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shipdesk::engine::{Engine, EngineConfig};
use shipdesk::secrets::Keychain;
use shipdesk::store::HistoryQuery;
use shipdesk::ui::{Language, ShipdeskApp, install_cjk_fallback};

fn harness(dir: &std::path::Path) -> Harness<'static, ShipdeskApp> {
    harness_with_keychain(dir, Keychain::in_memory())
}

/// The window over `dir`, its engine keeping secrets in `keychain`.
fn harness_with_keychain(
    dir: &std::path::Path,
    keychain: Keychain,
) -> Harness<'static, ShipdeskApp> {
    let data_dir = dir.to_owned();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 1000.0))
        .build_eframe(move |cc| {
            install_cjk_fallback(&cc.egui_ctx);
            let mut engine = Engine::start(
                EngineConfig {
                    data_dir: data_dir.clone(),
                },
                keychain.clone(),
            )
            .expect("engine");
            let events = engine.take_events().expect("events");
            let ctx = cc.egui_ctx.clone();
            engine.set_on_event(Box::new(move || ctx.request_repaint()));
            ShipdeskApp::new(engine, events, &data_dir)
        });
    settle(&mut harness);
    harness
}

/// Every shipment the window's engine has recorded, newest first.
fn all_shipments(harness: &Harness<'static, ShipdeskApp>) -> Vec<shipdesk::store::ShipmentRecord> {
    harness
        .state()
        .engine()
        .with_store(|s| s.search(&HistoryQuery::default()))
        .expect("store")
}

/// The URL of the window's built-in sandbox server.
fn builtin_sandbox_url(harness: &Harness<'static, ShipdeskApp>) -> String {
    let engine = harness.state().engine();
    engine
        .block_on(engine.builtin_sandbox())
        .expect("sandbox")
        .base_url()
}

/// Waits (up to 5 s) until the window's saved file `saved` holds `text`; fails with `missing`.
fn wait_until_saved(saved: &std::path::Path, text: &str, missing: &str) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !std::fs::read_to_string(saved).is_ok_and(|t| t.contains(text)) {
        assert!(Instant::now() < deadline, "{missing}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs frames until the app stops asking for more (engine answers arrive on other threads).
fn settle(harness: &mut Harness<'static, ShipdeskApp>) {
    for _ in 0..5 {
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Steps until `found` holds, or fails after 20 s naming what it waited for.
fn wait_for(
    harness: &mut Harness<'static, ShipdeskApp>,
    what: &str,
    found: impl Fn(&Harness<'static, ShipdeskApp>) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !found(harness) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Types into the focused field, then Tab to the next one.
fn type_then_tab(harness: &mut Harness<'static, ShipdeskApp>, text: &str) {
    if !text.is_empty() {
        harness.event(egui::Event::Text(text.to_owned()));
        harness.step();
    }
    harness.key_press(Key::Tab);
    harness.step();
}

/// Fills the recipient, sender and first parcel with the keyboard alone, starting with the
/// focus in the recipient's Name field. `skip_postcode` leaves the recipient postcode empty.
fn fill_order_by_keyboard(harness: &mut Harness<'static, ShipdeskApp>, skip_postcode: bool) {
    harness
        .get_all_by_label("Name")
        .next()
        .expect("recipient name")
        .focus();
    harness.step();
    let postcode = if skip_postcode { "" } else { "90048" };
    // Recipient: name, company, phone, street, street 2, city, state, postcode, country, e-mail.
    for text in [
        "Flynn Rider",
        "",
        "13122223333",
        "1215 Polk St",
        "",
        "Hollywood",
        "FL",
        postcode,
        "US",
        "",
    ] {
        type_then_tab(harness, text);
    }
    // Sender, same order.
    for text in [
        "Tim Chen",
        "Sunrise Trading",
        "13255555555",
        "15050 Slover Ave",
        "",
        "Fontana",
        "CA",
        "92335",
        "US",
        "",
    ] {
        type_then_tab(harness, text);
    }
    // Parcel 1: length, width, height, (unit), weight.
    for text in ["30", "20", "10", ""] {
        type_then_tab(harness, text);
    }
    type_then_tab(harness, "2.5");
}

/// Adds a Western Post account through the Accounts screen (the sandbox's demo key id and the
/// given secret), ticking auto-print if asked, and waits until it is saved.
fn add_account_in_window(
    harness: &mut Harness<'static, ShipdeskApp>,
    name: &str,
    base_url: &str,
    secret: &str,
    auto_print: bool,
) {
    harness.get_by_label("Accounts").click_accesskit();
    settle(harness);
    harness.get_by_label("Add account").click_accesskit();
    settle(harness);
    for (label, text) in [
        ("Account name", name),
        ("Base URL", base_url),
        ("Default service code", "WP_GROUND"),
        ("openKeyId", shipdesk::sandbox::DEMO_OPEN_KEY_ID),
        ("secretKey", secret),
    ] {
        harness.get_by_label(label).focus();
        harness.step();
        harness.event(egui::Event::Text(text.to_owned()));
        harness.step();
    }
    if auto_print {
        harness
            .get_by_label("Print each label as soon as it arrives")
            .click_accesskit();
        harness.step();
    }
    harness.get_by_label("Save").click_accesskit();
    let saved = format!("Saved {name}");
    wait_for(harness, "the account to be saved", |h| {
        h.query_by_label_contains(&saved).is_some()
    });
}

#[test]
fn keyboard_only_from_an_empty_form_to_a_created_shipment_then_found_in_history() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    fill_order_by_keyboard(&mut harness, false);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    wait_for(&mut harness, "the tracking number", |h| {
        h.query_by_label_contains("SBX").is_some()
    });

    // Recorded for real: one created shipment, label stored.
    let records = all_shipments(&harness);
    assert_eq!(records.len(), 1);
    let tracking = records[0].tracking_number.clone().expect("tracking number");
    // The window shows the number the forwarder gave, and the label drawn as it will print.
    harness.get_by_label(&tracking);
    wait_for(&mut harness, "the label preview", |h| {
        h.query_by_label("Label preview page 1").is_some()
    });
    assert_eq!(records[0].order.recipient.name, "Flynn Rider");
    assert_eq!(records[0].order.parcels[0].weight.to_string(), "2.5");
    let reference = records[0].reference.clone();

    // The form is ready for the next order: a new reference, the sender kept.
    let new_reference = harness
        .get_by_label("Reference")
        .value()
        .unwrap_or_default();
    assert_ne!(new_reference, reference);

    // History finds it by its tracking number.
    harness.get_by_label("History").click();
    settle(&mut harness);
    harness.get_by_label("Search").focus();
    harness.step();
    harness.event(egui::Event::Text(tracking.clone()));
    wait_for(&mut harness, "the shipment in History", |h| {
        h.query_by_label(&reference).is_some()
    });
}

#[test]
fn a_missing_required_field_shows_its_message_and_sends_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    fill_order_by_keyboard(&mut harness, true);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    settle(&mut harness);
    harness.get_by_label("Recipient postcode is required");
    harness.get_by_label_contains("Not sent");
    let records = all_shipments(&harness);
    assert!(records.is_empty(), "nothing recorded, nothing sent");
    // Fixing the field clears its message.
    let postcode = harness
        .get_all_by_label("Postcode")
        .next()
        .expect("recipient postcode");
    postcode.focus();
    harness.step();
    harness.event(egui::Event::Text("90048".to_owned()));
    settle(&mut harness);
    assert!(
        harness
            .query_by_label("Recipient postcode is required")
            .is_none()
    );
}

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

#[test]
fn the_draft_survives_closing_the_window() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    harness
        .get_all_by_label("Name")
        .next()
        .expect("recipient name")
        .focus();
    harness.step();
    harness.event(egui::Event::Text("王小明".to_owned()));
    settle(&mut harness);
    let saved = dir.path().join("window.json");
    wait_until_saved(&saved, "王小明", "draft not saved");
    drop(harness);
    let harness = self::harness(dir.path());
    let name = harness
        .get_all_by_label("Name")
        .next()
        .expect("recipient name");
    assert_eq!(name.value().as_deref(), Some("王小明"));
}

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
    wait_for(&mut harness, "the account in the list", |h| {
        h.query_all_by_label("Test connection").count() == 2
    });
    harness
        .get_all_by_label("Test connection")
        .nth(1)
        .expect("second account")
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
        .nth(1)
        .expect("second account")
        .click_accesskit();
    wait_for(&mut harness, "the refusal", |h| {
        h.query_by_label_contains("认证失败").is_some()
            || h.query_by_label_contains("refused the credentials")
                .is_some()
    });
}

#[test]
fn the_address_book_offers_earlier_recipients_and_alt_1_fills_the_address() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    // One earlier shipment to flynn (seed 000's recipient).
    let order = common::seed_order();
    {
        let engine = harness.state().engine();
        engine
            .block_on(engine.ship(order, "Sandbox"))
            .expect("shipped");
    }
    harness
        .get_all_by_label("Name")
        .next()
        .expect("recipient name")
        .focus();
    harness.step();
    harness.event(egui::Event::Text("fl".to_owned()));
    wait_for(&mut harness, "the suggestion", |h| {
        h.query_by_label_contains("Alt+1 flynn").is_some()
    });
    harness.key_press_modifiers(Modifiers::ALT, Key::Num1);
    settle(&mut harness);
    let street = harness
        .get_all_by_label("Street")
        .next()
        .expect("recipient street");
    assert_eq!(
        street.value().as_deref(),
        Some("1215 Polk St, Hollywood, FL 33019")
    );
    let postcode = harness
        .get_all_by_label("Postcode")
        .next()
        .expect("recipient postcode");
    assert_eq!(postcode.value().as_deref(), Some("90048"));
}

#[test]
fn auto_print_sends_a_new_label_to_the_desk_printer_once_and_print_reprints() {
    let printer = common::printer::LabelPrinter::start();
    let dir = tempfile::tempdir().expect("tmp");
    // A returning user: the desk printer is set and the last account used was "WP Auto".
    let remembered = serde_json::json!({
        "last_account": "WP Auto",
        "printer": { "uri": printer.uri(), "media": "na_index-4x6_4x6in" }
    });
    std::fs::write(dir.path().join("window.json"), remembered.to_string()).expect("window.json");
    let mut harness = harness(dir.path());
    let base_url = builtin_sandbox_url(&harness);
    // Add the account with auto-print on, through the Accounts screen.
    add_account_in_window(
        &mut harness,
        "WP Auto",
        &base_url,
        shipdesk::sandbox::DEMO_SECRET_KEY,
        true,
    );

    harness.get_by_label("Ship").click_accesskit();
    settle(&mut harness);
    fill_order_by_keyboard(&mut harness, false);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    wait_for(&mut harness, "the automatic print", |h| {
        h.query_by_label_contains("printed (job").is_some()
    });
    let spool = printer.spool();
    assert_eq!(
        common::printer::files_with(&spool, "pdf").len(),
        1,
        "printed once, automatically"
    );
    let record = all_shipments(&harness).remove(0);
    assert_eq!(record.print_count, 1);
    assert_eq!(record.state, shipdesk::model::ShipmentState::Printed);

    // A reprint is the packer's choice, from the result panel.
    harness.get_by_label("Print label").click_accesskit();
    wait_for(&mut harness, "the reprint", |h| {
        h.query_by_label_contains("2x").is_some()
    });
    assert_eq!(common::printer::files_with(&spool, "pdf").len(), 2);
}

/// Before the window starts: an account `name` of `kind` on the built-in sandbox (its demo
/// secrets apply), and with `last_used` the window remembers it as the last account.
fn sandbox_account_before_start(
    dir: &std::path::Path,
    name: &str,
    kind: shipdesk::carriers::ForwarderKind,
    service_code: &str,
    last_used: bool,
) {
    let store =
        shipdesk::store::Store::open(&dir.join(shipdesk::store::DATABASE_FILE)).expect("store");
    store
        .save_account(&shipdesk::carriers::Account {
            name: name.to_owned(),
            forwarder: kind,
            base_url: shipdesk::engine::SANDBOX_BASE_URL.to_owned(),
            settings: shipdesk::carriers::AccountSettings {
                default_service_code: service_code.to_owned(),
                ..Default::default()
            },
            builtin_sandbox: false,
        })
        .expect("account");
    if last_used {
        let remembered = serde_json::json!({ "last_account": name }).to_string();
        std::fs::write(dir.join("window.json"), remembered).expect("window.json");
    }
}

/// The window over `dir` with a ZYL account on the built-in sandbox and one created shipment
/// under `reference` (its label already drawn, so the parcel has moved).
fn window_with_a_zyl_shipment(
    dir: &std::path::Path,
    reference: &str,
) -> Harness<'static, ShipdeskApp> {
    let keychain = Keychain::in_memory();
    let harness = harness_with_keychain(dir, keychain.clone());
    let engine = harness.state().engine();
    let sandbox = engine.block_on(engine.builtin_sandbox()).expect("sandbox");
    sandbox.set_zyl_label_after_polls(0);
    engine.set_poll_interval(Duration::from_millis(50));
    common::forwarders::add_zyl_account(
        engine,
        &keychain,
        "ZYL",
        &sandbox.base_url(),
        shipdesk::carriers::zyl::AuthMode::default(),
    );
    engine
        .block_on(engine.ship(common::forwarders::zyl_order(reference), "ZYL"))
        .expect("sent");
    common::wait_for_state(engine, reference, shipdesk::model::ShipmentState::Created);
    harness
}

#[test]
fn history_asks_the_forwarder_for_tracking_and_shows_the_scans() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = window_with_a_zyl_shipment(dir.path(), "ZT-UI-1");
    harness.get_by_label("History").click();
    wait_for(&mut harness, "the shipment in History", |h| {
        h.query_by_label("ZT-UI-1").is_some()
    });
    harness.get_by_label("ZT-UI-1").click();
    wait_for(&mut harness, "the tracking button", |h| {
        h.query_by_label("Refresh tracking").is_some()
    });
    harness.get_by_label("Refresh tracking").click_accesskit();
    wait_for(&mut harness, "the scans", |h| {
        h.query_by_label("Picked up").is_some()
    });
    harness.get_by_label("Order information received");
    // Kept: the scans are still there after the detail is read again from the database.
    let kept = harness.state().engine().with_store(|s| {
        let record = s.shipment("ZT-UI-1").expect("store").expect("recorded");
        s.events(record.id).expect("events")
    });
    assert!(
        kept.iter()
            .any(|e| e.kind == shipdesk::store::EventKind::Tracking)
    );
}

#[test]
fn a_history_header_click_sorts_the_table_by_that_column() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    {
        let engine = harness.state().engine();
        // Recorded in this order: newest first puts B-2 on top; by reference A-1 goes first.
        for reference in ["A-1", "B-2"] {
            engine
                .block_on(engine.ship(common::order(reference), shipdesk::engine::SANDBOX_ACCOUNT))
                .expect("sent");
        }
    }
    harness.get_by_label("History").click();
    wait_for(&mut harness, "both shipments", |h| {
        h.query_by_label("A-1").is_some() && h.query_by_label("B-2").is_some()
    });
    let above = |h: &Harness<'static, ShipdeskApp>, upper: &str, lower: &str| {
        h.get_by_label(upper).rect().top() < h.get_by_label(lower).rect().top()
    };
    assert!(above(&harness, "B-2", "A-1"), "newest first by default");
    harness.get_by_label("Sort by Reference").click_accesskit();
    wait_for(&mut harness, "A to Z by reference", |h| {
        above(h, "A-1", "B-2")
    });

    harness.get_by_label("Sort by Reference").click_accesskit();
    wait_for(&mut harness, "Z to A by reference", |h| {
        above(h, "B-2", "A-1")
    });
}

#[test]
fn sender_profiles_and_parcel_presets_are_stored_and_reused() {
    let dir = tempfile::tempdir().expect("tmp");
    {
        let mut harness = harness(dir.path());
        fill_order_by_keyboard(&mut harness, false);
        // The sender typed by keyboard becomes the profile "Warehouse A".
        harness.get_by_label("Save as profile…").click();
        settle(&mut harness);
        harness.get_by_label("Profile name").focus();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        harness.event(egui::Event::Text("Warehouse A".to_owned()));
        harness.step();
        harness.get_by_label("Save profile").click_accesskit();
        wait_for(&mut harness, "the profile link", |h| {
            h.query_by_label("Warehouse A").is_some()
        });
        // Box 1 (30 x 20 x 10 cm, 2.5 kg) becomes the preset "Shoe box".
        harness
            .get_by_label("Save box 1 as preset…")
            .click_accesskit();
        settle(&mut harness);
        harness.get_by_label("Preset name").focus();
        harness.event(egui::Event::Text("Shoe box".to_owned()));
        harness.step();
        harness.get_by_label("Save preset").click_accesskit();
        wait_for(&mut harness, "the preset button", |h| {
            h.query_by_label("Shoe box").is_some()
        });
        let (profiles, presets) = harness.state().engine().with_store(|s| {
            (
                s.sender_profiles().expect("profiles"),
                s.parcel_presets().expect("presets"),
            )
        });
        assert_eq!(profiles.len(), 1);
        assert_eq!(profiles[0].address.company, "Sunrise Trading");
        assert_eq!(presets.len(), 1);
        assert_eq!(presets[0].length.to_string(), "30");
        assert_eq!(
            presets[0].weight.map(|w| w.to_string()),
            Some("2.5".to_owned())
        );
    }
    // The next day: both are still there, and each fills the form in one click.
    let mut harness = harness(dir.path());
    wait_for(&mut harness, "the stored preset", |h| {
        h.query_by_label("Shoe box").is_some()
    });
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.step();
    let sender_name = |h: &Harness<'static, ShipdeskApp>| {
        h.get_all_by_label("Name")
            .nth(1)
            .and_then(|n| n.value())
            .unwrap_or_default()
    };
    // Make the sender differ from the profile, then pick the profile back.
    harness
        .get_all_by_label("Name")
        .nth(1)
        .expect("sender name")
        .focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("Someone Else".to_owned()));
    harness.step();
    assert_eq!(sender_name(&harness), "Someone Else");
    harness.get_by_label("Warehouse A").click();
    harness.step();
    harness.step();
    assert_eq!(sender_name(&harness), "Tim Chen");
    // An empty box 1 takes the preset's dimensions and weight.
    harness.get_by_label("Shoe box").click_accesskit();
    harness.step();
    harness.step();
    let field = |h: &Harness<'static, ShipdeskApp>, label: &str| {
        h.get_by_label(label).value().unwrap_or_default()
    };
    assert_eq!(field(&harness, "Length 1"), "30");
    assert_eq!(field(&harness, "Height 1"), "10");
    assert_eq!(field(&harness, "Weight 1"), "2.5");
    // Deleting a profile asks once more; "Yes, delete" removes it from the database.
    harness.get_by_label("Delete profile").click();
    settle(&mut harness);
    harness.get_by_label("Delete this profile?");
    harness.get_by_label("Yes, delete").click();
    wait_for(&mut harness, "the profile to go", |h| {
        h.query_by_label("Warehouse A").is_none()
    });
    let left = harness
        .state()
        .engine()
        .with_store(|s| s.sender_profiles().expect("profiles"));
    assert!(left.is_empty());
}

#[test]
fn a_reference_already_in_history_is_flagged_while_typed_and_not_sent() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    {
        let engine = harness.state().engine();
        engine
            .block_on(engine.ship(
                common::order("SCAN-0042"),
                shipdesk::engine::SANDBOX_ACCOUNT,
            ))
            .expect("sent");
    }
    fill_order_by_keyboard(&mut harness, false);
    // A scanner types the parcel's reference into the field.
    harness.get_by_label("Reference").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("SCAN-0042".to_owned()));
    wait_for(&mut harness, "the already-used hint", |h| {
        h.query_by_label_contains("Already used by a shipment")
            .is_some()
    });
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    wait_for(&mut harness, "the refusal", |h| {
        h.query_by_label_contains("Not sent: reference SCAN-0042")
            .is_some()
    });
    let recorded = all_shipments(&harness).len();
    assert_eq!(recorded, 1, "nothing new was sent");
    harness.get_by_label("Use a new reference").click();
    wait_for(&mut harness, "the hint to clear", |h| {
        h.query_by_label_contains("Already used by a shipment")
            .is_none()
    });
    let reference = harness
        .get_by_label("Reference")
        .value()
        .unwrap_or_default();
    assert!(reference.starts_with("SD-"), "{reference}");
}

#[test]
fn history_prints_ticked_shipments_as_one_job_and_shows_how_often_each_was_printed() {
    let printer = common::printer::LabelPrinter::start();
    let dir = tempfile::tempdir().expect("tmp");
    // Two shipments bought earlier, and the desk printer set (printers.json, as the window saves it).
    {
        let engine = Engine::start(
            EngineConfig {
                data_dir: dir.path().to_owned(),
            },
            Keychain::in_memory(),
        )
        .expect("engine");
        for reference in ["TICK-1", "TICK-2"] {
            let mut order = common::example_order("order-seed000.json");
            order.reference = reference.to_owned();
            engine
                .block_on(engine.ship(order, shipdesk::engine::SANDBOX_ACCOUNT))
                .expect("shipped");
        }
    }
    let printers = serde_json::json!({ "desk": printer.uri() });
    std::fs::write(dir.path().join("printers.json"), printers.to_string()).expect("printers.json");
    let mut harness = harness(dir.path());
    harness.get_by_label("History").click();
    wait_for(&mut harness, "both shipments listed", |h| {
        h.query_by_label("Select TICK-2").is_some() && h.query_by_label("Select TICK-1").is_some()
    });
    harness.get_by_label("Select TICK-1").click_accesskit();
    harness.step();
    harness.get_by_label("Select TICK-2").click_accesskit();
    settle(&mut harness);
    harness.get_by_label("2 selected");
    harness
        .get_by_label("Print 2 labels as one job")
        .click_accesskit();
    wait_for(&mut harness, "the job", |h| {
        h.query_by_label_contains("TICK-2: printed (job").is_some()
    });
    // One job, two 4x6 pages.
    let received = common::printer::files_with(&printer.spool(), "pdf");
    assert_eq!(received.len(), 1, "{received:?}");
    let info = std::process::Command::new("pdfinfo")
        .arg(&received[0])
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.lines()
            .any(|l| l.split_whitespace().eq(["Pages:", "2"])),
        "{info}"
    );

    // The table's "Printed" column and the detail pane say how often.
    wait_for(&mut harness, "the print count in the table", |h| {
        h.query_all_by_label("1").count() >= 2
    });
    harness.get_by_label("TICK-1").click();
    settle(&mut harness);
    harness.get_by_label("once");
}

#[test]
fn a_logssc_fee_is_shown_esc_buys_nothing_and_enter_buys_at_that_fee() {
    let dir = tempfile::tempdir().expect("tmp");
    // A returning user whose last account is a logssc account on the built-in sandbox.
    sandbox_account_before_start(
        dir.path(),
        "LSO Desk",
        shipdesk::carriers::ForwarderKind::Logssc,
        "",
        true,
    );
    let mut harness = harness(dir.path());
    harness
        .state()
        .engine()
        .set_poll_interval(Duration::from_millis(50));
    fill_order_by_keyboard(&mut harness, false);

    // Ctrl+Enter asks the fee; Esc declines it: nothing recorded, nothing bought.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    wait_for(&mut harness, "the fee", |h| {
        h.query_by_label_contains("Buy the label at this fee?")
            .is_some()
    });
    assert!(harness.query_by_label_contains("USD").is_some());
    harness.key_press(Key::Escape);
    settle(&mut harness);
    harness.get_by_label_contains("Not bought");
    assert!(all_shipments(&harness).is_empty());

    // Again, and Enter buys at the fee shown.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    wait_for(&mut harness, "the fee again", |h| {
        h.query_by_label_contains("Buy the label at this fee?")
            .is_some()
    });
    harness.key_press(Key::Enter);
    wait_for(&mut harness, "the committed order", |h| {
        h.query_by_label_contains("waiting for tracking number")
            .is_some()
    });
    harness.get_by_label_contains("Fee accepted:");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let records = all_shipments(&harness);
        if records.len() == 1 && records[0].state == shipdesk::model::ShipmentState::Created {
            let reference = records[0].reference.clone();
            let record = harness
                .state()
                .engine()
                .with_store(|s| s.shipment(&reference))
                .expect("store")
                .expect("row");
            assert!(record.label.is_some(), "label stored");
            assert!(record.quoted_fee.is_some());
            assert_eq!(record.quoted_fee, record.charged_fee);
            break;
        }
        assert!(Instant::now() < deadline, "not created: {records:?}");
        harness.step();
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_failed_order_holding_the_balance_is_named_in_the_header_and_found_in_history() {
    let dir = tempfile::tempdir().expect("tmp");
    sandbox_account_before_start(
        dir.path(),
        "LSO Desk",
        shipdesk::carriers::ForwarderKind::Logssc,
        "",
        false,
    );
    let mut harness = harness(dir.path());
    {
        let engine = harness.state().engine();
        engine.set_poll_interval(Duration::from_millis(50));
        let sandbox = engine.block_on(engine.builtin_sandbox()).expect("sandbox");
        for reference in ["LSO-OK-1", "LSO-FAIL-1"] {
            let mut order = common::example_order("order-seed003.json");
            order.reference = reference.to_owned();
            let quote = engine
                .block_on(engine.quote(order.clone(), "LSO Desk"))
                .expect("fee");
            if reference == "LSO-FAIL-1" {
                sandbox.fail_next_logssc_order("收件地址不在LSO服务范围");
            }
            engine
                .block_on(engine.ship_quoted(order, "LSO Desk", Some(quote)))
                .expect("placed");
        }
    }
    // The poller finds the failure by itself; the header says so without being asked.
    wait_for(&mut harness, "the refund-due line", |h| {
        h.query_by_label_contains("hold your balance until refunded: LSO-FAIL-1")
            .is_some()
    });
    harness.get_by_label("Show in History").click();
    wait_for(&mut harness, "History on the failed order alone", |h| {
        h.query_by_label("LSO-FAIL-1").is_some() && h.query_by_label("LSO-OK-1").is_none()
    });
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
    harness.get_by_label("历史").click();
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

#[test]
fn a_printer_set_up_in_the_window_prints_with_its_profile() {
    let printer = common::printer::LabelPrinter::start();
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    harness.get_by_label("Accounts").click_accesskit();
    settle(&mut harness);
    harness.get_by_label("Printer address").focus();
    harness.step();
    harness.event(egui::Event::Text(printer.uri()));
    harness.step();
    harness
        .get_by_label("Raster (dots made here)")
        .click_accesskit();
    settle(&mut harness);
    // Saved for the window, the command line and auto-print alike.
    let saved = dir.path().join(shipdesk::print::profile::FILE);
    let deadline = Instant::now() + Duration::from_secs(5);
    while !std::fs::read_to_string(&saved).is_ok_and(|t| t.contains("raster")) {
        assert!(Instant::now() < deadline, "printers.json not saved");
        std::thread::sleep(Duration::from_millis(20));
    }

    harness.get_by_label("Ship").click_accesskit();
    settle(&mut harness);
    fill_order_by_keyboard(&mut harness, false);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    wait_for(&mut harness, "the label", |h| {
        h.query_by_label("Print label").is_some()
    });
    harness.get_by_label("Print label").click_accesskit();
    wait_for(&mut harness, "the print", |h| {
        h.query_by_label_contains("printed (job").is_some()
    });
    // What arrived is the raster the profile asked for: 812 x 1218 one-bit dots.
    let pdfs = common::printer::files_with(&printer.spool(), "pdf");
    assert_eq!(pdfs.len(), 1);
    let images = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&pdfs[0])
        .output()
        .expect("pdfimages");
    let images = String::from_utf8_lossy(&images.stdout);
    assert!(
        images.lines().nth(2).is_some_and(|row| {
            let cells: Vec<&str> = row.split_whitespace().collect();
            cells.get(3..8) == Some(&["812", "1218", "gray", "1", "1"][..])
        }),
        "{images}"
    );
}

#[test]
fn a_number_and_label_that_come_later_appear_in_the_result_panel_by_themselves() {
    let dir = tempfile::tempdir().expect("tmp");
    sandbox_account_before_start(
        dir.path(),
        "EC Desk",
        shipdesk::carriers::ForwarderKind::Eccang,
        "PK0001",
        true,
    );
    let mut harness = harness(dir.path());
    {
        let engine = harness.state().engine();
        engine.set_poll_interval(Duration::from_millis(100));
        let sandbox = engine.block_on(engine.builtin_sandbox()).expect("sandbox");
        sandbox.set_eccang_number_after_polls(2);
    }
    fill_order_by_keyboard(&mut harness, false);
    // ECCANG also wants what is inside: one customs line.
    for (cell, text) in [("Name (EN) 1", "Phone case"), ("Unit value 1", "5")] {
        harness.get_by_label(cell).focus();
        harness.step();
        harness.event(egui::Event::Text(text.to_owned()));
        harness.step();
    }
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    // ECCANG answers "number later": the panel says so, then fills in without a click.
    wait_for(&mut harness, "awaiting the number", |h| {
        h.query_by_label_contains("waiting for tracking number")
            .is_some()
    });
    wait_for(&mut harness, "the tracking number", |h| {
        h.query_by_label("Tracking number:").is_some()
    });
    wait_for(&mut harness, "the label preview", |h| {
        h.query_by_label("Label preview page 1").is_some()
    });
}

#[test]
fn a_fee_shown_for_an_order_since_changed_buys_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    sandbox_account_before_start(
        dir.path(),
        "LSO Desk",
        shipdesk::carriers::ForwarderKind::Logssc,
        "",
        true,
    );
    let mut harness = harness(dir.path());
    fill_order_by_keyboard(&mut harness, false);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    wait_for(&mut harness, "the fee", |h| {
        h.query_by_label_contains("Buy the label at this fee?")
            .is_some()
    });
    // The packer corrects the weight while the fee is on screen, then presses Enter.
    harness.get_by_label("Weight 1").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("3.5".to_owned()));
    harness.step();
    harness.key_press(Key::Enter);
    settle(&mut harness);
    harness.get_by_label_contains("The order changed after its fee was shown");
    assert!(
        harness
            .query_by_label_contains("Buy the label at this fee?")
            .is_none()
    );
    assert!(
        all_shipments(&harness).is_empty(),
        "nothing was bought at the old fee"
    );
}

#[test]
fn a_refused_order_can_be_sent_again_under_its_own_reference() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = window_with_a_zyl_shipment(dir.path(), "ZT-OK");
    {
        let engine = harness.state().engine();
        common::edit_account(engine, "ZYL", |account| {
            account
                .settings
                .set_field(&shipdesk::carriers::zyl::USER_ID, "99999");
        });
        engine
            .block_on(engine.ship(common::forwarders::zyl_order("ZT-REFUSED"), "ZYL"))
            .expect("answered");
        assert_eq!(
            common::state_of(engine, "ZT-REFUSED"),
            Some(shipdesk::model::ShipmentState::Failed)
        );
    }
    // A bought reference is flagged; a refused one is free to send again once fixed.
    harness.get_by_label("Reference").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("ZT-OK".to_owned()));
    wait_for(&mut harness, "the hint for a bought reference", |h| {
        h.query_by_label_contains("Already used by a shipment")
            .is_some()
    });
    harness.get_by_label("Reference").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("ZT-REFUSED".to_owned()));
    for _ in 0..20 {
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        harness
            .query_by_label_contains("Already used by a shipment")
            .is_none()
    );
}
