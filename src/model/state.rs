use serde::{Deserialize, Serialize};

use super::Text;

/// Where a shipment is in its life. Stored as its `as_str` name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShipmentState {
    /// Typed but not sent.
    Draft,
    /// Recorded and being sent to the forwarder right now (or the app stopped while sending).
    Submitting,
    /// Bought; the forwarder assigns the tracking number later (polled).
    AwaitingNumber,
    /// Bought, tracking number known; the label is still being made (polled).
    AwaitingLabel,
    /// The forwarder accepted it and gave a tracking number; the label is stored or still pending.
    Created,
    /// The label went to a printer at least once.
    Printed,
    /// The forwarder refused it: nothing was bought.
    Failed,
    /// Sent, but the answer was lost (time-out, broken connection, unreadable reply).
    /// It may or may not have been bought: it must be reconciled, never blindly resent.
    Unknown,
    /// The forwarder confirmed an order exists under this reference, but its answer with the
    /// tracking number was lost and this forwarder offers no way to look it up. Money is spent.
    BoughtNoTracking,
    /// Cancelled at the forwarder.
    Cancelled,
    /// The order failed at the forwarder after it was committed, and the forwarder keeps the
    /// balance reserved until a refund is asked for (logssc: "当下单失败请及时调用退款接口").
    RefundDue,
    /// The forwarder accepted the refund request: the reserved balance is released.
    Refunded,
}

impl ShipmentState {
    /// Every state, in lifecycle order.
    pub const ALL: [Self; 12] = [
        Self::Draft,
        Self::Submitting,
        Self::AwaitingNumber,
        Self::AwaitingLabel,
        Self::Created,
        Self::Printed,
        Self::Failed,
        Self::Unknown,
        Self::BoughtNoTracking,
        Self::Cancelled,
        Self::RefundDue,
        Self::Refunded,
    ];

    /// The stable name stored in the database and shown by the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitting => "submitting",
            Self::AwaitingNumber => "awaiting_number",
            Self::AwaitingLabel => "awaiting_label",
            Self::Created => "created",
            Self::Printed => "printed",
            Self::Failed => "failed",
            Self::Unknown => "unknown",
            Self::BoughtNoTracking => "bought_no_tracking",
            Self::Cancelled => "cancelled",
            Self::RefundDue => "refund_due",
            Self::Refunded => "refunded",
        }
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// What a person sees.
    pub fn label(self) -> Text {
        match self {
            Self::Draft => Text::new("Draft", "草稿"),
            Self::Submitting => Text::new("Sending", "提交中"),
            Self::AwaitingNumber => Text::new(
                "Bought – waiting for tracking number",
                "已下单 – 等待跟踪号",
            ),
            Self::AwaitingLabel => Text::new("Bought – waiting for label", "已下单 – 等待面单"),
            Self::Created => Text::new("Created", "已创建"),
            Self::Printed => Text::new("Printed", "已打印"),
            Self::Failed => Text::new("Failed (not charged)", "失败（未扣费）"),
            Self::Unknown => Text::new("Unknown – check needed", "状态未知 – 需核对"),
            Self::BoughtNoTracking => {
                Text::new("Bought – tracking number missing", "已下单 – 缺跟踪号")
            }
            Self::Cancelled => Text::new("Cancelled", "已取消"),
            Self::RefundDue => Text::new(
                "Failed – balance held, refund due",
                "下单失败 – 余额占用，待退款",
            ),
            Self::Refunded => Text::new("Refunded", "已退款"),
        }
    }

    /// States that may hold the user's money and must stay visible until settled.
    pub fn may_hold_money(self) -> bool {
        matches!(
            self,
            Self::Submitting
                | Self::AwaitingNumber
                | Self::AwaitingLabel
                | Self::Created
                | Self::Printed
                | Self::Unknown
                | Self::BoughtNoTracking
                | Self::RefundDue
        )
    }

    /// States that need reconciling with the forwarder before anything else is done.
    pub fn needs_reconciling(self) -> bool {
        matches!(self, Self::Submitting | Self::Unknown)
    }
}

/// What moves a shipment from one state to another. Each says from which states it may: this is
/// the one place that says which state may follow which. Every change is recorded only if the
/// shipment is still in one of these states (compare-and-set), so a late answer or a second
/// window never moves a shipment that another change already settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    /// The answer (or its loss) to a reference's first send, or to a new send after a refusal.
    SendAnswered,
    /// The answer to a re-send or lookup made to settle a lost answer.
    Reconciled,
    /// An order settled `failed` by a lookup ("no such order", after the forwarder's placing
    /// window) that the look once more finds after all: placed late, so it is bought after all.
    FoundLater,
    /// A polled tracking number arrived, or the news that the order failed after commit.
    NumberArrived,
    /// A polled label arrived.
    LabelArrived,
    /// The forwarder accepted a cancel.
    Cancel,
    /// The forwarder accepted a refund.
    Refund,
    /// The label went to a printer for the first time (a reprint changes no state).
    Print,
    /// The forwarder took a corrected weight (after re-weighing). The shipment stays in its
    /// state: the note is kept in its audit trail and message.
    Reweigh,
    /// The forwarder took an intercept (拦截: hold the parcel). The shipment stays bought (the
    /// parcel still holds the money, and may be released or returned): the state does not move,
    /// and the accepted intercept is a note in its audit trail and message, recorded only while
    /// the shipment is still in one of these states, so a cancel that won the race is never
    /// overwritten.
    Intercept,
}

impl Transition {
    /// The states this change may start from.
    pub const fn from(self) -> &'static [ShipmentState] {
        use ShipmentState as S;
        match self {
            Self::SendAnswered => &[S::Submitting],
            Self::Reconciled => &[S::Submitting, S::Unknown],
            // Only from `failed`, and only the look once more uses it (only a shipment settled
            // failed by a lookup has one scheduled). Safe because every change is a
            // compare-and-set: a failed shipment the packer has meanwhile shipped again is
            // `submitting` (or whatever its new send made it), so a late "found" changes nothing
            // and that send's own answer settles it. If the new send failed too, the order the
            // look found is the only one under this reference (the forwarder refuses a repeated
            // reference), so showing it as bought is what is true.
            Self::FoundLater => &[S::Failed],
            Self::NumberArrived => &[S::AwaitingNumber],
            Self::LabelArrived => &[S::AwaitingLabel],
            // Bought (or possibly bought) and not cancelled.
            Self::Cancel => &[
                S::AwaitingNumber,
                S::AwaitingLabel,
                S::Created,
                S::Printed,
                S::BoughtNoTracking,
            ],
            Self::Refund => &[S::RefundDue, S::Cancelled],
            Self::Print => &[S::Created],
            // A parcel that exists at the forwarder, bought and not cancelled.
            Self::Reweigh | Self::Intercept => &[
                S::AwaitingNumber,
                S::AwaitingLabel,
                S::Created,
                S::Printed,
                S::BoughtNoTracking,
            ],
        }
    }

    /// Whether a shipment in `state` may take this change.
    pub fn allowed_from(self, state: ShipmentState) -> bool {
        self.from().contains(&state)
    }
}

#[cfg(test)]
mod tests {
    use super::{ShipmentState as S, Transition};

    #[test]
    fn money_states_can_be_cancelled_and_only_failed_or_cancelled_orders_refunded() {
        for state in S::ALL {
            let bought = matches!(
                state,
                S::AwaitingNumber
                    | S::AwaitingLabel
                    | S::Created
                    | S::Printed
                    | S::BoughtNoTracking
            );
            assert_eq!(Transition::Cancel.allowed_from(state), bought, "{state:?}");
            assert_eq!(
                Transition::Refund.allowed_from(state),
                matches!(state, S::RefundDue | S::Cancelled),
                "{state:?}"
            );
        }
    }

    #[test]
    fn only_a_bought_parcel_not_cancelled_is_reweighed_or_intercepted() {
        for state in S::ALL {
            let bought = Transition::Cancel.allowed_from(state);
            assert_eq!(
                Transition::Intercept.allowed_from(state),
                bought,
                "{state:?}"
            );
            assert_eq!(Transition::Reweigh.allowed_from(state), bought, "{state:?}");
        }
        assert!(!Transition::Intercept.allowed_from(S::Cancelled));
        assert!(!Transition::Intercept.allowed_from(S::Unknown));
    }

    #[test]
    fn only_a_lost_answer_is_reconciled_and_only_a_first_print_changes_the_state() {
        assert_eq!(Transition::Reconciled.from(), &[S::Submitting, S::Unknown]);
        assert_eq!(Transition::SendAnswered.from(), &[S::Submitting]);
        assert_eq!(Transition::FoundLater.from(), &[S::Failed]);
        assert!(Transition::Print.allowed_from(S::Created));
        assert!(!Transition::Print.allowed_from(S::Printed));
        assert!(!Transition::Print.allowed_from(S::Cancelled));
    }
}
