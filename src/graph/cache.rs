//! Loading the compact graph for queries: from a binary cache file beside the store
//! (`kg.db.graph`) when it matches the store's fingerprint, else from SQLite (then the cache is
//! rewritten). The file is columns of little-endian numbers; a stale or damaged file is ignored.

use super::compact::{GraphData, RelationColumns};
use crate::error::{Error, Result};
use crate::model::{EntityId, RelationId};
use crate::store::Store;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"KGGRAPH1";

/// Where the graph data came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The cache file matched the store.
    Cache,
    /// Read from SQLite; the cache was written.
    Store,
    /// Read from SQLite; the cache could not be written (read-only folder...).
    StoreUncached,
}

/// The cache file of a store: its path with `.graph` appended.
pub fn cache_path(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".graph");
    PathBuf::from(s)
}

/// The graph data of `store`, from its cache when fresh.
pub fn load(store: &Store) -> Result<(GraphData, Source)> {
    let fingerprint = store.fingerprint()?;
    let path = cache_path(store.path());
    if let Some(data) = read(&path, &fingerprint) {
        return Ok((data, Source::Cache));
    }
    let data = store.graph_data()?;
    let source = match write(&path, &fingerprint, &data) {
        Ok(()) => Source::Store,
        Err(_) => Source::StoreUncached,
    };
    Ok((data, source))
}

/// The cached data when the file exists, is whole and carries `fingerprint`.
pub fn read(path: &Path, fingerprint: &[u8; 32]) -> Option<GraphData> {
    let file = File::open(path).ok()?;
    let mut r = BufReader::with_capacity(1 << 20, file);
    let mut head = [0u8; 8 + 32 + 16];
    r.read_exact(&mut head).ok()?;
    if &head[..8] != MAGIC || &head[8..40] != fingerprint {
        return None;
    }
    let n = u64::from_le_bytes(head[40..48].try_into().ok()?) as usize;
    let m = u64::from_le_bytes(head[48..56].try_into().ok()?) as usize;
    let data = GraphData {
        node_ids: read_i64(&mut r, n)?.into_iter().map(EntityId).collect(),
        node_kinds: read_bytes(&mut r, n)?,
        relations: RelationColumns {
            id: read_i64(&mut r, m)?.into_iter().map(RelationId).collect(),
            subject: read_u32(&mut r, m)?,
            object: read_u32(&mut r, m)?,
            label: read_bytes(&mut r, m)?,
            confidence: read_u32(&mut r, m)?
                .into_iter()
                .map(f32::from_bits)
                .collect(),
            date: read_u32(&mut r, m)?,
        },
    };
    // Trailing bytes mean a different layout: do not trust it.
    let mut probe = [0u8; 1];
    if r.read(&mut probe).ok()? != 0 {
        return None;
    }
    Some(data)
}

/// Writes the cache atomically (a temporary file renamed over the old one).
pub fn write(path: &Path, fingerprint: &[u8; 32], data: &GraphData) -> Result<()> {
    let tmp = {
        let mut s = path.as_os_str().to_owned();
        s.push(format!(".tmp{}", std::process::id()));
        PathBuf::from(s)
    };
    let io_err = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let result = (|| -> std::io::Result<()> {
        let mut w = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
        w.write_all(MAGIC)?;
        w.write_all(fingerprint)?;
        let r = &data.relations;
        w.write_all(&(data.node_ids.len() as u64).to_le_bytes())?;
        w.write_all(&(r.len() as u64).to_le_bytes())?;
        for x in &data.node_ids {
            w.write_all(&x.0.to_le_bytes())?;
        }
        w.write_all(&data.node_kinds)?;
        for x in &r.id {
            w.write_all(&x.0.to_le_bytes())?;
        }
        for col in [&r.subject, &r.object] {
            for x in col {
                w.write_all(&x.to_le_bytes())?;
            }
        }
        w.write_all(&r.label)?;
        for x in &r.confidence {
            w.write_all(&x.to_bits().to_le_bytes())?;
        }
        for x in &r.date {
            w.write_all(&x.to_le_bytes())?;
        }
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io_err)
}

fn read_bytes(r: &mut impl Read, n: usize) -> Option<Vec<u8>> {
    let mut v = vec![0u8; n];
    r.read_exact(&mut v).ok()?;
    Some(v)
}

fn read_u32(r: &mut impl Read, n: usize) -> Option<Vec<u32>> {
    let bytes = read_bytes(r, n.checked_mul(4)?)?;
    Some(
        bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    )
}

fn read_i64(r: &mut impl Read, n: usize) -> Option<Vec<i64>> {
    let bytes = read_bytes(r, n.checked_mul(8)?)?;
    Some(
        bytes
            .chunks_exact(8)
            .map(|c| i64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> GraphData {
        let mut relations = RelationColumns::default();
        relations.push(RelationId(7), 0, 3, 1, 0.75, 20190102);
        relations.push(RelationId(9), 1, 0, 0, f32::NAN, 0);
        GraphData {
            node_ids: vec![EntityId(-4), EntityId(12)],
            node_kinds: vec![0, 1],
            relations,
        }
    }

    #[test]
    fn round_trips_and_rejects_stale_or_damaged_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("kg.db.graph");
        let fp = [7u8; 32];
        let data = sample();
        write(&path, &fp, &data).expect("write");
        let back = read(&path, &fp).expect("read back");
        assert_eq!(back.node_ids, data.node_ids);
        assert_eq!(back.relations.id, data.relations.id);
        assert_eq!(back.relations.confidence[0], 0.75);
        assert!(back.relations.confidence[1].is_nan());
        assert_eq!(back.relations.date, data.relations.date);
        assert!(read(&path, &[8u8; 32]).is_none(), "other fingerprint");
        let bytes = std::fs::read(&path).expect("bytes");
        for cut in [0, 10, 56, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut]).expect("truncate");
            assert!(read(&path, &fp).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        std::fs::write(&path, &longer).expect("extend");
        assert!(read(&path, &fp).is_none(), "trailing byte");
    }
}
