//! `shipdesk scale`: the desk scale's live readings, for setting a desk up. Reads the scale the
//! window's settings name (`scale.json`), or the serial scale the flags name; no engine and no
//! database are opened. Each change is one line, in English and Chinese.

use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::desk::scale::{
    Parity, ScaleSettings, ScaleSource, ScaleState, ScaleWatcher, SerialProtocol, SerialSettings,
};
use crate::terminal::outln;

/// `shipdesk scale [--once] [--port P --protocol nci|mt-sics --baud N --parity none|even|odd --data-bits 7|8]`
#[derive(Debug, clap::Args)]
pub struct ScaleArgs {
    /// Print the first reading and stop (exit 1 if none comes within --wait-secs).
    #[arg(long)]
    once: bool,
    /// How long --once waits for a reading.
    #[arg(long, default_value_t = 5)]
    wait_secs: u64,
    /// Read a serial scale on this port (`/dev/ttyUSB0`, `COM3`) instead of the saved scale.
    #[arg(long)]
    port: Option<String>,
    /// The serial scale's protocol (its factory line: NCI 9600 7E1, MT-SICS 9600 8N1).
    #[arg(long, value_enum)]
    protocol: Option<ProtocolArg>,
    /// Baud rate.
    #[arg(long)]
    baud: Option<u32>,
    /// Parity.
    #[arg(long, value_enum)]
    parity: Option<ParityArg>,
    /// Data bits (7 or 8).
    #[arg(long)]
    data_bits: Option<u8>,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum ProtocolArg {
    Nci,
    MtSics,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum ParityArg {
    None,
    Even,
    Odd,
}

/// Prints the scale's readings (until Ctrl+C, or the first one with `--once`).
pub fn run(data_dir: &std::path::Path, args: &ScaleArgs) -> ExitCode {
    let settings = settings(ScaleSettings::load(data_dir), args);
    let (tx, states) = mpsc::channel();
    let _watcher = match ScaleWatcher::start(settings, move |state| {
        tx.send(state).ok();
    }) {
        Ok(watcher) => watcher,
        Err(error) => {
            eprintln!("shipdesk scale: cannot start the scale reader: {error}");
            return ExitCode::from(1);
        }
    };
    let deadline = Instant::now() + Duration::from_secs(args.wait_secs);
    loop {
        let next = if args.once {
            states.recv_timeout(deadline.saturating_duration_since(Instant::now()))
        } else {
            states
                .recv()
                .map_err(|_| mpsc::RecvTimeoutError::Disconnected)
        };
        let Ok(state) = next else {
            eprintln!(
                "shipdesk scale: no reading within {} s / {} 秒内没有读数",
                args.wait_secs, args.wait_secs
            );
            return ExitCode::from(1);
        };
        let said = state.describe();
        outln!("{}  /  {}", said.en, said.zh);
        if args.once && matches!(state, ScaleState::Reading(_)) {
            return ExitCode::SUCCESS;
        }
    }
}

/// The saved settings with the flags' changes.
fn settings(mut settings: ScaleSettings, args: &ScaleArgs) -> ScaleSettings {
    if let Some(protocol) = args.protocol {
        let protocol = match protocol {
            ProtocolArg::Nci => SerialProtocol::Nci,
            ProtocolArg::MtSics => SerialProtocol::MtSics,
        };
        settings.serial = SerialSettings::for_protocol(protocol, &settings.serial.port);
    }
    if let Some(port) = &args.port {
        settings.source = ScaleSource::Serial;
        settings.serial.port = port.clone();
    }
    if let Some(baud) = args.baud {
        settings.serial.baud = baud;
    }
    if let Some(parity) = args.parity {
        settings.serial.parity = match parity {
            ParityArg::None => Parity::None,
            ParityArg::Even => Parity::Even,
            ParityArg::Odd => Parity::Odd,
        };
    }
    if let Some(bits) = args.data_bits {
        settings.serial.data_bits = bits;
    }
    settings
}
