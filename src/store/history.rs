use rusqlite::types::Value;

use super::shipments::RECORD_COLUMNS;
use super::{ShipmentRecord, Store, StoreError};
use crate::model::ShipmentState;

/// A History search: free text plus filters, one page at a time, newest first.
#[derive(Clone, Debug, Default)]
pub struct HistoryQuery {
    /// Matches an exact tracking number, exact reference, exact phone, or a recipient-name prefix.
    pub text: String,
    /// Only this account.
    pub account: Option<String>,
    /// Only this state.
    pub state: Option<ShipmentState>,
    /// Created at or after (ms since epoch).
    pub from_ms: Option<i64>,
    /// Created before (ms since epoch).
    pub to_ms: Option<i64>,
    /// Page size; 0 means 100.
    pub limit: usize,
    /// Rows to skip.
    pub offset: usize,
}

impl Store {
    /// One page of History, newest first.
    ///
    /// Free text is answered by four index lookups (tracking number, reference, phone, name
    /// prefix), each already narrowed by the filters; only the page's own rows are then read. The
    /// name index covers `created_at`, so even a common prefix is ordered without reading rows.
    pub fn search(&self, query: &HistoryQuery) -> Result<Vec<ShipmentRecord>, StoreError> {
        let mut params: Vec<Value> = Vec::new();
        let filters = filter_clauses(query, &mut params);
        let limit = if query.limit == 0 { 100 } else { query.limit };
        let page = format!(
            "ORDER BY created_at DESC, id DESC LIMIT {limit} OFFSET {}",
            query.offset
        );
        let text = query.text.trim();
        let sql = if text.is_empty() {
            let where_clause = if filters.is_empty() {
                String::new()
            } else {
                format!("WHERE {}", filters.join(" AND "))
            };
            format!("SELECT {RECORD_COLUMNS} FROM shipments {where_clause} {page}")
        } else {
            params.push(Value::Text(text.to_owned()));
            let exact = params.len();
            // The prefix range: from the text up to the text followed by the largest code point.
            params.push(Value::Text(format!("{text}\u{10FFFF}")));
            let high = params.len();
            let narrowed: String = filters.iter().map(|c| format!(" AND {c}")).collect();
            let matches = [
                format!("tracking_number = ?{exact}"),
                format!("reference = ?{exact}"),
                format!("recipient_phone = ?{exact}"),
                format!("recipient_name >= ?{exact} AND recipient_name < ?{high}"),
            ]
            .map(|matching| {
                // ANALYZE's samples can make a common prefix look like most of the table, and
                // SQLite then scans it all (130 ms at a million rows): pin the name index.
                let source = if matching.starts_with("recipient_name") {
                    "shipments INDEXED BY shipments_name"
                } else {
                    "shipments"
                };
                format!("SELECT id, created_at FROM {source} WHERE {matching}{narrowed}")
            })
            .join(" UNION ");
            // CROSS JOIN pins the join order: the page of matches drives, one row lookup each.
            let columns = RECORD_COLUMNS
                .split(", ")
                .map(|c| format!("s.{c}"))
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "SELECT {columns} FROM (SELECT id, created_at FROM ({matches}) {page}) AS hit
                 CROSS JOIN shipments AS s ON s.id = hit.id
                 ORDER BY hit.created_at DESC, hit.id DESC"
            )
        };
        self.records(&sql, rusqlite::params_from_iter(params))
    }
}

/// The filters as SQL conditions, their values appended to `params`.
fn filter_clauses(query: &HistoryQuery, params: &mut Vec<Value>) -> Vec<String> {
    let mut clauses = Vec::new();
    if let Some(account) = &query.account {
        params.push(Value::Text(account.clone()));
        clauses.push(format!("account = ?{}", params.len()));
    }
    if let Some(state) = query.state {
        params.push(Value::Text(state.as_str().to_owned()));
        clauses.push(format!("state = ?{}", params.len()));
    }
    if let Some(from) = query.from_ms {
        params.push(Value::Integer(from));
        clauses.push(format!("created_at >= ?{}", params.len()));
    }
    if let Some(to) = query.to_ms {
        params.push(Value::Integer(to));
        clauses.push(format!("created_at < ?{}", params.len()));
    }
    clauses
}
