//! `kg events`: dated, deduplicated events (relations of one triple within a few days folded
//! into one) with every source.

use super::{clip, open_existing, plural, Outcome};
use anyhow::Context;
use kg::export::csv::quote_csv;
use kg::graph::query::parse_labels;
use kg::store::{Event, EventQuery, Store};
use std::io::Write;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only events with this subject (name or alias; either end of a symmetric label like met).
    #[arg(long)]
    subject: Option<String>,
    /// Only events with this object (name or alias; either end of a symmetric label).
    #[arg(long)]
    object: Option<String>,
    #[command(flatten)]
    kind: super::EntityTypeArg,
    #[command(flatten)]
    range: RangeArgs,
    /// List at most this many.
    #[arg(long)]
    limit: Option<usize>,
    /// Print only the counts: events and relations in the store (all labels), and where the
    /// relations' dates came from.
    #[arg(long)]
    count: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: EventsFormat,
}

/// The label, date and window flags `kg events` and `kg timeline` share.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct RangeArgs {
    /// Only these relation labels (repeatable, or comma-separated); without it, the
    /// interactions (met, visited, criticized...), not the static "who is what" relations.
    #[arg(long = "label")]
    labels: Vec<String>,
    /// Events that start on or after this ISO date (YYYY, YYYY-MM or YYYY-MM-DD); undated
    /// events are left out when a bound is given.
    #[arg(long)]
    since: Option<String>,
    /// Events that start on or before this ISO date (a year or month means to its end).
    #[arg(long)]
    until: Option<String>,
    /// Reports of one triple at most this many days apart are one event (the store keeps
    /// events for 3 days; another value folds them again on the fly).
    #[arg(long, default_value_t = kg::events::DEFAULT_WINDOW_DAYS)]
    window: i64,
}

impl RangeArgs {
    /// The checked query, without entities.
    pub fn query(&self) -> anyhow::Result<EventQuery> {
        for (flag, v) in [("--since", &self.since), ("--until", &self.until)] {
            if let Some(d) = v {
                kg::graph::compact::date_code(d).with_context(|| {
                    format!("{flag} {d:?} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
                })?;
            }
        }
        if self.window < 0 {
            anyhow::bail!("--window must be 0 or more days, not {}", self.window);
        }
        let mut labels = parse_labels(&self.labels)?;
        if labels.is_empty() {
            labels = kg::RelationLabel::ALL
                .into_iter()
                .filter(|l| !l.is_static())
                .collect();
        }
        Ok(EventQuery {
            labels,
            since: self.since.clone(),
            until: self.until.clone(),
            window: Some(self.window),
            ..EventQuery::default()
        })
    }
}

/// The events the shared graph filters select (--relation, --exclude-relation, --since,
/// --until on the event date), for `kg export events`.
pub fn query_from_filters(f: &super::FilterArgs) -> anyhow::Result<EventQuery> {
    if f.as_of.is_some() {
        anyhow::bail!("--as-of selects relations by when they were reported; events are selected by when they happened: use --since/--until");
    }
    let exclude = parse_labels(&f.exclude)?;
    let mut query = RangeArgs {
        labels: f.relations.clone(),
        since: f.since.clone(),
        until: f.until.clone(),
        window: kg::events::DEFAULT_WINDOW_DAYS,
    }
    .query()?;
    query.labels.retain(|l| !exclude.contains(l));
    Ok(query)
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum EventsFormat {
    /// One line per event, then its first source.
    Text,
    /// A JSON array of events, each with every source.
    Json,
    /// One row per event (id, dates, ends, counts, first source).
    Csv,
}

/// The entity a user names (of type `kind`, when given), as an id.
pub fn entity_id(
    store: &Store,
    name: Option<&str>,
    kind: Option<kg::EntityType>,
) -> anyhow::Result<Option<kg::EntityId>> {
    Ok(name
        .map(|n| store.find_entity_of(n, kind).map(|e| e.id))
        .transpose()?)
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    if args.count {
        let s = store.event_summary()?;
        if args.format == EventsFormat::Json {
            serde_json::to_writer_pretty(&mut *out, &s)?;
            writeln!(out)?;
        } else {
            writeln!(
                out,
                "{} events ({} with more than one report) from {} relations: {} dated by a time expression, {} by their document, {} undated",
                s.events, s.multi_source_events, s.relations, s.dated_by_expression, s.dated_by_document, s.undated
            )?;
        }
        return Ok(Outcome::Done);
    }
    let mut query = args.range.query()?;
    query.subject = entity_id(&store, args.subject.as_deref(), args.kind.kind)?;
    query.object = entity_id(&store, args.object.as_deref(), args.kind.kind)?;
    let mut events = store.events(&query)?;
    if let Some(n) = args.limit {
        events.truncate(n);
    }
    if events.is_empty() {
        return Ok(Outcome::Empty("no event matches".to_string()));
    }
    match args.format {
        EventsFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &events)?;
            writeln!(out)?;
        }
        // Names and sentences come from untrusted input (or a store older than kg's cleaning
        // of them): no control character reaches the terminal.
        EventsFormat::Csv => write_csv(&events, &mut kg::text::EscapingWriter::new(&mut *out))?,
        EventsFormat::Text => {
            let out = &mut kg::text::EscapingWriter::new(&mut *out);
            for e in &events {
                write_event(e, out)?;
            }
        }
    }
    Ok(Outcome::Done)
}

/// An event on one line, then its first source.
pub fn write_event(e: &Event, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{}  {} -{}-> {}   ({} {}, {} {}; {:.2})",
        dates(e),
        e.subject.name,
        e.label,
        e.object.name,
        e.sources.len(),
        plural(e.sources.len(), "source"),
        e.documents,
        plural(e.documents, "document"),
        e.confidence
    )?;
    if let Some(s) = e.sources.first() {
        writeln!(out, "    {}", source_line(s))?;
    }
    Ok(())
}

/// `1987-03-05`, `1987-03-03..1987-03-05`, or `undated`, with the precision when not a day.
pub fn dates(e: &Event) -> String {
    let span = match (e.start, e.end) {
        (Some(s), Some(t)) if s == t => s.to_string(),
        (Some(s), Some(t)) => format!("{s}..{t}"),
        _ => return "undated".to_string(),
    };
    match e.precision {
        Some(p) if p != kg::time::Precision::Day => format!("{span} ({})", p.as_str()),
        _ => span,
    }
}

/// A source's sentence, document and where its date came from.
pub fn source_line(s: &kg::store::EventSource) -> String {
    let basis = match &s.phrase {
        Some(p) => format!("“{p}”"),
        None => "document date".to_string(),
    };
    format!(
        "“{}” — {}{} [{}]",
        clip(&s.sentence, 160),
        s.document,
        s.document_date
            .as_deref()
            .map(|d| format!(", {d}"))
            .unwrap_or_default(),
        basis
    )
}

fn write_csv(events: &[Event], out: &mut impl Write) -> anyhow::Result<()> {
    writeln!(
        out,
        "id,start,end,precision,subject,label,object,sources,documents,confidence,first_document,first_sentence"
    )?;
    for e in events {
        let first = e.sources.first();
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{:.4},{},{}",
            e.id.map(|i| i.to_string()).unwrap_or_default(),
            e.start.map(|d| d.to_string()).unwrap_or_default(),
            e.end.map(|d| d.to_string()).unwrap_or_default(),
            e.precision.map(|p| p.as_str()).unwrap_or_default(),
            quote_csv(&e.subject.name),
            e.label,
            quote_csv(&e.object.name),
            e.sources.len(),
            e.documents,
            e.confidence,
            quote_csv(first.map_or("", |s| s.document.as_str())),
            quote_csv(first.map_or("", |s| s.sentence.as_str())),
        )?;
    }
    Ok(())
}
