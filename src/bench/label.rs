//! `shipdesk bench label`: draws a 4x6 sandbox label at 203 dpi with the in-app rasteriser
//! (hayro) and with poppler's `pdftoppm -r 203` on the same file in the same run.

use std::process::{Command, ExitCode};
use std::time::Instant;

use super::percentile;
use crate::sandbox::label_pdf::{LabelContent, render_label_pdf};
use crate::terminal::outln;

/// Runs the comparison; `runs` timings each.
pub fn run(runs: usize) -> ExitCode {
    let content = LabelContent {
        forwarder: "Western Post (sandbox)".to_owned(),
        service_code: "WP_GROUND".to_owned(),
        tracking_number: "SBX1234567890".to_owned(),
        reference: "BENCH-0001".to_owned(),
        sender_lines: vec![
            "Tim Chen".to_owned(),
            "15050 Slover Ave".to_owned(),
            "Fontana CA 92335".to_owned(),
        ],
        recipient_lines: vec![
            "Flynn Rider".to_owned(),
            "1215 Polk St".to_owned(),
            "Hollywood FL 90048".to_owned(),
            "US".to_owned(),
        ],
        weight_text: "2.5 KG".to_owned(),
    };
    let pdf = match render_label_pdf(&content) {
        Ok(pdf) => pdf,
        Err(error) => {
            eprintln!("bench: {error}");
            return ExitCode::from(1);
        }
    };
    let Ok(dir) = tempfile::TempDir::new() else {
        eprintln!("bench: cannot make a scratch folder");
        return ExitCode::from(2);
    };
    let file = dir.path().join("label.pdf");
    if let Err(error) = std::fs::write(&file, &pdf) {
        eprintln!("bench: {error}");
        return ExitCode::from(2);
    }
    let runs = runs.max(1);
    let mut ours = Vec::with_capacity(runs);
    let mut size = (0, 0);
    for _ in 0..runs {
        let started = Instant::now();
        match crate::labels::rasterise_pdf(&pdf, 203.0, 1) {
            Ok(pages) => size = (pages[0].width, pages[0].height),
            Err(error) => {
                eprintln!("bench: {error}");
                return ExitCode::from(1);
            }
        }
        ours.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    ours.sort_by(f64::total_cmp);
    outln!("shipdesk bench label: a 4x6 in label (288 x 432 pt) at 203 dpi, {runs} runs each");
    outln!(
        "hayro (in the app):          {}x{} px, p50 {:.2} ms, p95 {:.2} ms",
        size.0,
        size.1,
        percentile(&ours, 50.0),
        percentile(&ours, 95.0)
    );
    let mut poppler = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let status = Command::new("pdftoppm")
            .args(["-r", "203", "-png", "-singlefile"])
            .arg(&file)
            .arg(dir.path().join("poppler"))
            .status();
        match status {
            Ok(status) if status.success() => {
                poppler.push(started.elapsed().as_secs_f64() * 1000.0)
            }
            _ => {
                outln!(
                    "pdftoppm -r 203:             not available (apt-get install poppler-utils)"
                );
                return ExitCode::SUCCESS;
            }
        }
    }
    poppler.sort_by(f64::total_cmp);
    outln!(
        "pdftoppm -r 203 (a process): p50 {:.2} ms, p95 {:.2} ms (includes starting the process and writing a PNG)",
        percentile(&poppler, 50.0),
        percentile(&poppler, 95.0)
    );
    let verdict = if percentile(&ours, 50.0) <= percentile(&poppler, 50.0) {
        "not slower: met"
    } else {
        "slower: MISSED"
    };
    outln!("target: not slower than pdftoppm: {verdict}");
    ExitCode::SUCCESS
}
