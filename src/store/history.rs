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
    /// One page of History. Each text match is answered by its own index, so a search stays fast
    /// at millions of rows; the filters then narrow the few candidates.
    pub fn search(&self, query: &HistoryQuery) -> Result<Vec<ShipmentRecord>, StoreError> {
        let mut clauses = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        let text = query.text.trim();
        if !text.is_empty() {
            params.push(Value::Text(text.to_owned()));
            let exact = params.len();
            params.push(Value::Text(text.to_owned()));
            let low = params.len();
            // Upper bound of the prefix range: the prefix followed by the largest code point.
            params.push(Value::Text(format!("{text}\u{10FFFF}")));
            let high = params.len();
            clauses.push(format!(
                "id IN (SELECT id FROM shipments WHERE tracking_number = ?{exact}
                    UNION SELECT id FROM shipments WHERE reference = ?{exact}
                    UNION SELECT id FROM shipments WHERE recipient_phone = ?{exact}
                    UNION SELECT id FROM shipments WHERE recipient_name >= ?{low} AND recipient_name < ?{high})"
            ));
        }
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
        let limit = if query.limit == 0 { 100 } else { query.limit };
        let where_clause = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM shipments {where_clause} ORDER BY created_at DESC, id DESC LIMIT {limit} OFFSET {}",
            query.offset
        );
        self.records(&sql, rusqlite::params_from_iter(params))
    }
}
