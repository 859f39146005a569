use rust_decimal::Decimal;

use super::wire::{CreateOrderRequest, CreatedData, Envelope, WireAddress};
use crate::carriers::lenient::excerpt;
use crate::carriers::{Account, Booking, CreateOutcome, ForwarderError, LabelSource, WireResponse};
use crate::model::{
    Address, LengthUnit, Shipment, Text, ValidationIssue, WeightUnit, round_never_zero,
};

/// Path of the create call, relative to the account's base URL.
pub const CREATE_ORDER_PATH: &str = "/v1/open-api/createOrder";

/// The `forwarder_fields` Western Post understands, and the seed field each fills.
pub const FIELDS: [(&str, &str); 3] = [
    ("product_type", "ptCode"),
    ("real_customer", "realCustomers"),
    ("site_code", "siteCode"),
];

/// Decimals sent for dimensions and weight (the seed's example uses two).
const QUANTITY_DP: u32 = 2;
/// Decimals kept in the declared value (the seed's example has six).
const VALUE_DP: u32 = 6;

/// Western Post's own rules.
pub fn validate(shipment: &Shipment, account: &Account) -> Vec<ValidationIssue> {
    let mut issues = Vec::new();
    if shipment.parcels.len() > 1 {
        issues.push(ValidationIssue::new(
            "parcels",
            "Western Post takes one box per waybill (一票一件): ship each box as its own shipment",
            "西邮为一票一件：请把每个箱子分别下单",
        ));
    }
    if service_code(shipment, account).is_empty() {
        issues.push(ValidationIssue::new(
            "service_code",
            "Choose a Western Post service code (e.g. WP_GROUND)",
            "请选择西邮服务渠道编码（如 WP_GROUND）",
        ));
    }
    // Seed 000 has no currency field: declaredValue is read as US dollars (a US domestic service).
    if shipment.effective_declared_value().is_some() && shipment.effective_currency() != "USD" {
        issues.push(ValidationIssue::new(
            "currency",
            format!(
                "Western Post takes the declared value in USD; this order is in {}",
                shipment.effective_currency()
            ),
            format!(
                "西邮申报价值须为美元（USD），当前为 {}",
                shipment.effective_currency()
            ),
        ));
    }
    for name in shipment.forwarder_fields.keys() {
        if !FIELDS.iter().any(|(known, _)| known == name) {
            let known = FIELDS.map(|(k, _)| k).join(", ");
            issues.push(ValidationIssue::new(
                format!("forwarder_fields.{name}"),
                format!("Western Post has no field \"{name}\" (it knows: {known})"),
                format!("西邮没有字段“{name}”（可用：{known}）"),
            ));
        }
    }
    issues
}

fn service_code<'a>(shipment: &'a Shipment, account: &'a Account) -> &'a str {
    let own = shipment.service_code.trim();
    if own.is_empty() {
        account.settings.default_service_code.trim()
    } else {
        own
    }
}

/// The seed's createOrder body for a shipment. Units: Western Post takes IN or CM and LB or KG as
/// declared; grams and ounces are converted to KG and LB. Rounding happens here, once.
pub fn build_create_order(shipment: &Shipment, account: &Account) -> CreateOrderRequest {
    let (dimensions, size_unit, weight, weight_unit) = match shipment.parcels.first() {
        Some(parcel) => {
            let weight_unit = match parcel.weight_unit {
                WeightUnit::Kg | WeightUnit::G => WeightUnit::Kg,
                WeightUnit::Lb | WeightUnit::Oz => WeightUnit::Lb,
            };
            (
                parcel.dimensions_in(parcel.dimension_unit),
                parcel.dimension_unit,
                parcel.weight_in(weight_unit),
                weight_unit,
            )
        }
        None => (
            [Decimal::ZERO; 3],
            LengthUnit::Cm,
            Decimal::ZERO,
            WeightUnit::Kg,
        ),
    };
    let [length, width, height] = dimensions.map(|v| round_never_zero(v, QUANTITY_DP));
    CreateOrderRequest {
        ref2: shipment.reference2.clone(),
        ref3: shipment.reference3.clone(),
        reference_no: shipment.reference.trim().to_owned(),
        remark: shipment.remark.clone(),
        sc_code: service_code(shipment, account).to_owned(),
        insurance_flag: u8::from(shipment.options.insurance),
        pt_code: shipment.forwarder_field("product_type").to_owned(),
        real_customers: shipment.forwarder_field("real_customer").to_owned(),
        signature_flag: u8::from(shipment.options.signature),
        site_code: shipment.forwarder_field("site_code").to_owned(),
        orders_length: length,
        orders_width: width,
        orders_height: height,
        orders_weight: round_never_zero(weight, QUANTITY_DP),
        size_unit: size_unit.code().to_owned(),
        weight_unit: weight_unit.code().to_owned(),
        declared_value: shipment
            .effective_declared_value()
            .map(|v| round_never_zero(v, VALUE_DP).to_string()),
        recipient_address: wire_address(&shipment.recipient),
        sender_address: wire_address(&shipment.sender),
    }
}

fn wire_address(address: &Address) -> WireAddress {
    // Western Post splits first and last name; a packer types one name, which goes in first.
    let street = [address.street1.trim(), address.street2.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    WireAddress {
        city: address.city.trim().to_owned(),
        company: address.company.trim().to_owned(),
        country_code: address.country_code.trim().to_uppercase(),
        doorplate: address.house_number.trim().to_owned(),
        firstname: address.name.trim().to_owned(),
        lastname: String::new(),
        phone: address.phone.trim().to_owned(),
        postcode: address.postcode.trim().to_owned(),
        state: address.state.trim().to_owned(),
        street_address1: street,
        zipcode_zone: address.postcode_zone.trim().to_owned(),
    }
}

/// What Western Post's answer means.
pub fn parse_create_order(response: &WireResponse) -> CreateOutcome {
    let envelope = match serde_json::from_slice::<Envelope>(&response.body) {
        Ok(envelope) => envelope,
        Err(_) => return unreadable_or_refused(response),
    };
    let message = envelope.msg.clone().unwrap_or_default();
    let code = envelope
        .code
        .or((response.status != 200).then_some(i64::from(response.status)));
    let Some(code) = code else {
        // JSON, but not Western Post's envelope: nobody said yes or no, so it may have been bought.
        return CreateOutcome::Unreadable(ForwarderError {
            http_status: Some(response.status),
            forwarder_code: None,
            forwarder_message: excerpt(&response.body_text()),
            explanation: Text::new(
                "Western Post's answer has no result code. The order may or may not have been created: shipdesk will check before sending again.",
                "西邮应答中没有结果代码，无法确认是否已下单：再次提交前 shipdesk 会先核对。",
            ),
            authentication: false,
        });
    };
    let is_auth = code == 401 || response.status == 401;
    let error = |explanation: Text| ForwarderError {
        http_status: Some(response.status),
        forwarder_code: Some(code.to_string()),
        forwarder_message: message.clone(),
        explanation,
        authentication: is_auth,
    };

    if code == 200 && envelope.success != Some(false) {
        let data: CreatedData = serde_json::from_value(envelope.data.clone()).unwrap_or_default();
        let tracking = data.tracking_number.unwrap_or_default();
        if tracking.trim().is_empty() {
            return CreateOutcome::Unreadable(error(Text::new(
                "Western Post said the order was created but sent no tracking number. It may have been bought: shipdesk will check before sending again.",
                "西邮返回创建成功但没有跟踪号，可能已扣费：再次提交前 shipdesk 会先核对。",
            )));
        }
        let label = data
            .label_file
            .filter(|url| !url.trim().is_empty())
            .map(|url| LabelSource::Url(url.trim().to_owned()));
        return CreateOutcome::Created(Booking {
            tracking_number: tracking.trim().to_owned(),
            forwarder_order_id: None,
            label,
        });
    }
    if is_auth {
        return CreateOutcome::Refused(error(Text::new(
            "Western Post did not accept this account's credentials or signature. Nothing was charged. Check the openKeyId and secretKey, the signed-path setting, and that this computer's clock is correct.",
            "西邮认证失败，未扣费。请检查 openKeyId、secretKey、签名路径设置，以及本机时间是否准确。",
        )));
    }
    if message.contains("已存在") || message.to_ascii_lowercase().contains("already exist") {
        return CreateOutcome::DuplicateReference(error(Text::new(
            "Western Post already has an order with this reference number.",
            "西邮已有使用该参考号的订单。",
        )));
    }
    CreateOutcome::Refused(error(Text::new(
        "Western Post refused the order. Nothing was charged: correct what it says and send again.",
        "西邮拒绝了该订单，未扣费：请按提示修改后重新提交。",
    )))
}

/// A body that is not the JSON envelope: a proxy page, a truncated answer, garbage.
fn unreadable_or_refused(response: &WireResponse) -> CreateOutcome {
    let what = if response.looks_like_html() {
        "an HTML page"
    } else if response.body.is_empty() {
        "an empty answer"
    } else {
        "an answer that is not valid JSON"
    };
    let error = |explanation: Text| ForwarderError {
        http_status: Some(response.status),
        forwarder_code: None,
        forwarder_message: excerpt(&response.body_text()),
        explanation,
        authentication: response.status == 401,
    };
    // A 4xx that is not Western Post's own envelope means the request never reached the order
    // service (wrong address, blocked): nothing can have been bought.
    if (400..500).contains(&response.status) {
        return CreateOutcome::Refused(error(Text::new(
            format!(
                "Western Post's server answered HTTP {} with {what}. Nothing was bought: check the account's base URL.",
                response.status
            ),
            format!(
                "西邮服务器返回 HTTP {}（{what}），未下单：请检查账号的接口地址。",
                response.status
            ),
        )));
    }
    CreateOutcome::Unreadable(error(Text::new(
        format!(
            "Western Post answered HTTP {} with {what}. The order may or may not have been created: shipdesk will check before sending again.",
            response.status
        ),
        format!(
            "西邮返回 HTTP {}（{what}），无法确认是否已下单：再次提交前 shipdesk 会先核对。",
            response.status
        ),
    )))
}

/// The connection test's answer: anything Western Post answers in its own envelope, other than
/// an authentication failure, proves the credentials and signature.
pub fn parse_connection_test(response: &WireResponse) -> Result<Text, ForwarderError> {
    let error = |explanation: Text, authentication: bool, code: Option<i64>, message: String| {
        ForwarderError {
            http_status: Some(response.status),
            forwarder_code: code.map(|c| c.to_string()),
            forwarder_message: message,
            explanation,
            authentication,
        }
    };
    let Ok(envelope) = serde_json::from_slice::<Envelope>(&response.body) else {
        return Err(error(
            Text::new(
                format!(
                    "The server at this address did not answer like Western Post (HTTP {}). Check the base URL.",
                    response.status
                ),
                format!(
                    "该地址的服务器应答不像西邮接口（HTTP {}），请检查接口地址。",
                    response.status
                ),
            ),
            false,
            None,
            excerpt(&response.body_text()),
        ));
    };
    let message = envelope.msg.clone().unwrap_or_default();
    if envelope.code == Some(401) || response.status == 401 {
        return Err(error(
            Text::new(
                "Western Post refused the credentials or the signature. Check the openKeyId and secretKey, the signed-path setting, and this computer's clock.",
                "西邮认证失败：请检查 openKeyId、secretKey、签名路径设置和本机时间。",
            ),
            true,
            envelope.code,
            message,
        ));
    }
    Ok(Text::new(
        format!(
            "Connected: Western Post accepted the credentials and the signature (it answered: {message})."
        ),
        format!("连接成功：西邮已接受密钥和签名（返回：{message}）。"),
    ))
}
