//! Static files, embedded in the binary and served under a content hash so
//! they can be cached for a year.

use axum::extract::Path;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::Digest;
use std::io::Write;

/// (name, content type, bytes) of every file in `static/`, listed by build.rs.
const FILES: &[(&str, &str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The embedded files and the hash of them all.
pub struct Assets {
    pub hash: String,
    /// Each file gzipped (in the order of `FILES`), for browsers that take
    /// it: a phone on a weak network loads a quarter of the bytes.
    gzipped: Vec<Vec<u8>>,
}

impl Assets {
    /// The embedded files' hash, computed once for the process.
    pub fn shared() -> &'static Assets {
        static ASSETS: std::sync::OnceLock<Assets> = std::sync::OnceLock::new();
        ASSETS.get_or_init(Assets::new)
    }

    fn new() -> Assets {
        let mut h = sha2::Sha256::new();
        for (name, _, body) in FILES {
            h.update(name.as_bytes());
            h.update(body);
        }
        Assets {
            hash: hex::encode(&h.finalize()[..6]),
            gzipped: FILES.iter().map(|(_, _, body)| gzip(body)).collect(),
        }
    }

    /// Whether a file is embedded (the vendored ones are when `npm ci` ran
    /// in `crates/mot-server/vendor` before the build).
    pub fn has(&self, name: &str) -> bool {
        FILES.iter().any(|(n, _, _)| *n == name)
    }

    /// The URL of an embedded file.
    pub fn url(&self, name: &str) -> String {
        format!("/static/{}/{name}", self.hash)
    }
}

fn gzip(body: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to memory cannot fail.
    let _ = z.write_all(body);
    z.finish().unwrap_or_default()
}

/// Whether the browser takes gzip (`Accept-Encoding`, not refused by `q=0`).
fn takes_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|part| {
            let mut bits = part.split(';').map(str::trim);
            let name = bits.next().unwrap_or("");
            let refused = bits.any(|b| b.replace(' ', "") == "q=0" || b == "q=0.0");
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

/// `GET /static/{hash}/{name}`: long-lived when the hash is current,
/// gzipped for browsers that take it.
pub async fn serve_asset(
    Path((hash, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let Some(i) = FILES.iter().position(|(n, _, _)| *n == name) else {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    };
    let (_, mime, body) = FILES[i];
    let assets = Assets::shared();
    let cache = if hash == assets.hash {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let head = [
        (header::CONTENT_TYPE, mime),
        (header::CACHE_CONTROL, cache),
        (header::VARY, "Accept-Encoding"),
    ];
    let small = &assets.gzipped[i];
    if takes_gzip(&headers) && small.len() < body.len() {
        (head, [(header::CONTENT_ENCODING, "gzip")], small.clone()).into_response()
    } else {
        (head, body).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_is_sent_only_to_browsers_that_take_it() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT_ENCODING, v.parse().unwrap());
            takes_gzip(&h)
        };
        assert!(with("gzip, deflate, br"));
        assert!(with("br;q=1.0, GZIP;q=0.5"));
        assert!(with("*"));
        assert!(!with("br"));
        assert!(!with("gzip;q=0"));
        assert!(!takes_gzip(&HeaderMap::new()));
    }

    #[test]
    fn every_file_unzips_to_itself() {
        for (i, (name, _, body)) in FILES.iter().enumerate() {
            let mut out = Vec::new();
            std::io::Read::read_to_end(
                &mut flate2::read::GzDecoder::new(&Assets::shared().gzipped[i][..]),
                &mut out,
            )
            .unwrap();
            assert_eq!(&out[..], *body, "{name}");
        }
    }
}
