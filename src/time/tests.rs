//! The resolver's table of phrases against fixed document dates.

use super::*;

fn d(iso: &str) -> Date {
    Date::parse_iso(iso).expect(iso)
}

/// (sentence, document date, phrase found, start, end, precision).
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Precision,
);

const MON: &str = "1987-03-09"; // a Monday
const WED: &str = "1987-03-11";
const JAN: &str = "1987-01-05"; // a Monday early in the year
const DEC: &str = "1986-12-29"; // a Monday late in the year

use Precision::{Day, Month, Week, Year};

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Weekdays: past tense looks back, future tense forward, strictly.
    ("Reagan met Nakasone on Thursday.", MON, "on Thursday", "1987-03-05", "1987-03-05", Day),
    ("Reagan met Nakasone on Friday.", MON, "on Friday", "1987-03-06", "1987-03-06", Day),
    ("Reagan met Nakasone on Sunday.", MON, "on Sunday", "1987-03-08", "1987-03-08", Day),
    ("Reagan met Nakasone on Monday.", MON, "on Monday", "1987-03-09", "1987-03-09", Day),
    ("Reagan met Nakasone last Monday.", MON, "last Monday", "1987-03-02", "1987-03-02", Day),
    ("Reagan will meet Nakasone on Thursday.", MON, "on Thursday", "1987-03-12", "1987-03-12", Day),
    ("Reagan will meet Nakasone on Monday.", MON, "on Monday", "1987-03-16", "1987-03-16", Day),
    ("Reagan is scheduled to meet Nakasone on Tuesday.", MON, "on Tuesday", "1987-03-10", "1987-03-10", Day),
    ("Baker said on Wednesday the talks went well.", MON, "on Wednesday", "1987-03-04", "1987-03-04", Day),
    ("They met last Friday.", MON, "last Friday", "1987-03-06", "1987-03-06", Day),
    ("They meet next Friday.", MON, "next Friday", "1987-03-13", "1987-03-13", Day),
    ("The talks ended Thursday night.", MON, "Thursday night", "1987-03-05", "1987-03-05", Day),
    ("Talks ended on Wednesday.", JAN, "on Wednesday", "1986-12-31", "1986-12-31", Day),
    ("Shultz will visit Tokyo on Friday.", DEC, "on Friday", "1987-01-02", "1987-01-02", Day),
    // One-word days.
    ("Ministers met yesterday.", MON, "yesterday", "1987-03-08", "1987-03-08", Day),
    ("Ministers meet today.", MON, "today", "1987-03-09", "1987-03-09", Day),
    ("Ministers meet tomorrow.", MON, "tomorrow", "1987-03-10", "1987-03-10", Day),
    ("Ministers met last night.", JAN, "last night", "1987-01-04", "1987-01-04", Day),
    // Month and day, with and without a year, across the year boundary.
    ("They met on March 3.", MON, "on March 3", "1987-03-03", "1987-03-03", Day),
    ("Nakasone leaves for Washington on April 29.", "1987-04-07", "on April 29", "1987-04-29", "1987-04-29", Day),
    ("They met on September 12.", MON, "on September 12", "1986-09-12", "1986-09-12", Day),
    ("Nakasone hopes to meet Reagan in late April.", MON, "in late April", "1987-04-21", "1987-04-30", Month),
    ("They will meet on March 12.", MON, "on March 12", "1987-03-12", "1987-03-12", Day),
    ("They met on December 30.", JAN, "on December 30", "1986-12-30", "1986-12-30", Day),
    ("They will meet on January 10.", DEC, "on January 10", "1987-01-10", "1987-01-10", Day),
    ("They met on March 3, 1986.", MON, "on March 3, 1986", "1986-03-03", "1986-03-03", Day),
    ("The pact signed 3 March 1985 holds.", MON, "3 March 1985", "1985-03-03", "1985-03-03", Day),
    ("Talks were held on Feb 27th.", MON, "on Feb 27th", "1987-02-27", "1987-02-27", Day),
    ("Talks were held on Monday, March 2.", MON, "on Monday, March 2", "1987-03-02", "1987-03-02", Day),
    // Ranges of days.
    ("Talks were held March 3-5.", MON, "March 3-5", "1987-03-03", "1987-03-05", Day),
    ("Talks were held from March 3 to 5.", MON, "March 3 to 5", "1987-03-03", "1987-03-05", Day),
    // Months.
    ("They met in March.", MON, "in March", "1987-03-01", "1987-03-31", Month),
    ("They met in April.", MON, "in April", "1986-04-01", "1986-04-30", Month),
    ("They will meet in April.", MON, "in April", "1987-04-01", "1987-04-30", Month),
    ("They met in December.", JAN, "in December", "1986-12-01", "1986-12-31", Month),
    ("They will meet in January.", DEC, "in January", "1987-01-01", "1987-01-31", Month),
    ("They met in early March.", MON, "in early March", "1987-03-01", "1987-03-10", Month),
    ("They met in mid-February.", MON, "in mid-February", "1987-02-11", "1987-02-20", Month),
    ("They met late February.", MON, "late February", "1987-02-21", "1987-02-28", Month),
    ("They met in March 1986.", MON, "in March 1986", "1986-03-01", "1986-03-31", Month),
    // Years.
    ("They met in 1985.", MON, "in 1985", "1985-01-01", "1985-12-31", Year),
    ("They met in late 1985.", MON, "in late 1985", "1985-09-01", "1985-12-31", Year),
    // Weeks.
    ("They met last week.", MON, "last week", "1987-03-02", "1987-03-08", Week),
    ("They meet next week.", MON, "next week", "1987-03-16", "1987-03-22", Week),
    ("They meet this week.", MON, "this week", "1987-03-09", "1987-03-15", Week),
    ("They met earlier this week.", WED, "earlier this week", "1987-03-09", "1987-03-11", Week),
    ("They met three weeks ago.", MON, "three weeks ago", "1987-02-16", "1987-02-22", Week),
    // Months relative to the document.
    ("They met last month.", MON, "last month", "1987-02-01", "1987-02-28", Month),
    ("They met last month.", JAN, "last month", "1986-12-01", "1986-12-31", Month),
    ("They meet next month.", DEC, "next month", "1987-01-01", "1987-01-31", Month),
    ("They prepared next month's talks.", MON, "next month", "1987-04-01", "1987-04-30", Month),
    ("They met earlier this month.", MON, "earlier this month", "1987-03-01", "1987-03-09", Month),
    ("They meet later this month.", MON, "later this month", "1987-03-09", "1987-03-31", Month),
    ("They meet early next month.", MON, "early next month", "1987-04-01", "1987-04-10", Month),
    // Years relative to the document.
    ("They met last year.", MON, "last year", "1986-01-01", "1986-12-31", Year),
    ("They met late last year.", MON, "late last year", "1986-09-01", "1986-12-31", Year),
    ("They met earlier this year.", MON, "earlier this year", "1987-01-01", "1987-03-09", Year),
    ("They meet next year.", MON, "next year", "1988-01-01", "1988-12-31", Year),
    ("They met a year ago.", MON, "a year ago", "1986-01-01", "1986-12-31", Year),
    // Days ago, weekends.
    ("They met two days ago.", MON, "two days ago", "1987-03-07", "1987-03-07", Day),
    ("They met over the weekend.", MON, "over the weekend", "1987-03-07", "1987-03-08", Day),
    ("They will meet this weekend.", MON, "this weekend", "1987-03-14", "1987-03-15", Day),
];

#[test]
fn phrases_resolve_against_the_document_date() {
    assert!(CASES.len() >= 40);
    for &(sentence, anchor, phrase, start, end, precision) in CASES {
        let found = find(sentence, Some(d(anchor)));
        let Some(e) = found.first() else {
            panic!("{sentence:?} ({anchor}): nothing found");
        };
        let got = (
            &sentence[e.span.clone()],
            e.start.to_string(),
            e.end.to_string(),
            e.precision,
        );
        assert_eq!(
            got,
            (phrase, start.to_string(), end.to_string(), precision),
            "{sentence:?} ({anchor})"
        );
    }
}

#[test]
fn words_that_are_not_dates_are_left_alone() {
    for sentence in [
        "Reagan may meet Nakasone.",
        "Veterans of the Long March met.",
        "The company exported 1985 tonnes.",
        "He will march on Washington.",
        "They met the week before.",
        // A start or a deadline is not the date of the act; a decade is not a year.
        "Its first agreement since 1980 was signed.",
        "Talks continued without success since the late 1970's.",
        "They must agree by September.",
        "",
    ] {
        assert_eq!(find(sentence, Some(d(MON))), vec![], "{sentence:?}");
    }
}

#[test]
fn without_a_document_date_only_absolute_dates_resolve() {
    let found = find(
        "They met on Thursday and on March 3, 1986, and in 1985.",
        None,
    );
    let phrases: Vec<String> = found.iter().map(|e| e.start.to_string()).collect();
    assert_eq!(phrases, ["1986-03-03", "1985-01-01"]);
}

#[test]
fn a_reporting_verb_dates_the_report_not_the_act() {
    let s = "Nakasone said on Thursday he will meet Reagan next month.";
    let met = event_time(s, "meet", Some(d(MON))).expect("a time");
    assert_eq!(
        (met.start.to_string(), met.phrase.as_deref()),
        ("1987-04-01".into(), Some("next month"))
    );
    let said = event_time(s, "say", Some(d(MON))).expect("a time");
    assert_eq!(
        (said.start.to_string(), said.phrase.as_deref()),
        ("1987-03-05".into(), Some("on Thursday"))
    );
    // The report itself is dated by its document when no expression is attached to its verb.
    let s = "Lichtblau said imports may reach the previous high of 47 pct in 1977.";
    let said = event_time(s, "say", Some(d(MON))).expect("a time");
    assert_eq!((said.start, said.phrase), (d(MON), None));
}

#[test]
fn a_phrase_across_a_line_break_is_stored_on_one_line() {
    let t = event_time("They met this\nafternoon.", "meet", Some(d(MON))).expect("a time");
    assert_eq!(t.phrase.as_deref(), Some("this afternoon"));
}

#[test]
fn a_dateline_is_not_the_event_date() {
    let s = "WASHINGTON, March 9, 1987 - Reagan met Nakasone on Thursday.";
    let t = event_time(s, "meet", Some(d(MON))).expect("a time");
    assert_eq!(t.phrase.as_deref(), Some("on Thursday"));
    let s = "VERSAILLES, France, May 29 - Macron hosted Putin.";
    let t = event_time(s, "host", Some(d("2017-05-29"))).expect("a time");
    assert_eq!(t.phrase, None);
}

#[test]
fn no_expression_takes_the_document_date() {
    let t = event_time("Reagan met Nakasone.", "meet", Some(d(MON))).expect("a time");
    assert_eq!(
        t,
        EventTime {
            start: d(MON),
            end: d(MON),
            precision: Day,
            phrase: None
        }
    );
    assert_eq!(event_time("Reagan met Nakasone.", "meet", None), None);
}
