//! The cue lists of the relation rules, read from `data/lexicon/cues.tsv` (embedded): which
//! nouns name a journey or talks, which words make a statement critical, which verbs say
//! that their complement did not happen. Closed grammatical classes (negations, modals,
//! prepositions) stay in the code that reads them.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const CUES_TSV: &str = include_str!("../../data/lexicon/cues.tsv");

/// A named cue list of `cues.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Cue {
    /// Nouns of a government named after its leader ("Saddam Hussein's regime").
    GovernmentNoun,
    /// Verbs whose complement did not happen ("refused to meet").
    NegatingGovernor,
    /// Verbs whose complement is only intended ("wants to curb").
    IntentGovernor,
    /// Verbs that stop the event their object names ("obstructed talks", "cancelled a visit").
    BlockingVerb,
    /// Nouns of an event's end ("an end to the alliance", "the collapse of talks").
    EndingNoun,
    /// Verbs that give their object a post ("appointed Smith as chairman").
    AppointingVerb,
    /// Nouns of a journey ("visit", "tour").
    TravelNoun,
    /// Nouns of talks ("talks", "summit").
    TalkNoun,
    /// Nouns of an agreement ("accord", "pact").
    AgreementNoun,
    /// Verbs that make an agreement ("sign", "reach").
    AgreementMaker,
    /// Nouns of meetings read from token windows.
    EventNoun,
    /// Nouns of a standing tie ("relations", "alliance").
    TieNoun,
    /// Words that make a statement critical.
    ToneNegative,
    /// Words that make a statement supportive.
    TonePositive,
    /// Verbs whose subject does the act their object noun names ("launched an attack on",
    /// "imposed sanctions on"), unlike "lifted the embargo on".
    ActNounVerb,
    /// Verbs whose subject receives the act their object noun names from the doer after
    /// "from" ("won backing from the IMF", "drew criticism from Labour").
    ActNounReceiver,
    /// People who speak or act only for a body or a country ("spokesman", "official").
    AgentNoun,
    /// Common nouns for a body or a person a name can stand in apposition to ("the man, John
    /// Smith"), beside the titles, the organisation heads and the organisation kinds of `data/lexicon/kind_nouns.tsv`.
    BodyNoun,
    /// Last words of the names of newspapers, broadcasters and agencies ("Sky News").
    MediaNameWord,
}

impl Cue {
    fn named(name: &str) -> Option<Cue> {
        Some(match name {
            "government-noun" => Cue::GovernmentNoun,
            "negating-governor" => Cue::NegatingGovernor,
            "intent-governor" => Cue::IntentGovernor,
            "blocking-verb" => Cue::BlockingVerb,
            "ending-noun" => Cue::EndingNoun,
            "appointing-verb" => Cue::AppointingVerb,
            "travel-noun" => Cue::TravelNoun,
            "talk-noun" => Cue::TalkNoun,
            "agreement-noun" => Cue::AgreementNoun,
            "agreement-maker" => Cue::AgreementMaker,
            "event-noun" => Cue::EventNoun,
            "tie-noun" => Cue::TieNoun,
            "tone-negative" => Cue::ToneNegative,
            "tone-positive" => Cue::TonePositive,
            "media-name-word" => Cue::MediaNameWord,
            "act-noun-verb" => Cue::ActNounVerb,
            "act-noun-receiver" => Cue::ActNounReceiver,
            "agent-noun" => Cue::AgentNoun,
            "body-noun" => Cue::BodyNoun,
            _ => return None,
        })
    }
}

/// Parses `list<TAB>word` lines; an unknown list name is an error naming its line.
fn parse(text: &str) -> Result<HashMap<Cue, HashSet<String>>, String> {
    let mut lists: HashMap<Cue, HashSet<String>> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') || line.starts_with("list\t") {
            continue;
        }
        let (name, word) = line
            .split_once('\t')
            .ok_or_else(|| format!("line {}: expected list<TAB>word", n + 1))?;
        let cue = Cue::named(name).ok_or_else(|| format!("line {}: unknown list {name}", n + 1))?;
        lists.entry(cue).or_default().insert(word.to_string());
    }
    Ok(lists)
}

/// True when `word` (lowercase) is on the list.
pub(super) fn has(cue: Cue, word: &str) -> bool {
    static LISTS: OnceLock<HashMap<Cue, HashSet<String>>> = OnceLock::new();
    LISTS
        .get_or_init(|| {
            parse(CUES_TSV).unwrap_or_else(|e| panic!("embedded cues.tsv is malformed: {e}"))
        })
        .get(&cue)
        .is_some_and(|l| l.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_is_in_the_file() {
        let lists = parse(CUES_TSV).unwrap();
        assert_eq!(lists.len(), 19);
        assert!(has(Cue::TravelNoun, "visit"));
        assert!(has(Cue::ToneNegative, "illegal"));
        assert!(!has(Cue::ToneNegative, "visit"));
    }

    #[test]
    fn unknown_lists_are_reported_with_their_line() {
        let e = parse("list\tword\ntravel-noun\ttrip\nfeelings\tsad\n").unwrap_err();
        assert!(e.contains("line 3"), "{e}");
    }
}
