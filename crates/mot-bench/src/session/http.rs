//! Talking to mot over HTTP: the facilitator's JSON API and login, guests
//! joining by the board's link and sending session commands from their page.

use crate::Res;
use std::net::SocketAddr;
use std::time::Duration;

/// The owner's password that `procs::start_mot` gives `mot user create`.
const OWNER_PASSWORD: &str = "bench-password-1234";

pub(super) fn http_client() -> Res<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(60))
        .build()?)
}

/// The value of cookie `name` among a response's `Set-Cookie` headers.
fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            let (k, rest) = v.split_once('=')?;
            (k == name).then(|| rest.split(';').next().unwrap_or("").to_string())
        })
}

fn form_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The facilitator's JSON API.
pub(super) struct Api {
    pub(super) http: reqwest::Client,
    pub(super) base: String,
    pub(super) auth: String,
}

impl Api {
    async fn call(&self, req: reqwest::RequestBuilder, what: &str) -> Res<serde_json::Value> {
        let res = req.header("authorization", &self.auth).send().await?;
        let status = res.status();
        let v: serde_json::Value = res.json().await?;
        if !status.is_success() {
            return Err(format!("{what}: {status}: {v}").into());
        }
        Ok(v)
    }
    pub(super) async fn get(&self, path: &str) -> Res<serde_json::Value> {
        let req = self.http.get(format!("{}{path}", self.base));
        self.call(req, &format!("GET {path}")).await
    }
    pub(super) async fn post(&self, path: &str, body: serde_json::Value) -> Res<serde_json::Value> {
        let req = self.http.post(format!("{}{path}", self.base)).json(&body);
        self.call(req, &format!("POST {path}")).await
    }
    /// A session command; returns the sequence numbers it committed.
    pub(super) async fn command(
        &self,
        sid: i64,
        cmd: serde_json::Value,
    ) -> Res<(Vec<i64>, serde_json::Value)> {
        let v = self.post(&format!("/sessions/{sid}/commands"), cmd).await?;
        let seqs = v["changes"]
            .as_array()
            .map(|a| a.iter().filter_map(|c| c["seq"].as_i64()).collect())
            .unwrap_or_default();
        Ok((seqs, v))
    }
}

/// Logs the owner in through the login form (the facilitator's page needs a
/// browser session to read its panel); returns the `Cookie` header.
pub(super) async fn login(http: &reqwest::Client, addr: SocketAddr, email: &str) -> Res<String> {
    let pre = mot_store::random_token();
    let res = http
        .post(format!("http://{addr}/login"))
        .header("cookie", format!("mot_csrf={pre}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "_csrf={pre}&email={}&password={}",
            form_escape(email),
            form_escape(OWNER_PASSWORD)
        ))
        .send()
        .await?;
    let token = set_cookie(&res, "mot_session")
        .ok_or_else(|| format!("login as {email} failed: {}", res.status()))?;
    Ok(format!("mot_session={token}"))
}

/// A participant: a guest of the board, with its own HTTP connection(s).
pub(super) struct Guest {
    pub(super) http: reqwest::Client,
    pub(super) cookie: String,
    pub(super) csrf: String,
}

/// Joins the board by its link as the page does (`POST /join/{token}` with
/// a name), then reads the board page for the guest's CSRF token.
pub(super) async fn join(addr: SocketAddr, link_token: &str, jid: i64, name: &str) -> Res<Guest> {
    let http = http_client()?;
    let pre = mot_store::random_token();
    let res = http
        .post(format!("http://{addr}/join/{link_token}"))
        .header("cookie", format!("mot_csrf={pre}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("_csrf={pre}&name={}", form_escape(name)))
        .send()
        .await?;
    let cname = format!("mot_g{jid}");
    let token = set_cookie(&res, &cname)
        .ok_or_else(|| format!("joining as {name} failed: {}", res.status()))?;
    let cookie = format!("{cname}={token}");
    let page = http
        .get(format!("http://{addr}/j/{jid}"))
        .header("cookie", &cookie)
        .send()
        .await?
        .text()
        .await?;
    let marker = "name=\"csrf-token\" content=\"";
    let csrf = page
        .split_once(marker)
        .and_then(|(_, rest)| rest.split('"').next())
        .filter(|c| !c.is_empty())
        .ok_or("the board page has no CSRF token")?
        .to_string();
    Ok(Guest { http, cookie, csrf })
}

/// A session command from a guest's page: `POST /j/{jid}/sessions/{sid}`
/// with the page's headers; the answer is the change's frame.
pub(super) async fn guest_command(g: &Guest, url: &str, form: &str) -> Res<i64> {
    let res = g
        .http
        .post(url)
        .header("cookie", &g.cookie)
        .header("x-mot-fetch", "1")
        .header("x-csrf-token", &g.csrf)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("{form}&_csrf={}", g.csrf))
        .send()
        .await?;
    let status = res.status();
    let text = res.text().await?;
    if !status.is_success() {
        return Err(format!("{status}: {}", text.chars().take(200).collect::<String>()).into());
    }
    let v: serde_json::Value = serde_json::from_str(&text)?;
    v["seq"]
        .as_i64()
        .ok_or_else(|| format!("no seq in the answer: {text}").into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_are_escaped() {
        assert_eq!(form_escape("a b@c.d"), "a+b%40c.d");
    }
}
