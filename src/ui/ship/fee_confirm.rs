//! The fee confirmation for accounts that preview fees first (logssc; ECCANG with its fee preview
//! on): the previewed fee is shown, Enter buys the label at that fee and Esc buys nothing. A fee
//! shown for an order the packer has since changed buys nothing.

use super::{LastResult, ShipContext, ShipView};
use crate::engine::{QuoteReport, ShipError};
use crate::model::{Shipment, Text};
use crate::ui::command::CommandSender;
use crate::ui::i18n::tr;
use crate::ui::widgets::action_button;

/// A fee the forwarder previewed, waiting for the packer's yes or no.
pub(super) struct PendingFee {
    /// The quote to buy with.
    pub(super) quote: QuoteReport,
    /// The order it prices.
    pub(super) shipment: Shipment,
    /// The form as it was when asked.
    pub(super) form: super::TypedOrder,
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

    /// Enter: buy at the previewed fee, if the order is still the one that was priced.
    pub fn accept_fee(&mut self, commands: &CommandSender) {
        if self.fee_outdated() {
            return;
        }
        let Some(pending) = self.pending_fee.take() else {
            return;
        };
        let account = pending.quote.account.clone();
        self.send(pending.shipment, &account, Some(pending.quote), commands);
    }

    /// The packer changed the order after its fee was shown: that fee is not for this order, so
    /// it is dropped (nothing bought) and Ctrl+Enter asks again. Returns whether it was.
    fn fee_outdated(&mut self) -> bool {
        let changed = self
            .pending_fee
            .as_ref()
            .is_some_and(|pending| pending.form != self.form);
        if changed {
            self.pending_fee = None;
            self.last_result = Some(LastResult::NotSent(Text::new(
                "The order changed after its fee was shown, so nothing was bought. Press Ctrl+Enter to see the fee for the order as it is now.",
                "显示费用后订单已修改，未下单。请按 Ctrl+Enter 查看当前订单的费用。",
            )));
        }
        changed
    }

    /// Esc: do not buy; the form stays as it is, the focus back at its start.
    pub fn decline_fee(&mut self) {
        self.focus_first_field();
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
        if self.fee_outdated() {
            return;
        }
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
                accept |= action_button(
                    ui,
                    tr(
                        language,
                        "Buy at this fee  (Enter)",
                        "按此费用购买  (Enter)",
                    ),
                )
                .clicked();
                decline |=
                    action_button(ui, tr(language, "Don't buy  (Esc)", "不购买  (Esc)")).clicked();
            });
        });
        if accept {
            self.accept_fee(context.commands);
        } else if decline {
            self.decline_fee();
        }
    }
}
