//! The live-update hub: turns committed changes into frames and fans them out
//! to every client watching the board, in sequence order.
//!
//! Frames are rendered once per change (JSON with the re-rendered HTML of the
//! affected element) and shared by all subscribers. Changes from other
//! instances (PostgreSQL NOTIFY) and any gap are filled from the durable log,
//! so subscribers see each board's changes in order without holes.

use crate::board::views;
use axum::extract::ws::Utf8Bytes;
use mot_core::{BoardEvent, Channel, Id};
use mot_store::{Committed, Notice, Store};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;

/// One change as sent to clients: its sequence number and the JSON text
/// (shared: every connection sends the same buffer, none copies it).
#[derive(Debug, Clone)]
pub struct Frame {
    pub seq: i64,
    pub text: Utf8Bytes,
}

pub struct Hub {
    store: Store,
    /// Each watched board's workspace and feed.
    feeds: Mutex<HashMap<Id, (Id, broadcast::Sender<Frame>)>>,
    revoked: broadcast::Sender<Revoked>,
}

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

    /// Frames of one board (of `workspace_id`) from now on.
    pub fn subscribe(&self, workspace_id: Id, journey_id: Id) -> broadcast::Receiver<Frame> {
        let mut feeds = self.feeds.lock().unwrap_or_else(|p| p.into_inner());
        feeds
            .entry(journey_id)
            .or_insert_with(|| (workspace_id, broadcast::channel(FEED_CAPACITY).0))
            .1
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

    fn feed(&self, journey_id: Id) -> Option<broadcast::Sender<Frame>> {
        let mut feeds = self.feeds.lock().unwrap_or_else(|p| p.into_inner());
        match feeds.get(&journey_id) {
            Some((_, tx)) if tx.receiver_count() > 0 => Some(tx.clone()),
            Some(_) => {
                feeds.remove(&journey_id);
                None
            }
            None => None,
        }
    }

    /// The boards someone watches: (workspace, journey, feed).
    fn watched(&self) -> Vec<(Id, Id, broadcast::Sender<Frame>)> {
        let mut feeds = self.feeds.lock().unwrap_or_else(|p| p.into_inner());
        feeds.retain(|_, (_, tx)| tx.receiver_count() > 0);
        feeds
            .iter()
            .map(|(j, (w, tx))| (*w, *j, tx.clone()))
            .collect()
    }

    /// Renders a committed change as a frame.
    pub async fn render(&self, c: &Committed, channels: &mut ChannelCache) -> Frame {
        Frame {
            seq: c.seq,
            text: render_frame(&self.store, c, channels).await.into(),
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

/// The JSON sent for one change: the event's fields, `seq`, and `html` when
/// the client needs a re-rendered element.
pub async fn render_frame(store: &Store, c: &Committed, channels: &mut ChannelCache) -> String {
    let mut value = serde_json::to_value(&c.event).unwrap_or_default();
    let html = match &c.event {
        BoardEvent::MomentAdded { moment }
        | BoardEvent::MomentUpdated { moment }
        | BoardEvent::MomentRestored { moment } => {
            let ch = channels.get(store, c.workspace_id, moment.channel_id).await;
            // A note just added has no standard and no audit score yet: no
            // need to ask the database on the path of every new note.
            let extras = if matches!(c.event, BoardEvent::MomentAdded { .. }) {
                Default::default()
            } else {
                store
                    .moment_extras(c.workspace_id, moment.id)
                    .await
                    .unwrap_or_default()
            };
            Some(views::note(moment, ch.as_ref(), "", false, extras).into_string())
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
            Some(
                views::stage(
                    stage,
                    &[],
                    &list,
                    "",
                    true,
                    true,
                    &|_| None,
                    &|_| true,
                    &Default::default(),
                )
                .into_string(),
            )
        }
        BoardEvent::ChannelsChanged => {
            channels.0.clear();
            None
        }
        _ => None,
    };
    if let Some(obj) = value.as_object_mut() {
        obj.insert("seq".into(), c.seq.into());
        if let Some(h) = html {
            obj.insert("html".into(), h.into());
        }
    }
    value.to_string()
}

async fn run(hub: Arc<Hub>, mut notices: broadcast::Receiver<Notice>) {
    let mut last: HashMap<Id, i64> = HashMap::new();
    let mut channels = ChannelCache::default();
    loop {
        let notice = match notices.recv().await {
            Ok(n) => n,
            Err(broadcast::error::RecvError::Lagged(_)) => Notice::Resync,
            Err(broadcast::error::RecvError::Closed) => return,
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
                let _ = feed.send(hub.render(&c, &mut channels).await);
                last.insert(c.journey_id, c.seq);
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
    feed: &broadcast::Sender<Frame>,
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
                let _ = feed.send(hub.render(&c, channels).await);
            }
        }
        Err(e) => tracing::warn!(error = %e, journey_id, "cannot read the change log"),
    }
}
