//! The tests that open the real window under Xvfb take turns: two debug builds of the window
//! drawing at once on a two-core machine starve each other, and a window that lags behind its
//! keystrokes fails a test that types with fixed sleeps though nothing was lost.

use std::sync::{Mutex, MutexGuard, PoisonError};

static TURN: Mutex<()> = Mutex::new(());

/// Waits for the real window to be free; it is this test's until the guard drops.
pub fn take_turn() -> MutexGuard<'static, ()> {
    // A test that failed while holding it leaves nothing behind to guard.
    TURN.lock().unwrap_or_else(PoisonError::into_inner)
}
