//! How often reconciliation may contact a forwarder about one shipment, decided without I/O:
//! how long a "no such order" is not proof (logssc places orders asynchronously), when an order
//! settled failed by a lookup is looked up once more, and how often and how many times a lost
//! create is sent again before a person must check it. The counts and times are kept in the
//! store per shipment, so the pacing survives a restart.

use std::time::Duration;

use crate::engine::ReconcileAction;
use crate::model::ShipmentState;
use crate::store::ReconcilePace;

/// How long after a create was sent a forwarder's "no such order" is not taken as proof that
/// nothing was placed. logssc commits asynchronously ("系统为异步下单", seed 003: ask 返回单号和费用
/// a few seconds after the commit; the result also comes by callback, retried 5 times 5 minutes
/// apart), so a commit whose answer outlived the account's time-out may still be placed after it:
/// asked at once, logssc knows no such order, and minutes later it has one. 30 minutes covers the
/// placing and the whole callback schedule.
pub const PLACING_WINDOW: Duration = Duration::from_secs(30 * 60);

/// An order settled failed by a lookup after [`PLACING_WINDOW`] is looked up once more this long
/// later, in case the forwarder placed it after all (then it is shown as bought).
pub const ONCE_MORE_AFTER: Duration = Duration::from_secs(60 * 60);

/// A look once more that gets no answer is tried again (every [`ONCE_MORE_AFTER`]) until this
/// long after the create was sent, then left: the shipment stays failed with the reason shown.
pub const LATER_LOOKS_FOR: Duration = Duration::from_secs(24 * 60 * 60);

/// The most times reconciliation sends one shipment's recorded create again. A forwarder whose
/// every answer is unreadable would otherwise be sent the order on every reconcile, without end;
/// after this many a person must check it in the forwarder's portal.
pub const MAX_RESENDS: i64 = 5;

/// The pauses after each re-send before the next may go, in multiples of
/// [`ReconcilePacing::first_resend_pause`]: 1 min, 5 min, 30 min, 2 h, then doubling. The first
/// re-send is not held (a person pressing Reconcile after a lost answer gets it sent at once).
const RESEND_PAUSE_STEPS: [u32; 4] = [1, 5, 30, 120];

/// The engine's reconcile timings. The defaults are the documented ones; tests shorten them
/// ([`Engine::set_reconcile_pacing`](crate::engine::Engine::set_reconcile_pacing)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReconcilePacing {
    /// See [`PLACING_WINDOW`].
    pub placing_window: Duration,
    /// See [`ONCE_MORE_AFTER`].
    pub once_more_after: Duration,
    /// The pause after the first re-send (1 minute); the later ones grow from it.
    pub first_resend_pause: Duration,
}

impl Default for ReconcilePacing {
    fn default() -> Self {
        Self {
            placing_window: PLACING_WINDOW,
            once_more_after: ONCE_MORE_AFTER,
            first_resend_pause: Duration::from_secs(60),
        }
    }
}

/// What reconciliation may do about re-sending one shipment's create now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::engine) enum ResendVerdict {
    /// Send it again.
    Send,
    /// Not before this time (ms since the epoch): the last re-send was too recent.
    NotBefore(i64),
    /// Sent [`MAX_RESENDS`] times already: a person must check it.
    WaitsForPerson,
}

/// Whether a shipment re-sent `resends` times, not again before `next_resend_at`, may be sent
/// again at `now`.
pub(in crate::engine) fn resend_verdict(
    resends: i64,
    next_resend_at: Option<i64>,
    now: i64,
) -> ResendVerdict {
    if resends >= MAX_RESENDS {
        return ResendVerdict::WaitsForPerson;
    }
    match next_resend_at {
        Some(at) if at > now => ResendVerdict::NotBefore(at),
        _ => ResendVerdict::Send,
    }
}

/// The pause after the `nth` re-send (1 for the first) before another may go.
pub(in crate::engine) fn pause_after_resend(pacing: &ReconcilePacing, nth: i64) -> Duration {
    let index = usize::try_from(nth.saturating_sub(1)).unwrap_or(0);
    let steps = match RESEND_PAUSE_STEPS.get(index) {
        Some(steps) => *steps,
        None => {
            let beyond = u32::try_from(index + 1 - RESEND_PAUSE_STEPS.len()).unwrap_or(16);
            RESEND_PAUSE_STEPS[RESEND_PAUSE_STEPS.len() - 1]
                .saturating_mul(2u32.saturating_pow(beyond.min(16)))
        }
    };
    pacing.first_resend_pause.saturating_mul(steps)
}

/// What a reconcile did about a shipment, read from its pacing `before` and `after` the
/// reconcile: a re-send counted, else a re-send held back (for a shipment still unsettled whose
/// forwarder may be sent the create again, `may_resend`), else a lookup counted.
pub(in crate::engine) fn action(
    before: &ReconcilePace,
    after: &ReconcilePace,
    state_after: ShipmentState,
    may_resend: bool,
    now: i64,
) -> ReconcileAction {
    if after.resends > before.resends {
        return ReconcileAction::SentAgain { nth: after.resends };
    }
    if may_resend && state_after.needs_reconciling() {
        match resend_verdict(before.resends, before.next_resend_at, now) {
            ResendVerdict::WaitsForPerson => return ReconcileAction::WaitsForPerson,
            ResendVerdict::NotBefore(until) => return ReconcileAction::HeldUntil { until },
            ResendVerdict::Send => {}
        }
    }
    if after.lookups > before.lookups {
        return ReconcileAction::Asked {
            looks_again_at: after.next_look_at,
        };
    }
    ReconcileAction::LeftAlone
}

/// `ms` since the epoch, `later` on.
pub(in crate::engine) fn after(ms: i64, later: Duration) -> i64 {
    ms.saturating_add(i64::try_from(later.as_millis()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    #[test]
    fn the_first_resend_goes_at_once_then_pauses_grow_and_the_fifth_is_the_last() {
        let pacing = ReconcilePacing::default();
        assert_eq!(resend_verdict(0, None, 1_000), ResendVerdict::Send);
        let pauses: Vec<Duration> = (1..=6).map(|n| pause_after_resend(&pacing, n)).collect();
        assert_eq!(
            pauses,
            [
                MINUTE,
                5 * MINUTE,
                30 * MINUTE,
                120 * MINUTE,
                240 * MINUTE,
                480 * MINUTE
            ]
        );
        let next = after(1_000, pauses[0]);
        assert_eq!(
            resend_verdict(1, Some(next), 1_000),
            ResendVerdict::NotBefore(next)
        );
        assert_eq!(resend_verdict(1, Some(next), next), ResendVerdict::Send);
        assert_eq!(
            resend_verdict(MAX_RESENDS, Some(0), i64::MAX),
            ResendVerdict::WaitsForPerson
        );
        assert_eq!(
            resend_verdict(MAX_RESENDS + 3, None, 0),
            ResendVerdict::WaitsForPerson
        );
    }

    #[test]
    fn a_reconcile_reports_a_resend_a_hold_a_person_or_a_lookup() {
        let pace = |resends, next_resend_at, lookups| ReconcilePace {
            create_sent_at: 0,
            resends,
            next_resend_at,
            lookups,
            next_look_at: Some(9),
        };
        let unknown = ShipmentState::Unknown;
        assert_eq!(
            action(
                &pace(1, Some(50), 0),
                &pace(2, Some(99), 0),
                unknown,
                true,
                60
            ),
            ReconcileAction::SentAgain { nth: 2 }
        );
        assert_eq!(
            action(
                &pace(1, Some(99), 0),
                &pace(1, Some(99), 0),
                unknown,
                true,
                60
            ),
            ReconcileAction::HeldUntil { until: 99 }
        );
        assert_eq!(
            action(
                &pace(MAX_RESENDS, None, 0),
                &pace(MAX_RESENDS, None, 0),
                unknown,
                true,
                60
            ),
            ReconcileAction::WaitsForPerson
        );
        assert_eq!(
            action(&pace(0, None, 2), &pace(0, None, 3), unknown, false, 60),
            ReconcileAction::Asked {
                looks_again_at: Some(9)
            }
        );
        // Settled by a lookup: no hold is reported, whatever the re-send pacing says.
        assert_eq!(
            action(
                &pace(1, Some(99), 0),
                &pace(1, Some(99), 1),
                ShipmentState::AwaitingNumber,
                true,
                60
            ),
            ReconcileAction::Asked {
                looks_again_at: Some(9)
            }
        );
        assert_eq!(
            action(&pace(0, None, 0), &pace(0, None, 0), unknown, true, 60),
            ReconcileAction::LeftAlone
        );
    }

    #[test]
    fn the_windows_are_the_documented_ones_and_never_overflow() {
        let pacing = ReconcilePacing::default();
        assert_eq!(pacing.placing_window, 30 * MINUTE);
        assert_eq!(pacing.once_more_after, 60 * MINUTE);
        assert!(LATER_LOOKS_FOR > PLACING_WINDOW + ONCE_MORE_AFTER);
        assert_eq!(after(i64::MAX - 1, Duration::MAX), i64::MAX);
        assert!(pause_after_resend(&pacing, i64::MAX) >= 480 * MINUTE);
        assert_eq!(pause_after_resend(&pacing, 0), MINUTE);
    }
}
