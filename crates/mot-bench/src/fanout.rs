//! `fanout` and `idle`: N WebSocket clients on one board of a server process
//! (mot, or the baseline relay), measured in the same run and harness.

use crate::clients::{self, Target, Tracker};
use crate::procs::{self, ProcStats, ServerOpts, ServerProc};
use crate::stats::{fmt_ms, Summary};
use crate::Res;
use clap::ArgAction;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    Mot,
    Baseline,
    Both,
}

impl Which {
    fn kinds(self) -> Vec<Kind> {
        match self {
            Which::Mot => vec![Kind::Mot],
            Which::Baseline => vec![Kind::Baseline],
            Which::Both => vec![Kind::Mot, Kind::Baseline],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Mot,
    Baseline,
}

#[derive(Debug, Clone, clap::Args)]
pub struct FanoutArgs {
    /// WebSocket clients on the board.
    #[arg(long)]
    pub clients: usize,
    /// Changes per second, in total, submitted round-robin by the clients.
    #[arg(long)]
    pub rate: f64,
    /// Measured seconds (after the warm-up).
    #[arg(long, default_value_t = 20.0)]
    pub seconds: f64,
    /// Seconds of changes sent before measuring (not counted).
    #[arg(long, default_value_t = 2.0)]
    pub warmup: f64,
    #[arg(long, value_enum, default_value_t = Which::Both)]
    pub target: Which,
    /// Size of the baseline's messages in bytes (default: the mean size of
    /// mot's change frames in this run, or 1,200 without a mot run).
    #[arg(long)]
    pub payload_bytes: Option<usize>,
    /// Seconds to wait, after the last submit, for every delivery.
    #[arg(long, default_value_t = 10.0)]
    pub drain_seconds: f64,
    /// Runs of each server, alternating (mot, baseline, mot, …); the verdict
    /// compares the median p99s.
    #[arg(long, default_value_t = 1)]
    pub repeat: usize,
    /// A run during which other processes (not the server, not the bench)
    /// kept more than this many cores busy in any one second is run again…
    #[arg(long, default_value_t = 0.5)]
    pub max_other_load: f64,
    /// …at most this many times.
    #[arg(long, default_value_t = 3)]
    pub retries: usize,
    /// Write one CSV line per measured change (ms after the first submit:
    /// submit, ack, first and last delivery, clients reached) to this file,
    /// suffixed with the server's name.
    #[arg(long)]
    pub dump: Option<std::path::PathBuf>,
    /// Which changes mot is sent: notes added until the board is nearly
    /// full and then edits of 50 notes (`mixed`), only additions (`add`),
    /// or only edits of 50 notes made beforehand (`edit`).
    #[arg(long, value_enum, default_value_t = Op::Mixed)]
    pub op: Op,
    /// Pin the server to CPU 0 and this bench to CPU 1 (`taskset`).
    #[arg(long)]
    pub pin: bool,
    /// Clients connected besides, to another board (another room of the
    /// relay), that receive nothing: a server holding many idle phones.
    #[arg(long, default_value_t = 0)]
    pub idle_clients: usize,
    #[command(flatten)]
    pub conn: ConnArgs,
    #[command(flatten)]
    pub server: ServerOpts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Op {
    Mixed,
    Add,
    Edit,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ConnArgs {
    /// WebSocket handshakes in flight at once while connecting.
    #[arg(long, default_value_t = 64)]
    pub connect_parallel: usize,
    /// TCP_NODELAY on the baseline relay's accepted sockets.
    #[arg(long, default_value_t = true, action = ArgAction::Set)]
    pub baseline_nodelay: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct IdleArgs {
    /// Idle WebSocket clients to connect.
    #[arg(long)]
    pub clients: usize,
    #[arg(long, value_enum, default_value_t = Which::Both)]
    pub target: Which,
    /// Seconds to wait before each memory reading.
    #[arg(long, default_value_t = 3.0)]
    pub settle_seconds: f64,
    #[command(flatten)]
    pub conn: ConnArgs,
    #[command(flatten)]
    pub server: ServerOpts,
}

/// A server with a board to watch, and its temp data dir.
struct Running {
    server: ServerProc,
    target: Target,
    /// Another board (room), for idle clients.
    quiet: Target,
    /// For mot: the board's first stage and the notes to edit.
    stage_id: i64,
    pool: Vec<i64>,
    _dir: Option<tempfile::TempDir>,
}

async fn start(kind: Kind, opts: &ServerOpts, conn: &ConnArgs, pool: usize) -> Res<Running> {
    match kind {
        Kind::Mot => {
            let dir = opts.temp_dir()?;
            let (server, token) = procs::start_mot(opts, dir.path())?;
            let board = procs::make_board(server.addr, &token, pool).await?;
            let other = procs::make_board(server.addr, &token, 0).await?;
            let target = Target {
                addr: server.addr,
                path: format!("/j/{}/live?since={}", board.journey_id, board.last_seq),
                token: Some(token.clone()),
            };
            let quiet = Target {
                addr: server.addr,
                path: format!("/j/{}/live?since={}", other.journey_id, other.last_seq),
                token: Some(token),
            };
            Ok(Running {
                server,
                target,
                quiet,
                stage_id: board.stage_id,
                pool: board.pool,
                _dir: Some(dir),
            })
        }
        Kind::Baseline => {
            let server = procs::start_relay(conn.baseline_nodelay)?;
            let target = Target {
                addr: server.addr,
                path: "/".into(),
                token: None,
            };
            let quiet = Target {
                addr: server.addr,
                path: "/idle".into(),
                token: None,
            };
            Ok(Running {
                server,
                target,
                quiet,
                stage_id: 1,
                pool: Vec::new(),
                _dir: None,
            })
        }
    }
}

/// The figures of one fan-out run.
#[derive(Debug, Clone)]
pub struct FanoutResult {
    pub name: &'static str,
    pub clients: usize,
    pub rate: f64,
    pub measured: usize,
    pub complete: usize,
    pub latency: Summary,
    /// Every delivery of every measured change: submit → the kernel's
    /// receive timestamp at the client.
    pub delivery: Summary,
    /// Server CPU per delivery over the measured window, in µs.
    pub cpu_per_delivery_us: f64,
    /// The 1-minute load average when the run started.
    pub load1: f64,
    pub ack: Summary,
    pub window_s: f64,
    pub submit_rate: f64,
    pub delivered_per_s: f64,
    pub msgs_per_s: f64,
    pub errors: u64,
    pub refreshes: u64,
    pub dropped: u64,
    pub edits: usize,
    pub mean_frame: f64,
    pub before: ProcStats,
    /// Idle clients on the other board, and the server's memory for each.
    pub idle_clients: usize,
    pub idle_kib_per_conn: f64,
    pub idle: ProcStats,
    pub end: ProcStats,
    pub server_cores: f64,
    pub bench_cores: f64,
    /// Busy CPU of the whole machine and stolen by the hypervisor, in cores.
    pub machine_cores: f64,
    pub steal_cores: f64,
    /// The most cores other processes kept busy in any one second.
    pub peak_other: f64,
}

impl FanoutResult {
    fn per_conn_kib(&self) -> f64 {
        (self.idle.rss_kib as f64 - self.before.rss_kib as f64) / self.clients.max(1) as f64
    }

    /// Busy CPU of processes other than the server and the bench.
    fn other_cores(&self) -> f64 {
        (self.machine_cores - self.server_cores - self.bench_cores).max(0.0)
    }

    fn print(&self) {
        println!(
            "== {} — {} clients × {} changes/s",
            self.name, self.clients, self.rate
        );
        println!(
            "  changes measured {}  delivered to all {}  (incomplete {})  edits {}",
            self.measured,
            self.complete,
            self.measured - self.complete,
            self.edits
        );
        println!(
            "  every delivery (submit → kernel receive timestamp, {} deliveries): p50 {}  p99 {}  max {}  mean {}",
            self.delivery.n,
            fmt_ms(self.delivery.p50),
            fmt_ms(self.delivery.p99),
            fmt_ms(self.delivery.max),
            fmt_ms(self.delivery.mean)
        );
        println!(
            "  latency submit→all clients (bench's read of the last one): p50 {}  p99 {}  max {}  mean {}",
            fmt_ms(self.latency.p50),
            fmt_ms(self.latency.p99),
            fmt_ms(self.latency.max),
            fmt_ms(self.latency.mean)
        );
        if self.ack.n > 0 {
            println!(
                "  ack to submitter (durable commit): p50 {}  p99 {}  max {}",
                fmt_ms(self.ack.p50),
                fmt_ms(self.ack.p99),
                fmt_ms(self.ack.max)
            );
        }
        println!(
            "  throughput: submitted {:.1}/s  delivered {:.1} changes/s  {:.0} messages/s  over {:.2} s  (mean frame {:.0} B)",
            self.submit_rate, self.delivered_per_s, self.msgs_per_s, self.window_s, self.mean_frame
        );
        println!(
            "  errors {}  refresh frames {}  dropped sockets {}",
            self.errors, self.refreshes, self.dropped
        );
        if self.idle_clients > 0 {
            println!(
                "  {} idle clients on another board: {:.1} KiB of server memory each",
                self.idle_clients, self.idle_kib_per_conn
            );
        }
        println!(
            "  server RSS: start {} KiB  with {} idle clients {} KiB ({:.1} KiB/conn)  end {} KiB  peak {} KiB  threads {}",
            self.before.rss_kib,
            self.clients,
            self.idle.rss_kib,
            self.per_conn_kib(),
            self.end.rss_kib,
            self.end.hwm_kib,
            self.end.threads
        );
        println!(
            "  CPU during the measured window: server {:.2} cores ({:.2} µs a delivery), bench {:.2} cores, other processes {:.2} cores (peak {:.2} in one second) of 2, steal {:.2}; load average at the start {:.2}",
            self.server_cores, self.cpu_per_delivery_us, self.bench_cores, self.other_cores(), self.peak_other, self.steal_cores, self.load1
        );
    }
}

/// Text of change `n`: a board command for mot, the same shape padded to
/// `payload` bytes for the relay.
fn change_text(kind: Kind, n: usize, run: &Running, add_cap: usize, payload: usize) -> String {
    match kind {
        Kind::Mot if n < add_cap => format!(
            r#"{{"type":"cmd","req":{n},"cmd":{{"op":"add_moment","stage_id":{},"title":"b:{n}"}}}}"#,
            run.stage_id
        ),
        Kind::Mot => format!(
            r#"{{"type":"cmd","req":{n},"cmd":{{"op":"edit_moment","id":{},"title":"b:{n}"}}}}"#,
            run.pool[n % run.pool.len()]
        ),
        Kind::Baseline => {
            let head = format!(
                r#"{{"type":"cmd","req":{n},"cmd":{{"op":"add_moment","stage_id":1,"title":"b:{n}"}},"pad":""#
            );
            let pad = payload.saturating_sub(head.len() + 2);
            let mut s = String::with_capacity(head.len() + pad + 2);
            s.push_str(&head);
            s.extend(std::iter::repeat_n('x', pad));
            s.push_str("\"}");
            s
        }
    }
}

/// Samples, each second until `stop`, the cores kept busy by processes
/// other than the server and this bench; returns the largest sample.
async fn peak_other_load(server: u32, mut stop: tokio::sync::watch::Receiver<bool>) -> f64 {
    let sample = || {
        (
            procs::machine_cpu().0,
            procs::proc_stats(server).cpu_secs,
            bench_cpu(),
            Instant::now(),
        )
    };
    let mut peak = 0.0f64;
    let mut last = sample();
    // Bounded: at most ten minutes of samples.
    for _ in 0..600 {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            _ = stop.changed() => break,
        }
        let now = sample();
        let wall = (now.3 - last.3).as_secs_f64().max(1e-3);
        let other = ((now.0 - last.0) - (now.1 - last.1) - (now.2 - last.2)) / wall;
        peak = peak.max(other);
        last = now;
    }
    peak
}

fn bench_cpu() -> f64 {
    procs::cpu_secs("/proc/self/stat")
}

async fn run_one(kind: Kind, args: &FanoutArgs, payload: usize) -> Res<FanoutResult> {
    let n = args.clients;
    let warm = (args.warmup * args.rate).round() as usize;
    let measured = (args.seconds * args.rate).round() as usize;
    let total = warm + measured;
    let limit = mot_core::Limits::MOMENTS_PER_JOURNEY;
    // A board holds at most `limit` notes: past that, the run edits a pool.
    let pool = match args.op {
        Op::Mixed if kind == Kind::Mot && total + 10 > limit => 50,
        Op::Edit if kind == Kind::Mot => 50,
        _ => 0,
    };
    let add_cap = match args.op {
        Op::Edit => 0,
        Op::Add => usize::MAX,
        Op::Mixed => limit.saturating_sub(pool + 10),
    };
    let run = start(kind, &args.server, &args.conn, pool).await?;
    let name = run.server.name;
    if args.pin {
        procs::pin(run.server.pid, 0)?;
    }
    let load1 = procs::load_average()
        .split_whitespace()
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN);
    eprintln!(
        "[{name}] server pid {} on {}",
        run.server.pid, run.server.addr
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let quiet_before = run.server.stats();
    let t = Instant::now();
    let idlers =
        clients::connect_all(&run.quiet, args.idle_clients, args.conn.connect_parallel).await?;
    if !idlers.is_empty() {
        eprintln!(
            "[{name}] {} idle clients connected in {:.2} s",
            idlers.len(),
            t.elapsed().as_secs_f64()
        );
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let before = run.server.stats();
    let idle_kib_per_conn =
        (before.rss_kib as f64 - quiet_before.rss_kib as f64) / args.idle_clients.max(1) as f64;
    let t = Instant::now();
    let sockets = clients::connect_all(&run.target, n, args.conn.connect_parallel).await?;
    eprintln!(
        "[{name}] {n} clients connected in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    tokio::time::sleep(Duration::from_secs(1)).await;
    let idle = run.server.stats();

    let tracker = Arc::new(Tracker::new(total, warm));
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let (boxes, tasks) = clients::spawn_clients(sockets, tracker.clone(), stop_rx);
    let texts: Vec<String> = (0..total)
        .map(|i| change_text(kind, i, &run, add_cap, payload))
        .collect();
    let edits = if kind == Kind::Mot {
        (warm..total).filter(|i| *i >= add_cap).count()
    } else {
        0
    };
    let interval = Duration::from_secs_f64(1.0 / args.rate);
    let t0 = tokio::time::Instant::now() + Duration::from_millis(100);
    let mut cpu_start = (
        run.server.stats().cpu_secs,
        bench_cpu(),
        Instant::now(),
        procs::machine_cpu(),
    );
    let mut sampler = None;
    for (i, text) in texts.into_iter().enumerate() {
        tokio::time::sleep_until(t0 + interval.mul_f64(i as f64)).await;
        if i == warm {
            cpu_start = (
                run.server.stats().cpu_secs,
                bench_cpu(),
                Instant::now(),
                procs::machine_cpu(),
            );
            sampler = Some(tokio::spawn(peak_other_load(
                run.server.pid,
                stop_tx.subscribe(),
            )));
        }
        let _ = boxes[i % n].send((i, text));
    }
    // Wait for every delivery (bounded).
    let drain_until = Instant::now() + Duration::from_secs_f64(args.drain_seconds);
    let all_in = || {
        tracker.slots[warm..]
            .iter()
            .all(|s| s.count.load(Relaxed) as usize >= n)
    };
    while !all_in() && Instant::now() < drain_until {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let end = run.server.stats();
    let cpu_end = (
        end.cpu_secs,
        bench_cpu(),
        Instant::now(),
        procs::machine_cpu(),
    );
    let wall = (cpu_end.2 - cpu_start.2).as_secs_f64().max(1e-9);
    let server_cores = (cpu_end.0 - cpu_start.0) / wall;
    let bench_cores = (cpu_end.1 - cpu_start.1) / wall;
    let machine_cores = (cpu_end.3 .0 - cpu_start.3 .0) / wall;
    let steal_cores = (cpu_end.3 .1 - cpu_start.3 .1) / wall;
    let _ = stop_tx.send(true);
    let peak_other = match sampler {
        Some(t) => t.await.unwrap_or(f64::NAN),
        None => f64::NAN,
    };
    drop(boxes);
    let mut each = Vec::new();
    for task in tasks {
        if let Ok(Ok(list)) = tokio::time::timeout(Duration::from_secs(5), task).await {
            each.extend(list);
        }
    }
    drop(idlers);
    run.server.stop();

    // Figures over the measured changes.
    let slots = &tracker.slots[warm..];
    let mut lat = Vec::with_capacity(measured);
    let mut ack = Vec::with_capacity(measured);
    let mut first_submit = u64::MAX;
    let mut last_delivery = 0u64;
    let mut deliveries = 0u64;
    for s in slots {
        let sub = s.submit.load(Relaxed);
        let count = s.count.load(Relaxed) as usize;
        deliveries += count as u64;
        if sub == 0 {
            continue;
        }
        first_submit = first_submit.min(sub);
        let a = s.ack.load(Relaxed);
        if a > 0 {
            ack.push(a.saturating_sub(sub));
        }
        if count >= n {
            let last = s.last.load(Relaxed);
            last_delivery = last_delivery.max(last);
            lat.push(last.saturating_sub(sub));
        }
    }
    let window_s = if last_delivery > first_submit {
        (last_delivery - first_submit) as f64 / 1e9
    } else {
        f64::NAN
    };
    let submitted = slots
        .iter()
        .map(|s| s.submit.load(Relaxed))
        .filter(|s| *s > 0)
        .collect::<Vec<_>>();
    let submit_rate = match (submitted.iter().min(), submitted.iter().max()) {
        (Some(a), Some(b)) if b > a => (submitted.len() - 1) as f64 / ((b - a) as f64 / 1e9),
        _ => f64::NAN,
    };
    if let Some(base) = &args.dump {
        let path = format!("{}.{name}.csv", base.display());
        let ms = |v: u64| {
            if v == 0 || v == u64::MAX {
                String::new()
            } else {
                format!("{:.3}", (v as f64 - first_submit as f64) / 1e6)
            }
        };
        let mut out = String::from("change,submit_ms,ack_ms,first_ms,last_ms,clients\n");
        for (i, s) in slots.iter().enumerate() {
            out.push_str(&format!(
                "{},{},{},{},{},{}\n",
                warm + i,
                ms(s.submit.load(Relaxed)),
                ms(s.ack.load(Relaxed)),
                ms(s.first.load(Relaxed)),
                ms(s.last.load(Relaxed)),
                s.count.load(Relaxed)
            ));
        }
        std::fs::write(&path, out)?;
        eprintln!("[{name}] wrote {path}");
    }
    let frames = tracker.frames.load(Relaxed);
    let result = FanoutResult {
        name,
        clients: n,
        rate: args.rate,
        measured,
        complete: lat.len(),
        latency: Summary::of(&mut lat),
        cpu_per_delivery_us: (cpu_end.0 - cpu_start.0) * 1e6 / each.len().max(1) as f64,
        delivery: Summary::of(&mut each),
        load1,
        ack: Summary::of(&mut ack),
        window_s,
        submit_rate,
        delivered_per_s: lat.len() as f64 / window_s,
        msgs_per_s: deliveries as f64 / window_s,
        errors: tracker.errors.load(Relaxed),
        refreshes: tracker.refreshes.load(Relaxed),
        dropped: tracker.dropped.load(Relaxed),
        edits,
        mean_frame: tracker.frame_bytes.load(Relaxed) as f64 / frames.max(1) as f64,
        before,
        idle_clients: args.idle_clients,
        idle_kib_per_conn,
        idle,
        end,
        server_cores,
        bench_cores,
        machine_cores,
        steal_cores,
        peak_other,
    };
    if let Some(e) = tracker
        .first_error
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
    {
        eprintln!("[{name}] first error frame: {e}");
    }
    Ok(result)
}

pub async fn fanout(args: FanoutArgs) -> Res<()> {
    if args.clients == 0 || args.clients + args.idle_clients > 20_000 {
        return Err("--clients must be at least 1 and, with --idle-clients, at most 20000".into());
    }
    if !(args.rate > 0.0 && args.rate <= 100_000.0) {
        return Err("--rate must be in (0, 100000]".into());
    }
    if !(args.seconds > 0.0 && args.seconds <= 600.0 && (0.0..=60.0).contains(&args.warmup)) {
        return Err("--seconds must be in (0, 600] and --warmup in [0, 60]".into());
    }
    if args.repeat > 20 {
        return Err("--repeat must be at most 20".into());
    }
    let changes = ((args.seconds + args.warmup) * args.rate).round() as usize;
    if args.op == Op::Add && changes + 10 > mot_core::Limits::MOMENTS_PER_JOURNEY {
        return Err(format!(
            "--op add: {changes} notes would not fit on a board of {}; lower --rate or --seconds",
            mot_core::Limits::MOMENTS_PER_JOURNEY
        )
        .into());
    }
    if args.pin {
        // The server on the first CPU (each run pins its own), this bench on
        // the second.
        procs::pin(std::process::id(), 1)?;
    }
    println!(
        "fanout: {} clients × {} changes/s (total, round-robin), {} s measured after {} s warm-up, changes: {:?}, pinned: {}",
        args.clients, args.rate, args.seconds, args.warmup, args.op, args.pin
    );
    let mut results: Vec<FanoutResult> = Vec::new();
    let mut discarded = 0usize;
    let mut payload = args.payload_bytes.unwrap_or(1200);
    for round in 0..args.repeat.max(1) {
        for kind in args.target.kinds() {
            if args.repeat > 1 {
                eprintln!("[round {}/{}]", round + 1, args.repeat);
            }
            let mut r = run_one(kind, &args, payload).await?;
            r.print();
            for retry in 1..=args.retries {
                if r.peak_other <= args.max_other_load {
                    break;
                }
                eprintln!(
                    "[{}] other processes used {:.2} cores in one second (> {}): run again ({retry}/{})",
                    r.name,
                    r.peak_other,
                    args.max_other_load,
                    args.retries
                );
                discarded += 1;
                tokio::time::sleep(Duration::from_secs(5)).await;
                r = run_one(kind, &args, payload).await?;
                r.print();
            }
            if kind == Kind::Mot && args.payload_bytes.is_none() && r.mean_frame > 0.0 {
                payload = r.mean_frame.round() as usize;
            }
            results.push(r);
        }
    }
    println!();
    println!(
        "| {} clients × {}/s | every delivery p50 | p99 | max | last client p50 | p99 | delivered/s | msgs/s | incomplete | errors | RSS end | KiB/conn | server CPU | µs a delivery | other load (peak) | steal | load avg |",
        args.clients, args.rate
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for r in &results {
        println!(
            "| {} | {} | {} | {} | {} | {} | {:.1} | {:.0} | {} | {} | {:.1} MiB | {:.1} | {:.2} cores | {:.2} | {:.2} ({:.2}) cores | {:.2} | {:.2} |",
            r.name,
            fmt_ms(r.delivery.p50),
            fmt_ms(r.delivery.p99),
            fmt_ms(r.delivery.max),
            fmt_ms(r.latency.p50),
            fmt_ms(r.latency.p99),
            r.delivered_per_s,
            r.msgs_per_s,
            r.measured - r.complete,
            r.errors,
            r.end.rss_kib as f64 / 1024.0,
            r.per_conn_kib(),
            r.server_cores,
            r.cpu_per_delivery_us,
            r.other_cores(),
            r.peak_other,
            r.steal_cores,
            r.load1
        );
    }
    if discarded > 0 {
        println!("({discarded} runs disturbed by other processes were discarded and run again)");
    }
    println!(
        "(reads that came without the kernel's timestamp, stamped when read: {})",
        crate::stamp::UNSTAMPED.load(Relaxed)
    );
    let quiet = results
        .iter()
        .all(|r| r.peak_other <= args.max_other_load && r.steal_cores <= 0.05);
    if !quiet {
        println!(
            "NOT QUIET: other processes kept more than {} cores busy in a second, or the hypervisor stole more than 0.05 cores, during a kept run",
            args.max_other_load
        );
    }
    // Over the rounds: min / median / max of each server's figures.
    let over = |name: &str, f: &dyn Fn(&FanoutResult) -> f64| {
        let v: Vec<f64> = results.iter().filter(|r| r.name == name).map(f).collect();
        (!v.is_empty()).then(|| crate::stats::spread(v))
    };
    println!();
    println!("| over {} rounds (min / median / max) | every delivery p50 | every delivery p99 | µs of server CPU a delivery |", args.repeat.max(1));
    println!("|---|---|---|---|");
    for name in ["mot", "baseline"] {
        let (Some(p50), Some(p99), Some(cpu)) = (
            over(name, &|r| r.delivery.p50),
            over(name, &|r| r.delivery.p99),
            over(name, &|r| r.cpu_per_delivery_us),
        ) else {
            continue;
        };
        println!(
            "| {name} | {} / {} / {} | {} / {} / {} | {:.2} / {:.2} / {:.2} |",
            fmt_ms(p50.0),
            fmt_ms(p50.1),
            fmt_ms(p50.2),
            fmt_ms(p99.0),
            fmt_ms(p99.1),
            fmt_ms(p99.2),
            cpu.0,
            cpu.1,
            cpu.2
        );
    }
    if let (Some(m50), Some(b50), Some(m99), Some(b99), Some(mc), Some(bc)) = (
        over("mot", &|r| r.delivery.p50),
        over("baseline", &|r| r.delivery.p50),
        over("mot", &|r| r.delivery.p99),
        over("baseline", &|r| r.delivery.p99),
        over("mot", &|r| r.cpu_per_delivery_us),
        over("baseline", &|r| r.cpu_per_delivery_us),
    ) {
        let complete = results
            .iter()
            .filter(|r| r.name == "mot")
            .all(|r| r.complete == r.measured);
        let verdict = |ok: bool| if ok && complete { "MET" } else { "MISSED" };
        let ratio = m99.1 / b99.1;
        let above = m50.1 - b50.1;
        let cpu = mc.1 / bc.1;
        println!();
        println!(
            "medians: p99 mot {} ÷ relay {} = {ratio:.2} (target ≤ 1.20): {}; p50 mot {} − relay {} = {above:+.2} ms (target ≤ +0.50 ms): {}; server CPU a delivery {:.2} ÷ {:.2} µs = {cpu:.2} (target ≤ 1.15): {}{}",
            fmt_ms(m99.1),
            fmt_ms(b99.1),
            verdict(ratio <= 1.2),
            fmt_ms(m50.1),
            fmt_ms(b50.1),
            verdict(above <= 0.5),
            mc.1,
            bc.1,
            verdict(cpu <= 1.15),
            if quiet { "" } else { " (NOT QUIET)" }
        );
    }
    Ok(())
}

pub async fn idle(args: IdleArgs) -> Res<()> {
    if args.clients == 0 || args.clients > 20_000 {
        return Err("--clients must be 1..=20000".into());
    }
    let settle = Duration::from_secs_f64(args.settle_seconds.clamp(0.0, 60.0));
    let mut rows = Vec::new();
    for kind in args.target.kinds() {
        let run = start(kind, &args.server, &args.conn, 0).await?;
        let name = run.server.name;
        tokio::time::sleep(settle).await;
        let before = run.server.stats();
        let sockets =
            clients::connect_all(&run.target, args.clients, args.conn.connect_parallel).await?;
        tokio::time::sleep(settle).await;
        let after = run.server.stats();
        let per = (after.rss_kib as f64 - before.rss_kib as f64) / args.clients as f64;
        println!(
            "== {name}: RSS {} KiB before, {} KiB with {} idle clients → {:.1} KiB per connection (threads {})",
            before.rss_kib, after.rss_kib, args.clients, per, after.threads
        );
        rows.push((name, before, after, per));
        drop(sockets);
        run.server.stop();
    }
    println!();
    println!("| server | idle clients | RSS before | RSS after | KiB per connection |");
    println!("|---|---|---|---|---|");
    for (name, b, a, per) in rows {
        println!(
            "| {name} | {} | {:.1} MiB | {:.1} MiB | {per:.1} |",
            args.clients,
            b.rss_kib as f64 / 1024.0,
            a.rss_kib as f64 / 1024.0
        );
    }
    Ok(())
}
