//! The packer's screen: account and reference, recipient and sender, parcels and customs items,
//! inline validation, and the result of the last create. Keyboard first: Tab walks the form in
//! reading order, Ctrl+Enter creates, Ctrl+N starts a new order, Ctrl+D duplicates the last one.
//! A forwarder that previews fees (logssc) is asked for the fee first; it is shown, and Enter buys
//! at that fee while Esc buys nothing.

mod address;
mod form;
mod items;
mod parcel_presets;
mod parcels;
mod sender_profiles;

pub use form::{ShipForm, new_reference};

use crate::carriers::{self, Account};
use crate::engine::{Command, QuoteReport, ShipError, ShipReport};
use crate::model::{Shipment, ShipmentState, Text, ValidationIssue};
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

/// A fee the forwarder previewed, waiting for the packer's yes or no.
struct PendingFee {
    /// The quote to buy with.
    quote: QuoteReport,
    /// The order it prices.
    shipment: Shipment,
    /// The form as it was when asked.
    form: ShipForm,
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
    pub commands: &'a mut Vec<Command>,
    /// The desk's label printer.
    pub printer: &'a crate::ui::printers::PrintersView,
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

    /// History's answer about a reference (answers about an older one are ignored).
    pub fn on_reference_checked(&mut self, reference: &str, used: Option<(ShipmentState, i64)>) {
        if reference == self.reference_checked {
            self.reference_used = used;
        }
    }

    /// Asks History about the reference whenever it changed (a scanner types it in a burst; each
    /// lookup is one index probe).
    fn check_reference(&mut self, commands: &mut Vec<Command>) {
        let typed = self.form.reference.trim();
        if typed != self.reference_checked {
            self.reference_checked = typed.to_owned();
            self.reference_used = None;
            if !typed.is_empty() {
                commands.push(Command::CheckReference(typed.to_owned()));
            }
        }
    }

    /// The hint under the reference when History already has it, with a way out.
    fn reference_used_ui(&mut self, ui: &mut egui::Ui, language: Language) {
        let Some((state, at)) = self.reference_used else {
            return;
        };
        let when = crate::store::format_local_time(at, "%Y-%m-%d %H:%M");
        let label = state.label();
        let text = Text::new(
            format!("Already used by a shipment of {when} ({}).", label.en),
            format!("该参考号已被 {when} 的运单使用（{}）。", label.zh),
        );
        let mut fresh = false;
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                text.in_language(language.code()),
            );
            let link = egui::RichText::new(tr(language, "Use a new reference", "换一个新参考号"))
                .underline();
            fresh = ui
                .add(egui::Label::new(link).sense(egui::Sense::CLICK))
                .clicked();
        });
        if fresh {
            self.form.reference = self.next_reference();
        }
    }

    /// Address-book suggestions arrived (older generations are ignored).
    pub fn on_suggestions(&mut self, generation: u64, addresses: Vec<crate::model::Address>) {
        if generation == self.suggestion_generation {
            self.suggestions = addresses;
        }
    }

    /// Asks for suggestions when the recipient's name changed; shows them with Alt+1…5 to pick.
    fn address_book_ui(&mut self, ui: &mut egui::Ui, context: &mut ShipContext<'_>) {
        let typed = self.form.recipient.name.trim().to_owned();
        if typed != self.suggested_for {
            self.suggested_for = typed.clone();
            self.suggestion_generation += 1;
            self.suggestions.clear();
            if typed.chars().count() >= 2 {
                context.commands.push(Command::SuggestRecipients {
                    prefix: typed.clone(),
                    generation: self.suggestion_generation,
                });
            }
        }
        let shown: Vec<crate::model::Address> = self
            .suggestions
            .iter()
            .filter(|a| {
                a.name.trim() != typed || a.street1.trim() != self.form.recipient.street1.trim()
            })
            .take(5)
            .cloned()
            .collect();
        if shown.is_empty() {
            return;
        }
        let keys = [
            egui::Key::Num1,
            egui::Key::Num2,
            egui::Key::Num3,
            egui::Key::Num4,
            egui::Key::Num5,
        ];
        let mut picked = None;
        ui.horizontal_wrapped(|ui| {
            ui.weak(tr(context.language, "Earlier recipients:", "以往收件人："));
            for (n, address) in shown.iter().enumerate() {
                let text = format!(
                    "Alt+{} {} — {}, {} {}",
                    n + 1,
                    address.name,
                    address.street1,
                    address.city,
                    address.postcode
                );
                // Clickable but outside the Tab order, so the form's keyboard flow stays as it was.
                let response = ui.add(
                    egui::Label::new(egui::RichText::new(text).underline())
                        .sense(egui::Sense::CLICK),
                );
                let by_key = ui.input_mut(|i| i.consume_key(egui::Modifiers::ALT, keys[n]));
                if response.clicked() || by_key {
                    picked = Some(address.clone());
                }
            }
        });
        if let Some(address) = picked {
            self.form.recipient = address;
            self.suggested_for = self.form.recipient.name.trim().to_owned();
            self.suggestions.clear();
        }
    }

    /// The account of the order in flight.
    pub fn sending_account(&self) -> Option<String> {
        self.sending.as_ref().map(|form| form.account.clone())
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
                context.commands.push(Command::Quote {
                    shipment: Box::new(shipment),
                    account: self.form.account.clone(),
                });
            }
            Some(shipment) => {
                self.last_result = None;
                self.sending = Some(self.form.clone());
                self.last_sent = Some(shipment.clone());
                context.commands.push(Command::Ship {
                    shipment: Box::new(shipment),
                    account: self.form.account.clone(),
                    quote: None,
                });
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

    /// The forwarder's fee for the order being priced: shown until the packer buys or declines.
    pub fn on_quoted(&mut self, result: Result<Box<QuoteReport>, ShipError>) {
        let form = self.sending.take();
        let shipment = self.quoting.take();
        match (result, shipment, form) {
            (Ok(quote), Some(shipment), Some(form)) => {
                self.pending_fee = Some(PendingFee {
                    quote: *quote,
                    shipment,
                    form,
                });
            }
            (Ok(_), _, _) => {}
            (Err(error), _, _) => self.on_refused(error),
        }
    }

    /// Enter: buy at the previewed fee.
    pub fn accept_fee(&mut self, commands: &mut Vec<Command>) {
        let Some(pending) = self.pending_fee.take() else {
            return;
        };
        self.sending = Some(pending.form);
        self.last_sent = Some(pending.shipment.clone());
        commands.push(Command::Ship {
            shipment: Box::new(pending.shipment),
            account: pending.quote.account.clone(),
            quote: Some(Box::new(pending.quote)),
        });
    }

    /// Esc: do not buy; the form stays as it is.
    pub fn decline_fee(&mut self) {
        if let Some(pending) = self.pending_fee.take() {
            self.last_result = Some(LastResult::NotSent(Text::new(
                format!(
                    "Not bought: the fee {} was declined. Nothing was sent.",
                    pending.quote.fee
                ),
                format!("未下单：未接受费用 {}，未提交。", pending.quote.fee),
            )));
        }
    }

    /// The previewed fee and the keys that answer it.
    fn fee_ui(&mut self, ui: &mut egui::Ui, context: &mut ShipContext<'_>) {
        let Some(pending) = &self.pending_fee else {
            return;
        };
        let language = context.language;
        let (enter, escape) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
            )
        });
        let forwarder = context
            .accounts
            .iter()
            .find(|a| a.name == pending.quote.account)
            .map(|a| a.forwarder.display_name())
            .unwrap_or_default();
        let mut accept = enter;
        let mut decline = escape;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong(match language {
                crate::ui::i18n::Language::Zh => format!(
                    "{} 对 {} 的费用预览：{}。按此费用购买面单？",
                    forwarder.zh, pending.quote.reference, pending.quote.fee
                ),
                _ => format!(
                    "{} fee preview for {}: {}. Buy the label at this fee?",
                    forwarder.en, pending.quote.reference, pending.quote.fee
                ),
            });
            ui.horizontal(|ui| {
                accept |= ui
                    .button(tr(
                        language,
                        "Buy at this fee  (Enter)",
                        "按此费用购买  (Enter)",
                    ))
                    .clicked();
                decline |= ui
                    .button(tr(language, "Don't buy  (Esc)", "不购买  (Esc)"))
                    .clicked();
            });
        });
        if accept {
            self.accept_fee(context.commands);
        } else if decline {
            self.decline_fee();
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
                if let Some(LastResult::Sent(report)) = &self.last_result
                    && let Some(path) = &report.label_path
                {
                    let reference = report.reference.clone();
                    ui.horizontal(|ui| {
                        let print = ui.button(tr(language, "Print label", "打印面单"));
                        if print.clicked() {
                            match context.printer.print_command(vec![reference], false) {
                                Some(command) => context.commands.push(command),
                                None => {
                                    ui.colored_label(
                                        ui.visuals().warn_fg_color,
                                        tr(
                                            language,
                                            "Set the label printer under Accounts first.",
                                            "请先在“账号”中设置面单打印机。",
                                        ),
                                    );
                                }
                            }
                        }
                    });
                    self.preview.show(path, context.commands);
                    self.preview.ui(ui, language);
                }
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

    fn result_ui(&mut self, ui: &mut egui::Ui, language: Language) {
        let Some(result) = &self.last_result else {
            return;
        };
        ui.add_space(6.0);
        egui::Frame::group(ui.style()).show(ui, |ui| match result {
            LastResult::NotSent(message) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    message.in_language(language.code()),
                );
            }
            LastResult::Sent(report) => {
                let good = matches!(
                    report.state,
                    ShipmentState::Created | ShipmentState::Printed
                );
                let colour = if good {
                    egui::Color32::from_rgb(80, 200, 120)
                } else {
                    ui.visuals().error_fg_color
                };
                ui.colored_label(
                    colour,
                    format!(
                        "{}: {}",
                        report.reference,
                        report.state.label().in_language(language.code())
                    ),
                );
                if let Some(tracking) = &report.tracking_number {
                    ui.horizontal(|ui| {
                        ui.label(tr(language, "Tracking number:", "跟踪号："));
                        ui.strong(tracking);
                        if ui.button(tr(language, "Copy", "复制")).clicked() {
                            ui.ctx().copy_text(tracking.clone());
                        }
                    });
                }
                if let Some(path) = &report.label_path {
                    ui.horizontal(|ui| {
                        ui.label(tr(language, "Label:", "面单："));
                        ui.monospace(path.display().to_string());
                        if ui.button(tr(language, "Open label", "打开面单")).clicked() {
                            open_in_system_viewer(path);
                        }
                    });
                }
                if let Some(fee) = &report.quoted_fee {
                    ui.label(format!(
                        "{} {fee}",
                        tr(language, "Fee accepted:", "已确认费用：")
                    ));
                }
                if let Some(message) = &report.message {
                    ui.label(message.in_language(language.code()));
                }
            }
        });
    }
}

/// Opens a file with the desktop's viewer, without waiting for it.
pub fn open_in_system_viewer(path: &std::path::Path) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(error) = std::process::Command::new(program).arg(path).spawn() {
        tracing::warn!("cannot open {}: {error}", path.display());
    }
}
