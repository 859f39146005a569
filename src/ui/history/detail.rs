//! The selected shipment's detail pane: its record, audit trail and label, and what can be done
//! with it (print, track, cancel, refund, ship again; the forwarder's own view, re-weigh and
//! intercept are in `forwarder_panel`).

use super::HistoryView;
use crate::engine::{Cancel, Print, PrintSlips, Refund, Track};
use crate::model::ShipmentState;
use crate::store::format_local_time;
use crate::ui::command::{AppCommand, CommandSender};
use crate::ui::i18n::{Language, tr};

impl HistoryView {
    /// The selected shipment, if any, and what the supervisor can do with it.
    pub(super) fn detail_ui(
        &mut self,
        ui: &mut egui::Ui,
        language: Language,
        commands: &CommandSender,
    ) {
        let Some((record, events)) = self.selected.as_ref() else {
            return;
        };
        let mut close = false;
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(&record.reference);
                if ui
                    .small_button(tr(language, "Close", "关闭"))
                    .accessible_name("Close details")
                    .clicked()
                {
                    close = true;
                }
            });
            ui.label(record.state.label().in_language(language.code()));
            if let Some(manifest) = &self.selected_manifest {
                ui.label(match language {
                    Language::En => format!("Handed over in manifest {}", manifest.name()),
                    Language::Zh => format!("已交接，批次 {}", manifest.name()),
                });
            }
            if record.state.may_hold_money()
                && record.state != ShipmentState::Created
                && record.state != ShipmentState::Printed
            {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    tr(
                        language,
                        "This shipment may hold your money.",
                        "此运单可能已扣费。",
                    ),
                );
            }
            if let Some(message) = &record.message {
                ui.label(message.in_language(language.code()));
            }
            egui::Grid::new("detail-fields")
                .num_columns(2)
                .show(ui, |ui| {
                    let currency = record.fee_currency.clone().unwrap_or_default();
                    let fee = |amount: &Option<String>| {
                        amount
                            .as_ref()
                            .map(|a| format!("{a} {currency}"))
                            .unwrap_or_default()
                    };
                    let rows: [(&str, &str, String); 11] = [
                        (
                            "Tracking",
                            "跟踪号",
                            record.tracking_number.clone().unwrap_or_default(),
                        ),
                        (
                            "Account",
                            "账号",
                            format!("{} ({})", record.account, record.forwarder),
                        ),
                        ("Service", "渠道", record.service_code.clone()),
                        (
                            "Recipient",
                            "收件人",
                            record.order.recipient.lines().join(", "),
                        ),
                        ("Sender", "发件人", record.order.sender.lines().join(", ")),
                        ("Weight (kg)", "重量（公斤）", record.weight_kg.clone()),
                        (
                            "Declared value",
                            "申报价值",
                            format!(
                                "{} {}",
                                record.declared_value.clone().unwrap_or_default(),
                                record.currency
                            ),
                        ),
                        ("Attempts", "提交次数", record.attempts.to_string()),
                        (
                            "Printed",
                            "打印次数",
                            printed_times(record.print_count, language),
                        ),
                        ("Quoted fee", "预览费用", fee(&record.quoted_fee)),
                        ("Charged fee", "实扣费用", fee(&record.charged_fee)),
                    ];
                    for (en, zh, value) in rows {
                        ui.label(tr(language, en, zh));
                        ui.add(egui::Label::new(value).wrap());
                        ui.end_row();
                    }
                });
            ui.horizontal_wrapped(|ui| {
                if let Some(label) = &record.label {
                    let void = is_void(record.state);
                    if self.confirm_void_print.as_deref() == Some(record.reference.as_str()) {
                        let answer = confirm_ui(
                            ui,
                            tr(
                                language,
                                "This label is void (the shipment is cancelled or refunded). Print it anyway?",
                                "此面单已作废（运单已取消或已退款），仍要打印？",
                            ),
                            tr(language, "Yes, print it", "仍然打印"),
                            tr(language, "No", "不打印"),
                        );
                        if answer == Some(true) {
                            commands.send(Print::on_desk_printer(vec![record.reference.clone()]));
                        }
                        if answer.is_some() {
                            self.confirm_void_print = None;
                        }
                    } else if ui.button(tr(language, "Print", "打印")).clicked() {
                        if void {
                            self.confirm_void_print = Some(record.reference.clone());
                        } else {
                            commands.send(Print::on_desk_printer(vec![record.reference.clone()]));
                        }
                    }
                    if ui.button(tr(language, "Open label", "打开面单")).clicked() {
                        crate::ui::ship::open_in_system_viewer(std::path::Path::new(&label.path));
                    }
                } else {
                    ui.label(tr(language, "No label stored", "未保存面单"));
                }
                let slip = ui
                    .button(tr(language, "Packing slip", "装箱单"))
                    .on_hover_text(if self.slips_on_a4 {
                        tr(language, "Print its packing slip on the A4 printer", "在 A4 打印机上打印装箱单")
                    } else {
                        tr(
                            language,
                            "Print its packing slip on the label printer's stock",
                            "在面单打印机上打印装箱单",
                        )
                    });
                if slip.clicked() {
                    commands.send(PrintSlips {
                        references: vec![record.reference.clone()],
                        a4: self.slips_on_a4,
                    });
                }
                if ui
                    .button(tr(language, "Duplicate as new", "复制为新运单"))
                    .clicked()
                {
                    commands.app(AppCommand::DuplicateAsNew(Box::new(record.order.clone())));
                }
                let can_cancel = crate::carriers::ForwarderKind::parse(&record.forwarder)
                    .is_some_and(|k| crate::carriers::forwarder(k).capabilities().cancel)
                    && record.state.may_hold_money()
                    && !record.state.needs_reconciling();
                if can_cancel {
                    if self.confirm_cancel.as_deref() == Some(record.reference.as_str()) {
                        let answer = confirm_ui(
                            ui,
                            tr(language, "Cancel at the forwarder?", "确定在物流商处取消？"),
                            tr(language, "Yes, cancel it", "确定取消"),
                            tr(language, "No", "不取消"),
                        );
                        if answer == Some(true) {
                            commands.send(Cancel(record.reference.clone()));
                        }
                        if answer.is_some() {
                            self.confirm_cancel = None;
                        }
                    } else if ui
                        .button(tr(language, "Cancel shipment", "取消运单"))
                        .clicked()
                    {
                        self.confirm_cancel = Some(record.reference.clone());
                    }
                }
                let can_refund = crate::carriers::ForwarderKind::parse(&record.forwarder)
                    .is_some_and(|k| crate::carriers::forwarder(k).capabilities().refund)
                    && crate::model::Transition::Refund.allowed_from(record.state);
                if can_refund {
                    if self.confirm_refund.as_deref() == Some(record.reference.as_str()) {
                        let answer = confirm_ui(
                            ui,
                            tr(
                                language,
                                "Ask the forwarder for the refund?",
                                "确定向物流商申请退款？",
                            ),
                            tr(language, "Yes, request the refund", "确定申请退款"),
                            tr(language, "No", "不申请"),
                        );
                        if answer == Some(true) {
                            commands.send(Refund(record.reference.clone()));
                        }
                        if answer.is_some() {
                            self.confirm_refund = None;
                        }
                    } else if ui
                        .button(tr(language, "Request refund", "申请退款"))
                        .clicked()
                    {
                        self.confirm_refund = Some(record.reference.clone());
                    }
                }
            });
            ui.separator();
            match &record.label {
                Some(label) => {
                    self.preview
                        .show(std::path::Path::new(&label.path), commands);
                    self.preview.ui(ui, language, is_void(record.state));
                }
                None => self.preview.clear(),
            }
            ui.separator();
            if let Some(reference) = self.tracking.ui(ui, language, record, events) {
                commands.send(Track(reference));
            }
            self.forwarder.ui(ui, language, record, events, commands);
            ui.separator();
            ui.strong(tr(language, "Timeline", "时间线"));
            for event in events {
                let when = format_local_time(event.at, "%m-%d %H:%M:%S");
                let what = match event.state {
                    Some(state) => state.label().in_language(language.code()).to_owned(),
                    None => format!("{:?}", event.kind),
                };
                egui::CollapsingHeader::new(format!("{when}  {what}"))
                    .id_salt(("event", event.at, format!("{:?}", event.kind)))
                    .show(ui, |ui| {
                        let text = serde_json::to_string_pretty(&event.detail).unwrap_or_default();
                        ui.add(
                            egui::Label::new(egui::RichText::new(text).monospace().small()).wrap(),
                        );
                    });
            }
        });
        if close {
            self.selected = None;
        }
    }
}

/// A question asked once more before an action: the question, then Yes and No. `Some(true)`:
/// yes; `Some(false)`: no; `None`: not answered yet.
pub(super) fn confirm_ui(ui: &mut egui::Ui, question: &str, yes: &str, no: &str) -> Option<bool> {
    ui.colored_label(ui.visuals().warn_fg_color, question);
    if ui.button(yes).clicked() {
        return Some(true);
    }
    if ui.button(no).clicked() {
        return Some(false);
    }
    None
}

/// A cancelled or refunded shipment's label must not go on a parcel: it is marked VOID and
/// printing it asks first.
pub(super) fn is_void(state: ShipmentState) -> bool {
    matches!(state, ShipmentState::Cancelled | ShipmentState::Refunded)
}

/// "2 times" / "2 次", "not yet" / "未打印".
fn printed_times(count: i64, language: Language) -> String {
    match (count, language) {
        (0, _) => tr(language, "not yet", "未打印").to_owned(),
        (_, Language::Zh) => format!("{count} 次"),
        (1, _) => "once".to_owned(),
        (n, _) => format!("{n} times"),
    }
}
