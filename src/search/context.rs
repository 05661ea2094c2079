//! The passages of one file as the index holds them, for `baogao show PATH:LINE`: which
//! passage a line falls in, and its neighbours. Read from the index, so it shows what was
//! indexed even when the file has changed since.

use std::ops::Range;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::stored::Stored;
use crate::index::OpenIndex;
use crate::report::Date;

/// One stored passage, with what the index knows of its report.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// The file, relative to the corpus root.
    pub path: String,
    /// 1-based line where the passage starts.
    pub line: u64,
    /// 1-based position of the report in its file, 0-based position of the passage in it.
    pub report: u64,
    pub passage: u64,
    pub title: String,
    pub year: Option<u16>,
    pub heading: String,
    pub text: String,
    pub kind: String,
    pub level: String,
    pub region: Option<String>,
    pub org: Option<String>,
    pub published: Option<Date>,
}

/// Every passage of the file `path` (relative to the corpus root, `/`-separated), in file
/// order; empty when the index holds no such file.
pub fn file_passages(open: &OpenIndex, path: &str) -> tantivy::Result<Vec<Passage>> {
    let fields = &open.schema.fields;
    let searcher = open.reader.searcher();
    let query = TermQuery::new(
        Term::from_field_text(fields.path, path),
        IndexRecordOption::Basic,
    );
    let count = searcher.search(&query, &tantivy::collector::Count)?;
    if count == 0 {
        return Ok(Vec::new());
    }
    let addresses = searcher.search(&query, &TopDocs::with_limit(count).order_by_score())?;
    let mut passages = Vec::with_capacity(addresses.len());
    for (_, address) in addresses {
        passages.push(passage_of(searcher.doc(address)?, open));
    }
    passages.sort_by_key(|p| (p.report, p.passage, p.line));
    Ok(passages)
}

/// Where in `passages` (in file order) the passage holding `line` is: the last one starting
/// at or before it, else the first. A paragraph cut into several passages (a long one is cut
/// at sentence ends) is all of them, as they share the line. None when there are no passages.
pub fn passage_at(passages: &[Passage], line: u64) -> Option<Range<usize>> {
    let start = passages
        .iter()
        .map(|passage| passage.line)
        .filter(|&start| start <= line)
        .max()
        .or_else(|| passages.iter().map(|passage| passage.line).min())?;
    let first = passages.iter().position(|p| p.line == start)?;
    let count = passages[first..]
        .iter()
        .take_while(|p| p.line == start)
        .count();
    Some(first..first + count)
}

/// The stored values of a passage as a [`Passage`].
pub(super) fn passage_of(mut stored: Stored, open: &OpenIndex) -> Passage {
    let fields = &open.schema.fields;
    Passage {
        path: stored.text(fields.path),
        line: stored.number(fields.line),
        report: stored.number(fields.report),
        passage: stored.number(fields.passage),
        title: stored.text(fields.title),
        year: stored.facet(fields.year).parse::<u16>().ok(),
        heading: stored.text(fields.heading),
        text: stored.text(fields.text),
        kind: stored.facet(fields.kind),
        level: stored.facet(fields.level),
        region: Some(stored.facet(fields.region)).filter(|region| region != "unknown"),
        org: Some(stored.text(fields.org)).filter(|org| !org.is_empty()),
        published: stored.date(fields.published),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_line(line: u64) -> Passage {
        Passage {
            path: "a.txt".into(),
            line,
            report: 1,
            passage: line,
            title: String::new(),
            year: None,
            heading: String::new(),
            text: String::new(),
            kind: "other".into(),
            level: "unknown".into(),
            region: None,
            org: None,
            published: None,
        }
    }

    #[test]
    fn a_line_falls_in_the_passage_starting_at_or_before_it() {
        let passages = [at_line(3), at_line(5), at_line(9)];
        assert_eq!(passage_at(&passages, 5), Some(1..2));
        assert_eq!(passage_at(&passages, 8), Some(1..2));
        assert_eq!(passage_at(&passages, 12), Some(2..3));
        assert_eq!(passage_at(&passages, 1), Some(0..1));
        assert_eq!(passage_at(&[], 1), None);
    }

    #[test]
    fn a_paragraph_cut_in_pieces_is_one_target() {
        let passages = [at_line(3), at_line(5), at_line(5), at_line(5), at_line(9)];
        assert_eq!(passage_at(&passages, 6), Some(1..4));
    }
}
