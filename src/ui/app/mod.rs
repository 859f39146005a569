//! The app: the window's state (the views, what the engine last said about accounts and
//! shipments that need a person), the engine's events read in eframe's `logic` (so a minimised
//! window still moves shipments on and keeps its header true), keyboard shortcuts, and the
//! commands the views sent, done after each frame. Nothing here waits on the network or the
//! disk: the engine does that work and answers with events.
//!
//! - `events.rs`: what each engine event changes.
//! - `commands.rs`: what each view's command does (engine work is forwarded).
//! - `top_bar.rs`: screens, language, and the header lines for what needs a person.

mod commands;
mod desk_commands;
mod events;
mod top_bar;

use std::path::Path;
use std::sync::mpsc::Receiver;

use super::accounts::AccountsView;
use super::command::{AppCommand, CommandSender};
use super::history::HistoryView;
use super::i18n::Language;
use super::persist::{Remembered, Saver};
use super::queue::{QueueContext, QueueView};
use super::ship::{ShipContext, ShipView};
use crate::carriers::Account;
use crate::engine::{Engine, Event, LoadOverview, SANDBOX_ACCOUNT};
use crate::model::Text;

/// The screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Create shipments.
    Ship,
    /// Orders waiting to be bought: scan to ship, import, batches (待发货).
    Queue,
    /// Find past shipments.
    History,
    /// Forwarder accounts.
    Accounts,
}

/// What the header shows: the accounts and the shipments that need a person.
#[derive(Default)]
struct Header {
    accounts: Vec<Account>,
    /// References of shipments whose outcome is unknown (listed until reconciled).
    unsettled: Vec<String>,
    /// Failed orders that hold the balance until refunded.
    refunds_due: Vec<String>,
    /// The services kept for each account that has a list.
    services: Vec<crate::store::ServicesOffered>,
    reconciling: bool,
    /// The last notice, and the screen it belongs to (it is shown only there).
    notice: Option<(Screen, Text)>,
}

/// The whole window's state.
pub struct ShipdeskApp {
    engine: Engine,
    events: Receiver<Event>,
    language: Language,
    screen: Screen,
    header: Header,
    ship: ShipView,
    history: HistoryView,
    queue: QueueView,
    accounts_view: AccountsView,
    /// The desk's label printer and the printer profiles, as edited.
    printers: super::printers::PrintersView,
    /// The desk scale's settings, as edited.
    scale_settings: super::scale_settings::ScaleSettingsView,
    /// Who is at the desk.
    operator: super::operator::OperatorView,
    saver: Saver,
    /// What the views hand to every frame's drawing, and the app's end of it.
    sender: CommandSender,
    commands: Receiver<AppCommand>,
    /// Keeps a burst of keystrokes from spilling over a field boundary.
    pacer: super::keystroke_pacer::KeystrokePacer,
    /// Takes scanned command barcodes out of the input before any field sees them.
    command_scanner: super::command_barcodes::CommandScanner,
    /// Where the window was when it last said (kept while the platform says nothing).
    window_place: Option<super::persist::WindowPlace>,
}

impl ShipdeskApp {
    /// Wraps a started engine; `data_dir` holds the remembered window state and draft.
    pub fn new(engine: Engine, events: Receiver<Event>, data_dir: &Path) -> Self {
        let remembered = super::persist::load(data_dir);
        let mut history = HistoryView::new(engine.database_path());
        let queue = QueueView::new(engine.database_path());
        history.set_export_folder(remembered.export_folder.clone());
        let engine_printers = engine.printers();
        let scale_settings = engine.scale_settings();
        let account = if remembered.last_account.is_empty() {
            SANDBOX_ACCOUNT.to_owned()
        } else {
            remembered.last_account.clone()
        };
        // Who was at the desk last is who is at it until someone else says (a name the store
        // cannot take is said when the packer next sets one).
        if !remembered.operator.trim().is_empty() {
            let _ = engine.set_operator(&remembered.operator);
        }
        let (sender, commands) = CommandSender::new();
        let mut app = Self {
            engine,
            events,
            language: remembered.language,
            screen: Screen::Ship,
            header: Header::default(),
            ship: ShipView::new(remembered.draft, &account, remembered.sender),
            history,
            queue,
            accounts_view: AccountsView::new(),
            printers: super::printers::PrintersView::new(engine_printers),
            scale_settings: super::scale_settings::ScaleSettingsView::new(scale_settings),
            operator: super::operator::OperatorView::new(&remembered.operator),
            saver: Saver::start(data_dir),
            sender,
            commands,
            pacer: Default::default(),
            command_scanner: Default::default(),
            window_place: remembered.window,
        };
        if let Some(legacy) = &remembered.printer {
            app.printers
                .adopt_legacy(&legacy.uri, &legacy.media, &app.sender);
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

    /// Shows the Queue scrolled to `row` (the queue's window benchmark drives it); returns how
    /// many orders it lists.
    pub fn show_queue_row(&mut self, row: usize) -> usize {
        self.screen = Screen::Queue;
        self.queue.scroll_to_row(row)
    }

    /// The scale reading the ship form shows, in whole grams (`shipdesk bench scale` waits for it).
    pub fn shown_scale_grams(&self) -> Option<u32> {
        self.ship.scale.shown_grams()
    }

    /// The engine (tests look at what it recorded).
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Re-reads accounts and what needs a person (at start and after the engine changed something).
    fn reload(&mut self) {
        self.sender.send(LoadOverview);
    }

    /// A notice for a screen, in place of the one before.
    fn notify(&mut self, screen: Screen, notice: Text) {
        self.header.notice = Some((screen, notice));
    }

    /// Something History shows changed: search again now if it is on screen (opening History
    /// searches anyway, so a hidden History costs nothing while the poller works).
    fn history_changed(&mut self) {
        if self.screen == Screen::History {
            self.history.refresh();
        }
    }

    /// Hands egui this frame's share of the input events (the keystroke pacer: a focus-moving
    /// key gets a frame of its own); returns whether some wait for the next frame. The real
    /// window calls it from `raw_input_hook`; tests that deliver a whole burst as one frame's
    /// events call it the same way.
    pub fn pace_input(&mut self, raw_input: &mut egui::RawInput) -> bool {
        // An Alt shortcut's letter and command barcodes first: neither reaches a field.
        super::keystroke_pacer::drop_shortcut_letters(raw_input);
        let holding = self.command_scanner.filter(raw_input);
        self.pacer.pace(raw_input) || holding
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, Modifiers};
        // Not while a list is open: there Enter picks (a unit, a suggested address).
        let enter_buys =
            self.screen == Screen::Ship && self.ship.enter_buys() && !egui::Popup::is_any_open(ctx);
        let (create, new, duplicate, find, queue, escape, weigh) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::COMMAND, Key::Enter)
                    // An order opened by a scan: Enter alone buys it (the weight is typed).
                    || (enter_buys && i.consume_key(Modifiers::NONE, Key::Enter)),
                i.consume_key(Modifiers::COMMAND, Key::N),
                i.consume_key(Modifiers::COMMAND, Key::D),
                i.consume_key(Modifiers::COMMAND, Key::F),
                // Not Ctrl+Q: egui quits on it; F2 is the scale's.
                i.consume_key(Modifiers::NONE, Key::F3),
                i.key_pressed(Key::Escape) && i.modifiers.is_none(),
                self.screen == Screen::Ship && i.consume_shortcut(&super::ship::USE_WEIGHT),
            )
        });
        if weigh {
            self.ship.use_scale_weight(ctx);
        }
        for command in self.command_scanner.take_commands() {
            self.on_desk_command(ctx, command);
        }
        if queue {
            self.sender.app(AppCommand::Show(Screen::Queue));
        }
        if create || new || duplicate {
            self.screen = Screen::Ship;
        }
        if find {
            self.sender.app(AppCommand::Show(Screen::History));
            self.history.focus_search(ctx);
        }
        if escape {
            match self.screen {
                // A fee waiting for its answer takes Esc as "don't buy" (and then focuses).
                Screen::Ship if !self.ship.has_pending_fee() => self.ship.focus_first_field(),
                Screen::History if !self.history.close_detail() => self.history.focus_search(ctx),
                _ => {}
            }
        }
        if create {
            self.create_order();
        }
        if new {
            self.ship.new_order();
        }
        if duplicate {
            self.ship.duplicate_last();
        }
    }

    /// Ctrl+Enter (or the Buy barcode): the ship form's order is bought, or its fee asked.
    fn create_order(&mut self) {
        let mut context = ShipContext {
            language: self.language,
            accounts: &self.header.accounts,
            services: &self.header.services,
            commands: &self.sender,
        };
        self.ship.create(&mut context);
    }

    fn remember(&mut self, ctx: &egui::Context) {
        if let Some(now) = ctx.input(|i| super::persist::WindowPlace::of(i.viewport())) {
            self.window_place = Some(now);
        }
        self.saver.save(&Remembered {
            language: self.language,
            last_account: self.ship.form.account.clone(),
            sender: self.ship.form.sender.clone(),
            draft: Some(self.ship.form.clone()),
            printer: None,
            window: self.window_place,
            export_folder: self.history.export_folder().to_owned(),
            operator: self.operator.recorded().to_owned(),
        });
    }
}

impl eframe::App for ShipdeskApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        // Here, not in `ui`: eframe calls `logic` even while the window is hidden, so answers
        // and the poller's news are taken in (and auto-prints reported) all the same.
        self.drain_events(ctx);
        self.run_commands(ctx);
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.pace_input(raw_input) {
            ctx.request_repaint();
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.shortcuts(ui.ctx());
        egui::Panel::top("top-bar").show(ui, |ui| self.top_bar_ui(ui));
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar_ui(ui));
        egui::CentralPanel::default().show(ui, |ui| match self.screen {
            Screen::Ship => {
                let mut context = ShipContext {
                    language: self.language,
                    accounts: &self.header.accounts,
                    services: &self.header.services,
                    commands: &self.sender,
                };
                self.ship.ui(ui, &mut context);
            }
            Screen::Queue => {
                let context = QueueContext {
                    language: self.language,
                    account: &self.ship.form.account,
                    commands: &self.sender,
                };
                self.queue.ui(ui, &context);
            }
            Screen::History => {
                self.history
                    .ui(ui, self.language, &self.header.accounts, &self.sender)
            }
            Screen::Accounts => {
                // The desk's own settings (who is at it, printers, scale) above its forwarder
                // accounts.
                self.operator.ui(ui, self.language, &self.sender);
                ui.separator();
                self.printers.ui(ui, self.language, &self.sender);
                ui.separator();
                self.scale_settings.ui(ui, self.language, &self.sender);
                ui.separator();
                self.accounts_view.ui(
                    ui,
                    self.language,
                    &self.header.accounts,
                    &self.header.services,
                    &self.sender,
                );
            }
        });
        self.ship.scale.auto_fill = self.scale_settings.auto_fill();
        self.history.slips_on_a4 = self.printers.slips_on_a4();
        self.history.logic(&self.sender);
        if self.screen == Screen::Queue {
            self.queue.logic(&self.sender);
        }
        self.run_commands(ui.ctx());
        self.remember(ui.ctx());
        if self.pacer.is_holding() {
            ui.ctx().request_repaint();
        }
        if self.command_scanner.is_holding() {
            // Text that only began like a code goes to its field once the burst has paused.
            ui.ctx()
                .request_repaint_after(super::command_barcodes::CHAR_GAP);
        }
        if self.ship.is_sending() || self.header.reconciling {
            // Keep the spinner turning; the engine's event also wakes the window.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
    }
}
