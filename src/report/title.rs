//! The title of a report: the first short opening line that names a kind of report.

/// Words that make a line a report title (simplified and traditional forms):
/// 东安县卫生健康局2020年工作总结及2021年工作打算, 白碱滩区卫生局7月工作总结.
const TITLE_WORDS: &[&str] = &[
    "总结", "總結", "报告", "報告", "计划", "計劃", "打算", "谋划", "謀劃", "要点", "要點", "规划",
    "規劃", "职责", "職責", "汇报", "匯報",
];
/// A line with one of these is a breadcrumb or a menu (首页 > 政务公开 > 工作计划), not a title.
const NOT_IN_TITLES: &[char] = &['>', '＞', '|', '»'];
/// Longest line taken as a title, in characters.
const MAX_TITLE_CHARS: usize = 60;

/// The title among a report's opening lines (trimmed, non-empty): the first short line with a
/// title word, else the first short line; None when every line is long.
pub fn find_title<'a>(opening: &[&'a str]) -> Option<&'a str> {
    let short =
        |line: &&&str| line.chars().count() <= MAX_TITLE_CHARS && !line.contains(NOT_IN_TITLES);
    opening
        .iter()
        .filter(short)
        .find(|line| TITLE_WORDS.iter().any(|word| line.contains(word)))
        .or_else(|| opening.iter().find(short))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_a_short_line_naming_a_report_kind() {
        let opening = [
            "您现在所在的位置 : 首页 > 政务公开",
            "分享到:",
            "东安县卫生健康局2020年工作总结及2021年工作打算",
        ];
        assert_eq!(
            find_title(&opening),
            Some("东安县卫生健康局2020年工作总结及2021年工作打算")
        );
    }

    #[test]
    fn falls_back_to_the_first_short_line() {
        let long = "前".repeat(80);
        let opening = [long.as_str(), "上半年工作回顧"];
        assert_eq!(find_title(&opening), Some("上半年工作回顧"));
        assert_eq!(find_title(&[long.as_str()]), None);
    }
}
