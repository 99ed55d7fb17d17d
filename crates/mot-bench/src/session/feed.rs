//! What the live sockets saw: every socket's view of the board, and each
//! screen re-reading its session panel as the page does.

use crate::clients::Ws;
use futures_util::{SinkExt, StreamExt};
use memchr::memmem::Finder;
use std::sync::atomic::{AtomicI64, AtomicU32, AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::Message;

/// One change of the board, by sequence number.
#[derive(Default)]
pub(super) struct Seen {
    /// Sockets that received its frame; first and last arrival (ns since the
    /// feed's start, plus one).
    pub(super) count: AtomicU32,
    pub(super) first: AtomicU64,
    pub(super) last: AtomicU64,
    /// Size of its frame: of its share of the frame when one stood for
    /// several (what the baseline's messages are padded to).
    pub(super) bytes: AtomicU32,
    /// Screens whose session panel shows it, and the last of them.
    pub(super) shown: AtomicU32,
    pub(super) shown_last: AtomicU64,
    /// Baseline only: when the message was written.
    pub(super) submit: AtomicU64,
}

/// Every socket's view of the board, shared by their tasks.
pub(super) struct Feed {
    pub(super) start: Instant,
    /// The board's last change before the sockets connected.
    pub(super) base: i64,
    pub(super) seen: Vec<Seen>,
    pub(super) frames: AtomicU64,
    pub(super) dropped: AtomicU64,
    pub(super) fetches: AtomicU64,
    pub(super) fetch_errors: AtomicU64,
    pub(super) fetch_ns: AtomicU64,
    pub(super) fetch_bytes: AtomicU64,
    pub(super) seq: Finder<'static>,
    pub(super) from: Finder<'static>,
}

impl Feed {
    pub(super) fn new(base: i64, capacity: usize) -> Feed {
        Feed {
            start: Instant::now(),
            base,
            seen: (0..capacity)
                .map(|_| Seen {
                    first: AtomicU64::new(u64::MAX),
                    ..Seen::default()
                })
                .collect(),
            frames: AtomicU64::new(0),
            dropped: AtomicU64::new(0),
            fetches: AtomicU64::new(0),
            fetch_errors: AtomicU64::new(0),
            fetch_ns: AtomicU64::new(0),
            fetch_bytes: AtomicU64::new(0),
            seq: Finder::new(b"\"seq\":"),
            from: Finder::new(b"\"from\":"),
        }
    }

    pub(super) fn now(&self) -> u64 {
        self.start.elapsed().as_nanos() as u64 + 1
    }

    pub(super) fn get(&self, seq: i64) -> Option<&Seen> {
        usize::try_from(seq - self.base - 1)
            .ok()
            .and_then(|i| self.seen.get(i))
    }

    /// The first `"seq":N` of a frame (a frame's own comes first).
    fn seq_of(&self, text: &[u8]) -> Option<i64> {
        number_after(text, self.seq.find(text)? + 6)
    }

    /// The changes a frame stands for, `from` to `seq`: mot sends counts
    /// that later ones supersede once when its hub is behind, with `"from"`
    /// (a `votes_changed`, or a `batch` whose own `"from"` comes second,
    /// before its inner frames).
    fn range_of(&self, text: &[u8]) -> Option<(i64, i64)> {
        let seq = self.seq_of(text)?;
        let from = match self.from.find(text) {
            Some(p) => number_after(text, p + 7)?,
            None => seq,
        };
        Some((from.min(seq), seq))
    }

    /// Records one received frame; returns the changes it stands for.
    pub(super) fn on_frame(&self, text: &str) -> Option<(i64, i64)> {
        let now = self.now();
        let (from, seq) = self.range_of(text.as_bytes())?;
        self.frames.fetch_add(1, Relaxed);
        // A batch's inner frames each carry a "seq" of their own, after its.
        let inner = self
            .seq
            .find_iter(text.as_bytes())
            .count()
            .saturating_sub(1)
            .max(1);
        let share = (text.len() / inner) as u32;
        for seq in from..=seq {
            if let Some(s) = self.get(seq) {
                s.count.fetch_add(1, Relaxed);
                s.first.fetch_min(now, Relaxed);
                s.last.fetch_max(now, Relaxed);
                s.bytes.store(share, Relaxed);
            }
        }
        Some((from, seq))
    }

    /// One screen shows the changes in (after, upto] since `at`.
    pub(super) fn shown(&self, after: i64, upto: i64, at: u64) {
        for seq in after + 1..=upto {
            if let Some(s) = self.get(seq) {
                s.shown.fetch_add(1, Relaxed);
                s.shown_last.fetch_max(at, Relaxed);
            }
        }
    }
}

/// The decimal number that starts at `p` in `text`.
fn number_after(text: &[u8], p: usize) -> Option<i64> {
    let digits = text
        .get(p..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    std::str::from_utf8(&text[p..p + digits]).ok()?.parse().ok()
}

/// How one screen re-reads its session panel.
#[derive(Clone)]
pub(super) struct PanelAccess {
    pub(super) http: reqwest::Client,
    pub(super) url: String,
    pub(super) cookie: String,
    pub(super) debounce: Duration,
    pub(super) max_wait: Duration,
}

/// Frames whose counts the page writes in place, without a panel read.
fn in_place(text: &str) -> bool {
    text.contains(r#""type":"votes_changed""#) || text.contains(r#""type":"ratings_changed""#)
}

/// One live socket: records frames; with `panel`, shows them like the page
/// (counts in place; a panel read after `own` answers and other session
/// frames); sends what its outbox gives it (the baseline's messages).
pub(super) async fn viewer(
    ws: Ws,
    feed: Arc<Feed>,
    panel: Option<PanelAccess>,
    mut own: mpsc::UnboundedReceiver<()>,
    mut out: mpsc::UnboundedReceiver<(i64, String)>,
    mut stop: watch::Receiver<bool>,
) {
    let (mut sink, mut stream) = ws.split();
    let mut received = feed.base;
    let shown_upto = Arc::new(AtomicI64::new(feed.base));
    let mut due: Option<tokio::time::Instant> = None;
    let mut first_pending: Option<tokio::time::Instant> = None;
    let mut own_open = true;
    // board.js refreshPanel: 80 ms after the last, at most 400 ms after the first.
    let schedule = |due: &mut Option<tokio::time::Instant>,
                    first: &mut Option<tokio::time::Instant>,
                    p: &PanelAccess| {
        let now = tokio::time::Instant::now();
        let first = *first.get_or_insert(now);
        *due = Some((now + p.debounce).min(first + p.max_wait));
    };
    let mut fetches = tokio::task::JoinSet::new();
    let mut sending = true;
    let mut alive = true;
    while alive && !*stop.borrow() {
        let wait = async {
            match due {
                Some(d) => tokio::time::sleep_until(d).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            m = stream.next() => match m {
                Some(Ok(Message::Text(t))) => {
                    if let Some((from, seq)) = feed.on_frame(t.as_str()) {
                        received = received.max(seq);
                        if let Some(p) = &panel {
                            // A count written in place shows at once, unless an
                            // earlier change still waits for a panel read.
                            let shown_now = in_place(t.as_str())
                                && shown_upto
                                    .fetch_update(Relaxed, Relaxed, |c| (c >= from - 1 && c < seq).then_some(seq))
                                    .map(|before| feed.shown(before, seq, feed.now()))
                                    .is_ok();
                            if !shown_now {
                                schedule(&mut due, &mut first_pending, p);
                            }
                        }
                    }
                }
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => {
                    feed.dropped.fetch_add(1, Relaxed);
                    alive = false;
                }
                Some(Ok(_)) => {}
            },
            o = own.recv(), if own_open => match (o, &panel) {
                // The page re-reads its panel when its own post is answered.
                (Some(()), Some(p)) => schedule(&mut due, &mut first_pending, p),
                (Some(()), None) => {}
                (None, _) => own_open = false,
            },
            _ = wait => {
                due = None;
                first_pending = None;
                if let Some(p) = &panel {
                    fetches.spawn(fetch_panel(p.clone(), feed.clone(), shown_upto.clone(), received));
                }
            }
            Some(_) = fetches.join_next(), if !fetches.is_empty() => {}
            o = out.recv(), if sending => match o {
                Some((seq, text)) => {
                    if let Some(s) = feed.get(seq) {
                        s.submit.store(feed.now(), Relaxed);
                    }
                    if sink.send(Message::text(text)).await.is_err() {
                        feed.dropped.fetch_add(1, Relaxed);
                        alive = false;
                    }
                }
                None => sending = false,
            },
            r = stop.changed() => if r.is_err() { alive = false },
        }
    }
    fetches.abort_all();
    if alive {
        let _ = tokio::time::timeout(Duration::from_secs(2), sink.close()).await;
    }
}

/// Stops every socket's task (at most 5 s each).
pub(super) async fn stop_viewers<T>(
    stop: watch::Sender<bool>,
    outboxes: Vec<mpsc::UnboundedSender<T>>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
) {
    let _ = stop.send(true);
    drop(outboxes);
    for t in tasks {
        let _ = tokio::time::timeout(Duration::from_secs(5), t).await;
    }
}

/// `GET /j/{id}/session-panel` as the page does; the panel then shows every
/// change up to `upto` (the last frame the socket had when it started).
async fn fetch_panel(p: PanelAccess, feed: Arc<Feed>, shown_upto: Arc<AtomicI64>, upto: i64) {
    let t0 = feed.now();
    let res = p
        .http
        .get(&p.url)
        .header("cookie", &p.cookie)
        .header("x-mot-fetch", "1")
        .timeout(Duration::from_secs(30))
        .send()
        .await;
    let body = match res {
        Ok(r) if r.status().is_success() => r.bytes().await.ok(),
        _ => None,
    };
    let Some(body) = body else {
        feed.fetch_errors.fetch_add(1, Relaxed);
        return;
    };
    let at = feed.now();
    feed.fetches.fetch_add(1, Relaxed);
    feed.fetch_ns.fetch_add(at - t0, Relaxed);
    feed.fetch_bytes.fetch_add(body.len() as u64, Relaxed);
    let before = shown_upto.fetch_max(upto, Relaxed);
    if upto > before {
        feed.shown(before, upto, at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::baseline::relay_text;
    use crate::session::Step;

    #[test]
    fn frames_are_found_by_seq() {
        let f = Feed::new(10, 5);
        assert_eq!(
            f.on_frame(r#"{"dots":3,"seq":12,"session_id":1,"type":"votes_changed","voters":2}"#),
            Some((12, 12))
        );
        assert_eq!(f.get(12).map(|s| s.count.load(Relaxed)), Some(1));
        assert!(f.get(10).is_none() && f.get(16).is_none());
        let t = relay_text(Step::Rate, 14, 120);
        assert_eq!(t.len(), 120);
        assert_eq!(f.on_frame(&t), Some((14, 14)));
        f.shown(10, 13, 5);
        assert_eq!(f.get(13).map(|s| s.shown.load(Relaxed)), Some(1));
        assert_eq!(f.get(14).map(|s| s.shown.load(Relaxed)), Some(0));
    }

    #[test]
    fn a_frame_that_stands_for_several_changes_counts_for_each() {
        let f = Feed::new(10, 10);
        let votes =
            r#"{"dots":9,"from":11,"seq":13,"session_id":1,"type":"votes_changed","voters":4}"#;
        assert_eq!(f.on_frame(votes), Some((11, 13)));
        let batch = r#"{"seq":16,"from":14,"type":"batch","frames":[{"count":2,"moment_id":7,"seq":15,"session_id":1,"type":"ratings_changed"},{"count":1,"moment_id":8,"seq":16,"session_id":1,"type":"ratings_changed"}]}"#;
        assert_eq!(f.on_frame(batch), Some((14, 16)));
        assert!(in_place(batch));
        let counts: Vec<u32> = (11..=17)
            .map(|s| f.get(s).unwrap().count.load(Relaxed))
            .collect();
        assert_eq!(counts, [1, 1, 1, 1, 1, 1, 0]);
        // Each change's share of the frame: the baseline's messages are padded to it.
        assert_eq!(f.get(12).unwrap().bytes.load(Relaxed) as usize, votes.len());
        assert_eq!(
            f.get(15).unwrap().bytes.load(Relaxed) as usize,
            batch.len() / 2
        );
    }
}
