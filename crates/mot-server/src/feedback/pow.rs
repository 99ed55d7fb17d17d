//! A proof of work a customer's phone does under a burst, by the ALTCHA
//! protocol (<https://altcha.org>, `altcha-lib`'s `v1`), so the `altcha`
//! widget solves it and this verifies it; no third party is asked.
//!
//! A challenge is `{algorithm: "SHA-256", challenge, maxnumber, salt,
//! signature}` where `challenge = hex(sha256(salt + number))` for a secret
//! random `number` below `maxnumber`, and `signature = hex(hmac_sha256(key,
//! challenge))`. The salt carries its expiry and the feedback link it is for
//! as parameters (`<random hex>?expires=<unix>&point=<id>&`, the closing `&`
//! as `altcha-lib` writes it so no parameter can be spliced on). The phone
//! finds the number by trying them all and sends back base64 of the JSON
//! `{algorithm, challenge, number, salt, signature}` (the form field
//! `altcha`). Verifying is one hash and one HMAC; a solution is taken once,
//! on any instance (the store's `take_proof`).

use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The only algorithm asked for (the widget also knows SHA-1 and SHA-512).
pub const ALGORITHM: &str = "SHA-256";

/// How long a challenge may be solved and sent: long enough to write a
/// comment after the page opened.
pub const LIFETIME_SECS: u64 = 20 * 60;

/// The default difficulty: a phone tries half of it on average, well under
/// a second with the widget's workers; a flood pays it for every answer.
pub const MAX_NUMBER: u64 = 100_000;

/// A challenge as the widget reads it (its `challengejson` attribute).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Challenge {
    pub algorithm: &'static str,
    pub challenge: String,
    pub maxnumber: u64,
    pub salt: String,
    pub signature: String,
}

impl Challenge {
    /// The JSON the widget is given.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// What a phone sends back.
#[derive(Debug, Deserialize)]
struct Payload {
    algorithm: String,
    challenge: String,
    number: u64,
    salt: String,
    signature: String,
}

/// Why a solution is not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofError {
    /// Not base64 of the JSON the protocol describes.
    Malformed,
    /// Signed by someone else, or altered since.
    Forged,
    /// Its challenge expired (or the salt states no expiry).
    Expired,
    /// Made for another feedback link.
    OtherPoint,
    /// The number does not solve the challenge.
    Wrong,
    /// Taken once already.
    Replayed,
}

fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn hmac_hex(key: &[u8], text: &str) -> String {
    // HMAC takes a key of any length.
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(text.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The salt of a challenge for `point` expiring at `expires` (unix seconds).
fn salt(random_hex: &str, expires: u64, point: i64) -> String {
    format!("{random_hex}?expires={expires}&point={point}&")
}

/// A challenge for feedback link `point`, solvable until `now +`
/// [`LIFETIME_SECS`], whose number is below `max_number`.
pub fn challenge(key: &[u8], point: i64, now: u64, max_number: u64) -> Challenge {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    let random: [u8; 12] = rng.gen();
    let number = rng.gen_range(0..max_number.max(1));
    challenge_with(
        key,
        &salt(&hex::encode(random), now + LIFETIME_SECS, point),
        number,
        max_number,
    )
}

/// The challenge of `salt` and `number` (what [`challenge`] makes with
/// random ones).
pub fn challenge_with(key: &[u8], salt: &str, number: u64, max_number: u64) -> Challenge {
    let challenge = sha256_hex(&format!("{salt}{number}"));
    Challenge {
        algorithm: ALGORITHM,
        signature: hmac_hex(key, &challenge),
        challenge,
        maxnumber: max_number,
        salt: salt.to_string(),
    }
}

/// The parameters after the `?` of a salt.
fn salt_param<'a>(salt: &'a str, name: &str) -> Option<&'a str> {
    let (_, query) = salt.split_once('?')?;
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A checked solution: its challenge and when that expires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solved {
    pub challenge: String,
    pub expires: u64,
}

/// Checks a solution sent for feedback link `point` at `now` (unix seconds):
/// signed with `key`, not expired, for this link, and solving its challenge.
/// Pure: whether it was taken before is the store's question (`take_proof`).
pub fn verify(key: &[u8], sent: &str, point: i64, now: u64) -> Result<Solved, ProofError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(sent.trim())
        .map_err(|_| ProofError::Malformed)?;
    let p: Payload = serde_json::from_slice(&bytes).map_err(|_| ProofError::Malformed)?;
    if p.algorithm != ALGORITHM {
        return Err(ProofError::Malformed);
    }
    // The signature first: nothing else of a forged payload is worth reading.
    let expected = hmac_hex(key, &p.challenge);
    if !constant_time_eq(expected.as_bytes(), p.signature.as_bytes()) {
        return Err(ProofError::Forged);
    }
    let expires: u64 = salt_param(&p.salt, "expires")
        .and_then(|e| e.parse().ok())
        .ok_or(ProofError::Expired)?;
    if expires < now {
        return Err(ProofError::Expired);
    }
    if salt_param(&p.salt, "point") != Some(point.to_string().as_str()) {
        return Err(ProofError::OtherPoint);
    }
    if sha256_hex(&format!("{}{}", p.salt, p.number)) != p.challenge {
        return Err(ProofError::Wrong);
    }
    Ok(Solved {
        challenge: p.challenge,
        expires,
    })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";
    const NOW: u64 = 1_700_000_000;

    /// Solves `c` as the widget does: every number in turn.
    fn solve(c: &Challenge) -> u64 {
        (0..=c.maxnumber)
            .find(|n| sha256_hex(&format!("{}{n}", c.salt)) == c.challenge)
            .expect("a solution below maxnumber")
    }

    fn payload(c: &Challenge, number: u64) -> String {
        let json = serde_json::json!({
            "algorithm": c.algorithm, "challenge": c.challenge, "number": number,
            "salt": c.salt, "signature": c.signature,
        });
        base64::engine::general_purpose::STANDARD.encode(json.to_string())
    }

    #[test]
    fn a_challenge_follows_the_altcha_protocol() {
        // The same salt and number give altcha-lib's challenge and signature.
        let c = challenge_with(KEY, "abc?expires=1700000600&point=7&", 42, 1000);
        assert_eq!(c.challenge, sha256_hex("abc?expires=1700000600&point=7&42"));
        assert_eq!(c.signature, hmac_hex(KEY, &c.challenge));
        assert_eq!(c.challenge.len(), 64);
        let json: serde_json::Value = serde_json::from_str(&c.to_json()).unwrap();
        assert_eq!(json["algorithm"], "SHA-256");
        assert_eq!(json["maxnumber"], 1000);
        // A random one expires after its lifetime and names its link.
        let c = challenge(KEY, 7, NOW, 50);
        assert_eq!(salt_param(&c.salt, "expires"), Some("1700001200"));
        assert_eq!(salt_param(&c.salt, "point"), Some("7"));
        assert!(c.salt.ends_with('&'));
    }

    #[test]
    fn a_valid_solution_passes() {
        let c = challenge(KEY, 7, NOW, 500);
        let sent = payload(&c, solve(&c));
        let solved = verify(KEY, &sent, 7, NOW + 60).unwrap();
        assert_eq!(solved.challenge, c.challenge);
        assert_eq!(solved.expires, NOW + LIFETIME_SECS);
    }

    #[test]
    fn wrong_altered_expired_and_foreign_solutions_are_refused() {
        let c = challenge(KEY, 7, NOW, 500);
        let n = solve(&c);
        assert_eq!(
            verify(KEY, &payload(&c, n + 1), 7, NOW),
            Err(ProofError::Wrong)
        );
        let mut forged = c.clone();
        forged.signature = hmac_hex(b"another key", &c.challenge);
        assert_eq!(
            verify(KEY, &payload(&forged, n), 7, NOW),
            Err(ProofError::Forged)
        );
        // An easier challenge of one's own making is not signed by us.
        let own = challenge_with(b"guess", &c.salt, 1, 2);
        assert_eq!(
            verify(KEY, &payload(&own, 1), 7, NOW),
            Err(ProofError::Forged)
        );
        // A later expiry written into the salt changes the challenge.
        let mut later = c.clone();
        later.salt = c.salt.replace("expires=", "expires=9");
        assert_eq!(
            verify(KEY, &payload(&later, n), 7, NOW),
            Err(ProofError::Wrong)
        );
        assert_eq!(
            verify(KEY, &payload(&c, n), 7, NOW + LIFETIME_SECS + 1),
            Err(ProofError::Expired)
        );
        assert_eq!(
            verify(KEY, &payload(&c, n), 8, NOW),
            Err(ProofError::OtherPoint)
        );
        for bad in ["", "not base64!", "e30=", "bnVsbA=="] {
            assert_eq!(
                verify(KEY, bad, 7, NOW),
                Err(ProofError::Malformed),
                "{bad}"
            );
        }
        // A salt without an expiry never passes.
        let never = challenge_with(KEY, "abc?point=7&", 3, 10);
        assert_eq!(
            verify(KEY, &payload(&never, 3), 7, NOW),
            Err(ProofError::Expired)
        );
    }
}
