//! Writing to the terminal, for the command line and the benchmarks alike (both print figures
//! and lines that scripts read, and neither should reach into the other for it).

/// Like `println!`, but a closed pipe (`shipdesk history | head`) ends the output quietly
/// instead of panicking, and each line is flushed at once for scripts that read as it comes.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        writeln!(out, $($arg)*).and_then(|()| out.flush()).ok();
    }};
}
pub(crate) use outln;
