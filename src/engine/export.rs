//! Exporting History as CSV to the file it is given (the window asks where with its own save
//! dialog), always off the UI thread.

use std::path::PathBuf;

use super::Core;
use crate::model::Text;
use crate::store::HistoryQuery;

/// Writes the shipments matching `query` to `path`; returns the path and the row count.
pub(super) async fn export_to(
    core: &Core,
    query: HistoryQuery,
    path: PathBuf,
) -> Result<(PathBuf, usize), Text> {
    let target = path.clone();
    let written = core
        .with_store(move |s| {
            let result = std::fs::File::create(&target)
                .map_err(crate::store::ExportError::Write)
                .and_then(|file| s.export_csv(&query, &mut std::io::BufWriter::new(file)));
            Ok(result)
        })
        .await
        .map_err(|e| Text::new(e.to_string(), format!("导出失败：{e}")))?;
    match written {
        Ok(rows) => Ok((path, rows)),
        Err(error) => Err(Text::new(
            format!("Export failed: {error} ({})", path.display()),
            format!("导出失败：{error}（{}）", path.display()),
        )),
    }
}
