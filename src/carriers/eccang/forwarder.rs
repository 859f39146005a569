//! ECCANG as a [`Forwarder`]: createOrder through the SOAP envelope, then the tracking number and
//! label by reference (getTrackNumber, getLabelUrl), which ECCANG often gives only later.

use super::answers::{
    CallFailure, EccangCreateAnswer, TrackNumberAnswer, parse_cancel_order, parse_cargo_track,
    parse_create_response, parse_fee_trail, parse_label_url, parse_track_number,
    track_number_order_code,
};
use super::auth::{call_request, redact_credentials};
use super::mapping::{
    LabelOptions, NumberKind, build_cancel_order, build_cargo_track, build_create_order,
    build_fee_trail, build_label_url, build_track_number, params_json, service_code, validate,
};
use super::wire::envelope::parse_response;
use crate::carriers::{
    Account, Booking, Capabilities, CreateOutcome, Credentials, FollowUp, FollowUpAnswer,
    Forwarder, ForwarderError, ForwarderKind, LabelSource, NumberedOrder, OrderNumbers, Tracking,
    TrackingEvent, WireRequest, WireResponse,
};
use crate::model::{Money, Shipment, Text, ValidationIssue};

/// ECCANG TOMS's dialect.
pub struct Eccang;

impl Forwarder for Eccang {
    fn kind(&self) -> ForwarderKind {
        ForwarderKind::Eccang
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            create: true,
            quote: true,
            label_refetch: true,
            track: true,
            cancel: true,
            multi_piece: true,
            lookup_by_reference: true,
            services_list: true,
            order_view: true,
            reweigh: true,
            intercept: true,
            ..Capabilities::default()
        }
    }

    fn validate(&self, shipment: &Shipment, account: &Account) -> Vec<ValidationIssue> {
        validate(shipment, account)
    }

    fn create_body(&self, shipment: &Shipment, account: &Account) -> Vec<u8> {
        // The paramsJson: credentials are not in it, so it is what the audit trail keeps and a
        // reconciliation re-sends.
        params_json(&build_create_order(shipment, account)).into_bytes()
    }

    fn create_request(
        &self,
        body: Vec<u8>,
        account: &Account,
        credentials: &Credentials,
        _now_ms: i64,
        _nonce: &str,
    ) -> Result<WireRequest, ForwarderError> {
        call_request(
            account,
            credentials,
            "createOrder",
            &String::from_utf8_lossy(&body),
        )
    }

    fn parse_create(&self, response: &WireResponse) -> CreateOutcome {
        match parse_create_response(response) {
            EccangCreateAnswer::Created(order) => {
                // track_status 3: no carrier number on this service; ECCANG's waybill number
                // identifies the parcel.
                let tracking = order.tracking_number.clone().or(order.order_code.clone()).unwrap_or_default();
                CreateOutcome::Created(Booking {
                    tracking_number: tracking,
                    forwarder_order_id: order.order_code,
                    label: None,
                })
            }
            EccangCreateAnswer::NumberLater(order) => CreateOutcome::NumberLater {
                forwarder_order_id: order.order_code,
            },
            EccangCreateAnswer::Refused(error) if error.looks_like_authentication() => {
                CreateOutcome::Refused(error.to_forwarder_error(
                    Some(response.status),
                    Text::new(
                        "ECCANG refused the credentials (appToken/appKey). Nothing was charged: check them in Accounts, then send again.",
                        "易仓拒绝了密钥（appToken/appKey），未扣费：请在“账号”中核对后重新提交。",
                    ),
                ))
            }
            EccangCreateAnswer::Refused(error) => CreateOutcome::Refused(error.to_forwarder_error(
                Some(response.status),
                Text::new(
                    "ECCANG refused the order. Nothing was charged: correct what it says and send again.",
                    "易仓拒绝了该订单，未扣费：请按提示修改后重新提交。",
                ),
            )),
            EccangCreateAnswer::Duplicate(error) => CreateOutcome::DuplicateReference(error.to_forwarder_error(
                Some(response.status),
                Text::new(
                    "ECCANG already has an order with this reference number.",
                    "易仓已有使用该参考号的订单。",
                ),
            )),
            EccangCreateAnswer::NotProcessed(problem) => CreateOutcome::Refused(problem.to_forwarder_error()),
            EccangCreateAnswer::Unreadable(problem) => CreateOutcome::Unreadable(problem.to_forwarder_error()),
        }
    }

    fn connection_test_request(
        &self,
        account: &Account,
        credentials: &Credentials,
        _now_ms: i64,
        _nonce: &str,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        // Looking up a reference that cannot exist is harmless and needs valid credentials.
        let params = params_json(&build_track_number("SHIPDESK-CONNECTION-TEST"));
        Some(call_request(
            account,
            credentials,
            "getTrackNumber",
            &params,
        ))
    }

    fn parse_connection_test(&self, response: &WireResponse) -> Result<Text, ForwarderError> {
        let name = ForwarderKind::Eccang.display_name();
        let json = parse_response(response)
            .map_err(|e| crate::carriers::not_confirmed(&name, e.to_forwarder_error()))?;
        match parse_track_number(&json) {
            Err(CallFailure::Refused(error)) if error.looks_like_authentication() => {
                Err(crate::carriers::credentials_refused(
                    &name,
                    error.to_forwarder_error(Some(response.status), Text::default()),
                    "Check the appToken and appKey with your forwarder.",
                    "请向货代核对 appToken 和 appKey。",
                ))
            }
            // The lookup of a reference that cannot exist reached the order service and was
            // answered: the credentials were accepted.
            Ok(_) => Ok(connected()),
            Err(CallFailure::Refused(error)) if error.says_no_such_order() => Ok(connected()),
            Err(CallFailure::Refused(error)) => Err(crate::carriers::not_confirmed(
                &name,
                error.to_forwarder_error(Some(response.status), Text::default()),
            )),
            Err(CallFailure::Unreadable(problem)) => Err(crate::carriers::not_confirmed(
                &name,
                problem.to_forwarder_error(),
            )),
        }
    }

    fn audit_body(&self, request: &WireRequest) -> Vec<u8> {
        redact_credentials(&String::from_utf8_lossy(&request.body)).into_bytes()
    }

    fn cancel_request(
        &self,
        reference: &str,
        account: &Account,
        credentials: &Credentials,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        Some(call_request(
            account,
            credentials,
            "cancelOrder",
            &params_json(&build_cancel_order(reference, None)),
        ))
    }

    fn parse_cancel(&self, response: &WireResponse) -> Result<Text, ForwarderError> {
        let json = parse_response(response).map_err(|e| e.to_forwarder_error())?;
        parse_cancel_order(&json)
            .map(|_| Text::new("ECCANG cancelled the order.", "易仓已取消该订单。"))
            .map_err(|failure| failure.to_forwarder_error())
    }

    fn reconciles_by_lookup(&self) -> bool {
        // A lost create is asked about by our reference first (getTrackNumber), as real
        // integrators do: a re-sent create proves nothing when a host words its duplicate
        // refusal in a way not recognised ("参考号…已存在" is in no public ECCANG text).
        true
    }

    fn resends_after_no_such_order(&self) -> bool {
        // The recorded paramsJson may go again under the same reference once getTrackNumber
        // says there is no such order: nothing (no fee preview) is tied to one send.
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
        // ECCANG looks orders up by our reference, which is known even before its numbers are.
        let reference = order.reference;
        Some(match step {
            FollowUp::TrackingNumber => call_request(
                account,
                credentials,
                "getTrackNumber",
                &params_json(&build_track_number(reference)),
            ),
            FollowUp::Label => call_request(
                account,
                credentials,
                "getLabelUrl",
                &params_json(&build_label_url(
                    reference,
                    LabelOptions {
                        size: super::label_size(&account.settings),
                        ..LabelOptions::default()
                    },
                )),
            ),
        })
    }

    fn parse_follow_up(&self, step: FollowUp, response: &WireResponse) -> FollowUpAnswer {
        let json = match parse_response(response) {
            Ok(json) => json,
            Err(error) => return FollowUpAnswer::Problem(error.to_forwarder_error()),
        };
        match step {
            // Both the poller (waiting for a number) and a reconciliation (is the order there?)
            // ask this: the order and its numbers, the order without a number yet, no such
            // order, or a problem (which leaves everything as it is).
            FollowUp::TrackingNumber => match parse_track_number(&json) {
                Ok(TrackNumberAnswer::Assigned {
                    tracking_number, ..
                }) => FollowUpAnswer::Numbered(NumberedOrder {
                    tracking_number,
                    forwarder_order_id: track_number_order_code(&json),
                    charged: None,
                }),
                Ok(TrackNumberAnswer::NotYet) => FollowUpAnswer::NotYet,
                Err(CallFailure::Refused(error)) if error.says_no_such_order() => {
                    FollowUpAnswer::NoSuchOrder(error.to_forwarder_error(
                        Some(response.status),
                        Text::new(
                            "ECCANG has no order under this reference",
                            "易仓没有该参考号的订单",
                        ),
                    ))
                }
                Err(failure) => FollowUpAnswer::Problem(failure.to_forwarder_error()),
            },
            FollowUp::Label => match parse_label_url(&json) {
                Ok(url) => FollowUpAnswer::Label(LabelSource::Url(url)),
                Err(failure) => FollowUpAnswer::Problem(failure.to_forwarder_error()),
            },
        }
    }

    fn previews_fee(&self, account: &Account) -> bool {
        super::previews_fee(&account.settings)
    }

    fn quote_request(
        &self,
        shipment: &Shipment,
        _body: &[u8],
        account: &Account,
        credentials: &Credentials,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        // Priced for the order's own service only, so the answer names one fee.
        let params = build_fee_trail(shipment, Some(service_code(shipment, account)));
        Some(call_request(
            account,
            credentials,
            "feeTrail",
            &params_json(&params),
        ))
    }

    fn parse_quote(
        &self,
        shipment: &Shipment,
        account: &Account,
        response: &WireResponse,
    ) -> Result<Money, ForwarderError> {
        let json = parse_response(response).map_err(|e| e.to_forwarder_error())?;
        let quotes = parse_fee_trail(&json).map_err(|failure| failure.to_forwarder_error())?;
        // Only the price of the service the order ships with: a host that ignores product_code
        // lists every service, and the cheapest is not the one being bought.
        let asked = service_code(shipment, account).trim();
        quotes
            .iter()
            .find(|q| q.service_code.trim().eq_ignore_ascii_case(asked))
            .and_then(|q| q.total_fee)
            .filter(|total| *total > rust_decimal::Decimal::ZERO)
            .map(|total| Money::new(total, FEE_CURRENCY))
            .ok_or_else(|| ForwarderError {
                http_status: Some(response.status),
                forwarder_code: None,
                forwarder_message: json.chars().take(300).collect(),
                explanation: Text::new(
                    format!(
                        "ECCANG gave no price for service {asked}: check the service code, or turn the fee preview off for this account. Nothing was bought."
                    ),
                    format!("易仓未给出渠道 {asked} 的运费：请检查渠道代码，或为该账号关闭运费试算。未下单。"),
                ),
                authentication: false,
            })
    }

    fn track_request(
        &self,
        order: &OrderNumbers<'_>,
        account: &Account,
        credentials: &Credentials,
        _now_ms: i64,
        _nonce: &str,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        Some(cargo_track_request(order, account, credentials))
    }

    fn parse_track(&self, response: &WireResponse) -> Result<Tracking, ForwarderError> {
        cargo_tracking(response)
    }
}

/// Test connection's words when ECCANG answered the harmless lookup.
fn connected() -> Text {
    Text::new(
        "Connected: ECCANG accepted the appToken and appKey.",
        "连接成功：易仓已接受 appToken 和 appKey。",
    )
}

/// feeTrail's currency. INFERENCE: the answer names none; ECCANG forwarders settle in the
/// account's currency, which for Chinese forwarders is CNY (carriers.md §2.3).
const FEE_CURRENCY: &str = "CNY";

/// getCargoTrack for one order: by its carrier number once known, else by ECCANG's order code,
/// else by our reference.
/// Comments are asked for in English (`lang` EN): the carriers' own scans are English.
fn cargo_track_request(
    order: &OrderNumbers<'_>,
    account: &Account,
    credentials: &Credentials,
) -> Result<WireRequest, ForwarderError> {
    // track_status 3 services have no carrier number: ECCANG's order_code stands in for it, and
    // must be asked about as an order code, not as a carrier number.
    let (code, kind) = match (order.tracking_number, order.forwarder_order_id) {
        (Some(number), Some(order_code)) if number == order_code => {
            (order_code, NumberKind::OrderCode)
        }
        (Some(number), _) => (number, NumberKind::Tracking),
        (None, Some(order_code)) => (order_code, NumberKind::OrderCode),
        (None, None) => (order.reference, NumberKind::Reference),
    };
    call_request(
        account,
        credentials,
        "getCargoTrack",
        &params_json(&build_cargo_track(&[code], Some(kind), true)),
    )
}

/// The first `Data[]` entry of a getCargoTrack answer, in the shared shape.
fn cargo_tracking(response: &WireResponse) -> Result<Tracking, ForwarderError> {
    let json = parse_response(response).map_err(|e| e.to_forwarder_error())?;
    let found = parse_cargo_track(&json).map_err(|failure| failure.to_forwarder_error())?;
    let Some(track) = found.into_iter().next() else {
        return Ok(Tracking {
            message: Text::new(
                "ECCANG has no tracking for this order yet.",
                "易仓暂无该订单的轨迹。",
            ),
            ..Tracking::default()
        });
    };
    Ok(Tracking {
        number: track.code,
        status: track.status,
        events: track
            .events
            .into_iter()
            .map(|event| TrackingEvent {
                time: event.time,
                location: event.location,
                description: Text::new(event.description.clone(), event.description),
                status: event.status,
            })
            .collect(),
        message: Text::default(),
    }
    .newest_first())
}
