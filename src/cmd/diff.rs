//! `kg diff --since D [--until D2] [--around X]`: what is new in a period — entities and ties
//! whose first event falls in it — and which ties went quiet (last reported before it).

use super::{open_existing, plural, Outcome};
use crate::Format;
use anyhow::Context;
use kg::events::TripleKey;
use kg::graph::query::parse_labels;
use kg::store::{Event, EventQuery};
use kg::time::Date;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// First day of the period (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    since: String,
    /// Last day of the period (a year or month means its end; default: the last event).
    #[arg(long)]
    until: Option<String>,
    /// Only ties of this entity, and the entities it is tied to.
    #[arg(long)]
    around: Option<String>,
    #[command(flatten)]
    kind: super::EntityTypeArg,
    /// Only these relation labels (repeatable, or comma-separated; default: all).
    #[arg(long = "label")]
    labels: Vec<String>,
    /// List at most this many of each kind (new entities, new ties, quiet ties).
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// One tie (triple) with its first and last event.
#[derive(Debug, Clone, Serialize)]
struct Tie {
    subject: String,
    label: kg::RelationLabel,
    object: String,
    first: Date,
    last: Date,
    events: usize,
    sources: usize,
    /// The first event's evidence sentence.
    sentence: String,
}

/// An entity seen for the first time in the period.
#[derive(Debug, Clone, Serialize)]
struct NewEntity {
    name: String,
    kind: kg::EntityType,
    first: Date,
    ties: usize,
}

#[derive(Debug, Serialize)]
struct Diff {
    since: Date,
    until: Date,
    around: Option<String>,
    new_entities: usize,
    new_ties: usize,
    quiet_ties: usize,
    entities: Vec<NewEntity>,
    ties: Vec<Tie>,
    quiet: Vec<Tie>,
}

/// The first day a bound names (`1987-03` → 1 March); the last with `end`.
fn bound(flag: &str, value: &str, end: bool) -> anyhow::Result<Date> {
    let code = kg::graph::compact::date_code(value).with_context(|| {
        format!("{flag} {value:?} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    })?;
    let (y, m, d) = ((code / 10_000) as i32, code / 100 % 100, code % 100);
    let date = match (m, d, end) {
        (0, _, false) => Date::new(y, 1, 1),
        (0, _, true) => Date::new(y, 12, 31),
        (_, 0, false) => Date::new(y, m, 1),
        (_, 0, true) => Date::new(y, m, 1).map(Date::month_end),
        _ => Date::new(y, m, d),
    };
    date.with_context(|| format!("{flag} {value:?} is not a calendar date"))
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    let since = bound("--since", &args.since, false)?;
    let around_entity = args
        .around
        .as_deref()
        .map(|n| store.find_entity_of(n, args.kind.kind))
        .transpose()?;
    let around = around_entity.as_ref().map(|e| e.id);
    let query = EventQuery {
        labels: parse_labels(&args.labels)?,
        involving: around.into_iter().collect(),
        ..EventQuery::default()
    };
    let events: Vec<Event> = store
        .events(&query)?
        .into_iter()
        .filter(|e| e.start.is_some())
        .collect();
    let until = match &args.until {
        Some(u) => bound("--until", u, true)?,
        None => events
            .iter()
            .filter_map(|e| e.start)
            .max()
            .unwrap_or(since)
            .max(since),
    };
    if until < since {
        anyhow::bail!("--until {until} is before --since {since}");
    }
    // Events come in date order: the first of a triple opens its tie, the last closes it.
    let mut ties: BTreeMap<TripleKey, Tie> = BTreeMap::new();
    let mut first_seen: BTreeMap<kg::EntityId, (Date, &kg::EntityRecord)> = BTreeMap::new();
    let mut tie_count: BTreeMap<kg::EntityId, usize> = BTreeMap::new();
    for e in &events {
        let Some(start) = e.start else { continue };
        let key = TripleKey::new(e.subject.id, e.label, e.object.id);
        let tie = ties.entry(key).or_insert_with(|| Tie {
            subject: e.subject.name.clone(),
            label: e.label,
            object: e.object.name.clone(),
            first: start,
            last: start,
            events: 0,
            sources: 0,
            sentence: e
                .sources
                .first()
                .map(|s| s.sentence.clone())
                .unwrap_or_default(),
        });
        tie.last = tie.last.max(start);
        tie.events += 1;
        tie.sources += e.sources.len();
        for ent in [&e.subject, &e.object] {
            first_seen.entry(ent.id).or_insert((start, ent));
        }
    }
    let in_period = |d: Date| since <= d && d <= until;
    let mut new_ties: Vec<Tie> = ties
        .values()
        .filter(|t| in_period(t.first))
        .cloned()
        .collect();
    for (key, t) in &ties {
        if in_period(t.first) {
            *tie_count.entry(key.subject).or_default() += 1;
            *tie_count.entry(key.object).or_default() += 1;
        }
    }
    new_ties
        .sort_by(|a, b| (a.first, b.sources, &a.subject).cmp(&(b.first, a.sources, &b.subject)));
    let mut quiet: Vec<Tie> = ties.values().filter(|t| t.last < since).cloned().collect();
    quiet.sort_by(|a, b| (b.last, b.sources, &a.subject).cmp(&(a.last, a.sources, &b.subject)));
    let mut entities: Vec<NewEntity> = first_seen
        .iter()
        .filter(|(id, (d, _))| in_period(*d) && Some(**id) != around)
        .map(|(id, (d, e))| NewEntity {
            name: e.name.clone(),
            kind: e.kind,
            first: *d,
            ties: tie_count.get(id).copied().unwrap_or(0),
        })
        .collect();
    entities.sort_by(|a, b| (b.ties, a.first, &a.name).cmp(&(a.ties, b.first, &b.name)));
    let diff = Diff {
        since,
        until,
        around: around_entity.map(|e| e.name),
        new_entities: entities.len(),
        new_ties: new_ties.len(),
        quiet_ties: quiet.len(),
        entities: entities.into_iter().take(args.limit).collect(),
        ties: new_ties.into_iter().take(args.limit).collect(),
        quiet: quiet.into_iter().take(args.limit).collect(),
    };
    if diff.new_entities + diff.new_ties == 0 && diff.quiet_ties == 0 {
        return Ok(Outcome::Empty(format!(
            "nothing new from {since} to {until}"
        )));
    }
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &diff)?;
            writeln!(out)?;
        }
        // Names come from untrusted input: no control character reaches the terminal.
        Format::Text => write_text(&diff, &mut kg::text::EscapingWriter::new(&mut *out))?,
    }
    Ok(Outcome::Done)
}

fn write_text(d: &Diff, out: &mut impl Write) -> anyhow::Result<()> {
    let around = d
        .around
        .as_deref()
        .map(|a| format!(" around {a}"))
        .unwrap_or_default();
    writeln!(out, "{} to {}{around}", d.since, d.until)?;
    writeln!(
        out,
        "\nnew entities: {} (first event in the period){}",
        d.new_entities,
        more(d.new_entities, d.entities.len())
    )?;
    for e in &d.entities {
        writeln!(
            out,
            "  {}  {} ({}), {} new {}",
            e.first,
            e.name,
            e.kind,
            e.ties,
            plural(e.ties, "tie")
        )?;
    }
    writeln!(
        out,
        "\nnew ties: {}{}",
        d.new_ties,
        more(d.new_ties, d.ties.len())
    )?;
    for t in &d.ties {
        writeln!(
            out,
            "  {}  {} -{}-> {}   ({} {})",
            t.first,
            t.subject,
            t.label,
            t.object,
            t.sources,
            plural(t.sources, "source")
        )?;
        writeln!(out, "      “{}”", super::clip(&t.sentence, 140))?;
    }
    writeln!(
        out,
        "\nquiet ties: {} (last reported before {}){}",
        d.quiet_ties,
        d.since,
        more(d.quiet_ties, d.quiet.len())
    )?;
    for t in &d.quiet {
        writeln!(
            out,
            "  {}  {} -{}-> {}   (last of {} {})",
            t.last,
            t.subject,
            t.label,
            t.object,
            t.events,
            plural(t.events, "event")
        )?;
    }
    Ok(())
}

fn more(total: usize, shown: usize) -> String {
    if total > shown {
        format!(", {shown} shown (--limit)")
    } else {
        String::new()
    }
}
