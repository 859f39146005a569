//! The built-in sandbox: a real loopback HTTP server that speaks the forwarders' protocols,
//! checks what their documents require (headers, signature, timestamp window, required fields,
//! unique references), serves real 4x6 PDF labels, and misbehaves on request for tests.
//! Demo mode and the test suite both use it; `shipdesk sandbox --port N` runs it alone.
//!
//! One folder per forwarder, each of the same shape: Western Post's JSON API (seed 000,
//! `westernpost/`), ECCANG TOMS's SOAP `callService` (seed 001, `eccang/`), ZYL ILE OMS's JSON
//! API (seed 002, `zyl/`) and logssc's Shipping Solution API (seed 003, `logssc/`):
//! - `mod.rs`: what it plays (the doc), its routes, its demo credentials, its [`Sandbox`] knobs
//!   and its `DIALECT` entry;
//! - `handlers.rs`: the calls; `checks.rs`: what its documents require of a request;
//! - `records.rs`: what it remembers (accounts, knobs, each order's own record);
//! - by concern where a dialect needs it (ECCANG's `soap`, `fee`, `track`, `json_order`; ZYL's
//!   `track`).
//!
//! Shared plumbing stays here: the server and `DIALECTS` (this file), `state` (the committed
//! orders of every forwarder, each with its own references, the label store, the arrival probe
//! and the fault queue), `misbehave` ([`Fault`]s), `replies` and `label_pdf`. Adding a
//! forwarder: its folder and its line in `DIALECTS`.

mod eccang;
pub mod label_pdf;
mod logssc;
mod misbehave;
mod replies;
mod state;
mod westernpost;
mod zyl;

pub use eccang::{
    DEMO_ECCANG_APP_KEY, DEMO_ECCANG_APP_TOKEN, EccangRecord, EccangStatus,
    TrackNumberShape as EccangTrackNumberShape,
};
pub use logssc::{DEMO_LOGSSC_APP_ID, DEMO_LOGSSC_APP_SECRET, LogsscRecord};
pub use misbehave::Fault;
pub use state::{ArrivalProbe, SandboxForwarder, SandboxOrder};
pub use westernpost::{DEMO_OPEN_KEY_ID, DEMO_SECRET_KEY};
pub use zyl::{DEMO_ZYL_ILE_ID, DEMO_ZYL_SIGN, DEMO_ZYL_USER_ID, ZylRecord};

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use tokio::sync::oneshot;

use crate::carriers::{Credentials, ForwarderKind};
use state::SandboxState;

/// What the sandbox plays of one forwarder: its paths and the demo account it accepts.
struct Dialect {
    /// Which forwarder (the list is in [`ForwarderKind`]'s order, checked when compiling).
    kind: ForwarderKind,
    /// Its paths.
    routes: fn() -> Router<Arc<SandboxState>>,
    /// Its demo credentials, under the dialect's own secret keys.
    demo_credentials: fn() -> Credentials,
    /// The built-in account that ships on it: its name and settings.
    demo_account: fn() -> (&'static str, crate::carriers::AccountSettings),
}

/// Every forwarder the sandbox plays.
const DIALECTS: [Dialect; 4] = [
    westernpost::DIALECT,
    eccang::DIALECT,
    zyl::DIALECT,
    logssc::DIALECT,
];

// Indexed by kind: entry `i` must play the kind whose discriminant is `i`, and every kind is
// played.
const _: () = {
    assert!(DIALECTS.len() == ForwarderKind::ALL.len());
    let mut i = 0;
    while i < DIALECTS.len() {
        assert!(
            DIALECTS[i].kind as usize == i,
            "DIALECTS must list the forwarders in ForwarderKind's order"
        );
        i += 1;
    }
};

/// The demo credentials the sandbox accepts for `kind`'s protocol, under that dialect's own
/// secret keys (what the built-in sandbox accounts use instead of the keychain).
pub fn demo_credentials(kind: ForwarderKind) -> Credentials {
    (DIALECTS[kind as usize].demo_credentials)()
}

/// The built-in sandbox account of every forwarder (name, forwarder, settings), so that a
/// newcomer can try all four in the window with nothing set up.
pub fn demo_accounts() -> Vec<(
    &'static str,
    ForwarderKind,
    crate::carriers::AccountSettings,
)> {
    DIALECTS
        .iter()
        .map(|dialect| {
            let (name, settings) = (dialect.demo_account)();
            (name, dialect.kind, settings)
        })
        .collect()
}

/// A running sandbox. Dropping it stops the server.
pub struct Sandbox {
    addr: SocketAddr,
    state: Arc<SandboxState>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl Sandbox {
    /// Starts on 127.0.0.1:`port` (0 picks a free port). Must be called inside a tokio runtime.
    pub async fn start(port: u16) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(SandboxState::new(format!("http://{addr}")));
        let app = DIALECTS
            .iter()
            .fold(Router::new(), |app, dialect| app.merge((dialect.routes)()))
            .route("/__sandbox/fault", post(state::inject_fault_http))
            .route("/__sandbox/orders", get(state::orders_http))
            .with_state(state.clone());
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let server = axum::serve(listener, app).with_graceful_shutdown(async {
                rx.await.ok();
            });
            if let Err(error) = server.await {
                tracing::warn!("sandbox server stopped: {error:#}");
            }
        });
        Ok(Self {
            addr,
            state,
            shutdown: Some(tx),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Makes the next create request misbehave (Western Post's createOrder, ECCANG's
    /// `createOrder` service or ZYL's orderByApi, whichever comes first). Faults queue up, one per request.
    pub fn inject(&self, fault: Fault) {
        self.state.push_fault(fault);
    }

    /// How many create requests arrived (every forwarder's), whatever they were answered,
    /// faults included: what a test counts to see how often an order was sent.
    pub fn creates_received(&self) -> u64 {
        self.state.creates_received()
    }

    /// Answers every create request `delay` late (the order is committed at once), as a busy
    /// forwarder does: batches and their benchmark run against it. Zero: at once again.
    pub fn set_create_delay(&self, delay: std::time::Duration) {
        self.state
            .set_create_delay(u64::try_from(delay.as_millis()).unwrap_or(u64::MAX));
    }

    /// Every order the sandbox has committed, oldest first.
    pub fn orders(&self) -> Vec<SandboxOrder> {
        self.state.orders()
    }

    /// Runs `probe` with the reference of every create request the moment it arrives (tests use
    /// it to look at the shop's database while the request is in the forwarder's hands).
    pub fn on_arrival(&self, probe: ArrivalProbe) {
        self.state.set_probe(probe);
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            tx.send(()).ok();
        }
    }
}
