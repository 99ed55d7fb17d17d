//! The run on mot: the facilitator and the participants on one board, both
//! steps measured.

use super::feed::{stop_viewers, viewer, Feed, PanelAccess};
use super::figures::{cores_since, cpu_mark, drain, peak_other, settle, summarize, RunResult, Sub};
use super::http::{guest_command, http_client, join, login, Api, Guest};
use super::{SessionArgs, Step};
use crate::clients::{self, Target, Ws};
use crate::procs;
use crate::stats::Summary;
use crate::Res;
use futures_util::StreamExt;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};

/// Panel reads by one screen alone, after the steps.
const PANEL_ALONE: usize = 20;

/// A small deterministic generator (xorshift64*), seeded per participant.
struct Rng(u64);
impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The moments participant `p` puts its dots on: `k` distinct ones, drawn
/// with a bias towards the start of the board so that the tally has a top.
fn dots_of(p: usize, k: usize, moments: &[i64]) -> Vec<i64> {
    let mut rng = Rng::new(p as u64 + 1);
    let mut out: Vec<i64> = Vec::with_capacity(k);
    for _ in 0..k * 50 {
        if out.len() == k {
            break;
        }
        let u = rng.unit();
        let m = moments[((u * u) * moments.len() as f64) as usize % moments.len()];
        if !out.contains(&m) {
            out.push(m);
        }
    }
    for m in moments {
        if out.len() == k {
            break;
        }
        if !out.contains(m) {
            out.push(*m);
        }
    }
    out
}

pub(super) async fn run_mot(args: &SessionArgs) -> Res<RunResult> {
    let n = args.participants + 1;
    let dir = args.server.temp_dir()?;
    let (server, token) = procs::start_mot(&args.server, dir.path())?;
    let addr = server.addr;
    eprintln!("[mot] server pid {} on {addr}", server.pid);
    let board = procs::make_board(addr, &token, args.moments).await?;
    let jid = board.journey_id;
    let api = Api {
        http: http_client()?,
        base: format!("http://{addr}/api/v1"),
        auth: format!("Bearer {token}"),
    };

    // The facilitator: a page session (for the panel) and the API (commands).
    let me = api.get("/me").await?;
    let email = me["email"].as_str().ok_or("no email in /me")?.to_string();
    let fac_http = http_client()?;
    let fac_cookie = login(&fac_http, addr, &email).await?;
    let s = api
        .post(
            &format!("/journeys/{jid}/sessions"),
            serde_json::json!({
                "title": "Bench session",
                "vote_limit": args.votes,
                "multi_vote": false,
                "priority_cap": args.priorities,
            }),
        )
        .await?;
    let sid = s["id"].as_i64().ok_or("no session id")?;
    for (from, to) in [("capture", "colour_code"), ("colour_code", "prioritise")] {
        api.command(
            sid,
            serde_json::json!({"op": "change_phase", "expected": from, "target": to}),
        )
        .await?;
    }

    // The participants join by the board's link.
    let link = api.get(&format!("/journeys/{jid}/join-link")).await?;
    let link_token = link["url"]
        .as_str()
        .and_then(|u| u.rsplit('/').next())
        .ok_or("no join link")?
        .to_string();
    let t = Instant::now();
    let guests: Vec<Res<Guest>> = futures_util::stream::iter(0..args.participants)
        .map(|p| {
            let link_token = link_token.clone();
            async move { join(addr, &link_token, jid, &format!("Participant {}", p + 1)).await }
        })
        .buffered(args.setup_parallel.max(1))
        .collect()
        .await;
    let guests: Vec<Arc<Guest>> = guests
        .into_iter()
        .map(|g| g.map(Arc::new))
        .collect::<Res<_>>()?;
    eprintln!(
        "[mot] {} participants joined in {:.2} s",
        guests.len(),
        t.elapsed().as_secs_f64()
    );

    // n live sockets: the facilitator's (bearer token), then one per guest.
    let last_seq = api.get(&format!("/journeys/{jid}")).await?["last_seq"]
        .as_i64()
        .ok_or("no last_seq")?;
    let target = Target {
        addr,
        path: format!("/j/{jid}/live?since={last_seq}"),
        token: None,
    };
    let t = Instant::now();
    let fac_target = Target {
        token: Some(token.clone()),
        ..target.clone()
    };
    let mut sockets = vec![clients::connect(&fac_target).await?];
    let rest: Vec<Res<Ws>> =
        futures_util::stream::iter(guests.iter())
            .map(|g| {
                let target = target.clone();
                async move {
                    clients::connect_with_headers(&target, &[("cookie", g.cookie.clone())]).await
                }
            })
            .buffered(args.conn.connect_parallel.max(1))
            .collect()
            .await;
    for ws in rest {
        sockets.push(ws?);
    }
    eprintln!(
        "[mot] {n} sockets connected in {:.2} s",
        t.elapsed().as_secs_f64()
    );

    let per_person = args.votes as usize + args.priorities as usize;
    let feed = Arc::new(Feed::new(last_seq, args.participants * per_person + 64));
    let (stop_tx, stop_rx) = watch::channel(false);
    let panel_url = format!("http://{addr}/j/{jid}/session-panel");
    let debounce = Duration::from_millis(args.panel_debounce_ms);
    let max_wait = Duration::from_millis(args.panel_max_wait_ms);
    let mut tasks = Vec::with_capacity(n);
    let mut outboxes = Vec::with_capacity(n);
    // Participant p's answers, to its own screen (socket p + 1).
    let mut answered = Vec::with_capacity(n);
    for (i, ws) in sockets.into_iter().enumerate() {
        let panel = args.panel.then(|| {
            if i == 0 {
                PanelAccess {
                    http: fac_http.clone(),
                    url: panel_url.clone(),
                    cookie: fac_cookie.clone(),
                    debounce,
                    max_wait,
                }
            } else {
                let g = &guests[i - 1];
                PanelAccess {
                    http: g.http.clone(),
                    url: panel_url.clone(),
                    cookie: g.cookie.clone(),
                    debounce,
                    max_wait,
                }
            }
        });
        let (tx, rx) = mpsc::unbounded_channel();
        outboxes.push(tx);
        let (own_tx, own_rx) = mpsc::unbounded_channel();
        if i > 0 {
            answered.push(own_tx);
        }
        tasks.push(tokio::spawn(viewer(
            ws,
            feed.clone(),
            panel,
            own_rx,
            rx,
            stop_rx.clone(),
        )));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;

    let cmd_url = format!("http://{addr}/j/{jid}/sessions/{sid}");
    let mut steps = Vec::new();
    let mut schedule = Vec::new();
    let mut priorities: Vec<i64> = Vec::new();
    for step in Step::ALL {
        if step == Step::Rate {
            // The facilitator reveals the votes, confirms the top moments and
            // moves on to Assess.
            let (mut seqs, v) = api
                .command(sid, serde_json::json!({"op": "reveal_votes"}))
                .await?;
            let tally = v["changes"][0]["event"]["tally"]
                .as_array()
                .ok_or("no tally in the reveal")?;
            priorities = tally
                .iter()
                .filter_map(|r| r["moment_id"].as_i64())
                .take(args.priorities as usize)
                .collect();
            let (s2, _) = api
                .command(
                    sid,
                    serde_json::json!({"op": "set_priorities", "moment_ids": priorities}),
                )
                .await?;
            let (s3, _) = api
                .command(
                    sid,
                    serde_json::json!({"op": "change_phase", "expected": "prioritise", "target": "assess"}),
                )
                .await?;
            seqs.extend(s2);
            seqs.extend(s3);
            settle(&feed, &seqs, n, args.panel).await;
        }
        let mark = cpu_mark(&server);
        let (sampler_stop, sampler_rx) = watch::channel(false);
        let sampler = tokio::spawn(peak_other(server.pid, sampler_rx));
        let t0 = tokio::time::Instant::now() + Duration::from_millis(200);
        let t0_feed = feed.now() + 200_000_000;
        let think = Duration::from_millis(args.think_ms);
        let work: Vec<_> = guests
            .iter()
            .enumerate()
            .map(|(p, g)| {
                let forms: Vec<String> = match step {
                    Step::Vote => dots_of(p, args.votes as usize, &board.pool)
                        .into_iter()
                        .map(|m| format!("op=vote&moment_id={m}"))
                        .collect(),
                    Step::Rate => {
                        let mut rng = Rng::new(1000 + p as u64);
                        priorities
                            .iter()
                            .map(|m| {
                                let r =
                                    ["miserable", "neutral", "magical"][(rng.next() % 3) as usize];
                                format!("op=rate&moment_id={m}&rating={r}")
                            })
                            .collect()
                    }
                };
                let (g, feed, url) = (g.clone(), feed.clone(), cmd_url.clone());
                let own = answered[p].clone();
                tokio::spawn(async move {
                    tokio::time::sleep_until(t0).await;
                    let mut subs = Vec::with_capacity(forms.len());
                    let mut errors = Vec::new();
                    for (k, form) in forms.iter().enumerate() {
                        if k > 0 && !think.is_zero() {
                            tokio::time::sleep(think).await;
                        }
                        let submit = feed.now();
                        let r = guest_command(&g, &url, form).await;
                        let ack = feed.now();
                        if r.is_ok() {
                            let _ = own.send(());
                        }
                        match r {
                            Ok(seq) => subs.push(Sub {
                                participant: p,
                                submit,
                                ack,
                                seq: Some(seq),
                            }),
                            Err(e) => {
                                errors.push(e.to_string());
                                subs.push(Sub {
                                    participant: p,
                                    submit,
                                    ack,
                                    seq: None,
                                });
                            }
                        }
                    }
                    (subs, errors)
                })
            })
            .collect();
        let mut subs = Vec::new();
        let mut errors = Vec::new();
        for w in work {
            let (s, e) = w.await?;
            subs.extend(s);
            errors.extend(e);
        }
        drain(&feed, &subs, n, args.panel, args.drain_seconds).await;
        let cores = cores_since(&server, &mark);
        let _ = sampler_stop.send(true);
        let peak = sampler.await.unwrap_or(f64::NAN);
        let mut sched: Vec<(usize, u64)> = subs
            .iter()
            .filter(|s| s.seq.is_some())
            .map(|s| (s.participant, s.submit.saturating_sub(t0_feed)))
            .collect();
        sched.sort_by_key(|x| x.1);
        schedule.push(sched);
        let r = summarize(step, &feed, &subs, errors, n, args.panel, cores, peak);
        r.print("mot", n);
        steps.push(r);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let rss_end_kib = server.stats().rss_kib;
    stop_viewers(stop_tx, outboxes, tasks).await;
    // One screen alone re-reading its panel: the cost of one panel, without
    // the other screens.
    let mut alone = Vec::with_capacity(PANEL_ALONE);
    if let Some(g) = guests.first() {
        for _ in 0..PANEL_ALONE {
            let t = Instant::now();
            let r = g
                .http
                .get(&panel_url)
                .header("cookie", &g.cookie)
                .header("x-mot-fetch", "1")
                .send()
                .await?;
            if r.status().is_success() {
                r.bytes().await?;
                alone.push(t.elapsed().as_nanos() as u64);
            }
        }
    }
    server.stop();
    let fetches = feed.fetches.load(Relaxed);
    Ok(RunResult {
        name: "mot",
        sockets: n,
        steps,
        schedule,
        fetches,
        fetch_errors: feed.fetch_errors.load(Relaxed),
        mean_fetch_ms: feed.fetch_ns.load(Relaxed) as f64 / fetches.max(1) as f64 / 1e6,
        mean_fetch_bytes: feed.fetch_bytes.load(Relaxed) as f64 / fetches.max(1) as f64,
        dropped: feed.dropped.load(Relaxed),
        frames: feed.frames.load(Relaxed),
        rss_end_kib,
        panel_alone: Summary::of(&mut alone),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_are_distinct_and_on_the_board() {
        let board: Vec<i64> = (100..124).collect();
        for p in 0..200 {
            let d = dots_of(p, 5, &board);
            assert_eq!(d.len(), 5);
            let mut u = d.clone();
            u.sort();
            u.dedup();
            assert_eq!(u.len(), 5);
            assert!(d.iter().all(|m| board.contains(m)));
        }
        assert_eq!(dots_of(0, 3, &[1, 2, 3]).len(), 3);
    }
}
