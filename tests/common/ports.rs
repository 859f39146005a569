//! Loopback ports for the servers the tests start as processes of their own (ippeveprinter,
//! cupsd), which must be told a port before they bind it, and for an address nobody listens on.
//!
//! A port found free by binding it and letting go can be taken before the server binds it: by
//! another test's server started on a parallel thread of the same test binary, or by anything
//! that binds port 0 or connects out (the sandboxes, every HTTP client), which take their ports
//! from the kernel's ephemeral range. So each port is handed out once per process, from below
//! that range, and only after binding it showed it free.

use std::net::TcpListener;
use std::sync::{Mutex, PoisonError};

/// Where Linux's ephemeral range starts unless the system says otherwise.
const EPHEMERAL_START: u16 = 32768;
/// How many ports below the ephemeral range are handed out.
const SPAN: u16 = 10_000;

/// The next port to try; `None` until the first call.
static NEXT: Mutex<Option<u16>> = Mutex::new(None);

/// A loopback port nobody listens on now, never handed out before in this process.
pub fn free_port() -> u16 {
    let end = ephemeral_start();
    let start = end.saturating_sub(SPAN).max(1024);
    let mut next = NEXT.lock().unwrap_or_else(PoisonError::into_inner);
    // Each process starts at its own place, so suites run side by side on one machine rarely
    // try the same ports.
    let offset = u16::try_from(std::process::id() % u32::from(end - start)).unwrap_or(0);
    let mut port = next.unwrap_or(start + offset);
    for _ in start..end {
        let candidate = port;
        port = if port + 1 >= end { start } else { port + 1 };
        if TcpListener::bind(("127.0.0.1", candidate)).is_ok() {
            *next = Some(port);
            return candidate;
        }
    }
    panic!("no free loopback port in {start}..{end}");
}

/// The first port of the kernel's ephemeral range.
fn ephemeral_start() -> u16 {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse().ok())
        .unwrap_or(EPHEMERAL_START)
}
