//! The desk scale in the window, with a USB scale standing in as a FIFO and a fake sysfs tree:
//! the live reading beside the parcels, F2 putting a stable reading into the focused parcel, a
//! second parcel not inheriting it, a moving reading not used, and auto-fill.

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shipdesk::ui::ShipdeskApp;

use crate::common::scale::FakeHidScale;
use crate::harness::{harness, settle, wait_for};

const STABLE_1250_G: [u8; 6] = [0x03, 0x04, 0x02, 0x00, 0xE2, 0x04];
const MOVING_1200_G: [u8; 6] = [0x03, 0x03, 0x02, 0x00, 0xB0, 0x04];
const STABLE_800_G: [u8; 6] = [0x03, 0x04, 0x02, 0x00, 0x20, 0x03];
const ZERO: [u8; 6] = [0x03, 0x02, 0x02, 0x00, 0x00, 0x00];

fn field(harness: &Harness<'static, ShipdeskApp>, label: &str) -> String {
    harness.get_by_label(label).value().unwrap_or_default()
}

/// The window over a desk whose scale is `scale`, plugged in.
fn desk(
    scale: &mut FakeHidScale,
    auto_fill: bool,
) -> (Harness<'static, ShipdeskApp>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    scale.set_up_desk(dir.path(), auto_fill);
    let mut harness = harness(dir.path());
    scale.plug();
    settle(&mut harness);
    (harness, dir)
}

fn shows(harness: &mut Harness<'static, ShipdeskApp>, text: &str) {
    let text = text.to_owned();
    wait_for(harness, &text.clone(), move |h| {
        h.query_by_label_contains(&text).is_some()
    });
}

fn press(harness: &mut Harness<'static, ShipdeskApp>, key: Key) {
    harness.key_press(key);
    harness.step();
    harness.step();
}

#[test]
fn f2_fills_the_focused_parcel_and_the_next_parcel_waits_for_the_next_box() {
    let mut scale = FakeHidScale::new();
    let (mut harness, _dir) = desk(&mut scale, false);
    scale.send(&STABLE_1250_G);
    shows(&mut harness, "1250 g, stable");

    harness.get_by_label("Weight 1").focus();
    harness.step();
    press(&mut harness, Key::F2);
    // The parcel weighs in kilograms: 1250 g is 1.25 kg, exactly.
    assert_eq!(field(&harness, "Weight 1"), "1.25");

    // A second box (Alt+P takes the focus to it): the same reading is not carried over.
    harness.key_press_modifiers(egui::Modifiers::ALT, Key::P);
    settle(&mut harness);
    press(&mut harness, Key::F2);
    assert_eq!(
        field(&harness, "Weight 2"),
        "",
        "box 2 must not inherit box 1's weight"
    );
    harness.get_by_label_contains("put the next one on the scale");
    assert_eq!(field(&harness, "Weight 1"), "1.25");

    // Box 1 off (zero), box 2 on: now F2 weighs box 2.
    scale.send(&ZERO);
    shows(&mut harness, "0 g, zero");
    scale.send(&STABLE_800_G);
    shows(&mut harness, "800 g, stable");
    press(&mut harness, Key::F2);
    assert_eq!(field(&harness, "Weight 2"), "0.8");
}

#[test]
fn a_moving_reading_is_not_used_and_the_weight_can_still_be_typed() {
    let mut scale = FakeHidScale::new();
    let (mut harness, _dir) = desk(&mut scale, false);
    scale.send(&MOVING_1200_G);
    shows(&mut harness, "1200 g, moving");
    harness.get_by_label("Weight 1").focus();
    harness.step();
    press(&mut harness, Key::F2);
    assert_eq!(field(&harness, "Weight 1"), "");
    harness.get_by_label_contains("still moving");
    // Typing by hand is never in the way.
    harness.event(egui::Event::Text("1.3".to_owned()));
    harness.step();
    assert_eq!(field(&harness, "Weight 1"), "1.3");
}

#[test]
fn the_command_barcode_weighs_like_f2_and_leaves_the_field_as_it_was() {
    let mut scale = FakeHidScale::new();
    let (mut harness, _dir) = desk(&mut scale, false);
    scale.send(&STABLE_800_G);
    shows(&mut harness, "800 g, stable");
    harness.get_by_label("Weight 1").focus();
    harness.step();
    // The scanner types the code and Enter into the focused field.
    harness.event(egui::Event::Text(shipdesk::ui::WEIGH_BARCODE.to_owned()));
    harness.step();
    press(&mut harness, Key::Enter);
    assert_eq!(field(&harness, "Weight 1"), "0.8");
}

#[test]
fn auto_fill_weighs_an_empty_parcel_once_and_a_new_order_waits_for_a_new_box() {
    let mut scale = FakeHidScale::new();
    let (mut harness, _dir) = desk(&mut scale, true);
    harness.get_by_label("Weight 1").focus();
    harness.step();
    scale.send(&MOVING_1200_G);
    shows(&mut harness, "1200 g, moving");
    assert_eq!(
        field(&harness, "Weight 1"),
        "",
        "a moving reading fills nothing"
    );
    scale.send(&STABLE_1250_G);
    wait_for(&mut harness, "the weight filled", |h| {
        h.get_by_label("Weight 1").value().as_deref() == Some("1.25")
    });

    // The next order, the same box still on the scale: nothing is filled.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::N);
    settle(&mut harness);
    harness.get_by_label("Weight 1").focus();
    settle(&mut harness);
    assert_eq!(field(&harness, "Weight 1"), "");
    scale.send(&ZERO);
    shows(&mut harness, "0 g, zero");
    scale.send(&STABLE_800_G);
    wait_for(&mut harness, "the next box filled", |h| {
        h.get_by_label("Weight 1").value().as_deref() == Some("0.8")
    });
}

#[test]
fn a_scanned_orders_estimated_weight_gives_way_to_the_parcel_on_the_scale() {
    let mut scale = FakeHidScale::new();
    let (mut harness, dir) = desk(&mut scale, true);
    let file = dir.path().join("orders.csv");
    let csv = crate::common::queue::orders_csv("Q", 2, shipdesk::engine::SANDBOX_ACCOUNT);
    std::fs::write(&file, csv).expect("write");
    harness
        .state()
        .engine()
        .call(shipdesk::engine::ImportOrders::file(&file))
        .expect("imported");
    press(&mut harness, Key::F3);
    settle(&mut harness);
    harness.get_by_label("Scan").focus();
    harness.step();
    harness.event(egui::Event::Text("Q-0001".to_owned()));
    harness.step();
    press(&mut harness, Key::Enter);
    shows(&mut harness, "From the queue: Q-0001");
    // The shop's file said 0.5 kg; the parcel on the scale says what it weighs.
    assert_eq!(field(&harness, "Weight 1"), "0.5");
    scale.send(&STABLE_1250_G);
    wait_for(&mut harness, "the scale's weight", |h| {
        h.get_by_label("Weight 1").value().as_deref() == Some("1.25")
    });

    // A weight the packer types over the estimate is theirs: the scale leaves it.
    press(&mut harness, Key::F3);
    settle(&mut harness);
    harness.get_by_label("Scan").focus();
    harness.step();
    harness.event(egui::Event::Text("Q-0002".to_owned()));
    harness.step();
    press(&mut harness, Key::Enter);
    shows(&mut harness, "From the queue: Q-0002");
    harness.event(egui::Event::Text("2.2".to_owned()));
    harness.step();
    scale.send(&ZERO);
    shows(&mut harness, "0 g, zero");
    scale.send(&STABLE_800_G);
    shows(&mut harness, "800 g, stable");
    settle(&mut harness);
    assert_eq!(field(&harness, "Weight 1"), "2.2");
}
