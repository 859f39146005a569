//! The end of the day per account: what is bought and not yet handed over, what needs a person
//! before the courier comes, and the close itself, which puts every handed-over shipment into
//! one numbered manifest in a single transaction.

use rusqlite::{OptionalExtension as _, params};

use super::shipments::RECORD_COLUMNS;
use super::{Doing as _, ShipmentRecord, Store, StoreError, format_local_time};

/// One close of one account's day: the handover list the courier signs (交接单).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest {
    /// Row id.
    pub id: i64,
    /// The account whose shipments it hands over.
    pub account: String,
    /// The local day of the close, `YYYY-MM-DD`.
    pub day: String,
    /// The close's number within that day for the account (1, 2, …).
    pub number: i64,
    /// When it was closed (ms since the epoch).
    pub closed_at: i64,
    /// What the supervisor wrote when closing (why it was closed anyway, the driver's name).
    pub note: String,
    /// How many shipments it holds.
    pub shipments: i64,
}

impl Manifest {
    /// How it is named wherever it is shown: `2026-12-01 #2`.
    pub fn name(&self) -> String {
        format!("{} #{}", self.day, self.number)
    }
}

/// The states a close hands over: bought, with the label stored (printed or not).
const HANDED_OVER: &str = "('created', 'printed')";

/// The states that need a person before the day is closed: not settled, bought without a
/// number or label yet, or holding the shop's money.
const NEEDS_A_PERSON: &str = "('submitting', 'unknown', 'awaiting_number', 'awaiting_label', \
     'bought_no_tracking', 'refund_due', 'created')";

const MANIFEST_COLUMNS: &str = "id, account, day, number, closed_at, note, shipments";

fn manifest_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Manifest> {
    Ok(Manifest {
        id: row.get(0)?,
        account: row.get(1)?,
        day: row.get(2)?,
        number: row.get(3)?,
        closed_at: row.get(4)?,
        note: row.get(5)?,
        shipments: row.get(6)?,
    })
}

impl Store {
    /// The shipments of `account` a close would hand over now, oldest first.
    pub fn open_for_close(&self, account: &str) -> Result<Vec<ShipmentRecord>, StoreError> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM shipments INDEXED BY shipments_open
             WHERE account = ?1 AND manifest_id IS NULL AND state IN {HANDED_OVER} ORDER BY id"
        );
        self.records(&sql, [account])
    }

    /// The shipments of `account`, not yet in a manifest, that a person should look at before
    /// the day is closed: labels not printed yet, outcomes unknown, numbers or labels still to
    /// come, refunds due. Oldest first.
    pub fn needing_a_person_before_close(
        &self,
        account: &str,
    ) -> Result<Vec<ShipmentRecord>, StoreError> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM shipments INDEXED BY shipments_open
             WHERE account = ?1 AND manifest_id IS NULL AND state IN {NEEDS_A_PERSON} ORDER BY id"
        );
        self.records(&sql, [account])
    }

    /// Closes `account`'s day at `now`: every shipment it has bought with a label and not yet
    /// handed over goes into a new manifest, numbered after the day's last, in one transaction.
    /// `None` (and nothing written) when there is nothing to hand over.
    pub fn close_day(
        &mut self,
        account: &str,
        note: &str,
        now: i64,
    ) -> Result<Option<Manifest>, StoreError> {
        let day = format_local_time(now, "%Y-%m-%d");
        let tx = self.conn.transaction().doing("starting the close")?;
        let number: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM manifests WHERE account = ?1 AND day = ?2",
                params![account, day],
                |row| row.get(0),
            )
            .doing("numbering the close")?;
        tx.execute(
            "INSERT INTO manifests (account, day, number, closed_at, note, shipments)
             VALUES (?1, ?2, ?3, ?4, ?5, 0)",
            params![account, day, number, now, note.trim()],
        )
        .doing("recording the close")?;
        let id = tx.last_insert_rowid();
        let handed_over = tx
            .execute(
                &format!(
                    "UPDATE shipments SET manifest_id = ?2
                     WHERE account = ?1 AND manifest_id IS NULL AND state IN {HANDED_OVER}"
                ),
                params![account, id],
            )
            .doing("putting the shipments into the manifest")?;
        if handed_over == 0 {
            // Dropping the transaction rolls the empty manifest back.
            return Ok(None);
        }
        let count = i64::try_from(handed_over).unwrap_or(i64::MAX);
        tx.execute(
            "UPDATE manifests SET shipments = ?2 WHERE id = ?1",
            params![id, count],
        )
        .doing("recording the close")?;
        tx.commit().doing("saving the close")?;
        Ok(Some(Manifest {
            id,
            account: account.to_owned(),
            day,
            number,
            closed_at: now,
            note: note.trim().to_owned(),
            shipments: count,
        }))
    }

    /// Every manifest (of `account`, if given), newest first.
    pub fn manifests(&self, account: Option<&str>) -> Result<Vec<Manifest>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {MANIFEST_COLUMNS} FROM manifests
                 WHERE ?1 IS NULL OR account = ?1 ORDER BY closed_at DESC, id DESC"
            ))
            .doing("listing the manifests")?;
        let rows = stmt
            .query_map([account], manifest_from_row)
            .doing("listing the manifests")?;
        rows.collect::<Result<Vec<_>, _>>()
            .doing("reading the manifests")
    }

    /// The manifest with row id `id`.
    pub fn manifest(&self, id: i64) -> Result<Option<Manifest>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {MANIFEST_COLUMNS} FROM manifests WHERE id = ?1"),
                [id],
                manifest_from_row,
            )
            .optional()
            .doing("reading the manifest")
    }

    /// The manifest shipment `shipment_id` was handed over in, if any.
    pub fn manifest_of(&self, shipment_id: i64) -> Result<Option<Manifest>, StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {MANIFEST_COLUMNS} FROM manifests
                     WHERE id = (SELECT manifest_id FROM shipments WHERE id = ?1)"
                ),
                [shipment_id],
                manifest_from_row,
            )
            .optional()
            .doing("reading the shipment's manifest")
    }

    /// The shipments manifest `id` handed over, in the order they were bought.
    pub fn manifest_shipments(&self, id: i64) -> Result<Vec<ShipmentRecord>, StoreError> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM shipments INDEXED BY shipments_manifest
             WHERE manifest_id = ?1 ORDER BY id"
        );
        self.records(&sql, [id])
    }
}
