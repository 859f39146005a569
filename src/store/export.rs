//! History as CSV for spreadsheets: every matching shipment, newest first, written in batches so a
//! million rows never sit in memory at once.

use std::io::Write;

use super::shipments::RECORD_COLUMNS;
use super::{HistoryQuery, ShipmentRecord, Store, StoreError, format_local_time};

/// Rows read per batch.
const BATCH: usize = 1_000;

/// The columns, in order.
const HEADER: [&str; 19] = [
    "created",
    "reference",
    "state",
    "tracking_number",
    "forwarder_order_id",
    "account",
    "forwarder",
    "service_code",
    "recipient_name",
    "recipient_phone",
    "recipient_country",
    "recipient_city",
    "recipient_postcode",
    "weight_kg",
    "declared_value",
    "currency",
    "attempts",
    "print_count",
    "message",
];

/// Exporting failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading History failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing the file failed.
    #[error("cannot write the file: {0}")]
    Write(#[from] std::io::Error),
}

impl Store {
    /// Writes every shipment matching `query` as CSV; returns how many rows were written.
    pub fn export_csv(
        &self,
        query: &HistoryQuery,
        out: &mut impl Write,
    ) -> Result<usize, ExportError> {
        let ids = self.matching_ids(query)?;
        writeln!(out, "{}", HEADER.join(","))?;
        for batch in ids.chunks(BATCH) {
            for record in self.records_by_ids(batch)? {
                writeln!(
                    out,
                    "{}",
                    row(&record)
                        .iter()
                        .map(|cell| csv_cell(cell))
                        .collect::<Vec<_>>()
                        .join(",")
                )?;
            }
        }
        out.flush()?;
        Ok(ids.len())
    }

    /// Full records for these ids, in the same order.
    fn records_by_ids(&self, ids: &[i64]) -> Result<Vec<ShipmentRecord>, StoreError> {
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let sql = format!("SELECT {RECORD_COLUMNS} FROM shipments WHERE id IN ({list})");
        let mut by_id: std::collections::HashMap<i64, ShipmentRecord> = self
            .records(&sql, [])?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }
}

fn row(r: &ShipmentRecord) -> Vec<String> {
    vec![
        format_local_time(r.created_at, "%Y-%m-%d %H:%M:%S"),
        r.reference.clone(),
        r.state.as_str().to_owned(),
        r.tracking_number.clone().unwrap_or_default(),
        r.forwarder_order_id.clone().unwrap_or_default(),
        r.account.clone(),
        r.forwarder.clone(),
        r.service_code.clone(),
        r.recipient_name.clone(),
        r.recipient_phone.clone(),
        r.recipient_country.clone(),
        r.order.recipient.city.clone(),
        r.order.recipient.postcode.clone(),
        r.weight_kg.clone(),
        r.declared_value.clone().unwrap_or_default(),
        r.currency.clone(),
        r.attempts.to_string(),
        r.print_count.to_string(),
        r.message.as_ref().map(|m| m.en.clone()).unwrap_or_default(),
    ]
}

/// One CSV cell (RFC 4180 quoting). A text that a spreadsheet would run as a formula (names
/// typed by marketplace buyers can start with `=`) is prefixed with `'`.
pub(crate) fn csv_cell(value: &str) -> String {
    let looks_like_number = value.parse::<f64>().is_ok();
    let value = if !looks_like_number && value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-3.5"), "-3.5");
        assert_eq!(csv_cell("张伟"), "张伟");
    }
}
