//! `session`: one facilitator and N participants (guests who joined by the
//! board's link) on one board during a live session. All participants put
//! their dots on at once (Prioritise), then, once the facilitator has
//! revealed the votes and confirmed the priorities, all rate the priority
//! moments at once (Assess). For every vote and rating: the time from the
//! participant's submit until every one of the N + 1 live sockets has the
//! frame that carries the new count (`votes_changed` / `ratings_changed`),
//! and — as the page does — until every screen shows it (the page writes
//! those counts in place from the frame; it re-reads its session panel after
//! its own vote or rating and after other session frames, 80 ms after the
//! last of a burst and at most 400 ms after the first). The baseline relay
//! then carries the same number of messages, padded to the mean size of
//! mot's frames, on the same schedule (the submit times of mot's run), to the
//! same number of clients.

use crate::clients::{self, Target, Ws};
use crate::fanout::ConnArgs;
use crate::procs::{self, ServerOpts, ServerProc};
use crate::stats::{fmt_ms, Summary};
use crate::Res;
use clap::ArgAction;
use futures_util::{SinkExt, StreamExt};
use memchr::memmem::Finder;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, AtomicU32, AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::Message;

/// The owner's password that `procs::start_mot` gives `mot user create`.
const OWNER_PASSWORD: &str = "bench-password-1234";

/// Panel reads by one screen alone, after the steps.
const PANEL_ALONE: usize = 20;

#[derive(Debug, Clone, clap::Args)]
pub struct SessionArgs {
    /// Participants (guests joining by the board's link); with the
    /// facilitator, participants + 1 live sockets watch the board.
    #[arg(long, default_value_t = 100)]
    pub participants: usize,
    /// Notes on the board to vote on.
    #[arg(long, default_value_t = 24)]
    pub moments: usize,
    /// Dots per person (the session's vote limit, 1–10); every participant
    /// uses all of them, on different moments.
    #[arg(long, default_value_t = 5)]
    pub votes: u32,
    /// Priority moments the facilitator confirms (1–8); every participant
    /// rates each of them.
    #[arg(long, default_value_t = 5)]
    pub priorities: u32,
    /// Pause between one participant's submits, after the answer (0: the
    /// next one goes as soon as the previous one is answered).
    #[arg(long, default_value_t = 0)]
    pub think_ms: u64,
    /// Model the screens as the page does (counts in place from the frame;
    /// `GET /j/{id}/session-panel` after one's own vote or rating and other
    /// session frames), and report when every screen shows each change.
    #[arg(long, default_value_t = true, action = ArgAction::Set)]
    pub panel: bool,
    /// The page's pause after the last session frame before it re-reads the
    /// panel (board.js `refreshPanel`).
    #[arg(long, default_value_t = 80)]
    pub panel_debounce_ms: u64,
    /// The page's longest wait, from the first frame of a burst, before it
    /// re-reads the panel (board.js `refreshPanel`).
    #[arg(long, default_value_t = 400)]
    pub panel_max_wait_ms: u64,
    /// Run the baseline relay after each mot run, on mot's schedule.
    #[arg(long, default_value_t = true, action = ArgAction::Set)]
    pub baseline: bool,
    /// Seconds to wait, after a step's last submit, for every delivery.
    #[arg(long, default_value_t = 20.0)]
    pub drain_seconds: f64,
    /// Runs of each server, alternating (mot, baseline, mot, …); the verdict
    /// compares the median p99s.
    #[arg(long, default_value_t = 1)]
    pub repeat: usize,
    /// Joins (and other setup requests) in flight at once.
    #[arg(long, default_value_t = 16)]
    pub setup_parallel: usize,
    #[command(flatten)]
    pub conn: ConnArgs,
    #[command(flatten)]
    pub server: ServerOpts,
}

/// The two measured steps of the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Vote,
    Rate,
}

impl Step {
    const ALL: [Step; 2] = [Step::Vote, Step::Rate];
    fn name(self) -> &'static str {
        match self {
            Step::Vote => "vote",
            Step::Rate => "rate",
        }
    }
    fn frame(self) -> &'static str {
        match self {
            Step::Vote => "votes_changed",
            Step::Rate => "ratings_changed",
        }
    }
}

// ---- what the live sockets saw ----------------------------------------------

/// One change of the board, by sequence number.
#[derive(Default)]
struct Seen {
    /// Sockets that received its frame; first and last arrival (ns since the
    /// feed's start, plus one).
    count: AtomicU32,
    first: AtomicU64,
    last: AtomicU64,
    /// Size of its frame.
    bytes: AtomicU32,
    /// Screens whose session panel shows it, and the last of them.
    shown: AtomicU32,
    shown_last: AtomicU64,
    /// Baseline only: when the message was written.
    submit: AtomicU64,
}

/// Every socket's view of the board, shared by their tasks.
struct Feed {
    start: Instant,
    /// The board's last change before the sockets connected.
    base: i64,
    seen: Vec<Seen>,
    frames: AtomicU64,
    dropped: AtomicU64,
    fetches: AtomicU64,
    fetch_errors: AtomicU64,
    fetch_ns: AtomicU64,
    fetch_bytes: AtomicU64,
    seq: Finder<'static>,
}

impl Feed {
    fn new(base: i64, capacity: usize) -> Feed {
        Feed {
            start: Instant::now(),
            base,
            seen: (0..capacity)
                .map(|_| Seen {
                    first: AtomicU64::new(u64::MAX),
                    ..Seen::default()
                })
                .collect(),
            frames: AtomicU64::new(0),
            dropped: AtomicU64::new(0),
            fetches: AtomicU64::new(0),
            fetch_errors: AtomicU64::new(0),
            fetch_ns: AtomicU64::new(0),
            fetch_bytes: AtomicU64::new(0),
            seq: Finder::new(b"\"seq\":"),
        }
    }

    fn now(&self) -> u64 {
        self.start.elapsed().as_nanos() as u64 + 1
    }

    fn get(&self, seq: i64) -> Option<&Seen> {
        usize::try_from(seq - self.base - 1)
            .ok()
            .and_then(|i| self.seen.get(i))
    }

    /// The `"seq":N` of a frame (the first one: frames carry one).
    fn seq_of(&self, text: &[u8]) -> Option<i64> {
        let p = self.seq.find(text)? + 6;
        let digits = text[p..].iter().take_while(|b| b.is_ascii_digit()).count();
        std::str::from_utf8(&text[p..p + digits]).ok()?.parse().ok()
    }

    /// Records one received frame; returns its sequence number.
    fn on_frame(&self, text: &str) -> Option<i64> {
        let now = self.now();
        let seq = self.seq_of(text.as_bytes())?;
        self.frames.fetch_add(1, Relaxed);
        if let Some(s) = self.get(seq) {
            s.count.fetch_add(1, Relaxed);
            s.first.fetch_min(now, Relaxed);
            s.last.fetch_max(now, Relaxed);
            s.bytes.store(text.len() as u32, Relaxed);
        }
        Some(seq)
    }

    /// One screen shows the changes in (after, upto] since `at`.
    fn shown(&self, after: i64, upto: i64, at: u64) {
        for seq in after + 1..=upto {
            if let Some(s) = self.get(seq) {
                s.shown.fetch_add(1, Relaxed);
                s.shown_last.fetch_max(at, Relaxed);
            }
        }
    }
}

/// How one screen re-reads its session panel.
#[derive(Clone)]
struct PanelAccess {
    http: reqwest::Client,
    url: String,
    cookie: String,
    debounce: Duration,
    max_wait: Duration,
}

/// Frames whose counts the page writes in place, without a panel read.
fn in_place(text: &str) -> bool {
    text.contains(r#""type":"votes_changed""#) || text.contains(r#""type":"ratings_changed""#)
}

/// One live socket: records frames; with `panel`, shows them like the page
/// (counts in place; a panel read after `own` answers and other session
/// frames); sends what its outbox gives it (the baseline's messages).
async fn viewer(
    ws: Ws,
    feed: Arc<Feed>,
    panel: Option<PanelAccess>,
    mut own: mpsc::UnboundedReceiver<()>,
    mut out: mpsc::UnboundedReceiver<(i64, String)>,
    mut stop: watch::Receiver<bool>,
) {
    let (mut sink, mut stream) = ws.split();
    let mut received = feed.base;
    let shown_upto = Arc::new(AtomicI64::new(feed.base));
    let mut due: Option<tokio::time::Instant> = None;
    let mut first_pending: Option<tokio::time::Instant> = None;
    let mut own_open = true;
    // board.js refreshPanel: 80 ms after the last, at most 400 ms after the first.
    let schedule = |due: &mut Option<tokio::time::Instant>,
                    first: &mut Option<tokio::time::Instant>,
                    p: &PanelAccess| {
        let now = tokio::time::Instant::now();
        let first = *first.get_or_insert(now);
        *due = Some((now + p.debounce).min(first + p.max_wait));
    };
    let mut fetches = tokio::task::JoinSet::new();
    let mut sending = true;
    let mut alive = true;
    while alive && !*stop.borrow() {
        let wait = async {
            match due {
                Some(d) => tokio::time::sleep_until(d).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            m = stream.next() => match m {
                Some(Ok(Message::Text(t))) => {
                    if let Some(seq) = feed.on_frame(t.as_str()) {
                        received = received.max(seq);
                        if let Some(p) = &panel {
                            // A count written in place shows at once, unless an
                            // earlier change still waits for a panel read.
                            let shown_now = in_place(t.as_str())
                                && shown_upto.compare_exchange(seq - 1, seq, Relaxed, Relaxed).is_ok();
                            if shown_now {
                                feed.shown(seq - 1, seq, feed.now());
                            } else {
                                schedule(&mut due, &mut first_pending, p);
                            }
                        }
                    }
                }
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => {
                    feed.dropped.fetch_add(1, Relaxed);
                    alive = false;
                }
                Some(Ok(_)) => {}
            },
            o = own.recv(), if own_open => match (o, &panel) {
                // The page re-reads its panel when its own post is answered.
                (Some(()), Some(p)) => schedule(&mut due, &mut first_pending, p),
                (Some(()), None) => {}
                (None, _) => own_open = false,
            },
            _ = wait => {
                due = None;
                first_pending = None;
                if let Some(p) = &panel {
                    fetches.spawn(fetch_panel(p.clone(), feed.clone(), shown_upto.clone(), received));
                }
            }
            Some(_) = fetches.join_next(), if !fetches.is_empty() => {}
            o = out.recv(), if sending => match o {
                Some((seq, text)) => {
                    if let Some(s) = feed.get(seq) {
                        s.submit.store(feed.now(), Relaxed);
                    }
                    if sink.send(Message::text(text)).await.is_err() {
                        feed.dropped.fetch_add(1, Relaxed);
                        alive = false;
                    }
                }
                None => sending = false,
            },
            r = stop.changed() => if r.is_err() { alive = false },
        }
    }
    fetches.abort_all();
    if alive {
        let _ = tokio::time::timeout(Duration::from_secs(2), sink.close()).await;
    }
}

/// Stops every socket's task (at most 5 s each).
async fn stop_viewers<T>(
    stop: watch::Sender<bool>,
    outboxes: Vec<mpsc::UnboundedSender<T>>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
) {
    let _ = stop.send(true);
    drop(outboxes);
    for t in tasks {
        let _ = tokio::time::timeout(Duration::from_secs(5), t).await;
    }
}

/// `GET /j/{id}/session-panel` as the page does; the panel then shows every
/// change up to `upto` (the last frame the socket had when it started).
async fn fetch_panel(p: PanelAccess, feed: Arc<Feed>, shown_upto: Arc<AtomicI64>, upto: i64) {
    let t0 = feed.now();
    let res = p
        .http
        .get(&p.url)
        .header("cookie", &p.cookie)
        .header("x-mot-fetch", "1")
        .timeout(Duration::from_secs(30))
        .send()
        .await;
    let body = match res {
        Ok(r) if r.status().is_success() => r.bytes().await.ok(),
        _ => None,
    };
    let Some(body) = body else {
        feed.fetch_errors.fetch_add(1, Relaxed);
        return;
    };
    let at = feed.now();
    feed.fetches.fetch_add(1, Relaxed);
    feed.fetch_ns.fetch_add(at - t0, Relaxed);
    feed.fetch_bytes.fetch_add(body.len() as u64, Relaxed);
    let before = shown_upto.fetch_max(upto, Relaxed);
    if upto > before {
        feed.shown(before, upto, at);
    }
}

// ---- talking to mot -----------------------------------------------------------

fn http_client() -> Res<reqwest::Client> {
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
struct Api {
    http: reqwest::Client,
    base: String,
    auth: String,
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
    async fn get(&self, path: &str) -> Res<serde_json::Value> {
        let req = self.http.get(format!("{}{path}", self.base));
        self.call(req, &format!("GET {path}")).await
    }
    async fn post(&self, path: &str, body: serde_json::Value) -> Res<serde_json::Value> {
        let req = self.http.post(format!("{}{path}", self.base)).json(&body);
        self.call(req, &format!("POST {path}")).await
    }
    /// A session command; returns the sequence numbers it committed.
    async fn command(
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
async fn login(http: &reqwest::Client, addr: SocketAddr, email: &str) -> Res<String> {
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
struct Guest {
    http: reqwest::Client,
    cookie: String,
    csrf: String,
}

/// Joins the board by its link as the page does (`POST /join/{token}` with
/// a name), then reads the board page for the guest's CSRF token.
async fn join(addr: SocketAddr, link_token: &str, jid: i64, name: &str) -> Res<Guest> {
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

/// One submitted vote or rating.
#[derive(Debug, Clone, Copy)]
struct Sub {
    participant: usize,
    /// ns on the feed's clock (plus one); 0 for none.
    submit: u64,
    ack: u64,
    /// The change it committed (None: refused or failed).
    seq: Option<i64>,
}

/// A session command from a guest's page: `POST /j/{jid}/sessions/{sid}`
/// with the page's headers; the answer is the change's frame.
async fn guest_command(g: &Guest, url: &str, form: &str) -> Res<i64> {
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

/// A small deterministic generator (xorshift64*), seeded per participant.
struct Rng(u64);
impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The moments participant `p` puts its dots on: `k` distinct ones, drawn
/// with a bias towards the start of the board so that the tally has a top.
fn dots_of(p: usize, k: usize, moments: &[i64]) -> Vec<i64> {
    let mut rng = Rng::new(p as u64 + 1);
    let mut out: Vec<i64> = Vec::with_capacity(k);
    for _ in 0..k * 50 {
        if out.len() == k {
            break;
        }
        let u = rng.unit();
        let m = moments[((u * u) * moments.len() as f64) as usize % moments.len()];
        if !out.contains(&m) {
            out.push(m);
        }
    }
    for m in moments {
        if out.len() == k {
            break;
        }
        if !out.contains(m) {
            out.push(*m);
        }
    }
    out
}

// ---- one step, its figures ------------------------------------------------------

/// The figures of one step (votes or ratings) of one run.
#[derive(Debug, Clone)]
struct StepResult {
    step: Step,
    /// Submitted, and refused or failed.
    submitted: usize,
    errors: usize,
    first_error: Option<String>,
    /// Changes delivered to every socket, and shown on every screen.
    complete: usize,
    latency: Summary,
    shown: Summary,
    shown_complete: usize,
    ack: Summary,
    /// Accepted submits per second, from the first submit to the last answer
    /// (mot) or write (baseline).
    submit_rate: f64,
    /// From the first submit to the last delivery to the last socket.
    window_s: f64,
    mean_frame: f64,
    server_cores: f64,
    bench_cores: f64,
    other_cores: f64,
    peak_other: f64,
}

/// CPU readings at the start of a step.
struct CpuMark {
    server: f64,
    bench: f64,
    machine: f64,
    at: Instant,
}

fn cpu_mark(server: &ServerProc) -> CpuMark {
    CpuMark {
        server: server.stats().cpu_secs,
        bench: procs::cpu_secs("/proc/self/stat"),
        machine: procs::machine_cpu().0,
        at: Instant::now(),
    }
}

/// (server, bench, other processes) cores since `m`.
fn cores_since(server: &ServerProc, m: &CpuMark) -> (f64, f64, f64) {
    let now = cpu_mark(server);
    let wall = (now.at - m.at).as_secs_f64().max(1e-6);
    let s = (now.server - m.server) / wall;
    let b = (now.bench - m.bench) / wall;
    let machine = (now.machine - m.machine) / wall;
    (s, b, (machine - s - b).max(0.0))
}

/// Each second until `stop`, the cores other processes kept busy; the most.
async fn peak_other(pid: u32, mut stop: watch::Receiver<bool>) -> f64 {
    let sample = || {
        (
            procs::machine_cpu().0,
            procs::proc_stats(pid).cpu_secs,
            procs::cpu_secs("/proc/self/stat"),
            Instant::now(),
        )
    };
    let mut peak = 0.0f64;
    let mut last = sample();
    for _ in 0..600 {
        let stopped = tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(1)) => false,
            _ = stop.changed() => true,
        };
        let now = sample();
        let wall = (now.3 - last.3).as_secs_f64();
        // A last part-second counts when it is long enough to mean something
        // (the clock ticks are 10 ms).
        if !stopped || wall >= 0.25 {
            peak = peak.max(((now.0 - last.0) - (now.1 - last.1) - (now.2 - last.2)) / wall);
        }
        if stopped {
            break;
        }
        last = now;
    }
    peak
}

/// Waits (bounded) until every accepted submit reached all `n` sockets and,
/// with `panel`, all `n` screens.
async fn drain(feed: &Feed, subs: &[Sub], n: usize, panel: bool, seconds: f64) {
    let until = Instant::now() + Duration::from_secs_f64(seconds);
    let done = || {
        subs.iter().filter_map(|s| s.seq).all(|q| {
            feed.get(q).is_some_and(|s| {
                s.count.load(Relaxed) as usize >= n
                    && (!panel || s.shown.load(Relaxed) as usize >= n)
            })
        })
    };
    while !done() && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Waits (bounded) until the changes `seqs` reached all `n` sockets, then
/// lets the screens settle.
async fn settle(feed: &Feed, seqs: &[i64], n: usize, panel: bool) {
    let until = Instant::now() + Duration::from_secs(20);
    let done = || {
        seqs.iter().all(|q| {
            feed.get(*q).is_some_and(|s| {
                s.count.load(Relaxed) as usize >= n
                    && (!panel || s.shown.load(Relaxed) as usize >= n)
            })
        })
    };
    while !done() && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
}

#[allow(clippy::too_many_arguments)]
fn summarize(
    step: Step,
    feed: &Feed,
    subs: &[Sub],
    errors: Vec<String>,
    n: usize,
    panel: bool,
    cores: (f64, f64, f64),
    peak_other: f64,
) -> StepResult {
    let mut lat = Vec::new();
    let mut shown = Vec::new();
    let mut ack = Vec::new();
    let mut bytes = (0u64, 0u64);
    let mut first_submit = u64::MAX;
    let mut last_answer = 0u64;
    let mut last_delivery = 0u64;
    for s in subs {
        if s.submit == 0 {
            continue;
        }
        first_submit = first_submit.min(s.submit);
        if s.ack > 0 {
            ack.push(s.ack - s.submit);
            last_answer = last_answer.max(s.ack);
        } else {
            last_answer = last_answer.max(s.submit);
        }
        let Some(seen) = s.seq.and_then(|q| feed.get(q)) else {
            continue;
        };
        let b = seen.bytes.load(Relaxed) as u64;
        if b > 0 {
            bytes = (bytes.0 + b, bytes.1 + 1);
        }
        if seen.count.load(Relaxed) as usize >= n {
            let last = seen.last.load(Relaxed);
            last_delivery = last_delivery.max(last);
            lat.push(last.saturating_sub(s.submit));
        }
        if panel && seen.shown.load(Relaxed) as usize >= n {
            shown.push(seen.shown_last.load(Relaxed).saturating_sub(s.submit));
        }
    }
    let accepted = subs.iter().filter(|s| s.seq.is_some()).count();
    let span = |end: u64| {
        if end > first_submit && first_submit != u64::MAX {
            (end - first_submit) as f64 / 1e9
        } else {
            f64::NAN
        }
    };
    StepResult {
        step,
        submitted: subs.len(),
        errors: errors.len(),
        first_error: errors.into_iter().next(),
        complete: lat.len(),
        latency: Summary::of(&mut lat),
        shown_complete: shown.len(),
        shown: Summary::of(&mut shown),
        ack: Summary::of(&mut ack),
        submit_rate: accepted as f64 / span(last_answer),
        window_s: span(last_delivery),
        mean_frame: bytes.0 as f64 / bytes.1.max(1) as f64,
        server_cores: cores.0,
        bench_cores: cores.1,
        other_cores: cores.2,
        peak_other,
    }
}

/// One server's run: both steps.
struct RunResult {
    name: &'static str,
    sockets: usize,
    steps: Vec<StepResult>,
    /// mot: per step, (participant, ns after the step's start) of every
    /// accepted submit, in order — the baseline's schedule.
    schedule: Vec<Vec<(usize, u64)>>,
    fetches: u64,
    fetch_errors: u64,
    mean_fetch_ms: f64,
    mean_fetch_bytes: f64,
    dropped: u64,
    rss_end_kib: u64,
    /// mot: one screen's panel re-read on the quiet server, after the steps.
    panel_alone: Summary,
}

impl StepResult {
    fn print(&self, name: &str, sockets: usize) {
        println!(
            "  [{name}] {}: {} submitted, {} refused/failed, {} delivered to all {sockets} sockets (incomplete {})",
            self.step.name(),
            self.submitted,
            self.errors,
            self.complete,
            self.submitted - self.errors - self.complete
        );
        println!(
            "    submit→all sockets have the {} frame: p50 {}  p99 {}  max {}  mean {}",
            self.step.frame(),
            fmt_ms(self.latency.p50),
            fmt_ms(self.latency.p99),
            fmt_ms(self.latency.max),
            fmt_ms(self.latency.mean)
        );
        if self.shown.n > 0 {
            println!(
                "    submit→all screens show it (panel re-read): p50 {}  p99 {}  max {}  ({} of {} shown on every screen)",
                fmt_ms(self.shown.p50),
                fmt_ms(self.shown.p99),
                fmt_ms(self.shown.max),
                self.shown_complete,
                self.submitted - self.errors
            );
        }
        if self.ack.n > 0 {
            println!(
                "    answer to the participant: p50 {}  p99 {}  max {}",
                fmt_ms(self.ack.p50),
                fmt_ms(self.ack.p99),
                fmt_ms(self.ack.max)
            );
        }
        println!(
            "    {:.0} submits/s accepted; last delivery {:.2} s after the first submit; mean frame {:.0} B",
            self.submit_rate, self.window_s, self.mean_frame
        );
        println!(
            "    CPU: server {:.2} cores, bench {:.2}, other processes {:.2} (peak {:.2} in one second) of 2",
            self.server_cores, self.bench_cores, self.other_cores, self.peak_other
        );
        if let Some(e) = &self.first_error {
            println!("    first error: {e}");
        }
    }
}

// ---- mot --------------------------------------------------------------------------

async fn run_mot(args: &SessionArgs) -> Res<RunResult> {
    let n = args.participants + 1;
    let dir = args.server.temp_dir()?;
    let (server, token) = procs::start_mot(&args.server, dir.path())?;
    let addr = server.addr;
    eprintln!("[mot] server pid {} on {addr}", server.pid);
    let board = procs::make_board(addr, &token, args.moments).await?;
    let jid = board.journey_id;
    let api = Api {
        http: http_client()?,
        base: format!("http://{addr}/api/v1"),
        auth: format!("Bearer {token}"),
    };

    // The facilitator: a page session (for the panel) and the API (commands).
    let me = api.get("/me").await?;
    let email = me["email"].as_str().ok_or("no email in /me")?.to_string();
    let fac_http = http_client()?;
    let fac_cookie = login(&fac_http, addr, &email).await?;
    let s = api
        .post(
            &format!("/journeys/{jid}/sessions"),
            serde_json::json!({
                "title": "Bench session",
                "vote_limit": args.votes,
                "multi_vote": false,
                "priority_cap": args.priorities,
            }),
        )
        .await?;
    let sid = s["id"].as_i64().ok_or("no session id")?;
    for (from, to) in [("capture", "colour_code"), ("colour_code", "prioritise")] {
        api.command(
            sid,
            serde_json::json!({"op": "change_phase", "expected": from, "target": to}),
        )
        .await?;
    }

    // The participants join by the board's link.
    let link = api.get(&format!("/journeys/{jid}/join-link")).await?;
    let link_token = link["url"]
        .as_str()
        .and_then(|u| u.rsplit('/').next())
        .ok_or("no join link")?
        .to_string();
    let t = Instant::now();
    let guests: Vec<Res<Guest>> = futures_util::stream::iter(0..args.participants)
        .map(|p| {
            let link_token = link_token.clone();
            async move { join(addr, &link_token, jid, &format!("Participant {}", p + 1)).await }
        })
        .buffered(args.setup_parallel.max(1))
        .collect()
        .await;
    let guests: Vec<Arc<Guest>> = guests
        .into_iter()
        .map(|g| g.map(Arc::new))
        .collect::<Res<_>>()?;
    eprintln!(
        "[mot] {} participants joined in {:.2} s",
        guests.len(),
        t.elapsed().as_secs_f64()
    );

    // n live sockets: the facilitator's (bearer token), then one per guest.
    let last_seq = api.get(&format!("/journeys/{jid}")).await?["last_seq"]
        .as_i64()
        .ok_or("no last_seq")?;
    let target = Target {
        addr,
        path: format!("/j/{jid}/live?since={last_seq}"),
        token: None,
    };
    let t = Instant::now();
    let fac_target = Target {
        token: Some(token.clone()),
        ..target.clone()
    };
    let mut sockets = vec![clients::connect(&fac_target).await?];
    let rest: Vec<Res<Ws>> =
        futures_util::stream::iter(guests.iter())
            .map(|g| {
                let target = target.clone();
                async move {
                    clients::connect_with_headers(&target, &[("cookie", g.cookie.clone())]).await
                }
            })
            .buffered(args.conn.connect_parallel.max(1))
            .collect()
            .await;
    for ws in rest {
        sockets.push(ws?);
    }
    eprintln!(
        "[mot] {n} sockets connected in {:.2} s",
        t.elapsed().as_secs_f64()
    );

    let per_person = args.votes as usize + args.priorities as usize;
    let feed = Arc::new(Feed::new(last_seq, args.participants * per_person + 64));
    let (stop_tx, stop_rx) = watch::channel(false);
    let panel_url = format!("http://{addr}/j/{jid}/session-panel");
    let debounce = Duration::from_millis(args.panel_debounce_ms);
    let max_wait = Duration::from_millis(args.panel_max_wait_ms);
    let mut tasks = Vec::with_capacity(n);
    let mut outboxes = Vec::with_capacity(n);
    // Participant p's answers, to its own screen (socket p + 1).
    let mut answered = Vec::with_capacity(n);
    for (i, ws) in sockets.into_iter().enumerate() {
        let panel = args.panel.then(|| {
            if i == 0 {
                PanelAccess {
                    http: fac_http.clone(),
                    url: panel_url.clone(),
                    cookie: fac_cookie.clone(),
                    debounce,
                    max_wait,
                }
            } else {
                let g = &guests[i - 1];
                PanelAccess {
                    http: g.http.clone(),
                    url: panel_url.clone(),
                    cookie: g.cookie.clone(),
                    debounce,
                    max_wait,
                }
            }
        });
        let (tx, rx) = mpsc::unbounded_channel();
        outboxes.push(tx);
        let (own_tx, own_rx) = mpsc::unbounded_channel();
        if i > 0 {
            answered.push(own_tx);
        }
        tasks.push(tokio::spawn(viewer(
            ws,
            feed.clone(),
            panel,
            own_rx,
            rx,
            stop_rx.clone(),
        )));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;

    let cmd_url = format!("http://{addr}/j/{jid}/sessions/{sid}");
    let mut steps = Vec::new();
    let mut schedule = Vec::new();
    let mut priorities: Vec<i64> = Vec::new();
    for step in Step::ALL {
        if step == Step::Rate {
            // The facilitator reveals the votes, confirms the top moments and
            // moves on to Assess.
            let (mut seqs, v) = api
                .command(sid, serde_json::json!({"op": "reveal_votes"}))
                .await?;
            let tally = v["changes"][0]["event"]["tally"]
                .as_array()
                .ok_or("no tally in the reveal")?;
            priorities = tally
                .iter()
                .filter_map(|r| r["moment_id"].as_i64())
                .take(args.priorities as usize)
                .collect();
            let (s2, _) = api
                .command(
                    sid,
                    serde_json::json!({"op": "set_priorities", "moment_ids": priorities}),
                )
                .await?;
            let (s3, _) = api
                .command(
                    sid,
                    serde_json::json!({"op": "change_phase", "expected": "prioritise", "target": "assess"}),
                )
                .await?;
            seqs.extend(s2);
            seqs.extend(s3);
            settle(&feed, &seqs, n, args.panel).await;
        }
        let mark = cpu_mark(&server);
        let (sampler_stop, sampler_rx) = watch::channel(false);
        let sampler = tokio::spawn(peak_other(server.pid, sampler_rx));
        let t0 = tokio::time::Instant::now() + Duration::from_millis(200);
        let t0_feed = feed.now() + 200_000_000;
        let think = Duration::from_millis(args.think_ms);
        let work: Vec<_> = guests
            .iter()
            .enumerate()
            .map(|(p, g)| {
                let forms: Vec<String> = match step {
                    Step::Vote => dots_of(p, args.votes as usize, &board.pool)
                        .into_iter()
                        .map(|m| format!("op=vote&moment_id={m}"))
                        .collect(),
                    Step::Rate => {
                        let mut rng = Rng::new(1000 + p as u64);
                        priorities
                            .iter()
                            .map(|m| {
                                let r =
                                    ["miserable", "neutral", "magical"][(rng.next() % 3) as usize];
                                format!("op=rate&moment_id={m}&rating={r}")
                            })
                            .collect()
                    }
                };
                let (g, feed, url) = (g.clone(), feed.clone(), cmd_url.clone());
                let own = answered[p].clone();
                tokio::spawn(async move {
                    tokio::time::sleep_until(t0).await;
                    let mut subs = Vec::with_capacity(forms.len());
                    let mut errors = Vec::new();
                    for (k, form) in forms.iter().enumerate() {
                        if k > 0 && !think.is_zero() {
                            tokio::time::sleep(think).await;
                        }
                        let submit = feed.now();
                        let r = guest_command(&g, &url, form).await;
                        let ack = feed.now();
                        if r.is_ok() {
                            let _ = own.send(());
                        }
                        match r {
                            Ok(seq) => subs.push(Sub {
                                participant: p,
                                submit,
                                ack,
                                seq: Some(seq),
                            }),
                            Err(e) => {
                                errors.push(e.to_string());
                                subs.push(Sub {
                                    participant: p,
                                    submit,
                                    ack,
                                    seq: None,
                                });
                            }
                        }
                    }
                    (subs, errors)
                })
            })
            .collect();
        let mut subs = Vec::new();
        let mut errors = Vec::new();
        for w in work {
            let (s, e) = w.await?;
            subs.extend(s);
            errors.extend(e);
        }
        drain(&feed, &subs, n, args.panel, args.drain_seconds).await;
        let cores = cores_since(&server, &mark);
        let _ = sampler_stop.send(true);
        let peak = sampler.await.unwrap_or(f64::NAN);
        let mut sched: Vec<(usize, u64)> = subs
            .iter()
            .filter(|s| s.seq.is_some())
            .map(|s| (s.participant, s.submit.saturating_sub(t0_feed)))
            .collect();
        sched.sort_by_key(|x| x.1);
        schedule.push(sched);
        let r = summarize(step, &feed, &subs, errors, n, args.panel, cores, peak);
        r.print("mot", n);
        steps.push(r);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let rss_end_kib = server.stats().rss_kib;
    stop_viewers(stop_tx, outboxes, tasks).await;
    // One screen alone re-reading its panel: the cost of one panel, without
    // the other screens.
    let mut alone = Vec::with_capacity(PANEL_ALONE);
    if let Some(g) = guests.first() {
        for _ in 0..PANEL_ALONE {
            let t = Instant::now();
            let r = g
                .http
                .get(&panel_url)
                .header("cookie", &g.cookie)
                .header("x-mot-fetch", "1")
                .send()
                .await?;
            if r.status().is_success() {
                r.bytes().await?;
                alone.push(t.elapsed().as_nanos() as u64);
            }
        }
    }
    server.stop();
    let fetches = feed.fetches.load(Relaxed);
    Ok(RunResult {
        name: "mot",
        sockets: n,
        steps,
        schedule,
        fetches,
        fetch_errors: feed.fetch_errors.load(Relaxed),
        mean_fetch_ms: feed.fetch_ns.load(Relaxed) as f64 / fetches.max(1) as f64 / 1e6,
        mean_fetch_bytes: feed.fetch_bytes.load(Relaxed) as f64 / fetches.max(1) as f64,
        dropped: feed.dropped.load(Relaxed),
        rss_end_kib,
        panel_alone: Summary::of(&mut alone),
    })
}

// ---- the baseline -------------------------------------------------------------

/// The baseline's message `seq`, padded to `size` bytes.
fn relay_text(step: Step, seq: i64, size: usize) -> String {
    let head = format!(r#"{{"type":"{}","seq":{seq},"pad":""#, step.frame());
    let pad = size.saturating_sub(head.len() + 2);
    let mut s = String::with_capacity(head.len() + pad + 2);
    s.push_str(&head);
    s.extend(std::iter::repeat_n('x', pad));
    s.push_str("\"}");
    s
}

/// The relay with `participants + 1` clients; participant `p` (socket
/// `p + 1`) sends at the times of `schedule`, messages of `sizes[step]`.
async fn run_baseline(
    args: &SessionArgs,
    schedule: &[Vec<(usize, u64)>],
    sizes: &[usize],
) -> Res<RunResult> {
    let n = args.participants + 1;
    let server = procs::start_relay(args.conn.baseline_nodelay)?;
    eprintln!("[baseline] server pid {} on {}", server.pid, server.addr);
    let target = Target {
        addr: server.addr,
        path: "/".into(),
        token: None,
    };
    let sockets = clients::connect_all(&target, n, args.conn.connect_parallel).await?;
    let total: usize = schedule.iter().map(Vec::len).sum();
    let feed = Arc::new(Feed::new(0, total + 8));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut tasks = Vec::with_capacity(n);
    let mut outboxes = Vec::with_capacity(n);
    for ws in sockets {
        let (tx, rx) = mpsc::unbounded_channel();
        outboxes.push(tx);
        // The relay has no pages: no panel, no own answers.
        let (_, no_answers) = mpsc::unbounded_channel();
        tasks.push(tokio::spawn(viewer(
            ws,
            feed.clone(),
            None,
            no_answers,
            rx,
            stop_rx.clone(),
        )));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let mut steps = Vec::new();
    let mut next_seq = 1i64;
    for (i, step) in Step::ALL.into_iter().enumerate() {
        let Some(sched) = schedule.get(i) else { break };
        let mark = cpu_mark(&server);
        let (sampler_stop, sampler_rx) = watch::channel(false);
        let sampler = tokio::spawn(peak_other(server.pid, sampler_rx));
        let t0 = tokio::time::Instant::now() + Duration::from_millis(200);
        let mut sent = Vec::with_capacity(sched.len());
        for (p, at) in sched {
            tokio::time::sleep_until(t0 + Duration::from_nanos(*at)).await;
            let seq = next_seq;
            next_seq += 1;
            let text = relay_text(step, seq, sizes.get(i).copied().unwrap_or(100));
            let _ = outboxes[(p + 1) % n].send((seq, text));
            sent.push((*p, seq));
        }
        // Submit times are taken by the sockets' tasks when they write.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let subs: Vec<Sub> = sent
            .iter()
            .map(|(p, seq)| Sub {
                participant: *p,
                submit: feed.get(*seq).map_or(0, |s| s.submit.load(Relaxed)),
                ack: 0,
                seq: Some(*seq),
            })
            .collect();
        drain(&feed, &subs, n, false, args.drain_seconds).await;
        // Re-read: a write may have been late.
        let subs: Vec<Sub> = subs
            .into_iter()
            .map(|s| Sub {
                submit: s
                    .seq
                    .and_then(|q| feed.get(q))
                    .map_or(0, |x| x.submit.load(Relaxed)),
                ..s
            })
            .collect();
        let cores = cores_since(&server, &mark);
        let _ = sampler_stop.send(true);
        let peak = sampler.await.unwrap_or(f64::NAN);
        let r = summarize(step, &feed, &subs, Vec::new(), n, false, cores, peak);
        r.print("baseline", n);
        steps.push(r);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let rss_end_kib = server.stats().rss_kib;
    stop_viewers(stop_tx, outboxes, tasks).await;
    server.stop();
    Ok(RunResult {
        name: "baseline",
        sockets: n,
        steps,
        schedule: Vec::new(),
        fetches: 0,
        fetch_errors: 0,
        mean_fetch_ms: f64::NAN,
        mean_fetch_bytes: f64::NAN,
        dropped: feed.dropped.load(Relaxed),
        rss_end_kib,
        panel_alone: Summary::default(),
    })
}

// ---- the driver -------------------------------------------------------------------

pub async fn session(args: SessionArgs) -> Res<()> {
    if args.participants == 0 || args.participants > 250 {
        // mot lets 300 joins a minute through from one address.
        return Err("--participants must be 1..=250".into());
    }
    if !(1..=10).contains(&args.votes) || !(1..=8).contains(&args.priorities) {
        return Err("--votes must be 1..=10 and --priorities 1..=8".into());
    }
    if args.moments < args.votes.max(args.priorities) as usize || args.moments > 500 {
        return Err("--moments must be at least --votes and --priorities, and at most 500".into());
    }
    if args.repeat == 0
        || args.repeat > 20
        || !(args.drain_seconds > 0.0 && args.drain_seconds <= 120.0)
    {
        return Err("--repeat must be 1..=20 and --drain-seconds in (0, 120]".into());
    }
    if args.think_ms > 10_000 || args.panel_debounce_ms > 10_000 || args.panel_max_wait_ms > 10_000
    {
        return Err(
            "--think-ms, --panel-debounce-ms and --panel-max-wait-ms must be at most 10000".into(),
        );
    }
    println!(
        "session: 1 facilitator + {} participants on one board of {} notes; {} dots each, then {} ratings each; panel re-read {}",
        args.participants,
        args.moments,
        args.votes,
        args.priorities,
        if args.panel { "on" } else { "off" }
    );
    let mut results: Vec<RunResult> = Vec::new();
    for round in 0..args.repeat {
        if args.repeat > 1 {
            eprintln!("[round {}/{}]", round + 1, args.repeat);
        }
        let m = run_mot(&args).await?;
        println!(
            "  [mot] panel reads {} (failed {}), mean {} and {:.0} B each (one screen alone afterwards: p50 {}, max {}); dropped sockets {}; server RSS end {:.1} MiB",
            m.fetches,
            m.fetch_errors,
            fmt_ms(m.mean_fetch_ms),
            m.mean_fetch_bytes,
            fmt_ms(m.panel_alone.p50),
            fmt_ms(m.panel_alone.max),
            m.dropped,
            m.rss_end_kib as f64 / 1024.0
        );
        if args.baseline {
            let sizes: Vec<usize> = m
                .steps
                .iter()
                .map(|s| s.mean_frame.round().max(40.0) as usize)
                .collect();
            let schedule = m.schedule.clone();
            results.push(m);
            tokio::time::sleep(Duration::from_secs(1)).await;
            let b = run_baseline(&args, &schedule, &sizes).await?;
            println!("  [baseline] dropped sockets {}", b.dropped);
            results.push(b);
        } else {
            results.push(m);
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }

    println!();
    println!(
        "| 1 + {} sockets | step | server | submits | p50 | p99 | max | on every screen p50 | p99 | max | answer p99 | accepted/s | incomplete | refused | server CPU | other load (peak) |",
        args.participants
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for r in &results {
        for s in &r.steps {
            println!(
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.0} | {} | {} | {:.2} cores | {:.2} ({:.2}) |",
                r.sockets,
                s.step.name(),
                r.name,
                s.submitted,
                fmt_ms(s.latency.p50),
                fmt_ms(s.latency.p99),
                fmt_ms(s.latency.max),
                fmt_ms(s.shown.p50),
                fmt_ms(s.shown.p99),
                fmt_ms(s.shown.max),
                fmt_ms(s.ack.p99),
                s.submit_rate,
                s.submitted - s.errors - s.complete,
                s.errors,
                s.server_cores,
                s.other_cores,
                s.peak_other
            );
        }
    }
    let median = |name: &str, step: Step, f: fn(&StepResult) -> f64| {
        let mut v: Vec<f64> = results
            .iter()
            .filter(|r| r.name == name)
            .flat_map(|r| r.steps.iter().filter(|s| s.step == step).map(f))
            .collect();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied()
    };
    println!();
    for step in Step::ALL {
        let m = median("mot", step, |s| s.latency.p99);
        let shown = median("mot", step, |s| s.shown.p99);
        let b = median("baseline", step, |s| s.latency.p99);
        if let (Some(m), Some(b)) = (m, b) {
            print!(
                "{}: median p99 submit→all sockets: mot {} vs baseline {} → {:.2}×",
                step.name(),
                fmt_ms(m),
                fmt_ms(b),
                m / b
            );
            match shown {
                Some(s) if !s.is_nan() => {
                    println!("; submit→all screens (mot) {} → {:.2}×", fmt_ms(s), s / b)
                }
                _ => println!(),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_are_distinct_and_on_the_board() {
        let board: Vec<i64> = (100..124).collect();
        for p in 0..200 {
            let d = dots_of(p, 5, &board);
            assert_eq!(d.len(), 5);
            let mut u = d.clone();
            u.sort();
            u.dedup();
            assert_eq!(u.len(), 5);
            assert!(d.iter().all(|m| board.contains(m)));
        }
        assert_eq!(dots_of(0, 3, &[1, 2, 3]).len(), 3);
    }

    #[test]
    fn frames_are_found_by_seq() {
        let f = Feed::new(10, 5);
        assert_eq!(
            f.on_frame(r#"{"dots":3,"seq":12,"session_id":1,"type":"votes_changed","voters":2}"#),
            Some(12)
        );
        assert_eq!(f.get(12).map(|s| s.count.load(Relaxed)), Some(1));
        assert!(f.get(10).is_none() && f.get(16).is_none());
        let t = relay_text(Step::Rate, 14, 120);
        assert_eq!(t.len(), 120);
        assert_eq!(f.on_frame(&t), Some(14));
        f.shown(10, 13, 5);
        assert_eq!(f.get(13).map(|s| s.shown.load(Relaxed)), Some(1));
        assert_eq!(f.get(14).map(|s| s.shown.load(Relaxed)), Some(0));
        assert_eq!(form_escape("a b@c.d"), "a+b%40c.d");
    }
}
