//! What each command barcode does (see [`crate::ui::command_barcodes`]): the same as the key
//! it stands for, on the screen on show, and a notice when it has nothing to act on.

use super::{Screen, ShipdeskApp};
use crate::engine::Print;
use crate::model::Text;
use crate::ui::command::AppCommand;
use crate::ui::command_barcodes::DeskCommand;

impl ShipdeskApp {
    /// Does `command`.
    pub(super) fn on_desk_command(&mut self, ctx: &egui::Context, command: DeskCommand) {
        match command {
            DeskCommand::Weigh => {
                self.screen = Screen::Ship;
                self.ship.use_scale_weight(ctx);
            }
            DeskCommand::Buy if self.screen == Screen::Ship => {
                if self.ship.has_pending_fee() {
                    self.ship.accept_fee(&self.sender);
                } else {
                    self.create_order();
                }
            }
            DeskCommand::Buy => self.notify(
                self.screen,
                Text::new(
                    "Scan an order first: Buy buys the order open in the ship form.",
                    "请先扫描订单：“购买”购买发货表单中打开的订单。",
                ),
            ),
            DeskCommand::Reprint => match self.ship.last_label_reference() {
                Some(reference) => {
                    let reference = reference.to_owned();
                    self.sender.send(Print::on_desk_printer(vec![reference.clone()]));
                    self.notify(
                        self.screen,
                        Text::new(
                            format!("Reprinting the label of {reference}."),
                            format!("正在重打 {reference} 的面单。"),
                        ),
                    );
                }
                None => self.notify(
                    self.screen,
                    Text::new(
                        "No label was bought at this desk yet: nothing to reprint. Scan a bought order to reprint its label.",
                        "本台尚未购买面单，无可重打。扫描已下单的订单即可重打其面单。",
                    ),
                ),
            },
            DeskCommand::Next => {
                if self.screen == Screen::Ship && !self.ship.is_from_queue() {
                    self.ship.new_order();
                } else {
                    self.show_scan_field();
                }
            }
            DeskCommand::Cancel => {
                if self.screen == Screen::Ship && self.ship.has_pending_fee() {
                    self.ship.decline_fee();
                } else if self.screen == Screen::Ship && self.ship.is_from_queue() {
                    // The order stays queued as it was opened (what was typed into it since
                    // is dropped, not saved back); nothing is bought.
                    self.ship.new_order();
                    self.show_scan_field();
                } else {
                    self.notify(
                        self.screen,
                        Text::new(
                            "Nothing to cancel: no order is waiting to be bought.",
                            "无可取消：没有待购买的订单。",
                        ),
                    );
                }
            }
            DeskCommand::Box(name) => {
                match crate::model::box_for_code(&name, self.ship.saved_boxes()) {
                    Some(preset) => {
                        self.screen = Screen::Ship;
                        self.ship.apply_box(&preset);
                    }
                    None => self.notify(
                        self.screen,
                        Text::new(
                            format!(
                                "No box \"{name}\" at this desk: print the command sheet again after changing the boxes."
                            ),
                            format!("本台没有箱型“{name}”：修改箱型后请重新打印指令条码表。"),
                        ),
                    ),
                }
            }
        }
    }

    /// The Queue screen with the focus in its scan field.
    fn show_scan_field(&mut self) {
        self.sender.app(AppCommand::Show(Screen::Queue));
        self.queue.focus_scan();
    }
}
