//! The sender profile picker above the sender form: pick a stored address, save the typed one
//! under a name, or delete the one in use. Profiles live in the database (through the engine).

use crate::engine::{EditPresets, PresetEdit};
use crate::model::{Address, SenderProfile};
use crate::ui::command::CommandSender;
use crate::ui::i18n::{Language, tr};

/// The name being typed while a profile is being saved.
#[derive(Default)]
pub struct ProfileSaving {
    name: Option<String>,
    missing_name: bool,
    /// Put the cursor in the name field on the frame it appears.
    focus: bool,
    /// The profile whose deletion waits for a second, confirming click.
    confirm_delete: Option<String>,
}

/// Draws the picker row. Everything but the name field being typed stays out of the Tab order
/// (clickable text, like the address book), so Tab still walks from the recipient's last field
/// straight to the sender's name.
pub fn sender_profiles_ui(
    ui: &mut egui::Ui,
    language: Language,
    sender: &mut Address,
    profiles: &[SenderProfile],
    saving: &mut ProfileSaving,
    commands: &CommandSender,
) {
    let current = profiles.iter().find(|p| p.address == *sender);
    ui.horizontal_wrapped(|ui| {
        ui.weak(tr(language, "Profiles:", "发件人档案："));
        for profile in profiles {
            let text = egui::RichText::new(&profile.name);
            let text = if current.is_some_and(|c| c.name == profile.name) {
                text.strong()
            } else {
                text.underline()
            };
            if link(ui, text) {
                *sender = profile.address.clone();
            }
        }
        match &mut saving.name {
            None => {
                let save = tr(language, "Save as profile…", "存为档案…");
                if link(ui, egui::RichText::new(save).underline()) {
                    let suggested = current
                        .map(|p| p.name.clone())
                        .or_else(|| {
                            Some(sender.company.trim().to_owned()).filter(|c| !c.is_empty())
                        })
                        .unwrap_or_else(|| sender.name.trim().to_owned());
                    saving.name = Some(suggested);
                    saving.missing_name = false;
                    saving.focus = true;
                }
                if let Some(profile) = current {
                    if saving.confirm_delete.as_deref() == Some(profile.name.as_str()) {
                        // A warehouse address is not retyped in a second: ask once more.
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            tr(language, "Delete this profile?", "删除此档案？"),
                        );
                        let yes = tr(language, "Yes, delete", "确定删除");
                        if link(ui, egui::RichText::new(yes).underline()) {
                            commands
                                .send(EditPresets(PresetEdit::DeleteSender(profile.name.clone())));
                            saving.confirm_delete = None;
                        }
                        if link(
                            ui,
                            egui::RichText::new(tr(language, "No", "不删除")).underline(),
                        ) {
                            saving.confirm_delete = None;
                        }
                    } else {
                        let delete = tr(language, "Delete profile", "删除档案");
                        if link(ui, egui::RichText::new(delete).underline()) {
                            saving.confirm_delete = Some(profile.name.clone());
                        }
                    }
                }
            }
            Some(name) => {
                let field = ui
                    .add(
                        egui::TextEdit::singleline(name)
                            .hint_text(tr(language, "Profile name", "档案名称"))
                            .desired_width(140.0),
                    )
                    .accessible_name("Profile name");
                if std::mem::take(&mut saving.focus) {
                    field.request_focus();
                }
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui
                    .button(tr(language, "Save profile", "保存档案"))
                    .clicked()
                    || enter
                {
                    let name = name.trim().to_owned();
                    if name.is_empty() {
                        saving.missing_name = true;
                    } else {
                        commands.send(EditPresets(PresetEdit::SaveSender(Box::new(
                            SenderProfile {
                                name,
                                address: sender.clone(),
                            },
                        ))));
                        saving.name = None;
                        saving.missing_name = false;
                    }
                }
                if ui.button(tr(language, "Cancel", "取消")).clicked() {
                    saving.name = None;
                    saving.missing_name = false;
                }
            }
        }
        if saving.missing_name {
            ui.colored_label(
                ui.visuals().error_fg_color,
                tr(language, "Give the profile a name.", "请填写档案名称。"),
            );
        }
    });
}

/// Clickable text outside the Tab order.
fn link(ui: &mut egui::Ui, text: egui::RichText) -> bool {
    ui.add(egui::Label::new(text).sense(egui::Sense::CLICK))
        .clicked()
}
