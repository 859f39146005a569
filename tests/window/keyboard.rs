//! The ship form as a packer drives it blind: where the focus is after each key, a scanner's
//! burst delivered as one frame's events landing exactly in its fields, and Tab walking the
//! fields (only the fields, in reading order, replacing what a prefilled field holds). Needs the
//! loopback sandbox for the create.

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shipdesk::ui::ShipdeskApp;

use crate::harness::{fill_order_by_keyboard, harness, settle, type_then_tab, wait_for};

/// The value of the `n`-th field labelled `label` (0: the recipient's, 1: the sender's).
fn field(harness: &Harness<'static, ShipdeskApp>, label: &str, n: usize) -> String {
    harness
        .get_all_by_label(label)
        .nth(n)
        .and_then(|node| node.value())
        .unwrap_or_default()
}

/// A burst as a keyboard-wedge scanner or a paste tool types it: each field's text, then Tab.
fn burst(fields: &[&str]) -> Vec<Event> {
    let mut events = Vec::new();
    for text in fields {
        if !text.is_empty() {
            events.push(Event::Text((*text).to_owned()));
        }
        for pressed in [true, false] {
            events.push(Event::Key {
                key: Key::Tab,
                physical_key: None,
                pressed,
                repeat: false,
                modifiers: Modifiers::NONE,
            });
        }
    }
    events
}

/// Puts every event into ONE frame's input, as happens when keys come faster than frames. With
/// `paced`, the window's keystroke pacer takes each frame's share first, exactly as eframe's
/// `raw_input_hook` has it do in the real window.
fn deliver_as_one_frame(
    harness: &mut Harness<'static, ShipdeskApp>,
    events: Vec<Event>,
    paced: bool,
) {
    harness.input_mut().events.extend(events);
    for _ in 0..500 {
        let more = if paced {
            let mut frame = egui::RawInput {
                events: std::mem::take(&mut harness.input_mut().events),
                ..Default::default()
            };
            let more = harness.state_mut().pace_input(&mut frame);
            harness.input_mut().events = frame.events;
            more
        } else {
            false
        };
        harness.step();
        if !more {
            return;
        }
    }
    panic!("the pacer never let the burst through");
}

const RECIPIENT: [&str; 10] = [
    "Ann Lee",
    "ACME Inc",
    "13122223333",
    "1215 Polk St",
    "Suite 5",
    "Hollywood",
    "FL",
    "90048",
    "US",
    "ann@example.com",
];

const ADDRESS_FIELDS: [&str; 10] = [
    "Name",
    "Company",
    "Phone",
    "Street",
    "Street 2",
    "City",
    "State / province",
    "Postcode",
    "Country (2 letters)",
    "E-mail",
];

#[test]
fn a_burst_delivered_as_one_frame_lands_exactly_in_every_field() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    // The window opens with the focus in the recipient's name: no click, no Tab first.
    deliver_as_one_frame(&mut harness, burst(&RECIPIENT), true);
    settle(&mut harness);
    for (label, typed) in ADDRESS_FIELDS.iter().zip(RECIPIENT) {
        assert_eq!(field(&harness, label, 0), typed, "recipient {label}");
    }
    // The next field after the recipient's e-mail is the sender's name.
    assert!(
        harness
            .get_all_by_label("Name")
            .nth(1)
            .expect("sender name")
            .is_focused(),
        "Tab from the recipient's e-mail reaches the sender's name"
    );
}

#[test]
fn without_the_pacer_the_same_burst_spills_across_fields() {
    // The harness reproduces the fault the pacer is there for: egui moves the focus at the end
    // of a frame, so in one frame the text after a Tab goes to the field it left.
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    deliver_as_one_frame(&mut harness, burst(&RECIPIENT), false);
    settle(&mut harness);
    let typed: Vec<String> = ADDRESS_FIELDS
        .iter()
        .map(|label| field(&harness, label, 0))
        .collect();
    assert_ne!(
        typed, RECIPIENT,
        "unpaced, the burst cannot land field by field"
    );
}

#[test]
fn the_focus_is_where_the_next_keystroke_belongs() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    let typed_into_name = |harness: &mut Harness<'static, ShipdeskApp>, text: &str| {
        harness.event(Event::Text(text.to_owned()));
        harness.step();
        field(harness, "Name", 0)
    };
    // At start.
    assert_eq!(typed_into_name(&mut harness, "Ann"), "Ann");
    // After Esc, wherever the focus was; like any field entered by keyboard, what the name
    // holds is selected, so typing replaces it.
    harness
        .get_all_by_label("City")
        .next()
        .expect("city")
        .focus();
    harness.step();
    harness.key_press(Key::Escape);
    settle(&mut harness);
    assert_eq!(typed_into_name(&mut harness, "Bea Lee"), "Bea Lee");
    // After Ctrl+N: a new order, the focus in its first field.
    harness
        .get_all_by_label("Postcode")
        .nth(1)
        .expect("sender postcode")
        .focus();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    settle(&mut harness);
    assert_eq!(typed_into_name(&mut harness, "Bo"), "Bo");
    // After a create: the form is cleared for the next order and the focus is back at its start.
    fill_order_by_keyboard(&mut harness, false);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    wait_for(&mut harness, "the tracking number", |h| {
        h.query_by_label_contains("SBX").is_some()
    });
    settle(&mut harness);
    assert_eq!(typed_into_name(&mut harness, "Next"), "Next");
    // An order with a problem: the focus goes to the field to fix.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    settle(&mut harness);
    assert!(
        harness.get_all_by_label("Company").next().is_some(),
        "the form is still there"
    );
    assert!(
        harness
            .get_all_by_label("Phone")
            .next()
            .expect("phone")
            .is_focused(),
        "the first field with a problem (the recipient's phone) has the focus"
    );
    // Ctrl+F: History's search.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    settle(&mut harness);
    assert!(harness.get_by_label("Search").is_focused());
}

#[test]
fn tab_walks_only_the_fields_and_entering_a_prefilled_one_selects_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    // Recipient, sender and the first box up to its weight.
    fill_order_by_keyboard(&mut harness, false);
    // Then the weight's unit (typing its first letter picks it), the box number, and straight
    // on into the first item: no button in between (row Copy/Remove, Add parcel, the presets).
    harness.event(Event::Text("l".to_owned()));
    harness.step();
    harness.key_press(Key::Tab);
    harness.step();
    type_then_tab(&mut harness, "B1");
    // The item: prefilled Qty 1, currency USD and origin CN are replaced by what is typed.
    for text in [
        "Nail Gel Polish",
        "指甲油",
        "2",
        "3.50",
        "EUR",
        "330430",
        "NG-1",
        "CN",
        "B1",
    ] {
        type_then_tab(&mut harness, text);
    }
    assert_eq!(field(&harness, "weight unit 0", 0), "lb");
    assert_eq!(field(&harness, "Box 1", 0), "B1");
    assert_eq!(field(&harness, "Name (EN) 1", 0), "Nail Gel Polish");
    assert_eq!(field(&harness, "Name (中文) 1", 0), "指甲油");
    assert_eq!(
        field(&harness, "Qty 1", 0),
        "2",
        "Tab into Qty selects the 1"
    );
    assert_eq!(field(&harness, "Currency 1", 0), "EUR");
    assert_eq!(field(&harness, "Origin 1", 0), "CN");
    assert_eq!(field(&harness, "Box 1", 1), "B1", "the item's box");
    // No box preset was applied by a Space or Enter on a focused button.
    assert_eq!(field(&harness, "Length 1", 0), "30");
    // Alt+I adds an item and puts the focus in it.
    harness.key_press_modifiers(Modifiers::ALT, Key::I);
    settle(&mut harness);
    harness.event(Event::Text("Phone case".to_owned()));
    harness.step();
    assert_eq!(field(&harness, "Name (EN) 2", 0), "Phone case");
    // Alt+P adds a box, focused on its length.
    harness.key_press_modifiers(Modifiers::ALT, Key::P);
    settle(&mut harness);
    harness.event(Event::Text("40".to_owned()));
    harness.step();
    assert_eq!(field(&harness, "Length 2", 0), "40");
}

#[test]
fn a_country_typed_by_name_in_either_language_completes_to_its_code_on_enter() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    for (typed, code) in [("germ", "DE"), ("日本", "JP")] {
        harness
            .get_all_by_label("Country (2 letters)")
            .next()
            .expect("recipient country")
            .focus();
        harness.step();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        harness.event(Event::Text(typed.to_owned()));
        harness.step();
        harness.step();
        assert!(
            harness
                .query_by_label_contains(&format!("{code}  "))
                .is_some(),
            "{typed}: the list offers {code}"
        );
        harness.key_press(Key::Enter);
        settle(&mut harness);
        assert_eq!(field(&harness, "Country (2 letters)", 0), code, "{typed}");
        assert!(
            harness
                .get_all_by_label("E-mail")
                .next()
                .expect("e-mail")
                .is_focused(),
            "{typed}: Enter goes on to the e-mail"
        );
    }
}

#[test]
fn enter_opens_a_unit_picker_and_enter_closes_it_again() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    harness.get_by_label("weight unit 0").focus();
    harness.step();
    harness.key_press(Key::Enter);
    settle(&mut harness);
    assert!(
        harness.query_by_label("oz").is_some(),
        "Enter opens the list of units"
    );
    harness.key_press(Key::Enter);
    settle(&mut harness);
    assert!(harness.query_by_label("oz").is_none(), "Enter closes it");
    // Typing a unit's first letter picks it, list or no list.
    harness.event(Event::Text("o".to_owned()));
    settle(&mut harness);
    assert_eq!(field(&harness, "weight unit 0", 0), "oz");
}
