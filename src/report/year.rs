//! The year a report is about (see [`report_year`]): written in digits (2023年, 1 9 9 3 年,
//! １９９６年 folded) or Han numerals (一九五四年, 二〇二二年); placeholders (20XX年, 202x年,
//! xx年) leave it unknown.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::chars::is_placeholder;

/// Years outside this range are numbers, not report years.
pub(super) use crate::dates::YEARS;

/// How many lines after the title may give the year: enough for 2024年7月12日 two lines under
/// 白碱滩区卫生局7月工作总结, or for the dated subtitle under a repeated title; not so many that
/// a body sentence about 2009年度 in line 12 becomes the report's year.
const LINES_AFTER_TITLE: usize = 6;

/// Whether `c` stands for an unknown digit in a template: 20XX年, 20xx年, xx年, **年, ○○年
/// (the placeholders), and 20??年.
fn unknown_digit(c: char) -> bool {
    is_placeholder(c) || c == '?' || c == '？'
}

/// Han numerals of years written out (二〇二〇年, 一九九八年), with their digit values.
const HAN_DIGITS: &[(char, u16)] = &[
    ('〇', 0),
    ('○', 0),
    ('零', 0),
    ('一', 1),
    ('二', 2),
    ('三', 3),
    ('四', 4),
    ('五', 5),
    ('六', 6),
    ('七', 7),
    ('八', 8),
    ('九', 9),
];

/// What a text says about a year: a year, or a template placeholder that hides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mention {
    Year(u16),
    Placeholder,
}

/// The report's year from its title, else from the lines right after it; a placeholder year
/// (20XX年) where the year should be means the year is unknown.
pub fn find_year(title: &str, opening: &[&str]) -> Option<u16> {
    match mention_near_title(title, opening) {
        Some(Mention::Year(year)) => Some(year),
        _ => None,
    }
}

/// Where a report's year is looked for, most telling first.
pub(super) struct YearEvidence<'a> {
    /// The report's title (folded).
    pub title: &'a str,
    /// Other names of the report: the page's declared title, the file name when it reads as a
    /// title (1985年中华人民共和国国务院政府工作报告.txt), folded.
    pub names: &'a [&'a str],
    /// The first lines of the report (folded), the title's among them when it is in the text.
    pub opening: &'a [&'a str],
    /// The file's name.
    pub file_name: &'a str,
    /// Whether the report is a government work report: delivered to a congress early in the
    /// year it plans for, it reviews the year before.
    pub government_work_report: bool,
}

/// The year a report is about: from its title, else its other names, else digits in its file
/// name, else its dateline (——2015年2月5日在海拉尔区第十四届人民代表大会…, （2022年10月16日）),
/// else a body line right after the title that opens with a year (2021年，县卫健委在…: a
/// summary's year). A placeholder (20XX年) in the title or a name means unknown, whatever else
/// says. A government work report delivered in November or December (——2017年12月26日在汉阳区…)
/// is the next year's, and one that only says which year it reviews (一、2014年工作回顾;
/// 2006年，是我国实施“十一五”规划… in the 2007 report) is that year's successor's.
pub(super) fn report_year(evidence: &YearEvidence) -> Option<u16> {
    for name in std::iter::once(&evidence.title).chain(evidence.names) {
        match mentions(name).next() {
            Some(Mention::Year(year)) => return Some(year),
            Some(Mention::Placeholder) => return None,
            None => {}
        }
    }
    if let Some(year) = year_in_file_name(evidence.file_name) {
        return Some(year);
    }
    let next_if_government = |year: u16| year + u16::from(evidence.government_work_report);
    if let Some((year, month)) = evidence.opening.iter().find_map(|line| dateline(line)) {
        return Some(if month >= LATE_MONTH {
            next_if_government(year)
        } else {
            year
        });
    }
    match mention_after_title(evidence.title, evidence.opening) {
        Some(Mention::Year(year)) => Some(next_if_government(year)),
        _ => None,
    }
}

/// A government work report delivered from this month on is the next year's.
const LATE_MONTH: u8 = 11;

/// [`report_year`] with only a title, opening lines and file name.
#[cfg(test)]
fn find_year_or_file_year(title: &str, opening: &[&str], file_name: &str) -> Option<u16> {
    report_year(&YearEvidence {
        title,
        names: &[],
        opening,
        file_name,
        government_work_report: false,
    })
}

/// A dateline: a line that is a date, maybe between dashes or brackets and followed by where
/// the report was delivered: ——2026年1月28日在云南省第十四届人民代表大会第四次会议上,
/// （2022年10月16日）, ——二〇二六年一月二十七日在甘肃省….
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[—\-－─\s]*[（(]?\s*((?:[\d〇○零一二三四五六七八九]\s?){4})年\s*([\d一二三四五六七八九十]{1,3})\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日\s*[)）]?\s*(?:在.{2,80})?$",
    )
    .expect("the dateline pattern is constant and valid")
});

/// The year and month of a dateline.
fn dateline(line: &str) -> Option<(u16, u8)> {
    let captures = DATELINE.captures(line.trim())?;
    let year = year_in(line)?;
    let month = captures.get(2).map_or("", |m| m.as_str());
    let month = month
        .parse::<u8>()
        .ok()
        .or_else(|| han_number(month))
        .unwrap_or(1);
    Some((year, month))
}

/// The value of a Han number up to 99: 十二 → 12, 一 → 1.
fn han_number(text: &str) -> Option<u8> {
    let digit = |c: char| han_digit(c).and_then(|d| u8::try_from(d).ok());
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        [one] if *one == '十' => Some(10),
        [one] => digit(*one),
        ['十', ones] => Some(10 + digit(*ones)?),
        [tens, '十'] => Some(digit(*tens)? * 10),
        [tens, '十', ones] => Some(digit(*tens)? * 10 + digit(*ones)?),
        _ => None,
    }
}

/// The first plausible `NNNN年` in `text` that is not the tail of a longer number
/// (2019136375人 holds no year); placeholders such as 20XX年 are skipped.
pub fn year_in(text: &str) -> Option<u16> {
    mentions(text).find_map(|mention| match mention {
        Mention::Year(year) => Some(year),
        Mention::Placeholder => None,
    })
}

/// The first year mention of the title, else of the lines after the title's line (of the
/// first lines when the title is not among them).
fn mention_near_title(title: &str, opening: &[&str]) -> Option<Mention> {
    mentions(title)
        .next()
        .or_else(|| mention_after_title(title, opening))
}

/// The year mention opening one of the lines right after the title's line (of the first lines
/// when the title is not among them), or of a date line there.
fn mention_after_title(title: &str, opening: &[&str]) -> Option<Mention> {
    let title = title.trim();
    let after = opening
        .iter()
        .position(|line| *line == title)
        .or_else(|| {
            (!title.is_empty())
                .then(|| opening.iter().position(|line| line.contains(title)))
                .flatten()
        })
        .map_or(0, |at| at + 1);
    opening
        .iter()
        .skip(after)
        .take(LINES_AFTER_TITLE)
        .find_map(|line| opening_mention(line))
}

/// The year mention that opens `line` (2021年，县卫健委在…; 2024年7月12日), if any.
fn opening_mention(line: &str) -> Option<Mention> {
    let at = line.find('年')?;
    let before = &line[..at];
    // A numbered heading may open with the year: 一、2014年工作回顾.
    let unnumbered = before
        .trim_start_matches(|c: char| "一二三四五六七八九十".contains(c))
        .trim_start_matches(['、', '．']);
    let lead = unnumbered.trim_start_matches(['—', '-', '－', '（', '(', ' ', '\u{3000}']);
    let digits = lead
        .chars()
        .filter(|&c| c != ' ')
        .all(|c| year_digit(c).is_some() || unknown_digit(c));
    if !digits {
        return None;
    }
    mention_before(before)
}

/// The year mentions of `text`, in order: every 年 preceded by exactly four year digits (ASCII
/// or Han numerals), or by two to four digits some of which are placeholders.
fn mentions(text: &str) -> impl Iterator<Item = Mention> + '_ {
    text.char_indices()
        .filter(|&(_, c)| c == '年')
        .filter_map(move |(at, _)| mention_before(text[..at].trim_end_matches(' ')))
}

/// The year mention ending `before` (the text before a 年), if any.
fn mention_before(before: &str) -> Option<Mention> {
    // Digits may be spaced out (1 9 9 3 年), one space between two.
    let is_digit = |c: char| year_digit(c).is_some() || unknown_digit(c);
    let chars: Vec<char> = before.chars().rev().collect();
    let mut run: Vec<char> = Vec::new();
    for (at, &c) in chars.iter().enumerate() {
        if is_digit(c) {
            run.push(c);
        } else if c == ' '
            && !run.is_empty()
            && chars.get(at + 1).is_some_and(|&next| is_digit(next))
        {
            continue;
        } else {
            break;
        }
    }
    if run.is_empty() || run.len() > 4 {
        return None; // the tail of a longer number: 同比2019136375年
    }
    // ○ is both a placeholder (○○年) and a Han zero (二○二一年); X, x, * are only placeholders.
    let hides_digits =
        run.iter().any(|&c| c != '○' && unknown_digit(c)) || run.iter().all(|&c| c == '○');
    if hides_digits {
        return (run.len() >= 2).then_some(Mention::Placeholder);
    }
    digits_year(&run)
}

/// The year written by four digits (reversed, as collected): all ASCII or all Han numerals.
fn digits_year(reversed: &[char]) -> Option<Mention> {
    if reversed.len() != 4 {
        return None;
    }
    let ascii = reversed.iter().all(char::is_ascii_digit);
    let han = reversed.iter().all(|&c| han_digit(c).is_some());
    if !ascii && !han {
        return None;
    }
    let year = reversed
        .iter()
        .rev()
        .fold(0u16, |acc, &c| acc * 10 + year_digit(c).unwrap_or(0));
    YEARS.contains(&year).then_some(Mention::Year(year))
}

/// The value of an ASCII digit or of a Han numeral used in written-out years.
fn year_digit(c: char) -> Option<u16> {
    match c {
        '0'..='9' => Some(u16::from(c as u8 - b'0')),
        _ => han_digit(c),
    }
}

/// The value of a Han numeral used in written-out years.
fn han_digit(c: char) -> Option<u16> {
    HAN_DIGITS
        .iter()
        .find(|&&(han, _)| han == c)
        .map(|&(_, value)| value)
}

/// A plausible year in a file name, as a run of exactly four digits not touching other ASCII
/// letters or digits: 2026_上海市_政府工作报告.txt → 2026; 004_2ac8209b6c6491b0.txt → None.
pub(super) fn year_in_file_name(file_name: &str) -> Option<u16> {
    let bytes = file_name.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_digit() {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && bytes[at].is_ascii_digit() {
            at += 1;
        }
        let touches_letter = (start > 0 && bytes[start - 1].is_ascii_alphabetic())
            || bytes.get(at).is_some_and(u8::is_ascii_alphabetic);
        if at - start == 4 && !touches_letter {
            let year = file_name[start..at].parse::<u16>().ok();
            if let Some(year) = year.filter(|year| YEARS.contains(year)) {
                return Some(year);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_first_year_of_the_title() {
        assert_eq!(
            year_in("东安县卫生健康局2020年工作总结及2021年工作打算"),
            Some(2020)
        );
        assert_eq!(year_in("X县卫健委2021年上半年工作总结"), Some(2021));
        assert_eq!(year_in("2026年上海市政府工作报告"), Some(2026));
        assert_eq!(year_in("二〇二〇年卫生工作总结"), Some(2020));
        assert_eq!(year_in("二○二一年工作要点"), Some(2021));
    }

    #[test]
    fn ignores_placeholders_long_numbers_and_bare_year_words() {
        for text in [
            "20XX年工作总结",
            "20xx年工作总结",
            "xx年卫生院工作总结",
            "**年工作总结",
            "○○年工作总结",
            "同比2019136375年",
            "全市卫生工作年上半年",
            "1234年",
            "12年",
        ] {
            assert_eq!(year_in(text), None, "{text}");
        }
    }

    #[test]
    fn a_placeholder_in_the_title_means_unknown() {
        let opening = ["20XX年卫生院工作总结", "2019年，我院…"];
        assert_eq!(find_year(opening[0], &opening), None);
        assert_eq!(
            find_year_or_file_year(opening[0], &opening, "2026_x.txt"),
            None
        );
    }

    #[test]
    fn falls_back_to_the_lines_after_the_title() {
        let opening = [
            "第一篇：卫生局.",
            "白碱滩区卫生局7月工作总结",
            "一、贯标工作",
            "2024年7月12日，区人民政府召开大会",
        ];
        assert_eq!(find_year(opening[1], &opening), Some(2024));
        assert_eq!(find_year("上半年工作回顾", &["上半年工作回顾"]), None);
    }

    #[test]
    fn does_not_look_deep_into_the_body_or_before_the_title() {
        let mut opening = vec!["首页 > 2019年工作总结", "卫生院工作总结"];
        opening.extend(["一、基本情况"; 10]);
        opening.push("对照2009年度目标，完成了任务");
        assert_eq!(find_year("卫生院工作总结", &opening), None);
    }

    #[test]
    fn falls_back_to_the_file_name() {
        assert_eq!(
            find_year_or_file_year(
                "政府工作报告",
                &["政府工作报告"],
                "2026_上海市_政府工作报告.txt"
            ),
            Some(2026)
        );
        assert_eq!(year_in_file_name("004_2ac8209b6c6491b0.txt"), None);
        assert_eq!(year_in_file_name("report-1999.txt"), Some(1999));
    }
}
