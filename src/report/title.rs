//! The title of a report: a short opening line that names a kind of report, one with a year
//! preferred (002_….txt opens with 【完整版】 teasers before `X县卫健委2021年上半年工作总结`).

use super::year::year_in;
use crate::text::heading_level;

/// Words that make a line a report title (folded text is simplified):
/// 东安县卫生健康局2020年工作总结及2021年工作打算, 白碱滩区卫生局7月工作总结, 卫生局主要职责.
const TITLE_WORDS: &[&str] = &[
    "总结", "报告", "计划", "打算", "谋划", "要点", "规划", "职责", "汇报", "回顾",
];
/// A line with one of these is a breadcrumb or a menu (首页 > 政务公开 > 工作计划), not a title.
const NOT_IN_TITLES: &[char] = &['>', '＞', '|', '»'];
/// Longest line taken as a title, in characters.
const MAX_TITLE_CHARS: usize = 60;
/// How many title-like lines are weighed against each other.
const CANDIDATES: usize = 3;

/// Whether a (folded) line reads as a report title; a numbered section heading
/// (一、2025年工作回顾) never does.
pub fn is_title_like(line: &str) -> bool {
    is_short(line)
        && TITLE_WORDS.iter().any(|word| line.contains(word))
        && heading_level(line).is_none_or(|level| level == 0)
}

fn is_short(line: &str) -> bool {
    line.chars().count() <= MAX_TITLE_CHARS && !line.contains(NOT_IN_TITLES)
}

/// Which of a report's opening lines (folded, non-boilerplate) is its title: among the first
/// title-like lines the first with a year, else the first title-like line, else the first
/// short line. None when every line is long.
pub fn find_title(opening: &[&str]) -> Option<usize> {
    let candidates: Vec<usize> = (0..opening.len())
        .filter(|&i| is_title_like(opening[i]))
        .take(CANDIDATES)
        .collect();
    candidates
        .iter()
        .find(|&&i| year_in(opening[i]).is_some())
        .or(candidates.first())
        .copied()
        .or_else(|| opening.iter().position(|line| is_short(line)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_a_short_line_naming_a_report_kind() {
        let opening = [
            "您现在所在的位置 : 首页 > 政务公开 > 工作计划",
            "东安县卫生健康局2020年工作总结及2021年工作打算",
        ];
        assert_eq!(find_title(&opening), Some(1));
    }

    #[test]
    fn prefers_the_title_with_a_year() {
        let opening = [
            "X县卫健委上半年工作总结【完整版】",
            "X县卫健委上半年工作总结【完整版】",
            "X县卫健委2021年上半年工作总结",
            "2021年,县卫健委在县委、县政府的坚强领导下",
        ];
        assert_eq!(find_title(&opening), Some(2));
    }

    #[test]
    fn a_numbered_heading_is_never_the_title() {
        // 2026_广东省_政府工作报告.txt
        let opening = [
            "政府工作报告",
            "——2026年1月26日在广东省第十四届",
            "一、2025年和“十四五”时期工作回顾",
        ];
        assert_eq!(find_title(&opening), Some(0));
    }

    #[test]
    fn falls_back_to_the_first_short_line() {
        let long = "前".repeat(80);
        let opening = [long.as_str(), "上半年工作安排"];
        assert_eq!(find_title(&opening), Some(1));
        assert_eq!(find_title(&[long.as_str()]), None);
    }
}
