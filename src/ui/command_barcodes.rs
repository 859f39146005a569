//! Command barcodes: a printed sheet of codes (Buy, Reprint, Next, Cancel, Weigh, one per box)
//! that a packer scans instead of reaching for the keyboard. A keyboard-wedge scanner types a
//! code like any other text, then its suffix (Enter or Tab), into whichever field has the
//! focus. The [`CommandScanner`] takes such a burst out of the window's input before any
//! field sees it: the field keeps what it held, the suffix Enter never buys by accident, and
//! the window gets the command.
//!
//! A burst is told from typing by its shape: it starts with [`PREFIX`] and its characters
//! come faster than a person types ([`CHAR_GAP`]). Text that only looks like the start of a
//! code is held until a frame brings nothing more for that long, then given to the field as
//! typed, in order.

use std::time::{Duration, Instant};

pub use crate::desk::commands::{DeskCommand, MAX_CODE, PREFIX};

/// A pause longer than this between two characters is a person typing, not a scanner (which
/// types one every few milliseconds): the held text goes to the field.
pub const CHAR_GAP: Duration = Duration::from_millis(150);

/// Takes command bursts out of the window's input (see the module's doc).
#[derive(Debug, Default)]
pub struct CommandScanner {
    /// The events of a burst that may still be a code, in order.
    held: Vec<egui::Event>,
    /// Their text.
    typed: String,
    /// When the last character of `typed` came.
    last_char: Option<Instant>,
    /// The suffix key whose release is still to come (it is dropped too).
    suffix_released: Option<egui::Key>,
    /// Commands scanned and not yet taken.
    found: Vec<DeskCommand>,
}

impl CommandScanner {
    /// Filters this frame's events: a whole code and its suffix become a command; text that
    /// may still become one is held. Returns whether some is held (ask for another frame).
    pub fn filter(&mut self, input: &mut egui::RawInput) -> bool {
        self.filter_at(input, Instant::now())
    }

    fn filter_at(&mut self, input: &mut egui::RawInput, now: Instant) -> bool {
        let mut out = Vec::with_capacity(input.events.len());
        let before = self.last_char;
        for event in input.events.drain(..) {
            self.take(event, &mut out, now);
        }
        // The pause is counted between frames that bring nothing more: a slow frame (a busy
        // machine) delivers a fast burst late, but all of it.
        let went_on = self.last_char != before;
        if !went_on
            && self
                .last_char
                .is_some_and(|at| now.saturating_duration_since(at) > CHAR_GAP)
        {
            self.release(&mut out);
        }
        input.events = out;
        !self.held.is_empty()
    }

    /// The commands scanned since the last call.
    pub fn take_commands(&mut self) -> Vec<DeskCommand> {
        std::mem::take(&mut self.found)
    }

    /// Whether text is being held.
    pub fn is_holding(&self) -> bool {
        !self.held.is_empty()
    }

    fn take(&mut self, event: egui::Event, out: &mut Vec<egui::Event>, now: Instant) {
        use egui::{Event, Key};
        if let (
            Some(key),
            Event::Key {
                key: k,
                pressed: false,
                ..
            },
        ) = (self.suffix_released, &event)
            && *k == key
        {
            self.suffix_released = None;
            return;
        }
        if self.held.is_empty() {
            match &event {
                Event::Text(text) if may_become_code(text) => {
                    self.typed = text.clone();
                    self.last_char = Some(now);
                    self.held.push(event);
                }
                _ => out.push(event),
            }
            return;
        }
        match &event {
            Event::Text(text) => {
                let longer = format!("{}{text}", self.typed);
                if may_become_code(&longer) {
                    self.typed = longer;
                    self.last_char = Some(now);
                    self.held.push(event);
                } else {
                    self.release(out);
                    self.take(event, out, now);
                }
            }
            Event::Key {
                key: key @ (Key::Enter | Key::Tab),
                pressed: true,
                modifiers,
                ..
            } if !modifiers.any() => match DeskCommand::parse(&self.typed) {
                Some(command) => {
                    self.found.push(command);
                    self.suffix_released = Some(*key);
                    // Releases go on (egui must not think a key is still down); what typed
                    // does not.
                    out.extend(self.held.drain(..).filter(|e| {
                        matches!(
                            e,
                            Event::Key { pressed: false, .. } | Event::ModifiersChanged(_)
                        )
                    }));
                    self.typed.clear();
                    self.last_char = None;
                }
                None => {
                    self.release(out);
                    out.push(event);
                }
            },
            // The key events of the characters typed (egui sends a key and its text), and their
            // releases, go with the burst; anything else ends it.
            Event::Key { key, modifiers, .. }
                if !modifiers.command && !modifiers.ctrl && !modifiers.alt && is_typing(*key) =>
            {
                self.held.push(event)
            }
            // Shift comes and goes around each capital letter a scanner types.
            Event::ModifiersChanged(modifiers)
                if !modifiers.command && !modifiers.ctrl && !modifiers.alt =>
            {
                self.held.push(event)
            }
            Event::Key { pressed: false, .. } | Event::PointerMoved(_) => self.held.push(event),
            _ => {
                self.release(out);
                out.push(event);
            }
        }
    }

    /// Gives the held events to the window as they came.
    fn release(&mut self, out: &mut Vec<egui::Event>) {
        out.append(&mut self.held);
        self.typed.clear();
        self.last_char = None;
    }
}

/// Whether `text` is the start of [`PREFIX`], or begins with it and could be a whole code.
fn may_become_code(text: &str) -> bool {
    if text.is_empty()
        || text.len() > MAX_CODE
        || !text.chars().all(|c| c.is_ascii_graphic() || c == ' ')
    {
        return false;
    }
    let upper = text.to_ascii_uppercase();
    PREFIX.starts_with(&upper) || upper.starts_with(PREFIX)
}

/// A key that may type a character of a code (a letter, a digit, punctuation, space; egui
/// names `/` Slash and `:` Colon), or the Shift a scanner holds for a capital: any key but
/// those that move, edit or command.
fn is_typing(key: egui::Key) -> bool {
    use egui::Key;
    let function_key = key
        .name()
        .strip_prefix('F')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    !function_key
        && !matches!(
            key,
            Key::Enter
                | Key::Tab
                | Key::Backspace
                | Key::Delete
                | Key::Escape
                | Key::Insert
                | Key::ArrowUp
                | Key::ArrowDown
                | Key::ArrowLeft
                | Key::ArrowRight
                | Key::Home
                | Key::End
                | Key::PageUp
                | Key::PageDown
        )
}

#[cfg(test)]
mod tests {
    use super::{CHAR_GAP, CommandScanner, DeskCommand};
    use crate::ui::test_events::{key, text};
    use egui::{Event, Key, Modifiers};
    use std::time::{Duration, Instant};

    /// A scanner's burst as X11 delivers it (recorded from the real window under Xvfb): a
    /// capital is Shift pressed, the modifiers changed, the key, its text, Shift released, the
    /// modifiers changed back and the key released; anything else is the key, its text and the
    /// release.
    fn typed(code: &str) -> Vec<Event> {
        let shift = Modifiers::SHIFT;
        code.chars()
            .flat_map(|c| {
                let k = Key::from_name(&c.to_ascii_uppercase().to_string()).unwrap_or(Key::Minus);
                if c.is_ascii_uppercase() {
                    vec![
                        key(Key::ShiftLeft, true),
                        Event::ModifiersChanged(shift),
                        key(k, true),
                        text(&c.to_string()),
                        key(Key::ShiftLeft, false),
                        Event::ModifiersChanged(Modifiers::NONE),
                        key(k, false),
                    ]
                } else {
                    vec![key(k, true), text(&c.to_string()), key(k, false)]
                }
            })
            .collect()
    }

    fn frame(scanner: &mut CommandScanner, events: Vec<Event>, at: Instant) -> Vec<Event> {
        let mut input = egui::RawInput {
            events,
            ..Default::default()
        };
        scanner.filter_at(&mut input, at);
        input.events
    }

    #[test]
    fn a_scanned_code_and_its_suffix_become_a_command_and_reach_no_field() {
        let now = Instant::now();
        for suffix in [Key::Enter, Key::Tab] {
            let mut scanner = CommandScanner::default();
            let mut burst = typed("SHIPDESK-BOX-M");
            burst.extend([key(suffix, true), key(suffix, false)]);
            // Over several frames, as characters come faster than frames.
            let mut given = Vec::new();
            for (i, part) in burst.chunks(7).enumerate() {
                given.extend(frame(
                    &mut scanner,
                    part.to_vec(),
                    now + Duration::from_millis(i as u64 * 5),
                ));
            }
            let texts: Vec<&Event> = given
                .iter()
                .filter(|e| matches!(e, Event::Text(_)))
                .collect();
            assert!(texts.is_empty(), "{given:?}");
            assert!(
                !given
                    .iter()
                    .any(|e| matches!(e, Event::Key { key, .. } if *key == suffix))
            );
            assert_eq!(scanner.take_commands(), [DeskCommand::Box("M".to_owned())]);
        }
    }

    #[test]
    fn a_box_code_with_punctuation_egui_names_by_word_is_taken_whole() {
        let mut scanner = CommandScanner::default();
        let mut burst = Vec::new();
        for c in "SHIPDESK-BOX-Mailer 1/2".chars() {
            let k = match c {
                '/' => Key::Slash,
                ' ' => Key::Space,
                '-' => Key::Minus,
                c => Key::from_name(&c.to_ascii_uppercase().to_string()).unwrap_or(Key::Minus),
            };
            burst.extend([key(k, true), text(&c.to_string()), key(k, false)]);
        }
        burst.extend([key(Key::Enter, true), key(Key::Enter, false)]);
        let given = frame(&mut scanner, burst, Instant::now());
        assert!(
            !given.iter().any(|e| matches!(e, Event::Text(_))),
            "{given:?}"
        );
        assert_eq!(
            scanner.take_commands(),
            [DeskCommand::Box("Mailer 1/2".to_owned())]
        );
    }

    #[test]
    fn typing_that_only_starts_like_a_code_reaches_the_field_in_order() {
        let now = Instant::now();
        let mut scanner = CommandScanner::default();
        // "Sh" then "anghai": held while it could be a code, given back the moment it cannot.
        let first = frame(&mut scanner, vec![text("S"), text("h")], now);
        assert!(first.is_empty());
        let rest = frame(&mut scanner, vec![text("a"), text("nghai")], now);
        assert_eq!(rest, [text("S"), text("h"), text("a"), text("nghai")]);
        // A person who typed "S" and stopped gets it after a pause.
        assert!(frame(&mut scanner, vec![text("S")], now).is_empty());
        assert_eq!(
            frame(
                &mut scanner,
                vec![],
                now + CHAR_GAP + Duration::from_millis(1)
            ),
            [text("S")]
        );
        // A code with no command in it, ended by Enter, is text and its Enter.
        let mut burst = vec![text("SHIPDESK-TEST")];
        burst.push(key(Key::Enter, true));
        assert_eq!(frame(&mut scanner, burst.clone(), now), burst);
        assert!(scanner.take_commands().is_empty());
        // Backspace ends a burst.
        let out = frame(
            &mut scanner,
            vec![text("SHIP"), key(Key::Backspace, true)],
            now,
        );
        assert_eq!(out, [text("SHIP"), key(Key::Backspace, true)]);
    }
}
