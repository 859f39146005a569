//! What each engine event changes in the window.

use super::{Screen, ShipdeskApp};
use crate::engine::{Event, FoundShipments, PrintReport};
use crate::model::Text;
use crate::ui::i18n::count;

impl ShipdeskApp {
    /// Takes in every event the engine sent since the last frame.
    pub(super) fn drain_events(&mut self, ctx: &egui::Context) {
        while let Ok(event) = self.events.try_recv() {
            self.on_event(ctx, event);
        }
    }

    fn on_event(&mut self, ctx: &egui::Context, event: Event) {
        match event {
            // The command line's listing; the window finds rows by id instead.
            Event::QueueListed(_) => {}
            Event::QueueFound(found) => self.queue.on_found(found),
            Event::Imported(result) => self.queue.on_imported(result),
            Event::SavedToQueue(result) => {
                self.notify(
                    self.screen,
                    match result {
                        Ok(reference) => Text::new(
                            format!("{reference} is saved to the queue."),
                            format!("{reference} 已存入队列。"),
                        ),
                        Err(why) => Text::new(
                            format!("Not saved to the queue: {}", why.en),
                            format!("未存入队列：{}", why.zh),
                        ),
                    },
                );
                self.queue.refresh();
            }
            Event::RemovedFromQueue(result) => {
                self.notify(
                    Screen::Queue,
                    match result {
                        Ok(n) => Text::new(
                            format!("Removed {} from the queue.", count(n, "order", "orders")),
                            format!("已从队列移除 {n} 单。"),
                        ),
                        Err(error) => Text::new(
                            format!("Nothing was removed: the local database refused ({error})."),
                            format!("未移除：本地数据库出错（{error}）。"),
                        ),
                    },
                );
                self.queue.refresh();
            }
            Event::BatchProgress(progress) => self.queue.on_batch_progress(progress),
            Event::BatchPreviewed(preview) => self.queue.on_preview(preview),
            Event::BatchFinished(result) => {
                self.queue.on_batch_finished(result);
                self.reload();
                self.history_changed();
            }
            Event::BatchControlled(reached) => {
                if !reached {
                    self.notify(
                        Screen::Queue,
                        Text::new(
                            "That batch is not running in this window any more.",
                            "该批次已不在本窗口中运行。",
                        ),
                    );
                }
            }
            Event::Shipped(result) => {
                self.queue.on_shipped(&result);
                self.queue.refresh();
                self.ship.on_shipped(result);
                self.reload();
                self.history_changed();
            }
            Event::Quoted(result) => self.ship.on_quoted(result),
            Event::Refunded(result) | Event::Cancelled(result) => {
                self.notify(
                    Screen::History,
                    match result {
                        Ok(report) => report.message.unwrap_or_else(|| report.state.label()),
                        Err(error) => error.describe(),
                    },
                );
                self.reload();
                self.history_changed();
            }
            Event::Reconciled(result) => {
                self.header.reconciling = false;
                self.notify(
                    self.screen,
                    match result {
                        Ok(reports) => Text::new(
                            format!(
                                "Reconciled {}.",
                                count(reports.len(), "shipment", "shipments")
                            ),
                            format!("已核对 {} 票。", reports.len()),
                        ),
                        Err(error) => error.describe(),
                    },
                );
                self.reload();
                self.history_changed();
            }
            Event::ShipmentsFound(FoundShipments {
                generation,
                ids,
                totals,
                picture,
            }) => self.history.on_found(generation, ids, totals, picture),
            Event::AccountSaved(result) => {
                self.accounts_view
                    .on_saved(result.map_err(|e| e.describe()));
                self.reload();
            }
            Event::AccountDeleted(result) => {
                self.accounts_view
                    .on_deleted(result.map_err(|e| e.describe()));
                self.reload();
            }
            Event::ConnectionTested(tested) => {
                self.accounts_view.on_tested(tested.account, tested.verdict)
            }
            Event::ShipmentChanged(report) => {
                self.ship.on_changed(&report);
                self.reload();
                self.history_changed();
            }
            Event::Tracked(answer) => {
                let problem = answer.tracking.err().map(|e| e.describe());
                self.history.tracking.on_tracked(&answer.reference, problem);
                self.history_changed();
            }
            Event::ServicesListed(listed) => {
                let result = listed.result.as_ref().map_err(|e| e.describe());
                if listed.refreshed {
                    let forwarder = self
                        .header
                        .accounts
                        .iter()
                        .find(|a| a.name == listed.account)
                        .map_or_else(
                            || Text::new("The forwarder", "物流商"),
                            |a| a.forwarder.display_name(),
                        );
                    self.accounts_view
                        .services
                        .on_listed(&listed.account, &forwarder, result);
                }
                self.reload();
            }
            Event::OrderAsked(answer) => {
                self.history
                    .forwarder
                    .on_order(&answer.reference, answer.order.map_err(|e| e.describe()));
                self.history_changed();
            }
            Event::Reweighed(answer) | Event::Intercepted(answer) => {
                self.history.forwarder.on_note(&answer.reference);
                self.notify(
                    Screen::History,
                    match answer.result {
                        Ok(report) => report.message.unwrap_or_else(|| report.state.label()),
                        Err(error) => error.describe(),
                    },
                );
                self.reload();
                self.history_changed();
            }
            Event::LabelRendered(label) => {
                self.ship
                    .preview
                    .on_rendered(ctx, &label.path, &label.pages);
                self.history
                    .preview
                    .on_rendered(ctx, &label.path, &label.pages);
            }
            Event::Printed(reports) => {
                if !reports.is_empty() {
                    self.notify(self.screen, print_notice(&reports));
                }
                self.history_changed();
            }
            Event::PrintersSaved(result) => self.printers.on_saved(result),
            Event::ScaleSaved(result) => self.scale_settings.on_saved(result),
            Event::Scale(state) => self.ship.scale.on_state(state),
            Event::Exported(result) => {
                self.notify(
                    Screen::History,
                    match result {
                        Ok((path, rows)) => Text::new(
                            format!(
                                "Exported {} to {}",
                                count(rows, "shipment", "shipments"),
                                path.display()
                            ),
                            format!("已导出 {rows} 票到 {}", path.display()),
                        ),
                        Err(problem) => problem,
                    },
                );
            }
            Event::DayClosed(result) => {
                self.history.close_day.on_closed(result, &self.sender);
                self.history_changed();
            }
            Event::ManifestWritten(result) => self.history.close_day.on_written(result),
            Event::Manifests(result) => self.history.close_day.on_manifests(result),
            // The Close-the-day bar's handover list, or History's packing slip: said where it
            // was asked for.
            Event::DocumentPrinted(result) if self.history.close_day.is_open() => {
                self.history.close_day.on_printed(result)
            }
            Event::DocumentPrinted(result) => {
                let notice = match result {
                    Ok(printed) => crate::ui::history::printed_words(&printed),
                    Err(problem) => problem,
                };
                self.notify(Screen::History, notice);
            }
            Event::DocumentMade(result) => {
                let notice = match result {
                    Ok(Some(printed)) => crate::ui::history::printed_words(&printed),
                    Ok(None) => Text::new("Saved.", "已保存。"),
                    Err(why) => why,
                };
                self.notify(self.screen, notice);
            }
            // The command line's; the window saves entries one at a time from the form.
            Event::CatalogueImported(_) => {}
            Event::ProductsSaved(result) => {
                let notice = match result {
                    Ok(writes) => Text::new(
                        format!(
                            "Saved {} to the catalogue.",
                            count(writes.len(), "item", "items")
                        ),
                        format!("已保存 {} 个品名到商品库。", writes.len()),
                    ),
                    Err(why) => why,
                };
                self.notify(Screen::Ship, notice);
            }
            Event::ProductsFound(found) => self.ship.on_products_found(found),
            Event::OperatorSet(result) => {
                let notice = match result {
                    Ok(name) if name.is_empty() => Text::new(
                        "No packer's name is recorded from now on.",
                        "从现在起不记录操作员。",
                    ),
                    Ok(name) => Text::new(
                        format!("From now on everything bought here is recorded under {name}."),
                        format!("从现在起在本台的操作记录在 {name} 名下。"),
                    ),
                    Err(error) => Text::new(
                        format!("The packer's name was not taken: {}", error.what_to_do().en),
                        format!("操作员未设置：{}", error.what_to_do().zh),
                    ),
                };
                self.notify(self.screen, notice);
            }
            Event::ReferenceChecked(checked) => self
                .ship
                .on_reference_checked(&checked.reference, checked.used),
            Event::RecipientSuggestions(found) => {
                self.ship.on_suggestions(found.generation, found.addresses)
            }
            Event::Overview(Ok(overview)) => {
                self.ship
                    .set_presets(overview.sender_profiles, overview.parcel_presets);
                self.header.accounts = overview.accounts;
                self.header.unsettled = overview.unsettled;
                self.header.refunds_due = overview.refunds_due;
                self.header.services = overview.services;
            }
            Event::Overview(Err(error)) => {
                self.notify(
                    self.screen,
                    Text::new(error.to_string(), format!("本地数据库出错：{error}")),
                );
            }
            Event::PresetsEdited(result) => {
                if let Err(error) = result {
                    // The database's own words stay in the log, for whoever fixes it.
                    tracing::warn!("cannot save a preset: {error:#}");
                    self.notify(self.screen, Text::new(
                        "Could not save the profile or preset: the local database refused the change (see shipdesk.log). Nothing else was affected.",
                        "无法保存档案或预设：本地数据库拒绝了修改（详见 shipdesk.log），其他内容不受影响。",
                    ));
                }
                self.reload();
            }
        }
    }
}

/// One line for a print job: what printed (and how often now), and what did not and why; a
/// problem every shipment shares (no printer set) is said once.
fn print_notice(reports: &[PrintReport]) -> Text {
    if let [first, rest @ ..] = reports
        && let Err(shared) = &first.result
        && !rest.is_empty()
        && rest.iter().all(|r| r.result.as_ref().err() == Some(shared))
    {
        return shared.clone();
    }
    let (mut en, mut zh) = (Vec::new(), Vec::new());
    for report in reports {
        let reference = &report.reference;
        match &report.result {
            // A test label is no shipment: it has no print count.
            Ok((job, 0)) => {
                en.push(format!("{reference}: printed (job {job})"));
                zh.push(format!("{reference}：已打印（任务 {job}）"));
            }
            Ok((job, count)) => {
                en.push(format!("{reference}: printed (job {job}, {count}x)"));
                zh.push(format!("{reference}：已打印（任务 {job}，第 {count} 次）"));
            }
            Err(problem) => {
                en.push(format!("{reference}: {}", problem.en));
                zh.push(format!("{reference}：{}", problem.zh));
            }
        }
    }
    Text::new(en.join("; "), zh.join("；"))
}
