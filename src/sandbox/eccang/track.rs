//! getCargoTrack: a short scripted journey for a sandbox order, in the answer shape of the
//! hh-exp page (carriers.md §2.3): `{Code, Country_code, New_date, New_Comment, Status,
//! Detail[] {Occur_date, Status, Comment, track_area}}`, newest first, Beijing time.
//!
//! The script: information received (IR) when the order was committed; once its tracking number
//! is told, arrival at (AF) and departure from (DF) the origin sorting centre. A parcel that was
//! cancelled, or has no number yet, never moves past IR. Each scan is dated its offset after
//! the order, but never later than now, so nothing is reported from the future.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use serde_json::{Value, json};

use super::records::EccangRecord;
use crate::carriers::eccang::wire::value_text;
use crate::sandbox::state::SandboxOrder;

/// One scan: status code, minutes after the order, comment in English and Chinese.
struct Scan {
    status: &'static str,
    minutes: i64,
    english: &'static str,
    chinese: &'static str,
}

const SCRIPT: [Scan; 3] = [
    Scan {
        status: "IR",
        minutes: 0,
        english: "Shipment information received",
        chinese: "已收到电子信息",
    },
    Scan {
        status: "AF",
        minutes: 150,
        english: "Arrived at the origin sorting centre",
        chinese: "到达始发分拣中心",
    },
    Scan {
        status: "DF",
        minutes: 420,
        english: "Departed the origin sorting centre",
        chinese: "离开始发分拣中心",
    },
];

/// Beijing time (UTC+8), as ECCANG dates its tracking (carriers.md §5).
const BEIJING: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+8 is a valid offset"),
};

/// The `Data[]` entry for `code` (the number as the caller asked for it).
pub(super) fn cargo_track(
    order: &SandboxOrder,
    record: &EccangRecord,
    code: &str,
    english: bool,
    now: DateTime<Utc>,
) -> Value {
    let moving = record.polls_left == 0 && record.cancelled_at.is_none();
    let scans = if moving { &SCRIPT[..] } else { &SCRIPT[..1] };
    // Where the parcel starts: the sender's city, as the sender gave it.
    let area = order
        .request
        .get("Shipper")
        .and_then(|s| s.get("shipper_city"))
        .and_then(value_text)
        .map(|city| city.to_uppercase())
        .unwrap_or_else(|| "SHENZHEN".to_owned());
    let mut details: Vec<Value> = scans
        .iter()
        .map(|scan| {
            let at = (record.created_at + Duration::minutes(scan.minutes)).min(now);
            json!({
                "Occur_date": at.with_timezone(&BEIJING).format("%Y-%m-%d %H:%M:%S").to_string(),
                "Status": scan.status,
                "Comment": if english { scan.english } else { scan.chinese },
                "track_area": area,
            })
        })
        .collect();
    details.reverse();
    let latest = details.first().cloned().unwrap_or(Value::Null);
    json!({
        "Code": code,
        "Country_code": order.request.get("country_code").and_then(value_text).unwrap_or_default(),
        "New_date": latest["Occur_date"],
        "New_Comment": latest["Comment"],
        "Status": latest["Status"],
        "Detail": details,
    })
}
