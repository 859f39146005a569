//! The local history: one SQLite file (WAL), versioned migrations, shipments with their audit
//! trail, labels and accounts (settings only: secrets live in the OS keychain).

mod accounts;
mod export;
mod history;
mod migrations;
pub(crate) mod packing;
mod presets;
mod records;
mod shipments;

pub use export::ExportError;
pub use history::{AccountTotals, HistoryQuery, HistorySort, ShipmentSummary, SortKey};
pub use records::{EventKind, EventRecord, LabelRecord, SentRequest, ShipmentRecord};
pub use shipments::{Outcome, QuotedFee, Submission};

use std::path::{Path, PathBuf};

use rusqlite::Connection;

/// Name of the database file inside the data folder.
pub const DATABASE_FILE: &str = "shipdesk.sqlite3";

/// Something went wrong with the local database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("local database error while {doing}: {source}")]
    Sqlite {
        /// What we were doing, for the message.
        doing: &'static str,
        /// SQLite's own error.
        source: rusqlite::Error,
    },
    /// The database was written by a newer shipdesk.
    #[error(
        "the local database is version {found}, newer than this shipdesk understands ({known}); update shipdesk"
    )]
    TooNew {
        /// Version in the file.
        found: i64,
        /// Newest version this build knows.
        known: i64,
    },
    /// A shipment with this reference number is already recorded.
    #[error("reference {0:?} is already used by another shipment")]
    DuplicateReference(String),
    /// No shipment with this reference.
    #[error("no shipment with reference {0:?}")]
    NotFound(String),
    /// The task reading the database stopped (a bug, or the app shutting down).
    #[error("the database task was interrupted")]
    Interrupted,
}

/// Attaches what we were doing to a SQLite error.
pub(crate) trait Doing<T> {
    fn doing(self, doing: &'static str) -> Result<T, StoreError>;
}

impl<T> Doing<T> for Result<T, rusqlite::Error> {
    fn doing(self, doing: &'static str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Sqlite { doing, source })
    }
}

/// An open history database. Not `Sync`: the engine keeps it behind a mutex and calls it from
/// blocking tasks.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating and migrating as needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path).doing("opening the database file")?;
        // WAL: readers (History) never wait for the writer (a create in progress). FULL: each commit
        // is on disk before it returns, so the write-ahead record survives a power cut.
        conn.pragma_update(None, "journal_mode", "WAL")
            .doing("switching to WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")
            .doing("setting durability")?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .doing("enabling foreign keys")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .doing("setting the busy timeout")?;
        migrations::migrate(&conn)?;
        Ok(Self {
            conn,
            path: path.to_owned(),
        })
    }

    /// Opens an existing database for reading only (the window's History), without migrating.
    /// WAL lets it read while the engine writes.
    pub fn open_reader(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .doing("opening the database file for reading")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .doing("setting the busy timeout")?;
        Ok(Self {
            conn,
            path: path.to_owned(),
        })
    }

    /// Where the database file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The raw connection, for the benchmark's bulk loading.
    pub fn connection(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// A stored timestamp in this computer's time zone, with a `chrono` pattern such as `%m-%d %H:%M`.
pub fn format_local_time(ms: i64, pattern: &str) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.with_timezone(&chrono::Local).format(pattern).to_string())
        .unwrap_or_default()
}
