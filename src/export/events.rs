//! Event data for analysts who work with GDELT, ICEWS, Phoenix or POLECAT: dated,
//! deduplicated events as tab-separated values, one event a line, coded in CAMEO (roots, quad
//! class, Goldstein score) or in PLOVER event types.
//!
//! CAMEO columns (`kg export events --format cameo`), named as GDELT 1.0 names them where
//! one exists:
//! 1. `GLOBALEVENTID`: kg's event id (`kg events --format json` has the same).
//! 2. `SQLDATE`: the event's first day, `YYYYMMDD` (undated events are not written).
//! 3. `DatePrecision`: day, week, month or year: how finely the date is known.
//! 4. `Actor1Name`, 5. `Actor1CountryCode` (ISO 3166 alpha-3), 6. `Actor1Code` (the Phoenix
//!    actor code the dictionaries give for the person on that date, e.g. `USAGOV`; for a
//!    country its ISO3; else the country's ISO3 when one is known, else empty): the source actor.
//! 7. `Actor2Name`, 8. `Actor2CountryCode`, 9. `Actor2Code`: the target actor, alike.
//! 10. `EventCode`: the CAMEO code most of the event's reports were stored with when it is a
//!     code (the finer one a verb pattern gives, e.g. `042`), else the relation label's root;
//!     11. `EventRootCode`: its two-digit root.
//! 12. `QuadClass`: 1 verbal cooperation (roots 01-05), 2 material cooperation (06-09),
//!     3 verbal conflict (10-14), 4 material conflict (15-20).
//! 13. `GoldsteinScale`: the Goldstein (1992) weight of the root (not of a finer code), as
//!     GDELT tabulates it.
//! 14. `NumSources`: reports folded into the event; 15. `NumArticles`: distinct documents.
//! 16. `Confidence`: the reports' confidences combined (noisy-or).
//! 17. `Label`: kg's relation label.
//! 18. `SourceDocument`, 19. `SourceSentence`: the first report's document and sentence.
//!
//! PLOVER columns (`--format plover`): `event_id`, `event_date` (ISO), `date_precision`,
//! `actor_name`, `actor_country`, `recipient_name`, `recipient_country`, `event_type` (a PLOVER
//! type: CONSULT, SUPPORT, ACCUSE, THREATEN, COOPERATE, AID, REQUEST, REJECT, SANCTION, ASSAULT),
//! `quad` (the same four classes as CAMEO, in words), `num_sources`, `num_articles`,
//! `confidence`, `label`, `source_document`, `source_sentence`. Labels PLOVER has no type for
//! (stated) and static relations are not written.
//!
//! Text fields have tabs and line breaks turned into spaces, so every event is one line.

use crate::error::{Error, Result};
use crate::kb::{Key, KnowledgeBase, Namespace};
use crate::model::{EntityRecord, EntityType, RelationLabel};
use crate::store::Event;
use std::io::Write;

/// The CAMEO header line's fields.
pub const CAMEO_COLUMNS: [&str; 19] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "DatePrecision",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Code",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumSources",
    "NumArticles",
    "Confidence",
    "Label",
    "SourceDocument",
    "SourceSentence",
];

/// The PLOVER header line's fields.
pub const PLOVER_COLUMNS: [&str; 15] = [
    "event_id",
    "event_date",
    "date_precision",
    "actor_name",
    "actor_country",
    "recipient_name",
    "recipient_country",
    "event_type",
    "quad",
    "num_sources",
    "num_articles",
    "confidence",
    "label",
    "source_document",
    "source_sentence",
];

/// The CAMEO root of a label: the first of the roots `RelationLabel::cameo` lists.
pub fn cameo_root(label: RelationLabel) -> Option<&'static str> {
    label.cameo().map(|c| c.split('/').next().unwrap_or(c))
}

/// The event's CAMEO code: the one most of its reports were stored with when that is a code
/// (two to four digits, a finer one when the verb pattern gave it), else the label's root.
pub fn event_code(e: &Event) -> Option<String> {
    let root = cameo_root(e.label)?;
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for c in e.sources.iter().filter_map(|s| s.cameo.as_deref()) {
        if (2..=4).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit()) {
            match counts.iter_mut().find(|(k, _)| *k == c) {
                Some(entry) => entry.1 += 1,
                None => counts.push((c, 1)),
            }
        }
    }
    // The most frequent; on a tie the first seen (sources are in date order).
    let best = counts
        .iter()
        .fold(None::<(&str, usize)>, |best, &(c, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((c, n)),
        });
    Some(best.map_or(root, |(c, _)| c).to_string())
}

/// Quad class of a CAMEO root (1 to 4).
pub fn quad_class(root: &str) -> Option<u8> {
    let n: u8 = root.parse().ok()?;
    Some(match n {
        1..=5 => 1,
        6..=9 => 2,
        10..=14 => 3,
        15..=20 => 4,
        _ => return None,
    })
}

/// The quad class in words, as PLOVER writes it.
fn quad_words(q: u8) -> &'static str {
    match q {
        1 => "verbal cooperation",
        2 => "material cooperation",
        3 => "verbal conflict",
        _ => "material conflict",
    }
}

/// Goldstein (1992) weight of a CAMEO root code, as GDELT's CAMEO.goldsteinscale.txt gives it
/// for the root's three-digit code (010, 020, ... 200).
pub fn goldstein(root: &str) -> Option<f64> {
    const SCALE: [f64; 20] = [
        0.0, 3.0, 4.0, 1.0, 3.5, 6.0, 7.0, 5.0, -2.0, -5.0, -2.0, -4.0, -6.0, -6.5, -7.2, -4.0,
        -7.0, -9.0, -10.0, -10.0,
    ];
    let n: usize = root.parse().ok()?;
    n.checked_sub(1).and_then(|i| SCALE.get(i)).copied()
}

/// The PLOVER event type of a label.
pub fn plover_type(label: RelationLabel) -> Option<&'static str> {
    use RelationLabel::*;
    Some(match label {
        Met | Visited | Hosted | Negotiated | Communicated => "CONSULT",
        Supported => "SUPPORT",
        Criticized => "ACCUSE",
        Warned | Threatened => "THREATEN",
        Cooperated => "COOPERATE",
        Aided => "AID",
        Demanded => "REQUEST",
        Opposed => "REJECT",
        Sanctioned => "SANCTION",
        Attacked => "ASSAULT",
        Stated | LeaderOf | OfficialOf | AdviserTo | MemberOf | WorksFor | CitizenOf
        | LocatedIn => return None,
    })
}

/// An actor's ISO3 country and Phoenix code on `date` (ISO), from the knowledge base.
pub fn actor_codes(kb: &KnowledgeBase, e: &EntityRecord, date: &str) -> (String, String) {
    let entry = e.kb_key.as_deref().and_then(|k| kb.entry(k));
    let iso3 = |key: &Key| match key.namespace() {
        Namespace::Country => key.id().to_string(),
        _ => String::new(),
    };
    let country = match (e.kind, entry) {
        (EntityType::Country, Some(en)) => iso3(&en.key),
        (_, Some(en)) => en.country.as_ref().map(iso3).unwrap_or_default(),
        _ => String::new(),
    };
    let role = entry.and_then(|en| en.roles.iter().find(|r| r.holds_on(date)));
    let code = role.map_or_else(|| country.clone(), |r| r.code.clone());
    (country, code)
}

fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn io(e: std::io::Error) -> Error {
    Error::Write(e)
}

/// What both formats write of one event: its dated actors and its sources.
struct Row {
    id: String,
    date: String,
    precision: String,
    actors: [(String, String, String); 2],
    /// The CAMEO code and its two-digit root.
    code: String,
    root: String,
    /// num sources, num articles, confidence, label, first document, first sentence.
    tail: [String; 6],
}

/// The row of a dated interaction; `None` for undated events and static relations.
fn row(e: &Event, kb: &KnowledgeBase) -> Option<Row> {
    let (start, code) = (e.start?, event_code(e)?);
    let root = code.get(..2)?.to_string();
    let date = start.to_string();
    let actor = |a: &EntityRecord| {
        let (country, code) = actor_codes(kb, a, &date);
        (clean(&a.name), country, code)
    };
    let first = e.sources.first();
    Some(Row {
        id: e.id.map(|i| i.to_string()).unwrap_or_default(),
        precision: e
            .precision
            .map(|p| p.as_str())
            .unwrap_or_default()
            .to_string(),
        actors: [actor(&e.subject), actor(&e.object)],
        code,
        root,
        tail: [
            e.sources.len().to_string(),
            e.documents.to_string(),
            format!("{:.4}", e.confidence),
            e.label.to_string(),
            first.map(|s| clean(&s.document)).unwrap_or_default(),
            first.map(|s| clean(&s.sentence)).unwrap_or_default(),
        ],
        date,
    })
}

/// Writes the header and one line per row `fields` makes; returns the number of lines.
fn write_rows<W: Write + ?Sized>(
    events: &[Event],
    kb: &KnowledgeBase,
    header: &[&str],
    fields: impl Fn(&Event, Row) -> Option<Vec<String>>,
    out: &mut W,
) -> Result<usize> {
    writeln!(out, "{}", header.join("\t")).map_err(io)?;
    let mut n = 0;
    for e in events {
        if let Some(f) = row(e, kb).and_then(|r| fields(e, r)) {
            writeln!(out, "{}", f.join("\t")).map_err(io)?;
            n += 1;
        }
    }
    Ok(n)
}

/// Writes the CAMEO TSV (header first); returns the number of events written.
pub fn write_cameo<W: Write + ?Sized>(
    events: &[Event],
    kb: &KnowledgeBase,
    out: &mut W,
) -> Result<usize> {
    write_rows(
        events,
        kb,
        &CAMEO_COLUMNS,
        |_, r| {
            let [(n1, c1, a1), (n2, c2, a2)] = r.actors;
            let mut f = vec![
                r.id,
                r.date.replace('-', ""),
                r.precision,
                n1,
                c1,
                a1,
                n2,
                c2,
                a2,
            ];
            let quad = quad_class(&r.root).map(|q| q.to_string());
            let score = goldstein(&r.root).map(|g| format!("{g:.1}"));
            f.extend([
                r.code,
                r.root,
                quad.unwrap_or_default(),
                score.unwrap_or_default(),
            ]);
            f.extend(r.tail);
            Some(f)
        },
        out,
    )
}

/// Writes the PLOVER TSV (header first); returns the number of events written.
pub fn write_plover<W: Write + ?Sized>(
    events: &[Event],
    kb: &KnowledgeBase,
    out: &mut W,
) -> Result<usize> {
    write_rows(
        events,
        kb,
        &PLOVER_COLUMNS,
        |e, r| {
            let kind = plover_type(e.label)?;
            let [(n1, c1, _), (n2, c2, _)] = r.actors;
            let mut f = vec![r.id, r.date, r.precision, n1, c1, n2, c2, kind.to_string()];
            f.push(
                quad_class(&r.root)
                    .map(quad_words)
                    .unwrap_or_default()
                    .to_string(),
            );
            f.extend(r.tail);
            Some(f)
        },
        out,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityId, RelationId};

    #[test]
    fn codes_of_labels() {
        type Case = (
            RelationLabel,
            Option<&'static str>,
            Option<u8>,
            Option<f64>,
            Option<&'static str>,
        );
        let cases: &[Case] = &[
            (
                RelationLabel::Met,
                Some("04"),
                Some(1),
                Some(1.0),
                Some("CONSULT"),
            ),
            (
                RelationLabel::Communicated,
                Some("01"),
                Some(1),
                Some(0.0),
                Some("CONSULT"),
            ),
            (
                RelationLabel::Aided,
                Some("07"),
                Some(2),
                Some(7.0),
                Some("AID"),
            ),
            (
                RelationLabel::Criticized,
                Some("11"),
                Some(3),
                Some(-2.0),
                Some("ACCUSE"),
            ),
            (
                RelationLabel::Threatened,
                Some("13"),
                Some(3),
                Some(-6.0),
                Some("THREATEN"),
            ),
            (
                RelationLabel::Sanctioned,
                Some("16"),
                Some(4),
                Some(-4.0),
                Some("SANCTION"),
            ),
            (
                RelationLabel::Attacked,
                Some("18"),
                Some(4),
                Some(-9.0),
                Some("ASSAULT"),
            ),
            (RelationLabel::Stated, Some("01"), Some(1), Some(0.0), None),
            (RelationLabel::LeaderOf, None, None, None, None),
        ];
        for &(label, root, quad, score, plover) in cases {
            assert_eq!(cameo_root(label), root, "{label}");
            assert_eq!(root.and_then(quad_class), quad, "{label}");
            assert_eq!(root.and_then(goldstein), score, "{label}");
            assert_eq!(plover_type(label), plover, "{label}");
        }
        assert_eq!(goldstein("20"), Some(-10.0));
        assert_eq!(goldstein("21"), None);
        assert_eq!(goldstein("00"), None);
    }

    #[test]
    fn the_event_code_is_its_reports_finer_code_or_the_root() {
        let person = |id, name: &str| EntityRecord {
            id: EntityId(id),
            name: name.into(),
            kind: EntityType::Person,
            kb_key: None,
        };
        let event = |label, codes: &[Option<&str>]| Event {
            id: Some(1),
            subject: person(1, "A"),
            label,
            object: person(2, "B"),
            start: None,
            end: None,
            precision: None,
            documents: 1,
            confidence: 0.5,
            sources: codes
                .iter()
                .enumerate()
                .map(|(i, c)| crate::store::EventSource {
                    relation: RelationId(i as i64),
                    subject: EntityId(1),
                    object: EntityId(2),
                    document: "d".into(),
                    document_date: None,
                    sentence: "A met B.".into(),
                    predicate: "meet".into(),
                    date: None,
                    phrase: None,
                    confidence: 0.5,
                    cameo: c.map(str::to_string),
                })
                .collect(),
        };
        type Case = (
            RelationLabel,
            &'static [Option<&'static str>],
            Option<&'static str>,
        );
        let cases: &[Case] = &[
            (
                RelationLabel::Met,
                &[Some("04"), Some("042"), Some("042")],
                Some("042"),
            ),
            (RelationLabel::Met, &[Some("043"), Some("042")], Some("043")),
            (RelationLabel::Met, &[None], Some("04")),
            // What stores written before finer codes hold: the label's roots.
            (RelationLabel::Communicated, &[Some("01/04")], Some("01")),
            (RelationLabel::LeaderOf, &[None], None),
        ];
        for &(label, codes, want) in cases {
            assert_eq!(
                event_code(&event(label, codes)).as_deref(),
                want,
                "{label} {codes:?}"
            );
        }
    }

    #[test]
    fn actors_get_their_code_on_the_date() {
        let kb = KnowledgeBase::embedded();
        let reagan = EntityRecord {
            id: EntityId(1),
            name: "Ronald Reagan".into(),
            kind: EntityType::Person,
            kb_key: Key::parse("person:RONALD_REAGAN").ok(),
        };
        let (country, code) = actor_codes(kb, &reagan, "1987-03-05");
        assert_eq!((country.as_str(), code.as_str()), ("USA", "USAGOV"));
        let japan = EntityRecord {
            id: EntityId(2),
            name: "Japan".into(),
            kind: EntityType::Country,
            kb_key: Key::parse("country:JPN").ok(),
        };
        assert_eq!(
            actor_codes(kb, &japan, "1987-03-05"),
            ("JPN".into(), "JPN".into())
        );
        let nobody = EntityRecord {
            id: EntityId(3),
            name: "Nobody".into(),
            kind: EntityType::Person,
            kb_key: None,
        };
        assert_eq!(
            actor_codes(kb, &nobody, "1987-03-05"),
            (String::new(), String::new())
        );
    }
}
