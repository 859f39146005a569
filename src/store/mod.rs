//! The local history: one SQLite file (WAL), versioned migrations, shipments with their audit
//! trail, labels and accounts (settings only: secrets live in the OS keychain), the order
//! queue (orders waiting to be bought, and the batches they are bought in), and the services
//! each account may ship with (`services`).

mod accounts;
mod catalogue;
mod day_picture;
mod export;
mod history;
mod manifests;
mod migrations;
mod pacing;
pub(crate) mod packing;
mod presets;
mod queue;
mod records;
mod services;
mod shipments;

pub use catalogue::ProductWrite;
pub use day_picture::{DAYS_WITHOUT_A_START, DayBar, DayPicture};
pub use export::ExportError;
pub(crate) use export::csv_cell;
pub use history::{AccountTotals, HistoryQuery, HistorySort, ShipmentSummary, SortKey};
pub use manifests::Manifest;
pub use pacing::{ReconcilePace, ResendClaim};
pub use queue::{BatchRow, NewQueued, QueueFilter, QueueLine, QueueRow, QueueWrite, QueuedOrder};
pub use records::{EventKind, EventRecord, LabelRecord, SentRequest, ShipmentRecord};
pub use services::ServicesOffered;
pub use shipments::{Outcome, QuotedFee, Submission};

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::model::Text;

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
    /// The history file is there but empty (0 bytes): it is not taken for a new history.
    #[error("the history file {0} is empty (0 bytes)")]
    EmptyFile(PathBuf),
}

/// What kind of storage trouble a [`StoreError`] is, for what to tell the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageTrouble {
    /// The disk is full.
    DiskFull,
    /// The data folder or file cannot be written (read-only disk, permissions).
    CannotWrite,
    /// The history file is damaged, empty, or not a database.
    Damaged,
    /// Anything else the database refused.
    Other,
}

impl StoreError {
    /// What kind of trouble this is.
    pub fn trouble(&self) -> StorageTrouble {
        use rusqlite::ErrorCode as Code;
        match self {
            Self::EmptyFile(_) => StorageTrouble::Damaged,
            Self::Sqlite {
                source: rusqlite::Error::SqliteFailure(failure, _),
                ..
            } => match failure.code {
                Code::DiskFull => StorageTrouble::DiskFull,
                Code::ReadOnly | Code::CannotOpen | Code::PermissionDenied => {
                    StorageTrouble::CannotWrite
                }
                Code::NotADatabase | Code::DatabaseCorrupt => StorageTrouble::Damaged,
                _ => StorageTrouble::Other,
            },
            _ => StorageTrouble::Other,
        }
    }

    /// One sentence in each language saying what happened and what to do, then the database's
    /// own words (for whoever fixes the desk).
    pub fn what_to_do(&self) -> Text {
        let (en, zh) = match self.trouble() {
            StorageTrouble::DiskFull => (
                "The disk is full, so shipdesk cannot write its history: free some space and try again.",
                "磁盘已满，shipdesk 无法写入历史记录：请清理空间后重试。",
            ),
            StorageTrouble::CannotWrite => (
                "shipdesk cannot write its data folder (a read-only disk, or no permission): choose a folder it can write (--data-dir) or fix the permissions.",
                "shipdesk 无法写入数据文件夹（磁盘只读或没有权限）：请换一个可写的文件夹（--data-dir）或修改权限。",
            ),
            StorageTrouble::Damaged => (
                "The history file is damaged or empty, and shipdesk will not start a new history over it: restore it from a backup, or move it aside to start afresh.",
                "历史记录文件已损坏或为空，shipdesk 不会覆盖它另建新记录：请从备份恢复，或将其移走后重新开始。",
            ),
            StorageTrouble::Other => (
                "The local database refused an operation.",
                "本地数据库拒绝了操作。",
            ),
        };
        Text::new(format!("{en} ({self})"), format!("{zh}（{self}）"))
    }
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
    /// Opens (creating and migrating as needed) the database at `path`. A file that is there
    /// but empty is refused: SQLite would take it for a new database, and a history that lost
    /// its contents must not silently become an empty one.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
            return Err(StoreError::EmptyFile(path.to_owned()));
        }
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
        // Who is at the desk, for this connection only (never in the file): every shipment and
        // audit event written reads it here, so no write path can forget to pass it on.
        conn.execute_batch(
            "CREATE TEMP TABLE desk_operator (name TEXT NOT NULL);
             INSERT INTO temp.desk_operator VALUES ('');",
        )
        .doing("setting up the desk's operator")?;
        Ok(Self {
            conn,
            path: path.to_owned(),
        })
    }

    /// Who is at the desk from now on: recorded with every shipment bought and every audit
    /// event written through this store (trimmed; empty: nobody said).
    pub fn set_operator(&mut self, name: &str) -> Result<(), StoreError> {
        self.conn
            .execute("UPDATE temp.desk_operator SET name = ?1", [name.trim()])
            .doing("setting the desk's operator")?;
        Ok(())
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

#[cfg(test)]
mod trouble_tests {
    use super::{StorageTrouble, StoreError};

    fn sqlite(code: std::os::raw::c_int) -> StoreError {
        StoreError::Sqlite {
            doing: "writing",
            source: rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None),
        }
    }

    #[test]
    fn storage_trouble_is_told_by_what_sqlite_said() {
        // SQLITE_FULL, SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_CORRUPT, SQLITE_BUSY.
        assert_eq!(sqlite(13).trouble(), StorageTrouble::DiskFull);
        assert_eq!(sqlite(8).trouble(), StorageTrouble::CannotWrite);
        assert_eq!(sqlite(14).trouble(), StorageTrouble::CannotWrite);
        assert_eq!(sqlite(26).trouble(), StorageTrouble::Damaged);
        assert_eq!(sqlite(11).trouble(), StorageTrouble::Damaged);
        assert_eq!(sqlite(5).trouble(), StorageTrouble::Other);
        let full = sqlite(13).what_to_do();
        assert!(full.en.starts_with("The disk is full"), "{}", full.en);
        assert!(full.zh.starts_with("磁盘已满"), "{}", full.zh);
    }
}
