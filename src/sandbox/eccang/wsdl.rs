//! `GET /default/svc/wsdl`: the WSDL of ECCANG's one operation, `callService`, so a WSDL-mode
//! SOAP client (PHP `new SoapClient($wsdl)`, Python zeep, .NET's service references) can be
//! pointed at the sandbox as at a real host.
//!
//! Document/literal, as the seed's envelope is written: `ns1:callService` in
//! `http://www.example.org/Ec/` with unqualified children `paramsJson`, `appToken`, `appKey`,
//! `service` (all strings), answered by `ns1:callServiceResponse` holding one string,
//! `response` (the JSON text). The endpoint address is this server's own `web-service` path.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse as _, Response};
use quick_xml::escape::escape;

use crate::carriers::eccang::{ENDPOINT_PATH, NAMESPACE};
use crate::sandbox::state::SandboxState;

/// The WSDL with this server's endpoint address.
pub(super) async fn wsdl(State(state): State<Arc<SandboxState>>) -> Response {
    let address = format!("{}{ENDPOINT_PATH}", state.base_url);
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
        document(&address),
    )
        .into_response()
}

/// The WSDL document naming `address` as the endpoint.
pub(crate) fn document(address: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="{ns}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" name="Ec" targetNamespace="{ns}">
  <wsdl:types>
    <xsd:schema targetNamespace="{ns}">
      <xsd:element name="callService">
        <xsd:complexType>
          <xsd:sequence>
            <xsd:element name="paramsJson" type="xsd:string"/>
            <xsd:element name="appToken" type="xsd:string"/>
            <xsd:element name="appKey" type="xsd:string"/>
            <xsd:element name="service" type="xsd:string"/>
          </xsd:sequence>
        </xsd:complexType>
      </xsd:element>
      <xsd:element name="callServiceResponse">
        <xsd:complexType>
          <xsd:sequence>
            <xsd:element name="response" type="xsd:string"/>
          </xsd:sequence>
        </xsd:complexType>
      </xsd:element>
    </xsd:schema>
  </wsdl:types>
  <wsdl:message name="callServiceRequest">
    <wsdl:part element="tns:callService" name="parameters"/>
  </wsdl:message>
  <wsdl:message name="callServiceResponse">
    <wsdl:part element="tns:callServiceResponse" name="parameters"/>
  </wsdl:message>
  <wsdl:portType name="Ec">
    <wsdl:operation name="callService">
      <wsdl:input message="tns:callServiceRequest"/>
      <wsdl:output message="tns:callServiceResponse"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="EcSOAP" type="tns:Ec">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="callService">
      <soap:operation soapAction="{ns}callService"/>
      <wsdl:input>
        <soap:body use="literal"/>
      </wsdl:input>
      <wsdl:output>
        <soap:body use="literal"/>
      </wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Ec">
    <wsdl:port binding="tns:EcSOAP" name="EcSOAP">
      <soap:address location="{address}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"#,
        ns = NAMESPACE,
        address = escape(address),
    )
}
