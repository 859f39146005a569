//! Western Post as a [`Forwarder`]: createOrder, signed; the connection test is a signed
//! tracking query for a number that cannot exist.

use super::answers::{parse_connection_test, parse_create_order};
use super::auth::signed_post;
use super::mapping::{build_create_order, validate};
use super::wire::{CREATE_ORDER_PATH, TRACKING_PATH};
use crate::carriers::{
    Account, Capabilities, CreateOutcome, Credentials, Forwarder, ForwarderError, ForwarderKind,
    WireRequest, WireResponse,
};
use crate::model::{Shipment, Text, ValidationIssue};

/// Western Post's dialect.
pub struct WesternPost;

/// No services list, order view, re-weigh or intercept: none is in its documents.
impl crate::carriers::OrderCalls for WesternPost {}

impl Forwarder for WesternPost {
    fn kind(&self) -> ForwarderKind {
        ForwarderKind::WesternPost
    }

    fn capabilities(&self) -> Capabilities {
        // Only createOrder is documented (seed 000); label re-fetch, cancel and lookup are not public.
        Capabilities {
            create: true,
            ..Capabilities::default()
        }
    }

    fn validate(&self, shipment: &Shipment, account: &Account) -> Vec<ValidationIssue> {
        validate(shipment, account)
    }

    fn create_body(&self, shipment: &Shipment, account: &Account) -> Vec<u8> {
        let request = build_create_order(shipment, account);
        // Serialising plain structs of strings and numbers cannot fail.
        serde_json::to_vec(&request).unwrap_or_default()
    }

    fn create_request(
        &self,
        body: Vec<u8>,
        account: &Account,
        credentials: &Credentials,
        now_ms: i64,
        nonce: &str,
    ) -> Result<WireRequest, ForwarderError> {
        signed_post(
            CREATE_ORDER_PATH,
            "createOrder",
            body,
            account,
            credentials,
            now_ms,
            nonce,
        )
    }

    fn parse_create(&self, response: &WireResponse) -> CreateOutcome {
        parse_create_order(response)
    }

    fn connection_test_request(
        &self,
        account: &Account,
        credentials: &Credentials,
        now_ms: i64,
        nonce: &str,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        // A tracking query for a number that cannot exist: harmless, and signed like any call.
        let body = br#"{"trackingNumber":"SHIPDESK-CONNECTION-TEST"}"#.to_vec();
        Some(signed_post(
            TRACKING_PATH,
            "tracking",
            body,
            account,
            credentials,
            now_ms,
            nonce,
        ))
    }

    fn parse_connection_test(&self, response: &WireResponse) -> Result<Text, ForwarderError> {
        parse_connection_test(response)
    }
}
