//! What reconciliation keeps per shipment to pace itself (schema step 7): its re-sends of the
//! create (counted, capped, and not before a time) and its lookups (counted, and when shipdesk
//! looks again by itself). The engine decides the numbers (`engine::lifecycle::pacing`); this
//! keeps them, and claims a re-send so that two reconciles never both send.

use rusqlite::{OptionalExtension as _, params};

use super::shipments::{RECORD_COLUMNS, insert_event, record_from_row, request_detail};
use super::{Doing as _, EventKind, SentRequest, ShipmentRecord, Store, StoreError, now_ms};
use crate::model::{ShipmentState, Text};

/// How reconciliation has dealt with one shipment so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReconcilePace {
    /// When its create was last sent (its write-ahead record), ms since the epoch.
    pub create_sent_at: i64,
    /// How many times reconciliation sent the create again.
    pub resends: i64,
    /// No re-send before this (ms since the epoch).
    pub next_resend_at: Option<i64>,
    /// How many times reconciliation looked the order up.
    pub lookups: i64,
    /// When shipdesk looks the order up again by itself (ms since the epoch).
    pub next_look_at: Option<i64>,
}

/// A re-send about to go: claimed only if nobody re-sent since `seen_resends` was read, fewer
/// than `max_resends` went, and no pause holds it at `now`.
#[derive(Clone, Copy, Debug)]
pub struct ResendClaim {
    /// The re-sends counted when the decision to send was made.
    pub seen_resends: i64,
    /// The cap.
    pub max_resends: i64,
    /// Now (ms since the epoch).
    pub now: i64,
    /// No re-send after this one before then (ms since the epoch).
    pub next_resend_at: i64,
}

impl Store {
    /// How reconciliation has dealt with shipment `id` so far.
    pub fn reconcile_pace(&self, id: i64) -> Result<ReconcilePace, StoreError> {
        self.conn
            .query_row(
                "SELECT COALESCE((SELECT MAX(at) FROM events e WHERE e.shipment_id = s.id
                        AND e.kind = 'state' AND e.state = 'submitting'), s.created_at),
                    reconcile_attempts, next_resend_at, reconcile_lookups, next_look_at
                 FROM shipments s WHERE id = ?1",
                [id],
                |row| {
                    Ok(ReconcilePace {
                        create_sent_at: row.get(0)?,
                        resends: row.get(1)?,
                        next_resend_at: row.get(2)?,
                        lookups: row.get(3)?,
                        next_look_at: row.get(4)?,
                    })
                },
            )
            .doing("reading how the shipment was reconciled")
    }

    /// Claims a re-send of the stored request and records it in the audit trail, in one
    /// transaction before it is sent (write-ahead): the re-send is counted and the next one held
    /// until `claim.next_resend_at`. Returns `false`, recording nothing, when the claim fails:
    /// another reconcile (here or in another shipdesk on this database) re-sent it meanwhile,
    /// the cap is reached, a pause holds it, or the shipment is settled.
    pub fn record_resend(
        &mut self,
        id: i64,
        request: &SentRequest,
        claim: &ResendClaim,
    ) -> Result<bool, StoreError> {
        let tx = self.conn.transaction().doing("starting a transaction")?;
        let claimed = tx
            .execute(
                "UPDATE shipments SET attempts = attempts + 1,
                    reconcile_attempts = reconcile_attempts + 1, next_resend_at = ?5, updated_at = ?4
                 WHERE id = ?1 AND state IN ('submitting', 'unknown') AND reconcile_attempts = ?2
                    AND reconcile_attempts < ?3 AND (next_resend_at IS NULL OR next_resend_at <= ?4)",
                params![
                    id,
                    claim.seen_resends,
                    claim.max_resends,
                    claim.now,
                    claim.next_resend_at
                ],
            )
            .doing("claiming the re-send")?;
        if claimed == 0 {
            return Ok(false);
        }
        insert_event(
            &tx,
            id,
            now_ms(),
            EventKind::Request,
            None,
            &request_detail(request),
        )?;
        tx.commit().doing("saving the re-send")?;
        Ok(true)
    }

    /// Counts a lookup made to reconcile shipment `id` and sets when shipdesk looks again by
    /// itself (`None`: it does not), but only while the shipment is still `state` (what the
    /// lookup left it in): a shipment shipped again meanwhile keeps its fresh pacing.
    pub fn schedule_look(
        &mut self,
        id: i64,
        state: ShipmentState,
        next_look_at: Option<i64>,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE shipments SET reconcile_lookups = reconcile_lookups + 1, next_look_at = ?3
                 WHERE id = ?1 AND state = ?2",
                params![id, state.as_str(), next_look_at],
            )
            .doing("scheduling the next look")?;
        Ok(())
    }

    /// Shipments of `forwarders` (ids) in `unknown` or `failed` whose next look is due at `now`,
    /// soonest first.
    pub fn due_for_look(
        &self,
        now: i64,
        forwarders: &[&str],
    ) -> Result<Vec<ShipmentRecord>, StoreError> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM shipments INDEXED BY shipments_look_due
             WHERE next_look_at IS NOT NULL AND next_look_at <= ?1
                AND state IN ('unknown', 'failed') AND forwarder IN (SELECT value FROM json_each(?2))
             ORDER BY next_look_at LIMIT 50"
        );
        let forwarders = serde_json::to_string(forwarders).unwrap_or_default();
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .doing("finding shipments to look up")?;
        let rows = stmt
            .query_map(params![now, forwarders], record_from_row)
            .doing("finding shipments to look up")?;
        rows.collect::<Result<Vec<_>, _>>()
            .doing("finding shipments to look up")
    }

    /// Records a lookup's answer that leaves shipment `id` in `state` (a look that changes
    /// nothing: still unknown, or still failed): the answer goes into the audit trail, and
    /// `message` is shown, and written to the trail when it changed, only while the shipment is
    /// still `state`. Returns whether it still was. A shipment looked up every few seconds gets
    /// no new state entry each time.
    pub fn record_look(
        &mut self,
        id: i64,
        state: ShipmentState,
        response: &serde_json::Value,
        message: &Text,
    ) -> Result<bool, StoreError> {
        let now = now_ms();
        let text = serde_json::to_string(message).unwrap_or_default();
        let tx = self.conn.transaction().doing("starting a transaction")?;
        insert_event(&tx, id, now, EventKind::Response, None, response)?;
        let before: Option<Option<String>> = tx
            .query_row(
                "SELECT message_json FROM shipments WHERE id = ?1 AND state = ?2",
                params![id, state.as_str()],
                |row| row.get(0),
            )
            .optional()
            .doing("reading the shipment's message")?;
        let Some(before) = before else {
            tx.commit().doing("saving the lookup's answer")?;
            return Ok(false);
        };
        if before.as_deref() != Some(text.as_str()) {
            tx.execute(
                "UPDATE shipments SET message_json = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, text, now],
            )
            .doing("recording the lookup's message")?;
            insert_event(
                &tx,
                id,
                now,
                EventKind::State,
                None,
                &serde_json::json!({ "message": message }),
            )?;
        }
        tx.commit().doing("saving the lookup's answer")?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::carriers::{Account, AccountSettings, ForwarderKind, HttpMethod, WireRequest};
    use crate::store::Outcome;

    fn store() -> (Store, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("tmp");
        let store = Store::open(&dir.path().join("s.sqlite3")).expect("open");
        (store, dir)
    }

    fn request() -> SentRequest {
        let request = WireRequest {
            method: HttpMethod::Post,
            url: "http://127.0.0.1:9/v1/open-api/createOrder".to_owned(),
            headers: Vec::new(),
            body: b"{}".to_vec(),
        };
        SentRequest::new(&request, &request.body, &request.body)
    }

    /// Seed 000's order under `reference`.
    fn order(reference: &str) -> crate::model::Shipment {
        let mut order: crate::model::Shipment =
            serde_json::from_str(include_str!("../../assets/examples/order-seed000.json"))
                .expect("seed order");
        order.reference = reference.to_owned();
        order
    }

    fn account() -> Account {
        Account {
            name: "WP".to_owned(),
            forwarder: ForwarderKind::WesternPost,
            base_url: "http://127.0.0.1:9".to_owned(),
            settings: AccountSettings::default(),
            builtin_sandbox: false,
        }
    }

    /// Records seed 000's order under `reference` and moves it to `state`.
    fn shipment_in(store: &mut Store, reference: &str, state: ShipmentState) -> i64 {
        let id = store
            .record_submission(&order(reference), &account(), "WP_GROUND", &request(), None)
            .expect("recorded")
            .id;
        let outcome = Outcome {
            state,
            tracking_number: None,
            forwarder_order_id: None,
            message: None,
            response: serde_json::json!({}),
        };
        store
            .record_outcome(id, &[ShipmentState::Submitting], &outcome)
            .expect("outcome");
        id
    }

    fn claim(seen_resends: i64, now: i64, next_resend_at: i64) -> ResendClaim {
        ResendClaim {
            seen_resends,
            max_resends: 2,
            now,
            next_resend_at,
        }
    }

    #[test]
    fn a_resend_is_claimed_once_held_by_its_pause_and_capped() {
        let (mut store, _dir) = store();
        let id = shipment_in(&mut store, "P-1", ShipmentState::Unknown);
        let sent = request();
        assert!(
            store
                .record_resend(id, &sent, &claim(0, 100, 200))
                .expect("claim")
        );
        // A second reconcile that read the same count loses the race and sends nothing.
        assert!(
            !store
                .record_resend(id, &sent, &claim(0, 100, 200))
                .expect("claim")
        );
        // The pause holds the next one.
        assert!(
            !store
                .record_resend(id, &sent, &claim(1, 150, 300))
                .expect("claim")
        );
        assert!(
            store
                .record_resend(id, &sent, &claim(1, 200, 300))
                .expect("claim")
        );
        // The cap (2 here) ends it.
        assert!(
            !store
                .record_resend(id, &sent, &claim(2, 9_999, 0))
                .expect("claim")
        );
        let pace = store.reconcile_pace(id).expect("pace");
        assert_eq!((pace.resends, pace.next_resend_at), (2, Some(300)));
        let requests = store
            .events(id)
            .expect("events")
            .into_iter()
            .filter(|e| e.kind == EventKind::Request)
            .count();
        assert_eq!(requests, 3, "the first send and the two claimed re-sends");
        // A settled shipment is never re-sent.
        let created = shipment_in(&mut store, "P-2", ShipmentState::Created);
        assert!(
            !store
                .record_resend(created, &sent, &claim(0, 0, 0))
                .expect("claim")
        );
    }

    #[test]
    fn a_look_is_scheduled_only_in_the_state_it_left_and_a_new_send_starts_afresh() {
        let (mut store, _dir) = store();
        let id = shipment_in(&mut store, "P-3", ShipmentState::Failed);
        store
            .schedule_look(id, ShipmentState::Unknown, Some(5))
            .expect("schedule");
        assert_eq!(store.reconcile_pace(id).expect("pace").next_look_at, None);
        store
            .schedule_look(id, ShipmentState::Failed, Some(5))
            .expect("schedule");
        let pace = store.reconcile_pace(id).expect("pace");
        assert_eq!((pace.lookups, pace.next_look_at), (1, Some(5)));
        let due = store.due_for_look(5, &["westernpost"]).expect("due");
        assert_eq!(due.len(), 1);
        assert!(
            store
                .due_for_look(4, &["westernpost"])
                .expect("due")
                .is_empty()
        );
        assert!(store.due_for_look(5, &["logssc"]).expect("due").is_empty());
        // Shipped again from `failed`: the pacing starts afresh, and nothing is looked up.
        let first_sent = store.reconcile_pace(id).expect("pace").create_sent_at;
        std::thread::sleep(std::time::Duration::from_millis(2));
        store
            .record_submission(&order("P-3"), &account(), "WP_GROUND", &request(), None)
            .expect("shipped again");
        let pace = store.reconcile_pace(id).expect("pace");
        assert_eq!(
            (
                pace.resends,
                pace.next_resend_at,
                pace.lookups,
                pace.next_look_at
            ),
            (0, None, 0, None)
        );
        assert!(pace.create_sent_at > first_sent, "the new send's time");
        assert!(
            store
                .due_for_look(i64::MAX, &["westernpost"])
                .expect("due")
                .is_empty()
        );
    }

    #[test]
    fn a_fresh_database_has_the_pacing_columns_and_their_index() {
        let (store, _dir) = store();
        let columns: Vec<String> = store
            .conn
            .prepare("SELECT name FROM pragma_table_info('shipments')")
            .and_then(|mut s| {
                s.query_map([], |r| r.get(0))
                    .and_then(|rows| rows.collect::<Result<Vec<String>, _>>())
            })
            .expect("columns");
        for wanted in [
            "reconcile_attempts",
            "next_resend_at",
            "reconcile_lookups",
            "next_look_at",
        ] {
            assert!(columns.iter().any(|c| c == wanted), "{wanted}: {columns:?}");
        }
        assert!(
            store
                .due_for_look(0, &["logssc"])
                .expect("query")
                .is_empty()
        );
    }
}
