//! Who is on a board right now: each live socket counts its person in while
//! it is open, and every socket of the board hears the list when it changes
//! (a `presence` frame: each person's key, name and initials). The session
//! bar marks those people as here.
//!
//! Presence is this process's: with several instances on one PostgreSQL
//! database each knows the sockets it serves (the changes themselves reach
//! every instance through the store).

use axum::extract::ws::Utf8Bytes;
use mot_core::Id;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use tokio::sync::watch;

/// The most people a `presence` frame lists: a workshop is far smaller, and
/// a board watched by thousands does not send thousands of names.
const MAX_LISTED: usize = 60;

/// The people on each watched board, and a feed of each board's list.
#[derive(Default)]
pub struct Presence {
    boards: Mutex<HashMap<Id, Board>>,
}

struct Board {
    /// Person key → (name, open sockets).
    people: BTreeMap<String, (String, usize)>,
    /// The board's `presence` frame, replaced when the list changes.
    frame: watch::Sender<Utf8Bytes>,
}

impl Board {
    fn frame(&self) -> Utf8Bytes {
        let here: Vec<serde_json::Value> = self
            .people
            .iter()
            .take(MAX_LISTED)
            .map(|(key, (name, _))| {
                serde_json::json!({"p": key, "n": name, "i": mot_core::text::initials(name)})
            })
            .collect();
        Utf8Bytes::from(serde_json::json!({"type": "presence", "here": here}).to_string())
    }
}

/// One socket's place on a board: while it lives, its person counts as here.
pub struct Here {
    presence: Arc<Presence>,
    journey_id: Id,
    person: String,
    /// The board's list as frames, from the one that includes this socket.
    pub frames: watch::Receiver<Utf8Bytes>,
}

impl Presence {
    /// Counts `person` (a person key, `u:1` or `g:2`, called `name`) in on
    /// the board until the returned [`Here`] is dropped.
    pub fn join(self: &Arc<Self>, journey_id: Id, person: String, name: &str) -> Here {
        let mut boards = self.boards.lock().unwrap_or_else(|p| p.into_inner());
        let board = boards.entry(journey_id).or_insert_with(|| Board {
            people: BTreeMap::new(),
            frame: watch::channel(Utf8Bytes::from_static("")).0,
        });
        let entry = board
            .people
            .entry(person.clone())
            .or_insert_with(|| (String::new(), 0));
        // Only a new person (or a new name) changes the list: a thousand
        // sockets of one person make one frame, not a thousand.
        let changed = entry.1 == 0 || entry.0 != name;
        entry.0 = name.to_string();
        entry.1 += 1;
        let mut frames = board.frame.subscribe();
        if changed {
            board.frame.send_replace(board.frame());
        } else {
            frames.mark_changed();
        }
        Here {
            presence: self.clone(),
            journey_id,
            person,
            frames,
        }
    }

    /// The person keys on a board now.
    pub fn here(&self, journey_id: Id) -> Vec<String> {
        let boards = self.boards.lock().unwrap_or_else(|p| p.into_inner());
        boards
            .get(&journey_id)
            .map(|b| b.people.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn leave(&self, journey_id: Id, person: &str) {
        let mut boards = self.boards.lock().unwrap_or_else(|p| p.into_inner());
        let Some(board) = boards.get_mut(&journey_id) else {
            return;
        };
        let Some(entry) = board.people.get_mut(person) else {
            return;
        };
        entry.1 -= 1;
        if entry.1 > 0 {
            return;
        }
        board.people.remove(person);
        if board.people.is_empty() {
            boards.remove(&journey_id);
        } else {
            board.frame.send_replace(board.frame());
        }
    }
}

impl Drop for Here {
    fn drop(&mut self) {
        self.presence.leave(self.journey_id, &self.person);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(frame: &Utf8Bytes) -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(frame.as_str()).unwrap();
        v["here"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| format!("{} {}", p["p"].as_str().unwrap(), p["i"].as_str().unwrap()))
            .collect()
    }

    #[test]
    fn a_person_is_here_while_any_of_their_sockets_is_open() {
        let p = Arc::new(Presence::default());
        let ada = p.join(1, "g:1".into(), "Ada Lovelace");
        let ada_again = p.join(1, "g:1".into(), "Ada Lovelace");
        let mut olivia = p.join(1, "u:1".into(), "Olivia Owner");
        let _elsewhere = p.join(2, "u:2".into(), "Ben");
        olivia.frames.borrow_and_update();
        let _olivia_again = p.join(1, "u:1".into(), "Olivia Owner");
        assert!(
            !olivia.frames.has_changed().unwrap(),
            "the same people: no new frame"
        );
        assert_eq!(p.here(1), vec!["g:1", "u:1"]);
        assert_eq!(
            keys(&olivia.frames.borrow_and_update()),
            vec!["g:1 AL", "u:1 OO"]
        );
        drop(ada);
        assert_eq!(p.here(1), vec!["g:1", "u:1"], "Ada's second tab is open");
        drop(ada_again);
        assert!(olivia.frames.has_changed().unwrap());
        assert_eq!(keys(&olivia.frames.borrow_and_update()), vec!["u:1 OO"]);
        drop(olivia);
        drop(_olivia_again);
        assert!(p.here(1).is_empty());
        assert_eq!(p.here(2), vec!["u:2"]);
    }
}
