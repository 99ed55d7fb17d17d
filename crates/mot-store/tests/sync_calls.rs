//! SQLite makes its commits durable with `fdatasync(2)`, never `fsync(2)`.
//!
//! The bundled SQLite is built with `HAVE_FDATASYNC` (`LIBSQLITE3_FLAGS` in
//! `.cargo/config.toml`); without it, SQLite calls `fsync` for every sync.
//! On ext4 with a journal, `fsync` also commits the journal when only the
//! file's modification time changed, which is every commit; `fdatasync`
//! does not (0.26 ms off a live change's delivery, BENCHMARKS.md). It still
//! writes the file's size when it grows, which is all SQLite needs (its
//! `full_fsync` says so).
//!
//! This test binary stands in for libc's `fsync` and `fdatasync`: it counts
//! the calls and makes the same system calls. Linux only, and in a test
//! binary of its own so that no other test's syncs are counted.
#![cfg(target_os = "linux")]
// The only unsafe code in the workspace: the two stand-ins, test-only.
#![allow(unsafe_code)]

use std::ffi::c_int;
use std::sync::atomic::{AtomicUsize, Ordering};

static FSYNCS: AtomicUsize = AtomicUsize::new(0);
static FDATASYNCS: AtomicUsize = AtomicUsize::new(0);

/// Takes libc's place for every caller in this binary (SQLite's C code too).
#[no_mangle]
pub extern "C" fn fsync(fd: c_int) -> c_int {
    FSYNCS.fetch_add(1, Ordering::SeqCst);
    // SAFETY: the system call takes a file descriptor and nothing else.
    unsafe { libc::syscall(libc::SYS_fsync, fd) as c_int }
}

#[no_mangle]
pub extern "C" fn fdatasync(fd: c_int) -> c_int {
    FDATASYNCS.fetch_add(1, Ordering::SeqCst);
    // SAFETY: as above.
    unsafe { libc::syscall(libc::SYS_fdatasync, fd) as c_int }
}

#[test]
fn sqlite_commits_use_fdatasync() {
    let dir = tempfile::tempdir().unwrap();
    let db = rusqlite::Connection::open(dir.path().join("sync.db")).unwrap();
    db.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
         CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL);",
    )
    .unwrap();
    let (fsyncs, fdatasyncs) = (
        FSYNCS.load(Ordering::SeqCst),
        FDATASYNCS.load(Ordering::SeqCst),
    );
    for i in 0..3 {
        db.execute(
            "INSERT INTO notes (title) VALUES (?1)",
            [format!("note {i}")],
        )
        .unwrap();
    }
    db.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    let fsyncs = FSYNCS.load(Ordering::SeqCst) - fsyncs;
    let fdatasyncs = FDATASYNCS.load(Ordering::SeqCst) - fdatasyncs;
    assert_eq!(
        fsyncs, 0,
        "SQLite called fsync {fsyncs} times (fdatasync {fdatasyncs})"
    );
    // Each of the three commits syncs the log; the checkpoint syncs the
    // log and the database file.
    assert!(fdatasyncs >= 5, "fdatasync was called {fdatasyncs} times");
}
