//! logssc as a [`Forwarder`]: a token first, a fee preview the packer accepts, then an
//! asynchronous `orderCommit` whose numbers, fee and label are polled, and a refund when the
//! order fails.

use super::answers::{parse_commit, parse_label, parse_preview, parse_refund, parse_result};
use super::auth::{call, is_auth_error, parse_token, redact_body, token_request};
use super::mapping::{build_order, order_json, query_body, validate};
use super::settings::{COMMIT_PATH, LABEL_PATH, PREVIEW_PATH, REFUND_PATH, RESULT_PATH};
use crate::carriers::{
    Account, Capabilities, CreateOutcome, Credentials, FollowUp, FollowUpAnswer, Forwarder,
    ForwarderError, ForwarderKind, OrderNumbers, WireRequest, WireResponse,
};
use crate::model::{Money, Shipment, Text, ValidationIssue};

/// logssc's dialect.
pub struct Logssc;

/// No services list, order view, re-weigh or intercept: none is in its documents.
impl crate::carriers::OrderCalls for Logssc {}

impl Forwarder for Logssc {
    fn kind(&self) -> ForwarderKind {
        ForwarderKind::Logssc
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            create: true,
            quote: true,
            quote_required: true,
            label_refetch: true,
            // LSO轨迹查询 is in the menu, but not in the seed.
            track: false,
            cancel: false,
            refund: true,
            multi_piece: true,
            lookup_by_reference: true,
            ..Capabilities::default()
        }
    }

    fn validate(&self, shipment: &Shipment, account: &Account) -> Vec<ValidationIssue> {
        validate(shipment, account)
    }

    fn create_body(&self, shipment: &Shipment, account: &Account) -> Vec<u8> {
        // Without token and appId: they are put around it per send.
        order_json(&build_order(shipment, account)).into_bytes()
    }

    fn create_request(
        &self,
        body: Vec<u8>,
        account: &Account,
        credentials: &Credentials,
        _now_ms: i64,
        _nonce: &str,
    ) -> Result<WireRequest, ForwarderError> {
        call(account, credentials, &COMMIT_PATH, &body)
    }

    fn parse_create(&self, response: &WireResponse) -> CreateOutcome {
        parse_commit(response)
    }

    fn connection_test_request(
        &self,
        account: &Account,
        credentials: &Credentials,
        _now_ms: i64,
        _nonce: &str,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        // Getting a token proves appId and appSecret, and buys nothing.
        Some(token_request(account, credentials))
    }

    fn parse_connection_test(&self, response: &WireResponse) -> Result<Text, ForwarderError> {
        let name = ForwarderKind::Logssc.display_name();
        match parse_token(response) {
            Ok(_) => Ok(Text::new(
                "Connected: logssc issued a token for this appId.",
                "连接成功：logssc 已为该 appId 发放 token。",
            )),
            // No token is not proof of wrong secrets: only logssc's own "not authorised"
            // answer is (a busy server gives no token either).
            Err(error) if is_auth_error(response) => Err(crate::carriers::credentials_refused(
                &name,
                error,
                "Check the appId and appSecret in Accounts.",
                "请在“账号”中核对 appId 和 appSecret。",
            )),
            Err(error) => Err(crate::carriers::not_confirmed(&name, error)),
        }
    }

    fn audit_body(&self, request: &WireRequest) -> Vec<u8> {
        redact_body(&request.body)
    }

    fn session_request(
        &self,
        account: &Account,
        credentials: &Credentials,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        Some(token_request(account, credentials))
    }

    fn parse_session(&self, response: &WireResponse) -> Result<String, ForwarderError> {
        parse_token(response)
    }

    fn session_expired(&self, response: &WireResponse) -> bool {
        is_auth_error(response)
    }

    fn quote_request(
        &self,
        _shipment: &Shipment,
        body: &[u8],
        account: &Account,
        credentials: &Credentials,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        // The preview takes the order itself, so its fee is this order's.
        Some(call(account, credentials, &PREVIEW_PATH, body))
    }

    fn parse_quote(
        &self,
        _shipment: &Shipment,
        _account: &Account,
        response: &WireResponse,
    ) -> Result<Money, ForwarderError> {
        parse_preview(response)
    }

    fn refund_request(
        &self,
        order: &OrderNumbers<'_>,
        account: &Account,
        credentials: &Credentials,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        Some(call(
            account,
            credentials,
            &REFUND_PATH,
            query_body(order).as_bytes(),
        ))
    }

    fn parse_refund(&self, response: &WireResponse) -> Result<Text, ForwarderError> {
        parse_refund(response)
    }

    fn reconciles_by_lookup(&self) -> bool {
        true
    }

    fn has_follow_up(&self, _step: FollowUp) -> bool {
        true
    }

    fn follow_up_request(
        &self,
        step: FollowUp,
        order: &OrderNumbers<'_>,
        account: &Account,
        credentials: &Credentials,
        _now_ms: i64,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        let path = match step {
            FollowUp::TrackingNumber => &RESULT_PATH,
            FollowUp::Label => &LABEL_PATH,
        };
        Some(call(
            account,
            credentials,
            path,
            query_body(order).as_bytes(),
        ))
    }

    fn parse_follow_up(&self, step: FollowUp, response: &WireResponse) -> FollowUpAnswer {
        match step {
            FollowUp::TrackingNumber => parse_result(response),
            FollowUp::Label => parse_label(response),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> WireResponse {
        WireResponse::json(status, body)
    }

    #[test]
    fn the_connection_test_is_connected_refused_or_not_confirmed() {
        let connected = Logssc.parse_connection_test(&answer(
            200,
            r#"{"code":200,"msg":"成功","data":{"token":"LSOTOKEN-1"}}"#,
        ));
        assert!(connected.is_ok_and(|t| t.en.starts_with("Connected")));
        let refused = Logssc
            .parse_connection_test(&answer(
                200,
                r#"{"code":401,"msg":"appId或appSecret错误","data":null}"#,
            ))
            .expect_err("refused");
        assert!(refused.authentication);
        assert!(refused.describe().en.contains("refused the credentials"));
        for (status, body) in [
            (200, r#"{"code":500,"msg":"系统繁忙","data":null}"#),
            (200, r#"{"code":200,"msg":"成功","data":{}}"#),
            (502, "<html>502 Bad Gateway</html>"),
        ] {
            let said = Logssc
                .parse_connection_test(&answer(status, body))
                .expect_err("not ok");
            assert!(!said.authentication, "{body}");
            assert!(said.describe().en.starts_with("Not confirmed"), "{body}");
        }
    }
}
