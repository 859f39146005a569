//! History's picture of the days, drawn with egui's painter (a few bars need no plotting crate,
//! and none has to be matched to the pinned egui 0.37): shipments per day and the day's fees, each day's bar split by account, with a
//! legend of each account's totals for the range; beside it, the range's last day counted by
//! state, the stuck states in the warning colour, so a supervisor sees at a glance what went
//! out and what is waiting.

use std::collections::BTreeMap;

use egui::{Color32, Rect, Sense, Stroke, Vec2, pos2};
use rust_decimal::Decimal;

use super::filters::shipments;
use crate::model::ShipmentState;
use crate::store::DayPicture;
use crate::ui::i18n::{Language, tr};

/// Each account's colour, in name order (repeating after the last).
const PALETTE: [Color32; 6] = [
    Color32::from_rgb(66, 133, 244),
    Color32::from_rgb(244, 160, 0),
    Color32::from_rgb(15, 157, 88),
    Color32::from_rgb(219, 68, 55),
    Color32::from_rgb(171, 71, 188),
    Color32::from_rgb(0, 172, 193),
];
const CHART: Vec2 = Vec2::new(300.0, 80.0);

/// States that wait for someone or something: shown in the warning colour.
fn is_stuck(state: ShipmentState) -> bool {
    matches!(
        state,
        ShipmentState::Submitting
            | ShipmentState::Unknown
            | ShipmentState::AwaitingNumber
            | ShipmentState::AwaitingLabel
            | ShipmentState::BoughtNoTracking
            | ShipmentState::RefundDue
    )
}

/// Draws the picture (nothing while it is empty).
pub(super) fn show(ui: &mut egui::Ui, language: Language, picture: &DayPicture) {
    if picture.bars.is_empty() && picture.states.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(tr(language, "Picture of the days", "每日概览"))
        .id_salt("history-day-picture")
        .default_open(true)
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| charts(ui, language, picture));
                // Space, not a separator: a vertical separator takes the whole height left,
                // which would leave the table none.
                ui.add_space(24.0);
                ui.vertical(|ui| states(ui, language, picture));
            });
        });
}

fn colour_of(accounts: &[&str], account: &str) -> Color32 {
    let at = accounts.iter().position(|a| *a == account).unwrap_or(0);
    PALETTE[at % PALETTE.len()]
}

fn charts(ui: &mut egui::Ui, language: Language, picture: &DayPicture) {
    let days = picture.days();
    let accounts = picture.accounts();
    // Fees are drawn in the currency that adds up to most; the legend names every currency.
    let mut by_currency: BTreeMap<&str, Decimal> = BTreeMap::new();
    for bar in &picture.bars {
        for (currency, fee) in &bar.fees {
            *by_currency.entry(currency.as_str()).or_default() += *fee;
        }
    }
    let currency = by_currency
        .iter()
        .max_by_key(|(_, total)| **total)
        .map(|(c, _)| (*c).to_owned());

    let count = |day: &str, account: &str| -> f32 {
        picture
            .bars
            .iter()
            .find(|b| b.day == day && b.account == account)
            .map_or(0.0, |b| b.shipments as f32)
    };
    let fee = |day: &str, account: &str| -> f32 {
        let Some(currency) = &currency else {
            return 0.0;
        };
        picture
            .bars
            .iter()
            .find(|b| b.day == day && b.account == account)
            .and_then(|b| b.fees.get(currency))
            .map_or(0.0, |f| f.to_string().parse().unwrap_or(0.0))
    };
    ui.label(tr(language, "Shipments per day", "每日票数"));
    bars(ui, &days, &accounts, count, |v| format!("{v:.0}"));
    if let Some(currency) = &currency {
        ui.label(match language {
            Language::Zh => format!("每日运费（{currency}）"),
            Language::En => format!("Fees per day ({currency})"),
        });
        bars(ui, &days, &accounts, fee, |v| format!("{v:.2}"));
    }
    if let (Some(first), Some(last)) = (days.first(), days.last()) {
        ui.weak(format!("{first} … {last}"));
    }
    // The legend: each account's colour and its totals for the range.
    for account in &accounts {
        let mine = picture.bars.iter().filter(|b| b.account == *account);
        let count: u64 = mine.clone().map(|b| b.shipments).sum();
        let mut fees: BTreeMap<&str, Decimal> = BTreeMap::new();
        for bar in mine {
            for (c, f) in &bar.fees {
                *fees.entry(c.as_str()).or_default() += *f;
            }
        }
        let fees: Vec<String> = fees
            .iter()
            .map(|(c, f)| format!("{} {c}", f.round_dp(2)))
            .collect();
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(10.0), Sense::hover());
            ui.painter()
                .rect_filled(rect, 2.0, colour_of(&accounts, account));
            let mut line = format!(
                "{account} — {}",
                shipments(language, usize::try_from(count).unwrap_or(0))
            );
            if !fees.is_empty() {
                line.push_str(&format!(" · {}", fees.join(" + ")));
            }
            ui.label(line);
        });
    }
}

/// One bar chart: a column a day, stacked by account; hovering a column tells its numbers.
fn bars(
    ui: &mut egui::Ui,
    days: &[&str],
    accounts: &[&str],
    value: impl Fn(&str, &str) -> f32,
    shown: impl Fn(f32) -> String,
) {
    let (rect, response) = ui.allocate_exact_size(CHART, Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_stroke(
        rect,
        0.0,
        Stroke::new(1.0, ui.visuals().weak_text_color()),
        egui::StrokeKind::Inside,
    );
    let totals: Vec<f32> = days
        .iter()
        .map(|d| accounts.iter().map(|a| value(d, a)).sum())
        .collect();
    let highest = totals.iter().copied().fold(0.0_f32, f32::max);
    if days.is_empty() || highest <= 0.0 {
        return;
    }
    let column = rect.width() / days.len() as f32;
    let scale = (rect.height() - 4.0) / highest;
    for (i, day) in days.iter().enumerate() {
        let x = rect.left() + i as f32 * column;
        let mut bottom = rect.bottom();
        for account in accounts {
            let h = value(day, account) * scale;
            if h <= 0.0 {
                continue;
            }
            let bar = Rect::from_min_max(
                pos2(x + column * 0.15, bottom - h),
                pos2(x + column * 0.85, bottom),
            );
            painter.rect_filled(bar, 0.0, colour_of(accounts, account));
            bottom -= h;
        }
    }
    let peak = shown(highest);
    painter.text(
        rect.left_top() + Vec2::new(3.0, 2.0),
        egui::Align2::LEFT_TOP,
        peak,
        egui::FontId::proportional(10.0),
        ui.visuals().weak_text_color(),
    );
    if let Some(pointer) = response.hover_pos() {
        let i = (((pointer.x - rect.left()) / column) as usize).min(days.len() - 1);
        let day = days[i];
        let lines: Vec<String> = accounts
            .iter()
            .map(|a| (a, value(day, a)))
            .filter(|(_, v)| *v > 0.0)
            .map(|(a, v)| format!("{a}: {}", shown(v)))
            .collect();
        response.on_hover_text(format!("{day}\n{}", lines.join("\n")));
    }
}

fn states(ui: &mut egui::Ui, language: Language, picture: &DayPicture) {
    let total: u64 = picture.states.iter().map(|(_, n)| n).sum();
    ui.strong(match language {
        Language::Zh => format!("{}：按状态 {total} 票", picture.day),
        Language::En => format!("{} by state: {total} shipments", picture.day),
    });
    if picture.states.is_empty() {
        ui.weak(tr(language, "Nothing that day.", "当天没有运单。"));
    }
    for (state, n) in &picture.states {
        let text = format!("{}: {n}", state.label().in_language(language.code()));
        if is_stuck(*state) {
            ui.colored_label(ui.visuals().warn_fg_color, text);
        } else {
            ui.label(text);
        }
    }
}
