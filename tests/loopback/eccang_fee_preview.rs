//! ECCANG's feeTrail as a fee preview, where the account turns it on: the packer sees the fee
//! for the order's own service and buys at it; without an accepted fee nothing is bought; an
//! account that leaves it off buys at once, as before.

use crate::common;

use std::time::Duration;

use crate::common::forwarders::add_eccang_account;
use shipdesk::carriers::eccang::FEE_PREVIEW;
use shipdesk::engine::{Quote, Ship, ShipError};
use shipdesk::model::ShipmentState;
use shipdesk::sandbox::Sandbox;
use shipdesk::secrets::Keychain;

/// Seed 000's order for ECCANG, on the account's default service (PK0001, seed 001's own).
fn eccang_order(reference: &str) -> shipdesk::model::Shipment {
    let mut order = common::forwarders::eccang_order(reference);
    order.service_code.clear();
    order
}

fn sandbox() -> (tokio::runtime::Runtime, Sandbox) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let sandbox = runtime.block_on(Sandbox::start(0)).expect("sandbox");
    sandbox.set_eccang_number_after_polls(0);
    (runtime, sandbox)
}

/// Turns the account's fee preview on.
fn preview_fees(engine: &shipdesk::engine::Engine, name: &str) {
    engine.with_store(|s| {
        let mut account = s.account(name).expect("store").expect("account");
        account.settings.set_field(&FEE_PREVIEW, "on");
        s.save_account(&account).expect("save");
    });
}

#[test]
fn an_account_with_the_preview_on_buys_only_at_the_fee_it_was_shown() {
    let (_runtime, sandbox) = sandbox();
    let keychain = Keychain::in_memory();
    let (engine, _dir) = common::engine(keychain.clone());
    engine.set_poll_interval(Duration::from_millis(50));
    add_eccang_account(&engine, &keychain, "ECCANG", &sandbox.base_url());
    preview_fees(&engine, "ECCANG");

    // No fee accepted: nothing is recorded, nothing is bought.
    let refused = engine
        .call(Ship::new(eccang_order("EF-0001"), "ECCANG"))
        .expect_err("a fee must be accepted first");
    assert!(
        matches!(refused, ShipError::QuoteNeeded { .. }),
        "{refused:?}"
    );
    assert!(refused.describe().en.contains("account shows the fee"));
    assert!(
        engine
            .with_store(|s| s.shipment("EF-0001"))
            .expect("store")
            .is_none()
    );
    assert!(
        sandbox.orders().is_empty(),
        "nothing reached ECCANG's createOrder"
    );

    // A service ECCANG does not price is refused in its own words.
    let mut unknown = eccang_order("EF-0001");
    unknown.service_code = "WP_GROUND".to_owned();
    let words = engine
        .call(Quote::new(unknown, "ECCANG"))
        .expect_err("not priced")
        .describe();
    assert!(
        words.en.contains("运输方式[WP_GROUND]不存在"),
        "{}",
        words.en
    );

    // The fee for the order's own service, in CNY.
    let quote = engine
        .call(Quote::new(eccang_order("EF-0001"), "ECCANG"))
        .expect("priced");
    assert_eq!(quote.fee.currency, "CNY");
    assert!(
        quote.fee.amount > rust_decimal::Decimal::ZERO,
        "{}",
        quote.fee
    );

    // A changed order is not bought at the old fee.
    let mut heavier = eccang_order("EF-0001");
    heavier.parcels[0].weight += rust_decimal::Decimal::ONE;
    let stale = engine
        .call(Ship::quoted(heavier, "ECCANG", Some(quote.clone())))
        .expect_err("stale");
    assert!(matches!(stale, ShipError::QuoteStale), "{stale:?}");

    // Accepted: bought, and the fee shown is kept with the shipment.
    let report = engine
        .call(Ship::quoted(
            eccang_order("EF-0001"),
            "ECCANG",
            Some(quote.clone()),
        ))
        .expect("bought");
    assert_eq!(report.quoted_fee.as_ref(), Some(&quote.fee));
    common::wait_for_state(&engine, "EF-0001", ShipmentState::Created);
    let record = engine
        .with_store(|s| s.shipment("EF-0001"))
        .expect("store")
        .expect("recorded");
    let kept: Option<rust_decimal::Decimal> = record.quoted_fee.and_then(|f| f.parse().ok());
    assert_eq!(kept, Some(quote.fee.amount));
    assert_eq!(record.fee_currency.as_deref(), Some("CNY"));
    assert_eq!(sandbox.orders().len(), 1, "bought once");
}

#[test]
fn an_account_with_the_preview_off_buys_at_once() {
    let (_runtime, sandbox) = sandbox();
    let keychain = Keychain::in_memory();
    let (engine, _dir) = common::engine(keychain.clone());
    add_eccang_account(&engine, &keychain, "ECCANG", &sandbox.base_url());
    let report = engine
        .call(Ship::new(eccang_order("EF-0002"), "ECCANG"))
        .expect("bought without a preview");
    assert!(report.quoted_fee.is_none());
    assert_eq!(sandbox.orders().len(), 1);
}

#[test]
fn a_fee_left_on_screen_too_long_is_not_bought_at() {
    let (_runtime, sandbox) = sandbox();
    let keychain = Keychain::in_memory();
    let (engine, _dir) = common::engine(keychain.clone());
    add_eccang_account(&engine, &keychain, "ECCANG", &sandbox.base_url());
    preview_fees(&engine, "ECCANG");
    let mut quote = engine
        .call(Quote::new(eccang_order("EF-0003"), "ECCANG"))
        .expect("priced");
    // The packer went to lunch with the fee on screen.
    quote.quoted_at_ms -= shipdesk::engine::QUOTE_MAX_AGE_MS + 60_000;
    let refused = engine
        .call(Ship::quoted(eccang_order("EF-0003"), "ECCANG", Some(quote)))
        .expect_err("too old");
    assert!(matches!(refused, ShipError::QuoteExpired), "{refused:?}");
    assert!(refused.describe().en.contains("more than 15 minutes"));
    assert!(sandbox.orders().is_empty(), "nothing reached createOrder");
    assert!(
        engine
            .with_store(|s| s.shipment("EF-0003"))
            .expect("store")
            .is_none()
    );
}
