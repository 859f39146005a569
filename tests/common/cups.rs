//! A private CUPS scheduler for tests (Debian packages cups-daemon, cups-client, cups-filters),
//! started without root or systemd exactly as test-infra.md describes: its own config, spool and
//! port in a temporary folder, so no system CUPS is needed or touched.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running cupsd; stopped (with its filters) when dropped.
pub struct PrivateCups {
    cupsd: Child,
    dir: tempfile::TempDir,
    port: u16,
}

impl Drop for PrivateCups {
    fn drop(&mut self) {
        // cupsd runs in its own process group: end it and any filter still running.
        let group = format!("-{}", self.cupsd.id());
        Command::new("kill")
            .args(["-TERM", "--", &group])
            .stderr(Stdio::null())
            .status()
            .ok();
        self.cupsd.wait().ok();
    }
}

impl PrivateCups {
    /// Starts cupsd on a free loopback port.
    pub fn start() -> Self {
        super::printer::need("cupsd", "cups-daemon");
        super::printer::need("lpadmin", "cups-client");
        let dir = tempfile::tempdir().expect("tmp");
        let root = dir.path();
        for sub in [
            "etc/ppd",
            "spool/tmp",
            "cache",
            "state",
            "log",
            "run",
            "out",
        ] {
            std::fs::create_dir_all(root.join(sub)).expect("dirs");
        }
        let port = super::ports::free_port();
        let w = root.display();
        std::fs::write(
            root.join("etc/cups-files.conf"),
            format!(
                "ServerRoot {w}/etc\nRequestRoot {w}/spool\nTempDir {w}/spool/tmp\nCacheDir {w}/cache\n\
                 StateDir {w}/state\nErrorLog {w}/log/error_log\nAccessLog {w}/log/access_log\n\
                 PageLog {w}/log/page_log\nFileDevice Yes\nPrintcap {w}/run/printcap\n"
            ),
        )
        .expect("cups-files.conf");
        std::fs::write(
            root.join("etc/cupsd.conf"),
            format!(
                "LogLevel info\nListen 127.0.0.1:{port}\nListen {w}/run/cups.sock\nBrowsing No\n\
                 WebInterface No\nDefaultAuthType None\n<Location />\n  Order allow,deny\n  Allow all\n\
                 </Location>\n<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
            ),
        )
        .expect("cupsd.conf");
        use std::os::unix::process::CommandExt as _;
        let cupsd = Command::new("cupsd")
            .arg("-f")
            .arg("-c")
            .arg(root.join("etc/cupsd.conf"))
            .arg("-s")
            .arg(root.join("etc/cups-files.conf"))
            .process_group(0)
            .stdout(Stdio::null())
            // A configuration cupsd refuses is reported on stderr before its error log opens.
            .stderr(std::fs::File::create(root.join("log/stderr")).expect("stderr file"))
            .spawn()
            .expect("cupsd");
        let mut cups = Self { cupsd, dir, port };
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            let exited = cups.cupsd.try_wait().ok().flatten();
            assert!(
                exited.is_none() && Instant::now() < deadline,
                "cupsd did not start ({}):\n{}",
                exited.map_or("no answer in 10 s".to_string(), |s| format!(
                    "it exited, {s}"
                )),
                cups.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        cups
    }

    /// `host:port`, as `CUPS_SERVER` takes it.
    pub fn server(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The IPP address of one of its queues.
    pub fn queue_uri(&self, queue: &str) -> String {
        format!("ipp://127.0.0.1:{}/printers/{queue}", self.port)
    }

    /// Adds a queue for an IPP Everywhere printer (CUPS builds the driver from what it reports).
    pub fn add_ipp_everywhere_queue(&self, queue: &str, printer_uri: &str) {
        self.lpadmin(&["-p", queue, "-E", "-v", printer_uri, "-m", "everywhere"]);
    }

    /// Adds a Zebra ZPL queue (CUPS' own zebra.ppd, 4x6 in stock) that writes what it would send
    /// the printer to a file, and returns that file.
    pub fn add_zpl_queue(&self, queue: &str) -> PathBuf {
        let out = self.dir.path().join(format!("out/{queue}.zpl"));
        // Today's cupsd (2.4.2-3+deb12u10) opens a file: device's file without O_CREAT and stops
        // the job ("could not open the output file") when it is missing: it must exist first.
        std::fs::File::create(&out).expect("the ZPL queue's output file");
        let device = format!("file://{}", out.display());
        self.lpadmin(&[
            "-p",
            queue,
            "-E",
            "-v",
            &device,
            "-m",
            "drv:///sample.drv/zebra.ppd",
            "-o",
            "PageSize=w288h432",
        ]);
        out
    }

    fn lpadmin(&self, args: &[&str]) {
        let out = Command::new("lpadmin")
            .args(args)
            .env("CUPS_SERVER", self.server())
            .output()
            .expect("lpadmin");
        assert!(
            out.status.success(),
            "lpadmin {args:?}: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            self.log()
        );
    }

    /// What the scheduler said: its standard error (where a refused configuration is reported)
    /// and its error log (for failure messages).
    pub fn log(&self) -> String {
        let read = |name: &str| {
            std::fs::read_to_string(self.dir.path().join("log").join(name)).unwrap_or_default()
        };
        format!(
            "cupsd stderr:\n{}\ncupsd error_log:\n{}",
            read("stderr"),
            read("error_log")
        )
    }

    /// Its folder.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}
