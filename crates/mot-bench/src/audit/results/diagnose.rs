//! Where one results page's time goes: the server's own service and views
//! timed call by call on the database of a run, SQLite's plans for the big
//! queries, and cheaper alternatives in raw SQL.

use super::history::{built_from_db, Built};
use crate::stats::fmt_ms;
use crate::Res;
use sqlx::Connection;
use std::path::Path;
use std::time::Instant;

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

/// The server's own work for one results page and its JSON twin, each step
/// run 15 times: `mot_server::audit::service::round_report` (what the page
/// and the API both call) on a `mot_store::Store` over the same database
/// file, the page's branches, the page's HTML (`views::results_page`, in
/// English as outside a request) and the report as JSON. Then the store calls
/// `round_report` is made of, one by one.
async fn diagnose_server(db: &Path, b: &Built) -> Res<()> {
    use mot_server::audit::{service::round_report, views::results_page};
    let dir = db.parent().ok_or("no data dir")?;
    let store = mot_store::Store::connect(&mot_store::sqlite_url_for_dir(dir)).await?;
    let (_shutdown, shutdown_rx) = tokio::sync::watch::channel(false);
    let (live_guard, _live) = tokio::sync::mpsc::channel(1);
    let state = mot_server::state::AppState::new(
        store,
        mot_server::Settings::default(),
        shutdown_rx,
        live_guard,
    );
    let store = &state.store;
    let (ws, bid) = (b.workspace_id, b.business_id);
    let (latest, _) = *b.rounds.last().ok_or("no rounds")?;
    let (prev, _) = b.rounds[b.rounds.len() - 2];
    println!();
    println!("Where one results page's time goes: the server's own code (its service, views and mot_store::Store, on the same database file), each step run 15 times (median; CPU = this process, tokio and sqlx threads):");
    println!();
    println!("| step (as the results page and the JSON API take them) | rows / size | median | CPU per run |");
    println!("|---|---|---|---|");
    let mut sum = 0.0;
    let line = |label: &str, out: String, med: f64, cpu: f64| {
        println!("| {label} | {out} | {} | {} |", fmt_ms(med), fmt_ms(cpu));
    };
    let (rr, report_ms, cpu) = time15(|| async {
        round_report(&state, ws, bid, latest)
            .await
            .map_err(|e| format!("round_report: {} {}", e.status, e.message).into())
    })
    .await?;
    sum += report_ms;
    let items = rr.report.items.len();
    line(
        "service::round_report (latest round)",
        format!("{items} items"),
        report_ms,
        cpu,
    );
    let (br, med, cpu) = time15(|| async { Ok(store.branches(ws, bid).await?) }).await?;
    sum += med;
    line(
        "branches (the page's names)",
        br.len().to_string(),
        med,
        cpu,
    );
    let (html, med, cpu) =
        time15(|| async { Ok(results_page(bid, &rr, &br).into_string().len()) }).await?;
    sum += med;
    line(
        "views::results_page (the page's HTML, without the layout)",
        format!("{:.0} KiB", html as f64 / 1024.0),
        med,
        cpu,
    );
    let (json, med, cpu) = time15(|| async { Ok(serde_json::to_vec(&rr.report)?.len()) }).await?;
    line(
        "the report as JSON (the API's body)",
        format!("{:.0} KiB", json as f64 / 1024.0),
        med,
        cpu,
    );
    println!("| **sum for the HTML page** | | {} | |", fmt_ms(sum));

    // Inside round_report: its store calls, in its order.
    let mut calls = 0.0;
    let mut call = |label: &str, rows: usize, med: f64, cpu: f64| {
        calls += med;
        line(
            &format!("— in round_report: {label}"),
            rows.to_string(),
            med,
            cpu,
        );
    };
    let (_, med, cpu) = time15(|| async { Ok(store.round(ws, latest).await?) }).await?;
    call("round", 1, med, cpu);
    let (v, med, cpu) = time15(|| async { Ok(store.round_items(latest).await?) }).await?;
    call("round_items", v.len(), med, cpu);
    let (v, med, cpu) = time15(|| async { Ok(store.round_scores(ws, latest).await?) }).await?;
    call("round_scores (handed-in scores, a join)", v.len(), med, cpu);
    let (v, med, cpu) = time15(|| async { Ok(store.round_comments(ws, latest).await?) }).await?;
    call("round_comments", v.len(), med, cpu);
    let (p, med, cpu) =
        time15(|| async { Ok(store.previous_round(ws, bid, latest).await?) }).await?;
    call("previous_round (one row + its branch ids)", 1, med, cpu);
    let prev_id = p.map_or(prev, |p| p.id);
    let (v, med, cpu) = time15(|| async { Ok(store.round_item_means(ws, prev_id).await?) }).await?;
    call(
        "round_item_means (previous round, GROUP BY in SQL)",
        v.len(),
        med,
        cpu,
    );
    let (_, med, cpu) =
        time15(|| async { Ok(store.round_response_counts(ws, latest).await?) }).await?;
    call("round_response_counts", 1, med, cpu);
    let (_, med, cpu) = time15(|| async { Ok(store.round_drafts(ws, latest).await?) }).await?;
    call("round_drafts", 1, med, cpu);
    println!(
        "| — in round_report: the rest (the report computed, the comments added) | | {} | |",
        fmt_ms((report_ms - calls).max(0.0))
    );
    store.close().await;
    Ok(())
}

/// Times the server's work behind one results page, shows SQLite's plans for
/// the big queries, and times cheaper alternatives (raw SQL on a read-only
/// connection through sqlx's `Any` driver, as the store uses).
pub(super) async fn diagnose(db: &Path, b: &Built) -> Res<()> {
    diagnose_server(db, b).await?;
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=ro", db.display());
    let mut c = sqlx::AnyConnection::connect(&url).await?;
    let (latest, _) = *b.rounds.last().ok_or("no rounds")?;
    let (prev, _) = b.rounds[b.rounds.len() - 2];
    let ws = b.workspace_id;
    const SCORES: &str = "SELECT a.round_item_id, l.branch_id, l.rater_group, a.score FROM audit_answers a JOIN rater_links l ON l.id = a.link_id WHERE l.round_id = $1 AND a.score IS NOT NULL AND l.submitted_at IS NOT NULL";
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
