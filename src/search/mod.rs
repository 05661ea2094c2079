//! Reading an index: turning a user's query and filters into a tantivy query, running it,
//! and collecting ranked hits with snippets and per-year counts.

mod query;
mod run;
mod years;

pub use query::{build_query, QueryError};
pub use run::{search, Hit, SearchError, SearchRequest, SearchResults, Snippet};
pub use years::{YearFilter, YearFilterError};
