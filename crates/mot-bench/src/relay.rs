//! The baseline: a bare tokio-tungstenite broadcast server. Every text
//! message a client sends is broadcast to every connected client (the sender
//! included); nothing is stored, parsed or rendered. It is configured like
//! mot's live socket (4 KiB read buffer, no write buffering, 64 KiB messages)
//! and greets each client with `{"type":"ready","seq":0}` as mot does.

use crate::Res;
use futures_util::{SinkExt, StreamExt};
use std::io::Write;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{Message, Utf8Bytes};

/// Same depth as mot's per-board feed.
const CAPACITY: usize = 1024;

pub async fn run(bind: &str, nodelay: bool, max_seconds: u64) -> Res<()> {
    let listener = TcpListener::bind(bind).await?;
    println!("relay listening on {}", listener.local_addr()?);
    std::io::stdout().flush()?;
    let (tx, _) = broadcast::channel::<Utf8Bytes>(CAPACITY);
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
                tokio::spawn(conn(stream, tx.clone(), nodelay));
            }
            _ = &mut stdin_closed => break,
            _ = &mut deadline => break,
        }
    }
    Ok(())
}

async fn conn(stream: TcpStream, tx: broadcast::Sender<Utf8Bytes>, nodelay: bool) {
    let _ = stream.set_nodelay(nodelay);
    let config = WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
        .max_message_size(Some(64 * 1024));
    let Ok(mut ws) = tokio_tungstenite::accept_async_with_config(stream, Some(config)).await else {
        return;
    };
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
