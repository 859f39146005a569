//! The ship view's drawing: the header (account, service, reference), the two addresses, the
//! parcels and items tables, the options, the buttons and the result with its label. What the
//! view knows and does is in `mod.rs`; this file only lays it out and sends commands.

use super::{ShipContext, ShipView, address, items, parcel_presets, parcels, sender_profiles};
use crate::ui::i18n::tr;
use crate::ui::widgets::{FieldIssues, labelled_field};

impl ShipView {
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
