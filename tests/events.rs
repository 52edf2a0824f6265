//! Events through the real binary: relative dates resolved against document dates, reports of
//! one meeting folded into one event, kept right by rebuilds and corrections; timelines.

mod common;

use common::*;
use serde_json::Value;
use std::fs;
use std::path::Path;

/// Three wires of one meeting (two dated by a weekday, one by "yesterday") and a later one.
const WIRES: &str = r#"{"id":"w1","date":"1987-03-09","text":"President Ronald Reagan met Japanese Prime Minister Yasuhiro Nakasone on Thursday."}
{"id":"w2","date":"1987-03-06","text":"President Ronald Reagan met Japanese Prime Minister Yasuhiro Nakasone yesterday."}
{"id":"w3","date":"1987-04-20","text":"President Ronald Reagan met Japanese Prime Minister Yasuhiro Nakasone on Friday."}
{"id":"w4","date":"1987-03-09","text":"Japanese Foreign Minister Tadashi Kuranari will meet President Ronald Reagan on Thursday."}
"#;

fn events_json(db: &Path, args: &[&str]) -> Vec<Value> {
    let out = stdout_of(kg(db).args(["events", "--format", "json"]).args(args));
    serde_json::from_str::<Value>(&out)
        .expect("json")
        .as_array()
        .expect("array")
        .clone()
}

/// (start, number of sources) of each event.
fn dates_and_sources(events: &[Value]) -> Vec<(String, usize)> {
    events
        .iter()
        .map(|e| {
            (
                e["start"].as_str().unwrap_or("undated").to_string(),
                e["sources"].as_array().map_or(0, Vec::len),
            )
        })
        .collect()
}

fn wires_store(dir: &Path) -> std::path::PathBuf {
    let input = dir.join("wires.jsonl");
    fs::write(&input, WIRES).unwrap();
    let db = dir.join("kg.db");
    stdout_of(kg(&db).arg("build").arg(&input));
    db
}

#[test]
fn wires_of_one_meeting_fold_into_one_event() {
    let dir = tempdir();
    let db = wires_store(dir.path());
    let met = events_json(&db, &["--subject", "Reagan", "--object", "Nakasone"]);
    assert_eq!(
        dates_and_sources(&met),
        [("1987-03-05".to_string(), 2), ("1987-04-17".to_string(), 1)]
    );
    let phrases: Vec<&str> = met[0]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["phrase"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(phrases, ["on Thursday", "yesterday"]);
    // Future tense: the Thursday after the document date.
    let kuranari = events_json(&db, &["--subject", "Kuranari"]);
    assert_eq!(
        dates_and_sources(&kuranari),
        [("1987-03-12".to_string(), 1)]
    );
    // A wider window folds the April meeting in too.
    let wide = events_json(
        &db,
        &[
            "--subject",
            "Reagan",
            "--object",
            "Nakasone",
            "--window",
            "60",
        ],
    );
    assert_eq!(dates_and_sources(&wide), [("1987-03-05".to_string(), 3)]);
    // Date bounds select on the event date, not the document date.
    let march = events_json(&db, &["--label", "met", "--until", "1987-03-10"]);
    assert_eq!(dates_and_sources(&march), [("1987-03-05".to_string(), 2)]);
    let count = stdout_of(kg(&db).args(["events", "--count"]));
    assert_eq!(count, "6 events (2 with more than one report) from 8 relations: 8 dated by a time expression, 0 by their document, 0 undated\n");
    // Static relations only when asked for.
    let leader = events_json(&db, &["--label", "leader_of"]);
    assert_eq!(leader.len(), 2);
}

#[test]
fn timeline_lists_a_pair_in_date_order_and_draws_it() {
    let dir = tempdir();
    let db = wires_store(dir.path());
    let text = stdout_of(kg(&db).args(["timeline", "Reagan", "Nakasone"]));
    let first = text.find("1987-03-05").expect(&text);
    let second = text.find("1987-04-17").expect(&text);
    assert!(first < second, "{text}");
    assert!(
        text.starts_with("Ronald Reagan and Yasuhiro Nakasone: 2 events, 3 sources"),
        "{text}"
    );
    assert!(text.contains("[“on Thursday”]"), "{text}");
    let svg = stdout_of(kg(&db).args(["timeline", "Reagan", "--format", "svg"]));
    assert!(
        svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
        "{svg}"
    );
    assert_eq!(
        svg.matches("<circle").count(),
        3 + 1,
        "three events and a legend dot"
    );
    assert!(svg.contains("Yasuhiro Nakasone") && svg.contains("Tadashi Kuranari"));
    kg(&db)
        .args(["timeline", "Kuranari", "Nakasone"])
        .assert()
        .code(1);
}

#[test]
fn events_csv_has_one_row_per_event() {
    let dir = tempdir();
    let db = wires_store(dir.path());
    let csv = stdout_of(kg(&db).args(["events", "--format", "csv"]));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "id,start,end,precision,subject,label,object,sources,documents,confidence,first_document,first_sentence");
    assert_eq!(lines.len(), 1 + 3, "{csv}");
    assert!(
        lines[1].contains(
            ",1987-03-05,1987-03-05,day,\"Ronald Reagan\",met,\"Yasuhiro Nakasone\",2,2,"
        ),
        "{csv}"
    );
}

#[test]
fn events_follow_rebuilds_and_corrections() {
    let dir = tempdir();
    let db = dir.path().join("kg.db");
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    fs::write(
        &a,
        "March 9, 1987\n\nPresident Ronald Reagan met Yasuhiro Nakasone on Thursday.\n",
    )
    .unwrap();
    fs::write(
        &b,
        "March 9, 1987\n\nPresident Ronald Reagan met Mikhail Gorbachev on Thursday.\n",
    )
    .unwrap();
    stdout_of(kg(&db).arg("build").arg(&a).arg(&b));
    let all = |db: &Path| dates_and_sources(&events_json(db, &["--label", "met"]));
    assert_eq!(
        all(&db),
        [("1987-03-05".to_string(), 1), ("1987-03-05".to_string(), 1)]
    );

    // A merge makes the two meetings one event; undo splits it again.
    let out = stdout_of(kg(&db).args(["merge", "Mikhail Gorbachev", "Yasuhiro Nakasone"]));
    assert!(out.contains("merged"), "{out}");
    assert_eq!(all(&db), [("1987-03-05".to_string(), 2)]);
    let log = stdout_of(kg(&db).args(["curation", "log"]));
    let id = log.split_whitespace().next().unwrap().to_string();
    stdout_of(kg(&db).args(["unmerge", &id]));
    assert_eq!(
        all(&db),
        [("1987-03-05".to_string(), 1), ("1987-03-05".to_string(), 1)]
    );

    // A changed document moves its event; the old one is gone.
    fs::write(
        &a,
        "March 9, 1987\n\nPresident Ronald Reagan met Yasuhiro Nakasone on Friday.\n",
    )
    .unwrap();
    assert!(stdout_of(kg(&db).arg("build").arg(&a)).contains("1 replaced"));
    let nakasone = dates_and_sources(&events_json(&db, &["--object", "Nakasone"]));
    assert_eq!(nakasone, [("1987-03-06".to_string(), 1)]);
}

/// Reuters-21578: a weekday in a March 1987 article is the latest such day up to its
/// dateline date ("on Thursday" in an article of Monday 9 March 1987 is 5 March 1987).
#[test]
fn reuters_weekdays_resolve_against_the_dateline() {
    let Some(shared) = shared() else { return };
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let dir = tempdir();
    let mut records = String::new();
    let mut n = 0;
    let mut files: Vec<_> = fs::read_dir(shared.join("corpora/reuters21578"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
        .collect();
    files.sort();
    for path in files {
        // Latin-1: every byte is one char.
        let text: String = fs::read(&path)
            .unwrap()
            .iter()
            .map(|&b| b as char)
            .collect();
        for article in text.split("<REUTERS ").skip(1) {
            let (Some(date), Some(body)) = (
                between(article, "<DATE>", "</DATE>"),
                between(article, "<BODY>", "</BODY>"),
            ) else {
                continue;
            };
            // 8 to 31 March 1987: the past week never leaves March.
            let Some(day) = date
                .trim()
                .split_once("-MAR-1987")
                .and_then(|(d, _)| d.parse::<u32>().ok())
            else {
                continue;
            };
            if day >= 8 && DAYS.iter().any(|w| body.contains(&format!("on {w}"))) {
                n += 1;
                let body = body.replace("&lt;", "<").replace("&amp;", "&");
                let rec = serde_json::json!({"id": format!("r{n}"), "date": format!("1987-03-{day:02}"), "text": body});
                records.push_str(&rec.to_string());
                records.push('\n');
            }
        }
    }
    assert!(
        n >= 50,
        "only {n} Reuters articles of March 1987 name a weekday"
    );
    let input = dir.path().join("reuters.jsonl");
    fs::write(&input, records).unwrap();
    let db = dir.path().join("kg.db");
    stdout_of(kg(&db).arg("build").arg(&input));
    let all: Vec<&str> = [
        "met",
        "visited",
        "hosted",
        "communicated",
        "stated",
        "supported",
        "criticized",
        "warned",
        "threatened",
        "cooperated",
        "negotiated",
        "aided",
        "demanded",
        "opposed",
        "sanctioned",
        "attacked",
        "leader_of",
        "official_of",
        "adviser_to",
        "member_of",
        "works_for",
        "citizen_of",
        "located_in",
    ]
    .to_vec();
    let events = events_json(&db, &["--label", &all.join(",")]);
    let mut checked = 0;
    for s in events.iter().flat_map(|e| e["sources"].as_array().unwrap()) {
        let sentence = s["sentence"].as_str().unwrap();
        let future = [
            "will",
            "would",
            "due",
            "expected",
            "scheduled",
            "plan",
            "plans",
        ]
        .iter()
        .any(|w| sentence.split_whitespace().any(|t| t == *w));
        let Some(weekday) = DAYS.iter().position(|w| s["phrase"] == format!("on {w}")) else {
            continue;
        };
        let doc_day: u32 = s["document_date"].as_str().unwrap()[8..].parse().unwrap();
        // 1 March 1987 was a Sunday (6 with Monday 0).
        let doc_weekday = (doc_day + 5) % 7;
        let want = doc_day - (doc_weekday + 7 - weekday as u32) % 7;
        if !future {
            assert_eq!(
                s["date"],
                format!("1987-03-{want:02}"),
                "{sentence} ({})",
                s["document_date"]
            );
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} relations dated by a weekday");
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let end = start + s[start..].find(close)?;
    Some(&s[start..end])
}

/// The CAMEO export read back column by column, against `kg events --format json`.
#[test]
fn cameo_export_reads_back_column_by_column() {
    let dir = tempdir();
    let db = wires_store(dir.path());
    let tsv = stdout_of(kg(&db).args(["export", "events", "--format", "cameo"]));
    let json = events_json(&db, &[]);
    let by_id: std::collections::HashMap<i64, &Value> = json
        .iter()
        .map(|e| (e["id"].as_i64().unwrap(), e))
        .collect();
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(header.len(), 19);
    assert_eq!(&header[..3], ["GLOBALEVENTID", "SQLDATE", "DatePrecision"]);
    let goldstein = |root: &str| match root {
        "01" => 0.0,
        "04" => 1.0,
        other => panic!("no root {other} in these wires"),
    };
    let mut rows = 0;
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 19, "{line}");
        let event = by_id[&f[0].parse::<i64>().unwrap()];
        assert_eq!(f[1], event["start"].as_str().unwrap().replace('-', ""));
        assert_eq!(f[2], event["precision"]);
        assert_eq!(f[3], event["subject"]["name"]);
        let iso3 =
            |s: &str| s.is_empty() || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()));
        assert!(iso3(f[4]) && iso3(f[7]), "{line}");
        // A Phoenix actor code starts with its country.
        assert!(f[5].starts_with(f[4]) && f[8].starts_with(f[7]), "{line}");
        assert_eq!(f[6], event["object"]["name"]);
        assert_eq!(f[9], f[10]);
        assert_eq!(f[10].len(), 2);
        assert_eq!(f[11], "1", "{line}");
        assert_eq!(f[12].parse::<f64>().unwrap(), goldstein(f[10]));
        assert_eq!(
            f[13].parse::<usize>().unwrap(),
            event["sources"].as_array().unwrap().len()
        );
        assert!(f[14].parse::<usize>().unwrap() <= f[13].parse().unwrap());
        let c: f64 = f[15].parse().unwrap();
        assert!((c - event["confidence"].as_f64().unwrap()).abs() < 1e-4);
        assert_eq!(f[16], event["label"]);
        assert_eq!(f[17], event["sources"][0]["document"]);
        assert_eq!(f[18], event["sources"][0]["sentence"]);
        rows += 1;
    }
    assert_eq!(rows, 3);
    let reagan_nakasone = tsv
        .lines()
        .find(|l| l.contains("\tRonald Reagan\tUSA\tUSAGOV\tYasuhiro Nakasone\tJPN\tJPNGOV\t04\t"));
    assert!(reagan_nakasone.is_some(), "{tsv}");
    let plover = stdout_of(kg(&db).args(["export", "events", "--format", "plover"]));
    assert_eq!(plover.lines().count(), 1 + 3);
    assert!(
        plover
            .lines()
            .skip(1)
            .all(|l| l.split('\t').nth(7) == Some("CONSULT")),
        "{plover}"
    );
}

#[test]
fn diff_lists_what_is_new_in_a_period_and_what_went_quiet() {
    let dir = tempdir();
    let db = wires_store(dir.path());
    let out = stdout_of(kg(&db).args([
        "diff",
        "--since",
        "1987-03-10",
        "--until",
        "1987-03-31",
        "--format",
        "json",
    ]));
    let d: Value = serde_json::from_str(&out).unwrap();
    // Kuranari's meeting (will meet on Thursday 12 March) is new; Reagan–Nakasone is not.
    let ties: Vec<String> = d["ties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            format!(
                "{} {} {} {}",
                t["first"].as_str().unwrap(),
                t["subject"].as_str().unwrap(),
                t["label"].as_str().unwrap(),
                t["object"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        ties,
        [
            "1987-03-12 Tadashi Kuranari met Ronald Reagan",
            "1987-03-12 Tadashi Kuranari official_of Japan"
        ]
    );
    let entities: Vec<&str> = d["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(entities, ["Tadashi Kuranari"]);
    // Reagan–Nakasone was last reported on 17 April: not quiet before March 10.
    assert_eq!(d["quiet_ties"], 0);
    let april = stdout_of(kg(&db).args(["diff", "--since", "1987-04", "--around", "Kuranari"]));
    assert!(april.contains("quiet ties: 2"), "{april}");
    assert!(
        april.contains("1987-03-12  Tadashi Kuranari -met-> Ronald Reagan"),
        "{april}"
    );
    kg(&db)
        .args(["diff", "--since", "1987-13"])
        .assert()
        .code(2);
}

#[test]
fn as_of_shows_the_graph_as_known_on_a_day() {
    let dir = tempdir();
    let db = wires_store(dir.path());
    // By 8 March only the wire of 6 March was out: Reagan and Nakasone, no Kuranari.
    let early = stdout_of(kg(&db).args(["neighbors", "Reagan", "--as-of", "1987-03-08"]));
    assert!(
        early.contains("Yasuhiro Nakasone") && !early.contains("Kuranari"),
        "{early}"
    );
    let later = stdout_of(kg(&db).args(["neighbors", "Reagan", "--as-of", "1987-03-09"]));
    assert!(later.contains("Kuranari"), "{later}");
    kg(&db)
        .args(["path", "Kuranari", "Nakasone", "--as-of", "1987-03-06"])
        .assert()
        .failure();
    stdout_of(kg(&db).args(["path", "Kuranari", "Nakasone", "--as-of", "1987-12-31"]));
    // The tighter of --until and --as-of holds.
    let both = stdout_of(kg(&db).args([
        "neighbors",
        "Reagan",
        "--until",
        "1987",
        "--as-of",
        "1987-03-08",
    ]));
    assert!(!both.contains("Kuranari"), "{both}");
}

/// The dynamic GEXF as networkx's GEXF reader sees it: dynamic mode, a start and end on every
/// node and edge, one spell per event.
#[test]
fn gexf_export_is_dynamic_and_networkx_reads_it() {
    let dir = tempdir();
    let db = wires_store(dir.path());
    let file = dir.path().join("events.gexf");
    stdout_of(kg(&db).args(["export", "gexf", "-o"]).arg(&file));
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains(r#"mode="dynamic""#), "{text}");
    if !have_networkx() {
        return;
    }
    let script = r#"
import sys
import networkx as nx
g = nx.read_gexf(sys.argv[1])
print(g.graph["mode"], g.number_of_nodes(), g.number_of_edges())
assert all("start" in d and "end" in d for _, d in g.nodes(data=True))
for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[2]["start"], e[2]["weight"])):
    print(g.nodes[u]["label"], d["label"], g.nodes[v]["label"], d["start"], d["end"], d["weight"], d["spells"])
"#;
    let out = python(script, &[&file]);
    assert_eq!(
        out,
        "dynamic 3 2\n\
         Ronald Reagan met Yasuhiro Nakasone 1987-03-05 1987-04-17 3.0 [('1987-03-05', '1987-03-05'), ('1987-04-17', '1987-04-17')]\n\
         Tadashi Kuranari met Ronald Reagan 1987-03-12 1987-03-12 1.0 [('1987-03-12', '1987-03-12')]\n",
        "{out}"
    );
}

/// Event ids do not depend on how a build splits its documents into transactions (batches
/// close after a time, so the split varies run to run): a triple folded again in a later
/// batch keeps the ids it would have had in one batch.
#[test]
fn event_ids_are_the_same_whatever_the_batches() {
    let dir = tempdir();
    let export = |name: &str, batch: &str| {
        let db = dir.path().join(name);
        stdout_of(kg(&db).arg("build").arg(root().join("data/samples")).args([
            "-j",
            "1",
            "--batch-documents",
            batch,
        ]));
        stdout_of(kg(&db).args(["export", "events"]))
    };
    let one_batch = export("one.db", "64");
    assert!(one_batch.lines().count() > 20, "{one_batch}");
    assert_eq!(one_batch, export("per-document.db", "1"));
}
