//! What the window, the command line and the tests ask the engine, and what it answers.
//!
//! Each request is a small struct of its own. The window wraps one in a [`Command`] and sends it
//! ([`Engine::send`](super::Engine::send)): the work runs in the background and its answer comes
//! back as an [`Event`], as do the things nobody asked for (a label that arrived by polling, an
//! auto-print). The command line and the tests run the same request and wait for its answer
//! ([`Engine::call`](super::Engine::call)). What each request does, and what it answers when its
//! work is interrupted, is in `dispatch.rs`.

use std::path::PathBuf;

use serde::Serialize;

use crate::carriers::{Account, Credentials, ForwarderOrder, Tracking};
use crate::catalogue::Product;
use crate::desk::scale::{ScaleSettings, ScaleState};
use crate::documents::packing_slip::SlipPaper;
use crate::labels::RasterPage;
use crate::model::{
    Address, Money, ParcelPreset, SenderProfile, Shipment, ShipmentState, Text, TypedOrder,
};
use crate::print::{PrinterProfile, Printers};
use crate::queue::{Located, OnDuplicate};
use crate::store::{
    AccountTotals, BatchRow, HistoryQuery, ProductWrite, QueueFilter, QueueRow, QueueWrite,
    ServicesOffered, ShipmentRecord, StoreError,
};

use super::ShipError;

// ---------------------------------------------------------------------------------------------
// Requests

/// Validate, record, buy and fetch the label of one order with the named account. The label
/// goes to the desk printer by itself when the account auto-prints.
#[derive(Clone, Debug)]
pub struct Ship {
    /// The order.
    pub shipment: Shipment,
    /// Account name.
    pub account: String,
    /// The fee the packer accepted, for accounts that preview fees before every order.
    pub quote: Option<QuoteReport>,
}

impl Ship {
    /// Ships `shipment` with `account` (no fee preview).
    pub fn new(shipment: Shipment, account: impl Into<String>) -> Self {
        Self {
            shipment,
            account: account.into(),
            quote: None,
        }
    }

    /// Ships `shipment` with `account` at the fee the packer accepted, if any.
    pub fn quoted(
        shipment: Shipment,
        account: impl Into<String>,
        quote: Option<QuoteReport>,
    ) -> Self {
        Self {
            quote,
            ..Self::new(shipment, account)
        }
    }
}

/// Ask the forwarder's fee preview for an order (nothing is bought or recorded).
#[derive(Clone, Debug)]
pub struct Quote {
    /// The order.
    pub shipment: Shipment,
    /// Account name.
    pub account: String,
}

impl Quote {
    /// The fee of `shipment` with `account`.
    pub fn new(shipment: Shipment, account: impl Into<String>) -> Self {
        Self {
            shipment,
            account: account.into(),
        }
    }
}

/// Ask the forwarder to refund an order that failed after commit or was cancelled (a reference).
#[derive(Clone, Debug)]
pub struct Refund(pub String);

impl Refund {
    /// The refund of `reference`.
    pub fn of(reference: impl Into<String>) -> Self {
        Self(reference.into())
    }
}

/// Settle every shipment whose outcome is unknown, and fetch missing labels.
#[derive(Clone, Copy, Debug)]
pub struct Reconcile;

/// Find every shipment matching a History query (ids, newest first).
#[derive(Clone, Debug)]
pub struct FindShipments {
    /// The search.
    pub query: HistoryQuery,
    /// Echoed back, so the window can ignore answers to searches it has replaced.
    pub generation: u64,
}

/// Read the accounts, what needs a person (for the window's header), the sender profiles and
/// the parcel presets.
#[derive(Clone, Copy, Debug)]
pub struct LoadOverview;

/// Change a sender profile or parcel preset.
#[derive(Clone, Debug)]
pub struct EditPresets(pub PresetEdit);

/// Add or change an account; secrets (when given) go to the keychain only.
#[derive(Clone, Debug)]
pub struct SaveAccount {
    /// Settings.
    pub account: Account,
    /// New secrets, or `None` to keep the stored ones.
    pub credentials: Option<Credentials>,
}

/// Remove an account and its keychain entry (an account name).
#[derive(Clone, Debug)]
pub struct DeleteAccount(pub String);

/// Prove an account's credentials with a harmless call (an account name).
#[derive(Clone, Debug)]
pub struct TestConnection(pub String);

/// Cancel a bought shipment at the forwarder (a reference).
#[derive(Clone, Debug)]
pub struct Cancel(pub String);

impl Cancel {
    /// The cancel of `reference`.
    pub fn of(reference: impl Into<String>) -> Self {
        Self(reference.into())
    }
}

/// Ask the forwarder where a bought shipment is (a reference); the answer is kept in the audit
/// trail when it is new.
#[derive(Clone, Debug)]
pub struct Track(pub String);

impl Track {
    /// The tracking of `reference`.
    pub fn of(reference: impl Into<String>) -> Self {
        Self(reference.into())
    }
}

/// An account's services (channels): the list kept in the history database, or, with
/// `refresh`, the forwarder's list asked now and kept in its place.
#[derive(Clone, Debug)]
pub struct Services {
    /// Account name.
    pub account: String,
    /// Ask the forwarder now (else read the kept list, which works offline).
    pub refresh: bool,
}

impl Services {
    /// The kept list of `account`.
    pub fn kept(account: impl Into<String>) -> Self {
        Self {
            account: account.into(),
            refresh: false,
        }
    }

    /// The forwarder's list of `account`, asked now and kept.
    pub fn refreshed(account: impl Into<String>) -> Self {
        Self {
            account: account.into(),
            refresh: true,
        }
    }
}

/// Ask the forwarder for its own view of a recorded shipment (a reference): status, weights,
/// fees, numbers. Kept in the audit trail; nothing changes.
#[derive(Clone, Debug)]
pub struct AskOrder(pub String);

/// Tell the forwarder a bought parcel's corrected weight after re-weighing.
#[derive(Clone, Debug)]
pub struct Reweigh {
    /// The shipment's reference.
    pub reference: String,
    /// The new weight, kilograms.
    pub weight_kg: rust_decimal::Decimal,
}

/// Ask the forwarder to stop (hold, 拦截) a bought parcel, once cancelling is no longer
/// allowed; the shipment stays bought and the answer is a note in its audit trail.
#[derive(Clone, Debug)]
pub struct Intercept {
    /// The shipment's reference.
    pub reference: String,
    /// Why (ECCANG's `hold_on_remark`).
    pub remark: String,
}

/// Print stored labels, all in one job.
#[derive(Clone, Debug)]
pub struct Print {
    /// References.
    pub references: Vec<String>,
    /// The printer and how it is fed; `None`: the desk's label printer.
    pub printer: Option<PrinterProfile>,
}

impl Print {
    /// Prints `references` on `printer`.
    pub fn on(references: Vec<String>, printer: PrinterProfile) -> Self {
        Self {
            references,
            printer: Some(printer),
        }
    }

    /// Prints `references` on the desk's label printer.
    pub fn on_desk_printer(references: Vec<String>) -> Self {
        Self {
            references,
            printer: None,
        }
    }
}

/// Print a test label (a 4x6 page with a border at its edges, a barcode and the printer's
/// name) to check the desk printer and its profile; nothing is recorded.
#[derive(Clone, Debug)]
pub struct PrintTestLabel {
    /// The printer and how it is fed; `None`: the desk's label printer.
    pub printer: Option<PrinterProfile>,
}

/// Keep the printer profiles and the desk printer (`printers.json`; auto-print uses them).
#[derive(Clone, Debug)]
pub struct SavePrinters(pub Printers);

/// Keep the desk's scale settings (`scale.json`) and read the scale they name from now on.
#[derive(Clone, Debug)]
pub struct SaveScale(pub ScaleSettings);

/// Draw a stored label for the preview (pages at 144 dpi, twice the PDF's points).
#[derive(Clone, Debug)]
pub struct RenderLabel(pub PathBuf);

/// Write the shipments matching a History query to a CSV file.
#[derive(Clone, Debug)]
pub struct ExportCsv {
    /// The search.
    pub query: HistoryQuery,
    /// The file to write.
    pub path: PathBuf,
}

impl ExportCsv {
    /// Writes what `query` matches to `path`.
    pub fn to(query: HistoryQuery, path: impl Into<PathBuf>) -> Self {
        Self {
            query,
            path: path.into(),
        }
    }
}

/// Close an account's day: hand over everything bought with a label since its last close in a
/// new manifest, unless something needs a person first ([`CloseOutcome::NeedsAPerson`]) and the
/// close is not asked for `anyway` with a `note`.
#[derive(Clone, Debug)]
pub struct CloseDay {
    /// The account.
    pub account: String,
    /// What the supervisor writes (needed to close anyway).
    pub note: String,
    /// Close even though some shipments need a person (they stay for the next close).
    pub anyway: bool,
}

impl CloseDay {
    /// Closes `account`'s day if nothing needs a person first.
    pub fn of(account: impl Into<String>) -> Self {
        Self {
            account: account.into(),
            note: String::new(),
            anyway: false,
        }
    }

    /// Closes it even though some shipments need a person, saying why in `note`.
    pub fn anyway(mut self, note: impl Into<String>) -> Self {
        self.note = note.into();
        self.anyway = true;
        self
    }
}

/// How a close went.
#[derive(Clone, Debug)]
pub enum CloseOutcome {
    /// Not closed: these shipments need a person first
    /// ([`why_it_needs_a_person`](super::close::why_it_needs_a_person)). `note_needed`: closing
    /// anyway was asked for, but without a note.
    NeedsAPerson {
        /// The shipments, oldest first.
        waiting: Vec<crate::store::ShipmentRecord>,
        /// A note must say why the day is closed anyway.
        note_needed: bool,
    },
    /// Nothing was bought with a label since the last close.
    NothingToClose {
        /// What still needs a person (not handed over).
        waiting: Vec<crate::store::ShipmentRecord>,
    },
    /// Closed.
    Closed {
        /// The new manifest.
        manifest: crate::store::Manifest,
        /// What needed a person and was left for the next close.
        left_open: Vec<crate::store::ShipmentRecord>,
    },
}

/// Write a manifest's handover list as an A4 PDF and/or CSV.
#[derive(Clone, Debug)]
pub struct WriteManifest {
    /// The manifest's row id.
    pub id: i64,
    /// Where the PDF goes.
    pub pdf: Option<PathBuf>,
    /// Where the CSV goes.
    pub csv: Option<PathBuf>,
}

/// Write the packing slips of shipments (references, in order) to one PDF file.
#[derive(Clone, Debug)]
pub struct WriteSlips {
    /// References.
    pub references: Vec<String>,
    /// The file to write.
    pub path: PathBuf,
    /// On the label stock (one a page) or A4 (several a page).
    pub paper: SlipPaper,
}

/// Print the packing slips of shipments as one job: on A4 to the desk's A4 printer, else on
/// the label printer's stock (one a page).
#[derive(Clone, Debug)]
pub struct PrintSlips {
    /// References.
    pub references: Vec<String>,
    /// On the A4 printer.
    pub a4: bool,
}

/// Print a manifest's handover list (its row id) on the desk's A4 printer.
#[derive(Clone, Copy, Debug)]
pub struct PrintManifest(pub i64);

/// A document (not a label) that printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentPrinted {
    /// What it was ("handover list Sandbox 2026-11-20 #1", "3 packing slips").
    pub document: Text,
    /// The printer's address.
    pub printer: String,
    /// The printer's job id.
    pub job_id: i32,
    /// Pages sent.
    pub pages: usize,
}

/// Every manifest (of one account, if given), newest first.
#[derive(Clone, Debug)]
pub struct ListManifests(pub Option<String>);

/// Whether a reference is already in History (the ship form's hint while it is typed).
#[derive(Clone, Debug)]
pub struct CheckReference(pub String);

/// Earlier recipients whose name starts with what was typed (the address book).
#[derive(Clone, Debug)]
pub struct SuggestRecipients {
    /// What has been typed.
    pub prefix: String,
    /// Echoed back.
    pub generation: u64,
}

/// Read an order file, map it with a profile, check every order with the form's rules and put
/// them in the queue (or, with `dry_run`, only say what would happen).
#[derive(Clone, Debug)]
pub struct ImportOrders {
    /// The file (CSV, TSV, XLSX).
    pub path: PathBuf,
    /// An import profile's name; `None`: the one the file's columns match.
    pub profile: Option<String>,
    /// What to do with a reference already queued or shipped.
    pub on_duplicate: OnDuplicate,
    /// The account for orders whose file names none.
    pub account: Option<String>,
    /// The sender profile for orders whose file has no sender; `None`: the desk's first.
    pub sender: Option<String>,
    /// Report only; queue nothing.
    pub dry_run: bool,
    /// Field → value for what the file lacks (a box's dimensions, the sender), over the
    /// profile's own constants; a column's non-empty cell still wins.
    pub constants: std::collections::BTreeMap<String, String>,
    /// Rules per destination country (the account, service and box for what the file leaves
    /// empty), before the profile's own.
    pub rules: Vec<crate::queue::CountryRule>,
    /// Keep the profile used, with these constants and rules, under this name for next time.
    pub save_profile_as: Option<String>,
}

impl ImportOrders {
    /// Imports `path` with the profile its columns match, skipping duplicates.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            profile: None,
            on_duplicate: OnDuplicate::Skip,
            account: None,
            sender: None,
            dry_run: false,
            constants: Default::default(),
            rules: Vec::new(),
            save_profile_as: None,
        }
    }
}

/// Read a catalogue file (CSV, TSV, XLSX) and save its rows that have no problems (or, with
/// `dry_run`, only say what would happen).
#[derive(Clone, Debug)]
pub struct ImportCatalogue {
    /// The file.
    pub path: PathBuf,
    /// Report only; save nothing.
    pub dry_run: bool,
}

/// Add or replace catalogue entries (the ship form's items with a SKU); refused whole when any
/// has a problem.
#[derive(Clone, Debug)]
pub struct SaveProducts(pub Vec<Product>);

/// Find catalogue entries: those whose SKU or names hold `search`, or the entries of `skus`.
#[derive(Clone, Debug, Default)]
pub struct FindProducts {
    /// Text in a SKU or a name ("" and no `skus`: the first `limit` by SKU).
    pub search: String,
    /// Exactly these SKUs (in any case), instead of a search.
    pub skus: Vec<String>,
    /// At most this many.
    pub limit: usize,
    /// Echoed back, so the window can ignore answers it has replaced.
    pub generation: u64,
}

/// Make the pick list (拣货单) of orders, queued or bought: A4, by SKU in shelf order, then
/// each order with its barcode.
#[derive(Clone, Debug)]
pub struct PickList {
    /// References of queued orders or shipments, in the order the packer will pack them.
    pub references: Vec<String>,
    /// Write it to this PDF file; `None`: print it on the desk's A4 printer.
    pub path: Option<PathBuf>,
}

/// Make the sheet of command barcodes (Buy, Next, Reprint, Weigh, Cancel, and one per box
/// the desk has), A4.
#[derive(Clone, Debug, Default)]
pub struct CommandSheet {
    /// Write it to this PDF file; `None`: print it on the desk's A4 printer.
    pub path: Option<PathBuf>,
}

/// Who is at the desk from now on (recorded with every shipment bought and audit event).
#[derive(Clone, Debug)]
pub struct SetOperator(pub String);

/// Read the queue's rows.
#[derive(Clone, Copy, Debug)]
pub struct ListQueue(pub QueueFilter);

/// Find the ids of the queue's rows (the Queue screen reads only the rows on screen, by id),
/// and the batches not finished.
#[derive(Clone, Copy, Debug)]
pub struct FindQueued {
    /// Which rows.
    pub filter: QueueFilter,
    /// Echoed back, so the window can ignore answers it has replaced.
    pub generation: u64,
}

/// Put the ship form's order in the queue (its problems kept with it) instead of buying it.
#[derive(Clone, Debug)]
pub struct SaveToQueue {
    /// The order as typed.
    pub form: TypedOrder,
    /// The shop's order number, if known.
    pub order_number: String,
    /// The reference of the queued order this one was opened from (it is replaced).
    pub replacing: Option<String>,
}

/// Take orders that are not bought out of the queue (references).
#[derive(Clone, Debug)]
pub struct RemoveQueued(pub Vec<String>);

/// Buy queued orders as a batch, each through the same ship path as the form.
#[derive(Clone, Debug, Default)]
pub struct BuyQueued {
    /// References; empty: every order ready to buy.
    pub references: Vec<String>,
    /// Resume this batch (cut off, or paused in another process) instead of starting one.
    pub resume: Option<i64>,
    /// Orders on the wire at once, overall (each account's own setting limits it further).
    pub concurrency: usize,
    /// Fees the packer accepted (one confirmation for the batch), by reference.
    pub quotes: Vec<QuoteReport>,
    /// Buy at whatever fee a price-first forwarder previews now (the command line's
    /// `--accept-fee`); without it such orders are held.
    pub accept_fee: bool,
    /// The order the batch's labels come out of the desk printer in (one job, and one
    /// follow-up job for labels that arrive later).
    pub print_order: PrintOrder,
}

/// The order a batch's labels are printed in, as the packer picks it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PrintOrder {
    /// As the orders stand in the queue.
    #[default]
    Queue,
    /// By the first item's SKU (orders without one last), to pick shelf by shelf.
    Sku,
    /// By destination: country, state, city, postcode.
    Destination,
}

impl PrintOrder {
    /// `queue`, `sku` or `destination` (the command line's words).
    pub fn parse(word: &str) -> Option<Self> {
        match word.trim().to_lowercase().as_str() {
            "queue" => Some(Self::Queue),
            "sku" => Some(Self::Sku),
            "destination" => Some(Self::Destination),
            _ => None,
        }
    }
}

/// Preview the fees of queued orders before buying them as a batch: each order whose account
/// prices first (logssc; ECCANG with fee preview) is priced by its forwarder, several at once,
/// and the packer confirms the batch ONCE ("buy these 37 for 412.50 USD"). Nothing is bought or
/// recorded; the quotes go into [`BuyQueued::quotes`].
#[derive(Clone, Debug, Default)]
pub struct PreviewQueued {
    /// References; empty: every order ready to buy.
    pub references: Vec<String>,
    /// Previews on the wire at once, overall (each account's own setting limits it further).
    pub concurrency: usize,
}

/// Pause, go on with, or cancel a running batch (orders on the wire finish either way).
#[derive(Clone, Copy, Debug)]
pub struct ControlBatch {
    /// The batch.
    pub batch_id: i64,
    /// `Some(true)`: pause; `Some(false)`: go on; `None`: cancel.
    pub pause: Option<bool>,
}

/// A change to the desk's sender profiles or parcel presets.
#[derive(Clone, Debug)]
pub enum PresetEdit {
    /// Add or replace a sender profile.
    SaveSender(Box<SenderProfile>),
    /// Remove a sender profile by name.
    DeleteSender(String),
    /// Add or replace a parcel preset.
    SaveParcel(ParcelPreset),
    /// Remove a parcel preset by name.
    DeleteParcel(String),
}

/// Work the window asks for in the background; its answer comes back as an [`Event`].
#[derive(Clone, Debug)]
pub enum Command {
    /// See [`Ship`].
    Ship(Box<Ship>),
    /// See [`Quote`].
    Quote(Box<Quote>),
    /// See [`Refund`].
    Refund(Refund),
    /// See [`Reconcile`].
    Reconcile(Reconcile),
    /// See [`FindShipments`].
    FindShipments(FindShipments),
    /// See [`LoadOverview`].
    LoadOverview(LoadOverview),
    /// See [`EditPresets`].
    EditPresets(EditPresets),
    /// See [`SaveAccount`].
    SaveAccount(Box<SaveAccount>),
    /// See [`DeleteAccount`].
    DeleteAccount(DeleteAccount),
    /// See [`TestConnection`].
    TestConnection(TestConnection),
    /// See [`Cancel`].
    Cancel(Cancel),
    /// See [`Track`].
    Track(Track),
    /// See [`Services`].
    Services(Services),
    /// See [`AskOrder`].
    AskOrder(AskOrder),
    /// See [`Reweigh`].
    Reweigh(Reweigh),
    /// See [`Intercept`].
    Intercept(Intercept),
    /// See [`Print`].
    Print(Print),
    /// See [`PrintTestLabel`].
    PrintTestLabel(PrintTestLabel),
    /// See [`SavePrinters`].
    SavePrinters(SavePrinters),
    /// See [`SaveScale`].
    SaveScale(SaveScale),
    /// See [`RenderLabel`].
    RenderLabel(RenderLabel),
    /// See [`ExportCsv`].
    ExportCsv(ExportCsv),
    /// See [`CloseDay`].
    CloseDay(CloseDay),
    /// See [`WriteManifest`].
    WriteManifest(WriteManifest),
    /// See [`ListManifests`].
    ListManifests(ListManifests),
    /// See [`PrintSlips`].
    PrintSlips(PrintSlips),
    /// See [`PrintManifest`].
    PrintManifest(PrintManifest),
    /// See [`CheckReference`].
    CheckReference(CheckReference),
    /// See [`SuggestRecipients`].
    SuggestRecipients(SuggestRecipients),
    /// See [`ImportOrders`].
    ImportOrders(ImportOrders),
    /// See [`ImportCatalogue`].
    ImportCatalogue(ImportCatalogue),
    /// See [`SaveProducts`].
    SaveProducts(SaveProducts),
    /// See [`FindProducts`].
    FindProducts(FindProducts),
    /// See [`PickList`].
    PickList(PickList),
    /// See [`CommandSheet`].
    CommandSheet(CommandSheet),
    /// See [`SetOperator`].
    SetOperator(SetOperator),
    /// See [`ListQueue`].
    ListQueue(ListQueue),
    /// See [`FindQueued`].
    FindQueued(FindQueued),
    /// See [`SaveToQueue`].
    SaveToQueue(Box<SaveToQueue>),
    /// See [`RemoveQueued`].
    RemoveQueued(RemoveQueued),
    /// See [`PreviewQueued`].
    PreviewQueued(PreviewQueued),
    /// See [`BuyQueued`].
    BuyQueued(Box<BuyQueued>),
    /// See [`ControlBatch`].
    ControlBatch(ControlBatch),
}

/// `impl From<Request> for Command` for each request, so `engine.send(Cancel(r))` reads as it is.
macro_rules! into_command {
    ($($request:ident),* $(,)?) => {$(
        impl From<$request> for Command {
            fn from(request: $request) -> Self {
                Self::$request(request.into())
            }
        }
    )*};
}

into_command!(
    Ship,
    Quote,
    Refund,
    Reconcile,
    FindShipments,
    LoadOverview,
    EditPresets,
    SaveAccount,
    DeleteAccount,
    TestConnection,
    Cancel,
    Track,
    Services,
    AskOrder,
    Reweigh,
    Intercept,
    Print,
    PrintTestLabel,
    SavePrinters,
    SaveScale,
    RenderLabel,
    ExportCsv,
    CloseDay,
    WriteManifest,
    ListManifests,
    PrintSlips,
    PrintManifest,
    CheckReference,
    SuggestRecipients,
    ImportOrders,
    ImportCatalogue,
    SaveProducts,
    FindProducts,
    PickList,
    CommandSheet,
    SetOperator,
    ListQueue,
    FindQueued,
    SaveToQueue,
    RemoveQueued,
    PreviewQueued,
    BuyQueued,
    ControlBatch,
);

// ---------------------------------------------------------------------------------------------
// Answers

/// What happened, for the window: the answer to each [`Command`], and what the engine did by
/// itself.
#[derive(Debug)]
pub enum Event {
    /// A ship ended (in any state).
    Shipped(Result<ShipReport, ShipError>),
    /// A fee preview ended: the fee to accept or not, or why there is none.
    Quoted(Result<Box<QuoteReport>, ShipError>),
    /// A refund request ended: the shipment's new state, or why not.
    Refunded(Result<ShipReport, ShipError>),
    /// A reconcile ended.
    Reconciled(Result<Vec<ReconcileReport>, ShipError>),
    /// The ids matching a History query.
    ShipmentsFound(FoundShipments),
    /// Accounts and what needs a person.
    Overview(Result<Overview, StoreError>),
    /// A preset edit was saved, or why not.
    PresetsEdited(Result<(), StoreError>),
    /// An account was saved (its name) or why not.
    AccountSaved(Result<String, ShipError>),
    /// An account was removed (its name) or why not.
    AccountDeleted(Result<String, ShipError>),
    /// The connection test's verdict for an account.
    ConnectionTested(ConnectionVerdict),
    /// A cancel ended: the shipment's new state, or why not.
    Cancelled(Result<ShipReport, ShipError>),
    /// The forwarder's tracking for a shipment, or why not.
    Tracked(TrackAnswer),
    /// An account's services list (kept or refreshed), or why not.
    ServicesListed(ServicesAnswer),
    /// The forwarder's own view of a shipment, or why not.
    OrderAsked(OrderAnswer),
    /// A re-weigh ended: the forwarder's words on taking it, or its refusal.
    Reweighed(NoteAnswer),
    /// An intercept ended: the forwarder's words on taking it, or its refusal.
    Intercepted(NoteAnswer),
    /// A print job ended (or was not sent), one report per shipment: asked for, or an auto-print.
    Printed(Vec<PrintReport>),
    /// The printer profiles were kept, or why not.
    PrintersSaved(Result<(), Text>),
    /// The scale settings were kept, or why not.
    ScaleSaved(Result<(), Text>),
    /// The desk's scale says something new (a reading, unplugged, trouble): nobody asked, it
    /// changed. Every change is sent, in order, so a pass through zero is never missed.
    Scale(ScaleState),
    /// A label drawn for the preview.
    LabelRendered(RenderedLabel),
    /// An export finished: the file and the row count.
    Exported(Result<(PathBuf, usize), Text>),
    /// A close ended.
    DayClosed(Result<CloseOutcome, ShipError>),
    /// A manifest's handover list was written: the files.
    ManifestWritten(Result<Vec<PathBuf>, Text>),
    /// The manifests.
    Manifests(Result<Vec<crate::store::Manifest>, ShipError>),
    /// A document job (packing slips, a handover list) ended, or why it was not sent.
    DocumentPrinted(Result<DocumentPrinted, Text>),
    /// A reference's use in History.
    ReferenceChecked(ReferenceUse),
    /// Address-book suggestions for a typed name.
    RecipientSuggestions(Suggestions),
    /// The poller moved a shipment on by itself (a number, a label, a failure): where it stands.
    ShipmentChanged(Box<ShipReport>),
    /// An import ended: what became of each order, or why the file was not read.
    Imported(Result<ImportReport, Text>),
    /// A catalogue import ended: each row and what became of it, or why the file was not read.
    CatalogueImported(Result<CatalogueReport, Text>),
    /// Catalogue entries were saved (what each write did), or why not.
    ProductsSaved(Result<Vec<ProductWrite>, Text>),
    /// Catalogue entries found.
    ProductsFound(FoundProducts),
    /// A pick list or a command sheet was printed (the job), or written to its file (`None`),
    /// or why not.
    DocumentMade(Result<Option<DocumentPrinted>, Text>),
    /// The operator was set (the name), or why not.
    OperatorSet(Result<String, StoreError>),
    /// The queue's rows.
    QueueListed(Result<QueueListing, StoreError>),
    /// The ids of the queue's rows and the open batches.
    QueueFound(FoundQueued),
    /// An order was saved to the queue (its reference), or why not.
    SavedToQueue(Result<String, Text>),
    /// Orders were taken out of the queue (how many), or why not.
    RemovedFromQueue(Result<usize, StoreError>),
    /// A batch's fee preview ended: each order's fee and the total to confirm once, or why not.
    BatchPreviewed(Result<BatchPreview, Text>),
    /// An order of a batch ended: the counts so far.
    BatchProgress(BatchProgress),
    /// A batch ended (or was cancelled): each order's outcome, or why it did not start.
    BatchFinished(Result<BatchReport, Text>),
    /// A pause, go-on or cancel reached its batch (`false`: no such batch runs here).
    BatchControlled(bool),
}

/// How a batch stands.
#[derive(Clone, Debug, Default)]
pub struct BatchProgress {
    /// The batch.
    pub batch_id: i64,
    /// Its orders.
    pub total: usize,
    /// Bought (a number, or one on its way from the forwarder).
    pub bought: usize,
    /// On the wire now.
    pub waiting: usize,
    /// Ended without being bought (refused, lost, held, with problems, not started).
    pub failed: usize,
    /// Already bought before this batch (not bought again).
    pub skipped: usize,
}

impl BatchProgress {
    /// Orders not started yet.
    pub fn left(&self) -> usize {
        self.total
            .saturating_sub(self.bought + self.failed + self.skipped + self.waiting)
    }

    /// Counts one ended order.
    pub fn count(&mut self, outcome: &BatchOutcome) {
        match outcome.cause() {
            BatchCause::Bought => self.bought += 1,
            BatchCause::AlreadyBought => self.skipped += 1,
            _ => self.failed += 1,
        }
    }
}

/// What a batch did.
#[derive(Clone, Debug)]
pub struct BatchReport {
    /// The batch.
    pub batch_id: i64,
    /// Each order, in the queue's order.
    pub orders: Vec<BatchOrder>,
    /// Cancelled before every order started.
    pub cancelled: bool,
    /// The batch's print job (labels in hand when it ended), one report a label; empty when
    /// no label was ready or no account auto-prints.
    pub printed: Vec<PrintReport>,
    /// Labels still to come by polling: they print together as one follow-up job.
    pub labels_to_come: usize,
}

impl BatchReport {
    /// The orders by cause, in [`BatchCause`]'s order, each cause with its references.
    pub fn by_cause(&self) -> Vec<(BatchCause, Vec<&BatchOrder>)> {
        let mut groups: Vec<(BatchCause, Vec<&BatchOrder>)> = Vec::new();
        for order in &self.orders {
            let cause = order.outcome.cause();
            match groups.iter_mut().find(|(c, _)| *c == cause) {
                Some((_, list)) => list.push(order),
                None => groups.push((cause, vec![order])),
            }
        }
        groups.sort_by_key(|(cause, _)| *cause);
        groups
    }
}

/// One order of a batch.
#[derive(Clone, Debug)]
pub struct BatchOrder {
    /// Its reference.
    pub reference: String,
    /// How it ended.
    pub outcome: BatchOutcome,
}

/// How one order of a batch ended.
#[derive(Clone, Debug)]
pub enum BatchOutcome {
    /// Bought (numbers or label may still be on their way).
    Bought(ShipReport),
    /// The forwarder said no; nothing was bought.
    Refused(ShipReport),
    /// The answer was lost (time-out, broken connection): reconcile settles it.
    Lost(ShipReport),
    /// Not sent: its fee must be accepted, or changed since.
    Held(Text),
    /// Not sent: the order has problems.
    Invalid(Vec<crate::model::ValidationIssue>),
    /// Not sent: it already has a shipment (in this state).
    AlreadyBought(ShipmentState),
    /// Not started: the batch was cancelled.
    NotStarted,
    /// Not sent: the account, keychain or database refused.
    Error(Text),
}

/// The fees of a batch, to confirm once before buying it.
#[derive(Clone, Debug, Default)]
pub struct BatchPreview {
    /// Each order asked about, in the queue's order.
    pub orders: Vec<PreviewedOrder>,
}

/// One order of a [`BatchPreview`].
#[derive(Clone, Debug)]
pub struct PreviewedOrder {
    /// Its reference.
    pub reference: String,
    /// Its fee, or why it has none.
    pub fee: PreviewedFee,
}

/// What the preview found for one order.
#[derive(Clone, Debug)]
pub enum PreviewedFee {
    /// The forwarder's fee for it, to accept with the batch.
    Priced(Box<QuoteReport>),
    /// Its account buys without a fee preview: nothing to confirm.
    NotPriced,
    /// No fee: the order has problems, the forwarder refused the preview, or it is bought.
    Failed(Text),
}

impl BatchPreview {
    /// The quotes to accept (pass them to [`BuyQueued::quotes`]).
    pub fn quotes(&self) -> Vec<QuoteReport> {
        self.orders
            .iter()
            .filter_map(|o| match &o.fee {
                PreviewedFee::Priced(quote) => Some((**quote).clone()),
                _ => None,
            })
            .collect()
    }

    /// Whether any order's account prices first (then the batch needs its confirmation).
    pub fn needs_confirmation(&self) -> bool {
        self.orders
            .iter()
            .any(|o| !matches!(o.fee, PreviewedFee::NotPriced))
    }

    /// The priced orders' fees added up, one sum per currency (sorted by currency code).
    pub fn totals(&self) -> Vec<Money> {
        let mut sums: std::collections::BTreeMap<String, rust_decimal::Decimal> =
            std::collections::BTreeMap::new();
        for quote in self.quotes() {
            *sums.entry(quote.fee.currency.clone()).or_default() += quote.fee.amount;
        }
        sums.into_iter()
            .map(|(currency, amount)| Money::new(amount, &currency))
            .collect()
    }

    /// The one confirmation: "buy these 37 for 412.50 USD" (several currencies joined by " + ").
    pub fn confirmation(&self) -> Text {
        let n = self.quotes().len();
        let total = self
            .totals()
            .iter()
            .map(Money::to_string)
            .collect::<Vec<_>>()
            .join(" + ");
        let total = if total.is_empty() {
            "0.00".to_owned()
        } else {
            total
        };
        let these = if n == 1 { "this" } else { "these" };
        Text::new(
            format!("buy {these} {n} for {total}"),
            format!("按 {total} 购买这 {n} 单"),
        )
    }
}

/// Why orders of a batch ended as they did, each with what to do about them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum BatchCause {
    /// Bought.
    Bought,
    /// Refused by the forwarder.
    Refused,
    /// Answer lost.
    Lost,
    /// Fee to accept.
    Held,
    /// Problems in the order.
    Invalid,
    /// Account, keychain, database.
    Error,
    /// Not started (cancelled).
    NotStarted,
    /// Bought before.
    AlreadyBought,
}

impl BatchCause {
    /// What it means and what to do, in both languages.
    pub fn what_to_do(self) -> Text {
        let (en, zh) = match self {
            Self::Bought => ("bought", "已下单"),
            Self::Refused => (
                "refused by the forwarder, nothing bought: fix them in the queue, then retry these",
                "货代拒绝，未下单：请在队列中修改后重试",
            ),
            Self::Lost => (
                "the answer was lost: shipdesk asks the forwarder (reconcile) before anything is sent again",
                "未收到应答：再次发送前 shipdesk 会先向货代核对",
            ),
            Self::Held => (
                "held: their fee must be accepted first",
                "已暂缓：须先确认费用",
            ),
            Self::Invalid => (
                "not sent: the orders have problems to fix in the queue",
                "未发送：订单有问题，请在队列中修改",
            ),
            Self::Error => (
                "not sent: the account, keychain or disk refused; retry these once fixed",
                "未发送：账号、钥匙串或磁盘出错；修复后重试",
            ),
            Self::NotStarted => (
                "not started: the batch was cancelled; retry these to buy them",
                "未开始：批次已取消；重试即可下单",
            ),
            Self::AlreadyBought => (
                "already bought before: not bought again",
                "此前已下单：不再重复下单",
            ),
        };
        Text::new(en, zh)
    }
}

impl BatchOutcome {
    /// Its cause.
    pub fn cause(&self) -> BatchCause {
        match self {
            Self::Bought(_) => BatchCause::Bought,
            Self::Refused(_) => BatchCause::Refused,
            Self::Lost(_) => BatchCause::Lost,
            Self::Held(_) => BatchCause::Held,
            Self::Invalid(_) => BatchCause::Invalid,
            Self::AlreadyBought(_) => BatchCause::AlreadyBought,
            Self::NotStarted => BatchCause::NotStarted,
            Self::Error(_) => BatchCause::Error,
        }
    }

    /// The detail to show beside the reference (the forwarder's words, the problem).
    pub fn detail(&self) -> Option<Text> {
        match self {
            Self::Bought(r) => r.tracking_number.clone().map(|t| Text::new(t.clone(), t)),
            Self::Refused(r) | Self::Lost(r) => r.message.clone(),
            Self::Held(t) | Self::Error(t) => Some(t.clone()),
            Self::Invalid(issues) => issues.first().map(|i| {
                Text::new(
                    format!("{}: {}", i.field, i.message.en),
                    format!("{}：{}", i.field, i.message.zh),
                )
            }),
            Self::AlreadyBought(state) => Some(state.label()),
            Self::NotStarted => None,
        }
    }
}

/// What an import did.
#[derive(Clone, Debug)]
pub struct ImportReport {
    /// The file.
    pub file: PathBuf,
    /// What it turned out to be ("CSV (GB18030/GBK, comma)").
    pub format: String,
    /// The profile it was read with.
    pub profile: String,
    /// Nothing was kept.
    pub dry_run: bool,
    /// Each order, in the file's order.
    pub orders: Vec<ImportedOrder>,
}

impl ImportReport {
    /// Orders queued (new, renamed or updated) that have no problems.
    pub fn ready(&self) -> usize {
        self.orders
            .iter()
            .filter(|o| o.is_queued() && o.problems.is_empty())
            .count()
    }

    /// Orders queued with problems to fix.
    pub fn with_problems(&self) -> usize {
        self.orders
            .iter()
            .filter(|o| o.is_queued() && !o.problems.is_empty())
            .count()
    }

    /// Orders skipped as duplicates.
    pub fn skipped(&self) -> usize {
        self.orders.iter().filter(|o| !o.is_queued()).count()
    }
}

/// What a catalogue import did.
#[derive(Clone, Debug)]
pub struct CatalogueReport {
    /// The file.
    pub file: PathBuf,
    /// What it turned out to be.
    pub format: String,
    /// Nothing was kept.
    pub dry_run: bool,
    /// Each row, in the file's order, with what became of it.
    pub rows: Vec<(crate::catalogue::import::ProductRow, ProductWrite)>,
}

impl CatalogueReport {
    /// Rows saved (added or updated; on a dry run, those that would be).
    pub fn saved(&self) -> usize {
        self.rows
            .iter()
            .filter(|(row, _)| row.problems.is_empty())
            .count()
    }

    /// Rows not saved for their problems.
    pub fn refused(&self) -> usize {
        self.rows.len() - self.saved()
    }
}

/// The catalogue entries a [`FindProducts`] found.
#[derive(Clone, Debug)]
pub struct FoundProducts {
    /// Echoed from the request.
    pub generation: u64,
    /// The entries, by SKU.
    pub products: Result<Vec<Product>, Text>,
}

/// One order of an import.
#[derive(Clone, Debug)]
pub struct ImportedOrder {
    /// The shop's order number.
    pub order_number: String,
    /// The file's rows it came from.
    pub lines: Vec<usize>,
    /// What became of it (its reference is in here).
    pub write: QueueWrite,
    /// What is wrong with it, at its rows and columns (it is queued with them).
    pub problems: Vec<Located>,
    /// Its items whose declaration came from the catalogue (their SKU was known).
    pub from_catalogue: usize,
}

impl ImportedOrder {
    /// Whether it went into the queue (as new, renamed or updated).
    pub fn is_queued(&self) -> bool {
        !matches!(self.write, QueueWrite::Skipped { .. })
    }

    /// The reference it is queued (or was skipped) under.
    pub fn reference(&self) -> &str {
        match &self.write {
            QueueWrite::Queued(r) | QueueWrite::Updated(r) => r,
            QueueWrite::Renamed { to, .. } => to,
            QueueWrite::Skipped { reference, .. } => reference,
        }
    }
}

/// The queue's rows.
#[derive(Clone, Debug, Default)]
pub struct QueueListing {
    /// Rows, oldest first.
    pub rows: Vec<QueueRow>,
    /// Batches not finished (running here, paused, or cut off and waiting to be resumed).
    pub batches: Vec<BatchRow>,
}

/// The ids of the queue's rows, oldest first, and the batches not finished.
#[derive(Debug)]
pub struct FoundQueued {
    /// The generation sent with the request.
    pub generation: u64,
    /// Ids oldest first, or why not.
    pub ids: Result<Vec<i64>, StoreError>,
    /// Batches running, paused or cut off (empty on error).
    pub batches: Vec<BatchRow>,
}

/// How a send ended, after the shipment was recorded; also where a shipment stands now.
#[derive(Clone, Debug)]
pub struct ShipReport {
    /// The reference.
    pub reference: String,
    /// Where it stands now.
    pub state: ShipmentState,
    /// The tracking number, if bought.
    pub tracking_number: Option<String>,
    /// The stored label file, if it arrived.
    pub label_path: Option<PathBuf>,
    /// What a person should know: the forwarder's refusal, a lost answer, a missing label.
    pub message: Option<Text>,
    /// The fee the packer accepted before buying, for forwarders that preview it.
    pub quoted_fee: Option<Money>,
}

impl ShipReport {
    /// Where a recorded shipment stands, as the store has it.
    pub fn from_record(record: ShipmentRecord) -> Self {
        Self {
            reference: record.reference,
            state: record.state,
            tracking_number: record.tracking_number,
            label_path: record.label.map(|l| PathBuf::from(l.path)),
            message: record.message,
            quoted_fee: None,
        }
    }
}

/// A fee the forwarder quoted for one order with one account.
#[derive(Clone, Debug, Serialize)]
pub struct QuoteReport {
    /// The order's reference.
    pub reference: String,
    /// The account asked.
    pub account: String,
    /// The fee.
    pub fee: Money,
    /// sha256 of the exact order body that was priced: a ship with this quote must send the same.
    pub body_sha256: String,
    /// The preview request (credentials removed) and its answer, for the audit trail.
    pub audit: serde_json::Value,
    /// When the forwarder priced it (ms since the epoch): a fee is bought only while fresh.
    pub quoted_at_ms: i64,
}

/// How long an accepted fee stays good: a confirmation left on screen longer is priced again
/// (forwarders' tariffs and surcharges change; logssc's preview reserves nothing).
pub const QUOTE_MAX_AGE_MS: i64 = 15 * 60 * 1000;

/// What reconciling one shipment found.
#[derive(Clone, Debug, Serialize)]
pub struct ReconcileReport {
    /// The reference.
    pub reference: String,
    /// State before.
    pub before: ShipmentState,
    /// State after.
    pub after: ShipmentState,
    /// Tracking number, if known now.
    pub tracking_number: Option<String>,
    /// What a person should know.
    pub message: Option<Text>,
    /// What this reconcile did about it.
    pub action: ReconcileAction,
}

/// What one reconcile did about one shipment (`shipdesk reconcile` prints it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ReconcileAction {
    /// Asked the forwarder by reference, or fetched a missing label; shipdesk looks again by
    /// itself at `looks_again_at` (ms since the epoch), if set.
    Asked {
        /// When shipdesk looks again by itself.
        looks_again_at: Option<i64>,
    },
    /// Sent the recorded create again: the `nth` re-send, of at most
    /// [`MAX_RESENDS`](crate::engine::MAX_RESENDS).
    SentAgain {
        /// Which re-send this was (1 for the first).
        nth: i64,
    },
    /// Not sent again: its back-off holds it until `until` (ms since the epoch).
    HeldUntil {
        /// The earliest time of the next re-send.
        until: i64,
    },
    /// Not sent again: it was sent the most times allowed; a person must check it in the
    /// forwarder's portal (the message says why).
    WaitsForPerson,
    /// Nothing sent (still being sent, or it could not be asked: the message says why).
    LeftAlone,
}

/// One shipment's print, as reported.
#[derive(Clone, Debug)]
pub struct PrintReport {
    /// The reference.
    pub reference: String,
    /// The printer's job id and the shipment's print count after it, or why not.
    pub result: Result<(i32, i64), Text>,
}

/// The ids matching a History query.
#[derive(Debug)]
pub struct FoundShipments {
    /// The generation sent with the query.
    pub generation: u64,
    /// Ids newest first, or why not.
    pub ids: Result<Vec<i64>, StoreError>,
    /// Count, weight and declared value by account (empty on error).
    pub totals: Vec<AccountTotals>,
    /// Shipments and fees per day and account over the search's range, and the last day's
    /// states (empty on error).
    pub picture: crate::store::DayPicture,
}

/// What the window's header and pickers show.
#[derive(Clone, Debug)]
pub struct Overview {
    /// Every account.
    pub accounts: Vec<Account>,
    /// References of shipments whose outcome is unknown, oldest first.
    pub unsettled: Vec<String>,
    /// References of failed orders whose balance is held until refunded, oldest first.
    pub refunds_due: Vec<String>,
    /// Sender profiles, by name.
    pub sender_profiles: Vec<SenderProfile>,
    /// User-defined parcel presets, by name.
    pub parcel_presets: Vec<ParcelPreset>,
    /// The printer profiles and the desk printer, as the engine prints with them.
    pub printers: Printers,
    /// The services kept for each account that has a list (the ship form's picker).
    pub services: Vec<ServicesOffered>,
}

/// The connection test's verdict for an account.
#[derive(Debug)]
pub struct ConnectionVerdict {
    /// The account.
    pub account: String,
    /// What the forwarder said, accepted or not.
    pub verdict: Result<Text, Text>,
}

/// The forwarder's tracking for a shipment.
#[derive(Debug)]
pub struct TrackAnswer {
    /// The shipment's reference.
    pub reference: String,
    /// Scans newest first, or why not.
    pub tracking: Result<Tracking, ShipError>,
}

/// An account's services list, or why not.
#[derive(Debug)]
pub struct ServicesAnswer {
    /// The account asked about.
    pub account: String,
    /// Whether the forwarder was asked (a refresh), not only the kept list read.
    pub refreshed: bool,
    /// The list, or why not.
    pub result: Result<ServicesOffered, ShipError>,
}

/// The forwarder's own view of a shipment.
#[derive(Debug)]
pub struct OrderAnswer {
    /// The shipment's reference.
    pub reference: String,
    /// What the forwarder showed, or why not.
    pub order: Result<ForwarderOrder, ShipError>,
}

/// How a re-weigh or an intercept ended.
#[derive(Debug)]
pub struct NoteAnswer {
    /// The shipment's reference.
    pub reference: String,
    /// The shipment with the forwarder's words, or its refusal.
    pub result: Result<ShipReport, ShipError>,
}

/// A label drawn for the preview.
#[derive(Debug)]
pub struct RenderedLabel {
    /// The file.
    pub path: PathBuf,
    /// Its pages, or why it cannot be shown.
    pub pages: Result<Vec<RasterPage>, Text>,
}

/// A reference's use in History.
#[derive(Debug)]
pub struct ReferenceUse {
    /// The reference asked about.
    pub reference: String,
    /// The shipment already using it: its state and when it was recorded; `None` when free.
    pub used: Option<(ShipmentState, i64)>,
}

/// Address-book suggestions for a typed name.
#[derive(Debug)]
pub struct Suggestions {
    /// The generation sent.
    pub generation: u64,
    /// Matching earlier recipients (empty on error: suggestions are a convenience).
    pub addresses: Vec<Address>,
}
