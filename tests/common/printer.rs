//! A real 4x6 IPP Everywhere label printer for tests: `ippeveprinter` (Debian package
//! cups-ipp-utils), started with a private bus exactly as test-infra.md describes.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The printer's capabilities: 4x6 and Letter, PDF accepted, no margins, 203 dpi.
const PRINTER_CONF: &str = "\
ATTR mimeMediaType document-format-supported application/pdf,image/pwg-raster,image/urf,application/octet-stream
ATTR keyword media-supported na_index-4x6_4x6in,na_letter_8.5x11in
ATTR keyword media-default na_index-4x6_4x6in
ATTR keyword media-ready na_index-4x6_4x6in
ATTR collection media-size-supported { MEMBER integer x-dimension 10160 MEMBER integer y-dimension 15240 },{ MEMBER integer x-dimension 21590 MEMBER integer y-dimension 27940 }
ATTR collection media-col-default { MEMBER collection media-size { MEMBER integer x-dimension 10160 MEMBER integer y-dimension 15240 } MEMBER integer media-bottom-margin 0 MEMBER integer media-left-margin 0 MEMBER integer media-right-margin 0 MEMBER integer media-top-margin 0 }
ATTR collection media-col-database { MEMBER collection media-size { MEMBER integer x-dimension 10160 MEMBER integer y-dimension 15240 } MEMBER integer media-bottom-margin 0 MEMBER integer media-left-margin 0 MEMBER integer media-right-margin 0 MEMBER integer media-top-margin 0 },{ MEMBER collection media-size { MEMBER integer x-dimension 21590 MEMBER integer y-dimension 27940 } MEMBER integer media-bottom-margin 0 MEMBER integer media-left-margin 0 MEMBER integer media-right-margin 0 MEMBER integer media-top-margin 0 }
ATTR integer media-bottom-margin-supported 0
ATTR integer media-left-margin-supported 0
ATTR integer media-right-margin-supported 0
ATTR integer media-top-margin-supported 0
ATTR resolution pwg-raster-document-resolution-supported 203dpi
ATTR keyword pwg-raster-document-type-supported black_1,sgray_8
ATTR keyword urf-supported V1.4,W8,RS203,DM1,CP1,MT1
";

/// An office A4 printer's capabilities: A4 and Letter, PDF accepted, 300 dpi.
const A4_CONF: &str = "\
ATTR mimeMediaType document-format-supported application/pdf,image/pwg-raster,image/urf,application/octet-stream
ATTR keyword media-supported iso_a4_210x297mm,na_letter_8.5x11in
ATTR keyword media-default iso_a4_210x297mm
ATTR keyword media-ready iso_a4_210x297mm
ATTR collection media-size-supported { MEMBER integer x-dimension 21000 MEMBER integer y-dimension 29700 },{ MEMBER integer x-dimension 21590 MEMBER integer y-dimension 27940 }
ATTR collection media-col-default { MEMBER collection media-size { MEMBER integer x-dimension 21000 MEMBER integer y-dimension 29700 } MEMBER integer media-bottom-margin 0 MEMBER integer media-left-margin 0 MEMBER integer media-right-margin 0 MEMBER integer media-top-margin 0 }
ATTR collection media-col-database { MEMBER collection media-size { MEMBER integer x-dimension 21000 MEMBER integer y-dimension 29700 } MEMBER integer media-bottom-margin 0 MEMBER integer media-left-margin 0 MEMBER integer media-right-margin 0 MEMBER integer media-top-margin 0 },{ MEMBER collection media-size { MEMBER integer x-dimension 21590 MEMBER integer y-dimension 27940 } MEMBER integer media-bottom-margin 0 MEMBER integer media-left-margin 0 MEMBER integer media-right-margin 0 MEMBER integer media-top-margin 0 }
ATTR integer media-bottom-margin-supported 0
ATTR integer media-left-margin-supported 0
ATTR integer media-right-margin-supported 0
ATTR integer media-top-margin-supported 0
ATTR resolution pwg-raster-document-resolution-supported 300dpi
ATTR keyword pwg-raster-document-type-supported black_1,sgray_8
ATTR keyword urf-supported V1.4,W8,RS300,DM1,CP1,MT1
";

/// A running label printer; stopped when dropped.
pub struct LabelPrinter {
    printer: Child,
    bus: Child,
    dir: tempfile::TempDir,
    port: u16,
}

impl Drop for LabelPrinter {
    fn drop(&mut self) {
        for child in [&mut self.printer, &mut self.bus] {
            child.kill().ok();
            child.wait().ok();
        }
    }
}

/// Fails the test with the Debian package to install when `tool` is missing.
pub fn need(tool: &str, package: &str) {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output();
    if !found.is_ok_and(|o| o.status.success()) {
        panic!(
            "`{tool}` is not installed; this test needs it: apt-get install {package} (scripts/test.sh does)"
        );
    }
}

impl LabelPrinter {
    /// Starts a printer on a free loopback port.
    pub fn start() -> Self {
        Self::start_with("")
    }

    /// Starts an office A4 printer (the desk's printer for documents) instead.
    pub fn a4() -> Self {
        Self::start_from(A4_CONF, "")
    }

    /// A printer whose labels have run out: each job stops with `media-empty`, reported the
    /// way a real printer driver reports it (a `STATE:` line), and is aborted.
    pub fn out_of_labels() -> Self {
        Self::start_with("echo 'STATE: +media-empty-error' >&2\nexit 1\n")
    }

    /// Starts a printer whose job command runs `then` after keeping the job's attributes.
    fn start_with(then: &str) -> Self {
        Self::start_from(PRINTER_CONF, then)
    }

    /// Starts a printer with capabilities `conf`, its job command running `then`.
    fn start_from(conf: &str, then: &str) -> Self {
        need("ippeveprinter", "cups-ipp-utils");
        need("dbus-daemon", "dbus");
        let dir = tempfile::tempdir().expect("tmp");
        let path = |name: &str| dir.path().join(name);
        std::fs::write(path("label-4x6.conf"), conf).expect("conf");
        // With -c, jobs finish as fast as the command; this one keeps the job's attributes.
        let capture = path("capture.sh");
        std::fs::write(
            &capture,
            format!("#!/bin/sh\nenv | grep -E '^(IPP_|CONTENT_TYPE)' | sort > \"$1.env\"\n{then}"),
        )
        .expect("script");
        Command::new("chmod")
            .arg("+x")
            .arg(&capture)
            .status()
            .expect("chmod");
        std::fs::create_dir_all(path("spool")).expect("spool");
        // ippeveprinter wants a system D-Bus for DNS-SD even with -r off: give it a private one.
        let bus_address = format!("unix:path={}", path("sysbus").display());
        let bus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--address", &bus_address])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon");
        let port = super::ports::free_port();
        wait_until("the private bus", || path("sysbus").exists());
        let printer = Command::new("ippeveprinter")
            .args([
                "-r",
                "off",
                "-n",
                "localhost",
                "-p",
                &port.to_string(),
                "-k",
            ])
            .arg("-d")
            .arg(path("spool"))
            .arg("-c")
            .arg(&capture)
            .arg("-a")
            .arg(path("label-4x6.conf"))
            .arg("LabelPrinter")
            .env("DBUS_SYSTEM_BUS_ADDRESS", &bus_address)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("ippeveprinter");
        wait_until("the printer", || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        Self {
            printer,
            bus,
            dir,
            port,
        }
    }

    /// Its IPP address.
    pub fn uri(&self) -> String {
        format!("ipp://localhost:{}/ipp/print", self.port)
    }

    /// Where it keeps each job's document and attributes.
    pub fn spool(&self) -> PathBuf {
        self.dir.path().join("spool")
    }
}

fn wait_until(what: &str, ready: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !ready() {
        assert!(Instant::now() < deadline, "{what} did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The files in `dir` with this extension.
pub fn files_with(dir: &Path, extension: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == extension))
                .collect()
        })
        .unwrap_or_default()
}

/// Sends `document` to `printer_uri` as one job on `media`, on a runtime of its own.
pub fn submit(
    printer_uri: &str,
    document: Vec<u8>,
    job_name: &str,
    media: &str,
    timeout: Duration,
) -> Result<shipdesk::print::PrintedJob, shipdesk::print::PrintError> {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(shipdesk::print::print_pdf(
        shipdesk::print::PrintRequest {
            printer_uri: printer_uri.to_owned(),
            document,
            job_name: job_name.to_owned(),
            media: media.to_owned(),
        },
        timeout,
    ))
}
