//! What every engine task shares: the store behind its lock, the keychain, the HTTP clients, the
//! printers, the shipments on the wire in this process, the running tasks by name, and the way
//! to tell the window about something it did not ask for.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::sync::OnceCell;
use tracing::Instrument as _;

use super::Event;
use crate::desk::scale::{ScaleSettings, ScaleWatcher};
use crate::print::{PrinterProfile, Printers};
use crate::sandbox::Sandbox;
use crate::secrets::Keychain;
use crate::store::{Store, StoreError};

/// Called on an engine thread after each event (the window passes `request_repaint`).
pub type EventCallback = Box<dyn Fn() + Send>;

/// The engine's shared state. Only the engine's own modules reach inside; it is public so that
/// [`Request`](super::Request) can name it.
pub struct Core {
    pub(super) store: Arc<Mutex<Store>>,
    pub(super) keychain: Keychain,
    /// Forwarder requests: follows no move (`http::forwarder_client`).
    pub(super) http: reqwest::Client,
    /// Label links only: follows their moves (`http::label_client`).
    pub(super) label_http: reqwest::Client,
    pub(super) labels_dir: PathBuf,
    pub(super) database_path: PathBuf,
    pub(super) sandbox: OnceCell<Sandbox>,
    /// Shipments whose create (or refund) request is on the wire in this process right now.
    in_flight: Arc<Mutex<HashSet<i64>>>,
    /// The first pause between polls for a number or label, in milliseconds.
    pub(super) poll_base_ms: AtomicU64,
    /// How reconciliation paces its lookups and re-sends (tests shorten it).
    pub(super) reconcile_pacing: Mutex<super::ReconcilePacing>,
    /// The data folder (printers.json lives there).
    pub(super) data_dir: PathBuf,
    /// Printer profiles and the desk printer, as last saved: the one copy auto-print and every
    /// print without a printer of its own use.
    pub(super) printers: Mutex<Printers>,
    /// Where events nobody asked for go (a label polled and auto-printed).
    events_tx: mpsc::Sender<Event>,
    on_event: Arc<Mutex<Option<EventCallback>>>,
    /// Session tokens of forwarders that log in first, by account (memory only).
    pub(super) sessions: Mutex<HashMap<String, String>>,
    /// Tasks running now, by number: their names and when they started.
    tasks: Mutex<BTreeMap<u64, (String, Instant)>>,
    next_task: AtomicU64,
    /// Batches buying in this process, by id: how to pause or cancel each.
    batches: Mutex<HashMap<i64, Arc<super::lifecycle::batch::BatchControl>>>,
    /// Work started after a request answered that must finish before the engine stops.
    background: Mutex<Vec<tokio::task::JoinHandle<()>>>,
    /// The desk scale's settings and its running reader (see `scale.rs`).
    pub(super) scale: Mutex<(ScaleSettings, Option<ScaleWatcher>)>,
    /// Labels running batches print themselves, in one job each (not one auto-print a label).
    pub(super) batch_labels: Mutex<super::lifecycle::batch_print::BatchLabels>,
}

/// What [`Core::new`] is made of.
pub(super) struct CoreParts {
    pub store: Store,
    pub keychain: Keychain,
    pub http: reqwest::Client,
    pub label_http: reqwest::Client,
    pub data_dir: PathBuf,
    pub database_path: PathBuf,
    pub events_tx: mpsc::Sender<Event>,
    pub on_event: Arc<Mutex<Option<EventCallback>>>,
}

impl Core {
    pub(super) fn new(parts: CoreParts) -> Self {
        let scale_settings = ScaleSettings::load(&parts.data_dir);
        Self {
            store: Arc::new(Mutex::new(parts.store)),
            keychain: parts.keychain,
            http: parts.http,
            label_http: parts.label_http,
            labels_dir: parts.data_dir.join("labels"),
            database_path: parts.database_path,
            sandbox: OnceCell::new(),
            in_flight: Arc::default(),
            poll_base_ms: AtomicU64::new(5_000),
            reconcile_pacing: Mutex::default(),
            printers: Mutex::new(Printers::load(&parts.data_dir)),
            data_dir: parts.data_dir,
            events_tx: parts.events_tx,
            on_event: parts.on_event,
            sessions: Mutex::default(),
            batches: Mutex::default(),
            tasks: Mutex::default(),
            next_task: AtomicU64::new(1),
            background: Mutex::default(),
            scale: Mutex::new((scale_settings, None)),
            batch_labels: Mutex::default(),
        }
    }

    /// Runs a store operation on a blocking thread: SQLite must never stall the async workers.
    pub(super) async fn with_store<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let store = self.store.clone();
        match tokio::task::spawn_blocking(move || work(&mut lock_store(&store))).await {
            Ok(result) => result,
            // The blocking task panicked or was cancelled at shutdown: report it as a store problem.
            Err(join) => Err(StoreError::Sqlite {
                doing: "running a database task",
                source: rusqlite::Error::ToSqlConversionFailure(Box::new(join)),
            }),
        }
    }

    /// Tells the window about something: an answer, or something it did not ask for.
    /// Registers (or, with `None`, forgets) a batch buying in this process.
    pub(super) fn batch_control(
        &self,
        id: i64,
        control: Option<Arc<super::lifecycle::batch::BatchControl>>,
    ) {
        let mut batches = lock(&self.batches);
        match control {
            Some(control) => batches.insert(id, control),
            None => batches.remove(&id),
        };
    }

    /// The control of a batch buying in this process.
    pub(super) fn running_batch(
        &self,
        id: i64,
    ) -> Option<Arc<super::lifecycle::batch::BatchControl>> {
        lock(&self.batches).get(&id).cloned()
    }

    pub(super) fn announce(&self, event: Event) {
        self.events_tx.send(event).ok();
        if let Some(callback) = lock(&self.on_event).as_ref() {
            callback();
        }
    }

    /// How reconciliation paces its lookups and re-sends now.
    pub(super) fn reconcile_pacing(&self) -> super::ReconcilePacing {
        *lock(&self.reconcile_pacing)
    }

    /// The desk printer's profile, if one is set.
    pub(super) fn desk_printer(&self) -> Option<PrinterProfile> {
        lock(&self.printers).desk_profile()
    }

    /// Marks `id` as on the wire: reconciliation leaves it alone until the guard is dropped.
    pub(super) fn in_flight(&self, id: i64) -> InFlight {
        lock(&self.in_flight).insert(id);
        InFlight {
            id,
            set: self.in_flight.clone(),
        }
    }

    /// Whether `id` is being sent by this process.
    pub(super) fn is_in_flight(&self, id: i64) -> bool {
        lock(&self.in_flight).contains(&id)
    }

    /// Runs `work` as a named task: listed in [`Core::running_tasks`] while it runs, and every
    /// log line it writes carries its name, so a stuck task can be told from a busy one.
    pub(super) async fn named<T>(&self, name: String, work: impl Future<Output = T>) -> T {
        let number = self.next_task.fetch_add(1, Ordering::Relaxed);
        let span = tracing::info_span!("task", name = %name);
        lock(&self.tasks).insert(number, (name, Instant::now()));
        let _listed = Listed {
            number,
            tasks: &self.tasks,
        };
        work.instrument(span).await
    }

    /// Starts `work` as a named task of its own that the engine lets finish before it stops
    /// (an auto-print after a ship has answered).
    pub(super) fn spawn_background(
        self: &Arc<Self>,
        name: String,
        work: impl Future<Output = ()> + Send + 'static,
    ) {
        let core = self.clone();
        let task = tokio::spawn(async move { core.named(name, work).await });
        let mut background = lock(&self.background);
        background.retain(|task| !task.is_finished());
        background.push(task);
    }

    /// The background work not known to have finished (the engine waits for it when stopping).
    pub(super) fn take_background(&self) -> Vec<tokio::task::JoinHandle<()>> {
        std::mem::take(&mut lock(&self.background))
    }

    /// The tasks running now, longest-running first: name and how long it has run.
    pub(super) fn running_tasks(&self) -> Vec<(String, Duration)> {
        let mut tasks: Vec<(String, Duration)> = lock(&self.tasks)
            .values()
            .map(|(name, started)| (name.clone(), started.elapsed()))
            .collect();
        tasks.sort_by_key(|task| std::cmp::Reverse(task.1));
        tasks
    }
}

/// Takes a task off the running list when it ends, however it ends.
struct Listed<'a> {
    number: u64,
    tasks: &'a Mutex<BTreeMap<u64, (String, Instant)>>,
}

impl Drop for Listed<'_> {
    fn drop(&mut self) {
        lock(self.tasks).remove(&self.number);
    }
}

/// Marks a shipment as being sent until dropped.
pub(super) struct InFlight {
    id: i64,
    set: Arc<Mutex<HashSet<i64>>>,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        lock(&self.set).remove(&self.id);
    }
}

/// Locks a mutex; a panic elsewhere while holding it leaves plain data that is still usable.
pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Locks the store. A panic while holding the lock cannot leave SQLite half-written
/// (transactions roll back), so a poisoned lock is still a good store.
pub(super) fn lock_store(store: &Mutex<Store>) -> MutexGuard<'_, Store> {
    lock(store)
}

/// Runs `work` on tokio's blocking pool (file writes, PDFs drawn with the large CJK font,
/// rasterising), never on an async worker; a task that panicked or was cut off at shutdown
/// answers in a packer's words.
pub(super) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, crate::model::Text> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| super::ShipError::Internal.describe())
}
