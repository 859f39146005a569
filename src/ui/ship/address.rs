//! An address form: one labelled field a line, in the order a packer reads a parcel's label.

use crate::model::Address;
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
                labelled_field(
                    ui,
                    tr(language, en, zh),
                    field_id(&path),
                    value,
                    message,
                    width,
                );
            }
        });
}
