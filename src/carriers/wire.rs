/// HTTP method of a forwarder call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpMethod {
    /// GET.
    Get,
    /// POST.
    Post,
}

/// One request header. `sensitive` ones are never written to the database or logs, and their
/// `Debug` shows `[redacted]`, so a stray `{:?}` cannot leak them either.
#[derive(Clone, PartialEq, Eq)]
pub struct Header {
    /// Header name as sent.
    pub name: String,
    /// Header value as sent.
    pub value: String,
    /// Carries a credential or something derived from one.
    pub sensitive: bool,
}

impl std::fmt::Debug for Header {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let value = if self.sensitive {
            "[redacted]"
        } else {
            self.value.as_str()
        };
        write!(f, "{}: {value}", self.name)
    }
}

/// A request exactly as it will go on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireRequest {
    /// Method.
    pub method: HttpMethod,
    /// Full URL.
    pub url: String,
    /// Headers in sending order.
    pub headers: Vec<Header>,
    /// Body bytes (empty for GET).
    pub body: Vec<u8>,
}

impl WireRequest {
    /// Headers safe to keep in the audit trail: sensitive values replaced.
    pub fn redacted_headers(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|h| {
                let value = if h.sensitive {
                    "[redacted]".to_owned()
                } else {
                    h.value.clone()
                };
                (h.name.clone(), value)
            })
            .collect()
    }

    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }
}

/// An answer as it came off the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireResponse {
    /// HTTP status code.
    pub status: u16,
    /// `Content-Type`, if sent.
    pub content_type: Option<String>,
    /// Body bytes (the engine caps their size).
    pub body: Vec<u8>,
}

impl WireResponse {
    /// A JSON answer with `status` and `body`, as the dialects' unit tests feed their parsers.
    #[cfg(test)]
    pub(crate) fn json(status: u16, body: &str) -> Self {
        Self {
            status,
            content_type: Some("application/json".to_owned()),
            body: body.as_bytes().to_vec(),
        }
    }

    /// The body as text for messages and the audit trail, lossily decoded.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Whether the body looks like an HTML page (a proxy's or gateway's error page).
    pub fn looks_like_html(&self) -> bool {
        let ct_html = self
            .content_type
            .as_deref()
            .is_some_and(|ct| ct.to_ascii_lowercase().contains("html"));
        let start =
            String::from_utf8_lossy(&self.body[..self.body.len().min(64)]).to_ascii_lowercase();
        let start = start.trim_start();
        ct_html || start.starts_with("<!doctype html") || start.starts_with("<html")
    }
}
