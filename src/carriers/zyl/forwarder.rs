//! ZYL as a [`Forwarder`]: `orderByApi` buys the order and gives its numbers; the label comes
//! from a second call (findOrderLabelByCode, polled by the engine), then its PDF is downloaded.

use super::answers::parse_create_order;
use super::auth::{auth_headers, ile_credentials, order_body, redact_body, request_uri};
use super::label::{LabelType, label_request, order_code, parse_label};
use super::mapping::{build_order_data, data_json, validate};
use super::track::{build_track, parse_track, to_tracking, track_request};
use crate::carriers::{
    Account, Capabilities, CreateOutcome, Credentials, FollowUp, FollowUpAnswer, Forwarder,
    ForwarderError, ForwarderKind, Header, HttpMethod, OrderNumbers, Tracking, WireRequest,
    WireResponse,
};
use crate::model::{Shipment, Text, ValidationIssue};

/// Path of the create call (seed 002).
pub const CREATE_ORDER_PATH: &str = "/oms/v1/Order/orderByApi";

/// ZYL ILE OMS's dialect.
pub struct Zyl;

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
