//! The one way a view asks for work: it sends a command and goes on drawing. Work for the engine
//! (buy, search, print) goes to the engine after the frame; work for the window itself (open an
//! order in the ship form, switch screens, ask where to save) is done by the app. As in rerun's
//! viewer, a view never does the work itself and never reaches into another view.

use std::sync::mpsc;

use crate::engine::{Command, ImportOrders};
use crate::model::{Shipment, ShipmentState};
use crate::store::{HistoryQuery, QueuedOrder};

use super::Screen;

/// Work for the window itself.
#[derive(Debug)]
pub enum AppCommand {
    /// Work for the engine, sent after this frame.
    Engine(Command),
    /// Open this order in the ship form under a new reference (History's "Duplicate as new").
    DuplicateAsNew(Box<Shipment>),
    /// Show History with only the shipments in this state (the header's "Show in History").
    ShowInHistory(ShipmentState),
    /// Switch to a screen.
    Show(Screen),
    /// Ask where to save, then export what this History search matches as CSV.
    ExportCsv(HistoryQuery),
    /// Open a queued order in the ship form (to fix or complete it); `scanned`: a scan opened
    /// it, so the first parcel's weight gets the focus and Enter buys.
    OpenQueued {
        /// The order as queued.
        order: Box<QueuedOrder>,
        /// Opened by a scan.
        scanned: bool,
    },
    /// The ship form sent an order opened from the queue to be bought: back to the Queue
    /// screen's scan field for the next parcel.
    BoughtFromQueue(String),
    /// Ask which file to import, then import it with these choices.
    ChooseImportFile(Box<ImportOrders>),
}

/// What every view holds to ask for work. Cheap to pass around: views get `&CommandSender`.
#[derive(Clone)]
pub struct CommandSender(mpsc::Sender<AppCommand>);

impl CommandSender {
    /// A sender and the app's end of it.
    pub fn new() -> (Self, mpsc::Receiver<AppCommand>) {
        let (tx, rx) = mpsc::channel();
        (Self(tx), rx)
    }

    /// Asks the engine for work (after this frame).
    pub fn send(&self, command: impl Into<Command>) {
        self.app(AppCommand::Engine(command.into()));
    }

    /// Asks the window for something.
    pub fn app(&self, command: AppCommand) {
        // The app owns the receiver for as long as any view draws: a send cannot fail while it
        // matters, and a command sent while the window closes has nobody left to do it.
        self.0.send(command).ok();
    }
}
