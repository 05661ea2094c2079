//! `--csv`: hits as a spreadsheet opens them. A header row, then one row per hit; RFC 4180
//! (fields holding a comma, quote or line break quoted, quotes doubled, rows ended by CRLF);
//! UTF-8 with a byte-order mark, without which Excel reads Chinese text as mojibake.

use std::io::{self, Write};

use crate::search::Hit;

/// The columns, in order (a `query` column goes first when several queries are run).
pub const CSV_COLUMNS: &[&str] = &[
    "path",
    "line",
    "title",
    "year",
    "kind",
    "level",
    "region",
    "org",
    "published",
    "score",
    "text",
];

/// Writes the byte-order mark and the header row; `with_query` adds the `query` column.
pub fn write_csv_header(out: &mut impl Write, with_query: bool) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut columns: Vec<&str> = Vec::new();
    if with_query {
        columns.push("query");
    }
    columns.extend_from_slice(CSV_COLUMNS);
    write_row(out, &columns)
}

/// Writes one row per hit; `query` fills the first column when given.
pub fn write_csv_hits(
    out: &mut impl Write,
    query: Option<&str>,
    hits: &[Hit],
    display: &dyn Fn(&str) -> String,
) -> io::Result<()> {
    for hit in hits {
        let fields = [
            display(&hit.path),
            hit.line.to_string(),
            hit.title.clone(),
            hit.year.map(|year| year.to_string()).unwrap_or_default(),
            hit.kind.clone(),
            hit.level.clone(),
            hit.region.clone().unwrap_or_default(),
            hit.org.clone().unwrap_or_default(),
            hit.published.map(|d| d.to_string()).unwrap_or_default(),
            hit.score.to_string(),
            hit.text.clone(),
        ];
        let mut row: Vec<&str> = Vec::with_capacity(fields.len() + 1);
        row.extend(query);
        row.extend(fields.iter().map(String::as_str));
        write_row(out, &row)?;
    }
    Ok(())
}

fn write_row(out: &mut impl Write, fields: &[&str]) -> io::Result<()> {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(quote(field).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

/// A field as RFC 4180 writes it.
fn quote(field: &str) -> std::borrow::Cow<'_, str> {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\"")).into()
    } else {
        field.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_or_breaks_are_quoted() {
        assert_eq!(quote("卫生院"), "卫生院");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn the_header_starts_with_a_byte_order_mark() {
        let mut out = Vec::new();
        write_csv_header(&mut out, false).expect("write to a vector");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.starts_with("\u{feff}path,line,title,"), "{text}");
        assert!(text.ends_with("score,text\r\n"), "{text}");
    }
}
