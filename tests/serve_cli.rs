//! `kg serve` as a process: the URL it prints, a clean stop on Ctrl-C (SIGINT), the warning
//! off loopback, and a missing store refused before listening.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn serve(db: &std::path::Path, extra: &[&str]) -> std::process::Child {
    common::serve_command(db, extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start kg serve")
}

/// Sends SIGINT (what Ctrl-C sends) and waits at most 10 s for the exit code.
fn interrupt(child: &mut std::process::Child) -> Option<i32> {
    let ok = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "kill -INT failed");
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().expect("wait") {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("kg serve did not stop within 10 s of SIGINT");
}

#[test]
fn serve_prints_its_url_answers_and_stops_cleanly_on_ctrl_c() {
    let dir = common::tempdir();
    let db = common::sample_store(dir.path());
    let mut child = serve(&db, &[]);
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("a line");
    assert!(line.contains("http://127.0.0.1:"), "{line}");
    let port: u16 = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    assert_ne!(port, 0);
    // One real request over TCP.
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    std::io::Write::write_all(
        &mut stream,
        b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    )
    .expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"documents\":12"), "{answer}");
    assert_eq!(interrupt(&mut child), Some(0));
}

#[test]
fn serve_warns_when_not_on_loopback() {
    let dir = common::tempdir();
    let db = common::sample_store(dir.path());
    let mut child = serve(&db, &["--host", "0.0.0.0"]);
    let mut line = String::new();
    BufReader::new(child.stderr.take().expect("stderr"))
        .read_line(&mut line)
        .expect("a line");
    assert!(line.contains("warning: listening on 0.0.0.0"), "{line}");
    let mut url = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut url)
        .expect("the URL");
    assert!(url.contains("http://0.0.0.0:"), "{url}");
    assert_eq!(interrupt(&mut child), Some(0));
}

#[test]
fn serve_without_a_store_fails_before_listening() {
    let dir = common::tempdir();
    common::kg(&dir.path().join("none.db"))
        .args(["serve", "--port", "0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no store at"));
}
