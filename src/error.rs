//! The library's one error type.

use std::path::PathBuf;

/// Everything that can go wrong in the library. The CLI adds context and picks exit codes.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading an input failed.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// An input is not something kg can read (binary, empty, malformed record...).
    #[error("skipped {path}: {reason}")]
    Unreadable {
        /// Where (a path, or `path:line` for a JSONL record).
        path: String,
        /// Why, in words a user can act on.
        reason: String,
    },
    /// An input that stops the whole command (an import file with a bad line): unlike
    /// [`Error::Unreadable`], nothing was skipped, everything was refused.
    #[error("{at}: {reason}")]
    BadInput {
        /// Where (`path:line`).
        at: String,
        /// Why, in words a user can act on.
        reason: String,
    },
    /// The store is not usable.
    #[error("database {path}: {message}")]
    Store {
        /// The database file.
        path: PathBuf,
        /// What is wrong and what to do.
        message: String,
    },
    /// SQLite said no.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A name given on the command line matches no entity.
    #[error("no entity named {name:?}{}", suggest(.candidates))]
    UnknownEntity {
        /// What the user typed.
        name: String,
        /// The closest names in the store.
        candidates: Vec<String>,
    },
    /// A name given on the command line matches several entities.
    #[error("{name:?} is ambiguous; it could be: {} (name one by its #ID or key, or narrow with --type)", .candidates.join("; "))]
    AmbiguousEntity {
        /// What the user typed.
        name: String,
        /// The entities it matches.
        candidates: Vec<String>,
    },
    /// A data file shipped in `data/` (or given to a builder) is malformed.
    #[error("data file {file}: {message}")]
    Data {
        /// Which file.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// JSON encoding or decoding failed.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Writing output failed.
    #[error("write failed: {0}")]
    Write(#[source] std::io::Error),
}

fn suggest(candidates: &[String]) -> String {
    if candidates.is_empty() {
        String::from(" (the store has no similar names; check `kg stats` or build first)")
    } else {
        format!("; closest: {}", candidates.join(", "))
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
