//! Helpers for the unit tests.

/// Says, where `cargo test` shows it, that the running test skips and why: the test harness
/// keeps `eprintln!` output to itself unless the test fails, but not a direct write to stderr.
pub(crate) fn skip(reason: &str) {
    use std::io::Write;
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(std::io::stderr(), "skipping {test}: {reason}");
}
