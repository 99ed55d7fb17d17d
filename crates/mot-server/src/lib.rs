//! The web face of mot: HTML pages, the JSON API and live updates over
//! WebSockets, on axum.
//!
//! [`App::build`] binds the listener (port 0 in tests) and [`App::run`]
//! serves until the shutdown future resolves, then closes live connections
//! with a reason and lets in-flight requests finish.

pub mod api;
pub mod audit;
pub mod auth;
pub mod board;
pub mod feedback;
pub mod hub;
pub mod mail;
pub mod people;
pub mod reports;
pub mod session;
pub mod state;
pub mod web;
pub mod workspace;

use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::{assets, error};
pub use crate::web::{Settings, MAX_BODY};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::serve::ListenerExt;
use axum::Router;
use mot_store::Store;
use std::future::Future;
use std::net::SocketAddr;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
                   frame-ancestors 'none'; form-action 'self'";

/// Builds the whole router.
pub fn router(state: AppState) -> Router {
    let (api, openapi) = api::router();
    let openapi_json = openapi.to_json().unwrap_or_else(|_| "{}".into());
    let default_language = state.settings.default_language;
    Router::new()
        .merge(auth::routes())
        .merge(workspace::routes())
        .merge(people::routes())
        .merge(board::routes())
        .merge(session::routes())
        .merge(audit::routes())
        .merge(feedback::routes())
        .merge(reports::routes())
        .route("/healthz", get(healthz))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/static/{hash}/{name}", get(assets::serve_asset))
        .route(
            "/api/v1/openapi.json",
            get(
                move || async move { ([(header::CONTENT_TYPE, "application/json")], openapi_json) },
            ),
        )
        .merge(api)
        // Keeps the matched route for what a client's people may reach.
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            crate::web::reach::middleware,
        ))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(security_headers))
        .layer(compression())
        // Outermost, so the framework's own refusals (405, 413) speak the
        // request's language too.
        .layer(middleware::from_fn(move |req, next| {
            crate::web::i18n::middleware(default_language, req, next)
        }))
        .with_state(state)
}

/// Answers compressed (Brotli or gzip, at their fastest settings) when the
/// client takes it: HTML, CSS, scripts, JSON, CSV, SVG. Files that are
/// compressed already (PDF, XLSX, images) and answers under 32 bytes go as
/// they are; so does the live socket's upgrade (no body).
fn compression(
) -> tower_http::compression::CompressionLayer<impl tower_http::compression::Predicate> {
    use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
    use tower_http::compression::{CompressionLayer, CompressionLevel};
    CompressionLayer::new()
        .quality(CompressionLevel::Fastest)
        .compress_when(
            DefaultPredicate::new()
                .and(NotForContentType::const_new("application/pdf"))
                .and(NotForContentType::const_new(
                    "application/vnd.openxmlformats",
                ))
                .and(NotForContentType::const_new("application/zip")),
        )
}

/// 200 only when the database answers and takes a write, each within a few
/// seconds: a read-only or full database cannot save anyone's changes.
async fn healthz(State(state): State<AppState>) -> Response {
    use mot_store::Health;
    let (text, cause) = match state.store.health(HEALTH_LIMIT).await {
        Health::Ok => return (StatusCode::OK, "ok").into_response(),
        Health::Unreachable(cause) => ("database unavailable", cause),
        Health::NotWritable(cause) => ("database cannot be written", cause),
    };
    tracing::warn!(error = %cause, "health check failed: {text}");
    (StatusCode::SERVICE_UNAVAILABLE, text).into_response()
}

/// How long `/healthz` waits for the database's read, then for its write.
const HEALTH_LIMIT: std::time::Duration = std::time::Duration::from_secs(3);

async fn not_found(req: Request) -> Response {
    let e = AppError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        crate::t!("error-no-page"),
    );
    if req.uri().path().starts_with("/api/") {
        e.into_response()
    } else {
        error::PageError(e).into_response()
    }
}

/// Security headers on every response; API errors from the framework
/// (405, 413…) are rewritten into our error body.
async fn security_headers(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    let status = res.status();
    let is_plain = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.starts_with("text/plain"));
    if (status.is_client_error() || status.is_server_error())
        && is_plain
        && status != StatusCode::SERVICE_UNAVAILABLE
    {
        let message = match status {
            StatusCode::METHOD_NOT_ALLOWED => crate::t!("error-method").to_string(),
            StatusCode::PAYLOAD_TOO_LARGE => {
                crate::t!("error-body-too-large", kib = MAX_BODY / 1024)
            }
            StatusCode::UNSUPPORTED_MEDIA_TYPE => crate::t!("error-json-content-type").to_string(),
            s => mot_i18n::text_dyn(web::i18n::lang(), &format!("status-{}", s.as_u16()))
                .unwrap_or_else(|| s.canonical_reason().unwrap_or("Error"))
                .to_string(),
        };
        let e = AppError::new(status, "http", message);
        let retry = res.headers().get(header::RETRY_AFTER).cloned();
        res = if is_api {
            e.into_response()
        } else {
            error::PageError(e).into_response()
        };
        if let Some(r) = retry {
            res.headers_mut().insert(header::RETRY_AFTER, r);
        }
    }
    let h = res.headers_mut();
    // A handler's own, stricter policy (the logo's) stands.
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(CSP));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// A bound, ready-to-run server.
pub struct App {
    listener: TcpListener,
    router: Router,
    shutdown_tx: watch::Sender<bool>,
    live_rx: mpsc::Receiver<()>,
    store: Store,
}

impl App {
    /// Binds `addr` (use port 0 for a random port) and builds the app.
    pub async fn build(store: Store, addr: &str, mut settings: Settings) -> std::io::Result<App> {
        let listener = TcpListener::bind(addr).await?;
        if settings.public_url.is_none() {
            settings.public_url = Some(format!("http://{}", listener.local_addr()?));
        }
        let (shutdown_tx, shutdown_rx) = watch::channel(false);
        let (live_tx, live_rx) = mpsc::channel(1);
        let state = AppState::new(store.clone(), settings, shutdown_rx, live_tx);
        // Every instance on this database signs the customer pages'
        // challenges with its key, so any of them checks what another gave.
        let proof_key = store.instance_key(feedback::abuse::PROOF_KEY).await;
        state
            .feedback_proofs
            .share_key(proof_key.map_err(|e| std::io::Error::other(e.to_string()))?);
        // Imports a stopped server left running are taken out before any
        // new one starts.
        feedback::import::recover(&state).await;
        // Customer alerts are kept (and mailed) even when nobody reads the
        // figures: a look over the journeys with feedback every few minutes.
        tokio::spawn(feedback::alerts::run_checks(state.clone()));
        // Used solutions of the customer pages' proof of work, past their time.
        tokio::spawn(feedback::abuse::forget_used_proofs(state.clone()));
        Ok(App {
            listener,
            router: router(state),
            shutdown_tx,
            live_rx,
            store,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until `shutdown` resolves; then tells live connections to close
    /// (with a reason), lets in-flight requests finish, and flushes the writer.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let App {
            listener,
            router,
            shutdown_tx,
            mut live_rx,
            store,
        } = self;
        let tx = shutdown_tx.clone();
        let signal = async move {
            shutdown.await;
            let _ = tx.send(true);
        };
        // TCP_NODELAY: live updates are small frames; without it Nagle's
        // algorithm and delayed ACKs hold each one back by up to 40 ms
        // (measured: see BENCHMARKS.md).
        let listener = listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "cannot set TCP_NODELAY");
            }
        });
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(signal)
        .await?;
        let _ = shutdown_tx.send(true);
        // Dropping the router dropped the state's guard; wait for live sockets.
        let _ = tokio::time::timeout(std::time::Duration::from_secs(5), live_rx.recv()).await;
        store.close().await;
        Ok(())
    }
}
