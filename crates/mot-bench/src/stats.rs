//! Percentiles over recorded durations (nanoseconds), by nearest rank.

#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub n: usize,
    /// Milliseconds.
    pub p50: f64,
    pub p99: f64,
    pub max: f64,
    pub mean: f64,
}

impl Summary {
    /// Sorts `ns` and summarises it (all NaN when empty).
    pub fn of(ns: &mut [u64]) -> Summary {
        if ns.is_empty() {
            return Summary {
                n: 0,
                p50: f64::NAN,
                p99: f64::NAN,
                max: f64::NAN,
                mean: f64::NAN,
            };
        }
        ns.sort_unstable();
        let ms = |v: u64| v as f64 / 1e6;
        let rank = |p: f64| {
            let r = (p * ns.len() as f64).ceil() as usize;
            ns[r.clamp(1, ns.len()) - 1]
        };
        Summary {
            n: ns.len(),
            p50: ms(rank(0.50)),
            p99: ms(rank(0.99)),
            max: ms(ns[ns.len() - 1]),
            mean: ns.iter().map(|v| *v as f64).sum::<f64>() / ns.len() as f64 / 1e6,
        }
    }
}

pub fn fmt_ms(v: f64) -> String {
    if v.is_nan() {
        "–".into()
    } else if v < 10.0 {
        format!("{v:.2} ms")
    } else {
        format!("{v:.1} ms")
    }
}

/// The `p`-quantile (0 < p ≤ 1, nearest rank) of durations in nanoseconds,
/// in milliseconds; sorts `ns` (NaN when empty).
pub fn percentile_ms(ns: &mut [u64], p: f64) -> f64 {
    if ns.is_empty() {
        return f64::NAN;
    }
    ns.sort_unstable();
    let r = (p * ns.len() as f64).ceil() as usize;
    ns[r.clamp(1, ns.len()) - 1] as f64 / 1e6
}

/// The smallest, median and largest of `v` (not empty).
pub(crate) fn spread(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[0], v[v.len() / 2], v[v.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let mut v: Vec<u64> = (1..=100).map(|i| i * 1_000_000).collect();
        let s = Summary::of(&mut v);
        assert_eq!(s.n, 100);
        assert_eq!(s.p50, 50.0);
        assert_eq!(s.p99, 99.0);
        assert_eq!(s.max, 100.0);
        assert!(Summary::of(&mut []).p99.is_nan());
    }

    #[test]
    fn percentile_by_nearest_rank() {
        let mut v: Vec<u64> = (1..=200).rev().map(|i| i * 1_000_000).collect();
        assert_eq!(percentile_ms(&mut v, 0.95), 190.0);
        assert_eq!(percentile_ms(&mut v, 1.0), 200.0);
        assert!(percentile_ms(&mut [], 0.95).is_nan());
    }
}
