//! Exporting History as CSV: to a path (command line, tests) or through the desktop's save
//! dialog (the window), always off the UI thread.

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

/// Asks where to save (the desktop's dialog), then writes. `Ok(None)`: the user cancelled.
pub(super) async fn export_with_dialog(
    core: &Core,
    query: HistoryQuery,
) -> Result<Option<(PathBuf, usize)>, Text> {
    let file_name = format!(
        "shipments-{}.csv",
        chrono::Local::now().format("%Y%m%d-%H%M")
    );
    let Some(handle) = rfd::AsyncFileDialog::new()
        .set_file_name(file_name)
        .add_filter("CSV", &["csv"])
        .save_file()
        .await
    else {
        return Ok(None);
    };
    export_to(core, query, handle.path().to_owned())
        .await
        .map(Some)
}
