//! What every HTTP test needs: the real server on port 0 over a database of
//! its own (a SQLite file in a temporary directory, or a fresh PostgreSQL
//! database), a browser with a cookie jar, an API client and a WebSocket.
//!
//! The databases come from `mot_store::testing` (see there for when
//! PostgreSQL runs).

// Each test binary uses a different part of these helpers.
#![allow(dead_code)]

pub mod mail;
pub mod oidc;
#[allow(unused_imports)]
pub use mail::{mail_settings, SmtpSink};

use futures_util::{SinkExt, StreamExt};
use mot_core::{Actor, BoardCommand, Business, Channel, Id, Journey, Moment, Role, Stage};
use mot_server::{App, Settings};
use mot_store::{random_token, Store, User};
use reqwest::cookie::{CookieStore, Jar};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// How long any single await in a test may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(15);

/// Awaits `f`, failing the test with `what` if it takes longer than [`WAIT`].
pub async fn within<T>(what: &str, f: impl Future<Output = T>) -> T {
    tokio::time::timeout(WAIT, f)
        .await
        .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
}

// ---- databases ------------------------------------------------------------

/// A migrated database of its own (a SQLite file, or a fresh PostgreSQL
/// database), removed when the last clone is dropped.
pub use mot_store::testing::TestDb;

// ---- the server -------------------------------------------------------------

/// The real server, bound to a random port, serving until stopped.
pub struct TestApp {
    pub addr: SocketAddr,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    pub store: Store,
    pub db: TestDb,
    stop: Option<oneshot::Sender<()>>,
    handle: Option<JoinHandle<std::io::Result<()>>>,
}

impl TestApp {
    pub async fn sqlite() -> TestApp {
        TestApp::start(TestDb::sqlite().await).await
    }

    pub async fn postgres() -> Option<TestApp> {
        Some(TestApp::start(TestDb::postgres().await?).await)
    }

    /// Serves `db` with the default settings.
    pub async fn start(db: TestDb) -> TestApp {
        let store = db.store.clone();
        TestApp::start_on(db, store).await
    }

    /// Serves `store` (which may be a second connection to `db`).
    pub async fn start_on(db: TestDb, store: Store) -> TestApp {
        TestApp::start_configured(db, store, Settings::default()).await
    }

    /// Serves `store` with the given settings.
    pub async fn start_configured(db: TestDb, store: Store, settings: Settings) -> TestApp {
        let app = App::build(store.clone(), "127.0.0.1:0", settings)
            .await
            .expect("bind port 0");
        let addr = app.local_addr();
        let (stop, stopped) = oneshot::channel::<()>();
        let handle = tokio::spawn(app.run(async move {
            let _ = stopped.await;
        }));
        TestApp {
            addr,
            base: format!("http://{addr}"),
            store,
            db,
            stop: Some(stop),
            handle: Some(handle),
        }
    }

    /// Another instance (its own store, writer, listener and hub) on the same database.
    pub async fn second_instance(&self) -> TestApp {
        let store = self.db.second_instance().await;
        TestApp::start_on(self.db.clone(), store).await
    }

    /// Resolves the shutdown future given to [`App::run`].
    pub fn shut_down(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }

    /// Waits for [`App::run`] to return.
    pub async fn finished(&mut self) -> std::io::Result<()> {
        let handle = self.handle.take().expect("the server is running");
        within("App::run to return", handle)
            .await
            .expect("the server task did not panic")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A browser with an empty cookie jar that does not follow redirects.
    pub fn browser(&self) -> Browser {
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .timeout(WAIT)
            .build()
            .expect("a client");
        Browser {
            client,
            jar,
            base: self.base.clone(),
            csrf: String::new(),
        }
    }

    /// A browser logged in as `user` (a session made directly in the store).
    pub async fn signed_in(&self, workspace_id: Id, user_id: Id) -> Browser {
        let token = random_token();
        let csrf = random_token();
        self.store
            .create_session(workspace_id, user_id, &token, &csrf, 3_600_000)
            .await
            .expect("a session");
        let mut b = self.browser();
        b.jar.add_cookie_str(
            &format!("mot_session={token}; Path=/"),
            &self.base.parse().expect("a URL"),
        );
        b.csrf = csrf;
        b
    }

    /// A browser that joined `journey` as a guest through its join link.
    pub async fn guest(&self, journey: &Journey, name: &str) -> Browser {
        let mut b = self.browser();
        let res = b.get(&format!("/join/{}", journey.join_token)).await;
        assert_eq!(res.status(), StatusCode::OK);
        let csrf = form_csrf(&res.text().await.unwrap());
        let res = b
            .post(
                &format!("/join/{}", journey.join_token),
                &[("_csrf", &csrf), ("name", name)],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "joining as a guest");
        assert_eq!(location(&res), format!("/j/{}", journey.id));
        // Forms on the board carry the guest's own token.
        let page = b.get(&format!("/j/{}", journey.id)).await;
        assert_eq!(page.status(), StatusCode::OK);
        b.csrf = meta_csrf(&page.text().await.unwrap());
        b
    }

    /// An API client with a bearer token.
    pub fn api(&self, token: &str) -> Api {
        Api {
            client: reqwest::Client::builder()
                .timeout(WAIT)
                .build()
                .expect("a client"),
            base: self.base.clone(),
            token: Some(token.to_string()),
        }
    }

    /// The state of a board and of its workspace's businesses, to show that
    /// a refused request changed nothing.
    pub async fn snapshot(&self, workspace_id: Id, journey_id: Id) -> Snapshot {
        let s = &self.store;
        let journey = s.journey(workspace_id, journey_id).await.unwrap();
        let businesses = s.businesses(workspace_id).await.unwrap();
        let mut channels = Vec::new();
        let mut journeys = Vec::new();
        for b in &businesses {
            channels.extend(s.channels(workspace_id, b.id).await.unwrap());
            journeys.extend(s.journeys(workspace_id, b.id).await.unwrap());
        }
        Snapshot {
            stages: s.stages(workspace_id, journey_id).await.unwrap(),
            moments: s.moments(workspace_id, journey_id).await.unwrap(),
            journey,
            businesses,
            channels,
            journeys,
        }
    }
}

/// Everything a refused request must leave as it was.
#[derive(Debug, PartialEq)]
pub struct Snapshot {
    pub journey: Journey,
    pub stages: Vec<Stage>,
    pub moments: Vec<Moment>,
    pub businesses: Vec<Business>,
    pub channels: Vec<Channel>,
    pub journeys: Vec<Journey>,
}

/// One module per case, holding `on_sqlite` and `on_postgres`, each with a
/// server and a database of its own.
#[macro_export]
macro_rules! on_both {
    ($(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                #[allow(unused_mut)]
                let mut $app = $crate::common::TestApp::sqlite().await;
                $crate::common::within_test(async move { $body }).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                #[allow(unused_mut)]
                let Some(mut $app) = $crate::common::TestApp::postgres().await else { return };
                $crate::common::within_test(async move { $body }).await;
            }
        }
    )*};
}

/// Cases that need PostgreSQL: two instances sharing one database.
#[macro_export]
macro_rules! on_postgres_only {
    ($(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                #[allow(unused_mut)]
                let Some(mut $app) = $crate::common::TestApp::postgres().await else { return };
                $crate::common::within_test(async move { $body }).await;
            }
        }
    )*};
}

/// A whole test may take at most two minutes, so a hang fails instead of
/// stalling CI.
pub async fn within_test(f: impl Future<Output = ()>) {
    tokio::time::timeout(Duration::from_secs(120), f)
        .await
        .expect("the test finished within two minutes");
}

// ---- a small world ------------------------------------------------------------

/// A workspace with an owner (and their API token), a business with the
/// default channels and a journey with the default stages.
pub struct World {
    pub ws: Id,
    pub owner: User,
    pub owner_token: String,
    pub business: Business,
    pub journey: Journey,
    pub stages: Vec<Stage>,
    pub channels: Vec<Channel>,
}

pub fn unique_email(who: &str) -> String {
    format!("{who}-{}@example.com", &random_token()[..8])
}

/// A person with an account and an API token in a workspace.
pub struct Person {
    pub user: User,
    pub token: String,
}

impl World {
    pub async fn new(store: &Store, label: &str) -> World {
        let ws = store
            .create_workspace(&format!("{label} advisers"))
            .await
            .unwrap();
        let Person { user, token } = World::person_in(store, ws.id, label, Role::Owner).await;
        let business = store
            .create_business(ws.id, &format!("{label} Furniture"))
            .await
            .unwrap();
        let journey = store
            .create_journey(
                ws.id,
                business.id,
                "New customer buys a sofa",
                &mot_server::workspace::service::new_join_code(),
                &random_token(),
            )
            .await
            .unwrap();
        World {
            stages: store.stages(ws.id, journey.id).await.unwrap(),
            channels: store.channels(ws.id, business.id).await.unwrap(),
            ws: ws.id,
            owner: user,
            owner_token: token,
            business,
            journey,
        }
    }

    async fn person_in(store: &Store, ws: Id, label: &str, role: Role) -> Person {
        let user = store
            .create_user(
                ws,
                &unique_email(&label.to_lowercase()),
                &format!("{label} {role}"),
                "not-a-password-hash",
                role,
            )
            .await
            .unwrap();
        let token = random_token();
        store
            .create_api_token(ws, user.id, "tests", &token)
            .await
            .unwrap();
        Person { user, token }
    }

    /// Another person in this workspace.
    pub async fn person(&self, store: &Store, role: Role) -> Person {
        World::person_in(store, self.ws, "Pat", role).await
    }

    pub fn owner_actor(&self) -> Actor {
        Actor::Member {
            user_id: self.owner.id,
            role: Role::Owner,
        }
    }

    /// Adds a note as the owner, straight through the store.
    pub async fn note(&self, store: &Store, stage: usize, title: &str) -> Moment {
        let c = store
            .apply(
                self.ws,
                self.journey.id,
                self.owner_actor(),
                &self.owner.name,
                BoardCommand::AddMoment {
                    stage_id: self.stages[stage].id,
                    channel_id: None,
                    title: title.into(),
                    description: String::new(),
                },
            )
            .await
            .unwrap();
        match c.event {
            mot_core::LiveEvent::Board(mot_core::BoardEvent::MomentAdded { moment }) => moment,
            other => panic!("unexpected event {other:?}"),
        }
    }

    /// The journey as it is now (its last seq and join secrets change).
    pub async fn journey_now(&self, store: &Store) -> Journey {
        store.journey(self.ws, self.journey.id).await.unwrap()
    }
}

// ---- a browser ----------------------------------------------------------------

/// An HTTP client with a cookie jar, not following redirects.
pub struct Browser {
    pub client: reqwest::Client,
    pub jar: Arc<Jar>,
    pub base: String,
    /// The CSRF token of the session or guest, once known.
    pub csrf: String,
}

impl Browser {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// A form post exactly as given.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// A form post with this browser's `_csrf`, as a browser without script sends it.
    pub async fn submit(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let mut fields = vec![("_csrf", self.csrf.as_str())];
        fields.extend_from_slice(form);
        self.post(path, &fields).await
    }

    /// A form post as the page script sends it: `x-mot-fetch` and `x-csrf-token`.
    pub async fn fetch(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("x-mot-fetch", "1")
            .header("x-csrf-token", &self.csrf)
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// The `Cookie` header this browser sends.
    pub fn cookie_header(&self) -> String {
        self.jar
            .cookies(&self.base.parse().unwrap())
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookie_header()
            .split(';')
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }
}

/// The `Location` of a redirect.
pub fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get(reqwest::header::LOCATION)
        .unwrap_or_else(|| panic!("a Location header on a {} answer", res.status()))
        .to_str()
        .unwrap()
        .to_string()
}

/// The `Set-Cookie` headers of a response.
pub fn set_cookies(res: &reqwest::Response) -> Vec<String> {
    res.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

/// Milliseconds since 1970, the clock the store keeps times by.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// The `Set-Cookie` header that sets `name`, if any.
pub fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    set_cookies(res)
        .into_iter()
        .find(|c| c.starts_with(&format!("{name}=")))
}

/// The value part of a `Set-Cookie` header.
pub fn cookie_value(set_cookie: &str) -> String {
    set_cookie
        .split(';')
        .next()
        .and_then(|kv| kv.split_once('='))
        .map(|(_, v)| v.to_string())
        .unwrap_or_default()
}

fn attr_after<'a>(html: &'a str, marker: &str) -> Option<&'a str> {
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(&html[start..start + end])
}

/// The `_csrf` hidden field of the first form on a page.
pub fn form_csrf(html: &str) -> String {
    attr_after(html, r#"name="_csrf" value=""#)
        .unwrap_or_else(|| panic!("a _csrf field in the page:\n{html}"))
        .to_string()
}

/// The session's CSRF token from the page's `<meta name="csrf-token">`.
pub fn meta_csrf(html: &str) -> String {
    attr_after(html, r#"<meta name="csrf-token" content=""#)
        .unwrap_or_else(|| panic!("a csrf-token meta element in the page:\n{html}"))
        .to_string()
}

// ---- the JSON API -------------------------------------------------------------

pub struct Api {
    pub client: reqwest::Client,
    pub base: String,
    pub token: Option<String>,
}

impl Api {
    /// Sends a request; answers the status and the body as JSON (a string
    /// when it is not JSON, null when empty).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        json_of(res).await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, None).await
    }
    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(body)).await
    }
    pub async fn patch(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PATCH, path, Some(body)).await
    }
    pub async fn delete(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::DELETE, path, None).await
    }

    /// A request with a raw body and content type.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        content_type: Option<&str>,
        body: impl Into<reqwest::Body>,
    ) -> (StatusCode, Value) {
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.base))
            .body(body);
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        if let Some(ct) = content_type {
            req = req.header(reqwest::header::CONTENT_TYPE, ct);
        }
        json_of(req.send().await.unwrap()).await
    }
}

/// A response's status and JSON body (a string when it is not JSON, null when empty).
pub async fn json_of(res: reqwest::Response) -> (StatusCode, Value) {
    let status = res.status();
    let text = res.text().await.unwrap();
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    (status, value)
}

/// Checks a body is our error shape, `{"error":{"code","message"}}`.
pub fn assert_error_body(body: &Value) {
    let code = body["error"]["code"].as_str();
    let message = body["error"]["message"].as_str();
    assert!(
        code.is_some_and(|c| !c.is_empty()) && message.is_some_and(|m| !m.is_empty()),
        "expected {{\"error\":{{\"code\",\"message\"}}}}, got {body}"
    );
}

// ---- live updates ---------------------------------------------------------------

pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Opens `/j/{journey}/live?since=N` with extra request headers.
pub async fn open_live(
    app: &TestApp,
    journey: Id,
    since: i64,
    headers: &[(&'static str, &str)],
) -> Result<Ws, tokio_tungstenite::tungstenite::Error> {
    let url = format!("ws://{}/j/{journey}/live?since={since}", app.addr);
    let mut req = url.into_client_request().unwrap();
    for (k, v) in headers {
        req.headers_mut()
            .insert(*k, HeaderValue::from_str(v).unwrap());
    }
    within(
        "the WebSocket handshake",
        tokio_tungstenite::connect_async(req),
    )
    .await
    .map(|(ws, _)| ws)
}

/// The HTTP status a refused WebSocket handshake answered with.
pub fn refused_status(r: Result<Ws, tokio_tungstenite::tungstenite::Error>) -> u16 {
    match r {
        Err(tokio_tungstenite::tungstenite::Error::Http(res)) => res.status().as_u16(),
        Err(e) => panic!("expected an HTTP refusal, got {e}"),
        Ok(_) => panic!("expected the handshake to be refused, but it was accepted"),
    }
}

/// The socket's next message, leaving out `presence` frames (who is on the
/// board: they come whenever someone connects or leaves, between changes;
/// [`next_presence`] reads them).
pub async fn next_message(
    ws: &mut Ws,
    what: &str,
) -> Option<Result<Message, tokio_tungstenite::tungstenite::Error>> {
    loop {
        let msg = within(what, ws.next()).await;
        if let Some(Ok(Message::Text(t))) = &msg {
            let v: Value = serde_json::from_str(t.as_str()).unwrap_or_default();
            if v["type"] == "presence" {
                continue;
            }
        }
        return msg;
    }
}

/// The next `presence` frame's people, as "key name initials" strings.
pub async fn next_presence(ws: &mut Ws) -> Vec<String> {
    loop {
        let msg = within("a presence frame", ws.next())
            .await
            .expect("the socket is open")
            .expect("a frame");
        let Message::Text(t) = msg else { continue };
        let v: Value = serde_json::from_str(t.as_str()).expect("a JSON frame");
        if v["type"] == "presence" {
            return v["here"]
                .as_array()
                .expect("a list")
                .iter()
                .map(|p| {
                    format!(
                        "{} {} {}",
                        p["p"].as_str().unwrap(),
                        p["n"].as_str().unwrap(),
                        p["i"].as_str().unwrap()
                    )
                })
                .collect();
        }
    }
}

/// The next text frame as JSON (pings and pongs skipped).
pub async fn next_json(ws: &mut Ws) -> Value {
    loop {
        let msg = next_message(ws, "a live frame")
            .await
            .expect("the socket is open")
            .expect("a frame");
        match msg {
            Message::Text(t) => return serde_json::from_str(t.as_str()).expect("a JSON frame"),
            Message::Ping(_) | Message::Pong(_) => continue,
            other => panic!("expected a text frame, got {other:?}"),
        }
    }
}

/// Sends a JSON message on the socket.
pub async fn send_json(ws: &mut Ws, v: Value) {
    within(
        "sending a frame",
        ws.send(Message::Text(v.to_string().into())),
    )
    .await
    .expect("the frame was sent");
}

/// `YYYY-MM-DD`, `days` from today (UTC, as the server counts).
pub fn day(days: i64) -> String {
    mot_core::date::format(mot_core::date::today().saturating_add(time::Duration::days(days)))
}

pub fn content_type(res: &reqwest::Response) -> String {
    res.headers()
        .get(reqwest::header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// A phone that answered lately answering again: 409, with the thanks page
/// a customer sees, not an error page meant for staff. Nothing is kept.
pub async fn thanked_again(res: reqwest::Response, what: &str) {
    let got = res.status();
    let body = res.text().await.unwrap();
    assert_eq!(got, StatusCode::CONFLICT, "{what}: {body}");
    assert!(
        body.contains(mot_i18n::text(mot_i18n::Lang::En, "feedback-thanks")),
        "{what}: thanks: {body}"
    );
    assert!(
        !body.contains(r#"class="error""#) && !body.contains("/login"),
        "{what}: no error page: {body}"
    );
}

/// Asserts a refusal: the status, and our error body (JSON) or an error page (HTML).
pub async fn refused(res: reqwest::Response, status: StatusCode, what: &str) -> String {
    let got = res.status();
    let ct = content_type(&res);
    let body = res.text().await.unwrap();
    assert_eq!(got, status, "{what}: {body}");
    if ct.starts_with("application/json") {
        assert_error_body(&serde_json::from_str(&body).unwrap());
    } else {
        assert!(
            ct.starts_with("text/html"),
            "{what}: an HTML error page, got {ct:?}"
        );
        assert!(
            body.contains(r#"class="error""#),
            "{what}: an error page: {body}"
        );
    }
    body
}

/// A customer's request refused on a customer's page (a link not or no
/// longer in use, too many answers at once), with `status`: said kindly,
/// with no way back to the staff's start page and its sign-in.
pub async fn refused_kindly(res: reqwest::Response, status: StatusCode, what: &str) -> String {
    let got = res.status();
    let ct = content_type(&res);
    let body = res.text().await.unwrap();
    assert_eq!(got, status, "{what}: {body}");
    assert!(ct.starts_with("text/html"), "{what}: a page, got {ct:?}");
    assert!(
        body.contains(r#"<div class="feedback thanks refused"><h1>"#)
            && body.contains(r#"<p role="alert">"#),
        "{what}: the customer's page, saying why: {body}"
    );
    assert!(
        !body.contains("Back to the start page") && !body.contains(r#"class="error""#),
        "{what}: not the staff's error page: {body}"
    );
    body
}

/// Asserts a 200 page and answers its text.
/// A refusal said on the page itself (its form stays), with `status`.
pub async fn said(res: reqwest::Response, status: StatusCode, what: &str) -> String {
    let got = res.status();
    let body = res.text().await.unwrap();
    assert_eq!(got, status, "{what}: {body}");
    assert!(
        body.contains(r#"class="notice error""#),
        "{what}: said on the page: {body}"
    );
    body
}

/// A multipart form as a browser sends it: `_csrf` first, then the file
/// in `field`.
pub async fn send_file(
    b: &Browser,
    path: &str,
    csrf: &str,
    field: &str,
    name: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let boundary = "----motimport7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    b.client
        .post(b.url(path))
        .header(
            reqwest::header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap()
}

pub async fn ok_page(res: reqwest::Response, what: &str) -> String {
    let status = res.status();
    let body = res.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{what}: {body}");
    body
}

/// Has the team agree `rating` for `moment` in a session, as the owner.
pub async fn team_rates(app: &TestApp, w: &World, moment: i64, rating: mot_core::session::Rating) {
    use mot_core::session::{Phase, SessionCommand, SessionSettings};
    let s = app
        .store
        .start_session(
            w.ws,
            w.journey.id,
            w.owner_actor(),
            "Rate",
            mot_core::date::today(),
            SessionSettings::default(),
        )
        .await
        .unwrap();
    let run = |c: SessionCommand| {
        app.store
            .session_command(w.ws, s.id, w.owner_actor(), "Owner", c)
    };
    for (expected, target) in [
        (Phase::Capture, Phase::ColourCode),
        (Phase::ColourCode, Phase::Prioritise),
    ] {
        run(SessionCommand::ChangePhase { expected, target })
            .await
            .unwrap();
    }
    run(SessionCommand::SetPriorities {
        moment_ids: vec![moment],
    })
    .await
    .unwrap();
    run(SessionCommand::ChangePhase {
        expected: Phase::Prioritise,
        target: Phase::Assess,
    })
    .await
    .unwrap();
    run(SessionCommand::RecordAssessment {
        moment_id: moment,
        rating: Some(rating),
        issue: None,
        expectation: None,
        reality: None,
    })
    .await
    .unwrap();
}

/// The text of an HTML page with the entities maud writes turned back.
pub fn unescaped(html: &str) -> String {
    html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Asserts the page answered as the API did: the same status, and the API's
/// message on the page.
pub async fn same_refusal(what: &str, page: reqwest::Response, api: (StatusCode, Value)) {
    let (status, body) = api;
    assert_eq!(
        page.status(),
        status,
        "{what}: the page and the API answer alike"
    );
    assert_error_body(&body);
    let message = body["error"]["message"].as_str().unwrap().to_string();
    let html = unescaped(&page.text().await.unwrap());
    assert!(
        html.contains(&message),
        "{what}: the page does not say {message:?}"
    );
}

/// What the background check of customer alerts does, done now: pages only
/// read the alerts it keeps.
pub async fn check_alerts(store: &Store) {
    let (_stop, stopped) = tokio::sync::watch::channel(false);
    let (live, _) = tokio::sync::mpsc::channel(1);
    let state = mot_server::state::AppState::new(store.clone(), Settings::default(), stopped, live);
    mot_server::feedback::alerts::check_all(&state)
        .await
        .unwrap();
}
