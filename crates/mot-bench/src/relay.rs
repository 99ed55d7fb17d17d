//! The baseline: a bare tokio-tungstenite broadcast server. Every text
//! message a client sends is broadcast to every connected client (the sender
//! included); nothing is stored, parsed or rendered. It is configured like
//! mot's live socket (4 KiB read buffer, no write buffering, 64 KiB messages)
//! and greets each client with `{"type":"ready","seq":0}` as mot does.
//! Each request path is a room of its own (as each board is for mot), so
//! idle clients can wait on another room than the busy one.

use crate::Res;
use futures_util::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{Message, Utf8Bytes};

/// Same depth as mot's per-board feed.
const CAPACITY: usize = 1024;

pub async fn run(bind: &str, nodelay: bool, max_seconds: u64) -> Res<()> {
    let listener = TcpListener::bind(bind).await?;
    println!("relay listening on {}", listener.local_addr()?);
    std::io::stdout().flush()?;
    let rooms: Rooms = Arc::default();
    // Exit when the bench goes away (our stdin closes) or after max_seconds.
    let mut stdin_closed = tokio::task::spawn_blocking(|| {
        let mut sink = Vec::new();
        let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut sink);
    });
    let deadline = tokio::time::sleep(Duration::from_secs(max_seconds));
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            acc = listener.accept() => {
                let Ok((stream, _)) = acc else { continue };
                tokio::spawn(conn(stream, rooms.clone(), nodelay));
            }
            _ = &mut stdin_closed => break,
            _ = &mut deadline => break,
        }
    }
    Ok(())
}

/// Each path's broadcast channel.
type Rooms = Arc<Mutex<HashMap<String, broadcast::Sender<Utf8Bytes>>>>;

async fn conn(stream: TcpStream, rooms: Rooms, nodelay: bool) {
    let _ = stream.set_nodelay(nodelay);
    let config = WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
        .max_message_size(Some(64 * 1024));
    let mut path = String::new();
    // The handshake's callback type is tungstenite's (its error, a whole
    // HTTP response, is large).
    #[allow(clippy::result_large_err)]
    let see_path = |req: &Request, resp: Response| {
        path = req.uri().path().to_string();
        Ok(resp)
    };
    let Ok(mut ws) =
        tokio_tungstenite::accept_hdr_async_with_config(stream, see_path, Some(config)).await
    else {
        return;
    };
    let tx = rooms
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .entry(path)
        .or_insert_with(|| broadcast::channel(CAPACITY).0)
        .clone();
    let mut rx = tx.subscribe();
    if ws
        .send(Message::text(r#"{"type":"ready","seq":0}"#))
        .await
        .is_err()
    {
        return;
    }
    loop {
        tokio::select! {
            m = rx.recv() => match m {
                Ok(text) => {
                    if ws.send(Message::Text(text)).await.is_err() {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return,
            },
            m = ws.next() => match m {
                Some(Ok(Message::Text(text))) => {
                    let _ = tx.send(text);
                }
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                Some(Ok(_)) => {}
            },
        }
    }
}
