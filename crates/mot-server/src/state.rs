//! The state every handler shares.

use crate::hub::Hub;
use crate::web::assets::Assets;
use crate::web::limits::{LoginGuard, RateLimiter};
use crate::web::Settings;
use mot_core::Id;
use mot_store::Store;
use std::ops::Deref;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};

/// Answers one address may send a minute.
pub const FEEDBACK_PER_MINUTE: u32 = 30;

/// Answers one feedback link takes a minute from all addresses together: a
/// busy shop's receipts stay far below it, a flood does not.
pub const FEEDBACK_PER_POINT_MINUTE: u32 = 600;

pub struct Inner {
    pub store: Store,
    pub hub: Arc<Hub>,
    /// Who is on each board now (this process's live sockets).
    pub presence: Arc<crate::board::presence::Presence>,
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
    /// Per (workspace, journey): the store's feedback generation
    /// (`Store::feedback_generation`) and the time of the last check of its
    /// alerts a page view asked for.
    pub alert_checks: std::sync::Mutex<std::collections::HashMap<(Id, Id), (u64, Instant)>>,
    /// The progress of each feedback import running in this process.
    pub imports: std::sync::Mutex<std::collections::HashMap<Id, Arc<mot_store::ImportProgress>>>,
    /// The key of the addresses' hashes: random, replaced daily (and with
    /// every restart), written nowhere.
    pub address_key: crate::feedback::abuse::AddressKey,
    /// The proof of work asked for under a burst of answers.
    pub feedback_proofs: crate::feedback::abuse::Proofs,
    /// Sends e-mail, when SMTP is configured (`Settings::mail`).
    pub mailer: Option<Arc<crate::mail::Mailer>>,
    /// The OpenID provider people may sign in with (`Settings::oidc`).
    pub oidc: Option<Arc<crate::auth::oidc::Oidc>>,
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
        let per_address = settings.feedback_per_minute.unwrap_or(FEEDBACK_PER_MINUTE);
        let per_point = settings
            .feedback_per_point_minute
            .unwrap_or(FEEDBACK_PER_POINT_MINUTE);
        let feedback_proofs = crate::feedback::abuse::Proofs::new(
            !settings.feedback_challenge_off,
            settings.feedback_challenge_max,
        );
        let mailer = mailer_of(&settings);
        let oidc = settings.oidc.clone().and_then(|o| {
            crate::auth::oidc::Oidc::new(o)
                .map_err(|e| tracing::error!(error = %e, "no single sign-on"))
                .ok()
                .map(Arc::new)
        });
        AppState(Arc::new(Inner {
            store,
            hub,
            presence: Default::default(),
            settings,
            assets: Assets::shared(),
            auth_limiter: RateLimiter::new(20, Duration::from_secs(60)),
            join_limiter: RateLimiter::new(300, Duration::from_secs(60)),
            feedback_limiter: RateLimiter::new(per_address, Duration::from_secs(60)),
            feedback_point_limiter: RateLimiter::new(per_point, Duration::from_secs(60)),
            alert_checks: Default::default(),
            imports: Default::default(),
            address_key: crate::feedback::abuse::AddressKey::new(crate::feedback::abuse::now_unix()),
            feedback_proofs,
            login_guard: LoginGuard::new(),
            mailer,
            oidc,
            shutdown,
            live_guard,
        }))
    }
}

/// The mailer of the settings; one that cannot be set up is logged and
/// left out (`mot serve` refuses such settings before it starts).
fn mailer_of(settings: &Settings) -> Option<Arc<crate::mail::Mailer>> {
    let m = settings.mail.as_ref()?;
    match crate::mail::Mailer::new(m) {
        Ok(mailer) => Some(Arc::new(mailer)),
        Err(e) => {
            tracing::error!(error = %e, "no e-mail will be sent");
            None
        }
    }
}
