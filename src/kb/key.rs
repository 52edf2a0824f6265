//! Knowledge-base keys with their namespace: `country:RUS`, `place:524901`,
//! `region:middle-east`, `org:nato`, `person:VLADIMIR_PUTIN`. A [`Key`] is the string the
//! store, the exports and the CONTRACT output carry, checked once when the knowledge base is
//! read, so stages ask [`Key::namespace`] instead of testing string prefixes.

use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::fmt;

/// The kind of thing a knowledge-base key names: the part of the key before the colon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Namespace {
    /// `country:` + ISO 3166 alpha-3 (or a historical code: `SUN`, `DDR`).
    Country,
    /// `place:` + GeoNames id, or `place:x-` + a slug for hand-written places.
    Place,
    /// `region:` + slug: regions larger than a place ("Middle East").
    Region,
    /// `org:` + slug.
    Org,
    /// `person:` + the Phoenix dictionaries' name.
    Person,
}

impl Namespace {
    /// Every namespace, in the order of the knowledge base's files.
    pub const ALL: [Namespace; 5] = [
        Namespace::Country,
        Namespace::Place,
        Namespace::Region,
        Namespace::Org,
        Namespace::Person,
    ];

    /// The key prefix, colon included (`"place:"`).
    pub fn prefix(self) -> &'static str {
        match self {
            Namespace::Country => "country:",
            Namespace::Place => "place:",
            Namespace::Region => "region:",
            Namespace::Org => "org:",
            Namespace::Person => "person:",
        }
    }

    /// The namespace of a key written as a string; `None` when it has none of the prefixes.
    pub fn of(key: &str) -> Option<Namespace> {
        Namespace::ALL
            .into_iter()
            .find(|ns| key.starts_with(ns.prefix()))
    }
}

/// A knowledge-base key: a namespace prefix and a non-empty id, kept as the one string every
/// output writes (serialised as that string).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Key(String);

/// A string that is not a knowledge-base key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a knowledge-base key (country:, place:, region:, org: or person: and an id)")]
pub struct NotAKey(pub String);

impl Key {
    /// The key of `id` in `namespace` (`Key::new(Namespace::Country, "RUS")` is `country:RUS`).
    pub fn new(namespace: Namespace, id: &str) -> Key {
        Key(format!("{}{id}", namespace.prefix()))
    }

    /// Checks a key written as a string: a known prefix followed by an id.
    pub fn parse(key: &str) -> Result<Key, NotAKey> {
        match Namespace::of(key) {
            Some(ns) if key.len() > ns.prefix().len() => Ok(Key(key.to_string())),
            _ => Err(NotAKey(key.to_string())),
        }
    }

    /// What the key names.
    pub fn namespace(&self) -> Namespace {
        // The prefix was checked on construction.
        Namespace::of(&self.0).unwrap_or(Namespace::Place)
    }

    /// The key without its namespace (`RUS` of `country:RUS`).
    pub fn id(&self) -> &str {
        &self.0[self.namespace().prefix().len()..]
    }

    /// The key as written (`country:RUS`).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Key {
    type Error = NotAKey;
    fn try_from(key: String) -> Result<Key, NotAKey> {
        Key::parse(&key)
    }
}

impl From<Key> for String {
    fn from(key: Key) -> String {
        key.0
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A key reads as the string it is (`key.as_str()`, `country.as_deref()`); what it names is
/// [`Key::namespace`], not a prefix test on that string.
impl std::ops::Deref for Key {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Key {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Maps keyed by [`Key`] are looked up by `&str`.
impl Borrow<str> for Key {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_know_their_namespace_and_write_as_before() {
        let cases = [
            ("country:RUS", Namespace::Country, "RUS"),
            ("place:524901", Namespace::Place, "524901"),
            ("place:x-camp-david", Namespace::Place, "x-camp-david"),
            ("region:middle-east", Namespace::Region, "middle-east"),
            ("org:nato", Namespace::Org, "nato"),
            ("person:VLADIMIR_PUTIN", Namespace::Person, "VLADIMIR_PUTIN"),
        ];
        for (text, ns, id) in cases {
            let key = Key::parse(text).expect(text);
            assert_eq!((key.namespace(), key.id()), (ns, id), "{text}");
            assert_eq!(key.to_string(), text);
            assert_eq!(Key::new(ns, id), key);
            let json = serde_json::to_string(&key).expect("json");
            assert_eq!(json, format!("{text:?}"));
            assert_eq!(serde_json::from_str::<Key>(&json).expect("back"), key);
        }
        for bad in ["", "place:", "city:Paris", "Russia", "countries:RUS"] {
            assert!(Key::parse(bad).is_err(), "{bad:?}");
        }
        assert!(serde_json::from_str::<Key>("\"nato\"").is_err());
    }
}
