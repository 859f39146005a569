//! Answers the forwarder sandboxes give alike: a JSON body as the forwarders type it, and the
//! label files their label links point to.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse as _, Response};

use super::state::SandboxState;

/// `text` as an HTTP 200 JSON answer (every sandboxed forwarder answers 200 and says what went
/// wrong in the body).
pub(super) fn json(text: String) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json;charset=UTF-8")],
        text,
    )
        .into_response()
}

/// The label stored under `key(token)` for a link's `{token}.pdf` file name, as a PDF; 404
/// "Not Found" for any other name.
pub(super) fn label_file(
    state: &SandboxState,
    file: &str,
    key: impl FnOnce(&str) -> String,
) -> Response {
    let pdf = file
        .strip_suffix(".pdf")
        .and_then(|token| state.label(&key(token)));
    match pdf {
        Some(pdf) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/pdf")],
            pdf,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "Not Found").into_response(),
    }
}
