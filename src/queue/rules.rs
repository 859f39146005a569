//! The ship form's rules, in one place for the form and the queue: an order as typed becomes a
//! [`Shipment`] only when every field reads and the chosen account's forwarder accepts it;
//! otherwise every problem is named at its field, in both languages.

use crate::carriers::{self, Account};
use crate::model::{Shipment, TypedOrder, ValidationIssue};

/// Checks `form` with the account it names (`None`: no such account). Numbers that do not read
/// are reported at their fields, and everything else is still checked on the order with those
/// numbers left out, so a packer sees every problem at once, never one at a time.
pub fn check_typed(
    form: &TypedOrder,
    account: Option<&Account>,
) -> Result<Shipment, Vec<ValidationIssue>> {
    match (form.to_shipment(), account) {
        (Ok(shipment), Some(account)) => {
            let issues = carriers::validate_for(&shipment, account);
            if issues.is_empty() {
                Ok(shipment)
            } else {
                Err(issues)
            }
        }
        (Ok(shipment), None) => {
            let mut issues = crate::model::validate_shipment(&shipment);
            issues.push(no_account());
            Err(issues)
        }
        (Err(mut parse_issues), account) => {
            let mut issues = crate::model::validate_shipment(&form.to_shipment_lenient());
            issues.retain(|i| !parse_issues.iter().any(|p| p.field == i.field));
            issues.append(&mut parse_issues);
            if account.is_none() {
                issues.push(no_account());
            }
            Err(issues)
        }
    }
}

/// The account is missing or unknown.
fn no_account() -> ValidationIssue {
    ValidationIssue::new("account", "Choose an account", "请选择账号")
}
