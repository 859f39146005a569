//! Tracking over real HTTP: a bought ECCANG or ZYL shipment is asked about (getCargoTrack,
//! getOrdersTrack) and its scans come back newest first, in the shared shape, and are kept in the
//! audit trail once (asking again about an unmoved parcel adds nothing). Forwarders without a
//! tracking call, and shipments that were never bought, say so in words.

use crate::common;

use std::time::Duration;

use crate::common::forwarders::{add_eccang_account, add_zyl_account, eccang_order, zyl_order};
use shipdesk::carriers::zyl::AuthMode;
use shipdesk::engine::{Engine, SANDBOX_ACCOUNT, Ship, Track};
use shipdesk::model::ShipmentState;
use shipdesk::sandbox::Sandbox;
use shipdesk::secrets::Keychain;
use shipdesk::store::EventKind;

/// A sandbox on its own runtime (numbers and labels at the first poll).
fn sandbox() -> (tokio::runtime::Runtime, Sandbox) {
    let (runtime, sandbox) = common::sandbox_on_own_runtime();
    sandbox.set_eccang_number_after_polls(1);
    sandbox.set_zyl_label_after_polls(0);
    (runtime, sandbox)
}

fn tracking_events_kept(engine: &Engine, reference: &str) -> usize {
    engine.with_store(|s| {
        let record = s.shipment(reference).expect("store").expect("recorded");
        s.events(record.id)
            .expect("events")
            .iter()
            .filter(|e| e.kind == EventKind::Tracking)
            .count()
    })
}

#[test]
fn zyl_scans_come_back_newest_first_and_are_kept_once() {
    let (_runtime, sandbox) = sandbox();
    let keychain = Keychain::in_memory();
    let (engine, _dir) = common::engine(keychain.clone());
    engine.set_poll_interval(Duration::from_millis(50));
    add_zyl_account(
        &engine,
        &keychain,
        "ZYL",
        &sandbox.base_url(),
        AuthMode::Md5Header,
    );
    let report = engine
        .call(Ship::new(zyl_order("ZT-0001"), "ZYL"))
        .expect("sent");
    common::wait_for_state(&engine, "ZT-0001", ShipmentState::Created);
    let tracking_number = report.tracking_number.expect("ZYL gives conCode at once");

    let tracking = engine.call(Track::of("ZT-0001")).expect("tracked");
    assert_eq!(tracking.number, tracking_number);
    assert_eq!(tracking.status, "PICKED UP");
    let said: Vec<(&str, &str)> = tracking
        .events
        .iter()
        .map(|e| (e.description.en.as_str(), e.description.zh.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            ("Picked up", "已揽收"),
            ("Order information received", "已收到订单信息")
        ]
    );
    assert!(tracking.events[0].time >= tracking.events[1].time);
    assert_eq!(tracking.events[0].location, "SYDNEY");
    assert_eq!(tracking_events_kept(&engine, "ZT-0001"), 1);

    // Nothing moved: asking again keeps nothing new.
    engine.call(Track::of("ZT-0001")).expect("tracked");
    assert_eq!(tracking_events_kept(&engine, "ZT-0001"), 1);
}

#[test]
fn eccang_scans_come_from_get_cargo_track_by_tracking_number() {
    let (_runtime, sandbox) = sandbox();
    let keychain = Keychain::in_memory();
    let (engine, _dir) = common::engine(keychain.clone());
    engine.set_poll_interval(Duration::from_millis(50));
    add_eccang_account(&engine, &keychain, "ECCANG", &sandbox.base_url());
    engine
        .call(Ship::new(eccang_order("ET-0001"), "ECCANG"))
        .expect("sent");
    common::wait_for_state(&engine, "ET-0001", ShipmentState::Created);
    let record = engine
        .with_store(|s| s.shipment("ET-0001"))
        .expect("store")
        .expect("recorded");

    let tracking = engine.call(Track::of("ET-0001")).expect("tracked");
    assert_eq!(Some(tracking.number.clone()), record.tracking_number);
    let codes: Vec<&str> = tracking.events.iter().map(|e| e.status.as_str()).collect();
    assert_eq!(codes, ["DF", "AF", "IR"], "scans newest first");
    assert_eq!(
        tracking.events[2].description.en,
        "Shipment information received"
    );
    assert_eq!(tracking_events_kept(&engine, "ET-0001"), 1);
}

#[test]
fn a_forwarder_without_tracking_and_an_unbought_shipment_say_why() {
    let (engine, _dir) = common::engine(Keychain::in_memory());
    engine
        .call(Ship::new(common::order("WT-0001"), SANDBOX_ACCOUNT))
        .expect("sent");
    let error = engine
        .call(Track::of("WT-0001"))
        .expect_err("Western Post has no tracking call here");
    let words = error.describe();
    assert!(words.en.contains("no tracking call"), "{}", words.en);
    assert!(words.zh.contains("不支持接口查询轨迹"), "{}", words.zh);

    // A shipment the forwarder refused was never bought: nothing to track, and it says why.
    let (_runtime, sandbox) = sandbox();
    let keychain = Keychain::in_memory();
    let (engine, _dir) = common::engine(keychain.clone());
    add_zyl_account(
        &engine,
        &keychain,
        "ZYL",
        &sandbox.base_url(),
        AuthMode::StaticSign,
    );
    common::edit_account(&engine, "ZYL", |account| {
        // Another shop's customer id: ZYL answers Forbidden and buys nothing.
        account
            .settings
            .set_field(&shipdesk::carriers::zyl::USER_ID, "99999");
    });
    engine
        .call(Ship::new(zyl_order("ZT-REFUSED"), "ZYL"))
        .expect("answered");
    assert_eq!(
        common::state_of(&engine, "ZT-REFUSED"),
        Some(ShipmentState::Failed)
    );
    let words = engine
        .call(Track::of("ZT-REFUSED"))
        .expect_err("never bought")
        .describe();
    assert!(
        words.en.contains("there is no parcel to track"),
        "{}",
        words.en
    );
    assert!(words.zh.contains("没有可查询的包裹"), "{}", words.zh);
}
