//! `audit`: touchpoint audits under load, in two parts.
//!
//! 1. **Submissions.** A business with one open round of the default 15-item
//!    template and N personal rater links (default 1,000), made through the
//!    JSON API. Then all N raters start at once, each as a phone with the
//!    page script would: `GET /r/{token}` (the item ids are read from the
//!    page), the 15 answers one after another (`POST /r/{token}/answer` with
//!    `x-mot-fetch: 1`), then `POST /r/{token}/submit`. Reports audits and
//!    answers per second, per-request latency and errors, and checks through
//!    the API that every audit and answer arrived exactly once.
//! 2. **Results at scale** (`results.rs`): R rounds × B branches × K raters
//!    (default 100 × 20 × 50 = 100,000 raters, 1.5M answers) written straight
//!    into the SQLite file while mot is stopped, then the results page of the
//!    latest round (HTML, logged in) and its JSON twin, one request at a time
//!    and concurrently.

mod results;

use crate::procs::{self, ServerOpts};
use crate::stats::{fmt_ms, percentile_ms, Summary};
use crate::Res;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, clap::Args)]
pub struct AuditArgs {
    /// Which part to run: `submit` (raters at once), `results` (the results
    /// page over many rounds) or `both`.
    #[arg(long, value_enum, default_value_t = Part::Both)]
    pub part: Part,
    /// Part 1: raters handing in at once.
    #[arg(long, default_value_t = 1_000)]
    pub raters: usize,
    /// Part 1: branches the raters are spread over.
    #[arg(long, default_value_t = 1)]
    pub branches: usize,
    /// Part 1: requests in flight at most (each rater has at most one);
    /// default: one per rater, i.e. every rater at once on its own
    /// connection, like phones.
    #[arg(long)]
    pub in_flight: Option<usize>,
    /// Part 2: rounds in the database.
    #[arg(long, default_value_t = 100)]
    pub rounds: usize,
    /// Part 2: branches in every round.
    #[arg(long, default_value_t = 20)]
    pub round_branches: usize,
    /// Part 2: raters per branch per round (each answers all items).
    #[arg(long, default_value_t = 50)]
    pub raters_per_branch: usize,
    /// Part 2: requests per page, one at a time.
    #[arg(long, default_value_t = 200)]
    pub samples: usize,
    /// Part 2: clients for the concurrent run (each sends `samples /
    /// concurrent` requests; 0 skips it).
    #[arg(long, default_value_t = 8)]
    pub concurrent: usize,
    /// Keep the data dirs (their paths are printed) instead of deleting them.
    #[arg(long)]
    pub keep: bool,
    /// Only diagnose the results queries on a data dir kept by an earlier
    /// `--part results --keep` run (no server, nothing measured over HTTP).
    #[arg(long)]
    pub diagnose: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub server: ServerOpts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Part {
    Submit,
    Results,
    Both,
}

pub async fn audit(args: AuditArgs) -> Res<()> {
    if args.raters == 0 || args.raters > 100_000 || args.branches == 0 || args.branches > 1_000 {
        return Err("--raters must be 1..=100000, --branches 1..=1000".into());
    }
    if args.rounds < 2 || args.rounds > 10_000 {
        return Err("--rounds must be 2..=10000 (the change needs a previous round)".into());
    }
    if args.round_branches == 0 || args.round_branches > 1_000 {
        return Err("--round-branches must be 1..=1000".into());
    }
    if args.raters_per_branch == 0 || args.raters_per_branch > 10_000 {
        return Err("--raters-per-branch must be 1..=10000".into());
    }
    if args.samples == 0 || args.samples > 100_000 || args.concurrent > 1_000 {
        return Err("--samples must be 1..=100000, --concurrent ≤ 1000".into());
    }
    if let Some(dir) = &args.diagnose {
        return results::diagnose_dir(dir).await;
    }
    if matches!(args.part, Part::Submit | Part::Both) {
        submissions(&args).await?;
    }
    if matches!(args.part, Part::Results | Part::Both) {
        if args.server.database_url.is_some() {
            return Err(
                "the results part fills a SQLite file directly: leave out --database-url".into(),
            );
        }
        results::results(&args).await?;
    }
    Ok(())
}

// ---- shared helpers ---------------------------------------------------------

/// The JSON API of one mot, with its bearer token.
#[derive(Clone)]
pub(crate) struct Api {
    http: reqwest::Client,
    pub base: String,
    auth: String,
}

impl Api {
    pub fn new(addr: SocketAddr, token: &str) -> Res<Api> {
        Ok(Api {
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(120))
                .build()?,
            base: format!("http://{addr}"),
            auth: format!("Bearer {token}"),
        })
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Res<Value> {
        let mut req = self
            .http
            .request(method.clone(), format!("{}/api/v1{path}", self.base))
            .header("authorization", &self.auth);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await?;
        let status = res.status();
        let text = res.text().await?;
        if !status.is_success() {
            return Err(format!("{method} /api/v1{path}: {status}: {text}").into());
        }
        Ok(serde_json::from_str(&text)?)
    }

    pub async fn get(&self, path: &str) -> Res<Value> {
        self.call(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Res<Value> {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }
}

pub(crate) fn id_of(v: &Value) -> Res<i64> {
    v["id"]
        .as_i64()
        .ok_or_else(|| format!("no id in {v}").into())
}

/// Today plus `days` (negative: in the past), as YYYY-MM-DD.
pub(crate) fn day(days: i64) -> String {
    let mut d = mot_core::date::today();
    for _ in 0..days.unsigned_abs() {
        let next = if days > 0 {
            d.next_day()
        } else {
            d.previous_day()
        };
        d = next.unwrap_or(d);
    }
    mot_core::date::format(d)
}

/// A business with `branches` branches and the default 15-item template:
/// (business id, branch ids, template id).
pub(crate) async fn setup_business(api: &Api, branches: usize) -> Res<(i64, Vec<i64>, i64)> {
    let business = id_of(
        &api.post("/businesses", json!({"name": "Audit bench"}))
            .await?,
    )?;
    let mut ids = Vec::with_capacity(branches);
    for b in 0..branches {
        let v = api
            .post(
                &format!("/businesses/{business}/branches"),
                json!({"name": format!("Branch {:02}", b + 1)}),
            )
            .await?;
        ids.push(id_of(&v)?);
    }
    let t = api.post("/templates", json!({})).await?;
    let items = t["items"].as_array().map_or(0, Vec::len);
    if items != 15 {
        return Err(format!("the default template has {items} items, not 15").into());
    }
    Ok((business, ids, id_of(&t)?))
}

/// The rater groups, and how many of every 50 raters are in each.
pub(crate) const GROUPS: [(&str, usize); 5] = [
    ("manager", 3),
    ("staff", 10),
    ("friend", 5),
    ("mystery_shopper", 3),
    ("customer", 29),
];

/// The group (index into `GROUPS`) of the `j`-th rater of a branch; `shift`
/// rotates the order (so with a number of raters that is not a multiple of
/// 50, branches get slightly different mixes).
pub(crate) fn group_of(j: usize, shift: usize) -> usize {
    let mut k = (j + shift) % 50;
    for (g, (_, n)) in GROUPS.iter().enumerate() {
        if k < *n {
            return g;
        }
        k -= n;
    }
    GROUPS.len() - 1
}

/// A cheap, deterministic hash (splitmix64) for varied but repeatable data.
pub(crate) fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Latency figures of one kind of request, in ms.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lat {
    pub n: usize,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
    pub mean: f64,
}

impl Lat {
    pub fn of(ns: &mut [u64]) -> Lat {
        let s = Summary::of(ns);
        Lat {
            n: s.n,
            p50: s.p50,
            p95: percentile_ms(ns, 0.95),
            p99: s.p99,
            max: s.max,
            mean: s.mean,
        }
    }

    pub fn row(&self) -> String {
        format!(
            "{} | {} | {} | {} | {} | {}",
            self.n,
            fmt_ms(self.p50),
            fmt_ms(self.p95),
            fmt_ms(self.p99),
            fmt_ms(self.max),
            fmt_ms(self.mean)
        )
    }
}

/// Cores busy in this process and in the whole machine since `from`.
pub(crate) struct CpuMark {
    own: f64,
    machine: f64,
    at: Instant,
}

impl CpuMark {
    pub fn now() -> CpuMark {
        CpuMark {
            own: procs::cpu_secs("/proc/self/stat"),
            machine: procs::machine_cpu().0,
            at: Instant::now(),
        }
    }

    /// (this process's cores, the machine's cores) since the mark.
    pub fn cores(&self) -> (f64, f64) {
        let t = self.at.elapsed().as_secs_f64().max(1e-9);
        (
            (procs::cpu_secs("/proc/self/stat") - self.own) / t,
            (procs::machine_cpu().0 - self.machine) / t,
        )
    }
}

// ---- part 1: raters at once ---------------------------------------------------

/// What one rater did.
#[derive(Default)]
struct RaterRun {
    page_ns: Vec<u64>,
    answer_ns: Vec<u64>,
    submit_ns: Vec<u64>,
    /// Time spent waiting for a free slot (with `--in-flight` below the raters).
    wait_ns: u64,
    done_at: Option<Instant>,
    answers_ok: usize,
    numeric_ok: usize,
    submitted: bool,
    errors: Vec<String>,
}

/// The item ids on a rater's page, in page order (`data-item="ID"`).
fn item_ids(html: &str) -> Vec<i64> {
    html.match_indices("data-item=\"")
        .filter_map(|(at, m)| {
            let rest = &html[at + m.len()..];
            rest[..rest.find('"')?].parse().ok()
        })
        .collect()
}

/// The answer rater `r` gives to item `i`: a score 1–10 varied by group and
/// item, "na" now and then, and a comment every few answers.
fn answer_for(r: usize, i: usize, group: usize) -> (String, String) {
    let h = mix(((r as u64) << 8) ^ i as u64);
    if h.is_multiple_of(20) {
        return ("na".into(), String::new());
    }
    let bias = [1.5, 1.0, 0.5, -1.0, 0.0][group.min(4)];
    let item = (i % 5) as f64 * 0.5 - 1.0;
    let noise = ((h >> 8) % 500) as f64 / 100.0 - 2.5;
    let s = (6.5 + bias + item + noise).round().clamp(1.0, 10.0) as i64;
    let comment = if (h >> 20).is_multiple_of(8) {
        format!("Rater {r}: item {} could be better.", i + 1)
    } else {
        String::new()
    };
    (s.to_string(), comment)
}

async fn timed_send(
    slots: &tokio::sync::Semaphore,
    req: reqwest::RequestBuilder,
    wait_ns: &mut u64,
) -> (Result<String, String>, u64) {
    let w = Instant::now();
    let _permit = slots.acquire().await;
    *wait_ns += w.elapsed().as_nanos() as u64;
    let t = Instant::now();
    let out = match req.send().await {
        Ok(res) => {
            let status = res.status();
            match res.text().await {
                Ok(body) if status.is_success() => Ok(body),
                Ok(body) => Err(format!(
                    "{status}: {}",
                    body.chars().take(200).collect::<String>()
                )),
                Err(e) => Err(format!("reading the body: {e}")),
            }
        }
        Err(e) => Err(format!("request: {e}")),
    };
    (out, t.elapsed().as_nanos() as u64)
}

async fn rater(
    http: reqwest::Client,
    base: String,
    token: String,
    r: usize,
    group: usize,
    gate: Arc<tokio::sync::RwLock<()>>,
    slots: Arc<tokio::sync::Semaphore>,
) -> RaterRun {
    let mut run = RaterRun::default();
    drop(gate.read().await);
    let page = format!("{base}/r/{token}");
    let (out, ns) = timed_send(&slots, http.get(&page), &mut run.wait_ns).await;
    run.page_ns.push(ns);
    let items = match out {
        Ok(html) => item_ids(&html),
        Err(e) => {
            run.errors.push(format!("GET page: {e}"));
            return run;
        }
    };
    if items.is_empty() {
        run.errors.push("GET page: no items on the page".into());
        return run;
    }
    for (i, item) in items.iter().enumerate() {
        let (score, comment) = answer_for(r, i, group);
        let form = [
            ("item_id", item.to_string()),
            ("score", score.clone()),
            ("comment", comment),
        ];
        let req = http
            .post(format!("{page}/answer"))
            .header("x-mot-fetch", "1")
            .form(&form);
        let (out, ns) = timed_send(&slots, req, &mut run.wait_ns).await;
        match out {
            Ok(body) if body.contains("\"ok\":true") => {
                run.answer_ns.push(ns);
                run.answers_ok += 1;
                if score != "na" {
                    run.numeric_ok += 1;
                }
            }
            Ok(body) => run.errors.push(format!("answer: unexpected body {body}")),
            Err(e) => run.errors.push(format!("answer: {e}")),
        }
    }
    let req = http
        .post(format!("{page}/submit"))
        .header("x-mot-fetch", "1");
    let (out, ns) = timed_send(&slots, req, &mut run.wait_ns).await;
    match out {
        Ok(body) if body.contains("\"ok\":true") => {
            run.submit_ns.push(ns);
            run.submitted = true;
            run.done_at = Some(Instant::now());
        }
        Ok(body) => run.errors.push(format!("submit: unexpected body {body}")),
        Err(e) => run.errors.push(format!("submit: {e}")),
    }
    run
}

async fn submissions(args: &AuditArgs) -> Res<()> {
    let n = args.raters;
    let in_flight = args.in_flight.unwrap_or(n).clamp(1, n);
    let dir = args.server.temp_dir()?;
    let (server, token) = procs::start_mot(&args.server, dir.path())?;
    let api = Api::new(server.addr, &token)?;
    println!(
        "audit/submit: mot {} (pid {}) on {}; {n} raters over {} branch(es), the default 15-item template, {in_flight} requests in flight at most",
        server.addr,
        server.pid,
        match &args.server.database_url {
            Some(u) if u.starts_with("postgres") => "PostgreSQL".to_string(),
            Some(u) => u.clone(),
            None => "SQLite (WAL, synchronous=FULL) in a fresh temp dir".to_string(),
        },
        args.branches
    );
    let t_setup = Instant::now();
    let (business, branches, template) = setup_business(&api, args.branches).await?;
    let round = id_of(
        &api.post(
            &format!("/businesses/{business}/rounds"),
            json!({
                "template_id": template,
                "name": "Everyone at once",
                "opens_on": day(-1),
                "closes_on": day(30),
                "branch_ids": branches,
            }),
        )
        .await?,
    )?;
    // Links: per branch, per group, at most 500 per call (the API's limit).
    let mut raters: Vec<(String, usize)> = Vec::with_capacity(n);
    for (b, branch) in branches.iter().enumerate() {
        let count = n / branches.len() + usize::from(b < n % branches.len());
        let mut by_group: Vec<usize> = vec![0; GROUPS.len()];
        for j in 0..count {
            by_group[group_of(j, b)] += 1;
        }
        for (g, total) in by_group.iter().enumerate() {
            let mut made = 0;
            while made < *total {
                let k = (total - made).min(500);
                let labels: Vec<String> = (made..made + k)
                    .map(|i| format!("{} {}", GROUPS[g].0, i + 1))
                    .collect();
                let v = api
                    .post(
                        &format!("/rounds/{round}/links"),
                        json!({"branch_id": branch, "group": GROUPS[g].0, "labels": labels}),
                    )
                    .await?;
                for l in v.as_array().ok_or("links: not a list")? {
                    let url = l["url"].as_str().ok_or("links: no url")?;
                    let token = url.rsplit('/').next().unwrap_or("").to_string();
                    raters.push((token, g));
                }
                made += k;
            }
        }
    }
    if raters.len() != n {
        return Err(format!("made {} links, not {n}", raters.len()).into());
    }
    println!(
        "   set-up through the API: business, {} branch(es), template, round {round}, {n} links in {:.2} s",
        branches.len(),
        t_setup.elapsed().as_secs_f64()
    );

    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(300))
        .pool_max_idle_per_host(in_flight)
        .build()?;
    let base = api.base.clone();
    let gate = Arc::new(tokio::sync::RwLock::new(()));
    let slots = Arc::new(tokio::sync::Semaphore::new(in_flight));
    let hold = gate.clone().write_owned().await;
    let mut tasks = Vec::with_capacity(n);
    for (r, (token, g)) in raters.into_iter().enumerate() {
        tasks.push(tokio::spawn(rater(
            http.clone(),
            base.clone(),
            token,
            r,
            g,
            gate.clone(),
            slots.clone(),
        )));
    }
    // Let every task reach the gate, then open it.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let srv0 = server.stats();
    let cpu = CpuMark::now();
    let t0 = Instant::now();
    drop(hold);
    let mut runs = Vec::with_capacity(n);
    for t in tasks {
        runs.push(t.await?);
    }
    let last = runs.iter().filter_map(|r| r.done_at).max();
    let wall = last.unwrap_or_else(Instant::now).duration_since(t0);
    let all_done = t0.elapsed();
    let (own_cores, machine_cores) = cpu.cores();
    let srv1 = server.stats();
    let server_cores = (srv1.cpu_secs - srv0.cpu_secs) / all_done.as_secs_f64();

    let mut page_ns: Vec<u64> = runs.iter().flat_map(|r| r.page_ns.clone()).collect();
    let mut answer_ns: Vec<u64> = runs.iter().flat_map(|r| r.answer_ns.clone()).collect();
    let mut submit_ns: Vec<u64> = runs.iter().flat_map(|r| r.submit_ns.clone()).collect();
    let mut rater_ns: Vec<u64> = runs
        .iter()
        .filter_map(|r| r.done_at.map(|d| d.duration_since(t0).as_nanos() as u64))
        .collect();
    let waited: u64 = runs.iter().map(|r| r.wait_ns).sum();
    let submitted = runs.iter().filter(|r| r.submitted).count();
    let answers_ok: usize = runs.iter().map(|r| r.answers_ok).sum();
    let numeric_ok: usize = runs.iter().map(|r| r.numeric_ok).sum();
    let errors: Vec<&String> = runs.iter().flat_map(|r| r.errors.iter()).collect();

    // What the server says it has.
    let detail = api.get(&format!("/rounds/{round}")).await?;
    let links = detail["links"].as_array().ok_or("round: no links")?;
    let handed_in = links
        .iter()
        .filter(|l| l["submitted"].as_bool() == Some(true))
        .count();
    let answered: u64 = links.iter().filter_map(|l| l["answered"].as_u64()).sum();
    let res = api.get(&format!("/rounds/{round}/results")).await?;
    let counted: u64 = res["report"]["items"].as_array().map_or(0, |items| {
        items
            .iter()
            .filter_map(|i| i["overall"]["count"].as_u64())
            .sum()
    });
    let expected_answers = n * 15;
    let ok = errors.is_empty()
        && submitted == n
        && handed_in == n
        && answered == expected_answers as u64
        && res["handed_in"].as_u64() == Some(n as u64)
        && counted == numeric_ok as u64;

    let secs = wall.as_secs_f64();
    println!(
        "== {n} raters at once: last hand-in after {secs:.2} s → {:.1} audits/s, {:.0} answers/s ({} requests, {:.0} requests/s); errors {}",
        submitted as f64 / secs,
        answers_ok as f64 / secs,
        page_ns.len() + answer_ns.len() + submit_ns.len(),
        (page_ns.len() + answer_ns.len() + submit_ns.len()) as f64 / secs,
        errors.len()
    );
    println!(
        "   check through the API: {handed_in} of {} links handed in, {answered} answers stored (sent {answers_ok}, expected {expected_answers}); results: handed_in {}, {counted} scores counted (sent {numeric_ok} scores, the rest N/A) → {}",
        links.len(),
        res["handed_in"],
        if ok { "OK: nothing lost, nothing counted twice" } else { "MISMATCH" }
    );
    for e in errors.iter().take(5) {
        println!("   error: {e}");
    }
    println!(
        "   CPU: mot {server_cores:.2} cores, bench {own_cores:.2}, whole machine {machine_cores:.2} (of {}); mot RSS {:.1} MiB at the end, peak {:.1} MiB, {} threads; time waiting for a request slot: {:.1} s in total",
        std::thread::available_parallelism().map_or(0, |p| p.get()),
        srv1.rss_kib as f64 / 1024.0,
        srv1.hwm_kib as f64 / 1024.0,
        srv1.threads,
        waited as f64 / 1e9
    );
    println!();
    println!("| request | n | p50 | p95 | p99 | max | mean |");
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| GET /r/{{token}} (the page) | {} |",
        Lat::of(&mut page_ns).row()
    );
    println!(
        "| POST /r/{{token}}/answer | {} |",
        Lat::of(&mut answer_ns).row()
    );
    println!(
        "| POST /r/{{token}}/submit | {} |",
        Lat::of(&mut submit_ns).row()
    );
    println!(
        "| a rater's whole audit (start → handed in) | {} |",
        Lat::of(&mut rater_ns).row()
    );
    println!();
    server.stop();
    if args.keep {
        println!("   data dir kept: {}", dir.keep().display());
    }
    if !ok {
        return Err("the submissions run had errors or lost/extra answers (see above)".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_read_from_the_page_and_groups_follow_the_mix() {
        let html = r#"<div data-items="2"><fieldset class="item" data-item="17"></fieldset><fieldset data-item="9">"#;
        assert_eq!(item_ids(html), vec![17, 9]);
        let mut n = [0; 5];
        for j in 0..50 {
            n[group_of(j, 7)] += 1;
        }
        assert_eq!(n, [3, 10, 5, 3, 29]);
        for r in 0..200 {
            for i in 0..15 {
                let (s, _) = answer_for(r, i, r % 5);
                assert!(s == "na" || (1..=10).contains(&s.parse::<i64>().unwrap()));
            }
        }
    }
}
