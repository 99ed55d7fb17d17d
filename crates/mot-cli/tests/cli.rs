//! The real `mot` binary: start-up on a bad data file (one clear line, at
//! once), and backup and restore of a live SQLite installation.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const MOT: &str = env!("CARGO_BIN_EXE_mot");

/// How long `mot` may take to refuse a bad data file (it used to wait 10 s
/// for a pool time-out).
const REFUSE_WITHIN: Duration = Duration::from_secs(5);

fn mot(data_dir: &Path) -> Command {
    let mut c = Command::new(MOT);
    c.arg("--data-dir")
        .arg(data_dir)
        .env_remove("MOT_DATABASE_URL")
        .env_remove("MOT_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// What a finished `mot` run said.
struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// Runs `cmd` to its end; kills it (failing the test) after 30 s.
fn run(mut cmd: Command) -> Run {
    let start = Instant::now();
    let mut child = cmd.spawn().expect("mot starts");
    let status = loop {
        if let Some(s) = child.try_wait().expect("mot can be waited for") {
            break s;
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            let out = child.wait_with_output().expect("mot's output");
            panic!(
                "mot was still running after 30 s; stdout: {} stderr: {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = start.elapsed();
    let out = child.wait_with_output().expect("mot's output");
    Run {
        status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took,
    }
}

fn db_file(dir: &Path) -> PathBuf {
    dir.join("mot.sqlite3")
}

/// A data directory holding a migrated installation.
fn migrated() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut c = mot(dir.path());
    c.arg("migrate");
    let r = run(c);
    assert!(r.status.success(), "mot migrate: {}", r.stderr);
    let wal = dir.path().join("mot.sqlite3-wal");
    assert!(
        std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
        "mot migrate leaves the whole database in its file"
    );
    dir
}

/// `mot serve` on `dir` must stop at once with exit code 1 and one line on
/// standard error that names the file and says `what`.
fn refuses_to_serve(dir: &Path, extra: &[&str], what: &str) -> String {
    let mut c = mot(dir);
    c.args(extra).args(["serve", "--bind", "127.0.0.1:0"]);
    let r = run(c);
    assert_eq!(r.status.code(), Some(1), "exit code; stderr: {}", r.stderr);
    assert!(
        r.took < REFUSE_WITHIN,
        "refused after {:?} (stderr: {})",
        r.took,
        r.stderr
    );
    let lines: Vec<&str> = r.stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line on stderr, got: {}", r.stderr);
    let line = lines[0];
    assert!(line.starts_with("mot: "), "{line}");
    assert!(
        line.contains(&db_file(dir).display().to_string()),
        "the line names the file: {line}"
    );
    assert!(line.contains(what), "the line says {what:?}: {line}");
    assert!(!line.contains("timed out"), "{line}");
    assert!(r.stdout.is_empty(), "nothing served: {}", r.stdout);
    line.to_string()
}

#[test]
fn an_emptied_database_file_is_refused_not_taken_for_a_new_installation() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::File::create(db_file(dir.path())).unwrap();
    refuses_to_serve(dir.path(), &[], "is empty (0 bytes)");
    assert_eq!(
        std::fs::metadata(db_file(dir.path())).unwrap().len(),
        0,
        "the file was left as it was"
    );
}

#[test]
fn a_truncated_database_file_is_refused_in_one_line() {
    let dir = migrated();
    let f = db_file(dir.path());
    let len = std::fs::metadata(&f).unwrap().len();
    assert!(len > 8 * 4096, "a migrated database has many pages ({len})");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&f)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    refuses_to_serve(dir.path(), &[], "is damaged");
}

#[test]
fn a_database_file_with_a_garbled_header_is_refused_in_one_line() {
    let dir = migrated();
    let f = db_file(dir.path());
    let mut bytes = std::fs::read(&f).unwrap();
    bytes[..100].fill(0x5a);
    std::fs::write(&f, bytes).unwrap();
    refuses_to_serve(dir.path(), &[], "is not a SQLite database");
}

#[test]
fn a_database_file_with_garbled_pages_is_refused_in_one_line() {
    let dir = migrated();
    let f = db_file(dir.path());
    let mut bytes = std::fs::read(&f).unwrap();
    // Keep the header page; scribble over every later page's header.
    for page in bytes.chunks_mut(4096).skip(1) {
        page[..16].fill(0xa5);
    }
    std::fs::write(&f, bytes).unwrap();
    refuses_to_serve(dir.path(), &[], "is damaged");
}

#[test]
fn a_read_only_database_is_refused_in_one_line() {
    let dir = migrated();
    let url = format!("sqlite://{}?mode=ro", db_file(dir.path()).display());
    refuses_to_serve(dir.path(), &["--database-url", &url], "cannot be written");
}

// ---- backup and restore -------------------------------------------------------

/// `mot serve` running in the background, killed when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &Path) -> Server {
    let mut c = mot(dir);
    c.args(["serve", "--bind", "127.0.0.1:0"]);
    let mut child = c.spawn().expect("mot serve starts");
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    // The first line says where it listens ("mot is running at http://…").
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("mot serve said where it runs: {line:?}"))
        .to_string();
    Server { child, base }
}

fn admin(dir: &Path, args: &[&str], stdin: Option<&str>) -> String {
    let mut c = mot(dir);
    c.args(args).stdin(Stdio::piped());
    let mut child = c.spawn().unwrap();
    {
        let mut i = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            i.write_all(text.as_bytes()).unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "mot {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

struct Api {
    client: reqwest::Client,
    base: String,
    token: String,
}

impl Api {
    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("the server answers");
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }
}

/// The notes of a board, by id, as the API shows them.
async fn board_notes(api: &Api, journey: i64) -> BTreeMap<i64, String> {
    let (status, list) = api
        .call(
            reqwest::Method::GET,
            &format!("/api/v1/journeys/{journey}/moments"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{list}");
    list.as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["id"].as_i64().unwrap(),
                m["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_write_load_restores_exactly_the_acknowledged_notes_up_to_a_point() {
    let live = tempfile::tempdir().unwrap();
    admin(
        live.path(),
        &[
            "user",
            "create",
            "--email",
            "ann@example.com",
            "--name",
            "Ann",
            "--role",
            "owner",
        ],
        Some("a-long-password-1\n"),
    );
    let token = admin(
        live.path(),
        &[
            "token",
            "create",
            "--email",
            "ann@example.com",
            "--label",
            "test",
        ],
        None,
    )
    .trim()
    .to_string();
    let server = serve(live.path());
    let api = Api {
        client: reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .build()
            .unwrap(),
        base: server.base.clone(),
        token: token.clone(),
    };
    let (s, b) = api
        .call(
            reqwest::Method::POST,
            "/api/v1/businesses",
            Some(json!({"name": "Sofa shop"})),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    let (s, j) = api
        .call(
            reqwest::Method::POST,
            &format!("/api/v1/businesses/{}/journeys", b["id"]),
            Some(json!({"name": "Buying a sofa"})),
        )
        .await;
    assert_eq!(s, 201, "{j}");
    let journey = j["id"].as_i64().unwrap();
    let (_, stages) = api
        .call(
            reqwest::Method::GET,
            &format!("/api/v1/journeys/{journey}/stages"),
            None,
        )
        .await;
    let stage = stages[0]["id"].as_i64().unwrap();

    // Four writers add notes until told to stop; each keeps what was acknowledged.
    const NOTE_CAP: usize = 990;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let acked = std::sync::Arc::new(std::sync::Mutex::new(BTreeMap::<i64, String>::new()));
    let mut writers = Vec::new();
    for w in 0..4 {
        let (stop, acked) = (stop.clone(), acked.clone());
        let api = Api {
            client: api.client.clone(),
            base: api.base.clone(),
            token: token.clone(),
        };
        writers.push(tokio::spawn(async move {
            let mut i = 0;
            // Under a slow machine the backup may take long: stay under the
            // journey's 1,000-note limit (four writers, one note in flight each).
            while !stop.load(std::sync::atomic::Ordering::SeqCst)
                && acked.lock().unwrap().len() < NOTE_CAP
            {
                let title = format!("Writer {w} note {i}");
                let (s, m) = api
                    .call(
                        reqwest::Method::POST,
                        &format!("/api/v1/journeys/{journey}/moments"),
                        Some(json!({"stage_id": stage, "title": title})),
                    )
                    .await;
                assert_eq!(s, 201, "{m}");
                acked
                    .lock()
                    .unwrap()
                    .insert(m["id"].as_i64().unwrap(), title);
                i += 1;
            }
        }));
    }
    let wait_for = |n: usize| {
        let acked = acked.clone();
        async move {
            let deadline = Instant::now() + Duration::from_secs(30);
            while acked.lock().unwrap().len() < n {
                assert!(Instant::now() < deadline, "{n} notes acknowledged in time");
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
    };
    wait_for(40).await;

    // The backup runs while the writers go on.
    let backups = tempfile::tempdir().unwrap();
    let file = backups.path().join("mot-backup.sqlite3");
    let before_backup = acked.lock().unwrap().clone();
    let out = {
        let (dir, file) = (live.path().to_path_buf(), file.clone());
        tokio::task::spawn_blocking(move || {
            let mut c = mot(&dir);
            c.arg("backup").arg(&file);
            run(c)
        })
        .await
        .unwrap()
    };
    assert!(out.status.success(), "mot backup: {}", out.stderr);
    assert!(out.stdout.contains("Backed up"), "{}", out.stdout);
    let n = acked.lock().unwrap().len();
    wait_for((n + 20).min(NOTE_CAP)).await;
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    for w in writers {
        w.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert_eq!(
        board_notes(&api, journey).await,
        acked,
        "the live board holds every acknowledged note"
    );

    // A second backup to the same file is refused.
    let mut c = mot(live.path());
    c.arg("backup").arg(&file);
    let again = run(c);
    assert_eq!(again.status.code(), Some(1));
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);

    // Restoring over the live installation is refused while it runs.
    let mut c = mot(live.path());
    c.arg("restore").arg(&file).arg("--force");
    let busy = run(c);
    assert_eq!(busy.status.code(), Some(1), "{}", busy.stdout);
    assert!(busy.stderr.contains("in use"), "{}", busy.stderr);
    drop(server);

    // Restored into a new data directory, the board is every note that was
    // acknowledged before the backup began, and after that a prefix of the
    // later ones (the copy is of one moment): no note lost in between, none
    // that was never acknowledged, no half-written change.
    let restored = tempfile::tempdir().unwrap();
    let mut c = mot(restored.path());
    c.arg("restore").arg(&file);
    let r = run(c);
    assert!(r.status.success(), "mot restore: {}", r.stderr);
    let server = serve(restored.path());
    let api2 = Api {
        client: api.client.clone(),
        base: server.base.clone(),
        token: token.clone(),
    };
    let board = board_notes(&api2, journey).await;
    let last = *board.keys().next_back().expect("the backup holds notes");
    let expected: BTreeMap<i64, String> = acked
        .iter()
        .filter(|(id, _)| **id <= last)
        .map(|(id, t)| (*id, t.clone()))
        .collect();
    assert_eq!(
        board, expected,
        "the restored board is a prefix of the acknowledged notes"
    );
    for (id, title) in &before_backup {
        assert_eq!(
            board.get(id),
            Some(title),
            "a note acknowledged before the backup"
        );
    }
    assert!(
        board.len() < acked.len(),
        "notes added after the backup are not in it"
    );
    let (s, jr) = api2
        .call(
            reqwest::Method::GET,
            &format!("/api/v1/journeys/{journey}"),
            None,
        )
        .await;
    assert_eq!(s, 200);
    assert!(jr["last_seq"].as_i64().unwrap() >= board.len() as i64);
    drop(server);

    // The restored installation now holds data: a second restore needs --force.
    let mut c = mot(restored.path());
    c.arg("restore").arg(&file);
    let refused = run(c);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        refused.stderr.contains("already holds an installation")
            && refused.stderr.contains("--force"),
        "{}",
        refused.stderr
    );
    let mut c = mot(restored.path());
    c.arg("restore").arg(&file).arg("--force");
    let forced = run(c);
    assert!(forced.status.success(), "{}", forced.stderr);

    // And an emptied database file is restored without --force.
    let emptied = tempfile::tempdir().unwrap();
    std::fs::File::create(db_file(emptied.path())).unwrap();
    let mut c = mot(emptied.path());
    c.arg("restore").arg(&file);
    let r = run(c);
    assert!(r.status.success(), "{}", r.stderr);
    let server = serve(emptied.path());
    let api3 = Api {
        client: api.client.clone(),
        base: server.base.clone(),
        token,
    };
    assert_eq!(board_notes(&api3, journey).await, board);
}

// ---- users ------------------------------------------------------------------

/// Logs in through the real login form; answers the status of the post.
async fn log_in(base: &str, email: &str, password: &str) -> u16 {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let page = client
        .get(format!("{base}/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let at = page
        .find(r#"name="_csrf" value=""#)
        .expect("the login form")
        + 20;
    let csrf = &page[at..at + 32];
    client
        .post(format!("{base}/login"))
        .form(&[("_csrf", csrf), ("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_password_sets_a_new_password_for_an_installation_without_e_mail() {
    let dir = tempfile::tempdir().unwrap();
    let create = [
        "user",
        "create",
        "--email",
        "bo@example.com",
        "--name",
        "Bo",
        "--role",
        "owner",
    ];
    admin(dir.path(), &create, Some("the-first-password\n"));
    let said = admin(
        dir.path(),
        &["user", "reset-password", "--email", "BO@example.com"],
        Some("the-second-password\n"),
    );
    assert!(said.contains("New password set for Bo"), "{said}");
    assert!(
        !said.contains("Password:"),
        "a password given is not printed: {said}"
    );
    // Without one on standard input, one is made and printed once.
    let made = admin(
        dir.path(),
        &["user", "reset-password", "--email", "bo@example.com"],
        None,
    );
    let generated = made
        .lines()
        .find_map(|l| l.strip_prefix("Password: "))
        .unwrap_or_else(|| panic!("a generated password printed: {made}"))
        .to_string();
    let server = serve(dir.path());
    assert_eq!(
        log_in(&server.base, "bo@example.com", "the-first-password").await,
        401
    );
    assert_eq!(
        log_in(&server.base, "bo@example.com", "the-second-password").await,
        401
    );
    assert_eq!(
        log_in(&server.base, "bo@example.com", &generated).await,
        303
    );
    // An unknown address is refused with a clear line.
    let mut c = mot(dir.path());
    c.args(["user", "reset-password", "--email", "nobody@example.com"]);
    let r = run(c);
    assert!(!r.status.success());
    assert!(
        r.stderr.contains("no user has the e-mail address"),
        "{}",
        r.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_create_gives_an_existing_account_or_a_new_one_a_workspace_to_own() {
    let dir = tempfile::tempdir().unwrap();
    let create = [
        "user",
        "create",
        "--email",
        "ida@example.com",
        "--name",
        "Ida",
        "--role",
        "owner",
    ];
    admin(dir.path(), &create, Some("ida-long-password\n"));
    let said = admin(
        dir.path(),
        &[
            "workspace",
            "create",
            "--name",
            "Harbour Advisers",
            "--owner-email",
            "Ida@Example.com",
        ],
        None,
    );
    assert!(
        said.contains("Created workspace \"Harbour Advisers\""),
        "{said}"
    );
    assert!(
        !said.contains("Password:"),
        "an existing account keeps its password: {said}"
    );
    // A new address needs a name, and is told so.
    let mut c = mot(dir.path());
    c.args([
        "workspace",
        "create",
        "--name",
        "Quay Accounting",
        "--owner-email",
        "max@example.com",
    ]);
    let r = run(c);
    assert!(!r.status.success());
    assert!(r.stderr.contains("--owner-name"), "{}", r.stderr);
    let said = admin(
        dir.path(),
        &[
            "workspace",
            "create",
            "--name",
            "Quay Accounting",
            "--owner-email",
            "max@example.com",
            "--owner-name",
            "Max",
        ],
        None,
    );
    let password = said
        .lines()
        .find_map(|l| l.strip_prefix("Password: "))
        .unwrap_or_else(|| panic!("a generated password printed: {said}"))
        .to_string();
    let server = serve(dir.path());
    assert_eq!(
        log_in(&server.base, "max@example.com", &password).await,
        303
    );
    assert_eq!(
        log_in(&server.base, "ida@example.com", "ida-long-password").await,
        303
    );
}
