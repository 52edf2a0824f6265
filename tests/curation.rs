//! Corrections through the real binary: they apply at once, survive re-ingestion, and undo.

mod common;

use common::*;
use std::fs;

#[test]
fn merge_survives_rebuild_and_undo_restores() {
    let dir = tempdir();
    let db = dir.path().join("kg.db");
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    fs::write(
        &a,
        "Foreign Minister John Smith met Russian Foreign Minister Sergey Lavrov.\n",
    )
    .unwrap();
    fs::write(&b, "Johnny Smith praised Vladimir Putin.\n").unwrap();
    stdout_of(kg(&db).arg("build").arg(&a).arg(&b));
    // Two nodes for one man until a user says otherwise (and the graph cache is written).
    assert!(stdout_of(kg(&db).args(["show", "Johnny Smith"])).starts_with("Johnny Smith"));
    kg(&db)
        .args(["path", "Sergey Lavrov", "Vladimir Putin"])
        .assert()
        .code(1);
    let out = stdout_of(kg(&db).args(["merge", "Johnny Smith", "John Smith"]));
    assert!(out.contains("merged Johnny Smith into John Smith"), "{out}");
    let show = stdout_of(kg(&db).args(["show", "Johnny Smith"]));
    assert!(
        show.starts_with("John Smith") && show.contains("supported"),
        "{show}"
    );
    // The graph (and its cache beside the store) sees the merge at once.
    let path = stdout_of(kg(&db).args(["path", "Sergey Lavrov", "Vladimir Putin"]));
    assert!(
        path.contains("John Smith") && path.contains("(2 hops)"),
        "{path}"
    );

    // Re-ingest a changed b.txt: the correction still holds.
    fs::write(
        &b,
        "Johnny Smith praised Vladimir Putin. Johnny Smith criticized Donald Trump.\n",
    )
    .unwrap();
    let rebuilt = stdout_of(kg(&db).arg("build").arg(&b));
    assert!(rebuilt.contains("1 replaced"), "{rebuilt}");
    let show = stdout_of(kg(&db).args(["show", "John Smith"]));
    assert!(
        show.contains("criticized") && show.contains("supported"),
        "{show}"
    );

    // Undo: the two are apart again.
    let log = stdout_of(kg(&db).args(["curation", "log"]));
    let id = log.split_whitespace().next().unwrap().to_string();
    stdout_of(kg(&db).args(["unmerge", &id]));
    let show = stdout_of(kg(&db).args(["show", "Johnny Smith"]));
    assert!(show.starts_with("Johnny Smith"), "{show}");
    assert!(stdout_of(kg(&db).args(["curation", "log"])).contains("undone"));
}

#[test]
fn alias_links_later_documents() {
    let dir = tempdir();
    let db = dir.path().join("kg.db");
    let a = dir.path().join("a.txt");
    fs::write(
        &a,
        "Russian President Vladimir Putin met Finnish President Sauli Niinistö.\n",
    )
    .unwrap();
    stdout_of(kg(&db).arg("build").arg(&a));
    stdout_of(kg(&db).args(["alias", "add", "Niinistö", "Sauli Väinämö Niinistö"]));
    let b = dir.path().join("b.txt");
    fs::write(&b, "Sauli Väinämö Niinistö criticized Donald Trump.\n").unwrap();
    stdout_of(kg(&db).arg("build").arg(&b));
    let show = stdout_of(kg(&db).args(["show", "Sauli Niinisto"]));
    assert!(
        show.contains("criticized") && show.contains("met"),
        "{show}"
    );
}

#[test]
fn split_moves_one_documents_mentions() {
    let dir = tempdir();
    let db = dir.path().join("kg.db");
    let a = dir.path().join("1987.txt");
    let b = dir.path().join("2004.txt");
    fs::write(
        &a,
        "Vice President George Bush met Canadian Foreign Minister Joe Clark.\n",
    )
    .unwrap();
    fs::write(
        &b,
        "President George Bush met British Prime Minister Tony Blair.\n",
    )
    .unwrap();
    stdout_of(kg(&db).arg("build").arg(&a).arg(&b));
    stdout_of(kg(&db).args([
        "split",
        "George Bush",
        "--doc",
        "2004.txt",
        "--as",
        "George W. Bush",
    ]));
    let w = stdout_of(kg(&db).args(["show", "George W. Bush"]));
    assert!(w.contains("Tony Blair") && !w.contains("Joe Clark"), "{w}");
    // Survives a rebuild of that document.
    fs::write(
        &b,
        "President George Bush met British Prime Minister Tony Blair in London.\n",
    )
    .unwrap();
    stdout_of(kg(&db).arg("build").arg(&b));
    let w = stdout_of(kg(&db).args(["show", "George W. Bush"]));
    assert!(w.contains("Tony Blair"), "{w}");
    let hw = stdout_of(kg(&db).args(["show", "George Bush"]));
    assert!(
        hw.contains("Joe Clark") && !hw.contains("Tony Blair"),
        "{hw}"
    );
}
