//! `storyline events`: the stories' events as an ACLED-like table.

use crate::Context;
use serde_json::{Value, json};
use std::io::Write;
use std::process::ExitCode;
use storyline_brief::TimelineEntry;
use storyline_store::Store;

/// Export the events of every story (or one) as an ACLED-like table: one row per event
/// (a happening, its reports from every article merged), with its date and precision, type
/// and sub-type, actors, place with coordinates and their precision, fatalities (ACLED's
/// conservative figure and the range of all figures), sources and notes.
///
/// Columns (CSV header; the same keys in JSON Lines and as GeoJSON properties): event_id,
/// story, date, date_precision, dated_by (text, article, story, undated), event_type,
/// sub_event_type (ACLED's), sub_type (storyline's), actors, place, country, latitude,
/// longitude, geo_precision, fatalities, fatalities_min, fatalities_max (empty: open-ended),
/// sources (outlets), articles, notes. List cells are joined with "; ".
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  storyline events > events.csv
  storyline events --story 3 --format geojson > story-3.geojson
  storyline events --format jsonl | jq -r 'select(.fatalities != null) | .event_id'")]
pub struct Args {
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
    /// Only this story's events.
    #[arg(long, value_name = "ID")]
    pub story: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Jsonl,
    Geojson,
}

const COLUMNS: [&str; 20] = [
    "event_id",
    "story",
    "date",
    "date_precision",
    "dated_by",
    "event_type",
    "sub_event_type",
    "sub_type",
    "actors",
    "place",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "fatalities_min",
    "fatalities_max",
    "sources",
    "articles",
    "notes",
];

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&ctx.data)?;
    let mut stories: Vec<i64> = store.story_members()?.iter().map(|m| m.story).collect();
    stories.sort_unstable();
    stories.dedup();
    if let Some(id) = args.story {
        if !stories.contains(&id) {
            eprintln!("error: no story {id} in {}", ctx.data.display());
            return Ok(ExitCode::FAILURE);
        }
        stories = vec![id];
    }
    let mut rows = Vec::new();
    for story in stories {
        if let Some(brief) = super::brief::story_brief(&store, story)? {
            rows.extend(brief.timeline.iter().map(|e| row(story, e)));
        }
    }
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        Format::Csv => write_csv(&mut out, &rows),
        Format::Jsonl => rows.iter().try_for_each(|r| writeln!(out, "{r}")),
        Format::Geojson => writeln!(out, "{}", geojson(&rows)),
    };
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    Ok(ExitCode::SUCCESS)
}

/// One event as a JSON object with the [`COLUMNS`] as keys.
fn row(story: i64, e: &TimelineEntry) -> Value {
    let place = e.places.iter().find(|p| p.lat.is_some()).or(e.places.first());
    let outlets: Vec<&str> = e.sources.iter().map(|s| s.outlet.as_str()).collect();
    let articles: Vec<&str> = e.sources.iter().map(|s| s.article.as_str()).collect();
    let mut notes = vec![e.text.clone()];
    notes.extend(e.notes.iter().cloned());
    json!({
        "event_id": format!("S{story}-{}", e.id),
        "story": story,
        "date": e.date,
        "date_precision": e.precision,
        "dated_by": format!("{:?}", e.dating).to_lowercase(),
        "event_type": e.event_type,
        "sub_event_type": e.acled,
        "sub_type": e.sub_type,
        "actors": e.actors.join("; "),
        "place": place.map(|p| p.name.clone()),
        "country": place.and_then(|p| p.country.clone()),
        "latitude": place.and_then(|p| p.lat),
        "longitude": place.and_then(|p| p.lon),
        "geo_precision": place.and_then(|p| p.precision.clone()),
        "fatalities": e.fatalities.map(|f| f.value),
        "fatalities_min": e.fatalities.map(|f| f.min),
        "fatalities_max": e.fatalities.and_then(|f| f.max),
        "sources": outlets.join("; "),
        "articles": articles.join("; "),
        "notes": notes.join(" | "),
    })
}

/// A CSV field, quoted when it holds a separator, a quote or a line break (RFC 4180).
fn csv_field(v: &Value) -> String {
    let s = match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        other => other.to_string(),
    };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

fn write_csv(out: &mut impl Write, rows: &[Value]) -> std::io::Result<()> {
    writeln!(out, "{}", COLUMNS.join(","))?;
    for r in rows {
        let cells: Vec<String> = COLUMNS.iter().map(|c| csv_field(&r[*c])).collect();
        writeln!(out, "{}", cells.join(","))?;
    }
    Ok(())
}

/// A FeatureCollection: a Point where the event's place has a position, no geometry otherwise.
fn geojson(rows: &[Value]) -> Value {
    let features: Vec<Value> = rows
        .iter()
        .map(|r| {
            let geometry = match (r["longitude"].as_f64(), r["latitude"].as_f64()) {
                (Some(lon), Some(lat)) => json!({ "type": "Point", "coordinates": [lon, lat] }),
                _ => Value::Null,
            };
            json!({ "type": "Feature", "id": r["event_id"], "geometry": geometry, "properties": r })
        })
        .collect();
    json!({ "type": "FeatureCollection", "features": features })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_they_must_be() {
        assert_eq!(csv_field(&json!("plain")), "plain");
        assert_eq!(csv_field(&json!("a, b")), "\"a, b\"");
        assert_eq!(csv_field(&json!("say \"no\"")), "\"say \"\"no\"\"\"");
        assert_eq!(csv_field(&json!(20.0)), "20");
        assert_eq!(csv_field(&Value::Null), "");
    }
}
