//! The packer's screen: account and reference, recipient and sender, parcels and customs items,
//! inline validation, and the result of the last create. Keyboard first: Tab walks the form in
//! reading order, Ctrl+Enter creates, Ctrl+N starts a new order, Ctrl+D duplicates the last one.
//! A forwarder that previews fees (logssc) is asked for the fee first; it is shown, and Enter buys
//! at that fee while Esc buys nothing.
//!
//! This file holds the view's state and what it does (validate, create, take the engine's
//! answers); `view.rs` draws it; `typed_order.rs` holds what is typed, as text, and its parsing.

mod address;
mod address_book;
mod fee_confirm;
mod items;
mod parcel_presets;
mod parcels;
mod reference_check;
mod result;
mod sender_profiles;
mod typed_order;
mod view;

pub use result::open_in_system_viewer;
pub use typed_order::{TypedOrder, new_reference};

use fee_confirm::PendingFee;

use crate::carriers::{self, Account};
use crate::engine::{Quote, Ship, ShipError, ShipReport};
use crate::model::{Shipment, ShipmentState, Text, ValidationIssue};
use crate::ui::command::CommandSender;
use crate::ui::i18n::Language;

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
    /// The order in flight, if any (the form stays usable meanwhile).
    sending: Option<TypedOrder>,
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
}

/// What the ship view needs from the app for one frame.
pub struct ShipContext<'a> {
    /// Interface language.
    pub language: Language,
    /// Accounts to pick from.
    pub accounts: &'a [Account],
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

    /// Whether an order is in flight.
    pub fn is_sending(&self) -> bool {
        self.sending.is_some()
    }

    fn next_reference(&mut self) -> String {
        self.references_made += 1;
        new_reference(self.references_made)
    }

    /// Ctrl+N: a new order, keeping the account and sender.
    pub fn new_order(&mut self) {
        let reference = self.next_reference();
        self.form = TypedOrder::new(&self.form.account, self.form.sender.clone(), reference);
        self.issues.clear();
        self.show_issues = false;
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
        self.show_issues = false;
    }

    /// Validates the form against the chosen forwarder's rules.
    fn validate(&mut self, accounts: &[Account]) -> Option<Shipment> {
        let account = accounts.iter().find(|a| a.name == self.form.account);
        match (self.form.to_shipment(), account) {
            (Ok(shipment), Some(account)) => {
                self.issues = carriers::validate_for(&shipment, account);
                self.issues.is_empty().then_some(shipment)
            }
            (Ok(shipment), None) => {
                self.issues = crate::model::validate_shipment(&shipment);
                self.issues.push(ValidationIssue::new(
                    "account",
                    "Choose an account",
                    "请选择账号",
                ));
                None
            }
            (Err(mut parse_issues), _) => {
                self.issues = crate::model::validate_shipment(&self.form.to_shipment_lenient());
                self.issues
                    .retain(|i| !parse_issues.iter().any(|p| p.field == i.field));
                self.issues.append(&mut parse_issues);
                None
            }
        }
    }

    /// Ctrl+Enter: validate, then send to the engine (or, for a forwarder that previews fees,
    /// ask the fee first). Sends nothing when something is wrong.
    pub fn create(&mut self, context: &mut ShipContext<'_>) {
        if self.sending.is_some() || self.pending_fee.is_some() {
            return;
        }
        self.show_issues = true;
        if let Some((state, _)) = self.reference_used {
            self.last_result = Some(LastResult::NotSent(Text::new(
                format!(
                    "Not sent: reference {} is already in History ({}). Use a new reference.",
                    self.form.reference.trim(),
                    state.label().en
                ),
                format!(
                    "未提交：参考号 {} 已在历史中（{}），请换一个新参考号。",
                    self.form.reference.trim(),
                    state.label().zh
                ),
            )));
            return;
        }
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
                self.last_result = None;
                self.sending = Some(self.form.clone());
                self.last_sent = Some(shipment.clone());
                context
                    .commands
                    .send(Ship::new(shipment, self.form.account.clone()));
            }
            None => {
                let count = self.issues.len();
                self.last_result = Some(LastResult::NotSent(Text::new(
                    format!("Not sent: {count} field(s) need attention (marked in red)."),
                    format!("未提交：{count} 处需要修改（已标红）。"),
                )));
            }
        }
    }

    fn on_refused(&mut self, error: ShipError) {
        match error {
            ShipError::Invalid(issues) => {
                self.issues = issues;
                self.show_issues = true;
                self.last_result = Some(LastResult::NotSent(Text::new(
                    "Not sent: fix the fields marked in red.",
                    "未提交：请修改标红的字段。",
                )));
            }
            error => self.last_result = Some(LastResult::NotSent(error.describe())),
        }
    }

    /// The poller moved a shipment on: if it is the one in the result panel, show its number and
    /// label as they arrive (the quoted fee stays as the packer accepted it).
    pub fn on_changed(&mut self, report: &ShipReport) {
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
        let sent_form = self.sending.take();
        // The reference sent is in History now, whatever the outcome: ask again.
        self.reference_checked.clear();
        match result {
            Ok(report) => {
                let bought = matches!(
                    report.state,
                    ShipmentState::Created | ShipmentState::Printed
                );
                // Start the next order only if the packer has not begun typing it already.
                if bought && sent_form.as_ref() == Some(&self.form) {
                    self.new_order();
                }
                self.last_result = Some(LastResult::Sent(report));
            }
            Err(error) => self.on_refused(error),
        }
    }
}
