//! The starter journeys mot ships, so that an adviser can start a new client
//! from a realistic board instead of a blank wall: six kinds of business (a
//! local shop, a trade or home service, a restaurant or café, a professional
//! practice, a clinic and an online shop), each with three to five stages and
//! its moments of truth in board order, each moment on one of the default
//! channels.
//!
//! This is plain data. The words (names, hints, stage names, moment titles and
//! the standard each moment promises) are in the catalogues, `starters.ftl`,
//! keyed by kind, stage number and moment number: `starter-{kind}-name`,
//! `starter-{kind}-hint`, `starter-{kind}-s{n}`, `starter-{kind}-m{n}` and
//! `starter-{kind}-m{n}-standard`.

/// A starter journey: its stages and moments; their words are the
/// catalogue's `starter-{kind}-…` messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Starter {
    /// `shop`, `trade`, `restaurant`, `practice`, `clinic`, `online`.
    pub kind: &'static str,
    /// How many stages (`starter-{kind}-s1` …).
    pub stages: usize,
    /// Each moment's stage (1-based) and channel icon, in board order;
    /// moment `n` (1-based) is `starter-{kind}-m{n}` with its standard
    /// `starter-{kind}-m{n}-standard`.
    pub moments: &'static [(usize, &'static str)],
}

/// Every starter, in the order they are offered.
pub const STARTERS: [Starter; 6] = [
    Starter {
        kind: "shop",
        stages: 4,
        moments: &[
            (1, "WEB"),
            (1, "SOC"),
            (1, "TEL"),
            (1, "DM"),
            (2, "F2F"),
            (2, "F2F"),
            (2, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (4, "MAIL"),
            (4, "F2F"),
            (4, "TEL"),
            (4, "POST"),
            (4, "GRP"),
            (4, "WEB"),
        ],
    },
    Starter {
        kind: "trade",
        stages: 5,
        moments: &[
            (1, "WEB"),
            (1, "SOC"),
            (1, "DM"),
            (2, "TEL"),
            (2, "WEB"),
            (2, "MAIL"),
            (2, "TEL"),
            (3, "TEL"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (4, "F2F"),
            (4, "F2F"),
            (4, "F2F"),
            (4, "MAIL"),
            (5, "MAIL"),
            (5, "TEL"),
            (5, "MAIL"),
            (5, "POST"),
            (5, "TEL"),
        ],
    },
    Starter {
        kind: "restaurant",
        stages: 4,
        moments: &[
            (1, "WEB"),
            (1, "SOC"),
            (1, "WEB"),
            (2, "TEL"),
            (2, "WEB"),
            (2, "DM"),
            (2, "MAIL"),
            (2, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "GRP"),
            (3, "F2F"),
            (4, "F2F"),
            (4, "F2F"),
            (4, "MAIL"),
            (4, "SOC"),
            (4, "WEB"),
        ],
    },
    Starter {
        kind: "practice",
        stages: 5,
        moments: &[
            (1, "WEB"),
            (1, "SOC"),
            (1, "WBNR"),
            (1, "TEL"),
            (2, "MAIL"),
            (2, "F2F"),
            (2, "F2F"),
            (2, "MAIL"),
            (3, "MAIL"),
            (3, "WEB"),
            (3, "VID"),
            (4, "MAIL"),
            (4, "TEL"),
            (4, "MAIL"),
            (4, "VID"),
            (4, "CONF"),
            (4, "MAIL"),
            (5, "F2F"),
            (5, "VIDG"),
            (5, "GRP"),
            (5, "POST"),
            (5, "TEL"),
        ],
    },
    Starter {
        kind: "clinic",
        stages: 5,
        moments: &[
            (1, "WEB"),
            (1, "WEB"),
            (2, "TEL"),
            (2, "WEB"),
            (2, "MAIL"),
            (2, "MAIL"),
            (2, "TEL"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "F2F"),
            (3, "GRP"),
            (4, "F2F"),
            (4, "MAIL"),
            (5, "MAIL"),
            (5, "TEL"),
            (5, "VID"),
            (5, "DM"),
            (5, "POST"),
            (5, "MAIL"),
        ],
    },
    Starter {
        kind: "online",
        stages: 5,
        moments: &[
            (1, "SOC"),
            (1, "WEB"),
            (1, "WEB"),
            (2, "WEB"),
            (2, "WEB"),
            (2, "DM"),
            (2, "VID"),
            (3, "WEB"),
            (3, "WEB"),
            (3, "WEB"),
            (3, "MAIL"),
            (4, "MAIL"),
            (4, "MAIL"),
            (4, "F2F"),
            (4, "POST"),
            (5, "WEB"),
            (5, "MAIL"),
            (5, "TEL"),
            (5, "MAIL"),
            (5, "SOC"),
            (5, "WBNR"),
            (5, "MAIL"),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The icons of the method's default channels (`board::default_channels`).
    const ICONS: [&str; 12] = [
        "F2F", "GRP", "TEL", "CONF", "VID", "VIDG", "POST", "MAIL", "DM", "SOC", "WEB", "WBNR",
    ];

    #[test]
    fn every_starter_has_a_sensible_size() {
        for s in STARTERS {
            assert!((15..=30).contains(&s.moments.len()), "{}", s.kind);
            assert!((3..=6).contains(&s.stages), "{}", s.kind);
        }
    }

    #[test]
    fn every_moment_is_in_a_stage_and_every_stage_has_a_moment() {
        for s in STARTERS {
            for (n, &(stage, _)) in s.moments.iter().enumerate() {
                assert!((1..=s.stages).contains(&stage), "{} m{}", s.kind, n + 1);
            }
            for stage in 1..=s.stages {
                assert!(
                    s.moments.iter().any(|&(st, _)| st == stage),
                    "{} s{stage} has no moment",
                    s.kind
                );
            }
        }
    }

    #[test]
    fn moments_are_in_stage_order() {
        for s in STARTERS {
            assert!(s.moments.windows(2).all(|w| w[0].0 <= w[1].0), "{}", s.kind);
        }
    }

    #[test]
    fn every_channel_is_a_default_channel() {
        for s in STARTERS {
            for (n, &(_, icon)) in s.moments.iter().enumerate() {
                assert!(ICONS.contains(&icon), "{} m{}: {icon}", s.kind, n + 1);
            }
        }
    }

    #[test]
    fn kinds_are_unique() {
        let mut kinds: Vec<_> = STARTERS.iter().map(|s| s.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds.len(), STARTERS.len());
    }
}
