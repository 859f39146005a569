//! The batch's fee preview: every queued order whose account prices first is priced by its
//! forwarder, several at once, so the packer confirms the whole batch ONCE ("buy these 37 for
//! 412.50 USD") instead of once an order. Nothing is bought or recorded here; the quotes are
//! handed to the batch buy, which holds any order whose fee moved since (see `batch`).

use std::collections::HashMap;
use std::sync::Arc;

use super::batch_gates::{BatchGates, accounts_by_name};
use crate::carriers::{self, Account};
use crate::engine::{BatchPreview, Core, PreviewQueued, PreviewedFee, PreviewedOrder, ShipError};
use crate::model::{ShipmentState, Text};

/// Previews the fees of the batch (see [`PreviewQueued`]).
pub(in crate::engine) async fn preview(
    core: &Arc<Core>,
    request: PreviewQueued,
) -> Result<BatchPreview, Text> {
    let store_error = |e: crate::store::StoreError| e.what_to_do();
    let references = if request.references.is_empty() {
        core.with_store(|s| s.ready_references())
            .await
            .map_err(store_error)?
    } else {
        request.references
    };
    let accounts = Arc::new(accounts_by_name(core).await.map_err(store_error)?);
    // The same bounds as buying: a forwarder is asked no harder for prices than for orders.
    let mut gates = BatchGates::new(request.concurrency.clamp(1, 64));
    let mut tasks = Vec::with_capacity(references.len());
    for reference in references {
        let lookup = reference.clone();
        let queued = core
            .with_store(move |s| s.queued_order(&lookup))
            .await
            .map_err(store_error)?;
        let Some(queued) = queued else {
            tasks.push(Task::Done(PreviewedOrder {
                reference,
                fee: PreviewedFee::Failed(Text::new("no longer in the queue", "已不在队列中")),
            }));
            continue;
        };
        let (account_gate, global) = gates.for_account(queued.form.account.trim(), &accounts);
        let (core, accounts) = (core.clone(), accounts.clone());
        tasks.push(Task::Running(tokio::spawn(async move {
            let fee = match (account_gate.acquire().await, global.acquire().await) {
                (Ok(_account), Ok(_global)) => price(&core, queued, &accounts).await,
                _ => PreviewedFee::Failed(ShipError::Internal.describe()),
            };
            PreviewedOrder { reference, fee }
        })));
    }
    let mut orders = Vec::with_capacity(tasks.len());
    for task in tasks {
        orders.push(match task {
            Task::Done(order) => order,
            Task::Running(handle) => handle.await.unwrap_or_else(|_| PreviewedOrder {
                reference: String::new(),
                fee: PreviewedFee::Failed(ShipError::Internal.describe()),
            }),
        });
    }
    Ok(BatchPreview { orders })
}

/// A preview answered from the store, or one on the wire.
enum Task {
    Done(PreviewedOrder),
    Running(tokio::task::JoinHandle<PreviewedOrder>),
}

/// One order's fee: checked with the form's rules first (as the buy will), then asked of its
/// forwarder when its account prices first.
async fn price(
    core: &Core,
    queued: crate::store::QueuedOrder,
    accounts: &HashMap<String, Account>,
) -> PreviewedFee {
    if let Some((_, state)) = queued.row.shipment
        && state != ShipmentState::Failed
    {
        let state = state.label();
        return PreviewedFee::Failed(Text::new(
            format!("already bought ({}): not bought again", state.en),
            format!("已下单（{}）：不再重复下单", state.zh),
        ));
    }
    let account_name = queued.form.account.trim().to_owned();
    let account = accounts.get(&account_name);
    let prices_first = account.is_some_and(|a| carriers::forwarder(a.forwarder).previews_fee(a));
    let shipment = match crate::queue::check_typed(&queued.form, account) {
        Ok(shipment) => shipment,
        Err(issues) if prices_first => {
            let issue = issues.first().map_or_else(
                || Text::new("the order has problems", "订单有问题"),
                |i| {
                    Text::new(
                        format!("{}: {}", i.field, i.message.en),
                        format!("{}：{}", i.field, i.message.zh),
                    )
                },
            );
            return PreviewedFee::Failed(issue);
        }
        // Its problems are reported by the buy, as for any order that is not priced.
        Err(_) => return PreviewedFee::NotPriced,
    };
    if !prices_first {
        return PreviewedFee::NotPriced;
    }
    match super::quote::quote(core, shipment, &account_name).await {
        Ok(quote) => PreviewedFee::Priced(Box::new(quote)),
        Err(error) => PreviewedFee::Failed(error.describe()),
    }
}
