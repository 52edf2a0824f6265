//! `kg timeline X [Y]`: the dated events of one entity, or of one pair, in order, with the
//! number of sources and one evidence sentence each; `--format svg` draws them (plotters).

use super::events::{entity_id, write_event, RangeArgs};
use super::{open_existing, plural, Outcome};
use kg::store::Event;
use plotters::prelude::*;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The entity (name or alias).
    entity: String,
    /// Only its events with this other entity.
    other: Option<String>,
    #[command(flatten)]
    kind: super::EntityTypeArg,
    #[command(flatten)]
    range: RangeArgs,
    /// Leave out undated events (drawn never: they have no place on a time axis).
    #[arg(long)]
    dated_only: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: TimelineFormat,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum TimelineFormat {
    /// One line per event, then its first source.
    Text,
    /// A JSON array of events with every source.
    Json,
    /// An SVG drawing: time across, one row per counterpart (or per label for a pair).
    Svg,
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    let mut query = args.range.query()?;
    let me = store.find_entity_of(&args.entity, args.kind.kind)?;
    query.involving.push(me.id);
    query
        .involving
        .extend(entity_id(&store, args.other.as_deref(), args.kind.kind)?);
    let mut events = store.events(&query)?;
    if args.dated_only || args.format == TimelineFormat::Svg {
        events.retain(|e| e.start.is_some());
    }
    if events.is_empty() {
        return Ok(Outcome::Empty(format!("no event of {}", me.name)));
    }
    match args.format {
        TimelineFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &events)?;
            writeln!(out)?;
        }
        TimelineFormat::Svg => out.write_all(draw(&me.name, me.id, &events)?.as_bytes())?,
        TimelineFormat::Text => {
            // Names and sentences come from untrusted input: no control character reaches the
            // terminal.
            let out = &mut kg::text::EscapingWriter::new(&mut *out);
            let sources: usize = events.iter().map(|e| e.sources.len()).sum();
            writeln!(
                out,
                "{}: {} {}, {} {}",
                title(&me.name, me.id, &events),
                events.len(),
                plural(events.len(), "event"),
                sources,
                plural(sources, "source")
            )?;
            for e in &events {
                write_event(e, out)?;
            }
        }
    }
    Ok(Outcome::Done)
}

/// "Reagan" or "Reagan and Nakasone" when every event is with one other entity.
fn title(name: &str, id: kg::EntityId, events: &[Event]) -> String {
    let mut others: Vec<&str> = events.iter().map(|e| other(e, id)).collect();
    others.sort_unstable();
    others.dedup();
    match others.as_slice() {
        [one] => format!("{name} and {one}"),
        _ => name.to_string(),
    }
}

fn other(e: &Event, id: kg::EntityId) -> &str {
    if e.subject.id == id {
        &e.object.name
    } else {
        &e.subject.name
    }
}

/// The SVG: days across; one row per counterpart, or per label when there is one counterpart;
/// a dot per event, larger with more sources, coloured by label.
fn draw(name: &str, id: kg::EntityId, events: &[Event]) -> anyhow::Result<String> {
    let pair = title(name, id, events) != name;
    let row_of = |e: &Event| -> String {
        if pair {
            e.label.to_string()
        } else {
            other(e, id).to_string()
        }
    };
    // Rows in order of their first event, the earliest at the top (events come in date order).
    let mut rows: Vec<String> = Vec::new();
    for e in events {
        let r = row_of(e);
        if !rows.contains(&r) {
            rows.push(r);
        }
    }
    rows.reverse();
    let index: BTreeMap<&str, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.as_str(), i))
        .collect();
    let days = |e: &Event| e.start.map_or(0, |d| d.days());
    let first = events.iter().map(days).min().unwrap_or(0);
    let last = events.iter().map(days).max().unwrap_or(0);
    let pad = ((last - first) / 20).max(2);
    // Room on the right for the legend of labels (a pair's rows are its labels: no legend).
    let legend_room = if pair {
        0
    } else {
        (last - first) / 4 + 2 * pad
    };
    let height = (120 + 28 * rows.len()).min(4000) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (900, height)).into_drawing_area();
        root.fill(&WHITE).map_err(plot_error)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("Timeline of {}", title(name, id, events)),
                ("sans-serif", 20),
            )
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(160)
            .build_cartesian_2d(
                (first - pad)..(last + pad + legend_room),
                -0.5f64..(rows.len() as f64 - 0.5),
            )
            .map_err(plot_error)?;
        chart
            .configure_mesh()
            .x_labels(6)
            .x_label_formatter(&|d| kg::time::Date::from_days(*d).to_string())
            .y_labels(rows.len().max(1))
            .y_label_formatter(&|y| {
                let i = y.round();
                if (y - i).abs() < 1e-6 && i >= 0.0 {
                    rows.get(i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .disable_y_mesh()
            .draw()
            .map_err(plot_error)?;
        let mut labels: Vec<kg::RelationLabel> = events.iter().map(|e| e.label).collect();
        labels.sort();
        labels.dedup();
        for (li, label) in labels.iter().enumerate() {
            let color = Palette99::pick(li).to_rgba();
            let points: Vec<(i64, f64, usize)> = events
                .iter()
                .filter(|e| e.label == *label)
                .map(|e| {
                    let row = index.get(row_of(e).as_str()).copied().unwrap_or(0);
                    (days(e), row as f64, e.sources.len())
                })
                .collect();
            chart
                .draw_series(points.iter().map(|&(x, y, n)| {
                    let r = 4 + (2.0 * (n as f64).ln()).round() as i32;
                    Circle::new((x, y), r, color.filled())
                }))
                .map_err(plot_error)?
                .label(label.as_str())
                .legend(move |(x, y)| Circle::new((x, y), 4, color.filled()));
        }
        if !pair {
            chart
                .configure_series_labels()
                .border_style(BLACK)
                .background_style(WHITE.mix(0.8))
                .position(SeriesLabelPosition::UpperRight)
                .draw()
                .map_err(plot_error)?;
        }
        root.present().map_err(plot_error)?;
    }
    Ok(svg)
}

fn plot_error<E: std::error::Error + Send + Sync>(
    e: plotters::drawing::DrawingAreaErrorKind<E>,
) -> anyhow::Error {
    anyhow::anyhow!("drawing the timeline: {e}")
}
