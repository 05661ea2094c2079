//! Metadata of a report — the year it is about, when it was published, its kind, and the
//! level, place and name of its issuing body — from its title, opening lines and file name.

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

use super::year::find_year_or_file_year;

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

/// Finds a report's metadata. `title`: its title line; `opening`: its first non-empty lines,
/// trimmed, web boilerplate included; `file_name`: its file's name without folders.
pub fn extract(title: &str, opening: &[&str], file_name: &str) -> Metadata {
    let head = title_head(title);
    // Places from lines near the top: speech lines (…在云南省第十四届人民代表大会…) and body or
    // official lines (河北省人民政府省长 王正谱). A real name there beats the file name, which
    // beats a bare one (自治区人民政府主席).
    let line_places = || {
        opening.iter().filter_map(|line| {
            place::place_in_speech(line).or_else(|| org::org_line(line).map(|(place, _)| place))
        })
    };
    let place = place::place_in_title(head)
        .or_else(|| line_places().find(|place| place.name.is_some()))
        .or_else(|| place::place_in_file_name(file_name))
        .or_else(|| line_places().next());
    let org = org::org_in_title(head)
        .or_else(|| opening.iter().find_map(|line| org::org_line(line)?.1))
        .map(str::to_string);
    let (level, region) = match place {
        Some(place) => (place.level, place.name),
        None => (
            scope::level_from_scope_words(opening).unwrap_or(Level::Unknown),
            None,
        ),
    };
    Metadata {
        year: find_year_or_file_year(title, opening, file_name),
        published: published::find_published(opening),
        kind: kind::kind_of(title),
        level,
        region,
        org,
    }
}

/// The title from where its issuing body would be named: without leading spaces, 关于, and a
/// leading year (2026年上海市政府工作报告 → 上海市政府工作报告; also 20XX年, 二〇二〇年度).
fn title_head(title: &str) -> &str {
    let title = title.trim_start();
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
