//! What must hold for every forwarder alike, checked once over a table of them (Western Post,
//! ECCANG, ZYL in both of its sign modes, logssc): no secret reaches the database file, whatever
//! the forwarder carries it in, and a restart in the middle of polling resumes from SQLite and
//! ends with the label, bought once. Needs the loopback sandbox and SQLite files.

use std::time::Duration;

use shipdesk::carriers::ForwarderKind;
use shipdesk::carriers::zyl::AuthMode;
use shipdesk::engine::{Engine, Quote, Ship, ShipReport};
use shipdesk::model::{Shipment, ShipmentState};
use shipdesk::sandbox::{Sandbox, demo_credentials};
use shipdesk::secrets::Keychain;
use shipdesk::store::ShipmentRecord;

use crate::common;
use crate::common::forwarders::{
    add_eccang_account, add_logssc_account, add_westernpost_account, add_zyl_account, eccang_order,
    logssc_order, zyl_order,
};

const ACCOUNT: &str = "Forwarder Test";

/// One forwarder as these tests drive it.
struct Forwarder {
    /// Its name in failure messages.
    name: &'static str,
    /// The start of its references.
    prefix: &'static str,
    kind: ForwarderKind,
    /// Adds an account (name, then base URL) with the sandbox's demo secrets.
    add_account: fn(&Engine, &Keychain, &str, &str),
    /// Its order under a reference.
    order: fn(&str) -> Shipment,
    /// Makes the sandbox answer "not yet" to the polls this forwarder needs (a number, a label).
    pace: fn(&Sandbox),
    /// Buys the order on [`ACCOUNT`] as a packer does (logssc: previews the fee and accepts it).
    buy: fn(&Engine, Shipment) -> ShipReport,
    /// The state buying leaves the shipment in: awaiting what is polled for, or created.
    after_buying: ShipmentState,
    /// What the forwarder hands out in answers that must not be written down either.
    also_secret: &'static [&'static str],
    /// Checks of its own after a restart.
    after_restart: fn(&Sandbox, &ShipmentRecord),
}

impl Forwarder {
    /// A forwarder whose create answers at once, bought with a plain ship, nothing of its own.
    fn new(
        (name, prefix, kind): (&'static str, &'static str, ForwarderKind),
        add_account: fn(&Engine, &Keychain, &str, &str),
        order: fn(&str) -> Shipment,
    ) -> Self {
        Self {
            name,
            prefix,
            kind,
            add_account,
            order,
            pace: |_| {},
            buy: ship,
            after_buying: ShipmentState::Created,
            also_secret: &[],
            after_restart: |_, _| {},
        }
    }

    /// An engine on `dir` with this forwarder's account at `sandbox`; the keychain is shared.
    fn engine(
        &self,
        dir: &std::path::Path,
        sandbox: &Sandbox,
        keychain: &Keychain,
        first_pause: Duration,
    ) -> Engine {
        let engine = common::engine_in(dir, keychain, first_pause);
        (self.add_account)(&engine, keychain, ACCOUNT, &sandbox.base_url());
        engine
    }

    /// Whether its shipments wait for polling after they are bought.
    fn polls(&self) -> bool {
        self.after_buying != ShipmentState::Created
    }
}

fn ship(engine: &Engine, order: Shipment) -> ShipReport {
    engine.call(Ship::new(order, ACCOUNT)).expect("sent")
}

fn quote_and_ship(engine: &Engine, order: Shipment) -> ShipReport {
    let quote = engine
        .call(Quote::new(order.clone(), ACCOUNT))
        .expect("fee previewed");
    engine
        .call(Ship::quoted(order, ACCOUNT, Some(quote)))
        .expect("sent")
}

/// Every forwarder, ZYL once per sign mode.
fn every_forwarder() -> [Forwarder; 5] {
    use ForwarderKind::{Eccang, Logssc, WesternPost, Zyl};
    [
        Forwarder::new(
            ("Western Post", "WP", WesternPost),
            add_westernpost_account,
            common::order,
        ),
        Forwarder {
            pace: |sandbox| sandbox.set_eccang_number_after_polls(3),
            after_buying: ShipmentState::AwaitingNumber,
            ..Forwarder::new(("ECCANG", "EC", Eccang), add_eccang_account, eccang_order)
        },
        Forwarder {
            pace: |sandbox| sandbox.set_zyl_label_after_polls(2),
            after_buying: ShipmentState::AwaitingLabel,
            ..Forwarder::new(
                ("ZYL (static sign)", "ZYL", Zyl),
                |engine, keychain, name, url| {
                    add_zyl_account(engine, keychain, name, url, AuthMode::StaticSign);
                },
                zyl_order,
            )
        },
        Forwarder {
            // The MD5 mode also sends the ile id in a header.
            pace: |sandbox| sandbox.set_zyl_label_after_polls(2),
            after_buying: ShipmentState::AwaitingLabel,
            ..Forwarder::new(
                ("ZYL (MD5 headers)", "ZYLMD5", Zyl),
                |engine, keychain, name, url| {
                    add_zyl_account(engine, keychain, name, url, AuthMode::Md5Header);
                },
                zyl_order,
            )
        },
        Forwarder {
            pace: |sandbox| {
                sandbox.set_logssc_number_after_polls(2);
                sandbox.set_logssc_label_after_polls(2);
            },
            buy: quote_and_ship,
            after_buying: ShipmentState::AwaitingNumber,
            // The login token logssc hands out.
            also_secret: &["LSOTOKEN-"],
            after_restart: |sandbox, record| {
                assert_eq!(record.charged_fee.as_deref(), Some("23.19"), "logssc: fee");
                // The new process had no token in memory: it logged in again.
                assert_eq!(sandbox.logssc_tokens_issued(), 2, "logssc: tokens");
            },
            ..Forwarder::new(("logssc", "LSO", Logssc), add_logssc_account, logssc_order)
        },
    ]
}

#[test]
fn no_secret_reaches_the_database_file() {
    for forwarder in every_forwarder() {
        let name = forwarder.name;
        let (_runtime, sandbox) = common::sandbox_on_own_runtime();
        (forwarder.pace)(&sandbox);
        let dir = tempfile::tempdir().expect("tmp");
        let keychain = Keychain::in_memory();
        let engine = forwarder.engine(dir.path(), &sandbox, &keychain, Duration::from_millis(50));
        let reference = format!("{}-SECRET", forwarder.prefix);
        let report = (forwarder.buy)(&engine, (forwarder.order)(&reference));
        assert_eq!(
            report.state, forwarder.after_buying,
            "{name}: {:?}",
            report.message
        );
        common::wait_for_state(&engine, &reference, ShipmentState::Created);

        // The audit trail of every call never holds the credentials, although ECCANG, ZYL and
        // logssc carry them in the body and Western Post signs with its secret.
        let database = common::database_bytes(dir.path());
        assert!(
            common::contains(&database, &reference),
            "{name}: the database holds the shipment"
        );
        let secrets = demo_credentials(forwarder.kind);
        for secret in secrets
            .values()
            .chain(forwarder.also_secret.iter().copied())
        {
            assert!(
                !common::contains(&database, secret),
                "{name}: {secret} stored"
            );
        }
    }
}

#[test]
fn a_restart_in_the_middle_of_polling_resumes_and_ends_right() {
    for forwarder in every_forwarder().into_iter().filter(Forwarder::polls) {
        let name = forwarder.name;
        let (_runtime, sandbox) = common::sandbox_on_own_runtime();
        (forwarder.pace)(&sandbox);
        let dir = tempfile::tempdir().expect("tmp");
        let keychain = Keychain::in_memory();
        let reference = format!("{}-RESTART", forwarder.prefix);
        {
            // A slow first poll: the app closes while the number or label is still pending.
            let first = forwarder.engine(dir.path(), &sandbox, &keychain, Duration::from_secs(600));
            let report = (forwarder.buy)(&first, (forwarder.order)(&reference));
            assert_eq!(report.state, forwarder.after_buying, "{name}");
        }
        let second = forwarder.engine(dir.path(), &sandbox, &keychain, Duration::from_millis(50));
        common::wait_for_state(&second, &reference, ShipmentState::Created);
        let record = common::record(&second, &reference);
        assert!(record.label.is_some(), "{name}: no label");
        assert_eq!(sandbox.orders().len(), 1, "{name}: bought once");
        (forwarder.after_restart)(&sandbox, &record);
    }
}

#[test]
fn every_built_in_sandbox_account_ships_out_of_the_box() {
    // A new data folder and an empty keychain: the four built-in accounts are there and buy a
    // label each from the built-in sandbox, with nothing typed or set up first.
    let dir = tempfile::tempdir().expect("tmp");
    let engine = common::engine_in(
        dir.path(),
        &Keychain::in_memory(),
        Duration::from_millis(50),
    );
    let accounts = engine.with_store(|s| s.accounts()).expect("accounts");
    for (name, kind, order) in [
        (
            "Sandbox",
            ForwarderKind::WesternPost,
            common::order as fn(&str) -> Shipment,
        ),
        ("Sandbox ECCANG", ForwarderKind::Eccang, eccang_order),
        ("Sandbox ZYL", ForwarderKind::Zyl, zyl_order),
        ("Sandbox logssc", ForwarderKind::Logssc, logssc_order),
    ] {
        let account = accounts
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("{name} is built in: {accounts:?}"));
        assert_eq!(account.forwarder, kind);
        assert!(account.builtin_sandbox, "{name}");
        let reference = format!("OOB-{}", kind.id());
        let order = order(&reference);
        let quote = carrier_previews_fee(kind).then(|| {
            engine
                .call(Quote::new(order.clone(), name))
                .unwrap_or_else(|e| panic!("{name}: {e}"))
        });
        let report = engine
            .call(Ship::quoted(order, name, quote))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(report.state.may_hold_money(), "{name}: {report:?}");
        common::wait_for_state(&engine, &reference, ShipmentState::Created);
        let record = engine
            .with_store(|s| s.shipment(&reference))
            .expect("store")
            .expect("recorded");
        assert!(record.label.is_some(), "{name}: a label is stored");
    }
}

/// Whether `kind`'s built-in account prices every order before buying (logssc).
fn carrier_previews_fee(kind: ForwarderKind) -> bool {
    kind == ForwarderKind::Logssc
}
