//! The Accounts screen's services cell: how many services are kept for an account and how
//! fresh the list is, and "Refresh services", which asks the forwarder again (only for
//! forwarders that list their services). The asking is the engine's; this draws and sends.

use std::collections::HashMap;

use crate::carriers::Account;
use crate::engine::Services;
use crate::model::Text;
use crate::store::{ServicesOffered, format_local_time};
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, tr};

/// What the cell remembers between frames.
#[derive(Default)]
pub struct ServicesRefresh {
    /// The account whose list is being asked for.
    asking: Option<String>,
    /// The last refresh's news, by account: the count, or why not.
    news: HashMap<String, Result<Text, Text>>,
}

impl ServicesRefresh {
    /// The engine answered a refresh for `account`, whose forwarder is named `forwarder`.
    pub fn on_listed(
        &mut self,
        account: &str,
        forwarder: &Text,
        result: Result<&ServicesOffered, Text>,
    ) {
        if self.asking.as_deref() == Some(account) {
            self.asking = None;
        }
        let news = result.map(|offered| {
            let n = offered.services.len();
            Text::new(
                format!(
                    "{} listed {n} services; the ship form offers them.",
                    forwarder.en
                ),
                format!("{}返回了 {n} 个渠道，发货表单中可直接选择。", forwarder.zh),
            )
        });
        self.news.insert(account.to_owned(), news);
    }

    /// The cell for `account`: nothing for a forwarder without a services list.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        language: Language,
        account: &Account,
        kept: Option<&ServicesOffered>,
        commands: &CommandSender,
    ) {
        if !crate::carriers::forwarder(account.forwarder)
            .capabilities()
            .services_list
        {
            return;
        }
        let asking = self.asking.as_deref() == Some(account.name.as_str());
        if ui
            .add_enabled(
                !asking,
                egui::Button::new(tr(language, "Refresh services", "刷新渠道列表")),
            )
            .clicked()
        {
            self.asking = Some(account.name.clone());
            self.news.remove(&account.name);
            commands.send(Services::refreshed(account.name.clone()));
        }
        if asking {
            ui.spinner();
        }
        match kept.and_then(|k| k.fetched_at.map(|at| (k.services.len(), at))) {
            Some((n, at)) => ui.weak(match language {
                Language::Zh => format!("{n} 个渠道（{}）", format_local_time(at, "%m-%d %H:%M")),
                Language::En => format!(
                    "{n} services (as of {})",
                    format_local_time(at, "%m-%d %H:%M")
                ),
            }),
            None => ui.weak(tr(language, "no services list yet", "尚无渠道列表")),
        };
    }

    /// Whether a refresh for `account` has news to show.
    pub fn has_news(&self, account: &str) -> bool {
        self.news.contains_key(account)
    }

    /// The last refresh's news for `account`, if any.
    pub fn news_ui(&self, ui: &mut egui::Ui, language: Language, account: &str) {
        let Some(news) = self.news.get(account) else {
            return;
        };
        let code = language.code();
        match news {
            Ok(text) => ui.label(text.in_language(code)),
            Err(text) => ui.colored_label(ui.visuals().error_fg_color, text.in_language(code)),
        };
    }
}
