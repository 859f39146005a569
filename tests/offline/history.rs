//! History search on a real SQLite file: what a supervisor types finds the right shipments,
//! newest first, narrowed by the filters, one page at a time.

use crate::common;

use shipdesk::carriers::{Account, AccountSettings, ForwarderKind, HttpMethod, WireRequest};
use shipdesk::model::ShipmentState;
use shipdesk::store::{EventKind, HistoryQuery, HistorySort, Outcome, SentRequest, SortKey, Store};

fn account(name: &str) -> Account {
    Account {
        name: name.to_owned(),
        forwarder: ForwarderKind::WesternPost,
        base_url: "http://127.0.0.1:9".to_owned(),
        settings: AccountSettings::default(),
        builtin_sandbox: false,
    }
}

/// A store on a new SQLite file (kept alive by the returned folder; the store closes first).
fn fresh_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tmp");
    let store = Store::open(&dir.path().join("h.sqlite3")).expect("open");
    (dir, store)
}

/// Records a created shipment; rows are created in call order (newest last).
fn record(
    store: &mut Store,
    reference: &str,
    name: &str,
    phone: &str,
    account_name: &str,
    tracking: &str,
) {
    let mut shipment = common::order(reference);
    shipment.recipient.name = name.to_owned();
    shipment.recipient.phone = phone.to_owned();
    record_order(store, &shipment, account_name, tracking);
}

/// Records `shipment` as created with `tracking`, one millisecond after the previous one.
fn record_order(
    store: &mut Store,
    shipment: &shipdesk::model::Shipment,
    account_name: &str,
    tracking: &str,
) {
    let request = WireRequest {
        method: HttpMethod::Post,
        url: "http://127.0.0.1:9/v1/open-api/createOrder".to_owned(),
        headers: Vec::new(),
        body: b"{}".to_vec(),
    };
    let id = store
        .record_submission(
            shipment,
            &account(account_name),
            "WP_GROUND",
            &SentRequest::new(&request, &request.body, &request.body),
            None,
        )
        .expect("recorded")
        .id;
    store
        .record_outcome(
            id,
            &[ShipmentState::Submitting],
            &Outcome {
                state: ShipmentState::Created,
                tracking_number: Some(tracking),
                forwarder_order_id: None,
                message: None,
                response: serde_json::json!({"status": 200}),
            },
        )
        .expect("outcome");
    // Distinct creation times, one millisecond apart, in call order.
    std::thread::sleep(std::time::Duration::from_millis(2));
}

fn refs(store: &Store, query: HistoryQuery) -> Vec<String> {
    store
        .search(&query)
        .expect("search")
        .into_iter()
        .map(|r| r.reference)
        .collect()
}

fn text(text: &str) -> HistoryQuery {
    HistoryQuery {
        text: text.to_owned(),
        ..HistoryQuery::default()
    }
}

#[test]
fn search_by_each_key_with_filters_and_pages() {
    let (_dir, mut store) = fresh_store();
    record(&mut store, "H-1", "Mary Smith", "5550001", "East", "TRK-1");
    record(
        &mut store,
        "H-2",
        "mary smithson",
        "5550002",
        "West",
        "TRK-2",
    );
    record(&mut store, "H-3", "Marvin Lee", "5550003", "East", "TRK-3");
    record(&mut store, "H-4", "张伟", "5550004", "East", "TRK-4");
    record(&mut store, "H-5", "Mary Smith", "5550005", "West", "H-1");

    // Exact keys; a tracking number that equals another shipment's reference finds both.
    assert_eq!(refs(&store, text("TRK-3")), ["H-3"]);
    assert_eq!(refs(&store, text("5550002")), ["H-2"]);
    assert_eq!(refs(&store, text("H-1")), ["H-5", "H-1"]);
    // Name prefix, any case, newest first; Chinese names too.
    assert_eq!(refs(&store, text("mary smi")), ["H-5", "H-2", "H-1"]);
    assert_eq!(refs(&store, text("MAR")), ["H-5", "H-3", "H-2", "H-1"]);
    assert_eq!(refs(&store, text("张")), ["H-4"]);
    assert!(refs(&store, text("Zed")).is_empty());
    // Any part of a tracking number or reference finds it, in any case (its first letters,
    // its last digits, typed in lower case).
    assert_eq!(refs(&store, text("TRK")), ["H-4", "H-3", "H-2", "H-1"]);
    assert_eq!(refs(&store, text("trk-2")), ["H-2"]);
    assert_eq!(refs(&store, text("0003")), ["H-3"]);
    // Any word of a name: a surname alone, lower case, or both words in either order.
    assert_eq!(refs(&store, text("smith")), ["H-5", "H-2", "H-1"]);
    assert_eq!(refs(&store, text("Lee Marvin")), ["H-3"]);

    // Filters narrow text matches and stand alone.
    let east_mary = HistoryQuery {
        account: Some("East".to_owned()),
        ..text("Mar")
    };
    assert_eq!(refs(&store, east_mary), ["H-3", "H-1"]);
    let west = HistoryQuery {
        account: Some("West".to_owned()),
        ..HistoryQuery::default()
    };
    assert_eq!(refs(&store, west), ["H-5", "H-2"]);
    let failed = HistoryQuery {
        state: Some(ShipmentState::Failed),
        ..HistoryQuery::default()
    };
    assert!(refs(&store, failed).is_empty());

    // Date range: only what was created inside it.
    let all = store.search(&HistoryQuery::default()).expect("all");
    let h3 = all
        .iter()
        .find(|r| r.reference == "H-3")
        .expect("H-3")
        .created_at;
    let range = HistoryQuery {
        from_ms: Some(h3),
        to_ms: Some(h3 + 1),
        ..HistoryQuery::default()
    };
    assert_eq!(refs(&store, range), ["H-3"]);

    // Pages, with and without text.
    let page = |offset, text: &str| HistoryQuery {
        text: text.to_owned(),
        limit: 2,
        offset,
        ..HistoryQuery::default()
    };
    assert_eq!(refs(&store, page(0, "")), ["H-5", "H-4"]);
    assert_eq!(refs(&store, page(2, "")), ["H-3", "H-2"]);
    assert_eq!(refs(&store, page(4, "")), ["H-1"]);
    assert_eq!(refs(&store, page(0, "Mar")), ["H-5", "H-3"]);
    assert_eq!(refs(&store, page(2, "Mar")), ["H-2", "H-1"]);
}

#[test]
fn a_word_of_the_recipients_company_finds_the_shipment() {
    let (_dir, mut store) = fresh_store();
    let mut shipment = common::order("CO-1");
    shipment.recipient.company = "Golden Panda Imports".to_owned();
    record_order(&mut store, &shipment, "East", "TRK-CO1");
    record(&mut store, "CO-2", "Ann Lee", "5550009", "East", "TRK-CO2");
    assert_eq!(refs(&store, text("panda")), ["CO-1"]);
    assert_eq!(refs(&store, text("IMPORTS")), ["CO-1"]);
    assert!(refs(&store, text("pandas")).is_empty());
}

#[test]
fn an_answer_only_settles_the_state_it_was_sent_from() {
    let (_dir, mut store) = fresh_store();
    record(&mut store, "CAS-1", "Ann", "1", "East", "TRK-CAS");
    let id = store.shipment("CAS-1").expect("read").expect("row").id;
    // A late "already exists" for a send that started in `submitting` finds it `created`.
    let applied = store
        .record_outcome(
            id,
            &[ShipmentState::Submitting],
            &Outcome {
                state: ShipmentState::Failed,
                tracking_number: None,
                forwarder_order_id: None,
                message: None,
                response: serde_json::json!({"status": 200, "body": "late"}),
            },
        )
        .expect("recorded");
    assert!(!applied);
    let record = store.shipment("CAS-1").expect("read").expect("row");
    assert_eq!(record.state, ShipmentState::Created);
    assert_eq!(record.tracking_number.as_deref(), Some("TRK-CAS"));
    // The late answer is still in the audit trail.
    let events = store.events(id).expect("events");
    assert!(events.iter().any(|e| e.detail["body"] == "late"));
}

#[test]
fn totals_add_up_exactly_by_account_for_the_filtered_set() {
    let (_dir, mut store) = fresh_store();
    record(&mut store, "T-1", "Ann", "1", "East", "TRK-T1");
    record(&mut store, "T-2", "Bob", "2", "East", "TRK-T2");
    record(&mut store, "T-3", "Cy", "3", "West", "TRK-T3");
    let totals = store.totals(&HistoryQuery::default()).expect("totals");
    assert_eq!(totals.len(), 2);
    let east = &totals[0];
    assert_eq!((east.account.as_str(), east.shipments), ("East", 2));
    // Seed 000's parcel: 22.04 lb = 9.9971758348 kg, exactly, twice.
    assert_eq!(east.weight_kg.to_string(), "19.9943516696");
    assert_eq!(
        east.declared.get("USD").map(ToString::to_string).as_deref(),
        Some("22222.000002")
    );
    // Filters apply: a name search leaves one shipment.
    let ann = store
        .totals(&HistoryQuery {
            text: "Ann".to_owned(),
            ..HistoryQuery::default()
        })
        .expect("totals");
    assert_eq!(ann.len(), 1);
    assert_eq!(ann[0].shipments, 1);
}

#[test]
fn every_column_sorts_both_ways_with_ties_newest_first() {
    let (_dir, mut store) = fresh_store();
    // (reference, recipient, account, tracking, kg): weights whose text order is not their order.
    for (reference, name, account_name, tracking, kg) in [
        ("S-B", "bob", "West", "T-3", "9.5"),
        ("S-A", "Alice", "East", "T-1", "10"),
        ("S-C", "carol", "East", "T-2", "0.25"),
        ("S-D", "alice", "West", "T-4", "10"),
    ] {
        let mut shipment = common::order(reference);
        shipment.recipient.name = name.to_owned();
        shipment.parcels.truncate(1);
        shipment.parcels[0].weight = kg.parse().expect("weight");
        shipment.parcels[0].weight_unit = shipdesk::model::WeightUnit::Kg;
        record_order(&mut store, &shipment, account_name, tracking);
    }
    let sorted = |key, descending, typed: &str| {
        refs(
            &store,
            HistoryQuery {
                text: typed.to_owned(),
                sort: HistorySort { key, descending },
                ..HistoryQuery::default()
            },
        )
    };
    assert_eq!(
        sorted(SortKey::Created, true, ""),
        ["S-D", "S-C", "S-A", "S-B"]
    );
    assert_eq!(
        sorted(SortKey::Created, false, ""),
        ["S-B", "S-A", "S-C", "S-D"]
    );
    assert_eq!(
        sorted(SortKey::Reference, false, ""),
        ["S-A", "S-B", "S-C", "S-D"]
    );
    assert_eq!(
        sorted(SortKey::Tracking, true, ""),
        ["S-D", "S-B", "S-C", "S-A"]
    );
    // By value, not as text ("9.5" < "10"); equal weights newest first.
    assert_eq!(
        sorted(SortKey::Weight, true, ""),
        ["S-D", "S-A", "S-B", "S-C"]
    );
    assert_eq!(
        sorted(SortKey::Weight, false, ""),
        ["S-C", "S-B", "S-D", "S-A"]
    );
    // Names without regard to case; the two Alices newest first.
    assert_eq!(
        sorted(SortKey::Recipient, false, ""),
        ["S-D", "S-A", "S-B", "S-C"]
    );
    // Accounts A to Z, newest first within each.
    assert_eq!(
        sorted(SortKey::Account, false, ""),
        ["S-C", "S-A", "S-D", "S-B"]
    );
    // A search sorts its matches too: the name prefix "al", by reference and by age.
    assert_eq!(sorted(SortKey::Reference, true, "al"), ["S-D", "S-A"]);
    assert_eq!(sorted(SortKey::Created, false, "al"), ["S-A", "S-D"]);
    // Paging follows the order.
    let second_page = refs(
        &store,
        HistoryQuery {
            sort: HistorySort {
                key: SortKey::Reference,
                descending: false,
            },
            limit: 2,
            offset: 2,
            ..HistoryQuery::default()
        },
    );
    assert_eq!(second_page, ["S-C", "S-D"]);
    // matching_ids (what the window scrolls) agrees with search.
    let ids = store
        .matching_ids(&HistoryQuery {
            sort: HistorySort {
                key: SortKey::Weight,
                descending: false,
            },
            ..HistoryQuery::default()
        })
        .expect("ids");
    let by_ids: Vec<String> = ids
        .iter()
        .map(|id| store.reference_of(*id).expect("reference"))
        .collect();
    assert_eq!(by_ids, ["S-C", "S-B", "S-D", "S-A"]);
}

#[test]
fn a_first_print_is_a_state_change_in_the_audit_trail_and_a_reprint_only_counts() {
    let (_dir, mut store) = fresh_store();
    record(&mut store, "PR-1", "Ann", "1", "East", "TRK-PR1");
    let id = store.shipment("PR-1").expect("read").expect("row").id;
    assert_eq!(
        store.record_printed(id, "ipp://desk", 7).expect("printed"),
        1
    );
    assert_eq!(
        store.record_printed(id, "ipp://desk", 8).expect("printed"),
        2
    );
    let row = store.shipment("PR-1").expect("read").expect("row");
    assert_eq!(row.state, ShipmentState::Printed);
    assert_eq!(row.print_count, 2);
    let events = store.events(id).expect("events");
    let printed_states = events
        .iter()
        .filter(|e| e.kind == EventKind::State && e.state == Some(ShipmentState::Printed))
        .count();
    assert_eq!(printed_states, 1, "one state change to printed: {events:?}");
    let prints = events.iter().filter(|e| e.kind == EventKind::Print).count();
    assert_eq!(prints, 2, "both jobs are in the trail");
}
