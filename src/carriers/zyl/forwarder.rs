//! ZYL as a [`Forwarder`]: `orderByApi` buys the order and gives its numbers; the label comes
//! from a second call (findOrderLabelByCode, polled by the engine), then its PDF is downloaded.

use super::answers::{parse_create_order, parse_label, parse_track, to_tracking};
use super::auth::{
    auth_headers, call_request, ile_credentials, order_body, redact_body, request_uri,
};
use super::mapping::{
    LabelType, build_order_data, build_track, data_json, label_path, order_code, validate,
};
use super::wire::{CREATE_ORDER_PATH, TRACK_PATH, TrackRequest};
use crate::carriers::{
    Account, Capabilities, CreateOutcome, Credentials, FollowUp, FollowUpAnswer, Forwarder,
    ForwarderError, ForwarderKind, Header, HttpMethod, OrderNumbers, Tracking, WireRequest,
    WireResponse,
};
use crate::model::{Shipment, Text, ValidationIssue};

/// ZYL ILE OMS's dialect.
pub struct Zyl;

/// No services list, order view, re-weigh or intercept: none is in its documents.
impl crate::carriers::OrderCalls for Zyl {}

impl Forwarder for Zyl {
    fn kind(&self) -> ForwarderKind {
        ForwarderKind::Zyl
    }

    fn capabilities(&self) -> Capabilities {
        // No public cancel, quote or lookup-by-reference endpoint (carriers.md §3.2).
        Capabilities {
            create: true,
            label_refetch: true,
            track: true,
            multi_piece: true,
            ..Capabilities::default()
        }
    }

    fn validate(&self, shipment: &Shipment, account: &Account) -> Vec<ValidationIssue> {
        validate(shipment, account)
    }

    fn create_body(&self, shipment: &Shipment, account: &Account) -> Vec<u8> {
        // The `data` object only: credentials are wrapped around it per send, so what is stored
        // and re-sent on reconciliation never holds them.
        data_json(&build_order_data(shipment, account)).into_bytes()
    }

    fn create_request(
        &self,
        body: Vec<u8>,
        account: &Account,
        credentials: &Credentials,
        now_ms: i64,
        _nonce: &str,
    ) -> Result<WireRequest, ForwarderError> {
        let ile = ile_credentials(credentials)?;
        let url = account.url(CREATE_ORDER_PATH);
        let mut headers = vec![Header {
            name: "Content-Type".to_owned(),
            value: "application/json;charset=UTF-8".to_owned(),
            sensitive: false,
        }];
        headers.extend(auth_headers(
            super::auth_mode(&account.settings),
            ile,
            &request_uri(&url),
            now_ms,
        ));
        let body = order_body(
            ile,
            super::user_id(&account.settings),
            &String::from_utf8_lossy(&body),
        );
        Ok(WireRequest {
            method: HttpMethod::Post,
            url,
            headers,
            body: body.into_bytes(),
        })
    }

    fn parse_create(&self, response: &WireResponse) -> CreateOutcome {
        parse_create_order(response)
    }

    fn connection_test_request(
        &self,
        _account: &Account,
        _credentials: &Credentials,
        _now_ms: i64,
        _nonce: &str,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        // Only orderByApi carries the credentials (the label and tracking calls document none),
        // and no create is harmless: there is nothing safe to test with.
        None
    }

    fn parse_connection_test(&self, response: &WireResponse) -> Result<Text, ForwarderError> {
        Err(ForwarderError {
            http_status: Some(response.status),
            forwarder_code: None,
            forwarder_message: String::new(),
            explanation: Text::new(
                "ZYL has no harmless call to test the credentials with.",
                "ZYL 没有可用于测试密钥的接口。",
            ),
            authentication: false,
        })
    }

    fn audit_body(&self, request: &WireRequest) -> Vec<u8> {
        redact_body(&request.body)
    }

    fn has_follow_up(&self, step: FollowUp) -> bool {
        // The tracking number (conCode) comes with the create answer; only the label is later.
        step == FollowUp::Label
    }

    fn follow_up_request(
        &self,
        step: FollowUp,
        order: &OrderNumbers<'_>,
        account: &Account,
        credentials: &Credentials,
        now_ms: i64,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        (step == FollowUp::Label).then(|| {
            label_request(
                account,
                credentials,
                order_code(order),
                LabelType::ShippingLabel,
                now_ms,
            )
        })
    }

    fn parse_follow_up(&self, step: FollowUp, response: &WireResponse) -> FollowUpAnswer {
        match step {
            FollowUp::Label => parse_label(response),
            FollowUp::TrackingNumber => FollowUpAnswer::Problem(ForwarderError {
                http_status: Some(response.status),
                forwarder_code: None,
                forwarder_message: String::new(),
                explanation: Text::new(
                    "ZYL gives the tracking number with the order; there is nothing to ask for.",
                    "ZYL 下单时即返回跟踪号，无需再查询。",
                ),
                authentication: false,
            }),
        }
    }

    fn track_request(
        &self,
        order: &OrderNumbers<'_>,
        account: &Account,
        credentials: &Credentials,
        now_ms: i64,
        nonce: &str,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        // getOrdersTrack takes ZYL's conCode (our tracking number) or refCode, never cust_ref.
        let number = order.tracking_number?;
        let body = build_track(&[number], now_ms, nonce);
        Some(track_request(account, credentials, &body, now_ms))
    }

    fn parse_track(&self, response: &WireResponse) -> Result<Tracking, ForwarderError> {
        parse_track(response).map(to_tracking)
    }
}

/// The GET for an order's label. With the static sign it carries no credentials (the label page
/// documents none); with the MD5 scheme it carries the headers, signed over the path.
pub fn label_request(
    account: &Account,
    credentials: &Credentials,
    order_code: &str,
    label_type: LabelType,
    now_ms: i64,
) -> Result<WireRequest, ForwarderError> {
    let url = account.url(&label_path(
        order_code,
        label_type,
        super::user_id(&account.settings),
    ));
    let accept = Header {
        name: "Accept".to_owned(),
        value: "application/json".to_owned(),
        sensitive: false,
    };
    call_request(
        account,
        credentials,
        HttpMethod::Get,
        url,
        accept,
        Vec::new(),
        now_ms,
    )
}

/// The POST for a tracking body, with the MD5 headers when the account uses them.
pub fn track_request(
    account: &Account,
    credentials: &Credentials,
    body: &TrackRequest,
    now_ms: i64,
) -> Result<WireRequest, ForwarderError> {
    let json = Header {
        name: "Content-Type".to_owned(),
        value: "application/json;charset=UTF-8".to_owned(),
        sensitive: false,
    };
    // Serialising plain strings cannot fail.
    let body = serde_json::to_vec(body).unwrap_or_default();
    call_request(
        account,
        credentials,
        HttpMethod::Post,
        account.url(TRACK_PATH),
        json,
        body,
        now_ms,
    )
}
