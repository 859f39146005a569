//! The sandbox holds clients to seed 000: it must refuse what Western Post would refuse.

use crate::common;

use std::io::BufRead as _;
use std::process::{Command, Stdio};

use serde_json::{Value, json};
use shipdesk::carriers::westernpost::auth as signing;
use shipdesk::sandbox::{DEMO_OPEN_KEY_ID, DEMO_SECRET_KEY, Fault, Sandbox};

const PATH: &str = "/v1/open-api/createOrder";

fn seed_request() -> Value {
    let path = format!(
        "{}/tests/fixtures/westernpost/create_order_request.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json")
}

struct Call {
    timestamp_ms: i64,
    signed_path: &'static str,
    secret: &'static str,
    content_type: &'static str,
}

impl Default for Call {
    fn default() -> Self {
        Self {
            timestamp_ms: chrono::Utc::now().timestamp_millis(),
            signed_path: PATH,
            secret: DEMO_SECRET_KEY,
            content_type: "application/json;charset=UTF-8",
        }
    }
}

async fn post(base: &str, body: &Value, call: Call) -> Value {
    let ts = call.timestamp_ms.to_string();
    let signature = signing::sign(
        DEMO_OPEN_KEY_ID,
        call.secret,
        &ts,
        call.signed_path,
        "Qz7x1",
    )
    .expect("a 5-character key signs");
    let response = reqwest::Client::new()
        .post(format!("{base}{PATH}"))
        .header("Content-Type", call.content_type)
        .header("x-lt-openKeyId", DEMO_OPEN_KEY_ID)
        .header("x-lt-timestamp", ts)
        .header("x-lt-signature", signature)
        .body(body.to_string())
        .send()
        .await
        .expect("sent");
    response.json().await.expect("an envelope")
}

#[test]
fn the_sandbox_checks_what_seed_000_requires() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let sandbox = Sandbox::start(0).await.expect("sandbox");
        let base = sandbox.base_url();
        let auth_failure = json!({"code": 401, "success": false, "msg": "认证失败", "data": "", "error": "认证失败"});

        // Wrong secret, wrong signed path, a timestamp six minutes old: the seed's auth answer.
        let wrong_secret = Call { secret: "guess", ..Call::default() };
        assert_eq!(post(&base, &seed_request(), wrong_secret).await, auth_failure);
        let wrong_path = Call { signed_path: "/open-api/createOrder", ..Call::default() };
        assert_eq!(post(&base, &seed_request(), wrong_path).await, auth_failure);
        let stale = Call { timestamp_ms: chrono::Utc::now().timestamp_millis() - 6 * 60 * 1000, ..Call::default() };
        assert_eq!(post(&base, &seed_request(), stale).await, auth_failure);

        // Required fields and their types.
        let mut missing = seed_request();
        missing["recipientAddress"]
            .as_object_mut()
            .expect("object")
            .remove("oraPostcode");
        let answer = post(&base, &missing, Call::default()).await;
        assert_eq!(answer["code"], 500);
        assert_eq!(answer["msg"], "oraPostcode不能为空");
        let mut wrong_type = seed_request();
        wrong_type["ordersWeight"] = json!("heavy");
        assert_eq!(post(&base, &wrong_type, Call::default()).await["msg"], "ordersWeight必须为数字");
        let text = Call { content_type: "text/plain", ..Call::default() };
        assert_eq!(post(&base, &seed_request(), text).await["code"], 500);
        assert!(sandbox.orders().is_empty(), "nothing refused was committed");

        // The seed's own request is accepted; a repeat gets the seed's duplicate answer.
        let created = post(&base, &seed_request(), Call::default()).await;
        assert_eq!(created["code"], 200);
        assert_eq!(created["msg"], "创建订单成功");
        assert_eq!(created["data"]["labelFormat"], "pdf");
        let label_url = created["data"]["labelFile"].as_str().expect("label link");
        let label = reqwest::get(label_url).await.expect("label").bytes().await.expect("bytes");
        assert!(label.starts_with(b"%PDF"));
        let repeat = post(&base, &seed_request(), Call::default()).await;
        assert_eq!(
            repeat,
            json!({"code": 500, "success": false, "msg": "参考号[lf-test-251205-003]已存在", "data": {}, "error": ""})
        );
        assert_eq!(sandbox.orders().len(), 1);

        // A fault applies to the next request only.
        sandbox.inject(Fault::Unauthorized);
        let mut other = seed_request();
        other["referenceNo"] = json!("other-1");
        assert_eq!(post(&base, &other, Call::default()).await, auth_failure);
        assert_eq!(post(&base, &other, Call::default()).await["code"], 200);
    });
}

#[test]
fn shipdesk_sandbox_runs_on_its_own_and_takes_faults_over_http() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shipdesk"))
        .args(["sandbox", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the sandbox");
    let mut first_line = String::new();
    if let Some(stdout) = child.stdout.take() {
        std::io::BufReader::new(stdout)
            .read_line(&mut first_line)
            .ok();
    }
    let base = first_line
        .trim()
        .strip_prefix("shipdesk sandbox listening on ")
        .unwrap_or_default()
        .to_owned();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        runtime.block_on(async {
            assert!(base.starts_with("http://127.0.0.1:"), "{first_line:?}");
            let client = reqwest::Client::new();
            let status = client
                .post(format!("{base}/__sandbox/fault"))
                .json(&json!({"fault": "unauthorized"}))
                .send()
                .await
                .expect("fault")
                .status();
            assert_eq!(status.as_u16(), 204);
            assert_eq!(
                post(&base, &seed_request(), Call::default()).await["code"],
                401
            );
            assert_eq!(
                post(&base, &seed_request(), Call::default()).await["code"],
                200
            );
            let orders: Value = client
                .get(format!("{base}/__sandbox/orders"))
                .send()
                .await
                .expect("orders")
                .json()
                .await
                .expect("json");
            assert_eq!(orders.as_array().map(Vec::len), Some(1));
            assert_eq!(orders[0]["reference"], "lf-test-251205-003");
        })
    }));
    child.kill().ok();
    child.wait().ok();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn tracking_calls_are_signed_with_a_five_character_key_that_the_sandbox_verifies() {
    use shipdesk::carriers::westernpost::WesternPost;
    use shipdesk::carriers::{Account, AccountSettings, Forwarder as _, ForwarderKind};
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let sandbox = Sandbox::start(0).await.expect("sandbox");
        let account = Account {
            name: "WP".to_owned(),
            forwarder: ForwarderKind::WesternPost,
            base_url: sandbox.base_url(),
            settings: AccountSettings::default(),
            builtin_sandbox: false,
        };
        let credentials = shipdesk::sandbox::demo_credentials(ForwarderKind::WesternPost);
        let now = chrono::Utc::now().timestamp_millis();
        // The engine's random key, as every signed call (the tracking query among them) draws it.
        let key = shipdesk::engine::nonce();
        assert_eq!(key.len(), signing::RANDOM_KEY_LEN);
        let request = WesternPost
            .connection_test_request(&account, &credentials, now, &key)
            .expect("a tracking query")
            .expect("signed");
        assert!(request.url.ends_with("/v1/open-api/tracking"));
        let signature = request.header("x-lt-signature").unwrap_or_default();
        assert!(signature.starts_with(&key), "{signature}");
        let answer = common::send_raw(&reqwest::Client::new(), request)
            .await
            .expect("answered");
        let verdict = WesternPost.parse_connection_test(&answer);
        assert!(verdict.is_ok(), "the sandbox verified it: {verdict:?}");
        // A 16-character key (what tracking calls drew before) is refused when signing, not
        // sent: SHEIN's verifier cuts exactly 5 and could never accept it.
        let refused = WesternPost
            .connection_test_request(&account, &credentials, now, "0123456789abcdef")
            .expect("a tracking query");
        assert!(refused.is_err(), "{refused:?}");
    });
}
