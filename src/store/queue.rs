//! The order queue: orders waiting to be bought, as typed, with their problems; the batches
//! they are bought in. A queued order becomes the shipment with its own reference (shipments'
//! references are unique, so an order can never become two), and stays listed, linked to it,
//! so a scan of a bought order finds its label.

use rusqlite::{OptionalExtension as _, params};

use super::{Doing as _, Store, StoreError, now_ms};
use crate::model::{ShipmentState, Text, TypedOrder, WeightUnit};
use crate::queue::{Located, OnDuplicate};

/// An order to put in the queue.
#[derive(Clone, Debug)]
pub struct NewQueued {
    /// The order as typed or read.
    pub form: TypedOrder,
    /// The shop's order number ("" when none).
    pub order_number: String,
    /// What is wrong with it (empty: ready to buy).
    pub issues: Vec<Located>,
    /// Where it came from: `orders.csv rows 2-3`, or `ship form`.
    pub source: String,
}

/// What became of one order put in the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueueWrite {
    /// Queued under its reference.
    Queued(String),
    /// Replaced the queued order with this reference.
    Updated(String),
    /// Its reference was taken; queued under a new one.
    Renamed {
        /// The reference it had.
        from: String,
        /// The reference it is queued under.
        to: String,
    },
    /// Not queued: the reference is taken, and why that stops it.
    Skipped {
        /// The reference.
        reference: String,
        /// Already queued, or already shipped (and in which state).
        why: Text,
    },
}

/// One row of the Queue table (no form: 10,000 of these are read for the screen).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueRow {
    /// Row id.
    pub id: i64,
    /// The reference it is bought under.
    pub reference: String,
    /// The shop's order number.
    pub order_number: String,
    /// Account name ("" when none chosen).
    pub account: String,
    /// Service code ("" for the account's default).
    pub service_code: String,
    /// Recipient's name.
    pub recipient_name: String,
    /// Recipient's country code.
    pub recipient_country: String,
    /// How many parcels.
    pub parcels: i64,
    /// Total weight in kg as far as it reads ("" when none does).
    pub weight_kg: String,
    /// How many problems it has (0: ready).
    pub issue_count: i64,
    /// The batch it was last bought in.
    pub batch_id: Option<i64>,
    /// The shipment it became, and where that stands.
    pub shipment: Option<(i64, ShipmentState)>,
    /// Where it came from.
    pub source: String,
    /// When it was queued (ms since the epoch).
    pub created_at: i64,
}

impl QueueRow {
    /// Bought (or on its way): it has a shipment that did not fail, so it is never bought again.
    pub fn is_bought(&self) -> bool {
        self.shipment
            .is_some_and(|(_, state)| state != ShipmentState::Failed)
    }

    /// Waiting to be bought and without problems.
    pub fn is_ready(&self) -> bool {
        !self.is_bought() && self.issue_count == 0
    }
}

/// A row of the Queue screen: the summary and its first problem in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueLine {
    /// The summary row.
    pub row: QueueRow,
    /// The first of its problems (`None` when it has none).
    pub first_issue: Option<Located>,
}

/// A queued order in full: its row, the order as typed and its problems.
#[derive(Clone, Debug)]
pub struct QueuedOrder {
    /// The summary row.
    pub row: QueueRow,
    /// The order as typed.
    pub form: TypedOrder,
    /// Its problems, where they are.
    pub issues: Vec<Located>,
}

/// Which queue rows to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueueFilter {
    /// Those not bought yet (the Queue screen's default).
    Waiting,
    /// All, bought ones too.
    All,
}

const ROW_COLUMNS: &str = "q.id, q.reference, q.order_number, q.account, q.service_code, q.recipient_name, \
     q.recipient_country, q.parcels, q.weight_kg, q.issue_count, q.batch_id, s.id, s.state, q.source, q.created_at";

fn row_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<QueueRow> {
    let shipment_id: Option<i64> = row.get(11)?;
    let state: Option<String> = row.get(12)?;
    Ok(QueueRow {
        id: row.get(0)?,
        reference: row.get(1)?,
        order_number: row.get(2)?,
        account: row.get(3)?,
        service_code: row.get(4)?,
        recipient_name: row.get(5)?,
        recipient_country: row.get(6)?,
        parcels: row.get(7)?,
        weight_kg: row.get(8)?,
        issue_count: row.get(9)?,
        batch_id: row.get(10)?,
        shipment: shipment_id.zip(state.as_deref().and_then(ShipmentState::parse)),
        source: row.get(13)?,
        created_at: row.get(14)?,
    })
}

/// The summary columns of an order: parcels and the weight that reads, in kg.
fn summary(form: &TypedOrder) -> (i64, String) {
    let weight = form.to_shipment_lenient().total_weight(WeightUnit::Kg);
    let weight = if weight.is_zero() {
        String::new()
    } else {
        weight.normalize().to_string()
    };
    (form.parcels.len() as i64, weight)
}

/// The most orders one scanned code lists (a packer picks among a few, not a page).
pub const SCAN_MATCHES: usize = 20;

impl Store {
    /// Puts orders in the queue in one transaction (all or none), following `on_duplicate`
    /// for a reference already queued or shipped: never the same reference twice. With
    /// `dry_run`, says what would happen and keeps nothing.
    pub fn queue_orders(
        &mut self,
        orders: Vec<NewQueued>,
        on_duplicate: OnDuplicate,
        dry_run: bool,
    ) -> Result<Vec<QueueWrite>, StoreError> {
        let now = now_ms();
        let tx = self.conn.transaction().doing("starting a transaction")?;
        let mut writes = Vec::with_capacity(orders.len());
        {
            let mut queued = tx
                .prepare_cached(
                    "SELECT q.id, s.state FROM queue q LEFT JOIN shipments s ON s.reference = q.reference
                     WHERE q.reference = ?1",
                )
                .doing("checking the queue")?;
            let mut shipped = tx
                .prepare_cached("SELECT state FROM shipments WHERE reference = ?1")
                .doing("checking History")?;
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO queue (reference, order_number, account, service_code, recipient_name,
                        recipient_country, parcels, weight_kg, issues_json, issue_count, form_json, source,
                        created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
                )
                .doing("queueing an order")?;
            let mut update = tx
                .prepare_cached(
                    "UPDATE queue SET order_number = ?2, account = ?3, service_code = ?4, recipient_name = ?5,
                        recipient_country = ?6, parcels = ?7, weight_kg = ?8, issues_json = ?9,
                        issue_count = ?10, form_json = ?11, source = ?12, updated_at = ?13
                     WHERE reference = ?1",
                )
                .doing("updating a queued order")?;
            for mut order in orders {
                let reference = order.form.reference.trim().to_owned();
                let in_queue: Option<(i64, Option<String>)> = queued
                    .query_row([&reference], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
                    .doing("checking the queue")?;
                let in_history: Option<String> = shipped
                    .query_row([&reference], |r| r.get(0))
                    .optional()
                    .doing("checking History")?;
                let bought = in_history
                    .as_deref()
                    .and_then(ShipmentState::parse)
                    .filter(|s| *s != ShipmentState::Failed);
                let taken = in_queue.is_some() || in_history.is_some();
                let write = match (taken, on_duplicate) {
                    (false, _) => QueueWrite::Queued(reference.clone()),
                    (true, OnDuplicate::Skip) => QueueWrite::Skipped {
                        reference: reference.clone(),
                        why: taken_why(in_queue.is_some(), bought),
                    },
                    (true, OnDuplicate::Update) if bought.is_some() || in_queue.is_none() => {
                        QueueWrite::Skipped {
                            reference: reference.clone(),
                            why: taken_why(in_queue.is_some(), bought),
                        }
                    }
                    (true, OnDuplicate::Update) => QueueWrite::Updated(reference.clone()),
                    (true, OnDuplicate::New) => {
                        let to = free_reference(&mut queued, &mut shipped, &reference)?;
                        QueueWrite::Renamed {
                            from: reference.clone(),
                            to,
                        }
                    }
                };
                if let QueueWrite::Renamed { to, .. } = &write {
                    order.form.reference = to.clone();
                }
                let (parcels, weight) = summary(&order.form);
                let form_json = serde_json::to_string(&order.form).unwrap_or_default();
                let issues_json = serde_json::to_string(&order.issues).unwrap_or_default();
                let values = params![
                    order.form.reference.trim(),
                    order.order_number.trim(),
                    order.form.account.trim(),
                    order.form.service_code.trim(),
                    order.form.recipient.name.trim(),
                    order.form.recipient.country_code.trim().to_uppercase(),
                    parcels,
                    weight,
                    issues_json,
                    order.issues.len() as i64,
                    form_json,
                    order.source,
                    now
                ];
                match &write {
                    QueueWrite::Queued(_) | QueueWrite::Renamed { .. } => {
                        insert.execute(values).doing("queueing an order")?;
                    }
                    QueueWrite::Updated(_) => {
                        update.execute(values).doing("updating a queued order")?;
                    }
                    QueueWrite::Skipped { .. } => {}
                }
                writes.push(write);
            }
        }
        if !dry_run {
            tx.commit().doing("saving the queue")?;
        }
        Ok(writes)
    }

    /// Queue rows, oldest first.
    pub fn queue_rows(&self, filter: QueueFilter) -> Result<Vec<QueueRow>, StoreError> {
        let condition = match filter {
            QueueFilter::Waiting => "WHERE s.id IS NULL OR s.state = 'failed'",
            QueueFilter::All => "",
        };
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM queue q LEFT JOIN shipments s ON s.reference = q.reference
             {condition} ORDER BY q.id"
        );
        let mut stmt = self.conn.prepare(&sql).doing("reading the queue")?;
        let rows = stmt
            .query_map([], row_from)
            .doing("reading the queue")?
            .collect::<Result<Vec<_>, _>>()
            .doing("reading the queue")?;
        Ok(rows)
    }

    /// The ids of the queue's rows, oldest first: what the Queue screen scrolls through (it
    /// reads only the rows on screen, by id, with [`Store::queue_page`]).
    pub fn queue_ids(&self, filter: QueueFilter) -> Result<Vec<i64>, StoreError> {
        let condition = match filter {
            QueueFilter::Waiting => "WHERE s.id IS NULL OR s.state = 'failed'",
            QueueFilter::All => "",
        };
        let sql = format!(
            "SELECT q.id FROM queue q LEFT JOIN shipments s ON s.reference = q.reference
             {condition} ORDER BY q.id"
        );
        let mut stmt = self.conn.prepare(&sql).doing("reading the queue")?;
        let ids = stmt
            .query_map([], |r| r.get(0))
            .doing("reading the queue")?
            .collect::<Result<Vec<i64>, _>>()
            .doing("reading the queue")?;
        Ok(ids)
    }

    /// The rows with these ids (those that still exist, in no set order), each with its first
    /// problem: one page of the Queue screen.
    pub fn queue_page(&self, ids: &[i64]) -> Result<Vec<QueueLine>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; ids.len()].join(",");
        let sql = format!(
            "SELECT {ROW_COLUMNS}, q.issues_json FROM queue q
             LEFT JOIN shipments s ON s.reference = q.reference WHERE q.id IN ({marks})"
        );
        let mut stmt = self.conn.prepare(&sql).doing("reading the queue")?;
        let lines = stmt
            .query_map(rusqlite::params_from_iter(ids), |r| {
                let row = row_from(r)?;
                let issues: String = r.get(15)?;
                // Written by this module; a row it cannot read shows its count without words.
                let first_issue = serde_json::from_str::<Vec<Located>>(&issues)
                    .ok()
                    .and_then(|issues| issues.into_iter().next());
                Ok(QueueLine { row, first_issue })
            })
            .doing("reading the queue")?
            .collect::<Result<Vec<_>, _>>()
            .doing("reading the queue")?;
        Ok(lines)
    }

    /// One queued order in full, by reference.
    pub fn queued_order(&self, reference: &str) -> Result<Option<QueuedOrder>, StoreError> {
        let sql = format!(
            "SELECT {ROW_COLUMNS}, q.form_json, q.issues_json FROM queue q
             LEFT JOIN shipments s ON s.reference = q.reference WHERE q.reference = ?1"
        );
        self.conn
            .query_row(&sql, [reference.trim()], |r| {
                let row = row_from(r)?;
                let form: String = r.get(15)?;
                let issues: String = r.get(16)?;
                Ok(QueuedOrder {
                    row,
                    // Written by this module from these types: a row a later version wrote
                    // differently opens as an empty form with its reference, not an error.
                    form: serde_json::from_str(&form).unwrap_or_default(),
                    issues: serde_json::from_str(&issues).unwrap_or_default(),
                })
            })
            .optional()
            .doing("reading a queued order")
            .map(|found| {
                found.map(|mut order| {
                    if order.form.reference.is_empty() {
                        order.form.reference = order.row.reference.clone();
                    }
                    order
                })
            })
    }

    /// Queue rows whose reference or order number is `code` (a scan), newest first, at most
    /// [`SCAN_MATCHES`]. `#1001`, `1001` and a reference in other case all find order `#1001`.
    /// Every condition is answered by an index (the window asks on each scan).
    pub fn queue_matches(&self, code: &str) -> Result<Vec<QueueRow>, StoreError> {
        let code = code.trim();
        let bare = code.trim_start_matches('#');
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM queue q LEFT JOIN shipments s ON s.reference = q.reference
             WHERE q.reference = ?1 COLLATE NOCASE OR q.reference = ?2 COLLATE NOCASE
                OR q.order_number = ?1 OR q.order_number = ?2 OR q.order_number = '#' || ?2
             ORDER BY q.id DESC LIMIT {SCAN_MATCHES}"
        );
        let mut stmt = self.conn.prepare(&sql).doing("finding a scanned order")?;
        let rows = stmt
            .query_map([code, bare], row_from)
            .doing("finding a scanned order")?
            .collect::<Result<Vec<_>, _>>()
            .doing("finding a scanned order")?;
        Ok(rows)
    }

    /// Replaces a queued order that is not bought (the ship form's "Save to queue" on an order
    /// opened from the queue); `Ok(false)` when there is none to replace.
    pub fn update_queued(&mut self, reference: &str, order: NewQueued) -> Result<bool, StoreError> {
        if self
            .queued_order(reference)?
            .is_some_and(|o| o.row.is_bought())
        {
            return Ok(false);
        }
        let (parcels, weight) = summary(&order.form);
        let changed = self
            .conn
            .execute(
                "UPDATE queue SET reference = ?2, order_number = ?3, account = ?4, service_code = ?5,
                    recipient_name = ?6, recipient_country = ?7, parcels = ?8, weight_kg = ?9,
                    issues_json = ?10, issue_count = ?11, form_json = ?12, updated_at = ?13
                 WHERE reference = ?1",
                params![
                    reference.trim(),
                    order.form.reference.trim(),
                    order.order_number.trim(),
                    order.form.account.trim(),
                    order.form.service_code.trim(),
                    order.form.recipient.name.trim(),
                    order.form.recipient.country_code.trim().to_uppercase(),
                    parcels,
                    weight,
                    serde_json::to_string(&order.issues).unwrap_or_default(),
                    order.issues.len() as i64,
                    serde_json::to_string(&order.form).unwrap_or_default(),
                    now_ms()
                ],
            )
            .map_err(|source| match &source {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    StoreError::DuplicateReference(order.form.reference.clone())
                }
                _ => StoreError::Sqlite {
                    doing: "updating a queued order",
                    source,
                },
            })?;
        Ok(changed > 0)
    }

    /// Takes orders that are not bought out of the queue; returns how many went. A bought
    /// order stays: it is how a scan finds its label again.
    pub fn remove_queued(&mut self, references: &[String]) -> Result<usize, StoreError> {
        let tx = self.conn.transaction().doing("starting a transaction")?;
        let mut removed = 0;
        for reference in references {
            removed += tx
                .execute(
                    "DELETE FROM queue WHERE reference = ?1 AND NOT EXISTS (
                        SELECT 1 FROM shipments s WHERE s.reference = queue.reference AND s.state != 'failed')",
                    [reference.trim()],
                )
                .doing("removing queued orders")?;
        }
        tx.commit().doing("removing queued orders")?;
        Ok(removed)
    }

    /// Links a queued order to the shipment it became (after its write-ahead record exists).
    pub fn link_queued(&self, reference: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE queue SET shipment_id = (SELECT id FROM shipments WHERE reference = ?1)
                 WHERE reference = ?1",
                [reference.trim()],
            )
            .doing("linking a queued order to its shipment")?;
        Ok(())
    }
}

/// Why a taken reference is not queued again.
fn taken_why(in_queue: bool, bought: Option<ShipmentState>) -> Text {
    match bought {
        Some(state) => Text::new(
            format!("already shipped ({}): not queued again", state.label().en),
            format!("已发货（{}）：不再加入队列", state.label().zh),
        ),
        None if in_queue => Text::new("already in the queue", "已在队列中"),
        None => Text::new(
            "already in History (failed): not queued again",
            "已在历史中（失败）：不再加入队列",
        ),
    }
}

/// The first of `R-2`, `R-3`, … used neither in the queue nor in History.
fn free_reference(
    queued: &mut rusqlite::CachedStatement<'_>,
    shipped: &mut rusqlite::CachedStatement<'_>,
    reference: &str,
) -> Result<String, StoreError> {
    // Ten thousand copies of one reference is no real desk; past that, the time makes it unique.
    let candidates = (2..10_000)
        .map(|n| format!("{reference}-{n}"))
        .chain(std::iter::once(format!("{reference}-{}", now_ms())));
    for candidate in candidates {
        let in_queue = queued
            .exists([&candidate])
            .doing("finding a free reference")?;
        let in_history = shipped
            .exists([&candidate])
            .doing("finding a free reference")?;
        if !in_queue && !in_history {
            return Ok(candidate);
        }
    }
    Ok(format!("{reference}-{}-{}", now_ms(), std::process::id()))
}

/// A batch of queued orders bought together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchRow {
    /// Batch id.
    pub id: i64,
    /// `running`, `paused`, `cancelled` or `finished` as recorded.
    pub state: String,
    /// The process buying it (a running batch whose process is gone was cut off).
    pub owner_pid: u32,
    /// Its orders.
    pub total: i64,
    /// Those that became a shipment that did not fail.
    pub bought: i64,
    /// Those with no shipment yet.
    pub left: i64,
    /// When it started (ms since the epoch).
    pub created_at: i64,
}

impl BatchRow {
    /// Recorded as running (or paused) by a process that is no longer there: the batch was cut
    /// off (a crash, `kill -9`, a power cut) and waits to be resumed.
    pub fn is_interrupted(&self) -> bool {
        matches!(self.state.as_str(), "running" | "paused")
            && self.owner_pid != std::process::id()
            && !process_alive(self.owner_pid)
    }
}

/// Whether a process with this id runs on this machine (Linux: `/proc`; elsewhere a batch of
/// another process is taken as cut off only when this process did not start it).
fn process_alive(pid: u32) -> bool {
    let proc = std::path::Path::new("/proc");
    if proc.is_dir() {
        // A zombie (killed, not yet reaped by its parent) is gone for our purpose.
        return std::fs::read_to_string(proc.join(pid.to_string()).join("stat"))
            .map(|stat| {
                stat.rsplit_once(") ")
                    .is_some_and(|(_, rest)| !rest.starts_with('Z'))
            })
            .unwrap_or(false);
    }
    false
}

impl Store {
    /// References of the orders ready to buy (no problems, no shipment), oldest first.
    pub fn ready_references(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT q.reference FROM queue q LEFT JOIN shipments s ON s.reference = q.reference
                 WHERE q.issue_count = 0 AND (s.id IS NULL OR s.state = 'failed') ORDER BY q.id",
            )
            .doing("reading the queue")?;
        let refs = stmt
            .query_map([], |r| r.get(0))
            .doing("reading the queue")?
            .collect::<Result<Vec<String>, _>>()
            .doing("reading the queue")?;
        Ok(refs)
    }

    /// Records a new batch of these queued orders, owned by this process.
    pub fn start_batch(
        &mut self,
        references: &[String],
        concurrency: u32,
    ) -> Result<i64, StoreError> {
        let now = now_ms();
        let tx = self.conn.transaction().doing("starting a transaction")?;
        tx.execute(
            "INSERT INTO queue_batches (state, concurrency, owner_pid, created_at, updated_at)
             VALUES ('running', ?1, ?2, ?3, ?3)",
            params![concurrency, std::process::id(), now],
        )
        .doing("recording the batch")?;
        let id = tx.last_insert_rowid();
        {
            let mut member = tx
                .prepare_cached(
                    "UPDATE queue SET batch_id = ?1, updated_at = ?2 WHERE reference = ?3",
                )
                .doing("recording the batch")?;
            for reference in references {
                member
                    .execute(params![id, now, reference.trim()])
                    .doing("recording the batch")?;
            }
        }
        tx.commit().doing("recording the batch")?;
        Ok(id)
    }

    /// Takes over a batch (resuming it in this process) and returns its orders that have no
    /// shipment yet, oldest first.
    pub fn resume_batch(&mut self, id: i64) -> Result<Vec<String>, StoreError> {
        self.conn
            .execute(
                "UPDATE queue_batches SET state = 'running', owner_pid = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, std::process::id(), now_ms()],
            )
            .doing("resuming the batch")?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT q.reference FROM queue q LEFT JOIN shipments s ON s.reference = q.reference
                 WHERE q.batch_id = ?1 AND s.id IS NULL ORDER BY q.id",
            )
            .doing("reading the batch")?;
        let refs = stmt
            .query_map([id], |r| r.get(0))
            .doing("reading the batch")?
            .collect::<Result<Vec<String>, _>>()
            .doing("reading the batch")?;
        Ok(refs)
    }

    /// The references of batch `id` whose shipment is still `submitting`: sent (or about to be)
    /// by the batch's process when it was cut off.
    pub fn batch_sends_cut_off(&self, id: i64) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT q.reference FROM queue q JOIN shipments s ON s.reference = q.reference
                 WHERE q.batch_id = ?1 AND s.state = 'submitting' ORDER BY q.id",
            )
            .doing("reading the batch")?;
        let refs = stmt
            .query_map([id], |r| r.get(0))
            .doing("reading the batch")?
            .collect::<Result<Vec<String>, _>>()
            .doing("reading the batch")?;
        Ok(refs)
    }

    /// Records how a batch stands (`running`, `paused`, `cancelled`, `finished`).
    pub fn set_batch_state(&self, id: i64, state: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE queue_batches SET state = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, state, now_ms()],
            )
            .doing("recording the batch")?;
        Ok(())
    }

    /// Batches not finished or cancelled, oldest first, with their counts.
    pub fn open_batches(&self) -> Result<Vec<BatchRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT b.id, b.state, b.owner_pid, b.created_at, COUNT(q.id),
                    SUM(CASE WHEN s.id IS NOT NULL AND s.state != 'failed' THEN 1 ELSE 0 END),
                    SUM(CASE WHEN s.id IS NULL THEN 1 ELSE 0 END)
                 FROM queue_batches b LEFT JOIN queue q ON q.batch_id = b.id
                 LEFT JOIN shipments s ON s.reference = q.reference
                 WHERE b.state IN ('running', 'paused') GROUP BY b.id ORDER BY b.id",
            )
            .doing("reading batches")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(BatchRow {
                    id: r.get(0)?,
                    state: r.get(1)?,
                    owner_pid: r.get(2)?,
                    created_at: r.get(3)?,
                    total: r.get(4)?,
                    bought: r.get::<_, Option<i64>>(5)?.unwrap_or(0),
                    left: r.get::<_, Option<i64>>(6)?.unwrap_or(0),
                })
            })
            .doing("reading batches")?
            .collect::<Result<Vec<_>, _>>()
            .doing("reading batches")?;
        Ok(rows)
    }
}
