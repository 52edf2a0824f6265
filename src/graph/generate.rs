//! A synthetic scale-free graph for benchmarks: preferential attachment (Barabási–Albert) with
//! entity types and ontology labels, written as the TSV `kg import triples` reads.

use crate::error::{Error, Result};
use crate::model::{EntityType, RelationLabel};
use std::io::Write;

/// A small, fast, seedable generator (SplitMix64); the same seed gives the same numbers on
/// every platform, which is all a benchmark needs.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
}

/// The type of generated node `i`: mostly people and organisations, some places, few countries.
pub fn node_type(i: u64) -> EntityType {
    match i % 20 {
        0 => EntityType::Country,
        1..=3 => EntityType::Location,
        4..=8 => EntityType::Organization,
        _ => EntityType::Person,
    }
}

/// The name of generated node `i` ("Person 17", "Country 40"...), unique per node.
pub fn node_name(i: u64) -> String {
    let t = match node_type(i) {
        EntityType::Person => "Person",
        EntityType::Country => "Country",
        EntityType::Location => "Place",
        EntityType::Organization => "Org",
    };
    format!("{t} {i}")
}

/// A plausible label for a link between two types.
fn label_for(s: EntityType, o: EntityType, r: u64) -> RelationLabel {
    use EntityType::*;
    use RelationLabel::*;
    let pick = |options: &[RelationLabel]| options[(r % options.len() as u64) as usize];
    match (s, o) {
        (Person, Country) => pick(&[LeaderOf, OfficialOf, CitizenOf, Visited, Criticized]),
        (Person, Organization) => pick(&[MemberOf, WorksFor, LeaderOf, Supported]),
        (Person, Person) => pick(&[Met, Communicated, AdviserTo, Criticized, Supported]),
        (Location, _) => pick(&[LocatedIn]),
        (Organization, Country) => pick(&[LocatedIn, Sanctioned, Aided, Opposed]),
        (Country, _) => pick(&[Cooperated, Sanctioned, Attacked, Negotiated, Warned]),
        _ => pick(&[Met, Stated, Supported, Opposed, Cooperated, Demanded]),
    }
}

/// Writes about `edges` triples over `nodes` nodes: each new node links to
/// `edges / nodes` (at least 1) distinct earlier nodes chosen in proportion to their degree.
/// Lines are `subject<TAB>label<TAB>object<TAB>subject type<TAB>object type`.
pub fn scale_free(nodes: u64, edges: u64, seed: u64, out: &mut impl Write) -> Result<u64> {
    let m = (edges / nodes.max(1)).max(1);
    let mut rng = SplitMix64::new(seed);
    // Every edge end, so a uniform pick from it is a pick in proportion to degree.
    let mut ends: Vec<u32> = Vec::with_capacity((2 * edges) as usize);
    let mut written = 0u64;
    let mut chosen: Vec<u32> = Vec::with_capacity(m as usize);
    let seed_nodes = (m + 1).min(nodes);
    // A small clique to start from.
    for a in 0..seed_nodes {
        for b in (a + 1)..seed_nodes {
            write_edge(out, a, b, &mut rng)?;
            ends.extend([a as u32, b as u32]);
            written += 1;
        }
    }
    for v in seed_nodes..nodes {
        chosen.clear();
        let want = m.min(v) as usize;
        while chosen.len() < want {
            let t = ends[rng.below(ends.len() as u64) as usize];
            if !chosen.contains(&t) {
                chosen.push(t);
            }
        }
        for &t in &chosen {
            // Half the links point from the new node, half towards it.
            let (s, o) = if rng.next_u64() & 1 == 0 {
                (v, u64::from(t))
            } else {
                (u64::from(t), v)
            };
            write_edge(out, s, o, &mut rng)?;
            ends.extend([v as u32, t]);
            written += 1;
        }
    }
    out.flush().map_err(Error::Write)?;
    Ok(written)
}

fn write_edge(out: &mut impl Write, s: u64, o: u64, rng: &mut SplitMix64) -> Result<()> {
    let (st, ot) = (node_type(s), node_type(o));
    let label = label_for(st, ot, rng.next_u64());
    writeln!(
        out,
        "{}\t{}\t{}\t{}\t{}",
        node_name(s),
        label,
        node_name(o),
        st,
        ot
    )
    .map_err(Error::Write)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_graph_and_about_the_asked_size() {
        let gen = |seed| {
            let mut out = Vec::new();
            let n = scale_free(1000, 5000, seed, &mut out).expect("generate");
            (n, String::from_utf8(out).expect("utf-8"))
        };
        let (n, a) = gen(42);
        assert_eq!(gen(42).1, a);
        assert_ne!(gen(43).1, a);
        assert!((4900..=5100).contains(&n), "{n} edges");
        assert_eq!(a.lines().count() as u64, n);
        for line in a.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 5, "{line}");
            assert!(cols[1].parse::<RelationLabel>().is_ok(), "{line}");
            assert_ne!(cols[0], cols[2], "no self-loops: {line}");
        }
    }

    #[test]
    fn below_stays_in_range() {
        let mut r = SplitMix64::new(1);
        for n in [1, 2, 7, 1000] {
            for _ in 0..100 {
                assert!(r.below(n) < n);
            }
        }
    }
}
