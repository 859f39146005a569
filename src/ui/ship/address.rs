//! An address form: one labelled field a line, in the order a packer reads a parcel's label.

use crate::model::Address;
use crate::model::countries;
use crate::ui::i18n::{Language, tr};
use crate::ui::widgets::{FieldIssues, field_id, labelled_field};

/// Draws the form for `who` (`recipient` or `sender`, the validation path prefix).
pub fn address_form(
    ui: &mut egui::Ui,
    language: Language,
    who: &str,
    address: &mut Address,
    issues: &FieldIssues<'_>,
) {
    let fields: [(&str, &'static str, &'static str, &mut String, f32); 10] = [
        ("name", "Name", "姓名", &mut address.name, 260.0),
        ("company", "Company", "公司", &mut address.company, 260.0),
        ("phone", "Phone", "电话", &mut address.phone, 180.0),
        ("street1", "Street", "地址", &mut address.street1, 320.0),
        ("street2", "Street 2", "地址 2", &mut address.street2, 320.0),
        ("city", "City", "城市", &mut address.city, 180.0),
        (
            "state",
            "State / province",
            "州/省",
            &mut address.state,
            120.0,
        ),
        ("postcode", "Postcode", "邮编", &mut address.postcode, 120.0),
        (
            "country_code",
            "Country (2 letters)",
            "国家（两位代码）",
            &mut address.country_code,
            60.0,
        ),
        ("email", "E-mail", "邮箱", &mut address.email, 260.0),
    ];
    egui::Grid::new(format!("{who}-address"))
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for (field, en, zh, value, width) in fields {
                let path = format!("{who}.{field}");
                let message = issues.message(&path, language);
                let response = labelled_field(
                    ui,
                    tr(language, en, zh),
                    field_id(&path),
                    value,
                    message,
                    width,
                );
                if field == "country_code" {
                    let next = field_id(&format!("{who}.email"));
                    country_completion_ui(ui, language, &response, value, next);
                }
            }
        });
}

/// While the country field has the focus, a list over the form (it moves nothing) names the
/// country a typed code stands for, or the countries a typed name or part of one matches
/// ("germ", "德"); Enter takes the first and goes on to the `next` field (ISO 3166-1, names in
/// both languages).
fn country_completion_ui(
    ui: &mut egui::Ui,
    language: Language,
    field: &egui::Response,
    value: &mut String,
    next: egui::Id,
) {
    let name = |c: &countries::Country| match language {
        Language::Zh => c.name_zh,
        Language::En => c.name_en,
    };
    let typed = value.trim().to_owned();
    if typed.is_empty() || !(field.has_focus() || field.lost_focus()) {
        return;
    }
    let exact = countries::country(&typed).filter(|c| c.code.eq_ignore_ascii_case(&typed));
    let matches = match exact {
        Some(country) => vec![country],
        None => countries::search(&typed, 5),
    };
    if field.lost_focus() {
        if exact.is_none()
            && ui.input(|i| i.key_pressed(egui::Key::Enter))
            && let Some(first) = matches.first()
        {
            *value = first.code.to_owned();
            // Taken, so the next field does not read the same Enter as its own.
            ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter));
            ui.memory_mut(|m| m.request_focus(next));
        }
        return;
    }
    if matches.is_empty() {
        return;
    }
    let mut picked = None;
    egui::Area::new(field.id.with("countries"))
        .order(egui::Order::Foreground)
        .fixed_pos(field.rect.left_bottom() + egui::vec2(0.0, 2.0))
        .interactable(true)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                for (n, country) in matches.iter().enumerate() {
                    let text = format!("{}  {}", country.code, name(country));
                    let text = if n == 0 && exact.is_none() {
                        egui::RichText::new(format!(
                            "{text}  {}",
                            tr(language, "(Enter)", "（回车）")
                        ))
                        .strong()
                    } else {
                        egui::RichText::new(text)
                    };
                    // Clickable, but no Tab stop.
                    if ui
                        .add(egui::Label::new(text).sense(egui::Sense::CLICK))
                        .clicked()
                    {
                        picked = Some(country.code);
                    }
                }
            });
        });
    if let Some(code) = picked {
        *value = code.to_owned();
    }
}
