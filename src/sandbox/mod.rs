//! The built-in sandbox: a real loopback HTTP server that speaks the forwarders' protocols,
//! checks what their documents require (headers, signature, timestamp window, required fields,
//! unique references), serves real 4x6 PDF labels, and misbehaves on request for tests.
//! Demo mode and the test suite both use it; `shipdesk sandbox --port N` runs it alone.
//!
//! Protocols: Western Post's JSON API (seed 000, `westernpost`), ECCANG TOMS's SOAP
//! `callService` (seed 001, `eccang`), ZYL ILE OMS's JSON API (seed 002, `zyl`) and logssc's
//! Shipping Solution API (seed 003, `logssc`). They share
//! the committed orders (each forwarder with its own references), the label store, the arrival
//! probe and the fault queue.

mod eccang;
pub mod label_pdf;
mod logssc;
mod misbehave;
mod replies;
mod state;
mod westernpost;
mod zyl;

pub use state::{
    ArrivalProbe, EccangRecord, Fault, LogsscRecord, SandboxForwarder, SandboxOrder, ZylRecord,
};

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use tokio::sync::oneshot;

use state::SandboxState;

/// The sandbox's own Western Post credentials. Public on purpose: the demo account uses them.
pub const DEMO_OPEN_KEY_ID: &str = "SANDBOX-OPENKEY-0001";
/// See [`DEMO_OPEN_KEY_ID`].
pub const DEMO_SECRET_KEY: &str = "sandbox-demo-secret";

/// The sandbox's own ECCANG appToken. Public on purpose, like the Western Post demo pair.
pub const DEMO_ECCANG_APP_TOKEN: &str = "SANDBOX-ECCANG-APPTOKEN-0001";
/// See [`DEMO_ECCANG_APP_TOKEN`].
pub const DEMO_ECCANG_APP_KEY: &str = "sandbox-eccang-demo-appkey";

/// The sandbox's own ZYL ile id. Public on purpose, like the other demo credentials.
pub const DEMO_ZYL_ILE_ID: &str = "SANDBOX-ZYL-ILE-0001";
/// The ile key (`sign`) of [`DEMO_ZYL_ILE_ID`].
pub const DEMO_ZYL_SIGN: &str = "sandbox-zyl-ile-key";
/// The customer id (`userId`) of [`DEMO_ZYL_ILE_ID`]: an account setting, not a secret.
pub const DEMO_ZYL_USER_ID: &str = "10001";

/// The sandbox's own logssc appId (merchant APP-KEY). Public on purpose, like the others.
pub const DEMO_LOGSSC_APP_ID: &str = "SANDBOX-LOGSSC-APPID-0001";
/// The appSecret that gets [`DEMO_LOGSSC_APP_ID`] its token.
pub const DEMO_LOGSSC_APP_SECRET: &str = "sandbox-logssc-app-secret";

/// The demo credentials the sandbox accepts for `kind`'s protocol, under that dialect's own
/// secret keys (what the built-in sandbox accounts use instead of the keychain).
pub fn demo_credentials(kind: crate::carriers::ForwarderKind) -> crate::carriers::Credentials {
    use crate::carriers::{Credentials, ForwarderKind, eccang, logssc, westernpost, zyl};
    match kind {
        ForwarderKind::WesternPost => Credentials::from_pairs([
            (westernpost::OPEN_KEY_ID, DEMO_OPEN_KEY_ID),
            (westernpost::SECRET_KEY, DEMO_SECRET_KEY),
        ]),
        ForwarderKind::Eccang => Credentials::from_pairs([
            (eccang::APP_TOKEN, DEMO_ECCANG_APP_TOKEN),
            (eccang::APP_KEY, DEMO_ECCANG_APP_KEY),
        ]),
        ForwarderKind::Zyl => {
            Credentials::from_pairs([(zyl::ILE_ID, DEMO_ZYL_ILE_ID), (zyl::SIGN, DEMO_ZYL_SIGN)])
        }
        ForwarderKind::Logssc => Credentials::from_pairs([
            (logssc::APP_ID, DEMO_LOGSSC_APP_ID),
            (logssc::APP_SECRET, DEMO_LOGSSC_APP_SECRET),
        ]),
    }
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
        state.add_credentials(DEMO_OPEN_KEY_ID, DEMO_SECRET_KEY);
        state.add_eccang_credentials(DEMO_ECCANG_APP_TOKEN, DEMO_ECCANG_APP_KEY);
        state.add_zyl_account(DEMO_ZYL_ILE_ID, DEMO_ZYL_SIGN, DEMO_ZYL_USER_ID);
        state
            .logssc
            .add_account(DEMO_LOGSSC_APP_ID, DEMO_LOGSSC_APP_SECRET);
        use crate::carriers::logssc as l;
        let app = Router::new()
            .route("/v1/open-api/createOrder", post(westernpost::create_order))
            .route("/v1/open-api/tracking", post(westernpost::tracking))
            .route(
                "/api/wpglb-dms-orders/label/getLabel",
                get(westernpost::get_label),
            )
            .route(
                crate::carriers::eccang::ENDPOINT_PATH,
                post(eccang::web_service),
            )
            .route("/PDF/{file}", get(eccang::label))
            .route(
                crate::carriers::zyl::CREATE_ORDER_PATH,
                post(zyl::order_by_api),
            )
            .route(
                "/oms/v1/OrderLabel/findOrderLabelByCode/{order_code}/{label_type}/{user_id}",
                get(zyl::find_label),
            )
            .route("/file/{file}", get(zyl::label_file))
            .route(crate::carriers::zyl::TRACK_PATH, post(zyl::orders_track))
            .route(l::TOKEN_PATH.default, post(logssc::get_token))
            .route(l::PREVIEW_PATH.default, post(logssc::order_preview))
            .route(l::COMMIT_PATH.default, post(logssc::order_commit))
            .route(l::RESULT_PATH.default, post(logssc::order_result))
            .route(l::LABEL_PATH.default, post(logssc::get_label))
            .route(l::REFUND_PATH.default, post(logssc::refund))
            .route("/logssc/label/{file}", get(logssc::label_file))
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

    /// Every order the sandbox has committed, oldest first.
    pub fn orders(&self) -> Vec<SandboxOrder> {
        self.state.orders()
    }

    /// Runs `probe` with the reference of every create request the moment it arrives (tests use
    /// it to look at the shop's database while the request is in the forwarder's hands).
    pub fn on_arrival(&self, probe: ArrivalProbe) {
        self.state.set_probe(probe);
    }

    /// Accepts another openKeyId/secretKey pair.
    pub fn add_credentials(&self, open_key_id: &str, secret_key: &str) {
        self.state.add_credentials(open_key_id, secret_key);
    }

    /// Accepts another ECCANG appToken/appKey pair (besides [`DEMO_ECCANG_APP_TOKEN`] /
    /// [`DEMO_ECCANG_APP_KEY`]).
    pub fn add_eccang_credentials(&self, app_token: &str, app_key: &str) {
        self.state.add_eccang_credentials(app_token, app_key);
    }

    /// Accepts another ZYL ile id with its ile key (`sign`) and customer id (`userId`).
    pub fn add_zyl_account(&self, ile_id: &str, sign: &str, user_id: &str) {
        self.state.add_zyl_account(ile_id, sign, user_id);
    }

    /// How many findOrderLabelByCode calls a ZYL order committed from now on answers 51005
    /// ("label address empty") before its label link: 1 unless set; 0 gives it at once.
    pub fn set_zyl_label_after_polls(&self, polls: u32) {
        self.state.set_zyl_label_after_polls(polls);
    }

    /// How many getTrackNumber calls it takes an ECCANG order committed from now on to get its
    /// tracking number: the `polls`-th call tells it (2 unless set). 0: createOrder tells it at
    /// once (`track_status` 1); otherwise createOrder answers `track_status` 2 (number later).
    pub fn set_eccang_number_after_polls(&self, polls: u32) {
        self.state.set_eccang_number_after_polls(polls);
    }
}

/// logssc's knobs.
impl Sandbox {
    /// Accepts another logssc appId/appSecret pair.
    pub fn add_logssc_account(&self, app_id: &str, app_secret: &str) {
        self.state.logssc.add_account(app_id, app_secret);
    }

    /// How many times 返回单号和费用 answers 1024 ("still placing") for orders committed from
    /// now on before their numbers (2 unless set).
    pub fn set_logssc_number_after_polls(&self, polls: u32) {
        self.state.logssc.set_number_after_polls(polls);
    }

    /// How many times 返回面单 answers 1115 ("label not ready") for placed orders (2 unless set).
    pub fn set_logssc_label_after_polls(&self, polls: u32) {
        self.state.logssc.set_label_after_polls(polls);
    }

    /// Labels as base64 in the answer (`true`) or as a link to the PDF (the default).
    pub fn set_logssc_label_inline(&self, inline: bool) {
        self.state.logssc.set_label_inline(inline);
    }

    /// Inline labels as PNG images instead of PDFs.
    pub fn set_logssc_label_png(&self, png: bool) {
        self.state.logssc.set_label_png(png);
    }

    /// The next committed logssc order fails with this message (code 1001) once placed.
    pub fn fail_next_logssc_order(&self, message: &str) {
        self.state.logssc.fail_next_order(message);
    }

    /// Forgets every logssc token issued (they "expire").
    pub fn expire_logssc_tokens(&self) {
        self.state.logssc.expire_tokens();
    }

    /// Marks a logssc order refunded, as a refund asked for in logssc's own portal would.
    pub fn refund_logssc_in_portal(&self, customer_number: &str) {
        self.state
            .logssc
            .refund_in_portal(&self.state, customer_number);
    }

    /// How many logssc tokens were issued.
    pub fn logssc_tokens_issued(&self) -> u32 {
        self.state.logssc.tokens_issued()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            tx.send(()).ok();
        }
    }
}
