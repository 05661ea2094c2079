//! Reading an index: turning a user's query and filters into a tantivy query, running it,
//! and collecting ranked hits with snippets and per-year counts.

mod filters;
mod query;
mod run;
mod years;

pub use filters::{FacetCounts, FacetName, Filters};
pub use query::{build_query, QueryError};
pub use run::{search, Hit, SearchError, SearchRequest, SearchResults, Snippet};
pub use years::{YearFilter, YearFilterError};
