//! Fees before buying, for orders whose forwarder prices first (logssc): a batch holds them
//! ("their fee must be accepted first"); "Preview their fees" asks each one's fee, the list and
//! the total per currency are shown, and "Buy N at these fees" buys them at exactly those (a
//! fee that changed or expired meanwhile holds its order again). Nothing is bought unseen.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::QueueView;
use crate::engine::{BuyQueued, QueuedFee, QuoteQueued};
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, count, tr};

/// The fees asked for, and the answer.
#[derive(Default)]
pub(super) struct FeeState {
    /// Fees asked for and not answered yet (how many).
    asking: Option<usize>,
    /// Each order's fee, or why it has none.
    fees: Option<Vec<QueuedFee>>,
}

impl QueueView {
    /// The fees of held orders arrived.
    pub fn on_fees(&mut self, fees: Vec<QueuedFee>) {
        self.fees.asking = None;
        self.fees.fees = Some(fees);
    }

    /// Asks the fees of these queued orders (nothing is bought).
    pub(super) fn ask_fees(&mut self, references: Vec<String>, commands: &CommandSender) {
        self.fees.asking = Some(references.len());
        self.fees.fees = None;
        commands.send(QuoteQueued(references));
    }

    /// The fees, their total, and "Buy N at these fees".
    pub(super) fn fees_ui(
        &mut self,
        ui: &mut egui::Ui,
        language: Language,
        commands: &CommandSender,
    ) {
        if let Some(n) = self.fees.asking {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(match language {
                    Language::Zh => format!("正在询问 {n} 单的费用…"),
                    Language::En => format!("Asking the fees of {}…", count(n, "order", "orders")),
                });
            });
        }
        let Some(fees) = &self.fees.fees else {
            return;
        };
        let priced: Vec<&crate::engine::QuoteReport> =
            fees.iter().filter_map(|f| f.fee.as_ref().ok()).collect();
        let mut totals: BTreeMap<&str, Decimal> = BTreeMap::new();
        for quote in &priced {
            *totals.entry(quote.fee.currency.as_str()).or_default() += quote.fee.amount;
        }
        let (mut buy, mut close) = (false, false);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("queue-fees")
                .max_height(super::panel_height(ui, 120.0))
                .show(ui, |ui| {
                    for fee in fees {
                        match &fee.fee {
                            Ok(quote) => {
                                ui.label(format!("{}  {}", fee.reference, quote.fee));
                            }
                            Err(why) => {
                                ui.colored_label(
                                    ui.visuals().error_fg_color,
                                    format!(
                                        "{}: {}",
                                        fee.reference,
                                        why.in_language(language.code())
                                    ),
                                );
                            }
                        }
                    }
                });
            let total: Vec<String> = totals
                .iter()
                .map(|(currency, amount)| format!("{} {currency}", amount.normalize()))
                .collect();
            ui.horizontal_wrapped(|ui| {
                ui.strong(match language {
                    Language::Zh => format!("合计：{}", total.join(" + ")),
                    Language::En => format!("Total: {}", total.join(" + ")),
                });
                let n = priced.len();
                let label = match language {
                    Language::Zh => format!("按以上费用购买 {n} 单"),
                    Language::En => format!("Buy {} at these fees", count(n, "order", "orders")),
                };
                buy = ui.add_enabled(n > 0, egui::Button::new(label)).clicked();
                close = ui.button(tr(language, "Don't buy", "不购买")).clicked();
            });
        });
        if buy {
            let request = BuyQueued {
                references: priced.iter().map(|q| q.reference.clone()).collect(),
                quotes: priced.into_iter().cloned().collect(),
                concurrency: super::batch::CONCURRENCY,
                ..BuyQueued::default()
            };
            self.fees.fees = None;
            self.start_batch(request, commands);
        } else if close {
            self.fees.fees = None;
        }
    }
}
