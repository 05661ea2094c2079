//! What a search keeps besides the words: `--year`, `--kind`, `--level`, `--region`, and which
//! facets to count (`--facet`).

use crate::report::{Kind, Level};
use crate::search::YearFilter;

/// Restrictions on the reports a search looks in; an empty list keeps everything.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub years: Option<YearFilter>,
    /// Any of these kinds.
    pub kinds: Vec<Kind>,
    /// Any of these levels.
    pub levels: Vec<Level>,
    /// Any of these regions (simplified or traditional; `unknown` for none).
    pub regions: Vec<String>,
}

/// A facet whose hits can be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum FacetName {
    Year,
    Kind,
    Level,
    Region,
}

impl FacetName {
    /// The schema field (and facet root) of this facet.
    pub fn field_name(self) -> &'static str {
        match self {
            FacetName::Year => "year",
            FacetName::Kind => "kind",
            FacetName::Level => "level",
            FacetName::Region => "region",
        }
    }
}

/// Hits per value of one facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    pub facet: FacetName,
    /// (value, hits): years newest first, other facets most hits first; `unknown` last.
    pub counts: Vec<(String, u64)>,
}
