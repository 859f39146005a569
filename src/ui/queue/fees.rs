//! Fees before buying, for orders whose forwarder prices first (logssc): a batch holds them
//! ("their fee must be accepted first"); "Preview their fees" asks the engine's batch preview
//! (the same one as `shipdesk queue buy`), each fee and the total per currency are shown, and
//! "Buy N at these fees" buys them at exactly those (the engine prices each again before it
//! goes: a fee that changed or expired meanwhile holds its order). Nothing is bought unseen.

use super::QueueView;
use crate::engine::{BatchPreview, BuyQueued, PreviewQueued, PreviewedFee};
use crate::model::Text;
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, count, tr};

/// The fees asked for, and the answer.
#[derive(Default)]
pub(super) struct FeeState {
    /// Fees asked for and not answered yet (how many).
    asking: Option<usize>,
    /// Each order's fee, or why it has none; or why there is no preview at all.
    fees: Option<Result<BatchPreview, Text>>,
}

impl QueueView {
    /// The batch preview of held orders arrived.
    pub fn on_preview(&mut self, preview: Result<BatchPreview, Text>) {
        self.fees.asking = None;
        self.fees.fees = Some(preview);
    }

    /// Asks the fees of these queued orders (nothing is bought).
    pub(super) fn ask_fees(&mut self, references: Vec<String>, commands: &CommandSender) {
        self.fees.asking = Some(references.len());
        self.fees.fees = None;
        commands.send(PreviewQueued {
            references,
            concurrency: super::batch::CONCURRENCY,
        });
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
        let preview = match &self.fees.fees {
            None => return,
            Some(Err(why)) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    why.in_language(language.code()),
                );
                return;
            }
            Some(Ok(preview)) => preview,
        };
        let priced = preview.quotes();
        let (mut buy, mut close) = (false, false);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("queue-fees")
                .max_height(super::panel_height(ui, 120.0))
                .show(ui, |ui| {
                    for order in &preview.orders {
                        match &order.fee {
                            PreviewedFee::Priced(quote) => {
                                ui.label(format!("{}  {}", order.reference, quote.fee));
                            }
                            // Bought at no previewed fee: nothing to confirm for it here.
                            PreviewedFee::NotPriced => {}
                            PreviewedFee::Failed(why) => {
                                ui.colored_label(
                                    ui.visuals().error_fg_color,
                                    format!(
                                        "{}: {}",
                                        order.reference,
                                        why.in_language(language.code())
                                    ),
                                );
                            }
                        }
                    }
                });
            let total: Vec<String> = preview.totals().iter().map(ToString::to_string).collect();
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
                quotes: priced,
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
