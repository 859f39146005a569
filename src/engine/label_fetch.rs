//! Fetching a label the moment it is offered and keeping it on disk (links expire).

use std::path::PathBuf;
use std::time::Duration;

use super::Core;
use crate::carriers::LabelSource;
use crate::labels::{self, LabelFormat};
use crate::model::Text;
use crate::store::LabelRecord;

/// How long a label download may take.
const LABEL_TIMEOUT: Duration = Duration::from_secs(60);

/// Downloads (or decodes) the label, checks it is a PDF or PNG, writes it, and links it to the
/// shipment. On failure returns what a packer should read; the shipment stays bought.
pub(super) async fn fetch_and_keep(
    core: &Core,
    shipment_id: i64,
    source: &LabelSource,
) -> Result<PathBuf, Text> {
    let bytes = match source {
        LabelSource::Inline(bytes) => bytes.clone(),
        LabelSource::Url(url) => {
            // The label client follows the link's moves (to a storage or CDN host): the GET
            // carries no header and no body, so nothing of the account's goes with it.
            let response = super::http::fetch_label(&core.label_http, url, LABEL_TIMEOUT)
                .await
                .map_err(|e| pending(&e.message.en, &e.message.zh))?;
            if response.status != 200 {
                return Err(pending(
                    &format!("the label link answered HTTP {}", response.status),
                    &format!("面单链接返回 HTTP {}", response.status),
                ));
            }
            response.body
        }
    };
    let Some((format, bytes)) = labels::sniff(&bytes) else {
        return Err(pending(
            "what arrived is not a PDF or PNG label",
            "收到的内容不是 PDF 或 PNG 面单",
        ));
    };
    let reference = core
        .with_store(move |s| s.reference_of(shipment_id))
        .await
        .map_err(|e| pending(&e.to_string(), &e.to_string()))?;
    let dir = core.labels_dir.clone();
    let write_bytes = bytes.clone();
    let path =
        tokio::task::spawn_blocking(move || labels::save(&dir, &reference, &write_bytes, format))
            .await
            .map_err(|_| pending("interrupted", "已中断"))?
            .map_err(|e| {
                pending(
                    &format!("cannot write the label file: {e}"),
                    &format!("无法写入面单文件：{e}"),
                )
            })?;
    let record = LabelRecord {
        format: format_name(format).to_owned(),
        sha256: labels::sha256_hex(&bytes),
        size_bytes: bytes.len() as i64,
        path: path.display().to_string(),
    };
    core.with_store(move |s| s.record_label(shipment_id, &record))
        .await
        .map_err(|e| pending(&e.to_string(), &e.to_string()))?;
    Ok(path)
}

fn format_name(format: LabelFormat) -> &'static str {
    format.extension()
}

fn pending(en: &str, zh: &str) -> Text {
    Text::new(
        format!(
            "Bought, but the label is not stored yet: {en}. Run Reconcile to fetch it again; nothing will be bought twice."
        ),
        format!("已下单，但面单尚未保存：{zh}。请运行“核对”重新获取，不会重复下单。"),
    )
}
