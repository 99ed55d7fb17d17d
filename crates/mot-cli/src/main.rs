//! The `mot` binary: `serve`, `migrate` and admin subcommands.

use clap::{Parser, Subcommand};
use mot_core::text::{self, Limits};
use mot_core::Role;
use mot_server::{App, Settings};
use mot_store::Store;
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "mot",
    version,
    about = "Moments of Truth: find, rate and improve every moment a customer meets your business."
)]
struct Cli {
    /// Where mot keeps its SQLite database.
    #[arg(
        long,
        env = "MOT_DATA_DIR",
        default_value = "./mot-data",
        global = true
    )]
    data_dir: PathBuf,
    /// Database URL: sqlite:PATH or postgres://… (default: SQLite in the data dir).
    #[arg(long, env = "MOT_DATABASE_URL", global = true, hide_env_values = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "MOT_BIND", default_value = "127.0.0.1:8080")]
        bind: String,
        /// Mark cookies Secure (set when mot is served over HTTPS).
        #[arg(long, env = "MOT_SECURE_COOKIES")]
        secure_cookies: bool,
        /// The language for visitors who chose none and whose browser asks
        /// for none mot speaks: en, de or ar.
        #[arg(long, env = "MOT_LANGUAGE", default_value = "en", value_parser = parse_language)]
        language: mot_i18n::Lang,
        /// Hours a phone that answered a feedback question is thanked
        /// instead of asked the same question again (1 to 720).
        #[arg(long, env = "MOT_FEEDBACK_ANSWER_HOURS", default_value_t = 12,
              value_parser = clap::value_parser!(u32).range(1..=720))]
        feedback_answer_hours: u32,
        /// Feedback answers one address may send a minute (default 30); for
        /// load tests and for a shop whose customers share one address.
        #[arg(long, env = "MOT_FEEDBACK_PER_MINUTE", hide_short_help = true,
              value_parser = clap::value_parser!(u32).range(1..))]
        feedback_per_minute: Option<u32>,
        /// Feedback answers one feedback link takes a minute from all
        /// addresses together (default 600).
        #[arg(long, env = "MOT_FEEDBACK_PER_POINT_MINUTE", hide_short_help = true,
              value_parser = clap::value_parser!(u32).range(1..))]
        feedback_per_point_minute: Option<u32>,
        /// Never ask customers' phones for a proof of work under a burst
        /// (load tests; the limits still apply).
        #[arg(long, env = "MOT_FEEDBACK_CHALLENGE_OFF", hide_short_help = true)]
        feedback_challenge_off: bool,
        /// Send e-mail (customer alerts to the workspace's owners) through
        /// this SMTP server: smtp://host:port (add ?tls=required for
        /// STARTTLS) or smtps://user:password@host. No mail without it.
        #[arg(
            long,
            env = "MOT_SMTP_URL",
            hide_env_values = true,
            requires = "mail_from"
        )]
        smtp_url: Option<String>,
        /// The sender of mot's e-mail: mot@example.com or "Name <mot@example.com>".
        #[arg(long, env = "MOT_MAIL_FROM")]
        mail_from: Option<String>,
        /// The address people reach mot at (https://mot.example.com), for
        /// links in e-mail; default: http:// and the bind address.
        #[arg(long, env = "MOT_PUBLIC_URL")]
        public_url: Option<String>,
        /// Let anyone make a workspace of their own at /signup (off by
        /// default: owners invite people, admins use `mot workspace create`).
        #[arg(long, env = "MOT_OPEN_SIGNUP")]
        open_signup: bool,
        /// The reverse proxies in front of mot (their addresses, separated
        /// by commas): a request from one of them counts as from the client
        /// its X-Forwarded-For names, for the limits per address. None by
        /// default: the header is ignored.
        #[arg(long, env = "MOT_TRUSTED_PROXIES", value_parser = parse_proxies)]
        trusted_proxies: Option<Proxies>,
        /// Sign-in with an OpenID provider: its issuer URL
        /// (https://login.example.com/realms/acme); needs the client's id
        /// and secret too. The provider sends people back to
        /// <public URL>/auth/oidc/callback.
        #[arg(long, env = "MOT_OIDC_ISSUER", requires_all = ["oidc_client_id", "oidc_client_secret"])]
        oidc_issuer: Option<String>,
        /// mot's client id at the OpenID provider.
        #[arg(long, env = "MOT_OIDC_CLIENT_ID")]
        oidc_client_id: Option<String>,
        /// mot's client secret at the OpenID provider.
        #[arg(long, env = "MOT_OIDC_CLIENT_SECRET", hide_env_values = true)]
        oidc_client_secret: Option<String>,
        /// The provider's name on the login page ("Sign in with …");
        /// default: the issuer's host.
        #[arg(long, env = "MOT_OIDC_LABEL")]
        oidc_label: Option<String>,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage workspaces (an adviser's practice, another business).
    Workspace {
        #[command(subcommand)]
        command: WorkspaceCommand,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Write a consistent copy of the SQLite database to FILE, while mot runs.
    /// (PostgreSQL: use pg_dump.)
    Backup {
        /// The backup file to write; it must not exist yet.
        file: PathBuf,
    },
    /// Put a backup made by `mot backup` in place as the SQLite database.
    /// Stop `mot serve` first.
    Restore {
        /// The backup file to restore.
        file: PathBuf,
        /// Replace an installation that already holds data.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user. The password is read from standard input, or generated and printed.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// owner, facilitator, member or viewer
        #[arg(long, default_value = "member")]
        role: String,
    },
    /// Set a new password for a user (for installations without e-mail).
    /// The password is read from standard input, or generated and printed;
    /// the user's browser sessions end.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
enum WorkspaceCommand {
    /// Create a workspace with an owner: an existing account by its
    /// e-mail, or a new one (its password read from standard input, or
    /// generated and printed).
    Create {
        #[arg(long)]
        name: String,
        #[arg(long)]
        owner_email: String,
        /// The new owner's name (when the address has no account yet).
        #[arg(long)]
        owner_name: Option<String>,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create an API token for a user; prints the token on its own line.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        label: String,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MOT_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("mot: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("mot: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// The database URL: the flag, or the SQLite file in the data directory
/// (which is made if missing).
fn database_url(cli: &Cli) -> Result<String, String> {
    Ok(match &cli.database_url {
        Some(u) => u.clone(),
        None => {
            std::fs::create_dir_all(&cli.data_dir).map_err(|e| {
                format!(
                    "cannot create the data directory {}: {e}",
                    cli.data_dir.display()
                )
            })?;
            mot_store::sqlite_url_for_dir(&cli.data_dir)
        }
    })
}

/// Connects without migrating (a backup of a live installation changes nothing).
async fn connect_store(cli: &Cli) -> Result<Store, String> {
    let url = database_url(cli)?;
    Store::connect(&url).await.map_err(|e| match e {
        mot_store::StoreError::Config(m) => m,
        other => format!("cannot open the database: {other}"),
    })
}

/// The addresses of `--trusted-proxies`, as one value.
#[derive(Clone, Debug)]
struct Proxies(Vec<std::net::IpAddr>);

fn parse_proxies(list: &str) -> Result<Proxies, String> {
    mot_server::web::client_ip::parse_trusted(list).map(Proxies)
}

fn parse_language(code: &str) -> Result<mot_i18n::Lang, String> {
    mot_i18n::Lang::parse(code).ok_or_else(|| format!("mot speaks en, de and ar, not {code:?}"))
}

async fn open_store(cli: &Cli) -> Result<Store, String> {
    let store = connect_store(cli).await?;
    store
        .migrate()
        .await
        .map_err(|e| format!("cannot migrate the database: {e}"))?;
    Ok(store)
}

async fn run(cli: Cli) -> Result<(), String> {
    match &cli.command {
        Command::Serve {
            bind,
            secure_cookies,
            language,
            feedback_answer_hours,
            feedback_per_minute,
            feedback_per_point_minute,
            feedback_challenge_off,
            smtp_url,
            mail_from,
            public_url,
            open_signup,
            trusted_proxies,
            oidc_issuer,
            oidc_client_id,
            oidc_client_secret,
            oidc_label,
        } => {
            let oidc = match (oidc_issuer, oidc_client_id, oidc_client_secret) {
                (Some(issuer), Some(id), Some(secret)) => {
                    let host = issuer
                        .split("://")
                        .nth(1)
                        .and_then(|r| r.split(['/', ':']).next())
                        .unwrap_or(issuer)
                        .to_string();
                    let o = mot_server::auth::oidc::OidcSettings {
                        issuer: issuer.clone(),
                        client_id: id.clone(),
                        client_secret: secret.clone(),
                        label: oidc_label.clone().unwrap_or(host),
                    };
                    // Refused now, not at the first sign-in.
                    mot_server::auth::oidc::Oidc::new(o.clone())?;
                    Some(o)
                }
                _ => None,
            };
            let mail = match (smtp_url, mail_from) {
                (Some(url), Some(from)) => {
                    let m = mot_server::mail::MailSettings {
                        smtp_url: url.clone(),
                        from: from.clone(),
                    };
                    // Refused now, not at the first alert.
                    mot_server::mail::Mailer::new(&m).map_err(|e| e.to_string())?;
                    Some(m)
                }
                _ => None,
            };
            let store = open_store(&cli).await?;
            let settings = Settings {
                secure_cookies: *secure_cookies,
                default_language: *language,
                feedback_answer_hours: Some(*feedback_answer_hours),
                feedback_per_minute: *feedback_per_minute,
                feedback_per_point_minute: *feedback_per_point_minute,
                feedback_challenge_off: *feedback_challenge_off,
                mail,
                public_url: public_url.clone(),
                open_signup: *open_signup,
                trusted_proxies: trusted_proxies.clone().map(|p| p.0).unwrap_or_default(),
                oidc,
                ..Settings::default()
            };
            let app = App::build(store, bind, settings)
                .await
                .map_err(|e| format!("cannot listen on {bind}: {e}"))?;
            let addr = app.local_addr();
            tracing::info!("mot is listening on http://{addr}");
            println!("mot is running at http://{addr}  (Ctrl-C to stop)");
            app.run(shutdown_signal())
                .await
                .map_err(|e| format!("server error: {e}"))?;
            tracing::info!("mot stopped");
            Ok(())
        }
        Command::Backup { file } => backup(&cli, file).await,
        Command::Restore { file, force } => restore(&cli, file, *force).await,
        Command::Migrate => {
            // Closed, so SQLite folds its write-ahead log into the file.
            open_store(&cli).await?.close().await;
            println!("The database is up to date.");
            Ok(())
        }
        Command::User {
            command: UserCommand::Create { email, name, role },
        } => {
            let store = open_store(&cli).await?;
            let email = text::email(email).map_err(|e| e.to_string())?;
            let name = text::required_line("name", name, Limits::PERSON_NAME)
                .map_err(|e| e.to_string())?;
            let role: Role = role
                .parse()
                .map_err(|e: mot_core::RuleError| e.to_string())?;
            let (password, generated) = read_password()?;
            text::new_password(&password).map_err(|e| e.to_string())?;
            let hash = mot_server::auth::hash_password(password.clone())
                .await
                .map_err(|e| e.message)?;
            let ws = match store.first_workspace().await.map_err(|e| e.to_string())? {
                Some(ws) => ws,
                None => store
                    .create_workspace("Workspace")
                    .await
                    .map_err(|e| e.to_string())?,
            };
            let user = store
                .create_user(ws.id, &email, &name, &hash, role)
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "Created {} <{}> as {role} of \"{}\".",
                user.name, user.email, ws.name
            );
            if generated {
                println!("Password: {password}");
            }
            store.close().await;
            Ok(())
        }
        Command::User {
            command: UserCommand::ResetPassword { email },
        } => {
            let store = open_store(&cli).await?;
            let user = store
                .user_by_email(&email.trim().to_lowercase())
                .await
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("no user has the e-mail address {email}"))?;
            let (password, generated) = read_password()?;
            text::new_password(&password).map_err(|e| e.to_string())?;
            let hash = mot_server::auth::hash_password(password.clone())
                .await
                .map_err(|e| e.message)?;
            let ended = store
                .set_user_password(user.id, &hash, None)
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "New password set for {} <{}>; {} browser session(s) ended.",
                user.name,
                user.email,
                ended.sessions.len()
            );
            if generated {
                println!("Password: {password}");
            }
            store.close().await;
            Ok(())
        }
        Command::Workspace {
            command:
                WorkspaceCommand::Create {
                    name,
                    owner_email,
                    owner_name,
                },
        } => {
            let store = open_store(&cli).await?;
            let name = text::required_line("name", name, Limits::WORKSPACE_NAME)
                .map_err(|e| e.to_string())?;
            let email = text::email(owner_email).map_err(|e| e.to_string())?;
            let existing = store
                .user_by_email(&email)
                .await
                .map_err(|e| e.to_string())?;
            let (ws, generated) = match existing {
                Some(user) => (
                    store
                        .create_workspace_for(&name, user.id)
                        .await
                        .map_err(|e| e.to_string())?,
                    None,
                ),
                None => {
                    let person = owner_name
                        .as_deref()
                        .ok_or("this address has no account yet: give --owner-name too")?;
                    let person = text::required_line("owner-name", person, Limits::PERSON_NAME)
                        .map_err(|e| e.to_string())?;
                    let (password, generated) = read_password()?;
                    text::new_password(&password).map_err(|e| e.to_string())?;
                    let hash = mot_server::auth::hash_password(password.clone())
                        .await
                        .map_err(|e| e.message)?;
                    let (ws, _, _) = store
                        .sign_up(
                            &name,
                            None,
                            (&email, &person, &hash),
                            &mot_core::DefaultNames::default(),
                        )
                        .await
                        .map_err(|e| e.to_string())?;
                    (ws, generated.then_some(password))
                }
            };
            println!(
                "Created workspace \"{}\" (id {}) owned by {email}.",
                ws.name, ws.id
            );
            if let Some(password) = generated {
                println!("Password: {password}");
            }
            store.close().await;
            Ok(())
        }
        Command::Token {
            command: TokenCommand::Create { email, label },
        } => {
            let store = open_store(&cli).await?;
            let label = text::required_line("label", label, Limits::TOKEN_LABEL)
                .map_err(|e| e.to_string())?;
            let user = store
                .user_by_email(&email.trim().to_lowercase())
                .await
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("no user has the e-mail address {email}"))?;
            let (ws, _) = store
                .memberships(user.id)
                .await
                .map_err(|e| e.to_string())?
                .into_iter()
                .next()
                .ok_or("this user belongs to no workspace")?;
            let token = format!("mot_{}", mot_store::random_token());
            store
                .create_api_token(ws, user.id, &label, &token)
                .await
                .map_err(|e| e.to_string())?;
            println!("{token}");
            store.close().await;
            Ok(())
        }
    }
}

/// `mot backup FILE`: a consistent copy of the live SQLite database.
async fn backup(cli: &Cli, file: &std::path::Path) -> Result<(), String> {
    if file.exists() {
        return Err(format!(
            "{} already exists: choose a new file name",
            file.display()
        ));
    }
    let store = connect_store(cli).await?;
    let done = store.backup_to(file).await;
    store.close().await;
    done.map_err(|e| match e {
        mot_store::StoreError::Config(m) => m,
        other => format!("cannot write the backup {}: {other}", file.display()),
    })?;
    let file = file.to_path_buf();
    tokio::task::spawn_blocking(move || mot_store::check_backup_file(&file).map(|()| file))
        .await
        .map_err(|e| format!("cannot check the backup: {e}"))?
        .map(|file| println!("Backed up to {}.", file.display()))
}

/// `mot restore FILE`: the backup becomes the SQLite database, which must
/// be empty (or `--force`) and not in use.
async fn restore(cli: &Cli, file: &std::path::Path, force: bool) -> Result<(), String> {
    let url = database_url(cli)?;
    let Some(db) = mot_store::sqlite_file_of(&url) else {
        return Err(
            "mot restore puts back a SQLite backup; restore PostgreSQL with pg_restore or psql"
                .into(),
        );
    };
    let (backup, target) = (file.to_path_buf(), db.clone());
    tokio::task::spawn_blocking(move || {
        use mot_store::Installation;
        let t = target.display();
        match mot_store::installation(&target) {
            Installation::Empty => {}
            Installation::Busy => {
                return Err(format!(
                    "{t} is in use (is mot running on it?): stop it, then restore"
                ))
            }
            Installation::InUse(_) if !force => {
                return Err(format!(
                    "{t} already holds an installation: add --force to replace it with the backup"
                ))
            }
            Installation::Unreadable(why) if !force => {
                return Err(format!("{why} (add --force to replace it with the backup)"))
            }
            Installation::InUse(_) | Installation::Unreadable(_) => {}
        }
        mot_store::restore_sqlite_file(&backup, &target)
    })
    .await
    .map_err(|e| format!("cannot restore: {e}"))??;
    // Bring the restored database up to this version of mot.
    open_store(cli).await?.close().await;
    println!("Restored {} into {}.", file.display(), db.display());
    Ok(())
}

/// The password from standard input (first line), or a generated one when
/// standard input is a terminal or empty.
fn read_password() -> Result<(String, bool), String> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the password: {e}"))?;
        let pw = line.trim_end_matches(['\r', '\n']).to_string();
        if !pw.is_empty() {
            return Ok((pw, false));
        }
    }
    Ok((mot_store::random_token()[..20].to_string(), true))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down: finishing requests and closing live connections");
}
