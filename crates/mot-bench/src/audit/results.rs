//! Part 2 of `audit`: the results page over many rounds.
//!
//! The business, its branches, the template and the rounds are made through
//! the JSON API (so every round has its own frozen copy of the items, as mot
//! makes it); then mot is stopped, the raters and their answers are written
//! straight into its SQLite file in one transaction per round, and mot is
//! started again on the same data dir. The results page of the latest round
//! (which also computes the previous round, for the change) is then fetched
//! as HTML (logged in, session cookie) and as JSON (API token).

use super::{day, group_of, id_of, mix, setup_business, Api, AuditArgs, CpuMark, Lat, GROUPS};
use crate::procs;
use crate::stats::fmt_ms;
use crate::Res;
use serde_json::json;
use sqlx::{Connection, Executor, QueryBuilder, Sqlite};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Raters of each branch who have not handed in (their answers count all the
/// same: the results use every score given).
const NOT_HANDED_IN_PER_50: usize = 2;

struct Built {
    workspace_id: i64,
    business_id: i64,
    branches: Vec<i64>,
    /// (round id, its item ids in template order), oldest first.
    rounds: Vec<(i64, Vec<i64>)>,
    email: String,
}

async fn build_through_api(api: &Api, args: &AuditArgs) -> Res<Built> {
    let me = api.get("/me").await?;
    let email = me["email"].as_str().ok_or("me: no email")?.to_string();
    let workspace_id = me["workspace_id"].as_i64().ok_or("me: no workspace")?;
    let (business_id, branches, template) = setup_business(api, args.round_branches).await?;
    let mut rounds = Vec::with_capacity(args.rounds);
    for k in 0..args.rounds {
        // Weekly rounds; the latest one is open today.
        let back = 7 * (args.rounds - 1 - k) as i64;
        let v = api
            .post(
                &format!("/businesses/{business_id}/rounds"),
                json!({
                    "template_id": template,
                    "name": format!("Week {}", k + 1),
                    "opens_on": day(-back - 1),
                    "closes_on": day(-back + 5),
                    "branch_ids": branches,
                }),
            )
            .await?;
        let rid = id_of(&v)?;
        let d = api.get(&format!("/rounds/{rid}")).await?;
        let items: Vec<i64> = d["items"]
            .as_array()
            .ok_or("round: no items")?
            .iter()
            .filter_map(|i| i["id"].as_i64())
            .collect();
        if items.len() != 15 {
            return Err(format!("round {rid} has {} items", items.len()).into());
        }
        if k + 1 < args.rounds {
            api.post(&format!("/rounds/{rid}/close"), json!({})).await?;
        }
        rounds.push((rid, items));
    }
    Ok(Built {
        workspace_id,
        business_id,
        branches,
        rounds,
        email,
    })
}

/// The score rater `j` (in group `g`) of branch `b` gives item `i` in round
/// `k`: branches, items and groups differ, items drift from round to round,
/// plus noise; about 4 % not applicable.
fn score(k: usize, b: usize, i: usize, g: usize, j: usize) -> Option<i64> {
    let h = mix(((k as u64) << 40) ^ ((b as u64) << 28) ^ ((i as u64) << 20) ^ j as u64);
    if h.is_multiple_of(25) {
        return None;
    }
    let branch = ((b * 7) % 11) as f64 * 0.3 - 1.5;
    let item = ((i * 5) % 9) as f64 * 0.45 - 2.0;
    let group = [1.2, 0.6, 0.4, -0.9, -0.3][g];
    let drift = (((k * 13 + i * 3) % 7) as f64 - 3.0) * 0.15 + k as f64 * 0.005;
    let noise = ((h >> 8) % 1000) as f64 / 250.0 - 2.0;
    Some(
        (6.2 + branch + item + group + drift + noise)
            .round()
            .clamp(1.0, 10.0) as i64,
    )
}

const COMMENTS: [&str; 4] = [
    "Had to wait a while before anyone noticed me.",
    "Very friendly, knew exactly what I needed.",
    "The place was not clean near the entrance.",
    "Quick and easy, as always.",
];

struct Filled {
    links: usize,
    answers: usize,
    secs: f64,
}

struct LinkRow {
    id: i64,
    round: i64,
    branch: i64,
    group: usize,
    label: String,
    token_hash: String,
    created: i64,
    reminded: Option<i64>,
    submitted: Option<i64>,
}

/// Writes the raters and answers of every round, one transaction per round.
async fn fill(db: &Path, b: &Built, per_branch: usize) -> Res<Filled> {
    use sqlx::sqlite::SqliteConnectOptions;
    use std::str::FromStr;
    let opts = SqliteConnectOptions::from_str(&format!("sqlite://{}", db.display()))?
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    let mut conn = sqlx::SqliteConnection::connect_with(&opts).await?;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut conn)
        .await?;
    if mode != "wal" {
        return Err(format!("the database is in journal_mode={mode}, not wal").into());
    }
    let mut next_id: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM rater_links")
        .fetch_one(&mut conn)
        .await?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_millis() as i64;
    let day_ms = 86_400_000i64;
    let t = Instant::now();
    let (mut links_total, mut answers_total) = (0, 0);
    let rounds = b.rounds.len();
    for (k, (round, items)) in b.rounds.iter().enumerate() {
        let opened = now - (7 * (rounds - 1 - k) as i64 + 1) * day_ms;
        let mut links = Vec::with_capacity(b.branches.len() * per_branch);
        for (bi, branch) in b.branches.iter().enumerate() {
            let mut seen = [0usize; 5];
            for j in 0..per_branch {
                next_id += 1;
                let g = group_of(j, bi);
                seen[g] += 1;
                let h = mix(next_id as u64);
                let late = (j % 50) >= 50 - NOT_HANDED_IN_PER_50;
                links.push(LinkRow {
                    id: next_id,
                    round: *round,
                    branch: *branch,
                    group: g,
                    label: format!("{} {}", title(GROUPS[g].0), seen[g]),
                    token_hash: mot_store::hash_token(&mot_store::random_token()),
                    created: opened - 3_600_000,
                    reminded: h.is_multiple_of(10).then_some(opened + 2 * day_ms),
                    submitted: (!late).then_some(opened + (h % (4 * day_ms as u64)) as i64),
                });
            }
        }
        let mut tx = conn.begin().await?;
        for chunk in links.chunks(500) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO rater_links (id, workspace_id, round_id, branch_id, rater_group, label, token_hash, created_at, reminded_at, submitted_at) ",
            );
            q.push_values(chunk, |mut row, l| {
                row.push_bind(l.id)
                    .push_bind(b.workspace_id)
                    .push_bind(l.round)
                    .push_bind(l.branch)
                    .push_bind(GROUPS[l.group].0)
                    .push_bind(l.label.clone())
                    .push_bind(l.token_hash.clone())
                    .push_bind(l.created)
                    .push_bind(l.reminded)
                    .push_bind(l.submitted);
            });
            q.build().execute(&mut *tx).await?;
        }
        let bi_of: HashMap<i64, usize> = b
            .branches
            .iter()
            .enumerate()
            .map(|(i, b)| (*b, i))
            .collect();
        let mut answers: Vec<(i64, i64, Option<i64>, &str, i64)> =
            Vec::with_capacity(links.len() * items.len());
        for (n, l) in links.iter().enumerate() {
            let j = n % per_branch;
            for (i, item) in items.iter().enumerate() {
                let h = mix(((l.id as u64) << 5) ^ i as u64);
                let comment = if h.is_multiple_of(12) {
                    COMMENTS[(h >> 8) as usize % COMMENTS.len()]
                } else {
                    ""
                };
                answers.push((
                    l.id,
                    *item,
                    score(k, bi_of[&l.branch], i, l.group, j),
                    comment,
                    l.submitted.unwrap_or(l.created + day_ms) - 60_000,
                ));
            }
        }
        for chunk in answers.chunks(1_000) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO audit_answers (link_id, round_item_id, score, comment, updated_at) ",
            );
            q.push_values(chunk, |mut row, a| {
                row.push_bind(a.0)
                    .push_bind(a.1)
                    .push_bind(a.2)
                    .push_bind(a.3)
                    .push_bind(a.4);
            });
            q.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        links_total += links.len();
        answers_total += answers.len();
    }
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").await?;
    conn.close().await?;
    Ok(Filled {
        links: links_total,
        answers: answers_total,
        secs: t.elapsed().as_secs_f64(),
    })
}

fn title(key: &str) -> String {
    let s = key.replace('_', " ");
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Logs in through the login form (double-submit CSRF), keeping the session
/// cookie in the client.
async fn login(base: &str, email: &str) -> Res<reqwest::Client> {
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(120))
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

struct Sampled {
    lat: Vec<u64>,
    wall: Duration,
    bytes: usize,
    errors: usize,
    first_error: Option<String>,
    server_cpu: f64,
    other_cores: f64,
}

/// `total` GETs of `url`, spread over `clients` clients that each send one
/// after another.
async fn hammer(
    server: &procs::ServerProc,
    http: &reqwest::Client,
    url: &str,
    bearer: Option<&str>,
    total: usize,
    clients: usize,
) -> Sampled {
    let clients = clients.clamp(1, total.max(1));
    let cpu0 = server.stats().cpu_secs;
    let mark = CpuMark::now();
    let t0 = Instant::now();
    let url: Arc<str> = url.into();
    let bearer: Option<Arc<str>> = bearer.map(|b| format!("Bearer {b}").into());
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (http, url, bearer) = (http.clone(), url.clone(), bearer.clone());
        let n = total / clients + usize::from(c < total % clients);
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::with_capacity(n);
            let (mut bytes, mut errors, mut first) = (0, 0, None);
            for _ in 0..n {
                let mut req = http.get(&*url);
                if let Some(b) = &bearer {
                    req = req.header("authorization", &**b);
                }
                let t = Instant::now();
                let out = match req.send().await {
                    Ok(res) if res.status().is_success() && res.url().path() != "/login" => {
                        res.bytes().await.map_err(|e| e.to_string())
                    }
                    Ok(res) => Err(format!("{} at {}", res.status(), res.url())),
                    Err(e) => Err(e.to_string()),
                };
                match out {
                    Ok(b) => {
                        lat.push(t.elapsed().as_nanos() as u64);
                        bytes = b.len();
                    }
                    Err(e) => {
                        errors += 1;
                        first.get_or_insert(e);
                    }
                }
            }
            (lat, bytes, errors, first)
        }));
    }
    let mut out = Sampled {
        lat: Vec::with_capacity(total),
        wall: Duration::ZERO,
        bytes: 0,
        errors: 0,
        first_error: None,
        server_cpu: 0.0,
        other_cores: 0.0,
    };
    for t in tasks {
        if let Ok((lat, bytes, errors, first)) = t.await {
            out.lat.extend(lat);
            out.bytes = out.bytes.max(bytes);
            out.errors += errors;
            if out.first_error.is_none() {
                out.first_error = first;
            }
        }
    }
    out.wall = t0.elapsed();
    let (own, machine) = mark.cores();
    out.server_cpu = server.stats().cpu_secs - cpu0;
    out.other_cores = (machine - own - out.server_cpu / out.wall.as_secs_f64().max(1e-9)).max(0.0);
    out
}

/// The median wall time of 15 runs of `sql` (ms), the CPU this process
/// spent per run (ms; both sqlx threads), and the rows it returned.
async fn time_any(c: &mut sqlx::AnyConnection, sql: &str, binds: &[i64]) -> Res<(usize, f64, f64)> {
    let mut ns = Vec::new();
    let mut rows = 0;
    let cpu = crate::procs::cpu_secs("/proc/self/stat");
    for _ in 0..15 {
        let mut q = sqlx::query(sql);
        for v in binds {
            q = q.bind(*v);
        }
        let t = Instant::now();
        rows = q.fetch_all(&mut *c).await?.len();
        ns.push(t.elapsed().as_nanos() as u64);
    }
    let cpu = (crate::procs::cpu_secs("/proc/self/stat") - cpu) * 1e3 / 15.0;
    ns.sort_unstable();
    Ok((rows, ns[ns.len() / 2] as f64 / 1e6, cpu))
}

/// Reads back what `build_through_api` made, from a data dir kept with `--keep`.
async fn built_from_db(db: &Path) -> Res<Built> {
    let mut c =
        sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=ro", db.display())).await?;
    let (workspace_id, business_id): (i64, i64) = sqlx::query_as(
        "SELECT workspace_id, business_id FROM audit_rounds ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&mut c)
    .await?;
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM audit_rounds WHERE business_id = $1 ORDER BY id")
            .bind(business_id)
            .fetch_all(&mut c)
            .await?;
    let mut rounds = Vec::new();
    for id in ids {
        let items: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM round_items WHERE round_id = $1 ORDER BY phase_position, position, id",
        )
        .bind(id)
        .fetch_all(&mut c)
        .await?;
        rounds.push((id, items));
    }
    let last = rounds.last().ok_or("no rounds in that database")?.0;
    let branches: Vec<i64> = sqlx::query_scalar(
        "SELECT branch_id FROM round_branches WHERE round_id = $1 ORDER BY branch_id",
    )
    .bind(last)
    .fetch_all(&mut c)
    .await?;
    c.close().await?;
    Ok(Built {
        workspace_id,
        business_id,
        branches,
        rounds,
        email: String::new(),
    })
}

/// Only the diagnosis, on a data dir kept by an earlier run (`--keep`).
pub async fn diagnose_dir(dir: &Path) -> Res<()> {
    let db = dir.join("mot.sqlite3");
    let b = built_from_db(&db).await?;
    println!(
        "audit/results diagnosis on {} ({} rounds, {} branches)",
        db.display(),
        b.rounds.len(),
        b.branches.len()
    );
    diagnose(&db, &b).await
}

/// Median wall time (ms) and this process's CPU per run (ms) of 15 runs
/// of `f`, and what the last run returned.
async fn time15<T, F, Fut>(mut f: F) -> Res<(T, f64, f64)>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Res<T>>,
{
    let mut ns = Vec::new();
    let cpu = crate::procs::cpu_secs("/proc/self/stat");
    let mut last = None;
    for _ in 0..15 {
        let t = Instant::now();
        last = Some(f().await?);
        ns.push(t.elapsed().as_nanos() as u64);
    }
    let cpu = (crate::procs::cpu_secs("/proc/self/stat") - cpu) * 1e3 / 15.0;
    ns.sort_unstable();
    let last = last.ok_or("no run")?;
    Ok((last, ns[ns.len() / 2] as f64 / 1e6, cpu))
}

/// What the server computes for one results page, through `mot_store::Store`
/// (the server's own pool and code) and `mot_core::audit::report`, in the
/// order of `mot_server::audit::service::round_report` and `show_results`; each call timed.
async fn diagnose_store(db: &Path, b: &Built) -> Res<()> {
    use mot_core::audit::{report, ReportItem, ScoreRow};
    let dir = db.parent().ok_or("no data dir")?;
    let store = mot_store::Store::connect(&mot_store::sqlite_url_for_dir(dir)).await?;
    let (ws, bid) = (b.workspace_id, b.business_id);
    let (latest, _) = *b.rounds.last().ok_or("no rounds")?;
    let (prev, _) = b.rounds[b.rounds.len() - 2];
    let to_items = |items: Vec<mot_store::RoundItem>| -> Vec<ReportItem> {
        items
            .into_iter()
            .map(|i| ReportItem {
                id: i.id,
                phase: i.phase,
                text: i.text,
                moment_id: i.moment_id,
                key: i.template_item_id,
            })
            .collect()
    };
    let to_rows = |scores: &[mot_store::Score]| -> Vec<ScoreRow> {
        scores
            .iter()
            .map(|s| ScoreRow {
                item_id: s.item_id,
                branch_id: s.branch_id,
                group: s.group,
                score: s.score,
            })
            .collect()
    };
    println!();
    println!("Where one results page's time goes: the server's own calls through mot_store::Store (its pool and SQL, on the same database file) and mot_core's report, each run 15 times (median; CPU = this process, tokio and sqlx threads):");
    println!();
    println!(
        "| call (in the order of round_report + show_results) | rows | median | CPU per run |"
    );
    println!("|---|---|---|---|");
    let mut sum = 0.0;
    let mut line = |label: &str, rows: usize, med: f64, cpu: f64| {
        sum += med;
        println!("| {label} | {rows} | {} | {} |", fmt_ms(med), fmt_ms(cpu));
    };
    let (r, med, cpu) = time15(|| async { Ok(store.round(ws, latest).await?) }).await?;
    line("round (latest)", 1, med, cpu);
    let (items, med, cpu) = time15(|| async { Ok(store.round_items(latest).await?) }).await?;
    line("round_items (latest)", items.len(), med, cpu);
    let (scores, med, cpu) = time15(|| async { Ok(store.round_scores(ws, latest).await?) }).await?;
    line(
        "round_scores (latest): round + 14k-row join",
        scores.len(),
        med,
        cpu,
    );
    let (p, med, cpu) =
        time15(|| async { Ok(store.previous_round(ws, bid, latest).await?) }).await?;
    line("previous_round (one row + its branch ids)", 1, med, cpu);
    let prev_id = p.map_or(prev, |p| p.id);
    let (means, med, cpu) =
        time15(|| async { Ok(store.round_item_means(ws, prev_id).await?) }).await?;
    line(
        "round_item_means (previous round, GROUP BY in SQL)",
        means.len(),
        med,
        cpu,
    );
    let items = to_items(items);
    let rows = to_rows(&scores);
    let (_, med, cpu) =
        time15(|| async { Ok(report(&items, &rows, &r.branch_ids, &means).items.len()) }).await?;
    line("mot_core report (latest)", 1, med, cpu);
    let (_, med, cpu) =
        time15(|| async { Ok(store.round_response_counts(ws, latest).await?) }).await?;
    line("round_response_counts (latest)", 1, med, cpu);
    let (br, med, cpu) = time15(|| async { Ok(store.branches(ws, bid).await?) }).await?;
    line("branches", br.len(), med, cpu);
    println!("| **sum** | | {} | |", fmt_ms(sum));
    store.close().await;
    Ok(())
}

/// Times the store's work behind one results page, shows SQLite's plans for
/// the big queries, and times cheaper alternatives (raw SQL on a read-only
/// connection through sqlx's `Any` driver, as the store uses).
async fn diagnose(db: &Path, b: &Built) -> Res<()> {
    diagnose_store(db, b).await?;
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=ro", db.display());
    let mut c = sqlx::AnyConnection::connect(&url).await?;
    let (latest, _) = *b.rounds.last().ok_or("no rounds")?;
    let (prev, _) = b.rounds[b.rounds.len() - 2];
    let ws = b.workspace_id;
    const SCORES: &str = "SELECT a.round_item_id, l.branch_id, l.rater_group, a.score FROM audit_answers a JOIN rater_links l ON l.id = a.link_id WHERE l.round_id = $1 AND a.score IS NOT NULL";
    const ROUNDS: &str = "SELECT id, business_id, template_id, name, opens_on, closes_on, closed FROM audit_rounds WHERE business_id = $1 AND workspace_id = $2 ORDER BY id DESC";
    const LINKS: &str = "SELECT l.id, l.round_id, l.branch_id, l.rater_group, l.label, l.submitted_at, l.reminded_at, (SELECT COUNT(*) FROM audit_answers a WHERE a.link_id = l.id) AS answered FROM rater_links l WHERE l.round_id = $1 ORDER BY l.id";
    println!();
    for (label, sql, binds) in [
        ("round_scores", SCORES, vec![latest]),
        ("rater_links", LINKS, vec![latest]),
        ("rounds", ROUNDS, vec![b.business_id, ws]),
    ] {
        let explain = format!("EXPLAIN QUERY PLAN {sql}");
        let mut q = sqlx::query_as::<_, (i64, i64, i64, String)>(&explain);
        for v in binds {
            q = q.bind(v);
        }
        let plan: Vec<String> = q
            .fetch_all(&mut c)
            .await?
            .into_iter()
            .map(|r| r.3)
            .collect();
        println!("EXPLAIN QUERY PLAN {label}: {}", plan.join(" / "));
    }

    // Cheaper ways to get what the page needs.
    const PREV_MEANS: &str = "SELECT ri.template_item_id, AVG(a.score) AS mean, COUNT(a.score) AS n FROM audit_answers a JOIN rater_links l ON l.id = a.link_id JOIN round_items ri ON ri.id = a.round_item_id WHERE l.round_id = $1 AND a.score IS NOT NULL GROUP BY ri.template_item_id";
    const COUNTS: &str = "SELECT COUNT(*) AS invited, COUNT(submitted_at) AS handed_in FROM rater_links WHERE round_id = $1";
    const PREVIOUS: &str = "SELECT id, business_id, template_id, name, opens_on, closes_on, closed FROM audit_rounds WHERE business_id = $1 AND workspace_id = $2 AND id < $3 ORDER BY id DESC LIMIT 1";
    const HISTOGRAM: &str = "SELECT a.round_item_id, l.branch_id, l.rater_group, a.score, COUNT(*) AS n FROM audit_answers a JOIN rater_links l ON l.id = a.link_id WHERE l.round_id = $1 AND a.score IS NOT NULL GROUP BY a.round_item_id, l.branch_id, l.rater_group, a.score";
    const SCORES_INT: &str = "SELECT a.round_item_id, l.branch_id, a.score FROM audit_answers a JOIN rater_links l ON l.id = a.link_id WHERE l.round_id = $1 AND a.score IS NOT NULL";
    println!();
    println!("The same queries and cheaper alternatives (raw SQL, one read-only connection through sqlx's Any driver; median of 15):");
    println!();
    println!("| query | instead of | rows | median | CPU per run |");
    println!("|---|---|---|---|---|");
    for (label, instead, sql, binds) in [
        (
            "round_scores as in the store (latest round)",
            "",
            SCORES,
            vec![latest],
        ),
        ("rater_links as in the store", "", LINKS, vec![latest]),
        (
            "previous round: per-item means in SQL (`GROUP BY template_item_id`)",
            "round_scores (previous) + its report",
            PREV_MEANS,
            vec![prev],
        ),
        (
            "handed in / invited: `COUNT(*), COUNT(submitted_at)`",
            "rater_links",
            COUNTS,
            vec![latest],
        ),
        (
            "previous round: `id < $3 ORDER BY id DESC LIMIT 1`",
            "rounds",
            PREVIOUS,
            vec![b.business_id, ws, latest],
        ),
        (
            "latest round as a histogram (`GROUP BY item, branch, group, score`)",
            "round_scores (latest)",
            HISTOGRAM,
            vec![latest],
        ),
        (
            "latest round without the group text column",
            "round_scores (latest)",
            SCORES_INT,
            vec![latest],
        ),
    ] {
        let (rows, med, cpu) = time_any(&mut c, sql, &binds).await?;
        println!(
            "| {label} | {instead} | {rows} | {} | {} |",
            fmt_ms(med),
            fmt_ms(cpu)
        );
    }
    c.close().await?;
    Ok(())
}

pub async fn results(args: &AuditArgs) -> Res<()> {
    let dir = args.server.temp_dir()?;
    let db = dir.path().join("mot.sqlite3");
    let (server, token) = procs::start_mot(&args.server, dir.path())?;
    let api = Api::new(server.addr, &token)?;
    println!(
        "audit/results: {} rounds × {} branches × {} raters (the default 15-item template) on SQLite (WAL, synchronous=FULL), temp dir {}",
        args.rounds,
        args.round_branches,
        args.raters_per_branch,
        dir.path().display()
    );
    let t = Instant::now();
    let built = build_through_api(&api, args).await?;
    println!(
        "   through the API: business, {} branches, template, {} rounds ({} closed) in {:.2} s",
        built.branches.len(),
        built.rounds.len(),
        built.rounds.len() - 1,
        t.elapsed().as_secs_f64()
    );
    server.stop();
    let f = fill(&db, &built, args.raters_per_branch).await?;
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let bytes = size(&db) + size(&dir.path().join("mot.sqlite3-wal"));
    println!(
        "   filled with mot stopped: {} rater links and {} answers in {:.1} s ({:.0} answers/s, one transaction per round); database {:.1} MiB",
        f.links,
        f.answers,
        f.secs,
        f.answers as f64 / f.secs,
        bytes as f64 / 1048576.0
    );
    let server = procs::serve_mot(&args.server, dir.path())?;
    let base = format!("http://{}", server.addr);
    let http = login(&base, &built.email).await?;
    let (latest, _) = *built.rounds.last().ok_or("no rounds")?;
    let html_url = format!("{base}/b/{}/rounds/{latest}/results", built.business_id);
    let json_url = format!("{base}/api/v1/rounds/{latest}/results");
    let api_http = reqwest::Client::builder()
        .timeout(Duration::from_secs(120))
        .build()?;

    // The first request of each (cold page cache of a fresh process), and
    // a check that the figures are what was filled in.
    let t = Instant::now();
    let first_json: serde_json::Value = api_http
        .get(&json_url)
        .header("authorization", format!("Bearer {token}"))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let cold_json = t.elapsed();
    let t = Instant::now();
    let page = http.get(&html_url).send().await?;
    if !page.status().is_success() || page.url().path() == "/login" {
        return Err(format!("results page: {} at {}", page.status(), page.url()).into());
    }
    let page = page.text().await?;
    let cold_html = t.elapsed();
    let invited = args.round_branches * args.raters_per_branch;
    let handed = args.round_branches
        * (0..args.raters_per_branch)
            .filter(|j| j % 50 < 50 - NOT_HANDED_IN_PER_50)
            .count();
    let report = &first_json["report"];
    let scored: u64 = report["items"].as_array().map_or(0, |a| {
        a.iter()
            .filter_map(|i| i["overall"]["count"].as_u64())
            .sum()
    });
    let changes = report["items"]
        .as_array()
        .map_or(0, |a| a.iter().filter(|i| i["change"].is_number()).count());
    let gaps = report["items"]
        .as_array()
        .map_or(0, |a| a.iter().filter(|i| i["gap"].is_array()).count());
    println!(
        "   latest round {latest}: invited {} (expected {invited}), handed in {} (expected {handed}), {scored} scores counted of {} answers, previous round {}, {changes}/15 items with a change, {gaps}/15 with a group gap; HTML page {} KiB",
        first_json["invited"],
        first_json["handed_in"],
        invited * 15,
        first_json["previous_round_id"],
        page.len() / 1024
    );
    if first_json["invited"].as_u64() != Some(invited as u64)
        || first_json["previous_round_id"].as_i64() != Some(built.rounds[built.rounds.len() - 2].0)
        || changes != 15
    {
        return Err("the results do not match what was filled in".into());
    }
    println!(
        "   first request after the restart: JSON {}, HTML {}",
        fmt_ms(cold_json.as_secs_f64() * 1e3),
        fmt_ms(cold_html.as_secs_f64() * 1e3)
    );

    let mut rows = Vec::new();
    let c = args.concurrent;
    for (label, url, client, bearer, clients) in [
        (
            "HTML results page, one at a time",
            &html_url,
            &http,
            None,
            1,
        ),
        (
            "JSON API results, one at a time",
            &json_url,
            &api_http,
            Some(token.as_str()),
            1,
        ),
        ("HTML results page, concurrent", &html_url, &http, None, c),
        (
            "JSON API results, concurrent",
            &json_url,
            &api_http,
            Some(token.as_str()),
            c,
        ),
    ] {
        if clients == 0 {
            continue;
        }
        let s = hammer(&server, client, url, bearer, args.samples, clients).await;
        rows.push((label, clients, s));
    }
    let st = server.stats();
    println!();
    println!("| request | clients | n | p50 | p95 | p99 | max | mean | requests/s | errors | server CPU per request | other load (cores) | size |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (label, clients, s) in &mut rows {
        let ok = s.lat.len();
        let rate = ok as f64 / s.wall.as_secs_f64();
        let lat = Lat::of(&mut s.lat);
        println!(
            "| {label} | {clients} | {} | {rate:.1} | {} | {} | {:.2} | {:.0} KiB |",
            lat.row(),
            s.errors,
            fmt_ms(s.server_cpu * 1e3 / ok.max(1) as f64),
            s.other_cores,
            s.bytes as f64 / 1024.0,
        );
        if let Some(e) = &s.first_error {
            println!("   first error: {e}");
        }
    }
    println!(
        "\n   mot RSS {:.1} MiB at the end, peak {:.1} MiB",
        st.rss_kib as f64 / 1024.0,
        st.hwm_kib as f64 / 1024.0
    );
    diagnose(&db, &built).await?;
    server.stop();
    let errors: usize = rows.iter().map(|r| r.2.errors).sum();
    if args.keep {
        println!("   data dir kept: {}", dir.keep().display());
    }
    if errors > 0 {
        return Err(format!("{errors} results requests failed").into());
    }
    Ok(())
}
