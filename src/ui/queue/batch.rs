//! Buying from the queue in a batch. The engine buys (each order through the ship path, its
//! concurrency per account); the screen only reads its progress events: a bar with the counts
//! and the time left, Pause and Cancel (orders on the wire finish, nothing new starts); at the
//! end the outcomes grouped by cause with "Retry these". A batch cut off by a crash (its
//! process gone) is listed with "Resume" (Ctrl+R), which reconciles what was on the wire first.
//! Ticked orders can also be removed from the queue (a second click confirms).

use std::time::{Duration, Instant};

use super::{QueueContext, QueueView};
use crate::engine::{
    BatchCause, BatchProgress, BatchReport, BuyQueued, ControlBatch, PickList, RemoveQueued,
};
use crate::model::Text;
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, count, tr};

/// Orders on the wire at once overall (each account's own setting limits it further), as the
/// command line's default.
pub(super) const CONCURRENCY: usize = 8;

/// References shown per cause before "and N more".
const SHOWN_PER_CAUSE: usize = 12;

/// The batch on the wire, and the last one's outcome.
#[derive(Default)]
pub(super) struct BatchState {
    /// Sent, and not finished yet.
    running: Option<Running>,
    /// How the last batch ended.
    report: Option<BatchReport>,
    /// Why the last batch did not start.
    refused: Option<Text>,
    /// A remove waiting for its confirming click: the ticked orders it was asked for (ticking
    /// or unticking any disarms it, so a second click never removes a set nobody confirmed).
    confirm_remove: Option<Vec<i64>>,
    /// When progress last refreshed the table (at most once a second, so a fast batch does
    /// not keep the database busy re-reading the queue).
    table_refreshed: Option<Instant>,
}

struct Running {
    /// The latest counts (the batch's id comes with the first).
    progress: Option<BatchProgress>,
    started: Instant,
    paused: bool,
    cancelling: bool,
}

impl QueueView {
    /// A batch's counts moved.
    pub fn on_batch_progress(&mut self, progress: BatchProgress) {
        let running = self.batch.running.get_or_insert_with(|| Running {
            progress: None,
            started: Instant::now(),
            paused: false,
            cancelling: false,
        });
        running.progress = Some(progress);
        // Bought orders leave "waiting": the table catches up, once a second at most.
        if self
            .batch
            .table_refreshed
            .is_none_or(|at| at.elapsed() >= Duration::from_secs(1))
        {
            self.batch.table_refreshed = Some(Instant::now());
            self.refresh();
        }
    }

    /// A batch ended: its outcomes, or why it did not start.
    pub fn on_batch_finished(&mut self, result: Result<BatchReport, Text>) {
        self.batch.running = None;
        match result {
            Ok(report) => {
                self.batch.report = Some(report);
                self.batch.refused = None;
            }
            Err(why) => self.batch.refused = Some(why),
        }
        self.ticked.clear();
        self.refresh();
    }

    pub(super) fn start_batch(&mut self, request: BuyQueued, commands: &CommandSender) {
        self.batch.running = Some(Running {
            progress: None,
            started: Instant::now(),
            paused: false,
            cancelling: false,
        });
        self.batch.report = None;
        self.batch.refused = None;
        // The import is done with once its orders are bought: its report makes room.
        self.close_import_report();
        commands.send(request);
    }

    fn buy(&mut self, references: Vec<String>, commands: &CommandSender) {
        let request = BuyQueued {
            references,
            concurrency: CONCURRENCY,
            ..BuyQueued::default()
        };
        self.start_batch(request, commands);
    }

    /// Ctrl+R: resumes the oldest batch cut off by a crash, if one is listed and none runs.
    pub(super) fn resume_cut_off(&mut self, commands: &CommandSender) {
        if self.batch.running.is_some() {
            return;
        }
        if let Some(batch) = self.batches.iter().find(|b| b.is_interrupted()) {
            let request = BuyQueued {
                resume: Some(batch.id),
                concurrency: CONCURRENCY,
                ..BuyQueued::default()
            };
            self.start_batch(request, commands);
        }
    }

    /// The batch bar: Buy, or the running batch's progress, then the last outcome and any batch
    /// cut off.
    pub(super) fn batch_ui(&mut self, ui: &mut egui::Ui, context: &QueueContext<'_>) {
        let language = context.language;
        let commands = context.commands;
        self.cut_off_ui(ui, language, commands);
        if self.batch.running.is_some() {
            self.progress_ui(ui, language, commands);
        } else {
            ui.horizontal(|ui| {
                let selected = self.ticked.len();
                let buy_selected = match language {
                    Language::Zh => format!("购买所选 {selected} 单"),
                    Language::En => format!("Buy {} selected", count(selected, "order", "orders")),
                };
                if ui
                    .add_enabled(selected > 0, egui::Button::new(buy_selected))
                    .clicked()
                {
                    let references = self.ticked.values().cloned().collect();
                    self.buy(references, commands);
                }
                if ui
                    .button(tr(language, "Buy all ready orders", "购买全部可下单订单"))
                    .clicked()
                {
                    self.buy(Vec::new(), commands);
                }
                if selected > 0
                    && ui
                        .button(tr(language, "Clear selection", "取消选择"))
                        .clicked()
                {
                    self.ticked.clear();
                }
                if selected > 0 {
                    let pick = match language {
                        Language::Zh => format!("打印拣货单（{selected} 单）"),
                        Language::En => format!("Print pick list ({selected})"),
                    };
                    if ui
                        .button(pick)
                        .on_hover_text(tr(
                            language,
                            "Every SKU of the selected orders once, in shelf order, then each order with its barcode: on the A4 printer",
                            "所选订单的每个 SKU 按库位顺序列一次，再列每个订单及其条码：用 A4 打印机打印",
                        ))
                        .clicked()
                    {
                        commands.send(PickList {
                            references: self.ticked.values().cloned().collect(),
                            path: None,
                        });
                    }
                    self.remove_ui(ui, language, commands);
                }
            });
        }
        if let Some(why) = &self.batch.refused {
            ui.colored_label(
                ui.visuals().error_fg_color,
                why.in_language(language.code()),
            );
        }
        self.report_ui(ui, language, commands);
        self.fees_ui(ui, language, commands);
    }

    /// "Remove N from the queue", which asks for a second click first (bought orders stay: a
    /// scan finds their labels through them).
    fn remove_ui(&mut self, ui: &mut egui::Ui, language: Language, commands: &CommandSender) {
        let n = self.ticked.len();
        let ticked: Vec<i64> = self.ticked.keys().copied().collect();
        if self
            .batch
            .confirm_remove
            .as_ref()
            .is_some_and(|armed| *armed != ticked)
        {
            self.batch.confirm_remove = None;
        }
        let confirming = self.batch.confirm_remove.is_some();
        let text = match (language, confirming) {
            (Language::Zh, false) => format!("从队列移除 {n} 单"),
            (Language::Zh, true) => format!("再点一次移除 {n} 单（已下单的保留）"),
            (Language::En, false) => {
                format!("Remove {} from the queue", count(n, "order", "orders"))
            }
            (Language::En, true) => format!("Click again to remove {n} (bought ones stay)"),
        };
        if ui.button(text).clicked() {
            if confirming {
                commands.send(RemoveQueued(self.ticked.values().cloned().collect()));
                self.ticked.clear();
                self.batch.confirm_remove = None;
            } else {
                self.batch.confirm_remove = Some(ticked);
            }
        }
    }

    /// Batches whose process is gone: listed with Resume.
    fn cut_off_ui(&mut self, ui: &mut egui::Ui, language: Language, commands: &CommandSender) {
        if self.batch.running.is_some() {
            return;
        }
        let Some(batch) = self.batches.iter().find(|b| b.is_interrupted()) else {
            return;
        };
        let (id, left, total) = (batch.id, batch.left, batch.total);
        let mut resume = false;
        ui.horizontal(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                match language {
                    Language::Zh => format!(
                        "批次 {id} 被中断（共 {total} 单，{left} 单未下单）：继续前会先向货代核对在途订单。"
                    ),
                    Language::En => format!(
                        "Batch {id} was cut off with {left} of {total} not bought: resuming asks the forwarder about the orders on the wire first."
                    ),
                },
            );
            resume = ui
                .button(tr(language, "Resume  (Ctrl+R)", "继续  (Ctrl+R)"))
                .clicked();
        });
        if resume {
            self.resume_cut_off(commands);
        }
    }

    fn progress_ui(&mut self, ui: &mut egui::Ui, language: Language, commands: &CommandSender) {
        let Some(running) = &mut self.batch.running else {
            return;
        };
        let Some(progress) = running.progress.clone() else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr(language, "Starting the batch…", "正在开始批次…"));
            });
            return;
        };
        let done = progress.bought + progress.failed + progress.skipped;
        let fraction = if progress.total == 0 {
            1.0
        } else {
            done as f32 / progress.total as f32
        };
        let time_left = time_left(running.started.elapsed(), done, progress.total);
        let counts = match language {
            Language::Zh => format!(
                "{done}/{} · 已下单 {} · 等待应答 {} · 失败 {} · 剩余 {}{}",
                progress.total,
                progress.bought,
                progress.waiting,
                progress.failed,
                progress.left(),
                time_left
                    .map(|d| format!(" · 约剩 {}", duration_words(d, language)))
                    .unwrap_or_default()
            ),
            Language::En => format!(
                "{done} of {}: {} bought, {} waiting, {} failed, {} left{}",
                progress.total,
                progress.bought,
                progress.waiting,
                progress.failed,
                progress.left(),
                time_left
                    .map(|d| format!(" · about {} to go", duration_words(d, language)))
                    .unwrap_or_default()
            ),
        };
        ui.add(egui::ProgressBar::new(fraction).text(counts));
        let id = progress.batch_id;
        ui.horizontal(|ui| {
            let pause = if running.paused {
                tr(language, "Go on", "继续")
            } else {
                tr(language, "Pause", "暂停")
            };
            if ui
                .add_enabled(!running.cancelling, egui::Button::new(pause))
                .clicked()
            {
                running.paused = !running.paused;
                commands.send(ControlBatch {
                    batch_id: id,
                    pause: Some(running.paused),
                });
            }
            if ui
                .add_enabled(
                    !running.cancelling,
                    egui::Button::new(tr(language, "Cancel batch", "取消批次")),
                )
                .clicked()
            {
                running.cancelling = true;
                commands.send(ControlBatch {
                    batch_id: id,
                    pause: None,
                });
            }
            if running.paused {
                ui.label(tr(
                    language,
                    "Paused: the orders on the wire finish; nothing new starts.",
                    "已暂停：在途订单会完成，不再开始新订单。",
                ));
            }
            if running.cancelling {
                ui.label(tr(
                    language,
                    "Cancelling: the orders on the wire finish; the rest are not started.",
                    "正在取消：在途订单会完成，其余不再开始。",
                ));
            }
        });
        // The bar's time left moves on between events.
        ui.ctx().request_repaint_after(Duration::from_millis(500));
    }

    /// The last batch's outcomes by cause, each with what to do and, where buying again can
    /// help, "Retry these".
    fn report_ui(&mut self, ui: &mut egui::Ui, language: Language, commands: &CommandSender) {
        let Some(report) = &self.batch.report else {
            return;
        };
        let mut retry = None;
        let mut preview = None;
        let mut close = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                let title = match (language, report.cancelled) {
                    (Language::Zh, false) => format!("批次 {} 已完成", report.batch_id),
                    (Language::Zh, true) => format!("批次 {} 已取消", report.batch_id),
                    (Language::En, false) => format!("Batch {} finished", report.batch_id),
                    (Language::En, true) => format!("Batch {} cancelled", report.batch_id),
                };
                ui.strong(title);
                close = ui.button(tr(language, "Close", "关闭")).clicked();
            });
            egui::ScrollArea::vertical()
                .id_salt("queue-batch-report")
                .max_height(super::panel_height(ui, 160.0))
                .show(ui, |ui| {
                    for (cause, orders) in report.by_cause() {
                        let what = cause.what_to_do();
                        ui.horizontal_wrapped(|ui| {
                            ui.label(match language {
                                Language::Zh => {
                                    format!("{} 单 {}", orders.len(), what.zh)
                                }
                                Language::En => format!(
                                    "{} {}",
                                    count(orders.len(), "order", "orders"),
                                    what.en
                                ),
                            });
                            if cause == BatchCause::Held {
                                let label = match language {
                                    Language::Zh => format!("预览这 {} 单的费用", orders.len()),
                                    Language::En => {
                                        format!("Preview their fees ({})", orders.len())
                                    }
                                };
                                if ui.button(label).clicked() {
                                    preview =
                                        Some(orders.iter().map(|o| o.reference.clone()).collect());
                                }
                            } else if retriable(cause) {
                                let label = match language {
                                    Language::Zh => format!("重试这 {} 单", orders.len()),
                                    Language::En => format!("Retry these ({})", orders.len()),
                                };
                                if ui.button(label).clicked() {
                                    retry =
                                        Some(orders.iter().map(|o| o.reference.clone()).collect());
                                }
                            }
                        });
                        for order in orders.iter().take(SHOWN_PER_CAUSE) {
                            let detail = order
                                .outcome
                                .detail()
                                .map(|d| d.in_language(language.code()).to_owned())
                                .unwrap_or_default();
                            ui.weak(format!("    {}  {detail}", order.reference));
                        }
                        if orders.len() > SHOWN_PER_CAUSE {
                            let more = orders.len() - SHOWN_PER_CAUSE;
                            ui.weak(match language {
                                Language::Zh => format!("    另有 {more} 单"),
                                Language::En => format!("    and {more} more"),
                            });
                        }
                    }
                });
        });
        if close {
            self.batch.report = None;
        }
        if let Some(references) = retry {
            self.buy(references, commands);
        }
        if let Some(references) = preview {
            self.ask_fees(references, commands);
        }
    }
}

/// Whether buying these again can help: not the bought, not a lost answer (reconcile settles
/// it; buying again is what must never happen blindly), not those held for their fee (they are
/// bought at fees previewed first).
fn retriable(cause: BatchCause) -> bool {
    !matches!(
        cause,
        BatchCause::Bought | BatchCause::AlreadyBought | BatchCause::Lost | BatchCause::Held
    )
}

/// The time the rest should take at the pace so far (none before the first order ends).
fn time_left(elapsed: Duration, done: usize, total: usize) -> Option<Duration> {
    if done == 0 || done >= total {
        return None;
    }
    let per_order = elapsed.as_secs_f64() / done as f64;
    Some(Duration::from_secs_f64(per_order * (total - done) as f64))
}

/// "3 s", "2 min", "1 h 5 min".
fn duration_words(d: Duration, language: Language) -> String {
    let s = d.as_secs().max(1);
    match (language, s) {
        (Language::Zh, s) if s < 60 => format!("{s} 秒"),
        (Language::Zh, s) if s < 3600 => format!("{} 分钟", s.div_ceil(60)),
        (Language::Zh, s) => format!("{} 小时 {} 分钟", s / 3600, (s % 3600) / 60),
        (Language::En, s) if s < 60 => format!("{s} s"),
        (Language::En, s) if s < 3600 => format!("{} min", s.div_ceil(60)),
        (Language::En, s) => format!("{} h {} min", s / 3600, (s % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_left_is_the_pace_so_far_times_what_is_left() {
        assert_eq!(time_left(Duration::from_secs(10), 0, 40), None);
        assert_eq!(
            time_left(Duration::from_secs(10), 10, 40),
            Some(Duration::from_secs(30))
        );
        assert_eq!(time_left(Duration::from_secs(10), 40, 40), None);
        assert_eq!(
            duration_words(Duration::from_secs(30), Language::En),
            "30 s"
        );
        assert_eq!(
            duration_words(Duration::from_secs(61), Language::Zh),
            "2 分钟"
        );
    }
}
