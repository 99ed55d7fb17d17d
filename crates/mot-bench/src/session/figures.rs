//! The figures of one step: what was submitted and delivered, waiting for
//! the deliveries, CPU, and the step's summary as printed.

use super::feed::Feed;
use super::Step;
use crate::procs::{self, ServerProc};
use crate::stats::{fmt_ms, Summary};
use std::sync::atomic::Ordering::Relaxed;
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// One submitted vote or rating.
#[derive(Debug, Clone, Copy)]
pub(super) struct Sub {
    pub(super) participant: usize,
    /// ns on the feed's clock (plus one); 0 for none.
    pub(super) submit: u64,
    pub(super) ack: u64,
    /// The change it committed (None: refused or failed).
    pub(super) seq: Option<i64>,
}

/// The figures of one step (votes or ratings) of one run.
#[derive(Debug, Clone)]
pub(super) struct StepResult {
    pub(super) step: Step,
    /// Submitted, and refused or failed.
    pub(super) submitted: usize,
    pub(super) errors: usize,
    pub(super) first_error: Option<String>,
    /// Changes delivered to every socket, and shown on every screen.
    pub(super) complete: usize,
    pub(super) latency: Summary,
    pub(super) shown: Summary,
    pub(super) shown_complete: usize,
    pub(super) ack: Summary,
    /// Accepted submits per second, from the first submit to the last answer
    /// (mot) or write (baseline).
    pub(super) submit_rate: f64,
    /// From the first submit to the last delivery to the last socket.
    pub(super) window_s: f64,
    pub(super) mean_frame: f64,
    pub(super) server_cores: f64,
    pub(super) bench_cores: f64,
    pub(super) other_cores: f64,
    pub(super) peak_other: f64,
}

/// CPU readings at the start of a step.
pub(super) struct CpuMark {
    server: f64,
    bench: f64,
    machine: f64,
    at: Instant,
}

pub(super) fn cpu_mark(server: &ServerProc) -> CpuMark {
    CpuMark {
        server: server.stats().cpu_secs,
        bench: procs::cpu_secs("/proc/self/stat"),
        machine: procs::machine_cpu().0,
        at: Instant::now(),
    }
}

/// (server, bench, other processes) cores since `m`.
pub(super) fn cores_since(server: &ServerProc, m: &CpuMark) -> (f64, f64, f64) {
    let now = cpu_mark(server);
    let wall = (now.at - m.at).as_secs_f64().max(1e-6);
    let s = (now.server - m.server) / wall;
    let b = (now.bench - m.bench) / wall;
    let machine = (now.machine - m.machine) / wall;
    (s, b, (machine - s - b).max(0.0))
}

/// Each second until `stop`, the cores other processes kept busy; the most.
pub(super) async fn peak_other(pid: u32, mut stop: watch::Receiver<bool>) -> f64 {
    let sample = || {
        (
            procs::machine_cpu().0,
            procs::proc_stats(pid).cpu_secs,
            procs::cpu_secs("/proc/self/stat"),
            Instant::now(),
        )
    };
    let mut peak = 0.0f64;
    let mut last = sample();
    for _ in 0..600 {
        let stopped = tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(1)) => false,
            _ = stop.changed() => true,
        };
        let now = sample();
        let wall = (now.3 - last.3).as_secs_f64();
        // A last part-second counts when it is long enough to mean something
        // (the clock ticks are 10 ms).
        if !stopped || wall >= 0.25 {
            peak = peak.max(((now.0 - last.0) - (now.1 - last.1) - (now.2 - last.2)) / wall);
        }
        if stopped {
            break;
        }
        last = now;
    }
    peak
}

/// Waits (bounded) until every accepted submit reached all `n` sockets and,
/// with `panel`, all `n` screens.
pub(super) async fn drain(feed: &Feed, subs: &[Sub], n: usize, panel: bool, seconds: f64) {
    let until = Instant::now() + Duration::from_secs_f64(seconds);
    let done = || {
        subs.iter().filter_map(|s| s.seq).all(|q| {
            feed.get(q).is_some_and(|s| {
                s.count.load(Relaxed) as usize >= n
                    && (!panel || s.shown.load(Relaxed) as usize >= n)
            })
        })
    };
    while !done() && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Waits (bounded) until the changes `seqs` reached all `n` sockets, then
/// lets the screens settle.
pub(super) async fn settle(feed: &Feed, seqs: &[i64], n: usize, panel: bool) {
    let until = Instant::now() + Duration::from_secs(20);
    let done = || {
        seqs.iter().all(|q| {
            feed.get(*q).is_some_and(|s| {
                s.count.load(Relaxed) as usize >= n
                    && (!panel || s.shown.load(Relaxed) as usize >= n)
            })
        })
    };
    while !done() && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
}

#[allow(clippy::too_many_arguments)]
pub(super) fn summarize(
    step: Step,
    feed: &Feed,
    subs: &[Sub],
    errors: Vec<String>,
    n: usize,
    panel: bool,
    cores: (f64, f64, f64),
    peak_other: f64,
) -> StepResult {
    let mut lat = Vec::new();
    let mut shown = Vec::new();
    let mut ack = Vec::new();
    let mut bytes = (0u64, 0u64);
    let mut first_submit = u64::MAX;
    let mut last_answer = 0u64;
    let mut last_delivery = 0u64;
    for s in subs {
        if s.submit == 0 {
            continue;
        }
        first_submit = first_submit.min(s.submit);
        if s.ack > 0 {
            ack.push(s.ack - s.submit);
            last_answer = last_answer.max(s.ack);
        } else {
            last_answer = last_answer.max(s.submit);
        }
        let Some(seen) = s.seq.and_then(|q| feed.get(q)) else {
            continue;
        };
        let b = seen.bytes.load(Relaxed) as u64;
        if b > 0 {
            bytes = (bytes.0 + b, bytes.1 + 1);
        }
        if seen.count.load(Relaxed) as usize >= n {
            let last = seen.last.load(Relaxed);
            last_delivery = last_delivery.max(last);
            lat.push(last.saturating_sub(s.submit));
        }
        if panel && seen.shown.load(Relaxed) as usize >= n {
            shown.push(seen.shown_last.load(Relaxed).saturating_sub(s.submit));
        }
    }
    let accepted = subs.iter().filter(|s| s.seq.is_some()).count();
    let span = |end: u64| {
        if end > first_submit && first_submit != u64::MAX {
            (end - first_submit) as f64 / 1e9
        } else {
            f64::NAN
        }
    };
    StepResult {
        step,
        submitted: subs.len(),
        errors: errors.len(),
        first_error: errors.into_iter().next(),
        complete: lat.len(),
        latency: Summary::of(&mut lat),
        shown_complete: shown.len(),
        shown: Summary::of(&mut shown),
        ack: Summary::of(&mut ack),
        submit_rate: accepted as f64 / span(last_answer),
        window_s: span(last_delivery),
        mean_frame: bytes.0 as f64 / bytes.1.max(1) as f64,
        server_cores: cores.0,
        bench_cores: cores.1,
        other_cores: cores.2,
        peak_other,
    }
}

/// One server's run: both steps.
pub(super) struct RunResult {
    pub(super) name: &'static str,
    pub(super) sockets: usize,
    pub(super) steps: Vec<StepResult>,
    /// mot: per step, (participant, ns after the step's start) of every
    /// accepted submit, in order — the baseline's schedule.
    pub(super) schedule: Vec<Vec<(usize, u64)>>,
    pub(super) fetches: u64,
    pub(super) fetch_errors: u64,
    pub(super) mean_fetch_ms: f64,
    pub(super) mean_fetch_bytes: f64,
    pub(super) dropped: u64,
    /// Frames every socket received over the run (one may stand for
    /// several changes: see `feed::Feed::on_frame`).
    pub(super) frames: u64,
    pub(super) rss_end_kib: u64,
    /// mot: one screen's panel re-read on the quiet server, after the steps.
    pub(super) panel_alone: Summary,
}

impl StepResult {
    pub(super) fn print(&self, name: &str, sockets: usize) {
        println!(
            "  [{name}] {}: {} submitted, {} refused/failed, {} delivered to all {sockets} sockets (incomplete {})",
            self.step.name(),
            self.submitted,
            self.errors,
            self.complete,
            self.submitted - self.errors - self.complete
        );
        println!(
            "    submit→all sockets have the {} frame: p50 {}  p99 {}  max {}  mean {}",
            self.step.frame(),
            fmt_ms(self.latency.p50),
            fmt_ms(self.latency.p99),
            fmt_ms(self.latency.max),
            fmt_ms(self.latency.mean)
        );
        if self.shown.n > 0 {
            println!(
                "    submit→all screens show it (panel re-read): p50 {}  p99 {}  max {}  ({} of {} shown on every screen)",
                fmt_ms(self.shown.p50),
                fmt_ms(self.shown.p99),
                fmt_ms(self.shown.max),
                self.shown_complete,
                self.submitted - self.errors
            );
        }
        if self.ack.n > 0 {
            println!(
                "    answer to the participant: p50 {}  p99 {}  max {}",
                fmt_ms(self.ack.p50),
                fmt_ms(self.ack.p99),
                fmt_ms(self.ack.max)
            );
        }
        println!(
            "    {:.0} submits/s accepted; last delivery {:.2} s after the first submit; mean frame {:.0} B",
            self.submit_rate, self.window_s, self.mean_frame
        );
        println!(
            "    CPU: server {:.2} cores, bench {:.2}, other processes {:.2} (peak {:.2} in one second) of 2",
            self.server_cores, self.bench_cores, self.other_cores, self.peak_other
        );
        if let Some(e) = &self.first_error {
            println!("    first error: {e}");
        }
    }
}
