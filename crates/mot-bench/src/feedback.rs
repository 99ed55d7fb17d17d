//! Customer feedback (issue 9, "Storage and speed"), beside a baseline in
//! the same run:
//!
//! - `feedback-answers` (`answers.rs`): customers' answers sent to the
//!   public page (`POST /f/{token}`, the plain form's fields, a fresh `_rid`
//!   each, no cookie) at a fixed offered rate (open loop, latency from the
//!   moment each answer was due) and as fast as N connections go (closed
//!   loop); the baseline is the same request to a tiny axum handler of this
//!   binary (`feedback-baseline`) that parses the same form, stores nothing
//!   and replies with the same status and headers as mot did. Rounds
//!   alternate mot and the baseline.
//! - `feedback-results` (`results.rs`): a business with many answers (by
//!   default 10,000,000 over 2 years, 20 branches, 50 moments) written
//!   straight into the database while mot is stopped; then the results page
//!   (with its gap view), its JSON twin and the board, one client at a
//!   time, against the same figures computed by `GROUP BY` over the raw
//!   answers.
//! - `feedback-import` (`import.rs`): a CSV of a million rows imported
//!   by the import's own code, against only reading and checking it.

mod answers;
mod import;
mod results;

pub use answers::{answers, baseline_server, AnswersArgs, BaselineArgs};
pub use import::{import, ImportArgs};
pub use results::{results, ResultsArgs};

/// The load of the machine, as the kernel tells it: the 1-minute load
/// average now and the CPU stolen by the hypervisor since a mark.
#[derive(Clone, Copy)]
pub(crate) struct Machine {
    steal: f64,
    at: std::time::Instant,
}

impl Machine {
    pub fn mark() -> Machine {
        Machine {
            steal: crate::procs::machine_cpu().1,
            at: std::time::Instant::now(),
        }
    }

    /// Cores stolen since the mark.
    pub fn steal_cores(&self) -> f64 {
        (crate::procs::machine_cpu().1 - self.steal) / self.at.elapsed().as_secs_f64().max(1e-9)
    }
}

/// The 1-minute load average (`/proc/loadavg`), NaN when unknown.
pub(crate) fn loadavg() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(f64::NAN)
}
