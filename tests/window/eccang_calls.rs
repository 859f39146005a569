//! ECCANG's calls beyond buying in the window (issue 14, point 12): the account's services
//! refreshed in Accounts and picked in the ship form by keyboard alone, and History's "Ask
//! ECCANG", re-weigh and intercept, each behind its confirmation. Against the built-in
//! sandbox over loopback HTTP and the real SQLite file.

use std::time::Duration;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shipdesk::engine::{Services, Ship};
use shipdesk::model::ShipmentState;
use shipdesk::sandbox::EccangStatus;
use shipdesk::ui::ShipdeskApp;

use crate::common;
use crate::harness::{harness, settle, wait_for};

const ACCOUNT: &str = "Sandbox ECCANG";

fn service_code(harness: &Harness<'static, ShipdeskApp>) -> String {
    harness
        .get_by_label("Service code")
        .value()
        .unwrap_or_default()
}

/// The window's built-in sandbox.
fn sb<'h>(harness: &'h Harness<'static, ShipdeskApp>) -> &'h shipdesk::sandbox::Sandbox {
    harness.state().engine().builtin_sandbox().expect("sandbox")
}

fn pick_eccang_account(harness: &mut Harness<'static, ShipdeskApp>) {
    harness.get_by_label("Account").click_accesskit();
    settle(harness);
    harness.get_by_label_contains(ACCOUNT).click_accesskit();
    settle(harness);
}

#[test]
fn services_refreshed_in_accounts_are_picked_in_the_ship_form_by_keyboard() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = harness(dir.path());
    harness.get_by_label("Accounts").click_accesskit();
    settle(&mut harness);
    harness.get_by_label("Refresh services").click_accesskit();
    wait_for(&mut harness, "the services to be listed", |h| {
        h.query_by_label_contains("ECCANG listed 2 services")
            .is_some()
    });
    harness.get_by_label("Ship").click_accesskit();
    settle(&mut harness);
    pick_eccang_account(&mut harness);

    // Type part of a name: only the matching service is listed; Down and Enter take it.
    harness.get_by_label("Service code").focus();
    harness.step();
    harness.event(egui::Event::Text("expr".to_owned()));
    wait_for(&mut harness, "the matching service", |h| {
        h.query_by_label("PK0002  Sandbox Express").is_some()
    });
    assert!(
        harness
            .query_by_label("PK0001  Sandbox Registered Post")
            .is_none()
    );
    harness.key_press(Key::ArrowDown);
    harness.step();
    harness.key_press(Key::Enter);
    settle(&mut harness);
    assert_eq!(service_code(&harness), "PK0002");
    assert!(
        harness.query_by_label("PK0002  Sandbox Express").is_none(),
        "the list closed"
    );

    // A code typed by hand that is on no list is kept as typed: nothing blocks it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("MY-OWN-CODE".to_owned()));
    harness.key_press(Key::Enter);
    settle(&mut harness);
    assert_eq!(service_code(&harness), "MY-OWN-CODE");
}

#[test]
fn the_kept_services_list_is_there_at_start_without_asking_the_forwarder() {
    let dir = tempfile::tempdir().expect("tmp");
    {
        let harness = harness(dir.path());
        harness
            .state()
            .engine()
            .call(Services::refreshed(ACCOUNT))
            .expect("listed");
    }
    // A new window on the same data folder reads the list from SQLite.
    let mut harness = harness(dir.path());
    pick_eccang_account(&mut harness);
    harness.get_by_label("Service code").focus();
    harness.step();
    harness.event(egui::Event::Text("挂号".to_owned()));
    wait_for(&mut harness, "the kept service", |h| {
        h.query_by_label("PK0001  Sandbox Registered Post")
            .is_some()
    });
    harness.key_press(Key::ArrowDown);
    harness.key_press(Key::Enter);
    settle(&mut harness);
    assert_eq!(service_code(&harness), "PK0001");
}

/// The window with a created ECCANG shipment under `reference`, its detail open in History.
fn history_with_an_eccang_shipment(
    dir: &std::path::Path,
    reference: &str,
) -> Harness<'static, ShipdeskApp> {
    let mut harness = harness(dir);
    {
        let engine = harness.state().engine();
        engine.set_poll_interval(Duration::from_millis(50));
        let mut order = common::forwarders::eccang_order(reference);
        order.service_code = "PK0001".to_owned();
        engine.call(Ship::new(order, ACCOUNT)).expect("sent");
        common::wait_for_state(engine, reference, ShipmentState::Created);
    }
    harness.get_by_label("History  (Ctrl+F)").click();
    wait_for(&mut harness, "the shipment in History", |h| {
        h.query_by_label(reference).is_some()
    });
    harness.get_by_label(reference).click();
    wait_for(&mut harness, "the forwarder block", |h| {
        h.query_by_label("Ask ECCANG").is_some()
    });
    harness
}

#[test]
fn history_asks_eccang_and_shows_its_view_in_words() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = history_with_an_eccang_shipment(dir.path(), "EC-UI-1");
    harness
        .state()
        .engine()
        .builtin_sandbox()
        .expect("sandbox")
        .set_eccang_order_status("EC-UI-1", EccangStatus::Received);
    harness.get_by_label("Ask ECCANG").click_accesskit();
    wait_for(&mut harness, "ECCANG's view", |h| {
        h.query_by_label_contains("Received at the warehouse")
            .is_some()
    });
    harness.get_by_label("Charged weight (kg)");
    harness.get_by_label("Total fee");
}

#[test]
fn history_intercepts_a_received_parcel_only_after_the_confirmation() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = history_with_an_eccang_shipment(dir.path(), "EC-UI-2");
    sb(&harness).set_eccang_order_status("EC-UI-2", EccangStatus::Received);
    harness.get_by_label("Reason to stop it").focus();
    harness.step();
    harness.event(egui::Event::Text("customer moved".to_owned()));
    harness.step();
    harness.get_by_label("Intercept parcel…").click_accesskit();
    settle(&mut harness);
    harness.get_by_label_contains("Ask ECCANG to stop this parcel");
    // No: nothing is sent.
    harness.get_by_label("No").click_accesskit();
    settle(&mut harness);
    let held = |sandbox: &shipdesk::sandbox::Sandbox| {
        sandbox
            .orders()
            .into_iter()
            .find(|o| o.reference == "EC-UI-2")
            .and_then(|o| o.eccang)
            .map(|r| r.status)
    };
    assert_eq!(held(sb(&harness)), Some(EccangStatus::Received));

    harness.get_by_label("Intercept parcel…").click_accesskit();
    settle(&mut harness);
    harness.get_by_label("Yes, intercept it").click_accesskit();
    wait_for(&mut harness, "ECCANG's words", |h| {
        h.query_all_by_label_contains("拦截成功").next().is_some()
    });
    assert_eq!(held(sb(&harness)), Some(EccangStatus::Intercepted));
    wait_for(&mut harness, "the intercept noted", |h| {
        h.query_all_by_label_contains("Intercept requested")
            .next()
            .is_some()
    });
    assert!(
        harness.query_by_label("Intercept parcel…").is_none(),
        "not offered twice"
    );
}

#[test]
fn history_reweighs_after_the_confirmation_and_shows_a_refusal_in_eccangs_words() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut harness = history_with_an_eccang_shipment(dir.path(), "EC-UI-3");
    harness.get_by_label("New weight (kg)").focus();
    harness.step();
    harness.event(egui::Event::Text("1.75".to_owned()));
    harness.step();
    harness.get_by_label("Change weight…").click_accesskit();
    settle(&mut harness);
    harness.get_by_label_contains("now weighs 1.75 kg");
    harness
        .get_by_label("Yes, change the weight")
        .click_accesskit();
    wait_for(&mut harness, "ECCANG's words", |h| {
        h.query_all_by_label_contains("重量修改成功")
            .next()
            .is_some()
    });
    let weight = sb(&harness)
        .orders()
        .into_iter()
        .find(|o| o.reference == "EC-UI-3")
        .and_then(|o| o.eccang)
        .and_then(|r| r.weight_kg);
    assert_eq!(weight.as_deref(), Some("1.75"));

    sb(&harness).set_eccang_order_status("EC-UI-3", EccangStatus::Shipped);
    harness.get_by_label("New weight (kg)").focus();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("2".to_owned()));
    harness.step();
    harness.get_by_label("Change weight…").click_accesskit();
    settle(&mut harness);
    harness
        .get_by_label("Yes, change the weight")
        .click_accesskit();
    wait_for(&mut harness, "the refusal", |h| {
        h.query_all_by_label_contains("已出货").next().is_some()
    });
    assert!(
        harness
            .query_all_by_label_contains("ECCANG did not change the weight")
            .next()
            .is_some()
    );
}
