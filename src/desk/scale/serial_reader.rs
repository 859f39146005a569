//! Reading a serial scale: ask it every 250 ms (NCI's `W`, MT-SICS's `SI`) and read its answer,
//! at the baud rate and parity the settings give. A scale that stays silent for a second, or
//! answers three times in a row in words nobody reads, is one sentence in the window; a port
//! that goes away (a USB serial adapter pulled out) is opened again.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serialport::{ClearBuffer, DataBits, FlowControl, SerialPort, StopBits};

use super::POLL_INTERVAL;
use super::reading::{Reading, ScaleState};
use super::serial_protocol::SerialProtocol;
use super::settings::{Parity, SerialSettings};
use super::trouble;
use super::watcher::{Reporter, pause};

/// How long a scale has to answer (ShipWorks waits 2 s for a whole weighing).
const ANSWER_WAIT: Duration = Duration::from_secs(1);
/// How long one read waits for bytes before the deadline is looked at.
const READ_SLICE: Duration = Duration::from_millis(20);
/// Unreadable answers in a row before the window says so (one can be noise).
const GARBLED_IN_A_ROW: u32 = 3;
/// More than any answer: the line carries noise, not a scale.
const MAX_ANSWER: usize = 1024;

/// Why an answer did not come.
enum Unanswered {
    Silent,
    Garbled,
    Lost(std::io::Error),
}

/// Asks the scale until `stop`.
pub(super) fn run(settings: &SerialSettings, stop: &AtomicBool, reporter: &mut Reporter) {
    if settings.port.trim().is_empty() {
        reporter.state(ScaleState::Trouble(trouble::no_port()));
        return;
    }
    let mut port: Option<Box<dyn SerialPort>> = None;
    let mut garbled = 0;
    while !stop.load(Ordering::Relaxed) {
        let open = match &mut port {
            Some(open) => open,
            None => match open_port(settings) {
                Ok(opened) => port.insert(opened),
                Err(error) => {
                    tracing::warn!("scale: cannot open {}: {error}", settings.port);
                    reporter.state(ScaleState::Trouble(trouble::port_unavailable(settings)));
                    pause(stop, Duration::from_millis(500));
                    continue;
                }
            },
        };
        match ask(open.as_mut(), settings.protocol) {
            Ok(reading) => {
                garbled = 0;
                reporter.state(ScaleState::Reading(reading));
            }
            Err(Unanswered::Silent) => {
                reporter.state(ScaleState::Trouble(trouble::silent(settings)))
            }
            Err(Unanswered::Garbled) => {
                garbled += 1;
                if garbled >= GARBLED_IN_A_ROW {
                    reporter.state(ScaleState::Trouble(trouble::garbled(settings)));
                }
            }
            Err(Unanswered::Lost(error)) => {
                tracing::warn!("scale: {} failed: {error}", settings.port);
                port = None;
                reporter.state(ScaleState::Trouble(trouble::port_unavailable(settings)));
            }
        }
        pause(stop, POLL_INTERVAL);
    }
}

fn open_port(settings: &SerialSettings) -> serialport::Result<Box<dyn SerialPort>> {
    let (data_bits, parity) = line(settings);
    serialport::new(settings.port.trim(), settings.baud)
        .data_bits(data_bits)
        .parity(parity)
        .stop_bits(StopBits::One)
        .flow_control(FlowControl::None)
        .timeout(READ_SLICE)
        .open()
}

/// The data bits and parity the port is opened with (NCI's 7E1, MT-SICS's 8N1).
fn line(settings: &SerialSettings) -> (DataBits, serialport::Parity) {
    let data_bits = match settings.data_bits {
        5 => DataBits::Five,
        6 => DataBits::Six,
        7 => DataBits::Seven,
        _ => DataBits::Eight,
    };
    let parity = match settings.parity {
        Parity::None => serialport::Parity::None,
        Parity::Even => serialport::Parity::Even,
        Parity::Odd => serialport::Parity::Odd,
    };
    (data_bits, parity)
}

/// One request and its answer.
fn ask(port: &mut dyn SerialPort, protocol: SerialProtocol) -> Result<Reading, Unanswered> {
    // What is left from before (noise, a late answer) is not this answer.
    port.clear(ClearBuffer::Input).ok();
    port.write_all(protocol.command())
        .and_then(|()| port.flush())
        .map_err(Unanswered::Lost)?;
    let deadline = Instant::now() + ANSWER_WAIT;
    let mut received = Vec::new();
    let mut chunk = [0u8; 256];
    while Instant::now() < deadline {
        match port.read(&mut chunk) {
            Ok(0) => {}
            Ok(n) => {
                received.extend_from_slice(&chunk[..n]);
                if let Some(end) = protocol.answer_end(&received) {
                    return protocol.parse(&received[..end]).map_err(|garbled| {
                        tracing::debug!("scale: {garbled}");
                        Unanswered::Garbled
                    });
                }
                if received.len() > MAX_ANSWER {
                    return Err(Unanswered::Garbled);
                }
            }
            Err(error)
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::TimedOut
                        | std::io::ErrorKind::WouldBlock
                        | std::io::ErrorKind::Interrupted
                ) => {}
            Err(error) => return Err(Unanswered::Lost(error)),
        }
    }
    if received.is_empty() {
        Err(Unanswered::Silent)
    } else {
        Err(Unanswered::Garbled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A pseudo-terminal cannot show this end to end: Linux's pty driver forces CS8 without
    // parity whatever is set (pty_set_termios), so the tests over a pty check the baud rate
    // and this checks what the port is asked for.
    #[test]
    fn the_port_is_opened_with_the_settings_data_bits_and_parity() {
        assert_eq!(
            line(&SerialSettings::default()),
            (DataBits::Seven, serialport::Parity::Even)
        );
        let sics = SerialSettings::for_protocol(SerialProtocol::MtSics, "COM3");
        assert_eq!(line(&sics), (DataBits::Eight, serialport::Parity::None));
        let fairbanks = SerialSettings {
            parity: Parity::Odd,
            ..SerialSettings::default()
        };
        assert_eq!(line(&fairbanks), (DataBits::Seven, serialport::Parity::Odd));
    }
}
