//! Western Post's createOrder and label download, as seed 000 describes them.
//!
//! Files: `handlers` (the calls), `checks` (signature and seed 000's fields), `records`
//! (its accounts; its orders need nothing of their own).

mod checks;
mod handlers;
mod records;

pub(crate) use records::WesternPostState;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};

use super::Sandbox;
use super::state::SandboxState;
use crate::carriers::{Credentials, ForwarderKind};

/// The sandbox's own Western Post credentials. Public on purpose: the demo account uses them.
pub const DEMO_OPEN_KEY_ID: &str = "SANDBOX-OPENKEY-0001";
/// See [`DEMO_OPEN_KEY_ID`].
pub const DEMO_SECRET_KEY: &str = "sandbox-demo-secret";

/// What the sandbox plays of this forwarder.
pub(super) const DIALECT: super::Dialect = super::Dialect {
    kind: ForwarderKind::WesternPost,
    routes,
    demo_credentials,
    demo_account,
};

/// The built-in account that ships on this sandbox: its name and a service it accepts.
fn demo_account() -> (&'static str, crate::carriers::AccountSettings) {
    let settings = crate::carriers::AccountSettings {
        default_service_code: "WP_GROUND".to_owned(),
        ..crate::carriers::AccountSettings::default()
    };
    ("Sandbox", settings)
}

/// The demo credentials, under the dialect's own secret keys.
fn demo_credentials() -> Credentials {
    use crate::carriers::westernpost::{OPEN_KEY_ID, SECRET_KEY};
    Credentials::from_pairs([
        (OPEN_KEY_ID, DEMO_OPEN_KEY_ID),
        (SECRET_KEY, DEMO_SECRET_KEY),
    ])
}

/// This forwarder's paths.
fn routes() -> Router<Arc<SandboxState>> {
    use handlers as h;
    Router::new()
        .route("/v1/open-api/createOrder", post(h::create_order))
        .route("/v1/open-api/tracking", post(h::tracking))
        .route("/api/wpglb-dms-orders/label/getLabel", get(h::get_label))
}

/// Western Post's knobs.
impl Sandbox {
    /// Accepts another openKeyId/secretKey pair.
    pub fn add_credentials(&self, open_key_id: &str, secret_key: &str) {
        self.state
            .westernpost
            .add_credentials(open_key_id, secret_key);
    }
}
