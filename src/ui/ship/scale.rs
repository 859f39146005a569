//! The desk scale in the ship form: the live reading beside the parcels' weights, F2 (or the
//! command barcode) putting the stable reading into the focused parcel, and, when the desk
//! asks for it, an empty weight filled by itself once the reading is stable. A reading goes
//! into one parcel only ([`OneBox`]): the next parcel waits for the scale to empty or settle
//! on another weight. Nothing here ever blocks typing the weight by hand.

use crate::desk::scale::{OneBox, ScaleState, ScaleWeight, same_box};
use crate::model::Text;
use crate::ui::i18n::{Language, tr};
use crate::ui::widgets::field_id;

use crate::model::ParcelRow;

/// Puts the scale's stable reading into the focused parcel.
pub const USE_WEIGHT: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::NONE, egui::Key::F2);

/// The command barcode that does what F2 does: printed on the desk's command sheet and scanned
/// into whichever field has the focus, it is taken out of that field again.
pub const WEIGH_BARCODE: &str = "SHIPDESK-WEIGH";

/// The parcel fields whose focus says which parcel is "focused".
const PARCEL_FIELDS: [&str; 5] = ["length", "width", "height", "weight", "box_number"];

/// What the ship form knows of the scale.
#[derive(Default)]
pub struct DeskScale {
    state: Option<ScaleState>,
    one_box: OneBox,
    /// Fill an empty weight by itself once the reading is stable (a desk setting).
    pub auto_fill: bool,
    /// The parcel row the focus was last in.
    last_parcel: Option<usize>,
    /// Why the last F2 did nothing, until the scale says something new.
    refused: Option<Text>,
    /// A scan opened an order whose weight is the shop's estimate (this text): with auto-fill
    /// on, the next stable, unused reading replaces it, once, unless the packer typed over it.
    estimate: Option<String>,
}

impl DeskScale {
    /// The scale said something new (every change, in order).
    pub fn on_state(&mut self, state: ScaleState) {
        self.one_box.observe(&state);
        if self.state.as_ref() != Some(&state) {
            self.refused = None;
        }
        self.state = Some(state);
    }

    /// The reading shown, in whole grams (for the benchmark).
    pub fn shown_grams(&self) -> Option<u32> {
        let weight = self.state.as_ref()?.reading()?.weight;
        let grams = weight
            .unit
            .convert(weight.value, crate::model::WeightUnit::G);
        u32::try_from(grams.round().mantissa()).ok()
    }

    /// Remembers the parcel the focus is in (each frame, before anything is filled).
    pub fn track_focus(&mut self, ctx: &egui::Context, rows: usize) {
        if let Some(row) = focused_parcel(ctx, rows) {
            self.last_parcel = Some(row);
        }
    }

    /// The row a weight goes into: the focused parcel, else the one last focused, else the
    /// first without a weight.
    fn target(&self, rows: &[ParcelRow]) -> Option<usize> {
        self.last_parcel
            .filter(|&row| row < rows.len())
            .or_else(|| rows.iter().position(|r| r.weight.trim().is_empty()))
    }

    /// F2: the stable reading into the focused parcel, or why not (shown beside the reading).
    pub fn use_weight(&mut self, ctx: &egui::Context, rows: &mut [ParcelRow]) {
        self.track_focus(ctx, rows.len());
        let Some(row) = self.target(rows) else {
            return;
        };
        let state = self.state.clone().unwrap_or(ScaleState::NoScale);
        match self.one_box.take(&state) {
            Ok(weight) => {
                fill(&mut rows[row], &weight);
                self.refused = None;
            }
            Err(refusal) => self.refused = Some(refusal.describe()),
        }
    }

    /// A scan opened an order to weigh (`estimate`: the weight its file gave, which the parcel
    /// on the scale replaces with auto-fill on); `None`: any other order keeps what it has.
    pub fn weigh_scanned_order(&mut self, estimate: Option<&str>) {
        self.estimate = estimate.map(|e| e.trim().to_owned());
    }

    /// With auto-fill on: an empty weight in the target parcel (or the estimate of an order a
    /// scan opened) takes a stable, unused reading.
    pub fn auto_fill(&mut self, rows: &mut [ParcelRow]) {
        if !self.auto_fill {
            return;
        }
        let (Some(row), Some(state)) = (self.target(rows), self.state.as_ref()) else {
            return;
        };
        let typed = rows[row].weight.trim();
        let estimated = self.estimate.as_deref() == Some(typed) && row == 0;
        if (typed.is_empty() || estimated)
            && let Ok(weight) = self.one_box.take(state)
        {
            fill(&mut rows[row], &weight);
            self.estimate = None;
        }
    }

    /// The reading beside the parcels' weights: value, unit and stable, moving, zero, over,
    /// no scale; trouble in the error colour; why F2 did nothing.
    pub fn ui(&self, ui: &mut egui::Ui, language: Language) {
        let code = language.code();
        ui.horizontal_wrapped(|ui| {
            ui.label(tr(language, "Scale:", "电子秤："));
            let state = self.state.clone().unwrap_or(ScaleState::NoScale);
            let said = state.describe();
            match state {
                ScaleState::Trouble(_) => {
                    ui.colored_label(ui.visuals().error_fg_color, said.in_language(code));
                }
                ScaleState::Reading(_) => {
                    ui.strong(said.in_language(code));
                }
                _ => {
                    ui.weak(said.in_language(code));
                }
            }
            if state.reading().is_some() {
                ui.weak(tr(language, "F2: use this weight", "F2：使用该重量"));
            }
            if let Some(refused) = &self.refused {
                ui.colored_label(ui.visuals().warn_fg_color, refused.in_language(code));
            }
        });
    }
}

/// Writes the weight in the row's own unit; a weight already there that differs by less than
/// 0.1 oz is left as typed (ShipWorks never overwrites such a weight).
fn fill(row: &mut ParcelRow, weight: &ScaleWeight) {
    let typed = row
        .weight
        .trim()
        .replace(',', ".")
        .parse()
        .ok()
        .map(|value| ScaleWeight::new(value, row.weight_unit));
    if typed.is_some_and(|typed| same_box(&typed, weight)) {
        return;
    }
    row.weight = weight.in_unit(row.weight_unit).to_string();
}

/// The parcel row whose field has the focus now.
fn focused_parcel(ctx: &egui::Context, rows: usize) -> Option<usize> {
    let focused = ctx.memory(|m| m.focused())?;
    (0..rows).find(|row| {
        PARCEL_FIELDS
            .iter()
            .any(|field| field_id(&format!("parcels[{row}].{field}")) == focused)
    })
}
