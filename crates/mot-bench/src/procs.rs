//! The servers under test, each a child process so that its memory and CPU
//! can be read from `/proc/PID`: the real `mot` binary, and the baseline
//! relay (this binary re-executed as `mot-bench relay`).

use crate::Res;
use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

/// Where to find the servers and their data.
#[derive(Debug, Clone, clap::Args)]
pub struct ServerOpts {
    /// The `mot` binary (default: `mot` next to this binary, i.e. the same
    /// target directory).
    #[arg(long)]
    pub mot_bin: Option<PathBuf>,
    /// Run mot on this database instead of SQLite in a fresh temp data dir
    /// (e.g. postgres://…); the bench adds its own user, business and board.
    #[arg(long)]
    pub database_url: Option<String>,
    /// Parent directory of the temp data dirs (default: the system temp dir).
    #[arg(long)]
    pub tmp_dir: Option<PathBuf>,
}

impl ServerOpts {
    pub fn temp_dir(&self) -> Res<tempfile::TempDir> {
        let mut b = tempfile::Builder::new();
        b.prefix("mot-bench-");
        Ok(match &self.tmp_dir {
            Some(d) => b.tempdir_in(d)?,
            None => b.tempdir()?,
        })
    }

    fn mot_bin(&self) -> Res<PathBuf> {
        if let Some(p) = &self.mot_bin {
            return Ok(p.clone());
        }
        let me = std::env::current_exe()?;
        let p = me
            .parent()
            .ok_or("the bench binary has no directory")?
            .join("mot");
        if !p.exists() {
            return Err(format!(
                "{} not found: build it (cargo build --release -p mot-cli) or pass --mot-bin",
                p.display()
            )
            .into());
        }
        Ok(p)
    }
}

/// What a server's `/proc/PID/status` and `/proc/PID/stat` say.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcStats {
    /// Resident set size now, KiB.
    pub rss_kib: u64,
    /// Peak resident set size, KiB.
    pub hwm_kib: u64,
    /// User + system CPU time so far, seconds.
    pub cpu_secs: f64,
    pub threads: u64,
}

pub fn proc_stats(pid: u32) -> ProcStats {
    let mut s = ProcStats::default();
    if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
        for line in status.lines() {
            let num = |l: &str| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(0)
            };
            if line.starts_with("VmRSS:") {
                s.rss_kib = num(line);
            } else if line.starts_with("VmHWM:") {
                s.hwm_kib = num(line);
            } else if line.starts_with("Threads:") {
                s.threads = num(line);
            }
        }
    }
    s.cpu_secs = cpu_secs(&format!("/proc/{pid}/stat"));
    s
}

/// User + system time of the process whose `stat` file this is (fields 14
/// and 15, in clock ticks of 1/100 s on Linux).
pub fn cpu_secs(stat_path: &str) -> f64 {
    let Ok(stat) = std::fs::read_to_string(stat_path) else {
        return 0.0;
    };
    // The command name (field 2) may hold spaces; it ends at the last ')'.
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    // rest starts at field 3 (state): utime is field 14 → index 11.
    (tick(11) + tick(12)) as f64 / 100.0
}

/// The machine's CPU time so far, in seconds: (busy, steal), from the
/// first line of `/proc/stat` (busy excludes idle, iowait and steal).
pub fn machine_cpu() -> (f64, f64) {
    let Ok(stat) = std::fs::read_to_string("/proc/stat") else {
        return (0.0, 0.0);
    };
    let f: Vec<u64> = stat
        .lines()
        .next()
        .unwrap_or("")
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    let at = |i: usize| f.get(i).copied().unwrap_or(0);
    // user nice system idle iowait irq softirq steal
    let busy = at(0) + at(1) + at(2) + at(5) + at(6);
    (busy as f64 / 100.0, at(7) as f64 / 100.0)
}

/// A running server process; killed when dropped.
pub struct ServerProc {
    pub name: &'static str,
    child: Child,
    /// Held open: the relay exits when its standard input closes.
    _stdin: Option<ChildStdin>,
    pub pid: u32,
    pub addr: SocketAddr,
}

impl ServerProc {
    pub fn stats(&self) -> ProcStats {
        proc_stats(self.pid)
    }

    /// SIGTERM, then SIGKILL after 10 s.
    pub fn stop(mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.pid.to_string())
            .status();
        let until = Instant::now() + Duration::from_secs(10);
        while Instant::now() < until {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProc {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Reads the child's stdout until a line starting with `prefix`, and returns
/// the rest of that line; keeps draining stdout afterwards in a thread.
fn wait_for_line(child: &mut Child, prefix: &str, timeout: Duration) -> Res<String> {
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (tx, rx) = std::sync::mpsc::channel();
    let want = prefix.to_string();
    std::thread::spawn(move || {
        let mut sent = false;
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if !sent {
                if let Some(rest) = line.strip_prefix(&want) {
                    let _ = tx.send(rest.to_string());
                    sent = true;
                }
            }
        }
    });
    rx.recv_timeout(timeout)
        .map_err(|_| format!("the server did not print \"{prefix}…\" in time").into())
}

fn parse_addr(s: &str) -> Res<SocketAddr> {
    let s = s.trim_start_matches("http://");
    let s = s.split_whitespace().next().unwrap_or("");
    Ok(s.parse()?)
}

/// A board on a running mot, with the API token that may write to it.
#[derive(Debug, Clone)]
pub struct MotBoard {
    pub journey_id: i64,
    pub stage_id: i64,
    /// Notes made before the run, for edits once the board is nearly full.
    pub pool: Vec<i64>,
    /// The board's last change before the run.
    pub last_seq: i64,
}

fn mot_cmd(bin: &Path, data_dir: &Path, opts: &ServerOpts) -> Command {
    let mut c = Command::new(bin);
    c.arg("--data-dir").arg(data_dir);
    if let Some(url) = &opts.database_url {
        c.arg("--database-url").arg(url);
    }
    c.env("MOT_LOG", "warn,sqlx=warn");
    c
}

/// Starts mot on a fresh data dir: creates an owner and an API token with the
/// CLI first, then `mot serve --bind 127.0.0.1:0`.
pub fn start_mot(opts: &ServerOpts, data_dir: &Path) -> Res<(ServerProc, String)> {
    start_mot_with(opts, data_dir, &[])
}

/// [`start_mot`] with more arguments for `mot serve` (e.g. raised limits).
pub fn start_mot_with(
    opts: &ServerOpts,
    data_dir: &Path,
    serve_args: &[String],
) -> Res<(ServerProc, String)> {
    start_mot_user(opts, data_dir, serve_args).map(|(s, token, _)| (s, token))
}

/// [`start_mot_with`], also answering the owner's e-mail address (their
/// password is `bench-password-1234`, for [`login`]).
pub fn start_mot_user(
    opts: &ServerOpts,
    data_dir: &Path,
    serve_args: &[String],
) -> Res<(ServerProc, String, String)> {
    let bin = opts.mot_bin()?;
    // A unique address, so that runs against one PostgreSQL database coexist.
    let email = format!("bench-{}@example.com", &mot_store::random_token()[..12]);
    let mut user = mot_cmd(&bin, data_dir, opts)
        .args(["user", "create", "--email", &email, "--name", "Bench"])
        .args(["--role", "owner"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()?;
    if let Some(mut stdin) = user.stdin.take() {
        stdin.write_all(b"bench-password-1234\n")?;
    }
    if !user.wait()?.success() {
        return Err("mot user create failed".into());
    }
    let out = mot_cmd(&bin, data_dir, opts)
        .args(["token", "create", "--email", &email, "--label", "bench"])
        .stderr(Stdio::inherit())
        .output()?;
    if !out.status.success() {
        return Err("mot token create failed".into());
    }
    let token = String::from_utf8_lossy(&out.stdout)
        .lines()
        .rfind(|l| l.starts_with("mot_"))
        .ok_or("mot token create printed no token")?
        .to_string();
    Ok((serve_mot_with(opts, data_dir, serve_args)?, token, email))
}

/// Starts `mot serve --bind 127.0.0.1:0` again on a data dir that
/// `start_mot` set up (e.g. after the bench filled its database while mot
/// was stopped); stderr is appended to `server.log`.
pub fn serve_mot(opts: &ServerOpts, data_dir: &Path) -> Res<ServerProc> {
    serve_mot_with(opts, data_dir, &[])
}

/// [`serve_mot`] with more arguments for `mot serve`.
pub fn serve_mot_with(
    opts: &ServerOpts,
    data_dir: &Path,
    serve_args: &[String],
) -> Res<ServerProc> {
    let bin = opts.mot_bin()?;
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data_dir.join("server.log"))?;
    let mut child = mot_cmd(&bin, data_dir, opts)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .args(serve_args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(log))
        .spawn()?;
    let pid = child.id();
    let line = wait_for_line(&mut child, "mot is running at ", Duration::from_secs(60))?;
    let addr = parse_addr(&line)?;
    Ok(ServerProc {
        name: "mot",
        child,
        _stdin: None,
        pid,
        addr,
    })
}

/// Starts a baseline server of this binary (`mot-bench <args>`), ready when
/// it prints `ready` followed by its address; it exits when its stdin closes.
pub fn start_baseline(args: &[String], ready: &str) -> Res<ServerProc> {
    let me = std::env::current_exe()?;
    let mut child = Command::new(me)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    let pid = child.id();
    let stdin = child.stdin.take();
    let line = wait_for_line(&mut child, ready, Duration::from_secs(30))?;
    let addr = parse_addr(&line)?;
    Ok(ServerProc {
        name: "baseline",
        child,
        _stdin: stdin,
        pid,
        addr,
    })
}

/// Starts the baseline relay: this binary, `relay --bind 127.0.0.1:0`.
pub fn start_relay(nodelay: bool) -> Res<ServerProc> {
    let me = std::env::current_exe()?;
    let mut child = Command::new(me)
        .args(["relay", "--bind", "127.0.0.1:0"])
        .arg(format!("--nodelay={nodelay}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    let pid = child.id();
    let stdin = child.stdin.take();
    let line = wait_for_line(&mut child, "relay listening on ", Duration::from_secs(30))?;
    let addr = parse_addr(&line)?;
    Ok(ServerProc {
        name: "baseline",
        child,
        _stdin: stdin,
        pid,
        addr,
    })
}

/// Creates a business and a board through the JSON API, and `pool` notes on
/// it (used for edits when a run would pass the board's note limit).
pub async fn make_board(addr: SocketAddr, token: &str, pool: usize) -> Res<MotBoard> {
    let http = reqwest::Client::new();
    let base = format!("http://{addr}/api/v1");
    let auth = format!("Bearer {token}");
    let post = |path: String, body: serde_json::Value| {
        let req = http
            .post(format!("{base}{path}"))
            .header("authorization", &auth)
            .json(&body);
        async move {
            let res = req.send().await?;
            let status = res.status();
            let v: serde_json::Value = res.json().await?;
            if !status.is_success() {
                return Err(format!("POST {path}: {status}: {v}").into());
            }
            Res::Ok(v)
        }
    };
    let id = |v: &serde_json::Value| v["id"].as_i64().ok_or("no id in the answer");
    let business = post("/businesses".into(), serde_json::json!({"name": "Bench"})).await?;
    let bid = id(&business)?;
    let journey = post(
        format!("/businesses/{bid}/journeys"),
        serde_json::json!({"name": "Fan-out board"}),
    )
    .await?;
    let jid = id(&journey)?;
    let stages: serde_json::Value = http
        .get(format!("{base}/journeys/{jid}/stages"))
        .header("authorization", &auth)
        .send()
        .await?
        .json()
        .await?;
    let stage_id = stages[0]["id"].as_i64().ok_or("the board has no stage")?;
    let mut ids = Vec::with_capacity(pool);
    for k in 0..pool {
        let m = post(
            format!("/journeys/{jid}/moments"),
            serde_json::json!({"stage_id": stage_id, "title": format!("pool {k}")}),
        )
        .await?;
        ids.push(id(&m)?);
    }
    let j: serde_json::Value = http
        .get(format!("{base}/journeys/{jid}"))
        .header("authorization", &auth)
        .send()
        .await?
        .json()
        .await?;
    Ok(MotBoard {
        journey_id: jid,
        stage_id,
        pool: ids,
        last_seq: j["last_seq"].as_i64().unwrap_or(0),
    })
}

/// Logs in through the login form (double-submit CSRF), keeping the session
/// cookie in the client.
pub async fn login(base: &str, email: &str) -> Res<reqwest::Client> {
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(600))
        .build()?;
    let page = http
        .get(format!("{base}/login"))
        .send()
        .await?
        .text()
        .await?;
    let at = page
        .find("name=\"_csrf\"")
        .ok_or("login page: no _csrf field")?;
    let rest = &page[at..];
    let v = rest.find("value=\"").ok_or("login page: no _csrf value")? + 7;
    let csrf = &rest[v..v + rest[v..].find('"').ok_or("login page: bad _csrf")?];
    let res = http
        .post(format!("{base}/login"))
        .form(&[
            ("_csrf", csrf),
            ("email", email),
            ("password", "bench-password-1234"),
        ])
        .send()
        .await?;
    if !res.status().is_success() || res.url().path() == "/login" {
        return Err(format!("login failed: {} at {}", res.status(), res.url()).into());
    }
    Ok(http)
}

/// Pins every thread of a process to one CPU (`taskset`).
pub(crate) fn pin(pid: u32, cpu: usize) -> Res<()> {
    let ok = std::process::Command::new("taskset")
        .args(["-a", "-p", "-c", &cpu.to_string(), &pid.to_string()])
        .stdout(std::process::Stdio::null())
        .status()?
        .success();
    if ok {
        Ok(())
    } else {
        Err(format!("taskset could not pin {pid} to CPU {cpu}").into())
    }
}

pub(crate) fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}
