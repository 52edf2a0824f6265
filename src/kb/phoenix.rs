//! A reader for the TABARI-style actor dictionaries of PETRARCH2 / Phoenix, used only by the
//! gazetteer builder.
//!
//! An actor starts on an unindented line `NAME_WITH_UNDERSCORES_ [CODE date]...`; `+NAME` lines
//! add synonyms; indented `[CODE date]` lines add codes; `#` starts a comment.

/// One actor block of a dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Actor {
    /// The head name in dictionary spelling, without trailing underscores ("VLADIMIR_PUTIN").
    pub name: String,
    /// `+` synonyms, same spelling.
    pub synonyms: Vec<String>,
    /// Codes with their date ranges ("RUSGOV 991231-080507"), in file order.
    pub codes: Vec<String>,
    /// The comment on the head line ("CountryInfo.txt", "IGOrulers.txt"...).
    pub comment: String,
}

impl Actor {
    /// True when some code is limited to a date range, which only people's codes are.
    pub fn has_dated_code(&self) -> bool {
        self.codes.iter().any(|c| {
            c.split_once(' ')
                .is_some_and(|(_, d)| d.bytes().any(|b| b.is_ascii_digit()))
        })
    }

    /// The first code without its date range ("RUSGOV").
    pub fn first_code(&self) -> Option<&str> {
        self.codes
            .first()
            .map(|c| c.split(' ').next().unwrap_or(""))
    }
}

/// Parses a whole actor file.
pub(crate) fn parse_actors(text: &str) -> Vec<Actor> {
    let mut actors: Vec<Actor> = Vec::new();
    for raw in text.lines() {
        let (body, comment) = match raw.find('#') {
            Some(i) => (&raw[..i], raw[i + 1..].trim()),
            None => (raw, ""),
        };
        let trimmed = body.trim();
        if trimmed.is_empty() {
            continue;
        }
        let indented = body.starts_with(['\t', ' ']);
        if let Some(syn) = trimmed.strip_prefix('+') {
            if let Some(actor) = actors.last_mut() {
                let (name, codes) = split_codes(syn);
                if !name.is_empty() {
                    actor.synonyms.push(name);
                }
                actor.codes.extend(codes);
            }
        } else if indented || trimmed.starts_with('[') {
            if let Some(actor) = actors.last_mut() {
                actor.codes.extend(split_codes(trimmed).1);
            }
        } else {
            let (name, codes) = split_codes(trimmed);
            if name.is_empty() {
                continue;
            }
            actors.push(Actor {
                name,
                synonyms: Vec::new(),
                codes,
                comment: comment.to_string(),
            });
        }
    }
    actors
}

/// Splits `NAME_ [A 1-2] [B]` into the normalised name and its codes.
fn split_codes(s: &str) -> (String, Vec<String>) {
    let name_part = s.split('[').next().unwrap_or("");
    let name = normalise_name(name_part);
    let mut codes = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        let code = rest[open + 1..open + close]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !code.is_empty() && code != "---" {
            codes.push(code);
        }
        rest = &rest[open + close + 1..];
    }
    (name, codes)
}

/// Joins white space into underscores and strips the trailing "stopped word" underscores.
fn normalise_name(s: &str) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join("_");
    let parts: Vec<&str> = joined.split('_').filter(|p| !p.is_empty()).collect();
    parts.join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_heads_synonyms_and_codes() {
        let text = "# header\nVLADIMIR_PUTIN_  # CountryInfo.txt\n+PUTIN_\n+PRESIDENT_PUTIN_\n\t[RUSELI 700101-990809]\n\t[RUSGOV >080508]\nNATO_\n+NORTH_ATLANTIC_TREATY_ORGANIZATION_\t\n\t[IGOWSTNAT]# NGO_Actors\nIAEA_\t[IGOUNOIAE]# Intl\n";
        let actors = parse_actors(text);
        assert_eq!(actors.len(), 3);
        assert_eq!(actors[0].name, "VLADIMIR_PUTIN");
        assert_eq!(actors[0].comment, "CountryInfo.txt");
        assert_eq!(actors[0].synonyms, ["PUTIN", "PRESIDENT_PUTIN"]);
        assert_eq!(actors[0].codes, ["RUSELI 700101-990809", "RUSGOV >080508"]);
        assert!(actors[0].has_dated_code());
        assert_eq!(actors[1].synonyms, ["NORTH_ATLANTIC_TREATY_ORGANIZATION"]);
        assert_eq!(actors[1].first_code(), Some("IGOWSTNAT"));
        assert!(!actors[1].has_dated_code());
        assert_eq!(actors[2].codes, ["IGOUNOIAE"]);
    }
}
