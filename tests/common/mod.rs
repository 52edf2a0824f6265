//! Helpers shared by the integration tests.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository, or `None` (with a printed reason) when it is absent.
/// Under `CI=true` its absence fails the test instead.
pub fn shared() -> Option<PathBuf> {
    let dir = root().join("../shared");
    if dir.join("eval/CONTRACT.md").exists() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("../shared is missing, and CI=true requires it");
    }
    skip("../shared is not present beside the repository");
    None
}

/// True when Graphviz `dot` can run; under `CI=true` its absence fails the test.
pub fn have_dot() -> bool {
    let ok = std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("Graphviz `dot` is missing, and CI=true requires it");
        }
        skip("Graphviz `dot` is not installed");
    }
    ok
}

/// The `kg` binary with `--db` pointing at `db`.
pub fn kg(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kg").expect("kg binary");
    cmd.arg("--db").arg(db).env_remove("KG_DB");
    cmd
}

/// Says, where `cargo test` shows it, that the running test skips and why: the test harness
/// keeps `eprintln!` output to itself unless the test fails, but not a direct write to stderr.
pub fn skip(reason: &str) {
    use std::io::Write;
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(std::io::stderr(), "skipping {test}: {reason}");
}

/// A fresh temporary folder.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Builds `data/samples` into a store in `dir` and returns its path.
pub fn sample_store(dir: &Path) -> PathBuf {
    let db = dir.join("kg.db");
    kg(&db)
        .arg("build")
        .arg(root().join("data/samples"))
        .assert()
        .success();
    db
}

/// Stdout of a successful run.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run kg");
    assert!(
        out.status.success(),
        "kg failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// True when `python3` can import networkx; under `CI=true` its absence fails the test.
pub fn have_networkx() -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import networkx"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("python3 with networkx is missing, and CI=true requires it");
        }
        skip("python3 with networkx is not installed (pip install networkx)");
    }
    ok
}

/// Runs `python3 -c script args...` and returns its stdout; panics with stderr on failure.
pub fn python(script: &str, args: &[&Path]) -> String {
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A small store from a triples file with hostile names, built by `kg import triples`.
pub fn triples_store(dir: &Path) -> PathBuf {
    let db = dir.join("kg.db");
    let tsv = dir.join("triples.tsv");
    std::fs::write(
        &tsv,
        "# a small graph with names that need escaping\n\
         Ali Akbar Velayati\tmet\tVladimir Putin\tPERSON\tPERSON\n\
         Vladimir Putin\tleader_of\tRussia\tPERSON\tCOUNTRY\n\
         Sergey Lavrov\tofficial_of\tRussia\tPERSON\tCOUNTRY\n\
         Ali Akbar Velayati\tadviser_to\tIran\tPERSON\tCOUNTRY\n\
         Iran\tcooperated\tRussia\tCOUNTRY\tCOUNTRY\n\
         AT&T <\"Corp\">\tcriticized\tVladimir Putin\tORGANIZATION\tPERSON\n\
         Vladimir Putin\tcommunicated\tAli Akbar Velayati\tPERSON\tPERSON\n\
         Bashar al-Assad\tleader_of\tSyria\tPERSON\tCOUNTRY\n\
         Syria\tcooperated\tRussia\tCOUNTRY\tCOUNTRY\n\
         Lonely O'Person\tstated\tNobody Else\tPERSON\tPERSON\n",
    )
    .expect("write triples");
    kg(&db)
        .args(["import", "triples"])
        .arg(&tsv)
        .assert()
        .success();
    db
}

/// `kg --db DB serve --port 0 EXTRA...` as a plain process (the caller picks its pipes).
pub fn serve_command(db: &Path, extra: &[&str]) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_kg"));
    cmd.arg("--db")
        .arg(db)
        .args(["serve", "--port", "0"])
        .args(extra)
        .env_remove("KG_DB");
    cmd
}
