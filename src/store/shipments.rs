use rusqlite::{OptionalExtension as _, Transaction, params};
use serde_json::json;

use super::packing::{pack, unpack};
use super::{
    Doing as _, EventKind, EventRecord, LabelRecord, SentRequest, ShipmentRecord, Store,
    StoreError, now_ms,
};
use crate::carriers::Account;
use crate::model::{Money, Shipment, ShipmentState, Text, Transition, WeightUnit};

/// Columns of `shipments` read into a [`ShipmentRecord`], in order.
pub(super) const RECORD_COLUMNS: &str = "id, reference, account, forwarder, service_code, state, tracking_number, \
     forwarder_order_id, recipient_name, recipient_phone, recipient_country, weight_kg, declared_value, currency, \
     attempts, print_count, message_json, order_packed, created_at, updated_at, quoted_fee, charged_fee, fee_currency, \
     operator";

/// How many [`RECORD_COLUMNS`] there are: a query's extra columns after them start here.
const RECORD_COLUMN_COUNT: usize = 24;

/// The desk's operator as the connection knows it (see `Store::set_operator`).
const OPERATOR: &str = "COALESCE((SELECT name FROM temp.desk_operator), '')";

impl Store {
    /// Write-ahead: records the shipment in `submitting` with the exact request about to be sent,
    /// in one transaction, before anything leaves the machine. A shipment that failed before
    /// (nothing bought) is reused under the same reference; any other existing row refuses.
    pub fn record_submission(
        &mut self,
        shipment: &Shipment,
        account: &Account,
        service_code: &str,
        request: &SentRequest,
        quote: Option<&QuotedFee<'_>>,
    ) -> Result<Submission, StoreError> {
        let now = now_ms();
        let tx = self.conn.transaction().doing("starting a transaction")?;
        let order_packed = pack(&serde_json::to_string(shipment).unwrap_or_default());
        let weight_kg = shipment
            .total_weight(WeightUnit::Kg)
            .normalize()
            .to_string();
        let declared = shipment
            .effective_declared_value()
            .map(|v| v.normalize().to_string());
        // A new reference is inserted; one whose last attempt failed (nothing bought) is reused
        // for the retry; any other existing row returns nothing and is refused.
        let id: Option<(i64, i64)> = tx
            .query_row(
                &format!("INSERT INTO shipments (reference, account, forwarder, service_code, state, recipient_name,
                    recipient_phone, recipient_country, weight_kg, declared_value, currency, attempts,
                    order_packed, created_at, updated_at, recipient_company, operator)
                 VALUES (?1, ?2, ?3, ?4, 'submitting', ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?12, ?12, ?13,
                    {OPERATOR})
                 ON CONFLICT(reference) DO UPDATE SET account = excluded.account,
                    operator = excluded.operator,
                    forwarder = excluded.forwarder, service_code = excluded.service_code, state = 'submitting',
                    recipient_name = excluded.recipient_name, recipient_phone = excluded.recipient_phone,
                    recipient_company = excluded.recipient_company,
                    recipient_country = excluded.recipient_country, weight_kg = excluded.weight_kg,
                    declared_value = excluded.declared_value, currency = excluded.currency,
                    attempts = attempts + 1, message_json = NULL, order_packed = excluded.order_packed,
                    quoted_fee = NULL, charged_fee = NULL, fee_currency = NULL,
                    reconcile_attempts = 0, next_resend_at = NULL, reconcile_lookups = 0,
                    next_look_at = NULL, updated_at = excluded.updated_at
                 WHERE shipments.state = 'failed'
                 RETURNING id, attempts"),
                params![
                    shipment.reference,
                    account.name,
                    account.forwarder.id(),
                    service_code,
                    shipment.recipient.name.trim(),
                    shipment.recipient.phone.trim(),
                    shipment.recipient.country_code.trim().to_uppercase(),
                    weight_kg,
                    declared,
                    shipment.effective_currency(),
                    order_packed,
                    now,
                    shipment.recipient.company.trim()
                ],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .doing("recording the shipment")?;
        let Some((id, attempts)) = id else {
            return Err(StoreError::DuplicateReference(shipment.reference.clone()));
        };
        insert_event(
            &tx,
            id,
            now,
            EventKind::State,
            Some(ShipmentState::Submitting),
            &json!({}),
        )?;
        if let Some(quote) = quote {
            // The fee the packer accepted, with the preview call that gave it.
            tx.execute(
                "UPDATE shipments SET quoted_fee = ?2, fee_currency = ?3 WHERE id = ?1",
                params![
                    id,
                    quote.fee.amount.normalize().to_string(),
                    quote.fee.currency
                ],
            )
            .doing("recording the accepted fee")?;
            insert_event(&tx, id, now, EventKind::Response, None, quote.detail)?;
        }
        insert_event(
            &tx,
            id,
            now,
            EventKind::Request,
            None,
            &request_detail(request),
        )?;
        tx.commit().doing("saving the shipment before sending")?;
        Ok(Submission { id, attempts })
    }

    /// Counts a completed print: `created` becomes `printed`, the print count goes up, and the
    /// printer and job go into the audit trail.
    pub fn record_printed(
        &mut self,
        id: i64,
        printer: &str,
        job_id: i32,
    ) -> Result<i64, StoreError> {
        let now = now_ms();
        let tx = self.conn.transaction().doing("starting a transaction")?;
        // A first print moves the shipment on like every other change, so the audit trail
        // shows `printed`; a reprint only counts.
        let from: Vec<&str> = Transition::Print
            .from()
            .iter()
            .map(|s| s.as_str())
            .collect();
        let moved = tx
            .execute(
                "UPDATE shipments SET state = ?2, updated_at = ?3
                 WHERE id = ?1 AND state IN (SELECT value FROM json_each(?4))",
                params![
                    id,
                    ShipmentState::Printed.as_str(),
                    now,
                    serde_json::to_string(&from).unwrap_or_default()
                ],
            )
            .doing("counting the print")?;
        tx.execute(
            "UPDATE shipments SET print_count = print_count + 1, updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )
        .doing("counting the print")?;
        insert_event(
            &tx,
            id,
            now,
            EventKind::Print,
            None,
            &json!({ "printer": printer, "job_id": job_id }),
        )?;
        if moved > 0 {
            insert_event(
                &tx,
                id,
                now,
                EventKind::State,
                Some(ShipmentState::Printed),
                &json!({}),
            )?;
        }
        let count = tx
            .query_row(
                "SELECT print_count FROM shipments WHERE id = ?1",
                [id],
                |row| row.get(0),
            )
            .doing("counting the print")?;
        tx.commit().doing("saving the print")?;
        Ok(count)
    }

    /// Records a call other than the create (a cancel) in the audit trail.
    pub fn record_call(&mut self, id: i64, request: &SentRequest) -> Result<(), StoreError> {
        let tx = self.conn.transaction().doing("starting a transaction")?;
        insert_event(
            &tx,
            id,
            now_ms(),
            EventKind::Request,
            None,
            &request_detail(request),
        )?;
        tx.commit().doing("saving the call")?;
        Ok(())
    }

    /// Keeps the forwarder's tracking in the audit trail when it differs from the last one kept
    /// (looking again and again at an unmoving parcel adds nothing). Returns whether it was new.
    pub fn record_tracking(
        &mut self,
        id: i64,
        tracking: &crate::carriers::Tracking,
    ) -> Result<bool, StoreError> {
        let detail = serde_json::to_value(tracking).unwrap_or_default();
        let tx = self.conn.transaction().doing("starting a transaction")?;
        let last: Option<Vec<u8>> = tx
            .query_row(
                "SELECT detail_packed FROM events WHERE shipment_id = ?1 AND kind = 'tracking'
                 ORDER BY id DESC LIMIT 1",
                [id],
                |row| row.get(0),
            )
            .optional()
            .doing("reading the tracking")?;
        let unchanged = last
            .and_then(|packed| unpack(&packed))
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .is_some_and(|previous| previous == detail);
        if unchanged {
            return Ok(false);
        }
        insert_event(&tx, id, now_ms(), EventKind::Tracking, None, &detail)?;
        tx.commit().doing("saving the tracking")?;
        Ok(true)
    }

    /// Records an answer (or its absence) and the state it leads to, in one transaction, but only
    /// if the shipment is still in one of the `expected` states (compare-and-set): an answer that
    /// arrives after another send already settled the shipment is kept in the audit trail and
    /// changes nothing. Returns whether the state was applied.
    pub fn record_outcome(
        &mut self,
        id: i64,
        expected: &[ShipmentState],
        outcome: &Outcome<'_>,
    ) -> Result<bool, StoreError> {
        let now = now_ms();
        let message = outcome
            .message
            .map(|m| serde_json::to_string(m).unwrap_or_default());
        let tx = self.conn.transaction().doing("starting a transaction")?;
        let applied = tx.execute(
            "UPDATE shipments SET state = ?2, tracking_number = COALESCE(?3, tracking_number),
                forwarder_order_id = COALESCE(?4, forwarder_order_id), message_json = ?5, updated_at = ?6
                          WHERE id = ?1 AND state IN (SELECT value FROM json_each(?7))",
            params![
                id,
                outcome.state.as_str(),
                outcome.tracking_number,
                outcome.forwarder_order_id,
                message,
                now,
                serde_json::to_string(&expected.iter().map(|s| s.as_str()).collect::<Vec<_>>()).unwrap_or_default()
            ],
        )
        .doing("recording the forwarder's answer")?;
        insert_event(&tx, id, now, EventKind::Response, None, &outcome.response)?;
        if applied == 0 {
            tx.commit().doing("saving the forwarder's answer")?;
            return Ok(false);
        }
        let state_detail = match outcome.message {
            Some(m) => json!({ "message": m }),
            None => json!({}),
        };
        insert_event(
            &tx,
            id,
            now,
            EventKind::State,
            Some(outcome.state),
            &state_detail,
        )?;
        tx.commit().doing("saving the forwarder's answer")?;
        Ok(true)
    }

    /// Records what the forwarder charged once an asynchronous order was placed.
    pub fn record_charged_fee(&mut self, id: i64, fee: &Money) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE shipments SET charged_fee = ?2, fee_currency = COALESCE(fee_currency, ?3) WHERE id = ?1",
                params![id, fee.amount.normalize().to_string(), fee.currency],
            )
            .doing("recording the charged fee")?;
        Ok(())
    }

    /// Records a note against a shipment without changing its state (e.g. a label download failed).
    pub fn record_message(&mut self, id: i64, message: &Text) -> Result<(), StoreError> {
        let tx = self.conn.transaction().doing("starting a transaction")?;
        set_message(&tx, id, message, &[])?;
        tx.commit().doing("saving a message")?;
        Ok(())
    }

    /// Records the forwarder's answer to a call that moves no state (a re-weigh, an intercept)
    /// and its note for people, in one transaction. The answer always goes into the audit trail;
    /// the note becomes the shipment's message only while it is in one of the `expected` states
    /// (compare-and-set: a cancel that landed meanwhile keeps its own words). Returns whether the
    /// note was applied.
    pub fn record_note(
        &mut self,
        id: i64,
        expected: &[ShipmentState],
        message: &Text,
        response: &serde_json::Value,
    ) -> Result<bool, StoreError> {
        let tx = self.conn.transaction().doing("starting a transaction")?;
        insert_event(&tx, id, now_ms(), EventKind::Response, None, response)?;
        let applied = set_message(&tx, id, message, expected)?;
        tx.commit().doing("saving a note")?;
        Ok(applied)
    }

    /// Keeps an answer in the audit trail without changing anything else (the forwarder's view
    /// of an order, asked from History).
    pub fn record_answer(
        &mut self,
        id: i64,
        response: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction().doing("starting a transaction")?;
        insert_event(&tx, id, now_ms(), EventKind::Response, None, response)?;
        tx.commit().doing("saving the answer")?;
        Ok(())
    }

    /// Links a stored label file to a shipment and clears any "label pending" message.
    pub fn record_label(&mut self, id: i64, label: &LabelRecord) -> Result<(), StoreError> {
        let now = now_ms();
        let tx = self.conn.transaction().doing("starting a transaction")?;
        tx.execute(
            "INSERT INTO labels (shipment_id, format, sha256, size_bytes, path, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id,
                label.format,
                label.sha256,
                label.size_bytes,
                label.path,
                now
            ],
        )
        .doing("recording the label")?;
        tx.execute(
            "UPDATE shipments SET message_json = NULL, updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )
        .doing("recording the label")?;
        insert_event(
            &tx,
            id,
            now,
            EventKind::Label,
            None,
            &json!({ "format": label.format, "sha256": label.sha256, "size_bytes": label.size_bytes, "path": label.path }),
        )?;
        tx.commit().doing("saving the label")?;
        Ok(())
    }

    /// One shipment with its latest label.
    pub fn shipment(&self, reference: &str) -> Result<Option<ShipmentRecord>, StoreError> {
        let sql = format!("SELECT {RECORD_COLUMNS} FROM shipments WHERE reference = ?1");
        let record = self
            .conn
            .query_row(&sql, [reference], record_from_row)
            .optional()
            .doing("reading a shipment")?;
        match record {
            Some(mut record) => {
                record.label = self.latest_label(record.id)?;
                Ok(Some(record))
            }
            None => Ok(None),
        }
    }

    /// The reference of a shipment row.
    pub fn reference_of(&self, shipment_id: i64) -> Result<String, StoreError> {
        self.conn
            .query_row(
                "SELECT reference FROM shipments WHERE id = ?1",
                [shipment_id],
                |row| row.get(0),
            )
            .doing("reading a reference")
    }

    /// The newest label of a shipment.
    pub fn latest_label(&self, shipment_id: i64) -> Result<Option<LabelRecord>, StoreError> {
        self.conn
            .query_row(
                "SELECT format, sha256, size_bytes, path FROM labels WHERE shipment_id = ?1 ORDER BY id DESC LIMIT 1",
                [shipment_id],
                |row| {
                    Ok(LabelRecord {
                        format: row.get(0)?,
                        sha256: row.get(1)?,
                        size_bytes: row.get(2)?,
                        path: row.get(3)?,
                    })
                },
            )
            .optional()
            .doing("reading a label")
    }

    /// The body of this shipment's newest recorded create (what reconciliation re-sends).
    pub fn recorded_request_body(&self, shipment_id: i64) -> Result<Option<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT detail_packed FROM events WHERE shipment_id = ?1 AND kind = 'request' ORDER BY id",
            )
            .doing("reading the recorded request")?;
        let requests: Vec<serde_json::Value> = stmt
            .query_map([shipment_id], |row| row.get::<_, Vec<u8>>(0))
            .doing("reading the recorded request")?
            .filter_map(|packed| packed.ok())
            .filter_map(|packed| unpack(&packed))
            .filter_map(|detail| serde_json::from_str(&detail).ok())
            .collect();
        // The newest create (lookups, label calls and cancels are recorded after it); a row
        // recorded before creates were marked has its create first, written ahead of any call.
        let create = requests
            .iter()
            .rev()
            .find(|r| r.get("create").and_then(serde_json::Value::as_bool) == Some(true))
            .or_else(|| requests.first());
        // The payload when the body carried credentials (they were removed from the audit copy).
        Ok(create.and_then(|v| {
            v.get("payload")
                .or_else(|| v.get("body"))
                .and_then(|b| b.as_str())
                .map(str::to_owned)
        }))
    }

    /// Shipments whose create was sent but whose outcome is not known, oldest first.
    pub fn unsettled(&self) -> Result<Vec<ShipmentRecord>, StoreError> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM shipments WHERE state IN ('submitting', 'unknown') ORDER BY id"
        );
        self.records(&sql, [])
    }

    /// References of orders that failed after they were placed and still hold the balance until
    /// refunded (logssc), oldest first.
    pub fn refunds_due(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT reference FROM shipments INDEXED BY shipments_refund_due
                 WHERE state = 'refund_due' ORDER BY id",
            )
            .doing("finding refunds due")?;
        let rows = stmt
            .query_map([], |row| row.get(0))
            .doing("finding refunds due")?;
        rows.collect::<Result<Vec<String>, _>>()
            .doing("finding refunds due")
    }

    /// Shipments waiting for a number or label whose next poll is due, soonest first.
    pub fn due_for_follow_up(&self, now: i64) -> Result<Vec<(ShipmentRecord, i64)>, StoreError> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS}, polls FROM shipments
             WHERE state IN ('awaiting_number', 'awaiting_label') AND (next_poll_at IS NULL OR next_poll_at <= ?1)
             ORDER BY next_poll_at LIMIT 50"
        );
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .doing("finding shipments to poll")?;
        let rows = stmt
            .query_map([now], |row| {
                Ok((record_from_row(row)?, row.get(RECORD_COLUMN_COUNT)?))
            })
            .doing("finding shipments to poll")?;
        rows.collect::<Result<Vec<_>, _>>()
            .doing("finding shipments to poll")
    }

    /// Counts a poll and sets when the next one is due (`None`: at once).
    pub fn schedule_follow_up(
        &mut self,
        id: i64,
        next_poll_at: Option<i64>,
        reset: bool,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE shipments SET polls = CASE WHEN ?3 THEN 0 ELSE polls + 1 END, next_poll_at = ?2 WHERE id = ?1",
                params![id, next_poll_at, reset],
            )
            .doing("scheduling a poll")?;
        Ok(())
    }

    /// Created shipments whose label is not stored yet.
    pub fn missing_labels(&self) -> Result<Vec<ShipmentRecord>, StoreError> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM shipments s WHERE state = 'created'
             AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.shipment_id = s.id) ORDER BY id"
        );
        self.records(&sql, [])
    }

    /// A shipment's audit trail, oldest first.
    pub fn events(&self, shipment_id: i64) -> Result<Vec<EventRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT at, kind, state, detail_packed FROM events WHERE shipment_id = ?1 ORDER BY id",
            )
            .doing("reading the audit trail")?;
        let rows = stmt
            .query_map([shipment_id], |row| {
                let kind: String = row.get(1)?;
                let state: Option<String> = row.get(2)?;
                let detail: Vec<u8> = row.get(3)?;
                Ok(EventRecord {
                    at: row.get(0)?,
                    kind: EventKind::parse(&kind).unwrap_or(EventKind::State),
                    state: state.as_deref().and_then(ShipmentState::parse),
                    detail: unpack(&detail)
                        .and_then(|d| serde_json::from_str(&d).ok())
                        .unwrap_or(serde_json::Value::Null),
                })
            })
            .doing("reading the audit trail")?;
        rows.collect::<Result<Vec<_>, _>>()
            .doing("reading the audit trail")
    }

    pub(super) fn records<P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
    ) -> Result<Vec<ShipmentRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql).doing("querying shipments")?;
        let rows = stmt
            .query_map(params, record_from_row)
            .doing("querying shipments")?;
        rows.collect::<Result<Vec<_>, _>>()
            .doing("reading shipments")
    }
}

/// A recorded submission.
#[derive(Clone, Copy, Debug)]
pub struct Submission {
    /// Row id.
    pub id: i64,
    /// How many times this reference has been submitted, this one included.
    pub attempts: i64,
}

/// The fee a packer accepted before buying, and the audit detail of the preview that gave it.
pub struct QuotedFee<'a> {
    /// The fee.
    pub fee: &'a Money,
    /// The preview request (credentials removed) and its answer.
    pub detail: &'a serde_json::Value,
}

/// An answer and where it leaves the shipment.
pub struct Outcome<'a> {
    /// New state.
    pub state: ShipmentState,
    /// Tracking number, when one came.
    pub tracking_number: Option<&'a str>,
    /// Forwarder order id, when one came.
    pub forwarder_order_id: Option<&'a str>,
    /// What a person should know (cleared when `None`).
    pub message: Option<&'a Text>,
    /// Audit detail: status and body, or the transport error.
    pub response: serde_json::Value,
}

/// Makes `message` the shipment's note for people, and records it in the audit trail; with
/// `expected` states, only while the shipment is in one of them (compare-and-set). Returns
/// whether it was set.
fn set_message(
    tx: &Transaction<'_>,
    id: i64,
    message: &Text,
    expected: &[ShipmentState],
) -> Result<bool, StoreError> {
    let now = now_ms();
    let states: Vec<&str> = expected.iter().map(|s| s.as_str()).collect();
    let applied = tx
        .execute(
            "UPDATE shipments SET message_json = ?2, updated_at = ?3
             WHERE id = ?1 AND (?4 = '[]' OR state IN (SELECT value FROM json_each(?4)))",
            params![
                id,
                serde_json::to_string(message).unwrap_or_default(),
                now,
                serde_json::to_string(&states).unwrap_or_default()
            ],
        )
        .doing("recording a message")?;
    if applied > 0 {
        insert_event(
            tx,
            id,
            now,
            EventKind::State,
            None,
            &json!({ "message": message }),
        )?;
    }
    Ok(applied > 0)
}

pub(super) fn request_detail(request: &SentRequest) -> serde_json::Value {
    serde_json::to_value(request).unwrap_or_default()
}

pub(super) fn insert_event(
    tx: &Transaction<'_>,
    shipment_id: i64,
    at: i64,
    kind: EventKind,
    state: Option<ShipmentState>,
    detail: &serde_json::Value,
) -> Result<(), StoreError> {
    tx.execute(
        &format!(
            "INSERT INTO events (shipment_id, at, kind, state, detail_packed, operator)
             VALUES (?1, ?2, ?3, ?4, ?5, {OPERATOR})"
        ),
        params![
            shipment_id,
            at,
            kind.as_str(),
            state.map(ShipmentState::as_str),
            pack(&detail.to_string())
        ],
    )
    .doing("writing the audit trail")?;
    Ok(())
}

pub(super) fn record_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ShipmentRecord> {
    let state: String = row.get(5)?;
    let message: Option<String> = row.get(16)?;
    let order: Vec<u8> = row.get(17)?;
    let order = unpack(&order)
        .and_then(|text| serde_json::from_str::<Shipment>(&text).ok())
        .ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                17,
                rusqlite::types::Type::Blob,
                "damaged order record".into(),
            )
        })?;
    Ok(ShipmentRecord {
        id: row.get(0)?,
        reference: row.get(1)?,
        account: row.get(2)?,
        forwarder: row.get(3)?,
        service_code: row.get(4)?,
        state: ShipmentState::parse(&state).unwrap_or(ShipmentState::Unknown),
        tracking_number: row.get(6)?,
        forwarder_order_id: row.get(7)?,
        recipient_name: row.get(8)?,
        recipient_phone: row.get(9)?,
        recipient_country: row.get(10)?,
        weight_kg: row.get(11)?,
        declared_value: row.get(12)?,
        currency: row.get(13)?,
        attempts: row.get(14)?,
        print_count: row.get(15)?,
        message: message.and_then(|m| serde_json::from_str(&m).ok()),
        order,
        created_at: row.get(18)?,
        updated_at: row.get(19)?,
        label: None,
        quoted_fee: row.get(20)?,
        charged_fee: row.get(21)?,
        fee_currency: row.get(22)?,
        operator: row.get(23)?,
    })
}
