//! Part 2 of `audit`: the results page over many rounds.
//!
//! The business, its branches, the template and the rounds are made through
//! the JSON API (so every round has its own frozen copy of the items, as mot
//! makes it); then mot is stopped, the raters and their answers are written
//! straight into its SQLite file in one transaction per round, and mot is
//! started again on the same data dir. The results page of the latest round
//! (which also computes the previous round, for the change) is then fetched
//! as HTML (logged in, session cookie) and as JSON (API token).
//!
//! [`history`] makes and fills the rounds; [`diagnose`] then times the same
//! page's work step by step through the server's own
//! `mot_server::audit::service::round_report` and views.

mod diagnose;
mod history;

pub use diagnose::diagnose_dir;

use super::{Api, AuditArgs, CpuMark, Lat};
use crate::procs;
use crate::stats::fmt_ms;
use crate::Res;
use history::{build_through_api, fill, NOT_HANDED_IN_PER_50};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

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
    let http = procs::login(&base, &built.email).await?;
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
    diagnose::diagnose(&db, &built).await?;
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
