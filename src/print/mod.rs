//! Printing labels and A4 documents over IPP: CUPS queues (`ipp://localhost:631/printers/NAME`)
//! and IPP Everywhere printers alike, each kind of paper to the desk's printer for it. The stored label file is sent as it is, with the media set and no scaling,
//! and the job is followed until the printer says it is done.

pub mod layout;
pub mod profile;
mod raster_pdf;
pub mod words;

pub use layout::{LaidOut, LayoutError, Offset, lay_out, lay_out_in_order};
pub use profile::{
    MEDIA_A4, PrinterProfile, Printers, SendAs, SlipsWithLabels, cups_server, printer_uri,
};
pub use raster_pdf::rasterise_for_printer;

use std::time::{Duration, Instant};

use ipp::prelude::*;

use crate::model::Text;

/// One label (or several pages) to print.
#[derive(Clone, Debug)]
pub struct PrintRequest {
    /// `ipp://host:port/path` of a printer or CUPS queue.
    pub printer_uri: String,
    /// The PDF.
    pub document: Vec<u8>,
    /// Shown in the print queue (the reference).
    pub job_name: String,
    /// IPP media keyword, e.g. [`crate::labels::MEDIA_4X6`].
    pub media: String,
}

/// A completed job.
#[derive(Clone, Debug)]
pub struct PrintedJob {
    /// The printer's job id.
    pub job_id: i32,
    /// From submit to "completed".
    pub took: Duration,
}

/// Why a label did not print, in words for the person at the printer.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// The printer address is not an IPP address.
    #[error("{0:?} is not a printer address (expected ipp://host:port/path)")]
    BadAddress(String),
    /// Nothing answered at the address.
    #[error("the printer does not answer ({0}); is it switched on and connected?")]
    Unreachable(String),
    /// The printer refused the job.
    #[error("the printer refused the job: {} (printer: {printer_says})", words.0)]
    Refused {
        /// What it means, in English and Chinese.
        words: words::Words,
        /// The printer's own status and message.
        printer_says: String,
    },
    /// The job stopped without printing (out of labels, jammed, cancelled at the printer).
    #[error("the label did not print: {} (printer: {printer_says})", words.0)]
    NotPrinted {
        /// What it means, in English and Chinese.
        words: words::Words,
        /// The job's and the printer's state reasons.
        printer_says: String,
    },
    /// The printer did not finish in time.
    #[error("the printer did not finish the job within {0} s")]
    TimedOut(u64),
    /// No CUPS queue has that name.
    #[error("there is no print queue named {queue:?} (queues: {})", if known.is_empty() { "none".to_owned() } else { known.join(", ") })]
    NoSuchQueue {
        /// The name given.
        queue: String,
        /// The queues there are.
        known: Vec<String>,
    },
}

impl PrintError {
    /// Both languages, for the window: one sentence each, with the printer's own words.
    pub fn describe(&self) -> Text {
        let zh = match self {
            Self::BadAddress(given) => {
                format!("打印机地址无效：{given:?}（应为队列名称或 ipp://主机:端口/路径）")
            }
            Self::Unreachable(why) => format!("打印机无响应：请检查是否开机、是否连接（{why}）"),
            Self::Refused {
                words,
                printer_says,
            } => format!("打印机拒绝了该任务：{}（打印机：{printer_says}）", words.1),
            Self::NotPrinted {
                words,
                printer_says,
            } => format!("面单未打印：{}（打印机：{printer_says}）", words.1),
            Self::TimedOut(seconds) => format!("打印机在 {seconds} 秒内未完成任务"),
            Self::NoSuchQueue { queue, known } => format!(
                "没有名为 {queue:?} 的打印队列（现有队列：{}）",
                if known.is_empty() {
                    "无".to_owned()
                } else {
                    known.join("、")
                }
            ),
        };
        Text::new(self.to_string(), zh)
    }

    /// A refusal that is not the printer's (a request shipdesk could not even build).
    fn cannot_send(why: impl Into<String>) -> Self {
        Self::Refused {
            words: ("the job could not be sent", "任务无法发送"),
            printer_says: why.into(),
        }
    }
}

/// Sends the PDF and waits until the printer reports the job completed.
pub async fn print_pdf(request: PrintRequest, timeout: Duration) -> Result<PrintedJob, PrintError> {
    let started = Instant::now();
    let uri: Uri = request
        .printer_uri
        .parse()
        .map_err(|_| PrintError::BadAddress(request.printer_uri.clone()))?;
    let keyword = |value: &str| {
        ipp::value::IppKeyword::new(value)
            .map(IppValue::Keyword)
            .map_err(|_| PrintError::cannot_send(format!("{value:?} is not a valid IPP keyword")))
    };
    let payload = IppPayload::new(std::io::Cursor::new(request.document));
    let operation = IppOperationBuilder::print_job(uri.clone(), payload)
        .user_name("shipdesk")
        .job_title(&request.job_name)
        .document_format("application/pdf")
        .attribute(IppAttribute::new(name("media"), keyword(&request.media)?))
        // A label is printed at 100%: never fitted to the page, which shrinks barcodes.
        .attribute(IppAttribute::new(name("print-scaling"), keyword("none")?))
        .build()
        .map_err(|e| PrintError::cannot_send(e.to_string()))?;
    let client = AsyncIppClient::new(uri.clone());
    let answer = client
        .send(operation)
        .await
        .map_err(|e| PrintError::Unreachable(e.to_string()))?;
    let status = answer.header().status_code();
    if !status.is_success() {
        return Err(PrintError::Refused {
            words: words::refusal(status),
            printer_says: format!("{status:?} {}", status_message(&answer))
                .trim()
                .to_owned(),
        });
    }
    let job_id = job_attribute(&answer, "job-id")
        .and_then(|v| match v {
            IppValue::Integer(id) => Some(*id),
            _ => None,
        })
        .ok_or_else(|| PrintError::cannot_send("no job id in the printer's answer"))?;
    loop {
        let query = IppOperationBuilder::get_job_attributes(uri.clone(), job_id)
            .build()
            .map_err(|e| PrintError::cannot_send(e.to_string()))?;
        let answer = client
            .send(query)
            .await
            .map_err(|e| PrintError::Unreachable(e.to_string()))?;
        let state = job_attribute(&answer, "job-state").and_then(|v| match v {
            IppValue::Enum(state) | IppValue::Integer(state) => Some(*state),
            _ => None,
        });
        let reasons = job_attribute(&answer, "job-state-reasons")
            .map(ToString::to_string)
            .unwrap_or_default();
        match state {
            // RFC 8011 job-state: 9 completed, 7 canceled, 8 aborted.
            Some(9) => {
                return Ok(PrintedJob {
                    job_id,
                    took: started.elapsed(),
                });
            }
            Some(7) | Some(8) => {
                // The printer's own reasons say more (media-empty) than the job's (aborted).
                let printer_reasons = printer_state_reasons(&client, &uri).await;
                let printer_says = format!("{reasons} {printer_reasons}").trim().to_owned();
                return Err(PrintError::NotPrinted {
                    words: words::not_printed(&printer_says),
                    printer_says,
                });
            }
            _ => {}
        }
        if started.elapsed() > timeout {
            return Err(PrintError::TimedOut(timeout.as_secs()));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn job_attribute<'a>(answer: &'a IppRequestResponse, name: &str) -> Option<&'a IppValue> {
    answer
        .attributes()
        .groups_of(DelimiterTag::JobAttributes)
        .find_map(|group| {
            group
                .attributes()
                .iter()
                .find(|a| a.name().as_str() == name)
        })
        .map(IppAttribute::value)
}

/// The printer's `printer-state-reasons` (empty when it cannot be asked).
async fn printer_state_reasons(client: &AsyncIppClient, uri: &Uri) -> String {
    let Ok(query) = IppOperationBuilder::get_printer_attributes(uri.clone())
        .attributes(["printer-state-reasons"])
        .build()
    else {
        return String::new();
    };
    let Ok(answer) = client.send(query).await else {
        return String::new();
    };
    answer
        .attributes()
        .groups_of(DelimiterTag::PrinterAttributes)
        .find_map(|group| {
            group
                .attributes()
                .iter()
                .find(|a| a.name().as_str() == "printer-state-reasons")
        })
        .map(|a| a.value().to_string())
        .unwrap_or_default()
}

/// An attribute name (the names used here are short, fixed ASCII).
fn name(name: &str) -> ipp::value::IppName {
    ipp::value::IppName::new_truncated(name)
}

fn status_message(answer: &IppRequestResponse) -> String {
    answer
        .attributes()
        .groups_of(DelimiterTag::OperationAttributes)
        .find_map(|group| {
            group
                .attributes()
                .iter()
                .find(|a| a.name().as_str() == "status-message")
        })
        .map(|a| a.value().to_string())
        .unwrap_or_default()
}

/// A print queue a CUPS server offers.
#[derive(Clone, Debug)]
pub struct Queue {
    /// The queue's name.
    pub name: String,
    /// Where to send jobs.
    pub uri: String,
    /// What the printer says it is doing (idle, processing, stopped) and why.
    pub state: String,
}

/// The queues of the CUPS server at `server` (`host:port`; CUPS listens on localhost:631).
pub async fn cups_queues(server: &str) -> Result<Vec<Queue>, PrintError> {
    let address = format!("ipp://{server}/");
    let uri: Uri = address
        .parse()
        .map_err(|_| PrintError::BadAddress(address.clone()))?;
    let client = AsyncIppClient::new(uri);
    let answer = client
        .send(IppOperationBuilder::cups().get_printers())
        .await
        .map_err(|e| PrintError::Unreachable(e.to_string()))?;
    if !answer.header().status_code().is_success() {
        let status = answer.header().status_code();
        return Err(PrintError::Refused {
            words: words::refusal(status),
            printer_says: format!("{status:?} {}", status_message(&answer)),
        });
    }
    let text = |group: &IppAttributeGroup, name: &str| {
        group
            .attributes()
            .iter()
            .find(|a| a.name().as_str() == name)
            .map(|a| a.value().to_string())
            .unwrap_or_default()
    };
    Ok(answer
        .attributes()
        .groups_of(DelimiterTag::PrinterAttributes)
        .map(|group| Queue {
            name: text(group, "printer-name"),
            uri: text(group, "printer-uri-supported")
                .split(',')
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned(),
            state: match text(group, "printer-state").as_str() {
                "3" => "idle".to_owned(),
                "4" => "printing".to_owned(),
                "5" => format!("stopped ({})", text(group, "printer-state-reasons")),
                other => other.to_owned(),
            },
        })
        .collect())
}
