//! Rate limits in memory: attempts per address or account, and wrong
//! passwords per account and address.

use crate::web::error::AppError;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A fixed-window counter per key (IP address, account…).
pub struct RateLimiter {
    hits: Mutex<HashMap<String, (Instant, u32)>>,
    limit: u32,
    window: Duration,
}

impl RateLimiter {
    pub fn new(limit: u32, window: Duration) -> Self {
        RateLimiter {
            hits: Mutex::new(HashMap::new()),
            limit,
            window,
        }
    }

    /// Refuses with 429 when `key` is already past its limit, without counting.
    pub fn ensure_not_blocked(&self, key: &str) -> Result<(), AppError> {
        let now = Instant::now();
        let hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        match hits.get(key) {
            Some((start, n)) if now.duration_since(*start) < self.window && *n >= self.limit => {
                let wait = self
                    .window
                    .saturating_sub(now.duration_since(*start))
                    .as_secs()
                    .max(1);
                Err(AppError::too_many(wait))
            }
            _ => Ok(()),
        }
    }

    /// Counts one attempt for `key`; refuses with 429 past the limit.
    pub fn check(&self, key: &str) -> Result<(), AppError> {
        self.check_after(key, 0)
    }

    /// The attempts counted for `key` in its current window.
    pub fn count(&self, key: &str) -> u32 {
        let now = Instant::now();
        let hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        match hits.get(key) {
            Some((start, n)) if now.duration_since(*start) < self.window => *n,
            _ => 0,
        }
    }

    /// The limit this counts to.
    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// Like [`RateLimiter::check`], when `earlier` attempts of the same
    /// sender were counted under another key in this window (an address
    /// hashed with the key before a switch).
    pub fn check_after(&self, key: &str, earlier: u32) -> Result<(), AppError> {
        let now = Instant::now();
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        if hits.len() > 50_000 {
            hits.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        let entry = hits.entry(key.to_string()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        entry.1 += 1;
        if entry.1.saturating_add(earlier) > self.limit {
            let wait = self
                .window
                .saturating_sub(now.duration_since(entry.0))
                .as_secs()
                .max(1);
            return Err(AppError::too_many(wait));
        }
        Ok(())
    }
}

/// Limits on password logins, so that a flood of wrong passwords slows the
/// one sending it, not the account's owner:
///
/// - per address and account: at most [`LoginGuard::PER_PAIR`] wrong
///   passwords in 15 minutes (the attacker's own address is stopped first);
/// - per account, from every address together: past
///   [`LoginGuard::PER_ACCOUNT`] wrong passwords in 15 minutes, only
///   addresses where this account logged in successfully in the last 30 days
///   may go on trying (each still under its own limit). A distributed
///   guesser is stopped; the owner, at an address they used before, is not.
///
/// (Each address is also limited to 20 attempts a minute on any account, by
/// the caller.) Counts are kept in memory, per instance.
pub struct LoginGuard {
    per_pair: RateLimiter,
    per_account: RateLimiter,
    known: Mutex<HashMap<String, Vec<(IpAddr, Instant)>>>,
}

impl Default for LoginGuard {
    fn default() -> Self {
        LoginGuard::new()
    }
}

impl LoginGuard {
    pub const PER_PAIR: u32 = 10;
    pub const PER_ACCOUNT: u32 = 20;
    const WINDOW: Duration = Duration::from_secs(15 * 60);
    const KNOWN_FOR: Duration = Duration::from_secs(30 * 24 * 3600);

    pub fn new() -> Self {
        LoginGuard {
            per_pair: RateLimiter::new(Self::PER_PAIR, Self::WINDOW),
            per_account: RateLimiter::new(Self::PER_ACCOUNT, Self::WINDOW),
            known: Mutex::new(HashMap::new()),
        }
    }

    fn pair(account: &str, ip: IpAddr) -> String {
        format!("{ip} {account}")
    }

    /// Whether `account` logged in from `ip` in the last 30 days.
    fn is_known(&self, account: &str, ip: IpAddr) -> bool {
        let known = self.known.lock().unwrap_or_else(|p| p.into_inner());
        known.get(account).is_some_and(|list| {
            list.iter()
                .any(|(a, at)| *a == ip && at.elapsed() < Self::KNOWN_FOR)
        })
    }

    /// Before a password is checked: a 429 when this address may not try
    /// this account now.
    pub fn ensure_may_try(&self, account: &str, ip: IpAddr) -> Result<(), AppError> {
        self.per_pair.ensure_not_blocked(&Self::pair(account, ip))?;
        if !self.is_known(account, ip) {
            self.per_account.ensure_not_blocked(account)?;
        }
        Ok(())
    }

    /// Counts a wrong password.
    pub fn failed(&self, account: &str, ip: IpAddr) {
        let _ = self.per_pair.check(&Self::pair(account, ip));
        let _ = self.per_account.check(account);
    }

    /// Remembers the address of a successful login.
    pub fn succeeded(&self, account: &str, ip: IpAddr) {
        let mut known = self.known.lock().unwrap_or_else(|p| p.into_inner());
        if known.len() > 50_000 {
            known.retain(|_, list| {
                list.retain(|(_, at)| at.elapsed() < Self::KNOWN_FOR);
                !list.is_empty()
            });
        }
        let list = known.entry(account.to_string()).or_default();
        list.retain(|(a, at)| *a != ip && at.elapsed() < Self::KNOWN_FOR);
        // A person uses a few places; the oldest is forgotten first.
        if list.len() >= 16 {
            list.remove(0);
        }
        list.push((ip, Instant::now()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_limiter_refuses_past_the_limit() {
        let l = RateLimiter::new(2, Duration::from_secs(60));
        assert!(l.check("ip").is_ok());
        assert!(l.check("ip").is_ok());
        let e = l.check("ip").unwrap_err();
        assert_eq!(e.status, axum::http::StatusCode::TOO_MANY_REQUESTS);
        assert!(e.retry_after.is_some());
        assert!(l.check("other").is_ok());
    }

    #[test]
    fn a_flood_of_wrong_passwords_stops_its_addresses_not_the_owners_known_one() {
        let g = LoginGuard::new();
        let ip = |n: u8| IpAddr::from([10, 0, 0, n]);
        let owner = ip(1);
        g.succeeded("olive@example.com", owner);
        // One address: stopped after its own limit; others may still try.
        for _ in 0..LoginGuard::PER_PAIR {
            g.ensure_may_try("olive@example.com", ip(2)).unwrap();
            g.failed("olive@example.com", ip(2));
        }
        let e = g.ensure_may_try("olive@example.com", ip(2)).unwrap_err();
        assert_eq!(e.status, axum::http::StatusCode::TOO_MANY_REQUESTS);
        assert!(e.retry_after.is_some());
        assert!(g.ensure_may_try("olive@example.com", ip(3)).is_ok());
        assert!(
            g.ensure_may_try("other@example.com", ip(2)).is_ok(),
            "other accounts from that address"
        );
        // Many addresses together: new addresses are stopped, the owner's is not.
        for n in 3..=20 {
            g.failed("olive@example.com", ip(n));
        }
        assert!(
            g.ensure_may_try("olive@example.com", ip(99)).is_err(),
            "a new address"
        );
        assert!(g.ensure_may_try("olive@example.com", ip(3)).is_err());
        assert!(
            g.ensure_may_try("olive@example.com", owner).is_ok(),
            "the owner's address"
        );
        assert!(
            g.ensure_may_try("other@example.com", ip(99)).is_ok(),
            "another account"
        );
        // The owner's own typos count against the owner's address only.
        for _ in 0..LoginGuard::PER_PAIR {
            g.failed("olive@example.com", owner);
        }
        assert!(g.ensure_may_try("olive@example.com", owner).is_err());
    }
}
