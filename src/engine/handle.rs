//! The engine as its users hold it: started on a data folder, asked in the background by the
//! window ([`Engine::send`]) or asked and waited for by the command line and tests
//! ([`Engine::call`]), stopped when dropped.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::core::{Core, CoreParts, EventCallback, lock, lock_store};
use super::dispatch::{self, Request};
use super::protocol::{Command, Event};
use super::{accounts, lifecycle};
use crate::sandbox::Sandbox;
use crate::secrets::Keychain;
use crate::store::{Store, StoreError};

/// Where the engine keeps its files.
#[derive(Clone, Debug)]
pub struct EngineConfig {
    /// The data folder: database, labels, log.
    pub data_dir: PathBuf,
}

/// The engine could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The data folder could not be created.
    #[error("cannot create the data folder {path}: {source}")]
    DataDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The runtime or HTTP client could not start.
    #[error("cannot start the background runtime: {0}")]
    Runtime(String),
    /// The database could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A running engine. Dropping it lets work that must not be cut off (a print job being sent)
/// finish, then stops its runtime.
pub struct Engine {
    runtime: tokio::runtime::Runtime,
    core: Arc<Core>,
    events_rx: Option<mpsc::Receiver<Event>>,
    on_event: Arc<Mutex<Option<EventCallback>>>,
}

impl Engine {
    /// Opens the data folder and database, makes sure the sandbox account exists, and starts
    /// the runtime (two worker threads: the machine this runs on may have only two cores) with
    /// its poller.
    pub fn start(config: EngineConfig, keychain: Keychain) -> Result<Self, StartError> {
        std::fs::create_dir_all(&config.data_dir).map_err(|source| StartError::DataDir {
            path: config.data_dir.clone(),
            source,
        })?;
        let database_path = config.data_dir.join(crate::store::DATABASE_FILE);
        let store = Store::open(&database_path)?;
        accounts::ensure_sandbox_accounts(&store)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("shipdesk-engine")
            .enable_all()
            .build()
            .map_err(|e| StartError::Runtime(e.to_string()))?;
        let http =
            super::http::forwarder_client().map_err(|e| StartError::Runtime(e.to_string()))?;
        let label_http =
            super::http::label_client().map_err(|e| StartError::Runtime(e.to_string()))?;
        let (events_tx, events_rx) = mpsc::channel();
        let on_event: Arc<Mutex<Option<EventCallback>>> = Arc::default();
        let core = Arc::new(Core::new(CoreParts {
            store,
            keychain,
            http,
            label_http,
            data_dir: config.data_dir,
            database_path,
            events_tx,
            on_event: on_event.clone(),
        }));
        super::scale::watch(&core);
        let poller = core.clone();
        runtime.spawn(async move {
            let work = lifecycle::poller::run(poller.clone());
            poller.named("poller".to_owned(), work).await
        });
        Ok(Self {
            runtime,
            core,
            events_rx: Some(events_rx),
            on_event,
        })
    }

    /// Takes the event receiver (once): the window drains it every frame.
    pub fn take_events(&mut self) -> Option<mpsc::Receiver<Event>> {
        self.events_rx.take()
    }

    /// Called after each event is sent, from an engine thread (the window passes `request_repaint`).
    pub fn set_on_event(&self, callback: EventCallback) {
        *lock(&self.on_event) = Some(callback);
    }

    /// Starts a command in the background and returns at once; its answer arrives as an event.
    pub fn send(&self, command: impl Into<Command>) {
        let core = self.core.clone();
        let command = command.into();
        self.runtime.spawn(async move {
            let event = dispatch::answer(core.clone(), command).await;
            core.announce(event);
        });
    }

    /// Runs a request on the engine's workers and waits for its answer (command line, tests).
    /// Must not be called from inside the engine's own runtime.
    pub fn call<R: Request>(&self, request: R) -> R::Answer {
        self.runtime
            .block_on(dispatch::run(self.core.clone(), request))
    }

    /// The tasks running now, longest-running first, with how long each has run: the poller
    /// always, and each request by name ("ship SHOP-123"), so a stuck one can be told apart.
    pub fn running_tasks(&self) -> Vec<(String, Duration)> {
        self.core.running_tasks()
    }

    /// Who is at the desk from now on (the window's operator picker, the command line's
    /// `--operator`): recorded with every shipment bought and every audit event written, and
    /// shown and filtered in History. Empty: nobody said.
    pub fn set_operator(&self, name: &str) -> Result<(), crate::store::StoreError> {
        lock_store(&self.core.store).set_operator(name)
    }

    /// Sets the first pause between polls for a late number or label (default 5 s; tests shorten it).
    pub fn set_poll_interval(&self, first_pause: Duration) {
        let millis = u64::try_from(first_pause.as_millis())
            .unwrap_or(u64::MAX)
            .max(10);
        self.core
            .poll_base_ms
            .store(millis, std::sync::atomic::Ordering::Relaxed);
    }

    /// Sets how reconciliation paces itself: the window in which a forwarder's "no such order"
    /// is not proof, the look once more after it, and the pauses between re-sends (the
    /// documented defaults unless set; tests shorten them).
    pub fn set_reconcile_pacing(&self, pacing: super::ReconcilePacing) {
        *lock(&self.core.reconcile_pacing) = pacing;
    }

    /// The desk's scale settings as last saved.
    pub fn scale_settings(&self) -> crate::desk::scale::ScaleSettings {
        super::scale::settings(&self.core)
    }

    /// The printer profiles and desk printer as last saved.
    pub fn printers(&self) -> crate::print::Printers {
        lock(&self.core.printers).clone()
    }

    /// The built-in sandbox, started on first use on a free loopback port, and waited for.
    pub fn builtin_sandbox(&self) -> std::io::Result<&Sandbox> {
        let core = &self.core;
        let handle = self.runtime.handle().clone();
        self.runtime
            .block_on(core.sandbox.get_or_try_init(|| async move {
                // Started on the engine's runtime so it outlives whoever asked first.
                handle
                    .spawn(Sandbox::start(0))
                    .await
                    .map_err(std::io::Error::other)?
            }))
    }

    /// Runs `work` with the store, on the calling thread (command line reads, tests).
    pub fn with_store<T>(&self, work: impl FnOnce(&mut Store) -> T) -> T {
        work(&mut lock_store(&self.core.store))
    }

    /// The keychain in use.
    pub fn keychain(&self) -> &Keychain {
        &self.core.keychain
    }

    /// The database file, for a read-only connection of the window's own.
    pub fn database_path(&self) -> &Path {
        &self.core.database_path
    }

    /// Where labels are written.
    pub fn labels_dir(&self) -> &Path {
        &self.core.labels_dir
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        super::scale::stop(&self.core);
        // An auto-print started after a ship may still be on its way to the printer: a job cut
        // off half-sent is worse than a moment's wait when the window or the command closes.
        let pending = self.core.take_background();
        if pending.is_empty() {
            return;
        }
        self.runtime.block_on(async {
            let all = async {
                for task in pending {
                    task.await.ok();
                }
            };
            if tokio::time::timeout(Duration::from_secs(90), all)
                .await
                .is_err()
            {
                tracing::warn!("background work still running at shutdown was stopped");
            }
        });
    }
}
