//! Plumbing every feature shares: errors, extractors, the layout, assets,
//! the state, the API document, and reading a request.

pub mod api;
pub mod assets;
pub mod brand;
pub mod client_ip;
pub mod error;
pub mod extract;
pub mod i18n;
pub mod layout;
pub mod limits;
pub mod reach;

use crate::web::error::AppError;
use axum::http::HeaderMap;
use mot_core::{Actor, Id};

/// The client's request id: the `Idempotency-Key` header (fetch and the
/// JSON API), else a form's hidden `_rid` field; none when both are absent.
pub(crate) fn request_id_of<'a>(headers: &'a HeaderMap, form_field: &'a str) -> Option<&'a str> {
    match headers.get("idempotency-key") {
        // A header that is not text is refused by the request id's check.
        Some(v) => Some(v.to_str().unwrap_or("\u{fffd}")),
        None => Some(form_field).filter(|f| !f.is_empty()),
    }
}

/// The client's request id (see [`request_id_of`]) checked, with who sent
/// it: a change that makes a record (a business, journey, channel, branch,
/// template, item, round, rater links, session) is made at most once for it
/// through [`mot_store::Store::once`].
pub(crate) fn client_request<'a>(
    actor: Actor,
    request_id: Option<&'a str>,
) -> Result<Option<mot_store::ClientRequest<'a>>, AppError> {
    let Some(id) = request_id else {
        return Ok(None);
    };
    mot_core::request::request_id(id)?;
    Ok(Some(mot_store::ClientRequest { id, actor }))
}

/// Reads one cookie from the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Whether a request came from our page script (answer JSON) or a plain
/// form (answer with redirects and error pages).
pub(crate) fn is_fetch(headers: &HeaderMap) -> bool {
    headers.contains_key("x-mot-fetch")
}

/// The scheme and host the client used, for absolute links.
pub fn base_url(settings: &Settings, headers: &HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let https = settings.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            == Some("https");
    format!("{}://{host}", if https { "https" } else { "http" })
}

/// Parses an optional id from a form field ("" means none).
pub fn optional_id(field: &'static str, value: &str) -> Result<Option<Id>, AppError> {
    let v = value.trim();
    if v.is_empty() || v == "none" {
        return Ok(None);
    }
    v.parse()
        .map(Some)
        .map_err(|_| AppError::invalid(crate::t!("error-bad-id", field = field)))
}

/// A QR code of `text` as an SVG image.
pub fn qr_svg(text: &str) -> Result<String, AppError> {
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(|e| AppError::internal(&e))?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build())
}

/// The modules of a QR code of `text`, row by row (dark is `true`), without
/// its quiet zone: what a printed sheet draws.
pub fn qr_modules(text: &str) -> Result<Vec<Vec<bool>>, AppError> {
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(|e| AppError::internal(&e))?;
    let width = code.width();
    let colours = code.to_colors();
    Ok(colours
        .chunks(width)
        .map(|row| row.iter().map(|c| *c == qrcode::Color::Dark).collect())
        .collect())
}

/// A QR code of `text` as a PNG image: black modules on white, 8 pixels
/// each, inside the quiet zone of 4 modules the standard asks for.
pub fn qr_png(text: &str) -> Result<Vec<u8>, AppError> {
    const SCALE: usize = 8;
    const QUIET: usize = 4;
    let modules = qr_modules(text)?;
    let side = (modules.len() + 2 * QUIET) * SCALE;
    // One bit a pixel, rows padded to whole bytes; a set bit is white.
    let row_bytes = side.div_ceil(8);
    let mut pixels = vec![0xFFu8; row_bytes * side];
    for (y, row) in modules.iter().enumerate() {
        for (x, dark) in row.iter().enumerate() {
            if !dark {
                continue;
            }
            for py in (y + QUIET) * SCALE..(y + QUIET + 1) * SCALE {
                for px in (x + QUIET) * SCALE..(x + QUIET + 1) * SCALE {
                    pixels[py * row_bytes + px / 8] &= !(0x80 >> (px % 8));
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, side as u32, side as u32);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::One);
    let mut w = enc.write_header().map_err(|e| AppError::internal(&e))?;
    w.write_image_data(&pixels)
        .map_err(|e| AppError::internal(&e))?;
    w.finish().map_err(|e| AppError::internal(&e))?;
    Ok(out)
}

/// Largest request body accepted (forms and JSON).
pub const MAX_BODY: usize = 64 * 1024;

/// Settings of the web layer.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Send cookies with `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// Origins allowed to open WebSockets besides the request's own host.
    pub extra_origins: Vec<String>,
    /// The language for visitors who chose none and whose browser asks for
    /// none mot speaks.
    pub default_language: mot_i18n::Lang,
    /// Hours a phone that answered a feedback question is thanked instead
    /// of asked again (`None`: [`FEEDBACK_ANSWER_HOURS`]).
    pub feedback_answer_hours: Option<u32>,
    /// Answers one address may send a minute (`None`:
    /// [`crate::state::FEEDBACK_PER_MINUTE`]); raised for load tests.
    pub feedback_per_minute: Option<u32>,
    /// Answers one feedback link takes a minute from all addresses together
    /// (`None`: [`crate::state::FEEDBACK_PER_POINT_MINUTE`]).
    pub feedback_per_point_minute: Option<u32>,
    /// Never ask for a proof of work under a burst of feedback answers
    /// (load tests that flood one link from one address on purpose).
    pub feedback_challenge_off: bool,
    /// The proof of work's `maxnumber` (`None`:
    /// [`crate::feedback::pow::MAX_NUMBER`]); tests make it small.
    pub feedback_challenge_max: Option<u64>,
    /// Where e-mail goes out (`None`: no mail is sent).
    pub mail: Option<crate::mail::MailSettings>,
    /// The address people reach this installation at, for links in e-mail
    /// (`None`: `http://` and the address the server listens on).
    pub public_url: Option<String>,
    /// Seconds between two looks of the background task at the journeys
    /// with feedback (`None`: [`ALERT_CHECK_SECONDS`]).
    pub alert_check_seconds: Option<u64>,
    /// The largest file an owner may import feedback from, in bytes
    /// (`None`: [`mot_core::feedback::import::ImportLimits::FILE_BYTES`]);
    /// tests make it small.
    pub feedback_import_bytes: Option<u64>,
    /// Anyone may make a workspace of their own at `/signup` (off unless
    /// the installation says so).
    pub open_signup: bool,
    /// Sign-in with an OpenID provider (`None`: passwords only).
    pub oidc: Option<crate::auth::oidc::OidcSettings>,
    /// The reverse proxies in front of mot: a connection from one of them
    /// counts as from the client `X-Forwarded-For` names
    /// ([`client_ip`]); none by default, so the header is ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// The default of [`Settings::alert_check_seconds`]: every five minutes.
pub const ALERT_CHECK_SECONDS: u64 = 300;

/// The default of [`Settings::feedback_answer_hours`].
pub const FEEDBACK_ANSWER_HOURS: u32 = 12;

/// In a page handler: the value of `Ok`, or the `Err` response returned
/// as the page's answer (a visitor sent to log in: `require_user`).
#[macro_export]
macro_rules! or_return {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(r) => return Ok(r),
        }
    };
}
