//! Schema migrations: ordered steps that bring a store written by an older kg to the current
//! `schema.sql`, one version at a time, inside the caller's transaction.
//!
//! `schema.sql` stays the only DDL for fresh stores. When it changes: bump
//! [`super::SCHEMA_VERSION`] and append a [`Migration`] from the previous version whose SQL
//! turns an old store into what the new `schema.sql` creates.

use crate::model::EntityId;
use crate::text::name_key;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;

/// One step from version `from` to `from + 1`.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The version this step upgrades from.
    pub from: i64,
    /// What it changes, for messages.
    pub description: &'static str,
    /// The statements (no transaction control: the caller holds the transaction).
    pub sql: &'static str,
}

/// Every step kg knows, in order.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
    from: 1,
    description: "the curations table (merge, alias and split corrections)",
    // The same statements as the end of schema.sql.
    sql: "CREATE TABLE curations (
    id            INTEGER PRIMARY KEY,
    action        TEXT NOT NULL CHECK (action IN ('merge', 'alias', 'split')),
    from_identity TEXT NOT NULL,
    into_identity TEXT NOT NULL,
    document      TEXT,
    name          TEXT,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    undone_at     TEXT
);
CREATE INDEX curations_from ON curations(from_identity) WHERE undone_at IS NULL;",
    },
    Migration {
        from: 2,
        description: "event dates per relation, and the events table",
        // `Store::open` then dates the stored relations from their evidence and folds the
        // events (Rust, which these statements cannot run). The tables as schema.sql has them.
        sql: "ALTER TABLE relations ADD COLUMN event_start TEXT;
ALTER TABLE relations ADD COLUMN event_end TEXT;
ALTER TABLE relations ADD COLUMN event_precision TEXT CHECK (event_precision IN ('day', 'week', 'month', 'year'));
ALTER TABLE relations ADD COLUMN event_phrase TEXT;
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    subject_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    label      TEXT NOT NULL,
    object_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    start_date TEXT,
    end_date   TEXT,
    precision  TEXT,
    sources    INTEGER NOT NULL,
    documents  INTEGER NOT NULL,
    confidence REAL NOT NULL
);
CREATE INDEX events_triple ON events(subject_id, label, object_id);
CREATE INDEX events_object ON events(object_id);
CREATE INDEX events_start ON events(start_date);
CREATE TABLE event_sources (
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    relation_id INTEGER NOT NULL REFERENCES relations(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, relation_id)
) WITHOUT ROWID;
CREATE INDEX event_sources_relation ON event_sources(relation_id);",
    },
    Migration {
        from: 3,
        description: "names keyed by kg::text::name_key (one folding for the knowledge base, resolution and the store)",
        // No table changes: `Store::open` then rekeys the stored names ([`rekey_names`]).
        sql: "",
    },
    Migration {
        from: 4,
        description: "the settings table (the recogniser the store was built with)",
        // As schema.sql has it. No row: a store built before it used the built-in models
        // unless told otherwise, which is what an absent row means.
        sql: "CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;",
    },
    Migration {
        from: 5,
        description: "the rule that found each relation",
        // Relations stored before keep NULL: their rule was not recorded.
        sql: "ALTER TABLE relations ADD COLUMN rule TEXT;",
    },
    Migration {
        from: 6,
        description: "events numbered by their first relation",
        // No table changes: `Store::open` then folds the events again, which numbers them.
        sql: "",
    },
    Migration {
        from: 7,
        description: "no event_sources row for an event of one report (its relation has the event's id); no index on events' dates (no query used it)",
        sql: "DELETE FROM event_sources WHERE event_id IN
  (SELECT event_id FROM event_sources GROUP BY event_id HAVING count(*) = 1);
DROP INDEX IF EXISTS events_start;",
    },
];

/// Why a store cannot be brought to the wanted version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// Written by a newer kg.
    Newer,
    /// No chain of steps leads from this version (a gap, or older than the first step).
    NoPath {
        /// The version with no step out of it.
        missing: i64,
    },
}

/// The steps from `from` to `to`, in order; empty when already there.
pub fn plan(from: i64, to: i64, steps: &[Migration]) -> Result<Vec<Migration>, PlanError> {
    if from > to {
        return Err(PlanError::Newer);
    }
    (from..to)
        .map(|v| {
            steps
                .iter()
                .find(|m| m.from == v)
                .copied()
                .ok_or(PlanError::NoPath { missing: v })
        })
        .collect()
}

/// Runs `steps` on `conn` and sets `user_version` after each; the caller commits or rolls back.
pub fn apply(conn: &Connection, steps: &[Migration]) -> rusqlite::Result<()> {
    for step in steps {
        conn.execute_batch(step.sql)?;
        conn.pragma_update(None, "user_version", step.from + 1)?;
    }
    Ok(())
}

/// Version 4: stored aliases and the identities of entities without a knowledge-base key
/// are keyed again with [`name_key`] (an older kg folded names without the knowledge base's
/// letter table: "søren" is now "soren"). Two entities whose identities become one are
/// merged into the older, as a fresh build would have made them one; curations follow the
/// identities. Returns how many entities were merged (their events need folding again).
pub(super) fn rekey_names(conn: &Connection) -> crate::Result<usize> {
    let aliases: Vec<(i64, String, String)> = conn
        .prepare("SELECT entity_id, alias, folded FROM aliases")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut set_alias =
        conn.prepare("UPDATE aliases SET folded = ?3 WHERE entity_id = ?1 AND alias = ?2")?;
    for (entity, alias, folded) in aliases {
        let key = name_key(&alias);
        if key != folded {
            set_alias.execute(params![entity, alias, key])?;
        }
    }
    // Identities of unlinked entities are `kind:folded name`; the old folding's output (lower
    // case letters, digits and single spaces) keys again to the new key of the same name.
    let entities: Vec<(EntityId, String)> = conn
        .prepare("SELECT id, identity FROM entities WHERE kb_key IS NULL ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    let mut merged = 0;
    for (id, identity) in entities {
        let Some((kind, name)) = identity.split_once(':') else {
            continue;
        };
        let new = format!("{kind}:{}", name_key(name));
        if new == identity {
            continue;
        }
        let holder: Option<EntityId> = conn
            .query_row("SELECT id FROM entities WHERE identity = ?1", [&new], |r| {
                r.get(0)
            })
            .optional()?;
        match holder {
            Some(into) => {
                let (from, into) = (id.max(into), id.min(into));
                super::curation::fold_entity(conn, from, into)?;
                conn.execute(
                    "UPDATE entities SET identity = ?2 WHERE id = ?1",
                    params![into, new],
                )?;
                merged += 1;
            }
            None => {
                conn.execute(
                    "UPDATE entities SET identity = ?2 WHERE id = ?1",
                    params![id, new],
                )?;
            }
        }
        renamed.insert(identity, new);
    }
    for (old, new) in &renamed {
        conn.execute(
            "UPDATE curations SET from_identity = ?2 WHERE from_identity = ?1",
            [old, new],
        )?;
        conn.execute(
            "UPDATE curations SET into_identity = ?2 WHERE into_identity = ?1",
            [old, new],
        )?;
    }
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The migration of version 1 creates exactly what schema.sql creates for that table.
    #[test]
    fn curations_step_matches_schema_sql() {
        let schema = super::super::SCHEMA;
        let start = schema
            .find("CREATE TABLE curations")
            .expect("schema.sql has curations");
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(norm(&schema[start..]), norm(MIGRATIONS[0].sql));
    }

    const STEPS: &[Migration] = &[
        Migration {
            from: 1,
            description: "add documents.lang",
            sql: "ALTER TABLE documents ADD COLUMN lang TEXT;",
        },
        Migration {
            from: 2,
            description: "index documents.lang",
            sql: "CREATE INDEX documents_lang ON documents(lang);",
        },
    ];

    #[test]
    fn plans() {
        let froms = |p: Result<Vec<Migration>, PlanError>| {
            p.map(|v| v.iter().map(|m| m.from).collect::<Vec<_>>())
        };
        type Case = (i64, i64, Result<Vec<i64>, PlanError>);
        let cases: &[Case] = &[
            (1, 1, Ok(vec![])),
            (1, 2, Ok(vec![1])),
            (1, 3, Ok(vec![1, 2])),
            (2, 3, Ok(vec![2])),
            (3, 2, Err(PlanError::Newer)),
            (0, 3, Err(PlanError::NoPath { missing: 0 })),
            (1, 4, Err(PlanError::NoPath { missing: 3 })),
        ];
        for (from, to, want) in cases {
            assert_eq!(&froms(plan(*from, *to, STEPS)), want, "{from} → {to}");
        }
    }

    #[test]
    fn steps_run_in_order_and_set_the_version() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(super::super::SCHEMA).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        let steps = plan(1, 3, STEPS).unwrap();
        apply(&conn, &steps).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 3);
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'documents_lang'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn the_real_steps_form_a_chain_to_the_current_version() {
        let first = MIGRATIONS
            .first()
            .map_or(super::super::SCHEMA_VERSION, |m| m.from);
        assert!(plan(first, super::super::SCHEMA_VERSION, MIGRATIONS).is_ok());
        assert!(MIGRATIONS.iter().all(|m| !m.description.is_empty()));
    }

    /// A version 3 store keyed "søren" (the old folding) opens as version 4 keyed "soren":
    /// the two entities a fresh build would make one are one, lookups find it by either
    /// spelling, and the curation naming it follows.
    #[test]
    fn version_3_store_rekeys_names() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(super::super::SCHEMA).unwrap();
        conn.execute_batch(
            "ALTER TABLE relations DROP COLUMN rule; DROP TABLE settings;
             INSERT INTO entities (id, identity, name, kind) VALUES
               (1, 'person:søren kierkegaard', 'Søren Kierkegaard', 'PERSON'),
               (2, 'person:soren kierkegaard', 'Soren Kierkegaard', 'PERSON'),
               (3, 'person:hans andersen', 'Hans Andersen', 'PERSON');
             INSERT INTO aliases (entity_id, alias, folded) VALUES
               (1, 'Søren Kierkegaard', 'søren kierkegaard'), (2, 'Soren Kierkegaard', 'soren kierkegaard'),
               (3, 'Hans Andersen', 'hans andersen');
             INSERT INTO curations (action, from_identity, into_identity)
               VALUES ('merge', 'person:hans andersen', 'person:søren kierkegaard');",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 3).unwrap();
        drop(conn);
        let store = super::super::Store::open(&path).unwrap();
        let rows = |sql: &str| -> Vec<String> {
            store
                .conn
                .prepare(sql)
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        assert_eq!(
            rows("SELECT id || ' ' || identity FROM entities ORDER BY id"),
            ["1 person:soren kierkegaard", "3 person:hans andersen"]
        );
        assert_eq!(
            rows("SELECT entity_id || ' ' || folded FROM aliases ORDER BY 1"),
            [
                "1 soren kierkegaard",
                "1 soren kierkegaard",
                "3 hans andersen"
            ]
        );
        assert_eq!(
            rows("SELECT into_identity FROM curations"),
            ["person:soren kierkegaard"]
        );
        for name in ["Søren Kierkegaard", "soren kierkegaard"] {
            assert_eq!(store.find_entity(name).unwrap().id, EntityId(1), "{name}");
        }
    }
}
