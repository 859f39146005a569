//! SOAP 1.1 on the server side: reading a `callService` request out of an envelope, and writing
//! the `callServiceResponse` or a SOAP Fault back.
//!
//! The reader is the sandbox's own (quick-xml), not the dialect's `element_text`, so when the
//! tests drive the sandbox with the dialect's envelopes, two independent readings of SOAP meet.
//! It checks the structure a PHP `SoapServer` (what ECCANG TOMS hosts run) insists on:
//! well-formed XML whose root is `Envelope`, with a `Body`, whose first element names the
//! operation. Namespaces are matched by local name only.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse as _, Response};
use quick_xml::Reader;
use quick_xml::escape::{partial_escape, resolve_predefined_entity};
use quick_xml::events::Event;

/// The operation's name (the seed's `ns1:callService`).
const OPERATION: &str = "callService";

/// What a `callService` carries (seed 001's 完整请求参考报文). A missing child reads as empty
/// text, as PHP hands a missing member to the service as null.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct CallService {
    /// `service`: which ECCANG service to run.
    pub service: String,
    /// `appToken`.
    pub app_token: String,
    /// `appKey`.
    pub app_key: String,
    /// `paramsJson`: the service's JSON parameters, entities resolved.
    pub params_json: String,
}

/// A request that never reaches an ECCANG service: answered with a SOAP Fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum SoapFault {
    /// Not a SOAP envelope at all (PHP: `SOAP-ENV:Client` "Bad Request").
    BadRequest,
    /// An envelope asking for another operation (PHP: `SOAP-ENV:Server`
    /// "Procedure 'x' not present").
    NoSuchProcedure(String),
}

impl SoapFault {
    /// The Fault envelope, HTTP 500 as SOAP 1.1 wants for faults.
    pub fn into_response(self) -> Response {
        let (code, message) = match self {
            Self::BadRequest => ("SOAP-ENV:Client", "Bad Request".to_owned()),
            Self::NoSuchProcedure(name) => {
                ("SOAP-ENV:Server", format!("Procedure '{name}' not present"))
            }
        };
        let body = format!(
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?>"#,
                "\n",
                r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/">"#,
                "<SOAP-ENV:Body><SOAP-ENV:Fault>",
                "<faultcode>{code}</faultcode><faultstring>{message}</faultstring>",
                "</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>\n",
            ),
            code = code,
            message = partial_escape(&message),
        );
        xml_response(StatusCode::INTERNAL_SERVER_ERROR, body)
    }
}

/// The answer envelope around a service's JSON text: `Envelope/Body/ns1:callServiceResponse/
/// response` (carriers.md §2.2), the JSON XML-escaped as PHP's SoapServer escapes a string.
pub(super) fn answer(json: &str) -> Response {
    let body = format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            "\n",
            r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="{ns}">"#,
            "<SOAP-ENV:Body><ns1:callServiceResponse><response>{json}</response>",
            "</ns1:callServiceResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>\n",
        ),
        ns = crate::carriers::eccang::NAMESPACE,
        json = partial_escape(json),
    );
    xml_response(StatusCode::OK, body)
}

fn xml_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

/// Where the reader is in the envelope.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the root element.
    Outside,
    /// Inside `Envelope`, before `Body`.
    Envelope,
    /// Inside `Body`, before the operation.
    Body,
    /// Inside the operation.
    Call,
}

/// Reads a `callService` request body.
pub(super) fn read_call(body: &[u8]) -> Result<CallService, SoapFault> {
    let text = std::str::from_utf8(body).map_err(|_| SoapFault::BadRequest)?;
    let mut reader = Reader::from_str(text.trim_start_matches('\u{feff}'));
    let mut call = CallService::default();
    let mut place = Place::Outside;
    // Open elements, by local name; the call's children are read at depth 4.
    let mut open: Vec<String> = Vec::new();
    let mut found_call = false;
    // The call's child being read, and its text so far.
    let mut child: Option<(String, String)> = None;
    loop {
        let event = reader.read_event().map_err(|_| SoapFault::BadRequest)?;
        let empty_element = matches!(event, Event::Empty(_));
        match event {
            Event::Start(start) | Event::Empty(start) => {
                let name = start.local_name().as_ref().to_owned();
                place = match (place, open.len()) {
                    (Place::Outside, 0) if name == "Envelope" => Place::Envelope,
                    (Place::Outside, _) => return Err(SoapFault::BadRequest),
                    (Place::Envelope, 1) if name == "Body" => Place::Body,
                    (Place::Body, 2) if name == OPERATION => {
                        found_call = true;
                        Place::Call
                    }
                    (Place::Body, 2) => return Err(SoapFault::NoSuchProcedure(name)),
                    (Place::Call, 3) => {
                        child = Some((name.clone(), String::new()));
                        Place::Call
                    }
                    (other, _) => other,
                };
                if !empty_element {
                    open.push(name);
                } else if open.is_empty() || (open.len() == 1 && name == "Body") {
                    // An empty Envelope or Body holds no request (an empty Header is fine).
                    return Err(SoapFault::BadRequest);
                } else {
                    // `<appKey/>` is an empty member (already empty text); `<callService/>` is
                    // a call without any.
                    child = None;
                }
            }
            Event::End(_) => {
                open.pop();
                if open.len() == 3
                    && let Some((name, value)) = child.take()
                {
                    call.set(&name, value);
                }
            }
            Event::Text(text) => {
                if let Some((_, value)) = child.as_mut() {
                    value.push_str(&text.xml10_content());
                } else if open.is_empty() && !text.xml10_content().trim().is_empty() {
                    // Words outside any element: not XML that a SOAP server reads.
                    return Err(SoapFault::BadRequest);
                }
            }
            Event::CData(data) => {
                if let Some((_, value)) = child.as_mut() {
                    value.push_str(&data.xml10_content());
                }
            }
            Event::GeneralRef(entity) => {
                if let Some((_, value)) = child.as_mut() {
                    match entity.resolve_char_ref() {
                        Ok(Some(ch)) => value.push(ch),
                        _ => match resolve_predefined_entity(&entity) {
                            Some(resolved) => value.push_str(resolved),
                            // XML itself defines no other entity: the document is not well-formed.
                            None => return Err(SoapFault::BadRequest),
                        },
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !open.is_empty() || !found_call {
        return Err(SoapFault::BadRequest);
    }
    Ok(call)
}

impl CallService {
    fn set(&mut self, name: &str, value: String) {
        let slot = match name {
            "service" => &mut self.service,
            "appToken" => &mut self.app_token,
            "appKey" => &mut self.app_key,
            "paramsJson" => &mut self.params_json,
            // PHP ignores members the operation does not declare (e.g. `language`).
            _ => return,
        };
        *slot = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::carriers::eccang::build_envelope;

    #[test]
    fn the_dialects_envelope_reads_back_exactly() {
        let params = r#"{"name":"A & B <Ltd> ]]>","n":"甲油胶"}"#;
        let xml = build_envelope("createOrder", params, "T&K", "<key>");
        let call = read_call(xml.as_bytes());
        assert_eq!(
            call,
            Ok(CallService {
                service: "createOrder".to_owned(),
                app_token: "T&K".to_owned(),
                app_key: "<key>".to_owned(),
                params_json: params.to_owned(),
            })
        );
    }

    #[test]
    fn cdata_params_and_empty_members_are_read() {
        let xml = r#"<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header/><s:Body><e:callService xmlns:e="x"><paramsJson><![CDATA[{"a":"<&>"}]]></paramsJson><appToken/><appKey>k</appKey><service>getTrackNumber</service><language>en_US</language></e:callService></s:Body></s:Envelope>"#;
        let call = read_call(xml.as_bytes()).unwrap_or_default();
        assert_eq!(call.params_json, r#"{"a":"<&>"}"#);
        assert_eq!(call.app_token, "");
        assert_eq!(call.app_key, "k");
        assert_eq!(call.service, "getTrackNumber");
        let bare = "<Envelope><Body><callService/></Body></Envelope>";
        assert_eq!(read_call(bare.as_bytes()), Ok(CallService::default()));
    }

    #[test]
    fn what_is_not_a_call_is_a_fault() {
        for body in [
            "",
            "hello",
            r#"{"reference_no":"X"}"#,
            "<html><body>hi</body></html>",
            "<Envelope><Body><callService><service>x</service>",
            "<Envelope><Body/></Envelope>",
            "<Envelope></Envelope>",
            "<Envelope><Body><callService><service>&nbsp;</service></callService></Body></Envelope>",
        ] {
            assert_eq!(
                read_call(body.as_bytes()),
                Err(SoapFault::BadRequest),
                "{body}"
            );
        }
        assert_eq!(read_call(&[0xff, 0xfe]), Err(SoapFault::BadRequest));
        let other = "<Envelope><Body><getOrders/></Body></Envelope>";
        assert_eq!(
            read_call(other.as_bytes()),
            Err(SoapFault::NoSuchProcedure("getOrders".to_owned()))
        );
    }
}
