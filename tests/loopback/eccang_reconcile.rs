//! ECCANG's lost creates are reconciled by lookup first (issue 14, point 2), over real HTTP and
//! SQLite against the sandbox: getTrackNumber by our reference; createOrder goes again only
//! when ECCANG has no such order, and a refusal of that re-send is never "nothing charged"
//! until ECCANG, asked once more, still has no such order.

use crate::common;

use std::time::Duration;

use crate::common::forwarders::{add_eccang_account, eccang_order};
use shipdesk::engine::{Engine, Reconcile, ReconcileReport, Ship};
use shipdesk::model::ShipmentState;
use shipdesk::sandbox::{Fault, Sandbox, SandboxForwarder};
use shipdesk::secrets::Keychain;

const ACCOUNT: &str = "ECCANG Reconcile";

/// Words a host might use for a repeated reference that shipdesk does not recognise as such.
const UNRECOGNISED_DUPLICATE: &str = "该客户单号已被使用";

/// A sandbox (numbers at once) and an engine on a fresh folder with an ECCANG account there.
/// Fields drop in order: the engine before its folder, the sandbox before its runtime.
struct Desk {
    engine: Engine,
    _keychain: Keychain,
    _dir: tempfile::TempDir,
    sandbox: Sandbox,
    _runtime: tokio::runtime::Runtime,
}

impl Desk {
    fn start() -> Self {
        let (runtime, sandbox) = common::sandbox_on_own_runtime();
        sandbox.set_eccang_number_after_polls(0);
        let dir = tempfile::tempdir().expect("tmp");
        let keychain = Keychain::in_memory();
        let engine = common::engine_in(dir.path(), &keychain, Duration::from_millis(50));
        add_eccang_account(&engine, &keychain, ACCOUNT, &sandbox.base_url());
        common::edit_account(&engine, ACCOUNT, |a| a.settings.timeout_secs = 2);
        Self {
            engine,
            _keychain: keychain,
            _dir: dir,
            sandbox,
            _runtime: runtime,
        }
    }

    /// Ships `reference`; its answer is lost (the state is unknown).
    fn ship_and_lose_the_answer(&self, reference: &str) {
        let report = self
            .engine
            .call(Ship::new(eccang_order(reference), ACCOUNT))
            .expect("sent");
        assert_eq!(report.state, ShipmentState::Unknown, "{:?}", report.message);
    }

    fn reconcile(&self, reference: &str) -> ReconcileReport {
        self.engine
            .call(Reconcile)
            .expect("reconciled")
            .into_iter()
            .find(|r| r.reference == reference)
            .unwrap_or_else(|| panic!("{reference} not reported"))
    }

    /// ECCANG's orders under `reference`.
    fn orders_at_eccang(&self, reference: &str) -> usize {
        self.sandbox
            .orders()
            .iter()
            .filter(|o| o.forwarder == SandboxForwarder::Eccang && o.reference == reference)
            .count()
    }
}

fn bought(state: ShipmentState) -> bool {
    matches!(
        state,
        ShipmentState::Created | ShipmentState::AwaitingLabel | ShipmentState::AwaitingNumber
    )
}

#[test]
fn a_lost_answer_is_settled_by_lookup_and_the_order_is_never_sent_again() {
    let desk = Desk::start();
    // Had the create gone again, this host's duplicate refusal would not have been understood.
    desk.sandbox
        .set_eccang_duplicate_words(Some(UNRECOGNISED_DUPLICATE));
    desk.sandbox.inject(Fault::ResetAfterCommit);
    desk.ship_and_lose_the_answer("ECR-LOST-1");
    assert_eq!(desk.sandbox.creates_received(), 1);

    let reconciled = desk.reconcile("ECR-LOST-1");
    assert!(bought(reconciled.after), "{reconciled:?}");
    assert!(reconciled.tracking_number.is_some(), "{reconciled:?}");
    assert_eq!(
        desk.sandbox.creates_received(),
        1,
        "looked up, not sent again"
    );
    assert_eq!(desk.orders_at_eccang("ECR-LOST-1"), 1);
}

#[test]
fn an_order_that_never_arrived_is_sent_again_once_the_lookup_finds_none() {
    let desk = Desk::start();
    // A gateway's page: nothing reached ECCANG.
    desk.sandbox.inject(Fault::Html502);
    desk.ship_and_lose_the_answer("ECR-NONE-1");
    assert_eq!(desk.orders_at_eccang("ECR-NONE-1"), 0);

    let reconciled = desk.reconcile("ECR-NONE-1");
    assert!(bought(reconciled.after), "{reconciled:?}");
    assert_eq!(desk.sandbox.creates_received(), 2, "sent again once");
    assert_eq!(desk.orders_at_eccang("ECR-NONE-1"), 1);
}

#[test]
fn a_resend_refused_in_unrecognised_words_after_a_late_commit_is_bought_once_not_failed() {
    let desk = Desk::start();
    desk.sandbox
        .set_eccang_duplicate_words(Some(UNRECOGNISED_DUPLICATE));
    // ECCANG commits this order only after it has answered the first lookup "no such order":
    // the re-send then meets it and is refused in words shipdesk does not recognise.
    desk.sandbox.commit_next_eccang_order_late();
    desk.ship_and_lose_the_answer("ECR-LATE-1");

    let reconciled = desk.reconcile("ECR-LATE-1");
    assert!(bought(reconciled.after), "{reconciled:?}");
    assert_eq!(desk.orders_at_eccang("ECR-LATE-1"), 1, "bought once");
    assert_eq!(desk.sandbox.creates_received(), 2);
    common::wait_for_state(&desk.engine, "ECR-LATE-1", ShipmentState::Created);
    let record = common::record(&desk.engine, "ECR-LATE-1");
    assert!(record.tracking_number.is_some(), "{record:?}");
}

#[test]
fn a_resend_refused_for_the_order_itself_fails_with_ecangs_words_only_after_a_second_look() {
    let desk = Desk::start();
    desk.sandbox.inject(Fault::Html502);
    desk.ship_and_lose_the_answer("ECR-REFUSED-1");
    desk.sandbox.refuse_next_eccang_order("收件人邮编不正确");

    let reconciled = desk.reconcile("ECR-REFUSED-1");
    assert_eq!(reconciled.after, ShipmentState::Failed, "{reconciled:?}");
    let message = reconciled.message.expect("explained");
    assert!(message.en.contains("收件人邮编不正确"), "{}", message.en);
    assert!(message.en.contains("nothing was bought"), "{}", message.en);
    assert!(message.zh.contains("未下单"), "{}", message.zh);
    assert_eq!(desk.orders_at_eccang("ECR-REFUSED-1"), 0);

    // Three lookups and two creates: the lookup, the re-send, the second lookup.
    let record = common::record(&desk.engine, "ECR-REFUSED-1");
    let calls: Vec<String> = desk
        .engine
        .with_store(|s| s.events(record.id))
        .expect("events")
        .into_iter()
        .filter(|e| e.kind == shipdesk::store::EventKind::Request)
        .map(|e| e.detail.to_string())
        .collect();
    let lookups = calls
        .iter()
        .filter(|c| c.contains("getTrackNumber"))
        .count();
    let creates = calls.iter().filter(|c| c.contains("createOrder")).count();
    assert_eq!((lookups, creates), (2, 2), "{calls:#?}");
}
