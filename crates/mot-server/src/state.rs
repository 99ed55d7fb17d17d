//! The state every handler shares.

use crate::hub::Hub;
use crate::web::assets::Assets;
use crate::web::limits::{LoginGuard, RateLimiter};
use crate::web::Settings;
use mot_store::Store;
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, watch};

/// Answers one address may send a minute.
pub const FEEDBACK_PER_MINUTE: u32 = 30;

/// Answers one feedback link takes a minute from all addresses together: a
/// busy shop's receipts stay far below it, a flood does not.
pub const FEEDBACK_PER_POINT_MINUTE: u32 = 600;

pub struct Inner {
    pub store: Store,
    pub hub: Arc<Hub>,
    pub settings: Settings,
    pub assets: &'static Assets,
    /// Login and setup attempts per IP or account.
    pub auth_limiter: RateLimiter,
    /// Wrong passwords per account and address (see [`LoginGuard`]).
    pub login_guard: LoginGuard,
    /// Join attempts per IP: generous, since a whole workshop may share one
    /// office connection, yet enough to stop guessing join codes.
    pub join_limiter: RateLimiter,
    /// Customers' answers per address (by its keyed hash, never in clear)
    /// and per feedback link.
    pub feedback_limiter: RateLimiter,
    /// Answers one feedback link takes a minute, from everyone together.
    pub feedback_point_limiter: RateLimiter,
    /// The key of the addresses' hashes: random per process, so it changes
    /// with every restart and is written nowhere.
    pub address_key: std::collections::hash_map::RandomState,
    /// Turns true when the server is shutting down.
    pub shutdown: watch::Receiver<bool>,
    /// Each live connection holds a clone; shutdown waits until all are gone.
    pub live_guard: mpsc::Sender<()>,
}

#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

impl Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(
        store: Store,
        settings: Settings,
        shutdown: watch::Receiver<bool>,
        live_guard: mpsc::Sender<()>,
    ) -> AppState {
        let hub = Hub::start(store.clone());
        AppState(Arc::new(Inner {
            store,
            hub,
            settings,
            assets: Assets::shared(),
            auth_limiter: RateLimiter::new(20, Duration::from_secs(60)),
            join_limiter: RateLimiter::new(300, Duration::from_secs(60)),
            feedback_limiter: RateLimiter::new(FEEDBACK_PER_MINUTE, Duration::from_secs(60)),
            feedback_point_limiter: RateLimiter::new(
                FEEDBACK_PER_POINT_MINUTE,
                Duration::from_secs(60),
            ),
            address_key: std::collections::hash_map::RandomState::new(),
            login_guard: LoginGuard::new(),
            shutdown,
            live_guard,
        }))
    }
}
