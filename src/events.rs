//! Events, the stage after [`crate::time`]: the relations of one (subject, label, object)
//! whose event dates lie within a window of days of each other fold into one event that keeps
//! every source. Ten wires reporting one meeting are one event with ten sources, not ten.

use crate::model::{DocumentId, EntityId, RelationId, RelationLabel};
use crate::time::{Date, Precision};

/// Days between two reports of the same triple that still make them one event, by default.
pub const DEFAULT_WINDOW_DAYS: i64 = 3;

/// What makes relations candidates for one event: the triple, with the two ends of a
/// symmetric label ("met") in id order so that "A met B" and "B met A" meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TripleKey {
    /// Subject (the smaller id for a symmetric label).
    pub subject: EntityId,
    /// Label.
    pub label: RelationLabel,
    /// Object.
    pub object: EntityId,
}

impl TripleKey {
    /// The key of a relation `subject label object`.
    pub fn new(subject: EntityId, label: RelationLabel, object: EntityId) -> TripleKey {
        let (subject, object) = if label.is_symmetric() && object < subject {
            (object, subject)
        } else {
            (subject, object)
        };
        TripleKey {
            subject,
            label,
            object,
        }
    }
}

/// One relation as the fold sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The relation's store id.
    pub relation: RelationId,
    /// Its document's store id.
    pub document: DocumentId,
    /// Its event date, when it has one: first day, last day, precision.
    pub time: Option<(Date, Date, Precision)>,
    /// Its confidence.
    pub confidence: f64,
}

/// Relations of one triple folded into one event.
#[derive(Debug, Clone, PartialEq)]
pub struct Folded {
    /// First day of any source (`None` for the undated sources of a triple).
    pub start: Option<Date>,
    /// Last day of any source.
    pub end: Option<Date>,
    /// The finest precision among the sources.
    pub precision: Option<Precision>,
    /// Indexes into the sources given to [`fold`], in date order.
    pub members: Vec<usize>,
    /// Distinct documents.
    pub documents: usize,
    /// The sources' confidences combined as independent reports (noisy-or).
    pub confidence: f64,
}

/// Folds the sources of one triple into events: sorted by first day, a source joins the
/// current event when it starts at most `window` days after the latest start in it (so two
/// events of a triple always start more than `window` days apart). Undated sources make one
/// event of their own. Events come out in date order, the undated one last.
pub fn fold(sources: &[Source], window: i64) -> Vec<Folded> {
    // One source (most triples of a bulk import) is one event: nothing to sort or group.
    if let [only] = sources {
        return vec![Folded {
            start: only.time.map(|t| t.0),
            end: only.time.map(|t| t.1),
            precision: only.time.map(|t| t.2),
            members: vec![0],
            documents: 1,
            confidence: 1.0 - (1.0 - only.confidence.clamp(0.0, 1.0)),
        }];
    }
    let mut order: Vec<usize> = (0..sources.len()).collect();
    let start_of = |i: usize| sources[i].time.map(|t| t.0.days());
    // Undated (None) sorts first with Option's order; move it last.
    order.sort_by_key(|&i| (start_of(i).is_none(), start_of(i), sources[i].relation));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut last_start: Option<i64> = None;
    for i in order {
        let s = start_of(i);
        let joins = match (s, last_start, groups.last()) {
            (Some(s), Some(prev), Some(_)) => s - prev <= window,
            (None, _, Some(g)) => start_of(g[0]).is_none(),
            _ => false,
        };
        if joins {
            if let Some(g) = groups.last_mut() {
                g.push(i);
            }
        } else {
            groups.push(vec![i]);
        }
        last_start = s;
    }
    groups
        .into_iter()
        .map(|members| {
            let times: Vec<(Date, Date, Precision)> =
                members.iter().filter_map(|&i| sources[i].time).collect();
            let mut docs: Vec<DocumentId> = members.iter().map(|&i| sources[i].document).collect();
            docs.sort_unstable();
            docs.dedup();
            let miss: f64 = members
                .iter()
                .map(|&i| 1.0 - sources[i].confidence.clamp(0.0, 1.0))
                .product();
            Folded {
                start: times.iter().map(|t| t.0).min(),
                end: times.iter().map(|t| t.1).max(),
                precision: times.iter().map(|t| t.2).min(),
                members,
                documents: docs.len(),
                confidence: 1.0 - miss,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(relation: i64, document: i64, date: Option<&str>, confidence: f64) -> Source {
        Source {
            relation: RelationId(relation),
            document: DocumentId(document),
            time: date.map(|d| {
                let d = Date::parse_iso(d).expect(d);
                (d, d, Precision::Day)
            }),
            confidence,
        }
    }

    #[test]
    fn reports_within_the_window_fold() {
        type Case = (&'static str, Vec<Source>, i64, Vec<Vec<i64>>);
        let cases: Vec<Case> = vec![
            ("empty", vec![], 3, vec![]),
            (
                "three wires of one meeting",
                vec![
                    src(1, 10, Some("1987-03-05"), 0.5),
                    src(2, 11, Some("1987-03-06"), 0.5),
                    src(3, 12, Some("1987-03-08"), 0.5),
                ],
                3,
                vec![vec![1, 2, 3]],
            ),
            (
                "a chain keeps joining while each step is within the window",
                vec![
                    src(1, 10, Some("1987-03-01"), 0.5),
                    src(2, 10, Some("1987-03-04"), 0.5),
                    src(3, 10, Some("1987-03-07"), 0.5),
                ],
                3,
                vec![vec![1, 2, 3]],
            ),
            (
                "four days apart are two events",
                vec![
                    src(2, 10, Some("1987-03-09"), 0.5),
                    src(1, 10, Some("1987-03-05"), 0.5),
                ],
                3,
                vec![vec![1], vec![2]],
            ),
            (
                "a wider window folds them",
                vec![
                    src(2, 10, Some("1987-03-09"), 0.5),
                    src(1, 10, Some("1987-03-05"), 0.5),
                ],
                7,
                vec![vec![1, 2]],
            ),
            (
                "undated reports make one event, last",
                vec![
                    src(1, 10, None, 0.5),
                    src(2, 11, Some("1987-03-05"), 0.5),
                    src(3, 12, None, 0.5),
                ],
                3,
                vec![vec![2], vec![1, 3]],
            ),
        ];
        for (name, sources, window, want) in cases {
            let got: Vec<Vec<i64>> = fold(&sources, window)
                .iter()
                .map(|e| e.members.iter().map(|&i| sources[i].relation.0).collect())
                .collect();
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn an_event_combines_its_sources() {
        let mut sources = vec![
            src(1, 10, Some("1987-03-05"), 0.5),
            src(2, 10, Some("1987-03-06"), 0.5),
        ];
        let d = |s| Date::parse_iso(s).expect(s);
        sources.push(Source {
            relation: RelationId(3),
            document: DocumentId(11),
            time: Some((d("1987-03-01"), d("1987-03-31"), Precision::Month)),
            confidence: 0.0,
        });
        let events = fold(&sources, 3);
        // The month-long report starts on the 1st: four days before the others.
        assert_eq!(events.len(), 2);
        let e = &events[1];
        assert_eq!(
            (e.start, e.end),
            (Some(d("1987-03-05")), Some(d("1987-03-06")))
        );
        assert_eq!(e.documents, 1);
        assert!((e.confidence - 0.75).abs() < 1e-9, "{}", e.confidence);
        assert_eq!(events[0].precision, Some(Precision::Month));
    }

    #[test]
    fn symmetric_keys_ignore_direction() {
        let met = |s, o| TripleKey::new(EntityId(s), RelationLabel::Met, EntityId(o));
        assert_eq!(met(2, 1), met(1, 2));
        let visited = |s, o| TripleKey::new(EntityId(s), RelationLabel::Visited, EntityId(o));
        assert_ne!(visited(2, 1), visited(1, 2));
    }
}
