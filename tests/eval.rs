//! The extractor against the hand-made gold of `../shared/eval`, through the real binary and
//! the real scorer. Skips (with a reason) when `../shared` is absent, except under CI=true.

mod common;

use common::*;
use std::process::Command;

fn micro_scores(pred: &std::path::Path, shared: &std::path::Path) -> serde_json::Value {
    let out = Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg(shared.join("eval/gold"))
        .arg("--pred")
        .arg(pred)
        .arg("--json")
        .output()
        .expect("python3 runs score.py");
    assert!(
        out.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("score.py JSON");
    v["micro"].clone()
}

#[test]
fn extract_meets_the_issue_thresholds() {
    let Some(shared) = shared() else { return };
    let docs: Vec<_> = std::fs::read_dir(shared.join("eval/docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let dir = tempdir();
    let out = stdout_of(
        kg(&dir.path().join("unused.db"))
            .arg("extract")
            .args(&docs)
            .args(["--format", "jsonl"]),
    );
    assert_eq!(out.lines().count(), docs.len(), "one record per document");
    let pred = dir.path().join("pred.jsonl");
    std::fs::write(&pred, &out).unwrap();
    let micro = micro_scores(&pred, &shared);
    let f1 = |k: &str| micro[k]["f1"].as_f64().unwrap();
    eprintln!(
        "entities_typed F1 {:.3}, relations F1 {:.3}, pairs F1 {:.3}",
        f1("entities_typed"),
        f1("relations"),
        f1("pairs")
    );
    // Just under the README's figures on all 25 articles (entities_typed 0.936, relations
    // 0.782 with precision 0.972, pairs 0.807): a change that loses ground fails here, and must
    // say why in its commit if it lowers these.
    assert!(
        f1("entities_typed") >= 0.93,
        "entities_typed F1 {}",
        f1("entities_typed")
    );
    assert!(f1("relations") >= 0.77, "relations F1 {}", f1("relations"));
    assert!(f1("pairs") >= 0.80, "pairs F1 {}", f1("pairs"));
    let precision = micro["relations"]["p"].as_f64().unwrap();
    assert!(precision >= 0.95, "relations precision {precision}");
}

#[test]
fn seed_article_has_velayati_delivering_letters_to_putin() {
    let Some(shared) = shared() else { return };
    let doc = shared.join("eval/docs/khamenei-adviser.txt");
    let out = stdout_of(
        kg(&tempdir().path().join("unused.db"))
            .arg("extract")
            .arg(&doc),
    );
    let rec: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let hit = rec["relations"].as_array().unwrap().iter().find(|r| {
        r["subject"] == "Ali Akbar Velayati"
            && r["relation"] == "communicated"
            && r["object"] == "Vladimir Putin"
    });
    let hit = hit.unwrap_or_else(|| panic!("no Velayati -communicated-> Putin in {out}"));
    assert!(
        hit["predicate"].as_str().unwrap().starts_with("deliver"),
        "{hit}"
    );
    assert!(
        hit["evidence"]
            .as_str()
            .unwrap()
            .contains("deliver to Putin two written messages"),
        "{hit}"
    );
}

#[test]
fn path_over_the_eval_articles() {
    let Some(shared) = shared() else { return };
    let dir = tempdir();
    let db = dir.path().join("kg.db");
    kg(&db)
        .arg("build")
        .arg(shared.join("eval/docs"))
        .assert()
        .success();
    let out = stdout_of(kg(&db).args(["path", "Velayati", "Trump"]));
    assert!(
        out.contains("Ali Akbar Velayati") && out.contains("Donald Trump") && out.contains('“'),
        "{out}"
    );
    stdout_of(kg(&db).args(["neighbors", "Putin", "--depth", "2"]));
    stdout_of(kg(&db).args(["show", "Velayati"]));
    stdout_of(kg(&db).args(["stats"]));
}
