//! A forwarder's address that answers with a move (issue 14, point 5): the create of every
//! forwarder, and logssc's login, are sent once to the account's own address and never to the
//! address the move points at (where the credentials and the signed order would go); the move is
//! not taken for the forwarder's verdict but said in words; a move that points back at itself is
//! one request, not eleven. The hostile servers are in `hostile_server`.

use shipdesk::carriers::zyl::AuthMode;
use shipdesk::engine::{Engine, Quote, Reconcile, Ship};
use shipdesk::model::{Shipment, ShipmentState, Text};
use shipdesk::secrets::Keychain;

use crate::common;
use crate::common::forwarders::{
    add_eccang_account, add_logssc_account, add_westernpost_account, add_zyl_account, eccang_order,
    logssc_order, zyl_order,
};
use crate::hostile_server::{Hostile, LOCATION_QUERY, Target, shown};

const ACCOUNT: &str = "Moved Forwarder";

/// One forwarder's create, as these tests send it.
struct Create {
    name: &'static str,
    /// Adds an account (name, then base URL) with the sandbox's demo secrets.
    add_account: fn(&Engine, &Keychain, &str, &str),
    order: fn(&str) -> Shipment,
}

fn creates() -> [Create; 4] {
    [
        Create {
            name: "Western Post",
            add_account: add_westernpost_account,
            order: common::order,
        },
        Create {
            name: "ECCANG",
            add_account: add_eccang_account,
            order: eccang_order,
        },
        Create {
            name: "ZYL (static sign)",
            add_account: |engine, keychain, name, url| {
                add_zyl_account(engine, keychain, name, url, AuthMode::StaticSign);
            },
            order: zyl_order,
        },
        Create {
            name: "ZYL (MD5 headers)",
            add_account: |engine, keychain, name, url| {
                add_zyl_account(engine, keychain, name, url, AuthMode::Md5Header);
            },
            order: zyl_order,
        },
    ]
}

/// Asserts that `message` says the forwarder moved, where to (without the query the server
/// added), in both languages.
fn says_moved(what: &str, message: &Text, hostile: &Hostile, status: u16) {
    for text in [&message.en, &message.zh] {
        assert!(
            text.contains(&hostile.elsewhere_url) && text.contains(&status.to_string()),
            "{what}: where to and the status: {message:?}"
        );
        assert!(
            !text.contains(LOCATION_QUERY),
            "{what}: the Location's query is shown: {message:?}"
        );
    }
    assert!(
        message.en.contains("moved") && message.en.contains("base URL"),
        "{what}: {message:?}"
    );
    assert!(message.zh.contains("接口地址"), "{what}: {message:?}");
}

#[test]
fn a_create_that_meets_a_move_is_sent_once_and_never_to_where_it_points() {
    for status in [301, 302, 303, 307, 308] {
        for create in creates() {
            let what = format!("{} / HTTP {status}", create.name);
            let hostile = Hostile::start(status, Target::Elsewhere);
            let keychain = Keychain::in_memory();
            let (engine, _dir) = common::engine(keychain.clone());
            (create.add_account)(&engine, &keychain, ACCOUNT, &hostile.mover_url);
            let reference = format!("MOVED-{status}");
            let report = engine
                .call(Ship::new((create.order)(&reference), ACCOUNT))
                .unwrap_or_else(|e| panic!("{what}: {e}"));

            assert!(
                hostile.elsewhere().is_empty(),
                "{what}: sent where the move points:\n{}",
                shown(&hostile.elsewhere())
            );
            let at_mover = hostile.at_mover();
            assert_eq!(
                at_mover.len(),
                1,
                "{what}: sent once:\n{}",
                shown(&at_mover)
            );
            assert_eq!(at_mover[0].method, "POST", "{what}");
            // Not the forwarder's verdict either way: the move may come from a server that took
            // the order first (POST, then "see the result there"), so it is reconciled.
            assert_eq!(report.state, ShipmentState::Unknown, "{what}: {report:?}");
            let message = report.message.expect("a message");
            says_moved(&what, &message, &hostile, status);

            // Reconciling asks the same address again, and again nothing goes elsewhere.
            let reconciled = engine.call(Reconcile).expect("reconciled");
            assert_eq!(reconciled.len(), 1, "{what}");
            assert_eq!(reconciled[0].after, ShipmentState::Unknown, "{what}");
            assert!(hostile.elsewhere().is_empty(), "{what}: reconcile");
        }
    }
}

#[test]
fn logsscs_login_that_meets_a_move_sends_its_secret_nowhere_else() {
    for status in [302, 307, 308] {
        let what = format!("logssc / HTTP {status}");
        let hostile = Hostile::start(status, Target::Elsewhere);
        let keychain = Keychain::in_memory();
        let (engine, _dir) = common::engine(keychain.clone());
        add_logssc_account(&engine, &keychain, ACCOUNT, &hostile.mover_url);
        let order = logssc_order("MOVED-LSO");
        let error = engine
            .call(Quote::new(order, ACCOUNT))
            .expect_err("no fee from a move");
        assert!(
            hostile.elsewhere().is_empty(),
            "{what}: {:?}",
            hostile.elsewhere()
        );
        assert_eq!(hostile.at_mover().len(), 1, "{what}: one login");
        says_moved(&what, &error.describe(), &hostile, status);
        assert!(
            common::state_of(&engine, "MOVED-LSO").is_none(),
            "{what}: nothing recorded"
        );
    }
}

#[test]
fn a_move_back_to_the_same_address_is_one_request_not_eleven() {
    for status in [302, 307, 308] {
        let hostile = Hostile::start(status, Target::Itself);
        let keychain = Keychain::in_memory();
        let (engine, _dir) = common::engine(keychain.clone());
        add_westernpost_account(&engine, &keychain, ACCOUNT, &hostile.mover_url);
        let report = engine
            .call(Ship::new(common::order("MOVED-LOOP"), ACCOUNT))
            .expect("sent");
        assert_eq!(hostile.at_mover().len(), 1, "HTTP {status}: one POST");
        assert_eq!(report.state, ShipmentState::Unknown, "HTTP {status}");
    }
}
