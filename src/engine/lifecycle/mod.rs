//! A shipment's life, one file a step. `preflight` is what ship and quote check before anything
//! is sent; `outcome` says, without any I/O, what a forwarder's answer means for the shipment;
//! the others do the sending and recording; `batch` buys queued orders through `ship`, after
//! `batch_preview` priced them for one confirmation, and `batch_print` prints their labels as
//! one job; `ask_order`: the forwarder's own view of an order; `order_notes`: a re-weigh or an
//! intercept, which move no state but are remembered.

pub(in crate::engine) mod ask_order;
pub(in crate::engine) mod batch;
pub(in crate::engine) mod batch_gates;
pub(in crate::engine) mod batch_preview;
pub(in crate::engine) mod batch_print;
pub(in crate::engine) mod calls;
pub(in crate::engine) mod cancel;
pub(in crate::engine) mod lookup;
pub(in crate::engine) mod order_notes;
pub(in crate::engine) mod outcome;
pub(in crate::engine) mod pacing;
pub(in crate::engine) mod poller;
pub(in crate::engine) mod preflight;
pub(in crate::engine) mod quote;
pub(in crate::engine) mod reconcile;
pub(in crate::engine) mod refund;
pub(in crate::engine) mod resend;
mod resend_after_lookup;
pub(in crate::engine) mod ship;
pub(in crate::engine) mod tracking;
