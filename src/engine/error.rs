//! Why the engine could not do what was asked, in words for a packer (both languages).

use crate::carriers::{ForwarderError, ForwarderKind};
use crate::model::{ShipmentState, Text, ValidationIssue};
use crate::secrets::SecretError;
use crate::store::StoreError;

/// Why a shipment could not be sent or settled.
#[derive(Debug, thiserror::Error)]
pub enum ShipError {
    /// The order has mistakes; each is tied to its field. Nothing was sent.
    #[error("the order has {} problem(s): {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<ValidationIssue>),
    /// No account by that name. Nothing was sent.
    #[error("there is no account named {0:?} (see `shipdesk accounts list`)")]
    NoAccount(String),
    /// The reference is already recorded in History. Nothing was sent.
    #[error("reference {reference:?} is already in History as {}; {}", state.label().en, hint(*state).en)]
    AlreadyRecorded {
        /// The reference.
        reference: String,
        /// Its current state.
        state: ShipmentState,
    },
    /// The account's credentials could not be read. Nothing was sent.
    #[error(transparent)]
    Credentials(#[from] SecretError),
    /// The forwarder's request could not be prepared. Nothing was sent.
    #[error("{}", .0.describe())]
    Prepare(ForwarderError),
    /// The local database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The forwarder sold the label but the local database could not record it.
    #[error(
        "BOUGHT: tracking number {tracking_number} for reference {reference:?}, but the local database could not record it ({source}); write the number down"
    )]
    Unrecorded {
        /// The reference.
        reference: String,
        /// What the forwarder gave.
        tracking_number: String,
        /// Why it could not be stored.
        source: Box<StoreError>,
    },
    /// This forwarder wants its fee previewed and accepted before every order. Nothing was sent.
    #[error("{forwarder} needs a fee preview accepted before buying; nothing was sent")]
    QuoteNeeded {
        /// The forwarder's name.
        forwarder: String,
    },
    /// The order or account changed after its fee was previewed. Nothing was sent.
    #[error(
        "the order changed after its fee was previewed; preview the fee again (nothing was sent)"
    )]
    QuoteStale,
    /// The fee was shown too long ago to buy at. Nothing was sent.
    #[error("the fee was shown more than 15 minutes ago; preview it again (nothing was sent)")]
    QuoteExpired,
    /// The built-in sandbox could not start.
    #[error("the built-in sandbox could not start: {0}")]
    Sandbox(String),
    /// An account's settings are not usable; nothing was saved or sent.
    #[error("{}", .0.en)]
    AccountInvalid(Text),
    /// An account is missing secrets its forwarder needs; nothing was saved.
    #[error("the account lacks {}", .missing.join(", "))]
    MissingSecrets {
        /// The account's forwarder.
        forwarder: ForwarderKind,
        /// The keys of the secrets missing (`secret_key`).
        missing: Vec<&'static str>,
    },
    /// No shipment has that reference.
    #[error("there is no shipment {0:?} in History")]
    NoShipment(String),
    /// The shipment is in a state that does not allow what was asked; nothing was sent.
    #[error("{reference} is {}: {}", state.label().en, why.en)]
    WrongState {
        /// The reference.
        reference: String,
        /// Its state.
        state: ShipmentState,
        /// Why that state does not allow it.
        why: Text,
    },
    /// The same request for this shipment is on its way already; nothing more was sent.
    #[error("{}", .0.en)]
    AlreadyAsking(Text),
    /// The forwarder did not answer (or the answer did not arrive); what it means is said.
    #[error("{}", .0.en)]
    NoAnswer(Text),
    /// The app is shutting down.
    #[error("interrupted: shipdesk is shutting down")]
    Interrupted,
    /// A bug in shipdesk stopped the work; what was recorded before stays in History.
    #[error("shipdesk hit an internal error and stopped this task; History shows what is known")]
    Internal,
}

fn hint(state: ShipmentState) -> Text {
    if state.needs_reconciling() {
        Text::new(
            "run Reconcile (`shipdesk reconcile`) to find out whether it was bought",
            "请运行“核对”（shipdesk reconcile）确认是否已下单",
        )
    } else {
        Text::new("use a new reference number", "请换一个参考号")
    }
}

impl ShipError {
    /// The message in both languages, for the window.
    pub fn describe(&self) -> Text {
        match self {
            Self::Invalid(issues) => Text::new(
                format!("Not sent: {} field(s) need attention.", issues.len()),
                format!("未提交：{} 处需要修改。", issues.len()),
            ),
            Self::NoAccount(name) => Text::new(
                format!("There is no account named \"{name}\"."),
                format!("没有名为“{name}”的账号。"),
            ),
            Self::AlreadyRecorded { reference, state } => {
                let hint = hint(*state);
                Text::new(
                    format!(
                        "{reference} is already in History as {}: {}.",
                        state.label().en,
                        hint.en
                    ),
                    format!(
                        "{reference} 已在历史中，状态为{}：{}。",
                        state.label().zh,
                        hint.zh
                    ),
                )
            }
            Self::Prepare(error) => error.describe(),
            Self::QuoteNeeded { forwarder } => Text::new(
                format!(
                    "This {forwarder} account shows the fee before every order: preview it and accept it first. Nothing was sent."
                ),
                format!("该{forwarder}账号要求下单前先预览并确认费用。未提交。"),
            ),
            Self::QuoteStale => Text::new(
                "The order changed after its fee was shown: preview the fee again. Nothing was sent.",
                "费用预览后订单有改动：请重新预览费用。未提交。",
            ),
            Self::QuoteExpired => Text::new(
                "The fee was shown more than 15 minutes ago, so nothing was bought: press Ctrl+Enter to see today's fee.",
                "费用显示已超过 15 分钟，未下单：请按 Ctrl+Enter 重新查看费用。",
            ),
            Self::AccountInvalid(text) | Self::AlreadyAsking(text) | Self::NoAnswer(text) => {
                text.clone()
            }
            Self::MissingSecrets { forwarder, missing } => {
                let labels = |zh: bool| -> Vec<&str> {
                    forwarder
                        .secret_fields()
                        .iter()
                        .filter(|f| missing.contains(&f.key))
                        .map(|f| if zh { f.label_zh } else { f.label_en })
                        .collect()
                };
                Text::new(
                    format!("Fill in {}.", labels(false).join(", ")),
                    format!("请填写 {}。", labels(true).join("、")),
                )
            }
            Self::NoShipment(reference) => Text::new(
                format!("There is no shipment {reference} in History."),
                format!("历史中没有运单 {reference}。"),
            ),
            Self::WrongState {
                reference,
                state,
                why,
            } => Text::new(
                format!("{reference} is {}: {}", state.label().en, why.en),
                format!("{reference} 状态为{}：{}", state.label().zh, why.zh),
            ),
            Self::Unrecorded {
                reference,
                tracking_number,
                ..
            } => Text::new(
                self.to_string(),
                format!(
                    "已下单：参考号 {reference} 的跟踪号为 {tracking_number}，但本地数据库无法保存，请记下此号码。"
                ),
            ),
            Self::Credentials(error) => error.describe(),
            Self::Store(error) => error.what_to_do(),
            Self::Sandbox(_) => Text::new(self.to_string(), format!("内置沙盒无法启动：{self}")),
            Self::Interrupted => Text::new(self.to_string(), "已中断：shipdesk 正在退出"),
            Self::Internal => Text::new(
                self.to_string(),
                "shipdesk 内部出错，已停止此任务；历史中保留了已知信息",
            ),
        }
    }
}
