//! Entity resolution within a document: mentions → entities. Knowledge-base mentions group by
//! key; people group by surname and given name ("Putin" → "Vladimir Putin", "George Bush" →
//! "George W. Bush"); organisations by name and acronym ("EU" ↔ "European Union").

use crate::kb::{KbEntry, Key, KnowledgeBase, Namespace};
use crate::model::{Entity, EntityType, Mention, MentionRole};
use crate::text::name_key;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Entities of a document and which entity each mention refers to.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// Entities in order of first mention.
    pub entities: Vec<Entity>,
    /// `mention_entity[m]` is the entity of mention `m`.
    pub mention_entity: Vec<usize>,
}

fn name_tokens(s: &str) -> Vec<String> {
    name_key(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Two full person names name the same person: same surname and compatible given names
/// ("George Bush" / "George W. Bush", "G. Bush" / "George Bush").
fn compatible_people(a: &[String], b: &[String]) -> bool {
    let (Some(la), Some(lb)) = (a.last(), b.last()) else {
        return false;
    };
    if la != lb {
        return false;
    }
    let (fa, fb) = (&a[0], &b[0]);
    fa == fb
        || (fa.len() == 1 && fb.starts_with(fa.as_str()))
        || (fb.len() == 1 && fa.starts_with(fb.as_str()))
}

struct Cluster {
    kind: EntityType,
    kb_key: Option<Key>,
    name: Option<String>,
    mentions: Vec<usize>,
    tokens: Vec<String>,
}

/// Groups a document's mentions into entities; `date` (ISO, when known) helps link people to
/// the knowledge base ("George Bush" in 1987 and in 2004 are different men).
pub fn resolve(mentions: &[Mention], kb: &KnowledgeBase, date: Option<&str>) -> Resolution {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut assign: Vec<Option<usize>> = vec![None; mentions.len()];
    let mut by_key: HashMap<Key, usize> = HashMap::new();

    // 1. Knowledge-base mentions: one entity per key.
    for (m, mention) in mentions.iter().enumerate() {
        let Some(key) = &mention.kb_key else { continue };
        let c = *by_key.entry(key.clone()).or_insert_with(|| {
            let entry = kb.entry(key);
            clusters.push(Cluster {
                kind: entry.map_or(mention.kind, |e| e.kind),
                kb_key: Some(key.clone()),
                name: entry.map(|e| e.name.clone()),
                mentions: Vec::new(),
                tokens: entry.map(|e| name_tokens(&e.name)).unwrap_or_default(),
            });
            clusters.len() - 1
        });
        clusters[c].mentions.push(m);
        assign[m] = Some(c);
    }

    // 2. People: full names first (longest first), then single words.
    let mut people: Vec<usize> = (0..mentions.len())
        .filter(|&m| assign[m].is_none() && mentions[m].kind == EntityType::Person)
        .collect();
    people.sort_by_key(|&m| (std::cmp::Reverse(name_tokens(&mentions[m].text).len()), m));
    for m in people {
        let toks = name_tokens(&mentions[m].text);
        if toks.is_empty() {
            continue;
        }
        let found = if toks.len() >= 2 {
            clusters.iter().position(|c| {
                c.kind == EntityType::Person
                    && c.kb_key.is_none()
                    && compatible_people(&c.tokens, &toks)
            })
        } else {
            let w = &toks[0];
            let pick = |pred: &dyn Fn(&Cluster) -> bool| -> Option<usize> {
                let hits: Vec<usize> = clusters
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.kind == EntityType::Person && pred(c))
                    .map(|(i, _)| i)
                    .collect();
                match hits.len() {
                    0 => None,
                    1 => Some(hits[0]),
                    // Several candidates: the one mentioned most recently before this mention.
                    _ => hits.into_iter().max_by_key(|&i| {
                        clusters[i]
                            .mentions
                            .iter()
                            .filter(|&&x| x < m)
                            .max()
                            .copied()
                            .unwrap_or(0)
                    }),
                }
            };
            pick(&|c| c.tokens.len() >= 2 && c.tokens.last() == Some(w))
                .or_else(|| pick(&|c| c.tokens.len() >= 2 && c.tokens.first() == Some(w)))
                .or_else(|| pick(&|c| c.tokens == toks))
        };
        let c = found.unwrap_or_else(|| {
            clusters.push(Cluster {
                kind: EntityType::Person,
                kb_key: None,
                name: None,
                mentions: Vec::new(),
                tokens: toks.clone(),
            });
            clusters.len() - 1
        });
        clusters[c].mentions.push(m);
        assign[m] = Some(c);
    }

    // 3. Organisations and other places: by folded name, then acronyms by initials.
    let mut by_name: HashMap<(EntityType, String), usize> = HashMap::new();
    let mut others: Vec<usize> = (0..mentions.len())
        .filter(|&m| assign[m].is_none())
        .collect();
    others.sort_by_key(|&m| (std::cmp::Reverse(mentions[m].text.len()), m));
    for m in others {
        let mention = &mentions[m];
        let key = (mention.kind, name_key(&mention.text));
        let existing = by_name.get(&key).copied().or_else(|| {
            if mention.kind != EntityType::Organization {
                return None;
            }
            if is_acronym(&mention.text) {
                return clusters.iter().position(|c| {
                    c.kind == EntityType::Organization
                        && c.tokens.len() >= 2
                        && initials(&c.tokens) == mention.text.to_lowercase()
                });
            }
            // "Genentech" after "Genentech Inc", "Dayton Hudson" after "Dayton Hudson Corp",
            // "Dome" after "Dome Petroleum Ltd": the start of exactly one longer
            // organisation's name that ends in a company's legal form is its short form.
            let tokens = name_tokens(&mention.text);
            let generic =
                matches!(tokens.as_slice(), [w] if GENERIC_ORG_HEADS.contains(&w.as_str()));
            if !generic {
                let legal_form = |c: &Cluster| {
                    c.mentions.first().is_some_and(|&f| {
                        mentions[f]
                            .text
                            .split_whitespace()
                            .next_back()
                            .is_some_and(crate::nlp::mention_rules::is_company_suffix)
                    })
                };
                let mut starts = clusters.iter().enumerate().filter(|(_, c)| {
                    c.kind == EntityType::Organization
                        && c.tokens.len() > tokens.len()
                        && c.tokens.starts_with(&tokens)
                        && legal_form(c)
                });
                if let (Some((i, _)), None) = (starts.next(), starts.next()) {
                    return Some(i);
                }
            }
            // "the Telegraph" after "the Daily Telegraph", "United" after "Manchester United":
            // a one-word name that ends exactly one longer organisation name is its short
            // form, unless the word is what names of bodies end in ("Party", "Bank").
            let [word] = tokens.as_slice() else {
                return None;
            };
            if GENERIC_ORG_HEADS.contains(&word.as_str()) {
                return None;
            }
            let mut ends = clusters.iter().enumerate().filter(|(_, c)| {
                c.kind == EntityType::Organization
                    && c.tokens.len() >= 2
                    && c.tokens.last() == Some(word)
            });
            match (ends.next(), ends.next()) {
                (Some((i, _)), None) => Some(i),
                _ => None,
            }
        });
        let c = existing.unwrap_or_else(|| {
            clusters.push(Cluster {
                kind: mention.kind,
                kb_key: None,
                name: None,
                mentions: Vec::new(),
                tokens: name_tokens(&mention.text),
            });
            clusters.len() - 1
        });
        by_name.insert(key, c);
        clusters[c].mentions.push(m);
        assign[m] = Some(c);
    }

    // 4. People the knowledge base knows, when exactly one fits. A lone surname in a
    // document without a date is a guess among every office holder of that name ("Mr
    // Howard" in a British article is not Australia's John Howard): it needs the person's
    // country named in the document as well, or a place or body of that country.
    let countries: HashSet<&Key> = mentions
        .iter()
        .filter_map(|m| m.kb_key.as_ref())
        .filter_map(|k| match k.namespace() {
            Namespace::Country => Some(k),
            Namespace::Person => None,
            _ => kb.entry(k).and_then(|e| e.country.as_ref()),
        })
        .collect();
    for c in clusters
        .iter_mut()
        .filter(|c| c.kind == EntityType::Person && c.kb_key.is_none())
    {
        // The date tells two holders of one name apart; a full name that fits one person
        // only is that person even outside the dates the knowledge base gives (Paul Volcker
        // after he left the Fed), or the store would hold two people of one name.
        let undated = || (c.tokens.len() >= 2).then(|| link_person(&c.tokens, kb, None));
        let entry = link_person(&c.tokens, kb, date).or_else(|| undated().flatten());
        let entry = entry.filter(|e| {
            date.is_some()
                || c.tokens.len() >= 2
                || e.country.as_ref().is_some_and(|k| countries.contains(k))
        });
        if let Some(entry) = entry {
            c.kb_key = Some(entry.key.clone());
            if c.tokens.len() < 2 {
                c.name = Some(entry.name.clone());
            }
        }
    }

    // "the House" alone: the chamber of the legislature the document is about, told by the
    // chambers it names ("the Senate", "the Commons"), else by the one country of the two it
    // names.
    let chamber = {
        let named = |ids: &[&str]| {
            mentions.iter().any(|m| {
                m.kb_key
                    .as_ref()
                    .is_some_and(|k| k.namespace() == Namespace::Org && ids.contains(&k.id()))
            })
        };
        let country = |id: &str| countries.contains(&Key::new(Namespace::Country, id));
        let (us, uk) = ("us-house", "house-of-commons");
        let id = if named(&["house-of-commons", "house-of-lords"]) {
            Some(uk)
        } else if named(&["us-senate", "us-congress", "us-house"]) {
            Some(us)
        } else {
            match (country("USA"), country("GBR")) {
                (true, false) => Some(us),
                (false, true) => Some(uk),
                _ => None,
            }
        };
        id.map(|id| Key::new(Namespace::Org, id))
    };
    if let Some(key) = chamber {
        let house = |c: &Cluster| {
            c.kind == EntityType::Organization && c.kb_key.is_none() && c.tokens == ["house"]
        };
        if let Some(h) = clusters.iter().position(house) {
            match clusters
                .iter()
                .position(|c| c.kb_key.as_ref() == Some(&key))
            {
                // The chamber named in full too: one entity.
                Some(full) => {
                    let moved = std::mem::take(&mut clusters[h].mentions);
                    for &m in &moved {
                        assign[m] = Some(full);
                    }
                    clusters[full].mentions.extend(moved);
                }
                None => {
                    clusters[h].name = kb.entry(key.as_str()).map(|e| e.name.clone());
                    clusters[h].kb_key = Some(key);
                }
            }
        }
    }

    // Order entities by first mention; pick canonical names.
    let mut order: Vec<usize> = (0..clusters.len())
        .filter(|&c| !clusters[c].mentions.is_empty())
        .collect();
    order.sort_by_key(|&c| clusters[c].mentions.iter().min().copied());
    let mut new_index = vec![usize::MAX; clusters.len()];
    let mut entities = Vec::with_capacity(order.len());
    for (i, &c) in order.iter().enumerate() {
        new_index[c] = i;
        let cl = &clusters[c];
        let mut ms = cl.mentions.clone();
        ms.sort_unstable();
        let surfaces: Vec<&str> = ms.iter().map(|&m| mentions[m].text.as_str()).collect();
        let mut name = cl
            .name
            .clone()
            .unwrap_or_else(|| canonical_name(&ms, mentions));
        let mut kb_key = cl.kb_key.clone();
        if kb_key.is_none() {
            if let Some(entry) = entry_named(&name, cl.kind, kb) {
                kb_key = Some(entry.key.clone());
                // As in step 4, a person keeps the full name the document gives.
                if cl.kind != EntityType::Person {
                    name = entry.name.clone();
                }
            }
        }
        let mut aliases: BTreeSet<String> = surfaces.iter().map(|s| s.to_string()).collect();
        aliases.insert(name.clone());
        entities.push(Entity {
            name,
            kind: cl.kind,
            kb_key,
            aliases: aliases.into_iter().collect(),
            mentions: ms,
        });
    }
    let mention_entity = assign
        .iter()
        .map(|a| a.map_or(usize::MAX, |c| new_index[c]))
        .collect();
    Resolution {
        entities,
        mention_entity,
    }
}

/// The one knowledge-base person a name can mean, or `None` when none or several fit.
/// Full names match a name or alias, or a compatible name with the same surname ("Ali
/// Khamenei" ⊂ "Sayyed Ali Khamenei"); a lone surname only matches a person with a government
/// role. A document date keeps only people whose roles held then.
pub fn link_person<'k>(
    tokens: &[String],
    kb: &'k KnowledgeBase,
    date: Option<&str>,
) -> Option<&'k KbEntry> {
    let last = tokens.last()?;
    let mut cands: Vec<&KbEntry> = Vec::new();
    let full = tokens.join(" ");
    for e in kb
        .lookup(&full)
        .into_iter()
        .chain(kb.people_with_surname(last))
    {
        if e.kind != EntityType::Person || cands.iter().any(|c| c.key == e.key) {
            continue;
        }
        let kb_tokens = name_tokens(&e.name);
        let fits = if tokens.len() >= 2 {
            compatible_people(&kb_tokens, tokens)
                || is_subsequence(tokens, &kb_tokens)
                || kb.lookup(&full).iter().any(|x| x.key == e.key)
        } else {
            e.roles.iter().any(|r| r.is_government())
        };
        if fits {
            cands.push(e);
        }
    }
    if let Some(d) = date {
        cands.retain(|e| e.roles.iter().any(|r| r.holds_on(d)));
    }
    (cands.len() == 1).then(|| cands[0])
}

/// The one knowledge-base entry of type `kind` known by the name `name` (case and accents
/// aside), when the name means no other entry: without it, a document that the date or the
/// mention finder kept from linking would store a second "Paul Volcker" or "World Bank"
/// beside the linked one, and neither could be named. People need two words.
fn entry_named<'k>(name: &str, kind: EntityType, kb: &'k KnowledgeBase) -> Option<&'k KbEntry> {
    if kind == EntityType::Person && name_tokens(name).len() < 2 {
        return None;
    }
    // Places and organisations are compared as the store compares names, or "ST LOUIS" and
    // "Inter-American Development Bank" would stay beside the linked "St. Louis" and "Inter
    // American Development Bank". People keep the exact lookup for now: linking "George W
    // Bush" that way lets a relation rule add a wrong official_of on ../shared/eval
    // (bbc-politics-280, rule role-description), one more false positive.
    let hits = if kind == EntityType::Person {
        kb.lookup(name)
    } else {
        kb.lookup_name_key(name)
    };
    let hits: Vec<&KbEntry> = hits.into_iter().filter(|e| e.kind == kind).collect();
    match hits.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// True when `short` appears in `long` in order and both end with the same word.
fn is_subsequence(short: &[String], long: &[String]) -> bool {
    if short.last() != long.last() {
        return false;
    }
    let mut it = long.iter();
    short.iter().all(|w| it.any(|x| x == w))
}

/// The fullest form among a cluster's name mentions: most words, then most frequent, then first.
fn canonical_name(ms: &[usize], mentions: &[Mention]) -> String {
    // Counted once: comparing every mention with every other made long documents quadratic.
    let mut freqs: HashMap<&str, usize> = HashMap::new();
    for &m in ms {
        *freqs.entry(mentions[m].text.as_str()).or_default() += 1;
    }
    let mut best: Option<(usize, usize, std::cmp::Reverse<usize>, &str)> = None;
    for &m in ms {
        let mention = &mentions[m];
        if mention.role == MentionRole::Demonym {
            continue;
        }
        let words = mention.text.split_whitespace().count();
        let freq = freqs.get(mention.text.as_str()).copied().unwrap_or(0);
        let cand = (words, freq, std::cmp::Reverse(m), mention.text.as_str());
        if best
            .as_ref()
            .is_none_or(|b| (cand.0, cand.1, cand.2) > (b.0, b.1, b.2))
        {
            best = Some(cand);
        }
    }
    best.map(|b| b.3.to_string())
        .unwrap_or_else(|| mentions[ms[0]].text.clone())
}

/// Last words of organisation names that do not name one body on their own.
const GENERIC_ORG_HEADS: &[&str] = &[
    "party",
    "bank",
    "office",
    "union",
    "council",
    "committee",
    "commission",
    "group",
    "fund",
    "association",
    "club",
    "department",
    "ministry",
    "agency",
    "court",
    "assembly",
    "parliament",
    "congress",
    "senate",
    "house",
    "board",
    "authority",
    "corporation",
    "company",
    "institute",
    "university",
    "college",
    "foundation",
    "organisation",
    "organization",
    "centre",
    "center",
    "service",
    "services",
    "inc",
    "corp",
    "ltd",
    "plc",
    "co",
    "community",
    "federation",
    "league",
    "alliance",
    "movement",
    "front",
    "army",
    "police",
    "government",
    "administration",
    "exchange",
    "reserve",
    "trust",
    "society",
    "network",
    "airlines",
    "airways",
    "bureau",
];

fn is_acronym(s: &str) -> bool {
    let n = s.chars().count();
    (2..=6).contains(&n) && s.chars().all(|c| c.is_uppercase())
}

fn initials(tokens: &[String]) -> String {
    tokens
        .iter()
        .filter(|t| !matches!(t.as_str(), "of" | "for" | "on" | "and" | "the"))
        .filter_map(|t| t.chars().next())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_compatibility() {
        let t = |s: &str| name_tokens(s);
        assert!(compatible_people(&t("George Bush"), &t("George W. Bush")));
        assert!(compatible_people(&t("G. Bush"), &t("George Bush")));
        assert!(!compatible_people(&t("Jeb Bush"), &t("George Bush")));
        assert!(!compatible_people(&t("George Shultz"), &t("George Bush")));
    }

    /// Entity names as `kg extract` finds them (trained recogniser included).
    fn names(text: &str) -> Vec<String> {
        let models = crate::nlp::tagger::TaggerModels::embedded().expect("built-in models");
        let pipeline = crate::pipeline::Pipeline::new().with_tagger(models);
        let ex = pipeline.extract(crate::model::Document::from_text("t.txt", text));
        ex.entities.iter().map(|e| e.name.clone()).collect()
    }

    #[test]
    fn a_short_form_of_an_organisation_is_the_organisation() {
        let got = names("The Daily Telegraph was sued. The Telegraph said it would appeal.");
        assert_eq!(
            got.iter().filter(|n| n.contains("Telegraph")).count(),
            1,
            "{got:?}"
        );
        // A word that ends the names of many bodies names none of them.
        let got = names("The Conservative Party met. The Party said it would win.");
        assert!(!got.iter().any(|n| n == "Party"), "{got:?}");
    }

    #[test]
    fn the_start_of_a_company_s_name_is_its_short_form() {
        let got =
            names("Dome Petroleum Ltd said it would sell. Dome spokesman David Annesley agreed.");
        assert!(!got.contains(&"Dome".to_string()), "{got:?}");
        assert!(got.contains(&"Dome Petroleum Ltd".to_string()), "{got:?}");
        // Not when two names start so, nor a body's generic word.
        let got = names("Acme Oil Corp and Acme Gas Inc merged. Acme said so.");
        assert!(got.contains(&"Acme".to_string()), "{got:?}");
    }

    #[test]
    fn the_house_alone_is_the_chamber_of_the_document_s_country() {
        let got = names("WASHINGTON - House Speaker Jim Wright said the Senate would act.");
        assert!(
            got.contains(&"House of Representatives".to_string()),
            "{got:?}"
        );
        let got = names("Mr Brown told the House that Britain would act. The Commons agreed.");
        assert!(got.contains(&"House of Commons".to_string()), "{got:?}");
        assert_eq!(
            got.iter().filter(|n| n.contains("House")).count(),
            1,
            "{got:?}"
        );
        // Nothing tells which chamber: the name stays.
        let got = names("The House voted on Tuesday.");
        assert!(got.contains(&"House".to_string()), "{got:?}");
    }

    #[test]
    fn a_lone_surname_in_an_undated_document_needs_its_country() {
        // The knowledge base's only office holder called Howard is Australia's John Howard.
        let got = names("Mr Howard appointed Mr Crosby as his elections chief.");
        assert!(got.contains(&"Howard".to_string()), "{got:?}");
        let got = names("Mr Howard flew to Canberra. Australia welcomed Mr Howard.");
        assert!(got.contains(&"John Howard".to_string()), "{got:?}");
        let got = names("President Reagan said the United States would offer a treaty.");
        assert!(got.contains(&"Ronald Reagan".to_string()), "{got:?}");
    }
}
