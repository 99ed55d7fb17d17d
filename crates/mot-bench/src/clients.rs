//! The client pool: N WebSocket clients on one board, each recording when it
//! receives each numbered change, and a shared table of submit times.

use crate::Res;
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use memchr::memmem::Finder;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use crate::stamp::{self, Stamped};

/// A client socket whose reads carry the kernel's receive time.
pub type Ws = WebSocketStream<Stamped>;

/// The marker every submitted change carries in its title: `"title":"b:<n>"`.
pub const MARK: &str = "\"title\":\"b:";

/// One numbered change: when it was submitted, acknowledged, first and last
/// received.
pub struct Slot {
    /// Nanoseconds since the tracker's start, plus one (0: not yet).
    pub submit: AtomicU64,
    pub ack: AtomicU64,
    /// u64::MAX: not yet.
    pub first: AtomicU64,
    pub last: AtomicU64,
    /// How many clients received it.
    pub count: AtomicU32,
    /// When it was submitted, on the kernel's clock (ns since the epoch;
    /// 0: not yet), for the latency of each delivery.
    pub submit_real: AtomicU64,
}

/// What all clients saw, shared between their tasks.
pub struct Tracker {
    start: Instant,
    pub slots: Vec<Slot>,
    /// The first change whose deliveries are measured (the ones before it
    /// warm up).
    pub measure_from: usize,
    /// Change frames received (all clients), and their bytes.
    pub frames: AtomicU64,
    pub frame_bytes: AtomicU64,
    pub acks: AtomicU64,
    pub errors: AtomicU64,
    pub refreshes: AtomicU64,
    pub other: AtomicU64,
    /// Clients whose socket failed or closed before the end.
    pub dropped: AtomicU64,
    pub first_error: std::sync::Mutex<Option<String>>,
    mark: Finder<'static>,
    ack: Finder<'static>,
    req: Finder<'static>,
    error: Finder<'static>,
    refresh: Finder<'static>,
}

impl Tracker {
    pub fn new(changes: usize, measure_from: usize) -> Tracker {
        Tracker {
            start: Instant::now(),
            slots: (0..changes)
                .map(|_| Slot {
                    submit: AtomicU64::new(0),
                    ack: AtomicU64::new(0),
                    first: AtomicU64::new(u64::MAX),
                    last: AtomicU64::new(0),
                    count: AtomicU32::new(0),
                    submit_real: AtomicU64::new(0),
                })
                .collect(),
            measure_from,
            frames: AtomicU64::new(0),
            frame_bytes: AtomicU64::new(0),
            acks: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            refreshes: AtomicU64::new(0),
            other: AtomicU64::new(0),
            dropped: AtomicU64::new(0),
            first_error: std::sync::Mutex::new(None),
            mark: Finder::new(MARK.as_bytes()),
            ack: Finder::new(b"\"type\":\"ack\""),
            req: Finder::new(b"\"req\":"),
            error: Finder::new(b"\"type\":\"error\""),
            refresh: Finder::new(b"\"type\":\"refresh\""),
        }
    }

    /// Now, as stored in the slots (nanoseconds since start, plus one).
    pub fn now(&self) -> u64 {
        self.start.elapsed().as_nanos() as u64 + 1
    }

    fn number_after(text: &[u8], from: usize) -> Option<usize> {
        let digits = text[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        std::str::from_utf8(&text[from..from + digits])
            .ok()?
            .parse()
            .ok()
    }

    /// Records one received text frame, which reached the client's socket
    /// at `stamp` (the kernel's clock, ns since the epoch; 0: unknown).
    /// Answers the delivery's latency (ns from the submit to `stamp`) for a
    /// measured change.
    pub fn on_frame(&self, text: &str, stamp: u64) -> Option<u64> {
        let now = self.now();
        let b = text.as_bytes();
        let mut delivery = None;
        if let Some(p) = self.mark.find(b) {
            if let Some((n, slot)) = Self::number_after(b, p + MARK.len())
                .and_then(|n| self.slots.get(n).map(|s| (n, s)))
            {
                slot.count.fetch_add(1, Relaxed);
                slot.first.fetch_min(now, Relaxed);
                slot.last.fetch_max(now, Relaxed);
                let sent = slot.submit_real.load(Relaxed);
                if n >= self.measure_from && sent > 0 && stamp > 0 {
                    delivery = Some(stamp.saturating_sub(sent));
                }
            }
            self.frames.fetch_add(1, Relaxed);
            self.frame_bytes.fetch_add(b.len() as u64, Relaxed);
        } else if self.ack.find(b).is_some() {
            self.acks.fetch_add(1, Relaxed);
            if let Some(slot) = self
                .req
                .find(b)
                .and_then(|p| Self::number_after(b, p + 6))
                .and_then(|n| self.slots.get(n))
            {
                slot.ack.store(now, Relaxed);
            }
        } else if self.error.find(b).is_some() {
            self.errors.fetch_add(1, Relaxed);
            let mut first = self.first_error.lock().unwrap_or_else(|p| p.into_inner());
            first.get_or_insert_with(|| text.chars().take(300).collect());
        } else if self.refresh.find(b).is_some() {
            self.refreshes.fetch_add(1, Relaxed);
        } else {
            self.other.fetch_add(1, Relaxed);
        }
        delivery
    }
}

/// How to reach the board.
#[derive(Clone)]
pub struct Target {
    pub addr: SocketAddr,
    /// Path and query of the live socket.
    pub path: String,
    pub token: Option<String>,
}

fn client_config() -> WebSocketConfig {
    // Small buffers: a thousand clients share this process.
    WebSocketConfig::default()
        .read_buffer_size(16 * 1024)
        .write_buffer_size(0)
        .max_message_size(Some(1 << 20))
}

/// Opens one socket and waits for its `ready` frame.
pub async fn connect(target: &Target) -> Res<Ws> {
    connect_with_headers(target, &[]).await
}

/// Like [`connect`], with extra request headers (e.g. a guest's `Cookie`).
pub async fn connect_with_headers(target: &Target, headers: &[(&'static str, String)]) -> Res<Ws> {
    assert!(
        target.addr.ip().is_loopback(),
        "the bench only talks to 127.0.0.1"
    );
    let url = format!("ws://{}{}", target.addr, target.path);
    let mut req = url.into_client_request()?;
    if let Some(t) = &target.token {
        req.headers_mut()
            .insert("authorization", format!("Bearer {t}").parse()?);
    }
    for (name, value) in headers {
        req.headers_mut().insert(*name, value.parse()?);
    }
    let fut = async {
        let tcp = TcpStream::connect(target.addr).await?;
        let stream = Stamped::new(tcp)?;
        Res::Ok(
            tokio_tungstenite::client_async_with_config(req, stream, Some(client_config())).await?,
        )
    };
    let (mut ws, _) = tokio::time::timeout(Duration::from_secs(30), fut)
        .await
        .map_err(|_| "connect timed out")??;
    let ready = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(m) = ws.next().await {
            if let Message::Text(t) = m? {
                if t.as_str().contains("\"ready\"") {
                    return Res::Ok(());
                }
            }
        }
        Err("closed before ready".into())
    });
    ready.await.map_err(|_| "no ready frame in 30 s")??;
    Ok(ws)
}

/// Connects `n` clients, `parallel` handshakes at a time.
pub async fn connect_all(target: &Target, n: usize, parallel: usize) -> Res<Vec<Ws>> {
    let list: Vec<Res<Ws>> = futures_util::stream::iter(0..n)
        .map(|_| connect(target))
        .buffer_unordered(parallel.max(1))
        .collect()
        .await;
    list.into_iter().collect()
}

/// A client's outgoing queue: (change number, text to send).
pub type Outbox = mpsc::UnboundedSender<(usize, String)>;

/// Runs the clients until `stop` turns true; returns their outboxes and the
/// tasks' handles, each of which answers the latencies (ns) of the measured
/// deliveries its client received.
pub fn spawn_clients(
    sockets: Vec<Ws>,
    tracker: Arc<Tracker>,
    stop: watch::Receiver<bool>,
) -> (Vec<Outbox>, Vec<tokio::task::JoinHandle<Vec<u64>>>) {
    let mut boxes = Vec::with_capacity(sockets.len());
    let mut tasks = Vec::with_capacity(sockets.len());
    for ws in sockets {
        let (tx, rx) = mpsc::unbounded_channel();
        boxes.push(tx);
        let clock = ws.get_ref().clock();
        let (sink, stream) = ws.split();
        tasks.push(tokio::spawn(client(
            sink,
            stream,
            clock,
            rx,
            tracker.clone(),
            stop.clone(),
        )));
    }
    (boxes, tasks)
}

async fn client(
    mut sink: SplitSink<Ws, Message>,
    mut stream: SplitStream<Ws>,
    clock: Arc<AtomicU64>,
    mut out: mpsc::UnboundedReceiver<(usize, String)>,
    tracker: Arc<Tracker>,
    mut stop: watch::Receiver<bool>,
) -> Vec<u64> {
    let mut sending = true;
    let mut alive = true;
    let mut deliveries = Vec::new();
    while alive && !*stop.borrow() {
        tokio::select! {
            m = stream.next() => match m {
                Some(Ok(Message::Text(t))) => {
                    if let Some(d) = tracker.on_frame(t.as_str(), clock.load(Relaxed)) {
                        deliveries.push(d);
                    }
                }
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => {
                    tracker.dropped.fetch_add(1, Relaxed);
                    alive = false;
                }
                Some(Ok(_)) => {}
            },
            o = out.recv(), if sending => match o {
                Some((n, text)) => {
                    if let Some(slot) = tracker.slots.get(n) {
                        slot.submit.store(tracker.now(), Relaxed);
                        slot.submit_real.store(stamp::now_ns(), Relaxed);
                    }
                    if sink.send(Message::text(text)).await.is_err() {
                        tracker.dropped.fetch_add(1, Relaxed);
                        alive = false;
                    }
                }
                None => sending = false,
            },
            r = stop.changed() => if r.is_err() { alive = false },
        }
    }
    if alive {
        let _ = tokio::time::timeout(Duration::from_secs(2), sink.close()).await;
    }
    deliveries
}
