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

/// Opens the real `shipdesk` window on `data_dir` under Xvfb (a 1366x768 screen), waits for it
/// to show and takes the focus, runs `actions` (bash; `$BINARY` and `$DATA` are set, and `env`
/// besides), then closes the window. Fails the test when the window never showed or the
/// actions failed, with the window's own log; returns that log. Takes the real window's turn.
pub fn drive(data_dir: &std::path::Path, actions: &str, env: &[(&str, &str)]) -> String {
    let _turn = take_turn();
    let script = format!(
        r#"
        "$BINARY" --data-dir "$DATA" > "$DATA/window.log" 2>&1 &
        app=$!
        for _ in $(seq 1 150); do
            sleep 0.1
            window=$(xdotool search --name '^shipdesk' 2>/dev/null | head -1)
            [ -n "$window" ] && break
        done
        [ -n "$window" ] || {{ echo 'no window'; kill $app; exit 3; }}
        sleep 1.5
        xdotool windowfocus --sync "$window" 2>/dev/null || true
        {actions}
        kill $app
        wait $app 2>/dev/null || true
        "#
    );
    let out = std::process::Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1366x768x24", "bash", "-c", &script])
        .env("BINARY", env!("CARGO_BIN_EXE_shipdesk"))
        .env("DATA", data_dir)
        .envs(env.iter().copied())
        .output()
        .expect("xvfb-run");
    let log = std::fs::read_to_string(data_dir.join("window.log")).unwrap_or_default();
    assert!(
        out.status.success(),
        "{}\n{}\n{log}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    log
}
