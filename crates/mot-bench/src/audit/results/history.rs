//! The history the results page is measured over: the business, its
//! branches, the template and the rounds made through the JSON API (so every
//! round has its own frozen copy of the items, as mot makes it), then the
//! raters and their answers written straight into the SQLite file while mot
//! is stopped, one transaction per round.

use crate::audit::{day, group_of, id_of, mix, setup_business, Api, AuditArgs, GROUPS};
use crate::Res;
use serde_json::json;
use sqlx::{Connection, Executor, QueryBuilder, Sqlite};
use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// Raters of every 50 of a branch who have answered but not handed in (the
/// results count only what was handed in; these are the round's drafts).
pub(super) const NOT_HANDED_IN_PER_50: usize = 2;

/// What was made: the ids the measurements and the diagnosis need.
pub(super) struct Built {
    pub workspace_id: i64,
    pub business_id: i64,
    pub branches: Vec<i64>,
    /// (round id, its item ids in template order), oldest first.
    pub rounds: Vec<(i64, Vec<i64>)>,
    pub email: String,
}

/// The business, its branches, the template and the rounds, through the
/// JSON API; all rounds but the latest are closed.
pub(super) async fn build_through_api(api: &Api, args: &AuditArgs) -> Res<Built> {
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

/// What `fill` wrote, and how long it took.
pub(super) struct Filled {
    pub links: usize,
    pub answers: usize,
    pub secs: f64,
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
pub(super) async fn fill(db: &Path, b: &Built, per_branch: usize) -> Res<Filled> {
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

/// Reads back what `build_through_api` made, from a data dir kept with `--keep`.
pub(super) async fn built_from_db(db: &Path) -> Res<Built> {
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
