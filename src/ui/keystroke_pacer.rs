//! Not one keystroke lost or misplaced at scanner speed.
//!
//! egui moves the focus at the end of a frame: when a frame's input holds "Ann Lee", Tab,
//! "ACME Inc" (a keyboard-wedge scanner, a paste tool or a fast typist deliver a burst like that
//! between two frames), every event after the Tab still goes to the field the Tab left, and the
//! company lands in the name (and a Tab seen at the start of a frame can hand the focus on
//! before the field read the text typed before it). The pacer gives a key that moves the focus
//! a frame of its own: the events before it go in one frame, the key alone in the next, then
//! one frame with no events at all, so the field that receives the focus can select its text
//! before typing starts (typing into a prefilled "1" replaces it instead of making "12"), and
//! the rest after that. The window asks for the next frames at once, so a burst is taken in
//! at frame rate with nothing reordered.

use std::collections::VecDeque;

/// Holds back the events that must wait for the focus to move.
#[derive(Default)]
pub struct KeystrokePacer {
    held: VecDeque<egui::Event>,
    /// The focus moved in the frame just given: the next one gets no events.
    settling: bool,
}

impl KeystrokePacer {
    /// Puts this frame's share of the events into `input`: the ones held from earlier frames
    /// first, then the new ones, up to the first that moves the focus, or that key alone when
    /// it comes first. Returns whether events are still held (the caller asks for another frame
    /// at once).
    pub fn pace(&mut self, input: &mut egui::RawInput) -> bool {
        if self.held.is_empty() && !self.settling && !input.events.iter().any(moves_focus) {
            return false;
        }
        self.held.extend(input.events.drain(..));
        if std::mem::take(&mut self.settling) {
            return !self.held.is_empty();
        }
        let cut = match self.held.iter().position(moves_focus) {
            None => self.held.len(),
            Some(0) => {
                self.settling = true;
                1
            }
            Some(before) => before,
        };
        input.events.extend(self.held.drain(..cut));
        self.is_holding()
    }

    /// Whether events are waiting for a later frame.
    pub fn is_holding(&self) -> bool {
        !self.held.is_empty() || self.settling
    }
}

/// Takes out the letter an Alt shortcut also types: on X11 a press of Alt+I (add an item), Alt+K
/// (save to the catalogue) or Alt+1 (an earlier address) comes with the text "i", "k" or "1",
/// which would land in the focused field. Only that very character right after its key is
/// dropped, so AltGr typing (AltGr+Q gives "@") is left alone.
pub fn drop_shortcut_letters(input: &mut egui::RawInput) {
    let mut shortcut: Option<char> = None;
    input.events.retain(|event| match event {
        egui::Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } => {
            let name = key.name();
            let mut chars = name.chars();
            shortcut = match (chars.next(), chars.next()) {
                (Some(c), None) if modifiers.alt && !modifiers.ctrl && !modifiers.command => {
                    Some(c.to_ascii_lowercase())
                }
                _ => None,
            };
            true
        }
        egui::Event::Text(text) => {
            let typed_by_shortcut = shortcut.is_some_and(|c| {
                let mut chars = text.chars();
                chars.next().map(|t| t.to_ascii_lowercase()) == Some(c) && chars.next().is_none()
            });
            shortcut = None;
            !typed_by_shortcut
        }
        _ => true,
    });
}

/// A key press after which the focus may be somewhere else: Tab (either way), Enter (a field
/// that takes Enter hands on, a scan ends), Esc, and the window's shortcuts (Ctrl+Enter, Ctrl+N,
/// Ctrl+D, Ctrl+F put the focus in a field of their own; so does F3, the Queue's scan field).
fn moves_focus(event: &egui::Event) -> bool {
    use egui::{Event, Key};
    match event {
        Event::Key {
            key: Key::Tab | Key::Enter | Key::Escape | Key::F3,
            pressed: true,
            ..
        } => true,
        Event::Key {
            pressed: true,
            modifiers,
            ..
        } => modifiers.command || modifiers.ctrl,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::test_events::{key, text};
    use egui::{Event, Key, Modifiers};

    /// Runs frames until nothing is held; returns each frame's events.
    fn frames(pacer: &mut KeystrokePacer, burst: Vec<Event>) -> Vec<Vec<Event>> {
        let mut input = egui::RawInput {
            events: burst,
            ..Default::default()
        };
        let mut out = Vec::new();
        loop {
            let more = pacer.pace(&mut input);
            out.push(std::mem::take(&mut input.events));
            if !more {
                return out;
            }
        }
    }

    #[test]
    fn a_tab_gets_a_frame_of_its_own_then_a_quiet_one_and_nothing_is_reordered() {
        let burst = vec![
            text("Ann Lee"),
            key(Key::Tab, true),
            key(Key::Tab, false),
            text("ACME Inc"),
            key(Key::Tab, true),
            text("555"),
        ];
        let got = frames(&mut KeystrokePacer::default(), burst.clone());
        assert_eq!(
            got,
            vec![
                vec![text("Ann Lee")],
                vec![key(Key::Tab, true)],
                vec![],
                vec![key(Key::Tab, false), text("ACME Inc")],
                vec![key(Key::Tab, true)],
                vec![],
                vec![text("555")],
            ]
        );
        assert_eq!(got.concat(), burst, "every event, once, in order");
    }

    #[test]
    fn an_alt_shortcuts_letter_never_reaches_the_field_but_altgr_text_does() {
        let alt = |k: Key| Event::Key {
            key: k,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::ALT,
        };
        let mut input = egui::RawInput {
            events: vec![
                alt(Key::I),
                text("i"),
                alt(Key::Num1),
                text("1"),
                alt(Key::Q),
                text("@"),
                text("k"),
            ],
            ..Default::default()
        };
        drop_shortcut_letters(&mut input);
        assert_eq!(
            input.events,
            vec![
                alt(Key::I),
                alt(Key::Num1),
                alt(Key::Q),
                text("@"),
                text("k")
            ]
        );
    }

    #[test]
    fn typing_without_focus_keys_passes_straight_through() {
        let mut pacer = KeystrokePacer::default();
        let mut input = egui::RawInput {
            events: vec![text("abc"), key(Key::A, true)],
            ..Default::default()
        };
        assert!(!pacer.pace(&mut input));
        assert_eq!(input.events.len(), 2);
        assert!(!pacer.is_holding());
    }

    #[test]
    fn events_arriving_while_some_are_held_queue_behind_them() {
        let mut pacer = KeystrokePacer::default();
        let mut input = egui::RawInput {
            events: vec![text("a"), key(Key::Enter, true), text("b")],
            ..Default::default()
        };
        assert!(pacer.pace(&mut input));
        assert_eq!(input.events, vec![text("a")]);
        input.events = vec![text("c")];
        assert!(pacer.pace(&mut input));
        assert_eq!(input.events, vec![key(Key::Enter, true)]);
        // Each frame's input is new: what egui was given is gone.
        input.events.clear();
        assert!(pacer.pace(&mut input), "the quiet frame");
        assert!(input.events.is_empty());
        assert!(!pacer.pace(&mut input));
        assert_eq!(input.events, vec![text("b"), text("c")]);
    }
}
