//! What a forwarder's answer means for a shipment, decided without any I/O: the answer (already
//! parsed by the forwarder's dialect, or lost on the way) and which send it answers go in; the
//! new state, what was bought and what a packer should read come out. The callers record the
//! decision; the tables at the bottom pin every case.

use crate::carriers::{Booking, CreateOutcome, FollowUpAnswer, ForwarderError};
use crate::engine::http::TransportError;
use crate::model::{Money, ShipmentState, Text, Transition};

/// Which send of a reference an answer belongs to: it changes what a duplicate or a refusal proves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::engine) enum Attempt {
    /// The reference's first send.
    First,
    /// A new send after an earlier one was refused (the row was `failed`).
    Retry,
    /// Reconciliation re-sending after a lost answer (the row was `unknown` or `submitting`).
    Resend,
    /// Reconciliation re-sending after a lookup by our reference said the forwarder has no such
    /// order (ECCANG). A refusal of this send settles nothing by itself: a host's words for
    /// "that reference already exists" may not be recognised, and an order committed late may
    /// have landed between the lookup and this send; the forwarder is asked once more
    /// ([`after_refused_resend`]).
    ResendAfterLookup,
}

impl Attempt {
    /// The change an answer to this send makes (and so the states it may settle from).
    pub(in crate::engine) fn transition(self) -> Transition {
        match self {
            Self::First | Self::Retry => Transition::SendAnswered,
            Self::Resend | Self::ResendAfterLookup => Transition::Reconciled,
        }
    }

    /// Whether this send is reconciliation's: nothing arriving, or a refusal, says nothing about
    /// the first send.
    fn is_resend(self) -> bool {
        matches!(self, Self::Resend | Self::ResendAfterLookup)
    }
}

/// What the forwarder can be asked after a create, as far as an answer's meaning depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::engine) struct FollowUps {
    /// It makes the label on request (so a create answer without one is polled for it).
    pub label: bool,
    /// It looks an order up by our reference (so a duplicate can be asked for its number).
    pub tracking_number: bool,
}

/// What a create answer means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(in crate::engine) struct CreateDecision {
    /// The shipment's new state.
    pub state: ShipmentState,
    /// What was bought, when the answer says.
    pub booking: Option<Booking>,
    /// What a packer should read.
    pub message: Option<Text>,
}

/// The meaning of the answer to a create (`Ok`: as the dialect read it; `Err`: none arrived).
pub(in crate::engine) fn after_create(
    forwarder: &Text,
    answer: Result<CreateOutcome, &TransportError>,
    attempt: Attempt,
    follow_ups: FollowUps,
) -> CreateDecision {
    let decided = |state, booking, message| CreateDecision {
        state,
        booking,
        message,
    };
    let outcome = match answer {
        Ok(outcome) => outcome,
        Err(error) => {
            // A connection that never opened sent nothing; but on a re-send, nothing arriving
            // says nothing about the first send.
            let state = if error.may_have_arrived || attempt.is_resend() {
                ShipmentState::Unknown
            } else {
                ShipmentState::Failed
            };
            return decided(
                state,
                None,
                Some(transport_message(forwarder, error, state)),
            );
        }
    };
    match outcome {
        CreateOutcome::Created(booking) => {
            // No label in the answer, but the forwarder makes one on request: poll for it.
            let state = if booking.label.is_none() && follow_ups.label {
                ShipmentState::AwaitingLabel
            } else {
                ShipmentState::Created
            };
            decided(state, Some(booking), None)
        }
        CreateOutcome::NumberLater { forwarder_order_id } => decided(
            ShipmentState::AwaitingNumber,
            Some(Booking {
                tracking_number: String::new(),
                forwarder_order_id,
                label: None,
            }),
            None,
        ),
        CreateOutcome::Refused(error) if attempt == Attempt::ResendAfterLookup => {
            let said = error.describe();
            let message = Text::new(
                format!(
                    "{} refused the order sent again: {}. That may be its way of saying the order exists, so nothing is settled yet: shipdesk asks it once more.",
                    forwarder.en, said.en
                ),
                format!(
                    "{}拒绝了重新提交的订单：{}。这可能表示订单已存在，暂不定论：shipdesk 再查询一次。",
                    forwarder.zh, said.zh
                ),
            );
            decided(ShipmentState::Unknown, None, Some(message))
        }
        CreateOutcome::Refused(error) => {
            decided(refusal_state(&error, attempt), None, Some(error.describe()))
        }
        CreateOutcome::DuplicateReference(error)
            if attempt != Attempt::First && follow_ups.tracking_number =>
        {
            // Our earlier send bought it, and this forwarder can look it up by reference.
            let message = Text::new(
                format!(
                    "{} confirms this order exists ({}): bought once, not twice; fetching its tracking number.",
                    forwarder.en, error.forwarder_message
                ),
                format!(
                    "{}确认该订单已存在（{}）：只下单一次；正在获取跟踪号。",
                    forwarder.zh, error.forwarder_message
                ),
            );
            decided(ShipmentState::AwaitingNumber, None, Some(message))
        }
        CreateOutcome::DuplicateReference(error) => {
            let (state, message) = duplicate(forwarder, &error, attempt);
            decided(state, None, Some(message))
        }
        CreateOutcome::Unreadable(error) => {
            decided(ShipmentState::Unknown, None, Some(error.describe()))
        }
    }
}

/// A refusal settles a first send or a retry (nothing was bought). On a re-send it settles only
/// when the forwarder itself refused the order for a reason of its own: refused credentials or a
/// gateway's page say nothing about whether the first send bought it.
fn refusal_state(error: &ForwarderError, attempt: Attempt) -> ShipmentState {
    let forwarders_own_refusal = error.forwarder_code.is_some() && !error.authentication;
    if attempt == Attempt::Resend && !forwarders_own_refusal {
        ShipmentState::Unknown
    } else {
        ShipmentState::Failed
    }
}

fn transport_message(forwarder: &Text, error: &TransportError, state: ShipmentState) -> Text {
    if state == ShipmentState::Unknown {
        Text::new(
            format!(
                "{}: {}. The order may or may not have been created. It will not be sent again under a new number: run Reconcile to find out.",
                forwarder.en, error.message.en
            ),
            format!(
                "{}：{}。无法确认是否已下单，不会换号重发：请运行“核对”确认。",
                forwarder.zh, error.message.zh
            ),
        )
    } else {
        Text::new(
            format!(
                "{}: {}. Nothing was sent, nothing was charged.",
                forwarder.en, error.message.en
            ),
            format!(
                "{}：{}。未发出请求，未扣费。",
                forwarder.zh, error.message.zh
            ),
        )
    }
}

fn duplicate(forwarder: &Text, error: &ForwarderError, attempt: Attempt) -> (ShipmentState, Text) {
    let own = error.forwarder_message.clone();
    match attempt {
        // Our first send under this reference: somebody else (another system, the portal) used it.
        Attempt::First => (
            ShipmentState::Failed,
            Text::new(
                format!(
                    "{} already has an order under this reference, made outside this send ({own}). Nothing was bought now: if it is yours, look it up in the {} portal; otherwise use a new reference.",
                    forwarder.en, forwarder.en
                ),
                format!(
                    "{}已有该参考号的订单（{own}），并非本次提交产生，本次未扣费：若是您的订单请到{}后台查询，否则请换一个参考号。",
                    forwarder.zh, forwarder.zh
                ),
            ),
        ),
        // We sent this reference before: the forwarder kept that order, bought once.
        Attempt::Retry | Attempt::Resend | Attempt::ResendAfterLookup => (
            ShipmentState::BoughtNoTracking,
            Text::new(
                format!(
                    "{} confirms this order exists: it was bought once, not twice. Its tracking number was lost with an earlier answer and {} offers no lookup by reference: find it in the {} portal.",
                    forwarder.en, forwarder.en, forwarder.en
                ),
                format!(
                    "{}确认该订单已存在：只下单一次，未重复扣费。跟踪号随之前的应答丢失，且该物流商不支持按参考号查询：请到{}后台查询。",
                    forwarder.zh, forwarder.zh
                ),
            ),
        ),
    }
}

/// Which lookup by our reference this is: it changes what "no such order" proves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::engine) enum Look {
    /// To settle a lost create (the shipment is `unknown` or `submitting`). `placing_until`:
    /// while the forwarder may still be placing an order sent then (see
    /// [`PLACING_WINDOW`](super::pacing::PLACING_WINDOW)), the end of that window (ms since the
    /// epoch); `None` once it has passed.
    Settling {
        /// The end of the placing window, while it lasts.
        placing_until: Option<i64>,
    },
    /// The look once more at an order settled `failed` by an earlier lookup.
    OnceMore,
}

/// Whether shipdesk looks the order up again by itself after this lookup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::engine) enum NextLook {
    /// It does not: settled, or left to a person's Reconcile.
    Never,
    /// Soon, with back-off: the forwarder may still be placing the order.
    BackOff,
    /// Once more, later: settled failed, in case the order appears after all.
    OnceMore,
}

/// What a lookup by our reference (made to settle a lost create) means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(in crate::engine) struct LookupDecision {
    /// The shipment's new state (on a look once more that finds nothing: still `failed`).
    pub state: ShipmentState,
    /// The tracking number, when the forwarder gave it.
    pub tracking_number: Option<String>,
    /// The forwarder's own order id, when it gave it.
    pub forwarder_order_id: Option<String>,
    /// What it charged, when it said.
    pub charged: Option<Money>,
    /// What a packer should read.
    pub message: Text,
    /// Whether shipdesk looks again by itself.
    pub next_look: NextLook,
}

/// The meaning of a lookup's answer (`Err`: none arrived). `refunds`: the forwarder holds the
/// balance of a failed order until a refund is asked for.
/// - numbers and fee: bought once; the label is polled next;
/// - still being placed: bought; the poller waits for its numbers;
/// - the order failed: its balance is held, so a refund is due;
/// - no such order, within the placing window: not proof (the forwarder may still be placing
///   it): still unknown, looked up again with back-off;
/// - no such order after it: nothing was placed; the packer may ship it again (same reference,
///   new fee preview; the forwarder's duplicate check still guards against buying twice), and
///   shipdesk looks once more later in case it appears after all;
/// - anything else: still unknown, with the forwarder's words (looked up again while the window
///   lasts).
///
/// A look once more changes the state only when it finds the order (any of the first three);
/// otherwise the shipment stays failed, with a note.
pub(in crate::engine) fn after_lookup(
    forwarder: &Text,
    answer: Result<FollowUpAnswer, &TransportError>,
    refunds: bool,
    look: Look,
) -> LookupDecision {
    let only = |state, message, next_look| LookupDecision {
        state,
        tracking_number: None,
        forwarder_order_id: None,
        charged: None,
        message,
        next_look,
    };
    // Not settled by this answer: still unknown (looked again while the window lasts), or, on
    // a look once more, still failed (looked once more again later).
    let unsettled = |message: Text| match look {
        Look::Settling {
            placing_until: Some(_),
        } => only(ShipmentState::Unknown, message, NextLook::BackOff),
        Look::Settling {
            placing_until: None,
        } => only(ShipmentState::Unknown, message, NextLook::Never),
        Look::OnceMore => only(
            ShipmentState::Failed,
            Text::new(
                format!(
                    "{} Looking once more at this failed order got no clear answer; shipdesk tries again later.",
                    message.en
                ),
                format!(
                    "{}再次查询该失败订单未得到明确答复；shipdesk 稍后再查。",
                    message.zh
                ),
            ),
            NextLook::OnceMore,
        ),
    };
    let answer = match answer {
        Ok(answer) => answer,
        Err(error) => {
            return unsettled(Text::new(
                format!(
                    "{}: {}. Still unknown: reconcile again later.",
                    forwarder.en, error.message.en
                ),
                format!(
                    "{}：{}。仍未知：请稍后再核对。",
                    forwarder.zh, error.message.zh
                ),
            ));
        }
    };
    let after_all = look == Look::OnceMore;
    match answer {
        FollowUpAnswer::Numbered(found) => LookupDecision {
            state: ShipmentState::AwaitingLabel,
            tracking_number: Some(found.tracking_number),
            forwarder_order_id: found.forwarder_order_id,
            charged: found.charged,
            message: if after_all {
                placed_late(forwarder)
            } else {
                Text::new(
                    format!(
                        "{} has this order: bought once, not twice; fetching its label.",
                        forwarder.en
                    ),
                    format!("{}确认该订单存在：只下单一次；正在获取面单。", forwarder.zh),
                )
            },
            next_look: NextLook::Never,
        },
        FollowUpAnswer::NotYet => only(
            ShipmentState::AwaitingNumber,
            if after_all {
                placed_late(forwarder)
            } else {
                Text::new(
                    format!(
                        "{} has this order and is still placing it: bought once; waiting for its numbers.",
                        forwarder.en
                    ),
                    format!(
                        "{}确认该订单存在，仍在下单中：只下单一次；等待单号。",
                        forwarder.zh
                    ),
                )
            },
            NextLook::Never,
        ),
        FollowUpAnswer::OrderFailed(error) if refunds => {
            only(ShipmentState::RefundDue, error.describe(), NextLook::Never)
        }
        FollowUpAnswer::NoSuchOrder(_)
            if matches!(
                look,
                Look::Settling {
                    placing_until: Some(_)
                }
            ) =>
        {
            let until = match look {
                Look::Settling {
                    placing_until: Some(until),
                } => crate::store::format_local_time(until, "%H:%M"),
                _ => String::new(),
            };
            only(
                ShipmentState::Unknown,
                Text::new(
                    format!(
                        "{} does not know this order yet; it may still be placing it. shipdesk looks again until {until}; nothing is to be done now.",
                        forwarder.en
                    ),
                    format!(
                        "{}暂时查不到该订单，可能仍在下单中。shipdesk 会持续查询至 {until}，现在无需任何操作。",
                        forwarder.zh
                    ),
                ),
                NextLook::BackOff,
            )
        }
        FollowUpAnswer::NoSuchOrder(error) => {
            let ship_again = Text::new(
                format!(
                    "{} Ship it again when ready (a new fee preview is needed); the same reference is reused, so it cannot be bought twice.",
                    error.describe().en
                ),
                format!(
                    "{}可重新下单（需重新预览费用），沿用同一参考号，不会重复下单。",
                    error.describe().zh
                ),
            );
            if after_all {
                only(ShipmentState::Failed, ship_again, NextLook::Never)
            } else {
                only(
                    ShipmentState::Failed,
                    Text::new(
                        format!(
                            "{} shipdesk looks it up once more later, in case it appears after all.",
                            ship_again.en
                        ),
                        format!("{}shipdesk 稍后会再查询一次，以防订单迟到。", ship_again.zh),
                    ),
                    NextLook::OnceMore,
                )
            }
        }
        FollowUpAnswer::OrderFailed(error) | FollowUpAnswer::Problem(error) => {
            unsettled(error.describe())
        }
        FollowUpAnswer::TrackingNumber(_) | FollowUpAnswer::Label(_) => {
            unsettled(not_askable().describe())
        }
    }
}

/// The meaning of the lookup made after the forwarder refused a create sent again because an
/// earlier lookup said it had no such order ([`Attempt::ResendAfterLookup`]). Only a second
/// "no such order" proves the refusal was of the order itself: failed, nothing bought, with the
/// forwarder's words for why. Finding the order means the refusal was its way of saying the
/// reference exists (bought once); anything else leaves the shipment unknown, never "nothing
/// charged".
pub(in crate::engine) fn after_refused_resend(
    forwarder: &Text,
    refusal: &ForwarderError,
    answer: Result<FollowUpAnswer, &TransportError>,
    refunds: bool,
) -> LookupDecision {
    let said = refusal.describe();
    match answer {
        Ok(FollowUpAnswer::NoSuchOrder(_)) => LookupDecision {
            state: ShipmentState::Failed,
            tracking_number: None,
            forwarder_order_id: None,
            charged: None,
            message: Text::new(
                format!(
                    "{} refused the order: {}. Asked twice, it has no order under this reference: nothing was bought. Fix what it says and ship again (the same reference is reused, so it cannot be bought twice).",
                    forwarder.en, said.en
                ),
                format!(
                    "{}拒绝了该订单：{}。两次查询均无该参考号的订单：未下单。请按提示修改后重新下单（沿用同一参考号，不会重复下单）。",
                    forwarder.zh, said.zh
                ),
            ),
            next_look: NextLook::Never,
        },
        other => {
            let mut decision = after_lookup(
                forwarder,
                other,
                refunds,
                Look::Settling {
                    placing_until: None,
                },
            );
            if decision.state == ShipmentState::Unknown {
                decision.message = Text::new(
                    format!(
                        "{} refused the order sent again ({}), and asked once more it gave no clear answer: {} Still unknown; reconcile again later, or check the {} portal.",
                        forwarder.en, said.en, decision.message.en, forwarder.en
                    ),
                    format!(
                        "{}拒绝了重新提交的订单（{}），再次查询也无明确答复：{}仍未知：请稍后再核对，或到{}后台查看。",
                        forwarder.zh, said.zh, decision.message.zh, forwarder.zh
                    ),
                );
            }
            decision
        }
    }
}

/// A look once more found the order: placed after the forwarder said it had none.
fn placed_late(forwarder: &Text) -> Text {
    Text::new(
        format!(
            "{} has this order after all (placed after it said it had none): bought once, not twice; fetching its numbers and label.",
            forwarder.en
        ),
        format!(
            "{}最终查到了该订单（在其答复无此订单之后才下单成功）：只下单一次；正在获取单号和面单。",
            forwarder.zh
        ),
    )
}

/// A forwarder with no call to ask about an order.
pub(in crate::engine) fn not_askable() -> ForwarderError {
    ForwarderError::local(Text::new(
        "This forwarder cannot be asked about an order; look it up in its portal.",
        "该物流商不支持查询订单，请到其后台查看。",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::carriers::{LabelSource, NumberedOrder};
    use ShipmentState as S;

    fn name() -> Text {
        Text::new("Western Post", "西邮物流")
    }

    fn refusal(code: Option<&str>, authentication: bool) -> ForwarderError {
        ForwarderError {
            http_status: Some(200),
            forwarder_code: code.map(str::to_owned),
            forwarder_message: "参考号[A-1]已存在".to_owned(),
            explanation: Text::new("refused", "拒绝"),
            authentication,
        }
    }

    fn lost(may_have_arrived: bool) -> TransportError {
        TransportError {
            message: Text::new("timed out", "超时"),
            may_have_arrived,
        }
    }

    fn booking(label: Option<LabelSource>) -> Booking {
        Booking {
            tracking_number: "1Z999".to_owned(),
            forwarder_order_id: Some("WP-1".to_owned()),
            label,
        }
    }

    const NO_FOLLOW_UPS: FollowUps = FollowUps {
        label: false,
        tracking_number: false,
    };
    const POLLED: FollowUps = FollowUps {
        label: true,
        tracking_number: true,
    };

    #[test]
    fn a_create_answer_means_this_table_of_states() {
        use Attempt::{First, Resend, Retry};
        let link = || Some(LabelSource::Url("https://x/l.pdf".to_owned()));
        let cases: Vec<(&str, CreateOutcome, Attempt, FollowUps, S)> = vec![
            (
                "created with label",
                CreateOutcome::Created(booking(link())),
                First,
                POLLED,
                S::Created,
            ),
            (
                "created, label polled",
                CreateOutcome::Created(booking(None)),
                First,
                POLLED,
                S::AwaitingLabel,
            ),
            (
                "created, no label call",
                CreateOutcome::Created(booking(None)),
                First,
                NO_FOLLOW_UPS,
                S::Created,
            ),
            (
                "number later",
                CreateOutcome::NumberLater {
                    forwarder_order_id: None,
                },
                First,
                POLLED,
                S::AwaitingNumber,
            ),
            (
                "refused first",
                CreateOutcome::Refused(refusal(Some("E1"), false)),
                First,
                POLLED,
                S::Failed,
            ),
            (
                "refused retry",
                CreateOutcome::Refused(refusal(Some("E1"), false)),
                Retry,
                POLLED,
                S::Failed,
            ),
            (
                "own refusal on resend",
                CreateOutcome::Refused(refusal(Some("E1"), false)),
                Resend,
                POLLED,
                S::Failed,
            ),
            (
                "credentials refused on resend",
                CreateOutcome::Refused(refusal(Some("401"), true)),
                Resend,
                POLLED,
                S::Unknown,
            ),
            (
                "gateway page on resend",
                CreateOutcome::Refused(refusal(None, false)),
                Resend,
                POLLED,
                S::Unknown,
            ),
            (
                "duplicate first send",
                CreateOutcome::DuplicateReference(refusal(Some("D"), false)),
                First,
                POLLED,
                S::Failed,
            ),
            (
                "duplicate resend, lookup",
                CreateOutcome::DuplicateReference(refusal(Some("D"), false)),
                Resend,
                POLLED,
                S::AwaitingNumber,
            ),
            (
                "duplicate retry, lookup",
                CreateOutcome::DuplicateReference(refusal(Some("D"), false)),
                Retry,
                POLLED,
                S::AwaitingNumber,
            ),
            (
                "duplicate resend, no lookup",
                CreateOutcome::DuplicateReference(refusal(Some("D"), false)),
                Resend,
                NO_FOLLOW_UPS,
                S::BoughtNoTracking,
            ),
            (
                "unreadable",
                CreateOutcome::Unreadable(refusal(None, false)),
                First,
                POLLED,
                S::Unknown,
            ),
        ];
        for (case, outcome, attempt, follow_ups, expected) in cases {
            let decision = after_create(&name(), Ok(outcome), attempt, follow_ups);
            assert_eq!(decision.state, expected, "{case}");
        }
    }

    #[test]
    fn a_lost_answer_is_unknown_unless_nothing_can_have_left_on_a_first_send() {
        for (attempt, may_have_arrived, expected) in [
            (Attempt::First, true, S::Unknown),
            (Attempt::First, false, S::Failed),
            (Attempt::Retry, false, S::Failed),
            (Attempt::Resend, false, S::Unknown),
            (Attempt::Resend, true, S::Unknown),
        ] {
            let error = lost(may_have_arrived);
            let decision = after_create(&name(), Err(&error), attempt, POLLED);
            assert_eq!(decision.state, expected, "{attempt:?} {may_have_arrived}");
            let message = decision.message.expect("a lost answer is explained");
            assert!(
                message.en.starts_with("Western Post: timed out."),
                "{}",
                message.en
            );
            if expected == S::Unknown {
                assert!(message.en.contains("run Reconcile"), "{}", message.en);
            } else {
                assert!(message.en.contains("nothing was charged"), "{}", message.en);
            }
        }
    }

    #[test]
    fn what_is_bought_is_carried_and_a_duplicate_says_bought_once() {
        let decision = after_create(
            &name(),
            Ok(CreateOutcome::Created(booking(None))),
            Attempt::First,
            NO_FOLLOW_UPS,
        );
        assert_eq!(decision.booking, Some(booking(None)));
        assert_eq!(decision.message, None);
        let later = after_create(
            &name(),
            Ok(CreateOutcome::NumberLater {
                forwarder_order_id: Some("EC-9".to_owned()),
            }),
            Attempt::First,
            POLLED,
        );
        let kept = later.booking.expect("the order id is kept");
        assert_eq!(kept.forwarder_order_id.as_deref(), Some("EC-9"));
        assert!(kept.tracking_number.is_empty());
        let duplicate = after_create(
            &name(),
            Ok(CreateOutcome::DuplicateReference(refusal(Some("D"), false))),
            Attempt::Resend,
            NO_FOLLOW_UPS,
        );
        let message = duplicate.message.expect("explained");
        assert!(
            message.en.contains("bought once, not twice"),
            "{}",
            message.en
        );
        assert!(message.zh.contains("只下单一次"), "{}", message.zh);
        let someone_elses = after_create(
            &name(),
            Ok(CreateOutcome::DuplicateReference(refusal(Some("D"), false))),
            Attempt::First,
            POLLED,
        );
        let message = someone_elses.message.expect("explained");
        assert!(
            message.en.contains("Nothing was bought now"),
            "{}",
            message.en
        );
        assert!(
            message.en.contains("参考号[A-1]已存在"),
            "the forwarder's own words"
        );
    }

    #[test]
    fn a_lookup_answer_means_this_table_of_states() {
        let numbered = FollowUpAnswer::Numbered(NumberedOrder {
            tracking_number: "LSO123".to_owned(),
            forwarder_order_id: Some("O-1".to_owned()),
            charged: None,
        });
        let failed = || FollowUpAnswer::OrderFailed(refusal(Some("1115"), false));
        let cases: Vec<(&str, FollowUpAnswer, bool, S)> = vec![
            ("numbers", numbered.clone(), true, S::AwaitingLabel),
            (
                "still placing",
                FollowUpAnswer::NotYet,
                true,
                S::AwaitingNumber,
            ),
            ("failed, refund due", failed(), true, S::RefundDue),
            ("failed, no refunds", failed(), false, S::Unknown),
            (
                "no such order",
                FollowUpAnswer::NoSuchOrder(refusal(Some("404"), false)),
                true,
                S::Failed,
            ),
            (
                "a problem",
                FollowUpAnswer::Problem(refusal(None, false)),
                true,
                S::Unknown,
            ),
            (
                "a label, not an order",
                FollowUpAnswer::Label(LabelSource::Inline(vec![1])),
                true,
                S::Unknown,
            ),
        ];
        for (case, answer, refunds, expected) in cases {
            assert_eq!(
                after_lookup(&name(), Ok(answer), refunds, WINDOW_OVER).state,
                expected,
                "{case}"
            );
        }
        let found = after_lookup(&name(), Ok(numbered), true, WINDOW_OVER);
        assert_eq!(found.tracking_number.as_deref(), Some("LSO123"));
        assert_eq!(found.forwarder_order_id.as_deref(), Some("O-1"));
        assert_eq!(found.next_look, NextLook::Never);
        let error = lost(true);
        let unanswered = after_lookup(&name(), Err(&error), true, WINDOW_OVER);
        assert_eq!(unanswered.state, S::Unknown);
        assert_eq!(unanswered.next_look, NextLook::Never, "left to a person");
        assert!(unanswered.message.en.contains("reconcile again later"));
    }

    /// A lookup to settle a lost create after the forwarder's placing window.
    const WINDOW_OVER: Look = Look::Settling {
        placing_until: None,
    };
    /// The same, while the forwarder may still be placing the order.
    const WINDOW_OPEN: Look = Look::Settling {
        placing_until: Some(1_700_000_000_000),
    };

    fn no_such_order() -> FollowUpAnswer {
        FollowUpAnswer::NoSuchOrder(refusal(Some("1003"), false))
    }

    #[test]
    fn no_such_order_is_not_proof_while_the_forwarder_may_still_be_placing_it() {
        let cases: Vec<(&str, FollowUpAnswer, Look, S, NextLook)> = vec![
            (
                "in the window",
                no_such_order(),
                WINDOW_OPEN,
                S::Unknown,
                NextLook::BackOff,
            ),
            (
                "after the window",
                no_such_order(),
                WINDOW_OVER,
                S::Failed,
                NextLook::OnceMore,
            ),
            (
                "a problem in the window",
                FollowUpAnswer::Problem(refusal(None, false)),
                WINDOW_OPEN,
                S::Unknown,
                NextLook::BackOff,
            ),
            (
                "placing, in the window",
                FollowUpAnswer::NotYet,
                WINDOW_OPEN,
                S::AwaitingNumber,
                NextLook::Never,
            ),
        ];
        for (case, answer, look, state, next_look) in cases {
            let decision = after_lookup(&name(), Ok(answer), true, look);
            assert_eq!(
                (decision.state, decision.next_look),
                (state, next_look),
                "{case}"
            );
        }
        let waiting = after_lookup(&name(), Ok(no_such_order()), true, WINDOW_OPEN);
        let until = crate::store::format_local_time(1_700_000_000_000, "%H:%M");
        assert!(
            waiting.message.en.contains("does not know this order yet")
                && waiting
                    .message
                    .en
                    .contains(&format!("looks again until {until}"))
                && waiting.message.en.contains("nothing is to be done now"),
            "{}",
            waiting.message.en
        );
        assert!(
            waiting.message.zh.contains(&until),
            "{}",
            waiting.message.zh
        );
        let failed = after_lookup(&name(), Ok(no_such_order()), true, WINDOW_OVER);
        assert!(
            failed.message.en.contains("once more"),
            "{}",
            failed.message.en
        );
        let unanswered = after_lookup(&name(), Err(&lost(true)), true, WINDOW_OPEN);
        assert_eq!(
            (unanswered.state, unanswered.next_look),
            (S::Unknown, NextLook::BackOff)
        );
    }

    #[test]
    fn a_look_once_more_moves_a_failed_order_only_when_it_finds_it() {
        let numbered = FollowUpAnswer::Numbered(NumberedOrder {
            tracking_number: "LSO9".to_owned(),
            forwarder_order_id: None,
            charged: None,
        });
        let cases: Vec<(&str, FollowUpAnswer, S, NextLook)> = vec![
            ("found", numbered, S::AwaitingLabel, NextLook::Never),
            (
                "found, still placing",
                FollowUpAnswer::NotYet,
                S::AwaitingNumber,
                NextLook::Never,
            ),
            (
                "found, failed: balance held",
                FollowUpAnswer::OrderFailed(refusal(Some("1001"), false)),
                S::RefundDue,
                NextLook::Never,
            ),
            ("still none", no_such_order(), S::Failed, NextLook::Never),
            (
                "no clear answer",
                FollowUpAnswer::Problem(refusal(None, false)),
                S::Failed,
                NextLook::OnceMore,
            ),
        ];
        for (case, answer, state, next_look) in cases {
            let decision = after_lookup(&name(), Ok(answer), true, Look::OnceMore);
            assert_eq!(
                (decision.state, decision.next_look),
                (state, next_look),
                "{case}"
            );
        }
        let found = after_lookup(&name(), Ok(FollowUpAnswer::NotYet), true, Look::OnceMore);
        assert!(
            found.message.en.contains("after all"),
            "{}",
            found.message.en
        );
        let unanswered = after_lookup(&name(), Err(&lost(true)), true, Look::OnceMore);
        assert_eq!(
            (unanswered.state, unanswered.next_look),
            (S::Failed, NextLook::OnceMore)
        );
    }

    #[test]
    fn an_answer_to_a_resend_may_settle_a_lost_one_but_a_first_answer_only_its_own_send() {
        assert_eq!(Attempt::First.transition(), Transition::SendAnswered);
        assert_eq!(Attempt::Retry.transition(), Transition::SendAnswered);
        assert_eq!(Attempt::Resend.transition(), Transition::Reconciled);
        assert_eq!(
            Attempt::ResendAfterLookup.transition(),
            Transition::Reconciled
        );
    }

    #[test]
    fn a_refused_resend_after_no_such_order_settles_only_on_a_second_no_such_order() {
        let follow_ups = FollowUps {
            label: true,
            tracking_number: true,
        };
        // The refusal itself settles nothing, even the forwarder's own coded one.
        let refused = after_create(
            &name(),
            Ok(CreateOutcome::Refused(refusal(Some("50048"), false))),
            Attempt::ResendAfterLookup,
            follow_ups,
        );
        assert_eq!(refused.state, S::Unknown);
        assert!(
            !refused
                .message
                .expect("said")
                .en
                .contains("Nothing was charged")
        );

        let numbered = FollowUpAnswer::Numbered(NumberedOrder {
            tracking_number: "EC123".to_owned(),
            forwarder_order_id: None,
            charged: None,
        });
        let said = refusal(Some("50048"), false);
        for (what, second, expected) in [
            ("none, asked twice", Ok(no_such_order()), S::Failed),
            ("there after all", Ok(numbered), S::AwaitingLabel),
            ("placing it", Ok(FollowUpAnswer::NotYet), S::AwaitingNumber),
            ("no answer", Err(lost(true)), S::Unknown),
            (
                "a problem",
                Ok(FollowUpAnswer::Problem(refusal(None, false))),
                S::Unknown,
            ),
        ] {
            let decision =
                after_refused_resend(&name(), &said, second.as_ref().map(Clone::clone), false);
            assert_eq!(decision.state, expected, "{what}");
            assert_eq!(decision.next_look, NextLook::Never, "{what}");
            if expected == S::Failed || expected == S::Unknown {
                assert!(
                    decision.message.en.contains("参考号[A-1]已存在"),
                    "{what}: the forwarder's words"
                );
            }
        }
    }
}
