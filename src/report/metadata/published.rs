//! The publication date a web page shows near its top (发布时间: 2022-07-18 09:10:03), as
//! opposed to the dates of the report's own sentences (2024年7月12日，区人民政府召开…).

use std::sync::LazyLock;

use regex::{Captures, Regex};

pub use crate::dates::Date;

/// Labels of a publication date, longest first: 发布时间: 2022-07-18 09:10:03 (博古范文网),
/// 时间：2026-02-02 (provincial newspapers), 发表时间： with 2026-02-09 09:45:30 on the next
/// line (宁夏), 时间： with 2026-02-02 09:20 on the next line (陕西).
const LABELS: &[&str] = &[
    "发布时间",
    "发表时间",
    "发布日期",
    "发表日期",
    "更新时间",
    "发文日期",
    "成文日期",
    "时间",
    "日期",
];

/// What may come before a date line: spaces and list bullets (• 2021-09-22 10:08, 东安县).
const BULLETS: &str = r"[\s•·●▪◆■\-\*]*";

/// A date written 2022-07-18, 2022/7/18, 2022.07.18 or 2026年02月10日.
const DATE: &str = r"(?P<y>\d{4})\s*(?:[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})|年\s*(?P<cm>\d{1,2})\s*月\s*(?P<cd>\d{1,2})\s*日)";

/// A line that is only a date, maybe with a time and a view count: 2024-12-16 00:03:52 32,
/// 2026-02-03 09:02:33, 2026年02月10日 07时41分. A date followed by words
/// (2024年7月12日，区人民政府召开…) is a sentence of the report, not a stamp.
static LONE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"^{BULLETS}{DATE}\s*(?:$|\d{{1,2}}\s*[:：时]\s*\d{{1,2}})"
    ))
});

/// A labelled date at the start of a line or after a space: 发布时间: 2022-07-18 09:10:03
/// 来源:网友投稿, 时间：2026-02-02.
static LABELLED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let labels = LABELS.join("|");
    regex(&format!(
        r"(?:^{BULLETS}(?:{labels})\s*[:：]?|\s(?:{labels})\s*[:：])\s*{DATE}(?:$|\D)"
    ))
});

/// A label alone on its line, its date on the next one: 发表时间： / 2026-02-09 09:45:30.
static LONE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"^{BULLETS}(?:{})\s*[:：]?\s*$", LABELS.join("|"))));

/// The date starting the line after a lone label.
static NEXT_LINE_DATE: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"^{BULLETS}{DATE}(?:$|\D)")));

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the publication date patterns are constant and valid")
}

/// The first valid publication date shown among the opening lines of a report page.
pub(super) fn find_published(opening: &[&str]) -> Option<Date> {
    opening.iter().enumerate().find_map(|(at, line)| {
        let own = LONE_DATE
            .captures(line)
            .or_else(|| LABELLED_DATE.captures(line))
            .and_then(|caps| date_of(&caps));
        own.or_else(|| {
            let next = opening.get(at + 1).filter(|_| LONE_LABEL.is_match(line))?;
            NEXT_LINE_DATE
                .captures(next)
                .and_then(|caps| date_of(&caps))
        })
    })
}

/// The date matched by [`DATE`], if it exists.
fn date_of(caps: &Captures<'_>) -> Option<Date> {
    let number = |name: &str| caps.name(name).map(|m| m.as_str());
    let year = number("y")?.parse().ok()?;
    let month = number("m").or_else(|| number("cm"))?.parse().ok()?;
    let day = number("d").or_else(|| number("cd"))?.parse().ok()?;
    Date::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published(lines: &[&str]) -> Option<String> {
        find_published(lines).map(|date| date.to_string())
    }

    #[test]
    fn finds_the_stamps_of_real_pages() {
        for (lines, want) in [
            (
                &["发布时间: 2022-07-18 09:10:03 来源:网友投稿"][..],
                "2022-07-18",
            ),
            (
                &["市卫生健康委2024年工作总结", "2024-12-16 00:03:52 32"],
                "2024-12-16",
            ),
            (&["• 2021-09-22 10:08", "• 来源:"], "2021-09-22"),
            (&["来源：北京日报", "时间：2026-02-02"], "2026-02-02"),
            (&["来源：云南日报", "2026-02-03 09:02:33"], "2026-02-03"),
            (
                &["2026年四川省人民政府工作报告", "2026年02月10日 07时41分"],
                "2026-02-10",
            ),
            (
                &["发表时间：", "2026-02-09 09:45:30", "来源："],
                "2026-02-09",
            ),
            (&["时间：", "2026-02-02 09:20"], "2026-02-02"),
        ] {
            assert_eq!(published(lines).as_deref(), Some(want), "{lines:?}");
        }
    }

    #[test]
    fn ignores_dates_of_sentences_and_speeches() {
        for lines in [
            &["2024年7月12日，区人民政府召开实施ISO9001质量管理体系文件发布大会"][..],
            &["——2026年2月3日在上海市第十六届人民代表大会第四次会议上"],
            &["2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长 赵刚"],
            &["（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）"],
            &["2024-01-01至2024-06-30期间，全县共报告…"],
            &["截至时间：2024年6月30日"],
            &["发表时间：", "一、工作回顾"],
        ] {
            assert_eq!(published(lines), None, "{lines:?}");
        }
    }

    #[test]
    fn rejects_dates_not_in_the_calendar() {
        assert_eq!(
            published(&["发布时间：2023-02-29", "时间：2024-02-29"]).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(published(&["2024-13-01", "2024-04-31", "1900-01-01"]), None);
        assert_eq!(
            Date::new(2022, 7, 18).map(|d| d.to_string()).as_deref(),
            Some("2022-07-18")
        );
    }
}
