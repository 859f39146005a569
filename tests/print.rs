//! Printing for real: a 4x6 IPP Everywhere label printer (`ippeveprinter`, Debian package
//! cups-ipp-utils) started by the test, exactly as test-infra.md describes, receives the label.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use shipdesk::print::{MEDIA_4X6, PrintRequest, print_pdf};
use shipdesk::sandbox::label_pdf::{LabelContent, render_label_pdf};

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

/// A running label printer; stopped when dropped.
struct LabelPrinter {
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

fn need(tool: &str, package: &str) {
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
    fn start() -> Self {
        need("ippeveprinter", "cups-ipp-utils");
        need("dbus-daemon", "dbus");
        let dir = tempfile::tempdir().expect("tmp");
        let path = |name: &str| dir.path().join(name);
        std::fs::write(path("label-4x6.conf"), PRINTER_CONF).expect("conf");
        // With -c, jobs finish as fast as the command; this one keeps the job's attributes.
        let capture = path("capture.sh");
        std::fs::write(
            &capture,
            "#!/bin/sh\nenv | grep -E '^(IPP_|CONTENT_TYPE)' | sort > \"$1.env\"\n",
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
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
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

    fn uri(&self) -> String {
        format!("ipp://localhost:{}/ipp/print", self.port)
    }

    fn spool(&self) -> PathBuf {
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

fn files_with(dir: &Path, extension: &str) -> Vec<PathBuf> {
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

fn label() -> Vec<u8> {
    render_label_pdf(&LabelContent {
        tracking_number: "SBX5550001234".to_owned(),
        reference: "PRINT-1".to_owned(),
        ..LabelContent::default()
    })
    .expect("label")
}

#[test]
fn a_4x6_label_prints_on_an_ipp_label_printer_at_full_size_on_4x6_media() {
    let printer = LabelPrinter::start();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let job = runtime
        .block_on(print_pdf(
            PrintRequest {
                printer_uri: printer.uri(),
                document: label(),
                job_name: "PRINT-1".to_owned(),
                media: MEDIA_4X6.to_owned(),
            },
            Duration::from_secs(20),
        ))
        .expect("printed");
    assert!(job.job_id > 0);
    writeln!(
        std::io::stderr(),
        "print submit to completed: {} ms",
        job.took.as_millis()
    )
    .ok();

    // What the printer received: the PDF itself, 288 x 432 pt, on 4x6 media.
    let pdfs = files_with(&printer.spool(), "pdf");
    assert_eq!(pdfs.len(), 1, "{pdfs:?}");
    let info = Command::new("pdfinfo")
        .arg(&pdfs[0])
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Page size:       288 x 432 pts"), "{info}");
    let envs = files_with(&printer.spool(), "env");
    let attributes = std::fs::read_to_string(envs.first().expect("job attributes")).expect("env");
    assert!(
        attributes.contains("IPP_MEDIA=na_index-4x6_4x6in"),
        "{attributes}"
    );
}

#[test]
fn an_unreachable_printer_says_so_plainly() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let error = runtime
        .block_on(print_pdf(
            PrintRequest {
                printer_uri: format!("ipp://127.0.0.1:{port}/ipp/print"),
                document: label(),
                job_name: "PRINT-2".to_owned(),
                media: MEDIA_4X6.to_owned(),
            },
            Duration::from_secs(5),
        ))
        .expect_err("nobody there");
    assert!(
        error.describe().en.contains("does not answer"),
        "{:?}",
        error.describe()
    );
    assert!(error.describe().zh.contains("打印机无响应"));
}

#[test]
fn shipdesk_print_prints_stored_labels_counts_them_and_never_asks_the_forwarder() {
    let printer = LabelPrinter::start();
    let data = tempfile::tempdir().expect("tmp");
    let shipdesk = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_shipdesk"))
            .arg("--data-dir")
            .arg(data.path())
            .args(args)
            .output()
            .expect("run shipdesk")
    };
    let order = format!(
        "{}/assets/examples/order-seed000.json",
        env!("CARGO_MANIFEST_DIR")
    );
    assert!(
        shipdesk(&["ship", &order, "--account", "Sandbox"])
            .status
            .success()
    );
    // The sandbox that sold the label is gone with that process: a reprint must not need it.
    for expected in ["printed 1 time(s)", "printed 2 time(s)"] {
        let out = shipdesk(&["print", "lf-test-251205-003", "--printer", &printer.uri()]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains(expected), "{stdout}");
    }
    assert_eq!(files_with(&printer.spool(), "pdf").len(), 2);
    let history = shipdesk(&["history", "--json"]);
    let records: serde_json::Value = serde_json::from_slice(&history.stdout).expect("json");
    assert_eq!(records[0]["state"], "printed");
    assert_eq!(records[0]["print_count"], 2);
    // Unknown reference: exit 1 with a plain message.
    let out = shipdesk(&["print", "NOPE", "--printer", &printer.uri()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No shipment NOPE"));
}
