//! History's picture of the days: for the chosen range (and account), how many shipments were
//! recorded each day and what their fees came to, per account, and for the range's last day how
//! many stand in each state, so a supervisor sees what went out and what is stuck.

use std::collections::BTreeMap;
use std::str::FromStr as _;

use rust_decimal::Decimal;

use super::history::matching_sql;
use super::{Doing as _, HistoryQuery, Store, StoreError, format_local_time, now_ms};
use crate::model::ShipmentState;

/// Days a range without a start shows, ending at its end (or today).
pub const DAYS_WITHOUT_A_START: i64 = 14;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// One account's day.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayBar {
    /// The local day, `YYYY-MM-DD`.
    pub day: String,
    /// The account.
    pub account: String,
    /// Shipments recorded that day.
    pub shipments: u64,
    /// Their fees (charged, else quoted) per currency.
    pub fees: BTreeMap<String, Decimal>,
}

/// The picture of the range.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayPicture {
    /// Every day of the range that had shipments, oldest first, accounts in name order.
    pub bars: Vec<DayBar>,
    /// The day the states are counted for: the range's last (`YYYY-MM-DD`).
    pub day: String,
    /// How many of that day's shipments stand in each state, in lifecycle order (only states
    /// with some).
    pub states: Vec<(ShipmentState, u64)>,
}

impl DayPicture {
    /// The days shown, oldest first.
    pub fn days(&self) -> Vec<&str> {
        let mut days: Vec<&str> = self.bars.iter().map(|b| b.day.as_str()).collect();
        days.dedup();
        days
    }

    /// The accounts shown, in name order.
    pub fn accounts(&self) -> Vec<&str> {
        let mut accounts: Vec<&str> = self.bars.iter().map(|b| b.account.as_str()).collect();
        accounts.sort_unstable();
        accounts.dedup();
        accounts
    }
}

impl Store {
    /// The picture of `query`'s range and account (its text and state filters are left out:
    /// the picture is of the days, not of one search). A range without a start shows the last
    /// [`DAYS_WITHOUT_A_START`] days.
    pub fn day_picture(&self, query: &HistoryQuery) -> Result<DayPicture, StoreError> {
        let to_ms = query.to_ms.unwrap_or_else(|| now_ms() + 1);
        let from_ms = query
            .from_ms
            .unwrap_or_else(|| local_midnight(to_ms - 1) - (DAYS_WITHOUT_A_START - 1) * DAY_MS);
        let range = HistoryQuery {
            account: query.account.clone(),
            from_ms: Some(from_ms),
            to_ms: Some(to_ms),
            ..HistoryQuery::default()
        };
        let (sql, params) = matching_sql(
            &range,
            "created_at, account, state, COALESCE(charged_fee, quoted_fee), fee_currency",
            "",
            false,
        );
        let doing = "drawing the picture of the days";
        let mut stmt = self.conn.prepare(&sql).doing(doing)?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .doing(doing)?;
        let last_day = format_local_time(to_ms - 1, "%Y-%m-%d");
        let mut bars: BTreeMap<(String, String), DayBar> = BTreeMap::new();
        let mut states: BTreeMap<usize, u64> = BTreeMap::new();
        while let Some(row) = rows.next().doing(doing)? {
            let created: i64 = row.get(0).doing(doing)?;
            let account: String = row.get(1).doing(doing)?;
            let state: String = row.get(2).doing(doing)?;
            let fee: Option<String> = row.get(3).doing(doing)?;
            let currency: Option<String> = row.get(4).doing(doing)?;
            let day = format_local_time(created, "%Y-%m-%d");
            if day == last_day {
                let state = ShipmentState::parse(&state).unwrap_or(ShipmentState::Unknown);
                let at = ShipmentState::ALL.iter().position(|s| *s == state);
                *states.entry(at.unwrap_or(0)).or_default() += 1;
            }
            let bar = bars
                .entry((day.clone(), account.clone()))
                .or_insert_with(|| DayBar {
                    day,
                    account,
                    ..DayBar::default()
                });
            bar.shipments += 1;
            if let Some(fee) = fee.and_then(|f| Decimal::from_str(f.trim()).ok()) {
                let sum = bar.fees.entry(currency.unwrap_or_default()).or_default();
                *sum = sum.saturating_add(fee);
            }
        }
        Ok(DayPicture {
            bars: bars.into_values().collect(),
            day: last_day,
            states: states
                .into_iter()
                .map(|(at, n)| (ShipmentState::ALL[at], n))
                .collect(),
        })
    }
}

/// Local midnight of the day holding `ms`.
fn local_midnight(ms: i64) -> i64 {
    use chrono::TimeZone as _;
    chrono::Local
        .timestamp_millis_opt(ms)
        .single()
        .and_then(|t| t.date_naive().and_hms_opt(0, 0, 0))
        .and_then(|t| t.and_local_timezone(chrono::Local).earliest())
        .map_or(ms - ms.rem_euclid(DAY_MS), |t| t.timestamp_millis())
}
