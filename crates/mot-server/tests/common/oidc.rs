//! A real OpenID provider the test starts: panva's oidc-provider
//! (tests/oidc/provider.mjs, its packages installed by scripts/test), and
//! a browser that signs in through its login and consent pages.

use super::TestApp;
use std::io::BufRead;
use std::path::PathBuf;

/// The provider's process, stopped when dropped.
pub struct OidcProvider {
    child: std::process::Child,
    pub issuer: String,
}

impl OidcProvider {
    /// The provider, or `None` (said loudly) when its packages are not
    /// installed and `MOT_REQUIRE_OIDC` is not set; with it, they must be.
    pub fn start() -> Option<OidcProvider> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/oidc");
        if !dir.join("node_modules/oidc-provider").is_dir() {
            assert!(
                std::env::var("MOT_REQUIRE_OIDC").is_err(),
                "MOT_REQUIRE_OIDC is set but tests/oidc has no node_modules: run (cd tests/oidc && npm ci)"
            );
            eprintln!("\n*** SKIPPED: the sign-in tests need tests/oidc/node_modules ((cd tests/oidc && npm ci)); scripts/test installs them ***\n");
            return None;
        }
        let mut child = std::process::Command::new("node")
            .arg(dir.join("provider.mjs"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("node starts the OpenID provider");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let issuer = line.trim().to_string();
        assert!(
            issuer.starts_with("http://127.0.0.1:"),
            "the provider said {line:?}"
        );
        Some(OidcProvider { child, issuer })
    }

    /// Settings that sign in through this provider.
    pub fn settings(&self) -> mot_server::Settings {
        mot_server::Settings {
            oidc: Some(mot_server::auth::oidc::OidcSettings {
                issuer: self.issuer.clone(),
                client_id: "mot".into(),
                client_secret: "mot-test-secret".into(),
                label: "Test ID".into(),
            }),
            ..mot_server::Settings::default()
        }
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The value of `name="…" value="…"`-style attribute `attr` of the first
/// `<form` in `html`.
fn form_action(html: &str) -> String {
    let form = &html[html.find("<form").expect("a form on the provider's page")..];
    let at = form.find("action=\"").unwrap() + 8;
    form[at..at + form[at..].find('"').unwrap()].replace("&amp;", "&")
}

/// Signs in as `login` at the provider, starting from mot's "Sign in with"
/// link; answers the browser (its cookies) and mot's answer to the way back.
pub async fn sign_in(app: &TestApp, login: &str) -> (reqwest::Client, reqwest::Response) {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut res = client
        .get(app.url("/auth/oidc/start"))
        .send()
        .await
        .unwrap();
    for _ in 0..20 {
        let url = res.url().clone();
        if res.status().is_redirection() {
            let to = url
                .join(res.headers()[reqwest::header::LOCATION].to_str().unwrap())
                .unwrap();
            let back = to.path() == "/auth/oidc/callback" && to.as_str().starts_with(&app.url(""));
            res = client.get(to).send().await.unwrap();
            if back {
                return (client, res);
            }
            continue;
        }
        let status = res.status();
        let html = res.text().await.unwrap();
        assert_eq!(status, 200, "the provider's page at {url}: {html}");
        let action = url.join(&form_action(&html)).unwrap();
        let fields: Vec<(&str, &str)> = if html.contains(r#"name="login""#) {
            vec![("prompt", "login"), ("login", login), ("password", "any")]
        } else {
            vec![("prompt", "consent")]
        };
        res = client.post(action).form(&fields).send().await.unwrap();
    }
    panic!("the sign-in did not come back to mot");
}
