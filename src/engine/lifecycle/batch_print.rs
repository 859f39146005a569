//! A batch's labels go to the desk printer as ONE job, in the order the packer picked (queue
//! order, SKU, destination), each label once; labels that arrive later by polling join ONE
//! follow-up job. While a batch runs, the labels of its orders are claimed: the auto-print rule
//! (`printing::auto_print`) hands a claimed label to its batch instead of printing it alone,
//! so a label polled while the batch is still buying does not come out on its own.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use crate::engine::core::lock;
use crate::engine::{Core, PrintOrder, PrintReport};
use crate::model::ShipmentState;

/// How long the follow-up job waits for the batch's late labels; those still missing then
/// print alone when they arrive, by the ordinary auto-print rule.
const FOLLOW_UP_WAIT: Duration = Duration::from_secs(15 * 60);

/// How often the follow-up looks whether its labels are in.
const FOLLOW_UP_CHECK: Duration = Duration::from_millis(250);

/// The labels batches print themselves: whose they are, and which arrived by polling.
#[derive(Debug, Default)]
pub(in crate::engine) struct BatchLabels {
    /// Reference → the batch that prints its label.
    owner: HashMap<String, i64>,
    /// Batch → claimed labels that arrived by polling, waiting for its job.
    arrived: HashMap<i64, Vec<String>>,
}

impl BatchLabels {
    /// The batch's labels (`references`) are printed by the batch.
    pub(in crate::engine) fn claim(&mut self, batch: i64, reference: &str) {
        self.owner.insert(reference.to_owned(), batch);
    }

    /// A label just arrived by polling: `true` when a batch prints it (it is kept for the
    /// batch's job), `false` when the auto-print rule prints it alone.
    pub(in crate::engine) fn arrived(&mut self, reference: &str) -> bool {
        match self.owner.get(reference) {
            Some(batch) => {
                let arrived = self.arrived.entry(*batch).or_default();
                // Told twice (the poller, and the follow-up seeing it stored): one page.
                if !arrived.iter().any(|r| r == reference) {
                    arrived.push(reference.to_owned());
                }
                true
            }
            None => false,
        }
    }

    /// The batch's labels that arrived, no longer claimed.
    fn take_arrived(&mut self, batch: i64) -> Vec<String> {
        let arrived = self.arrived.remove(&batch).unwrap_or_default();
        for reference in &arrived {
            self.owner.remove(reference);
        }
        arrived
    }

    /// Gives `reference` back to the ordinary auto-print rule.
    fn release(&mut self, reference: &str) {
        self.owner.remove(reference);
    }

    /// Claimed references of `batch` whose label has not arrived.
    fn waiting(&self, batch: i64) -> Vec<String> {
        let arrived = self.arrived.get(&batch);
        self.owner
            .iter()
            .filter(|(reference, owner)| {
                **owner == batch && !arrived.is_some_and(|a| a.contains(reference))
            })
            .map(|(reference, _)| reference.clone())
            .collect()
    }
}

/// What the batch knows of one order when it prints: its reference and whether its label is
/// stored already (else it comes later, by polling).
pub(in crate::engine) struct Bought {
    pub reference: String,
    pub label_now: bool,
}

/// After the batch: the labels in hand (with the create answer, or polled while the batch
/// ran) print as one job now; the rest are awaited by one follow-up job. References the batch
/// claimed but did not buy go back to the ordinary rule. Answers the first job's reports and
/// how many labels are still to come.
pub(in crate::engine) async fn print_batch(
    core: &Arc<Core>,
    batch: i64,
    claimed: Vec<String>,
    bought: Vec<Bought>,
    order: PrintOrder,
) -> (Vec<PrintReport>, usize) {
    let (now, later) = {
        let mut labels = lock(&core.batch_labels);
        let mut now: Vec<String> = labels.take_arrived(batch);
        let mut later = Vec::new();
        for order in &bought {
            if order.label_now {
                labels.release(&order.reference);
                now.push(order.reference.clone());
            } else if labels.owner.contains_key(&order.reference) {
                later.push(order.reference.clone());
            }
        }
        for reference in &claimed {
            if !later.contains(reference) {
                labels.release(reference);
            }
        }
        (now, later)
    };
    let queue_order: Vec<String> = claimed;
    let reports = if now.is_empty() {
        Vec::new()
    } else {
        let sorted = sorted(core, now, &queue_order, order).await;
        crate::engine::printing::print_labels(core, sorted).await
    };
    let to_come = later.len();
    if to_come > 0 {
        let task_core = core.clone();
        // Not background work the engine waits for at shutdown: a command that ends before the
        // labels arrive leaves them to the poller of the next start, which prints each once.
        // Named, so `queue buy --wait-secs` can wait for it.
        tokio::spawn(async move {
            let work = follow_up(&task_core, batch, queue_order, order);
            task_core.named(follow_up_task(batch), work).await
        });
    }
    (reports, to_come)
}

/// The name batch `batch`'s follow-up job runs under while it waits for late labels.
pub fn follow_up_task(batch: i64) -> String {
    format!("follow-up print of batch {batch}")
}

/// Waits for the batch's late labels, then prints those that came as one job.
async fn follow_up(core: &Arc<Core>, batch: i64, queue_order: Vec<String>, order: PrintOrder) {
    let started = tokio::time::Instant::now();
    loop {
        let waiting = lock(&core.batch_labels).waiting(batch);
        if waiting.is_empty() || started.elapsed() >= FOLLOW_UP_WAIT {
            break;
        }
        // A label stored by another path (a reconcile) counts as arrived; an order that failed,
        // or was refunded, while its label was awaited never gets one and is not waited for.
        let states = core
            .with_store(move |s| {
                waiting
                    .into_iter()
                    .map(|r| {
                        let record = s.shipment(&r)?;
                        let stored = record.as_ref().is_some_and(|rec| rec.label.is_some());
                        Ok((record.map(|rec| rec.state), stored, r))
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .await
            .unwrap_or_default();
        {
            let mut labels = lock(&core.batch_labels);
            for (state, stored, reference) in states {
                let awaiting = matches!(
                    state,
                    Some(ShipmentState::AwaitingNumber | ShipmentState::AwaitingLabel)
                );
                if stored {
                    labels.arrived(&reference);
                } else if !awaiting {
                    labels.release(&reference);
                }
            }
        }
        tokio::time::sleep(FOLLOW_UP_CHECK).await;
    }
    let arrived = {
        let mut labels = lock(&core.batch_labels);
        let arrived = labels.take_arrived(batch);
        for reference in labels.waiting(batch) {
            labels.release(&reference);
        }
        arrived
    };
    if !arrived.is_empty() {
        let sorted = sorted(core, arrived, &queue_order, order).await;
        crate::engine::printing::print_labels(core, sorted).await;
    }
}

/// `references` in the packer's order: as queued, by SKU, or by destination (country, state,
/// city, postcode); ties keep the queue's order.
async fn sorted(
    core: &Core,
    mut references: Vec<String>,
    queue_order: &[String],
    order: PrintOrder,
) -> Vec<String> {
    let position = |r: &String| {
        queue_order
            .iter()
            .position(|q| q == r)
            .unwrap_or(usize::MAX)
    };
    references.sort_by_key(position);
    if order == PrintOrder::Queue {
        return references;
    }
    let lookup = references.clone();
    let keys: HashMap<String, String> = core
        .with_store(move |s| {
            lookup
                .into_iter()
                .map(|r| {
                    let key = s
                        .queued_order(&r)?
                        .map(|q| sort_key(&q.form, order))
                        .unwrap_or_default();
                    Ok((r, key))
                })
                .collect()
        })
        .await
        .unwrap_or_default();
    // Stable: orders with the same key stay in queue order.
    references.sort_by(|a, b| keys.get(a).cmp(&keys.get(b)));
    references
}

/// What an order sorts by. An order without a SKU sorts after those with one.
fn sort_key(form: &crate::model::TypedOrder, order: PrintOrder) -> String {
    match order {
        PrintOrder::Queue => String::new(),
        PrintOrder::Sku => {
            let sku = form
                .items
                .iter()
                .map(|i| i.sku.trim())
                .find(|s| !s.is_empty());
            match sku {
                Some(sku) => format!("0{}", sku.to_uppercase()),
                None => "1".to_owned(),
            }
        }
        PrintOrder::Destination => {
            let r = &form.recipient;
            [&r.country_code, &r.state, &r.city, &r.postcode]
                .iter()
                .map(|p| p.trim().to_uppercase())
                .collect::<Vec<_>>()
                .join("\u{1f}")
        }
    }
}
