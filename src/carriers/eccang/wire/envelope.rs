//! The SOAP 1.1 `callService` envelope around every ECCANG call, and reading the answer's
//! `<response>` text back out of it.
//!
//! Request (seed 001's 完整请求参考报文): `ns1:callService` with `paramsJson` (the JSON text),
//! `appToken`, `appKey` and `service`. paramsJson is XML-escaped (`&`, `<`, `>`), not wrapped in
//! CDATA, so a payload that contains `]]>` needs no special case.
//!
//! Answer (carriers.md §2.2): `Envelope/Body/ns1:callServiceResponse/response`, whose text is the
//! JSON answer, XML-escaped or in CDATA. A SOAP Fault, an HTML page or an empty body is an
//! [`EnvelopeError`].

use quick_xml::Reader;
use quick_xml::escape::{partial_escape, resolve_predefined_entity, unescape};
use quick_xml::events::Event;

use crate::carriers::{ForwarderError, WireResponse};
use crate::model::Text;

pub(crate) use crate::carriers::lenient::excerpt;

/// The seed's namespace for `ns1`.
pub const NAMESPACE: &str = "http://www.example.org/Ec/";

/// The SOAP endpoint on the forwarder's own host (carriers.md §2.2).
pub const ENDPOINT_PATH: &str = "/default/svc/web-service";

/// Where an ECCANG host serves the WSDL of `callService` (carriers.md §2.2), for clients that
/// load it (PHP `SoapClient`, zeep); shipdesk builds its envelopes by hand and does not.
pub const WSDL_PATH: &str = "/default/svc/wsdl";

/// `SOAPAction` header. INFERENCE: the seed shows no headers; SOAP 1.1 wants the header, and
/// PHP's SoapClient (which public ECCANG clients use, from the WSDL) sends namespace + operation.
pub const SOAP_ACTION: &str = "\"http://www.example.org/Ec/callService\"";

/// The `callService` envelope for one call. Every text is XML-escaped.
pub fn build_envelope(service: &str, params_json: &str, app_token: &str, app_key: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            "\n",
            r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="{ns}">"#,
            "<SOAP-ENV:Body><ns1:callService>",
            "<paramsJson>{params}</paramsJson>",
            "<appToken>{token}</appToken>",
            "<appKey>{key}</appKey>",
            "<service>{service}</service>",
            "</ns1:callService></SOAP-ENV:Body></SOAP-ENV:Envelope>",
        ),
        ns = NAMESPACE,
        params = partial_escape(params_json),
        token = partial_escape(app_token),
        key = partial_escape(app_key),
        service = partial_escape(service),
    )
}

/// Why a body held no `<response>` to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvelopeErrorKind {
    /// A SOAP Fault.
    Fault {
        /// `faultcode`, e.g. `SOAP-ENV:Client` or `SOAP-ENV:Server`.
        code: String,
        /// `faultstring`.
        message: String,
    },
    /// An HTML page (a proxy's, a gateway's, a login page).
    Html,
    /// Nothing at all.
    Empty,
    /// Something else without a `<response>` element (other XML, plain text, cut off).
    NoResponse,
    /// A document type declaration (`<!DOCTYPE …>`, which may define entities): a SOAP answer
    /// never has one (SOAP 1.1 §3 forbids it), so the answer is refused as malformed, not read.
    Doctype,
}

/// A body that held no `<response>` to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvelopeError {
    /// HTTP status, when known.
    pub http_status: Option<u16>,
    /// What came instead.
    pub kind: EnvelopeErrorKind,
    /// The start of the body, on one line, for people.
    pub excerpt: String,
}

impl EnvelopeError {
    /// Whether the call certainly never reached ECCANG's order service: a SOAP `Client` fault
    /// (the request itself was rejected) or an HTTP 4xx that is not an ECCANG answer.
    pub fn certainly_not_processed(&self) -> bool {
        let client_fault = matches!(&self.kind, EnvelopeErrorKind::Fault { code, .. }
            if code.rsplit(':').next().is_some_and(|c| c.eq_ignore_ascii_case("client")));
        client_fault || self.http_status.is_some_and(|s| (400..500).contains(&s))
    }

    /// What it means, for people.
    pub fn explanation(&self) -> Text {
        let status_en = self
            .http_status
            .map(|s| format!(" (HTTP {s})"))
            .unwrap_or_default();
        match &self.kind {
            EnvelopeErrorKind::Fault { code, message } => Text::new(
                format!("ECCANG's server answered with a SOAP fault{status_en}: {code} {message}"),
                format!("易仓服务器返回 SOAP 错误{status_en}：{code} {message}"),
            ),
            EnvelopeErrorKind::Html => Text::new(
                format!(
                    "ECCANG's address answered with an HTML page{status_en}, not a SOAP answer: check the account's base URL (…{ENDPOINT_PATH})"
                ),
                format!(
                    "易仓接口地址返回了网页{status_en}而不是 SOAP 应答：请检查账号的接口地址（…{ENDPOINT_PATH}）"
                ),
            ),
            EnvelopeErrorKind::Empty => Text::new(
                format!("ECCANG's server sent an empty answer{status_en}"),
                format!("易仓服务器返回空应答{status_en}"),
            ),
            EnvelopeErrorKind::NoResponse => Text::new(
                format!("ECCANG's server sent an answer without a <response> element{status_en}"),
                format!("易仓服务器的应答中没有 <response> 元素{status_en}"),
            ),
            EnvelopeErrorKind::Doctype => Text::new(
                format!(
                    "ECCANG's server sent a malformed answer{status_en}: it declares a document type (<!DOCTYPE>), which a SOAP answer never does, so it was not read"
                ),
                format!(
                    "易仓服务器的应答格式错误{status_en}：含有文档类型声明（<!DOCTYPE>），SOAP 应答不应有，未读取"
                ),
            ),
        }
    }

    /// As the shared error type.
    pub fn to_forwarder_error(&self) -> ForwarderError {
        let (code, message) = match &self.kind {
            EnvelopeErrorKind::Fault { code, message } => (Some(code.clone()), message.clone()),
            _ => (None, self.excerpt.clone()),
        };
        ForwarderError {
            http_status: self.http_status,
            forwarder_code: code,
            forwarder_message: message,
            explanation: self.explanation(),
            authentication: self.http_status == Some(401),
        }
    }
}

impl std::fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.explanation())
    }
}

impl std::error::Error for EnvelopeError {}

/// The JSON text of an answer's `<response>`, from an HTTP answer.
pub fn parse_response(response: &WireResponse) -> Result<String, EnvelopeError> {
    parse_envelope(&response.body).map_err(|mut error| {
        error.http_status = Some(response.status);
        if error.kind == EnvelopeErrorKind::NoResponse && response.looks_like_html() {
            error.kind = EnvelopeErrorKind::Html;
        }
        error
    })
}

/// The text of the first `<response>` element (any namespace prefix), entities resolved and CDATA
/// taken as is; or why there is none.
pub fn parse_envelope(body: &[u8]) -> Result<String, EnvelopeError> {
    let text = String::from_utf8_lossy(body);
    let text = text.trim_start_matches('\u{feff}');
    let error = |kind| EnvelopeError {
        http_status: None,
        kind,
        excerpt: excerpt(text),
    };
    if text.trim().is_empty() {
        return Err(error(EnvelopeErrorKind::Empty));
    }
    let start = text.trim_start().get(..64).unwrap_or(text.trim_start());
    let start = start.to_ascii_lowercase();
    if start.starts_with("<!doctype html") || start.starts_with("<html") {
        return Err(error(EnvelopeErrorKind::Html));
    }
    if declares_doctype(text) {
        return Err(error(EnvelopeErrorKind::Doctype));
    }
    match read_xml(text, "response") {
        Found::Response(json) => Ok(json),
        Found::Doctype => Err(error(EnvelopeErrorKind::Doctype)),
        Found::Fault { code, message } => Err(error(EnvelopeErrorKind::Fault { code, message })),
        Found::Nothing => match raw_response_text(text) {
            // The XML did not parse (e.g. a raw `&` in the JSON): take the element's text as is.
            Some(json) => Ok(json),
            None => Err(error(EnvelopeErrorKind::NoResponse)),
        },
    }
}

enum Found {
    Response(String),
    Fault { code: String, message: String },
    Doctype,
    Nothing,
}

/// Whether `text` holds a `<!DOCTYPE` anywhere outside a CDATA section (any case): before the
/// root, as XML puts it, or inside, where a lenient reader might still take it.
fn declares_doctype(text: &str) -> bool {
    let mut rest = text;
    loop {
        let cdata = rest.find("<![CDATA[");
        let before = cdata.map_or(rest, |at| &rest[..at]);
        if before.to_ascii_lowercase().contains("<!doctype") {
            return true;
        }
        let Some(at) = cdata else {
            return false;
        };
        match rest[at..].find("]]>") {
            Some(end) => rest = &rest[at + end + 3..],
            // An unclosed CDATA section runs to the end.
            None => return false,
        }
    }
}

/// Which text is being collected.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Collect {
    None,
    Response,
    FaultCode,
    FaultString,
}

/// The text of the first element named `name` (any prefix), entities resolved, CDATA as is.
/// Reads a request envelope's `paramsJson` back, for tests and a local test server.
pub fn element_text(xml: &str, name: &str) -> Option<String> {
    match read_xml(xml, name) {
        Found::Response(text) => Some(text),
        _ => None,
    }
}

fn read_xml(text: &str, wanted: &str) -> Found {
    let mut reader = Reader::from_str(text);
    let mut collect = Collect::None;
    let mut buffer = String::new();
    let mut in_fault = false;
    let mut fault_code = String::new();
    let mut fault_string = String::new();
    // A read error (e.g. a raw `&` in the JSON) ends the walk; the caller falls back.
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(start) => {
                let name = start.local_name();
                let name = name.as_ref();
                if name == wanted && collect == Collect::None {
                    collect = Collect::Response;
                    buffer.clear();
                } else if name.eq_ignore_ascii_case("fault") {
                    in_fault = true;
                } else if in_fault && name == "faultcode" {
                    collect = Collect::FaultCode;
                    buffer.clear();
                } else if in_fault && name == "faultstring" {
                    collect = Collect::FaultString;
                    buffer.clear();
                }
            }
            Event::Empty(empty) if empty.local_name().as_ref() == wanted => {
                return Found::Response(String::new());
            }
            Event::End(end) => {
                let name = end.local_name();
                let name = name.as_ref();
                match collect {
                    Collect::Response if name == wanted => {
                        return Found::Response(std::mem::take(&mut buffer));
                    }
                    Collect::FaultCode if name == "faultcode" => {
                        fault_code = buffer.trim().to_owned();
                        collect = Collect::None;
                    }
                    Collect::FaultString if name == "faultstring" => {
                        fault_string = buffer.trim().to_owned();
                        collect = Collect::None;
                    }
                    _ => {}
                }
            }
            Event::Text(t) if collect != Collect::None => buffer.push_str(&t.xml10_content()),
            Event::CData(c) if collect != Collect::None => buffer.push_str(&c.xml10_content()),
            Event::GeneralRef(r) if collect != Collect::None => {
                match r.resolve_char_ref() {
                    Ok(Some(ch)) => buffer.push(ch),
                    _ => match resolve_predefined_entity(&r) {
                        Some(resolved) => buffer.push_str(resolved),
                        // An entity XML does not define: keep it as written.
                        None => {
                            buffer.push('&');
                            buffer.push_str(&r);
                            buffer.push(';');
                        }
                    },
                }
            }
            Event::DocType(_) => return Found::Doctype,
            Event::Eof => break,
            _ => {}
        }
    }
    if in_fault {
        Found::Fault {
            code: fault_code,
            message: fault_string,
        }
    } else {
        Found::Nothing
    }
}

/// `<response>…</response>` (or `<ns:response>`) found by plain search, for an answer that is not
/// well-formed XML; entities resolved where they can be.
fn raw_response_text(text: &str) -> Option<String> {
    let open_at = find_open_tag(text, "response")?;
    let content_start = open_at + text[open_at..].find('>')? + 1;
    let rest = &text[content_start..];
    let close = find_close_tag(rest, "response")?;
    let raw = &rest[..close];
    let raw = raw
        .strip_prefix("<![CDATA[")
        .and_then(|r| r.strip_suffix("]]>"))
        .unwrap_or(raw);
    Some(
        unescape(raw)
            .map(|c| c.into_owned())
            .unwrap_or_else(|_| raw.to_owned()),
    )
}

/// Byte offset of `</name>` or `</prefix:name>`.
fn find_close_tag(text: &str, name: &str) -> Option<usize> {
    let needle = format!("{name}>");
    let mut from = 0;
    while let Some(at) = text[from..].find(&needle).map(|i| from + i) {
        let before = &text[..at];
        if let Some(slash) = before.rfind("</") {
            let prefix = &before[slash + 2..];
            let is_prefix = prefix.is_empty()
                || prefix.strip_suffix(':').is_some_and(|p| {
                    !p.is_empty()
                        && p.chars()
                            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
                });
            if is_prefix {
                return Some(slash);
            }
        }
        from = at + needle.len();
    }
    None
}

/// Byte offset of `<name>` / `<name ` / `<prefix:name>` …
fn find_open_tag(text: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find('<').map(|i| from + i) {
        let tag = &text[at + 1..];
        let end = tag
            .find(|c: char| c == '>' || c == '/' || c.is_whitespace())
            .unwrap_or(tag.len());
        let local = tag[..end].rsplit(':').next().unwrap_or("");
        if local == name {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="http://www.example.org/Ec/"><SOAP-ENV:Body><ns1:callServiceResponse>{inner}</ns1:callServiceResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>"#
        )
    }

    #[test]
    fn escaped_and_cdata_responses_read_the_same() {
        let escaped =
            wrap(r#"<response>{"url":"http://h/l?a=1&amp;b=&lt;2&gt;&#x4e2d;"}</response>"#);
        let cdata = wrap(r#"<response><![CDATA[{"url":"http://h/l?a=1&b=<2>中"}]]></response>"#);
        let want = r#"{"url":"http://h/l?a=1&b=<2>中"}"#;
        assert_eq!(parse_envelope(escaped.as_bytes()).as_deref(), Ok(want));
        assert_eq!(parse_envelope(cdata.as_bytes()).as_deref(), Ok(want));
    }

    #[test]
    fn raw_ampersand_is_tolerated() {
        let raw = wrap(r#"<response>{"url":"http://h/l?a=1&b=2"}</response>"#);
        assert_eq!(
            parse_envelope(raw.as_bytes()).as_deref(),
            Ok(r#"{"url":"http://h/l?a=1&b=2"}"#)
        );
    }

    #[test]
    fn prefixed_and_empty_response_elements() {
        let prefixed = wrap(r#"<ns1:response>{}</ns1:response>"#);
        assert_eq!(parse_envelope(prefixed.as_bytes()).as_deref(), Ok("{}"));
        let empty = wrap("<response/>");
        assert_eq!(parse_envelope(empty.as_bytes()).as_deref(), Ok(""));
    }

    #[test]
    fn open_tags_are_found_by_local_name() {
        assert_eq!(find_open_tag("<a><x:response>", "response"), Some(3));
        assert_eq!(find_open_tag("<responses>", "response"), None);
        assert_eq!(find_open_tag("<response a='1'>", "response"), Some(0));
    }

    #[test]
    fn a_doctype_is_malformed_wherever_it_stands() {
        let entity = r#"<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol9 "&lol;&lol;">]>"#;
        let prolog = format!(
            "<?xml version=\"1.0\"?>\n{entity}{}",
            wrap(r#"<response>{"ask":"Success","shipping_method_no":"&lol9;"}</response>"#)
                .trim_start_matches(r#"<?xml version="1.0" encoding="UTF-8"?>"#)
        );
        let inside = wrap(&format!("{entity}<response>{{}}</response>"));
        for body in [prolog, inside] {
            let error = parse_envelope(body.as_bytes()).expect_err("refused");
            assert_eq!(error.kind, EnvelopeErrorKind::Doctype, "{body}");
            assert!(!error.certainly_not_processed());
            assert!(error.explanation().en.contains("malformed"));
        }
        // The words inside a CDATA section are data, not a declaration.
        let cdata = wrap(r#"<response><![CDATA[{"note":"<!DOCTYPE x>"}]]></response>"#);
        assert_eq!(
            parse_envelope(cdata.as_bytes()).as_deref(),
            Ok(r#"{"note":"<!DOCTYPE x>"}"#)
        );
        assert!(declares_doctype("<a><![CDATA[x]]><!doctype y></a>"));
        assert!(!declares_doctype("<a><![CDATA[<!DOCTYPE"));
    }

    #[test]
    fn client_fault_and_4xx_were_never_processed() {
        let fault = |code: &str, status| EnvelopeError {
            http_status: status,
            kind: EnvelopeErrorKind::Fault {
                code: code.to_owned(),
                message: String::new(),
            },
            excerpt: String::new(),
        };
        assert!(fault("SOAP-ENV:Client", Some(500)).certainly_not_processed());
        assert!(!fault("SOAP-ENV:Server", Some(500)).certainly_not_processed());
        assert!(fault("SOAP-ENV:Server", Some(404)).certainly_not_processed());
    }
}
