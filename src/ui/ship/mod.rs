//! The packer's screen: account and reference, recipient and sender, parcels and customs items,
//! inline validation, and the result of the last create. Keyboard first: Tab walks the form in
//! reading order, Ctrl+Enter creates, Ctrl+N starts a new order, Ctrl+D duplicates the last one.
//! A forwarder that previews fees (logssc) is asked for the fee first; it is shown, and Enter buys
//! at that fee while Esc buys nothing.

mod address;
mod address_book;
mod fee_confirm;
mod form;
mod items;
mod parcel_presets;
mod parcels;
mod reference_check;
mod result;
mod sender_profiles;

pub use form::{ShipForm, new_reference};
pub use result::open_in_system_viewer;

use fee_confirm::PendingFee;

use crate::carriers::{self, Account};
use crate::engine::{Quote, Ship, ShipError, ShipReport};
use crate::model::{Shipment, ShipmentState, Text, ValidationIssue};
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, tr};
use crate::ui::widgets::{FieldIssues, labelled_field};

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
    pub form: ShipForm,
    issues: Vec<ValidationIssue>,
    /// Set by the first create attempt: from then on, messages show at the fields.
    show_issues: bool,
    /// The order in flight, if any (the form stays usable meanwhile).
    sending: Option<ShipForm>,
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
    pub fn new(draft: Option<ShipForm>, account: &str, sender: crate::model::Address) -> Self {
        let form = draft.unwrap_or_else(|| ShipForm::new(account, sender, new_reference(1)));
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
        self.form = ShipForm::new(&self.form.account, self.form.sender.clone(), reference);
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
        self.form = ShipForm::from_shipment(shipment, &self.form.account, reference);
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

    /// Draws the view.
    pub fn ui(&mut self, ui: &mut egui::Ui, context: &mut ShipContext<'_>) {
        let language = context.language;
        if self.show_issues {
            // Live re-validation once messages are visible, so they clear as the packer fixes them.
            self.validate(context.accounts);
        }
        // Before any field can take Enter or Esc for itself.
        self.fee_ui(ui, context);
        let issues_list = std::mem::take(&mut self.issues);
        let issues = FieldIssues::new(&issues_list, self.show_issues);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.header_ui(ui, context, &issues);
                ui.separator();
                ui.columns(2, |columns| {
                    columns[0].heading(tr(language, "Recipient", "收件人"));
                    self.address_book_ui(&mut columns[0], context);
                    address::address_form(
                        &mut columns[0],
                        language,
                        "recipient",
                        &mut self.form.recipient,
                        &issues,
                    );
                    columns[1].heading(tr(language, "Sender", "发件人"));
                    sender_profiles::sender_profiles_ui(
                        &mut columns[1],
                        language,
                        &mut self.form.sender,
                        &self.sender_profiles,
                        &mut self.profile_saving,
                        context.commands,
                    );
                    address::address_form(
                        &mut columns[1],
                        language,
                        "sender",
                        &mut self.form.sender,
                        &issues,
                    );
                });
                ui.separator();
                ui.heading(tr(language, "Parcels", "包裹"));
                if let Some(message) = issues.message("parcels", language) {
                    ui.colored_label(ui.visuals().error_fg_color, message);
                }
                ui.push_id("parcels-table", |ui| {
                    parcels::parcels_table(ui, language, &mut self.form.parcels, &issues);
                });
                parcel_presets::presets_ui(
                    ui,
                    language,
                    &mut self.form.parcels,
                    &self.parcel_presets,
                    &mut self.preset_saving,
                    context.commands,
                );
                ui.separator();
                ui.heading(tr(language, "Customs items", "申报品名"));
                ui.push_id("items-table", |ui| {
                    items::items_table(ui, language, &mut self.form.items, &issues);
                });
                ui.separator();
                ui.horizontal(|ui| {
                    ui.checkbox(&mut self.form.insurance, tr(language, "Insurance", "保险"));
                    ui.checkbox(
                        &mut self.form.signature,
                        tr(language, "Signature on delivery", "签收"),
                    );
                });
                ui.add_space(6.0);
                self.actions_ui(ui, context);
                self.result_ui(ui, language);
                self.label_actions_ui(ui, context);
            });
        self.issues = issues_list;
    }

    fn header_ui(
        &mut self,
        ui: &mut egui::Ui,
        context: &mut ShipContext<'_>,
        issues: &FieldIssues<'_>,
    ) {
        let language = context.language;
        egui::Grid::new("ship-header")
            .num_columns(2)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                let label = ui.label(tr(language, "Account", "账号"));
                let current = self.form.account.clone();
                egui::ComboBox::from_id_salt("account")
                    .selected_text(if current.is_empty() {
                        "—".to_owned()
                    } else {
                        current
                    })
                    .width(220.0)
                    .show_ui(ui, |ui| {
                        for account in context.accounts {
                            let name = format!(
                                "{} ({})",
                                account.name,
                                account
                                    .forwarder
                                    .display_name()
                                    .in_language(language.code())
                            );
                            ui.selectable_value(&mut self.form.account, account.name.clone(), name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                let default_service = context
                    .accounts
                    .iter()
                    .find(|a| a.name == self.form.account)
                    .map(|a| a.settings.default_service_code.clone())
                    .unwrap_or_default();
                let label = ui.label(tr(language, "Service code", "渠道代码"));
                ui.vertical(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut self.form.service_code)
                            .hint_text(default_service)
                            .desired_width(160.0),
                    )
                    .labelled_by(label.id);
                    if let Some(message) = issues.message("service_code", language) {
                        ui.colored_label(ui.visuals().error_fg_color, message);
                    }
                });
                ui.end_row();
                labelled_field(
                    ui,
                    tr(language, "Reference", "参考号"),
                    &mut self.form.reference,
                    issues.message("reference", language),
                    240.0,
                );
                if self.reference_used.is_some() {
                    ui.label("");
                    self.reference_used_ui(ui, language);
                    ui.end_row();
                }
            });
        self.check_reference(context.commands);
    }

    fn actions_ui(&mut self, ui: &mut egui::Ui, context: &mut ShipContext<'_>) {
        let language = context.language;
        ui.horizontal(|ui| {
            let create = ui
                .add_enabled(
                    self.sending.is_none() && self.pending_fee.is_none(),
                    egui::Button::new(tr(
                        language,
                        "Create shipment  (Ctrl+Enter)",
                        "创建运单  (Ctrl+Enter)",
                    )),
                )
                .clicked();
            if create {
                self.create(context);
            }
            if ui
                .button(tr(language, "New  (Ctrl+N)", "新建  (Ctrl+N)"))
                .clicked()
            {
                self.new_order();
            }
            if ui
                .add_enabled(
                    self.last_sent.is_some(),
                    egui::Button::new(tr(
                        language,
                        "Duplicate last  (Ctrl+D)",
                        "复制上一票  (Ctrl+D)",
                    )),
                )
                .clicked()
            {
                self.duplicate_last();
            }
            if let Some(form) = &self.sending {
                ui.spinner();
                let doing = if self.quoting.is_some() {
                    tr(language, "Asking the fee for", "正在预览费用")
                } else {
                    tr(language, "Sending", "提交中")
                };
                ui.label(format!("{doing} {}", form.reference));
            }
        });
    }
}
