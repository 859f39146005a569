//! The USB scale reader against a FIFO standing in for `/dev/hidraw3`, found through a fake
//! sysfs tree beside a keyboard: reports fed in one by one, the device pulled out (its read
//! ends) and plugged back in.

use rust_decimal::Decimal;
use shipdesk::desk::scale::{ScaleState, ScaleStatus};
use shipdesk::model::WeightUnit;

use crate::common::scale::{FakeHidScale, Watched};

fn grams(state: &ScaleState) -> Option<(ScaleStatus, Decimal)> {
    state
        .reading()
        .filter(|r| r.weight.unit == WeightUnit::G)
        .map(|r| (r.status, r.weight.value))
}

#[test]
fn the_reader_finds_the_scale_reads_it_and_finds_it_again_after_an_unplug() {
    let mut scale = FakeHidScale::new();
    let mut watched = Watched::start(scale.settings());
    // Only a keyboard: no scale.
    watched.wait_for("no scale", |s| *s == ScaleState::NoScale);

    scale.plug();
    watched.wait_for("the scale found", |s| *s == ScaleState::Waiting);
    // A box settling: moving, then stable at 1250 g.
    scale.send(&[0x03, 0x03, 0x02, 0x00, 0xB0, 0x04]);
    watched.wait_for("moving", |s| {
        grams(s) == Some((ScaleStatus::Moving, Decimal::from(1200)))
    });
    // A status report (id 4) and a cut-off report are passed over; the next data report reads.
    scale.send(&[0x04, 0x02, 0x00, 0x00, 0x00, 0x00]);
    scale.send(&[0x03, 0x04]);
    scale.send(&[0x03, 0x04, 0x02, 0x00, 0xE2, 0x04]);
    watched.wait_for("stable", |s| {
        grams(s) == Some((ScaleStatus::Stable, Decimal::from(1250)))
    });

    scale.unplug();
    watched.wait_for("no scale after the unplug", |s| *s == ScaleState::NoScale);

    scale.plug();
    watched.wait_for("found again", |s| *s == ScaleState::Waiting);
    scale.send(&[0x03, 0x02, 0x02, 0x00, 0x00, 0x00]);
    watched.wait_for("zero", |s| {
        grams(s) == Some((ScaleStatus::Zero, Decimal::ZERO))
    });
    // Nothing in between was ever taken from the keyboard.
    assert!(
        watched
            .seen
            .iter()
            .all(|s| !matches!(s, ScaleState::Trouble(_))),
        "{:?}",
        watched.seen
    );
}

#[test]
fn a_dymo_that_misreports_its_usage_page_is_still_a_scale() {
    let mut scale = FakeHidScale::new();
    let mut watched = Watched::start(scale.settings());
    scale.plug_misreported_dymo();
    scale.send(&[0x03, 0x04, 0x0B, 0xFF, 0x34, 0x19]);
    let state = watched.wait_for("a reading", |s| s.reading().is_some());
    assert_eq!(
        state.describe().en,
        "645.2 oz, stable",
        "what the window shows beside the weight"
    );
}

#[test]
fn a_unit_the_desk_cannot_use_is_said_in_both_languages() {
    let mut scale = FakeHidScale::new();
    let mut watched = Watched::start(scale.settings());
    scale.plug();
    // Unit 4: carats.
    scale.send(&[0x03, 0x04, 0x04, 0x00, 0x10, 0x00]);
    let state = watched.wait_for("trouble", |s| matches!(s, ScaleState::Trouble(_)));
    let text = state.describe();
    assert!(text.en.contains("g, kg, oz or lb"), "{}", text.en);
    assert!(text.zh.contains("单位"), "{}", text.zh);
}
