//! The fee confirmation for forwarders that preview fees first (logssc): the previewed fee is
//! shown, Enter buys the label at that fee and Esc buys nothing.

use super::{LastResult, ShipContext, ShipView};
use crate::engine::{Command, QuoteReport, ShipError};
use crate::model::{Shipment, Text};
use crate::ui::i18n::tr;

/// A fee the forwarder previewed, waiting for the packer's yes or no.
pub(super) struct PendingFee {
    /// The quote to buy with.
    pub(super) quote: QuoteReport,
    /// The order it prices.
    pub(super) shipment: Shipment,
    /// The form as it was when asked.
    pub(super) form: super::ShipForm,
}

impl ShipView {
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
    pub(super) fn fee_ui(&mut self, ui: &mut egui::Ui, context: &mut ShipContext<'_>) {
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
}
