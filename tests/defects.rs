//! Regression tests for the defects a hostile tester found (issue 11), one per bug, through
//! the real binary.

mod common;

use common::*;
use std::fs;
use std::path::Path;

/// Pairs of entities that share a type and a folded name: nothing tells them apart.
fn same_name_pairs(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut st = conn
        .prepare(
            "SELECT name || ' ' || kind FROM entities GROUP BY lower(name), kind HAVING count(*) > 1",
        )
        .unwrap();
    let rows = st.query_map([], |r| r.get::<_, String>(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

/// Issue 11, item 3: on Reuters, "Paul Volcker" after his term (the date kept him from the
/// knowledge base) and "World Bank" before a title became second entities beside the linked
/// ones, and `kg show "Paul Volcker"` could never answer.
#[test]
fn a_build_leaves_no_two_entities_of_one_name() {
    let dir = tempdir();
    let db = dir.path().join("kg.db");
    let input = dir.path().join("news.jsonl");
    let records = [
        serde_json::json!({"id": "1", "date": "1987-03-02", "text":
            "Federal Reserve Board Chairman Paul Volcker said interest rates would hold. The World Bank lent 300 mln dlrs to Brazil."}),
        serde_json::json!({"id": "2", "date": "1987-10-20", "text":
            "Former Federal Reserve chairman Paul Volcker said the markets were calm.\nWorld Bank President Barber Conable said he was confident Brazil would pay."}),
    ];
    let lines: Vec<String> = records.iter().map(ToString::to_string).collect();
    fs::write(&input, lines.join("\n") + "\n").unwrap();
    stdout_of(kg(&db).arg("build").arg(&input));
    assert_eq!(same_name_pairs(&db), Vec::<String>::new());
    for name in ["Paul Volcker", "World Bank"] {
        let show = stdout_of(kg(&db).args(["show", name]));
        assert!(
            show.contains("mentions:  ") && show.contains("2 document(s)"),
            "{show}"
        );
    }
}

/// Issue 11, item 3: where two entities do share a name, the ambiguity message names each by
/// a handle (`#ID`, key) that every command accepts, and `--type` picks one.
#[test]
fn ambiguous_names_have_handles_that_resolve() {
    let dir = tempdir();
    let db = dir.path().join("kg.db");
    let triples = dir.path().join("t.tsv");
    fs::write(
        &triples,
        "Zorblax\tmet\tVladimir Putin\tPERSON\tPERSON\nZorblax\tmember_of\tUnited Nations\tORGANIZATION\tORGANIZATION\n",
    )
    .unwrap();
    stdout_of(kg(&db).args(["import", "triples"]).arg(&triples));
    let out = kg(&db).args(["show", "Zorblax"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(err.contains("ambiguous"), "{err}");
    // Every handle the message offers must resolve, in `show` and in the other commands.
    let handles: Vec<String> = err
        .split(['(', ')'])
        .filter(|part| part.contains(", #"))
        .flat_map(|part| {
            part.split(", ")
                .skip(1)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(handles.len() >= 4, "{err}: {handles:?}");
    for h in &handles {
        let show = stdout_of(kg(&db).args(["show", h]));
        assert!(show.starts_with("Zorblax"), "{h}: {show}");
        stdout_of(kg(&db).args(["relations", "--subject", h]));
    }
    let person = stdout_of(kg(&db).args(["show", "Zorblax", "--type", "PERSON"]));
    assert!(person.starts_with("Zorblax (PERSON)"), "{person}");
    let org = stdout_of(kg(&db).args(["relations", "--subject", "Zorblax", "--type", "org"]));
    assert!(org.contains("member_of"), "{org}");
    stdout_of(kg(&db).args(["alias", "add", "Zorblax", "Zorbo", "--type", "PERSON"]));
    let show = stdout_of(kg(&db).args(["show", "person:zorblax"]));
    assert!(show.contains("Zorbo"), "{show}");
}
