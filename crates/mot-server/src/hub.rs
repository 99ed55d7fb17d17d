//! The live-update hub: turns committed changes into frames and fans them out
//! to every client watching the board, in sequence order.
//!
//! Frames are rendered once per change and language in use (JSON with the
//! re-rendered HTML of the affected element, in the viewers' language) and
//! shared by all subscribers of that language: a board watched in English
//! and Arabic renders each change twice, however many people watch it.
//! Changes from other instances (PostgreSQL NOTIFY) and any gap are filled
//! from the durable log, so subscribers see each board's changes in order
//! without holes.

use crate::board::views;
use crate::web::i18n::with_lang;
use axum::extract::ws::Utf8Bytes;
use mot_core::{BoardEvent, Channel, Id, LiveEvent, Moment, Stage};
use mot_i18n::Lang;
use mot_store::{Committed, NoteExtras, Notice, Store};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;

/// One change as sent to clients: its sequence number and the JSON text
/// (shared: every connection sends the same buffer, none copies it).
///
/// A frame may stand for several changes in a row, `from` to `seq`: when the
/// hub is behind on counts that later ones supersede (a hundred people
/// voting at once), it sends what they add up to, once (see [`counts_text`]).
/// Otherwise `from == seq`.
#[derive(Debug, Clone)]
pub struct Frame {
    pub from: i64,
    pub seq: i64,
    pub text: Utf8Bytes,
}

pub struct Hub {
    store: Store,
    /// Each watched board's workspace and feeds, by journey.
    feeds: Mutex<HashMap<Id, Watched>>,
    revoked: broadcast::Sender<Revoked>,
}

/// A watched board: its workspace and one feed per language its viewers read.
struct Watched {
    workspace_id: Id,
    feeds: HashMap<Lang, broadcast::Sender<Frame>>,
}

impl Watched {
    /// Forgets the feeds nobody listens to; true when none is left.
    fn prune(&mut self) -> bool {
        self.feeds.retain(|_, tx| tx.receiver_count() > 0);
        self.feeds.is_empty()
    }

    fn feeds(&self) -> Feeds {
        self.feeds.iter().map(|(l, tx)| (*l, tx.clone())).collect()
    }
}

/// A board's feeds that someone listens to, one per language.
type Feeds = Vec<(Lang, broadcast::Sender<Frame>)>;

/// Someone whose access has ended: their open live sockets close at once,
/// on every instance (see [`Hub::revoke`]).
pub use mot_store::Revocation as Revoked;

/// How many frames a slow subscriber may fall behind before it resumes from the log.
const FEED_CAPACITY: usize = 1024;

impl Hub {
    pub fn start(store: Store) -> Arc<Hub> {
        let hub = Arc::new(Hub {
            store: store.clone(),
            feeds: Mutex::new(HashMap::new()),
            revoked: broadcast::channel(256).0,
        });
        let notices = store.subscribe();
        tokio::spawn(run(hub.clone(), notices));
        hub
    }

    /// Frames of one board (of `workspace_id`) from now on, their HTML in `lang`.
    pub fn subscribe(
        &self,
        workspace_id: Id,
        journey_id: Id,
        lang: Lang,
    ) -> broadcast::Receiver<Frame> {
        let mut feeds = self.feeds.lock().unwrap_or_else(|p| p.into_inner());
        feeds
            .entry(journey_id)
            .or_insert_with(|| Watched {
                workspace_id,
                feeds: HashMap::new(),
            })
            .feeds
            .entry(lang)
            .or_insert_with(|| broadcast::channel(FEED_CAPACITY).0)
            .subscribe()
    }

    /// Tells every instance's live sockets that someone's access has ended
    /// (through the store: on PostgreSQL other instances hear it by NOTIFY);
    /// this hub passes it on when the store's notice arrives.
    pub async fn revoke(&self, who: Revoked) {
        self.store.announce_revocation(who).await;
    }

    /// Revocations from now on.
    pub fn revocations(&self) -> broadcast::Receiver<Revoked> {
        self.revoked.subscribe()
    }

    /// The board's feeds someone listens to (None when nobody watches it).
    fn feed(&self, journey_id: Id) -> Option<Feeds> {
        let mut feeds = self.feeds.lock().unwrap_or_else(|p| p.into_inner());
        let watched = feeds.get_mut(&journey_id)?;
        if watched.prune() {
            feeds.remove(&journey_id);
            return None;
        }
        Some(watched.feeds())
    }

    /// The boards someone watches: (workspace, journey, feeds).
    fn watched(&self) -> Vec<(Id, Id, Feeds)> {
        let mut feeds = self.feeds.lock().unwrap_or_else(|p| p.into_inner());
        feeds.retain(|_, w| !w.prune());
        feeds
            .iter()
            .map(|(j, w)| (w.workspace_id, *j, w.feeds()))
            .collect()
    }

    /// Renders a committed change once for each feed's language and sends
    /// each feed its frame.
    async fn publish(&self, feeds: &Feeds, c: &Committed, channels: &mut ChannelCache) {
        let langs: Vec<Lang> = feeds.iter().map(|(l, _)| *l).collect();
        let texts = render_frames(&self.store, c, channels, &langs).await;
        for ((_, tx), text) in feeds.iter().zip(texts) {
            let _ = tx.send(Frame {
                from: c.seq,
                seq: c.seq,
                text: text.into(),
            });
        }
    }

    /// Sends a run of counts (changes in a row, each with a
    /// [`LiveEvent::count_key`]) as one frame to every feed: the counts carry
    /// no HTML, so every language gets the same text.
    fn publish_counts(&self, feeds: &Feeds, run: &[Arc<Committed>]) {
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            return;
        };
        let text: Utf8Bytes = counts_text(run).into();
        for (_, tx) in feeds {
            let _ = tx.send(Frame {
                from: first.seq,
                seq: last.seq,
                text: text.clone(),
            });
        }
    }
}

/// Most changes one frame of counts stands for.
const MAX_RUN: usize = 256;

/// The frame for a run of counts in a row: only the last change of each key
/// (the others say nothing it does not). One left: its own JSON, with
/// `"from"` when it stands for earlier ones too. Several (ratings of
/// different moments): `{"seq":…,"from":…,"type":"batch","frames":[…]}`,
/// each inner frame with its own `seq`, in order.
pub fn counts_text(run: &[Arc<Committed>]) -> String {
    let (Some(first), Some(last)) = (run.first(), run.last()) else {
        return String::new();
    };
    let mut kept: Vec<&Committed> = Vec::new();
    for c in run.iter().rev() {
        let key = c.event.count_key();
        if !kept.iter().any(|k| k.event.count_key() == key) {
            kept.push(c);
        }
    }
    kept.reverse();
    let json = |c: &Committed, from: Option<i64>| {
        let mut value = event_json(c);
        if let (Some(obj), Some(from)) = (value.as_object_mut(), from) {
            obj.insert("from".into(), from.into());
        }
        value
    };
    match kept.as_slice() {
        [one] => json(one, (first.seq < one.seq).then_some(first.seq)).to_string(),
        _ => {
            let frames: Vec<serde_json::Value> = kept.iter().map(|c| json(c, None)).collect();
            // The outer `seq` first: readers that look for the first "seq" find it.
            format!(
                r#"{{"seq":{},"from":{},"type":"batch","frames":{}}}"#,
                last.seq,
                first.seq,
                serde_json::Value::from(frames)
            )
        }
    }
}

/// Channels looked up while rendering notes, forgotten when channels change.
#[derive(Default)]
pub struct ChannelCache(HashMap<Id, Option<Channel>>);

impl ChannelCache {
    async fn get(&mut self, store: &Store, workspace_id: Id, id: Option<Id>) -> Option<Channel> {
        let id = id?;
        if let Some(c) = self.0.get(&id) {
            return c.clone();
        }
        let c = store.channel(workspace_id, id).await.ok();
        self.0.insert(id, c.clone());
        c
    }
}

/// The JSON sent for one change: the event's fields, `seq`, and `html` (in
/// `lang`) when the client needs a re-rendered element.
pub async fn render_frame(
    store: &Store,
    c: &Committed,
    channels: &mut ChannelCache,
    lang: Lang,
) -> String {
    render_frames(store, c, channels, &[lang])
        .await
        .pop()
        .unwrap_or_default()
}

/// [`render_frame`] for each of `langs`, in that order: the database is
/// asked once, the HTML rendered once per language.
pub async fn render_frames(
    store: &Store,
    c: &Committed,
    channels: &mut ChannelCache,
    langs: &[Lang],
) -> Vec<String> {
    let value = event_json(c);
    let parts = Parts::read(store, c, channels).await;
    langs
        .iter()
        .map(|&lang| {
            let mut value = value.clone();
            let html = with_lang(lang, || parts.html());
            if let (Some(obj), Some(h)) = (value.as_object_mut(), html) {
                obj.insert("html".into(), h.into());
            }
            value.to_string()
        })
        .collect()
}

/// A change as its frame's JSON carries it: the event's fields and `seq`.
fn event_json(c: &Committed) -> serde_json::Value {
    let mut value = serde_json::to_value(&c.event).unwrap_or_default();
    if let Some(obj) = value.as_object_mut() {
        obj.insert("seq".into(), c.seq.into());
    }
    value
}

/// What the HTML of a frame shows, read from the database once for every
/// language.
enum Parts<'a> {
    None,
    Note {
        moment: &'a Moment,
        channel: Option<Channel>,
        extras: NoteExtras,
    },
    Stage {
        stage: &'a Stage,
        channels: Vec<Channel>,
    },
}

impl<'a> Parts<'a> {
    async fn read(store: &Store, c: &'a Committed, channels: &mut ChannelCache) -> Parts<'a> {
        // The session's events carry no board HTML: its panel renders apart.
        let LiveEvent::Board(event) = &c.event else {
            return Parts::None;
        };
        match event {
            BoardEvent::MomentAdded { moment }
            | BoardEvent::MomentUpdated { moment }
            | BoardEvent::MomentRestored { moment } => {
                let channel = channels.get(store, c.workspace_id, moment.channel_id).await;
                // A note just added has no standard and no audit score yet: no
                // need to ask the database on the path of every new note.
                let extras = if matches!(event, BoardEvent::MomentAdded { .. }) {
                    Default::default()
                } else {
                    store
                        .moment_extras(c.workspace_id, moment.id)
                        .await
                        .unwrap_or_default()
                };
                Parts::Note {
                    moment,
                    channel,
                    extras,
                }
            }
            BoardEvent::StageAdded { stage } => {
                let chans = store
                    .journey(c.workspace_id, c.journey_id)
                    .await
                    .ok()
                    .map(|j| j.business_id);
                let list = match chans {
                    Some(b) => store.channels(c.workspace_id, b).await.unwrap_or_default(),
                    None => Vec::new(),
                };
                Parts::Stage {
                    stage,
                    channels: list,
                }
            }
            BoardEvent::ChannelsChanged => {
                channels.0.clear();
                Parts::None
            }
            _ => Parts::None,
        }
    }

    /// The re-rendered element, in the current language.
    fn html(&self) -> Option<String> {
        match self {
            Parts::None => None,
            Parts::Note {
                moment,
                channel,
                extras,
            } => {
                Some(views::note(moment, channel.as_ref(), "", false, *extras, None).into_string())
            }
            Parts::Stage { stage, channels } => Some(
                views::stage(
                    stage,
                    &[],
                    channels,
                    "",
                    true,
                    true,
                    &|_| None,
                    &|_| true,
                    &Default::default(),
                    &Default::default(),
                )
                .into_string(),
            ),
        }
    }
}

async fn run(hub: Arc<Hub>, mut notices: broadcast::Receiver<Notice>) {
    let mut last: HashMap<Id, i64> = HashMap::new();
    let mut channels = ChannelCache::default();
    // A notice read while gathering a run of counts, not part of it.
    let mut next: Option<Notice> = None;
    loop {
        let notice = match next.take() {
            Some(n) => n,
            None => match notices.recv().await {
                Ok(n) => n,
                Err(broadcast::error::RecvError::Lagged(_)) => Notice::Resync,
                Err(broadcast::error::RecvError::Closed) => return,
            },
        };
        match notice {
            Notice::Local(c) => {
                let Some(feed) = hub.feed(c.journey_id) else {
                    last.insert(c.journey_id, c.seq);
                    continue;
                };
                let prev = last.get(&c.journey_id).copied();
                if prev.is_some_and(|p| c.seq <= p) {
                    continue;
                }
                if let Some(p) = prev.filter(|p| c.seq > p + 1) {
                    fill(
                        &hub,
                        &feed,
                        &mut channels,
                        c.workspace_id,
                        c.journey_id,
                        p,
                        c.seq - 1,
                    )
                    .await;
                }
                if c.event.count_key().is_none() {
                    hub.publish(&feed, &c, &mut channels).await;
                    last.insert(c.journey_id, c.seq);
                    continue;
                }
                // Counts: those already waiting right behind it go in the
                // same frame, so a burst of votes costs each socket a few
                // sends, not one per vote.
                let journey_id = c.journey_id;
                let mut seq = c.seq;
                let mut run = vec![c];
                while run.len() < MAX_RUN {
                    match notices.try_recv() {
                        Ok(Notice::Local(n))
                            if n.journey_id == journey_id
                                && n.seq == seq + 1
                                && n.event.count_key().is_some() =>
                        {
                            seq = n.seq;
                            run.push(n)
                        }
                        Ok(other) => {
                            next = Some(other);
                            break;
                        }
                        Err(broadcast::error::TryRecvError::Lagged(_)) => {
                            next = Some(Notice::Resync);
                            break;
                        }
                        Err(_) => break,
                    }
                }
                hub.publish_counts(&feed, &run);
                last.insert(journey_id, seq);
            }
            Notice::Remote {
                workspace_id,
                journey_id,
                seq,
            } => {
                let prev = last.get(&journey_id).copied();
                if prev.is_some_and(|p| seq <= p) {
                    continue;
                }
                if let Some(feed) = hub.feed(journey_id) {
                    let from = prev.unwrap_or(seq - 1);
                    fill(
                        &hub,
                        &feed,
                        &mut channels,
                        workspace_id,
                        journey_id,
                        from,
                        seq,
                    )
                    .await;
                }
                last.insert(journey_id, seq);
            }
            Notice::Revoked(who) => {
                // No receiver means no open socket here: nothing to close.
                let _ = hub.revoked.send(who);
            }
            Notice::Resync => {
                // Notices may have been missed (the PostgreSQL listener
                // reconnected, or this hub fell behind): every watched board
                // catches up from its log. A frame past a subscriber's gap
                // makes it replay the rest from the log itself.
                channels.0.clear();
                let watched = hub.watched();
                last.retain(|j, _| watched.iter().any(|(_, w, _)| w == j));
                for (workspace_id, journey_id, feed) in watched {
                    let head = match hub.store.journey(workspace_id, journey_id).await {
                        Ok(j) => j.last_seq,
                        Err(e) => {
                            tracing::warn!(error = %e, journey_id, "cannot read the board's last change");
                            last.remove(&journey_id);
                            continue;
                        }
                    };
                    let from = match last.get(&journey_id) {
                        Some(&p) if p <= head => p,
                        _ => head - 1,
                    };
                    if head > from {
                        fill(
                            &hub,
                            &feed,
                            &mut channels,
                            workspace_id,
                            journey_id,
                            from.max(0),
                            head,
                        )
                        .await;
                    }
                    last.insert(journey_id, head);
                }
            }
        }
    }
}

/// Publishes the logged changes in (from, to] of one board.
async fn fill(
    hub: &Hub,
    feed: &Feeds,
    channels: &mut ChannelCache,
    workspace_id: Id,
    journey_id: Id,
    from: i64,
    to: i64,
) {
    match hub
        .store
        .changes_since(workspace_id, journey_id, from, to - from)
        .await
    {
        Ok(list) => {
            for c in list {
                hub.publish(feed, &c, channels).await;
            }
        }
        Err(e) => tracing::warn!(error = %e, journey_id, "cannot read the change log"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mot_core::session::SessionEvent;
    use serde_json::{json, Value};

    fn change(seq: i64, event: SessionEvent) -> Arc<Committed> {
        Arc::new(Committed {
            workspace_id: 1,
            journey_id: 2,
            seq,
            at: 0,
            event: event.into(),
        })
    }

    fn votes(seq: i64, dots: u32, voters: u32) -> Arc<Committed> {
        change(
            seq,
            SessionEvent::VotesChanged {
                session_id: 5,
                dots,
                voters,
            },
        )
    }

    fn rated(seq: i64, moment_id: Id, count: u32) -> Arc<Committed> {
        change(
            seq,
            SessionEvent::RatingsChanged {
                session_id: 5,
                moment_id,
                count,
            },
        )
    }

    fn parse(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn a_lone_count_is_its_own_frame() {
        let v = parse(&counts_text(&[votes(9, 1, 1)]));
        assert_eq!(
            v,
            json!({"type": "votes_changed", "session_id": 5, "dots": 1, "voters": 1, "seq": 9})
        );
    }

    #[test]
    fn a_run_of_votes_is_its_last_count_standing_for_all() {
        let run = [votes(9, 1, 1), votes(10, 2, 2), votes(11, 3, 2)];
        let text = counts_text(&run);
        assert_eq!(
            parse(&text),
            json!({"type": "votes_changed", "session_id": 5, "dots": 3, "voters": 2, "seq": 11, "from": 9})
        );
    }

    #[test]
    fn ratings_of_several_moments_keep_each_moments_last_count_in_order() {
        let run = [
            rated(20, 7, 1),
            rated(21, 8, 1),
            rated(22, 7, 2),
            rated(23, 9, 1),
            rated(24, 8, 2),
        ];
        let text = counts_text(&run);
        // The outer seq comes first, for readers that look for the first one.
        assert!(
            text.starts_with(r#"{"seq":24,"from":20,"type":"batch""#),
            "{text}"
        );
        let v = parse(&text);
        let inner: Vec<(i64, i64, i64)> = v["frames"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                assert_eq!(f["type"], "ratings_changed", "{f}");
                assert!(f.get("from").is_none(), "{f}");
                (
                    f["seq"].as_i64().unwrap(),
                    f["moment_id"].as_i64().unwrap(),
                    f["count"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(inner, [(22, 7, 2), (23, 9, 1), (24, 8, 2)]);
    }
}
