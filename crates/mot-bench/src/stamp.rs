//! A client's TCP stream that keeps the kernel's receive timestamp of its
//! latest read (`SO_TIMESTAMPNS`), so that a frame's latency is taken when
//! it reached the client's socket, not when the bench's busy runtime got
//! round to reading it.
//!
//! The timestamp is the kernel's `CLOCK_REALTIME` of the last segment a
//! read took; a frame completed by a read is stamped with that read's time
//! (a frame that shares a read with the start of the next one is stamped a
//! little late, for mot and the relay alike). The kernel turns its
//! timestamping on a moment after the first socket asks for it; a read
//! that comes without a stamp is stamped with the time it was read (late,
//! never early) and counted in [`UNSTAMPED`].

use nix::sys::socket::{
    recvmsg, setsockopt, sockopt::ReceiveTimestampns, ControlMessageOwned, MsgFlags,
};
use std::io::{self, IoSliceMut};
use std::os::fd::AsRawFd;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// Reads that came without the kernel's timestamp (stamped when read).
pub static UNSTAMPED: AtomicU64 = AtomicU64::new(0);
use std::sync::Arc;
use std::task::{ready, Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, Interest, ReadBuf};
use tokio::net::TcpStream;

/// Nanoseconds since the Unix epoch (`CLOCK_REALTIME`, the kernel's clock
/// for receive timestamps).
pub fn now_ns() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

/// A TCP stream whose reads record the kernel's receive time.
pub struct Stamped {
    inner: TcpStream,
    last: Arc<AtomicU64>,
    cmsg: Vec<u8>,
}

impl Stamped {
    /// Turns receive timestamps on for `inner`.
    pub fn new(inner: TcpStream) -> io::Result<Stamped> {
        setsockopt(&inner, ReceiveTimestampns, &true).map_err(io::Error::from)?;
        inner.set_nodelay(true)?;
        Ok(Stamped {
            inner,
            last: Arc::new(AtomicU64::new(0)),
            cmsg: nix::cmsg_space!(nix::sys::time::TimeSpec),
        })
    }

    /// The receive time of the latest read (ns since the epoch; 0: none
    /// yet), shared with whoever reads the frames.
    pub fn clock(&self) -> Arc<AtomicU64> {
        self.last.clone()
    }
}

impl AsyncRead for Stamped {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        loop {
            ready!(this.inner.poll_read_ready(cx))?;
            let fd = this.inner.as_raw_fd();
            let (cmsg, last) = (&mut this.cmsg, &this.last);
            let unfilled = buf.initialize_unfilled();
            let got = this.inner.try_io(Interest::READABLE, || {
                let mut iov = [IoSliceMut::new(unfilled)];
                let msg = recvmsg::<()>(fd, &mut iov, Some(cmsg.as_mut_slice()), MsgFlags::empty())
                    .map_err(io::Error::from)?;
                let mut stamp = None;
                if let Ok(list) = msg.cmsgs() {
                    for c in list {
                        if let ControlMessageOwned::ScmTimestampns(ts) = c {
                            stamp = Some(ts.tv_sec() as u64 * 1_000_000_000 + ts.tv_nsec() as u64);
                        }
                    }
                }
                if msg.bytes > 0 {
                    let ns = stamp.unwrap_or_else(|| {
                        UNSTAMPED.fetch_add(1, Relaxed);
                        now_ns()
                    });
                    last.store(ns, Relaxed);
                }
                Ok(msg.bytes)
            });
            match got {
                Ok(n) => {
                    buf.advance(n);
                    return Poll::Ready(Ok(()));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }
}

impl AsyncWrite for Stamped {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[tokio::test]
    async fn a_read_is_stamped_by_the_kernel_between_the_write_and_the_read() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let client = TcpStream::connect(addr).await.unwrap();
        let (mut server, _) = listener.accept().await.unwrap();
        let mut s = Stamped::new(client).unwrap();
        let clock = s.clock();
        assert_eq!(clock.load(Relaxed), 0);
        // The kernel turns timestamps on a moment after a socket first asks:
        // wait until a read carries one.
        let mut one = [0u8; 1];
        for _ in 0..10_000 {
            let before = UNSTAMPED.load(Relaxed);
            server.write_all(b".").await.unwrap();
            s.read_exact(&mut one).await.unwrap();
            if UNSTAMPED.load(Relaxed) == before {
                break;
            }
            tokio::task::yield_now().await;
        }
        let unstamped = UNSTAMPED.load(Relaxed);
        let before = now_ns();
        server.write_all(b"hello").await.unwrap();
        // Read only after the bytes have waited a while in the socket: the
        // stamp is when they arrived, not when they were read.
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let mut got = [0u8; 5];
        s.read_exact(&mut got).await.unwrap();
        let after = now_ns();
        assert_eq!(&got, b"hello");
        let stamp = clock.load(Relaxed);
        assert_eq!(
            UNSTAMPED.load(Relaxed),
            unstamped,
            "the kernel stamped the read"
        );
        assert!(stamp >= before, "{stamp} < {before}");
        assert!(
            after - stamp >= 40_000_000,
            "stamped at the read, not the arrival"
        );
    }
}
