//! The window on the screens desks have (1366x768 laptops, 1280x720, 1920x1080): everything a
//! packer needs is on screen without scrolling, the result and the label sit beside the form
//! and never over it, and History's detail takes its own side of the window, never the rows.
//! Measured on the AccessKit tree (each widget's rectangle). Needs the loopback sandbox.

use egui::Rect;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shipdesk::secrets::Keychain;
use shipdesk::ui::ShipdeskApp;

use crate::harness::{fill_order_by_keyboard, harness_sized, settle, wait_for};

const SCREENS: [(f32, f32); 3] = [(1366.0, 768.0), (1280.0, 720.0), (1920.0, 1080.0)];

/// The rectangle of the widget labelled `label`.
fn rect_of(harness: &Harness<'static, ShipdeskApp>, label: &str) -> Rect {
    harness.get_by_label(label).rect()
}

/// Whether `rect` lies wholly on a screen of `size`.
fn on_screen(rect: Rect, (width, height): (f32, f32)) -> bool {
    rect.min.x >= 0.0
        && rect.min.y >= 0.0
        && rect.max.x <= width + 0.5
        && rect.max.y <= height + 0.5
}

/// Every text field's rectangle (the form's fields, as AccessKit lists them).
fn text_fields(harness: &Harness<'static, ShipdeskApp>) -> Vec<Rect> {
    harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .map(|node| node.rect())
        .collect()
}

#[test]
fn the_form_its_buttons_the_result_and_the_label_fit_side_by_side_on_every_desk_screen() {
    for screen in SCREENS {
        let dir = tempfile::tempdir().expect("tmp");
        let size = egui::vec2(screen.0, screen.1);
        let mut harness = harness_sized(dir.path(), Keychain::in_memory(), size);
        // With every problem shown, the buttons and the count of problems stay in view.
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
        settle(&mut harness);
        let create = rect_of(&harness, "Create shipment  (Ctrl+Enter)");
        assert!(
            on_screen(create, screen),
            "{screen:?}: Create at {create:?}"
        );
        let summary = harness.get_by_label_contains("Not sent:").rect();
        assert!(
            on_screen(summary, screen),
            "{screen:?}: the summary at {summary:?}"
        );
        // A created order: its result and label preview are on screen, beside the form.
        fill_order_by_keyboard(&mut harness, false);
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
        wait_for(&mut harness, "the label preview", |h| {
            h.query_by_label("Label preview page 1").is_some()
        });
        let label = rect_of(&harness, "Label preview page 1");
        let visible = label.intersect(Rect::from_min_size(egui::Pos2::ZERO, size));
        assert!(
            visible.height() >= label.height().min(screen.1) * 0.5,
            "{screen:?}: at least half of the label in view without scrolling ({label:?})"
        );
        let tracking = harness.get_by_label_contains("SBX").rect();
        assert!(
            on_screen(tracking, screen),
            "{screen:?}: tracking number at {tracking:?}"
        );
        for field in text_fields(&harness) {
            assert!(
                !field.intersects(label),
                "{screen:?}: the label preview {label:?} covers a field at {field:?}"
            );
        }
    }
}

#[test]
fn history_detail_is_a_side_panel_beside_the_rows_and_esc_closes_it() {
    for screen in SCREENS {
        let dir = tempfile::tempdir().expect("tmp");
        let size = egui::vec2(screen.0, screen.1);
        let mut harness = harness_sized(dir.path(), Keychain::in_memory(), size);
        harness
            .state()
            .engine()
            .call(shipdesk::engine::Ship::new(
                crate::common::order("LAYOUT-1"),
                shipdesk::engine::SANDBOX_ACCOUNT,
            ))
            .expect("sent");
        harness.get_by_label("History  (Ctrl+F)").click();
        wait_for(&mut harness, "the row", |h| {
            h.query_by_label("LAYOUT-1").is_some()
        });
        harness.get_by_label("LAYOUT-1").click();
        wait_for(&mut harness, "the detail", |h| {
            h.query_by_label("Close details").is_some()
        });
        let close = rect_of(&harness, "Close details");
        assert!(on_screen(close, screen), "{screen:?}: Close at {close:?}");
        // The row's cells stay where the table is, left of the detail panel.
        let row = harness
            .get_all_by_label("LAYOUT-1")
            .map(|n| n.rect())
            .min_by(|a, b| a.min.x.total_cmp(&b.min.x))
            .expect("the row's reference");
        assert!(
            row.max.x <= close.min.x,
            "{screen:?}: the row {row:?} runs under the detail ({close:?})"
        );
        harness.key_press(egui::Key::Escape);
        settle(&mut harness);
        assert!(
            harness.query_by_label("Close details").is_none(),
            "Esc closes it"
        );
    }
}
