//! `--sort score|year|published|path` and `--reverse`: the order of the hits shown.
//!
//! Relevance is the default. Any other key (or `--reverse`) orders every match, not only the
//! best: `--sort published -n 5` shows the five earliest passages, not the five best in date
//! order. Ties keep the relevance order, and hits without a year or date come last either way.

use std::cmp::Ordering;

use super::run::Hit;
use crate::report::Date;

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
    sort_by_key(
        hits,
        key,
        reverse,
        |hit| (hit.passage.year, hit.passage.published),
        |a, b| {
            a.passage
                .path
                .cmp(&b.passage.path)
                .then(a.passage.line.cmp(&b.passage.line))
        },
    );
}

/// Sorts `items` (in relevance order) by `key`, reversed when `reverse`; stable. `dates` gives
/// an item's year and publication date, `by_place` compares two by path, then line.
pub(super) fn sort_by_key<T>(
    items: &mut [T],
    key: SortKey,
    reverse: bool,
    dates: impl Fn(&T) -> (Option<u16>, Option<Date>),
    by_place: impl Fn(&T, &T) -> Ordering,
) {
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
                items.reverse();
            }
        }
        SortKey::Year => items.sort_by(|a, b| known(dates(a).0, dates(b).0, direct)),
        SortKey::Published => items.sort_by(|a, b| known(dates(a).1, dates(b).1, direct)),
        SortKey::Path => items.sort_by(|a, b| direct(by_place(a, b))),
    }
}
