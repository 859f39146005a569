//! Reading a USB HID scale on Linux: `/dev/hidrawN` is a file whose every read is one report.
//! The reader waits on it with poll(2) (so it can stop and never spins), and when the device
//! goes away (a read error; end of file for the FIFO tests stand in with) it looks for a scale
//! again every half second, so an unplugged scale comes back by itself.

use std::fs::File;
use std::io::Read as _;
use std::os::fd::AsRawFd as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::hid_find::{HidPaths, find_scales};
use super::hid_report::{ReportError, parse_report};
use super::reading::ScaleState;
use super::trouble;
use super::watcher::{Reporter, pause};

/// How often sysfs is looked at again while no scale is attached.
const RESCAN: Duration = Duration::from_millis(500);
/// How long one wait for a report lasts before the stop flag is looked at.
const WAIT: Duration = Duration::from_millis(100);

/// Finds a scale, reads it until it goes, and again, until `stop`.
pub(super) fn run(paths: &HidPaths, stop: &AtomicBool, reporter: &mut Reporter) {
    while !stop.load(Ordering::Relaxed) {
        let Some(device) = find_scales(paths).into_iter().next() else {
            reporter.state(ScaleState::NoScale);
            pause(stop, RESCAN);
            continue;
        };
        // Not blocking: a FIFO would wait in open() for a writer, and the loop must be able to stop.
        match File::options()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&device)
        {
            Ok(file) => {
                tracing::info!("scale: reading {}", device.display());
                reporter.state(ScaleState::Waiting);
                read_until_gone(&file, stop, reporter);
                tracing::info!("scale: {} went away", device.display());
            }
            // Listed in sysfs a moment longer than its device file exists.
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                reporter.state(ScaleState::NoScale)
            }
            Err(error) => reporter.state(ScaleState::Trouble(
                if error.kind() == std::io::ErrorKind::PermissionDenied {
                    trouble::no_access(&shown(&device))
                } else {
                    tracing::warn!("scale: cannot open {}: {error}", device.display());
                    trouble::cannot_open(&shown(&device))
                },
            )),
        }
        pause(stop, RESCAN);
    }
}

fn shown(device: &Path) -> String {
    device.display().to_string()
}

/// Reads reports until the device is gone or `stop`.
fn read_until_gone(file: &File, stop: &AtomicBool, reporter: &mut Reporter) {
    // A scale's report is 6 bytes; room for vendors that send longer ones.
    let mut report = [0u8; 64];
    let mut reader = file;
    while !stop.load(Ordering::Relaxed) {
        match wait_readable(file, WAIT) {
            Ok(false) => continue,
            Ok(true) => {}
            Err(_) => return,
        }
        match reader.read(&mut report) {
            Ok(0) => return,
            Ok(n) => match parse_report(&report[..n]) {
                Ok(Some(reading)) => reporter.state(ScaleState::Reading(reading)),
                Ok(None) => {}
                Err(ReportError::UnknownUnit(_)) => {
                    reporter.state(ScaleState::Trouble(trouble::unknown_unit()))
                }
                // A short or odd report is passed over; the next one will do.
                Err(error) => tracing::debug!("scale: report skipped: {error}"),
            },
            Err(error)
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::Interrupted
                ) => {}
            Err(_) => return,
        }
    }
}

/// Waits up to `timeout` for the device to have a report (or to have gone away).
fn wait_readable(file: &File, timeout: Duration) -> std::io::Result<bool> {
    let mut poll = libc::pollfd {
        fd: file.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one pollfd that lives across the call, and a descriptor `file` keeps open.
    let ready = unsafe { libc::poll(&mut poll, 1, millis) };
    if ready < 0 {
        let error = std::io::Error::last_os_error();
        return if error.kind() == std::io::ErrorKind::Interrupted {
            Ok(false)
        } else {
            Err(error)
        };
    }
    Ok(ready > 0)
}
