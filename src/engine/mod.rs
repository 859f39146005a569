//! The engine: a tokio runtime on its own threads that runs the shipment lifecycle.
//! The GUI sends [`Command`]s and drains [`Event`]s; the command line and tests call the same
//! async operations through [`Engine::block_on`].

mod accounts;
mod calls;
mod cancel;
mod error;
mod export;
mod http;
mod label_fetch;
mod poller;
mod printing;
mod quote;
mod reconcile;
mod refund;
mod session;
mod ship;
mod tracking;

pub use accounts::{SANDBOX_ACCOUNT, SANDBOX_BASE_URL};
pub use error::ShipError;
pub use printing::PrintReport;
pub use quote::{QUOTE_MAX_AGE_MS, QuoteReport};
pub use reconcile::ReconcileReport;
pub use refund::REFUNDABLE;
pub use ship::ShipReport;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::OnceCell;

use crate::model::{Shipment, ShipmentState};
use crate::sandbox::Sandbox;
use crate::secrets::Keychain;
use crate::store::{Store, StoreError};

/// Work the UI asks for.
#[derive(Clone, Debug)]
pub enum Command {
    /// Validate, record, buy and fetch the label of a shipment with the named account.
    Ship {
        /// The order.
        shipment: Box<Shipment>,
        /// Account name.
        account: String,
        /// The fee the packer accepted, for forwarders that preview fees before every order.
        quote: Option<Box<QuoteReport>>,
    },
    /// Ask the forwarder's fee preview for an order (nothing is bought or recorded).
    Quote {
        /// The order.
        shipment: Box<Shipment>,
        /// Account name.
        account: String,
    },
    /// Ask the forwarder to refund an order that failed after commit or was cancelled.
    Refund(String),
    /// Settle every shipment whose outcome is unknown, and fetch missing labels.
    Reconcile,
    /// Find every shipment matching a History query (ids, newest first).
    FindShipments {
        /// The search.
        query: crate::store::HistoryQuery,
        /// Echoed back, so the UI can ignore answers to searches it has replaced.
        generation: u64,
    },
    /// Read the accounts, the shipments whose outcome is unknown (for the window's header), the
    /// sender profiles and the parcel presets.
    LoadOverview,
    /// Change a sender profile or parcel preset.
    EditPresets(PresetEdit),
    /// Add or change an account; secrets (when given) go to the keychain only.
    SaveAccount {
        /// Settings.
        account: Box<crate::carriers::Account>,
        /// New secrets, or `None` to keep the stored ones.
        credentials: Option<crate::carriers::Credentials>,
    },
    /// Remove an account and its keychain entry.
    DeleteAccount(String),
    /// Prove an account's credentials with a harmless call.
    TestConnection(String),
    /// Cancel a bought shipment at the forwarder.
    Cancel(String),
    /// Ask the forwarder where a bought shipment is.
    Track(String),
    /// Print stored labels, all in one job; `only_unprinted` skips labels printed before
    /// (auto-print).
    Print {
        /// References.
        references: Vec<String>,
        /// The printer and how it is fed.
        printer: crate::print::PrinterProfile,
        /// Skip labels printed before.
        only_unprinted: bool,
    },
    /// Keep the printer profiles and the desk printer (`printers.json`; auto-print uses them).
    SavePrinters(crate::print::Printers),
    /// Draw a stored label for the preview (pages at 144 dpi, twice the PDF's points).
    RenderLabel(PathBuf),
    /// Export the shipments matching a History query as CSV, asking where with a save dialog.
    ExportCsv(crate::store::HistoryQuery),
    /// Whether a reference is already in History (the ship form's hint while it is typed).
    CheckReference(String),
    /// Earlier recipients whose name starts with `prefix` (the address book).
    SuggestRecipients {
        /// What has been typed.
        prefix: String,
        /// Echoed back.
        generation: u64,
    },
}

/// What happened, for the UI.
#[derive(Debug)]
pub enum Event {
    /// A ship command ended (in any state).
    Shipped(Result<ShipReport, ShipError>),
    /// A fee preview ended: the fee to accept or not, or why there is none.
    Quoted(Result<Box<QuoteReport>, ShipError>),
    /// A refund request ended: the shipment's new state, or why not.
    Refunded(Result<ShipReport, ShipError>),
    /// A reconcile command ended.
    Reconciled(Result<Vec<ReconcileReport>, ShipError>),
    /// The ids matching a History query.
    ShipmentsFound {
        /// The generation sent with the query.
        generation: u64,
        /// Ids newest first, or why not.
        ids: Result<Vec<i64>, StoreError>,
        /// Count, weight and declared value by account (empty on error).
        totals: Vec<crate::store::AccountTotals>,
    },
    /// Accounts and unsettled shipments.
    Overview(Result<Overview, StoreError>),
    /// A preset edit was saved, or why not.
    PresetsEdited(Result<(), StoreError>),
    /// An account was saved (its name) or why not.
    AccountSaved(Result<String, ShipError>),
    /// An account was removed (its name) or why not.
    AccountDeleted(Result<String, ShipError>),
    /// The connection test's verdict for an account.
    ConnectionTested {
        /// The account.
        account: String,
        /// What the forwarder said, accepted or not.
        verdict: Result<crate::model::Text, crate::model::Text>,
    },
    /// The poller moved a shipment on by itself (a number, a label, a failure): where it stands.
    ShipmentChanged(Box<ShipReport>),
    /// A cancel ended: the shipment's new state, or why not.
    Cancelled(Result<ShipReport, ShipError>),
    /// The forwarder's tracking for a shipment, or why not.
    Tracked {
        /// The shipment's reference.
        reference: String,
        /// Scans newest first, or why not.
        tracking: Result<crate::carriers::Tracking, ShipError>,
    },
    /// A print job ended (or was not sent), one report per shipment.
    Printed(Vec<PrintReport>),
    /// The printer profiles were kept, or why not.
    PrintersSaved(Result<(), crate::model::Text>),
    /// A label drawn for the preview.
    LabelRendered {
        /// The file.
        path: PathBuf,
        /// Its pages, or why it cannot be shown.
        pages: Result<Vec<crate::labels::RasterPage>, crate::model::Text>,
    },
    /// An export finished: the file and the row count, `None` if the dialog was cancelled.
    Exported(Result<Option<(PathBuf, usize)>, crate::model::Text>),
    /// A reference's use in History: its state and when it was recorded, or `None` when free.
    ReferenceChecked {
        /// The reference asked about.
        reference: String,
        /// The shipment already using it.
        used: Option<(ShipmentState, i64)>,
    },
    /// Address-book suggestions for a typed name.
    RecipientSuggestions {
        /// The generation sent.
        generation: u64,
        /// Matching earlier recipients (empty on error: suggestions are a convenience).
        addresses: Vec<crate::model::Address>,
    },
}

/// What the window's header shows.
#[derive(Clone, Debug)]
pub struct Overview {
    /// Every account.
    pub accounts: Vec<crate::carriers::Account>,
    /// References of shipments whose outcome is unknown, oldest first.
    pub unsettled: Vec<String>,
    /// References of failed orders whose balance is held until refunded, oldest first.
    pub refunds_due: Vec<String>,
    /// Sender profiles, by name.
    pub sender_profiles: Vec<crate::model::SenderProfile>,
    /// User-defined parcel presets, by name.
    pub parcel_presets: Vec<crate::model::ParcelPreset>,
}

/// A change to the desk's sender profiles or parcel presets.
#[derive(Clone, Debug)]
pub enum PresetEdit {
    /// Add or replace a sender profile.
    SaveSender(Box<crate::model::SenderProfile>),
    /// Remove a sender profile by name.
    DeleteSender(String),
    /// Add or replace a parcel preset.
    SaveParcel(crate::model::ParcelPreset),
    /// Remove a parcel preset by name.
    DeleteParcel(String),
}

/// Where the engine keeps its files.
#[derive(Clone, Debug)]
pub struct EngineConfig {
    /// The data folder: database, labels, log.
    pub data_dir: PathBuf,
}

/// Shared by every task.
pub(crate) struct Core {
    store: Arc<Mutex<Store>>,
    keychain: Keychain,
    http: reqwest::Client,
    labels_dir: PathBuf,
    database_path: PathBuf,
    sandbox: OnceCell<Sandbox>,
    /// Shipments whose create request is on the wire in this process right now.
    in_flight: Arc<Mutex<HashSet<i64>>>,
    /// The first pause between polls for a number or label, in milliseconds.
    poll_base_ms: std::sync::atomic::AtomicU64,
    /// The data folder (printers.json lives there).
    data_dir: PathBuf,
    /// Printer profiles and the desk printer, as last saved.
    printers: Mutex<crate::print::Printers>,
    /// Where events nobody asked for go (a label polled and auto-printed).
    events_tx: mpsc::Sender<Event>,
    on_event: Arc<Mutex<Option<EventCallback>>>,
    /// Session tokens of forwarders that log in first, by account (memory only).
    sessions: Mutex<HashMap<String, String>>,
}

impl Core {
    /// Runs a store operation on a blocking thread: SQLite must never stall the async workers.
    async fn with_store<T: Send + 'static>(
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
}

impl Core {
    /// Tells the window about something it did not ask for.
    fn announce(&self, event: Event) {
        self.events_tx.send(event).ok();
        if let Some(callback) = lock(&self.on_event).as_ref() {
            callback();
        }
    }

    /// The desk printer's profile, if one is set.
    fn desk_printer(&self) -> Option<crate::print::PrinterProfile> {
        lock(&self.printers).desk_profile()
    }
}

/// Marks a shipment as being sent until dropped.
pub(crate) struct InFlight {
    id: i64,
    set: Arc<Mutex<HashSet<i64>>>,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        lock(&self.set).remove(&self.id);
    }
}

impl Core {
    /// Marks `id` as on the wire: reconciliation leaves it alone until the guard is dropped.
    fn in_flight(&self, id: i64) -> InFlight {
        lock(&self.in_flight).insert(id);
        InFlight {
            id,
            set: self.in_flight.clone(),
        }
    }

    /// Whether `id` is being sent by this process.
    fn is_in_flight(&self, id: i64) -> bool {
        lock(&self.in_flight).contains(&id)
    }
}

/// Locks a mutex; a panic elsewhere while holding it leaves plain data that is still usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn lock_store(store: &Mutex<Store>) -> MutexGuard<'_, Store> {
    // A panic while holding the lock cannot leave SQLite half-written (transactions roll back).
    lock(store)
}

/// Does one command's work and says how it went.
async fn run_command(core: Arc<Core>, command: Command) -> Event {
    match command {
        Command::Ship {
            shipment,
            account,
            quote,
        } => Event::Shipped(ship::ship(&core, *shipment, &account, quote.map(|q| *q)).await),
        Command::Quote { shipment, account } => {
            Event::Quoted(quote::quote(&core, *shipment, &account).await.map(Box::new))
        }
        Command::Refund(reference) => Event::Refunded(refund::refund(&core, &reference).await),
        Command::Reconcile => Event::Reconciled(reconcile::reconcile_all(&core).await),
        Command::FindShipments { query, generation } => {
            let found = core
                .with_store(move |s| {
                    Ok((s.matching_ids(&query), s.totals(&query).unwrap_or_default()))
                })
                .await;
            match found {
                Ok((ids, totals)) => Event::ShipmentsFound {
                    generation,
                    ids,
                    totals,
                },
                Err(error) => Event::ShipmentsFound {
                    generation,
                    ids: Err(error),
                    totals: Vec::new(),
                },
            }
        }
        Command::LoadOverview => Event::Overview(
            core.with_store(|s| {
                Ok(Overview {
                    accounts: s.accounts()?,
                    unsettled: s.unsettled()?.into_iter().map(|r| r.reference).collect(),
                    refunds_due: s.refunds_due()?,
                    sender_profiles: s.sender_profiles()?,
                    parcel_presets: s.parcel_presets()?,
                })
            })
            .await,
        ),
        Command::EditPresets(edit) => Event::PresetsEdited(
            core.with_store(move |s| match &edit {
                PresetEdit::SaveSender(profile) => s.save_sender_profile(profile),
                PresetEdit::DeleteSender(name) => s.delete_sender_profile(name),
                PresetEdit::SaveParcel(preset) => s.save_parcel_preset(preset),
                PresetEdit::DeleteParcel(name) => s.delete_parcel_preset(name),
            })
            .await,
        ),
        Command::SaveAccount {
            account,
            credentials,
        } => Event::AccountSaved(accounts::save_account(&core, *account, credentials).await),
        Command::DeleteAccount(name) => {
            Event::AccountDeleted(accounts::delete_account(&core, name).await)
        }
        Command::TestConnection(account) => Event::ConnectionTested {
            verdict: accounts::test_connection(&core, &account).await,
            account,
        },
        Command::ExportCsv(query) => {
            Event::Exported(export::export_with_dialog(&core, query).await)
        }
        Command::Cancel(reference) => Event::Cancelled(cancel::cancel(&core, &reference).await),
        Command::Track(reference) => Event::Tracked {
            tracking: tracking::track(&core, &reference).await,
            reference,
        },
        Command::Print {
            references,
            printer,
            only_unprinted,
        } => Event::Printed(printing::print(&core, references, printer, only_unprinted).await),
        Command::SavePrinters(printers) => {
            *lock(&core.printers) = printers.clone();
            let dir = core.data_dir.clone();
            Event::PrintersSaved(
                tokio::task::spawn_blocking(move || printers.save(&dir))
                    .await
                    .unwrap_or_else(|_| Err(std::io::Error::other("interrupted")))
                    .map_err(|e| {
                        crate::model::Text::new(
                            format!("Cannot save the printer settings: {e}"),
                            format!("无法保存打印机设置：{e}"),
                        )
                    }),
            )
        }
        Command::RenderLabel(path) => {
            let file = path.clone();
            let pages = tokio::task::spawn_blocking(move || {
                let bytes = std::fs::read(&file).map_err(|e| {
                    crate::model::Text::new(
                        format!("Cannot read the label file: {e}"),
                        format!("无法读取面单文件：{e}"),
                    )
                })?;
                let pdf = crate::labels::label_as_pdf(&bytes).map_err(|e| {
                    crate::model::Text::new(e.to_string(), format!("无法显示面单：{e}"))
                })?;
                crate::labels::rasterise_pdf(&pdf, 144.0, 8).map_err(|e| {
                    crate::model::Text::new(e.to_string(), format!("无法显示面单：{e}"))
                })
            })
            .await
            .unwrap_or_else(|_| Err(ShipError::Internal.describe()));
            Event::LabelRendered { path, pages }
        }
        Command::CheckReference(reference) => Event::ReferenceChecked {
            used: {
                let lookup = reference.trim().to_owned();
                match core.with_store(move |s| s.shipment(&lookup)).await {
                    // A refused order is sent again under its own reference once fixed: free.
                    Ok(found) => found
                        .filter(|r| r.state != ShipmentState::Failed)
                        .map(|r| (r.state, r.created_at)),
                    Err(error) => {
                        // The engine still refuses a real duplicate when it is sent.
                        tracing::warn!("cannot check a reference: {error:#}");
                        None
                    }
                }
            },
            reference,
        },
        Command::SuggestRecipients { prefix, generation } => Event::RecipientSuggestions {
            generation,
            addresses: core
                .with_store(move |s| s.recent_recipients(&prefix, 5))
                .await
                .unwrap_or_default(),
        },
    }
}

/// The event that reports a command whose work panicked.
fn failure_event(command: &Command) -> Event {
    match command {
        Command::Ship { .. } => Event::Shipped(Err(ShipError::Internal)),
        Command::Quote { .. } => Event::Quoted(Err(ShipError::Internal)),
        Command::Refund(_) => Event::Refunded(Err(ShipError::Internal)),
        Command::Reconcile => Event::Reconciled(Err(ShipError::Internal)),
        Command::FindShipments { generation, .. } => Event::ShipmentsFound {
            generation: *generation,
            ids: Err(StoreError::Interrupted),
            totals: Vec::new(),
        },
        Command::LoadOverview => Event::Overview(Err(StoreError::Interrupted)),
        Command::EditPresets(_) => Event::PresetsEdited(Err(StoreError::Interrupted)),
        Command::SaveAccount { .. } => Event::AccountSaved(Err(ShipError::Internal)),
        Command::DeleteAccount(_) => Event::AccountDeleted(Err(ShipError::Internal)),
        Command::TestConnection(account) => Event::ConnectionTested {
            account: account.clone(),
            verdict: Err(ShipError::Internal.describe()),
        },
        Command::CheckReference(reference) => Event::ReferenceChecked {
            reference: reference.clone(),
            used: None,
        },
        Command::SuggestRecipients { generation, .. } => Event::RecipientSuggestions {
            generation: *generation,
            addresses: Vec::new(),
        },
        Command::ExportCsv(_) => Event::Exported(Err(ShipError::Internal.describe())),
        Command::Cancel(_) => Event::Cancelled(Err(ShipError::Internal)),
        Command::Track(reference) => Event::Tracked {
            reference: reference.clone(),
            tracking: Err(ShipError::Internal),
        },
        Command::Print { .. } => Event::Printed(Vec::new()),
        Command::SavePrinters(_) => Event::PrintersSaved(Err(ShipError::Internal.describe())),
        Command::RenderLabel(path) => Event::LabelRendered {
            path: path.clone(),
            pages: Err(ShipError::Internal.describe()),
        },
    }
}

/// Called on an engine thread after each event (the UI passes `request_repaint`).
type EventCallback = Box<dyn Fn() + Send>;

/// A running engine. Dropping it stops its runtime.
pub struct Engine {
    runtime: tokio::runtime::Runtime,
    core: Arc<Core>,
    events_tx: mpsc::Sender<Event>,
    events_rx: Option<mpsc::Receiver<Event>>,
    on_event: Arc<Mutex<Option<EventCallback>>>,
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

impl Engine {
    /// Opens the data folder and database, makes sure the sandbox account exists, and starts
    /// the runtime (two worker threads: the machine this runs on may have only two cores).
    pub fn start(config: EngineConfig, keychain: Keychain) -> Result<Self, StartError> {
        std::fs::create_dir_all(&config.data_dir).map_err(|source| StartError::DataDir {
            path: config.data_dir.clone(),
            source,
        })?;
        let database_path = config.data_dir.join(crate::store::DATABASE_FILE);
        let store = Store::open(&database_path)?;
        accounts::ensure_sandbox_account(&store)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("shipdesk-engine")
            .enable_all()
            .build()
            .map_err(|e| StartError::Runtime(e.to_string()))?;
        let http = reqwest::Client::builder()
            .user_agent(concat!("shipdesk/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(std::time::Duration::from_secs(10))
            .build()
            .map_err(|e| StartError::Runtime(e.to_string()))?;
        let (events_tx, events_rx) = mpsc::channel();
        let on_event: Arc<Mutex<Option<EventCallback>>> = Arc::new(Mutex::new(None));
        let core = Arc::new(Core {
            store: Arc::new(Mutex::new(store)),
            keychain,
            http,
            labels_dir: config.data_dir.join("labels"),
            database_path,
            sandbox: OnceCell::new(),
            in_flight: Arc::default(),
            poll_base_ms: std::sync::atomic::AtomicU64::new(5_000),
            printers: Mutex::new(crate::print::Printers::load(&config.data_dir)),
            data_dir: config.data_dir.clone(),
            events_tx: events_tx.clone(),
            on_event: on_event.clone(),
            sessions: Mutex::default(),
        });
        runtime.spawn(poller::run(core.clone()));
        Ok(Self {
            runtime,
            core,
            events_tx,
            events_rx: Some(events_rx),
            on_event,
        })
    }

    /// Takes the event receiver (once): the UI drains it every frame.
    pub fn take_events(&mut self) -> Option<mpsc::Receiver<Event>> {
        self.events_rx.take()
    }

    /// Called after each event is sent, from an engine thread (the UI passes `request_repaint`).
    pub fn set_on_event(&self, callback: EventCallback) {
        *lock(&self.on_event) = Some(callback);
    }

    /// Starts a command in the background and returns at once.
    pub fn send(&self, command: Command) {
        let core = self.core.clone();
        let tx = self.events_tx.clone();
        let on_event = self.on_event.clone();
        let handle = self.runtime.handle().clone();
        self.runtime.spawn(async move {
            // If the work panics, the UI still hears back (a spinner must never turn forever).
            let if_it_panics = failure_event(&command);
            let event = handle
                .spawn(run_command(core, command))
                .await
                .unwrap_or(if_it_panics);
            tx.send(event).ok();
            if let Some(callback) = lock(&on_event).as_ref() {
                callback();
            }
        });
    }

    /// Sets the first pause between polls for a late number or label (default 5 s; tests shorten it).
    pub fn set_poll_interval(&self, first_pause: std::time::Duration) {
        let millis = u64::try_from(first_pause.as_millis())
            .unwrap_or(u64::MAX)
            .max(10);
        self.core
            .poll_base_ms
            .store(millis, std::sync::atomic::Ordering::Relaxed);
    }

    /// Runs a future on the engine's runtime and waits for it (command line, tests).
    pub fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// Ships one order and waits for the outcome.
    pub async fn ship(&self, shipment: Shipment, account: &str) -> Result<ShipReport, ShipError> {
        self.ship_quoted(shipment, account, None).await
    }

    /// Ships one order at the fee the packer accepted (forwarders that preview fees), and waits.
    pub async fn ship_quoted(
        &self,
        shipment: Shipment,
        account: &str,
        quote: Option<QuoteReport>,
    ) -> Result<ShipReport, ShipError> {
        let core = self.core.clone();
        let account = account.to_owned();
        // Spawned so that it runs on the engine's workers even when awaited from elsewhere.
        match self
            .runtime
            .spawn(async move { ship::ship(&core, shipment, &account, quote).await })
            .await
        {
            Ok(result) => result,
            Err(_) => Err(ShipError::Interrupted),
        }
    }

    /// Asks the forwarder's fee preview for an order, and waits. Nothing is bought or recorded.
    pub async fn quote(&self, shipment: Shipment, account: &str) -> Result<QuoteReport, ShipError> {
        let core = self.core.clone();
        let account = account.to_owned();
        match self
            .runtime
            .spawn(async move { quote::quote(&core, shipment, &account).await })
            .await
        {
            Ok(result) => result,
            Err(_) => Err(ShipError::Interrupted),
        }
    }

    /// Asks the forwarder to refund an order that failed after commit or was cancelled, and waits.
    pub async fn refund(&self, reference: &str) -> Result<ShipReport, ShipError> {
        let core = self.core.clone();
        let reference = reference.to_owned();
        match self
            .runtime
            .spawn(async move { refund::refund(&core, &reference).await })
            .await
        {
            Ok(result) => result,
            Err(_) => Err(ShipError::Interrupted),
        }
    }

    /// Cancels a bought shipment at the forwarder, and waits.
    pub async fn cancel(&self, reference: &str) -> Result<ShipReport, ShipError> {
        let core = self.core.clone();
        let reference = reference.to_owned();
        match self
            .runtime
            .spawn(async move { cancel::cancel(&core, &reference).await })
            .await
        {
            Ok(result) => result,
            Err(_) => Err(ShipError::Interrupted),
        }
    }

    /// Asks the forwarder where a bought shipment is, and waits (kept in the audit trail when new).
    pub async fn track(&self, reference: &str) -> Result<crate::carriers::Tracking, ShipError> {
        let core = self.core.clone();
        let reference = reference.to_owned();
        match self
            .runtime
            .spawn(async move { tracking::track(&core, &reference).await })
            .await
        {
            Ok(result) => result,
            Err(_) => Err(ShipError::Interrupted),
        }
    }

    /// Prints the stored labels of `references` on `printer` as one job, and waits until the job
    /// completes or fails.
    pub async fn print(
        &self,
        references: Vec<String>,
        printer: crate::print::PrinterProfile,
    ) -> Vec<PrintReport> {
        let core = self.core.clone();
        self.runtime
            .spawn(async move { printing::print(&core, references, printer, false).await })
            .await
            .unwrap_or_default()
    }

    /// The printer profiles and desk printer as last saved.
    pub fn printers(&self) -> crate::print::Printers {
        lock(&self.core.printers).clone()
    }

    /// Writes the shipments matching `query` to `path` as CSV, and waits.
    pub async fn export_csv(
        &self,
        query: crate::store::HistoryQuery,
        path: PathBuf,
    ) -> Result<(PathBuf, usize), crate::model::Text> {
        let core = self.core.clone();
        match self
            .runtime
            .spawn(async move { export::export_to(&core, query, path).await })
            .await
        {
            Ok(result) => result,
            Err(_) => Err(ShipError::Interrupted.describe()),
        }
    }

    /// Settles unknown shipments and fetches missing labels, and waits.
    pub async fn reconcile(&self) -> Result<Vec<ReconcileReport>, ShipError> {
        let core = self.core.clone();
        match self
            .runtime
            .spawn(async move { reconcile::reconcile_all(&core).await })
            .await
        {
            Ok(result) => result,
            Err(_) => Err(ShipError::Interrupted),
        }
    }

    /// The built-in sandbox, started on first use on a free loopback port.
    pub async fn builtin_sandbox(&self) -> std::io::Result<&Sandbox> {
        let core = &self.core;
        let handle = self.runtime.handle().clone();
        core.sandbox
            .get_or_try_init(|| async move {
                // Start it on the engine's runtime so it outlives whoever asked first.
                handle
                    .spawn(Sandbox::start(0))
                    .await
                    .map_err(std::io::Error::other)?
            })
            .await
    }

    /// Runs `work` with the store, on the calling thread (command line, UI reads).
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
