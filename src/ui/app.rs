//! The app: holds the views, drains the engine's events, routes keyboard shortcuts, and sends
//! the commands the views asked for after each frame. Nothing here waits on the network or the
//! disk: the engine does that work and answers with events.

use std::path::Path;
use std::sync::mpsc::Receiver;

use super::accounts::AccountsView;
use super::history::{HistoryAction, HistoryView};
use super::i18n::{Language, tr};
use super::persist::{Remembered, Saver};
use super::ship::{ShipContext, ShipView};
use crate::carriers::Account;
use crate::engine::{Command, Engine, Event, SANDBOX_ACCOUNT};

/// The screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Create shipments.
    Ship,
    /// Find past shipments.
    History,
    /// Forwarder accounts.
    Accounts,
}

/// The whole window's state.
pub struct ShipdeskApp {
    engine: Engine,
    events: Receiver<Event>,
    language: Language,
    screen: Screen,
    accounts: Vec<Account>,
    /// References of shipments whose outcome is unknown (listed until reconciled).
    unsettled: Vec<String>,
    /// Failed orders that hold the balance until refunded.
    refunds_due: Vec<String>,
    reconciling: bool,
    notice: Option<crate::model::Text>,
    ship: ShipView,
    history: HistoryView,
    accounts_view: AccountsView,
    /// The desk's label printer and the printer profiles.
    printers: super::printers::PrintersView,
    saver: Saver,
    commands: Vec<Command>,
}

impl ShipdeskApp {
    /// Wraps a started engine; `data_dir` holds the remembered window state and draft.
    pub fn new(engine: Engine, events: Receiver<Event>, data_dir: &Path) -> Self {
        let remembered = super::persist::load(data_dir);
        let history = HistoryView::new(engine.database_path());
        let engine_printers = engine.printers();
        let account = if remembered.last_account.is_empty() {
            SANDBOX_ACCOUNT.to_owned()
        } else {
            remembered.last_account.clone()
        };
        let mut app = Self {
            engine,
            events,
            language: remembered.language,
            screen: Screen::Ship,
            accounts: Vec::new(),
            unsettled: Vec::new(),
            refunds_due: Vec::new(),
            reconciling: false,
            notice: None,
            ship: ShipView::new(remembered.draft, &account, remembered.sender),
            history,
            accounts_view: AccountsView::new(),
            printers: super::printers::PrintersView::new(engine_printers),
            saver: Saver::start(data_dir),
            commands: Vec::new(),
        };
        if let Some(legacy) = &remembered.printer {
            app.printers
                .adopt_legacy(&legacy.uri, &legacy.media, &mut app.commands);
        }
        app.reload();
        app
    }

    /// The current language (tests check it).
    pub fn language(&self) -> Language {
        self.language
    }

    /// Shows History scrolled to `row` (the UI benchmark drives it); returns how many rows match.
    pub fn show_history_row(&mut self, row: usize) -> usize {
        self.screen = Screen::History;
        self.history.scroll_to_row(row);
        self.history.match_count()
    }

    /// The engine (tests look at what it recorded).
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Re-reads accounts and unsettled shipments (at start and after the engine changed something).
    fn reload(&mut self) {
        self.commands.push(Command::LoadOverview);
    }

    /// Something History shows changed: search again now if it is on screen (opening History
    /// searches anyway, so a hidden History costs nothing while the poller works).
    fn history_changed(&mut self) {
        if self.screen == Screen::History {
            self.history.refresh();
        }
    }

    fn drain_events(&mut self, ctx: &egui::Context) {
        while let Ok(event) = self.events.try_recv() {
            match event {
                Event::Shipped(result) => {
                    self.auto_print(&result);
                    self.ship.on_shipped(result);
                    self.reload();
                    self.history_changed();
                }
                Event::Quoted(result) => self.ship.on_quoted(result),
                Event::Refunded(result) => {
                    self.notice = Some(match result {
                        Ok(report) => report.message.unwrap_or_else(|| report.state.label()),
                        Err(error) => error.describe(),
                    });
                    self.reload();
                    self.history_changed();
                }
                Event::Reconciled(result) => {
                    self.reconciling = false;
                    self.notice = Some(match result {
                        Ok(reports) => crate::model::Text::new(
                            format!("Reconciled {} shipment(s).", reports.len()),
                            format!("已核对 {} 票。", reports.len()),
                        ),
                        Err(error) => error.describe(),
                    });
                    self.reload();
                    self.history_changed();
                }
                Event::ShipmentsFound {
                    generation,
                    ids,
                    totals,
                } => self.history.on_found(generation, ids, totals),
                Event::AccountSaved(result) => {
                    self.accounts_view
                        .on_saved(result.map_err(|e| e.describe()));
                    self.reload();
                }
                Event::AccountDeleted(result) => {
                    self.accounts_view
                        .on_deleted(result.map_err(|e| e.describe()));
                    self.reload();
                }
                Event::ConnectionTested { account, verdict } => {
                    self.accounts_view.on_tested(account, verdict)
                }
                Event::Cancelled(result) => {
                    self.notice = Some(match result {
                        Ok(report) => report.message.unwrap_or_else(|| report.state.label()),
                        Err(error) => error.describe(),
                    });
                    self.reload();
                    self.history_changed();
                }
                Event::ShipmentChanged(report) => {
                    self.ship.on_changed(&report);
                    self.reload();
                    self.history_changed();
                }
                Event::Tracked {
                    reference,
                    tracking,
                } => {
                    let problem = tracking.err().map(|e| e.describe());
                    self.history.tracking.on_tracked(&reference, problem);
                    self.history_changed();
                }
                Event::LabelRendered { path, pages } => {
                    self.ship.preview.on_rendered(ctx, &path, &pages);
                    self.history.preview.on_rendered(ctx, &path, &pages);
                }
                Event::Printed(reports) => {
                    if !reports.is_empty() {
                        self.notice = Some(print_notice(&reports));
                    }
                    self.history_changed();
                }
                Event::PrintersSaved(result) => self.printers.on_saved(result),
                Event::Exported(result) => {
                    self.notice = match result {
                        Ok(Some((path, rows))) => Some(crate::model::Text::new(
                            format!("Exported {rows} shipment(s) to {}", path.display()),
                            format!("已导出 {rows} 票到 {}", path.display()),
                        )),
                        Ok(None) => None,
                        Err(problem) => Some(problem),
                    };
                }
                Event::ReferenceChecked { reference, used } => {
                    self.ship.on_reference_checked(&reference, used)
                }
                Event::RecipientSuggestions {
                    generation,
                    addresses,
                } => self.ship.on_suggestions(generation, addresses),
                Event::Overview(Ok(overview)) => {
                    self.ship
                        .set_presets(overview.sender_profiles, overview.parcel_presets);
                    self.accounts = overview.accounts;
                    self.unsettled = overview.unsettled;
                    self.refunds_due = overview.refunds_due;
                }
                Event::PresetsEdited(result) => {
                    if let Err(error) = result {
                        // The database's own words stay in the log, for whoever fixes it.
                        tracing::warn!("cannot save a preset: {error:#}");
                        self.notice = Some(crate::model::Text::new(
                            "Could not save the profile or preset: the local database refused the change (see shipdesk.log). Nothing else was affected.",
                            "无法保存档案或预设：本地数据库拒绝了修改（详见 shipdesk.log），其他内容不受影响。",
                        ));
                    }
                    self.reload();
                }
                Event::Overview(Err(error)) => {
                    self.notice = Some(crate::model::Text::new(
                        error.to_string(),
                        format!("本地数据库出错：{error}"),
                    ));
                }
            }
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, Modifiers};
        let (create, new, duplicate) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::COMMAND, Key::Enter),
                i.consume_key(Modifiers::COMMAND, Key::N),
                i.consume_key(Modifiers::COMMAND, Key::D),
            )
        });
        if create || new || duplicate {
            self.screen = Screen::Ship;
        }
        if create {
            let mut context = ShipContext {
                language: self.language,
                accounts: &self.accounts,
                commands: &mut self.commands,
                printer: &self.printers,
            };
            self.ship.create(&mut context);
        }
        if new {
            self.ship.new_order();
        }
        if duplicate {
            self.ship.duplicate_last();
        }
    }

    fn top_bar_ui(&mut self, ui: &mut egui::Ui) {
        let language = self.language;
        ui.horizontal(|ui| {
            ui.heading("shipdesk");
            ui.separator();
            for (screen, en, zh) in [
                (Screen::Ship, "Ship", "发货"),
                (Screen::History, "History", "历史"),
                (Screen::Accounts, "Accounts", "账号"),
            ] {
                let chosen = ui.selectable_value(&mut self.screen, screen, tr(language, en, zh));
                // Opening History shows what happened meanwhile (the poller, the command line).
                if chosen.changed() && screen == Screen::History {
                    self.history.refresh();
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.selectable_value(&mut self.language, Language::Zh, "中文");
                ui.selectable_value(&mut self.language, Language::En, "English");
            });
        });
        if !self.unsettled.is_empty() {
            ui.horizontal(|ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "{} {}: {}",
                        self.unsettled.len(),
                        tr(
                            language,
                            "shipment(s) may or may not have been bought",
                            "票状态未知，可能已扣费"
                        ),
                        self.unsettled.join(", ")
                    ),
                );
                if ui
                    .add_enabled(
                        !self.reconciling,
                        egui::Button::new(tr(language, "Reconcile", "核对")),
                    )
                    .clicked()
                {
                    self.reconciling = true;
                    self.commands.push(Command::Reconcile);
                }
                if self.reconciling {
                    ui.spinner();
                }
            });
        }
        if !self.refunds_due.is_empty() {
            self.refunds_due_ui(ui);
        }
        if let Some(notice) = &self.notice {
            ui.label(notice.in_language(language.code()));
        }
    }

    /// The header line for failed orders that hold the balance: they need a refund request,
    /// which History's detail pane makes; the link opens History on exactly those.
    fn refunds_due_ui(&mut self, ui: &mut egui::Ui) {
        let language = self.language;
        let shown: Vec<&str> = self
            .refunds_due
            .iter()
            .take(5)
            .map(String::as_str)
            .collect();
        let more = self.refunds_due.len().saturating_sub(shown.len());
        let mut list = shown.join(", ");
        if more > 0 {
            list.push_str(&format!(" (+{more})"));
        }
        ui.horizontal(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "{} {}: {list}",
                    self.refunds_due.len(),
                    tr(
                        language,
                        "failed order(s) hold your balance until refunded",
                        "票下单失败，退款前余额仍被占用"
                    ),
                ),
            );
            if ui
                .button(tr(language, "Show in History", "在历史中查看"))
                .clicked()
            {
                self.history
                    .show_state(crate::model::ShipmentState::RefundDue);
                self.screen = Screen::History;
            }
        });
    }

    /// Auto-print: a label that just arrived for an account that asks for it goes to the desk's
    /// printer, once (the engine skips a label printed before).
    fn auto_print(&mut self, result: &Result<crate::engine::ShipReport, crate::engine::ShipError>) {
        let Ok(report) = result else {
            return;
        };
        let wanted = self
            .ship
            .sending_account()
            .and_then(|name| self.accounts.iter().find(|a| a.name == name))
            .is_some_and(|a| a.settings.auto_print);
        if !wanted || report.label_path.is_none() {
            return;
        }
        match self
            .printers
            .print_command(vec![report.reference.clone()], true)
        {
            Some(command) => self.commands.push(command),
            None => {
                self.notice = Some(crate::model::Text::new(
                    "Auto-print is on, but no label printer is set under Accounts.",
                    "已开启自动打印，但未在“账号”中设置面单打印机。",
                ))
            }
        }
    }

    fn remember(&mut self) {
        self.saver.save(&Remembered {
            language: self.language,
            last_account: self.ship.form.account.clone(),
            sender: self.ship.form.sender.clone(),
            draft: Some(self.ship.form.clone()),
            printer: None,
        });
    }
}

impl eframe::App for ShipdeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.drain_events(ui.ctx());
        self.shortcuts(ui.ctx());
        egui::Panel::top("top-bar").show(ui, |ui| self.top_bar_ui(ui));
        egui::CentralPanel::default().show(ui, |ui| match self.screen {
            Screen::Ship => {
                let mut context = ShipContext {
                    language: self.language,
                    accounts: &self.accounts,
                    commands: &mut self.commands,
                    printer: &self.printers,
                };
                self.ship.ui(ui, &mut context);
            }
            Screen::History => match self.history.ui(ui, self.language, &self.accounts) {
                Some(HistoryAction::DuplicateAsNew(order)) => {
                    self.ship.load(&order);
                    self.screen = Screen::Ship;
                }
                Some(HistoryAction::Export(query)) => self.commands.push(Command::ExportCsv(query)),
                Some(HistoryAction::Cancel(reference)) => {
                    self.commands.push(Command::Cancel(reference))
                }
                Some(HistoryAction::Track(reference)) => {
                    self.commands.push(Command::Track(reference))
                }
                Some(HistoryAction::Refund(reference)) => {
                    self.commands.push(Command::Refund(reference))
                }
                Some(HistoryAction::Print(references)) => {
                    match self.printers.print_command(references, false) {
                        Some(command) => self.commands.push(command),
                        None => {
                            self.notice = Some(crate::model::Text::new(
                                "Set the label printer under Accounts first.",
                                "请先在“账号”中设置面单打印机。",
                            ))
                        }
                    }
                }
                None => {}
            },
            Screen::Accounts => self.accounts_view.ui(
                ui,
                self.language,
                &self.accounts,
                &mut self.printers,
                &mut self.commands,
            ),
        });
        self.history.logic(&mut self.commands);
        for command in self.commands.drain(..) {
            self.engine.send(command);
        }
        self.remember();
        if self.ship.is_sending() || self.reconciling {
            // Keep the spinner turning; the engine's event also wakes the window.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
    }
}

/// One line for a print job: what printed (and how often now), and what did not and why.
fn print_notice(reports: &[crate::engine::PrintReport]) -> crate::model::Text {
    let (mut en, mut zh) = (Vec::new(), Vec::new());
    for report in reports {
        let reference = &report.reference;
        match &report.result {
            Ok((job, count)) => {
                en.push(format!("{reference}: printed (job {job}, {count}x)"));
                zh.push(format!("{reference}：已打印（任务 {job}，第 {count} 次）"));
            }
            Err(problem) => {
                en.push(format!("{reference}: {}", problem.en));
                zh.push(format!("{reference}：{}", problem.zh));
            }
        }
    }
    crate::model::Text::new(en.join("; "), zh.join("；"))
}
