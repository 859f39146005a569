//! ECCANG's [`OrderCalls`]: the services list (getShippingMethodInfo, then getShippingMethod on
//! hosts without it), getOrder, modifyOrderWeight and interceptOrder, each built from
//! `mapping::order_calls` and read by `answers::order_calls`.

use rust_decimal::Decimal;

use super::Eccang;
use super::answers::{CallFailure, parse_accepted, parse_get_order, parse_shipping_methods};
use super::auth::call_request;
use super::mapping::{
    build_get_order, build_intercept, build_modify_weight, build_shipping_methods, params_json,
    service,
};
use super::wire::envelope::parse_response;
use crate::carriers::{
    Account, Credentials, ForwarderError, ForwarderOrder, OrderCalls, OrderNumbers, ServicesAnswer,
    WireRequest, WireResponse,
};
use crate::model::Text;

impl OrderCalls for Eccang {
    fn services_requests(
        &self,
        account: &Account,
        credentials: &Credentials,
    ) -> Vec<Result<WireRequest, ForwarderError>> {
        // TMS hosts (TuYunDa.php) name it getShippingMethodInfo; other ECCANG hosts
        // getShippingMethod (Western Post's older API). Both take no params.
        let params = params_json(&build_shipping_methods());
        [
            service::GET_SHIPPING_METHOD_INFO,
            service::GET_SHIPPING_METHOD,
        ]
        .into_iter()
        .map(|name| call_request(account, credentials, name, &params))
        .collect()
    }

    fn parse_services(&self, response: &WireResponse) -> ServicesAnswer {
        let json = match parse_response(response) {
            Ok(json) => json,
            Err(error) => return ServicesAnswer::Failed(error.to_forwarder_error()),
        };
        match parse_shipping_methods(&json) {
            Ok(services) => ServicesAnswer::Offered(services),
            Err(CallFailure::Refused(error)) if error.says_no_such_service() => {
                ServicesAnswer::NoSuchCall(error.to_forwarder_error(
                    Some(response.status),
                    Text::new(
                        "This ECCANG host does not offer its services list to this account",
                        "该易仓服务器未向此账号开放渠道列表",
                    ),
                ))
            }
            Err(failure) => ServicesAnswer::Failed(refused(
                failure,
                response,
                Text::new(
                    "ECCANG did not give the services list",
                    "易仓未返回渠道列表",
                ),
            )),
        }
    }

    fn order_request(
        &self,
        order: &OrderNumbers<'_>,
        account: &Account,
        credentials: &Credentials,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        Some(call_request(
            account,
            credentials,
            service::GET_ORDER,
            &params_json(&build_get_order(order.reference)),
        ))
    }

    fn parse_order(&self, response: &WireResponse) -> Result<ForwarderOrder, ForwarderError> {
        let json = parse_response(response).map_err(|e| e.to_forwarder_error())?;
        parse_get_order(&json).map_err(|failure| {
            refused(
                failure,
                response,
                Text::new("ECCANG did not show the order", "易仓未返回该订单"),
            )
        })
    }

    fn reweigh_request(
        &self,
        order: &OrderNumbers<'_>,
        weight_kg: Decimal,
        account: &Account,
        credentials: &Credentials,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        // modifyOrderWeight names the order by ECCANG's waybill number (order_code) only.
        let Some(order_code) = order.forwarder_order_id.filter(|c| !c.trim().is_empty()) else {
            return Some(Err(ForwarderError::local(Text::new(
                "ECCANG's order code for this shipment is not known yet, and ECCANG changes a weight only by it: ask ECCANG for the order first, or change the weight in its portal.",
                "尚不知道此运单的易仓运单号，而易仓只按运单号修改重量：请先查询订单，或到易仓后台修改。",
            ))));
        };
        Some(call_request(
            account,
            credentials,
            service::MODIFY_ORDER_WEIGHT,
            &params_json(&build_modify_weight(order_code, weight_kg)),
        ))
    }

    fn parse_reweigh(&self, response: &WireResponse) -> Result<Text, ForwarderError> {
        let json = parse_response(response).map_err(|e| e.to_forwarder_error())?;
        parse_accepted(&json)
            .map(|words| accepted("ECCANG took the new weight", "易仓已接受新重量", &words))
            .map_err(|failure| {
                refused(
                    failure,
                    response,
                    Text::new("ECCANG did not change the weight", "易仓未修改重量"),
                )
            })
    }

    fn intercept_request(
        &self,
        order: &OrderNumbers<'_>,
        remark: &str,
        account: &Account,
        credentials: &Credentials,
    ) -> Option<Result<WireRequest, ForwarderError>> {
        Some(call_request(
            account,
            credentials,
            service::INTERCEPT_ORDER,
            &params_json(&build_intercept(order.reference, remark)),
        ))
    }

    fn parse_intercept(&self, response: &WireResponse) -> Result<Text, ForwarderError> {
        let json = parse_response(response).map_err(|e| e.to_forwarder_error())?;
        parse_accepted(&json)
            .map(|words| {
                accepted(
                    "ECCANG will hold the parcel (intercept requested)",
                    "易仓将拦截该包裹（已申请拦截）",
                    &words,
                )
            })
            .map_err(|failure| {
                refused(
                    failure,
                    response,
                    Text::new(
                        "ECCANG did not intercept the parcel (it takes an intercept only before the parcel leaves its warehouse: forecast or received)",
                        "易仓未拦截该包裹（仅在已预报或已收货状态下可拦截）",
                    ),
                )
            })
    }

    fn intercept_rule(&self) -> Text {
        // interceptOrder is taken only in forecast or received status (carriers.md §2).
        Text::new(
            "ECCANG takes an intercept only before the parcel leaves its warehouse",
            "易仓仅在已预报或已收货时接受拦截",
        )
    }
}

/// "What happened: ECCANG's words", in both languages (its words only where it said any).
fn accepted(en: &str, zh: &str, words: &str) -> Text {
    let words = words.trim();
    if words.is_empty() || words.eq_ignore_ascii_case("success") {
        return Text::new(format!("{en}."), format!("{zh}。"));
    }
    Text::new(format!("{en}: {words}"), format!("{zh}：{words}"))
}

/// A refusal in ECCANG's words with `explanation`, or the problem with an unreadable answer.
fn refused(failure: CallFailure, response: &WireResponse, explanation: Text) -> ForwarderError {
    match failure {
        CallFailure::Refused(error) => error.to_forwarder_error(Some(response.status), explanation),
        CallFailure::Unreadable(problem) => problem.to_forwarder_error(),
    }
}
