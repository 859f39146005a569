//! What Western Post's gateway checks before an order is taken: the x-lt-* signature within its
//! timestamp window, and seed 000's required fields and types.

use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::Value;

use super::handlers::{auth_failure, text};
use crate::carriers::westernpost::auth;
use crate::carriers::westernpost::wire::REQUIRED_ADDRESS_KEYS;
use crate::sandbox::state::SandboxState;

/// The timestamp window a gateway of this kind allows (SHEIN's documents: 5 minutes).
const TIMESTAMP_WINDOW_MS: i64 = 5 * 60 * 1000;

pub(super) fn check_authentication(
    state: &SandboxState,
    path: &str,
    headers: &HeaderMap,
) -> Result<(), Box<Response>> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let open_key_id = header("x-lt-openKeyId");
    let timestamp = header("x-lt-timestamp");
    let signature = header("x-lt-signature");
    let secret = state.westernpost.secret_for(&open_key_id);
    let fresh = timestamp
        .parse::<i64>()
        .is_ok_and(|ts| (chrono::Utc::now().timestamp_millis() - ts).abs() <= TIMESTAMP_WINDOW_MS);
    let signed = secret
        .is_some_and(|secret| auth::verify(&open_key_id, &secret, &timestamp, path, &signature));
    if fresh && signed {
        Ok(())
    } else {
        Err(Box::new(auth_failure()))
    }
}

/// Required fields and their types, per seed 000's tables.
pub(super) fn check_fields(request: &Value) -> Result<(), String> {
    for key in ["referenceNo", "scCode", "sizeUnit", "weightUnit"] {
        if text(request, key).trim().is_empty() {
            return Err(format!("{key}不能为空"));
        }
    }
    for key in [
        "ordersLength",
        "ordersWidth",
        "ordersHeight",
        "ordersWeight",
    ] {
        match request.get(key) {
            Some(Value::Number(n)) if n.as_f64().is_some_and(|v| v > 0.0) => {}
            Some(Value::Number(_)) => return Err(format!("{key}必须大于0")),
            None | Some(Value::Null) => return Err(format!("{key}不能为空")),
            Some(_) => return Err(format!("{key}必须为数字")),
        }
    }
    for key in ["insuranceFlag", "signatureFlag"] {
        match request.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Number(n)) if matches!(n.as_i64(), Some(0 | 1)) => {}
            Some(_) => return Err(format!("{key}只能为0或1")),
        }
    }
    if let Some(value) = request.get("declaredValue")
        && !value.is_null()
        && value
            .as_str()
            .map(|s| s.parse::<f64>().is_err())
            .unwrap_or(!value.is_number())
    {
        return Err("declaredValue必须为数字".to_owned());
    }
    for (block, prefix) in [("recipientAddress", "ora"), ("senderAddress", "osa")] {
        let Some(address) = request.get(block).filter(|v| v.is_object()) else {
            return Err(format!("{block}不能为空"));
        };
        for key in REQUIRED_ADDRESS_KEYS {
            let name = format!("{prefix}{key}");
            if text(address, &name).trim().is_empty() {
                return Err(format!("{name}不能为空"));
            }
        }
    }
    Ok(())
}
