-- kg store schema. The only DDL of the project; embedded in the binary with include_str!.
-- The schema version lives in PRAGMA user_version (set by the code, checked at open).

-- One row per ingested document. `source` identifies it (absolute path, `path#id` for JSONL
-- records, or `stdin#hash`); `content_hash` (SHA-256 of the text) detects unchanged input.
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    source       TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    title        TEXT,
    date         TEXT,
    url          TEXT,
    text         TEXT NOT NULL,
    added_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_hash ON documents(content_hash);

-- Entities are shared by all documents. `identity` is what makes two document-level entities
-- the same node: the knowledge-base key when linked, else type + folded canonical name.
CREATE TABLE entities (
    id       INTEGER PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('PERSON', 'COUNTRY', 'LOCATION', 'ORGANIZATION')),
    kb_key   TEXT
);
CREATE INDEX entities_kind ON entities(kind);

-- Every surface form seen for an entity, with its folded form for lookups.
CREATE TABLE aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    folded    TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX aliases_folded ON aliases(folded);

-- Where each entity is mentioned: byte offsets into documents.text, and its sentence.
CREATE TABLE mentions (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_id      INTEGER NOT NULL REFERENCES entities(id),
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    text           TEXT NOT NULL
);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE INDEX mentions_entity ON mentions(entity_id);

-- Triples with their evidence sentence (text and byte offsets) and confidence. The event
-- columns date what the relation reports (not the document, not the ingest): first and last
-- day (ISO), precision, and the time expression of the evidence it was resolved from, NULL
-- when the date is the document's own; all NULL when neither gives a date.
CREATE TABLE relations (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    subject_id     INTEGER NOT NULL REFERENCES entities(id),
    label          TEXT NOT NULL,
    object_id      INTEGER NOT NULL REFERENCES entities(id),
    predicate      TEXT NOT NULL,
    cameo          TEXT,
    evidence       TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    confidence     REAL NOT NULL,
    event_start     TEXT,
    event_end       TEXT,
    event_precision TEXT CHECK (event_precision IN ('day', 'week', 'month', 'year')),
    event_phrase    TEXT,
    -- The extraction rule that found it ("role-title", "parse-verb"; "import" for imported
    -- triples; NULL in stores built before schema 6).
    rule            TEXT
);
CREATE INDEX relations_subject ON relations(subject_id, label);
CREATE INDEX relations_object ON relations(object_id, label);
CREATE INDEX relations_label ON relations(label);
CREATE INDEX relations_document ON relations(document_id);

-- Events: the relations of one (subject, label, object) whose event dates lie within a few
-- days of each other (src/events.rs), folded into one. Derived data: rewritten for every
-- triple a build touches, and wholly after a correction. A symmetric label ("met") has the
-- smaller entity id as subject. The undated relations of a triple are one event, dates NULL.
-- Indexed for refolding (by triple) and for the cascade from a deleted entity (its objects);
-- listings read events through their relations, never by date.
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

-- Which relations each event of two or more reports folds. An event of one report has no row
-- here: its id is that of its one relation (an event's id is its first relation's).
CREATE TABLE event_sources (
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    relation_id INTEGER NOT NULL REFERENCES relations(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, relation_id)
) WITHOUT ROWID;
CREATE INDEX event_sources_relation ON event_sources(relation_id);

-- Values kept with the store. `recogniser`: the trained recogniser `kg build` used
-- (`built-in`, `none`, or `folder:PATH`), so that re-extracting a document (an undo) uses
-- the pipeline that built the store.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- A user's corrections, kept apart from extracted data so that rebuilding documents never
-- loses them: each row redirects an entity identity (in every document, or in one document
-- for a split) to another. Undoing sets undone_at; the row stays as history.
CREATE TABLE curations (
    id            INTEGER PRIMARY KEY,
    action        TEXT NOT NULL CHECK (action IN ('merge', 'alias', 'split')),
    from_identity TEXT NOT NULL,
    into_identity TEXT NOT NULL,
    document      TEXT,
    name          TEXT,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    undone_at     TEXT
);
CREATE INDEX curations_from ON curations(from_identity) WHERE undone_at IS NULL;
