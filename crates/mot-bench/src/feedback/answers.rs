//! `feedback-answers`: customers' answers through the public page, mot
//! against a server that stores nothing, in alternating rounds.

use super::{loadavg, Machine};
use crate::audit::{id_of, mix, Api, CpuMark};
use crate::procs::{self, ServerOpts, ServerProc};
use crate::stats::{fmt_ms, percentile_ms};
use crate::Res;
use serde_json::json;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, clap::Args)]
pub struct AnswersArgs {
    /// Open loop: answers offered per second (the p99 is at 2,000/s).
    #[arg(long, default_value_t = 2_000)]
    pub rate: u32,
    /// Closed loop: connections, each sending its next answer when the last
    /// one is answered (0 skips the closed loop).
    #[arg(long, default_value_t = 64)]
    pub connections: usize,
    /// Seconds measured per run (after the warm-up).
    #[arg(long, default_value_t = 10)]
    pub seconds: u64,
    /// Seconds of load before each measured run, not counted.
    #[arg(long, default_value_t = 2)]
    pub warmup: u64,
    /// Rounds; each round runs mot, then the baseline (both loops each).
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// One answer in this many carries a reason and a comment.
    #[arg(long, default_value_t = 8)]
    pub comment_every: u64,
    /// Open loop: answers in flight at most; an answer due while this many
    /// are waiting is counted as not sent (an overloaded server).
    #[arg(long, default_value_t = 4_096)]
    pub max_in_flight: usize,
    #[command(flatten)]
    pub server: ServerOpts,
}

/// The baseline server (started by `feedback-answers`, not by hand).
#[derive(Debug, Clone, clap::Args)]
pub struct BaselineArgs {
    #[arg(long, default_value = "127.0.0.1:0")]
    pub bind: String,
    /// The headers of mot's reply, as a JSON list of `[name, value]`.
    #[arg(long, default_value = "[]")]
    pub reply_headers: String,
    /// The status of mot's reply.
    #[arg(long, default_value_t = 303)]
    pub reply_status: u16,
}

/// The form the question page sends, as `feedback/pages.rs` reads it.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct AnswerForm {
    #[serde(default)]
    _rid: String,
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    website: String,
}

/// Runs the baseline: `POST /f/{token}` parses the form (axum's `Form`, as
/// mot's handler does), keeps nothing and answers with mot's status and
/// headers. Exits when stdin closes.
pub async fn baseline_server(args: BaselineArgs) -> Res<()> {
    use axum::extract::{Form, Path};
    use axum::http::{HeaderName, HeaderValue, StatusCode};
    let ip = args.bind.rsplit_once(':').map_or("", |(h, _)| h);
    if ip != "127.0.0.1" && ip != "localhost" {
        return Err("the baseline binds to the loopback only".into());
    }
    let list: Vec<(String, String)> = serde_json::from_str(&args.reply_headers)?;
    let mut headers = axum::http::HeaderMap::new();
    for (k, v) in list {
        headers.append(
            HeaderName::from_bytes(k.as_bytes())?,
            HeaderValue::from_str(&v)?,
        );
    }
    let status = StatusCode::from_u16(args.reply_status)?;
    let reply = Arc::new((status, headers));
    let app = axum::Router::new().route(
        "/f/{token}",
        axum::routing::post(
            move |Path(token): Path<String>, Form(f): Form<AnswerForm>| {
                let reply = reply.clone();
                async move {
                    // Touch what mot would look at, so nothing is optimised away.
                    std::hint::black_box((&token, &f.verdict, &f._rid, &f.comment));
                    (reply.0, reply.1.clone())
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind(&args.bind).await?;
    println!("feedback baseline listening on {}", listener.local_addr()?);
    std::io::stdout().flush()?;
    let stdin_closed = tokio::task::spawn_blocking(|| {
        let mut sink = Vec::new();
        let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut sink);
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        let _ = stdin_closed.await;
    })
    .await?;
    Ok(())
}

/// The body of answer `k` of a run, as the plain form sends it (the same
/// bytes for mot and the baseline): a fixed-width request id, so every run
/// sends the same sizes.
fn body(run: u64, k: u64, comment_every: u64) -> String {
    let verdict = ["worse", "as_expected", "better", "better"][(mix(k) % 4) as usize];
    let rid = format!("b{run:04}x{k:012}");
    if comment_every > 0 && k.is_multiple_of(comment_every) {
        format!(
            "_rid={rid}&verdict={verdict}&reason=Waiting+time&comment=The+delivery+came+a+day+late+but+the+driver+was+kind+{k:08}&website="
        )
    } else {
        format!("_rid={rid}&verdict={verdict}&comment=&website=")
    }
}

/// What one run measured.
struct Run {
    target: &'static str,
    mode: String,
    /// Answers answered with the expected status within the window.
    ok: u64,
    /// Other statuses, transport errors, and (open loop) answers not sent.
    bad: u64,
    skipped: u64,
    /// Every answer answered with the expected status, warm-up included.
    acked: u64,
    first_bad: Option<String>,
    secs: f64,
    lat: Vec<u64>,
    server_cores: f64,
    bench_cores: f64,
    other_cores: f64,
    steal: f64,
    load: (f64, f64),
}

impl Run {
    fn per_sec(&self) -> f64 {
        self.ok as f64 / self.secs
    }

    fn row(&mut self) -> String {
        let p50 = percentile_ms(&mut self.lat, 0.50);
        let p99 = percentile_ms(&mut self.lat, 0.99);
        let max = percentile_ms(&mut self.lat, 1.0);
        format!(
            "| {} | {} | {:.0} | {} | {} | {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2}–{:.2} |",
            self.target,
            self.mode,
            self.per_sec(),
            fmt_ms(p50),
            fmt_ms(p99),
            fmt_ms(max),
            self.bad,
            self.skipped,
            self.server_cores,
            self.bench_cores,
            self.other_cores,
            self.steal,
            self.load.0,
            self.load.1
        )
    }
}

struct Target<'a> {
    name: &'static str,
    server: &'a ServerProc,
    url: String,
    expect: u16,
}

fn client() -> Res<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(usize::MAX)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(30))
        .build()?)
}

/// Sends one answer; `Ok(())` when the reply has the expected status.
async fn send(http: &reqwest::Client, url: &str, body: String, expect: u16) -> Result<(), String> {
    let res = http
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = res.status().as_u16();
    let _ = res.bytes().await.map_err(|e| e.to_string())?;
    if status == expect {
        Ok(())
    } else {
        Err(format!("status {status}"))
    }
}

/// CPU and load marks around a measured window.
struct Marks {
    server: f64,
    bench: CpuMark,
    machine: Machine,
    load: f64,
    at: Instant,
}

impl Marks {
    fn now(server: &ServerProc) -> Marks {
        Marks {
            server: server.stats().cpu_secs,
            bench: CpuMark::now(),
            machine: Machine::mark(),
            load: loadavg(),
            at: Instant::now(),
        }
    }

    fn finish(&self, server: &ServerProc, run: &mut Run) {
        let (own, machine) = self.bench.cores();
        run.server_cores = (server.stats().cpu_secs - self.server) / run.secs;
        run.bench_cores = own;
        run.other_cores = (machine - own - run.server_cores).max(0.0);
        run.steal = self.machine.steal_cores();
        run.load = (self.load, loadavg());
    }
}

/// Open loop: answer `k` is due at `start + k / rate`, sent then whatever
/// the earlier ones do; its latency counts from when it was due.
async fn open_loop(t: &Target<'_>, args: &AnswersArgs, run_id: u64) -> Res<Run> {
    let http = client()?;
    let rate = f64::from(args.rate.max(1));
    let warm = (rate * args.warmup as f64) as u64;
    let total = warm + (rate * args.seconds as f64) as u64;
    let in_flight = Arc::new(AtomicU64::new(0));
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(u64, Result<u64, String>)>();
    let start = Instant::now() + Duration::from_millis(50);
    let mut marks = None;
    let mut skipped = 0;
    for k in 0..total {
        let due = start + Duration::from_secs_f64(k as f64 / rate);
        tokio::time::sleep_until(due.into()).await;
        if k == warm {
            marks = Some(Marks::now(t.server));
        }
        if in_flight.load(Ordering::Relaxed) >= args.max_in_flight as u64 {
            if k >= warm {
                skipped += 1;
            }
            continue;
        }
        in_flight.fetch_add(1, Ordering::Relaxed);
        let (http, url, tx, in_flight) =
            (http.clone(), t.url.clone(), tx.clone(), in_flight.clone());
        let b = body(run_id, k, args.comment_every);
        let expect = t.expect;
        tokio::spawn(async move {
            let r = send(&http, &url, b, expect).await;
            let ns = due.elapsed().as_nanos() as u64;
            in_flight.fetch_sub(1, Ordering::Relaxed);
            let _ = tx.send((k, r.map(|()| ns)));
        });
    }
    drop(tx);
    let mut run = Run {
        target: t.name,
        mode: format!("open loop, {} /s offered", args.rate),
        ok: 0,
        bad: 0,
        skipped,
        acked: 0,
        first_bad: None,
        secs: args.seconds as f64,
        lat: Vec::new(),
        server_cores: 0.0,
        bench_cores: 0.0,
        other_cores: 0.0,
        steal: 0.0,
        load: (0.0, 0.0),
    };
    let mut ok_all = 0;
    let deadline = tokio::time::sleep(Duration::from_secs(60));
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            m = rx.recv() => match m {
                Some((k, r)) => {
                    if r.is_ok() {
                        ok_all += 1;
                    }
                    if k < warm {
                        continue;
                    }
                    match r {
                        Ok(ns) => { run.ok += 1; run.lat.push(ns); }
                        Err(e) => { run.bad += 1; run.first_bad.get_or_insert(e); }
                    }
                }
                None => break,
            },
            _ = &mut deadline => { run.first_bad.get_or_insert("answers still waiting 60 s after the last was due".into()); break; }
        }
    }
    if let Some(m) = marks {
        // The window: from the first measured answer due to the last one back.
        run.secs = m.at.elapsed().as_secs_f64();
        m.finish(t.server, &mut run);
    }
    // Throughput of an open loop is the offered rate when all got through.
    run.secs = run.secs.max(args.seconds as f64);
    run.acked = ok_all;
    Ok(run)
}

/// Closed loop: `connections` tasks, each sending its next answer when the
/// last is answered, for warm-up + seconds; counts those answered in the
/// measured window.
async fn closed_loop(t: &Target<'_>, args: &AnswersArgs, run_id: u64) -> Res<Run> {
    let http = client()?;
    let n = args.connections.max(1);
    let t0 = Instant::now();
    let warm_end = t0 + Duration::from_secs(args.warmup);
    let end = warm_end + Duration::from_secs(args.seconds);
    let next = Arc::new(AtomicU64::new(0));
    let marks = Arc::new(std::sync::Mutex::new(None::<Marks>));
    let mut tasks = Vec::new();
    for _ in 0..n {
        let (http, url, next) = (http.clone(), t.url.clone(), next.clone());
        let (expect, every) = (t.expect, args.comment_every);
        tasks.push(tokio::spawn(async move {
            let (mut ok, mut ok_all, mut bad, mut first, mut lat) =
                (0u64, 0u64, 0u64, None, Vec::new());
            loop {
                let now = Instant::now();
                if now >= end {
                    break;
                }
                let k = next.fetch_add(1, Ordering::Relaxed);
                let r = send(&http, &url, body(run_id, k, every), expect).await;
                let done = Instant::now();
                if r.is_ok() {
                    ok_all += 1;
                }
                if now >= warm_end && done <= end {
                    match r {
                        Ok(()) => {
                            ok += 1;
                            lat.push((done - now).as_nanos() as u64);
                        }
                        Err(e) => {
                            bad += 1;
                            first.get_or_insert(e);
                        }
                    }
                }
            }
            (ok, ok_all, bad, first, lat)
        }));
    }
    tokio::time::sleep_until(warm_end.into()).await;
    *marks.lock().unwrap_or_else(|p| p.into_inner()) = Some(Marks::now(t.server));
    let mut run = Run {
        target: t.name,
        mode: format!("closed loop, {n} connections"),
        ok: 0,
        bad: 0,
        skipped: 0,
        acked: 0,
        first_bad: None,
        secs: args.seconds as f64,
        lat: Vec::new(),
        server_cores: 0.0,
        bench_cores: 0.0,
        other_cores: 0.0,
        steal: 0.0,
        load: (0.0, 0.0),
    };
    tokio::time::sleep_until(end.into()).await;
    let m = marks.lock().unwrap_or_else(|p| p.into_inner()).take();
    if let Some(m) = m {
        m.finish(t.server, &mut run);
    }
    let mut ok_all = 0;
    for task in tasks {
        let (ok, all, bad, first, lat) = task.await?;
        run.ok += ok;
        ok_all += all;
        run.bad += bad;
        if run.first_bad.is_none() {
            run.first_bad = first;
        }
        run.lat.extend(lat);
    }
    run.acked = ok_all;
    Ok(run)
}

/// Counts the answers and the roll-ups' sum in mot's database (mot stopped).
async fn stored(url: &str) -> Res<(i64, i64)> {
    use sqlx::{Connection, Row};
    sqlx::any::install_default_drivers();
    let mut c = sqlx::AnyConnection::connect(url).await?;
    let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM feedback_answers")
        .fetch_one(&mut c)
        .await?
        .try_get("n")?;
    let r: i64 = sqlx::query(
        "SELECT CAST(COALESCE(SUM(worse + as_expected + better), 0) AS BIGINT) AS n FROM feedback_daily",
    )
    .fetch_one(&mut c)
    .await?
    .try_get("n")?;
    Ok((n, r))
}

pub async fn answers(args: AnswersArgs) -> Res<()> {
    if args.rate == 0 || args.seconds == 0 || args.rounds == 0 {
        return Err("--rate, --seconds and --rounds must be at least 1".into());
    }
    let dir = args.server.temp_dir()?;
    // The limits per address and per link, and the proof of work under a
    // burst, are for the public; every answer of the bench comes from
    // 127.0.0.1 to one link.
    let raise = [
        "--feedback-per-minute".to_string(),
        "1000000000".into(),
        "--feedback-per-point-minute".into(),
        "1000000000".into(),
        "--feedback-challenge-off".into(),
    ];
    let (mot, token) = procs::start_mot_with(&args.server, dir.path(), &raise)?;
    let api = Api::new(mot.addr, &token)?;
    let board = procs::make_board(mot.addr, &token, 0).await?;
    let moment = id_of(
        &api.post(
            &format!("/journeys/{}/moments", board.journey_id),
            json!({"stage_id": board.stage_id, "title": "Delivery day"}),
        )
        .await?,
    )?;
    let point = api
        .post(
            &format!("/journeys/{}/feedback/points", board.journey_id),
            json!({"moment_id": moment}),
        )
        .await?;
    let link = point["url"].as_str().ok_or("the point has no url")?;
    let path = &link[link.find("/f/").ok_or("the point's url has no /f/")?..];
    let res = reqwest::Client::new()
        .put(format!(
            "http://{}/api/v1/feedback/points/{}/reasons",
            mot.addr,
            id_of(&point)?
        ))
        .header("authorization", format!("Bearer {token}"))
        .json(&json!({"reasons": ["Waiting time", "Friendliness"]}))
        .send()
        .await?;
    if !res.status().is_success() {
        return Err(format!("PUT reasons: {}", res.status()).into());
    }
    // mot's reply to one answer: the baseline replies with the same.
    let http = client()?;
    let res = http
        .post(format!("http://{}{path}", mot.addr))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body(9999, 0, 1))
        .send()
        .await?;
    let status = res.status().as_u16();
    let headers: Vec<(String, String)> = res
        .headers()
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "date" | "content-length" | "transfer-encoding"))
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let reply_bytes: usize = headers.iter().map(|(k, v)| k.len() + v.len() + 4).sum();
    let _ = res.bytes().await?;
    if status != 303 {
        return Err(format!("mot answered the first answer with {status}, not 303").into());
    }
    let baseline = procs::start_baseline(
        &[
            "feedback-baseline".into(),
            "--reply-status".into(),
            status.to_string(),
            "--reply-headers".into(),
            serde_json::to_string(&headers)?,
        ],
        "feedback baseline listening on ",
    )?;
    println!(
        "feedback-answers: POST {path} (the plain form, a fresh _rid each, no cookie, 1 in {} with a reason and a comment); mot on {} in {}; reply {status} with {} header bytes (mot and baseline alike)",
        args.comment_every,
        args.server.database_url.as_deref().map_or("SQLite (WAL, synchronous=FULL)", |_| "PostgreSQL"),
        dir.path().display(),
        reply_bytes
    );
    println!("| server | load | answers/s | p50 | p99 | max | errors | not sent | server cores | bench cores | other cores | steal | load avg (start–end) |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    let targets = [
        Target {
            name: "mot",
            server: &mot,
            url: format!("http://{}{path}", mot.addr),
            expect: status,
        },
        Target {
            name: "baseline",
            server: &baseline,
            url: format!("http://{}{path}", baseline.addr),
            expect: status,
        },
    ];
    let mut all: Vec<Run> = Vec::new();
    let mut run_id = 0;
    for _ in 0..args.rounds {
        for t in &targets {
            run_id += 1;
            let mut r = open_loop(t, &args, run_id).await?;
            println!("{}", r.row());
            all.push(r);
            if args.connections > 0 {
                run_id += 1;
                let mut r = closed_loop(t, &args, run_id).await?;
                println!("{}", r.row());
                all.push(r);
            }
        }
    }
    for r in &all {
        if let Some(e) = &r.first_bad {
            println!("   {} {}: first error: {e}", r.target, r.mode);
        }
    }
    // min / median / max over the rounds.
    println!();
    println!("| server | load | answers/s min / median / max | p99 min / median / max |");
    println!("|---|---|---|---|");
    for target in ["mot", "baseline"] {
        for open in [true, false] {
            let mut sel: Vec<&mut Run> = all
                .iter_mut()
                .filter(|r| r.target == target && r.mode.starts_with("open") == open)
                .collect();
            if sel.is_empty() {
                continue;
            }
            let mode = sel[0].mode.clone();
            let mut rates: Vec<f64> = sel.iter().map(|r| r.per_sec()).collect();
            let mut p99s: Vec<f64> = sel
                .iter_mut()
                .map(|r| percentile_ms(&mut r.lat, 0.99))
                .collect();
            let mmm = |v: &mut Vec<f64>, f: &dyn Fn(f64) -> String| {
                v.sort_by(f64::total_cmp);
                format!(
                    "{} / {} / {}",
                    f(v[0]),
                    f(v[v.len() / 2]),
                    f(v[v.len() - 1])
                )
            };
            println!(
                "| {target} | {mode} | {} | {} |",
                mmm(&mut rates, &|x| format!("{x:.0}")),
                mmm(&mut p99s, &|x| fmt_ms(x))
            );
        }
    }
    baseline.stop();
    mot.stop();
    let url = match &args.server.database_url {
        Some(u) => u.clone(),
        None => format!("sqlite://{}", dir.path().join("mot.sqlite3").display()),
    };
    // Every answer mot acknowledged (the first one above, warm-ups too):
    // the database must hold exactly these.
    let acked = 1 + all
        .iter()
        .filter(|r| r.target == "mot")
        .map(|r| r.acked)
        .sum::<u64>();
    let (rows, counted) = stored(&url).await?;
    println!(
        "durability: mot acknowledged {acked} answers (warm-ups included); after stopping it the database holds {rows} answers and the roll-ups count {counted}{}",
        if rows as u64 == acked && counted as u64 == acked { ": nothing lost, nothing twice" } else { ": MISMATCH" }
    );
    if rows as u64 != acked {
        return Err("the database does not hold exactly the acknowledged answers".into());
    }
    Ok(())
}
