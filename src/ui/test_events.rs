//! Input events as the window's tests build them (typed text, a key pressed or released).

use egui::{Event, Key, Modifiers};

/// Typed text.
pub fn text(t: &str) -> Event {
    Event::Text(t.to_owned())
}

/// `key` pressed (or released), no modifiers.
pub fn key(key: Key, pressed: bool) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    }
}
