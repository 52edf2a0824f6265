//! Event dates, the stage after [`crate::relate`]: time expressions in a relation's evidence
//! sentence ("on Thursday", "last week", "March 3-5", "in 1985") found and resolved against
//! the document's date, with the precision they carry and the phrase they came from.
//!
//! News conventions: a bare weekday in past-tense reporting is the most recent such day up
//! to the document date (the document's own weekday means that day), in future-tense
//! reporting ("will meet on Thursday") the next one after it. A month without a year is the
//! latest one up to the document date, or in future tense the first one from it on; a day of
//! a month without a year is the nearest such day (a schedule is often told in the present
//! tense), or in future tense the first one from the document date on.

pub(crate) mod calendar;

pub use calendar::{days_in_month, Date};

use crate::nlp::lexicon::{is_speech_form, is_speech_lemma, SpeechUse};
use serde::Serialize;
use std::ops::Range;

/// How finely an event date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// A day ("on Thursday", "March 3").
    Day,
    /// A week ("last week").
    Week,
    /// A month ("next month", "early March").
    Month,
    /// A year ("in 1985", "late last year").
    Year,
}

impl Precision {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }

    /// The precision a stored name means.
    pub fn parse(s: &str) -> Option<Precision> {
        [
            Precision::Day,
            Precision::Week,
            Precision::Month,
            Precision::Year,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }
}

/// A time expression found in a sentence, resolved to a span of days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpression {
    /// Byte offsets in the sentence.
    pub span: Range<usize>,
    /// First day it can mean.
    pub start: Date,
    /// Last day it can mean (the same as `start` for one day).
    pub end: Date,
    /// How finely it names the time.
    pub precision: Precision,
}

/// The date of what a relation reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventTime {
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// How finely the date is known.
    pub precision: Precision,
    /// The phrase it was resolved from; `None` when it is the document's date.
    pub phrase: Option<String>,
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The event date of a relation whose evidence is `sentence`: its time expression resolved
/// against `document_date`, else the document date itself; `None` when neither gives one.
/// An expression right after a reporting verb ("said on Thursday") dates the report, not the
/// reported act, so another expression in the sentence is preferred to it; when the
/// relation's `predicate` is itself the reporting, only such an expression dates it.
pub fn event_time(
    sentence: &str,
    predicate: &str,
    document_date: Option<Date>,
) -> Option<EventTime> {
    let found = find(sentence, document_date);
    let reporting = is_speech_lemma(predicate, SpeechUse::Dating);
    let found: Vec<&TimeExpression> = found.iter().filter(|e| !is_dateline(sentence, e)).collect();
    // A report is dated by the expression attached to its verb ("said on Thursday") or by
    // the document: "said ... in 1977" tells when the reported thing happened.
    let chosen = if reporting {
        found
            .iter()
            .find(|e| after_reporting_verb(sentence, e.span.start))
    } else {
        found
            .iter()
            .find(|e| !after_reporting_verb(sentence, e.span.start))
            .or(found.first())
    };
    match chosen {
        Some(e) => Some(EventTime {
            start: e.start,
            end: e.end,
            precision: e.precision,
            // One line: a phrase may straddle a line break of the source text.
            phrase: sentence
                .get(e.span.clone())
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")),
        }),
        None => document_date.map(|d| EventTime {
            start: d,
            end: d,
            precision: Precision::Day,
            phrase: None,
        }),
    }
}

/// "WASHINGTON, July 25, 2000 - ...": a date near the start of the sentence followed by a
/// dash is the dateline, the date of the document rather than of what it reports.
fn is_dateline(sentence: &str, e: &TimeExpression) -> bool {
    let before = tokenize(sentence.get(..e.span.start).unwrap_or(""));
    let after = sentence.get(e.span.end..).unwrap_or("").trim_start();
    before.len() <= 8 && after.starts_with(['-', '–', '—'])
}

fn after_reporting_verb(sentence: &str, at: usize) -> bool {
    let before = tokenize(sentence.get(..at).unwrap_or(""));
    before
        .iter()
        .rev()
        .take(2)
        .any(|t| is_speech_form(&t.lower, SpeechUse::Dating))
}

/// Every time expression of `sentence`, left to right, resolved against `anchor` (the
/// document date). Without an anchor only absolute ones ("March 3, 1986", "in 1985") resolve.
pub fn find(sentence: &str, anchor: Option<Date>) -> Vec<TimeExpression> {
    let toks = tokenize(sentence);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match match_at(&toks, i, anchor) {
            Some((len, start, end, precision)) => {
                out.push(TimeExpression {
                    span: toks[i].span.start..toks[i + len - 1].span.end,
                    start,
                    end,
                    precision,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// A word or a punctuation character, with its offsets and lowercase form.
#[derive(Debug)]
struct Token<'a> {
    span: Range<usize>,
    text: &'a str,
    lower: String,
}

impl Token<'_> {
    fn capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut toks = Vec::new();
    let mut word: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            word.get_or_insert(i);
            continue;
        }
        if let Some(w) = word.take() {
            toks.push(token(s, w..i));
        }
        if !c.is_whitespace() {
            toks.push(token(s, i..i + c.len_utf8()));
        }
    }
    if let Some(w) = word {
        toks.push(token(s, w..s.len()));
    }
    toks
}

fn token(s: &str, span: Range<usize>) -> Token<'_> {
    let text = &s[span.clone()];
    Token {
        span,
        text,
        lower: text.to_lowercase(),
    }
}

type Match = (usize, Date, Date, Precision);

use calendar::{month_number, DAYS as WEEKDAYS};

/// A capitalised month name or abbreviation ("Jan", "Sept"), 1 to 12.
fn month_of(t: &Token<'_>) -> Option<u32> {
    if !t.capitalized() {
        return None;
    }
    month_number(&t.lower)
}

/// A capitalised weekday name, 0 = Monday.
fn weekday_of(t: &Token<'_>) -> Option<u32> {
    if !t.capitalized() {
        return None;
    }
    WEEKDAYS
        .iter()
        .position(|d| *d == t.lower)
        .map(|i| i as u32)
}

/// `3`, `3rd`, `21st`: a day of the month.
fn day_of(t: &Token<'_>) -> Option<u32> {
    let w = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| t.lower.strip_suffix(s))
        .unwrap_or(&t.lower);
    if w.is_empty() || w.len() > 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A four-digit year from 1900 to 2099.
fn year_of(t: &Token<'_>) -> Option<i32> {
    if t.lower.len() != 4 || !t.lower.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.lower.parse().ok().filter(|y| (1900..2100).contains(y))
}

/// A small count: digits, or "a", "one" to "twelve".
fn count_of(t: &Token<'_>) -> Option<i64> {
    const WORDS: [&str; 13] = [
        "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    if let Some(i) = WORDS.iter().position(|w| *w == t.lower) {
        return Some(i.max(1) as i64);
    }
    if t.lower.len() <= 3 && t.lower.bytes().all(|b| b.is_ascii_digit()) {
        return t.lower.parse().ok().filter(|n| *n > 0);
    }
    None
}

/// Future-tense reporting of what comes at `i`: a future marker among the few words before it,
/// looking back no further than the clause (a comma) or a reporting verb.
fn future_at(toks: &[Token<'_>], i: usize) -> bool {
    const FUTURE: [&str; 25] = [
        "will",
        "ll",
        "shall",
        "would",
        "scheduled",
        "due",
        "expected",
        "plans",
        "planned",
        "plan",
        "planning",
        "intend",
        "intends",
        "tomorrow",
        "hope",
        "hopes",
        "aims",
        "seeks",
        "wants",
        "may",
        "might",
        "could",
        "should",
        "must",
        "likely",
    ];
    // A clause boundary or a reporting verb: what comes before belongs to another clause.
    const STOP: [&str; 6] = [",", ";", ":", ".", "and", "but"];
    for t in toks[..i].iter().rev().take(8) {
        if STOP.contains(&t.lower.as_str()) || is_speech_form(&t.lower, SpeechUse::Dating) {
            return false;
        }
        if FUTURE.contains(&t.lower.as_str()) {
            return true;
        }
    }
    false
}

/// Which way an expression without a year or a "last"/"next" points.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// On or before the anchor (past-tense reporting).
    Back,
    /// On or after it (future tense).
    Forward,
}

fn direction(toks: &[Token<'_>], i: usize) -> Direction {
    if future_at(toks, i) {
        Direction::Forward
    } else {
        Direction::Back
    }
}

fn word<'t>(toks: &'t [Token<'_>], i: usize) -> &'t str {
    toks.get(i).map_or("", |t| t.lower.as_str())
}

/// The expression starting at token `i`, if any: (tokens used, start, end, precision).
fn match_at(toks: &[Token<'_>], i: usize, anchor: Option<Date>) -> Option<Match> {
    // A leading "on", "in", "during" belongs to the phrase.
    let lead = usize::from(matches!(
        word(toks, i),
        "on" | "in" | "during" | "over" | "at"
    ));
    let j = i + lead;
    let dir = direction(toks, i);
    let found =
        absolute(toks, j, anchor, dir).or_else(|| anchor.and_then(|a| relative(toks, j, a, dir)));
    found.map(|(len, s, e, p)| (len + lead, s, e, p))
}

/// Dates that name a month or a year: "March 3", "3 March 1987", "Monday, March 9",
/// "March 3-5", "in March", "early March", "March 1986", "in 1985", "in late 1985".
fn absolute(toks: &[Token<'_>], i: usize, anchor: Option<Date>, dir: Direction) -> Option<Match> {
    let t = toks.get(i)?;
    // "Monday, March 9": the weekday only confirms the date.
    if weekday_of(t).is_some() {
        let k = if word(toks, i + 1) == "," {
            i + 2
        } else {
            i + 1
        };
        if let Some((len, s, e, p)) = month_day(toks, k, anchor, dir) {
            return Some((k - i + len, s, e, p));
        }
        return None;
    }
    if let Some(m) = month_day(toks, i, anchor, dir) {
        return Some(m);
    }
    // "early/mid/late" before a month or a year.
    let part = match t.lower.as_str() {
        "early" => Some(0),
        "mid" => Some(1),
        "late" => Some(2),
        _ => None,
    };
    let k = if part.is_some() {
        if word(toks, i + 1) == "-" {
            i + 2
        } else {
            i + 1
        }
    } else {
        i
    };
    if let Some(y) = toks.get(k).and_then(year_of) {
        // A bare number is a year only after "in"/"during" or "early/late".
        let ok = part.is_some() || matches!(word(toks, i.wrapping_sub(1)), "in" | "during");
        // "the 1970s", "the 1970's": a decade, not a year.
        let decade = word(toks, k + 1) == "'" && word(toks, k + 2) == "s";
        if !ok || decade {
            return None;
        }
        let (s, e) = year_part(y, part)?;
        return Some((k - i + 1, s, e, Precision::Year));
    }
    let month = toks.get(k).and_then(month_of)?;
    // A month alone only after a preposition or "early/mid/late" ("in May", not "May" the verb).
    let prev = word(toks, i.wrapping_sub(1));
    if part.is_none() && !matches!(prev, "in" | "during" | "last" | "next" | "this") {
        return None;
    }
    let (year, len) = match toks.get(k + 1).and_then(year_of) {
        Some(y) => (y, k - i + 2),
        None => {
            let a = anchor?;
            let y = match (prev, dir) {
                ("last", _) => a.year() - i32::from(month >= a.month()),
                ("next", _) => a.year() + i32::from(month <= a.month()),
                (_, Direction::Back) => a.year() - i32::from(month > a.month()),
                (_, Direction::Forward) => a.year() + i32::from(month < a.month()),
            };
            (y, k - i + 1)
        }
    };
    let first = Date::new(year, month, 1)?;
    let last = first.month_end();
    let (s, e) = match part {
        None => (first, last),
        Some(0) => (first, Date::new(year, month, 10)?),
        Some(1) => (Date::new(year, month, 11)?, Date::new(year, month, 20)?),
        _ => (Date::new(year, month, 21)?, last),
    };
    Some((len, s, e, Precision::Month))
}

/// The first, middle or last third of a year (or all of it).
fn year_part(year: i32, part: Option<u32>) -> Option<(Date, Date)> {
    Some(match part {
        None => (Date::new(year, 1, 1)?, Date::new(year, 12, 31)?),
        Some(0) => (Date::new(year, 1, 1)?, Date::new(year, 4, 30)?),
        Some(1) => (Date::new(year, 5, 1)?, Date::new(year, 8, 31)?),
        _ => (Date::new(year, 9, 1)?, Date::new(year, 12, 31)?),
    })
}

/// "March 3", "March 3rd", "March 3, 1987", "3 March", "3 March 1987", "March 3-5",
/// "March 3 to 5", "March 1987".
fn month_day(toks: &[Token<'_>], i: usize, anchor: Option<Date>, dir: Direction) -> Option<Match> {
    let t = toks.get(i)?;
    let (month, day, mut k) = if let Some(m) = month_of(t) {
        match toks.get(i + 1).and_then(day_of) {
            Some(d) => (m, d, i + 2),
            None => {
                // "March 1986".
                let y = toks.get(i + 1).and_then(year_of)?;
                let s = Date::new(y, m, 1)?;
                return Some((2, s, s.month_end(), Precision::Month));
            }
        }
    } else {
        let d = day_of(t)?;
        let m = toks.get(i + 1).and_then(month_of)?;
        (m, d, i + 2)
    };
    // A range of days: "3-5", "3 to 5".
    let mut last_day = day;
    if matches!(word(toks, k), "-" | "to" | "–") {
        if let Some(d2) = toks.get(k + 1).and_then(day_of).filter(|d2| *d2 > day) {
            last_day = d2;
            k += 2;
        }
    }
    let comma = usize::from(word(toks, k) == ",");
    let year = match toks.get(k + comma).and_then(year_of) {
        Some(y) => {
            k += comma + 1;
            y
        }
        None => {
            let a = anchor?;
            // Future tense: the first such day from the anchor on. Otherwise the nearest one,
            // before or after: a schedule is often told in the present tense ("leaves for
            // Washington on April 29"), a past day is rarely more than half a year back.
            let on = |y: i32| Date::new(y, month, day.min(days_in_month(y, month)));
            let this_year = on(a.year())?;
            match dir {
                Direction::Forward if this_year < a => a.year() + 1,
                Direction::Forward => a.year(),
                Direction::Back => [a.year() - 1, a.year(), a.year() + 1]
                    .into_iter()
                    .filter_map(|y| on(y).map(|d| (y, (d.days() - a.days()).abs(), d > a)))
                    .min_by_key(|&(_, distance, after)| (distance, after))
                    .map_or(a.year(), |(y, _, _)| y),
            }
        }
    };
    let s = Date::new(year, month, day)?;
    let e = Date::new(year, month, last_day)?;
    Some((k - i, s, e, Precision::Day))
}

/// Expressions that only mean something against the document date.
fn relative(toks: &[Token<'_>], i: usize, a: Date, dir: Direction) -> Option<Match> {
    let w0 = word(toks, i);
    let w1 = word(toks, i + 1);
    let w2 = word(toks, i + 2);
    let day = |d: Date, len: usize| Some((len, d, d, Precision::Day));
    match (w0, w1) {
        ("today" | "tonight", _) => return day(a, 1),
        ("yesterday", _) => return day(a.add_days(-1), 1),
        ("tomorrow", _) => return day(a.add_days(1), 1),
        ("this", "morning" | "afternoon" | "evening") => return day(a, 2),
        ("last", "night") => return day(a.add_days(-1), 2),
        _ => {}
    }
    // Weekdays: "Thursday", "last Thursday", "next Thursday", "this Thursday", "Thursday night".
    let (which, k) = match w0 {
        "last" | "next" | "this" | "past" | "coming" => (w0, i + 1),
        _ => ("", i),
    };
    if let Some(wd) = toks.get(k).and_then(weekday_of) {
        let back = match which {
            "last" | "past" => true,
            "next" | "coming" => false,
            _ => dir == Direction::Back,
        };
        let now = i64::from(a.weekday());
        let wd = i64::from(wd);
        // "on Monday" in a Monday report is that day; "last Monday" the week before.
        let d = if back && which.is_empty() {
            a.add_days(-(now - wd).rem_euclid(7))
        } else if back {
            a.add_days(-((now - wd - 1).rem_euclid(7) + 1))
        } else {
            a.add_days((wd - now - 1).rem_euclid(7) + 1)
        };
        let tail = usize::from(matches!(
            word(toks, k + 1),
            "morning" | "afternoon" | "evening" | "night"
        ));
        return day(d, k - i + 1 + tail);
    }
    // "N days/weeks/months/years ago".
    if let Some(n) = toks.get(i).and_then(count_of) {
        if w2 == "ago" {
            return match w1 {
                "day" | "days" => day(a.add_days(-n), 3),
                "week" | "weeks" => week(a.add_days(-7 * n), 3),
                "month" | "months" => month(a.year(), i64::from(a.month()) - n, 3),
                "year" | "years" => year(a.year() - n as i32, None, 3),
                _ => None,
            };
        }
    }
    // "(early|late|mid) (last|this|next) (week|month|year)", "earlier/later this month",
    // "over the weekend".
    let (part, k) = match w0 {
        "early" | "earlier" => (Some(0), i + 1),
        "mid" => (Some(1), i + 1 + usize::from(w1 == "-")),
        "late" | "later" => (Some(2), i + 1),
        _ => (None, i),
    };
    let (shift, k) = match word(toks, k) {
        "last" | "past" => (-1, k + 1),
        "this" => (0, k + 1),
        // "over the weekend", "at the weekend"; not "the week" (of what?).
        "the" if word(toks, k + 1) == "weekend" => (0, k + 1),
        "next" | "coming" => (1, k + 1),
        _ => return None,
    };
    let len = k - i + 1;
    match word(toks, k) {
        "week" => {
            let monday = a.week_start().add_days(7 * shift);
            match (part, shift) {
                (Some(0), 0) => Some((len, monday, a, Precision::Week)),
                (Some(2), 0) => Some((len, a, monday.add_days(6), Precision::Week)),
                _ => week(monday, len),
            }
        }
        "weekend" => {
            let saturday = a.week_start().add_days(5);
            let sat = match shift {
                -1 => saturday.add_days(if a >= saturday { 0 } else { -7 }),
                1 => saturday.add_days(if a >= saturday { 7 } else { 0 }),
                _ if dir == Direction::Back && a < saturday => saturday.add_days(-7),
                _ => saturday,
            };
            Some((len, sat, sat.add_days(1), Precision::Day))
        }
        "month" => {
            let first = Date::month_start(a.year(), i64::from(a.month()) + shift)?;
            let last = first.month_end();
            let (s, e) = match (part, shift) {
                (Some(0), 0) => (first, a),
                (Some(2), 0) => (a, last),
                (Some(0), _) => (first, first.add_days(9)),
                (Some(1), _) => (first.add_days(10), first.add_days(19)),
                (Some(_), _) => (first.add_days(20), last),
                (None, _) => (first, last),
            };
            Some((len, s, e, Precision::Month))
        }
        "year" => {
            let y = a.year() + shift as i32;
            match (part, shift) {
                (Some(0), 0) => Some((len, Date::new(y, 1, 1)?, a, Precision::Year)),
                (Some(2), 0) => Some((len, a, Date::new(y, 12, 31)?, Precision::Year)),
                _ => year(y, part, len),
            }
        }
        _ => None,
    }
}

fn week(d: Date, len: usize) -> Option<Match> {
    let monday = d.week_start();
    Some((len, monday, monday.add_days(6), Precision::Week))
}

fn month(y: i32, m: i64, len: usize) -> Option<Match> {
    let first = Date::month_start(y, m)?;
    Some((len, first, first.month_end(), Precision::Month))
}

fn year(y: i32, part: Option<u32>, len: usize) -> Option<Match> {
    let (s, e) = year_part(y, part)?;
    Some((len, s, e, Precision::Year))
}

#[cfg(test)]
mod tests;
