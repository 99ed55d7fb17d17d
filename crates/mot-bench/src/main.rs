//! `mot-bench`: load generators and benchmark drivers for mot.
//!
//! - `fanout`: N WebSocket clients on one board submit changes at a total
//!   rate; reports delivery latency (submit → every client has it, after the
//!   durable commit), throughput and server memory, for mot and for a bare
//!   relay baseline in the same run.
//! - `idle`: server memory per idle live connection.
//! - `commit`: durable changes per second through the group-commit writer,
//!   against one commit per change.
//! - `session`: 1 facilitator and N participants vote and rate at once;
//!   vote/rating → every screen has it, against the relay baseline.
//! - `audit`: N raters hand in an audit at once; the results page over a
//!   large history (rounds × branches × raters filled directly).
//! - `feedback-answers`: customers' answers through the public page, at a
//!   fixed rate and flat out, against a handler that stores nothing.
//! - `feedback-results`: a business's customer results over millions of
//!   answers, against the same figures by `GROUP BY` over the raw answers.
//! - `feedback-import`: a million-row CSV imported, against only reading
//!   and checking it.
//! - `relay`: the baseline relay server itself (started by `fanout`/`idle`).
//!
//! Every server runs as a child process on 127.0.0.1; every loop is bounded
//! in count and time. See BENCHMARKS.md at the repository root.

mod audit;
mod clients;
mod commit;
mod fanout;
mod feedback;
mod page;
mod procs;
mod relay;
mod session;
mod stamp;
mod stats;

use clap::{ArgAction, Parser, Subcommand};
use std::process::ExitCode;

pub type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

#[derive(Parser)]
#[command(name = "mot-bench", about = "Benchmarks for mot (see BENCHMARKS.md)")]
struct Cli {
    /// Worker threads of this process's runtime (default: one per core).
    #[arg(long, global = true)]
    threads: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fan-out latency and throughput: mot vs. the baseline relay.
    Fanout(fanout::FanoutArgs),
    /// Server memory per idle WebSocket connection.
    Idle(fanout::IdleArgs),
    /// Durable changes/s through group commit vs. one commit per change.
    Commit(commit::CommitArgs),
    /// Audits: raters handing in at once; the results page over many rounds.
    Audit(audit::AuditArgs),
    /// A live session: 1 facilitator + N participants vote, then rate, at once.
    Session(session::SessionArgs),
    /// Customers' answers through the public page vs. a handler that stores nothing.
    FeedbackAnswers(feedback::AnswersArgs),
    /// Customer results over millions of answers vs. GROUP BY over them.
    FeedbackResults(feedback::ResultsArgs),
    /// Importing a CSV of a million answers vs. only reading and checking it.
    FeedbackImport(feedback::ImportArgs),
    /// The baseline of `feedback-answers` (started by it).
    #[command(hide = true)]
    FeedbackBaseline(feedback::BaselineArgs),
    /// Board pages per second next to `/healthz` on the same server.
    Page(page::PageArgs),
    /// Run the baseline relay (a bare tokio-tungstenite broadcast server).
    Relay {
        #[arg(long, default_value = "127.0.0.1:0")]
        bind: String,
        /// Set TCP_NODELAY on accepted sockets.
        #[arg(long, default_value_t = true, action = ArgAction::Set)]
        nodelay: bool,
        /// Exit after this many seconds (it also exits when stdin closes).
        #[arg(long, default_value_t = 3600)]
        max_seconds: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A thousand sockets need more descriptors than some defaults allow;
    // children (mot, the relay) inherit the raised limit.
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(n) if n < 4096 => eprintln!("mot-bench: warning: only {n} open files allowed"),
        Ok(_) => {}
        Err(e) => eprintln!("mot-bench: cannot raise the open-files limit: {e}"),
    }
    let mut rt = tokio::runtime::Builder::new_multi_thread();
    rt.enable_all();
    if let Some(n) = cli.threads {
        rt.worker_threads(n.max(1));
    }
    let rt = match rt.build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("mot-bench: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = rt.block_on(async move {
        match cli.command {
            Command::Fanout(a) => fanout::fanout(a).await,
            Command::Idle(a) => fanout::idle(a).await,
            Command::Commit(a) => commit::commit(a).await,
            Command::Audit(a) => audit::audit(a).await,
            Command::Session(a) => session::session(a).await,
            Command::FeedbackAnswers(a) => feedback::answers(a).await,
            Command::FeedbackResults(a) => feedback::results(a).await,
            Command::FeedbackBaseline(a) => feedback::baseline_server(a).await,
            Command::FeedbackImport(a) => feedback::import(a).await,
            Command::Page(a) => page::page(a).await,
            Command::Relay {
                bind,
                nodelay,
                max_seconds,
            } => {
                let ip = bind.rsplit_once(':').map_or("", |(h, _)| h);
                if ip != "127.0.0.1" && ip != "localhost" && ip != "[::1]" {
                    return Err("the relay binds to the loopback only".into());
                }
                relay::run(&bind, nodelay, max_seconds).await
            }
        }
    });
    // Do not wait for clients' tasks still winding down.
    rt.shutdown_timeout(std::time::Duration::from_secs(1));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mot-bench: {e}");
            ExitCode::FAILURE
        }
    }
}
