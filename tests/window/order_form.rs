//! What the order form keeps and offers: the draft across a restart of the window, the address
//! book of earlier recipients (Alt+1), sender profiles and parcel presets stored in SQLite and
//! reused. Needs the loopback sandbox for the earlier shipment.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shipdesk::engine::Ship;
use shipdesk::ui::ShipdeskApp;

use crate::common;
use crate::harness::{fill_order_by_keyboard, harness, settle, wait_for, wait_until_saved};

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
fn the_address_book_offers_earlier_recipients_and_alt_1_fills_the_address() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    // One earlier shipment to flynn (seed 000's recipient).
    let order = common::seed_order();
    {
        let engine = harness.state().engine();
        engine.call(Ship::new(order, "Sandbox")).expect("shipped");
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
    harness.get_by_label("Yes, delete").click_accesskit();
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
fn a_known_sku_typed_into_an_item_fills_its_blanks_and_alt_k_keeps_the_rows_in_the_catalogue() {
    use shipdesk::catalogue::Product;
    use shipdesk::engine::{FindProducts, SaveProducts};

    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    harness
        .state()
        .engine()
        .call(SaveProducts(vec![Product {
            sku: "TSH-001".to_owned(),
            name_en: "Cotton T-shirt".to_owned(),
            name_zh: "纯棉T恤".to_owned(),
            hs_code: "6109100010".to_owned(),
            unit_value: "4.50".to_owned(),
            currency: "USD".to_owned(),
            origin_country: "VN".to_owned(),
            unit_weight_kg: "0.18".to_owned(),
            bin_location: "A-10-1".to_owned(),
        }]))
        .expect("saved");
    // The packer has typed a quantity; a scanner then types the SKU and its Tab.
    harness.get_by_label("Qty 1").focus();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("3".to_owned()));
    harness.step();
    harness.get_by_label("SKU 1").focus();
    harness.step();
    harness.event(egui::Event::Text("tsh-001".to_owned()));
    harness.step();
    harness.key_press(Key::Tab);
    wait_for(&mut harness, "the row filled from the catalogue", |h| {
        h.query_by_label_contains("Filled from the catalogue: TSH-001")
            .is_some()
    });
    let value = |h: &Harness<'static, ShipdeskApp>, label: &str| {
        h.get_by_label(label).value().unwrap_or_default()
    };
    assert_eq!(value(&harness, "Name (EN) 1"), "Cotton T-shirt");
    assert_eq!(value(&harness, "Name (中文) 1"), "纯棉T恤");
    assert_eq!(value(&harness, "HS code 1"), "6109100010");
    assert_eq!(value(&harness, "Unit value 1"), "4.50");
    assert_eq!(value(&harness, "Origin 1"), "VN");
    assert_eq!(value(&harness, "Qty 1"), "3", "the packer's quantity stays");
    assert_eq!(value(&harness, "SKU 1"), "tsh-001");

    // A better name typed in the row, kept for the next order with "Save to catalogue".
    harness.get_by_label("Name (EN) 1").focus();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("Organic cotton T-shirt".to_owned()));
    harness.step();
    // Alt+K, without leaving the keyboard.
    harness.key_press_modifiers(Modifiers::ALT, Key::K);
    wait_for(&mut harness, "the notice", |h| {
        h.query_by_label_contains("Saved 1 item to the catalogue.")
            .is_some()
    });
    let found = harness.state().engine().call(FindProducts {
        skus: vec!["TSH-001".to_owned()],
        limit: 1,
        ..FindProducts::default()
    });
    let kept = &found.products.expect("reads")[0];
    assert_eq!(kept.name_en, "Organic cotton T-shirt");
    assert_eq!(kept.sku, "TSH-001", "the catalogue's SKU keeps its case");
    assert_eq!(
        (kept.unit_weight_kg.as_str(), kept.bin_location.as_str()),
        ("0.18", "A-10-1"),
        "the form has no weight or bin to give: the kept ones stay"
    );
}
