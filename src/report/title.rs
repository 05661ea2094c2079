//! The title of a report: a short, heading-like line near its top that names a report
//! (东安县卫生健康局2020年工作总结及2021年工作打算), never a sentence, a greeting, a numbered
//! heading or site chrome. Spaced-out titles (政 府 工 作 报 告) are closed up, a title split
//! over two lines (政府工作报 / 告) is joined, download suffixes (….docx, (7页珍藏版)) are cut.
//! With none in the text the page's declared title or the file name stands in
//! ([`title_of_file_name`]).

use std::sync::LazyLock;

use regex::Regex;

use super::year::year_in;
use crate::text::chars::is_han;
use crate::text::{fold, heading_level};

/// Words that make a line a report title (folded text is simplified):
/// 东安县卫生健康局2020年工作总结及2021年工作打算, 白碱滩区卫生局7月工作总结, 卫生局主要职责,
/// 船山区2012年卫生工作任务, 2018年国民经济和社会发展统计公报, 绩效任务完成情况.
const TITLE_WORDS: &[&str] = &[
    "总结",
    "报告",
    "计划",
    "打算",
    "谋划",
    "要点",
    "规划",
    "职责",
    "汇报",
    "回顾",
    "任务",
    "公报",
    "完成情况",
    "工作安排",
    "工作思路",
];

/// Characters a title never holds: breadcrumbs and menus (首页 > 政务公开 > 工作计划), and the
/// marks of a sentence or a greeting (现在，我代表国务院，向大会作政府工作报告，请予审议。,
/// 各位代表：, 开发成员们，您好！, 目录/提纲:……).
const NOT_IN_TITLES: &[char] = &[
    '>', '＞', '|', '»', '，', ',', '。', '！', '!', '？', '?', '；', ';', '：', ':', '…', '/',
];

/// Lines that hold a title word but are site chrome or a document's furniture, with the real
/// lines they were written for.
const NOT_TITLES: &[(&str, &str)] = &[
    (r"^[【\[]\s*\p{Han}{1,4}\s*[】\]]$", "【正文】"),
    (
        r"^(目录|提纲|正文|附件|相关|推荐|热门|更多|上一篇|下一篇)",
        "相关工作总结推荐",
    ),
    (
        r"^(编号|文号|索引号)",
        "编号682553579区卫计局2018年上半年重点工作完成情况总结汇报",
    ),
    (
        r"(范文|范本|模板)(大全|精选|汇总|\d+篇)",
        "卫生局工作总结范文大全",
    ),
];

/// Download and page-count suffixes of saved titles: 卫健委…工作谋划.docx, …(7页珍藏版),
/// …(四页), …【完整版】.
static DOWNLOAD_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\s*\.(?:docx?|pdf|txt|wps|html?|md)|\s*[(（【\[]\s*(?:共\s*)?[\d一二三四五六七八九十百]+\s*页[^)）】\]]{0,6}[)）】\]]|\s*[【\[](?:完整版|精选|原创|最新|word版|可编辑)[】\]])$",
    )
    .expect("the download suffix pattern is constant and valid")
});

static NOT_TITLE_PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    NOT_TITLES
        .iter()
        .map(|(pattern, _)| Regex::new(pattern).expect("the non-title patterns are valid"))
        .collect()
});

/// Shortest and longest title, in characters.
const TITLE_CHARS: std::ops::RangeInclusive<usize> = 4..=60;
/// How many title-like lines are weighed against each other.
const CANDIDATES: usize = 3;
/// A line at least this long that stops mid-sentence runs on into the next line: what follows
/// is part of its sentence (我們…在聽了劉少奇同志 / 關於憲法草案的報告 / 並進行了…), never a title.
const RUN_ON_CHARS: usize = 16;
/// Longest first half of a title split over two lines, and longest second half.
const SPLIT_HEAD_CHARS: usize = 40;
const SPLIT_TAIL_CHARS: usize = 30;

/// Characters that end a line for good, so that the next line starts afresh.
const LINE_ENDS: &[char] = &[
    '。', '！', '？', '；', '：', '!', '?', ';', ':', '”', '’', '」', '』', '）', ')', '】',
];

/// A report's title and the opening lines it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The title as written, closed up and without download suffixes.
    pub text: String,
    /// Indices of the opening lines it spans (one, or two for a split title).
    pub lines: std::ops::Range<usize>,
    /// Whether body text comes before it (现在，我代表国务院，向…作政府工作报告，请予审议。 /
    /// 过去五年的回顾): then it may be a section's heading, and a declared title or a file
    /// name that reads as a title is the better title.
    pub after_body: bool,
}

/// Whether a (folded) line reads as a report title.
pub fn is_title_like(line: &str) -> bool {
    let line = clean_title(line);
    TITLE_CHARS.contains(&line.chars().count())
        && !line.contains(NOT_IN_TITLES)
        && TITLE_WORDS.iter().any(|word| line.contains(word))
        && heading_level(&line).is_none_or(|level| level == 0)
        && !NOT_TITLE_PATTERNS
            .iter()
            .any(|pattern| pattern.is_match(&line))
}

/// A title line closed up and cut: spaces between Han characters removed (政 府 工 作 报 告),
/// leading dashes of a subtitle and download suffixes dropped, repeatedly.
pub fn clean_title(line: &str) -> String {
    let mut title = close_up(line.trim());
    title = title
        .trim_start_matches(['—', '-', '－', '─'])
        .trim()
        .to_string();
    while let Some(found) = DOWNLOAD_SUFFIX.find(&title) {
        if found.start() == 0 {
            break;
        }
        title.truncate(found.start());
        title = title.trim_end().to_string();
    }
    title
}

/// `line` without the spaces that stand between two Han characters.
fn close_up(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (at, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let before = chars[..at].iter().rev().find(|c| !c.is_whitespace());
            let after = chars[at + 1..].iter().find(|c| !c.is_whitespace());
            if before.is_some_and(|&c| is_han(c)) && after.is_some_and(|&c| is_han(c)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The title among a report's opening lines (as written, non-boilerplate): among the first
/// title-like lines (or pairs of lines) the first with a year, else the first. None when no
/// line is a title: the caller falls back to the declared title or the file name.
pub fn find_title(opening: &[&str]) -> Option<Title> {
    let folded: Vec<String> = opening.iter().map(|line| fold(line).into_owned()).collect();
    let mut candidates: Vec<(Title, String)> = Vec::new();
    let mut after_body = false;
    let mut at = 0;
    while at < folded.len() && candidates.len() < CANDIDATES {
        after_body |= at > 0 && is_body_sentence(&folded[at - 1]);
        let inside_sentence = at > 0 && runs_on(&folded[at - 1]);
        let span = if inside_sentence {
            0
        } else if is_title_like(&folded[at]) {
            1
        } else {
            let joined = folded
                .get(at + 1)
                .filter(|next| splits_title(&folded[at], next))
                .map(|next| format!("{}{}", folded[at], next));
            usize::from(joined.is_some_and(|joined| is_title_like(&joined))) * 2
        };
        if span > 0 {
            let text: String = opening[at..at + span].concat();
            let folded_text: String = folded[at..at + span].concat();
            candidates.push((
                Title {
                    text: clean_title(&text),
                    lines: at..at + span,
                    after_body,
                },
                clean_title(&folded_text),
            ));
        }
        at += span.max(1);
    }
    // A title saved with a site's suffix (X县卫健委上半年工作总结【完整版】) is the page's name
    // for the report; the report's own title line (X县卫健委2021年上半年工作总结) is better.
    let own = |at: &usize| {
        let written: String = opening[candidates[*at].0.lines.clone()].concat();
        clean_title(&written) == close_up(written.trim())
    };
    let dated = |at: &usize| year_in(&candidates[*at].1).is_some();
    let all = 0..candidates.len();
    let chosen = all
        .clone()
        .find(|at| own(at) && dated(at))
        .or_else(|| all.clone().find(dated))
        .or_else(|| all.clone().next());
    chosen.map(|at| candidates.swap_remove(at).0)
}

/// The title a document-sharing site gives in its chrome: 《县卫健局2024年第一季度工作总结及
/// 下一步工作计划.docx》由会员分享,可在线阅读,更多相关《…》.
static SHARED_DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^《([^》]{4,80})》\s*(?:由会员分享|由用户上传|为会员上传)")
        .expect("the shared document pattern is constant and valid")
});

/// The title named by a line of site chrome, if it names one (see [`SHARED_DOCUMENT`]).
pub fn title_in_chrome(line: &str) -> Option<String> {
    let captures = SHARED_DOCUMENT.captures(line.trim())?;
    let title = clean_title(captures.get(1)?.as_str());
    (!title.is_empty()).then_some(title)
}

/// Shortest line taken as body text when it holds a sentence.
const BODY_SENTENCE_CHARS: usize = 30;

/// Whether a line is a sentence of the body: long, with a sentence end or several commas.
fn is_body_sentence(line: &str) -> bool {
    line.chars().count() >= BODY_SENTENCE_CHARS
        && (line.contains(['。', '；', '！', '？']) || line.matches(['，', ',']).count() >= 2)
}

/// Whether a line stops mid-sentence, running on into the next (a long line without a final
/// mark, or one ending in an opening mark: …通过的《).
fn runs_on(line: &str) -> bool {
    let line = line.trim_end();
    line.ends_with(['《', '“', '（', '(', '「'])
        || (line.chars().count() >= RUN_ON_CHARS
            && !line.ends_with(LINE_ENDS)
            && line.contains(['，', ','])
            && !is_title_like(line))
}

/// Whether `head` and `tail` may be two halves of one title: short, without sentence marks,
/// and the first not a title by itself (湖州市卫生健康委关于印发 / 2023年全市卫生健康工作要点的通知).
fn splits_title(head: &str, tail: &str) -> bool {
    let plain = |line: &str, max: usize| {
        let line = close_up(line);
        (1..=max).contains(&line.chars().count())
            && !line.contains(NOT_IN_TITLES)
            && heading_level(&line).is_none_or(|level| level == 0)
    };
    !runs_on(head) && plain(head, SPLIT_HEAD_CHARS) && plain(tail, SPLIT_TAIL_CHARS)
}

/// The title a file name gives: its stem without the extension and download suffixes, `_`
/// read as a space (1985年中华人民共和国国务院政府工作报告.txt, 2026_上海市_政府工作报告.txt →
/// 2026 上海市政府工作报告).
pub fn title_of_file_name(file_name: &str) -> String {
    let stem = file_name
        .rsplit_once('.')
        .filter(|(stem, extension)| !stem.is_empty() && extension.chars().count() <= 5)
        .map_or(file_name, |(stem, _)| stem);
    let cleaned = clean_title(&stem.replace('_', " "));
    if cleaned.is_empty() {
        stem.to_string()
    } else {
        cleaned
    }
}

/// Whether a file name reads as a title (names a report), not a serial number (page_0413.txt,
/// 004_2ac8209b6c6491b0.txt).
pub fn file_name_is_title(file_name: &str) -> bool {
    let title = fold(&title_of_file_name(file_name)).into_owned();
    TITLE_WORDS.iter().any(|word| title.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(opening: &[&str]) -> Option<String> {
        find_title(opening).map(|title| title.text)
    }

    #[test]
    fn prefers_a_short_line_naming_a_report_kind() {
        let opening = [
            "您现在所在的位置 : 首页 > 政务公开 > 工作计划",
            "东安县卫生健康局2020年工作总结及2021年工作打算",
        ];
        assert_eq!(
            find_title(&opening).map(|t| t.lines),
            Some(1..2),
            "{opening:?}"
        );
    }

    #[test]
    fn prefers_the_title_with_a_year() {
        let opening = [
            "X县卫健委上半年工作总结【完整版】",
            "X县卫健委上半年工作总结【完整版】",
            "X县卫健委2021年上半年工作总结",
            "2021年,县卫健委在县委、县政府的坚强领导下",
        ];
        assert_eq!(
            title(&opening).as_deref(),
            Some("X县卫健委2021年上半年工作总结")
        );
    }

    #[test]
    fn a_numbered_heading_is_never_the_title() {
        // 2026_广东省_政府工作报告.txt
        let opening = [
            "政府工作报告",
            "——2026年1月26日在广东省第十四届",
            "一、2025年和“十四五”时期工作回顾",
        ];
        assert_eq!(title(&opening).as_deref(), Some("政府工作报告"));
    }

    #[test]
    fn sentences_greetings_headings_and_chrome_are_not_titles() {
        // National government work reports, a software group's summaries, a 范文 site, a
        // health bureau's 要点 with its table of contents.
        for line in [
            "现在，我代表国务院，向大会作政府工作报告，请予审议。",
            "各位代表：",
            "开发成员们，您好！",
            "一、总体情况",
            "搜索",
            "目录/提纲:……",
            "【正文】",
            "一、2025年工作总结",
            "编号:682553579区卫计局2018年上半年重点工作完成情况总结汇报",
        ] {
            assert_eq!(title(&[line]), None, "{line}");
        }
    }

    #[test]
    fn spaced_split_and_suffixed_titles_are_mended() {
        assert_eq!(
            title(&["政 府 工 作 报 告"]).as_deref(),
            Some("政府工作报告")
        );
        assert_eq!(
            title(&["政府工作报", "告", "各位代表："]).as_deref(),
            Some("政府工作报告")
        );
        assert_eq!(
            title(&[
                "湖州市卫生健康委关于印发",
                "2023年全市卫生健康工作要点的通知"
            ])
            .as_deref(),
            Some("湖州市卫生健康委关于印发2023年全市卫生健康工作要点的通知")
        );
        assert_eq!(
            title(&["卫健委2021年上半年工作总结和下半年工作谋划.docx"]).as_deref(),
            Some("卫健委2021年上半年工作总结和下半年工作谋划")
        );
        assert_eq!(
            title(&["卫生院年终工作总结(四页)"]).as_deref(),
            Some("卫生院年终工作总结")
        );
        assert_eq!(
            title(&["——在中国共产党第二十次全国代表大会上的报告"]).as_deref(),
            Some("在中国共产党第二十次全国代表大会上的报告")
        );
    }

    #[test]
    fn a_line_inside_a_running_sentence_is_not_a_title() {
        // 1954年中华人民共和国国务院政府工作报告.txt: a wiki link on a line of its own.
        let opening = [
            "各位代表：",
            "我們第一届全國人民代表大會第一次會議，在聽了劉少奇同志",
            "關於憲法草案的報告",
            "並進行了三天的討論以後，已經光榮地完成了一件歷史性的工作",
        ];
        assert_eq!(title(&opening), None);
        let quoted = [
            "中国共产党十五届五中全会通过的《",
            "中共中央关于制定第十个五年计划的建议",
        ];
        assert_eq!(title(&quoted), None);
    }

    #[test]
    fn a_title_after_body_text_is_marked() {
        // 1983年中华人民共和国国务院政府工作报告.txt: the first title-like line is a section's.
        let opening = [
            "各位代表：",
            "现在，我代表国务院，向第六届全国人民代表大会第一次会议作政府工作报告，请予审议。",
            "过去五年的回顾",
        ];
        assert_eq!(
            find_title(&opening).map(|title| title.after_body),
            Some(true)
        );
        assert_eq!(
            find_title(&["政府工作报告", "各位代表："]).map(|t| t.after_body),
            Some(false)
        );
    }

    #[test]
    fn the_reports_own_title_line_beats_the_pages_name_for_it() {
        let opening = [
            "2022年县卫健委年工作总结和工作计划【完整版】",
            "2022年县卫健委年工作总结和工作计划【完整版】",
            "县卫健委2021年工作总结和2022年工作计划",
        ];
        assert_eq!(
            title(&opening).as_deref(),
            Some("县卫健委2021年工作总结和2022年工作计划")
        );
    }

    #[test]
    fn document_sharing_chrome_names_the_title() {
        assert_eq!(
            title_in_chrome("《县卫健局2024年第一季度工作总结及下一步工作计划.docx》由会员分享,可在线阅读,更多相关《县卫健局2024年第一季度工作总结》").as_deref(),
            Some("县卫健局2024年第一季度工作总结及下一步工作计划")
        );
        assert_eq!(
            title_in_chrome("《中华人民共和国政府信息公开条例》要求"),
            None
        );
    }

    #[test]
    fn file_names_give_titles() {
        assert_eq!(
            title_of_file_name("1985年中华人民共和国国务院政府工作报告.txt"),
            "1985年中华人民共和国国务院政府工作报告"
        );
        assert_eq!(
            title_of_file_name("2026_上海市_政府工作报告.txt"),
            "2026 上海市政府工作报告"
        );
        assert_eq!(
            title_of_file_name("县卫健委2021年工作总结(3页).doc.txt"),
            "县卫健委2021年工作总结"
        );
        assert!(file_name_is_title("2003年第一季度工作总结.txt"));
        assert!(!file_name_is_title("004_2ac8209b6c6491b0.txt"));
        assert!(!file_name_is_title("page_0413.html"));
    }
}
