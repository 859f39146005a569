use rusqlite::types::Value;

use super::shipments::RECORD_COLUMNS;
use super::{Doing as _, ShipmentRecord, Store, StoreError};
use crate::model::{ShipmentState, Text};

/// A column History can be sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// When it was recorded (the default, newest first).
    #[default]
    Created,
    /// Our reference.
    Reference,
    /// Lifecycle state.
    State,
    /// Tracking number (shipments without one sort as empty).
    Tracking,
    /// Account name.
    Account,
    /// Recipient's name, without regard to case.
    Recipient,
    /// Recipient's country.
    Country,
    /// Total weight, by value.
    Weight,
    /// How many times the label was printed.
    Printed,
}

impl SortKey {
    /// The SQL expression ordered by, its column read from `table` (`""` or `"s."`). Created,
    /// reference, account and recipient read an index in order; the others sort the matches (a
    /// million rows in about a second, off the UI thread).
    fn expression(self, table: &str) -> String {
        match self {
            Self::Created => format!("{table}created_at"),
            Self::Reference => format!("{table}reference"),
            // The lifecycle's order, not the stored codes' alphabet (which reads as random,
            // especially in Chinese).
            Self::State => {
                let ranks: String = LIFECYCLE
                    .iter()
                    .enumerate()
                    .map(|(rank, state)| format!(" WHEN '{}' THEN {rank}", state.as_str()))
                    .collect();
                format!("CASE {table}state{ranks} ELSE {} END", LIFECYCLE.len())
            }
            Self::Tracking => format!("COALESCE({table}tracking_number, '')"),
            Self::Account => format!("{table}account"),
            Self::Recipient => format!("{table}recipient_name"),
            Self::Country => format!("{table}recipient_country"),
            Self::Weight => format!("CAST({table}weight_kg AS REAL)"),
            Self::Printed => format!("{table}print_count"),
        }
    }
}

/// States in the order a shipment lives through them, for sorting by state.
const LIFECYCLE: [ShipmentState; 12] = [
    ShipmentState::Draft,
    ShipmentState::Submitting,
    ShipmentState::Unknown,
    ShipmentState::AwaitingNumber,
    ShipmentState::AwaitingLabel,
    ShipmentState::BoughtNoTracking,
    ShipmentState::Created,
    ShipmentState::Printed,
    ShipmentState::Failed,
    ShipmentState::RefundDue,
    ShipmentState::Cancelled,
    ShipmentState::Refunded,
];

/// How History is ordered: a column and a direction; ties go newest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HistorySort {
    /// The column.
    pub key: SortKey,
    /// Largest (newest, Z) first.
    pub descending: bool,
}

impl Default for HistorySort {
    fn default() -> Self {
        Self {
            key: SortKey::Created,
            descending: true,
        }
    }
}

impl HistorySort {
    /// The ORDER BY clause over `table`'s columns (`""` or `"s."`).
    fn order_by(self, table: &str) -> String {
        let direction = if self.descending { "DESC" } else { "ASC" };
        let column = self.key.expression(table);
        if self.key == SortKey::Created {
            format!("ORDER BY {column} {direction}, {table}id {direction}")
        } else {
            format!("ORDER BY {column} {direction}, {table}created_at DESC, {table}id DESC")
        }
    }
}

/// A History search: free text plus filters, one page at a time, in the chosen order.
#[derive(Clone, Debug, Default)]
pub struct HistoryQuery {
    /// Any part of a tracking number or reference, any word of a recipient's name or company, or
    /// a phone number, in any case (words of three characters or more go through the trigram
    /// index); a shorter text matches an exact tracking number, reference or phone, or the start
    /// of a name.
    pub text: String,
    /// Only this account.
    pub account: Option<String>,
    /// Only what this operator bought (as recorded, in any case).
    pub operator: Option<String>,
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
    /// The order.
    pub sort: HistorySort,
}

impl Store {
    /// Whether `text` is a whole tracking number or reference of some shipment (as typed or in
    /// capitals). Such a search is answered from those columns' indexes at once (a scanned
    /// number), rather than as "any part of" through the trigram index, whose common trigrams
    /// ("000") make a long number its slowest search.
    fn is_whole_key(&self, text: &str) -> Result<bool, StoreError> {
        let text = text.trim();
        if text.is_empty() || text.contains(char::is_whitespace) {
            return Ok(false);
        }
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM shipments WHERE tracking_number IN (?1, upper(?1)))
                     OR EXISTS (SELECT 1 FROM shipments WHERE reference IN (?1, upper(?1)))",
                [text],
                |row| row.get(0),
            )
            .doing("finding shipments")
    }

    /// One page of History, in the query's order (newest first unless it says otherwise).
    ///
    /// Free text is answered by four index lookups (tracking number, reference, phone, name
    /// prefix), each already narrowed by the filters; only the page's own rows are then read. The
    /// name index covers `created_at`, so even a common prefix is ordered without reading rows.
    pub fn search(&self, query: &HistoryQuery) -> Result<Vec<ShipmentRecord>, StoreError> {
        let limit = if query.limit == 0 { 100 } else { query.limit };
        let page = format!("LIMIT {limit} OFFSET {}", query.offset);
        let whole_key = self.is_whole_key(&query.text)?;
        let (sql, params) = matching_sql(query, RECORD_COLUMNS, &page, whole_key);
        self.records(&sql, rusqlite::params_from_iter(params))
    }

    /// Every matching shipment's id, in the query's order: what History's table scrolls over. A million
    /// ids are 8 MB and come from the indexes alone.
    pub fn matching_ids(&self, query: &HistoryQuery) -> Result<Vec<i64>, StoreError> {
        let whole_key = self.is_whole_key(&query.text)?;
        let (sql, params) = matching_sql(query, "id", "", whole_key);
        let mut stmt = self.conn.prepare(&sql).doing("finding shipments")?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |row| row.get(0))
            .doing("finding shipments")?;
        rows.collect::<Result<Vec<i64>, _>>()
            .doing("finding shipments")
    }

    /// Recipients of earlier shipments whose name starts with `prefix`, newest first, each
    /// address once: the address book that fills itself.
    pub fn recent_recipients(
        &self,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<crate::model::Address>, StoreError> {
        if prefix.trim().chars().count() < 2 {
            return Ok(Vec::new());
        }
        let records = self.search(&HistoryQuery {
            text: prefix.trim().to_owned(),
            limit: 50,
            ..HistoryQuery::default()
        })?;
        let mut seen = std::collections::HashSet::new();
        Ok(records
            .into_iter()
            .map(|r| r.order.recipient)
            .filter(|a| seen.insert((a.name.clone(), a.street1.clone(), a.postcode.clone())))
            .take(limit)
            .collect())
    }

    /// The table rows for these ids, in the same order (missing ids are skipped).
    pub fn summaries(&self, ids: &[i64]) -> Result<Vec<ShipmentSummary>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let sql = format!(
            "SELECT id, reference, account, state, tracking_number, recipient_name, recipient_country, weight_kg,
                declared_value, currency, message_json, created_at, print_count FROM shipments WHERE id IN ({list})"
        );
        let mut stmt = self.conn.prepare(&sql).doing("reading shipments")?;
        let rows = stmt
            .query_map([], |row| {
                let state: String = row.get(3)?;
                let message: Option<String> = row.get(10)?;
                Ok(ShipmentSummary {
                    id: row.get(0)?,
                    reference: row.get(1)?,
                    account: row.get(2)?,
                    state: ShipmentState::parse(&state).unwrap_or(ShipmentState::Unknown),
                    tracking_number: row.get(4)?,
                    recipient_name: row.get(5)?,
                    recipient_country: row.get(6)?,
                    weight_kg: row.get(7)?,
                    declared_value: row.get(8)?,
                    currency: row.get(9)?,
                    message: message.and_then(|m| serde_json::from_str(&m).ok()),
                    created_at: row.get(11)?,
                    print_count: row.get(12)?,
                })
            })
            .doing("reading shipments")?;
        let mut by_id = std::collections::HashMap::with_capacity(ids.len());
        for row in rows {
            let row = row.doing("reading shipments")?;
            by_id.insert(row.id, row);
        }
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }
}

/// Totals of the matching shipments for one account.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountTotals {
    /// Account name.
    pub account: String,
    /// How many shipments.
    pub shipments: u64,
    /// Total weight, kg, exact.
    pub weight_kg: rust_decimal::Decimal,
    /// Declared value per currency, exact.
    pub declared: std::collections::BTreeMap<String, rust_decimal::Decimal>,
}

impl Store {
    /// Count, weight and declared value by account of everything `query` matches (exact decimal
    /// sums, read straight from the indexes' rows; a million rows take well under a second).
    pub fn totals(&self, query: &HistoryQuery) -> Result<Vec<AccountTotals>, StoreError> {
        use std::str::FromStr as _;
        // Sums do not depend on the order: keep the cheapest one.
        let unordered = HistoryQuery {
            sort: HistorySort::default(),
            ..query.clone()
        };
        let whole_key = self.is_whole_key(&query.text)?;
        let (sql, params) = matching_sql(
            &unordered,
            "account, weight_kg, declared_value, currency",
            "",
            whole_key,
        );
        let mut stmt = self.conn.prepare(&sql).doing("adding up shipments")?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .doing("adding up shipments")?;
        let mut by_account: std::collections::BTreeMap<String, AccountTotals> = Default::default();
        while let Some(row) = rows.next().doing("adding up shipments")? {
            let account: String = row.get(0).doing("adding up shipments")?;
            let weight: String = row.get(1).doing("adding up shipments")?;
            let value: Option<String> = row.get(2).doing("adding up shipments")?;
            let currency: String = row.get(3).doing("adding up shipments")?;
            let totals = by_account
                .entry(account.clone())
                .or_insert_with(|| AccountTotals {
                    account,
                    ..AccountTotals::default()
                });
            totals.shipments += 1;
            let weight = rust_decimal::Decimal::from_str(&weight).unwrap_or_default();
            totals.weight_kg = totals.weight_kg.saturating_add(weight);
            if let Some(value) = value.and_then(|v| rust_decimal::Decimal::from_str(&v).ok()) {
                let sum = totals.declared.entry(currency).or_default();
                *sum = sum.saturating_add(value);
            }
        }
        Ok(by_account.into_values().collect())
    }
}

/// The SQL selecting `columns` of the matching shipments in the query's order, then `tail` (a
/// LIMIT).
pub(super) fn matching_sql(
    query: &HistoryQuery,
    columns: &str,
    tail: &str,
    whole_key: bool,
) -> (String, Vec<Value>) {
    let mut params: Vec<Value> = Vec::new();
    let filters = filter_clauses(query, &mut params);
    let text = query.text.trim();
    if text.is_empty() {
        let where_clause = if filters.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", filters.join(" AND "))
        };
        let order = query.sort.order_by("");
        return (
            format!("SELECT {columns} FROM shipments {where_clause} {order} {tail}"),
            params,
        );
    }
    if !whole_key && let Some(words) = FullTextWords::of(text) {
        return full_text_sql(query, columns, tail, filters, params, &words);
    }
    params.push(Value::Text(text.to_owned()));
    let exact = params.len();
    // The prefix range: from the text up to the text followed by the largest code point.
    params.push(Value::Text(format!("{text}\u{10FFFF}")));
    let high = params.len();
    let narrowed: String = filters.iter().map(|c| format!(" AND {c}")).collect();
    let matches = [
        format!("tracking_number IN (?{exact}, upper(?{exact}))"),
        format!("reference IN (?{exact}, upper(?{exact}))"),
        format!("recipient_phone = ?{exact}"),
        format!("recipient_name >= ?{exact} AND recipient_name < ?{high}"),
    ]
    .map(|matching| {
        // ANALYZE's samples can make a common prefix look like most of the table, and SQLite
        // then scans it all (130 ms at a million rows): pin the name index.
        let source = if matching.starts_with("recipient_name") {
            "shipments INDEXED BY shipments_name"
        } else {
            "shipments"
        };
        format!("SELECT id, created_at FROM {source} WHERE {matching}{narrowed}")
    })
    .join(" UNION ");
    let columns = columns
        .split(", ")
        .map(|c| format!("s.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = if query.sort.key == SortKey::Created {
        // CROSS JOIN pins the join order: the page of matches drives, one row lookup each.
        let direction = if query.sort.descending { "DESC" } else { "ASC" };
        let order = format!("ORDER BY created_at {direction}, id {direction}");
        format!(
            "SELECT {columns} FROM (SELECT id, created_at FROM ({matches}) {order} {tail}) AS hit
             CROSS JOIN shipments AS s ON s.id = hit.id
             ORDER BY hit.created_at {direction}, hit.id {direction}"
        )
    } else {
        // Another column: every match's row is read to sort by it (matches are few).
        let order = query.sort.order_by("s.");
        format!(
            "SELECT {columns} FROM (SELECT id FROM ({matches})) AS hit
             CROSS JOIN shipments AS s ON s.id = hit.id {order} {tail}"
        )
    };
    (sql, params)
}

/// A search's words, split for the trigram index: the ones it can look up (three characters or
/// more) and the shorter ones, which narrow its matches.
struct FullTextWords {
    indexed: Vec<String>,
    short: Vec<String>,
}

impl FullTextWords {
    /// `None` when no word is long enough for the index (the exact and prefix lookups answer).
    fn of(text: &str) -> Option<Self> {
        let (indexed, short): (Vec<String>, Vec<String>) = text
            .split_whitespace()
            .map(str::to_owned)
            .partition(|word| word.chars().count() >= 3);
        (!indexed.is_empty()).then_some(Self { indexed, short })
    }

    /// The FTS5 query: every long word as a quoted string (a phrase of its trigrams, so any
    /// part of a number matches), all of them required.
    fn match_query(&self) -> String {
        self.indexed
            .iter()
            .map(|word| format!("\"{}\"", word.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" AND ")
    }
}

/// A search with words the trigram index can look up: every shipment whose reference, tracking
/// number, recipient name, company or phone contains each word, in any case. Newest first
/// follows the index's own row order (ids grow as shipments are recorded), so a page of a
/// common word is read without sorting all its matches.
fn full_text_sql(
    query: &HistoryQuery,
    columns: &str,
    tail: &str,
    filters: Vec<String>,
    mut params: Vec<Value>,
    words: &FullTextWords,
) -> (String, Vec<Value>) {
    params.push(Value::Text(words.match_query()));
    let mut conditions = vec![format!("shipments_text MATCH ?{}", params.len())];
    for word in &words.short {
        let escaped = word
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        params.push(Value::Text(format!("%{escaped}%")));
        conditions.push(format!("s.search_words LIKE ?{} ESCAPE '\\'", params.len()));
    }
    conditions.extend(filters);
    let columns = columns
        .split(", ")
        .map(|c| format!("s.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let order = if query.sort.key == SortKey::Created {
        let direction = if query.sort.descending { "DESC" } else { "ASC" };
        format!("ORDER BY shipments_text.rowid {direction}")
    } else {
        query.sort.order_by("s.")
    };
    let sql = format!(
        "SELECT {columns} FROM shipments_text CROSS JOIN shipments AS s ON s.id = shipments_text.rowid
         WHERE {} {order} {tail}",
        conditions.join(" AND ")
    );
    (sql, params)
}

/// One History table row: what the list shows, without unpacking the order.
#[derive(Clone, Debug)]
pub struct ShipmentSummary {
    /// Row id.
    pub id: i64,
    /// Reference.
    pub reference: String,
    /// Account name.
    pub account: String,
    /// State.
    pub state: ShipmentState,
    /// Tracking number.
    pub tracking_number: Option<String>,
    /// Recipient's name.
    pub recipient_name: String,
    /// Recipient's country.
    pub recipient_country: String,
    /// Total weight, kg, exact text.
    pub weight_kg: String,
    /// Declared value, exact text.
    pub declared_value: Option<String>,
    /// Its currency.
    pub currency: String,
    /// Latest message.
    pub message: Option<Text>,
    /// Created (ms since epoch).
    pub created_at: i64,
    /// How many times its label was printed.
    pub print_count: i64,
}

/// The filters as SQL conditions, their values appended to `params`.
fn filter_clauses(query: &HistoryQuery, params: &mut Vec<Value>) -> Vec<String> {
    let mut clauses = Vec::new();
    if let Some(account) = &query.account {
        params.push(Value::Text(account.clone()));
        clauses.push(format!("account = ?{}", params.len()));
    }
    if let Some(operator) = &query.operator {
        params.push(Value::Text(operator.trim().to_owned()));
        clauses.push(format!("operator = ?{} COLLATE NOCASE", params.len()));
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
