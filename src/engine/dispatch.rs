//! Every request, the work it starts, and the answer it gives when that work is interrupted (a
//! bug panicked in it, or the engine is stopping), in one place: the window must always hear
//! back, or a spinner turns forever.
//!
//! A new request is: its struct in `protocol.rs`, a [`Command`] and an [`Event`] variant there,
//! its `impl Request` below and one line in [`answer`].

use std::sync::Arc;

use super::core::Core;
use super::protocol::*;
use super::{
    ShipError, accounts, catalogue, close, documents, export, lifecycle, printing, queries, queue,
    scale, services,
};
use crate::model::Text;
use crate::store::StoreError;

/// Something the engine can be asked to do, and the answer it gives.
pub trait Request: Send + 'static {
    /// What the work answers.
    type Answer: Send + 'static;

    /// The task's name while it runs (logs, [`Engine::running_tasks`](super::Engine::running_tasks)).
    fn task_name(&self) -> String;

    /// Does the work.
    fn run(self, core: Arc<Core>) -> impl Future<Output = Self::Answer> + Send;

    /// The answer when the work could not finish (it panicked, or the engine stopped).
    fn interrupted(&self) -> Self::Answer;
}

/// Runs `request` as its own named task on the engine's workers and returns its answer, or its
/// [`Request::interrupted`] answer if the task did not finish.
pub(super) async fn run<R: Request>(core: Arc<Core>, request: R) -> R::Answer {
    let if_interrupted = request.interrupted();
    let name = request.task_name();
    let task = tokio::spawn(async move {
        let work = request.run(core.clone());
        core.named(name, work).await
    });
    task.await.unwrap_or(if_interrupted)
}

/// Runs a command and says how it went, as the event the window reads.
pub(super) async fn answer(core: Arc<Core>, command: Command) -> Event {
    match command {
        Command::Ship(r) => Event::Shipped(run(core, *r).await),
        Command::Quote(r) => Event::Quoted(run(core, *r).await.map(Box::new)),
        Command::Refund(r) => Event::Refunded(run(core, r).await),
        Command::Reconcile(r) => Event::Reconciled(run(core, r).await),
        Command::FindShipments(r) => Event::ShipmentsFound(run(core, r).await),
        Command::LoadOverview(r) => Event::Overview(run(core, r).await),
        Command::EditPresets(r) => Event::PresetsEdited(run(core, r).await),
        Command::SaveAccount(r) => Event::AccountSaved(run(core, *r).await),
        Command::DeleteAccount(r) => Event::AccountDeleted(run(core, r).await),
        Command::TestConnection(r) => {
            let account = r.0.clone();
            let verdict = run(core, r).await;
            Event::ConnectionTested(ConnectionVerdict { account, verdict })
        }
        Command::Cancel(r) => Event::Cancelled(run(core, r).await),
        Command::Track(r) => {
            let reference = r.0.clone();
            let tracking = run(core, r).await;
            Event::Tracked(TrackAnswer {
                reference,
                tracking,
            })
        }
        Command::Services(r) => {
            let (account, refreshed) = (r.account.clone(), r.refresh);
            let result = run(core, r).await;
            Event::ServicesListed(ServicesAnswer {
                account,
                refreshed,
                result,
            })
        }
        Command::AskOrder(r) => {
            let reference = r.0.clone();
            let order = run(core, r).await;
            Event::OrderAsked(OrderAnswer { reference, order })
        }
        Command::Reweigh(r) => {
            let reference = r.reference.clone();
            let result = run(core, r).await;
            Event::Reweighed(NoteAnswer { reference, result })
        }
        Command::Intercept(r) => {
            let reference = r.reference.clone();
            let result = run(core, r).await;
            Event::Intercepted(NoteAnswer { reference, result })
        }
        Command::Print(r) => Event::Printed(run(core, r).await),
        Command::PrintTestLabel(r) => Event::Printed(run(core, r).await),
        Command::SavePrinters(r) => Event::PrintersSaved(run(core, r).await),
        Command::SaveScale(r) => Event::ScaleSaved(run(core, r).await),
        Command::RenderLabel(r) => Event::LabelRendered(run(core, r).await),
        Command::ExportCsv(r) => Event::Exported(run(core, r).await),
        Command::CloseDay(r) => Event::DayClosed(run(core, r).await),
        Command::WriteManifest(r) => Event::ManifestWritten(run(core, r).await),
        Command::ListManifests(r) => Event::Manifests(run(core, r).await),
        Command::PrintSlips(r) => Event::DocumentPrinted(run(core, r).await),
        Command::PrintManifest(r) => Event::DocumentPrinted(run(core, r).await),
        Command::CheckReference(r) => Event::ReferenceChecked(run(core, r).await),
        Command::SuggestRecipients(r) => Event::RecipientSuggestions(run(core, r).await),
        Command::ImportOrders(r) => Event::Imported(run(core, r).await),
        Command::ImportCatalogue(r) => Event::CatalogueImported(run(core, r).await),
        Command::SaveProducts(r) => Event::ProductsSaved(run(core, r).await),
        Command::FindProducts(r) => Event::ProductsFound(run(core, r).await),
        Command::PickList(r) => Event::DocumentMade(run(core, r).await),
        Command::CommandSheet(r) => Event::DocumentMade(run(core, r).await),
        Command::SetOperator(r) => Event::OperatorSet(run(core, r).await),
        Command::ListQueue(r) => Event::QueueListed(run(core, r).await),
        Command::FindQueued(r) => Event::QueueFound(run(core, r).await),
        Command::SaveToQueue(r) => Event::SavedToQueue(run(core, *r).await),
        Command::RemoveQueued(r) => Event::RemovedFromQueue(run(core, r).await),
        Command::PreviewQueued(r) => Event::BatchPreviewed(run(core, r).await),
        Command::BuyQueued(r) => Event::BatchFinished(run(core, *r).await),
        Command::ControlBatch(r) => Event::BatchControlled(run(core, r).await),
    }
}

impl Request for Ship {
    type Answer = Result<ShipReport, ShipError>;
    fn task_name(&self) -> String {
        format!("ship {}", self.shipment.reference.trim())
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        let report = lifecycle::ship::ship(&core, self.shipment, &self.account, self.quote).await;
        if let Ok(shipped) = &report
            && shipped.label_path.is_some()
        {
            printing::auto_print_in_background(&core, &shipped.reference, &self.account);
        }
        report
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal)
    }
}

impl Request for Quote {
    type Answer = Result<QuoteReport, ShipError>;
    fn task_name(&self) -> String {
        format!("fee preview {}", self.shipment.reference.trim())
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        lifecycle::quote::quote(&core, self.shipment, &self.account).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal)
    }
}

impl Request for Refund {
    type Answer = Result<ShipReport, ShipError>;
    fn task_name(&self) -> String {
        format!("refund {}", self.0)
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        lifecycle::refund::refund(&core, &self.0).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal)
    }
}

impl Request for Reconcile {
    type Answer = Result<Vec<ReconcileReport>, ShipError>;
    fn task_name(&self) -> String {
        "reconcile".to_owned()
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        lifecycle::reconcile::reconcile_all(&core).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal)
    }
}

impl Request for FindShipments {
    type Answer = FoundShipments;
    fn task_name(&self) -> String {
        "find shipments".to_owned()
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        queries::find_shipments(&core, self.query, self.generation).await
    }
    fn interrupted(&self) -> Self::Answer {
        FoundShipments {
            generation: self.generation,
            ids: Err(StoreError::Interrupted),
            totals: Vec::new(),
            picture: Default::default(),
        }
    }
}

impl Request for LoadOverview {
    type Answer = Result<Overview, StoreError>;
    fn task_name(&self) -> String {
        "overview".to_owned()
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        queries::overview(&core).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(StoreError::Interrupted)
    }
}

impl Request for EditPresets {
    type Answer = Result<(), StoreError>;
    fn task_name(&self) -> String {
        "edit presets".to_owned()
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        queries::edit_presets(&core, self.0).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(StoreError::Interrupted)
    }
}

impl Request for SaveAccount {
    type Answer = Result<String, ShipError>;
    fn task_name(&self) -> String {
        format!("save account {}", self.account.name)
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        accounts::save_account(&core, self.account, self.credentials).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal)
    }
}

impl Request for DeleteAccount {
    type Answer = Result<String, ShipError>;
    fn task_name(&self) -> String {
        format!("delete account {}", self.0)
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        accounts::delete_account(&core, self.0).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal)
    }
}

impl Request for TestConnection {
    /// What the forwarder said, accepted or not.
    type Answer = Result<Text, Text>;
    fn task_name(&self) -> String {
        format!("test connection {}", self.0)
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        accounts::test_connection(&core, &self.0).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal.describe())
    }
}

impl Request for Cancel {
    type Answer = Result<ShipReport, ShipError>;
    fn task_name(&self) -> String {
        format!("cancel {}", self.0)
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        lifecycle::cancel::cancel(&core, &self.0).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal)
    }
}

impl Request for Track {
    /// Scans newest first, or why not.
    type Answer = Result<crate::carriers::Tracking, ShipError>;
    fn task_name(&self) -> String {
        format!("track {}", self.0)
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        lifecycle::tracking::track(&core, &self.0).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal)
    }
}

impl Request for Services {
    type Answer = Result<crate::store::ServicesOffered, ShipError>;
    fn task_name(&self) -> String {
        format!("services {}", self.account)
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        services::services(&core, &self.account, self.refresh).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal)
    }
}

impl Request for AskOrder {
    type Answer = Result<crate::carriers::ForwarderOrder, ShipError>;
    fn task_name(&self) -> String {
        format!("ask order {}", self.0)
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        lifecycle::ask_order::ask_order(&core, &self.0).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal)
    }
}

impl Request for Reweigh {
    type Answer = Result<ShipReport, ShipError>;
    fn task_name(&self) -> String {
        format!("reweigh {}", self.reference)
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        lifecycle::order_notes::reweigh(&core, &self.reference, self.weight_kg).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal)
    }
}

impl Request for Intercept {
    type Answer = Result<ShipReport, ShipError>;
    fn task_name(&self) -> String {
        format!("intercept {}", self.reference)
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        lifecycle::order_notes::intercept(&core, &self.reference, &self.remark).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal)
    }
}

impl Request for Print {
    type Answer = Vec<PrintReport>;
    fn task_name(&self) -> String {
        format!("print {}", self.references.join(" "))
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        printing::print(&core, self.references, self.printer).await
    }
    fn interrupted(&self) -> Self::Answer {
        self.references
            .iter()
            .map(|reference| PrintReport {
                reference: reference.clone(),
                result: Err(ShipError::Internal.describe()),
            })
            .collect()
    }
}

impl Request for PrintTestLabel {
    type Answer = Vec<PrintReport>;
    fn task_name(&self) -> String {
        "print a test label".to_owned()
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        vec![printing::print_test_label(&core, self.printer).await]
    }
    fn interrupted(&self) -> Self::Answer {
        vec![PrintReport {
            reference: printing::TEST_LABEL.to_owned(),
            result: Err(ShipError::Internal.describe()),
        }]
    }
}

impl Request for SavePrinters {
    type Answer = Result<(), Text>;
    fn task_name(&self) -> String {
        "save printers".to_owned()
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        printing::save_printers(&core, self.0).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal.describe())
    }
}

impl Request for SaveScale {
    type Answer = Result<(), Text>;
    fn task_name(&self) -> String {
        "save scale".to_owned()
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        scale::save(&core, self.0).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal.describe())
    }
}

impl Request for RenderLabel {
    type Answer = RenderedLabel;
    fn task_name(&self) -> String {
        format!("render {}", self.0.display())
    }
    async fn run(self, _core: Arc<Core>) -> Self::Answer {
        queries::render_label(self.0).await
    }
    fn interrupted(&self) -> Self::Answer {
        RenderedLabel {
            path: self.0.clone(),
            pages: Err(ShipError::Internal.describe()),
        }
    }
}

impl Request for ExportCsv {
    type Answer = Result<(std::path::PathBuf, usize), Text>;
    fn task_name(&self) -> String {
        format!("export {}", self.path.display())
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        export::export_to(&core, self.query, self.path).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal.describe())
    }
}

impl Request for CloseDay {
    type Answer = Result<CloseOutcome, ShipError>;
    fn task_name(&self) -> String {
        format!("close the day {}", self.account)
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        close::close_day(&core, self).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal)
    }
}

impl Request for WriteManifest {
    type Answer = Result<Vec<std::path::PathBuf>, Text>;
    fn task_name(&self) -> String {
        format!("write manifest {}", self.id)
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        close::write_manifest(&core, self).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal.describe())
    }
}

impl Request for ListManifests {
    type Answer = Result<Vec<crate::store::Manifest>, ShipError>;
    fn task_name(&self) -> String {
        "list manifests".to_owned()
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        let account = self.0;
        Ok(core
            .with_store(move |s| s.manifests(account.as_deref()))
            .await?)
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal)
    }
}

impl Request for WriteSlips {
    type Answer = Result<std::path::PathBuf, Text>;
    fn task_name(&self) -> String {
        format!("write packing slips {}", self.references.join(" "))
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        documents::write_slips(&core, self).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal.describe())
    }
}

impl Request for PrintSlips {
    type Answer = Result<DocumentPrinted, Text>;
    fn task_name(&self) -> String {
        format!("print packing slips {}", self.references.join(" "))
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        documents::print_slips(&core, self).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal.describe())
    }
}

impl Request for PrintManifest {
    type Answer = Result<DocumentPrinted, Text>;
    fn task_name(&self) -> String {
        format!("print handover list {}", self.0)
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        documents::print_manifest(&core, self.0).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal.describe())
    }
}

impl Request for CheckReference {
    type Answer = ReferenceUse;
    fn task_name(&self) -> String {
        format!("check reference {}", self.0)
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        ReferenceUse {
            used: queries::reference_use(&core, &self.0).await,
            reference: self.0,
        }
    }
    fn interrupted(&self) -> Self::Answer {
        ReferenceUse {
            reference: self.0.clone(),
            used: None,
        }
    }
}

impl Request for SuggestRecipients {
    type Answer = Suggestions;
    fn task_name(&self) -> String {
        "suggest recipients".to_owned()
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        Suggestions {
            generation: self.generation,
            addresses: queries::recent_recipients(&core, self.prefix).await,
        }
    }
    fn interrupted(&self) -> Self::Answer {
        Suggestions {
            generation: self.generation,
            addresses: Vec::new(),
        }
    }
}

impl Request for ImportOrders {
    type Answer = Result<ImportReport, Text>;
    fn task_name(&self) -> String {
        format!("import {}", self.path.display())
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        queue::import(&core, self).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal.describe())
    }
}

impl Request for ImportCatalogue {
    type Answer = Result<CatalogueReport, Text>;
    fn task_name(&self) -> String {
        format!("import the catalogue {}", self.path.display())
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        catalogue::import(&core, self).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal.describe())
    }
}

impl Request for SaveProducts {
    type Answer = Result<Vec<crate::store::ProductWrite>, Text>;
    fn task_name(&self) -> String {
        format!("save {} to the catalogue", self.0.len())
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        catalogue::save(&core, self.0).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal.describe())
    }
}

impl Request for FindProducts {
    type Answer = FoundProducts;
    fn task_name(&self) -> String {
        "find catalogue entries".to_owned()
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        let generation = self.generation;
        FoundProducts {
            generation,
            products: catalogue::find(&core, self).await,
        }
    }
    fn interrupted(&self) -> Self::Answer {
        FoundProducts {
            generation: self.generation,
            products: Err(ShipError::Internal.describe()),
        }
    }
}

impl Request for PickList {
    type Answer = Result<Option<DocumentPrinted>, Text>;
    fn task_name(&self) -> String {
        format!("pick list of {}", self.references.len())
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        documents::pick_list(&core, self).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal.describe())
    }
}

impl Request for CommandSheet {
    type Answer = Result<Option<DocumentPrinted>, Text>;
    fn task_name(&self) -> String {
        "the command barcode sheet".to_owned()
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        documents::command_sheet(&core, self).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal.describe())
    }
}

impl Request for SetOperator {
    type Answer = Result<String, StoreError>;
    fn task_name(&self) -> String {
        "set the operator".to_owned()
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        let name = self.0.trim().to_owned();
        let kept = name.clone();
        core.with_store(move |s| s.set_operator(&kept)).await?;
        Ok(name)
    }
    fn interrupted(&self) -> Self::Answer {
        Err(StoreError::Interrupted)
    }
}

impl Request for ListQueue {
    type Answer = Result<QueueListing, StoreError>;
    fn task_name(&self) -> String {
        "list the queue".to_owned()
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        queue::list(&core, self.0).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(StoreError::Interrupted)
    }
}

impl Request for FindQueued {
    type Answer = FoundQueued;
    fn task_name(&self) -> String {
        "find queued orders".to_owned()
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        let filter = self.filter;
        let found = core
            .with_store(move |s| Ok((s.queue_ids(filter)?, s.open_batches()?)))
            .await;
        match found {
            Ok((ids, batches)) => FoundQueued {
                generation: self.generation,
                ids: Ok(ids),
                batches,
            },
            Err(error) => FoundQueued {
                generation: self.generation,
                ids: Err(error),
                batches: Vec::new(),
            },
        }
    }
    fn interrupted(&self) -> Self::Answer {
        FoundQueued {
            generation: self.generation,
            ids: Err(StoreError::Interrupted),
            batches: Vec::new(),
        }
    }
}

impl Request for SaveToQueue {
    type Answer = Result<String, Text>;
    fn task_name(&self) -> String {
        format!("save {} to the queue", self.form.reference.trim())
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        queue::save(&core, self).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal.describe())
    }
}

impl Request for RemoveQueued {
    type Answer = Result<usize, StoreError>;
    fn task_name(&self) -> String {
        "remove queued orders".to_owned()
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        core.with_store(move |s| s.remove_queued(&self.0)).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(StoreError::Interrupted)
    }
}

impl Request for PreviewQueued {
    type Answer = Result<BatchPreview, Text>;
    fn task_name(&self) -> String {
        format!("preview the fees of a batch of {}", self.references.len())
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        lifecycle::batch_preview::preview(&core, self).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal.describe())
    }
}

impl Request for BuyQueued {
    type Answer = Result<BatchReport, Text>;
    fn task_name(&self) -> String {
        match self.resume {
            Some(id) => format!("resume batch {id}"),
            None => format!("buy a batch of {}", self.references.len()),
        }
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        lifecycle::batch::buy(&core, self).await
    }
    fn interrupted(&self) -> Self::Answer {
        Err(ShipError::Internal.describe())
    }
}

impl Request for ControlBatch {
    /// Whether the batch runs in this process.
    type Answer = bool;
    fn task_name(&self) -> String {
        format!("control batch {}", self.batch_id)
    }
    async fn run(self, core: Arc<Core>) -> Self::Answer {
        let Some(control) = core.running_batch(self.batch_id) else {
            return false;
        };
        control.set(self.pause);
        let state = match self.pause {
            Some(true) => "paused",
            Some(false) => "running",
            None => "cancelled",
        };
        let id = self.batch_id;
        core.with_store(move |s| s.set_batch_state(id, state))
            .await
            .is_ok()
    }
    fn interrupted(&self) -> Self::Answer {
        false
    }
}
