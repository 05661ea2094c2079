//! `baogao show PATH:LINE`: a passage with its neighbours, its report and its headings.
//!
//! Plain: `path:line` of the passage shown, the report's title and year, then each passage
//! as `LINE  text` with the asked one marked `>` (all its pieces, when a long paragraph was
//! cut, the number on the first); a heading line (`§ …`) wherever the heading
//! changes, and the title of another report where a neighbour belongs to one.
//! JSON: `{"path", "file", "line", "passages": [{"line", "report", "passage", "title",
//! "year", "heading", "text", "kind", "level", "region", "org", "published", "target"}]}`.

use serde::Serialize;
use std::io::{self, Write};
use std::ops::Range;

use super::style::{paint, BOLD, DIM, GREEN, MAGENTA};
use crate::search::StoredPassage;

/// The passages to show and which of them was asked for.
pub struct Excerpt<'a> {
    /// The file as a user can open it from the current folder.
    pub path: String,
    /// The line asked for.
    pub line: u64,
    /// Neighbouring passages of one file, in file order.
    pub passages: &'a [StoredPassage],
    /// Where in `passages` the one holding `line` is (several when a long paragraph was cut).
    pub target: Range<usize>,
}

/// Writes the excerpt for people.
pub fn write_show_plain(out: &mut impl Write, excerpt: &Excerpt, color: bool) -> io::Result<()> {
    let Some(target) = excerpt.passages.get(excerpt.target.start) else {
        return Ok(());
    };
    writeln!(
        out,
        "{}:{}",
        paint(color, MAGENTA, &excerpt.path),
        paint(color, GREEN, &target.line.to_string())
    )?;
    writeln!(out, "  {}", paint(color, DIM, &about(target)))?;
    writeln!(out)?;
    let number_width = excerpt
        .passages
        .iter()
        .map(|passage| passage.line.to_string().len())
        .max()
        .unwrap_or(1);
    let mut previous: Option<&StoredPassage> = None;
    for (i, passage) in excerpt.passages.iter().enumerate() {
        let other_report = previous.map_or(passage.report != target.report, |previous| {
            previous.report != passage.report
        });
        if other_report {
            writeln!(
                out,
                "  {}",
                paint(color, DIM, &format!("── {}", about(passage)))
            )?;
        }
        let new_heading = other_report || previous.is_none_or(|p| p.heading != passage.heading);
        if new_heading && !passage.heading.is_empty() {
            writeln!(
                out,
                "  {}",
                paint(color, DIM, &format!("§ {}", passage.heading))
            )?;
        }
        let text = passage.text.replace(['\n', '\r'], " ");
        // Another piece of the line above (a long paragraph cut): its number is not repeated.
        let continues = !new_heading && previous.is_some_and(|p| p.line == passage.line);
        let line = if continues {
            " ".repeat(number_width)
        } else {
            format!("{:>number_width$}", passage.line)
        };
        if excerpt.target.contains(&i) {
            writeln!(
                out,
                "{} {}  {}",
                paint(color, BOLD, ">"),
                paint(color, GREEN, &line),
                paint(color, BOLD, &text)
            )?;
        } else {
            writeln!(
                out,
                "  {}  {}",
                paint(color, DIM, &line),
                super::terminal_safe(&text)
            )?;
        }
        previous = Some(passage);
    }
    Ok(())
}

/// `title · year` of a passage's report.
fn about(passage: &StoredPassage) -> String {
    let year = passage
        .year
        .map_or_else(|| "year unknown".to_string(), |year| year.to_string());
    format!("{} · {}", passage.title, year)
}

#[derive(Serialize)]
struct JsonExcerpt<'a> {
    path: &'a str,
    file: &'a str,
    line: u64,
    passages: Vec<JsonPassage<'a>>,
}

#[derive(Serialize)]
struct JsonPassage<'a> {
    #[serde(flatten)]
    passage: &'a StoredPassage,
    target: bool,
}

/// Writes the excerpt as one JSON object and a newline.
pub fn write_show_json(out: &mut impl Write, excerpt: &Excerpt) -> io::Result<()> {
    let file = excerpt
        .passages
        .first()
        .map_or("", |passage| passage.path.as_str());
    let object = JsonExcerpt {
        path: &excerpt.path,
        file,
        line: excerpt.line,
        passages: excerpt
            .passages
            .iter()
            .enumerate()
            .map(|(i, passage)| JsonPassage {
                passage,
                target: excerpt.target.contains(&i),
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &object).map_err(io::Error::from)?;
    writeln!(out)
}
