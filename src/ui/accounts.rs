//! Accounts: the forwarder accounts the shop ships with. Add and edit them here; secrets are
//! typed into password fields and go to the system keychain only (the engine writes them; this
//! view forgets them once sent). "Test connection" asks the forwarder whether it accepts them.

use std::collections::{BTreeMap, HashMap};

use crate::carriers::{Account, AccountSettings, Credentials, ForwarderKind};
use crate::engine::{
    DeleteAccount, SANDBOX_ACCOUNT, SaveAccount, TestConnection, account_warnings,
};
use crate::model::Text;
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, tr};

/// The add/edit form, as typed.
#[derive(Clone, PartialEq)]
struct AccountForm {
    name: String,
    forwarder: ForwarderKind,
    base_url: String,
    service_code: String,
    timeout_secs: String,
    auto_print: bool,
    /// The forwarder's own settings (`ForwarderKind::setting_fields`), as typed.
    fields: BTreeMap<String, String>,
    secrets: BTreeMap<&'static str, String>,
    /// Editing an existing account (empty secrets keep the stored ones).
    editing: bool,
}

impl AccountForm {
    fn new() -> Self {
        Self {
            name: String::new(),
            forwarder: ForwarderKind::WesternPost,
            base_url: String::new(),
            service_code: String::new(),
            timeout_secs: "30".to_owned(),
            auto_print: false,
            fields: BTreeMap::new(),
            secrets: BTreeMap::new(),
            editing: false,
        }
    }

    /// The account as typed (secrets apart), as it would be saved.
    fn account(&self) -> Account {
        Account {
            name: self.name.trim().to_owned(),
            forwarder: self.forwarder,
            base_url: self.base_url.trim().trim_end_matches('/').to_owned(),
            settings: AccountSettings {
                default_service_code: self.service_code.trim().to_owned(),
                auto_print: self.auto_print,
                timeout_secs: self.timeout_secs.trim().parse().unwrap_or(30),
                concurrency: crate::carriers::DEFAULT_CONCURRENCY,
                // Only this forwarder's own settings, and only those typed.
                fields: self
                    .forwarder
                    .setting_fields()
                    .iter()
                    .filter_map(|f| {
                        let value = self.fields.get(f.key)?.trim();
                        (!value.is_empty()).then(|| (f.key.to_owned(), value.to_owned()))
                    })
                    .collect(),
            },
            builtin_sandbox: false,
        }
    }

    fn editing(account: &Account) -> Self {
        Self {
            name: account.name.clone(),
            forwarder: account.forwarder,
            base_url: account.base_url.clone(),
            service_code: account.settings.default_service_code.clone(),
            timeout_secs: account.settings.timeout_secs.to_string(),
            auto_print: account.settings.auto_print,
            fields: account.settings.fields.clone(),
            secrets: BTreeMap::new(),
            editing: true,
        }
    }
}

/// The Accounts screen's state.
pub struct AccountsView {
    form: Option<AccountForm>,
    busy: bool,
    message: Option<Result<Text, Text>>,
    verdicts: HashMap<String, Result<Text, Text>>,
    testing: Option<String>,
    /// Each account's services list refresh.
    pub services: super::account_services::ServicesRefresh,
}

impl AccountsView {
    /// Nothing open.
    pub fn new() -> Self {
        Self {
            form: None,
            busy: false,
            message: None,
            verdicts: HashMap::new(),
            testing: None,
            services: Default::default(),
        }
    }

    /// The engine saved or refused an account.
    pub fn on_saved(&mut self, result: Result<String, Text>) {
        self.busy = false;
        match result {
            Ok(name) => {
                // Saved: the secrets are in the keychain, and this window forgets them.
                self.form = None;
                self.verdicts.remove(&name);
                self.message = Some(Ok(Text::new(
                    format!("Saved {name}; its secrets are in the system keychain."),
                    format!("已保存 {name}，密钥已存入系统钥匙串。"),
                )));
            }
            // Refused: the form stays as typed, secrets included, to be saved again.
            Err(problem) => self.message = Some(Err(problem)),
        }
    }

    /// The engine removed an account, or could not.
    pub fn on_deleted(&mut self, result: Result<String, Text>) {
        self.message = Some(
            result.map(|name| Text::new(format!("Removed {name}."), format!("已删除 {name}。"))),
        );
    }

    /// The forwarder's verdict on an account's credentials.
    pub fn on_tested(&mut self, account: String, verdict: Result<Text, Text>) {
        self.testing = None;
        self.verdicts.insert(account, verdict);
    }

    /// Draws the screen.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        language: Language,
        accounts: &[Account],
        services: &[crate::store::ServicesOffered],
        commands: &CommandSender,
    ) {
        let code = language.code();
        ui.heading(tr(language, "Forwarder accounts", "物流商账号"));
        egui::Grid::new("accounts")
            .striped(true)
            .num_columns(5)
            .show(ui, |ui| {
                for (en, zh) in [
                    ("Name", "名称"),
                    ("Forwarder", "物流商"),
                    ("Default service", "默认渠道"),
                    ("Address", "接口地址"),
                    ("", ""),
                ] {
                    ui.strong(tr(language, en, zh));
                }
                ui.end_row();
                for account in accounts {
                    ui.label(&account.name);
                    ui.label(account.forwarder.display_name().in_language(code));
                    ui.label(&account.settings.default_service_code);
                    if account.builtin_sandbox {
                        ui.label(tr(
                            language,
                            "built-in sandbox (no secrets needed)",
                            "内置沙盒（无需密钥）",
                        ));
                    } else {
                        ui.horizontal(|ui| {
                            ui.label(&account.base_url);
                            unencrypted_mark_ui(ui, language, account);
                        });
                    }
                    ui.horizontal(|ui| {
                        let testing = self.testing.as_deref() == Some(account.name.as_str());
                        if ui
                            .add_enabled(
                                !testing,
                                egui::Button::new(tr(language, "Test connection", "测试连接")),
                            )
                            .clicked()
                        {
                            self.testing = Some(account.name.clone());
                            commands.send(TestConnection(account.name.clone()));
                        }
                        if testing {
                            ui.spinner();
                        }
                        let kept = services.iter().find(|s| s.account == account.name);
                        self.services.ui(ui, language, account, kept, commands);
                        if !account.builtin_sandbox {
                            if ui.button(tr(language, "Edit", "编辑")).clicked() {
                                self.form = Some(AccountForm::editing(account));
                                self.message = None;
                            }
                            if ui.button(tr(language, "Remove", "删除")).clicked() {
                                commands.send(DeleteAccount(account.name.clone()));
                            }
                        }
                    });
                    ui.end_row();
                    if let Some(verdict) = self.verdicts.get(&account.name) {
                        ui.label("");
                        match verdict {
                            Ok(text) => ui.colored_label(
                                egui::Color32::from_rgb(80, 200, 120),
                                text.in_language(code),
                            ),
                            Err(text) => ui
                                .colored_label(ui.visuals().error_fg_color, text.in_language(code)),
                        };
                        ui.end_row();
                    }
                    if self.services.has_news(&account.name) {
                        ui.label("");
                        self.services.news_ui(ui, language, &account.name);
                        ui.end_row();
                    }
                }
            });
        ui.add_space(8.0);
        if self.form.is_none() && ui.button(tr(language, "Add account", "添加账号")).clicked() {
            self.form = Some(AccountForm::new());
            self.message = None;
        }
        if let Some(message) = &self.message {
            match message {
                Ok(text) => ui.label(text.in_language(code)),
                Err(text) => ui.colored_label(ui.visuals().error_fg_color, text.in_language(code)),
            };
        }
        let mut close = false;
        if let Some(form) = &mut self.form {
            ui.separator();
            let before = form.clone();
            close = form_ui(ui, language, form, &mut self.busy, commands);
            // A refusal is about what was typed: once that changes, it no longer applies.
            if *form != before && matches!(self.message, Some(Err(_))) {
                self.message = None;
            }
        }
        if close {
            self.form = None;
        }
    }
}

/// The add/edit form; returns true when it should close.
fn form_ui(
    ui: &mut egui::Ui,
    language: Language,
    form: &mut AccountForm,
    busy: &mut bool,
    commands: &CommandSender,
) -> bool {
    let code = language.code();
    ui.heading(if form.editing {
        tr(language, "Edit account", "编辑账号")
    } else {
        tr(language, "New account", "新账号")
    });
    egui::Grid::new("account-form")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let label = ui.label(tr(language, "Account name", "账号名称"));
            ui.add_enabled(
                !form.editing,
                egui::TextEdit::singleline(&mut form.name).desired_width(220.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(tr(language, "Forwarder", "物流商"));
            egui::ComboBox::from_id_salt("account-forwarder")
                .selected_text(form.forwarder.display_name().in_language(code))
                .show_ui(ui, |ui| {
                    for kind in ForwarderKind::ALL {
                        ui.selectable_value(
                            &mut form.forwarder,
                            kind,
                            kind.display_name().in_language(code),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(tr(language, "Base URL", "接口地址"));
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut form.base_url).desired_width(300.0))
                    .labelled_by(label.id);
                for host in form.forwarder.known_hosts() {
                    if ui
                        .small_button(tr(language, host.label_en, host.label_zh))
                        .on_hover_text(host.url)
                        .clicked()
                    {
                        form.base_url = host.url.to_owned();
                    }
                }
            });
            ui.end_row();
            let label = ui.label(tr(language, "Default service code", "默认渠道代码"));
            ui.add(egui::TextEdit::singleline(&mut form.service_code).desired_width(160.0))
                .labelled_by(label.id);
            ui.end_row();
            for field in form.forwarder.setting_fields() {
                let value = form.fields.entry(field.key.to_owned()).or_default();
                super::setting_field::setting_field_ui(ui, language, field, value);
                ui.end_row();
            }
            let label = ui.label(tr(language, "Answer time-out (s)", "应答超时（秒）"));
            ui.add(egui::TextEdit::singleline(&mut form.timeout_secs).desired_width(60.0))
                .labelled_by(label.id);
            ui.end_row();
            ui.label("");
            ui.checkbox(
                &mut form.auto_print,
                tr(
                    language,
                    "Print each label as soon as it arrives",
                    "面单一到即自动打印",
                ),
            );
            ui.end_row();
            for field in form.forwarder.secret_fields() {
                let text = if language == Language::Zh {
                    field.label_zh
                } else {
                    field.label_en
                };
                let label = ui.label(text);
                let value = form.secrets.entry(field.key).or_default();
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(value)
                            .password(true)
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                    if form.editing {
                        ui.weak(tr(
                            language,
                            "leave blank to keep the stored one",
                            "留空则保留原密钥",
                        ));
                    }
                });
                ui.end_row();
            }
        });
    // Said while the address is typed, before Save: allowed, but the packer should know.
    for warning in account_warnings(&form.account()) {
        ui.colored_label(ui.visuals().warn_fg_color, warning.in_language(code));
    }
    let mut close = false;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!*busy, egui::Button::new(tr(language, "Save", "保存")))
            .clicked()
        {
            let typed: Vec<(&str, String)> = form
                .secrets
                .iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(k, v)| (*k, v.trim().to_owned()))
                .collect();
            // Editing with every secret left blank keeps the stored ones.
            let credentials = (!typed.is_empty()).then(|| Credentials::from_pairs(typed));
            commands.send(SaveAccount {
                account: form.account(),
                credentials,
            });
            *busy = true;
        }
        if ui.button(tr(language, "Cancel", "取消")).clicked() {
            close = true;
        }
        if *busy {
            ui.spinner();
        }
    });
    if form.name.trim() == SANDBOX_ACCOUNT {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            tr(
                language,
                "\"Sandbox\" is the built-in account's name.",
                "“Sandbox”是内置账号的名称。",
            ),
        );
    }
    close
}

/// "unencrypted http" beside an account whose secrets travel in clear, the sentence on hover.
/// Words, not a warning sign: the bundled fonts have no "⚠".
fn unencrypted_mark_ui(ui: &mut egui::Ui, language: Language, account: &Account) {
    let warnings = account_warnings(account);
    if warnings.is_empty() {
        return;
    }
    let said: Vec<&str> = warnings
        .iter()
        .map(|w| w.in_language(language.code()))
        .collect();
    ui.colored_label(
        ui.visuals().warn_fg_color,
        tr(language, "unencrypted http", "未加密 http"),
    )
    .on_hover_text(said.join("\n"));
}
