//! Accounts: what is configured. Adding and editing in the window comes next; until then the
//! command line does it (`shipdesk accounts add`, secrets on standard input).

use crate::carriers::Account;
use crate::ui::i18n::{Language, tr};

/// Draws the list.
pub fn accounts_ui(ui: &mut egui::Ui, language: Language, accounts: &[Account]) {
    ui.heading(tr(language, "Forwarder accounts", "物流商账号"));
    egui::Grid::new("accounts")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for (en, zh) in [
                ("Name", "名称"),
                ("Forwarder", "物流商"),
                ("Default service", "默认渠道"),
                ("Address", "接口地址"),
            ] {
                ui.strong(tr(language, en, zh));
            }
            ui.end_row();
            for account in accounts {
                ui.label(&account.name);
                ui.label(
                    account
                        .forwarder
                        .display_name()
                        .in_language(language.code()),
                );
                ui.label(&account.settings.default_service_code);
                if account.builtin_sandbox {
                    ui.label(tr(
                        language,
                        "built-in sandbox (no secrets needed)",
                        "内置沙盒（无需密钥）",
                    ));
                } else {
                    ui.label(&account.base_url);
                }
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    ui.label(tr(
        language,
        "Add an account from the command line: shipdesk accounts add --name NAME --forwarder westernpost --base-url URL (secrets on standard input).",
        "可在命令行添加账号：shipdesk accounts add --name 名称 --forwarder westernpost --base-url 地址（密钥从标准输入读取）。",
    ));
}
