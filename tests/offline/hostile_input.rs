//! Every parser of outside input, fed random and mutated input built from the seeds' own
//! examples (proptest): each forwarder's answers (create, follow-ups, fee, tracking, cancel,
//! refund, session, connection test), the ECCANG SOAP envelope, label sniffing and the order
//! file. None may panic, and each answers in bounded time.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use shipdesk::carriers::{self, Account, FollowUp, ForwarderKind, WireResponse};

use crate::common;

/// The longest any one parse may take on these inputs (they are at most a few hundred KB): a
/// guard against a parser that hangs or goes quadratic, not a speed target. It is generous
/// because a debug build on two busy cores took 2.1 s once for 30 KB of `<?xml` repeated;
/// replayed on a quiet machine the same case passed with the whole property in 13 s.
const BOUNDED: Duration = Duration::from_secs(10);

/// The seed documents' own answer examples, the starting points of the mutations.
fn examples() -> Vec<Vec<u8>> {
    let fixture = |path: &str| {
        std::fs::read(format!(
            "{}/tests/fixtures/{path}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap_or_default()
    };
    let mut all: Vec<Vec<u8>> = [
        "westernpost/create_order_success.json",
        "westernpost/create_order_duplicate.json",
        "westernpost/create_order_auth.json",
        "eccang/create_order_success.json",
        "eccang/create_order_failure.json",
        "zyl/order_by_api_success.txt",
        "zyl/order_by_api_failure.json",
        "logssc/order_commit_answer.json",
        "logssc/callback_success.json",
        "logssc/callback_failure.json",
    ]
    .iter()
    .map(|path| fixture(path))
    .collect();
    // ECCANG's JSON as it comes: inside the SOAP answer envelope.
    for json in [
        fixture("eccang/create_order_success.json"),
        fixture("eccang/create_order_failure.json"),
    ] {
        let text = String::from_utf8_lossy(&json)
            .replace('&', "&amp;")
            .replace('<', "&lt;");
        all.push(
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="{}"><SOAP-ENV:Body><ns1:callServiceResponse><response>{text}</response></ns1:callServiceResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>"#,
                carriers::eccang::NAMESPACE
            )
            .into_bytes(),
        );
    }
    // Hostile shapes real answers have been seen to take.
    all.push(br#"<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol9 "&lol;&lol;&lol;">]><SOAP-ENV:Envelope><SOAP-ENV:Body><response>&lol9;</response></SOAP-ENV:Body></SOAP-ENV:Envelope>"#.to_vec());
    all.push(b"<html><body>502 Bad Gateway</body></html>".to_vec());
    all.push(br#"{"code":200,"data":{"trackingNumber":{"nested":[[[[[[[]]]]]]]}}}"#.to_vec());
    all.push(
        "{\"code\": 200, \"msg\": \"\u{202e}成功\", \"data\": null}"
            .as_bytes()
            .to_vec(),
    );
    all
}

/// One mutation of a byte string.
#[derive(Clone, Debug)]
enum Mutation {
    Flip {
        at: usize,
        byte: u8,
    },
    Cut {
        at: usize,
    },
    Insert {
        at: usize,
        bytes: Vec<u8>,
    },
    Repeat {
        from: usize,
        len: usize,
        times: usize,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Flip { at, byte }),
        any::<usize>().prop_map(|at| Mutation::Cut { at }),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 0..64)
        )
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (any::<usize>(), 1usize..64, 1usize..2_000)
            .prop_map(|(from, len, times)| Mutation::Repeat { from, len, times }),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for mutation in mutations {
        let len = bytes.len().max(1);
        match mutation {
            Mutation::Flip { at, byte } => {
                if let Some(b) = bytes.get_mut(at % len) {
                    *b = *byte;
                }
            }
            Mutation::Cut { at } => bytes.truncate(at % len),
            Mutation::Insert { at, bytes: more } => {
                let at = (at % len).min(bytes.len());
                bytes.splice(at..at, more.iter().copied());
            }
            Mutation::Repeat {
                from,
                len: run,
                times,
            } => {
                let from = (from % len).min(bytes.len());
                let end = (from + run).min(bytes.len());
                let piece = bytes[from..end].to_vec();
                let at = end;
                for _ in 0..*times {
                    bytes.splice(at..at, piece.iter().copied());
                }
            }
        }
    }
    bytes
}

/// An input: a seed example mutated, or random bytes.
fn hostile_body() -> impl Strategy<Value = Vec<u8>> {
    let examples = examples();
    prop_oneof![
        (
            0..examples.len(),
            proptest::collection::vec(mutation(), 0..6)
        )
            .prop_map(move |(which, mutations)| mutate(examples[which].clone(), &mutations)),
        proptest::collection::vec(any::<u8>(), 0..2_048),
    ]
}

fn account(kind: ForwarderKind) -> Account {
    Account {
        name: "Hostile".to_owned(),
        forwarder: kind,
        base_url: "https://example.invalid".to_owned(),
        settings: Default::default(),
        builtin_sandbox: false,
    }
}

/// Runs `parse` and checks it returned in bounded time (a panic fails the property itself).
fn bounded<T>(what: &str, parse: impl FnOnce() -> T) -> Result<(), TestCaseError> {
    let started = Instant::now();
    let _ = parse();
    prop_assert!(
        started.elapsed() < BOUNDED,
        "{what} took {:?}",
        started.elapsed()
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn no_forwarder_answer_makes_a_parser_panic_or_hang(
        body in hostile_body(),
        status in prop_oneof![Just(200u16), Just(400), Just(401), Just(500), Just(502), 100u16..600],
        xml in any::<bool>(),
    ) {
        let response = WireResponse {
            status,
            content_type: Some(if xml { "text/xml; charset=utf-8" } else { "application/json" }.to_owned()),
            body,
        };
        let order = common::order("HOSTILE-1");
        for kind in ForwarderKind::ALL {
            let forwarder = carriers::forwarder(kind);
            let account = account(kind);
            bounded("parse_create", || forwarder.parse_create(&response))?;
            bounded("parse_follow_up number", || forwarder.parse_follow_up(FollowUp::TrackingNumber, &response))?;
            bounded("parse_follow_up label", || forwarder.parse_follow_up(FollowUp::Label, &response))?;
            bounded("parse_quote", || forwarder.parse_quote(&order, &account, &response))?;
            bounded("parse_track", || forwarder.parse_track(&response))?;
            bounded("parse_cancel", || forwarder.parse_cancel(&response))?;
            bounded("parse_refund", || forwarder.parse_refund(&response))?;
            bounded("parse_session", || forwarder.parse_session(&response))?;
            bounded("parse_connection_test", || forwarder.parse_connection_test(&response))?;
        }
        bounded("soap envelope", || carriers::eccang::parse_envelope(&response.body))?;
    }

    #[test]
    fn no_label_bytes_make_sniffing_or_the_png_page_panic(body in hostile_body()) {
        bounded("sniff", || shipdesk::labels::sniff(&body))?;
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend_from_slice(&body);
        bounded("label_as_pdf", || shipdesk::labels::label_as_pdf(&png).map(|p| p.len()))?;
        let mut pdf = b"%PDF-1.4\n".to_vec();
        pdf.extend_from_slice(&body);
        bounded("sniff pdf", || shipdesk::labels::sniff(&pdf))?;
    }

    #[test]
    fn no_order_file_makes_the_reader_panic(
        mutations in proptest::collection::vec(mutation(), 0..8),
        random in proptest::collection::vec(any::<u8>(), 0..512),
        use_random in any::<bool>(),
    ) {
        let seed = std::fs::read(common::seed_order_path()).unwrap_or_default();
        let bytes = if use_random { random } else { mutate(seed, &mutations) };
        let text = String::from_utf8_lossy(&bytes);
        bounded("parse_order", || shipdesk::model::parse_order(&text))?;
    }
}
