//! Cutting a report's lines into passages: what a person would quote. A passage is a
//! paragraph (a line of the file); a long one is cut at sentence ends into pieces of at most
//! [`MAX_PASSAGE_CHARS`]. Each passage knows the headings it sits under.

use super::chars::SENTENCE_STOPS;
use super::headings::{heading_level, split_heading, HeadingStack};
use super::lines::Paragraph;

/// Longest passage, in characters, before a paragraph is cut at sentence ends.
pub const MAX_PASSAGE_CHARS: usize = 300;

/// A paragraph is cut only after a sentence stop (`chars::SENTENCE_STOPS`), or, in a sentence
/// longer than a passage, after one of `CLAUSE_ENDS`.
/// Closing marks that stay with the sentence they close: 。” 。）
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '"', '\''];
const CLAUSE_ENDS: &[char] = &['，', ',', '、', '：', ':'];

/// One passage of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// The passage as written in the file (trimmed).
    pub text: String,
    /// 1-based line of the file where the passage starts.
    pub line: usize,
    /// The headings it sits under, outermost first, joined by " › "; empty when none.
    pub heading: String,
}

/// Cuts paragraphs into passages. `title` is the report's title: a line repeating it is not a
/// heading (it is in every passage's title field), only a passage under no heading. A heading
/// line is a passage too, under the headings above it, so that every line of the report is
/// found at its own `path:line`, as grep finds it.
pub fn split_passages(paragraphs: &[Paragraph], title: &str) -> Vec<Passage> {
    let mut passages = Vec::new();
    let mut headings = HeadingStack::default();
    for paragraph in paragraphs {
        let line = paragraph.text.as_str();
        if line.is_empty() {
            continue;
        }
        if line == title {
            push_paragraph(&mut passages, paragraph, "");
            continue;
        }
        let Some(level) = heading_level(line) else {
            push_paragraph(&mut passages, paragraph, &headings.path());
            continue;
        };
        let (heading, body) = split_heading(line);
        let above = headings.path_above(level);
        headings.push(level, heading);
        let under = if body { headings.path() } else { above };
        push_paragraph(&mut passages, paragraph, &under);
    }
    passages
}

fn push_paragraph(passages: &mut Vec<Passage>, paragraph: &Paragraph, heading: &str) {
    let text = paragraph.text.as_str();
    for piece in cut_long_paragraph(text, MAX_PASSAGE_CHARS) {
        // Pieces are slices of the paragraph: their offset tells the line they start on.
        let offset = piece.as_ptr() as usize - text.as_ptr() as usize;
        passages.push(Passage {
            text: piece.to_string(),
            line: paragraph.line_at(offset),
            heading: heading.to_string(),
        });
    }
}

/// Cuts a paragraph into pieces of at most `max` characters, at sentence ends where it can,
/// else after a comma, else anywhere. Pieces are slices of the paragraph, in order, covering
/// all of it.
pub fn cut_long_paragraph(paragraph: &str, max: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = paragraph;
    // Whether more than `max` characters remain, asked of the first `max + 1` only: counting
    // all of a long rest before each cut made one 8 MB line quadratic.
    while rest.chars().nth(max).is_some() {
        let cut = best_cut(rest, max);
        let (piece, tail) = rest.split_at(cut);
        pieces.push(piece.trim());
        rest = tail.trim_start();
    }
    if !rest.trim().is_empty() {
        pieces.push(rest.trim());
    }
    pieces
}

/// The byte offset of the last good cut within the first `max` characters of `text`.
fn best_cut(text: &str, max: usize) -> usize {
    let window_end = text
        .char_indices()
        .nth(max)
        .map_or(text.len(), |(at, _)| at);
    let window = &text[..window_end];
    let after = |ends: &[char]| -> Option<usize> {
        let mut chars = window.char_indices().peekable();
        let mut best = None;
        // Characters up to and including the one at hand.
        let mut count = 0;
        while let Some((at, c)) = chars.next() {
            count += 1;
            if ends.contains(&c) {
                let mut end = at + c.len_utf8();
                while let Some(&(next_at, next)) = chars.peek() {
                    if !CLOSERS.contains(&next) {
                        break;
                    }
                    end = next_at + next.len_utf8();
                    count += 1;
                    chars.next();
                }
                // A cut in the first third would leave a scrap: look further.
                if count >= max / 3 {
                    best = Some(end);
                }
            }
        }
        best
    };
    after(SENTENCE_STOPS)
        .or_else(|| after(CLAUSE_ENDS))
        .unwrap_or(window_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(text: &str) -> Vec<Paragraph> {
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| Paragraph::single(i + 1, l.trim()))
            .collect()
    }

    #[test]
    fn each_paragraph_is_a_passage_with_its_line_and_headings() {
        let text = "东安县卫生健康局2020年工作总结\n\n一、工作开展情况。\n\n(一)医药卫生体制改革持续深化\n\n一是持续强化医德医风。\n(二)重点项目建设稳步推进\n针对疫情防控暴露的短板。\n二、工作亮点\n在全省率先启动。";
        let passages = split_passages(&numbered(text), "东安县卫生健康局2020年工作总结");
        let got: Vec<(&str, usize, &str)> = passages
            .iter()
            .map(|p| (p.text.as_str(), p.line, p.heading.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                // Title and heading lines are found like any other line.
                ("东安县卫生健康局2020年工作总结", 1, ""),
                ("一、工作开展情况。", 3, ""),
                ("(一)医药卫生体制改革持续深化", 5, "一、工作开展情况"),
                (
                    "一是持续强化医德医风。",
                    7,
                    "一、工作开展情况 › (一)医药卫生体制改革持续深化"
                ),
                ("(二)重点项目建设稳步推进", 8, "一、工作开展情况"),
                (
                    "针对疫情防控暴露的短板。",
                    9,
                    "一、工作开展情况 › (二)重点项目建设稳步推进"
                ),
                ("二、工作亮点", 10, ""),
                ("在全省率先启动。", 11, "二、工作亮点"),
            ]
        );
    }

    #[test]
    fn a_heading_with_a_sentence_after_it_is_both_heading_and_passage() {
        let text = "一、常态化疫情防控成效显著。进入常态化以来，始终坚持防控策略。\n二是另一段。";
        let passages = split_passages(&numbered(text), "");
        assert_eq!(passages.len(), 2);
        assert_eq!(
            passages[0].text,
            "一、常态化疫情防控成效显著。进入常态化以来，始终坚持防控策略。"
        );
        assert_eq!(passages[0].heading, "一、常态化疫情防控成效显著");
        assert_eq!(passages[1].heading, "一、常态化疫情防控成效显著");
    }

    #[test]
    fn every_heading_line_is_a_passage_whether_or_not_text_follows() {
        let text = "一、空的一节\n二、有内容的一节\n内容在这里。\n三、最后也是空的";
        let passages = split_passages(&numbered(text), "");
        let got: Vec<(&str, &str)> = passages
            .iter()
            .map(|p| (p.text.as_str(), p.heading.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("一、空的一节", ""),
                ("二、有内容的一节", ""),
                ("内容在这里。", "二、有内容的一节"),
                ("三、最后也是空的", ""),
            ]
        );
    }

    #[test]
    fn long_paragraph_is_cut_at_sentence_ends_and_loses_nothing() {
        let sentence = "全面落实家庭医生签约服务政策，做实做细签约服务。";
        let paragraph = sentence.repeat(40);
        let pieces = cut_long_paragraph(&paragraph, MAX_PASSAGE_CHARS);
        assert!(pieces.len() > 1);
        for piece in &pieces {
            assert!(piece.chars().count() <= MAX_PASSAGE_CHARS, "{piece}");
            assert!(piece.ends_with('。'), "cut mid-sentence: {piece}");
        }
        assert_eq!(pieces.concat(), paragraph);
    }

    #[test]
    fn a_sentence_longer_than_a_passage_is_cut_at_a_comma_then_anywhere() {
        let clauses = "推进医共体建设，".repeat(60);
        let pieces = cut_long_paragraph(&clauses, 100);
        assert!(pieces
            .iter()
            .all(|p| p.chars().count() <= 100 && p.ends_with('，')));
        let no_breaks = "卫".repeat(250);
        let pieces = cut_long_paragraph(&no_breaks, 100);
        assert_eq!(
            pieces.iter().map(|p| p.chars().count()).collect::<Vec<_>>(),
            [100, 100, 50]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        let paragraph = format!("{}。”{}", "甲".repeat(50), "乙".repeat(80));
        let pieces = cut_long_paragraph(&paragraph, 100);
        assert!(pieces[0].ends_with("。”"), "{pieces:?}");
    }
}
