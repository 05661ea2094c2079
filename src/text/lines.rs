//! A file's lines, cleaned: pinyin annotations removed, each line's folded form, boilerplate
//! marked; then hard-wrapped lines of PDF copies joined back into paragraphs.

use super::boilerplate::{boilerplate_rule, cut_glued, introduces_teaser, TRUNCATED_TEASER};
use super::headings::{heading_level, is_punctuation, split_heading};
use super::normalize::{fold, repair_pinyin};

/// A line of a file, as the later stages see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the file.
    pub number: usize,
    /// The line, trimmed, without pinyin annotations: what is stored and shown.
    pub text: String,
    /// `text` folded (simplified, half-width): what rules and metadata look at.
    pub folded: String,
    /// The boilerplate rule that matched, if the line is web chrome.
    pub boilerplate: Option<&'static str>,
}

/// Reads a file's text into lines; empty lines are left out (their numbers are kept by the
/// others).
pub fn clean_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut teaser_next = false;
    for (index, raw) in text.lines().enumerate() {
        let mut text = repair_pinyin(raw.trim()).trim().to_string();
        if text.is_empty() {
            continue;
        }
        let mut folded = fold(&text).into_owned();
        let mut boilerplate = if teaser_next {
            Some("teaser")
        } else {
            boilerplate_rule(&folded)
        };
        // Site sentences glued into report text go; a line of nothing else is boilerplate.
        if boilerplate.is_none() {
            if let Some(cut) = cut_glued(&text, &folded) {
                if cut.text.is_empty() {
                    boilerplate = Some(cut.rule);
                } else {
                    folded = fold(&cut.text).into_owned();
                    text = cut.text;
                }
            }
        }
        teaser_next = introduces_teaser(&folded);
        lines.push(Line {
            number: index + 1,
            text,
            folded,
            boilerplate,
        });
    }
    keep_excerpts_that_are_the_text(&mut lines);
    lines
}

/// How many characters before a truncated line's `...` must recur below it for the line to be
/// a teaser of the text that follows.
const TEASER_PROBE_CHARS: usize = 12;
/// Most truncated lines checked in one file; any more stay boilerplate.
const MAX_TEASERS_CHECKED: usize = 64;

/// A truncated line (…召开本单位的体系文件...) is a teaser when the text it previews follows it
/// in the file (003_….txt); when it does not, the line is the text itself: a saved excerpt
/// that the site cut off (2023年XX区卫生健康工作总结及2024年工作计划2023年,在区委…每天对上顿...),
/// often the file's only line, and it is kept.
fn keep_excerpts_that_are_the_text(lines: &mut [Line]) {
    let truncated: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.boilerplate == Some(TRUNCATED_TEASER))
        .map(|(at, _)| at)
        .take(MAX_TEASERS_CHECKED)
        .collect();
    if truncated.is_empty() {
        return;
    }
    let squeeze = |text: &str| {
        text.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
    };
    for at in truncated {
        let line = squeeze(lines[at].folded.trim_end_matches(['.', '…']));
        let chars: Vec<char> = line.chars().collect();
        let probe: String = chars[chars.len().saturating_sub(TEASER_PROBE_CHARS)..]
            .iter()
            .collect();
        let below: String = lines[at + 1..]
            .iter()
            .map(|line| squeeze(&line.folded))
            .collect();
        if !below.contains(&probe) {
            lines[at].boilerplate = None;
        }
    }
}

/// Characters that end a line for good: a sentence end, a colon, or a closing mark after one.
const FINAL: &[char] = &[
    '。', '！', '？', '；', '：', '!', '?', ';', ':', '”', '’', '」', '』', '…', '）', ')',
];
/// A line at least this long that stops mid-sentence is taken as hard-wrapped.
const MIN_WRAPPED_CHARS: usize = 15;
/// A line at most this long, without punctuation, after a line stopping mid-sentence, is the
/// wrapped tail of it (一、上半 / 年重点工作进展).
const MAX_TAIL_CHARS: usize = 12;

/// A paragraph: consecutive lines joined where a PDF copy had wrapped them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The line the paragraph starts on.
    pub number: usize,
    pub text: String,
    /// Where each joined line after the first starts: (byte offset in `text`, line number).
    pub joins: Vec<(usize, usize)>,
}

impl Paragraph {
    /// A paragraph of one line.
    pub fn single(number: usize, text: &str) -> Self {
        Paragraph {
            number,
            text: text.to_string(),
            joins: Vec::new(),
        }
    }

    /// The line of the file that holds the byte at `offset` of the paragraph.
    pub fn line_at(&self, offset: usize) -> usize {
        // Joins are in order of their start: a binary search, not a walk (one long
        // hard-wrapped paragraph is cut into thousands of pieces, each asking).
        let after = self.joins.partition_point(|(start, _)| *start <= offset);
        after
            .checked_sub(1)
            .map_or(self.number, |last| self.joins[last].1)
    }
}

/// Joins hard-wrapped lines (a line that stops mid-sentence, followed on the very next line by
/// its continuation) into paragraphs. `lines` are report lines, without boilerplate.
pub fn rejoin<'a>(lines: impl IntoIterator<Item = &'a Line>) -> Vec<Paragraph> {
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut last_number = 0;
    for line in lines {
        let joined = match paragraphs.last_mut() {
            Some(open) if line.number == last_number + 1 && continues(&open.text, &line.folded) => {
                open.joins.push((open.text.len(), line.number));
                open.text.push_str(&line.text);
                true
            }
            _ => false,
        };
        if !joined {
            paragraphs.push(Paragraph::single(line.number, &line.text));
        }
        last_number = line.number;
    }
    paragraphs
}

/// Whether `next` continues the paragraph `open` (wrapped by a PDF copy).
fn continues(open: &str, next: &str) -> bool {
    if open.ends_with(FINAL) || heading_level(next).is_some_and(|level| level > 0) {
        return false;
    }
    let tail = next.chars().count() <= MAX_TAIL_CHARS && !next.contains(is_punctuation);
    let heading_only = heading_level(open).is_some() && !split_heading(open).1;
    if heading_only {
        tail
    } else {
        tail || open.chars().count() >= MIN_WRAPPED_CHARS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        clean_lines(text)
    }

    fn paragraphs(text: &str) -> Vec<(usize, String)> {
        rejoin(lines(text).iter().filter(|l| l.boilerplate.is_none()))
            .into_iter()
            .map(|p| (p.number, p.text))
            .collect()
    }

    #[test]
    fn pdf_wrapped_lines_become_one_paragraph() {
        // Lines 10 and 11 of 003_….txt.
        let first = "2、七月疫情概况：其它感染腹泻18例、痢疾13例、乙肝4例、手足口病2例、水痘2例、尖锐湿疣1例、结核2例。分析：总体情";
        let second = "况尚可、未发生疫情流行、因天气因素本月痢疾呈上升趋势，比六月";
        let text = format!("{first}\n{second}\n\n各社区卫生服务中心认真落实各项措施，为\n进一步提高服务质量打下了基础。");
        let got = paragraphs(&text);
        assert_eq!(got[0], (1, format!("{first}{second}")));
        let joined = &rejoin(lines(&text).iter())[0];
        assert_eq!(joined.line_at(0), 1);
        assert_eq!(
            joined.line_at(first.len()),
            2,
            "the second line starts where the first ends"
        );
        assert_eq!(
            got[1],
            (
                4,
                "各社区卫生服务中心认真落实各项措施，为进一步提高服务质量打下了基础。".to_string()
            )
        );
    }

    #[test]
    fn a_wrapped_heading_is_joined_but_a_heading_and_its_paragraph_are_not() {
        let got = paragraphs("一、上半\n年重点工作进展\n（一）新农合保障水平进一步提高。\n一、贯标工作\n2024年7月12日，区人民政府召开大会。");
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "一、上半年重点工作进展",
                "（一）新农合保障水平进一步提高。",
                "一、贯标工作",
                "2024年7月12日，区人民政府召开大会。"
            ]
        );
    }

    #[test]
    fn lines_apart_or_finished_are_not_joined() {
        let got = paragraphs(
            "全县卫健系统以高质量发展为主题\n\n现将有关情况汇报如下:\n一是持续强化医德医风。",
        );
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn pinyin_is_removed_and_boilerplate_marked() {
        let got = lines("當前位置:首頁 > 工作總結\n全市衛(wèi)生工作堅持以科學發(fā)展觀為指導\n文章导读\n摘要重复了正文。");
        assert_eq!(got[0].boilerplate, Some("breadcrumb"));
        assert_eq!(got[1].text, "全市衛生工作堅持以科學發展觀為指導");
        assert_eq!(got[1].folded, "全市卫生工作坚持以科学发展观为指导");
        assert_eq!(got[1].boilerplate, None);
        assert_eq!(got[3].boilerplate, Some("teaser"));
    }
}
