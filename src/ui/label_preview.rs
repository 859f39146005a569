//! The label as it will print, drawn inside the window (the engine renders it off the UI thread;
//! this keeps the textures and the zoom).

use std::path::{Path, PathBuf};

use crate::engine::RenderLabel;
use crate::labels::RasterPage;
use crate::model::Text;
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, tr};
use crate::ui::widgets::small_action_button;

/// One label's preview.
#[derive(Default)]
pub struct LabelPreview {
    path: Option<PathBuf>,
    pages: Vec<egui::TextureHandle>,
    error: Option<Text>,
    pending: bool,
    /// Display scale: 1.0 shows the label at its printed size in points.
    zoom: f32,
}

impl LabelPreview {
    /// Shows `path`, asking the engine to draw it the first time.
    pub fn show(&mut self, path: &Path, commands: &CommandSender) {
        if self.path.as_deref() == Some(path) {
            return;
        }
        self.path = Some(path.to_owned());
        self.pages.clear();
        self.error = None;
        self.pending = true;
        if self.zoom <= 0.0 {
            self.zoom = 1.0;
        }
        commands.send(RenderLabel(path.to_owned()));
    }

    /// Forgets the label (another shipment is shown).
    pub fn clear(&mut self) {
        self.path = None;
        self.pages.clear();
        self.error = None;
        self.pending = false;
    }

    /// The engine drew a label; kept only if it is the one being shown.
    pub fn on_rendered(
        &mut self,
        ctx: &egui::Context,
        path: &Path,
        pages: &Result<Vec<RasterPage>, Text>,
    ) {
        if self.path.as_deref() != Some(path) {
            return;
        }
        self.pending = false;
        match pages {
            Ok(pages) => {
                self.pages = pages
                    .iter()
                    .enumerate()
                    .map(|(n, page)| {
                        let image = egui::ColorImage::from_rgba_premultiplied(
                            [page.width, page.height],
                            &page.rgba,
                        );
                        ctx.load_texture(
                            format!("label-{}-{n}", path.display()),
                            image,
                            egui::TextureOptions::LINEAR,
                        )
                    })
                    .collect();
            }
            Err(problem) => self.error = Some(problem.clone()),
        }
    }

    /// Draws the pages with zoom buttons; a `void` label (cancelled, refunded) is marked so
    /// across every page.
    pub fn ui(&mut self, ui: &mut egui::Ui, language: Language, void: bool) {
        if self.path.is_none() {
            return;
        }
        ui.horizontal(|ui| {
            ui.strong(tr(language, "Label", "面单"));
            if small_action_button(ui, "−")
                .on_hover_text(tr(language, "Smaller", "缩小"))
                .clicked()
            {
                self.zoom = (self.zoom / 1.25).max(0.4);
            }
            ui.label(format!("{:.0}%", self.zoom * 100.0));
            if small_action_button(ui, "+")
                .on_hover_text(tr(language, "Larger", "放大"))
                .clicked()
            {
                self.zoom = (self.zoom * 1.25).min(4.0);
            }
            if self.pending {
                ui.spinner();
            }
        });
        if let Some(error) = &self.error {
            ui.colored_label(
                ui.visuals().error_fg_color,
                error.in_language(language.code()),
            );
        }
        for (n, texture) in self.pages.iter().enumerate() {
            // Rendered at 2 px per point: half the pixel size is the printed size in points.
            let size = texture.size_vec2() * 0.5 * self.zoom;
            // Screen readers and tests find the preview by name.
            let image = ui
                .add(egui::Image::new((texture.id(), size)))
                .accessible_name(format!("Label preview page {}", n + 1));
            if void {
                ui.painter().text(
                    image.rect.center(),
                    egui::Align2::CENTER_CENTER,
                    tr(language, "VOID", "作废"),
                    egui::FontId::proportional((size.x / 4.0).max(18.0)),
                    egui::Color32::from_rgba_unmultiplied(220, 30, 30, 200),
                );
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    tr(
                        language,
                        "VOID: this shipment is cancelled or refunded; do not use this label.",
                        "作废：此运单已取消或已退款，请勿使用此面单。",
                    ),
                );
            }
        }
    }
}
