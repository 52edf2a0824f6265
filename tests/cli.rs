//! End-to-end tests: the real `kg` binary on the bundled samples and on temporary files.

mod common;

use common::*;
use predicates::prelude::*;
use std::fs;

#[test]
fn build_summarises_and_rebuild_changes_nothing() {
    let dir = tempdir();
    let db = dir.path().join("kg.db");
    let samples = root().join("data/samples");
    let first = stdout_of(kg(&db).arg("build").arg(&samples));
    assert!(
        first.contains(" new,") && !first.contains(" 0 new,"),
        "{first}"
    );
    assert!(first.contains("0 failed"), "{first}");
    let stats_before = stdout_of(kg(&db).args(["stats", "--format", "json"]));
    let second = stdout_of(kg(&db).arg("build").arg(&samples));
    assert!(second.contains("0 new, 0 replaced"), "{second}");
    let stats_after = stdout_of(kg(&db).args(["stats", "--format", "json"]));
    assert_eq!(stats_before, stats_after, "a rebuild must change nothing");
}

#[test]
fn changed_file_replaces_its_old_triples() {
    let dir = tempdir();
    let db = dir.path().join("kg.db");
    let doc = dir.path().join("story.txt");
    fs::write(
        &doc,
        "Russian President Vladimir Putin met Finnish President Sauli Niinistö in Helsinki.\n",
    )
    .unwrap();
    stdout_of(kg(&db).arg("build").arg(&doc));
    let before = stdout_of(kg(&db).args(["show", "Putin", "--format", "json"]));
    assert!(before.contains("Niinist"), "{before}");
    fs::write(
        &doc,
        "Russian President Vladimir Putin criticized German Chancellor Angela Merkel.\n",
    )
    .unwrap();
    let out = stdout_of(kg(&db).arg("build").arg(&doc));
    assert!(out.contains("1 replaced"), "{out}");
    let after = stdout_of(kg(&db).args(["show", "Putin", "--format", "json"]));
    assert!(
        !after.contains("Niinist"),
        "old triples must be gone: {after}"
    );
    assert!(after.contains("Merkel"), "{after}");
    let stats: serde_json::Value =
        serde_json::from_str(&stdout_of(kg(&db).args(["stats", "--format", "json"]))).unwrap();
    assert_eq!(stats["documents"], 1);
}

#[test]
fn unknown_entity_is_a_clear_error() {
    let dir = tempdir();
    let db = sample_store(dir.path());
    kg(&db).args(["show", "Putn"]).assert().code(2).stderr(
        predicate::str::contains("no entity named \"Putn\"").and(predicate::str::contains("Putin")),
    );
    kg(&db)
        .args(["path", "Nobody At All", "Putin"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no entity named"));
}

#[test]
fn query_without_store_says_to_build() {
    let dir = tempdir();
    kg(&dir.path().join("missing.db"))
        .arg("stats")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("kg build"));
}

#[test]
fn path_velayati_trump_has_evidence_per_hop() {
    let dir = tempdir();
    let db = sample_store(dir.path());
    let out = stdout_of(kg(&db).args(["path", "Velayati", "Trump"]));
    assert!(out.starts_with("Ali Akbar Velayati →"), "{out}");
    assert!(out.contains("Donald Trump"), "{out}");
    let hops = out
        .lines()
        .filter(|l| l.trim_start().starts_with('“'))
        .count();
    let n: usize = out
        .split('(')
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .expect("hop count");
    assert_eq!(hops, n, "one evidence line per hop: {out}");
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        kg(&db).args(["path", "velayati", "TRUMP", "--format", "json"]),
    ))
    .unwrap();
    assert_eq!(json["hops"].as_array().map(Vec::len), Some(n));
}

#[test]
fn path_respects_max_hops_and_exits_1_when_empty() {
    let dir = tempdir();
    let db = sample_store(dir.path());
    kg(&db)
        .args(["path", "Velayati", "Trump", "--max-hops", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no path"));
}

#[test]
fn neighbors_show_and_stats() {
    let dir = tempdir();
    let db = sample_store(dir.path());
    let out = stdout_of(kg(&db).args(["neighbors", "Putin", "--depth", "2"]));
    assert!(out.starts_with("Vladimir Putin (PERSON)"), "{out}");
    assert!(out.contains("Donald Trump"), "{out}");
    let one = stdout_of(kg(&db).args(["neighbors", "Putin", "--depth", "1", "--format", "json"]));
    let two = stdout_of(kg(&db).args(["neighbors", "Putin", "--depth", "2", "--format", "json"]));
    let count = |s: &str| {
        serde_json::from_str::<serde_json::Value>(s).unwrap()["nodes"]
            .as_array()
            .map(Vec::len)
            .unwrap()
    };
    assert!(count(&two) > count(&one), "depth 2 reaches further");
    let show = stdout_of(kg(&db).args(["show", "vladimir putin"]));
    assert!(
        show.contains("aliases:") && show.contains("Putin"),
        "{show}"
    );
    assert!(show.contains('“'), "facts come with evidence: {show}");
    // Issue 16: every stored relation says which rule found it, so a wrong edge can be traced.
    assert!(show.contains("[rule: "), "facts name their rule: {show}");
    let json = stdout_of(kg(&db).args(["show", "vladimir putin", "--format", "json"]));
    let facts = serde_json::from_str::<serde_json::Value>(&json).unwrap()["facts"].clone();
    assert!(
        facts
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"].as_str().is_some_and(|r| !r.is_empty())),
        "{json}"
    );
    // Issue 11: confidences printed as the f64 widening of an f32 (0.800000011920929).
    let queries: [&[&str]; 2] = [
        &["show", "vladimir putin", "--format", "json"],
        &["relations", "--subject", "Putin", "--format", "json"],
    ];
    for args in queries {
        let doc = stdout_of(kg(&db).args(args));
        assert!(doc.contains("\"confidence\""), "{doc}");
        assert!(
            !doc.contains("0000000") && !doc.contains("9999999"),
            "confidences print rounded: {doc}"
        );
    }
    let stats = stdout_of(kg(&db).arg("stats"));
    assert!(
        stats.contains("PERSON") && stats.contains("COUNTRY"),
        "{stats}"
    );
}

#[test]
fn dot_export_renders_with_graphviz() {
    let dir = tempdir();
    let db = sample_store(dir.path());
    let dot = stdout_of(kg(&db).args(["export", "dot", "--around", "Putin", "--depth", "2"]));
    assert!(dot.starts_with("digraph"), "{dot}");
    let file = dir.path().join("all.dot");
    kg(&db)
        .args(["export", "dot", "-o"])
        .arg(&file)
        .assert()
        .success();
    if !have_dot() {
        return;
    }
    for input in [dot.into_bytes(), fs::read(&file).unwrap()] {
        let mut child = std::process::Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(&input).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "dot failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
    }
}

#[test]
fn bad_files_are_reported_and_skipped() {
    let dir = tempdir();
    let db = dir.path().join("kg.db");
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("good.txt"),
        "French President Emmanuel Macron hosted Vladimir Putin at Versailles.\n",
    )
    .unwrap();
    fs::write(
        input.join("latin1.txt"),
        b"Chancellor Gerhard Schr\xf6der met Jacques Chirac in Paris.\n",
    )
    .unwrap();
    fs::write(
        input.join("binary.txt"),
        b"\x00\x01\x02\x03PK\x00\x00binary",
    )
    .unwrap();
    fs::write(input.join("empty.txt"), b"").unwrap();
    kg(&db)
        .arg("build")
        .arg(&input)
        .assert()
        .success()
        .stdout(predicate::str::contains("2 new"))
        .stderr(predicate::str::contains("binary.txt").and(predicate::str::contains("latin1.txt")));
    kg(&db)
        .arg("build")
        .arg("--strict")
        .arg(&input)
        .assert()
        .code(2);
    kg(&db)
        .arg("build")
        .arg(dir.path().join("does-not-exist"))
        .assert()
        .code(2);
}

#[test]
fn stdin_is_read_with_dash() {
    let dir = tempdir();
    let db = dir.path().join("kg.db");
    kg(&db)
        .args(["build", "-"])
        .write_stdin("Iranian Foreign Minister Mohammad Javad Zarif met Russian Foreign Minister Sergey Lavrov in Moscow.\n")
        .assert()
        .success();
    let out = stdout_of(kg(&db).args(["show", "Lavrov"]));
    assert!(
        out.contains("official_of") && out.contains("Russia"),
        "{out}"
    );
}
