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
//!
//! [`mot`] runs the session on mot and [`baseline`] on the relay; [`feed`]
//! records what every socket and screen saw, [`http`] talks to mot's pages
//! and API, and [`figures`] sums up each step.

mod baseline;
mod feed;
mod figures;
mod http;
mod mot;

use crate::fanout::ConnArgs;
use crate::procs::ServerOpts;
use crate::stats::fmt_ms;
use crate::Res;
use clap::ArgAction;
use figures::{RunResult, StepResult};
use std::time::Duration;

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
        let m = mot::run_mot(&args).await?;
        println!(
            "  [mot] panel reads {} (failed {}), mean {} and {:.0} B each (one screen alone afterwards: p50 {}, max {}); frames {} ({:.0} a socket); dropped sockets {}; server RSS end {:.1} MiB",
            m.fetches,
            m.fetch_errors,
            fmt_ms(m.mean_fetch_ms),
            m.mean_fetch_bytes,
            fmt_ms(m.panel_alone.p50),
            fmt_ms(m.panel_alone.max),
            m.frames,
            m.frames as f64 / m.sockets.max(1) as f64,
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
            let b = baseline::run_baseline(&args, &schedule, &sizes).await?;
            println!(
                "  [baseline] frames {} ({:.0} a socket); dropped sockets {}",
                b.frames,
                b.frames as f64 / b.sockets.max(1) as f64,
                b.dropped
            );
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
