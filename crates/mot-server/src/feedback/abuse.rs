//! The public answer page's defences, in one place: limits per address
//! (by a keyed hash, never in clear) and per feedback link, the cookie that
//! says a phone answered lately, and under a burst a proof of work
//! ([`super::pow`]). The honeypot's answers are kept flagged by
//! [`service::answer`].
//!
//! A burst is an address that sent [`CHALLENGE_AFTER`] answers this minute,
//! or a link past half of its per-minute limit: from then on an answer needs
//! a solved challenge. A phone with scripts solves it unnoticed; without
//! scripts the page says the link is busy, to try again in a minute.

use crate::feedback::pow::{self, Challenge, ProofError};
use crate::feedback::service::{self, Sent};
use crate::feedback::survey;
use crate::state::AppState;
use crate::t;
use crate::web::error::AppError;
use axum::http::{HeaderMap, StatusCode};
use hmac::{Hmac, Mac};
use mot_core::Id;
use mot_store::{PointView, SurveyView};
use sha2::Sha256;
use std::net::IpAddr;
use std::sync::Mutex;

/// The cookie that says this phone answered at this link lately (its path
/// is the link's). It holds no identifier: only that it answered, for `mot
/// serve --feedback-answer-hours` (12 by default).
pub const ANSWERED_COOKIE: &str = "mot_answered";

/// The cookie that lists the moments this phone answered lately, at any
/// link (a moment's own link, or a survey that asks about it): one answer
/// per phone and moment in that time. Its value is `{moment}-{until}`
/// pairs joined by `.`, `until` in seconds since 1970; it names moments,
/// never the phone or the customer.
pub const MOMENTS_COOKIE: &str = "mot_moments";

/// The code of the 409 for a phone that answered lately (the pages thank
/// it again; any other conflict is an error).
pub const ANSWERED: &str = "answered";

/// The most moments the cookie lists (the latest answered): a few KB.
const MOMENTS_KEPT: usize = 100;

/// Answers one address sends in a minute before the next must carry a
/// solved proof of work (a shop's customers on its Wi-Fi share an address).
pub const CHALLENGE_AFTER: u32 = 10;

/// How long an address key hashes addresses before a new one replaces it.
pub const KEY_LIFETIME_SECS: u64 = 24 * 3600;

/// How long after a switch the previous key still counts: the limits' window.
pub const KEY_OVERLAP_SECS: u64 = 60;

/// Seconds since 1970, the clock of keys and challenges.
pub fn now_unix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn random_key() -> [u8; 32] {
    use rand::RngCore;
    let mut key = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut key);
    key
}

struct Keys {
    current: [u8; 32],
    previous: Option<[u8; 32]>,
    since: u64,
}

/// The key of the addresses' hashes: 32 random bytes, replaced every
/// [`KEY_LIFETIME_SECS`], written nowhere. An address's hash cannot be
/// turned back into it, nor linked to its hash of another day.
pub struct AddressKey(Mutex<Keys>);

/// An address's hashes: under the current key and, for
/// [`KEY_OVERLAP_SECS`] after a switch, under the previous one (so a limit
/// counts across the switch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressHashes {
    pub current: String,
    pub previous: Option<String>,
}

impl AddressKey {
    /// A fresh key, made at `now`.
    pub fn new(now: u64) -> Self {
        AddressKey(Mutex::new(Keys {
            current: random_key(),
            previous: None,
            since: now,
        }))
    }

    /// The hashes of `ip` at `now`, switching keys when the current one is
    /// a day old.
    pub fn hashes(&self, ip: IpAddr, now: u64) -> AddressHashes {
        let mut keys = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if now >= keys.since + KEY_LIFETIME_SECS {
            // A key a further day old is of no use: drop it.
            keys.previous =
                (now < keys.since + KEY_LIFETIME_SECS + KEY_OVERLAP_SECS).then_some(keys.current);
            keys.current = random_key();
            keys.since = now;
        }
        let previous = keys
            .previous
            .filter(|_| now < keys.since + KEY_OVERLAP_SECS)
            .map(|k| keyed_hash(&k, ip));
        AddressHashes {
            current: keyed_hash(&keys.current, ip),
            previous,
        }
    }
}

fn keyed_hash(key: &[u8], ip: IpAddr) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(ip.to_string().as_bytes());
    format!("a:{}", hex::encode(&mac.finalize().into_bytes()[..16]))
}

/// The proof of work's key and difficulty. The key is the database's
/// (shared by every instance that serves it, see [`Proofs::share_key`]);
/// the solutions taken are the store's too (`take_proof`), so a challenge
/// one instance gave passes on any other, once.
pub struct Proofs {
    /// The database's key, once read; until then a key of this process.
    shared: std::sync::OnceLock<[u8; 32]>,
    own: [u8; 32],
    /// Whether a burst asks for proofs at all (load tests turn it off).
    on: bool,
    max_number: u64,
}

/// The name of the proof of work's key in the database.
pub const PROOF_KEY: &str = "feedback-proof-of-work";

impl Proofs {
    /// With the settings' difficulty (`None`: [`pow::MAX_NUMBER`]).
    pub fn new(on: bool, max_number: Option<u64>) -> Self {
        Proofs {
            shared: std::sync::OnceLock::new(),
            own: random_key(),
            on,
            max_number: max_number.unwrap_or(pow::MAX_NUMBER).max(1),
        }
    }

    /// Signs and checks challenges with `key` (the database's) from now on.
    pub fn share_key(&self, key: [u8; 32]) {
        let _ = self.shared.set(key);
    }

    fn key(&self) -> &[u8; 32] {
        self.shared.get().unwrap_or(&self.own)
    }

    fn challenge(&self, point: i64) -> Challenge {
        pow::challenge(self.key(), point, now_unix(), self.max_number)
    }
}

/// How long after its challenge expired a used solution is forgotten: a
/// margin for instances whose clocks differ.
pub const FORGET_PROOFS_AFTER_SECS: u64 = 10 * 60;

/// The background task: every few minutes, forgets the used solutions whose
/// challenges expired [`FORGET_PROOFS_AFTER_SECS`] ago (no instance takes
/// them any more), until the server shuts down.
pub async fn forget_used_proofs(state: AppState) {
    let mut shutdown = state.shutdown.clone();
    let mut ticks = tokio::time::interval(std::time::Duration::from_secs(5 * 60));
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticks.tick() => {
                let before = now_unix().saturating_sub(FORGET_PROOFS_AFTER_SECS);
                if let Err(e) = state.store.forget_used_proofs(before).await {
                    tracing::warn!(error = %e, "forgetting used proofs failed");
                }
            }
            changed = shutdown.changed() => {
                if changed.is_err() || *shutdown.borrow() {
                    return;
                }
            }
        }
    }
}

fn link_key(point: i64) -> String {
    format!("p:{point}")
}

/// Whether an answer from `address` to `point` now needs a proof of work.
fn burst(state: &AppState, address: &AddressHashes, point: i64) -> bool {
    if !state.feedback_proofs.on {
        return false;
    }
    let sent = address_count(state, address);
    let link = &state.feedback_point_limiter;
    sent >= CHALLENGE_AFTER || link.count(&link_key(point)) * 2 > link.limit()
}

fn address_count(state: &AppState, address: &AddressHashes) -> u32 {
    let l = &state.feedback_limiter;
    l.count(&address.current) + address.previous.as_ref().map_or(0, |p| l.count(p))
}

fn answered_here(headers: &HeaderMap) -> bool {
    crate::web::cookie(headers, ANSWERED_COOKIE).is_some()
}

/// The moments this phone answered lately, each with when it may be asked
/// again; a malformed or lapsed entry counts for nothing.
fn answered_moments(headers: &HeaderMap, now: u64) -> Vec<(Id, u64)> {
    let Some(value) = crate::web::cookie(headers, MOMENTS_COOKIE) else {
        return Vec::new();
    };
    value
        .split('.')
        .filter_map(|pair| {
            let (moment, until) = pair.split_once('-')?;
            Some((moment.parse().ok()?, until.parse().ok()?))
        })
        .filter(|&(_, until)| until > now)
        .collect()
}

fn answered_moment(headers: &HeaderMap, moment: Id) -> bool {
    answered_moments(headers, now_unix())
        .iter()
        .any(|&(m, _)| m == moment)
}

/// `view` without the moments this phone answered lately (through their
/// own links or another survey): the survey asks only the rest.
pub fn unanswered(headers: &HeaderMap, mut view: SurveyView) -> SurveyView {
    let answered = answered_moments(headers, now_unix());
    (view.survey.moments, view.asked) = std::mem::take(&mut view.survey.moments)
        .into_iter()
        .zip(std::mem::take(&mut view.asked))
        .filter(|((id, _), _)| !answered.iter().any(|&(m, _)| m == *id))
        .unzip();
    view
}

/// The moments cookie after `moments` were answered at `now`: the lapsed
/// entries dropped, the latest [`MOMENTS_KEPT`] kept.
fn moments_cookie(headers: &HeaderMap, moments: &[Id], now: u64, secs: u64) -> (String, u64) {
    let mut list = answered_moments(headers, now);
    list.retain(|(m, _)| !moments.contains(m));
    list.extend(moments.iter().map(|&m| (m, now + secs)));
    let skip = list.len().saturating_sub(MOMENTS_KEPT);
    let list = &list[skip..];
    let value = (list.iter())
        .map(|(m, until)| format!("{m}-{until}"))
        .collect::<Vec<_>>()
        .join(".");
    let max_age = list.iter().map(|&(_, u)| u - now).max().unwrap_or(0);
    (value, max_age)
}

/// What the customer's page shows.
pub enum Ask {
    /// The question; with a challenge to solve under a burst.
    Question(Option<Challenge>),
    /// Thanks: this phone answered lately.
    Thanks,
}

/// What the page of `view`'s point shows the phone at `ip`: thanks when it
/// answered at this link or about this moment lately.
pub fn ask(state: &AppState, ip: IpAddr, headers: &HeaderMap, view: &PointView) -> Ask {
    let done = answered_moment(headers, view.point.moment_id);
    ask_at(state, ip, headers, view.point.id, done)
}

fn ask_at(state: &AppState, ip: IpAddr, headers: &HeaderMap, link: i64, done: bool) -> Ask {
    if done || answered_here(headers) {
        return Ask::Thanks;
    }
    let address = state.address_key.hashes(ip, now_unix());
    Ask::Question(burst(state, &address, link).then(|| state.feedback_proofs.challenge(link)))
}

/// What became of an answer.
pub enum Outcome {
    /// Kept: thanks, and these cookies so the phone is not asked again
    /// (here, and about these moments anywhere).
    Taken { cookies: [String; 2] },
    /// Asked again, saying what was wrong (`status` 422), with a new
    /// challenge when a burst asks for one.
    AskAgain {
        message: String,
        challenge: Option<Challenge>,
    },
}

/// The link is busy and the answer carries no solved proof: a friendly 429.
fn busy() -> AppError {
    AppError {
        retry_after: Some(60),
        ..AppError::new(StatusCode::TOO_MANY_REQUESTS, "busy", t!("feedback-busy"))
    }
}

/// A link customers answer at: a feedback point, or a journey survey (its
/// id negated, so the two never share a limit or a challenge).
struct Link<'a> {
    id: i64,
    /// Where the "answered" cookie applies: the link's own path.
    path: &'a str,
    /// Whether this phone answered everything the link asks about lately.
    done: bool,
    /// The moments this answer answers.
    moments: Vec<Id>,
}

/// Admits an answer from `ip` to `view`'s link and keeps it: past the
/// limits a 429, a second answer from this phone a 409, under a burst
/// without a solved challenge the busy 429, with a wrong or used solution
/// asked again; a robot's answer is kept flagged. `proof` is the widget's
/// `altcha` field.
pub async fn answer(
    state: &AppState,
    ip: IpAddr,
    headers: &HeaderMap,
    view: &PointView,
    sent: Sent<'_>,
    proof: &str,
) -> Result<Outcome, AppError> {
    let path = format!("/f/{}", view.point.token);
    let link = Link {
        id: view.point.id,
        path: &path,
        done: answered_moment(headers, view.point.moment_id),
        moments: vec![view.point.moment_id],
    };
    let request_key = sent.request_key.to_string();
    admit_and_keep(state, ip, headers, link, &request_key, proof, || {
        service::answer(state, view, sent)
    })
    .await
}

/// What the survey page of `view` (without the moments answered lately:
/// [`unanswered`]) shows the phone at `ip`.
pub fn ask_survey(state: &AppState, ip: IpAddr, headers: &HeaderMap, view: &SurveyView) -> Ask {
    let done = view.survey.moments.is_empty();
    ask_at(state, ip, headers, -view.survey.id, done)
}

/// [`answer`] for a journey survey's form (its `view` without the moments
/// answered lately: [`unanswered`]): the same limits, cookies and proof,
/// its answers kept together by [`survey::service::answer`].
pub async fn answer_survey(
    state: &AppState,
    ip: IpAddr,
    headers: &HeaderMap,
    view: &SurveyView,
    sent: survey::service::SentSurvey<'_>,
    proof: &str,
) -> Result<Outcome, AppError> {
    let path = format!("/s/{}", view.survey.token);
    let moments = (view.survey.moments.iter().zip(&sent.parts))
        .filter(|(_, (verdict, _, _))| !verdict.trim().is_empty())
        .map(|((id, _), _)| *id)
        .collect();
    let link = Link {
        id: -view.survey.id,
        path: &path,
        done: view.survey.moments.is_empty(),
        moments,
    };
    let request_key = sent.request_key.to_string();
    admit_and_keep(state, ip, headers, link, &request_key, proof, || {
        survey::service::answer(state, view, sent)
    })
    .await
}

async fn admit_and_keep<F, Fut>(
    state: &AppState,
    ip: IpAddr,
    headers: &HeaderMap,
    link: Link<'_>,
    request_key: &str,
    proof: &str,
    keep: F,
) -> Result<Outcome, AppError>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<bool, AppError>>,
{
    let point = link.id;
    let now = now_unix();
    let address = state.address_key.hashes(ip, now);
    // Decided before this answer counts: what the page showed, at most.
    let needs_proof = burst(state, &address, point);
    let earlier = address
        .previous
        .as_ref()
        .map_or(0, |p| state.feedback_limiter.count(p));
    state
        .feedback_limiter
        .check_after(&address.current, earlier)?;
    state.feedback_point_limiter.check(&link_key(point))?;
    if link.done || answered_here(headers) {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            ANSWERED,
            t!("rule-feedback-already-answered"),
        ));
    }
    let proofs = &state.feedback_proofs;
    if needs_proof {
        if proof.trim().is_empty() {
            return Err(busy());
        }
        let taken = match pow::verify(proofs.key(), proof, point, now) {
            Ok(solved) => {
                let (c, until, by) = (&solved.challenge, solved.expires, request_key.trim());
                match state.store.take_proof(c, until, by).await? {
                    true => Ok(()),
                    false => Err(ProofError::Replayed),
                }
            }
            Err(e) => Err(e),
        };
        if let Err(e) = taken {
            let message = match e {
                ProofError::Replayed => t!("feedback-proof-used"),
                _ => t!("feedback-proof-failed"),
            };
            return Ok(Outcome::AskAgain {
                message: message.to_string(),
                challenge: Some(proofs.challenge(point)),
            });
        }
    }
    match keep().await {
        Ok(_) => {}
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            return Ok(Outcome::AskAgain {
                message: e.message,
                challenge: needs_proof.then(|| proofs.challenge(point)),
            })
        }
        Err(e) => return Err(e),
    }
    let hours = state
        .settings
        .feedback_answer_hours
        .unwrap_or(crate::web::FEEDBACK_ANSWER_HOURS);
    let secs = u64::from(hours) * 3600;
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let (moments, max_age) = moments_cookie(headers, &link.moments, now, secs);
    let cookies = [
        format!(
            "{ANSWERED_COOKIE}=1; Path={}; Max-Age={secs}; HttpOnly; SameSite=Lax{secure}",
            link.path
        ),
        format!(
            "{MOMENTS_COOKIE}={moments}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"
        ),
    ];
    Ok(Outcome::Taken { cookies })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = KEY_LIFETIME_SECS;
    const T0: u64 = 1_700_000_000;

    fn ip(n: u8) -> IpAddr {
        IpAddr::from([192, 0, 2, n])
    }

    #[test]
    fn an_address_is_kept_only_as_a_keyed_hash() {
        let key = AddressKey::new(T0);
        let h = key.hashes(ip(7), T0);
        assert!(!h.current.contains("192.0.2.7"));
        assert_eq!(h.current.len(), 2 + 32);
        assert_eq!(key.hashes(ip(7), T0 + 10), h, "the same all day");
        assert_ne!(key.hashes(ip(8), T0).current, h.current);
        // Another process (or another day) hashes it otherwise.
        assert_ne!(AddressKey::new(T0).hashes(ip(7), T0).current, h.current);
        assert_eq!(h.previous, None);
    }

    #[test]
    fn the_key_changes_daily_and_the_old_one_counts_for_a_minute_after() {
        let key = AddressKey::new(T0);
        let first = key.hashes(ip(7), T0 + DAY - 1).current;
        // The switch: a new hash, and the old one beside it for a minute.
        let h = key.hashes(ip(7), T0 + DAY);
        assert_ne!(h.current, first);
        assert_eq!(h.previous.as_deref(), Some(first.as_str()));
        let h2 = key.hashes(ip(7), T0 + DAY + KEY_OVERLAP_SECS - 1);
        assert_eq!(h2.current, h.current);
        assert_eq!(h2.previous.as_deref(), Some(first.as_str()));
        // Then the old key is no longer used.
        let h3 = key.hashes(ip(7), T0 + DAY + KEY_OVERLAP_SECS);
        assert_eq!((h3.current, h3.previous), (h.current.clone(), None));
        // The next day, another key again; the previous overlaps for a minute.
        let h4 = key.hashes(ip(7), T0 + 2 * DAY);
        assert_ne!(h4.current, h.current);
        assert_eq!(h4.previous.as_deref(), Some(h.current.as_str()));
    }

    #[test]
    fn a_key_idle_past_its_day_is_dropped_not_kept_as_previous() {
        let key = AddressKey::new(T0);
        let old = key.hashes(ip(7), T0).current;
        let h = key.hashes(ip(7), T0 + 3 * DAY);
        assert_ne!(h.current, old);
        assert_eq!(h.previous, None);
    }

    fn with_moments(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        let cookie = format!("other=1; {MOMENTS_COOKIE}={value}");
        h.insert(axum::http::header::COOKIE, cookie.parse().unwrap());
        h
    }

    #[test]
    fn the_moments_cookie_lists_each_moment_until_it_may_be_asked_again() {
        let h = with_moments("7-1700000100.8-1699999999.junk.9-x.10-1700000500");
        // The lapsed entry (8) and the malformed ones count for nothing.
        assert_eq!(answered_moments(&h, T0), [(7, T0 + 100), (10, T0 + 500)]);
        // Answering 7 again and 11: 7 moves to the end with its new time.
        let (value, max_age) = moments_cookie(&h, &[7, 11], T0, 3600);
        assert_eq!(value, "10-1700000500.7-1700003600.11-1700003600");
        assert_eq!(max_age, 3600);
        // None yet: just the new ones.
        let (value, _) = moments_cookie(&HeaderMap::new(), &[3], T0, 60);
        assert_eq!(value, "3-1700000060");
    }

    #[test]
    fn the_moments_cookie_keeps_the_latest_hundred() {
        let many: Vec<String> = (1..=MOMENTS_KEPT as i64)
            .map(|m| format!("{m}-{}", T0 + 10))
            .collect();
        let (value, _) = moments_cookie(&with_moments(&many.join(".")), &[500], T0, 60);
        let kept: Vec<&str> = value.split('.').collect();
        assert_eq!(kept.len(), MOMENTS_KEPT);
        assert_eq!(
            (kept[0], kept[MOMENTS_KEPT - 1]),
            ("2-1700000010", "500-1700000060")
        );
        assert!(value.len() < 4000, "a cookie a browser keeps");
    }

    #[test]
    fn a_limit_counts_across_the_switch() {
        use crate::web::limits::RateLimiter;
        let limiter = RateLimiter::new(3, std::time::Duration::from_secs(60));
        let key = AddressKey::new(T0);
        let before = key.hashes(ip(7), T0 + DAY - 1);
        limiter.check(&before.current).unwrap();
        limiter.check(&before.current).unwrap();
        let after = key.hashes(ip(7), T0 + DAY);
        let earlier = limiter.count(after.previous.as_deref().unwrap());
        assert_eq!(earlier, 2);
        limiter.check_after(&after.current, earlier).unwrap();
        assert!(limiter.check_after(&after.current, earlier).is_err());
    }
}
