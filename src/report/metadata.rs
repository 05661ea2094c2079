//! Metadata of a report — the year it is about, when it was published, its kind, and the
//! level, place and name of its issuing body — from its title, opening lines and file name.

mod formula;
mod kind;
mod level;
mod org;
mod place;
mod published;
mod scope;
#[cfg(test)]
mod tests;

pub use kind::Kind;
pub use level::Level;
pub use published::Date;

use super::title::{file_name_is_title, title_of_file_name};
use super::year::{report_year, YearEvidence};
use crate::text::fold;

/// What a report says of itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// The year the report is about (2020 for …2020年工作总结及2021年工作打算).
    pub year: Option<u16>,
    /// The publication date its web page shows.
    pub published: Option<Date>,
    /// What kind of report it is, from its title.
    pub kind: Kind,
    /// The administrative level of the issuing body.
    pub level: Level,
    /// A real place name as written (东安县, 白碱滩区, 上海市, 内蒙古自治区); None when unnamed
    /// or anonymised (X县, **市, 市卫生健康委).
    pub region: Option<String>,
    /// The issuing body's name as written (东安县卫生健康局, 市卫生健康委, X县卫健委).
    pub org: Option<String>,
}

/// Words opening official titles before the year and the body: 关于印发…, 关于….
const LEADING_WORDS: &[&str] = &["关于印发", "关于"];

/// What metadata is read from, most telling first. All text folded.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// The report's title line (or the name standing in for it).
    pub title: &'a str,
    /// Other names of the report: the page's declared title, the file name when it reads as a
    /// title (1985年中华人民共和国国务院政府工作报告.txt).
    pub names: &'a [&'a str],
    /// The report's first non-empty lines, trimmed, web boilerplate included.
    pub opening: &'a [&'a str],
    /// The report's lines (its start at least), for the words by which it speaks of its area.
    pub body: &'a [&'a str],
    /// The file's name without folders.
    pub file_name: &'a str,
}

/// Finds a report's metadata from its title, opening lines and file name (see [`Sources`];
/// `opening` also stands for the body).
pub fn extract(title: &str, opening: &[&str], file_name: &str) -> Metadata {
    let file_title =
        file_name_is_title(file_name).then(|| fold(&title_of_file_name(file_name)).into_owned());
    let names: Vec<&str> = file_title
        .iter()
        .map(String::as_str)
        .filter(|name| *name != title)
        .collect();
    extract_from(&Sources {
        title,
        names: &names,
        opening,
        body: opening,
        file_name,
    })
}

/// Finds a report's metadata in its sources: the year from the title, the names, the file name,
/// then the dateline; the kind from the title, the names, then the opening formula of a
/// government work report; the place from the title, the names, the file name, then lines
/// near the top (datelines, opening formulas, signatures, sources), else the level from the
/// words by which the report speaks of its area.
pub fn extract_from(sources: &Sources) -> Metadata {
    let heads: Vec<&str> = std::iter::once(sources.title)
        .chain(sources.names.iter().copied())
        .map(title_head)
        .collect();
    let kind = heads
        .iter()
        .map(|head| kind::kind_of(head))
        .find(|&kind| kind != Kind::Other)
        .or_else(|| {
            formula::is_government_work_report(sources.opening)
                .then_some(Kind::GovernmentWorkReport)
        })
        .unwrap_or(Kind::Other);
    let year = report_year(&YearEvidence {
        title: sources.title,
        names: sources.names,
        opening: sources.opening,
        file_name: sources.file_name,
        government_work_report: kind == Kind::GovernmentWorkReport,
    });
    let org = heads
        .iter()
        .find_map(|head| org::org_in_title(head))
        .or_else(|| {
            sources
                .opening
                .iter()
                .find_map(|line| org::org_line(line)?.1)
        })
        .map(str::to_string);
    let (level, region) = match where_from(&heads, sources) {
        Some(place) => (place.level, place.name),
        None => (
            scope::level_from_scope_words(sources.body).unwrap_or(Level::Unknown),
            None,
        ),
    };
    Metadata {
        year,
        published: published::find_published(sources.opening),
        kind,
        level,
        region,
        org,
    }
}

/// The place a report comes from: the first real name among its title, names, file name and
/// lines near its top; a bare place (市卫生健康委, 县卫健委) found before it wins when it is of
/// another level (市卫生健康委… with 来源：陕西省人民政府 is a city's), else the name completes
/// it (县卫健委… with 文章来源:灵璧县卫生健康委员会 is 灵璧县's).
fn where_from(heads: &[&str], sources: &Sources) -> Option<place::Place> {
    let line_places = sources.opening.iter().filter_map(|line| {
        place::place_in_speech(line)
            .or_else(|| formula::place_of_formula(line))
            .or_else(|| org::org_line(line).map(|(place, _)| place))
    });
    let places: Vec<place::Place> = heads
        .iter()
        .filter_map(|head| place::place_in_title(head).or_else(|| place::national_in_title(head)))
        .chain(place::place_in_file_name(sources.file_name))
        .chain(line_places)
        .collect();
    let named = places.iter().position(|place| place.name.is_some());
    match (places.first(), named) {
        (Some(first), Some(at)) if first.name.is_none() && first.level != places[at].level => {
            Some(first.clone())
        }
        (_, Some(at)) => Some(places[at].clone()),
        (first, None) => first.cloned(),
    }
}

/// The title from where its issuing body would be named: without leading spaces, 关于, and a
/// leading year (2026年上海市政府工作报告 → 上海市政府工作报告; also 20XX年, 二〇二〇年度).
fn title_head(title: &str) -> &str {
    let title = without_tag(title.trim_start());
    let title = LEADING_WORDS
        .iter()
        .find_map(|word| title.strip_prefix(word))
        .unwrap_or(title);
    let year_chars = title
        .chars()
        .take_while(|&c| c.is_ascii_digit() || "Xx×*＊○〇零一二三四五六七八九".contains(c))
        .count();
    let after_year = title
        .char_indices()
        .nth(year_chars)
        .map(|(at, _)| &title[at..])
        .filter(|_| (2..=4).contains(&year_chars))
        .and_then(|rest| rest.trim_start().strip_prefix('年'));
    match after_year {
        Some(rest) => rest.strip_prefix('度').unwrap_or(rest).trim_start(),
        None => title,
    }
}

/// `title` without a leading bracketed tag: [内蒙古] 2024年乌拉特后旗政府工作报告, 【转载】….
fn without_tag(title: &str) -> &str {
    let closing = match title.chars().next() {
        Some('[') => ']',
        Some('【') => '】',
        _ => return title,
    };
    match title.split_once(closing) {
        Some((tag, rest)) if tag.chars().count() <= 8 => rest.trim_start(),
        _ => title,
    }
}

/// A label that names no kind or level; the message lists the labels that do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown report {what} `{given}`: expected one of {}", .valid.join(", "))]
pub struct ParseLabelError {
    what: &'static str,
    given: String,
    valid: Vec<&'static str>,
}

/// The value among `all` whose label is `text` (ignoring case and surrounding spaces).
fn parse_label<T: Copy>(
    what: &'static str,
    text: &str,
    all: &[T],
    label: fn(T) -> &'static str,
) -> Result<T, ParseLabelError> {
    let text = text.trim();
    all.iter()
        .copied()
        .find(|&value| label(value).eq_ignore_ascii_case(text))
        .ok_or_else(|| ParseLabelError {
            what,
            given: text.to_string(),
            valid: all.iter().map(|&value| label(value)).collect(),
        })
}
