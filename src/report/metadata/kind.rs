//! The kind of a report (annual summary, half-year summary, plan, government work report…),
//! told by the words of its title.

use std::fmt;
use std::str::FromStr;

use super::ParseLabelError;

/// Kind of report, from its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A year's summary: 东安县卫生健康局2020年工作总结及2021年工作打算.
    AnnualSummary,
    /// A half year's summary: X县卫健委2021年上半年工作总结.
    HalfYearSummary,
    /// A month's report: 白碱滩区卫生局7月工作总结.
    Monthly,
    /// A quarter's report: 第三季度工作总结.
    Quarterly,
    /// A plan: 2024年卫生工作计划, 工作要点.
    Plan,
    /// A government work report to a people's congress: 2026年上海市政府工作报告.
    GovernmentWorkReport,
    /// A body's duties: 卫生局主要职责.
    Duties,
    /// Anything else.
    Other,
}

impl Kind {
    /// Every kind, in the order their labels are listed.
    pub const ALL: [Kind; 8] = [
        Kind::AnnualSummary,
        Kind::HalfYearSummary,
        Kind::Monthly,
        Kind::Quarterly,
        Kind::Plan,
        Kind::GovernmentWorkReport,
        Kind::Duties,
        Kind::Other,
    ];

    /// The kind's name on the command line and in the index, e.g. "half-year-summary".
    pub fn label(self) -> &'static str {
        match self {
            Kind::AnnualSummary => "annual-summary",
            Kind::HalfYearSummary => "half-year-summary",
            Kind::Monthly => "monthly",
            Kind::Quarterly => "quarterly",
            Kind::Plan => "plan",
            Kind::GovernmentWorkReport => "government-work-report",
            Kind::Duties => "duties",
            Kind::Other => "other",
        }
    }
}

/// As its label, in the JSON outputs.
impl serde::Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Kind {
    type Err = ParseLabelError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        super::parse_label("kind", text, &Kind::ALL, Kind::label)
    }
}

/// Titles naming a genre of their own, whatever else they say, tried in order, with the
/// real titles they were written for:
const GENRES: &[(&str, Kind)] = &[
    // 县卫健委2021年政府工作报告任务分解: the tasks a government work report hands a bureau.
    ("任务分解", Kind::Plan),
    // 2026年北京市政府工作报告, 海拉尔区人民政府工作报告.
    ("政府工作报告", Kind::GovernmentWorkReport),
    // 在中国共产党第二十次全国代表大会上的报告: a party congress report.
    ("代表大会上的报告", Kind::Other),
    // 泾源县2018年国民经济和社会发展统计公报.
    ("统计公报", Kind::Other),
    // 嵩明县卫生健康局2025年政府信息公开工作年度报告, 渭南市卫生健康委员会关于2023年度政府信息
    // 公开工作的报告: a year's account of a duty.
    ("信息公开工作", Kind::AnnualSummary),
    // 县卫生健康局局长述职报告, 2022年度述职述廉报告, 卫生局局长的供职报告: an official's
    // account of the year.
    ("述职", Kind::AnnualSummary),
    ("供职", Kind::AnnualSummary),
    // 卫生局主要职责.
    ("职责", Kind::Duties),
];

/// Words of a report looking back: 东安县卫生健康局2020年工作总结…, 年终总结, 上半年工作回顾,
/// …重点工作完成情况总结汇报, 北京市卫生健康委2023年度绩效任务完成情况 (任务完成 starts where
/// the plan word 任务 does, so it is no plan), 卫生健康委部门工作报告, 年度报告.
/// 关于黄陂区2022年国民经济和社会发展计划执行情况与2023年…计划草案的报告 (计划执行情况 starts
/// where 计划 does) looks back too.
const SUMMARY_WORDS: &[&str] = &[
    "总结",
    "回顾",
    "汇报",
    "完成情况",
    "任务完成",
    "执行情况",
    "计划执行",
    "工作报告",
    "年度报告",
    "年报",
];

/// Words of a report looking ahead: 2024年卫生工作计划, …2021年工作打算, …2025年工作谋划,
/// 工作要点, 规划, 船山区2012年卫生工作任务, 工作安排. They make a plan only when no summary
/// word comes before them (…2020年工作总结及2021年工作打算 is a summary).
const PLAN_WORDS: &[&str] = &["计划", "打算", "谋划", "要点", "规划", "任务", "安排"];

/// Periods shorter than a year, tried in order, for summaries and titles naming no genre:
/// X县卫健委2021年上半年工作总结, 第三季度/一季度工作总结, 月度工作总结. Numbered months
/// (白碱滩区卫生局7月工作总结, 七月份) are found by `names_a_month`.
const PERIODS: &[(&str, Kind)] = &[
    ("半年", Kind::HalfYearSummary),
    ("季度", Kind::Quarterly),
    ("月度", Kind::Monthly),
];

/// Han numerals of months: 七月份, 十二月.
const HAN_MONTH_DIGITS: &str = "一二三四五六七八九十";

/// Marks of a range of months before a month number (1-6月, 1—11月, 1至6月): a cumulative
/// period, not a month's report.
const RANGE_MARKS: &[char] = &['-', '—', '–', '~', '～', '至', '到'];

/// The kind of report a title names.
pub(super) fn kind_of(title: &str) -> Kind {
    if let Some(&(_, kind)) = GENRES.iter().find(|(word, _)| title.contains(word)) {
        return kind;
    }
    let first = |words: &[&str]| words.iter().filter_map(|word| title.find(word)).min();
    let summary_at = first(SUMMARY_WORDS);
    if let Some(plan_at) = first(PLAN_WORDS) {
        if summary_at.is_none_or(|summary_at| plan_at < summary_at) {
            return Kind::Plan;
        }
    }
    let period = PERIODS
        .iter()
        .find(|(word, _)| title.contains(word))
        .map(|&(_, kind)| kind)
        .or_else(|| names_a_month(title).then_some(Kind::Monthly));
    match (period, summary_at) {
        (Some(kind), _) => kind,
        (None, Some(_)) => Kind::AnnualSummary,
        (None, None) => Kind::Other,
    }
}

/// Whether the title names one month (7月, 12月份, 七月份, 十二月), not a date (2024年7月12日)
/// nor a range of months (1-6月).
fn names_a_month(title: &str) -> bool {
    title
        .char_indices()
        .filter(|&(_, c)| c == '月')
        .any(|(at, _)| {
            let after = title[at + '月'.len_utf8()..].chars().next();
            let is_numeral = |c: char| c.is_ascii_digit() || HAN_MONTH_DIGITS.contains(c);
            if after.is_some_and(is_numeral) {
                return false; // 7月12日: a date
            }
            let before: Vec<char> = title[..at].chars().rev().take(3).collect();
            let ascii = before.iter().take_while(|c| c.is_ascii_digit()).count();
            let han = before
                .iter()
                .take_while(|&&c| HAN_MONTH_DIGITS.contains(c))
                .count();
            let (digits, month) = if ascii > 0 {
                let text: String = before[..ascii].iter().rev().collect();
                (ascii, text.parse::<u8>().ok())
            } else {
                let text: String = before[..han].iter().rev().collect();
                (han, han_month(&text))
            };
            let in_range = before.get(digits).is_some_and(|c| RANGE_MARKS.contains(c));
            digits > 0 && month.is_some_and(|m| (1..=12).contains(&m)) && !in_range
        })
}

/// The month a Han numeral names: 七 → 7, 十 → 10, 十二 → 12.
fn han_month(text: &str) -> Option<u8> {
    let value = |c: char| {
        HAN_MONTH_DIGITS
            .chars()
            .position(|d| d == c)
            .and_then(|i| u8::try_from(i + 1).ok())
    };
    let mut chars = text.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(c), None, _) => value(c),
        (Some('十'), Some(c), None) => value(c).filter(|&v| v <= 2).map(|v| 10 + v),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_real_titles() {
        for (title, want) in [
            (
                "东安县卫生健康局2020年工作总结及2021年工作打算",
                Kind::AnnualSummary,
            ),
            (
                "市卫生健康委2024年工作总结及2025年工作谋划",
                Kind::AnnualSummary,
            ),
            ("X县卫健委2021年上半年工作总结", Kind::HalfYearSummary),
            ("X县卫健委上半年工作总结【完整版】", Kind::HalfYearSummary),
            ("上半年工作回顾", Kind::HalfYearSummary),
            ("白碱滩区卫生局7月工作总结", Kind::Monthly),
            ("卫生局七月份工作总结", Kind::Monthly),
            ("卫生局十二月工作总结", Kind::Monthly),
            ("2024年第三季度工作总结", Kind::Quarterly),
            ("2026年北京市政府工作报告", Kind::GovernmentWorkReport),
            ("陕西省2026年政府工作报告", Kind::GovernmentWorkReport),
            ("卫生局主要职责", Kind::Duties),
            ("2024年卫生工作计划", Kind::Plan),
            ("2024年下半年工作计划", Kind::Plan),
            ("2022年卫生健康工作要点", Kind::Plan),
            ("卫生院年终总结", Kind::AnnualSummary),
            ("2024年7月12日会议纪要", Kind::Other),
            ("关于开展爱国卫生运动的通知", Kind::Other),
            ("县卫健委2021年政府工作报告任务分解", Kind::Plan),
            ("船山区2012年卫生工作任务", Kind::Plan),
            ("北京市卫生健康委2023年度绩效任务完成情况", Kind::AnnualSummary),
            (
                "区卫计局2018年上半年重点工作完成情况总结汇报",
                Kind::HalfYearSummary,
            ),
            (
                "嵩明县卫生健康局2025年政府信息公开工作年度报告",
                Kind::AnnualSummary,
            ),
            ("县卫生健康局局长述职报告", Kind::AnnualSummary),
            ("2008年下半年工作总结", Kind::HalfYearSummary),
            ("2003年第一季度工作总结", Kind::Quarterly),
            ("2002年10月份工作总结", Kind::Monthly),
            ("2003年12月份与2004年1月份工作总结", Kind::Monthly),
            ("在中国共产党第二十次全国代表大会上的报告", Kind::Other),
            ("泾源县2018年国民经济和社会发展统计公报", Kind::Other),
            ("湖州市卫生健康委关于印发2023年全市卫生健康工作要点的通知", Kind::Plan),
            ("卫生健康委2022年部门工作报告", Kind::AnnualSummary),
            (
                "关于黄陂区2022年国民经济和社会发展计划执行情况与2023年国民经济和社会发展计划草案的报告",
                Kind::AnnualSummary,
            ),
            (
                "官渡区2023年上半年国民经济和社会发展计划执行情况的报告",
                Kind::HalfYearSummary,
            ),
            (
                "渭南市卫生健康委员会关于2023年度政府信息公开工作的报告",
                Kind::AnnualSummary,
            ),
            ("卫生局局长的供职报告", Kind::AnnualSummary),
        ] {
            assert_eq!(kind_of(title), want, "{title}");
        }
    }

    #[test]
    fn labels_round_trip_and_errors_list_them() {
        for kind in Kind::ALL {
            assert_eq!(kind.label().parse::<Kind>(), Ok(kind));
        }
        let err = "yearly".parse::<Kind>().unwrap_err().to_string();
        assert!(
            err.contains("yearly") && err.contains("annual-summary, half-year-summary"),
            "{err}"
        );
    }
}
