//! The window under egui_kittest (AccessKit) for the window tests: started on a data folder
//! against the real engine, stepped until the engine's answers (which arrive on other threads)
//! are drawn, and driven keyboard first as a packer does. kittest also panics on any glyph the
//! fonts lack, so every Chinese label a test meets proves it renders.

use std::time::{Duration, Instant};

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shipdesk::engine::{Engine, EngineConfig, Ship};
use shipdesk::secrets::Keychain;
use shipdesk::store::HistoryQuery;
use shipdesk::ui::{ShipdeskApp, install_cjk_fallback};

use crate::common;

/// The window over `dir`, its engine keeping secrets in memory.
pub fn harness(dir: &std::path::Path) -> Harness<'static, ShipdeskApp> {
    harness_with_keychain(dir, Keychain::in_memory())
}

/// The window over `dir`, its engine keeping secrets in `keychain`.
pub fn harness_with_keychain(
    dir: &std::path::Path,
    keychain: Keychain,
) -> Harness<'static, ShipdeskApp> {
    harness_sized(dir, keychain, egui::vec2(1280.0, 1000.0))
}

/// The window over `dir` on a screen of `size` points.
pub fn harness_sized(
    dir: &std::path::Path,
    keychain: Keychain,
    size: egui::Vec2,
) -> Harness<'static, ShipdeskApp> {
    let data_dir = dir.to_owned();
    let mut harness = Harness::builder().with_size(size).build_eframe(move |cc| {
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
pub fn all_shipments(
    harness: &Harness<'static, ShipdeskApp>,
) -> Vec<shipdesk::store::ShipmentRecord> {
    harness
        .state()
        .engine()
        .with_store(|s| s.search(&HistoryQuery::default()))
        .expect("store")
}

/// The URL of the window's built-in sandbox server.
pub fn builtin_sandbox_url(harness: &Harness<'static, ShipdeskApp>) -> String {
    let engine = harness.state().engine();
    engine.builtin_sandbox().expect("sandbox").base_url()
}

/// Waits (up to 5 s) until the window's saved file `saved` holds `text`; fails with `missing`.
pub fn wait_until_saved(saved: &std::path::Path, text: &str, missing: &str) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !std::fs::read_to_string(saved).is_ok_and(|t| t.contains(text)) {
        assert!(Instant::now() < deadline, "{missing}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs frames until the app stops asking for more (engine answers arrive on other threads).
pub fn settle(harness: &mut Harness<'static, ShipdeskApp>) {
    for _ in 0..5 {
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Steps until `found` holds, or fails after 20 s naming what it waited for.
pub fn wait_for(
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
pub fn type_then_tab(harness: &mut Harness<'static, ShipdeskApp>, text: &str) {
    if !text.is_empty() {
        harness.event(egui::Event::Text(text.to_owned()));
        harness.step();
    }
    harness.key_press(Key::Tab);
    harness.step();
}

/// Fills the recipient, sender and first parcel with the keyboard alone, starting with the
/// focus in the recipient's Name field. `skip_postcode` leaves the recipient postcode empty.
pub fn fill_order_by_keyboard(harness: &mut Harness<'static, ShipdeskApp>, skip_postcode: bool) {
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
pub fn add_account_in_window(
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

/// Before the window starts: an account `name` of `kind` on the built-in sandbox (its demo
/// secrets apply), and with `last_used` the window remembers it as the last account.
pub fn sandbox_account_before_start(
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
pub fn window_with_a_zyl_shipment(
    dir: &std::path::Path,
    reference: &str,
) -> Harness<'static, ShipdeskApp> {
    let keychain = Keychain::in_memory();
    let harness = harness_with_keychain(dir, keychain.clone());
    let engine = harness.state().engine();
    let sandbox = engine.builtin_sandbox().expect("sandbox");
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
        .call(Ship::new(common::forwarders::zyl_order(reference), "ZYL"))
        .expect("sent");
    common::wait_for_state(engine, reference, shipdesk::model::ShipmentState::Created);
    harness
}

/// Makes `uri` the desk's A4 printer, through the window's engine (as `shipdesk printers --a4`
/// would from another process).
pub fn set_a4_printer(harness: &Harness<'static, ShipdeskApp>, uri: String) {
    let mut printers = harness.state().engine().printers();
    printers.a4 = uri;
    harness
        .state()
        .engine()
        .call(shipdesk::engine::SavePrinters(printers))
        .expect("saved");
}
