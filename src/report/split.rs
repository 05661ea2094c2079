//! Several reports in one file: 范文 collections mark each report with a line such as
//! `第一篇：卫生局.`, `第四篇：卫生局年终总结` or `【范文一：市卫生局上半年工作总结】`
//! (003_….txt). A file is cut at those lines; a file without them is one report.

use regex::Regex;
use std::sync::OnceLock;

use crate::text::Line;

/// One report's part of a file.
#[derive(Debug)]
pub struct Segment<'a> {
    /// The text after the marker (`卫生局年终总结`), as written; None without a marker.
    pub marker_text: Option<String>,
    /// The marker line itself, if any: report text too, found like any other line.
    pub marker: Option<&'a Line>,
    /// The report's lines, after its marker line.
    pub lines: &'a [Line],
}

/// Marker lines, matched on folded text: 第一篇：… and 【范文一：…】.
fn marker_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"^(?:第[一二三四五六七八九十百\d]+篇\s*[:：]\s*(.*)|【\s*范文[一二三四五六七八九十\d]+\s*[:：]\s*(.*?)\s*】)$")
            .expect("the report marker pattern is a valid regex")
    })
}

/// The text after a report marker, as written in `line`; None if `line` is not a marker.
pub fn marker_text(line: &Line) -> Option<String> {
    let captures = marker_pattern().captures(&line.folded)?;
    let found = captures.get(1).or_else(|| captures.get(2))?;
    // Folding keeps one character for one: the same character range of the original.
    let skip = line.folded[..found.start()].chars().count();
    let take = found.as_str().chars().count();
    let text: String = line.text.chars().skip(skip).take(take).collect();
    Some(
        text.trim()
            .trim_end_matches(['.', '。', '．'])
            .trim()
            .to_string(),
    )
}

/// Longest marker line, in characters: a marker names one report (第四篇：卫生局年终总结); a
/// longer line that starts like one is a teaser of it (第一篇：卫生局.白碱滩区卫生局…...).
const MAX_MARKER_CHARS: usize = 60;

/// Cuts a file's lines into reports at marker lines (boilerplate lines are never markers).
/// Lines before the first marker belong to the first report, so nothing is lost.
pub fn split_reports(lines: &[Line]) -> Vec<Segment<'_>> {
    let markers: Vec<(usize, String)> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.boilerplate.is_none())
        .filter(|(_, line)| line.folded.chars().count() <= MAX_MARKER_CHARS)
        .filter_map(|(at, line)| marker_text(line).map(|text| (at, text)))
        .collect();
    if markers.is_empty() {
        return vec![Segment {
            marker_text: None,
            marker: None,
            lines,
        }];
    }
    let mut segments = Vec::with_capacity(markers.len());
    for (i, (at, text)) in markers.iter().enumerate() {
        let end = markers.get(i + 1).map_or(lines.len(), |(next, _)| *next);
        segments.push(Segment {
            marker_text: Some(text.clone()),
            marker: Some(&lines[*at]),
            lines: &lines[at + 1..end],
        });
    }
    if markers[0].0 > 0 {
        // A preamble before the first marker: keep its report text with the first report.
        let preamble = &lines[..markers[0].0];
        if preamble.iter().any(|line| line.boilerplate.is_none()) {
            segments[0].lines = &lines[..markers.get(1).map_or(lines.len(), |(next, _)| *next)];
            segments[0].marker = None; // among its lines now
        }
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::clean_lines;

    #[test]
    fn markers_cut_a_collection_into_reports_and_name_them() {
        let text = "第一篇：卫生局.\n白碱滩区卫生局7月工作总结\n一、贯标工作\n第四篇：卫生局年终总结\n卫生局是主管部门。\n【范文一：市卫生局上半年工作总结】\n20XX年，市卫生局……";
        let lines = clean_lines(text);
        let segments = split_reports(&lines);
        let got: Vec<(Option<&str>, usize, usize)> = segments
            .iter()
            .map(|s| (s.marker_text.as_deref(), s.lines[0].number, s.lines.len()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("卫生局"), 2, 2),
                (Some("卫生局年终总结"), 5, 1),
                (Some("市卫生局上半年工作总结"), 7, 1),
            ]
        );
    }

    #[test]
    fn a_file_without_markers_is_one_report() {
        let lines = clean_lines("东安县卫生健康局2020年工作总结\n一、工作开展情况。");
        let segments = split_reports(&lines);
        assert_eq!(segments.len(), 1);
        assert_eq!(segments[0].lines.len(), 2);
    }

    #[test]
    fn a_teaser_that_starts_like_a_marker_is_not_one() {
        // 003_….txt: the teaser previews the text below it.
        let body = "2024年7月12日，区人民政府召开实施ISO9001质量管理体系文件发布大会，标志着区人民政府及各贯标部门质量体系文件正式发布并开始进入试运行阶段。卫生局根据要求召开本单位的体系文件";
        let teaser = format!("第一篇：卫生局.白碱滩区卫生局7月工作总结一、贯标工作{body}...");
        let lines = clean_lines(&format!(
            "{teaser}\n第一篇：卫生局.\n白碱滩区卫生局7月工作总结\n一、贯标工作\n{body}宣贯会。"
        ));
        let segments = split_reports(&lines);
        assert_eq!(segments.len(), 1);
        assert_eq!(segments[0].lines[0].number, 3);
        // A long line cut off with nothing below it is the text, and no marker either.
        let lines = clean_lines(&teaser);
        assert_eq!(lines[0].boilerplate, None);
        assert_eq!(split_reports(&lines)[0].marker_text, None);
    }

    #[test]
    fn traditional_markers_keep_the_written_characters() {
        let lines = clean_lines("【範文一：市衛生局上半年工作總結】\n正文。");
        assert_eq!(
            split_reports(&lines)[0].marker_text.as_deref(),
            Some("市衛生局上半年工作總結")
        );
    }
}
