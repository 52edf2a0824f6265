//! A multi-class averaged perceptron over hashed features, and its compact file format.
//!
//! Weights live in a table of `2^bits` rows × `classes` columns; a feature's row is the top
//! `bits` bits of its hash. In memory only the non-zero rows are stored, packed, behind a
//! `2^bits` index (most of a hashed table is zero: this keeps the working set small enough
//! for the CPU caches, which is what scoring speed depends on). Training
//! (`tagger::train::perceptron`) keeps f32 weights plus the running sums needed for averaging;
//! the finished model is quantised to i16 with one scale per model, which halves memory
//! traffic at prediction time and keeps files small.
//!
//! File format (little endian): magic `KGPM`, format version (u32), classes (u32), bits (u32),
//! scale (f32), meta (u32 length + UTF-8: the feature settings, `key=value;...`), labels (u32
//! count, each u32 length + UTF-8), non-zero row count (u32), then per non-zero row: the row
//! delta from the previous one (LEB128), the number of non-zero cells (u8), and that many
//! (class u8, weight i16) pairs. Rows that are all zero — most of a hashed table — cost nothing.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// File magic.
const MAGIC: &[u8; 4] = b"KGPM";
/// Format version; bump when the layout or the feature hashing changes.
pub const VERSION: u32 = 1;

/// A trained, quantised model: scores classes for a bag of hashed features.
#[derive(Debug, Clone, PartialEq)]
pub struct Perceptron {
    classes: usize,
    bits: u32,
    scale: f32,
    /// Per row: where its weights start in `packed` (0, the all-zero row, for empty rows).
    index: Vec<u32>,
    /// The all-zero row, then each non-zero row, `classes` weights each.
    packed: Vec<i16>,
    /// Class names, index = class id.
    pub labels: Vec<String>,
    /// Feature settings the model was trained with.
    pub meta: String,
}

/// Starts loading `row` into the cache without waiting for it.
#[inline(always)]
fn prefetch(row: &[i16]) {
    prefetch_ptr(row.as_ptr());
    prefetch_ptr(row.as_ptr_range().end.wrapping_sub(1));
}

/// Starts loading the cache line holding `p` without waiting for it.
#[inline(always)]
pub(crate) fn prefetch_ptr<T>(p: *const T) {
    // SAFETY: `_mm_prefetch` needs only SSE, which every x86-64 CPU has, and a prefetch is a
    // hint: it neither faults nor changes memory, whatever the address.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

#[inline]
pub(super) fn row_of(feature: u64, bits: u32) -> usize {
    (feature >> (64 - bits)) as usize
}

impl Perceptron {
    /// Packs a dense `2^bits × classes` table.
    pub(super) fn from_dense(
        classes: usize,
        bits: u32,
        scale: f32,
        dense: &[i16],
        labels: Vec<String>,
        meta: String,
    ) -> Perceptron {
        let mut index = vec![0u32; 1usize << bits];
        let mut packed = vec![0i16; classes];
        for (r, row) in dense.chunks(classes).enumerate() {
            if row.iter().any(|&w| w != 0) {
                index[r] = packed.len() as u32;
                packed.extend_from_slice(row);
            }
        }
        Perceptron {
            classes,
            bits,
            scale,
            index,
            packed,
            labels,
            meta,
        }
    }

    /// The weights of row `r`.
    #[inline]
    fn row(&self, r: usize) -> &[i16] {
        let at = self.index[r] as usize;
        &self.packed[at..at + self.classes]
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Log2 of the number of rows.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// The row a feature's weights are in.
    #[inline]
    pub fn row_of(&self, feature: u64) -> usize {
        row_of(feature, self.bits)
    }

    /// The whole table, `2^bits` rows of [`Perceptron::classes`] weights, zero rows included.
    /// For a handful of classes a dense table scores faster than the packed one: one memory
    /// access per feature instead of two.
    pub fn dense(&self) -> Vec<i16> {
        let mut out = Vec::with_capacity(self.index.len() * self.classes);
        for r in 0..self.index.len() {
            out.extend_from_slice(self.row(r));
        }
        out
    }

    /// Adds the weights of `features` into `scores` (one entry per class, not cleared; at
    /// least [`Perceptron::classes`] entries).
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [i32]) {
        self.score_many(features, &[features.len()], scores);
    }

    /// Scores several bags of features in one go: bag `k` is `features[ends[k - 1]..ends[k]]`
    /// (from 0 for the first), and its weights are added into `scores[k * classes..]`
    /// (not cleared). Faster than one [`Perceptron::score`] per bag because rows are
    /// prefetched across bag boundaries.
    pub fn score_many(&self, features: &[u64], ends: &[usize], scores: &mut [i32]) {
        // Scoring waits on memory: a row is fetched `AHEAD` features before it is added, so
        // that many cache misses are in flight at once (prefetches, unlike loads, do not hold
        // up the instructions behind them).
        const AHEAD: usize = 64;
        let c = self.classes;
        debug_assert!(
            scores.len() >= ends.len() * c,
            "fewer scores than bags × classes"
        );
        debug_assert!(
            ends.is_sorted() && ends.last().is_none_or(|&e| e <= features.len()),
            "bag ends must ascend within the features"
        );
        let slot = |f: u64| {
            let at = self.index[row_of(f, self.bits)] as usize;
            let row = &self.packed[at..at + c];
            prefetch(row);
            at
        };
        let mut ring = [0usize; AHEAD];
        for (a, &f) in ring.iter_mut().zip(features) {
            *a = slot(f);
        }
        let mut start = 0;
        for (&end, out) in ends.iter().zip(scores.chunks_exact_mut(c)) {
            for j in start..end {
                let at = ring[j % AHEAD];
                if let Some(&f) = features.get(j + AHEAD) {
                    ring[j % AHEAD] = slot(f);
                }
                // The row's offset must arrive before its row can be prefetched: fetch
                // offsets a further `AHEAD` features ahead.
                if let Some(&f) = features.get(j + 2 * AHEAD) {
                    prefetch_ptr(&self.index[row_of(f, self.bits)]);
                }
                for (s, &w) in out.iter_mut().zip(&self.packed[at..at + c]) {
                    *s += i32::from(w);
                }
            }
            start = end;
        }
    }

    /// The scale that turns integer scores back into averaged-perceptron units.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Number of rows with at least one non-zero weight.
    pub fn nonzero_rows(&self) -> usize {
        self.packed.len() / self.classes - 1
    }

    /// The model whose weights are the mean of `models`' (same classes and table size; the
    /// labels and meta of the first). Panics on an empty slice or mismatched shapes, which
    /// only training code can produce.
    pub fn average(models: &[Perceptron]) -> Perceptron {
        let first = &models[0];
        assert!(
            models
                .iter()
                .all(|m| m.classes == first.classes && m.bits == first.bits),
            "averaging models of different shapes"
        );
        let n = models.len() as f32;
        let c = first.classes;
        let mut avg = vec![0f32; (1usize << first.bits) * c];
        for m in models {
            for r in (0..m.index.len()).filter(|&r| m.index[r] != 0) {
                for (a, &w) in avg[r * c..(r + 1) * c].iter_mut().zip(m.row(r)) {
                    *a += f32::from(w) / m.scale / n;
                }
            }
        }
        let (weights, scale) = quantise(&avg);
        Perceptron::from_dense(
            c,
            first.bits,
            scale,
            &weights,
            first.labels.clone(),
            first.meta.clone(),
        )
    }

    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        for v in [VERSION, self.classes as u32, self.bits] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.scale.to_le_bytes());
        put_str(&mut out, &self.meta);
        out.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for l in &self.labels {
            put_str(&mut out, l);
        }
        let rows: Vec<(usize, &[i16])> = (0..self.index.len())
            .filter(|&r| self.index[r] != 0)
            .map(|r| (r, self.row(r)))
            .collect();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut prev = 0usize;
        for (r, cells) in rows {
            put_leb(&mut out, (r - prev) as u64);
            prev = r;
            let nz = cells.iter().filter(|&&w| w != 0).count();
            out.push(nz as u8);
            for (c, &w) in cells.iter().enumerate().filter(|(_, &w)| w != 0) {
                out.push(c as u8);
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    /// Parses a model; `name` is used in error messages.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Perceptron> {
        let bad = |m: &str| Error::Data {
            file: name.to_string(),
            message: m.to_string(),
        };
        let mut r = Reader { b: bytes, at: 0 };
        if r.take(4).ok_or_else(|| bad("truncated header"))? != MAGIC {
            return Err(bad("not a kg perceptron model (bad magic)"));
        }
        let version = r.u32().ok_or_else(|| bad("truncated header"))?;
        if version != VERSION {
            return Err(bad(&format!(
                "model format version {version}, this kg reads {VERSION}; rebuild with `kg train`"
            )));
        }
        let classes = r.u32().ok_or_else(|| bad("truncated header"))? as usize;
        let bits = r.u32().ok_or_else(|| bad("truncated header"))?;
        if classes == 0 || classes > 255 || !(8..=26).contains(&bits) {
            return Err(bad("implausible classes or table size"));
        }
        let scale = f32::from_bits(r.u32().ok_or_else(|| bad("truncated header"))?);
        let meta = r.string().ok_or_else(|| bad("truncated meta"))?;
        let n = r.u32().ok_or_else(|| bad("truncated labels"))? as usize;
        let mut labels = Vec::with_capacity(n.min(256));
        for _ in 0..n {
            labels.push(r.string().ok_or_else(|| bad("truncated labels"))?);
        }
        if labels.len() != classes {
            return Err(bad("label count differs from class count"));
        }
        let mut index = vec![0u32; 1usize << bits];
        let rows = r.u32().ok_or_else(|| bad("truncated rows"))?;
        let mut packed = vec![0i16; classes];
        let mut row = 0usize;
        for k in 0..rows as usize {
            let delta = r.leb().ok_or_else(|| bad("truncated row"))? as usize;
            row += delta;
            if row >= 1usize << bits || (k > 0 && delta == 0) {
                return Err(bad("row index out of range"));
            }
            let at = packed.len();
            packed.resize(at + classes, 0);
            index[row] = at as u32;
            let nz = *r
                .take(1)
                .ok_or_else(|| bad("truncated row"))?
                .first()
                .unwrap_or(&0);
            for _ in 0..nz {
                let cell = r.take(3).ok_or_else(|| bad("truncated row"))?;
                let c = cell[0] as usize;
                if c >= classes {
                    return Err(bad("class index out of range"));
                }
                packed[at + c] = i16::from_le_bytes([cell[1], cell[2]]);
            }
            if packed[at..at + classes].iter().all(|&w| w == 0) {
                return Err(bad("empty row"));
            }
        }
        if r.at != bytes.len() {
            return Err(bad("trailing bytes"));
        }
        Ok(Perceptron {
            classes,
            bits,
            scale,
            index,
            packed,
            labels,
            meta,
        })
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<Perceptron> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Perceptron::from_bytes(&bytes, &path.display().to_string())
    }

    /// Writes a model file.
    pub fn save(&self, path: &Path) -> Result<()> {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut f = std::fs::File::create(path).map_err(io)?;
        f.write_all(&self.to_bytes()).map_err(io)?;
        Ok(())
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn put_leb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        let s = self.take(4)?;
        Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn string(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn leb(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.take(1)?.first()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
}

/// i16 weights and their scale. One scale for the whole table: averaged weights span a few
/// orders of magnitude, and i16 keeps about four significant digits of the largest, which
/// measures as lossless.
pub(super) fn quantise(w: &[f32]) -> (Vec<i16>, f32) {
    let max = w.iter().fold(0f32, |m, a| m.max(a.abs()));
    let scale = 32767.0 / max.max(1e-6);
    let weights = w
        .iter()
        .map(|&a| (a * scale).round().clamp(-32767.0, 32767.0) as i16)
        .collect();
    (weights, scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tagger::train::perceptron::Trainer;

    fn toy() -> Perceptron {
        // Two classes separated by one feature each, plus a shared bias.
        let mut t = Trainer::new(2, 10);
        let data = [(vec![1u64 << 60, 7], 0usize), (vec![3u64 << 60, 7], 1)];
        for _ in 0..5 {
            for (f, y) in &data {
                let mut s = [0f32; 2];
                t.score(f, &mut s);
                let guess = usize::from(s[1] > s[0]);
                t.update(f, *y, guess);
            }
        }
        t.finish(vec!["a".into(), "b".into()], "k=v".into())
    }

    #[test]
    fn learns_and_round_trips() {
        let m = toy();
        for (f, y) in [(1u64 << 60, 0usize), (3u64 << 60, 1)] {
            let mut s = [0i32; 2];
            m.score(&[f, 7], &mut s);
            assert_eq!(usize::from(s[1] > s[0]), y);
        }
        let bytes = m.to_bytes();
        let back = Perceptron::from_bytes(&bytes, "toy").expect("round trip");
        assert_eq!(back, m);
    }

    #[test]
    fn averaging_means_the_weights() {
        let m = toy();
        assert_eq!(Perceptron::average(&[m.clone(), m.clone()]), m);
        // Against an all-zero model of the same shape, every weight halves (in real units).
        let zero = Perceptron::from_dense(
            m.classes,
            m.bits,
            1.0,
            &vec![0; (1 << m.bits) * m.classes],
            m.labels.clone(),
            m.meta.clone(),
        );
        assert_eq!(zero.nonzero_rows(), 0);
        let half = Perceptron::average(&[m.clone(), zero]);
        assert_eq!(half.nonzero_rows(), m.nonzero_rows());
        for r in (0..m.index.len()).filter(|&r| m.index[r] != 0) {
            for (&h, &w) in half.row(r).iter().zip(m.row(r)) {
                let (h, w) = (f32::from(h) / half.scale, f32::from(w) / m.scale);
                assert!((h - w / 2.0).abs() < 1e-3 * w.abs().max(1.0), "{h} vs {w}");
            }
        }
    }

    #[test]
    fn summed_runs_score_like_one() {
        let mut t = Trainer::new(2, 10);
        for (f, y) in [(vec![1u64 << 60, 7], 0usize), (vec![3u64 << 60, 7], 1)] {
            t.update(&f, y, 1 - y);
        }
        let one = t.finish(vec!["a".into(), "b".into()], String::new());
        let two = Trainer::finish_refs(&[&t, &t], vec!["a".into(), "b".into()], String::new());
        // Twice the same weights quantise to the same integers at half the scale.
        assert!((one.scale() - 2.0 * two.scale()).abs() < 1e-3 * one.scale());
        for f in [1u64 << 60, 3u64 << 60, 7] {
            let (mut a, mut b) = ([0i32; 2], [0i32; 2]);
            one.score(&[f], &mut a);
            two.score(&[f], &mut b);
            assert_eq!(a, b);
        }
        assert_eq!(one.nonzero_rows(), two.nonzero_rows());
    }

    #[test]
    fn batched_scores_match_the_table() {
        // Enough features, in uneven bags (one empty), to run the prefetch ring past both of
        // its look-ahead distances; weights from a fixed generator, a third of the rows zero.
        let (classes, bits) = (3usize, 8u32);
        let mut rng = crate::nlp::tagger::Rng::new(7);
        let dense: Vec<i16> = (0..(1usize << bits) * classes)
            .map(|k| {
                let v = rng.next_u64();
                if (k / classes) % 3 == 0 {
                    0
                } else {
                    (v % 2001) as i16 - 1000
                }
            })
            .collect();
        let labels = vec!["a".into(), "b".into(), "c".into()];
        let m = Perceptron::from_dense(classes, bits, 1.0, &dense, labels, String::new());
        let features: Vec<u64> = (0..300).map(|_| rng.next_u64()).collect();
        let ends = [5usize, 5, 70, 200, 300];
        let mut got = vec![0i32; ends.len() * classes];
        m.score_many(&features, &ends, &mut got);
        let mut start = 0;
        for (k, &end) in ends.iter().enumerate() {
            let mut want = vec![0i32; classes];
            for &f in &features[start..end] {
                let r = row_of(f, bits);
                for (w, &d) in want.iter_mut().zip(&dense[r * classes..(r + 1) * classes]) {
                    *w += i32::from(d);
                }
            }
            assert_eq!(got[k * classes..(k + 1) * classes], want[..], "bag {k}");
            let mut one = vec![0i32; classes];
            m.score(&features[start..end], &mut one);
            assert_eq!(one, want, "bag {k} alone");
            start = end;
        }
    }

    #[test]
    fn rejects_bad_files() {
        let bytes = toy().to_bytes();
        let cases: &[(&[u8], &str)] = &[
            (b"", "truncated"),
            (b"XXXX\x01\0\0\0", "magic"),
            (&bytes[..bytes.len() - 1], "truncated"),
        ];
        for (b, want) in cases {
            let err = Perceptron::from_bytes(b, "t")
                .expect_err("must fail")
                .to_string();
            assert!(err.contains(want), "{err} should mention {want}");
        }
        let mut v2 = bytes.clone();
        v2[4] = 99;
        let err = Perceptron::from_bytes(&v2, "t")
            .expect_err("version")
            .to_string();
        assert!(err.contains("version 99"), "{err}");
    }
}
