//! Derives kg's predicate lexicon from the PETRARCH2 CAMEO verb dictionary (`CAMEO.2.0.txt`,
//! Open Event Data Alliance, MIT): each verb of a block, with its irregular forms, and each
//! simple phrase pattern ("* (WITH +)", "* TALKS (WITH +)") becomes a line of
//! `data/lexicon/cameo_verbs.tsv` with its CAMEO code and the ontology label that code maps to.
//! Build-time code: `kg lexicon build` runs it; the pipeline only reads the derived file.

use crate::model::RelationLabel;
use std::collections::BTreeMap;

/// Base confidence of a derived predicate: below the hand-written senses of `verbs.tsv`, which
/// were checked one by one.
pub const DERIVED_CONFIDENCE: f32 = 0.5;

/// One derived lexicon line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CameoPredicate {
    /// Lemma, one word or a verb and the noun it takes ("hold talks").
    pub lemma: String,
    /// Preposition that introduces the object; `None` for a direct object.
    pub prep: Option<String>,
    /// The CAMEO event code ("042", "1121").
    pub code: String,
    /// Inflected forms the dictionary lists (irregular ones: "sought", "met").
    pub forms: Vec<String>,
}

/// The ontology label a CAMEO code maps to (CONTRACT.md's table of roots, refined by the
/// second level where a root holds several of the ontology's labels); `None` for codes kg does
/// not turn into relations (statements, intentions, investigations, yielding...).
pub fn label_of(code: &str) -> Option<RelationLabel> {
    use RelationLabel::*;
    let c = |p: &str| code.starts_with(p);
    Some(match () {
        _ if c("02") => Demanded,
        _ if c("041") => Communicated,
        _ if c("042") => Visited,
        _ if c("043") => Hosted,
        _ if c("046") => Negotiated,
        // "040", "050", "060": the roots' catch-all codes ("consult", "engage in cooperation")
        // collect vague WordNet synonyms ("approach", "add", "export"); only finer codes count.
        _ if code == "040" || code == "050" || code == "060" => return None,
        // "061" (economic cooperation) is, in news, trade and money changing hands ("exported
        // sugar to Iran", "underwrote the issue", "invest in"): no agreement between the
        // parties, which is what CONTRACT.md's `cooperated` asks for.
        _ if code == "061" => return None,
        _ if c("045") => return None,
        _ if c("04") => Met,
        _ if c("051") || c("052") || c("053") || c("054") => Supported,
        _ if c("057") || c("050") => Cooperated,
        _ if c("05") => return None,
        _ if c("06") => Cooperated,
        _ if c("07") => Aided,
        _ if c("081") || c("085") => Aided,
        _ if c("10") => Demanded,
        _ if c("113") => Opposed,
        _ if c("115") || c("116") => return None,
        _ if c("11") => Criticized,
        _ if c("12") || c("14") => Opposed,
        _ if c("13") => Threatened,
        _ if c("16") || c("17") => Sanctioned,
        _ if c("18") || c("19") || c("20") => Attacked,
        _ => return None,
    })
}

/// Verbs used this often in UD English-EWT train (about its 300 most frequent verbs: "want",
/// "join", "hit", "argue") carry many senses, and the dictionary's WordNet synonyms for them
/// fire on ordinary sentences ("beat Labour" in an election is no attack); derived predicates
/// headed by a verb that frequent are dropped, unless a noun follows it ("hold talks").
pub const FREQUENT_VERB_COUNT: usize = 10;

/// Keeps the derived predicates a reader can trust: a light verb with its noun ("hold talks"),
/// and verbs (alone or with a particle: "take over") that are not among the most frequent verbs
/// of the treebank (`FREQUENT_VERB_COUNT`) and are used more as verbs than as nouns or
/// adjectives ("head", "trade", "conflict" are mostly nouns). `treebank` is UD English-EWT
/// train (words, UPOS); `prepositions` tells a particle from a noun.
pub fn drop_ambiguous(
    predicates: Vec<CameoPredicate>,
    treebank: &[crate::nlp::tagger::conll::TaggedSentence],
    prepositions: &[&str],
) -> Vec<CameoPredicate> {
    use std::collections::HashMap;
    // Lowercased form → (verb uses, noun/adjective uses).
    let mut uses: HashMap<String, (usize, usize)> = HashMap::new();
    for s in treebank {
        for (w, t) in s.words.iter().zip(&s.tags) {
            let e = uses.entry(w.to_lowercase()).or_default();
            match t.as_str() {
                "VERB" => e.0 += 1,
                "NOUN" | "PROPN" | "ADJ" => e.1 += 1,
                _ => {}
            }
        }
    }
    predicates
        .into_iter()
        .filter(|p| {
            let mut words = p.lemma.split(' ');
            let l = words.next().unwrap_or_default().to_string();
            let l = &l;
            if words.next().is_some_and(|w| !prepositions.contains(&w)) {
                return true;
            }
            let stem = l.strip_suffix('e').unwrap_or(l);
            let mut forms: Vec<String> = vec![
                l.clone(),
                format!("{l}s"),
                format!("{l}es"),
                format!("{l}d"),
                format!("{l}ed"),
                format!("{stem}ing"),
                format!("{stem}ed"),
            ];
            if let Some(y) = l.strip_suffix('y') {
                forms.push(format!("{y}ies"));
                forms.push(format!("{y}ied"));
            }
            forms.extend(p.forms.iter().cloned());
            forms.sort();
            forms.dedup();
            let (verb, other) = forms
                .iter()
                .filter_map(|f| uses.get(f))
                .fold((0, 0), |(v, o), &(a, b)| (v + a, o + b));
            verb < FREQUENT_VERB_COUNT && other <= verb
        })
        .collect()
}

/// A code in brackets: the source→target part of "[043:042]"; `None` for "[---]" or "[:026]".
fn bracket_code(s: &str) -> Option<String> {
    let inner = s.trim().strip_prefix('[')?.split(']').next()?;
    let first = inner.split(':').next()?.trim();
    (!first.is_empty() && first.chars().all(|c| c.is_ascii_digit())).then(|| first.to_string())
}

fn word(s: &str) -> String {
    s.trim_start_matches('+')
        .trim_end_matches('_')
        .replace('_', " ")
        .to_lowercase()
}

/// Parses the verb-pattern part of a PETRARCH2 dictionary and returns the derived predicates,
/// sorted and without duplicates. `prepositions` is the list of words that may introduce an
/// object (Phoenix.prepositions.txt).
pub fn derive(dictionary: &str, prepositions: &[&str]) -> Vec<CameoPredicate> {
    let mut out: BTreeMap<(String, Option<String>), CameoPredicate> = BTreeMap::new();
    let mut in_verbs = false;
    // The current block's verbs: (lemma, forms, own code or the block's).
    let mut verbs: Vec<(String, Vec<String>, Option<String>)> = Vec::new();
    let mut block_code: Option<String> = None;
    let mut add = |lemma: String, prep: Option<String>, code: String, forms: Vec<String>| {
        if label_of(&code).is_none() || lemma.split(' ').count() > 2 {
            return;
        }
        // The first pattern seen for a lemma and preposition wins, as in the dictionary.
        out.entry((lemma.clone(), prep.clone()))
            .or_insert(CameoPredicate {
                lemma,
                prep,
                code,
                forms,
            });
    };
    for raw in dictionary.lines() {
        let line = raw.split('#').next().unwrap_or("").trim_end();
        if raw.starts_with("####### VERB PATTERNS") {
            in_verbs = true;
            continue;
        }
        if !in_verbs || line.trim().is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("---") {
            // "---  MEET   [040]  ---": a new block.
            verbs.clear();
            block_code = rest.find('[').and_then(|i| bracket_code(&rest[i..]));
            continue;
        }
        if let Some(pattern) = line.strip_prefix('-') {
            // "# COME": the verb the pattern was written for; a pattern with a preposition
            // belongs to that verb, not to every synonym of its block.
            let owner = raw
                .split_once('#')
                .and_then(|(_, c)| c.split_whitespace().next())
                .map(word);
            let Some(open) = pattern.rfind('[') else {
                continue;
            };
            let Some(code) = bracket_code(&pattern[open..]) else {
                continue;
            };
            let toks: Vec<&str> = pattern[..open].split_whitespace().collect();
            // Only patterns that start at the verb: "* WORD (PREP +)", "* (PREP)", "* +".
            if toks.first() != Some(&"*") {
                continue;
            }
            let mut nouns: Vec<String> = Vec::new();
            let mut prep: Option<String> = None;
            let mut ok = true;
            for t in &toks[1..] {
                let t = t.trim_matches(|c| c == '(' || c == ')');
                if t.is_empty() || t == "+" || t == "$" {
                    continue;
                }
                if t.starts_with('&') || t.starts_with('{') || t.ends_with('}') || t == "^" {
                    ok = false;
                    break;
                }
                let w = word(t);
                if prep.is_none() && prepositions.contains(&w.as_str()) {
                    prep = Some(w);
                } else if prep.is_none() && nouns.is_empty() {
                    nouns.push(w);
                } else {
                    ok = false;
                    break;
                }
            }
            if !ok {
                continue;
            }
            for (lemma, forms, _) in &verbs {
                let owned = owner.as_ref().is_none_or(|o| o == lemma)
                    || !verbs.iter().any(|(l, _, _)| Some(l) == owner.as_ref());
                if prep.is_some() && !owned {
                    continue;
                }
                let lemma = match nouns.first() {
                    Some(n) => format!("{lemma} {n}"),
                    None => lemma.clone(),
                };
                let forms = if nouns.is_empty() {
                    forms.clone()
                } else {
                    Vec::new()
                };
                add(lemma, prep.clone(), code.clone(), forms);
            }
            continue;
        }
        // A verb line: "WORD {FORMS} [CODE]" or "+MULTI_WORD {FORMS}".
        let (head, rest) = match line.find('{') {
            Some(i) => (&line[..i], &line[i..]),
            None => match line.find('[') {
                Some(i) => (&line[..i], &line[i..]),
                None => (line, ""),
            },
        };
        let lemma = word(head.trim());
        if lemma.is_empty()
            || !lemma
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        {
            continue;
        }
        let forms: Vec<String> = rest
            .split('{')
            .nth(1)
            .and_then(|f| f.split('}').next())
            .map(|f| f.split_whitespace().map(word).collect())
            .unwrap_or_default();
        // Forms of a multi-word verb ("+ASKED_FOR") would be read as forms of its first word.
        let forms: Vec<String> = if lemma.contains(' ') {
            Vec::new()
        } else {
            forms.into_iter().filter(|f| !f.contains(' ')).collect()
        };
        let own = rest
            .rfind('[')
            .and_then(|i| bracket_code(&rest[i..]))
            .or_else(|| block_code.clone());
        let own_is_none = rest.contains("[---]");
        let code = if own_is_none { None } else { own };
        if let Some(code) = &code {
            add(lemma.clone(), None, code.clone(), forms.clone());
        }
        verbs.push((lemma, forms, code));
    }
    out.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
&SYN
+X

####### VERB PATTERNS #######

---  ARRIVE   [044]  ---
ARRIVE
COME {COMING COMES CAME } [---] # comment
- * (FOR VISIT)                                       [042:043]     # ARRIVE
- * (TO)                                              [042]         # COME
- MEDIATORS *                                         [045]         # ARRIVE
- * (FOR {&MILITARY EXERCISES})                       [062:062]     # ARRIVE

---  ACCUSE   [---]  ---
ACCUSE [112]
+PUT_FORWARD {+PUTS_FORWARD }
- * (OF TORTURE)                                      [1122]        # ACCUSE

---  GET   [---]  ---
GET {GETS GOT}
- * ACCESS                                            [---]         # GET
- * CALL (FROM)                                       [:041]        # RECEIVE
- * TALKS (WITH +)                                    [046]         # GET
";

    #[test]
    fn derives_verbs_codes_and_simple_patterns() {
        let preps = ["to", "for", "of", "with", "from"];
        let got = derive(SAMPLE, &preps);
        let find = |l: &str, p: Option<&str>| {
            got.iter()
                .find(|c| c.lemma == l && c.prep.as_deref() == p)
                .map(|c| c.code.clone())
        };
        assert_eq!(find("arrive", None), Some("044".into()));
        // "[---]" on a verb line: no event by itself, but its patterns count.
        assert_eq!(find("come", None), None);
        assert_eq!(find("come", Some("to")), Some("042".into()));
        assert_eq!(
            find("arrive", Some("to")),
            None,
            "the pattern was written for COME"
        );
        assert_eq!(
            find("arrive", Some("for")),
            None,
            "a noun after the preposition"
        );
        assert_eq!(find("accuse", None), Some("112".into()));
        assert_eq!(find("get talks", Some("with")), Some("046".into()));
        assert_eq!(find("get call", Some("from")), None, "target-only code");
        assert_eq!(find("put forward", None), None, "no code");
        let come = got.iter().find(|c| c.lemma == "come").map(|c| &c.forms);
        assert!(come.is_some_and(|f| f.contains(&"came".to_string())));
    }

    #[test]
    fn frequent_and_nominal_verbs_are_dropped() {
        use crate::nlp::tagger::conll::TaggedSentence;
        let p = |l: &str| CameoPredicate {
            lemma: l.into(),
            prep: None,
            code: "111".into(),
            forms: vec![],
        };
        let mut words = Vec::new();
        let mut tags = Vec::new();
        for _ in 0..FREQUENT_VERB_COUNT {
            words.push("wants".to_string());
            tags.push("VERB".to_string());
        }
        for (w, t) in [("heads", "NOUN"), ("head", "NOUN"), ("headed", "VERB")] {
            words.push(w.into());
            tags.push(t.into());
        }
        words.push("condemned".into());
        tags.push("VERB".into());
        let bank = [TaggedSentence {
            words,
            tags,
            ..Default::default()
        }];
        let kept: Vec<String> = drop_ambiguous(
            vec![
                p("want"),
                p("want for"),
                p("head"),
                p("condemn"),
                p("hold talks"),
                p("unseen"),
            ],
            &bank,
            &["for"],
        )
        .into_iter()
        .map(|c| c.lemma)
        .collect();
        assert_eq!(kept, ["condemn", "hold talks", "unseen"]);
    }

    #[test]
    fn codes_map_to_contract_labels() {
        use RelationLabel::*;
        for (code, label) in [
            ("042", Some(Visited)),
            ("043", Some(Hosted)),
            ("044", Some(Met)),
            ("046", Some(Negotiated)),
            ("051", Some(Supported)),
            ("057", Some(Cooperated)),
            ("040", None),
            ("060", None),
            ("061", None),
            ("062", Some(Cooperated)),
            ("0874", None),
            ("112", Some(Criticized)),
            ("1121", Some(Criticized)),
            ("120", Some(Opposed)),
            ("163", Some(Sanctioned)),
            ("190", Some(Attacked)),
            ("010", None),
        ] {
            assert_eq!(label_of(code), label, "{code}");
        }
    }
}
