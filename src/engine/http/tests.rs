//! The label client's moves, against small servers on loopback: a label link that moves to
//! another host is followed there with nothing of ours, and one that keeps moving is given up
//! on in words. (The forwarder client follows no move: tests/loopback/redirects.rs.)

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::IntoResponse as _;

use super::{MAX_LABEL_MOVES, fetch_label, label_client};

/// Serves `app` on a free loopback port; returns its base URL.
async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    url
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

#[test]
fn a_label_link_is_followed_where_it_moves_with_nothing_of_ours() {
    runtime().block_on(async {
        let seen: Arc<Mutex<Vec<HeaderMap>>> = Arc::default();
        let storage_seen = seen.clone();
        let storage = serve(Router::new().fallback(move |headers: HeaderMap| {
            storage_seen
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(headers);
            async { "%PDF-1.4 the label" }
        }))
        .await;
        let link = serve(Router::new().fallback(move |uri: Uri| async move {
            let location = format!("{storage}/files{}", uri.path());
            (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
        }))
        .await;

        let client = label_client().expect("client");
        let url = format!("{link}/label/1.pdf?token=signed-by-the-forwarder");
        let answer = fetch_label(&client, &url, Duration::from_secs(10))
            .await
            .expect("followed");
        assert_eq!(answer.status, 200);
        assert_eq!(answer.body, b"%PDF-1.4 the label");

        let seen = seen.lock().unwrap_or_else(PoisonError::into_inner);
        assert_eq!(seen.len(), 1);
        // No Referer (the link's signed token would go with it), no header of an account.
        let names: Vec<&str> = seen[0].keys().map(|name| name.as_str()).collect();
        for name in &names {
            assert!(
                ["accept", "host", "user-agent"].contains(name),
                "{name} sent to the storage host: {names:?}"
            );
        }
    });
}

#[test]
fn a_label_link_that_keeps_moving_is_given_up_in_words() {
    runtime().block_on(async {
        let requests = Arc::new(Mutex::new(0_usize));
        let counted = requests.clone();
        let link = serve(Router::new().fallback(move |uri: Uri| {
            *counted.lock().unwrap_or_else(PoisonError::into_inner) += 1;
            async move {
                let location = uri.path().to_owned();
                (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
            }
        }))
        .await;

        let client = label_client().expect("client");
        let url = format!("{link}/label/1.pdf");
        let error = fetch_label(&client, &url, Duration::from_secs(10))
            .await
            .expect_err("given up");
        assert_eq!(
            *requests.lock().unwrap_or_else(PoisonError::into_inner),
            MAX_LABEL_MOVES + 1
        );
        assert!(
            error
                .message
                .en
                .contains(&format!("{link}/label/1.pdf (HTTP 302)")),
            "{:?}",
            error.message
        );
        assert!(
            error.message.zh.contains("面单链接转向"),
            "{:?}",
            error.message
        );
    });
}
