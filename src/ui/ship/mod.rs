//! The packer's screen: account and reference, recipient and sender, parcels and customs items,
//! inline validation, and the result of the last create. Keyboard first: Tab walks the form in
//! reading order, Ctrl+Enter creates, Ctrl+N starts a new order, Ctrl+D duplicates the last one.
//! A forwarder that previews fees (logssc) is asked for the fee first; it is shown, and Enter buys
//! at that fee while Esc buys nothing. An order the Queue screen opened can go back with "Save
//! to queue" (problems and all); one opened by a scan has the weight focused, Enter alone buys
//! it, and the window returns to the scan field.
//!
//! This file holds the view's state and what it does (validate, create, take the engine's
//! answers); `view.rs` draws it; what is typed, as text, and its parsing is
//! [`crate::model::TypedOrder`] (the queue keeps orders the same way).

mod address;
mod address_book;
mod catalogue_fill;
mod fee_confirm;
mod items;
mod parcel_presets;
mod parcels;
mod reference_check;
mod result;
mod scale;
mod sender_profiles;
mod service_picker;
mod view;

pub use crate::model::{TypedOrder, new_reference};
pub use result::open_in_system_viewer;
pub use scale::{USE_WEIGHT, WEIGH_BARCODE};

use fee_confirm::PendingFee;

use crate::carriers::{self, Account};
use crate::engine::{Quote, Ship, ShipError, ShipReport};
use crate::model::{Shipment, ShipmentState, Text, ValidationIssue};
use crate::ui::command::CommandSender;
use crate::ui::i18n::Language;
use crate::ui::widgets::FocusRequest;

/// How the last create ended, for the result panel.
#[derive(Clone, Debug)]
pub enum LastResult {
    /// Sent and answered (or the answer was lost): the report says which.
    Sent(ShipReport),
    /// Not sent: the order is wrong, or the app could not prepare it.
    NotSent(Text),
}

/// The ship view's state.
pub struct ShipView {
    /// What is being typed.
    pub form: TypedOrder,
    issues: Vec<ValidationIssue>,
    /// Set by the first create attempt: from then on, messages show at the fields.
    show_issues: bool,
    /// The order in flight, if any, as it was sent.
    sending: Option<TypedOrder>,
    /// The fresh form that took the sent order's place on screen (the packer types the next
    /// one while the first is bought); `None` while a fee is being asked for (the form stays).
    replaced_by: Option<TypedOrder>,
    /// The field to put the focus in on the next frame.
    focus: Option<FocusRequest>,
    /// The fields whose pasted tabs, line breaks or full-width characters were just cleaned.
    cleaned: Vec<String>,
    /// The order whose fee is being asked for (`sending` holds its form meanwhile).
    quoting: Option<Shipment>,
    /// A previewed fee waiting for Enter (buy) or Esc (do not buy).
    pending_fee: Option<PendingFee>,
    /// The last order sent, for Ctrl+D.
    last_sent: Option<Shipment>,
    last_result: Option<LastResult>,
    references_made: u32,
    /// Earlier recipients matching the typed name, and the name they were asked for.
    suggestions: Vec<crate::model::Address>,
    suggested_for: String,
    suggestion_generation: u64,
    /// The last created shipment's label, drawn.
    pub preview: crate::ui::label_preview::LabelPreview,
    /// The desk's stored sender addresses and boxes.
    sender_profiles: Vec<crate::model::SenderProfile>,
    parcel_presets: Vec<crate::model::ParcelPreset>,
    profile_saving: sender_profiles::ProfileSaving,
    preset_saving: parcel_presets::PresetSaving,
    /// The reference last asked about, and the shipment already using it (if any).
    reference_checked: String,
    reference_used: Option<(ShipmentState, i64)>,
    /// The desk scale's reading and which weight went into a parcel last.
    pub scale: scale::DeskScale,
    /// The service field's list of the account's services.
    service_picker: service_picker::ServicePicker,
    /// The queued order the form holds, when it was opened from the queue.
    queued: Option<QueuedOrigin>,
    /// Rows completed from the catalogue, and the last lookup asked for.
    catalogue: catalogue_fill::CatalogueFill,
    /// The last shipment bought here with its label kept (the Reprint barcode's).
    last_label: Option<String>,
}

/// Where the form's order came from when the Queue screen opened it.
#[derive(Clone, Debug)]
struct QueuedOrigin {
    /// Its reference in the queue (a "Save to queue" replaces it, even if retyped).
    reference: String,
    /// The shop's order number.
    order_number: String,
    /// A scan opened it: Enter buys, and the screen goes back to the scan field after.
    scanned: bool,
    /// The order as it was opened (a changed one is saved back before another is opened).
    opened: TypedOrder,
}

/// What the ship view needs from the app for one frame.
pub struct ShipContext<'a> {
    /// Interface language.
    pub language: Language,
    /// Accounts to pick from.
    pub accounts: &'a [Account],
    /// The services kept for each account that has a list (the service field's picker).
    pub services: &'a [crate::store::ServicesOffered],
    /// Commands for the engine, sent after the frame.
    pub commands: &'a CommandSender,
}

impl ShipView {
    /// Starts from the saved draft, or a new order for the account and sender.
    pub fn new(draft: Option<TypedOrder>, account: &str, sender: crate::model::Address) -> Self {
        let form = draft.unwrap_or_else(|| TypedOrder::new(account, sender, new_reference(1)));
        Self {
            form,
            issues: Vec::new(),
            show_issues: false,
            sending: None,
            replaced_by: None,
            // The window opens ready for the first recipient.
            focus: Some(FocusRequest::to(first_field())),
            cleaned: Vec::new(),
            quoting: None,
            pending_fee: None,
            last_sent: None,
            last_result: None,
            references_made: 1,
            suggestions: Vec::new(),
            suggested_for: String::new(),
            suggestion_generation: 0,
            preview: Default::default(),
            sender_profiles: Vec::new(),
            parcel_presets: Vec::new(),
            profile_saving: Default::default(),
            preset_saving: Default::default(),
            reference_checked: String::new(),
            reference_used: None,
            scale: Default::default(),
            service_picker: Default::default(),
            queued: None,
            catalogue: Default::default(),
            last_label: None,
        }
    }

    /// The stored sender profiles and parcel presets (after start and after each change).
    pub fn set_presets(
        &mut self,
        sender_profiles: Vec<crate::model::SenderProfile>,
        parcel_presets: Vec<crate::model::ParcelPreset>,
    ) {
        self.sender_profiles = sender_profiles;
        self.parcel_presets = parcel_presets;
    }

    /// F2 (or the command barcode): the scale's stable reading into the focused parcel.
    pub fn use_scale_weight(&mut self, ctx: &egui::Context) {
        self.scale.use_weight(ctx, &mut self.form.parcels);
    }

    /// The desk's own boxes, by name (a command barcode names one).
    pub fn saved_boxes(&self) -> &[crate::model::ParcelPreset] {
        &self.parcel_presets
    }

    /// A box preset's dimensions into the parcels, as its button does.
    pub fn apply_box(&mut self, preset: &crate::model::ParcelPreset) {
        parcel_presets::apply(&mut self.form.parcels, preset);
    }

    /// The reference of the last shipment bought here whose label is kept, for a reprint (the
    /// result panel may show something else by now: the next order scanned, a fee).
    pub fn last_label_reference(&self) -> Option<&str> {
        self.last_label.as_deref()
    }

    /// Remembers `report`'s shipment for a reprint once its label is kept.
    fn note_label(&mut self, report: &ShipReport) {
        if report.label_path.is_some() {
            self.last_label = Some(report.reference.clone());
        }
    }

    /// Whether the form holds an order the Queue screen opened.
    pub fn is_from_queue(&self) -> bool {
        self.queued.is_some()
    }

    /// Whether an order is in flight.
    pub fn is_sending(&self) -> bool {
        self.sending.is_some()
    }

    fn next_reference(&mut self) -> String {
        self.references_made += 1;
        new_reference(self.references_made)
    }

    /// Ctrl+N: a new order, keeping the account and sender; the focus goes to its first field.
    pub fn new_order(&mut self) {
        let reference = self.next_reference();
        self.form = TypedOrder::new(&self.form.account, self.form.sender.clone(), reference);
        self.queued = None;
        self.catalogue.forget();
        self.scale.weigh_scanned_order(None);
        self.issues.clear();
        self.show_issues = false;
        self.cleaned.clear();
        self.focus_first_field();
    }

    /// Puts the focus where the next order's typing starts (after Esc, a create, Ctrl+N/D).
    pub fn focus_first_field(&mut self) {
        self.focus = Some(FocusRequest::to(first_field()));
    }

    /// Whether a previewed fee waits for Enter or Esc (Esc is then the fee's answer).
    pub fn has_pending_fee(&self) -> bool {
        self.pending_fee.is_some()
    }

    /// Ctrl+D: the last order again, under a new reference.
    pub fn duplicate_last(&mut self) {
        if let Some(last) = self.last_sent.clone() {
            self.load(&last);
        }
    }

    /// Loads an order into the form under a new reference (History's "duplicate as new").
    pub fn load(&mut self, shipment: &Shipment) {
        let reference = self.next_reference();
        self.form = TypedOrder::from_shipment(shipment, &self.form.account, reference);
        self.queued = None;
        self.show_issues = false;
        self.focus_first_field();
    }

    /// Opens a queued order to fix, complete or buy it. Its problems show at once, the focus in
    /// the first; after a scan the focus is in the first parcel's weight instead (the scale's
    /// or the packer's number replaces what is there) and Enter buys.
    ///
    /// What the form held is never lost: an order typed (or a queued one changed) and not sent
    /// is saved to the queue first, as "Save to queue" would.
    pub fn open_queued(
        &mut self,
        order: &crate::store::QueuedOrder,
        scanned: bool,
        commands: &CommandSender,
    ) {
        if self.holds_unsaved() {
            self.send_to_queue(commands);
        }
        self.form = order.form.clone();
        self.catalogue.forget();
        if self.form.parcels.is_empty() {
            self.form.parcels.push(Default::default());
        }
        self.queued = Some(QueuedOrigin {
            reference: order.row.reference.clone(),
            order_number: order.row.order_number.clone(),
            scanned,
            opened: self.form.clone(),
        });
        self.cleaned.clear();
        self.issues.clear();
        self.show_issues = !order.issues.is_empty();
        self.last_result = None;
        let first_problem = order
            .issues
            .iter()
            .min_by_key(|i| reading_order(&i.field))
            .map(|i| crate::ui::widgets::field_id(&i.field));
        let estimate = self.form.parcels.first().map(|p| p.weight.clone());
        self.scale
            .weigh_scanned_order(estimate.as_deref().filter(|_| scanned));
        self.focus = Some(FocusRequest::to(match first_problem {
            _ if scanned => crate::ui::widgets::field_id("parcels[0].weight"),
            Some(field) => field,
            None => first_field(),
        }));
    }

    /// Whether Enter alone buys: an order a scan opened, nothing in flight, no fee waiting.
    pub fn enter_buys(&self) -> bool {
        self.queued.as_ref().is_some_and(|q| q.scanned)
            && self.sending.is_none()
            && self.pending_fee.is_none()
    }

    /// "Save to queue": the form's order goes into the queue as it is, problems and all (an
    /// order opened from the queue replaces itself there), and the form clears for the next.
    pub fn save_to_queue(&mut self, commands: &CommandSender) {
        let from_queue = self.queued.is_some();
        self.send_to_queue(commands);
        self.new_order();
        if from_queue {
            commands.app(crate::ui::command::AppCommand::Show(
                crate::ui::Screen::Queue,
            ));
        }
    }

    /// Whether "Save to queue" has something to save: any order from the queue, or a new one
    /// that is not the fresh form.
    pub fn can_save_to_queue(&self) -> bool {
        self.queued.is_some() || self.holds_unsaved()
    }

    /// Whether the form holds typing kept nowhere else: a new order changed from the fresh
    /// form, or a queued order changed since it was opened.
    fn holds_unsaved(&self) -> bool {
        match &self.queued {
            Some(origin) => self.form != origin.opened,
            None => {
                let fresh = TypedOrder::new(
                    &self.form.account,
                    self.form.sender.clone(),
                    self.form.reference.clone(),
                );
                self.form != fresh
            }
        }
    }

    /// Sends the form's order to the queue as it is (replacing the queued one it came from).
    fn send_to_queue(&self, commands: &CommandSender) {
        let origin = self.queued.as_ref();
        commands.send(crate::engine::SaveToQueue {
            form: self.form.clone(),
            order_number: origin.map(|o| o.order_number.clone()).unwrap_or_default(),
            replacing: origin.map(|o| o.reference.clone()),
        });
    }

    /// Validates the form against the chosen forwarder's rules, and the reference against
    /// History (a reference already used is a problem at its field like any other).
    fn validate(&mut self, accounts: &[Account]) -> Option<Shipment> {
        let shipment = self.validate_order(accounts);
        if let Some(origin) = &self.queued
            && self.form.reference.trim() != origin.reference
        {
            // The queue knows the order by its reference: bought under another, it would stay
            // "waiting" there and a batch could buy it a second time.
            let queued = origin.reference.clone();
            self.issues.push(ValidationIssue::new(
                "reference",
                format!("An order from the queue is bought under its reference there: {queued}"),
                format!("队列中的订单须用其参考号下单：{queued}"),
            ));
            return None;
        }
        if let Some((state, _)) = self.reference_used {
            self.issues.push(ValidationIssue::new(
                "reference",
                format!(
                    "Already in History ({}): use a new reference",
                    state.label().en
                ),
                format!("已在历史中（{}）：请换一个新参考号", state.label().zh),
            ));
            return None;
        }
        shipment
    }

    fn validate_order(&mut self, accounts: &[Account]) -> Option<Shipment> {
        let account = accounts.iter().find(|a| a.name == self.form.account);
        match crate::queue::check_typed(&self.form, account) {
            Ok(shipment) => {
                self.issues.clear();
                Some(shipment)
            }
            Err(issues) => {
                self.issues = issues;
                None
            }
        }
    }

    /// Ctrl+Enter: validate, then send to the engine (or, for a forwarder that previews fees,
    /// ask the fee first). Sends nothing when something is wrong, and puts the focus in the
    /// first field to fix. Once an order is on its way the form is cleared for the next one.
    pub fn create(&mut self, context: &mut ShipContext<'_>) {
        if self.sending.is_some() || self.pending_fee.is_some() {
            return;
        }
        self.show_issues = true;
        let previews_fee = context
            .accounts
            .iter()
            .find(|a| a.name == self.form.account)
            .is_some_and(|a| carriers::forwarder(a.forwarder).previews_fee(a));
        match self.validate(context.accounts) {
            Some(shipment) if previews_fee => {
                self.last_result = None;
                self.sending = Some(self.form.clone());
                self.quoting = Some(shipment.clone());
                context
                    .commands
                    .send(Quote::new(shipment, self.form.account.clone()));
            }
            Some(shipment) => {
                let account = self.form.account.clone();
                self.send(shipment, &account, None, context.commands);
            }
            None => self.focus_first_problem(),
        }
    }

    /// Sends an order to be bought and clears the form for the next one.
    fn send(
        &mut self,
        shipment: Shipment,
        account: &str,
        quote: Option<crate::engine::QuoteReport>,
        commands: &CommandSender,
    ) {
        self.last_result = None;
        self.sending = Some(self.form.clone());
        self.last_sent = Some(shipment.clone());
        let reference = shipment.reference.clone();
        commands.send(Ship {
            shipment,
            account: account.to_owned(),
            quote,
        });
        // A scanned order is bought: back to the scan field for the next parcel.
        let scanned = self.queued.as_ref().is_some_and(|q| q.scanned);
        self.new_order();
        self.replaced_by = Some(self.form.clone());
        if scanned {
            commands.app(crate::ui::command::AppCommand::BoughtFromQueue(reference));
        }
    }

    /// Focus on the first field with a problem, in the form's reading order.
    fn focus_first_problem(&mut self) {
        if let Some(issue) = self.issues.iter().min_by_key(|i| reading_order(&i.field)) {
            self.focus = Some(FocusRequest::to(crate::ui::widgets::field_id(&issue.field)));
        }
    }

    /// The order that went out did not buy anything (or the engine refused it before sending):
    /// it comes back into the form to be fixed, unless the packer has begun the next one.
    fn bring_back(&mut self, sent: Option<TypedOrder>) {
        let untouched = self
            .replaced_by
            .take()
            .is_some_and(|fresh| fresh == self.form);
        if let Some(sent) = sent
            && untouched
        {
            self.form = sent;
        }
    }

    fn on_refused(&mut self, error: ShipError) {
        match error {
            ShipError::Invalid(issues) => {
                self.issues = issues;
                self.show_issues = true;
                self.focus_first_problem();
            }
            error => self.last_result = Some(LastResult::NotSent(error.describe())),
        }
    }

    /// The poller moved a shipment on: if it is the one in the result panel, show its number and
    /// label as they arrive (the quoted fee stays as the packer accepted it).
    pub fn on_changed(&mut self, report: &ShipReport) {
        self.note_label(report);
        if let Some(LastResult::Sent(shown)) = &mut self.last_result
            && shown.reference == report.reference
        {
            let quoted_fee = shown.quoted_fee.take();
            *shown = ShipReport {
                quoted_fee,
                ..report.clone()
            };
        }
    }

    /// The engine's answer to the order in flight.
    pub fn on_shipped(&mut self, result: Result<ShipReport, ShipError>) {
        let sent = self.sending.take();
        // The reference sent is in History now, whatever the outcome: ask again.
        self.reference_checked.clear();
        match result {
            Ok(report) => {
                self.note_label(&report);
                if matches!(report.state, ShipmentState::Failed) {
                    // Refused: nothing bought; the order comes back to be fixed.
                    self.bring_back(sent);
                } else {
                    self.replaced_by = None;
                }
                self.last_result = Some(LastResult::Sent(report));
            }
            Err(error) => {
                self.bring_back(sent);
                self.on_refused(error);
            }
        }
    }
}

/// Where a field comes when the form is read top to bottom, for a validation path
/// (`recipient.phone`, `parcels[1].weight`): the header, the recipient, the sender, the boxes,
/// the items.
fn reading_order(path: &str) -> (usize, usize, usize) {
    const ADDRESS: [&str; 10] = [
        "name",
        "company",
        "phone",
        "street1",
        "street2",
        "city",
        "state",
        "postcode",
        "country_code",
        "email",
    ];
    const PARCEL: [&str; 4] = ["length", "width", "height", "weight"];
    const ITEM: [&str; 9] = [
        "name_en",
        "name_zh",
        "quantity",
        "unit_value",
        "currency",
        "hs_code",
        "sku",
        "origin_country",
        "box_number",
    ];
    let (section, rest) = path.split_once('.').unwrap_or((path, ""));
    let rank = |names: &[&str], name: &str| names.iter().position(|n| *n == name).unwrap_or(99);
    let row = |section: &str| {
        section
            .split_once('[')
            .and_then(|(_, i)| i.trim_end_matches(']').parse::<usize>().ok())
            .unwrap_or(0)
    };
    match section {
        "account" => (0, 0, 0),
        "service_code" => (0, 0, 1),
        "reference" => (0, 0, 2),
        "recipient" => (1, 0, rank(&ADDRESS, rest)),
        "sender" => (2, 0, rank(&ADDRESS, rest)),
        s if s.starts_with("parcels") => (3, row(s), rank(&PARCEL, rest)),
        s if s.starts_with("items") => (4, row(s), rank(&ITEM, rest)),
        _ => (5, 0, 0),
    }
}

/// Where a packer's typing starts: the recipient's name.
fn first_field() -> egui::Id {
    crate::ui::widgets::field_id("recipient.name")
}
