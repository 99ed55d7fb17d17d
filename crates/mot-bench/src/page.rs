//! `page`: how many board pages mot serves, next to `/healthz` on the same
//! server in the same run (issue 12, item 3).
//!
//! mot on a fresh data dir, a board of `--notes` notes (through the JSON
//! API), the owner signed in through the login form (its session cookie).
//! Then `--connections` keep-alive connections ask, as fast as answers
//! come, for the board page (`GET /j/{id}`, with the cookie) for
//! `--seconds`, then for `/healthz` for as long; alternated `--rounds`
//! times. Each answer is read whole and must be 200. The client is a bare
//! HTTP/1.1 loop on a socket per connection (a request written, the answer
//! read by its length or chunks and dropped) so that it costs little; the
//! server runs on CPU 0 and the bench on CPU 1 (`--pin`). Reported per round and
//! as min / median / max: requests/s, the page's share of `/healthz`'s
//! requests/s, bytes per answer as sent (`--accept-encoding` chooses what
//! the client says it takes: `identity`, or `gzip, br` as a browser), the
//! server's CPU per request, and the machine's load average and CPU steal.

use crate::procs::{machine_cpu, proc_stats, start_mot_user, ServerOpts};
use crate::Res;
use clap::Args;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Args)]
pub struct PageArgs {
    #[command(flatten)]
    pub server: ServerOpts,
    /// Notes on the board.
    #[arg(long, default_value_t = 200)]
    pub notes: usize,
    /// Connections asking at once.
    #[arg(long, default_value_t = 8)]
    pub connections: usize,
    /// Seconds of each target in each round.
    #[arg(long, default_value_t = 15)]
    pub seconds: u64,
    /// Rounds (board, then `/healthz`, each round).
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// What the client says it takes (`identity`, `gzip`, `br`, `gzip, br`).
    #[arg(long, default_value = "identity")]
    pub accept_encoding: String,
    /// Pin the server to CPU 0 and this bench to CPU 1 (`taskset`).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    pub pin: bool,
}

/// One target's figures in one round.
#[derive(Debug, Clone, Copy)]
struct Figures {
    rps: f64,
    bytes: f64,
    cpu_us: f64,
}

/// Signs in through the login form; answers the session's cookie header.
async fn session_cookie(base: &str, email: &str) -> Res<String> {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let res = http.get(format!("{base}/login")).send().await?;
    let mut cookies: Vec<String> = set_cookies(&res);
    let page = res.text().await?;
    let at = page.find("name=\"_csrf\"").ok_or("login page: no _csrf")?;
    let rest = &page[at..];
    let v = rest.find("value=\"").ok_or("login page: no _csrf value")? + 7;
    let csrf = &rest[v..v + rest[v..].find('"').ok_or("login page: bad _csrf")?];
    let res = http
        .post(format!("{base}/login"))
        .header("cookie", cookies.join("; "))
        .form(&[
            ("_csrf", csrf),
            ("email", email),
            ("password", "bench-password-1234"),
        ])
        .send()
        .await?;
    if res.status() != reqwest::StatusCode::SEE_OTHER {
        return Err(format!("login failed: {}", res.status()).into());
    }
    cookies.extend(set_cookies(&res));
    Ok(cookies.join("; "))
}

fn set_cookies(res: &reqwest::Response) -> Vec<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .map(str::to_string)
        .collect()
}

/// One keep-alive HTTP/1.1 connection that asks for the same request again
/// and again, read as plainly as possible (the status line, the length or
/// the chunks, the body counted and dropped), so the client's CPU stays
/// small next to the server's.
struct Conn {
    stream: tokio::io::BufReader<tokio::net::TcpStream>,
    request: Vec<u8>,
    line: Vec<u8>,
}

impl Conn {
    async fn open(addr: std::net::SocketAddr, request: Vec<u8>) -> Res<Conn> {
        let stream = tokio::net::TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Conn {
            stream: tokio::io::BufReader::with_capacity(64 * 1024, stream),
            request,
            line: Vec::with_capacity(256),
        })
    }

    async fn read_line(&mut self) -> Res<&[u8]> {
        use tokio::io::AsyncBufReadExt;
        self.line.clear();
        if self.stream.read_until(b'\n', &mut self.line).await? == 0 {
            return Err("the server closed the connection".into());
        }
        Ok(&self.line)
    }

    async fn skip(&mut self, mut n: usize) -> Res<()> {
        use tokio::io::AsyncBufReadExt;
        while n > 0 {
            let buf = self.stream.fill_buf().await?;
            if buf.is_empty() {
                return Err("the server closed the connection".into());
            }
            let k = buf.len().min(n);
            self.stream.consume(k);
            n -= k;
        }
        Ok(())
    }

    /// One request and its whole answer: the body's bytes as sent.
    async fn ask(&mut self) -> Res<u64> {
        use tokio::io::AsyncWriteExt;
        self.stream.get_mut().write_all(&self.request).await?;
        let status = self.read_line().await?;
        if !status.starts_with(b"HTTP/1.1 200") {
            return Err(format!("answer: {}", String::from_utf8_lossy(status).trim()).into());
        }
        let (mut length, mut chunked) = (None, false);
        loop {
            let line = self.read_line().await?;
            if line == b"\r\n" {
                break;
            }
            let l = String::from_utf8_lossy(line).to_ascii_lowercase();
            if let Some(v) = l.strip_prefix("content-length:") {
                length = v.trim().parse::<usize>().ok();
            } else if l.starts_with("transfer-encoding:") && l.contains("chunked") {
                chunked = true;
            }
        }
        if let Some(n) = length {
            self.skip(n).await?;
            return Ok(n as u64);
        }
        if !chunked {
            return Err("an answer with neither a length nor chunks".into());
        }
        let mut total = 0u64;
        loop {
            let line = self.read_line().await?;
            let hex = String::from_utf8_lossy(line);
            let size = usize::from_str_radix(hex.trim().split(';').next().unwrap_or(""), 16)?;
            self.skip(size + 2).await?;
            total += size as u64;
            if size == 0 {
                return Ok(total);
            }
        }
    }
}

/// `connections` connections ask for `path` for `seconds` (after a second
/// to warm up).
async fn load(
    addr: std::net::SocketAddr,
    path: &str,
    cookie: &str,
    args: &PageArgs,
    server_pid: u32,
) -> Res<Figures> {
    let request = format!(
        "GET {path} HTTP/1.1\r\nhost: {addr}\r\ncookie: {cookie}\r\naccept-encoding: {}\r\n\r\n",
        args.accept_encoding
    )
    .into_bytes();
    let stop = Arc::new(AtomicBool::new(false));
    let (done, bytes) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let mut tasks = Vec::new();
    for _ in 0..args.connections {
        let mut conn = Conn::open(addr, request.clone()).await?;
        let (stop, done, bytes) = (stop.clone(), done.clone(), bytes.clone());
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let n = conn.ask().await.map_err(|e| e.to_string())?;
                bytes.fetch_add(n, Ordering::Relaxed);
                done.fetch_add(1, Ordering::Relaxed);
            }
            Ok::<(), String>(())
        }));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (n0, b0, cpu0) = (
        done.load(Ordering::Relaxed),
        bytes.load(Ordering::Relaxed),
        proc_stats(server_pid).cpu_secs,
    );
    let t0 = Instant::now();
    tokio::time::sleep(Duration::from_secs(args.seconds)).await;
    let (n1, b1, cpu1) = (
        done.load(Ordering::Relaxed),
        bytes.load(Ordering::Relaxed),
        proc_stats(server_pid).cpu_secs,
    );
    let secs = t0.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        t.await.map_err(|e| e.to_string())??;
    }
    let n = (n1 - n0).max(1) as f64;
    Ok(Figures {
        rps: n / secs,
        bytes: (b1 - b0) as f64 / n,
        cpu_us: (cpu1 - cpu0) * 1e6 / n,
    })
}

pub async fn page(args: PageArgs) -> Res<()> {
    let dir = args.server.temp_dir()?;
    let (server, token, email) = start_mot_user(&args.server, dir.path(), &[])?;
    let board = crate::procs::make_board(server.addr, &token, args.notes).await?;
    let base = format!("http://{}", server.addr);
    let cookie = session_cookie(&base, &email).await?;
    let board_path = format!("/j/{}", board.journey_id);
    if args.pin {
        // The server on the first CPU, this bench on the second.
        crate::procs::pin(server.pid, 0)?;
        crate::procs::pin(std::process::id(), 1)?;
    }
    println!(
        "page: {} notes, {} connections, {} s a target, {} rounds, accept-encoding: {}, pinned: {}",
        args.notes, args.connections, args.seconds, args.rounds, args.accept_encoding, args.pin
    );
    let (busy0, steal0) = machine_cpu();
    let t0 = Instant::now();
    let mut shares = Vec::new();
    let (mut pages, mut healths) = (Vec::new(), Vec::new());
    for r in 1..=args.rounds.max(1) {
        let p = load(server.addr, &board_path, &cookie, &args, server.pid).await?;
        let h = load(server.addr, "/healthz", &cookie, &args, server.pid).await?;
        println!(
            "round {r}: board page {:.0} req/s ({:.0} B each, {:.0} µs server CPU each); /healthz {:.0} req/s ({:.0} µs each); page ÷ healthz {:.2} %; load average {}",
            p.rps,
            p.bytes,
            p.cpu_us,
            h.rps,
            h.cpu_us,
            100.0 * p.rps / h.rps,
            crate::procs::load_average()
        );
        shares.push(100.0 * p.rps / h.rps);
        pages.push(p);
        healths.push(h);
    }
    let (busy1, steal1) = machine_cpu();
    let wall = t0.elapsed().as_secs_f64();
    let (pmin, pmed, pmax) = crate::stats::spread(pages.iter().map(|f| f.rps).collect());
    let (hmin, hmed, hmax) = crate::stats::spread(healths.iter().map(|f| f.rps).collect());
    let (smin, smed, smax) = crate::stats::spread(shares);
    let (_, cpu_med, _) = crate::stats::spread(pages.iter().map(|f| f.cpu_us).collect());
    let (_, bytes_med, _) = crate::stats::spread(pages.iter().map(|f| f.bytes).collect());
    println!(
        "board page req/s min/median/max: {pmin:.0} / {pmed:.0} / {pmax:.0}; /healthz: {hmin:.0} / {hmed:.0} / {hmax:.0}"
    );
    println!(
        "page ÷ healthz min/median/max: {smin:.2} / {smed:.2} / {smax:.2} % (target ≥ 10 %); median {bytes_med:.0} B and {cpu_med:.0} µs of server CPU a page"
    );
    println!(
        "machine: {:.2} of 2 cores busy on average, CPU steal {:.2} s over {wall:.0} s; load average now {}",
        (busy1 - busy0) / wall,
        steal1 - steal0,
        crate::procs::load_average()
    );
    Ok(())
}
