//! Answer JSON written with its keys in the documented order.
//!
//! serde_json's map (without the crate-wide `preserve_order` feature) sorts keys, so an answer
//! would open with `"Error"` and `"ODA"`; ECCANG's own answers open with `ask` and `message`.
//! Parsers do not care, but people comparing the sandbox's answers with seed 001 do. Keys
//! are written in the order of [`KEY_ORDER`] (seed 001's answers, then carriers.md §2.3's
//! shapes); keys it does not list follow, sorted.

use serde_json::Value;

/// One list for every answer: the shapes never give a pair of keys two different orders.
const KEY_ORDER: [&str; 41] = [
    // Seed 001's createOrder answers (success and failure), cancelOrder, getLabelUrl.
    "ask",
    "message",
    "reference_no",
    "shipping_method_no",
    "order_code",
    "track_status",
    "sender_info_status",
    "ODA",
    "agent_number",
    "system_number",
    "type",
    "url",
    "data",
    "Data",
    "Error",
    "errMessage",
    "errCode",
    // getCargoTrack's entries and their Detail.
    "Code",
    "Country_code",
    "New_date",
    "New_Comment",
    "Occur_date",
    "Status",
    "Comment",
    "track_area",
    "Detail",
    // feeTrail's quotes (ecwiki 812).
    "ServiceCode",
    "ServiceCnName",
    "ServiceEnName",
    "FreightFee",
    "FuelFee",
    "RegisteredFee",
    "OtherFee",
    "TotalFee",
    "Effectiveness",
    "Traceability",
    "VolumeCharge",
    "Remark",
    "ChargeWeight",
    "ProductSort",
    // Last in every seed answer.
    "time_cost(s)",
];

/// `value` as compact JSON text, object keys in [`KEY_ORDER`].
pub(super) fn to_text(value: &Value) -> String {
    let mut out = String::new();
    write(&mut out, value);
    out
}

fn write(out: &mut String, value: &Value) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            // Stable: keys of equal rank (unlisted ones) keep the map's sorted order.
            entries.sort_by_key(|(key, _)| rank(key));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write(out, item);
            }
            out.push('}');
        }
        Value::Array(list) => {
            out.push('[');
            for (i, item) in list.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(out, item);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

fn rank(key: &str) -> usize {
    KEY_ORDER
        .iter()
        .position(|k| *k == key)
        .unwrap_or(KEY_ORDER.len())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn seed_failure_keeps_its_order_and_its_meaning() {
        let answer = json!({
            "time_cost(s)": "0.64", "Error": {"errCode": "50048", "errMessage": "订单数据不合法\"x\""},
            "reference_no": "TEST0002", "message": "订单数据不合法", "ask": "Failure", "zz": 1, "aa": [{"b": 1, "a": 2}]
        });
        let text = to_text(&answer);
        assert_eq!(
            text,
            r#"{"ask":"Failure","message":"订单数据不合法","reference_no":"TEST0002","Error":{"errMessage":"订单数据不合法\"x\"","errCode":"50048"},"time_cost(s)":"0.64","aa":[{"a":2,"b":1}],"zz":1}"#
        );
        assert_eq!(serde_json::from_str::<Value>(&text).ok(), Some(answer));
    }

    #[test]
    fn tracking_detail_reads_as_documented() {
        let detail = json!({"track_area": "SZ", "Comment": "c", "Status": "IR", "Occur_date": "d"});
        assert_eq!(
            to_text(&detail),
            r#"{"Occur_date":"d","Status":"IR","Comment":"c","track_area":"SZ"}"#
        );
    }
}
