//! The baseline: the bare relay with as many clients, carrying the same
//! number of messages, of the size of mot's frames, on mot's schedule.

use super::feed::{stop_viewers, viewer, Feed};
use super::figures::{cores_since, cpu_mark, drain, peak_other, summarize, RunResult, Sub};
use super::{SessionArgs, Step};
use crate::clients::{self, Target};
use crate::procs;
use crate::stats::Summary;
use crate::Res;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, watch};

/// The baseline's message `seq`, padded to `size` bytes.
pub(super) fn relay_text(step: Step, seq: i64, size: usize) -> String {
    let head = format!(r#"{{"type":"{}","seq":{seq},"pad":""#, step.frame());
    let pad = size.saturating_sub(head.len() + 2);
    let mut s = String::with_capacity(head.len() + pad + 2);
    s.push_str(&head);
    s.extend(std::iter::repeat_n('x', pad));
    s.push_str("\"}");
    s
}

/// The relay with `participants + 1` clients; participant `p` (socket
/// `p + 1`) sends at the times of `schedule`, messages of `sizes[step]`.
pub(super) async fn run_baseline(
    args: &SessionArgs,
    schedule: &[Vec<(usize, u64)>],
    sizes: &[usize],
) -> Res<RunResult> {
    let n = args.participants + 1;
    let server = procs::start_relay(args.conn.baseline_nodelay)?;
    eprintln!("[baseline] server pid {} on {}", server.pid, server.addr);
    let target = Target {
        addr: server.addr,
        path: "/".into(),
        token: None,
    };
    let sockets = clients::connect_all(&target, n, args.conn.connect_parallel).await?;
    let total: usize = schedule.iter().map(Vec::len).sum();
    let feed = Arc::new(Feed::new(0, total + 8));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut tasks = Vec::with_capacity(n);
    let mut outboxes = Vec::with_capacity(n);
    for ws in sockets {
        let (tx, rx) = mpsc::unbounded_channel();
        outboxes.push(tx);
        // The relay has no pages: no panel, no own answers.
        let (_, no_answers) = mpsc::unbounded_channel();
        tasks.push(tokio::spawn(viewer(
            ws,
            feed.clone(),
            None,
            no_answers,
            rx,
            stop_rx.clone(),
        )));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let mut steps = Vec::new();
    let mut next_seq = 1i64;
    for (i, step) in Step::ALL.into_iter().enumerate() {
        let Some(sched) = schedule.get(i) else { break };
        let mark = cpu_mark(&server);
        let (sampler_stop, sampler_rx) = watch::channel(false);
        let sampler = tokio::spawn(peak_other(server.pid, sampler_rx));
        let t0 = tokio::time::Instant::now() + Duration::from_millis(200);
        let mut sent = Vec::with_capacity(sched.len());
        for (p, at) in sched {
            tokio::time::sleep_until(t0 + Duration::from_nanos(*at)).await;
            let seq = next_seq;
            next_seq += 1;
            let text = relay_text(step, seq, sizes.get(i).copied().unwrap_or(100));
            let _ = outboxes[(p + 1) % n].send((seq, text));
            sent.push((*p, seq));
        }
        // Submit times are taken by the sockets' tasks when they write.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let subs: Vec<Sub> = sent
            .iter()
            .map(|(p, seq)| Sub {
                participant: *p,
                submit: feed.get(*seq).map_or(0, |s| s.submit.load(Relaxed)),
                ack: 0,
                seq: Some(*seq),
            })
            .collect();
        drain(&feed, &subs, n, false, args.drain_seconds).await;
        // Re-read: a write may have been late.
        let subs: Vec<Sub> = subs
            .into_iter()
            .map(|s| Sub {
                submit: s
                    .seq
                    .and_then(|q| feed.get(q))
                    .map_or(0, |x| x.submit.load(Relaxed)),
                ..s
            })
            .collect();
        let cores = cores_since(&server, &mark);
        let _ = sampler_stop.send(true);
        let peak = sampler.await.unwrap_or(f64::NAN);
        let r = summarize(step, &feed, &subs, Vec::new(), n, false, cores, peak);
        r.print("baseline", n);
        steps.push(r);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let rss_end_kib = server.stats().rss_kib;
    stop_viewers(stop_tx, outboxes, tasks).await;
    server.stop();
    Ok(RunResult {
        name: "baseline",
        sockets: n,
        steps,
        schedule: Vec::new(),
        fetches: 0,
        fetch_errors: 0,
        mean_fetch_ms: f64::NAN,
        mean_fetch_bytes: f64::NAN,
        dropped: feed.dropped.load(Relaxed),
        frames: feed.frames.load(Relaxed),
        rss_end_kib,
        panel_alone: Summary::default(),
    })
}
