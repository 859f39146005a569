//! The queue's requests' work: importing a file into the queue (read and mapped off the
//! store's lock, validated with the form's rules, written in one transaction), listing it,
//! saving an order from the form, removing orders, asking queued orders' fees.

use std::path::Path;

use super::catalogue;
use super::core::{Core, blocking};
use super::protocol::{ImportOrders, ImportReport, ImportedOrder, QueueListing, SaveToQueue};
use crate::model::{Address, Text};
use crate::queue::{self, Defaults, Profile, import::Table, profile};
use crate::store::{NewQueued, QueueFilter, StoreError};

/// Reads, maps, validates and queues the orders of a file (see [`ImportOrders`]).
pub(super) async fn import(core: &Core, request: ImportOrders) -> Result<ImportReport, Text> {
    let path = request.path.clone();
    let table = tokio::task::spawn_blocking(move || queue::import::read_file(&path))
        .await
        .map_err(|_| super::ShipError::Internal.describe())?
        .map_err(|problem| problem.0)?;
    let (accounts, saved, senders, boxes) = core
        .with_store(|s| {
            Ok((
                s.accounts()?,
                s.import_profiles()?,
                s.sender_profiles()?,
                s.parcel_presets()?,
            ))
        })
        .await
        .map_err(|e| e.what_to_do())?;
    let mut profile = choose_profile(&table, request.profile.as_deref(), &saved)?;
    for (field, value) in &request.constants {
        if !profile::FIELDS.contains(&field.as_str()) {
            let known = profile::FIELDS.join(", ");
            return Err(Text::new(
                format!("\"{field}\" is not a field an import can fill; the fields are: {known}"),
                format!("“{field}”不是可导入的字段；可用字段：{known}"),
            ));
        }
        profile.constants.insert(field.clone(), value.clone());
    }
    // This import's rules replace the profile's for the same countries (saved with it, a
    // country has one rule, the newest).
    let saved_rules = std::mem::take(&mut profile.rules);
    profile.rules = request
        .rules
        .iter()
        .cloned()
        .chain(
            saved_rules
                .into_iter()
                .filter(|old| !request.rules.iter().any(|new| new.country == old.country)),
        )
        .collect();
    if let Some(name) = request
        .save_profile_as
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        profile.name = name.to_owned();
        let keep = profile.clone();
        core.with_store(move |s| s.save_import_profile(&keep))
            .await
            .map_err(|e| e.what_to_do())?;
    }
    let sender = match request.sender.as_deref() {
        Some(name) => senders
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.address.clone())
            .ok_or_else(|| {
                Text::new(
                    format!("no sender profile named \"{name}\""),
                    format!("没有名为“{name}”的发件人资料"),
                )
            })?,
        // The desk's first sender profile, as the ship form starts with.
        None => senders
            .first()
            .map(|p| p.address.clone())
            .unwrap_or_else(Address::default),
    };
    let defaults = Defaults {
        account: request.account.clone().unwrap_or_default(),
        sender,
        boxes,
        given: request.constants.keys().cloned().collect(),
    };
    let file_name = file_name(&request.path);
    let (mapped, table, profile) = blocking(move || {
        let mapped = queue::map_orders(&table, &profile, &defaults);
        (mapped, table, profile)
    })
    .await?;
    // Items whose SKU the catalogue knows are declared as it says, before they are checked.
    let entries = catalogue::entries_for(core, mapped.iter().map(|o| &o.form)).await?;
    let (orders, table) = blocking(move || {
        let orders: Vec<(queue::MappedOrder, Vec<queue::Located>, usize)> = mapped
            .into_iter()
            .map(|mut order| {
                let declared = catalogue::declare(&mut order.form, &entries);
                let problems = queue::problems(&order, &table, &accounts);
                (order, problems, declared)
            })
            .collect();
        (orders, table)
    })
    .await?;
    let new: Vec<NewQueued> = orders
        .iter()
        .map(|(order, problems, _)| NewQueued {
            form: order.form.clone(),
            order_number: order.order_number.clone(),
            issues: problems.clone(),
            source: format!("{file_name} {}", rows_text(&order.lines)),
        })
        .collect();
    let (on_duplicate, dry_run) = (request.on_duplicate, request.dry_run);
    let writes = core
        .with_store(move |s| s.queue_orders(new, on_duplicate, dry_run))
        .await
        .map_err(|e| e.what_to_do())?;
    let orders = orders
        .into_iter()
        .zip(writes)
        .map(|((order, problems, from_catalogue), write)| ImportedOrder {
            order_number: order.order_number,
            lines: order.lines,
            write,
            problems,
            from_catalogue,
        })
        .collect();
    Ok(ImportReport {
        file: request.path,
        format: table.format,
        profile: profile.name,
        dry_run,
        orders,
    })
}

/// The profile asked for, else the one the file's columns match, else columns named as the
/// form's fields; a file none of these fits is refused with what to do.
fn choose_profile(table: &Table, name: Option<&str>, saved: &[Profile]) -> Result<Profile, Text> {
    if let Some(name) = name {
        return profile::find(name, saved).ok_or_else(|| {
            let known: Vec<String> = profile::builtin()
                .into_iter()
                .chain(saved.iter().cloned())
                .map(|p| p.name)
                .collect();
            let known = known.join(", ");
            Text::new(
                format!("no import profile named \"{name}\"; there are: {known}"),
                format!("没有名为“{name}”的导入方案；可用：{known}"),
            )
        });
    }
    if let Some(found) = profile::recognise(table, saved) {
        return Ok(found);
    }
    let by_names = profile::by_field_names(table);
    if by_names.columns.contains_key("reference") || by_names.columns.len() >= 3 {
        return Ok(by_names);
    }
    let headers: String = table
        .headers
        .iter()
        .take(8)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    Err(Text::new(
        format!(
            "shipdesk does not know these columns ({headers}…): choose an import profile (--profile shopify, amazon-unshipped, shipdesk, or one you saved)"
        ),
        format!(
            "无法识别这些列（{headers}…）：请选择导入方案（--profile shopify、amazon-unshipped、shipdesk 或已保存的方案）"
        ),
    ))
}

/// `orders.csv`.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `row 2`, `rows 2-4`, `rows 2, 7`.
pub fn rows_text(lines: &[usize]) -> String {
    match lines {
        [] => String::new(),
        [one] => format!("row {one}"),
        [first, .., last] if lines.windows(2).all(|w| w[1] == w[0] + 1) => {
            format!("rows {first}-{last}")
        }
        _ => format!(
            "rows {}",
            lines
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The queue's rows (see [`QueueListing`]).
pub(super) async fn list(core: &Core, filter: QueueFilter) -> Result<QueueListing, StoreError> {
    core.with_store(move |s| {
        Ok(QueueListing {
            rows: s.queue_rows(filter)?,
            batches: s.open_batches()?,
        })
    })
    .await
}

/// Saves an order from the ship form into the queue: checked with the form's rules, its
/// problems kept with it; an order opened from the queue replaces itself.
pub(super) async fn save(core: &Core, request: SaveToQueue) -> Result<String, Text> {
    let accounts = core
        .with_store(|s| s.accounts())
        .await
        .map_err(|e| e.what_to_do())?;
    let account = accounts
        .iter()
        .find(|a| a.name == request.form.account.trim());
    let issues = queue::check_typed(&request.form, account)
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|issue| queue::Located {
            field: issue.field,
            line: None,
            column: None,
            message: issue.message,
        })
        .collect();
    let reference = request.form.reference.trim().to_owned();
    let order = NewQueued {
        form: request.form,
        order_number: request.order_number,
        issues,
        source: "ship form".to_owned(),
    };
    let replacing = request.replacing;
    core.with_store(move |s| {
        if let Some(old) = replacing
            && s.update_queued(&old, order.clone())?
        {
            return Ok(None);
        }
        let writes = s.queue_orders(vec![order], queue::OnDuplicate::Update, false)?;
        Ok(writes.into_iter().find_map(|w| match w {
            crate::store::QueueWrite::Skipped { why, .. } => Some(why),
            _ => None,
        }))
    })
    .await
    .map_err(|e| e.what_to_do())?
    .map_or(Ok(reference), Err)
}
