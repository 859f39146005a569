//! Hostile servers for the transport tests, on loopback: a *mover* that answers every request
//! with a move (301, 302, 303, 307 or 308) to another address, and at that other address an
//! *elsewhere* server that records every request it gets and passes it on to a real sandbox, so
//! that a move the client followed would bring back an answer that looks like the forwarder's.

use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse as _, Response};
use shipdesk::sandbox::Sandbox;

/// What the mover points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The elsewhere server, on another port.
    Elsewhere,
    /// The mover itself, at the same address: a redirect loop.
    Itself,
}

/// One request as a server received it.
#[derive(Clone, Debug)]
pub struct Received {
    /// GET or POST.
    pub method: String,
    /// Path and query.
    pub uri: String,
    /// Every header, as `name: value` lines.
    pub headers: String,
    /// The body as text (lossy).
    pub body: String,
}

impl std::fmt::Display for Received {
    /// The request as it arrived, for a failure message that shows what leaked.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}\n{}\n{}",
            self.method, self.uri, self.headers, self.body
        )
    }
}

/// Every request in `received`, one after another.
pub fn shown(received: &[Received]) -> String {
    received.iter().map(|r| format!("{r}\n---\n")).collect()
}

/// The query the mover adds to its Location, as a server might (it must not be shown or stored).
pub const LOCATION_QUERY: &str = "session=from-the-mover";

/// A mover and the elsewhere server behind it, on their own runtime; dropping stops both.
pub struct Hostile {
    /// The mover's base URL, `http://127.0.0.1:PORT`: the account's base URL in the tests.
    pub mover_url: String,
    /// The elsewhere server's base URL (another port).
    pub elsewhere_url: String,
    mover: Arc<Mutex<Vec<Received>>>,
    elsewhere: Arc<Mutex<Vec<Received>>>,
    _sandbox: Sandbox,
    _runtime: tokio::runtime::Runtime,
}

impl Hostile {
    /// Starts both: the mover answers every request with `status` and a Location at `target`.
    pub fn start(status: u16, target: Target) -> Self {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        let (mover_url, elsewhere_url, mover, elsewhere, sandbox) = runtime.block_on(async {
            let sandbox = Sandbox::start(0).await.expect("sandbox");
            let elsewhere = Arc::new(Mutex::new(Vec::new()));
            let passing_on = Elsewhere {
                received: elsewhere.clone(),
                sandbox_url: sandbox.base_url(),
                http: reqwest::Client::new(),
            };
            let elsewhere_url = serve(Router::new().fallback(pass_on).with_state(passing_on)).await;
            let mover_listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            let mover_url = format!("http://{}", mover_listener.local_addr().expect("addr"));
            let mover = Arc::new(Mutex::new(Vec::new()));
            let moving = Mover {
                received: mover.clone(),
                status: StatusCode::from_u16(status).expect("status"),
                location_base: match target {
                    Target::Elsewhere => elsewhere_url.clone(),
                    Target::Itself => mover_url.clone(),
                },
            };
            let app = Router::new().fallback(move_on).with_state(moving);
            tokio::spawn(async move { axum::serve(mover_listener, app).await.ok() });
            (mover_url, elsewhere_url, mover, elsewhere, sandbox)
        });
        Self {
            mover_url,
            elsewhere_url,
            mover,
            elsewhere,
            _sandbox: sandbox,
            _runtime: runtime,
        }
    }

    /// Every request the mover received.
    pub fn at_mover(&self) -> Vec<Received> {
        self.mover
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Every request the elsewhere server received.
    pub fn elsewhere(&self) -> Vec<Received> {
        self.elsewhere
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Serves `app` on a free loopback port and returns its base URL.
async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    url
}

fn received(method: &Method, uri: &Uri, headers: &HeaderMap, body: &Bytes) -> Received {
    Received {
        method: method.to_string(),
        uri: uri.to_string(),
        headers: headers
            .iter()
            .map(|(name, value)| format!("{name}: {}\n", String::from_utf8_lossy(value.as_bytes())))
            .collect(),
        body: String::from_utf8_lossy(body).into_owned(),
    }
}

#[derive(Clone)]
struct Mover {
    received: Arc<Mutex<Vec<Received>>>,
    status: StatusCode,
    location_base: String,
}

async fn move_on(
    State(mover): State<Mover>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    mover
        .received
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(received(&method, &uri, &headers, &body));
    let location = format!("{}{}?{LOCATION_QUERY}", mover.location_base, uri.path());
    (mover.status, [(header::LOCATION, location)], "moved").into_response()
}

#[derive(Clone)]
struct Elsewhere {
    received: Arc<Mutex<Vec<Received>>>,
    sandbox_url: String,
    http: reqwest::Client,
}

/// Records the request, then has the sandbox answer it (the query the mover added dropped).
async fn pass_on(
    State(elsewhere): State<Elsewhere>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    elsewhere
        .received
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(received(&method, &uri, &headers, &body));
    let url = format!("{}{}", elsewhere.sandbox_url, uri.path());
    let mut request = elsewhere.http.request(method, url).body(body);
    for (name, value) in &headers {
        if name != header::HOST && name != header::CONTENT_LENGTH {
            request = request.header(name, value);
        }
    }
    match request.send().await {
        Ok(answer) => {
            let status = answer.status();
            let content_type = answer.headers().get(header::CONTENT_TYPE).cloned();
            let body = answer.bytes().await.unwrap_or_default();
            let mut response = (status, body).into_response();
            if let Some(content_type) = content_type {
                response
                    .headers_mut()
                    .insert(header::CONTENT_TYPE, content_type);
            }
            response
        }
        Err(error) => (StatusCode::BAD_GATEWAY, error.to_string()).into_response(),
    }
}
