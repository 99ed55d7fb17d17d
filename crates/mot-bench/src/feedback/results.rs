//! `feedback-results`: the results of a business with many answers.
//!
//! Through the JSON API: a business with B branches, a journey with M
//! moments, a feedback point per moment and branch, and a team session.
//! Then mot is stopped and the bench writes straight into its database:
//! N answers over D days (generated inside the database, a range of numbers
//! turned into rows by one `INSERT … SELECT` per million: SQLite's recursive
//! `WITH`, PostgreSQL's `generate_series`), the daily roll-ups as one
//! `INSERT … SELECT … GROUP BY` over those answers (what the writer keeps
//! answer by answer, computed at once), and the team's agreed rating of
//! every moment. mot is started again; the bench logs in and fetches, one
//! request at a time, the results page (`/j/{id}/feedback`, whose gap view
//! lists where team and customers disagree), its JSON twin and the board
//! (each note with its customers' score). The baseline, in the same rounds:
//! the same figures computed by `GROUP BY` over the raw answers, on a
//! connection of the bench's own; the same figures from the roll-ups on that
//! connection are timed too, and both must agree.

use super::{loadavg, Machine};
use crate::audit::{id_of, Api, CpuMark};
use crate::procs::{self, ServerOpts};
use crate::stats::{fmt_ms, percentile_ms};
use crate::Res;
use serde_json::{json, Value};
use sqlx::{Connection, Row};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, clap::Args)]
pub struct ResultsArgs {
    /// Answers in the database.
    #[arg(long, default_value_t = 10_000_000)]
    pub answers: u64,
    /// Days they span, ending today.
    #[arg(long, default_value_t = 730)]
    pub days: i64,
    /// Branches of the business.
    #[arg(long, default_value_t = 20)]
    pub branches: usize,
    /// Moments of the journey.
    #[arg(long, default_value_t = 50)]
    pub moments: usize,
    /// Requests per page (and roll-up query sets), one at a time, over all
    /// rounds.
    #[arg(long, default_value_t = 150)]
    pub samples: usize,
    /// GROUP BY baselines over the raw answers, over all rounds.
    #[arg(long, default_value_t = 6)]
    pub baseline_samples: usize,
    /// Rounds alternating the pages and the baseline.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// PostgreSQL: make a fresh database on this server (admin URL, e.g.
    /// `$MOT_TEST_POSTGRES_ADMIN_URL`) and run mot on it; dropped at the end
    /// unless --keep. Without it: SQLite in a temp data dir.
    #[arg(long)]
    pub postgres_admin_url: Option<String>,
    /// Keep the data dir (and the PostgreSQL database).
    #[arg(long)]
    pub keep: bool,
    #[command(flatten)]
    pub server: ServerOpts,
}

/// What the API made.
struct Built {
    workspace_id: i64,
    email: String,
    journey_id: i64,
    moments: Vec<i64>,
    branches: Vec<i64>,
    /// (point id, moment index, branch index), in moment-major order.
    points: Vec<(i64, usize, usize)>,
    session_id: i64,
}

async fn build(api: &Api, args: &ResultsArgs) -> Res<Built> {
    let me = api.get("/me").await?;
    let email = me["email"].as_str().ok_or("me: no email")?.to_string();
    let workspace_id = me["workspace_id"].as_i64().ok_or("me: no workspace")?;
    let business = id_of(
        &api.post("/businesses", json!({"name": "Feedback bench"}))
            .await?,
    )?;
    let mut branches = Vec::new();
    for b in 0..args.branches {
        let v = api
            .post(
                &format!("/businesses/{business}/branches"),
                json!({"name": format!("Branch {:02}", b + 1)}),
            )
            .await?;
        branches.push(id_of(&v)?);
    }
    let journey_id = id_of(
        &api.post(
            &format!("/businesses/{business}/journeys"),
            json!({"name": "Delivery"}),
        )
        .await?,
    )?;
    let stages = api.get(&format!("/journeys/{journey_id}/stages")).await?;
    let stages: Vec<i64> = stages
        .as_array()
        .ok_or("stages: not a list")?
        .iter()
        .filter_map(|s| s["id"].as_i64())
        .collect();
    if stages.is_empty() {
        return Err("the journey has no stage".into());
    }
    let mut moments = Vec::new();
    for m in 0..args.moments {
        let v = api
            .post(
                &format!("/journeys/{journey_id}/moments"),
                json!({"stage_id": stages[m % stages.len()], "title": format!("Moment {:02}", m + 1)}),
            )
            .await?;
        moments.push(id_of(&v)?);
    }
    let mut points = Vec::new();
    for (mi, m) in moments.iter().enumerate() {
        for (bi, b) in branches.iter().enumerate() {
            let v = api
                .post(
                    &format!("/journeys/{journey_id}/feedback/points"),
                    json!({"moment_id": m, "branch_id": b}),
                )
                .await?;
            points.push((id_of(&v)?, mi, bi));
        }
    }
    let session_id = id_of(
        &api.post(
            &format!("/journeys/{journey_id}/sessions"),
            json!({"title": "Team rating"}),
        )
        .await?,
    )?;
    Ok(Built {
        workspace_id,
        email,
        journey_id,
        moments,
        branches,
        points,
        session_id,
    })
}

/// The team's agreed rating of moment `m`.
fn team_rating(m: usize) -> &'static str {
    ["magical", "neutral", "miserable"][m % 3]
}

async fn fill(url: &str, b: &Built, args: &ResultsArgs) -> Res<(f64, f64)> {
    let pg = url.starts_with("postgres");
    let mut c = if pg {
        sqlx::AnyConnection::connect(url).await?
    } else {
        sqlx::AnyConnection::connect(&format!("{url}?mode=rwc")).await?
    };
    if pg {
        sqlx::query("SET synchronous_commit = off")
            .execute(&mut c)
            .await?;
        sqlx::query("SET maintenance_work_mem = '512MB'")
            .execute(&mut c)
            .await?;
        sqlx::query("CREATE TEMP TABLE bench_points (k BIGINT PRIMARY KEY, point_id BIGINT, moment_id BIGINT, branch_id BIGINT, mk BIGINT, bk BIGINT)")
            .execute(&mut c)
            .await?;
    } else {
        for p in [
            "PRAGMA foreign_keys = ON",
            "PRAGMA synchronous = OFF",
            "PRAGMA cache_size = -1000000",
        ] {
            sqlx::query(p).execute(&mut c).await?;
        }
        sqlx::query("CREATE TEMP TABLE bench_points (k INTEGER PRIMARY KEY, point_id BIGINT, moment_id BIGINT, branch_id BIGINT, mk BIGINT, bk BIGINT)")
            .execute(&mut c)
            .await?;
    }
    for chunk in b.points.chunks(200).enumerate() {
        let (ci, rows) = chunk;
        let values: Vec<String> = rows
            .iter()
            .enumerate()
            .map(|(j, (pid, mi, bi))| {
                format!(
                    "({}, {pid}, {}, {}, {mi}, {bi})",
                    ci * 200 + j,
                    b.moments[*mi],
                    b.branches[*bi]
                )
            })
            .collect();
        sqlx::query(&format!(
            "INSERT INTO bench_points VALUES {}",
            values.join(", ")
        ))
        .execute(&mut c)
        .await?;
    }
    let p = b.points.len() as u64;
    let per_point = args.answers.div_ceil(p).max(1);
    let today = mot_store::feedback_today();
    let first = today - args.days + 1;
    let ws = b.workspace_id;
    let (d, n) = (args.days, args.answers);
    // Row i: point i mod P, its (i div P)-th answer, spread evenly over the
    // days in time order (so ids follow time, as mot's do).
    let select = |range: &str, i: &str| {
        let h = format!("((({i} * 2654435761) % 4294967296) % 100)");
        // One answer in 200 flagged, spread over every point (the hash's
        // other digits, so not a residue of the point's number).
        let f = format!("((({i} * 2654435761) % 4294967296) / 100 % 200)");
        format!(
            "SELECT {ws}, p.point_id, p.moment_id, p.branch_id, \
             CASE WHEN {h} < 5 + (p.mk * 7) % 35 + p.bk % 5 THEN -1 WHEN {h} < 40 + (p.mk * 7) % 35 + p.bk % 5 THEN 0 ELSE 1 END, \
             CASE WHEN {i} % 10 = 0 THEN 'Waiting time' END, \
             CASE WHEN {i} % 10 = 0 THEN 'Came a day late, but the driver was kind.' ELSE '' END, \
             'en', 'b' || {i}, {first} + (({i} / {p}) * {d}) / {per_point}, \
             ({first} + (({i} / {p}) * {d}) / {per_point}) * 86400000 + ({i} * 7919) % 86400000, \
             CASE WHEN {f} = 7 THEN 1 ELSE 0 END, CASE WHEN {f} = 7 THEN 'honeypot' END \
             FROM {range} JOIN bench_points p ON p.k = {i} % {p}"
        )
    };
    let cols = "INSERT INTO feedback_answers (workspace_id, point_id, moment_id, branch_id, verdict, reason, comment, \
                language, request_key, day, created_at, flagged, flag_reason) ";
    let t = Instant::now();
    let step = 1_000_000u64;
    let mut lo = 0u64;
    while lo < n {
        let hi = (lo + step).min(n) - 1;
        let sql = if pg {
            format!(
                "{cols}{}",
                select(
                    &format!("generate_series({lo}::bigint, {hi}::bigint) AS n(i)"),
                    "n.i"
                )
            )
        } else {
            format!(
                "WITH RECURSIVE n(i) AS (SELECT {lo} UNION ALL SELECT i + 1 FROM n WHERE i < {hi}) {cols}{}",
                select("n", "n.i")
            )
        };
        let mut tx = c.begin().await?;
        sqlx::query(&sql).execute(&mut *tx).await?;
        tx.commit().await?;
        lo = hi + 1;
        eprint!(
            "\r   answers: {lo} of {n} ({:.0} s)",
            t.elapsed().as_secs_f64()
        );
    }
    eprintln!();
    let answers_secs = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut tx = c.begin().await?;
    sqlx::query(&format!(
        "INSERT INTO feedback_daily (workspace_id, moment_id, branch_id, day, worse, as_expected, better) \
         SELECT workspace_id, moment_id, branch_id, day, \
         SUM(CASE WHEN verdict = -1 THEN 1 ELSE 0 END), SUM(CASE WHEN verdict = 0 THEN 1 ELSE 0 END), \
         SUM(CASE WHEN verdict = 1 THEN 1 ELSE 0 END) \
         FROM feedback_answers WHERE workspace_id = {ws} AND flagged = 0 GROUP BY workspace_id, moment_id, branch_id, day"
    ))
    .execute(&mut *tx)
    .await?;
    // Their running totals, as mot's migration makes them from existing
    // roll-ups (mot's writes keep them answer by answer).
    for sql in mot_store::feedback_rebuild_running(
        "moment_id IN (SELECT id FROM moments WHERE journey_id = $1)",
    ) {
        sqlx::query(&sql)
            .bind(b.journey_id)
            .bind(ws)
            .execute(&mut *tx)
            .await?;
    }
    for (mi, m) in b.moments.iter().enumerate() {
        sqlx::query(&format!(
            "INSERT INTO assessments (session_id, moment_id, revealed, rating) VALUES ({}, {m}, 1, '{}')",
            b.session_id,
            team_rating(mi)
        ))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    if pg {
        // What autovacuum does after a load this size (10 M inserted rows
        // pass its insert threshold: it vacuums too, setting the pages
        // all-visible), done before the measuring instead of during it;
        // SQLite gets none, like an installation (mot runs no ANALYZE).
        sqlx::query("VACUUM (ANALYZE)").execute(&mut c).await?;
    } else {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&mut c)
            .await?;
    }
    Ok((answers_secs, t.elapsed().as_secs_f64()))
}

/// The figures of the results page, as `(moment, key, worse, as expected,
/// better)` rows, from the running totals mot reads (the store's own
/// query) or (baseline) by GROUP BY over the raw answers: per moment and
/// branch over the period (the page, its gap view and the JSON), per
/// moment over the board's 90 days.
fn figure_queries(raw: bool, pg: bool, journey: i64, ws: i64, today: i64) -> Vec<String> {
    let from = today - 89;
    if raw {
        let q = |by: &str| {
            format!(
                "SELECT d.moment_id AS m, {by} AS k, \
                 CAST(SUM(CASE WHEN d.verdict = -1 THEN 1 ELSE 0 END) AS BIGINT) AS w, \
                 CAST(SUM(CASE WHEN d.verdict = 0 THEN 1 ELSE 0 END) AS BIGINT) AS a, \
                 CAST(SUM(CASE WHEN d.verdict = 1 THEN 1 ELSE 0 END) AS BIGINT) AS b \
                 FROM feedback_answers d JOIN moments m ON m.id = d.moment_id \
                 WHERE m.journey_id = {journey} AND d.workspace_id = {ws} AND d.day >= {from} \
                 AND d.day <= {today} AND d.flagged = 0 GROUP BY d.moment_id, {by} ORDER BY 1, 2"
            )
        };
        return vec![q("d.branch_id"), q("d.moment_id")];
    }
    let backend = if pg {
        mot_store::Backend::Postgres
    } else {
        mot_store::Backend::Sqlite
    };
    let sums = mot_store::feedback_period_sums("m.journey_id = $1", backend)
        .replace("$1", &journey.to_string())
        .replace("$2", &ws.to_string())
        .replace("$3", &from.to_string())
        .replace("$4", &today.to_string());
    vec![
        format!(
            "SELECT moment_id AS m, branch_id AS k, worse AS w, as_expected AS a, better AS b \
             FROM ({sums}) t WHERE worse + as_expected + better > 0 ORDER BY 1, 2"
        ),
        format!(
            "SELECT moment_id AS m, moment_id AS k, CAST(SUM(worse) AS BIGINT) AS w, \
             CAST(SUM(as_expected) AS BIGINT) AS a, CAST(SUM(better) AS BIGINT) AS b \
             FROM ({sums}) t GROUP BY moment_id HAVING SUM(worse + as_expected + better) > 0 ORDER BY 1, 2"
        ),
    ]
}

/// What the figure queries are for, in order.
const QUERY_NAMES: [&str; 2] = [
    "per moment × branch, 90 days (the page, its gap view, the JSON)",
    "per moment, 90 days (the board's notes)",
];

/// Runs the queries; their rows (to compare) and the time, adding each
/// query's time to `each`.
async fn run_figures_each(
    c: &mut sqlx::AnyConnection,
    qs: &[String],
    each: &mut [Vec<u64>; 2],
) -> Res<(Vec<Vec<[i64; 5]>>, u64)> {
    let t = Instant::now();
    let mut out = Vec::new();
    for (i, q) in qs.iter().enumerate() {
        let tq = Instant::now();
        let rows = sqlx::query(q).fetch_all(&mut *c).await?;
        if let Some(v) = each.get_mut(i) {
            v.push(tq.elapsed().as_nanos() as u64);
        }
        let mut v = Vec::with_capacity(rows.len());
        for r in rows {
            v.push([
                r.try_get("m")?,
                r.try_get("k")?,
                r.try_get("w")?,
                r.try_get("a")?,
                r.try_get("b")?,
            ]);
        }
        out.push(v);
    }
    Ok((out, t.elapsed().as_nanos() as u64))
}

async fn run_figures(c: &mut sqlx::AnyConnection, qs: &[String]) -> Res<(Vec<Vec<[i64; 5]>>, u64)> {
    run_figures_each(c, qs, &mut Default::default()).await
}

/// A GET, timed; the body.
async fn get(http: &reqwest::Client, url: &str, bearer: Option<&str>) -> Res<(String, u64)> {
    let mut req = http.get(url);
    if let Some(b) = bearer {
        req = req.header("authorization", format!("Bearer {b}"));
    }
    let t = Instant::now();
    let res = req.send().await?;
    let status = res.status();
    let path = res.url().path().to_string();
    let text = res.text().await?;
    let ns = t.elapsed().as_nanos() as u64;
    if !status.is_success() || path == "/login" {
        return Err(format!("GET {url}: {status} at {path}").into());
    }
    Ok((text, ns))
}

struct Series {
    name: &'static str,
    lat: Vec<u64>,
    bytes: usize,
    server_cpu: f64,
}

fn summary(s: &mut Series) -> String {
    let n = s.lat.len().max(1) as f64;
    format!(
        "| {} | {} | {} | {} | {} | {} | {} | {} |",
        s.name,
        s.lat.len(),
        fmt_ms(percentile_ms(&mut s.lat, 0.5)),
        fmt_ms(percentile_ms(&mut s.lat, 0.95)),
        fmt_ms(percentile_ms(&mut s.lat, 0.99)),
        fmt_ms(percentile_ms(&mut s.lat, 1.0)),
        if s.bytes > 0 {
            format!("{} KiB", s.bytes / 1024)
        } else {
            "–".into()
        },
        if s.server_cpu > 0.0 {
            fmt_ms(s.server_cpu * 1e3 / n)
        } else {
            "–".into()
        }
    )
}

pub async fn results(args: ResultsArgs) -> Res<()> {
    if args.answers == 0
        || args.days < 200
        || args.branches == 0
        || args.moments == 0
        || args.rounds == 0
    {
        return Err(
            "--answers, --branches, --moments and --rounds must be at least 1, --days at least 200"
                .into(),
        );
    }
    sqlx::any::install_default_drivers();
    let dir = args.server.temp_dir()?;
    let mut opts: ServerOpts = args.server.clone();
    let mut pg_db = None;
    if let Some(admin) = &args.postgres_admin_url {
        let name = format!(
            "mot_bench_fb_{}",
            &mot_store::random_token()[..10].to_lowercase()
        );
        let mut c = sqlx::AnyConnection::connect(admin).await?;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut c)
            .await?;
        let (base, query) = admin
            .split_once('?')
            .map_or((admin.as_str(), None), |(b, q)| (b, Some(q)));
        let root = &base[..base.rfind('/').ok_or("the admin URL has no database")?];
        let mut url = format!("{root}/{name}");
        if let Some(q) = query {
            url.push('?');
            url.push_str(q);
        }
        opts.database_url = Some(url);
        pg_db = Some((admin.clone(), name));
    }
    let outcome = run(&args, &opts, dir.path()).await;
    if args.keep {
        println!(
            "kept: {} {}",
            dir.path().display(),
            pg_db.as_ref().map_or("", |(_, n)| n.as_str())
        );
        std::mem::forget(dir);
    } else if let Some((admin, name)) = pg_db {
        let mut c = sqlx::AnyConnection::connect(&admin).await?;
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
            .execute(&mut c)
            .await?;
    }
    outcome
}

async fn run(args: &ResultsArgs, opts: &ServerOpts, dir: &std::path::Path) -> Res<()> {
    let backend = if opts.database_url.is_some() {
        "PostgreSQL"
    } else {
        "SQLite (WAL)"
    };
    let (server, token) = procs::start_mot(opts, dir)?;
    let api = Api::new(server.addr, &token)?;
    println!(
        "feedback-results: {} answers over {} days, {} branches × {} moments ({} feedback points), on {backend}",
        args.answers,
        args.days,
        args.branches,
        args.moments,
        args.branches * args.moments
    );
    let t = Instant::now();
    let b = build(&api, args).await?;
    println!(
        "   through the API: business, branches, journey, moments, points, a session in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    server.stop();
    let url = match &opts.database_url {
        Some(u) => u.clone(),
        None => format!("sqlite://{}", dir.join("mot.sqlite3").display()),
    };
    let (answers_secs, rollup_secs) = fill(&url, &b, args).await?;
    let size = if url.starts_with("postgres") {
        let mut c = sqlx::AnyConnection::connect(&url).await?;
        let r = sqlx::query("SELECT CAST(pg_database_size(current_database()) AS BIGINT) AS n")
            .fetch_one(&mut c)
            .await?;
        r.try_get::<i64, _>("n")? as u64
    } else {
        let f = |p: &str| std::fs::metadata(dir.join(p)).map_or(0, |m| m.len());
        f("mot.sqlite3") + f("mot.sqlite3-wal")
    };
    println!(
        "   filled with mot stopped: {} answers in {answers_secs:.1} s ({:.0}/s), roll-ups and team ratings in {rollup_secs:.1} s; database {:.0} MiB",
        args.answers,
        args.answers as f64 / answers_secs,
        size as f64 / 1048576.0
    );
    let server = procs::serve_mot(opts, dir)?;
    let base = format!("http://{}", server.addr);
    let http = procs::login(&base, &b.email).await?;
    let api_http = reqwest::Client::builder()
        .timeout(Duration::from_secs(600))
        .build()?;
    let page_url = format!("{base}/j/{}/feedback", b.journey_id);
    let json_url = format!("{base}/api/v1/journeys/{}/feedback/figures", b.journey_id);
    let board_url = format!("{base}/j/{}", b.journey_id);
    // What customers wrote, newest first: the journey's, and one moment's.
    let comments_url = format!("{base}/j/{}/feedback/comments", b.journey_id);
    let moment_comments_url = format!(
        "{base}/j/{}/feedback/comments?moment={}",
        b.journey_id,
        b.moments[b.moments.len() / 2]
    );
    // The check of the journey's trends that a page view asks for in the
    // background once feedback changed (at most once in 5 s): this API
    // runs it while the client waits, then lists the alerts.
    let alerts_url = format!("{base}/api/v1/journeys/{}/feedback/alerts", b.journey_id);
    let mut db = sqlx::AnyConnection::connect(&url).await?;
    let today = mot_store::feedback_today();
    let pg = url.starts_with("postgres");
    let rollup_q = figure_queries(false, pg, b.journey_id, b.workspace_id, today);
    let raw_q = figure_queries(true, pg, b.journey_id, b.workspace_id, today);

    // Checks: the roll-ups say what a GROUP BY over the answers says, and
    // the page shows it.
    let (from_rollups, _) = run_figures(&mut db, &rollup_q).await?;
    let (from_raw, raw_first) = run_figures(&mut db, &raw_q).await?;
    if from_rollups != from_raw {
        return Err("the roll-ups and the GROUP BY over the answers disagree".into());
    }
    let period: i64 = from_rollups[0].iter().map(|r| r[2] + r[3] + r[4]).sum();
    let (first_page, cold_page) = get(&http, &page_url, None).await?;
    let (first_json, cold_json) = get(&api_http, &json_url, Some(&token)).await?;
    let v: Value = serde_json::from_str(&first_json)?;
    let list = v
        .as_array()
        .or_else(|| v["moments"].as_array())
        .ok_or("figures: no list")?;
    let shown: u64 = list.iter().filter_map(|m| m["answers"].as_u64()).sum();
    let gaps = list.iter().filter(|m| !m["gap"].is_null()).count();
    println!(
        "   check: running totals = GROUP BY over the answers ({} + {} rows); last 90 days: {period} answers counted, the JSON says {shown}; {gaps} of {} moments with a gap; the page {} the gap view; first requests after the restart: page {}, JSON {}, raw GROUP BY {}",
        from_rollups[0].len(),
        from_rollups[1].len(),
        b.moments.len(),
        if first_page.contains("gaps") { "shows" } else { "does NOT show" },
        fmt_ms(cold_page as f64 / 1e6),
        fmt_ms(cold_json as f64 / 1e6),
        fmt_ms(raw_first as f64 / 1e6)
    );
    if shown as i64 != period {
        return Err("the JSON figures do not count what the database holds".into());
    }

    let mut page = Series {
        name: "results page with the gap view (HTML)",
        lat: vec![],
        bytes: 0,
        server_cpu: 0.0,
    };
    let mut jsn = Series {
        name: "results (JSON API)",
        lat: vec![],
        bytes: 0,
        server_cpu: 0.0,
    };
    let mut board = Series {
        name: "board (each note with its customers' score)",
        lat: vec![],
        bytes: 0,
        server_cpu: 0.0,
    };
    let mut comments = Series {
        name: "comments page, newest first (HTML)",
        lat: vec![],
        bytes: 0,
        server_cpu: 0.0,
    };
    let mut moment_comments = Series {
        name: "one moment's comments, newest first (HTML)",
        lat: vec![],
        bytes: 0,
        server_cpu: 0.0,
    };
    let mut check = Series {
        name: "the trends' check a view asks for when feedback changed (alerts API)",
        lat: vec![],
        bytes: 0,
        server_cpu: 0.0,
    };
    let mut roll = Series {
        name: "the page's figures from the roll-ups (bench's connection)",
        lat: vec![],
        bytes: 0,
        server_cpu: 0.0,
    };
    let mut raw = Series {
        name: "baseline: the same figures by GROUP BY over the raw answers",
        lat: vec![],
        bytes: 0,
        server_cpu: 0.0,
    };
    let per = args.samples.div_ceil(args.rounds);
    let per_raw = args.baseline_samples.div_ceil(args.rounds).max(1);
    let mark = CpuMark::now();
    let machine = Machine::mark();
    let load0 = loadavg();
    let t_all = Instant::now();
    let (mut roll_each, mut raw_each): ([Vec<u64>; 2], [Vec<u64>; 2]) = Default::default();
    for _ in 0..args.rounds {
        for (s, url, bearer) in [
            (&mut page, &page_url, None),
            (&mut jsn, &json_url, Some(token.as_str())),
            (&mut board, &board_url, None),
            (&mut comments, &comments_url, None),
            (&mut moment_comments, &moment_comments_url, None),
        ] {
            let client = if bearer.is_some() { &api_http } else { &http };
            let cpu0 = server.stats().cpu_secs;
            for _ in 0..per {
                let (body, ns) = get(client, url, bearer).await?;
                s.lat.push(ns);
                s.bytes = body.len();
            }
            s.server_cpu += server.stats().cpu_secs - cpu0;
        }
        // Fewer of these: each reads half a year of the journey's roll-ups.
        let cpu0 = server.stats().cpu_secs;
        for _ in 0..per.div_ceil(4) {
            let (body, ns) = get(&api_http, &alerts_url, Some(&token)).await?;
            check.lat.push(ns);
            check.bytes = body.len();
        }
        check.server_cpu += server.stats().cpu_secs - cpu0;
        for _ in 0..per {
            roll.lat.push(
                run_figures_each(&mut db, &rollup_q, &mut roll_each)
                    .await?
                    .1,
            );
        }
        for _ in 0..per_raw {
            raw.lat
                .push(run_figures_each(&mut db, &raw_q, &mut raw_each).await?.1);
        }
    }
    let (own, machine_cores) = mark.cores();
    let server_cores = (page.server_cpu
        + jsn.server_cpu
        + board.server_cpu
        + comments.server_cpu
        + moment_comments.server_cpu
        + check.server_cpu)
        / t_all.elapsed().as_secs_f64();
    println!();
    println!(
        "| request, one at a time | n | p50 | p95 | p99 | max | size | server CPU per request |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let raw_p95 = percentile_ms(&mut raw.lat, 0.95);
    let page_p95 = percentile_ms(&mut page.lat, 0.95);
    let json_p95 = percentile_ms(&mut jsn.lat, 0.95);
    let roll_p95 = percentile_ms(&mut roll.lat, 0.95);
    for s in [
        &mut page,
        &mut jsn,
        &mut board,
        &mut comments,
        &mut moment_comments,
        &mut check,
        &mut roll,
        &mut raw,
    ] {
        println!("{}", summary(s));
    }
    println!(
        "   p95 ratio, baseline GROUP BY / page: {:.0}× (HTML), {:.0}× (JSON); GROUP BY / the same queries on the roll-ups: {:.0}×",
        raw_p95 / page_p95,
        raw_p95 / json_p95,
        raw_p95 / roll_p95
    );
    for (i, name) in QUERY_NAMES.iter().enumerate() {
        println!(
            "   query {name}: {} rows; median {} from the roll-ups, {} by GROUP BY over the answers",
            from_rollups[i].len(),
            fmt_ms(percentile_ms(&mut roll_each[i], 0.5)),
            fmt_ms(percentile_ms(&mut raw_each[i], 0.5))
        );
    }
    println!(
        "   machine: load average {load0:.2} → {:.2}; whole machine {:.2} cores busy (bench {own:.2}, mot ≈ {server_cores:.2}), steal {:.2} cores",
        loadavg(),
        machine_cores,
        machine.steal_cores()
    );
    exports(&http, &base, b.journey_id, today).await?;
    server.stop();
    Ok(())
}

/// The answers of a chosen period as the CSV file the figures page links
/// to (written page by page as it is sent): three of each, one at a time,
/// timed to the first byte of the body and to its end. Not a results view
/// (the figures do not cover files); measured so a team knows how
/// long a download of a week, recent or long ago, keeps it waiting.
async fn exports(http: &reqwest::Client, base: &str, journey: i64, today: i64) -> Res<()> {
    use mot_core::feedback::trend::date_of;
    let day = |d: i64| mot_core::date::format(date_of(d));
    println!();
    println!(
        "| the answers' CSV file of | rows | first byte, median | whole file, median | size |"
    );
    println!("|---|---|---|---|---|");
    for (name, from, to) in [
        ("the last 7 days", today - 6, today),
        ("one week a year ago", today - 371, today - 365),
        ("the last 90 days", today - 89, today),
    ] {
        let url = format!(
            "{base}/j/{journey}/feedback/answers.csv?from={}&to={}",
            day(from),
            day(to)
        );
        let (mut first, mut whole, mut rows, mut size) = (vec![], vec![], 0, 0);
        for _ in 0..3 {
            let t = Instant::now();
            let mut res = http.get(&url).send().await?;
            if !res.status().is_success() {
                return Err(format!("GET {url}: {}", res.status()).into());
            }
            let (mut n, mut lines, mut got_first) = (0usize, 0usize, false);
            while let Some(chunk) = res.chunk().await? {
                if !got_first {
                    first.push(t.elapsed().as_nanos() as u64);
                    got_first = true;
                }
                n += chunk.len();
                lines += chunk.iter().filter(|&&c| c == b'\n').count();
            }
            whole.push(t.elapsed().as_nanos() as u64);
            (rows, size) = (lines.saturating_sub(1), n);
        }
        println!(
            "| {name} | {rows} | {} | {} | {} KiB |",
            fmt_ms(percentile_ms(&mut first, 0.5)),
            fmt_ms(percentile_ms(&mut whole, 0.5)),
            size / 1024
        );
    }
    Ok(())
}
