//! The ship view's drawing. Laid out for a laptop at a desk (1366x768 and up): the order form
//! on the left, scrolling on its own; the fee question, the result and the label preview in a
//! panel on the right that never moves the form; the buttons and the live summary of what is
//! wrong in a bar along the bottom that is always in view. What the view knows and does is in
//! `mod.rs`; this file only lays it out and sends commands.

use super::{ShipContext, ShipView, address, items, parcel_presets, parcels, sender_profiles};
use crate::ui::i18n::{Language, count, tr};
use crate::ui::widgets::{FieldIssues, action_button, field_id, labelled_field};

impl ShipView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut egui::Ui, context: &mut ShipContext<'_>) {
        if self.show_issues {
            // Live re-validation once messages are visible, so they clear as the packer fixes them.
            self.validate(context.accounts);
        }
        self.focus = self.focus.and_then(|request| request.apply(ui));
        // Cleaned as it arrives, so what the packer sees is what is sent.
        let cleaned = self.form.clean_pasted();
        if !cleaned.is_empty() {
            self.cleaned = cleaned;
        }
        // The scale: which parcel has the focus, the command barcode scanned into any field
        // (taken out of it again), and an empty weight filled when the desk asks for that.
        self.scale.track_focus(ui.ctx(), self.form.parcels.len());
        if self.form.take_command(super::WEIGH_BARCODE) {
            self.use_scale_weight(ui.ctx());
        }
        self.scale.auto_fill(&mut self.form.parcels);
        egui::Panel::bottom("ship-actions").show(ui, |ui| self.actions_ui(ui, context));
        egui::Panel::right("ship-result")
            .resizable(true)
            .default_size(430.0)
            .size_range(320.0..=720.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("ship-result-scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        // Before any field can take Enter or Esc for itself.
                        self.fee_ui(ui, context);
                        self.result_ui(ui, context.language);
                        self.label_actions_ui(ui, context);
                    });
            });
        let issues_list = std::mem::take(&mut self.issues);
        let issues = FieldIssues::new(&issues_list, self.show_issues);
        // Both ways: on a narrow window the form scrolls sideways instead of running under
        // the result panel.
        egui::ScrollArea::both()
            .id_salt("ship-form-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| self.form_ui(ui, context, &issues));
        self.issues = issues_list;
    }

    /// The order: header, the two addresses side by side, parcels, items, options.
    fn form_ui(
        &mut self,
        ui: &mut egui::Ui,
        context: &mut ShipContext<'_>,
        issues: &FieldIssues<'_>,
    ) {
        let language = context.language;
        self.header_ui(ui, context, issues);
        ui.separator();
        ui.columns(2, |columns| {
            columns[0].strong(tr(language, "Recipient", "收件人"));
            self.address_book_ui(&mut columns[0], context);
            address::address_form(
                &mut columns[0],
                language,
                "recipient",
                &mut self.form.recipient,
                issues,
            );
            columns[1].strong(tr(language, "Sender", "发件人"));
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
                issues,
            );
        });
        ui.separator();
        ui.strong(tr(language, "Parcels", "包裹"));
        self.scale.ui(ui, language);
        if let Some(message) = issues.message("parcels", language) {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
        ui.push_id("parcels-table", |ui| {
            parcels::parcels_table(ui, language, &mut self.form.parcels, issues);
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
        ui.strong(tr(language, "Customs items", "申报品名"));
        ui.push_id("items-table", |ui| {
            let asked = items::items_table(ui, language, &mut self.form.items, issues);
            self.on_items_asked(asked, context.commands);
        });
        self.catalogue_note_ui(ui, language);
        ui.separator();
        ui.horizontal(|ui| {
            ui.checkbox(&mut self.form.insurance, tr(language, "Insurance", "保险"));
            ui.checkbox(
                &mut self.form.signature,
                tr(language, "Signature on delivery", "签收"),
            );
        });
    }

    /// Account, service and reference on one line.
    fn header_ui(
        &mut self,
        ui: &mut egui::Ui,
        context: &mut ShipContext<'_>,
        issues: &FieldIssues<'_>,
    ) {
        let language = context.language;
        ui.horizontal_wrapped(|ui| {
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
            let default_service = context
                .accounts
                .iter()
                .find(|a| a.name == self.form.account)
                .map(|a| a.settings.default_service_code.clone())
                .unwrap_or_default();
            egui::Grid::new("ship-header")
                .num_columns(2)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    let services = context
                        .services
                        .iter()
                        .find(|s| s.account == self.form.account)
                        .map(|s| s.services.as_slice())
                        .unwrap_or_default();
                    self.service_picker.ui(
                        ui,
                        language,
                        &mut self.form.service_code,
                        &default_service,
                        issues.message("service_code", language),
                        services,
                    );
                });
            egui::Grid::new("ship-reference")
                .num_columns(2)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    labelled_field(
                        ui,
                        tr(language, "Reference", "参考号"),
                        field_id("reference"),
                        &mut self.form.reference,
                        issues.message("reference", language),
                        200.0,
                    );
                });
        });
        if self.reference_used.is_some() {
            self.reference_used_ui(ui, language);
        }
        self.check_reference(context.commands);
    }

    /// The bottom bar: Create, New, Duplicate (with their shortcuts), what is being sent, and
    /// how many fields still need attention, counted live.
    fn actions_ui(&mut self, ui: &mut egui::Ui, context: &mut ShipContext<'_>) {
        let language = context.language;
        ui.horizontal_wrapped(|ui| {
            let ready = self.sending.is_none() && self.pending_fee.is_none();
            let create = ui
                .add_enabled(
                    ready,
                    egui::Button::new(tr(
                        language,
                        "Create shipment  (Ctrl+Enter)",
                        "创建运单  (Ctrl+Enter)",
                    ))
                    .sense(egui::Sense::CLICK),
                )
                .clicked();
            if create {
                self.create(context);
            }
            let save = egui::Button::new(tr(language, "Save to queue", "存入队列"))
                .sense(egui::Sense::CLICK);
            if ui.add_enabled(self.can_save_to_queue(), save).clicked() {
                self.save_to_queue(context.commands);
            }
            if action_button(ui, tr(language, "New  (Ctrl+N)", "新建  (Ctrl+N)")).clicked() {
                self.new_order();
            }
            if ui
                .add_enabled(
                    self.last_sent.is_some(),
                    egui::Button::new(tr(
                        language,
                        "Duplicate last  (Ctrl+D)",
                        "复制上一票  (Ctrl+D)",
                    ))
                    .sense(egui::Sense::CLICK),
                )
                .clicked()
            {
                self.duplicate_last();
            }
            if let Some(origin) = &self.queued {
                ui.weak(queued_hint(language, &origin.reference, origin.scanned));
            }
            if let Some(form) = &self.sending {
                ui.spinner();
                let doing = if self.quoting.is_some() {
                    tr(language, "Asking the fee for", "正在预览费用")
                } else {
                    tr(language, "Buying", "正在下单")
                };
                ui.label(format!("{doing} {}", form.reference));
            }
            if !self.cleaned.is_empty() {
                ui.weak(match language {
                    Language::Zh => format!(
                        "已把粘贴的换行、制表符或全角字符改为普通字符：{}",
                        self.cleaned.join("、")
                    ),
                    Language::En => format!(
                        "Pasted line breaks, tabs or full-width characters were made plain in {}.",
                        self.cleaned.join(", ")
                    ),
                });
            }
            if self.show_issues && !self.issues.is_empty() {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    not_sent_summary(language, self.issues.len()),
                );
            }
        });
    }
}

/// "Not sent: 2 fields need attention (in red)." in the packer's language.
fn not_sent_summary(language: Language, problems: usize) -> String {
    match language {
        Language::Zh => format!("未提交：{problems} 处需要修改（已标红）。"),
        Language::En => format!(
            "Not sent: {} attention (marked in red).",
            count(problems, "field needs", "fields need")
        ),
    }
}

/// What the bar says about an order opened from the queue.
fn queued_hint(language: Language, reference: &str, scanned: bool) -> String {
    match (language, scanned) {
        (Language::Zh, true) => format!("来自队列：{reference}。输入重量后按回车即下单。"),
        (Language::Zh, false) => format!("来自队列：{reference}。改好后可下单或存回队列。"),
        (Language::En, true) => {
            format!("From the queue: {reference}. Type the weight; Enter buys.")
        }
        (Language::En, false) => {
            format!("From the queue: {reference}. Fix it, then create, or save it back.")
        }
    }
}
