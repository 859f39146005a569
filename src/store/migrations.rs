use rusqlite::Connection;

use super::{Doing as _, StoreError};

/// Each entry moves the schema one version up; never edit one that has shipped, add a new one.
const MIGRATIONS: &[&str] = &[
    // 1: accounts, shipments, events (audit trail), labels. `*_packed` columns hold JSON packed by
    // `packing::pack` (a version byte, then raw text or dictionary deflate).
    "
    CREATE TABLE accounts (
        name TEXT PRIMARY KEY,
        forwarder TEXT NOT NULL,
        base_url TEXT NOT NULL,
        settings_json TEXT NOT NULL,
        builtin_sandbox INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
    );
    CREATE TABLE shipments (
        id INTEGER PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        forwarder TEXT NOT NULL,
        service_code TEXT NOT NULL,
        state TEXT NOT NULL,
        tracking_number TEXT,
        forwarder_order_id TEXT,
        recipient_name TEXT NOT NULL COLLATE NOCASE,
        recipient_phone TEXT NOT NULL,
        recipient_country TEXT NOT NULL,
        weight_kg TEXT NOT NULL,
        declared_value TEXT,
        currency TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        print_count INTEGER NOT NULL DEFAULT 0,
        message_json TEXT,
        order_packed BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE INDEX shipments_tracking ON shipments(tracking_number) WHERE tracking_number IS NOT NULL;
    -- Covers the sort key, so a name-prefix search orders its matches without reading rows.
    CREATE INDEX shipments_name ON shipments(recipient_name, created_at);
    CREATE INDEX shipments_phone ON shipments(recipient_phone);
    CREATE INDEX shipments_created ON shipments(created_at);
    CREATE INDEX shipments_account_created ON shipments(account, created_at);
    CREATE INDEX shipments_unsettled ON shipments(state) WHERE state IN ('submitting', 'unknown');
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        shipment_id INTEGER NOT NULL REFERENCES shipments(id),
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        state TEXT,
        detail_packed BLOB NOT NULL
    );
    CREATE INDEX events_shipment ON events(shipment_id);
    CREATE TABLE labels (
        id INTEGER PRIMARY KEY,
        shipment_id INTEGER NOT NULL REFERENCES shipments(id),
        format TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        path TEXT NOT NULL,
        created_at INTEGER NOT NULL
    );
        CREATE INDEX labels_shipment ON labels(shipment_id);
    ",
    // 2: polling for numbers and labels that come after the create (ECCANG, logssc).
    "
    ALTER TABLE shipments ADD COLUMN polls INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE shipments ADD COLUMN next_poll_at INTEGER;
    CREATE INDEX shipments_awaiting ON shipments(next_poll_at)
        WHERE state IN ('awaiting_number', 'awaiting_label');
    ",
    // 3: what the desk reuses: sender profiles and parcel presets, as JSON by kind and name.
    "
    CREATE TABLE presets (
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        body_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (kind, name)
    );
    ",
    // 4: fees (logssc): the fee the packer accepted before buying, and what the forwarder charged.
    "
    ALTER TABLE shipments ADD COLUMN quoted_fee TEXT;
    ALTER TABLE shipments ADD COLUMN charged_fee TEXT;
    ALTER TABLE shipments ADD COLUMN fee_currency TEXT;
    ",
    // 5: the window's header lists failed logssc orders that still hold the shop's balance on
    // every reload; a partial index keeps that a lookup of a few rows, not a table scan.
    "
    CREATE INDEX shipments_refund_due ON shipments(id) WHERE state = 'refund_due';
    ",
    // 6: History finds any part of a reference or tracking number and any word of a name or
    // company, in any case: a trigram full-text index over those words (kept by triggers, read
    // back from the row itself, so it stores no second copy of the text). The company was only
    // in the packed order; it gets a column of its own, filled for older rows by
    // `fill_recipient_company` right after this step.
    "
    ALTER TABLE shipments ADD COLUMN recipient_company TEXT NOT NULL DEFAULT '';
    ALTER TABLE shipments ADD COLUMN search_words TEXT GENERATED ALWAYS AS (
        reference || ' ' || COALESCE(tracking_number, '') || ' ' || recipient_name || ' ' ||
        recipient_company || ' ' || recipient_phone) VIRTUAL;
    CREATE VIRTUAL TABLE shipments_text USING fts5(
        search_words, content='shipments', content_rowid='id', tokenize='trigram');
    CREATE TRIGGER shipments_text_insert AFTER INSERT ON shipments BEGIN
        INSERT INTO shipments_text(rowid, search_words) VALUES (new.id, new.search_words);
    END;
    CREATE TRIGGER shipments_text_update AFTER UPDATE OF reference, tracking_number,
        recipient_name, recipient_company, recipient_phone ON shipments BEGIN
        INSERT INTO shipments_text(shipments_text, rowid, search_words)
            VALUES ('delete', old.id, old.search_words);
        INSERT INTO shipments_text(rowid, search_words) VALUES (new.id, new.search_words);
    END;
    CREATE TRIGGER shipments_text_delete AFTER DELETE ON shipments BEGIN
        INSERT INTO shipments_text(shipments_text, rowid, search_words)
            VALUES ('delete', old.id, old.search_words);
    END;
    INSERT INTO shipments_text(shipments_text) VALUES ('rebuild');
    ",
    // 7: reconciliation paced per shipment (issue 14), kept here so it survives a restart: how
    // many times reconcile sent the create again (capped) and not before when the next may go;
    // how many times it looked the order up and when shipdesk looks again by itself (a logssc
    // order still being placed, or settled failed and looked at once more). A partial index
    // keeps the poller's "which looks are due" a lookup of the few rows that have one.
    "
    ALTER TABLE shipments ADD COLUMN reconcile_attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE shipments ADD COLUMN next_resend_at INTEGER;
    ALTER TABLE shipments ADD COLUMN reconcile_lookups INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE shipments ADD COLUMN next_look_at INTEGER;
    CREATE INDEX shipments_look_due ON shipments(next_look_at) WHERE next_look_at IS NOT NULL;
    ",
    // 8: the order queue (issue 11): orders waiting to be bought, as typed (`form_json`, so a
    // row with problems keeps its text), with their problems and a summary for the Queue
    // table; each becomes the shipment with its reference (`shipment_id` once bought). Batches
    // of orders bought together, so one cut off by a crash is found and resumed.
    "
    CREATE TABLE queue_batches (
        id INTEGER PRIMARY KEY,
        state TEXT NOT NULL,
        concurrency INTEGER NOT NULL,
        owner_pid INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE TABLE queue (
        id INTEGER PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        order_number TEXT NOT NULL DEFAULT '',
        account TEXT NOT NULL,
        service_code TEXT NOT NULL,
        recipient_name TEXT NOT NULL,
        recipient_country TEXT NOT NULL,
        parcels INTEGER NOT NULL,
        weight_kg TEXT NOT NULL,
        issues_json TEXT NOT NULL,
        issue_count INTEGER NOT NULL,
        form_json TEXT NOT NULL,
        source TEXT NOT NULL,
        batch_id INTEGER REFERENCES queue_batches(id),
        shipment_id INTEGER REFERENCES shipments(id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE INDEX queue_order_number ON queue(order_number);
    CREATE INDEX queue_batch ON queue(batch_id) WHERE batch_id IS NOT NULL;
    ",
    // 9: the end of the day per account (issue 12): each close is a manifest, numbered within its
    // local day, and every shipment it hands over points at it. A shipment is in one manifest or
    // none by construction (one column), and a close is one transaction, so a close cut short
    // leaves no manifest or a whole one. The partial index keeps "what is not closed yet" a
    // lookup of today's rows, not a scan of the history.
    "
    CREATE TABLE manifests (
        id INTEGER PRIMARY KEY,
        account TEXT NOT NULL,
        day TEXT NOT NULL,
        number INTEGER NOT NULL,
        closed_at INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        shipments INTEGER NOT NULL,
        UNIQUE (account, day, number)
    );
    ALTER TABLE shipments ADD COLUMN manifest_id INTEGER REFERENCES manifests(id);
    CREATE INDEX shipments_open ON shipments(account, id) WHERE manifest_id IS NULL;
    CREATE INDEX shipments_manifest ON shipments(manifest_id) WHERE manifest_id IS NOT NULL;
    ",
    // 10: the services (channels) each account may ship with, as its forwarder last listed them
    // (ECCANG's getShippingMethodInfo), so the ship form's picker works offline and at once.
    // One row a service, in the forwarder's order; `fetched_at` says how fresh the list is.
    "
    CREATE TABLE services_offered (
        account TEXT NOT NULL,
        code TEXT NOT NULL,
        name_en TEXT NOT NULL,
        name_zh TEXT NOT NULL,
        position INTEGER NOT NULL,
        fetched_at INTEGER NOT NULL,
        PRIMARY KEY (account, code)
    );
    ",
    // 11: who was at the desk (issue 11, point 8): the operator who bought each shipment and who
    // caused each audit event ('' before this version, or when nobody said).
    "
    ALTER TABLE shipments ADD COLUMN operator TEXT NOT NULL DEFAULT '';
    ALTER TABLE events ADD COLUMN operator TEXT NOT NULL DEFAULT '';
    CREATE INDEX shipments_operator ON shipments(operator, created_at) WHERE operator <> '';
    ",
    // 12: a scan finds its queued order by reference in any case; the reference's own UNIQUE
    // index compares exactly, so without this the window read the whole queue (which keeps
    // bought orders, for reprints) on every scan.
    "
    CREATE INDEX queue_reference_nocase ON queue(reference COLLATE NOCASE);
    ",
    // 13: the product catalogue (issue 11, point 3): what customs is told of each SKU, its
    // unit weight and bin. One row a SKU, compared without case as a scanner or a spreadsheet
    // may change it; text as typed (the form's rules checked it before it was written).
    "
    CREATE TABLE catalogue (
        sku TEXT PRIMARY KEY COLLATE NOCASE,
        name_en TEXT NOT NULL,
        name_zh TEXT NOT NULL,
        hs_code TEXT NOT NULL,
        unit_value TEXT NOT NULL,
        currency TEXT NOT NULL,
        origin_country TEXT NOT NULL,
        unit_weight_kg TEXT NOT NULL,
        bin_location TEXT NOT NULL,
        updated_at INTEGER NOT NULL
    );
    ",
    // 14: calls other than a create (cancel, lookups, refunds, the forwarder's view of an
    // order) once kept the body as sent beside the redacted one, and ECCANG's carries its
    // appToken and appKey. Their `payload` is dropped (nothing re-sends those calls): the
    // Rust step below does it, in this step's transaction.
    "",
];

/// The schema version whose upgrade drops the kept payloads of calls that were not creates.
const CALL_PAYLOADS_DROPPED: i64 = 14;

/// The schema version that gave shipments their `recipient_company` column.
const COMPANY_COLUMN: i64 = 6;

/// Brings the schema up to date, one transaction per step.
pub fn migrate(conn: &Connection) -> Result<(), StoreError> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .doing("reading the schema version")?;
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(StoreError::TooNew {
            found: version,
            known,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let next = index as i64 + 1;
        if next == CALL_PAYLOADS_DROPPED {
            let tx = conn
                .unchecked_transaction()
                .doing("upgrading the database schema")?;
            drop_call_payloads(&tx)?;
            tx.execute_batch(&format!("PRAGMA user_version = {next};"))
                .doing("upgrading the database schema")?;
            tx.commit().doing("upgrading the database schema")?;
            continue;
        }
        conn.execute_batch(&format!(
            "BEGIN; {sql}; PRAGMA user_version = {next}; COMMIT;"
        ))
        .doing("upgrading the database schema")?;
        if next == COMPANY_COLUMN && version > 0 {
            fill_recipient_company(conn)?;
        }
    }
    Ok(())
}

/// Drops the `payload` of every recorded request that is not its shipment's create: the
/// creates are the ones marked so, or, for a shipment recorded before creates were marked, its
/// first request (written ahead of any call). Only a create's payload is ever sent again.
fn drop_call_payloads(conn: &Connection) -> Result<(), StoreError> {
    let doing = "removing credentials kept in the audit trail";
    let mut read = conn
        .prepare("SELECT id, shipment_id, detail_packed FROM events WHERE kind = 'request' ORDER BY shipment_id, id")
        .doing(doing)?;
    let rows: Vec<(i64, i64, Vec<u8>)> = read
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .doing(doing)?
        .collect::<Result<_, _>>()
        .doing(doing)?;
    let parsed: Vec<(i64, i64, Option<serde_json::Value>)> = rows
        .into_iter()
        .map(|(id, shipment, packed)| {
            let detail =
                super::packing::unpack(&packed).and_then(|t| serde_json::from_str(&t).ok());
            (id, shipment, detail)
        })
        .collect();
    let is_create = |detail: &Option<serde_json::Value>| {
        detail
            .as_ref()
            .and_then(|d| d.get("create"))
            .and_then(serde_json::Value::as_bool)
            == Some(true)
    };
    let mut write = conn
        .prepare("UPDATE events SET detail_packed = ?1 WHERE id = ?2")
        .doing(doing)?;
    for shipment in parsed.chunk_by(|a, b| a.1 == b.1) {
        let marked = shipment.iter().any(|(_, _, d)| is_create(d));
        for (position, (id, _, detail)) in shipment.iter().enumerate() {
            let create = if marked {
                is_create(detail)
            } else {
                position == 0
            };
            let Some(mut detail) = detail.clone().filter(|_| !create) else {
                continue;
            };
            if detail
                .as_object_mut()
                .and_then(|d| d.remove("payload"))
                .is_some()
            {
                let text = serde_json::to_string(&detail).unwrap_or_default();
                write
                    .execute(rusqlite::params![super::packing::pack(&text), id])
                    .doing(doing)?;
            }
        }
    }
    Ok(())
}

/// Copies each older shipment's recipient company out of its packed order into the column
/// History searches (the update trigger indexes it). Runs once, when the column is added.
fn fill_recipient_company(conn: &Connection) -> Result<(), StoreError> {
    let mut read = conn
        .prepare("SELECT id, order_packed FROM shipments")
        .doing("reading orders for their company")?;
    let mut rows = read.query([]).doing("reading orders for their company")?;
    let mut companies = Vec::new();
    while let Some(row) = rows.next().doing("reading orders for their company")? {
        let id: i64 = row.get(0).doing("reading orders for their company")?;
        let packed: Vec<u8> = row.get(1).doing("reading orders for their company")?;
        let company = super::packing::unpack(&packed)
            .and_then(|text| serde_json::from_str::<crate::model::Shipment>(&text).ok())
            .map(|order| order.recipient.company.trim().to_owned())
            .unwrap_or_default();
        if !company.is_empty() {
            companies.push((id, company));
        }
    }
    conn.execute_batch("BEGIN")
        .doing("filling in recipient companies")?;
    for (id, company) in companies {
        conn.execute(
            "UPDATE shipments SET recipient_company = ?2 WHERE id = ?1",
            rusqlite::params![id, company],
        )
        .doing("filling in recipient companies")?;
    }
    conn.execute_batch("COMMIT")
        .doing("filling in recipient companies")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::carriers::{Account, AccountSettings, ForwarderKind, HttpMethod, WireRequest};
    use crate::store::{DATABASE_FILE, SentRequest, Store};

    fn soap(body: &str) -> WireRequest {
        WireRequest {
            method: HttpMethod::Post,
            url: "http://127.0.0.1:9/default/svc/web-service".to_owned(),
            headers: Vec::new(),
            body: body.as_bytes().to_vec(),
        }
    }

    /// A request event as versions before step 14 wrote one: the redacted body, and the body
    /// as sent kept beside it.
    fn as_written_before(request: &WireRequest, create: bool) -> SentRequest {
        let redacted =
            crate::carriers::eccang::redact_credentials(&String::from_utf8_lossy(&request.body));
        let mut sent = SentRequest::new(request, redacted.as_bytes(), &request.body);
        sent.create = create;
        sent
    }

    #[test]
    fn an_older_history_loses_the_keys_its_cancels_kept_and_keeps_what_reconcile_resends() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join(DATABASE_FILE);
        let mut store = Store::open(&path).expect("open");
        let account = Account {
            name: "EC".to_owned(),
            forwarder: ForwarderKind::Eccang,
            base_url: "http://127.0.0.1:9".to_owned(),
            settings: AccountSettings::default(),
            builtin_sandbox: false,
        };
        let mut order: crate::model::Shipment =
            serde_json::from_str(include_str!("../../assets/examples/order-seed000.json"))
                .expect("seed order");
        let with_keys = |call: &str| {
            format!(
                "<appToken>SECRET-TOKEN</appToken><appKey>SECRET-KEY</appKey><service>{call}</service><paramsJson>{{\"reference_no\":\"R\"}}</paramsJson>"
            )
        };
        // One shipment whose create is marked, one from before creates were marked.
        let mut ids = Vec::new();
        for (reference, marked) in [("MARKED-1", true), ("OLDER-1", false)] {
            order.reference = reference.to_owned();
            let create = soap(&with_keys("createOrder"));
            let mut first = as_written_before(&create, marked);
            first.payload = Some("{\"reference_no\":\"R\"}".to_owned());
            let id = store
                .record_submission(&order, &account, "PK0001", &first, None)
                .expect("recorded")
                .id;
            store
                .record_call(
                    id,
                    &as_written_before(&soap(&with_keys("cancelOrder")), false),
                )
                .expect("cancel recorded");
            ids.push(id);
        }
        let raw = |store: &Store| {
            ids.iter()
                .flat_map(|id| store.events(*id).expect("events"))
                .map(|e| e.detail.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert!(
            raw(&store).contains("SECRET-KEY"),
            "the old shape, reproduced"
        );
        store
            .connection()
            .execute_batch("PRAGMA user_version = 13")
            .expect("back to 13");
        drop(store);

        let store = Store::open(&path).expect("upgraded");
        let after = raw(&store);
        assert!(
            !after.contains("SECRET-TOKEN") && !after.contains("SECRET-KEY"),
            "{after}"
        );
        for id in &ids {
            assert_eq!(
                store.recorded_request_body(*id).expect("read").as_deref(),
                Some("{\"reference_no\":\"R\"}"),
                "what a reconcile re-sends stays"
            );
        }
        let version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, super::MIGRATIONS.len() as i64);
    }
}
