//! `--sort score|year|published|path` and `--reverse`: the order of the hits shown.
//!
//! Relevance is the default. Any other key (or `--reverse`) orders every match, not only the
//! best: `--sort published -n 5` shows the five earliest passages, not the five best in date
//! order. Ties keep the relevance order, and hits without a year or date come last either way.

use std::cmp::Ordering;

use super::run::Hit;

/// What hits are ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SortKey {
    /// Relevance, best first.
    #[default]
    Score,
    /// The year of the report, oldest first.
    Year,
    /// The publication date, earliest first.
    Published,
    /// The file, then the line, as grep prints them.
    Path,
}

impl SortKey {
    /// Whether hits are ordered by relevance, best first (only the best need be ranked).
    pub fn is_relevance(self, reverse: bool) -> bool {
        self == SortKey::Score && !reverse
    }
}

/// Sorts `hits` (in relevance order) by `key`, reversed when `reverse`; stable.
pub fn sort_hits(hits: &mut [Hit], key: SortKey, reverse: bool) {
    let direct = |order: Ordering| if reverse { order.reverse() } else { order };
    // Known values before unknown ones, whichever the direction.
    fn known<T: Ord>(
        a: Option<T>,
        b: Option<T>,
        direct: impl Fn(Ordering) -> Ordering,
    ) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) => direct(a.cmp(&b)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    match key {
        SortKey::Score => {
            if reverse {
                hits.reverse();
            }
        }
        SortKey::Year => hits.sort_by(|a, b| known(a.year, b.year, direct)),
        SortKey::Published => hits.sort_by(|a, b| known(a.published, b.published, direct)),
        SortKey::Path => hits.sort_by(|a, b| direct(a.path.cmp(&b.path).then(a.line.cmp(&b.line)))),
    }
}
