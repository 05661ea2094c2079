//! Recognising section headings in report lines. Levels: `一、…` is 1, `（一）…` is 2,
//! `1.`, `1、` and `（1）` are 3, and a short unnumbered line such as 下半年工作打算 is 0 (a part
//! of the report above its numbered sections).

use super::chars::{is_han, SENTENCE_STOPS};

/// Longest heading kept whole, in characters; a longer one is shortened for display.
const MAX_HEADING_CHARS: usize = 40;
/// Longest unnumbered line taken as a heading.
const MAX_PLAIN_HEADING_CHARS: usize = 24;
const CHINESE_NUMERALS: &[char] = &[
    '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '零', '〇',
];
/// Any of these in a short line means it is a sentence or a widget, not an unnumbered heading.
const PUNCTUATION: &[char] = &[
    '。', '！', '？', '；', '，', '、', '：', ',', ':', ';', '!', '?', '.', '…', '>', '|', '¥',
    '•', '·', '@', '/',
];

/// The level of the heading `line` starts with, or None for a body line.
pub fn heading_level(line: &str) -> Option<usize> {
    // 一、 / 一．
    if let Some(after) = numbered(line, 1) {
        if after.starts_with(['、', '．']) {
            return Some(1);
        }
    }
    // （一） / (一) and （1） / (1)
    if let Some(inner) = line.strip_prefix(['（', '(']) {
        if let Some(after) = numbered(inner, 2) {
            if after.starts_with(['）', ')']) {
                return Some(2);
            }
        }
        if let Some(after) = numbered(inner, 3) {
            if after.starts_with(['）', ')']) {
                return Some(3);
            }
        }
    }
    // 1、 / 1. / 1． but not 2.5% or 2024年
    if let Some(after) = numbered(line, 3) {
        let mut chars = after.chars();
        let marker = chars.next();
        let next = chars.next();
        let is_marker = matches!(marker, Some('、') | Some('．'))
            || (marker == Some('.') && !next.is_some_and(|c| c.is_ascii_digit()));
        if is_marker && line.chars().take_while(char::is_ascii_digit).count() <= 2 {
            return Some(3);
        }
    }
    is_plain_heading(line).then_some(0)
}

/// `rest` after its leading numerals (Arabic for level 3, Chinese otherwise), if it has any.
fn numbered(rest: &str, level: usize) -> Option<&str> {
    let after = if level == 3 {
        rest.trim_start_matches(|c: char| c.is_ascii_digit())
    } else {
        rest.trim_start_matches(CHINESE_NUMERALS)
    };
    (after.len() < rest.len()).then_some(after)
}

/// A short line with no punctuation and some Chinese: 上半年工作回顾, 存在主要问题.
fn is_plain_heading(line: &str) -> bool {
    let chars = line.chars().count();
    chars <= MAX_PLAIN_HEADING_CHARS
        && line.chars().filter(|c| is_han(*c)).count() >= 2
        && !line.contains(is_punctuation)
}

/// Punctuation that a short unnumbered heading never holds.
pub fn is_punctuation(c: char) -> bool {
    PUNCTUATION.contains(&c)
}

/// Splits a heading line into the heading to show and whether the line also carries body
/// text: `一、疫情防控成效显著。进入常态化以来……` → ("一、疫情防控成效显著", true).
pub fn split_heading(line: &str) -> (String, bool) {
    let trimmed = line.trim_end_matches(SENTENCE_STOPS);
    let first_end = trimmed.find(SENTENCE_STOPS);
    let chars = trimmed.chars().count();
    match first_end {
        None if chars <= MAX_HEADING_CHARS => (trimmed.to_string(), false),
        None => {
            let clause = trimmed.split(['，', ',']).next().unwrap_or(trimmed);
            (shorten(clause), true)
        }
        Some(at) => (shorten(&trimmed[..at]), true),
    }
}

fn shorten(heading: &str) -> String {
    if heading.chars().count() <= MAX_HEADING_CHARS {
        return heading.to_string();
    }
    let mut short: String = heading.chars().take(MAX_HEADING_CHARS - 1).collect();
    short.push('…');
    short
}

/// The headings open at a point of a report, outermost first.
#[derive(Debug, Default)]
pub struct HeadingStack(Vec<(usize, String)>);

impl HeadingStack {
    /// Opens a heading of `level`, closing those at the same or a deeper level.
    pub fn push(&mut self, level: usize, heading: String) {
        while self.0.last().is_some_and(|(open, _)| *open >= level) {
            self.0.pop();
        }
        self.0.push((level, heading));
    }

    /// All open headings, joined by " › ".
    pub fn path(&self) -> String {
        self.path_above(usize::MAX)
    }

    /// The open headings above `level`.
    pub fn path_above(&self, level: usize) -> String {
        let parts: Vec<&str> = self
            .0
            .iter()
            .filter(|(open, _)| *open < level)
            .map(|(_, heading)| heading.as_str())
            .collect();
        parts.join(" › ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_numbered_and_plain_headings() {
        let cases = [
            ("一、工作开展情况。", Some(1)),
            ("十一、其它工作", Some(1)),
            ("(一)医药卫生体制改革持续深化", Some(2)),
            ("（三）强化防控，提升公共卫生服务水平", Some(2)),
            ("2. 医改推进难度较大。", Some(3)),
            ("3、人才队伍建设", Some(3)),
            ("（1）村卫生室", Some(3)),
            ("下半年工作打算", Some(0)),
            ("一是加快卫生基础设施建设。", None),
            ("2024年,全市卫生健康系统坚持……", None),
            ("2.5%的增长", None),
            ("1重点项目建设推进难度大。", None),
            ("¥0.01", None),
            ("分享到:", None),
        ];
        for (line, level) in cases {
            assert_eq!(heading_level(line), level, "{line}");
        }
    }

    #[test]
    fn heading_text_stops_at_the_first_sentence_end() {
        assert_eq!(
            split_heading("一、工作开展情况。"),
            ("一、工作开展情况".to_string(), false)
        );
        assert_eq!(
            split_heading("一、常态化疫情防控成效显著。进入常态化以来"),
            ("一、常态化疫情防控成效显著".to_string(), true)
        );
    }

    #[test]
    fn stack_closes_deeper_headings() {
        let mut stack = HeadingStack::default();
        stack.push(1, "一、甲".into());
        stack.push(2, "（一）乙".into());
        stack.push(2, "（二）丙".into());
        assert_eq!(stack.path(), "一、甲 › （二）丙");
        stack.push(1, "二、丁".into());
        assert_eq!(stack.path(), "二、丁");
    }
}
