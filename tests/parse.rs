//! The dependency parser through the real binary: `kg parse` output is valid CoNLL-U and DOT,
//! `kg eval parse` agrees with the CoNLL 2018 script's way of counting.

mod common;

use common::*;

/// Checks CoNLL-U blocks: ten columns, ids 1..n, heads in range, exactly one root each.
fn check_conllu(text: &str) -> usize {
    let mut sentences = 0;
    for block in text.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let rows: Vec<Vec<&str>> = block
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect())
            .collect();
        let n = rows.len();
        assert!(n > 0, "empty sentence in {text}");
        let mut roots = 0;
        for (i, cols) in rows.iter().enumerate() {
            assert_eq!(cols.len(), 10, "{cols:?}");
            assert_eq!(cols[0], (i + 1).to_string());
            let head: usize = cols[6].parse().expect("numeric head");
            assert!(head <= n && head != i + 1, "head {head} of word {}", i + 1);
            if head == 0 {
                roots += 1;
                assert_eq!(cols[7], "root");
            }
            assert!(!cols[7].is_empty() && cols[7] != "_");
        }
        assert_eq!(roots, 1, "one root per sentence:\n{block}");
        sentences += 1;
    }
    sentences
}

#[test]
fn kg_parse_prints_valid_conllu() {
    let dir = tempdir();
    let text = "Sergey Lavrov met Ali Akbar Velayati in Moscow on Tuesday. \
                The talks, which lasted two hours, were described as constructive by both sides.";
    let out = stdout_of(kg(&dir.path().join("kg.db")).args(["parse", text]));
    assert_eq!(check_conllu(&out), 2, "{out}");
    assert!(out.contains("\tLavrov\t_\tPROPN\t"), "{out}");
    // Sergey (heading the flat name "Sergey Lavrov", as UD does) is the subject of met.
    let met = out
        .lines()
        .find(|l| l.split('\t').nth(1) == Some("met"))
        .expect("met");
    let met_id = met.split('\t').next().unwrap();
    let sergey = out
        .lines()
        .find(|l| l.split('\t').nth(1) == Some("Sergey"))
        .unwrap();
    let cols: Vec<&str> = sergey.split('\t').collect();
    assert_eq!((cols[6], cols[7]), (met_id, "nsubj"), "{out}");
}

#[test]
fn kg_parse_draws_dot() {
    let dir = tempdir();
    let out = stdout_of(kg(&dir.path().join("kg.db")).args([
        "parse",
        "Putin called Trump.",
        "--format",
        "dot",
    ]));
    assert!(out.starts_with("digraph parse {"), "{out}");
    assert!(out.contains("root -> w1 [label=\"root\"]"), "{out}");
    if have_dot() {
        let mut dot = std::process::Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("dot");
        use std::io::Write;
        dot.stdin.take().unwrap().write_all(out.as_bytes()).unwrap();
        assert!(dot.wait().unwrap().success(), "dot rejects {out}");
    }
}

/// `kg eval parse` on the first 300 sentences of EWT dev with `args` added: checks that the
/// predictions are valid CoNLL-U and that the CoNLL 2018 script prints the same line from
/// them; returns LAS (None without the corpora).
fn eval_first_dev_sentences(args: &[&std::ffi::OsStr]) -> Option<f64> {
    let shared = shared()?;
    let dir = tempdir();
    // The first 300 sentences of dev keep the test quick.
    let dev = std::fs::read_to_string(shared.join("corpora/ud_english_ewt/en_ewt-ud-dev.conllu"))
        .expect("EWT dev");
    let gold: String = dev
        .split("\n\n")
        .take(300)
        .map(|b| format!("{b}\n\n"))
        .collect();
    let gold_path = dir.path().join("gold.conllu");
    std::fs::write(&gold_path, gold).unwrap();
    let pred = dir.path().join("pred.conllu");
    let ours = stdout_of(
        kg(&dir.path().join("kg.db"))
            .args(["eval", "parse"])
            .arg(&gold_path)
            .arg("--predictions")
            .arg(&pred)
            .arg("--models")
            .arg(root().join("data/models"))
            .args(args),
    );
    assert_eq!(check_conllu(&std::fs::read_to_string(&pred).unwrap()), 300);
    let theirs = std::process::Command::new("python3")
        .arg(shared.join("eval/ud_eval.py"))
        .arg(&gold_path)
        .arg(&pred)
        .output()
        .expect("python3");
    assert!(theirs.status.success(), "{theirs:?}");
    let theirs = String::from_utf8_lossy(&theirs.stdout);
    assert_eq!(ours.trim(), theirs.trim());
    let las = ours
        .split_whitespace()
        .last()
        .and_then(|v| v.parse().ok())
        .expect("LAS");
    Some(las)
}

#[test]
fn eval_parse_predictions_match_the_reference_scorer() {
    let Some(las) = eval_first_dev_sentences(&[]) else {
        return;
    };
    assert!(las > 70.0, "LAS {las}");
}

#[test]
fn the_beam_model_parses_better_than_the_greedy_one() {
    let beam_model = root().join("data/models/parse.beam.bin");
    let Some(greedy) = eval_first_dev_sentences(&[]) else {
        return;
    };
    let beam =
        eval_first_dev_sentences(&["--model".as_ref(), beam_model.as_os_str()]).expect("corpora");
    assert!(beam > greedy, "beam LAS {beam}, greedy {greedy}");
}
