//! Sign-in with an OpenID provider (`mot serve --oidc-issuer …`): the
//! authorization code flow with PKCE, its state and nonce kept in a short
//! HttpOnly cookie of this browser and checked on the way back, and the ID
//! token verified against the issuer's keys (the `openidconnect` crate).
//!
//! What the provider tells is only a verified e-mail address; who that is
//! here (an account, or someone a workspace lets join) is decided by the
//! callback page (`auth::pages::oidc_callback`).

use crate::web::error::AppError;
use openidconnect::core::{CoreClient, CoreProviderMetadata, CoreResponseType};
use openidconnect::{
    AuthenticationFlow, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The cookie that carries a sign-in's state, nonce and PKCE verifier.
pub const COOKIE: &str = "mot_oidc";
/// How long a browser may take at the provider (seconds).
pub const COOKIE_SECS: i64 = 600;
/// How long the provider's metadata and keys are kept before they are read
/// again (a provider that rotates its keys is followed within this time).
const METADATA_FOR: Duration = Duration::from_secs(600);

/// Where the provider is and who mot is to it.
#[derive(Clone)]
pub struct OidcSettings {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// The provider's name on the login page ("Sign in with …").
    pub label: String,
}

impl std::fmt::Debug for OidcSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

/// What the provider vouched for.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    /// Lower-cased.
    pub email: String,
    pub name: Option<String>,
}

/// One installation's OpenID provider.
pub struct Oidc {
    settings: OidcSettings,
    http: openidconnect::reqwest::Client,
    metadata: Mutex<Option<(Instant, CoreProviderMetadata)>>,
}

/// Why a sign-in failed: logged with its cause, said to people plainly.
fn failed(what: &str, cause: &dyn std::fmt::Display) -> AppError {
    tracing::warn!(error = %cause, "single sign-on: {what}");
    AppError::new(
        axum::http::StatusCode::BAD_GATEWAY,
        "sign_in_failed",
        crate::t!("auth-oidc-failed"),
    )
}

impl Oidc {
    pub fn new(settings: OidcSettings) -> Result<Oidc, String> {
        IssuerUrl::new(settings.issuer.clone()).map_err(|e| format!("--oidc-issuer: {e}"))?;
        let http = openidconnect::reqwest::ClientBuilder::new()
            // The provider's answers are read as they are, never followed elsewhere.
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Oidc {
            settings,
            http,
            metadata: Mutex::new(None),
        })
    }

    pub fn label(&self) -> &str {
        &self.settings.label
    }

    async fn metadata(&self, fresh: bool) -> Result<CoreProviderMetadata, AppError> {
        if !fresh {
            if let Some((at, m)) = self.metadata.lock().ok().and_then(|g| g.clone()) {
                if at.elapsed() < METADATA_FOR {
                    return Ok(m);
                }
            }
        }
        let issuer =
            IssuerUrl::new(self.settings.issuer.clone()).map_err(|e| failed("the issuer", &e))?;
        let m = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| failed("discovery", &e))?;
        if let Ok(mut g) = self.metadata.lock() {
            *g = Some((Instant::now(), m.clone()));
        }
        Ok(m)
    }

    async fn client(
        &self,
        redirect: &str,
        fresh: bool,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        AppError,
    > {
        let redirect =
            RedirectUrl::new(redirect.to_string()).map_err(|e| failed("the redirect", &e))?;
        Ok(CoreClient::from_provider_metadata(
            self.metadata(fresh).await?,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.clone())),
        )
        .set_redirect_uri(redirect))
    }

    /// Where to send the browser, and the cookie value that must come back
    /// with it (state, nonce and PKCE verifier).
    pub async fn start(&self, redirect: &str) -> Result<(String, String), AppError> {
        let client = self.client(redirect, false).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        let cookie = format!(
            "{}.{}.{}",
            state.secret(),
            nonce.secret(),
            verifier.secret()
        );
        Ok((url.to_string(), cookie))
    }

    /// Checks the way back (the state against the cookie), trades the code
    /// for tokens with the PKCE verifier, and verifies the ID token (the
    /// issuer's signature, audience, expiry, nonce). Answers the verified
    /// e-mail address; an address the provider has not verified is refused.
    pub async fn finish(
        &self,
        redirect: &str,
        cookie: Option<&str>,
        state: &str,
        code: &str,
    ) -> Result<Verified, AppError> {
        let expired = || AppError::bad_request(crate::t!("auth-oidc-expired"));
        let mut parts = cookie.ok_or_else(expired)?.splitn(3, '.');
        let (Some(want), Some(nonce), Some(verifier)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(expired());
        };
        if !crate::auth::constant_time_eq(want.as_bytes(), state.as_bytes()) || state.is_empty() {
            return Err(expired());
        }
        let client = self.client(redirect, false).await?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| failed("the token endpoint", &e))?
            .set_pkce_verifier(PkceCodeVerifier::new(verifier.to_string()))
            .request_async(&self.http)
            .await
            .map_err(|e| failed("the code exchange", &e))?;
        use openidconnect::TokenResponse as _;
        let id_token = tokens
            .id_token()
            .ok_or_else(|| failed("the answer", &"no ID token"))?;
        let nonce = Nonce::new(nonce.to_string());
        let claims = match id_token.claims(&client.id_token_verifier(), &nonce) {
            Ok(c) => c.clone(),
            Err(first) => {
                // Perhaps the keys were rotated since they were read.
                let client = self.client(redirect, true).await?;
                let verifier = client.id_token_verifier();
                let claims = id_token
                    .claims(&verifier, &nonce)
                    .map_err(|_| failed("the ID token", &first))?
                    .clone();
                claims
            }
        };
        let mut email = claims
            .email()
            .map(|e| e.as_str().to_string())
            .filter(|_| claims.email_verified() == Some(true));
        let mut name = claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_string());
        if email.is_none() {
            // Many providers keep the e-mail claims for the user info
            // endpoint; its answer must be about the ID token's subject.
            use openidconnect::OAuth2TokenResponse as _;
            let info: openidconnect::UserInfoClaims<
                openidconnect::EmptyAdditionalClaims,
                openidconnect::core::CoreGenderClaim,
            > = client
                .user_info(
                    tokens.access_token().clone(),
                    Some(claims.subject().clone()),
                )
                .map_err(|e| failed("the user info endpoint", &e))?
                .request_async(&self.http)
                .await
                .map_err(|e| failed("the user info", &e))?;
            email = info
                .email()
                .map(|e| e.as_str().to_string())
                .filter(|_| info.email_verified() == Some(true));
            name = name.or_else(|| {
                info.name()
                    .and_then(|n| n.get(None))
                    .map(|n| n.as_str().to_string())
            });
        }
        let email = email.ok_or_else(|| AppError::forbidden(crate::t!("auth-oidc-unverified")))?;
        let email = mot_core::text::email(&email)
            .map_err(|_| AppError::forbidden(crate::t!("auth-oidc-unverified")))?;
        Ok(Verified { email, name })
    }
}
