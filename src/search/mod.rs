//! Reading an index: the query language parsed, turned into a tantivy query over words and
//! grams with synonyms and filters, run; hits reranked, snippets cut, facets counted. Also:
//! every match tallied per facet value (trend, stats), one file's passages read back (show),
//! and every report listed with its metadata (reports).

mod context;
mod filters;
mod near;
mod parse;
mod per_file;
mod query;
mod rank;
mod ranked;
mod reports;
mod run;
mod segment;
mod snippet;
mod sort;
mod statistics;
mod stored;
mod stream;
mod synonyms;
mod tally;
pub mod translate;
mod whole;
mod years;

pub use context::{file_passages, passage_at};
pub use filters::{DateRange, DateRangeError, FacetCounts, FacetName, Filters};
pub use parse::{parse_query, Atom, Filter, ParseError, ParseErrorKind, Query, Scope};
pub use per_file::hits_per_file;
pub use query::{build_query, translate, BuiltQuery, QueryError, MAX_PREFIX_WORDS};
pub use rank::{heading_line_factor, proximity_factor, rerank_window};
pub use ranked::rank_hits;
pub use reports::{list_reports, ReportSummary};
pub use run::{
    search, search_stream, sort_counts, Hit, Location, SearchError, SearchRequest, SearchResults,
};
pub use segment::{folded_units, segment, vocabulary};
pub use snippet::{find_matches, snippet, Snippet};
pub use sort::{sort_hits, SortKey};
pub use stored::StoredPassage;
pub use stream::HitStream;
pub use synonyms::synonyms_of;
pub use tally::{tally_all, tally_query, FacetTally, Tallies, Tally, YearSeries};
pub use whole::stands_whole;
pub use years::{YearFilter, YearFilterError};
