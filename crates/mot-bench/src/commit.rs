//! `commit`: durable board changes per second through `Store::apply` (the
//! group-commit writer) on SQLite in WAL mode with synchronous=FULL, against
//! one commit per change measured in the same run: the same changes through
//! the same code, applied one at a time, each awaited before the next, so
//! that every change is a transaction (and an fsync) of its own.

use crate::stats::{fmt_ms, Summary};
use crate::Res;
use mot_core::{Actor, BoardCommand, Id, Role};
use mot_store::Store;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, clap::Args)]
pub struct CommitArgs {
    /// Changes applied through group commit (per concurrency level).
    #[arg(long, default_value_t = 50_000)]
    pub changes: usize,
    /// Changes in flight at once (comma-separated list to sweep).
    #[arg(long, value_delimiter = ',', default_value = "512")]
    pub concurrency: Vec<usize>,
    /// The change: `add` (add_moment, the common case; its cost grows with
    /// the notes in the database) or `edit` (edit_moment of existing notes:
    /// the same writer path at a constant SQL cost).
    #[arg(long, value_enum, default_value_t = Op::Add)]
    pub op: Op,
    /// Changes applied one commit per change (the baseline).
    #[arg(long, default_value_t = 2_000)]
    pub baseline_changes: usize,
    /// PostgreSQL (or another SQLite file) instead of a fresh SQLite database
    /// in a temp dir.
    #[arg(long)]
    pub database_url: Option<String>,
    /// Parent directory of the temp databases (default: the system temp dir).
    #[arg(long)]
    pub tmp_dir: Option<PathBuf>,
    /// Runs of each measurement, the baseline and each concurrency level
    /// alternating, each on a fresh database; the figures are the median
    /// (and min / max) over the runs.
    #[arg(long, default_value_t = 1)]
    pub runs: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Op {
    Add,
    Edit,
}

/// Notes per board that `edit` changes.
const EDIT_POOL: usize = 8;

/// A board's notes are capped (1,000), so changes are spread over boards.
const PER_BOARD: usize = 900;

struct Outcome {
    changes: usize,
    ok: usize,
    errors: usize,
    first_error: Option<String>,
    elapsed: Duration,
    latency: Summary,
    wal: Option<bool>,
    /// Cores kept busy by this process, and by all others, while measuring.
    own_cores: f64,
    other_cores: f64,
}

impl Outcome {
    fn rate(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64()
    }
}

async fn measure(args: &CommitArgs, changes: usize, concurrency: usize) -> Res<Outcome> {
    let mut b = tempfile::Builder::new();
    b.prefix("mot-bench-commit-");
    let dir = match &args.tmp_dir {
        Some(d) => b.tempdir_in(d)?,
        None => b.tempdir()?,
    };
    let url = match &args.database_url {
        Some(u) => u.clone(),
        None => mot_store::sqlite_url_for_dir(dir.path()),
    };
    let store = Store::connect(&url).await?;
    store.migrate().await?;
    let ws = store.create_workspace("Bench").await?;
    let email = format!("bench-{}@example.com", &mot_store::random_token()[..12]);
    let user = store
        .create_user(ws.id, &email, "Bench", "x", Role::Owner)
        .await?;
    let business = store.create_business(ws.id, "Bench").await?;
    let boards = changes.div_ceil(PER_BOARD).max(1);
    let actor = Actor::Member {
        user_id: user.id,
        role: Role::Owner,
    };
    // (board, its first stage, notes to edit)
    let mut targets: Vec<(Id, Id, Vec<Id>)> = Vec::with_capacity(boards);
    for k in 0..boards {
        let code = mot_store::random_token()[..12].to_uppercase();
        let j = store
            .create_journey(
                ws.id,
                business.id,
                &format!("Board {k}"),
                &code,
                &mot_store::random_token(),
            )
            .await?;
        let stage = store
            .stages(ws.id, j.id)
            .await?
            .first()
            .ok_or("a new board has no stage")?
            .id;
        let mut pool = Vec::new();
        if args.op == Op::Edit {
            for k in 0..EDIT_POOL {
                let cmd = BoardCommand::AddMoment {
                    stage_id: stage,
                    channel_id: None,
                    title: format!("pool {k}"),
                    description: String::new(),
                };
                let c = store.apply(ws.id, j.id, actor, "Bench", cmd).await?;
                if let mot_core::LiveEvent::Board(mot_core::BoardEvent::MomentAdded { moment }) =
                    c.event
                {
                    pool.push(moment.id);
                }
            }
        }
        targets.push((j.id, stage, pool));
    }
    let workers = concurrency.clamp(1, changes.max(1));
    let cpu0 = (
        crate::procs::cpu_secs("/proc/self/stat"),
        crate::procs::machine_cpu().0,
    );
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(workers);
    for w in 0..workers {
        let store = store.clone();
        let targets = targets.clone();
        let op = args.op;
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0usize;
            let mut first_error = None;
            for i in (w..changes).step_by(workers) {
                let (journey, stage, pool) = &targets[i % targets.len()];
                let (journey, title) = (*journey, format!("c:{i}"));
                let cmd = match op {
                    Op::Add => BoardCommand::AddMoment {
                        stage_id: *stage,
                        channel_id: None,
                        title,
                        description: String::new(),
                    },
                    Op::Edit => BoardCommand::EditMoment {
                        id: pool[(i / targets.len()) % pool.len()],
                        title: Some(title),
                        description: None,
                        channel_id: None,
                    },
                };
                let t = Instant::now();
                match store.apply(ws.id, journey, actor, "Bench", cmd).await {
                    Ok(_) => lat.push(t.elapsed().as_nanos() as u64),
                    Err(e) => {
                        errors += 1;
                        first_error.get_or_insert_with(|| e.to_string());
                    }
                }
            }
            (lat, errors, first_error)
        }));
    }
    let mut lat = Vec::with_capacity(changes);
    let mut errors = 0;
    let mut first_error = None;
    for t in tasks {
        let (l, e, f) = t.await?;
        lat.extend(l);
        errors += e;
        if first_error.is_none() {
            first_error = f;
        }
    }
    let elapsed = start.elapsed();
    let own_cores = (crate::procs::cpu_secs("/proc/self/stat") - cpu0.0) / elapsed.as_secs_f64();
    let machine_cores = (crate::procs::machine_cpu().0 - cpu0.1) / elapsed.as_secs_f64();
    store.close().await;
    // SQLite's file header says WAL with bytes 18 and 19 set to 2.
    let wal = if args.database_url.is_none() {
        let head = std::fs::read(dir.path().join("mot.sqlite3"))?;
        Some(head.get(18) == Some(&2) && head.get(19) == Some(&2))
    } else {
        None
    };
    Ok(Outcome {
        changes,
        ok: lat.len(),
        errors,
        first_error,
        elapsed,
        latency: Summary::of(&mut lat),
        wal,
        own_cores,
        other_cores: (machine_cores - own_cores).max(0.0),
    })
}

fn report(label: &str, o: &Outcome) {
    println!(
        "== {label}: {} changes ({} ok, {} errors) in {:.2} s → {:.0} durable changes/s; per-change latency p50 {} p99 {} max {}; CPU: bench+store {:.2} cores, other processes {:.2}{}",
        o.changes,
        o.ok,
        o.errors,
        o.elapsed.as_secs_f64(),
        o.rate(),
        fmt_ms(o.latency.p50),
        fmt_ms(o.latency.p99),
        fmt_ms(o.latency.max),
        o.own_cores,
        o.other_cores,
        match o.wal {
            Some(true) => "; journal_mode=WAL",
            Some(false) => "; NOT in WAL mode",
            None => "",
        }
    );
    if let Some(e) = &o.first_error {
        println!("   first error: {e}");
    }
}

pub async fn commit(args: CommitArgs) -> Res<()> {
    if args.changes == 0 || args.changes > 2_000_000 || args.baseline_changes > 200_000 {
        return Err("--changes must be 1..=2000000, --baseline-changes ≤ 200000".into());
    }
    if args.runs > 20 {
        return Err("--runs must be at most 20".into());
    }
    if args.concurrency.iter().any(|c| *c == 0 || *c > 100_000) {
        return Err("--concurrency must be 1..=100000".into());
    }
    let db = match &args.database_url {
        Some(u) if u.starts_with("postgres") => "PostgreSQL".to_string(),
        Some(u) => u.clone(),
        None => "SQLite (WAL, synchronous=FULL) in a fresh temp dir".to_string(),
    };
    let op = match args.op {
        Op::Add => "add_moment",
        Op::Edit => "edit_moment",
    };
    println!(
        "commit: Store::apply({op}) on {db}, {} run(s) of each; load average {}",
        args.runs.max(1),
        crate::procs::load_average()
    );
    // Runs alternate: the baseline, then each concurrency level, then again.
    let mut base: Vec<Outcome> = Vec::new();
    let mut rows: Vec<(usize, Vec<Outcome>)> =
        args.concurrency.iter().map(|c| (*c, Vec::new())).collect();
    for run in 1..=args.runs.max(1) {
        if args.runs > 1 {
            println!("-- run {run} of {}", args.runs);
        }
        if args.baseline_changes > 0 {
            let o = measure(&args, args.baseline_changes, 1).await?;
            report("one commit per change (sequential, awaited)", &o);
            base.push(o);
        }
        for (c, outs) in &mut rows {
            let o = measure(&args, args.changes, *c).await?;
            report(&format!("group commit, {c} in flight"), &o);
            outs.push(o);
        }
    }
    // The run with the median rate stands for its level (its latency and
    // CPU are that run's); min and max beside it.
    let median = |outs: &[Outcome]| -> Option<(usize, f64, f64)> {
        let mut idx: Vec<usize> = (0..outs.len()).collect();
        idx.sort_by(|a, b| outs[*a].rate().total_cmp(&outs[*b].rate()));
        let mid = *idx.get(idx.len() / 2)?;
        Some((mid, outs[idx[0]].rate(), outs[idx[idx.len() - 1]].rate()))
    };
    let base_med = median(&base).map(|(i, _, _)| &base[i]);
    println!();
    println!("| {op} | changes | durable changes/s (median of {} runs) | min – max | seconds a run | × one-per-commit | p50 | p99 | CPU (bench+store) | other load |", args.runs.max(1));
    println!("|---|---|---|---|---|---|---|---|---|---|");
    if let Some((i, lo, hi)) = median(&base) {
        let b = &base[i];
        println!(
            "| one commit per change | {} | {:.0} | {lo:.0} – {hi:.0} | {:.1} | 1.0 | {} | {} | {:.2} cores | {:.2} cores |",
            b.ok,
            b.rate(),
            b.elapsed.as_secs_f64(),
            fmt_ms(b.latency.p50),
            fmt_ms(b.latency.p99),
            b.own_cores,
            b.other_cores
        );
    }
    for (c, outs) in &rows {
        let Some((i, lo, hi)) = median(outs) else {
            continue;
        };
        let o = &outs[i];
        let x = base_med.map_or(f64::NAN, |b| o.rate() / b.rate());
        println!(
            "| group commit, {c} in flight | {} | {:.0} | {lo:.0} – {hi:.0} | {:.1} | {x:.1} | {} | {} | {:.2} cores | {:.2} cores |",
            o.ok,
            o.rate(),
            o.elapsed.as_secs_f64(),
            fmt_ms(o.latency.p50),
            fmt_ms(o.latency.p99),
            o.own_cores,
            o.other_cores
        );
    }
    println!("load average at the end {}", crate::procs::load_average());
    Ok(())
}
