//! What the views' commands do: engine work is forwarded to the engine; the rest changes the
//! window (another screen, an order into the ship form) or asks where to save.

use super::{Screen, ShipdeskApp};
use crate::engine::{ExportCsv, ImportOrders};
use crate::store::HistoryQuery;
use crate::ui::command::{AppCommand, CommandSender};

impl ShipdeskApp {
    /// Does every command sent since the last call.
    pub(super) fn run_commands(&mut self, ctx: &egui::Context) {
        while let Ok(command) = self.commands.try_recv() {
            match command {
                AppCommand::Engine(command) => self.engine.send(command),
                AppCommand::DuplicateAsNew(order) => {
                    self.ship.load(&order);
                    self.screen = Screen::Ship;
                }
                AppCommand::ShowInHistory(state) => {
                    self.history.show_state(state);
                    self.screen = Screen::History;
                }
                AppCommand::Show(screen) => {
                    // Opening History or the Queue shows what happened meanwhile (the poller,
                    // the command line).
                    if screen == Screen::History && self.screen != Screen::History {
                        self.history.refresh();
                    }
                    if screen == Screen::Queue {
                        self.queue.refresh();
                        self.queue.focus_scan();
                    }
                    self.screen = screen;
                }
                AppCommand::ExportCsv(query) => ask_where_to_export(ctx, &self.sender, query),
                AppCommand::OpenQueued { order, scanned } => {
                    self.ship.open_queued(&order, scanned, &self.sender);
                    self.screen = Screen::Ship;
                }
                AppCommand::BoughtFromQueue(reference) => {
                    self.queue.on_bought_from_form(reference);
                    self.screen = Screen::Queue;
                }
                AppCommand::ChooseImportFile(request) => {
                    ask_which_file_to_import(ctx, &self.sender, *request)
                }
            }
        }
    }
}

/// The desktop's save dialog for a History export; the chosen file is handed to the engine
/// to write. A cancelled dialog does nothing.
fn ask_where_to_export(ctx: &egui::Context, sender: &CommandSender, query: HistoryQuery) {
    let file_name = format!(
        "shipments-{}.csv",
        chrono::Local::now().format("%Y%m%d-%H%M")
    );
    on_dialog_thread(
        ctx,
        sender,
        move || {
            rfd::FileDialog::new()
                .set_file_name(file_name)
                .add_filter("CSV", &["csv"])
                .save_file()
        },
        move |path| ExportCsv { query, path }.into(),
    );
}

/// The desktop's open dialog for an order file; the chosen file is imported with the choices
/// made on the Queue screen. A cancelled dialog does nothing.
fn ask_which_file_to_import(ctx: &egui::Context, sender: &CommandSender, request: ImportOrders) {
    on_dialog_thread(
        ctx,
        sender,
        || {
            rfd::FileDialog::new()
                .add_filter("CSV, TSV, Excel", &["csv", "tsv", "txt", "xlsx", "xls"])
                .pick_file()
        },
        move |path| ImportOrders { path, ..request }.into(),
    );
}

/// Runs a desktop file `dialog` on a thread of its own, so the window never waits for it, and
/// sends the engine `then(file)` for the file chosen (nothing when cancelled).
fn on_dialog_thread(
    ctx: &egui::Context,
    sender: &CommandSender,
    dialog: impl FnOnce() -> Option<std::path::PathBuf> + Send + 'static,
    then: impl FnOnce(std::path::PathBuf) -> crate::engine::Command + Send + 'static,
) {
    let (ctx, sender) = (ctx.clone(), sender.clone());
    let spawned = std::thread::Builder::new()
        .name("file-dialog".to_owned())
        .spawn(move || {
            if let Some(path) = dialog() {
                sender.send(then(path));
                ctx.request_repaint();
            }
        });
    if let Err(error) = spawned {
        tracing::warn!("cannot open the file dialog: {error}");
    }
}
