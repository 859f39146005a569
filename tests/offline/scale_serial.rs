//! The serial scale readers against a real pseudo-terminal pair with a small fake scale on the
//! far end: NCI (`W<CR>`, 9600 7E1) and MT-SICS (`SI`, at a configured 4800 8N1), motion,
//! garbage on the line, and a scale that never answers.

use rust_decimal::Decimal;
use shipdesk::desk::scale::{Parity, ScaleState, ScaleStatus, SerialProtocol, SerialSettings};
use shipdesk::model::WeightUnit;

use crate::common::scale::{FakeSerialScale, Watched};

fn status(state: &ScaleState) -> Option<ScaleStatus> {
    state.reading().map(|r| r.status)
}

#[test]
fn an_nci_scale_is_asked_at_9600_7e1_and_its_motion_and_weight_read() {
    let scale = FakeSerialScale::new(b"W\r");
    scale.answer(b"\n0001.25lb\r\n10\r\x03");
    let mut watched = Watched::start(scale.settings(SerialSettings::default()));
    watched.wait_for("moving", |s| status(s) == Some(ScaleStatus::Moving));
    scale.answer(b"\n0001.25lb\r\n00\r\x03");
    let stable = watched.wait_for("stable", |s| status(s) == Some(ScaleStatus::Stable));
    let weight = stable.reading().map(|r| (r.weight.value, r.weight.unit));
    assert_eq!(weight, Some((Decimal::new(125, 2), WeightUnit::Lb)));
    // The baud rate as the port itself reports it. Data bits and parity cannot be seen here:
    // Linux's pty driver forces CS8 without parity (the unit test of the port's line checks
    // what the reader asks for).
    assert_eq!(scale.last_baud(), Some(9600));
    // Asked again and again (every 250 ms), not once.
    assert!(scale.requests() >= 2);
}

#[test]
fn an_mt_sics_scale_is_read_at_the_configured_line() {
    let scale = FakeSerialScale::new(b"SI\r\n");
    scale.answer(b"S S      1.234 kg\r\n");
    let serial = SerialSettings {
        baud: 4800,
        ..SerialSettings::for_protocol(SerialProtocol::MtSics, "")
    };
    let mut watched = Watched::start(scale.settings(serial));
    let stable = watched.wait_for("stable", |s| status(s) == Some(ScaleStatus::Stable));
    assert_eq!(stable.describe().en, "1.234 kg, stable");
    assert_eq!(stable.describe().zh, "1.234 kg，稳定");
    assert_eq!(scale.last_baud(), Some(4800));
    scale.answer(b"S D      1.100 kg\r\n");
    watched.wait_for("moving", |s| status(s) == Some(ScaleStatus::Moving));
    scale.answer(b"S +\r\n");
    watched.wait_for("over capacity", |s| {
        status(s) == Some(ScaleStatus::OverCapacity)
    });
}

#[test]
fn garbage_on_the_line_is_one_sentence_and_a_good_answer_after_it_reads() {
    let scale = FakeSerialScale::new(b"W\r");
    scale.answer(b"\xFF\x00zz#!\x7F\r\n");
    let serial = SerialSettings {
        parity: Parity::Odd,
        ..SerialSettings::default()
    };
    let mut watched = Watched::start(scale.settings(serial));
    let trouble = watched.wait_for("trouble", |s| matches!(s, ScaleState::Trouble(_)));
    let text = trouble.describe();
    assert!(text.en.contains("NCI at 9600 7O1"), "{}", text.en);
    assert!(text.zh.contains("NCI"), "{}", text.zh);
    // Noise in front of a real answer does not hide it.
    scale.answer(b"\x13\x11noise\n0002.50kg\r\n00\r\x03");
    let stable = watched.wait_for("stable", |s| status(s) == Some(ScaleStatus::Stable));
    assert_eq!(stable.describe().en, "2.50 kg, stable");
}

#[test]
fn a_silent_scale_is_said_and_the_reading_comes_once_it_answers() {
    let scale = FakeSerialScale::new(b"W\r");
    let mut watched = Watched::start(scale.settings(SerialSettings::default()));
    let silent = watched.wait_for("silent", |s| matches!(s, ScaleState::Trouble(_)));
    assert!(
        silent.describe().en.contains("does not answer"),
        "{:?}",
        silent
    );
    assert!(silent.describe().zh.contains("没有应答"), "{:?}", silent);
    scale.answer(b"\n0000.00kg\r\n20\r\x03");
    watched.wait_for("zero", |s| status(s) == Some(ScaleStatus::Zero));
}

#[test]
fn a_port_that_does_not_exist_is_said_without_a_panic() {
    let settings = shipdesk::desk::scale::ScaleSettings {
        source: shipdesk::desk::scale::ScaleSource::Serial,
        serial: SerialSettings {
            port: "/dev/shipdesk-no-such-port".to_owned(),
            ..SerialSettings::default()
        },
        ..Default::default()
    };
    let mut watched = Watched::start(settings);
    let trouble = watched.wait_for("trouble", |s| matches!(s, ScaleState::Trouble(_)));
    assert!(trouble.describe().en.contains("/dev/shipdesk-no-such-port"));
}
