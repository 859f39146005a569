//! What ZYL's `orderByApi` answer means: `{body, code, msg}` (seed 002 §3), read leniently.

use rust_decimal::Decimal;

use super::wire::{Answer, value_decimal, value_int};
use crate::carriers::{Booking, CreateOutcome, ForwarderError, WireResponse};
use crate::model::Text;

/// ZYL's status codes (seed 002 §3.1.1 and the label page).
pub mod code {
    /// 订单提交成功 / label found.
    pub const OK: i64 = 200;
    /// Created.
    pub const CREATED: i64 = 201;
    /// Unauthorized.
    pub const UNAUTHORIZED: i64 = 401;
    /// Forbidden.
    pub const FORBIDDEN: i64 = 403;
    /// Not Found.
    pub const NOT_FOUND: i64 = 404;
    /// 系统异常.
    pub const SYSTEM_ERROR: i64 = 500;
    /// 订单参数校验异常.
    pub const INVALID_PARAMS: i64 = 51001;
    /// 面单地址为空 (label page): the label is not drawn yet.
    pub const LABEL_EMPTY: i64 = 51005;
    /// 远程请求productCode失败.
    pub const PRODUCT_CODE_FAILED: i64 = 51006;
}

/// What a successful `orderByApi` gave back (seed 002 §3.2). Every field is read as text or a
/// number, whichever came.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreatedOrder {
    /// `id`: ZYL's row id.
    pub id: Option<String>,
    /// `orderId` (e.g. `ILS2023…`): ZYL's order number = `forwarder_order_id`.
    pub order_id: Option<String>,
    /// `conCode`: the consignment (tracking) number.
    pub con_code: Option<String>,
    /// `refCode`: a second number the label and tracking calls also accept.
    pub ref_code: Option<String>,
    /// `clientCode`: our `cust_ref` echoed.
    pub client_code: Option<String>,
    /// `customerId`.
    pub customer_id: Option<String>,
    /// `productCode`: the product the chargecode resolved to.
    pub product_code: Option<String>,
    /// `productName`.
    pub product_name: Option<String>,
    /// `preWeight` (kg).
    pub pre_weight: Option<Decimal>,
    /// `preCbm` (m³).
    pub pre_cbm: Option<Decimal>,
    /// `preParcelNumber`.
    pub pre_parcel_number: Option<i64>,
    /// `orderStatus`.
    pub order_status: Option<i64>,
    /// `warehouseCode`.
    pub warehouse_code: Option<String>,
    /// `hsDeclarationType` (e.g. 买单报关).
    pub hs_declaration_type: Option<String>,
}

impl CreatedOrder {
    /// Reads the success `body`.
    pub fn from_answer(answer: &Answer) -> Self {
        let text = |key: &str| answer.body_text(&[key]);
        let body = answer.body_object();
        let decimal = |key: &str| body.and_then(|b| b.get(key)).and_then(value_decimal);
        let int = |key: &str| body.and_then(|b| b.get(key)).and_then(value_int);
        Self {
            id: text("id"),
            order_id: text("orderId"),
            con_code: text("conCode"),
            ref_code: text("refCode"),
            client_code: text("clientCode"),
            customer_id: text("customerId"),
            product_code: text("productCode"),
            product_name: text("productName"),
            pre_weight: decimal("preWeight"),
            pre_cbm: decimal("preCbm"),
            pre_parcel_number: int("preParcelNumber"),
            order_status: int("orderStatus"),
            warehouse_code: text("warehouseCode"),
            hs_declaration_type: text("hsDeclarationType"),
        }
    }

    /// The number to track by: `conCode`, else `refCode`, else (a service without either)
    /// ZYL's `orderId`, which still names the parcel.
    pub fn tracking_number(&self) -> Option<&str> {
        self.con_code
            .as_deref()
            .or(self.ref_code.as_deref())
            .or(self.order_id.as_deref())
    }
}

/// What an `orderByApi` HTTP answer means for the user's money.
pub fn parse_create_order(response: &WireResponse) -> CreateOutcome {
    let Some(answer) = Answer::parse(&response.body) else {
        return not_an_answer(response);
    };
    let error = |code: Option<i64>, explanation: Text| ForwarderError {
        http_status: Some(response.status),
        forwarder_code: code.map(|c| c.to_string()),
        forwarder_message: answer.msg.clone(),
        explanation,
        authentication: matches!(code, Some(code::UNAUTHORIZED | code::FORBIDDEN))
            || matches!(response.status, 401 | 403),
    };
    let Some(status) = answer.code else {
        // JSON, but nobody said yes or no: it may have been bought.
        return CreateOutcome::Unreadable(error(
            None,
            Text::new(
                "ZYL's answer has no result code. The order may or may not have been created: shipdesk will check before sending again.",
                "ZYL 应答中没有结果代码，无法确认是否已下单：再次提交前 shipdesk 会先核对。",
            ),
        ));
    };
    match status {
        code::OK | code::CREATED => {
            let order = CreatedOrder::from_answer(&answer);
            let Some(tracking) = order.tracking_number().map(str::to_owned) else {
                return CreateOutcome::Unreadable(error(
                    Some(status),
                    Text::new(
                        "ZYL said the order was submitted but sent neither an order id nor a tracking number. It may have been bought: check before sending again.",
                        "ZYL 返回提交成功，但既没有订单号也没有跟踪号，可能已扣费：再次提交前请先核对。",
                    ),
                ));
            };
            CreateOutcome::Created(Booking {
                tracking_number: tracking,
                forwarder_order_id: order.order_id,
                // The label comes from a second call (findOrderLabelByCode).
                label: None,
            })
        }
        code::UNAUTHORIZED | code::FORBIDDEN => CreateOutcome::Refused(error(
            Some(status),
            Text::new(
                "ZYL did not accept this account's ileId/sign (or the MD5 header). Nothing was charged: check them, and the account's authentication mode, with ZYL.",
                "ZYL 未接受该账号的 ileId/sign（或 MD5 请求头），未扣费：请向 ZYL 核对密钥及账号的认证方式。",
            ),
        )),
        _ if looks_like_duplicate(&answer.msg) => CreateOutcome::DuplicateReference(error(
            Some(status),
            Text::new(
                "ZYL already has an order with this reference number (cust_ref).",
                "ZYL 已有使用该客户单号（cust_ref）的订单。",
            ),
        )),
        code::PRODUCT_CODE_FAILED => CreateOutcome::Refused(error(
            Some(status),
            Text::new(
                "ZYL could not resolve the channel (远程请求productCode失败). Nothing was charged: check the chargecode with ZYL IT and send again.",
                "ZYL 无法解析渠道（远程请求productCode失败），未扣费：请向 ZYL IT 核对渠道编码后重新提交。",
            ),
        )),
        code::SYSTEM_ERROR => CreateOutcome::Refused(error(
            Some(status),
            Text::new(
                "ZYL reported a system error (系统异常) and did not accept the order. Send again later; the same reference cannot be bought twice.",
                "ZYL 返回系统异常，未接受该订单：请稍后重新提交，同一参考号不会重复下单。",
            ),
        )),
        _ => CreateOutcome::Refused(error(
            Some(status),
            Text::new(
                "ZYL refused the order. Nothing was charged: correct what it says and send again.",
                "ZYL 拒绝了该订单，未扣费：请按提示修改后重新提交。",
            ),
        )),
    }
}

/// INFERENCE (no public example): the message says the customer reference already exists or is
/// repeated (the sandbox answers `客户单号[…]已存在`).
pub fn looks_like_duplicate(message: &str) -> bool {
    let words = message.to_lowercase();
    let about_reference = ["单号", "参考号", "cust_ref", "reference", "clientcode"]
        .iter()
        .any(|w| words.contains(w));
    let repeated = ["已存在", "重复", "already exist", "duplicate"]
        .iter()
        .any(|w| words.contains(w));
    about_reference && repeated
}

/// A body that is not ZYL's JSON envelope: a proxy page, a cut-off answer, nothing.
fn not_an_answer(response: &WireResponse) -> CreateOutcome {
    let what = if response.looks_like_html() {
        "an HTML page"
    } else if response.body.is_empty() {
        "an empty answer"
    } else {
        "an answer that is not ZYL's JSON"
    };
    let error = |explanation: Text| ForwarderError {
        http_status: Some(response.status),
        forwarder_code: None,
        forwarder_message: excerpt(&response.body_text()),
        explanation,
        authentication: matches!(response.status, 401 | 403),
    };
    // A 4xx that is not ZYL's own envelope never reached the order service: nothing was bought.
    if (400..500).contains(&response.status) {
        return CreateOutcome::Refused(error(Text::new(
            format!(
                "ZYL's server answered HTTP {} with {what}. Nothing was bought: check the account's base URL.",
                response.status
            ),
            format!(
                "ZYL 服务器返回 HTTP {}（{what}），未下单：请检查账号的接口地址。",
                response.status
            ),
        )));
    }
    CreateOutcome::Unreadable(error(Text::new(
        format!(
            "ZYL answered HTTP {} with {what}. The order may or may not have been created: shipdesk will check before sending again.",
            response.status
        ),
        format!(
            "ZYL 返回 HTTP {}（{what}），无法确认是否已下单：再次提交前 shipdesk 会先核对。",
            response.status
        ),
    )))
}

pub use crate::carriers::lenient::excerpt;

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> WireResponse {
        WireResponse {
            status,
            content_type: Some("application/json".to_owned()),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn numbers_fall_back_in_order() {
        let created = parse_create_order(&answer(
            200,
            r#"{"code":"200","msg":"","body":{"orderId":"ILS1","refCode":"R1"}}"#,
        ));
        assert_eq!(
            created,
            CreateOutcome::Created(Booking {
                tracking_number: "R1".to_owned(),
                forwarder_order_id: Some("ILS1".to_owned()),
                label: None,
            })
        );
        let bare = parse_create_order(&answer(200, r#"{"code":200,"body":{}}"#));
        assert!(matches!(bare, CreateOutcome::Unreadable(_)), "{bare:?}");
    }

    #[test]
    fn refusals_by_code() {
        let auth = parse_create_order(&answer(
            200,
            r#"{"code":401,"msg":"Unauthorized","body":{}}"#,
        ));
        assert!(
            matches!(&auth, CreateOutcome::Refused(e) if e.authentication),
            "{auth:?}"
        );
        let duplicate = parse_create_order(&answer(
            200,
            r#"{"code":51001,"msg":"客户单号[A1]已存在","body":{}}"#,
        ));
        assert!(matches!(duplicate, CreateOutcome::DuplicateReference(_)));
        let html = parse_create_order(&WireResponse {
            status: 502,
            content_type: Some("text/html".to_owned()),
            body: b"<html>bad gateway</html>".to_vec(),
        });
        assert!(matches!(html, CreateOutcome::Unreadable(_)));
        let not_found = parse_create_order(&answer(404, "Not Found"));
        assert!(matches!(not_found, CreateOutcome::Refused(_)));
        let no_code = parse_create_order(&answer(200, r#"{"body":{"orderId":"X"}}"#));
        assert!(matches!(no_code, CreateOutcome::Unreadable(_)));
    }

    #[test]
    fn duplicate_words() {
        assert!(looks_like_duplicate("客户单号[A1]已存在"));
        assert!(looks_like_duplicate("cust_ref duplicate"));
        assert!(!looks_like_duplicate("包裹条码已存在"));
        assert!(!looks_like_duplicate(""));
    }
}
