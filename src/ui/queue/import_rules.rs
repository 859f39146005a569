//! The import bar's rules instead of clicks: per destination country, the account, service and
//! box for what a file leaves empty, one rule a line as `shipdesk import --rule` takes them,
//! and the profile they are kept with so the next day's file needs none typed. A saved profile
//! shows its own rules when it is picked.

use crate::model::Text;
use crate::queue::CountryRule;
use crate::store::Store;
use crate::ui::i18n::{Language, tr};

/// The rules as typed, and the profile they are kept with.
#[derive(Default)]
pub(super) struct RulesEditor {
    open: bool,
    text: String,
    keep_as: String,
    /// The profile whose saved rules the text was last filled from.
    loaded_for: Option<Option<String>>,
}

impl RulesEditor {
    /// The rules typed, or the first line that does not read (nothing is imported then).
    pub(super) fn rules(&self) -> Result<Vec<CountryRule>, Text> {
        let rules: Result<Vec<CountryRule>, Text> = self
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(CountryRule::parse)
            .collect();
        let keep_as = self.keep_as.trim();
        if crate::queue::profile::builtin()
            .iter()
            .any(|p| p.name.eq_ignore_ascii_case(keep_as))
        {
            return Err(Text::new(
                format!(
                    "\"{keep_as}\" is a built-in profile: keep the rules under a name of your own (e.g. \"{keep_as}-us\")"
                ),
                format!("“{keep_as}”是内置方案：请用自己的名称保存规则（如“{keep_as}-us”）"),
            ));
        }
        rules
    }

    /// The profile name to keep the rules (and the profile used) under, if one is typed.
    pub(super) fn keep_as(&self) -> Option<String> {
        let name = self.keep_as.trim();
        (!name.is_empty()).then(|| name.to_owned())
    }

    /// A profile was kept: the next pick reads it again.
    pub(super) fn saved(&mut self) {
        self.loaded_for = None;
    }

    /// The "Rules…" button, and the rules under it while open; `profile` is the one picked
    /// (`None`: the one the file's columns match).
    pub(super) fn ui(
        &mut self,
        ui: &mut egui::Ui,
        language: Language,
        profile: &Option<String>,
        reader: Option<&Store>,
    ) {
        if self.loaded_for.as_ref() != Some(profile) {
            // A saved profile's own rules; a built-in one (or none picked) starts empty.
            let saved = profile.as_ref().and_then(|name| {
                reader?
                    .import_profiles()
                    .ok()?
                    .into_iter()
                    .find(|p| &p.name == name)
            });
            self.text = saved
                .as_ref()
                .map(|p| {
                    p.rules
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default();
            self.keep_as = saved.map(|p| p.name).unwrap_or_default();
            self.loaded_for = Some(profile.clone());
        }
        let count = self.text.lines().filter(|l| !l.trim().is_empty()).count();
        let label = match (language, count) {
            (Language::En, 0) => "Rules…".to_owned(),
            (Language::En, n) => format!("Rules ({n})…"),
            (Language::Zh, 0) => "规则…".to_owned(),
            (Language::Zh, n) => format!("规则（{n}）…"),
        };
        if ui
            .add(egui::Button::selectable(self.open, label))
            .on_hover_text(tr(
                language,
                "Per destination country, the account, service and box for what the file leaves empty",
                "按目的国设置文件未填写的账号、渠道和箱型",
            ))
            .clicked()
        {
            self.open = !self.open;
        }
    }

    /// The rules while open, under the import bar.
    pub(super) fn panel_ui(&mut self, ui: &mut egui::Ui, language: Language) {
        if !self.open {
            return;
        }
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(tr(
                language,
                "One rule a line, COUNTRY: account=NAME, service=CODE, box=NAME (\"*\" for any country; a country's own rule comes first; the file's cells always win):",
                "每行一条规则：国家: account=账号, service=渠道代码, box=箱型（“*”表示任何国家；本国规则优先；文件中已填写的始终优先）：",
            ));
            let label = ui.label(tr(language, "Rules", "规则"));
            ui.add(
                egui::TextEdit::multiline(&mut self.text)
                    .hint_text("US: account=WP, service=WP_GROUND, box=M")
                    .desired_rows(3)
                    .desired_width(520.0),
            )
            .labelled_by(label.id);
            ui.horizontal(|ui| {
                let label = ui.label(tr(
                    language,
                    "Keep with the profile named",
                    "随导入方案保存，名称",
                ));
                ui.add(
                    egui::TextEdit::singleline(&mut self.keep_as)
                        .hint_text(tr(language, "e.g. shop-us", "如 shop-us"))
                        .desired_width(160.0),
                )
                .labelled_by(label.id);
            });
            if let Err(why) = self.rules() {
                ui.colored_label(ui.visuals().error_fg_color, why.in_language(language.code()));
            }
        });
    }
}
