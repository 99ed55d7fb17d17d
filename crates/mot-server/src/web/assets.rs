//! Static files, embedded in the binary and served under a content hash so
//! they can be cached for a year.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::Digest;

/// (name, content type, bytes) of every file in `static/`, listed by build.rs.
const FILES: &[(&str, &str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The embedded files and the hash of them all.
pub struct Assets {
    pub hash: String,
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
        }
    }

    /// The URL of an embedded file.
    pub fn url(&self, name: &str) -> String {
        format!("/static/{}/{name}", self.hash)
    }
}

/// `GET /static/{hash}/{name}`: long-lived when the hash is current.
pub async fn serve_asset(Path((hash, name)): Path<(String, String)>) -> Response {
    let Some((_, mime, body)) = FILES.iter().find(|(n, _, _)| *n == name) else {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    };
    let cache = if hash == Assets::shared().hash {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    (
        [
            (header::CONTENT_TYPE, *mime),
            (header::CACHE_CONTROL, cache),
        ],
        *body,
    )
        .into_response()
}
