use crate::model::{Money, Text};

/// Where the label can be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabelSource {
    /// A download link (may expire: fetch at once).
    Url(String),
    /// The label bytes came in the answer itself.
    Inline(Vec<u8>),
}

/// A call made after a shipment is bought, to get what did not come with the create answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowUp {
    /// Ask for the tracking number (ECCANG getTrackNumber).
    TrackingNumber,
    /// Ask for the label (ECCANG getLabelUrl).
    Label,
}

/// The numbers a bought shipment is known by, for a follow-up call: forwarders differ in which
/// one they look an order up by (ECCANG: our reference; ZYL: only its own numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrderNumbers<'a> {
    /// Our reference (客户参考号).
    pub reference: &'a str,
    /// The tracking number, once known.
    pub tracking_number: Option<&'a str>,
    /// The forwarder's own order id, when it gave one.
    pub forwarder_order_id: Option<&'a str>,
}

impl<'a> OrderNumbers<'a> {
    /// Only our reference is known.
    pub fn by_reference(reference: &'a str) -> Self {
        Self {
            reference,
            tracking_number: None,
            forwarder_order_id: None,
        }
    }
}

/// The answer to a follow-up call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FollowUpAnswer {
    /// The tracking number is assigned.
    TrackingNumber(String),
    /// The label is ready here.
    Label(LabelSource),
    /// The forwarder finished an asynchronous order: its numbers, and what it charged.
    Numbered(NumberedOrder),
    /// The forwarder says the asynchronous order failed after it was committed (the balance it
    /// reserved may still be held: see [`crate::carriers::Capabilities::refund`]).
    OrderFailed(ForwarderError),
    /// Asked by our reference, the forwarder has no such order (nothing was committed).
    NoSuchOrder(ForwarderError),
    /// Not ready yet: ask again later.
    NotYet,
    /// The forwarder refused or the answer could not be read (ask again later; say why).
    Problem(ForwarderError),
}

/// What an asynchronous order turned into once the forwarder finished it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberedOrder {
    /// Carrier tracking number (跟踪号).
    pub tracking_number: String,
    /// The forwarder's own order id, when the answer names it.
    pub forwarder_order_id: Option<String>,
    /// What the forwarder charged, when the answer says.
    pub charged: Option<Money>,
}

/// What a forwarder gave back for a bought shipment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Booking {
    /// Carrier tracking number (跟踪号).
    pub tracking_number: String,
    /// The forwarder's own order id (运单号), when it gives one.
    pub forwarder_order_id: Option<String>,
    /// Where the label is.
    pub label: Option<LabelSource>,
}

/// A forwarder's refusal or an answer that could not be understood, kept as data for the UI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForwarderError {
    /// HTTP status, when there was an answer.
    pub http_status: Option<u16>,
    /// The forwarder's own error code, as it sent it.
    pub forwarder_code: Option<String>,
    /// The forwarder's own message, verbatim (often Chinese).
    pub forwarder_message: String,
    /// What it means and what to do, for a packer.
    pub explanation: Text,
    /// The forwarder did not accept the credentials or signature (so it looked at nothing else).
    pub authentication: bool,
}

impl ForwarderError {
    /// An error in shipdesk's own words, with nothing from the forwarder: no call of that kind,
    /// no answer, nothing to ask about yet.
    pub fn local(explanation: Text) -> Self {
        Self {
            http_status: None,
            forwarder_code: None,
            forwarder_message: String::new(),
            explanation,
            authentication: false,
        }
    }

    /// A message for a packer: the explanation, then the forwarder's own words.
    pub fn describe(&self) -> Text {
        let own = self.own_words();
        if own.is_empty() {
            return self.explanation.clone();
        }
        Text::new(
            format!("{} (forwarder said: {own})", self.explanation.en),
            format!("{}（物流商返回：{own}）", self.explanation.zh),
        )
    }

    fn own_words(&self) -> String {
        match (&self.forwarder_code, self.forwarder_message.trim()) {
            (Some(code), "") => format!("code {code}"),
            (Some(code), msg) => format!("{code} {msg}"),
            (None, msg) => msg.to_owned(),
        }
    }
}

/// What a create-order answer means for the user's money.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CreateOutcome {
    /// Bought: here is the tracking number.
    Created(Booking),
    /// Bought, but the tracking number comes later (ECCANG `track_status` 2): poll for it.
    NumberLater {
        /// The forwarder's own order id, when it gave one.
        forwarder_order_id: Option<String>,
    },
    /// Refused: nothing was bought; fix and send again.
    Refused(ForwarderError),
    /// The forwarder already has an order under this reference.
    DuplicateReference(ForwarderError),
    /// An answer came but cannot be understood: it may or may not have been bought.
    Unreadable(ForwarderError),
}
