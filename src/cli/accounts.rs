use std::io::Read as _;
use std::process::ExitCode;

use clap::Subcommand;

use crate::carriers::{Account, AccountSettings, Credentials, ForwarderKind};
use crate::engine::{
    DeleteAccount, Engine, SaveAccount, ShipError, account_warnings, check_account,
};
use crate::terminal::outln;

/// `shipdesk accounts ...`
#[derive(Debug, Subcommand)]
pub enum AccountsCommand {
    /// Add or replace an account. Secrets are read from standard input as `key=value` lines
    /// (Western Post: `open_key_id=...` and `secret_key=...`; ECCANG: `app_token`, `app_key`;
    /// ZYL: `ile_id`, `sign`; logssc: `app_id`, `app_secret`), never from arguments.
    Add {
        /// The shop's name for the account.
        #[arg(long)]
        name: String,
        /// Forwarder id: westernpost, eccang, zyl or logssc.
        #[arg(long)]
        forwarder: String,
        /// The forwarder's API address, e.g. https://dms.xiyou56.com
        #[arg(long)]
        base_url: String,
        /// Western Post: the path the signature covers, e.g. /open-api/{service} (default: the
        /// request path). Same as `--setting signed_path=...`.
        #[arg(long)]
        signed_path: Option<String>,
        /// Service code used when an order has none.
        #[arg(long, default_value = "")]
        service_code: String,
        /// Seconds to wait for an answer before calling it lost.
        #[arg(long, default_value_t = 30)]
        timeout_secs: u64,
        /// ZYL: the customer id (userId) sent with orders and needed for labels. Same as
        /// `--setting user_id=...`.
        #[arg(long)]
        user_id: Option<String>,
        /// ZYL: static_sign (default: sign in the body) or md5_header (MD5 Authorization header
        /// too). Same as `--setting zyl_auth=...`.
        #[arg(long)]
        zyl_auth: Option<String>,
        /// Print each label on the desk's label printer as soon as it arrives (in the window).
        #[arg(long)]
        auto_print: bool,
        /// A forwarder-specific setting, `key=value`, repeatable (Western Post: signed_path;
        /// ECCANG: fee_preview=on|off, label_size=10x15|10x10|a4; ZYL: user_id, zyl_auth; logssc: system_sender_name,
        /// token_path, preview_path, commit_path, result_path, label_path, refund_path; README
        /// lists them with their defaults).
        #[arg(long = "setting", value_name = "KEY=VALUE")]
        settings: Vec<String>,
    },
    /// List accounts.
    List,
    /// The services (channels) an account may ship with, one `CODE<TAB>English<TAB>中文` line
    /// each: the kept list (works offline), or with `--refresh` the forwarder's list now.
    Services {
        /// The account's name.
        name: String,
        /// Ask the forwarder now and keep its list.
        #[arg(long)]
        refresh: bool,
    },
    /// Remove an account and its keychain entry (History keeps its shipments).
    Remove {
        /// The account's name.
        name: String,
    },
}

pub fn run(engine: &Engine, command: &AccountsCommand) -> ExitCode {
    match command {
        AccountsCommand::Services { name, refresh } => {
            super::order_calls::services(engine, name, *refresh)
        }
        AccountsCommand::Add {
            name,
            forwarder,
            base_url,
            signed_path,
            service_code,
            timeout_secs,
            user_id,
            zyl_auth,
            auto_print,
            settings,
        } => {
            let Some(kind) = ForwarderKind::parse(forwarder) else {
                let known: Vec<_> = ForwarderKind::ALL.iter().map(|k| k.id()).collect();
                eprintln!(
                    "shipdesk: unknown forwarder {forwarder:?}; known: {}",
                    known.join(", ")
                );
                return ExitCode::from(2);
            };
            // The named flags are shortcuts for their `--setting`, checked the same way.
            let shortcuts = [
                ("signed_path", signed_path),
                ("user_id", user_id),
                ("zyl_auth", zyl_auth),
            ];
            let pairs: Vec<String> = shortcuts
                .iter()
                .filter_map(|(key, value)| value.as_ref().map(|v| format!("{key}={v}")))
                .chain(settings.iter().cloned())
                .collect();
            let fields = match setting_pairs(&pairs) {
                Ok(fields) => fields,
                Err(problem) => {
                    eprintln!("shipdesk: {problem}");
                    return ExitCode::from(2);
                }
            };
            let account = Account {
                name: name.clone(),
                forwarder: kind,
                base_url: base_url.trim_end_matches('/').to_owned(),
                settings: AccountSettings {
                    default_service_code: service_code.clone(),
                    auto_print: *auto_print,
                    timeout_secs: *timeout_secs,
                    concurrency: crate::carriers::DEFAULT_CONCURRENCY,
                    fields,
                },
                builtin_sandbox: false,
            };
            // The engine's rules, checked before the secrets are asked for.
            if let Err(error) = check_account(&account) {
                eprintln!("shipdesk: {error}");
                return ExitCode::from(2);
            }
            // Said before the secrets are read, so whoever types them can still stop; the
            // account is saved all the same (some forwarders speak only http).
            for warning in account_warnings(&account) {
                eprintln!("shipdesk: warning: {warning}");
            }
            let mut input = String::new();
            if let Err(error) = std::io::stdin().read_to_string(&mut input) {
                eprintln!("shipdesk: cannot read the secrets from standard input: {error}");
                return ExitCode::from(2);
            }
            let credentials = match Credentials::parse_lines(&input) {
                Ok(credentials) => credentials,
                Err(problem) => {
                    eprintln!("shipdesk: standard input: {problem}");
                    return ExitCode::from(2);
                }
            };
            match engine.call(SaveAccount {
                account,
                credentials: Some(credentials),
            }) {
                Ok(saved) => {
                    outln!(
                        "Saved account {saved:?} ({}); its secrets are in the system keychain.",
                        kind.display_name()
                    );
                    ExitCode::SUCCESS
                }
                Err(ShipError::MissingSecrets { missing, .. }) => {
                    eprintln!(
                        "shipdesk: standard input lacks {} (one key=value per line)",
                        missing.join(", ")
                    );
                    ExitCode::from(2)
                }
                Err(error @ ShipError::AccountInvalid(_)) => {
                    eprintln!("shipdesk: {error}");
                    ExitCode::from(2)
                }
                Err(error) => {
                    eprintln!("shipdesk: {error}");
                    ExitCode::from(1)
                }
            }
        }
        AccountsCommand::List => match engine.with_store(|s| s.accounts()) {
            Ok(accounts) => {
                outln!(
                    "{:<20} {:<12} {:<16} BASE URL",
                    "NAME",
                    "FORWARDER",
                    "SERVICE"
                );
                for account in accounts {
                    let base = if account.builtin_sandbox {
                        "built-in sandbox (no secrets needed)".to_owned()
                    } else if account_warnings(&account).is_empty() {
                        account.base_url.clone()
                    } else {
                        format!("{}  (unencrypted http)", account.base_url)
                    };
                    outln!(
                        "{:<20} {:<12} {:<16} {base}",
                        account.name,
                        account.forwarder.id(),
                        account.settings.default_service_code
                    );
                }
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("shipdesk: {error}");
                ExitCode::from(1)
            }
        },
        AccountsCommand::Remove { name } => match engine.call(DeleteAccount(name.clone())) {
            Ok(removed) => {
                outln!("Removed account {removed:?}.");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("shipdesk: {error}");
                ExitCode::from(1)
            }
        },
    }
}

/// `--setting key=value` pairs as settings; whether the forwarder has them is the engine's
/// rule ([`check_account`]).
fn setting_pairs(pairs: &[String]) -> Result<std::collections::BTreeMap<String, String>, String> {
    let mut fields = std::collections::BTreeMap::new();
    for pair in pairs {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(format!("--setting {pair:?} is not in the form key=value"));
        };
        fields.insert(key.trim().to_owned(), value.trim().to_owned());
    }
    Ok(fields)
}
