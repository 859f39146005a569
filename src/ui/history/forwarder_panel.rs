//! History's forwarder block for the selected shipment, where its forwarder has the calls:
//! "Ask ECCANG" (the forwarder's own view of the order, in words), "Change weight" after
//! re-weighing, and "Intercept parcel" (stop it once cancelling is no longer allowed), each of
//! the last two with a confirmation that says what will happen. The work is the engine's; this
//! draws, asks once more, and sends the command. Results are shown once, as History's notice,
//! and kept in the shipment's audit trail.

use rust_decimal::Decimal;

use crate::carriers::{ForwarderKind, ForwarderOrder};
use crate::engine::{AskOrder, Intercept, Reweigh};
use crate::model::{Text, Transition};
use crate::store::{EventRecord, ShipmentRecord, format_local_time};
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, tr};

/// What the block remembers between frames.
#[derive(Default)]
pub struct ForwarderPanel {
    /// The shipment whose order is being asked for.
    asking: Option<String>,
    /// The last answer, for the shipment it was about.
    order: Option<(String, Result<ForwarderOrder, Text>)>,
    /// The new weight as typed, and the shipment it is for.
    weight: (String, String),
    /// The intercept's reason as typed, and the shipment it is for.
    remark: (String, String),
    /// A re-weigh waiting for its confirmation: the shipment and the weight.
    confirm_reweigh: Option<(String, Decimal)>,
    /// An intercept waiting for its confirmation (the shipment).
    confirm_intercept: Option<String>,
    /// The shipment with a re-weigh or intercept in flight.
    busy: Option<String>,
}

impl ForwarderPanel {
    /// The forwarder's view of `reference` arrived (or why not).
    pub fn on_order(&mut self, reference: &str, order: Result<ForwarderOrder, Text>) {
        if self.asking.as_deref() == Some(reference) {
            self.asking = None;
        }
        self.order = Some((reference.to_owned(), order));
    }

    /// A re-weigh or intercept of `reference` ended (its words are History's notice).
    pub fn on_note(&mut self, reference: &str) {
        if self.busy.as_deref() == Some(reference) {
            self.busy = None;
        }
    }

    /// Draws the block for `record`; nothing for a forwarder without these calls.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        language: Language,
        record: &ShipmentRecord,
        events: &[EventRecord],
        commands: &CommandSender,
    ) {
        let Some(kind) = ForwarderKind::parse(&record.forwarder) else {
            return;
        };
        let can = crate::carriers::forwarder(kind).capabilities();
        let name = kind.display_name();
        let name = name.in_language(language.code());
        let reference = record.reference.as_str();
        let at_forwarder =
            record.state.may_hold_money() || record.state == crate::model::ShipmentState::Cancelled;
        let offered = (can.order_view && at_forwarder)
            || (can.reweigh && Transition::Reweigh.allowed_from(record.state))
            || (can.intercept && Transition::Intercept.allowed_from(record.state));
        if !offered {
            return;
        }
        ui.separator();
        ui.horizontal(|ui| {
            ui.strong(match language {
                Language::Zh => format!("{name}的订单信息"),
                Language::En => format!("At {name}"),
            });
            if can.order_view && at_forwarder {
                if self.asking.as_deref() == Some(reference) {
                    ui.spinner();
                } else if ui
                    .small_button(match language {
                        Language::Zh => format!("询问{name}"),
                        Language::En => format!("Ask {name}"),
                    })
                    .clicked()
                {
                    self.asking = Some(reference.to_owned());
                    commands.send(AskOrder(reference.to_owned()));
                }
            }
        });
        if let Some((about, answer)) = &self.order
            && about == reference
        {
            order_ui(ui, language, answer);
        }
        if let Some(at) = crate::engine::intercepted_at(events) {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                match language {
                    Language::Zh => {
                        format!("已申请拦截（{}）", format_local_time(at, "%m-%d %H:%M"))
                    }
                    Language::En => format!(
                        "Intercept requested ({}): the forwarder holds the parcel.",
                        format_local_time(at, "%m-%d %H:%M")
                    ),
                },
            );
        }
        if self.busy.as_deref() == Some(reference) {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(match language {
                    Language::Zh => format!("正在等待{name}答复…"),
                    Language::En => format!("Waiting for {name}…"),
                });
            });
            return;
        }
        if can.reweigh && Transition::Reweigh.allowed_from(record.state) {
            self.reweigh_ui(ui, language, name, record, commands);
        }
        if can.intercept
            && Transition::Intercept.allowed_from(record.state)
            && crate::engine::intercepted_at(events).is_none()
        {
            let rule = crate::carriers::forwarder(kind).intercept_rule();
            self.intercept_ui(ui, language, (name, &rule), reference, commands);
        }
    }

    /// The new weight, "Change weight…", and its confirmation.
    fn reweigh_ui(
        &mut self,
        ui: &mut egui::Ui,
        language: Language,
        name: &str,
        record: &ShipmentRecord,
        commands: &CommandSender,
    ) {
        let reference = record.reference.as_str();
        if self.weight.1 != reference {
            self.weight = (String::new(), reference.to_owned());
        }
        if let Some((about, weight)) = self.confirm_reweigh.clone()
            && about == reference
        {
            let question = match language {
                Language::Zh => format!(
                    "告诉{name}此包裹现重 {weight} 公斤（原为 {} 公斤）？运费可能随之改变。",
                    record.weight_kg
                ),
                Language::En => format!(
                    "Tell {name} this parcel now weighs {weight} kg (it was {} kg)? Its fee may change.",
                    record.weight_kg
                ),
            };
            let answer = super::detail::confirm_ui(
                ui,
                &question,
                tr(language, "Yes, change the weight", "确定修改重量"),
                tr(language, "No", "不修改"),
            );
            if answer == Some(true) {
                self.busy = Some(reference.to_owned());
                commands.send(Reweigh {
                    reference: reference.to_owned(),
                    weight_kg: weight,
                });
            }
            if answer.is_some() {
                self.confirm_reweigh = None;
            }
            return;
        }
        let typed = crate::model::numbers::positive_kg(&self.weight.0);
        ui.horizontal(|ui| {
            let label = ui.label(tr(language, "New weight (kg)", "新重量（公斤）"));
            ui.add(egui::TextEdit::singleline(&mut self.weight.0).desired_width(80.0))
                .labelled_by(label.id);
            let button = ui.add_enabled(
                typed.is_some(),
                egui::Button::new(tr(language, "Change weight…", "修改重量…")),
            );
            if button.clicked()
                && let Some(weight) = typed
            {
                self.confirm_reweigh = Some((reference.to_owned(), weight));
            }
        });
        if !self.weight.0.trim().is_empty() && typed.is_none() {
            ui.colored_label(
                ui.visuals().error_fg_color,
                tr(
                    language,
                    "Type the weight in kilograms, more than 0 (e.g. 1.25).",
                    "请输入大于 0 的公斤数（如 1.25）。",
                ),
            );
        }
    }

    /// The reason, "Intercept parcel…", and its confirmation (which says the forwarder's
    /// `rule` for taking one).
    fn intercept_ui(
        &mut self,
        ui: &mut egui::Ui,
        language: Language,
        (name, rule): (&str, &Text),
        reference: &str,
        commands: &CommandSender,
    ) {
        if self.remark.1 != reference {
            self.remark = (String::new(), reference.to_owned());
        }
        if self.confirm_intercept.as_deref() == Some(reference) {
            let question = match language {
                Language::Zh => format!(
                    "请{name}拦截此包裹（扣在仓库，不再发出）？运单仍为已下单；{}。",
                    rule.zh
                ),
                Language::En => format!(
                    "Ask {name} to stop this parcel (hold it at its warehouse, not send it on)? The shipment stays bought; {}.",
                    rule.en
                ),
            };
            let answer = super::detail::confirm_ui(
                ui,
                &question,
                tr(language, "Yes, intercept it", "确定拦截"),
                tr(language, "No", "不拦截"),
            );
            if answer == Some(true) {
                self.busy = Some(reference.to_owned());
                commands.send(Intercept {
                    reference: reference.to_owned(),
                    remark: self.remark.0.trim().to_owned(),
                });
            }
            if answer.is_some() {
                self.confirm_intercept = None;
            }
            return;
        }
        ui.horizontal(|ui| {
            let label = ui.label(tr(language, "Reason to stop it", "拦截原因"));
            ui.add(egui::TextEdit::singleline(&mut self.remark.0).desired_width(200.0))
                .labelled_by(label.id);
            if ui
                .button(tr(language, "Intercept parcel…", "拦截包裹…"))
                .clicked()
            {
                self.confirm_intercept = Some(reference.to_owned());
            }
        });
    }
}

/// The forwarder's fields as a two-column table, or why there are none.
fn order_ui(ui: &mut egui::Ui, language: Language, answer: &Result<ForwarderOrder, Text>) {
    let code = language.code();
    match answer {
        Ok(order) => {
            egui::Grid::new("forwarder-order")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for field in &order.fields {
                        ui.label(field.label.in_language(code));
                        ui.add(egui::Label::new(&field.value).wrap());
                        ui.end_row();
                    }
                });
        }
        Err(problem) => {
            ui.colored_label(ui.visuals().error_fg_color, problem.in_language(code));
        }
    }
}
