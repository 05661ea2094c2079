//! The passages of one file as the index holds them, for `baogao show PATH:LINE`: which
//! passage a line falls in, and its neighbours. Read from the index, so it shows what was
//! indexed even when the file has changed since.

use std::ops::Range;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::stored::StoredPassage;
use crate::index::OpenIndex;

/// Every passage of the file `path` (relative to the corpus root, `/`-separated), in file
/// order; empty when the index holds no such file.
pub fn file_passages(open: &OpenIndex, path: &str) -> tantivy::Result<Vec<StoredPassage>> {
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
        passages.push(StoredPassage::read(&searcher, address, fields)?);
    }
    passages.sort_by_key(|p| (p.report, p.passage, p.line));
    Ok(passages)
}

/// Where in `passages` (in file order) the passage holding `line` is: the last one starting
/// at or before it, else the first. A paragraph cut into several passages (a long one is cut
/// at sentence ends) is all of them, as they share the line. None when there are no passages.
pub fn passage_at(passages: &[StoredPassage], line: u64) -> Option<Range<usize>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Kind, Level};

    fn at_line(line: u64) -> StoredPassage {
        StoredPassage {
            path: "a.txt".into(),
            line,
            report: 1,
            passage: line,
            title: String::new(),
            year: None,
            heading: String::new(),
            text: String::new(),
            kind: Kind::Other,
            level: Level::Unknown,
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
