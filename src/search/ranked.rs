//! Hits already in memory (a remote search's, read from the cluster) put in the order and form
//! a local search gives: typed forms before synonyms only, best score first (ties by path and
//! passage), reprints folded, at most N per report, sorted as asked, cut to the limit, each
//! with its snippet. The local search does the same on candidates it has not read yet
//! (`stream.rs`); both fold with the same [`Reprints`] and compare with the same
//! [`near_identical`].

use std::collections::HashSet;

use super::query::BuiltQuery;
use super::rank::{limit_per_report, near_identical, rank_order, shingles, Reprints};
use super::run::{snippet_for, typed_forms_in, Hit, Location, SearchRequest};
use super::sort::sort_hits;

/// `hits`, ranked and cut as a local search would show them.
pub fn rank_hits(hits: Vec<Hit>, built: &BuiltQuery, request: &SearchRequest) -> Vec<Hit> {
    let synonym_only: Vec<bool> = hits
        .iter()
        .map(|hit| !typed_forms_in(hit, &built.typed))
        .collect();
    // The positions are sorted, not the hits: one result, whatever order the hits came in.
    let key = |at: usize| {
        let hit = &hits[at];
        (
            synonym_only[at],
            hit.score,
            hit.passage.path.as_str(),
            hit.passage.line,
            hit.passage.report,
            hit.passage.passage,
        )
    };
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.sort_unstable_by(|&x, &y| rank_order(key(x), key(y)));
    let mut slots: Vec<Option<Hit>> = hits.into_iter().map(Some).collect();
    let ranked: Vec<Hit> = order
        .into_iter()
        .filter_map(|at| slots[at].take())
        .collect();
    let hits = fold_reprints(ranked);
    let mut hits = limit_per_report(hits, request.per_report, |hit| {
        (hit.passage.path.clone(), hit.passage.report)
    });
    sort_hits(&mut hits, request.sort, request.reverse);
    hits.truncate(request.limit);
    for hit in &mut hits {
        hit.snippet = snippet_for(&hit.passage.text, built);
    }
    hits
}

/// Folds each hit (in rank order) that is near-identical to a better one into it, as another
/// place, and drops one at the same path:line as a better one: like grep, a line is shown once.
fn fold_reprints(hits: Vec<Hit>) -> Vec<Hit> {
    let sets: Vec<_> = hits.iter().map(|hit| shingles(&hit.passage.text)).collect();
    let mut reprints = Reprints::default();
    for set in &sets {
        reprints.count(set);
    }
    let mut lines: HashSet<(&str, u64)> = HashSet::with_capacity(hits.len());
    // Positions in `hits` of the kept hits, in the order kept, with what folds into each.
    let mut kept: Vec<(usize, Vec<Location>)> = Vec::new();
    for (at, hit) in hits.iter().enumerate() {
        if lines.contains(&(hit.passage.path.as_str(), hit.passage.line)) {
            continue;
        }
        let prefix = reprints.prefix(&sets[at]);
        let found = reprints.find_or_keep(&prefix, sets[at].len(), |position| {
            near_identical(&sets[kept[position].0], &sets[at])
        });
        match found {
            Some(position) => kept[position].1.push(Location {
                path: hit.passage.path.clone(),
                line: hit.passage.line,
            }),
            None => {
                lines.insert((hit.passage.path.as_str(), hit.passage.line));
                kept.push((at, Vec::new()));
            }
        }
    }
    let mut folded: Vec<Option<Vec<Location>>> = vec![None; hits.len()];
    for (at, also) in kept {
        folded[at] = Some(also);
    }
    hits.into_iter()
        .zip(folded)
        .filter_map(|(mut hit, also)| {
            hit.also.extend(also?);
            Some(hit)
        })
        .collect()
}
