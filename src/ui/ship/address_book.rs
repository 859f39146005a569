//! The address book under the recipient's name: earlier recipients whose name starts with what
//! was typed, picked with a click or Alt+1…5.

use super::{ShipContext, ShipView};
use crate::engine::SuggestRecipients;
use crate::ui::i18n::tr;

impl ShipView {
    /// Address-book suggestions arrived (older generations are ignored).
    pub fn on_suggestions(&mut self, generation: u64, addresses: Vec<crate::model::Address>) {
        if generation == self.suggestion_generation {
            self.suggestions = addresses;
        }
    }

    /// Asks for suggestions when the recipient's name changed; shows them with Alt+1…5 to pick.
    pub(super) fn address_book_ui(&mut self, ui: &mut egui::Ui, context: &mut ShipContext<'_>) {
        let typed = self.form.recipient.name.trim().to_owned();
        if typed != self.suggested_for {
            self.suggested_for = typed.clone();
            self.suggestion_generation += 1;
            self.suggestions.clear();
            if typed.chars().count() >= 2 {
                context.commands.send(SuggestRecipients {
                    prefix: typed.clone(),
                    generation: self.suggestion_generation,
                });
            }
        }
        let shown: Vec<crate::model::Address> = self
            .suggestions
            .iter()
            .filter(|a| {
                a.name.trim() != typed || a.street1.trim() != self.form.recipient.street1.trim()
            })
            .take(5)
            .cloned()
            .collect();
        // One line, always there (empty when nothing matches), scrolling sideways when the
        // suggestions are long: the form below never moves as they come and go.
        let line = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        let keys = [
            egui::Key::Num1,
            egui::Key::Num2,
            egui::Key::Num3,
            egui::Key::Num4,
            egui::Key::Num5,
        ];
        let mut picked = None;
        egui::ScrollArea::horizontal()
            .id_salt("address-book")
            .max_height(line)
            .show(ui, |ui| {
                ui.set_min_height(line);
                ui.horizontal(|ui| {
                    if shown.is_empty() {
                        return;
                    }
                    ui.weak(tr(context.language, "Earlier recipients:", "以往收件人："));
                    for (n, address) in shown.iter().enumerate() {
                        let text = format!(
                            "Alt+{} {} — {}, {} {}",
                            n + 1,
                            address.name,
                            address.street1,
                            address.city,
                            address.postcode
                        );
                        // Clickable but outside the Tab order, so the form's keyboard flow stays as it was.
                        let response = ui.add(
                            egui::Label::new(egui::RichText::new(text).underline())
                                .sense(egui::Sense::CLICK),
                        );
                        let by_key = ui.input_mut(|i| i.consume_key(egui::Modifiers::ALT, keys[n]));
                        if response.clicked() || by_key {
                            picked = Some(address.clone());
                        }
                    }
                });
            });
        if let Some(address) = picked {
            self.form.recipient = address;
            self.suggested_for = self.form.recipient.name.trim().to_owned();
            self.suggestions.clear();
        }
    }
}
